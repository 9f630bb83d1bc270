"""A GB/T 9704-2012 (党政机关公文格式) layer for python-docx.

Small, reusable primitives: the page (A4, 天头 37 mm, 订口 28 mm, 版心
156 × 225 mm, 22 lines × 28 characters), the 版头 (red 发文机关标志, 发文字号,
red line), the 简报 报头 (red name, 期号, 编发单位 and date, red line),
headings, body paragraphs, fitted tables, 署名 and 成文日期 (§7.3.5), the
版记 (抄送, 印发; or any lines such as a 简报's 报/送/发) and page numbers ("— 1 —", odd right, even
left).  The bulletin (:mod:`portal.output.office.export`) and the periodical 简报 both
build their documents from these.  Nothing here reads the clock: dates come
in as arguments, and :func:`package` writes the same bytes for the same input.
"""

from __future__ import annotations

import io
import itertools
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from copy import deepcopy
from datetime import date, datetime
from typing import Any

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from ...words.documents import copy_to_line, printed_on
from ...words.numbers import cn_date

# Fonts named as Chinese offices have them installed; LibreOffice substitutes its CJK fonts.
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"  # 一级标题
SUBHEADING_FONT = "楷体_GB2312"  # 二级标题
NUMBER_FONT = "宋体"  # page numbers
#: The page number in the footer, ``— 1 —`` (GB/T 9704 §7.5: a dash either side, here set apart by en spaces,
#: which keep their width in any font); ``{}`` is the PAGE field.  Layout, not a word: it has none.
PAGE_NUMBER = "—\u2002{}\u2002—"

# 字号 in points: 2号 22, 3号 16, 4号 14.
SIZE_TITLE = 22.0
SIZE_BODY = 16.0
SIZE_PAGE_NUMBER = 14.0
SIZE_COLOPHON = 14.0
SIZE_NEWSLETTER_NAME = 48.0  # a 简报's name in its 报头 (larger than 初号, as offices print it)

RED = RGBColor(0xFF, 0x00, 0x00)

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
TOP_MM, INSIDE_MM = 37, 28  # 天头, 订口
TEXT_WIDTH_MM, TEXT_HEIGHT_MM = 156, 225  # 版心
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
#: One grid line in twentieths of a point: 225 mm / 22 lines = 579 twips (28.95 pt).
LINE_PITCH_TWIPS = 579
LINE_PITCH = Pt(LINE_PITCH_TWIPS / 20)
#: Character spacing of 3号 text in twentieths of a point: 156 mm / 28 = 15.79 pt a character, so
#: 16 pt characters are condensed by 0.25 pt (28 × 15.75 pt = 441 pt ≤ 442.2 pt; 29 would need 456 pt).
CONDENSE_TWIPS = -5


def text_width(text: str) -> float:
    """Width in ems as Word and LibreOffice set it: CJK and full-width characters 1, others ½, and
    ¼ em of automatic spacing wherever Chinese meets digits or Latin letters (2026年2月3日: 7¼), none next
    to a space.
    """
    wide = [unicodedata.east_asian_width(ch) in "WF" for ch in text]
    # no automatic spacing next to a space, which already separates the two (尚差 9 条)
    changes = sum(1 for (a, x), (b, y) in itertools.pairwise(zip(wide, text)) if a != b and " " not in (x, y))
    return sum(1.0 if w else 0.5 for w in wide) + 0.25 * changes


# --- the page -----------------------------------------------------------------------------


def new_document() -> DocumentType:
    """An empty A4 公文 page: margins, document grid, 3号仿宋 without paragraph spacing, zh-CN."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(TOP_MM)
    section.bottom_margin = Mm(PAGE_HEIGHT_MM - TOP_MM - TEXT_HEIGHT_MM)
    section.left_margin = Mm(INSIDE_MM)
    section.right_margin = Mm(PAGE_WIDTH_MM - INSIDE_MM - TEXT_WIDTH_MM)
    section.header_distance = Mm(15)
    # The page number's top sits about 7 mm below the 版心 (its 14 pt line is ~5.6 mm high).
    section.footer_distance = Mm(PAGE_HEIGHT_MM - TOP_MM - TEXT_HEIGHT_MM - 7 - 6)
    _document_grid(section)
    _defaults(doc)
    _font_table(doc)
    return doc


#: The faces the documents name, each with the face Word and WPS take when it is missing (w:altName: Windows
#: has 仿宋 and 楷体 but not their _GB2312 forms), GB2312 charset and family, as Word itself writes them.
#: Free systems map them through deploy/fonts/portal-fonts.conf.
FONT_FALLBACKS = {
    TITLE_FONT: ("宋体", "auto", "variable"),
    BODY_FONT: ("仿宋", "modern", "fixed"),
    SUBHEADING_FONT: ("楷体", "modern", "fixed"),
    HEADING_FONT: ("SimHei", "modern", "fixed"),
    NUMBER_FONT: ("SimSun", "auto", "variable"),
}


def _font_table(doc: DocumentType) -> None:
    """Add the document's Chinese faces, with their fallbacks, to word/fontTable.xml."""
    part = next(r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/fontTable"))
    entries = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
        f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
        for name, (alt, family, pitch) in FONT_FALLBACKS.items()
    )
    part._blob = part.blob.replace(b"</w:fonts>", entries.encode("utf-8") + b"</w:fonts>")


