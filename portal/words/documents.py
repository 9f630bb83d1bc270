"""The words of the office's documents around their text: the 公文's 版记, the 简报's 报头, 目录 and 版记, and the
Excel footer.

:mod:`portal.output.office` lays these out (fonts, rules, places); the words are said here.  The Word page
number ``— 1 —`` has no word in it: its format is layout, :data:`portal.output.office.officedoc.PAGE_NUMBER`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from .numbers import cn_date

#: The footer of every Excel sheet (``&P`` the page, ``&N`` the pages: Excel's header and footer codes).
SHEET_FOOTER = "第 &P 页，共 &N 页"
#: The 简报's 编者按 label (the page shows it without the colon) and the heading of its table of contents.
EDITORS_NOTE = "编者按"
EDITORS_NOTE_LEAD = f"{EDITORS_NOTE}："
CONTENTS = "本期目录"
#: A 简报 item's link to its report on the issue's page.
ORIGINAL = "原文及采用情况"


def copy_to_line(names: Sequence[str]) -> str:
    """版记's 抄送 line: ``抄送：县委办，县政府办。``."""
    return f"抄送：{'，'.join(names)}。"


def printed_on(day: date) -> str:
    """版记's 印发日期: ``2026年3月31日印发``."""
    return f"{cn_date(day)}印发"


def issue_number(number: int, total: int | None) -> str:
    """第12期（总第156期）; without the 总期号 when the issue has none."""
    return f"第{number}期" + total_number(total)


def total_number(total: int | None) -> str:
    """An issue's 总期号 after its title: ``（总第156期）``; "" when the issue has none."""
    return f"（总第{total}期）" if total is not None else ""


def publication(name: str) -> str:
    """A periodical's or a publication's name as a text names it: ``《民政信息》``."""
    return f"《{name}》"


def issue_label(name: str, year: int, number: int) -> str:
    """One issue of a periodical: ``《民政信息》2026年第3期``."""
    return f"{publication(name)}{year}年第{number}期"


def office_of(organization: str) -> str:
    """The bureau's office (编发单位 of a 简报, 版头 of a 通报 by default): ``示例县民政局办公室``."""
    return f"{organization}办公室"


def copies_line(copies: int) -> str:
    """How many copies were printed, at the foot of a 简报's 版记: ``（共印50份）``; "" when not said."""
    return f"（共印{copies}份）" if copies else ""


def distribution_lines(distribution: Iterable[tuple[str, Sequence[str]]]) -> list[str]:
    """The 简报 版记's 报 / 送 / 发 lines: ``报：县委办，县政府办。``."""
    return [f"{key}：{'，'.join(names)}。" for key, names in distribution]


def editors_line(editor: str, signer: str) -> str:
    """``责任编辑：张三　　签发：李四``, either left out when not set (a full-width space when neither is)."""
    parts = (f"责任编辑：{editor}" if editor else "", f"签发：{signer}" if signer else "")
    return "\u3000\u3000".join(part for part in parts if part) or "\u3000"


def column_heading(name: str) -> str:
    """A 简报 column's heading: ``【工作动态】``."""
    return f"【{name}】"


def source_line(source: str) -> str:
    """Where a 简报 item comes from, under its text: ``（县民政局　陈刚）``."""
    return f"（{source}）"


# --- the 简报's pages on the site -------------------------------------------------------------------------------

#: The labels beside an issue's facts on its page.
ISSUE_LABELS = {"periodical": "简报", "editor": "责任编辑", "signer": "签发", "adopted": "采用", "download": "下载"}
ALL_PERIODICALS = "全部简报"
NO_PERIODICALS = "尚未配置简报（extra.portal.periodicals）。"
NO_ISSUES = "暂无期次。"


def all_issues(name: str) -> str:
    """The link from an issue to its periodical's page: ``《民政信息》全部期次``."""
    return f"《{name}》全部期次"


def counted_as(adopter: str, counted: bool) -> str:
    """How an issue's items count: ``每条信息记为县委办采用`` (and that it does not count yet, when it does not)."""
    return f"每条信息记为{adopter}采用" + ("" if counted else "（编发日期晚于统计时点，暂不计入）")


def word_version(title: str) -> str:
    """The link to an issue's .docx: ``Word 版（《民政信息》2026年第3期）``."""
    return f"Word 版（{title}）"


def periodical_line(adopter: str, columns: Sequence[str]) -> str:
    """Under a periodical's name: ``采用单位：县委办 · 栏目：工作动态、基层风采``."""
    return f"采用单位：{adopter}" + (f" · 栏目：{'、'.join(columns)}" if columns else "")


def year_heading(year: int, issues: int) -> str:
    """A year of a periodical: ``2026年（12 期）``."""
    return f"{year}年（{issues} 期）"
