"""What the office sends out needs no hand fixes to its layout (issue 25).

Every document kind of the demo (monthly, quarterly and annual 通报, a 简报 with many items and one with
few, the Excel workbook) is exported by the command line and printed once through LibreOffice, with the
fonts mapped by ``deploy/fonts/portal-fonts.conf``; the PDFs are read back with ``pdftotext -bbox-layout``
and PNGs of every page go to ``test-artifacts/office-layout/`` to be looked at.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import subprocess
from pathlib import Path

import pytest
from docx import Document

from tests.conftest import REPO, make_site, run_cli
from tests.test_officedoc import fonts_conf, pytestmark

__all__ = ["pytestmark"]  # the LibreOffice/poppler skip applies here too

ARTIFACTS = REPO / "test-artifacts" / "office-layout"
MM = 72 / 25.4
TEXT_BOTTOM = (37 + 225) * MM  # the 版心's lower edge: 天头 37 mm + 225 mm
BULLETINS = {"monthly": "2026-10", "quarterly": "2026-Q3", "annual": "2026"}
ISSUES = {"many": ("民政信息", "11"), "few": ("yaoqing", "5")}
ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

Word = tuple[str, float, float, float, float]  # text, xMin, yMin, xMax, yMax


def pages_of(pdf: Path) -> list[list[list[Word]]]:
    """Each page's lines, each line its words with their boxes (points from the top left)."""
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True, timeout=300
    ).stdout
    word_re = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
    out = []
    for page in html.split("<page ")[1:]:
        lines = []
        for line in re.findall(r"<line [^>]*>(.*?)</line>", page, re.DOTALL):
            words = [(w[4], float(w[0]), float(w[1]), float(w[2]), float(w[3])) for w in word_re.findall(line)]
            if words:
                lines.append(words)
        out.append(lines)
    return out


