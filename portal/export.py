"""Bulletins as Word (.docx, 公文 layout) and Excel (.xlsx) files.

Both are built from the same :class:`~portal.tally.Tally` as the pages, and
written byte-for-byte reproducibly: zip timestamps and document properties
are set from ``as_of``, never from the clock.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from typing import Any

from .model import Settings
from .tally import PEOPLE_COLUMNS, SECTION_COLUMNS, Tally, number, people_table, section_table


def _title(t: Tally) -> str:
    kind = "考评通报" if t.period.kind == "year" else "通报"
    return f"关于{t.period.label}政务信息报送情况的{kind}"


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


def _bulletin_text(t: Tally, settings: Settings) -> tuple[list[str], list[str]]:
    from .pages import praise_and_reminders

    praise, reminders = praise_and_reminders(t, settings)
    praise_text = (
        "、".join(r.section for r in praise) + "信息报送数量多、质量高，综合得分位居前列，予以通报表扬。"
        if praise
        else "本期暂无得分为正的股室，不予表扬。"
    )
    reminder_text = [f"{m.section}：{m.text}" for m in reminders] or ["本期各股室均按要求完成报送任务。"]
    return [praise_text], reminder_text


def docx_bytes(t: Tally, settings: Settings) -> bytes:
    """A 通报 in 公文 style: A4, 小标宋/黑体 title, 仿宋 body, ranking table, praise, reminders, date."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)

    def run(paragraph: Any, text: str, font: str, size: float, bold: bool = False) -> None:
        r = paragraph.add_run(text)
        r.font.name = font
        r.font.size = Pt(size)
        r.font.bold = bold
        r._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)

    def para(
        text: str,
        font: str = "仿宋_GB2312",
        size: float = 16,
        align: Any = None,
        indent: bool = True,
        bold: bool = False,
    ) -> None:
        p = doc.add_paragraph()
        if align is not None:
            p.alignment = align
        if indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        p.paragraph_format.line_spacing = Pt(28)
        run(p, text, font, size, bold)

    para(settings.organization, "黑体", 16, WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    para(_title(t), "方正小标宋简体", 22, WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    para(
        f"（{t.period.start:%Y年%m月%d日}至{t.period.end:%Y年%m月%d日}）",
        "楷体_GB2312",
        16,
        WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
    )
    para("各股室：", indent=False)
    submitted = sum(r.submitted for r in t.sections)
    adopted = sum(r.adopted for r in t.sections)
    good = sum(r.good for r in t.sections)
    para(
        f"{t.period.label}，全局共报送政务信息{submitted}条，被各级采用{adopted}条，好信息{good}条。"
        "现将有关情况通报如下："
    )
    para("一、各股室报送采用情况", "黑体", 16)
    heads = ["排名", "股室", "报送", "任务数", "采用", "采用率", "批示", "好信息", "得分"]
    table = doc.add_table(rows=1, cols=len(heads))
    table.style = "Table Grid"
    for cell, head in zip(table.rows[0].cells, heads):
        cell.text = ""
        run(cell.paragraphs[0], head, "黑体", 10.5, True)
    for r in t.sections:
        values = [
            r.rank,
            r.section,
            r.submitted,
            r.quota,
            r.adopted,
            f"{r.adoption_rate:.1%}",
            r.instructions,
            r.good,
            number(r.score),
        ]
        cells = table.add_row().cells
        for cell, value in zip(cells, values):
            cell.text = ""
            run(cell.paragraphs[0], str(value), "仿宋_GB2312", 10.5)
    praise, reminders = _bulletin_text(t, settings)
    para("二、表扬", "黑体", 16)
    for text in praise:
        para(text)
    para("三、提醒", "黑体", 16)
    for index, text in enumerate(reminders, start=1):
        para(f"{index}. {text}")
    para("")
    para(f"{settings.organization}办公室", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    para(f"{t.as_of:%Y年%m月%d日}", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    props = doc.core_properties
    props.title = _title(t)
    props.author = settings.organization
    props.created = props.modified = props.last_printed = t.as_of.replace(tzinfo=None)
    buffer = io.BytesIO()
    doc.save(buffer)
    return _reproducible(buffer.getvalue(), t.as_of)


def xlsx_bytes(t: Tally, settings: Settings) -> bytes:
    """Sections and people as sheets: numbers as numbers, frozen header, widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "股室"
    people = wb.create_sheet("个人")
    head_font, head_fill = Font(bold=True), PatternFill("solid", fgColor="DDE7F3")
    for sheet, heads, rows, widths in (
        (ws, SECTION_COLUMNS, section_table(t), [6, 26, 8] + [9] * 14),
        (people, PEOPLE_COLUMNS, people_table(t), [10, 26, 8, 8, 8, 8]),
    ):
        sheet.append(heads)
        for row in rows:
            sheet.append(row)
        for cell in sheet[1]:
            cell.font, cell.fill = head_font, head_fill
            cell.alignment = Alignment(horizontal="center")
        sheet.freeze_panes = "A2"
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[chr(64 + index) if index <= 26 else "A"].width = width
    for row in ws.iter_rows(min_row=2, min_col=8, max_col=8):
        for cell in row:
            cell.number_format = "0.0%"
    wb.properties.title = _title(t)
    wb.properties.creator = settings.organization
    wb.properties.created = wb.properties.modified = t.as_of.replace(tzinfo=None)
    buffer = io.BytesIO()
    wb.save(buffer)
    return _reproducible(buffer.getvalue(), t.as_of)


def write_export(fmt: str, t: Tally, settings: Settings, output: str) -> None:
    data = docx_bytes(t, settings) if fmt == "docx" else xlsx_bytes(t, settings)
    with open(output, "wb") as handle:
        handle.write(data)
