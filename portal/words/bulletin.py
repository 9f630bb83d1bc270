"""What a 通报 says, in its words: the parts, praise, reminders, notes and the sentences around the figures.

:mod:`portal.output.bulletin` decides what holds (who is praised, who is reminded of what) and words it here;
the page, the Word and the Excel bulletin print the same sentences.  Column headers and the names of levels and
statuses are in :mod:`portal.words.vocabulary`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from .numbers import cn_date, cn_minute, number

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

PRAISE = "综合得分位居前列，予以通报表扬。"
NO_PRAISE = "本期暂无得分为正的股室，不予表扬。"
ALL_DONE = "本期各股室均按要求完成报送任务。"
#: The 提醒 part of a bulletin made before its period ends, when nothing needs a reminder yet (quotas are only
#: reminded once the period has ended: see docs/decisions.md, issue 25).
ALL_DONE_SO_FAR = "截至目前，暂无需要提醒的事项；报送任务完成情况待本期结束后通报。"
#: Why a leading section (within the top ``bulletin.praise`` ranks, score above 0) is not praised, first reason
#: that holds (see :func:`portal.output.bulletin.held_back`).
HELD_BACK = {
    "no_reports": "本期未报送信息",
    "failed": "考核不达标",
    "no_praise": "按计分办法不在表扬之列",
    "reminded": "有提醒事项",
}
#: Why a praised section is praised, each said only where it holds (see :func:`portal.output.bulletin.praise_reasons`).
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
#: :func:`portal.output.bulletin.people_differences`).
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
    :func:`portal.words.rules.describe_period`).
    """
    return (
        "注：“考核结果”按计分办法评定（" + "；".join(rules) + "），本期内每个考核期都达标的为“达标”，否则为“不达标”。"
    )


def period_line(start: date, end: date, as_of: datetime, complete: bool) -> str:
    """``统计期间：2026年3月1日至2026年3月31日`` and, before the period has ended,
    ``（截至2026年3月6日 18:00，本期尚未结束）``.
    """
    line = f"统计期间：{cn_date(start)}至{cn_date(end)}"
    return line if complete else f"{line}（截至{cn_minute(as_of)}{NOT_ENDED}）"


def reminder_sentence(kind: str, detail: str = "", count: int = 0) -> str:
    return REMINDERS[kind].format(detail=detail, count=count)


def bulletin_title(period_label: str, yearly: bool) -> str:
    """``关于2026年3月政务信息报送情况的通报`` (a year: ``…的考评通报``)."""
    return f"关于{period_label}政务信息报送情况的{'考评通报' if yearly else '通报'}"


def summary_sentence(
    period_label: str,
    totals: Any,
    level_counts: Iterable[tuple[str, int]],
    figure: Callable[[str, int], str] = lambda key, value: str(value),
) -> str:
    """The bulletin's opening figures, as the web page, the Word and the Excel bulletin print them.

    ``figure(key, value)`` prints each number (``key``: submitted, quota, adopted, adoptions, level, good,
    instructions): as it is in the documents; the web page sets them apart, some in bold.
    """
    levels = "，".join(f"{name}{figure('level', c)}次" for name, c in level_counts)
    return (
        f"{period_label}，全局共报送政务信息{figure('submitted', totals.submitted)}条"
        + (f"（任务数{figure('quota', totals.quota)}条）" if totals.quota else "")
        + f"，被各级采用{figure('adopted', totals.adopted)}条、{figure('adoptions', totals.adoptions)}次"
        + (f"（{levels}）" if levels else "")
        + f"，好信息{figure('good', totals.good)}条，获领导批示{figure('instructions', totals.instructions)}件。"
        + "现将有关情况通报如下："
    )


#: 主送机关: the sections the 通报 is sent to.
ADDRESSEE = "各股室："
#: The page's words around the 通报 (navigation, downloads, an empty ranking).
ALL_BULLETINS = "全部通报"
DOWNLOAD = {"docx": "下载 Word", "xlsx": "下载 Excel"}
PRINT = "打印"
NOT_RANKED = "本期尚无报送，暂不排名。"
#: The year itself as the running totals' span of a year's bulletin.
WHOLE_YEAR = "全年"
#: Under a sheet's title, what it counts: 统计期间 and 数据截至 (Excel).
SHEET_PERIOD = "统计期间：{start}至{end}　数据截至：{as_of}"
NOT_ENDED = "，本期尚未结束"
#: The Excel totals row's label.
TOTAL = "合计"


def year_bulletin(period_label: str) -> str:
    """A year's bulletin in the list of bulletins: ``2026年考评``."""
    return f"{period_label}考评"


def running_label(year: int, month: int) -> str:
    """The running totals' span: ``2026年1月至3月累计``."""
    return f"{year}年1月至{month}月累计"


def running_note(label: str) -> str:
    """Under the Word ranking table: ``注：“累计”栏为2026年1月至3月累计数。``."""
    return f"注：“累计”栏为{label}数。"


def default_signer(organization: str) -> str:
    """署名 when none is configured: the organization's office."""
    return f"{organization}办公室"


def reminder_line(section: str, text: str) -> str:
    """``社会救助股：约稿《…》漏报。`` as listed in the bulletin."""
    return f"{section}：{text}"


def incident_detail(kind: str, day: date | datetime) -> str:
    """An incident as a reminder names it: ``被通报（2026年3月5日）``."""
    return f"{kind}（{cn_date(day)}）"


def praise_paragraph(period_label: str, text: str, praised: bool) -> str:
    """The 表扬 part: ``2026年3月，甲股报送数量多…予以通报表扬。``; the sentence alone when nobody is praised."""
    return f"{period_label}，{text}" if praised else text


def numbered_heading(numeral: str, part: str) -> str:
    """A part's heading: ``二、表扬``."""
    return f"{numeral}、{part}"


def breakdown_title(average: bool) -> str:
    """The page's caption over the 得分构成 table."""
    return "得分构成" + ("（按平均分计）" if average else "")


def breakdown_caption(average: bool) -> str:
    """The documents' line before the 得分构成 table: ``各股室得分构成（按平均分计）：``."""
    return f"各股室{breakdown_title(average)}："


def see_sheet(sheet: str) -> str:
    """The Excel 通报 sheet refers a part's table to its sheet: ``见“股室”工作表。``."""
    return f"见“{sheet}”工作表。"


def sheet_period(start: date, end: date, as_of: datetime, complete: bool) -> str:
    """An Excel sheet's second row: ``统计期间：2026年3月1日至2026年3月31日　数据截至：2026年3月6日 18:00``."""
    moment = cn_minute(as_of) + ("" if complete else NOT_ENDED)
    return SHEET_PERIOD.format(start=cn_date(start), end=cn_date(end), as_of=moment)