def _document_grid(section: Any) -> None:
    """22 lines a page: line pitch 579 twips (28 characters a line come from :data:`CONDENSE_TWIPS`).

    A ``linesAndChars`` grid would set the character pitch in Word, but LibreOffice lays such a grid
    out with far wider cells (17 characters a line), so the characters are condensed instead, which
    both read the same way.
    """
    sect = section._sectPr
    for old in sect.findall(qn("w:docGrid")):
        sect.remove(old)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    sect.append(grid)


def _defaults(doc: DocumentType) -> None:
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(r_pr):
        r_pr.remove(child)
    r_pr.append(_fonts(BODY_FONT))
    r_pr.append(_el("w:spacing", val=str(CONDENSE_TWIPS)))
    for tag in ("w:sz", "w:szCs"):
        r_pr.append(_el(tag, val=str(int(SIZE_BODY * 2))))
    r_pr.append(_el("w:lang", val="zh-CN", eastAsia="zh-CN", bidi="ar-SA"))
    p_pr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(p_pr):
        p_pr.remove(child)
    p_pr.append(_el("w:spacing", before="0", after="0", line=str(LINE_PITCH_TWIPS), lineRule="exact"))
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(SIZE_BODY)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.widow_control = False  # a grid page is always full: 22 lines, no widow lines moved over
    settings = doc.settings.element
    for lang in settings.findall(qn("w:themeFontLang")):
        lang.set(qn("w:val"), "zh-CN")
        lang.set(qn("w:eastAsia"), "zh-CN")


def _el(tag: str, **attrs: str) -> Any:
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _fonts(font: str) -> Any:
    return _el("w:rFonts", ascii=font, hAnsi=font, eastAsia=font, cs=font)


# --- text ---------------------------------------------------------------------------------


def add_run(paragraph: Paragraph, text: str, font: str = BODY_FONT, size: float = SIZE_BODY, **style: Any) -> Any:
    """A run in ``font`` (East Asian and Latin alike) at ``size`` points; ``bold``/``color`` optional."""
    run = paragraph.add_run(text)
    run.font.name = font
    run.font.size = Pt(size)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    if style.get("bold"):
        run.font.bold = True
    if style.get("color") is not None:
        run.font.color.rgb = style["color"]
    return run


def paragraph(
    doc: Any,
    text: str = "",
    *,
    font: str = BODY_FONT,
    size: float = SIZE_BODY,
    align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: float = 2,
    keep_with_next: bool = False,
) -> Paragraph:
    """A paragraph on the grid; ``indent`` is the first-line indent in characters (左空二字)."""
    p = doc.add_paragraph()
    p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * indent)
    if keep_with_next:
        p.paragraph_format.keep_with_next = True
    if text:
        add_run(p, text, font, size)
    return p


def blank(doc: Any, keep_with_next: bool = False) -> Paragraph:
    """An empty grid line (空一行)."""
    return paragraph(doc, indent=0, keep_with_next=keep_with_next)


def body(doc: Any, text: str, keep_with_next: bool = False) -> Paragraph:
    """正文: 3号仿宋, 左空二字, 回行顶格."""
    return paragraph(doc, text, keep_with_next=keep_with_next)


def heading(doc: Any, text: str, level: int = 1) -> Paragraph:
    """一级标题 in 黑体, 二级 in 楷体, 三级 and below in 仿宋; kept with what follows."""
    font = {1: HEADING_FONT, 2: SUBHEADING_FONT}.get(level, BODY_FONT)
    return paragraph(doc, text, font=font, keep_with_next=True)


def title(doc: Any, text: str, size: float = SIZE_TITLE, font: str = TITLE_FONT, blanks: bool = True) -> Paragraph:
    """公文标题: 2号小标宋, centred, 空一行 above and below; a title longer than a line is broken by
    meaning into balanced lines (:func:`title_lines`), each 1.5 × the size high, off the body grid.
    """
    if blanks:
        blank(doc, keep_with_next=True)
    p = paragraph(doc, "", font=font, size=size, align=WD_ALIGN_PARAGRAPH.CENTER, indent=0, keep_with_next=True)
    p.paragraph_format.keep_together = True
    p.paragraph_format.line_spacing = Pt(size * 1.5)
    _snap_off(p)
    lines = title_lines(cjk_spaces(text), line_chars(size))
    run = add_run(p, lines[0], font, size)
    for line in lines[1:]:
        run.add_break()
        run.add_text(line)
    if blanks:
        blank(doc, keep_with_next=True)
    return p


def line_chars(size: float) -> float:
    """How many characters of ``size`` points one 版心 line holds (characters condensed as the body's)."""
    return TEXT_WIDTH_MM / 25.4 * 72 / (size + CONDENSE_TWIPS / 20)


#: Where a title may break, best first: before 的 + the kind of document, after 关于 or a date, before
#: 情况, after 、 or ，.  Anything else between two Chinese characters is a last resort.
_TITLE_BREAKS = (
    (re.compile(r"(?=的(?:通报|通知|报告|意见|决定|函)$)"), 0.0),
    (re.compile(r"(?<=关于)"), 1.0),
    (re.compile(r"(?<=[年月]度)|(?<=\d年)|(?<=\d月)|(?<=季度)|(?<=[、，])"), 1.0),
    (re.compile(r"(?=情况)|(?<=信息)|(?<=工作)"), 1.5),
)


