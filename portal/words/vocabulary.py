"""The portal's Chinese words, said once: columns, statuses, levels, praise and reminders.

A column is one :class:`Column` spec (key, 中文 header, accessor, format);
the CLI table, the generated pages, the Word bulletin and the Excel workbook
all pick their columns here by key, and templates print ``H.key`` (the
header) and ``STATUS_LABELS``/``LEVEL_NAMES`` instead of repeating the words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..figures.tally import PersonRow, SectionRow, number

#: Adoption and instruction levels, low to high (keys as in :data:`portal.model.LEVELS`).
LEVEL_NAMES = {"bureau": "本局", "county": "县级", "city": "市级", "province": "省级", "national": "国家级"}

#: Request and urgent-event statuses (SPEC §5) and the badge colour each one gets.
STATUS_LABELS = {"on_time": "按时", "late": "迟报", "missed": "漏报", "pending": "待报", "overdue": "超时未报"}
STATUS_CLASS = {"on_time": "ok", "late": "warn", "missed": "bad", "pending": "wait", "overdue": "bad"}

#: The Excel bulletin's sheets.
SHEET_NAMES = {
    "text": "通报",
    "sections": "股室",
    "breakdown": "得分构成",
    "people": "个人",
    "requests": "约稿",
    "urgent": "紧急事件",
}

#: The kind of bulletin a period gets (page title) and its document title's last word.
BULLETIN_KIND = {"month": "月度通报", "quarter": "季度通报", "year": "年度考评"}


def percent(value: float) -> str:
    """0.125 → ``12.5%`` (one decimal, as every table shows an adoption rate)."""
    return f"{value:.1%}"


def plain(value: Any) -> str:
    return str(value)


@dataclass(frozen=True)
class Column:
    """One column of a table.

    ``get`` reads the raw value (numbers stay numbers, for Excel); ``text`` is how a page, the CLI and Word
    print it.
    """

    key: str
    header: str
    get: Callable[[Any], Any]
    fmt: Callable[[Any], str] = plain
    numeric: bool = True
    width: int = 9  # Excel column width
    short: str = ""  # header in the narrow CLI table, when shorter than ``header``
    excel_format: str = ""  # an Excel number format ("0.0%")

    def text(self, row: Any) -> str:
        return self.fmt(self.get(row))


def _section(key: str, header: str, get: Callable[[SectionRow], Any], **kw: Any) -> Column:
    return Column(key, header, get, **kw)


SECTION_COLUMNS: tuple[Column, ...] = (
    _section("rank", "排名", lambda r: r.rank, width=6),
    _section("section", "股室", lambda r: r.section, numeric=False, width=26),
    _section("head", "负责人", lambda r: r.head, numeric=False, width=8),
    _section("submitted", "报送", lambda r: r.submitted),
    _section("quota", "任务数", lambda r: r.quota),
    _section("adopted", "采用", lambda r: r.adopted),
    _section("adoptions", "采用次数", lambda r: r.adoptions),
    _section("adoption_rate", "采用率", lambda r: r.adoption_rate, fmt=percent, excel_format="0.0%"),
    _section("instructions", "批示", lambda r: r.instructions),
    _section("good", "好信息", lambda r: r.good),
    _section("request_on_time", "约稿按时", lambda r: r.requests["on_time"], short="按时"),
    _section("request_late", "约稿迟报", lambda r: r.requests["late"], short="迟报"),
    _section("request_missed", "约稿漏报", lambda r: r.requests["missed"], short="漏报"),
    _section("urgent_on_time", "紧急按时", lambda r: r.urgent["on_time"]),
    _section("urgent_late", "紧急迟报", lambda r: r.urgent["late"]),
    _section("urgent_overdue", "紧急超时", lambda r: r.urgent["overdue"], short="超时"),
    _section("score", "得分", lambda r: number(r.score)),
)


def _person(key: str, header: str, get: Callable[[PersonRow], Any], **kw: Any) -> Column:
    return Column(key, header, get, **kw)


PEOPLE_COLUMNS: tuple[Column, ...] = (
    _person("author", "作者", lambda p: p.author, numeric=False, width=10),
    _person("section", "股室", lambda p: p.section, numeric=False, width=26),
    _person("submitted", "报送", lambda p: p.submitted, width=8),
    _person("adopted", "采用", lambda p: p.adopted, width=8),
    _person("good", "好信息", lambda p: p.good, width=8),
    _person("score", "得分", lambda p: number(p.score), width=8),
)

#: The columns of the printed (CLI) table. The ranking table lists its own, on the page (``bulletin.md.j2``) and in
#: Word (:func:`portal.export.ranking_table`); Excel takes every column of :data:`SECTION_COLUMNS`.
CLI_SECTION_KEYS = (
    "rank",
    "section",
    "submitted",
    "quota",
    "adopted",
    "adoption_rate",
    "instructions",
    "good",
    "request_on_time",
    "request_late",
    "request_missed",
    "urgent_overdue",
    "score",
)


def columns(specs: Iterable[Column], keys: Iterable[str]) -> tuple[Column, ...]:
    """The specs named by ``keys``, in that order."""
    by_key = {c.key: c for c in specs}
    return tuple(by_key[k] for k in keys)


#: Header words by key, for templates (``H.submitted`` → 报送), plus the few headers only pages show.
H: dict[str, str] = {
    **{c.key: c.header for c in PEOPLE_COLUMNS},
    **{c.key: c.header for c in SECTION_COLUMNS},
    "quota_done": "任务完成",
    "month": "月份",
    "first": "第一名",
    "monthly_quota": "每月任务",
    "adopter": "采用单位",
    "report_date": "报送日期",
    "title": "标题",
    "status": "状态",
    "event": "事件",
    "event_time": "发生时间",
    "due": "应报时限",
    "reported_time": "上报时间",
}

# --- phrasing of a 通报 ----------------------------------------------------------------------

PRAISE = "综合得分位居前列，予以通报表扬。"
NO_PRAISE = "本期暂无得分为正的股室，不予表扬。"
ALL_DONE = "本期各股室均按要求完成报送任务。"
#: The 提醒 part of a bulletin made before its period ends, when nothing needs a reminder yet (quotas are only
#: reminded once the period has ended: see docs/decisions.md, issue 25).
ALL_DONE_SO_FAR = "截至目前，暂无需要提醒的事项；报送任务完成情况待本期结束后通报。"
#: Why a leading section (within the top ``bulletin.praise`` ranks, score above 0) is not praised, first reason
#: that holds (see :func:`portal.bulletin.held_back`).
HELD_BACK = {
    "no_reports": "本期未报送信息",
    "failed": "考核不达标",
    "no_praise": "按计分办法不在表扬之列",
    "reminded": "有提醒事项",
}
#: Why a praised section is praised, each said only where it holds (see :func:`portal.bulletin.praise_reasons`).
PRAISE_REASONS = {"volume": "报送数量多", "rate": "采用率高", "instructions": "获领导批示"}
REMINDERS = {
    "zero": "本期未报送信息，请高度重视，明确专人负责。",
    "quota": "未完成报送任务，尚差 {count} 条。",
    "missed": "约稿《{detail}》漏报。",
    "late_request": "约稿《{detail}》迟报。",
    "urgent_late": "重大紧急事件《{detail}》未在规定时限内上报（迟报）。",
    "urgent_overdue": "重大紧急事件《{detail}》超时未报，请立即补报。",
    "incident": "扣分事项“{detail}”，请认真整改。",
}
#: The numbered parts of a 通报, in order (a part without content is left out and the numbers close up).
PARTS = {
    "ranking": "各股室报送采用情况",
    "praise": "表扬",
    "reminders": "提醒",
    "people": "个人报送情况",
    "requests": "约稿完成情况",
    "urgent": "重大紧急事件报送情况",
    "next_steps": "下一步工作要求",
}
NO_PEOPLE = "本期无署名信息。"
NUMERALS = "一二三四五六七八九十"

#: where a score comes from (SPEC §6's ``breakdown``), in display order
BREAKDOWN = {
    "reports": "报送采用批示",
    "requests": "约稿",
    "urgent": "紧急",
    "incidents": "扣分事项",
    "period": "考核",
}
PASSED = {True: "达标", False: "不达标"}


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二 (1 to 19)."""
    return NUMERALS[n - 1] if n <= 10 else f"十{NUMERALS[n - 11]}"


