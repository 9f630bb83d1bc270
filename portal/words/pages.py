"""The web pages' own words: their titles and their charts' captions.

What the pages show of a bulletin is said in :mod:`portal.words.bulletin`, their table headers in
:data:`portal.words.vocabulary.H`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from .numbers import cn_date, cn_minute, number
from .vocabulary import NO_VALUE, H

#: The generated pages' titles (navigation, browser tab).
TITLES = {
    "home": "首页",
    "bulletins": "通报",
    "sections": "股室",
    "requests": "约稿",
    "overdue": "紧急事件",
    "reports": "全部信息",
    "periodicals": "简报",
    "broken": "文件有错误",
}


def month_reports_title(period_label: str) -> str:
    """A month's list of reports: ``2026年3月信息``."""
    return f"{period_label}信息"


def periodical_title(name: str) -> str:
    """A periodical's page: ``《民政信息》``."""
    return f"《{name}》"


def incident_title(section: str, kind: str) -> str:
    """An incident's page: ``扣分事项：社会救助股被通报``."""
    return f"扣分事项：{section}{kind}"


def scores_chart(period_label: str) -> str:
    """The bulletin's and the home page's bar chart of scores: ``2026年3月各股室得分``."""
    return f"{period_label}各股室{H['score']}"


def volume_chart(period_label: str) -> str:
    """The bulletin's bar chart of reports and adoptions: ``2026年3月报送与采用``."""
    return f"{period_label}{H['submitted']}与{H['adopted']}"


def trend_chart(section: str, months: int) -> str:
    """A section's trend chart: ``社会救助股近12个月报送、采用与得分``."""
    return f"{section}近{months}个月{H['submitted']}、{H['adopted']}与{H['score']}"


def month_label(year: int, month: int, with_year: bool) -> str:
    """A month along a chart's axis: ``2026年1月`` (the first and each January), else ``2月``."""
    return f"{year}年{month}月" if with_year else f"{month}月"


#: The browser editor's (``admin/``) collections, and its forms' labels by field (the same field in two forms is
#: told apart: ``adopted_date``, ``incident_date``).
COLLECTIONS = {
    "requests": "约稿",
    "incidents": "通报与查实",
    "periodicals": "简报",
    "reports": "信息",
}
EDITOR_LABELS = {
    "body": "正文",
    "draft": "草稿（不计分、不发布）",
    "title": "标题",
    "section": "股室",
    "author": "作者",
    "kind": "信息类型",
    "report_date": "报送时间",
    "urgent": "重大紧急事件",
    "event_time": "事件发生时间（紧急事件）",
    "severity": "事件级别（紧急事件）",
    "reported_time": "向上级报告时间（紧急事件）",
    "request": "所答约稿",
    "tags": "标签（逗号分隔）",
    "classification": "密级标注",
    "adopted_by": "采用单位",
    "adopted_date": "采用日期",
    "adopted_form": "采用形式（如 专报、简报）",
    "instruction_by": "批示领导（职务和姓名）",
    "instruction_level": "批示级别",
    "instruction_date": "批示日期",
    "instruction_note": "批示内容",
    "issued": "发文日期",
    "deadline": "截止日期",
    "sections": "约稿股室（不选为全部）",
    "incident_date": "日期",
    "incident_type": "类型",
    "incident_report": "涉及的信息（如 reports/2026/03/2026-03-05-jiuzhu-1.md）",
    "item_report": "信息（如 reports/2026/03/2026-03-05-jiuzhu-1.md）",
    "column": "栏目",
    "number": "期号",
    "total": "总期号",
    "issue_date": "编发日期",
    "editor": "责任编辑",
    "signer": "签发",
    "publication": "刊物",
    "adopted": "采用",
    "instructions": "领导批示",
    "instruction": "批示",
    "items": "编入的信息",
    "item": "信息",
}


# --- the pages' sentences and labels ------------------------------------------------------------------------------

#: The labels beside a report's, an incident's or a 约稿's facts in its panel.
LABELS = {
    "section": "股室",
    "author": "作者",
    "signed_by": "签发",
    "kind": "类型",
    "date": "报送时间",
    "classification": "密级",
    "status": "状态",
    "adopted": "采用",
    "issues": "编入简报",
    "instructions": "领导批示",
    "request": "约稿",
    "urgent": "紧急事件",
    "incidents": "扣分事项",
    "score": "得分",
    "incident_type": "类型",
    "incident_date": "日期",
    "incident_report": "所涉信息",
    "request_id": "编号",
    "issued": "下发日期",
    "deadline": "截止日期",
}
#: The badges and short words of the panels and lists.
BADGES = {
    "joint": "合报",
    "draft": "草稿，不计入统计",
    "report_later": "报送时间晚于统计时点，暂不计入",
    "incident_later": "日期晚于统计时点，暂不计入",
    "not_adopted": "未采用",
    "good": "好信息",
    "urgent": "紧急",
}
#: What every address of ``make serve``'s site shows while the content has errors (the errors listed below).
BUILD_FAILED = {
    "title": "构建失败",
    "heading": "构建失败：网站未更新",
    "hint": "修改下列问题并保存后，页面会自动刷新。",
}
REQUEST_LATER = "本约稿的下发日期晚于统计时点，尚未生效。"
NOTHING = "无。"
#: The home page's headings and counters (``{days}``: how far back the counters look).
HOME = {
    "to_do": "需要处理",
    "latest_adoptions": "最新采用",
    "latest_reports": "最新报送",
    "card_overdue": "紧急事件超时未报（近{days}天）",
    "card_missed": "约稿有漏报（近{days}天）",
    "card_due_soon": "约稿即将到期",
    "card_pending_urgent": "紧急事件待报",
    "alert_overdue": "超时未报：",
    "alert_pending": "紧急事件待报：",
    "alert_missed": "约稿漏报：",
    "alert_due_soon": "约稿即将到期：",
}
URGENT_TITLE = "重大紧急事件"
REQUESTS_TITLE = "约稿通知"
ALL_MONTHS = "全部月份"
MONTHS = "逐月情况"
PEOPLE_THIS_YEAR = "本年个人情况"
INCIDENTS = "扣分事项"
ALL_REPORTS = "全部信息"
NO_PUBLIC = "暂无公开信息。"


