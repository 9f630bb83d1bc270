"""What a reminder says: its subject and lines for each kind, the weekly digest, the channels' own lines.

:mod:`portal.figures.reminders` decides which reminders are due and words them here; :mod:`portal.output.channels`
sends them (an e-mail, a 企业微信 or 钉钉 robot's Markdown) with the lines below.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from .numbers import cn_date, cn_minute

#: Each kind of reminder, as the dry run lists it.
KIND_NAMES = {
    "request_soon": "约稿将到期",
    "request_missed": "约稿已逾期",
    "urgent_soon": "紧急信息将超时",
    "urgent_due": "紧急信息已超时",
    "quota": "报送任务未完成",
    "digest": "每周汇总",
}
#: Who a reminder for the office goes to, when no section is named.
OFFICE = "办公室"
#: The channels by type, as the ``remind`` command lists them.
CHANNEL_NAMES = {"email": "邮件", "wecom": "企业微信群机器人", "dingtalk": "钉钉群机器人"}
#: The e-mail's last line.
FOOTER = "（信息报送门户自动提醒，请勿直接回复）"
#: The last line of robot messages; it holds 信息报送, the keyword for 钉钉's "自定义关键词" security option.
ROBOT_FOOTER = "—— 信息报送门户自动提醒"
#: The link to the page a reminder is about: in an e-mail (``{link}``: the address), and a robot's link text.
VIEW = "查看：{link}"
VIEW_DETAILS = "查看详情"


def _when(left: int) -> str:
    return "今天" if left == 0 else f"还有 {left} 天"


def request_soon(title: str, request_id: str, section: str, deadline: date, left: int) -> tuple[str, tuple[str, ...]]:
    """A 约稿 not answered yet, ``left`` days before its deadline: subject and lines."""
    subject = f"【约稿提醒】《{title}》将于{cn_date(deadline)}截止（{_when(left)}截止）"
    lines = (
        f"{section}：约稿《{title}》（{request_id}）的截止日期是{cn_date(deadline)}，{_when(left)}截止，贵股室尚未报送。",
        "请按时报送，逾期按迟报或漏报扣分。",
    )
    return subject, lines


def request_missed(title: str, request_id: str, section: str, deadline: date, late: int) -> tuple[str, tuple[str, ...]]:
    """A 约稿 not answered ``late`` days after its deadline: subject and lines."""
    subject = f"【约稿逾期】《{title}》已过截止日期，尚未报送（逾期 {late} 天）"
    lines = (
        f"{section}：约稿《{title}》（{request_id}）已于{cn_date(deadline)}截止，贵股室尚未报送，目前按漏报计。",
        "请尽快补报（补报按迟报计）。",
    )
    return subject, lines


def urgent(
    title: str, section: str, event_time: datetime, due: datetime, limit: str, minutes: int
) -> tuple[str, tuple[str, ...]]:
    """An urgent event not reported yet, ``minutes`` before its due time (0: the time is up): subject and lines."""
    if minutes:
        subject = f"【紧急信息】《{title}》须在{due:%H:%M}前报送（还剩 {minutes} 分钟）"
        lead = f"距报送时限还有 {minutes} 分钟，目前尚未报送。"
    else:
        subject = f"【紧急信息超时】《{title}》已到报送时限，尚未报送"
        lead = "报送时限已到，目前尚未报送，按超时计。"
    lines = (
        f"{section}：重大紧急事件《{title}》发生于{cn_minute(event_time)}，"
        f"须在 {limit} 小时内、即{cn_minute(due)}前报送。",
        lead,
        "报送后请在该信息中填写 reported_time。",
    )
    return subject, lines


def quota_title(section: str, period_label: str) -> str:
    return f"{section}{period_label}报送任务"


def quota(
    section: str, period_label: str, quota: int, submitted: int, as_of: datetime, month_end: date, left: int
) -> tuple[str, tuple[str, ...]]:
    """A section behind its month's quota, ``left`` days before the month ends: subject and lines."""
    subject = f"【任务提醒】{section}{period_label}已报送 {submitted} 条，任务 {quota} 条（距月底 {left} 天）"
    lines = (
        f"{section}：{period_label}的报送任务是 {quota} 条，"
        f"截至{cn_minute(as_of)}已报送 {submitted} 条，还差 {quota - submitted} 条。",
        f"距月底（{cn_date(month_end)}）还有 {left} 天。",
    )
    return subject, lines


def digest_title(organization: str) -> str:
    return f"{organization}信息报送每周汇总"


def digest_subject(organization: str, day: date) -> str:
    return f"【每周汇总】{organization}信息报送（{cn_date(day)}）"


def digest_request_due(title: str, deadline: date, sections: Sequence[str]) -> str:
    return f"约稿《{title}》{cn_date(deadline)}截止，未报：{'、'.join(sections)}"


def digest_request_missed(title: str, deadline: date, sections: Sequence[str]) -> str:
    return f"约稿《{title}》{cn_date(deadline)}已截止，漏报：{'、'.join(sections)}"


def digest_urgent_due(title: str, section: str, due: datetime) -> str:
    return f"紧急信息《{title}》（{section}）须在{cn_minute(due)}前报送"


def digest_urgent_overdue(title: str, section: str, due: datetime) -> str:
    return f"紧急信息《{title}》（{section}）{cn_minute(due)}超时未报"


def digest_lines(as_of: datetime, due: Sequence[str], missed: Sequence[str]) -> list[str]:
    """The digest's body: 截至…：, then 待报 and 逾期, each a list or 无."""
    lines = [f"截至{cn_minute(as_of)}："]
    lines.append("待报：" + ("无" if not due else ""))
    lines += [f"- {line}" for line in due]
    lines.append("逾期：" + ("无" if not missed else ""))
    lines += [f"- {line}" for line in missed]
    return lines


def dry_run_line(at: datetime, kind: str, section: str, office: bool, title: str, link: str) -> str:
    """``2026-03-12 08:30  约稿将到期  甲股  《title》  link`` (the dry run without channels); to the section, the
    office (``甲股、办公室``) or the office alone.
    """
    who = (f"{section}、{OFFICE}" if office else section) if section else OFFICE
    return f"{at:%Y-%m-%d %H:%M}  {KIND_NAMES[kind]}  {who}  《{title}》  {link}"


def robot_recipients(names: Sequence[str], mentioned: Sequence[str] = ()) -> str:
    """Who a robot message goes to, as the command line prints it: ``甲股、乙股``, with the mobiles it @-mentions
    (masked) after them: ``甲股（@138****0000）``.
    """
    return "、".join(names) + ("（" + "、".join(mentioned) + "）" if mentioned else "")