def title_lines(text: str, chars: float) -> list[str]:
    """``text`` as centred title lines of at most ``chars`` characters: one line when it fits, else
    broken at the place by meaning (:data:`_TITLE_BREAKS`) that makes the lines most even.
    """
    if text_width(text) <= chars or len(text) < 4:
        return [text]
    best: tuple[float, int] | None = None
    for index in range(2, len(text) - 1):
        head, tail = text[:index], text[index:]
        if (_ascii(text[index - 1]) and _ascii(text[index])) or tail[0] in "，。、；：）》”":
            continue
        if text_width(head) > chars:
            break
        costs = [cost for pattern, cost in _TITLE_BREAKS if any(m.start() == index for m in pattern.finditer(text))]
        cost = abs(text_width(head) - text_width(tail)) + (min(costs) * 2 if costs else 12.0)
        if best is None or cost < best[0]:
            best = (cost, index)
    if best is None:
        return [text]
    return [text[: best[1]], *title_lines(text[best[1] :], chars)]


def _ascii(ch: str) -> bool:
    return ord(ch) < 0x2E80


_CJK = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_GAP_RE = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0]+(?=[{_CJK}])")


def cjk_spaces(text: str) -> str:
    """Half-width spaces between two Chinese characters become one full-width space (县民政局　陈刚)."""
    return _CJK_GAP_RE.sub("\u3000", text)


def addressee(doc: Any, text: str) -> Paragraph:
    """主送机关: 居左顶格, ending with a full-width colon."""
    return paragraph(doc, text if text.endswith("：") else f"{text}：", indent=0, keep_with_next=True)


# --- 版头 -----------------------------------------------------------------------------------


def masthead(doc: Any, organ: str, number: str = "") -> None:
    """版头: the red 发文机关标志 35 mm below the top of the 版心, the 发文字号 空二行 below it
    (centred; left out when empty) and a red line as wide as the 版心 4 mm under it; call
    :func:`title` next (the title sits 空二行 under the line).
    """
    fits = TEXT_WIDTH_MM / 25.4 * 72 / max(text_width(organ), 1) * 0.9
    size = min(42.0, fits)
    mark = paragraph(doc, "", align=WD_ALIGN_PARAGRAPH.CENTER, indent=0)
    fmt = mark.paragraph_format
    fmt.space_before = Mm(35) - Pt(size * 0.2)
    fmt.line_spacing = Pt(size * 1.25)
    fmt.keep_with_next = True
    _snap_off(mark)
    add_run(mark, organ, TITLE_FONT, size, color=RED)
    blank(doc, keep_with_next=True)
    blank(doc, keep_with_next=True)
    line = paragraph(doc, "", align=WD_ALIGN_PARAGRAPH.CENTER, indent=0, keep_with_next=True)
    if number:
        add_run(line, number)
    border(line, "bottom", size_eighths=12, color="FF0000", space_pt=11)
    blank(doc, keep_with_next=True)  # with the title's own blank line: 空二行 under the red line


def newsletter_masthead(doc: Any, name: str, number: str, unit: str, day: date) -> None:
    """简报 报头: the periodical's name in large red 小标宋 centred at the top of the 版心, the 期号
    (第N期（总第M期）) centred under it, then the 编发单位 居左 and the date 居右 above a thick red
    line as wide as the 版心, and 空一行.
    """
    fits = TEXT_WIDTH_MM / 25.4 * 72 / max(text_width(name), 1) * 0.9
    size = min(SIZE_NEWSLETTER_NAME, fits)
    mark = paragraph(doc, "", align=WD_ALIGN_PARAGRAPH.CENTER, indent=0, keep_with_next=True)
    mark.paragraph_format.line_spacing = Pt(size * 1.3)
    _snap_off(mark)
    add_run(mark, name, TITLE_FONT, size, color=RED)
    paragraph(doc, number, font=SUBHEADING_FONT, align=WD_ALIGN_PARAGRAPH.CENTER, indent=0, keep_with_next=True)
    line = paragraph(doc, "", align=WD_ALIGN_PARAGRAPH.LEFT, indent=0, keep_with_next=True)
    line.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    add_run(line, f"{unit}\t{cn_date(day)}")
    border(line, "bottom", size_eighths=18, color="FF0000", space_pt=4)
    blank(doc)


def border(p: Paragraph, side: str, size_eighths: int = 6, color: str = "000000", space_pt: int = 1) -> None:
    """A rule on one side of a paragraph, ``size_eighths`` eighths of a point thick, across its width."""
    p_pr = p._p.get_or_add_pPr()
    borders = p_pr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # pBdr sits before shd/tabs/spacing/ind/jc in CT_PPr's sequence.
        anchor = next((p_pr.find(qn(t)) for t in _AFTER_PBDR if p_pr.find(qn(t)) is not None), None)
        if anchor is not None:
            anchor.addprevious(borders)
        else:
            p_pr.append(borders)
    borders.append(_el(f"w:{side}", val="single", sz=str(size_eighths), space=str(space_pt), color=color))


_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
)


def _snap_off(p: Paragraph) -> None:
    """Let a paragraph keep its own line height instead of snapping to the document grid."""
    p_pr = p._p.get_or_add_pPr()
    if p_pr.find(qn("w:snapToGrid")) is None:
        snap = _el("w:snapToGrid", val="0")
        anchor = next((p_pr.find(qn(t)) for t in ("w:spacing", "w:ind", "w:jc") if p_pr.find(qn(t)) is not None), None)
        if anchor is not None:
            anchor.addprevious(snap)
        else:
            p_pr.append(snap)


