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
    return f"第{number}期" + (f"（总第{total}期）" if total is not None else "")


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
