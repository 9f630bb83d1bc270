"""Bulletins as Word (.docx, 公文 layout) and Excel (.xlsx) files.

Both render the same :class:`~portal.bulletin.Bulletin` as the web page
(words and columns from :mod:`portal.vocabulary`), and are written
byte-for-byte reproducibly: zip timestamps and document properties
are set from ``as_of``, never from the clock.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from typing import Any

from .bulletin import Bulletin
from .vocabulary import (
    PEOPLE_COLUMNS,
    SECTION_COLUMNS,
    SHEET_NAMES,
    WORD_SECTION_KEYS,
    Column,
    columns,
    summary_sentence,
)


def _reproducible(data: bytes, when: datetime) -> bytes:
    """Rewrite a zip package with fixed timestamps and document dates."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in sorted(source.infolist(), key=lambda i: (i.filename != "[Content_Types].xml", i.filename)):
            blob = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = blob.decode("utf-8")
                for tag in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
                    text = re.sub(rf"(<{tag}[^>]*>)[^<]*(</{tag}>)", rf"\g<1>{stamp}\g<2>", text)
                blob = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, blob)
    return out.getvalue()


class _Word:
    """A python-docx document with the two things a 公文 needs: runs with a Chinese font, spaced paragraphs."""

    def __init__(self) -> None:
        from docx import Document
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm

        self.doc = Document()
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)

    @staticmethod
    def run(paragraph: Any, text: str, font: str, size: float, bold: bool = False) -> None:
        from docx.oxml.ns import qn
        from docx.shared import Pt

        r = paragraph.add_run(text)
        r.font.name = font
        r.font.size = Pt(size)
        r.font.bold = bold
        r._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)

    def para(
        self,
        text: str,
        font: str = "仿宋_GB2312",
        size: float = 16,
        align: Any = None,
        indent: bool = True,
        bold: bool = False,
    ) -> None:
        from docx.shared import Pt

        p = self.doc.add_paragraph()
        if align is not None:
            p.alignment = align
        if indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        p.paragraph_format.line_spacing = Pt(28)
        self.run(p, text, font, size, bold)

    def table(self, specs: tuple[Column, ...], rows: list[Any]) -> None:
        table = self.doc.add_table(rows=1, cols=len(specs))
        table.style = "Table Grid"
        for cell, spec in zip(table.rows[0].cells, specs):
            cell.text = ""
            self.run(cell.paragraphs[0], spec.header, "黑体", 10.5, True)
        for row in rows:
            for cell, spec in zip(table.add_row().cells, specs):
                cell.text = ""
                self.run(cell.paragraphs[0], spec.text(row), "仿宋_GB2312", 10.5)


def docx_bytes(b: Bulletin) -> bytes:
    """A 通报 in 公文 style: A4, 小标宋/黑体 title, 仿宋 body, ranking table, praise, reminders, date."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    w = _Word()
    t = b.tally
    w.para(b.organization, "黑体", 16, WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    w.para(b.title, "方正小标宋简体", 22, WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    span = f"（{t.period.start:%Y年%m月%d日}至{t.period.end:%Y年%m月%d日}）"
    w.para(span, "楷体_GB2312", 16, WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    w.para("各股室：", indent=False)
    w.para(summary_sentence(t.period.label, b.totals.submitted, b.totals.adopted, b.totals.good))
    w.para("一、各股室报送采用情况", "黑体", 16)
    w.table(columns(SECTION_COLUMNS, WORD_SECTION_KEYS), b.sections)
    w.para("二、表扬", "黑体", 16)
    w.para(b.praise_text)
    w.para("三、提醒", "黑体", 16)
    for index, text in enumerate(b.reminder_lines, start=1):
        w.para(f"{index}. {text}")
    w.para("")
    w.para(f"{b.organization}办公室", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    w.para(f"{t.as_of:%Y年%m月%d日}", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    props = w.doc.core_properties
    props.title = b.title
    props.author = b.organization
    props.created = props.modified = props.last_printed = t.as_of.replace(tzinfo=None)
    buffer = io.BytesIO()
    w.doc.save(buffer)
    return _reproducible(buffer.getvalue(), t.as_of)


def xlsx_bytes(b: Bulletin) -> bytes:
    """Sections and people as sheets: numbers as numbers, frozen header, widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_NAMES["sections"]
    people = wb.create_sheet(SHEET_NAMES["people"])
    head_font, head_fill = Font(bold=True), PatternFill("solid", fgColor="DDE7F3")
    sheets: tuple[tuple[Any, tuple[Column, ...], list[Any]], ...] = (
        (ws, SECTION_COLUMNS, b.sections),
        (people, PEOPLE_COLUMNS, b.people),
    )
    for sheet, specs, rows in sheets:
        sheet.append([c.header for c in specs])
        for row in rows:
            sheet.append([c.get(row) for c in specs])
        for cell in sheet[1]:
            cell.font, cell.fill = head_font, head_fill
            cell.alignment = Alignment(horizontal="center")
        sheet.freeze_panes = "A2"
        for index, spec in enumerate(specs, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = spec.width
        for index, spec in enumerate(specs, start=1):
            if spec.excel_format:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = spec.excel_format
    wb.properties.title = b.title
    wb.properties.creator = b.organization
    wb.properties.created = wb.properties.modified = b.as_of.replace(tzinfo=None)
    buffer = io.BytesIO()
    wb.save(buffer)
    return _reproducible(buffer.getvalue(), b.as_of)


def write_export(fmt: str, b: Bulletin, output: str) -> None:
    data = docx_bytes(b) if fmt == "docx" else xlsx_bytes(b)
    with open(output, "wb") as handle:
        handle.write(data)