# --- 署名, 成文日期 ---------------------------------------------------------------------------


def signature_block(doc: Any, signer: str, day: date, seal_lines: int = 2) -> None:
    """§7.3.5.1: 成文日期 右空四字; the 署名 centred above it; ``seal_lines`` blank lines for the seal
    (印章 top within one line of the text, pressing on 署名 and 日期). Kept on one page with what precedes.
    """
    dated = cn_date(day)
    last = doc.element.body[-2] if len(doc.element.body) > 1 else None  # [-1] is the section properties
    if last is not None and last.tag == qn("w:p"):
        Paragraph(last, doc).paragraph_format.keep_with_next = True  # the text's last lines go with the seal
    elif last is not None and last.tag == qn("w:tbl"):  # a table's last row goes with the seal
        for p in last.findall(qn("w:tr"))[-1].iter(qn("w:p")):
            Paragraph(p, doc).paragraph_format.keep_with_next = True
    for _ in range(seal_lines):
        blank(doc, keep_with_next=True)
    date_w, signer_w = text_width(dated), text_width(signer)
    signer_right = 4 + (date_w - signer_w) / 2
    name = paragraph(doc, signer, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=0, keep_with_next=True)
    name.paragraph_format.right_indent = Pt(SIZE_BODY * max(signer_right, 0))
    when = paragraph(doc, dated, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=0)
    when.paragraph_format.right_indent = Pt(SIZE_BODY * 4)


# --- 版记 -----------------------------------------------------------------------------------


def colophon(doc: Any, copy_to: Sequence[str], printed_by: str, day: date, even: bool = False) -> None:
    """版记: thick rule, 抄送 (when any), thin rule, 印发机关 and 印发日期, thick rule; 4号仿宋, 左右各空一字;
    at the foot of the last page, an even one when ``even`` (a 公文 printed on both sides).
    """
    rows = [(copy_to_line(copy_to), "")] if copy_to else []
    colophon_rows(doc, [*rows, (printed_by, printed_on(day))], even=even)


def colophon_rows(doc: Any, rows: Sequence[tuple[str, str]], even: bool = False, copies: str = "") -> None:
    """A 版记 of ``(left, right)`` lines (``right`` 居右, may be empty) at the foot of the last page (GB/T
    9704 §7.4.1: its last line on the 版心's last line): a table as wide as the 版心, one grid line a row,
    a thick rule above the first row and under the last, thin rules between (so 报, 送 and 发 each have
    theirs).  Where it goes is worked out from :func:`flow` (the pages the text before it takes): on the
    last page when it fits there, else on the next page; with ``even``, always an even page (a blank
    page is added when needed).  ``copies`` (（共印50份）) is set 居右 on the last row when its right is empty.
    """
    rows = [*rows[:-1], (rows[-1][0], rows[-1][1] or copies)] if rows else rows
    page, used = flow(doc)
    height = len(rows) * LINE_PITCH_TWIPS / 20 + _COLOPHON_RULES_PT
    breaks = 0
    if used + LINE_PITCH_TWIPS / 20 + height > PAGE_TEXT_PT:  # not even a blank line above it: next page
        breaks, page, used = 1, page + 1, 0.0
    if even and page % 2:
        breaks, page, used = breaks + 1, page + 1, 0.0
    for index in range(breaks):
        spacer = blank(doc, keep_with_next=True)
        spacer.paragraph_format.page_break_before = True
        if index < breaks - 1:
            spacer.paragraph_format.keep_with_next = False
    gap = blank(doc, keep_with_next=True) if not breaks else doc.paragraphs[-1]
    gap_pt = PAGE_TEXT_PT - used - height - _COLOPHON_SAFETY_PT
    gap.paragraph_format.line_spacing = Pt(max(gap_pt, 1.0))
    _snap_off(gap)
    _colophon_table(doc, rows)


PAGE_TEXT_PT = TEXT_HEIGHT_MM / 25.4 * 72
#: The 版记 table's rules add to its rows' height; the gap above it is kept this much short of filling
#: the page, so that a small error in :func:`flow` never pushes the 版记 over (its foot stays within 2 mm).
_COLOPHON_RULES_PT = 2.0
_COLOPHON_SAFETY_PT = 4.0


def _colophon_table(doc: Any, rows: Sequence[tuple[str, str]]) -> Any:
    """The 版记's rows as a borderless table 156 mm wide (rules across the whole 版心), cell margins of one
    4号 character (左右各空一字), each row exactly one grid line, kept together.
    """
    grid = doc.add_table(rows=len(rows), cols=1)
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    width = round(TEXT_WIDTH_MM / 25.4 * 1440)
    tbl_pr = grid._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(width))
    borders = OxmlElement("w:tblBorders")
    for side, size in (("top", 8), ("left", 0), ("bottom", 8), ("right", 0), ("insideH", 6), ("insideV", 0)):
        borders.append(_el(f"w:{side}", val="single" if size else "nil", sz=str(size), space="0", color="000000"))
    tbl_pr.append(borders)
    tbl_pr.append(_el("w:tblLayout", type="fixed"))
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_el(f"w:{side}", w=str(round(SIZE_COLOPHON * 20)), type="dxa"))
    tbl_pr.append(margins)
    grid.columns[0].width = Mm(TEXT_WIDTH_MM)
    stop = Mm(TEXT_WIDTH_MM) - Pt(SIZE_COLOPHON * 2)
    for index, (row, (left, right)) in enumerate(zip(grid.rows, rows)):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(_el("w:cantSplit"))
        tr_pr.append(_el("w:trHeight", val=str(LINE_PITCH_TWIPS), hRule="exact"))
        tc = row.cells[0]
        tc._tc.get_or_add_tcPr().append(_el("w:vAlign", val="center"))
        p = tc.paragraphs[0]
        fmt = p.paragraph_format
        fmt.line_spacing = Pt(SIZE_COLOPHON * 1.3)
        fmt.keep_with_next = index < len(rows) - 1
        _snap_off(p)
        add_run(p, left, BODY_FONT, SIZE_COLOPHON)
        if right:
            fmt.tab_stops.add_tab_stop(stop, WD_TAB_ALIGNMENT.RIGHT)
            add_run(p, f"\t{right}", BODY_FONT, SIZE_COLOPHON)
    return grid