def _minute(moment: datetime | None) -> str:
    return cn_minute(moment) if moment else NO_VALUE


def home_title(organization: str) -> str:
    return f"{organization} · 信息报送门户"


def as_of_line(as_of: datetime, month: str) -> str:
    """Under the home page's title: ``数据截至 2026年3月6日 18:00 · 当前月份：2026年3月``."""
    return f"数据截至 {cn_minute(as_of)} · 当前月份：{month}"


def overdue_alert(section: str, event_time: datetime | None, due: datetime | None) -> str:
    """After an overdue urgent event's title: ``（甲股，事件发生于 …，应于 … 前上报）``."""
    return f"（{section}，事件发生于 {_minute(event_time)}，应于 {_minute(due)} 前上报）"


def pending_alert(section: str, due: datetime | None) -> str:
    return f"（{section}，应于 {_minute(due)} 前上报）"


def missed_alert(deadline: date, sections: Sequence[str]) -> str:
    return f"（截止 {cn_date(deadline)}）：{'、'.join(sections)}"


def due_soon_alert(deadline: date, sections: Sequence[str]) -> str:
    return f"（截止 {cn_date(deadline)}）尚未报送：{'、'.join(sections)}"


def older_overdue(count: int, days: int) -> tuple[str, str, str]:
    """The alert for overdue urgent events older than the counters look back: the words before, of and after
    the link to the 超时未报 page.
    """
    return f"另有 {count} 件紧急事件超时未报已逾{days}天，见", "超时未报", "页面。"


def standings_title(month: str) -> str:
    return f"{month}各股室排名"


def see_bulletin(period_label: str) -> str:
    return f"查看{period_label}通报 →"


def period_bulletin(period_label: str) -> str:
    return f"{period_label}通报"


def urgent_rule(hours: float, as_of: datetime) -> str:
    """The 重大紧急事件 page's lead: the time limit and the moment the figures are from."""
    return f"重大紧急事件须在事件发生后 {number(hours)} 小时内上报。数据截至 {cn_minute(as_of)}。"


def on_time_heading(on_time: str) -> str:
    """``按时上报``."""
    return f"{on_time}上报"


def counted(title: str, count: int) -> str:
    """A heading with its count: ``扣分事项（3）``."""
    return f"{title}（{count}）"


def month_reports_heading(period_label: str, count: int) -> str:
    return f"{period_label}信息（{count} 条）"


def not_issued_yet(as_of: date) -> str:
    """Before the 约稿 not issued yet at ``as_of``."""
    return f"尚未下发（下发日期在 {cn_date(as_of)} 之后）："


def also_named(aliases: Sequence[str]) -> str:
    """A section's aliases in the list of sections: ``（又名 救助股、社救股）``."""
    return f"（又名 {'、'.join(aliases)}）"


def section_line(head: str, quota: int, aliases: Sequence[str]) -> str:
    """Under a section's name: ``负责人：王五 · 每月任务数：4 · 又名：救助股``."""
    line = f"负责人：{head or NO_VALUE} · 每月任务数：{quota}"
    return line + (f" · 又名：{'、'.join(aliases)}" if aliases else "")


def urgent_facts(severity: str, event_time: datetime | None, due: datetime | None, reported: datetime | None) -> str:
    """A report's urgent event in its panel: ``一般，发生 …，时限 …，上报 …`` (or 尚未上报)."""
    line = (f"{severity}，" if severity else "") + f"发生 {_minute(event_time)}，时限 {_minute(due)}，"
    return line + (f"上报 {_minute(reported)}" if reported else "尚未上报")


def problems_title(errors: int, warnings: int) -> str:
    return f"内容有 {errors} 个错误、{warnings} 个警告：统计数据不完整，请修改下列文件后保存"


def not_published(path: str) -> str:
    return f"{path} 未能发布"


def public_title(organization: str) -> str:
    """The public site's title: ``某县民政局 · 公开信息``."""
    return f"{organization} · 公开信息"