def cn_date(day: date | datetime) -> str:
    """A date as a 公文 writes it, without leading zeros: 2026年1月5日."""
    return f"{day.year}年{day.month}月{day.day}日"


def praise_sentence(praised: Iterable[tuple[str, Iterable[str]]]) -> str:
    """表扬 with the reasons that hold: ``甲股报送数量多、采用率高，乙股获领导批示，综合得分位居前列，予以通报表扬。``
    (``praised``: section name and reason keys); the sentence for a period without praise when empty.
    """
    named: list[str] = []
    bare: list[str] = []
    for name, reasons in praised:
        words = "、".join(PRAISE_REASONS[r] for r in reasons)
        (named if words else bare).append(f"{name}{words}")
    if not named and not bare:
        return NO_PRAISE
    clauses = [*named, "、".join(bare)] if bare else named
    return "，".join(clauses) + ("" if bare else "，") + PRAISE


def held_back_sentence(held: Iterable[tuple[str, str]]) -> str:
    """No praise although some leading sections scored above 0: who and why, grouped by reason in the order of
    :data:`HELD_BACK`: ``得分位居前列的甲股、乙股有提醒事项，丙股考核不达标，本期不予表扬。``
    (``held``: section name and reason key).
    """
    by_reason: dict[str, list[str]] = {}
    for name, reason in held:
        by_reason.setdefault(reason, []).append(name)
    clauses = ["、".join(by_reason[k]) + HELD_BACK[k] for k in HELD_BACK if k in by_reason]
    return "得分位居前列的" + "，".join(clauses) + "，本期不予表扬。"


