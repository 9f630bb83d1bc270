"""Print-ready Excel sheets: title rows, ruled tables with a 合计 row, filters, frozen panes, A4 setup.

:func:`table_sheet` lays out one table of a bulletin, :func:`text_sheet` its
words; :mod:`portal.output.office.export` decides what goes where.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...words.bulletin import TOTAL, sheet_period
from ...words.documents import SHEET_FOOTER
from ...words.numbers import number
from ...words.vocabulary import H
from ..bulletin import Bulletin

HEADER_ROW = 3  # rows 1-2: title and 统计期间/数据截至
_FILL = "DDE7F3"
#: Chinese faces by name (Excel and WPS have them; LibreOffice maps them with deploy/fonts/portal-fonts.conf),
#: never Calibri: text in 宋体, titles in 黑体; charset 134 (GB2312) lets a missing face fall back to a Chinese one.
TEXT_FONT, TITLE_FONT, CHARSET = "宋体", "黑体", 134


def title_rows(sheet: Any, b: Bulletin, width: int, heading: str) -> None:
    """Row 1: organization + title (+ the sheet's subject); row 2: 统计期间 and 数据截至; merged across."""
    from openpyxl.styles import Alignment, Font

    sheet.append([f"{b.organization}{b.title}" + (f"·{heading}" if heading else "")])
    sheet.append([sheet_period(b.period.start, b.period.end, b.as_of, b.complete)])
    for row, size in ((1, 16), (2, 11)):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=max(width, 1))
        cell = sheet.cell(row=row, column=1)
        cell.font = Font(name=TITLE_FONT if row == 1 else TEXT_FONT, size=size, bold=row == 1, charset=CHARSET)
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
    sums = totals_row(table) if totals and table.rows else []
    for index, head in enumerate(table.heads, start=1):
        # the cells keep to one line; a header of four or more characters wraps into lines of two words
        # (约稿/按时: a column as wide as two Chinese characters and a little, never three)
        texts = [str(r[index - 1]) for r in table.rows] + [str(v) for v in sums[index - 1 : index] if v is not None]
        body = max([_width(t) for t in texts] + [1.0]) * 2 + 1.5  # an empty table: two characters
        header = _width(head) * 2 + 1.5 if len(head) <= 3 else -(-len(head) // 2) * 2 + 1
        sheet.column_dimensions[get_column_letter(index)].width = min(40, round(max(body, header)))
    sheet.row_dimensions[HEADER_ROW].height = 30
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(width)}{max(last, HEADER_ROW + 1)}"
    name = table.numeric.index(False) if False in table.numeric else 0  # the name column: 股室, 作者, 约稿…
    sheet.freeze_panes = f"{get_column_letter(name + 2)}{HEADER_ROW + 1}"
    note_rows(sheet, notes, width)
    page_setup(sheet, f"{HEADER_ROW}:{HEADER_ROW}")


def note_rows(sheet: Any, notes: Sequence[str], width: int) -> None:
    """Each note on its own row below the table, merged across it and wrapped (taller for a long note), in the
    sheet's text face (:data:`TEXT_FONT`, never Calibri).
    """
    from openpyxl.styles import Alignment, Font

    for text in notes:
        sheet.append([])
        sheet.append([text])
        row = sheet.max_row
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=max(width, 1))
        cell = sheet.cell(row=row, column=1)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(name=TEXT_FONT, size=11, charset=CHARSET)
        sheet.row_dimensions[row].height = 15 * (1 + len(text) // max(6 * width, 40))


def totals_row(table: Any) -> list[Any]:
    """合计: sums of the count and score columns; the adoption rate recomputed from the sums (4 places)."""
    heads = list(table.heads)
    label = heads.index(H["section"]) if H["section"] in heads else 0
    out: list[Any] = []
    for index, head in enumerate(heads):
        values = [r[index] for r in table.rows]
        if index == label:
            out.append(TOTAL)
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
    plain = Font(name=TEXT_FONT, size=11, charset=CHARSET)
    bold, fill = Font(name=TEXT_FONT, size=11, bold=True, charset=CHARSET), PatternFill("solid", fgColor=_FILL)
    formats = table.formats or ("",) * width
    for row in sheet.iter_rows(min_row=HEADER_ROW, max_row=sheet.max_row, max_col=width):
        for cell in row:
            column = cell.column - 1
            cell.border = border
            if cell.row == HEADER_ROW:
                cell.alignment, cell.font, cell.fill = aligned[("center", True)], bold, fill
                continue
            cell.alignment = aligned[("center" if table.numeric[column] else "left", False)]
            cell.font = plain
            if formats[column]:
                cell.number_format = formats[column]
    if has_totals:
        for cell in sheet[sheet.max_row]:
            cell.font = bold


def _width(text: str) -> float:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text) / 2


def text_sheet(sheet: Any, b: Bulletin, heading: str, lines: list[tuple[str, bool]]) -> None:
    """The bulletin's words, one paragraph a row wrapped in a column as wide as an A4 portrait page
    (about 45 Chinese characters of 11 pt), headings bold, printed A4 portrait.
    """
    from openpyxl.styles import Alignment, Font

    sheet.title = heading
    title_rows(sheet, b, 1, "")
    plain, bold = (Font(name=TEXT_FONT, size=11, bold=flag, charset=CHARSET) for flag in (False, True))
    for text, is_heading in lines:
        sheet.append([text])
        cell = sheet.cell(row=sheet.max_row, column=1)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = bold if is_heading else plain
        # LibreOffice and Excel size a wrapped row themselves only when asked: 15 pt a printed line
        sheet.row_dimensions[sheet.max_row].height = 15 * max(1, -(-round(_width(text) * 2) // TEXT_COLUMN))
    sheet.column_dimensions["A"].width = TEXT_COLUMN
    page_setup(sheet, "1:2", landscape=False)


#: The 通报 sheet's one column, in characters of the default font (an ASCII digit; a Chinese character is two):
#: 76 fills A4 portrait between 0.5 in margins at 100 % (about 16 cm with the fonts LibreOffice falls back to).
TEXT_COLUMN = 76


def page_setup(sheet: Any, title_rows_: str, landscape: bool = True) -> None:
    """A4, one page wide (as many tall as needed), centred, print titles, "第 N 页，共 M 页" footer 0.3 in
    from the edge, inside the 0.6 in margin so that printers do not cut it.
    """
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.print_title_rows = title_rows_
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    sheet.oddFooter.center.text = SHEET_FOOTER
    sheet.oddFooter.center.font = f"{TEXT_FONT},Regular"
    sheet.oddFooter.center.size = 9