def text_of(line: list[Word]) -> str:
    return "".join(w[0] for w in line)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[list[list[Word]]]]]:
    """Every kind exported and converted once (one LibreOffice run, a private profile)."""
    folder = tmp_path_factory.mktemp("layout")
    files = []
    for name, period in BULLETINS.items():
        out = folder / f"{name}.docx"
        result = run_cli(
            REPO, "export", "--period", period, "--as-of", "2026-11-25", "--format", "docx", "-o", str(out)
        )
        assert result.code == 0, result.err
        files.append(out)
    for name, (periodical, number) in ISSUES.items():
        out = folder / f"{name}.docx"
        result = run_cli(REPO, "export", "--periodical", periodical, "--number", number, "-o", str(out))
        assert result.code == 0, result.err
        files.append(out)
    book = folder / "book.xlsx"
    args = ("export", "--period", "2026-10", "--as-of", "2026-11-25", "--format", "xlsx", "-o", str(book))
    assert run_cli(REPO, *args).code == 0
    files.append(book)
    env = {**os.environ, "FONTCONFIG_FILE": str(fonts_conf(folder))}
    profile = f"-env:UserInstallation=file://{folder / 'lo-profile'}"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(folder), *map(str, files)],
        check=True, capture_output=True, timeout=600, env=env,
    )  # fmt: skip
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    result_pages: dict[str, tuple[Path, list[list[list[Word]]]]] = {}
    for source in files:
        pdf = folder / f"{source.stem}.pdf"
        assert pdf.exists(), f"LibreOffice wrote no PDF for {source.name}"
        for old in ARTIFACTS.glob(f"{source.stem}-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(ARTIFACTS / source.stem)], check=True)
        result_pages[source.stem] = (source, pages_of(pdf))
    return result_pages


@pytest.mark.parametrize("kind", list(BULLETINS))
def test_bulletin_has_an_even_number_of_pages(printed: dict, kind: str) -> None:
    """A 通报 is printed on both sides: its last page, the one with the 版记, is an even page."""
    _, pages = printed[kind]
    assert len(pages) % 2 == 0, len(pages)


@pytest.mark.parametrize("kind", [*BULLETINS, *ISSUES])
def test_colophon_sits_at_the_foot_of_the_last_page(printed: dict, kind: str) -> None:
    """The 版记's last line ends on the 版心's last line: its text bottom within 5 mm of 37 + 225 mm."""
    _, pages = printed[kind]
    words = [w for line in pages[-1] if not re.fullmatch(r"—\d+—", text_of(line)) for w in line]
    bottom = max(w[4] for w in words)
    closing = "".join(w[0] for w in words if abs(w[4] - bottom) < 1)
    assert "印发" in closing or "签发" in closing, closing  # nothing under the 版记's last line
    assert abs(bottom - TEXT_BOTTOM) < 5 * MM, (closing, bottom / MM)


@pytest.mark.parametrize("kind", [*BULLETINS, *ISSUES])
def test_colophon_rules_are_as_wide_as_the_text(printed: dict, kind: str) -> None:
    """The 版记 is a table exactly as wide as the 版心 (156 mm), so its rules run across the whole width."""
    source, _ = printed[kind]
    doc = Document(io.BytesIO(source.read_bytes()))
    width = doc.tables[-1]._tbl.tblPr.find(f"{W}tblW")
    assert int(width.get(f"{W}w")) == round(156 / 25.4 * 1440)  # 156 mm in twips = 8844


def _table_cells(source: Path) -> set[str]:
    doc = Document(io.BytesIO(source.read_bytes()))
    return {
        cell.text.replace("\n", "")
        for table in doc.tables[:-1]
        for row in table.rows
        for cell in row.cells
        if 1 < len(cell.text) <= 6 and "\n" not in cell.text and re.search(r"[\u4e00-\u9fff]", cell.text)
    }  # words: a number over a number in the next row is no split


@pytest.mark.parametrize("kind", list(BULLETINS))
def test_no_short_cell_breaks_inside(printed: dict, kind: str) -> None:
    """No cell of 6 characters or fewer (好信息, 任务完成, 累计报送 …) is split over two lines: no word holds a
    first part of such a cell with the rest right under it in the same column.
    """
    source, pages = printed[kind]
    cells = _table_cells(source)
    assert {"好信息", "养老服务股"} & cells
    for page in pages:
        words = [w for line in page for w in line]
        for top in words:
            for cell in (c for c in cells if c.startswith(top[0]) and c != top[0]):
                rest = cell[len(top[0]) :]
                below = [
                    w for w in words
                    if w[0] == rest and 0 < w[2] - top[2] < 2.2 * (top[4] - top[2]) and w[1] < top[3] and w[3] > top[1]
                ]  # fmt: skip
                assert not below, f"{kind}: {cell!r} split as {top[0]!r} / {rest!r}"


@pytest.mark.parametrize("kind", list(BULLETINS))
def test_one_table_size_a_document(printed: dict, kind: str) -> None:
    source, _ = printed[kind]
    doc = Document(io.BytesIO(source.read_bytes()))
    sizes = {
        run.font.size.pt
        for table in doc.tables[:-1]
        for cell in table._cells
        for p in cell.paragraphs
        for run in p.runs
        if run.font.size is not None
    }
    assert len(sizes) == 1, sizes


@pytest.mark.parametrize("kind", [*BULLETINS, *ISSUES, "book"])
def test_no_iso_date(printed: dict, kind: str) -> None:
    _, pages = printed[kind]
    text = "\n".join(text_of(line) for page in pages for line in page)
    assert not ISO_DATE_RE.search(text), ISO_DATE_RE.findall(text)


@pytest.mark.parametrize("kind", list(BULLETINS))
def test_signature_page_carries_body_text(printed: dict, kind: str) -> None:
    """GB/T 9704 §7.3.5.4: the page with the 署名 and 成文日期 also has text of the body above them.
    The 署名 is the line right above the 成文日期 (the same office also heads page 1 as the 发文机关标志
    and prints the 版记: one issuing body).
    """
    _, pages = printed[kind]
    page, signer = next(
        (p, line)
        for p in pages
        for line, after in itertools.pairwise(p)
        if text_of(line) == "示例县民政局办公室" and re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", text_of(after))
    )
    above = [line for line in page if line[0][4] < signer[0][2] and not re.fullmatch(r"—\d+—", text_of(line))]
    assert above, f"{kind}: the signature stands alone"


def test_titles_are_broken_by_meaning(printed: dict) -> None:
    """The quarterly title is too long for one line: two lines, broken after the date, never "…的通" / "报"."""
    _, pages = printed["quarterly"]
    lines = [text_of(line) for line in pages[0]]
    start = lines.index("关于2026年第三季度")
    assert lines[start + 1] == "政务信息报送情况的通报"


def test_newsletter_labels_and_keeps_its_parts(printed: dict) -> None:
    source, pages = printed["few"]
    text = "".join(text_of(line) for page in pages for line in page)
    doc = Document(io.BytesIO(source.read_bytes()))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert " " not in "".join(re.findall(r"（[^）]*股[^）]*）", body))  # （儿童福利股　王芳）: a full-width space
    assert "（儿童福利股" in text
    # every item's source line is on the same page as the line of text above it
    for page in pages:
        first = [text_of(line) for line in page][:1]
        assert not (first and first[0].startswith("（") and first[0].endswith("）")), first


def test_workbook_prints_readably(printed: dict) -> None:
    """Every word of the 通报 sheet is printed (wrapped, not clipped); the 股室 sheet at a readable size."""
    source, pages = printed["book"]
    from openpyxl import load_workbook

    book = load_workbook(source)
    sheet = book.worksheets[0]
    assert sheet.column_dimensions["A"].width < 100
    for ws in book.worksheets:
        assert ws.page_margins.footer < ws.page_margins.bottom and ws.page_margins.footer >= 0.2
        assert all(c.font.name != "Calibri" for row in ws.iter_rows() for c in row if c.value is not None)
    printed_text = "".join(text_of(line) for page in pages for line in page)
    # the 股室 sheet (20 columns, A4 landscape, one page wide) prints at 70 % or more: 11 pt text has
    # a word box 1.3 × 11 pt high at 100 %
    sections = next(p for p in pages if any(text_of(line).endswith("·股室") for line in p))
    name = next(w for line in sections for w in line if w[0] == "养老服务股")
    assert name[4] - name[2] >= 0.7 * 1.3 * 11, name
    # its headers of four characters wrap between the two words (约稿/按时), never after three (约稿按/时)
    words = {w[0] for line in sections for w in line}
    heads = [str(c.value) for c in book.worksheets[1][3] if c.value and len(str(c.value)) == 4]
    assert heads and not [h for h in heads if h[:3] in words], heads
    lines = [str(c.value) for c in sheet["A"] if c.value][2:]
    for line in lines:
        assert re.sub(r"\s", "", line)[:20] in printed_text, line


def test_copies_print_in_the_imprint_and_are_checked(tmp_path: Path) -> None:
    """``copies: 50`` on a periodical puts （共印50份） 居右 on the 版记's last row; 0 is a config error
    naming the key.
    """
    from tests.test_periodicals import ITEMS, PERIODICAL, REPORTS, SECOND, issue, portal_config

    files = {"content/periodicals/minzheng/2026-04.md": issue(items=ITEMS, editor="王芳", signer="李明")}
    site = make_site(
        tmp_path / "ok", reports=REPORTS, portal=portal_config({**PERIODICAL, "copies": 50}, SECOND), files=files
    )
    out = tmp_path / "issue.docx"
    result = run_cli(site, "export", "--periodical", "民政信息", "--number", "4", "-o", str(out))
    assert result.code == 0, result.err
    doc = Document(io.BytesIO(out.read_bytes()))
    assert doc.tables[-1].rows[-1].cells[0].text == "责任编辑：王芳　　签发：李明\t（共印50份）"
    bad = make_site(
        tmp_path / "bad", reports=REPORTS, portal=portal_config({**PERIODICAL, "copies": 0}, SECOND), files=files
    )
    result = run_cli(bad, "check")
    assert result.code != 0
    assert "extra.portal.periodicals[0].copies" in result.err + result.out and "正整数" in result.err + result.out


def test_signature_takes_a_tables_last_row_along(tmp_path: Path) -> None:
    """A text ending in a table: when 署名 and 日期 do not fit under it, the table's last row goes over with
    them.  Page 1: 17 of its 22 grid lines of text leave 5 × 28.95 = 144.75 pt; the table (12 pt, rows
    12 × 1.35 + 0.5 = 16.7 pt, a 0.5 pt rule on top) takes header + 7 rows = 134.1 pt, leaving 10.65 pt, while
    the two seal lines, 署名 and 日期 need 4 × 28.95 = 115.8 pt: they go to page 2, and row 7 (under a repeated
    header) with them.
    """
    from datetime import date, datetime, timezone

    from portal.output.office import officedoc as od

    doc = od.new_document()
    od.page_numbers(doc)
    for index in range(17):
        od.body(doc, f"第{index + 1}句。")
    od.table(doc, ("排名", "股室"), [[str(i), f"第{i}股"] for i in range(1, 8)], (True, False))
    od.signature_block(doc, "测试县民政局办公室", date(2026, 2, 3))
    docx = tmp_path / "sign-table.docx"
    docx.write_bytes(od.save(doc, datetime(2026, 2, 3, tzinfo=timezone.utc)))
    env = {**os.environ, "FONTCONFIG_FILE": str(fonts_conf(tmp_path))}
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
        check=True, capture_output=True, timeout=300, env=env,
    )  # fmt: skip
    pages = [[text_of(line) for line in page] for page in pages_of(tmp_path / "sign-table.pdf")]
    assert len(pages) == 2
    signed = pages[1]
    assert "测试县民政局办公室" in signed and "第7股" in signed and "第6股" not in signed, signed