#: Why the 个人 totals differ from the 股室 totals, each said only where it holds (see
#: :func:`portal.bulletin.people_differences`).
PEOPLE_DIFFERENCES = {
    "unsigned": "{n}条信息未署作者，只计入股室",
    "joint_sections": "{n}条合报信息在每个合报股室各计1条",
    "joint_authors": "{n}条多人合写的信息每位作者各计1条、得分由作者平分",
    "joint_each": "合报信息的得分在每个合报股室全额计入",
    "prices": "约稿、紧急事件、扣分事项和考核加减分只计入股室，不计入个人",
    "average": "股室得分按平均分计",
}


def people_note(people: tuple[int, float], sections: tuple[int, float], reasons: Iterable[str]) -> str:
    """``注：个人合计报送245条、得分948分，股室合计报送265条、得分794分，两者不同是因为：…。``
    (``people``/``sections``: submitted and score totals; ``reasons``: the texts that hold).
    """
    return (
        f"注：个人合计报送{people[0]}条、得分{number(people[1])}分，股室合计报送{sections[0]}条、"
        f"得分{number(sections[1])}分，两者不同是因为：" + "；".join(reasons) + "。"
    )


def pass_note(rules: Iterable[str]) -> str:
    """What 达标 means, from the configured ``pass`` rows (each described by
    :func:`portal.rules.describe_period`).
    """
    return (
        "注：“考核结果”按计分办法评定（" + "；".join(rules) + "），本期内每个考核期都达标的为“达标”，否则为“不达标”。"
    )


def period_line(start: date, end: date, as_of: datetime, complete: bool) -> str:
    """``统计期间：2026年3月1日至2026年3月31日`` and, before the period has ended,
    ``（截至2026年3月6日 18:00，本期尚未结束）``.
    """
    line = f"统计期间：{cn_date(start)}至{cn_date(end)}"
    return line if complete else f"{line}（截至{cn_minute(as_of)}，本期尚未结束）"


def cn_minute(moment: datetime) -> str:
    """A moment as people read it: 2026年3月6日 18:00."""
    return f"{cn_date(moment)} {moment:%H:%M}"


def reminder_sentence(kind: str, detail: str = "", count: int = 0) -> str:
    return REMINDERS[kind].format(detail=detail, count=count)


def bulletin_title(period_label: str, yearly: bool) -> str:
    """``关于2026年3月政务信息报送情况的通报`` (a year: ``…的考评通报``)."""
    return f"关于{period_label}政务信息报送情况的{'考评通报' if yearly else '通报'}"


def summary_sentence(period_label: str, totals: Any, level_counts: Iterable[tuple[str, int]], space: str = "") -> str:
    """The bulletin's opening figures, as the web page, the Word and the Excel bulletin print them
    (``space`` goes around each number: the web page sets them apart in bold).
    """

    def n(value: int) -> str:
        return f"{space}{value}{space}"

    levels = "，".join(f"{name}{n(c)}次" for name, c in level_counts)
    return (
        f"{period_label}，全局共报送政务信息{n(totals.submitted)}条"
        + (f"（任务数{n(totals.quota)}条）" if totals.quota else "")
        + f"，被各级采用{n(totals.adopted)}条、{n(totals.adoptions)}次"
        + (f"（{levels}）" if levels else "")
        + f"，好信息{n(totals.good)}条，获领导批示{n(totals.instructions)}件。现将有关情况通报如下："
    )
