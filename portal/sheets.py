"""Print-ready Excel sheets: title rows, ruled tables with a 合计 row, filters, frozen panes, A4 setup.

:func:`table_sheet` lays out one table of a bulletin, :func:`text_sheet` its
words; :mod:`portal.export` decides what goes where.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .bulletin import Bulletin
from .tally import number
from .vocabulary import H, cn_date

HEADER_ROW = 3  # rows 1-2: title and 统计期间/数据截至
_FILL = "DDE7F3"


def title_rows(sheet: Any, b: Bulletin, width: int, heading: str) -> None:
    """Row 1: organization + title (+ the sheet's subject); row 2: 统计期间 and 数据截至; merged across."""
    from openpyxl.styles import Alignment, Font

    sheet.append([f"{b.organization}{b.title}" + (f"·{heading}" if heading else "")])
    as_of = f"{cn_date(b.as_of)} {b.as_of:%H:%M}" + ("" if b.complete else "，本期尚未结束")
    sheet.append([f"统计期间：{cn_date(b.period.start)}至{cn_date(b.period.end)}　数据截至：{as_of}"])
    for row, size in ((1, 16), (2, 11)):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=max(width, 1))
        cell = sheet.cell(row=row, column=1)
        cell.font = Font(name="黑体" if row == 1 else "宋体", size=size, bold=row == 1)
        cell.alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 28


def table_sheet(sheet: Any, b: Bulletin, heading: str, table: Any, totals: bool, notes: Sequence[str] = ()) -> None:
    """One table: header on row 3, then its rows (and 合计), ruled; numbers centred, text left; then the
    ``notes`` (one merged, wrapped row each, below a blank row).
    """
    from openpyxl.utils import get_column_letter

    sheet.title = heading
    width = len(table.heads)
    title_rows(sheet, b, width, heading)
    sheet.append(list(table.heads))
    for row in table.rows:
        sheet.append(list(row))
    last = sheet.max_row
    if totals and table.rows:
        sheet.append(totals_row(table))
    _style(sheet, table, width, totals and bool(table.rows))
    for index, head in enumerate(table.heads, start=1):
        texts = [str(r[index - 1]) for r in table.rows] + [head, "合计"]
        longest = max(_width(t) for t in texts)
        sheet.column_dimensions[get_column_letter(index)].width = min(60, round(longest * 2 + 3))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(width)}{max(last, HEADER_ROW + 1)}"
    name = table.numeric.index(False) if False in table.numeric else 0  # the name column: 股室, 作者, 约稿…
    sheet.freeze_panes = f"{get_column_letter(name + 2)}{HEADER_ROW + 1}"
    note_rows(sheet, notes, width)
    page_setup(sheet, f"{HEADER_ROW}:{HEADER_ROW}")


def note_rows(sheet: Any, notes: Sequence[str], width: int) -> None:
    """Each note on its own row below the table, merged across it and wrapped (taller for a long note)."""
    from openpyxl.styles import Alignment

    for text in notes:
        sheet.append([])
        sheet.append([text])
        row = sheet.max_row
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=max(width, 1))
        sheet.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[row].height = 15 * (1 + len(text) // max(6 * width, 40))


def totals_row(table: Any) -> list[Any]:
    """合计: sums of the count and score columns; the adoption rate recomputed from the sums (4 places)."""
    heads = list(table.heads)
    label = heads.index(H["section"]) if H["section"] in heads else 0
    out: list[Any] = []
    for index, head in enumerate(heads):
        values = [r[index] for r in table.rows]
        if index == label:
            out.append("合计")
        elif head == H["adoption_rate"]:
            submitted = sum(r[heads.index(H["submitted"])] for r in table.rows)
            adopted = sum(r[heads.index(H["adopted"])] for r in table.rows)
            out.append(round(adopted / submitted, 4) if submitted else 0)
        elif head != H["rank"] and table.numeric[index] and all(isinstance(v, (int, float)) for v in values):
            out.append(number(sum(values)))
        else:
            out.append(None)
    return out


def _style(sheet: Any, table: Any, width: int, has_totals: bool) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    side = Side(style="thin", color="000000")
    border = Border(left=side, right=side, top=side, bottom=side)
    aligned = {
        key: Alignment(horizontal=key[0], vertical="center", wrap_text=key[1])
        for key in (("center", True), ("center", False), ("left", False))
    }
    bold, fill = Font(bold=True), PatternFill("solid", fgColor=_FILL)
    formats = table.formats or ("",) * width
    for row in sheet.iter_rows(min_row=HEADER_ROW, max_row=sheet.max_row, max_col=width):
        for cell in row:
            column = cell.column - 1
            cell.border = border
            if cell.row == HEADER_ROW:
                cell.alignment, cell.font, cell.fill = aligned[("center", True)], bold, fill
                continue
            cell.alignment = aligned[("center" if table.numeric[column] else "left", False)]
            if formats[column]:
                cell.number_format = formats[column]
    if has_totals:
        for cell in sheet[sheet.max_row]:
            cell.font = bold


def _width(text: str) -> float:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text) / 2


def text_sheet(sheet: Any, b: Bulletin, heading: str, lines: list[tuple[str, bool]]) -> None:
    """The bulletin's words, one paragraph a row (headings bold), printed A4 portrait."""
    from openpyxl.styles import Alignment, Font

    sheet.title = heading
    title_rows(sheet, b, 1, "")
    for text, bold in lines:
        sheet.append([text])
        cell = sheet.cell(row=sheet.max_row, column=1)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if bold:
            cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 100
    page_setup(sheet, "1:2", landscape=False)


def page_setup(sheet: Any, title_rows_: str, landscape: bool = True) -> None:
    """A4, one page wide (as many tall as needed), centred, print titles, "第 N 页，共 M 页" footer."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.print_title_rows = title_rows_
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