# --- where the text falls: a model of the page flow -----------------------------------------


def flow(doc: Any) -> tuple[int, float]:
    """The page the document's text so far ends on and how many points of its 版心 are used there.

    A model of how Word and LibreOffice lay the primitives of this module out: grid paragraphs take
    whole grid lines (28 characters of 3号 a line), paragraphs off the grid their exact line height,
    table rows their lines × 1.35 × the size and a rule; a paragraph kept with the next moves to a new
    page with the first line of what follows (a table: its header and first row); table rows do not
    split and the header row repeats; a table's last row kept with the next (:func:`signature_block`) moves
    to a new page with what it is kept with, the rows above it staying where they are.
    """
    items = [_measure(element) for element in doc.element.body if element.tag in (qn("w:p"), qn("w:tbl"))]
    page, used = 1, 0.0
    for index, (heights, keep, grid, breaks) in enumerate(items):
        if breaks:
            page, used = page + 1, 0.0
        chain = _chain(items, index) if keep and (index == 0 or not items[index - 1][1]) else heights[0]
        if used and used + chain > PAGE_TEXT_PT + 0.5:
            page, used = page + 1, 0.0
        table = len(heights) > 1 and not grid
        for row, part in enumerate(heights):
            need = part
            if table and keep and row == len(heights) - 1 and row > 1:  # the last row goes with what follows
                need += _chain(items, index + 1)
            if used and used + need > PAGE_TEXT_PT + 0.5:
                page, used = page + 1, (heights[0] if table else 0.0)
            used += part
    return page, used


def _chain(items: list[tuple[list[float], bool, bool, bool]], index: int) -> float:
    """The height a run of kept-together paragraphs needs: all of them and the first line of what follows.
    A table of more than one body row ends the run with its header and first row even when its last row is
    kept with the next: the rows in between may go over to the next page.
    """
    total = 0.0
    for heights, keep, grid, _ in items[index:]:
        table = len(heights) > 1 and not grid
        if not keep or (table and len(heights) > 2):  # a paragraph's first line (no widow control)
            return total + heights[0] + (heights[1] if table else 0.0)
        total += sum(heights)
    return total