@pytest.mark.parametrize(
    ("face", "expected"),
    [
        ("仿宋_GB2312", "Noto Serif CJK SC"),
        ("方正小标宋简体", "Noto Serif CJK SC"),
        ("宋体", "Noto Serif CJK SC"),
        ("黑体", "Noto Sans CJK SC"),
        ("楷体_GB2312", "AR PL UKai CN"),
    ],
)
def test_fonts_map_to_open_chinese_faces(tmp_path: Path, face: str, expected: str) -> None:
    """deploy/fonts/portal-fonts.conf: each face the documents name comes out as an open Simplified Chinese one
    (fonts-noto-cjk, fonts-arphic-ukai as .ci/run installs them), not as Noto Sans CJK JP.
    """
    env = {**os.environ, "FONTCONFIG_FILE": str(fonts_conf(tmp_path))}
    found = subprocess.run(
        ["fc-match", "-f", "%{family[0]}", f"{face}:lang=zh-cn"], check=True, capture_output=True, text=True, env=env
    ).stdout
    assert found == expected


def test_documents_print_in_serif_and_sans(printed: dict) -> None:
    """Through LibreOffice the body (仿宋) comes out in a serif face and the headings (黑体) in a sans one."""
    source, _ = printed["monthly"]
    fonts = subprocess.run(
        ["pdffonts", str(source.with_suffix(".pdf"))], check=True, capture_output=True, text=True
    ).stdout
    assert "NotoSerifCJK" in fonts and "NotoSansCJK" in fonts, fonts


