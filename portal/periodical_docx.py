"""A periodical issue as a Word document in the 简报 layout offices issue.

Red 报头 with the periodical's name, 第N期（总第M期）, the 编发单位 and date
above a red line; the table of contents; the items by column, each with its
title and text; 版记 with 责任编辑 / 签发 and the distribution (报 / 送 / 发)
between black lines; A4 with GB/T 9704 margins and page numbers (— 1 —).
Reproducible: the package's timestamps come from the issue's date.
"""

from __future__ import annotations

from datetime import datetime, time
from html.parser import HTMLParser
from typing import Any

from .model import Issue, Periodical, Report, Settings

RED = "C00000"
BODY_FONT, TITLE_FONT, HEAD_FONT, KAI_FONT = "仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312"
#: What follows ``w:pBdr`` inside ``w:pPr`` (the schema fixes the order; Word refuses others).
_AFTER_BORDERS = (
    *("shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct"),
    *("autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind"),
    *("contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment"),
    *("textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"),
)
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "pre", "dt", "dd", "blockquote"}


class _Blocks(HTMLParser):
    """Rendered Markdown → ``(kind, text)`` paragraphs (``kind``: ``p`` or ``h``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self.buffer: list[str] = []
        self.kind = "p"

    def _flush(self) -> None:
        text = " ".join("".join(self.buffer).split())
        if text:
            self.blocks.append((self.kind, text))
        self.buffer, self.kind = [], "p"

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _BLOCKS:
            self._flush()
            self.kind = "h" if tag[0] == "h" and tag[1:].isdigit() else "p"
        elif tag in ("td", "th") and self.buffer:
            self.buffer.append("　")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        self.buffer.append(data)


def paragraphs(markdown_text: str) -> list[tuple[str, str]]:
    """A report's text as paragraphs for Word (markup, images and links reduced to their text)."""
    import markdown

    parser = _Blocks()
    parser.feed(markdown.markdown(markdown_text, extensions=["tables"]))
    parser.close()
    parser._flush()
    return parser.blocks


def issue_docx(issue: Issue, periodical: Periodical, reports: dict[str, Report], settings: Settings) -> bytes:
    from docx import Document

    from .officedoc import properties, save
    from .periodicals import columns, editing_unit, issue_title

    doc = Document()
    _page(doc)
    w = _Writer(doc)
    w.para(periodical.name, TITLE_FONT, 48, "center", color=RED, spacing=60)
    number = f"第{issue.number}期" + (f"（总第{issue.total}期）" if issue.total is not None else "")
    w.para(number, KAI_FONT, 16, "center")
    w.unit_line(editing_unit(settings.organization), f"{issue.date.year}年{issue.date.month}月{issue.date.day}日")
    groups = columns(issue, periodical, reports)
    w.para("本期目录", HEAD_FONT, 16, "center")
    for column in groups:
        for number_, report in column.items:
            prefix = f"【{column.name}】" if column.name else ""
            w.para(f"{number_}. {prefix}{report.title}", BODY_FONT, 14, indent=False)
    for column in groups:
        if column.name:
            w.para(f"【{column.name}】", HEAD_FONT, 16, indent=False, before=12)
        for _, report in column.items:
            w.para(report.title, TITLE_FONT, 18, "center", before=12)
            for kind, text in paragraphs(_without_h1(report.body)):
                w.para(text, HEAD_FONT if kind == "h" else BODY_FONT, 16)
            source = report.section + (f" {report.author}" if report.author else "")
            w.para(f"（{source}）", KAI_FONT, 16, "right", indent=False)
    w.imprint(issue, periodical)
    properties(doc, issue_title(issue), editing_unit(settings.organization))
    return save(doc, datetime.combine(issue.date, time(), settings.tz))


def _without_h1(body: str) -> str:
    from .periodicals import H1_RE

    return H1_RE.sub("", body, count=1)


def _page(doc: Any) -> None:
    """A4, GB/T 9704 margins, page number — N — centred in the footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def run(text: str = "") -> Any:
        r = footer.add_run(text)
        r.font.size = Pt(14)
        r.font.name = "宋体"
        r._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
        return r

    run("— ")
    for kind, instruction in (("begin", None), (None, " PAGE "), ("separate", None), (None, None), ("end", None)):
        r = run("1" if kind is None and instruction is None else "")
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            r._element.append(char)
        elif instruction:
            text = OxmlElement("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = instruction
            r._element.append(text)
    run(" —")


class _Writer:
    def __init__(self, doc: Any) -> None:
        self.doc = doc

    def para(
        self,
        text: str,
        font: str = BODY_FONT,
        size: float = 16,
        align: str = "",
        *,
        indent: bool = True,
        color: str = "",
        spacing: float = 28,
        before: float = 0,
    ) -> Any:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        p = self.doc.add_paragraph()
        if align:
            p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
        elif indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        p.paragraph_format.line_spacing = Pt(max(spacing, size * 1.2))
        p.paragraph_format.space_before = Pt(before)
        p.paragraph_format.space_after = Pt(0)
        self.run(p, text, font, size, color)
        return p

    @staticmethod
    def run(p: Any, text: str, font: str, size: float, color: str = "") -> Any:
        from docx.oxml.ns import qn
        from docx.shared import Pt, RGBColor

        r = p.add_run(text)
        r.font.name = font
        r.font.size = Pt(size)
        if color:
            r.font.color.rgb = RGBColor.from_string(color)
        r._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
        return r

    def unit_line(self, unit: str, day: str) -> None:
        """编发单位 on the left, the date on the right, above the red line."""
        from docx.enum.text import WD_TAB_ALIGNMENT
        from docx.shared import Mm, Pt

        p = self.doc.add_paragraph()
        p.paragraph_format.tab_stops.add_tab_stop(Mm(156), WD_TAB_ALIGNMENT.RIGHT)
        p.paragraph_format.space_after = Pt(12)
        self.run(p, f"{unit}\t{day}", BODY_FONT, 16)
        _border(p, "bottom", RED, 18)

    def imprint(self, issue: Issue, periodical: Periodical) -> None:
        """版记: 责任编辑 / 签发 and the distribution lists between black lines."""
        from docx.shared import Pt

        lines = [f"{key}：{'，'.join(names)}。" for key, names in periodical.distribution]
        parts = (f"责任编辑：{issue.editor}" if issue.editor else "", f"签发：{issue.signer}" if issue.signer else "")
        people = "　　".join(part for part in parts if part)
        lines.append(people or "　")
        self.para("", spacing=28, indent=False)
        for index, line in enumerate(lines):
            p = self.para(line, BODY_FONT, 14, indent=False)
            p.paragraph_format.left_indent = Pt(14)
            if index == 0:
                _border(p, "top", "000000", 8)
            if index == len(lines) - 1:
                _border(p, "bottom", "000000", 8)


def _border(paragraph: Any, side: str, color: str, size: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._element.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.insert_element_before(borders, *(f"w:{tag}" for tag in _AFTER_BORDERS))
    edge = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", str(size)), ("space", "1"), ("color", color)):
        edge.set(qn(f"w:{key}"), value)
    borders.append(edge)