def _measure(element: Any) -> tuple[list[float], bool, bool, bool]:
    """(heights of the unbreakable parts: lines or table rows, kept with the next, on the grid, page break before)."""
    if element.tag == qn("w:tbl"):
        widths = [int(c.get(qn("w:w"))) / 20 for c in element.findall(qn("w:tblGrid") + "/" + qn("w:gridCol"))]
        rows = [_row_height(tr, widths) for tr in element.findall(qn("w:tr"))]
        if rows:
            rows[0] += _RULE_PT  # the rule above the first row (each row has the one under it)
        last = element.findall(qn("w:tr"))[-1:]
        keep = bool(last) and last[0].find(".//" + qn("w:keepNext")) is not None
        return rows or [0.0], keep, False, False
    p_pr = element.find(qn("w:pPr"))
    keep = p_pr is not None and p_pr.find(qn("w:keepNext")) is not None
    breaks = p_pr is not None and p_pr.find(qn("w:pageBreakBefore")) is not None
    off_grid = p_pr is not None and p_pr.find(qn("w:snapToGrid")) is not None
    size = _para_size(element)
    spacing = p_pr.find(qn("w:spacing")) if p_pr is not None else None
    line = int(spacing.get(qn("w:line"), LINE_PITCH_TWIPS)) / 20 if spacing is not None else LINE_PITCH_TWIPS / 20
    before = int(spacing.get(qn("w:before"), 0)) / 20 if spacing is not None else 0.0
    lines = _para_lines(element, p_pr, size)
    rules = sum(
        int(b.get(qn("w:space"), 0)) + int(b.get(qn("w:sz"), 0)) / 8
        for b in (p_pr.find(qn("w:pBdr")) if p_pr is not None and p_pr.find(qn("w:pBdr")) is not None else [])
    )
    if off_grid:
        return [before + line * lines + rules], keep, False, breaks
    per = max(1, -(-(line - 0.05) // (LINE_PITCH_TWIPS / 20)))
    heights = [per * LINE_PITCH_TWIPS / 20] * lines
    heights[-1] += rules
    return heights, keep, True, breaks


def _para_size(element: Any) -> float:
    sizes = [int(sz.get(qn("w:val"))) / 2 for sz in element.iter(qn("w:sz"))]
    return max(sizes) if sizes else SIZE_BODY


def _para_lines(element: Any, p_pr: Any, size: float) -> int:
    """Lines a paragraph takes in the 版心: its text (and first-line indent) over the characters a line
    holds, for each piece between line breaks.
    """
    ind = p_pr.find(qn("w:ind")) if p_pr is not None else None
    indent = int(ind.get(qn("w:firstLine"), 0)) / 20 / size if ind is not None else 0.0
    texts = ["".join(t.text or "" for t in r.iter(qn("w:t"))) for r in element.iter(qn("w:r"))]
    breaks = sum(1 for _ in element.iter(qn("w:br")))
    if breaks:  # titles: broken into lines that fit by construction
        return breaks + 1
    text = "".join(texts)
    hanging = 1.0 if text[-1:] in _HANGING else 0.0  # a closing mark may hang in the margin
    return max(1, int(-(-(text_width(text) + indent - hanging) // line_chars(size))))


_HANGING = "。，、；：！？”’）》"


def _row_height(tr: Any, widths: list[float]) -> float:
    """A table row: its tallest cell's lines (wrapped at its column's width) × 1.35 × the size, and its rule."""
    height = tr.find(qn("w:trPr") + "/" + qn("w:trHeight"))
    if height is not None and height.get(qn("w:hRule")) == "exact":
        return int(height.get(qn("w:val"))) / 20
    tallest = 0.0
    for column, tc in enumerate(tr.findall(qn("w:tc"))):
        width = (widths[column] if column < len(widths) else 100.0) - _CELL_PADDING_PT
        for p in tc.findall(qn("w:p")):
            size = _para_size(p)
            lines = 0
            for run in p.iter(qn("w:r")):
                parts = [t.text or "" for t in run if t.tag == qn("w:t")]
                for text in parts:
                    lines += max(1, int(-(-(text_width(text) * (size + CONDENSE_TWIPS / 20)) // max(width, 1.0))))
            tallest = max(tallest, max(lines, 1) * size * 1.35)
    return tallest + _RULE_PT


#: A table's rules ("Table Grid": w:sz 4, half a point); LibreOffice adds one to every row's height and one
#: above the table (measured: 31 rows of 9 pt text, 1.35 × 9 = 12.15 pt of text each, are 30 × 12.65 pt apart).
_RULE_PT = 0.5


# --- page numbers ---------------------------------------------------------------------------


def page_numbers(doc: DocumentType) -> None:
    """4号宋体 :data:`PAGE_NUMBER` ("— 1 —") under the 版心: odd pages 居右空一字, even pages 居左空一字."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.alignment = align
        fmt = p.paragraph_format
        fmt.line_spacing = Pt(SIZE_PAGE_NUMBER * 1.2)
        _snap_off(p)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = Pt(SIZE_PAGE_NUMBER)
        else:
            fmt.left_indent = Pt(SIZE_PAGE_NUMBER)
        before, after = PAGE_NUMBER.split("{}")
        _number_run(p, before)
        _page_field(p)
        _number_run(p, after)


def _number_run(p: Paragraph, text: str) -> Any:
    """A page-number run: 4号宋体 at natural width (en spaces keep "— 1 —" apart in any font)."""
    run = add_run(p, text, NUMBER_FONT, SIZE_PAGE_NUMBER)
    _rpr_insert(run._element.get_or_add_rPr(), _el("w:spacing", val="0"))
    return run


def _page_field(p: Paragraph) -> None:
    """A PAGE field: begin, instruction, separate, the shown number, end, each in its own run."""
    for part in ("begin", " PAGE ", "separate", "1", "end"):
        run = _number_run(p, "")
        if part in ("begin", "separate", "end"):
            run._element.append(_el("w:fldChar", fldCharType=part))
            continue
        text = OxmlElement("w:instrText" if part.strip() == "PAGE" else "w:t")
        text.set(qn("xml:space"), "preserve")
        text.text = part
        run._element.append(text)


#: CT_RPr's children after ``w:spacing`` (it must come before these).
_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:lang")


def _rpr_insert(r_pr: Any, element: Any) -> None:
    for old in r_pr.findall(element.tag):
        r_pr.remove(old)
    anchor = next((r_pr.find(qn(t)) for t in _AFTER_SPACING if r_pr.find(qn(t)) is not None), None)
    if anchor is not None:
        anchor.addprevious(element)
    else:
        r_pr.append(element)


# --- tables ---------------------------------------------------------------------------------

#: Cell margin on each side (the default 0.08" makes a 13-column table too wide for 156 mm).
_CELL_MARGIN_PT = 1.5
_CELL_PADDING_PT = 2 * _CELL_MARGIN_PT
_SLACK = 0.1  # characters of room a fitted column keeps


def cell_width(text: str) -> float:
    """:func:`text_width` with room for wide Latin glyphs: a table cell must never wrap by a hair
    (``100.0%``: digits and the point ½ em, but ``%`` nearly 1 em in CJK fonts).
    """
    return text_width(text) + sum(0.4 if ch == "%" else 0.05 for ch in text if ord(ch) < 0x2E80)


def _lines_width(text: str) -> float:
    return max(cell_width(line) for line in str(text).split("\n"))


_HEAD_PIECE_RE = re.compile(r"[\u2e80-\u9fff]{1,2}/?|[^\u2e80-\u9fff]+")


def header_split(head: str) -> str:
    """A column header as two balanced lines broken between words (Chinese words taken two characters
    at a time, a ``/`` kept with the word before): 累计 | 报送, 约稿按时/ | 迟报/漏报; headers of three
    Chinese characters or fewer (采用率, 好信息) stay whole.
    """
    if "\n" in head or sum(1 for ch in head if not _ascii(ch)) <= 3:
        return head
    pieces = _HEAD_PIECE_RE.findall(head)
    splits = ["".join(pieces[:i]) + "\n" + "".join(pieces[i:]) for i in range(1, len(pieces))]
    return min(splits, key=lambda s: (max(text_width(x) for x in s.split("\n")), -len(s.split("\n")[0])), default=head)


def _em(width: float, size: float) -> float:
    return (width + _SLACK) * size + _CELL_PADDING_PT


def fitted_widths(heads: Sequence[str], rows: Sequence[Sequence[str]], size: float, total_pt: float) -> list[float]:
    """Column widths (points) that fit each column's widest cell on one line and its header at least
    on two lines broken between words (:func:`header_split`), share what is left among headers that
    would otherwise take two lines, then evenly; ``[]`` when that cannot fit.
    """
    body = [max([_lines_width(r[i]) for r in rows] + [2.0]) for i in range(len(heads))]
    need = [_em(max(b, _lines_width(header_split(h))), size) for b, h in zip(body, heads)]
    if sum(need) > total_pt:
        return []
    wish = [max(n, _em(_lines_width(h), size)) for n, h in zip(need, heads)]
    spare = total_pt - sum(need)
    extra = [w - n for w, n in zip(wish, need)]
    if sum(extra) >= spare:
        scale = spare / sum(extra) if sum(extra) else 0
        return [n + e * scale for n, e in zip(need, extra)]
    left = (spare - sum(extra)) / len(heads)
    return [w + left for w in wish]


def wrap_widths(heads: Sequence[str], rows: Sequence[Sequence[str]], size: float, total_pt: float) -> list[float]:
    """Widths when a table cannot keep every cell on one line: each column gets at least its widest
    unbreakable piece (a word of up to 12 characters: a name, a date, a time; longer text such as a
    title may break anywhere) and its header on two lines, and the rest of the width in proportion
    to what a one-line cell would need.
    """

    def piece(text: str) -> float:
        return max(cell_width(token) if len(token) <= 12 else 2.0 for token in text.split())

    need = [_em(max([_lines_width(r[i]) for r in rows] + [2.0]), size) for i in range(len(heads))]
    least = [
        _em(max([piece(str(r[i])) for r in rows] + [2.0, _lines_width(header_split(h))]), size)
        for i, h in enumerate(heads)
    ]
    need = [max(n, m) for n, m in zip(need, least)]
    extra = [n - m for n, m in zip(need, least)]
    if sum(least) > total_pt or not sum(extra):
        return [total_pt * n / sum(need) for n in need]
    scale = (total_pt - sum(least)) / sum(extra)
    return [m + e * scale for m, e in zip(least, extra)]


TABLE_SIZES = (12.0, 10.5, 9.0)


def table_size(heads: Sequence[str], rows: Sequence[Sequence[Any]], sizes: Sequence[float] = TABLE_SIZES) -> float:
    """The largest of ``sizes`` at which every body cell of the table keeps to one line (else the smallest):
    a document gives all its tables the smallest of their sizes, so one page never mixes two.
    """
    cells = [[str(v) for v in row] for row in rows]
    total = TEXT_WIDTH_MM / 25.4 * 72
    return next((size for size in sizes if fitted_widths(heads, cells, size, total)), sizes[-1])


def table(
    doc: Any,
    heads: Sequence[str],
    rows: Sequence[Sequence[Any]],
    numeric: Sequence[bool] | None = None,
    sizes: Sequence[float] = TABLE_SIZES,
) -> Any:
    """A ruled table as wide as the 版心: widths fitted to content (the largest font of ``sizes``
    that keeps every body cell on one line), a header row repeated on every page, rows that do not
    split, numbers centred and text left-aligned.
    """
    cells = [[str(v) for v in row] for row in rows]
    numeric = list(numeric) if numeric is not None else [False] * len(heads)
    total = TEXT_WIDTH_MM / 25.4 * 72
    size = table_size(heads, cells, sizes)
    widths = fitted_widths(heads, cells, size, total) or wrap_widths(heads, cells, size, total)
    # a header wider than its column goes on two lines, broken between words
    heads = [h if _em(_lines_width(h), size) <= w + 0.01 else header_split(h) for h, w in zip(heads, widths)]
    grid = doc.add_table(rows=1 + len(cells), cols=len(heads))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    _fixed_layout(grid)
    for index, width in enumerate(widths):
        grid.columns[index].width = Pt(width)
    table_width = grid._tbl.tblPr.find(qn("w:tblW"))
    table_width.set(qn("w:type"), "dxa")
    table_width.set(qn("w:w"), str(round(sum(widths) * 20)))
    header_p = _cell_paragraph(doc, HEADING_FONT, size, WD_ALIGN_PARAGRAPH.CENTER)
    body_p = {
        True: _cell_paragraph(doc, BODY_FONT, size, WD_ALIGN_PARAGRAPH.CENTER),
        False: _cell_paragraph(doc, BODY_FONT, size, WD_ALIGN_PARAGRAPH.LEFT),
    }
    for r, (row, values) in enumerate(zip(grid.rows, [list(heads), *cells])):
        _row_flags(row, header=r == 0)
        for c, tc in enumerate(row._tr.tc_lst):
            # One styled paragraph per kind of cell, copied: python-docx's per-run API is slow on long tables.
            tc_pr = tc.get_or_add_tcPr()
            for old in tc_pr.findall(qn("w:tcW")):
                tc_pr.remove(old)
            tc_pr.insert(0, _el("w:tcW", w=str(round(widths[c] * 20)), type="dxa"))
            tc_pr.append(_el("w:vAlign", val="center"))
            for old in tc.findall(qn("w:p")):
                tc.remove(old)
            p = deepcopy(header_p if r == 0 else body_p[numeric[c]])
            _cell_text(p.find(qn("w:r")), str(values[c]))
            tc.append(p)
    return grid


def _cell_text(run: Any, text: str) -> None:
    r"""The text of a cell's run; a ``\n`` is a line break inside the cell."""
    first, *more = text.split("\n")
    run.find(qn("w:t")).text = first
    for line in more:
        run.append(OxmlElement("w:br"))
        shown = OxmlElement("w:t")
        shown.set(qn("xml:space"), "preserve")
        shown.text = line
        run.append(shown)


def _cell_paragraph(doc: Any, font: str, size: float, align: Any) -> Any:
    """A table cell's paragraph (off the grid, line 1.35 × the size) with one empty run, as XML to copy."""
    scratch = doc.add_paragraph()
    scratch.alignment = align
    scratch.paragraph_format.line_spacing = Pt(size * 1.35)
    scratch.paragraph_format.first_line_indent = Pt(0)
    _snap_off(scratch)
    add_run(scratch, " ", font, size)
    element = scratch._p
    element.getparent().remove(element)
    return element


def _fixed_layout(grid: Any) -> None:
    """Fixed column widths and narrow cell margins (tblLayout, tblCellMar: in CT_TblPr's order)."""
    tbl_pr = grid._tbl.tblPr
    for tag in ("w:tblLayout", "w:tblCellMar"):
        for old in tbl_pr.findall(qn(tag)):
            tbl_pr.remove(old)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_el(f"w:{side}", w=str(round(_CELL_MARGIN_PT * 20)), type="dxa"))
    layout = _el("w:tblLayout", type="fixed")
    anchor = next(
        (
            tbl_pr.find(qn(t))
            for t in ("w:tblLook", "w:tblCaption", "w:tblDescription")
            if tbl_pr.find(qn(t)) is not None
        ),
        None,
    )
    if anchor is not None:
        anchor.addprevious(layout)
        anchor.addprevious(margins)
    else:
        tbl_pr.append(layout)
        tbl_pr.append(margins)


def _row_flags(row: Any, header: bool) -> None:
    """``cantSplit`` on every row; ``tblHeader`` (repeat on each page) on the header row."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(_el("w:cantSplit"))
    if header:
        tr_pr.append(_el("w:tblHeader"))


# --- properties and the package -----------------------------------------------------------


def properties(doc: DocumentType, title_text: str, author: str) -> None:
    """Title and author; no generator text (dates and language are set by :func:`package`)."""
    props = doc.core_properties
    props.title = title_text
    props.author = author
    props.last_modified_by = author
    props.comments = ""
    props.keywords = ""
    props.subject = ""
    props.category = ""
    props.revision = 1


def save(doc: DocumentType, created: datetime) -> bytes:
    """The .docx bytes: reproducible, created/modified = ``created`` with its own UTC offset."""
    buffer = io.BytesIO()
    doc.save(buffer)
    return package(buffer.getvalue(), created)


def w3cdtf(moment: datetime) -> str:
    """``2026-11-25T23:59:59+08:00`` (W3CDTF keeps the offset; ``Z`` for UTC)."""
    text = moment.isoformat(timespec="seconds")
    return text[:-6] + "Z" if text.endswith("+00:00") else text


_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>'
)
_THUMBNAIL_REL_RE = re.compile(r'<Relationship [^>]*Target="docProps/thumbnail\.jpeg"/>')


def package(data: bytes, created: datetime, language: str = "zh-CN") -> bytes:
    """Rewrite an OOXML zip reproducibly: fixed entry order and timestamps, document dates =
    ``created`` (in its own timezone), ``dc:language``, no application name or template thumbnail.
    """
    stamp = w3cdtf(created)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
        for name in names:
            if name == "docProps/thumbnail.jpeg":
                continue
            blob = source.read(name)
            if name == "docProps/core.xml":
                blob = _core(blob.decode("utf-8"), stamp, language).encode("utf-8")
            elif name == "docProps/app.xml":
                blob = _APP_XML.encode("utf-8")
            elif name == "_rels/.rels":
                blob = _THUMBNAIL_REL_RE.sub("", blob.decode("utf-8")).encode("utf-8")
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, blob)
    return out.getvalue()


def _core(text: str, stamp: str, language: str) -> str:
    for tag in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
        text = re.sub(rf"(<{tag}[^>]*>)[^<]*(</{tag}>)", rf"\g<1>{stamp}\g<2>", text)
    text = re.sub(r"<dc:language[^>]*?(?:/>|>[^<]*</dc:language>)", "", text)
    element = f'<dc:language xmlns:dc="http://purl.org/dc/elements/1.1/">{language}</dc:language>'
    return text.replace("</cp:coreProperties>", f"{element}</cp:coreProperties>")