def test_word_names_a_fallback_for_each_face(printed: dict) -> None:
    """fontTable.xml lists each Chinese face with the one Word and WPS use when it is missing (仿宋_GB2312 →
    仿宋, which Windows has), in the GB2312 character set.
    """
    import zipfile

    source, _ = printed["monthly"]
    table = zipfile.ZipFile(source).read("word/fontTable.xml").decode("utf-8")
    for face, fallback in (
        ("仿宋_GB2312", "仿宋"),
        ("楷体_GB2312", "楷体"),
        ("方正小标宋简体", "宋体"),
        ("黑体", "SimHei"),
    ):
        entry = re.search(rf'<w:font w:name="{face}">(.*?)</w:font>', table)
        assert entry and f'<w:altName w:val="{fallback}"/>' in entry.group(1), face
        assert '<w:charset w:val="86"/>' in entry.group(1)


def test_flow_lets_a_long_table_split_above_its_kept_last_row(tmp_path: Path) -> None:
    """A heading over a table whose last row is kept with the 署名 (the annual 通报's 重大紧急事件): the heading
    stays with the table's header and first row only, the rows between go where they fall, and the model
    (:func:`portal.output.office.officedoc.flow`) says where the text ends as LibreOffice prints it.

    Page 1: 18 grid lines (18 × 28.95 = 521.1 pt of 637.8) and the heading (550.05); the table (12 pt: rows
    12 × 1.35 + 0.5 = 16.7 pt, header 16.7 + 0.5 top rule = 17.2) takes header and rows 1-4 (634.05; row 5
    would end at 650.75). Page 2: header 17.2 + rows 5-10 (6 × 16.7 = 100.2) = 117.4, then two seal lines,
    署名 and 日期 (4 × 28.95 = 115.8): the text ends 233.2 pt down page 2.
    """
    from datetime import date, datetime, timezone

    from portal.output.office import officedoc as od

    doc = od.new_document()
    od.page_numbers(doc)
    for index in range(18):
        od.body(doc, f"第{index + 1}句。")
    od.heading(doc, "一、事件")
    od.table(doc, ("排名", "股室"), [[str(i), f"第{i}股"] for i in range(1, 11)], (True, False))
    od.signature_block(doc, "测试县民政局办公室", date(2026, 2, 3))
    page, used = od.flow(doc)
    assert page == 2 and abs(used - 233.2) < 0.01, (page, used)
    docx = tmp_path / "long-table.docx"
    docx.write_bytes(od.save(doc, datetime(2026, 2, 3, tzinfo=timezone.utc)))
    env = {**os.environ, "FONTCONFIG_FILE": str(fonts_conf(tmp_path))}
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
        check=True, capture_output=True, timeout=300, env=env,
    )  # fmt: skip
    pages = pages_of(tmp_path / "long-table.pdf")
    texts = [[text_of(line) for line in p] for p in pages]
    assert len(pages) == 2 and "一、事件" in texts[0] and "第4股" in texts[0] and "第5股" in texts[1], texts
    dated = next(line for line in pages[1] if text_of(line) == "2026年2月3日")
    # the date's glyphs end about 1.5 pt above its grid line's foot; the 版心 starts 37 mm down the page
    assert abs(dated[0][4] - (37 * MM + used)) < 1 * MM, (dated[0][4] - 37 * MM, used)
