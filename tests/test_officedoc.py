"""Word bulletins as an office prints them: .docx → LibreOffice → PDF → pdftotext (issue 13).

Each test converts a real .docx with ``soffice --headless --convert-to pdf``
(Debian ``libreoffice-writer-nogui``, a throw-away user profile), reads the
pages with ``pdftotext -layout`` and saves PNGs of them (``pdftoppm``) under
``test-artifacts/office/`` to be looked at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from portal.output.bulletin import document_number
from portal.output.office import officedoc as od
from tests.conftest import REPO, run_cli

ARTIFACTS = REPO / "test-artifacts" / "office"
TOOLS = ("soffice", "pdftotext", "pdftoppm")
pytestmark = [
    pytest.mark.skipif(
        any(shutil.which(t) is None for t in TOOLS),
        reason="needs LibreOffice and poppler-utils (apt-get install libreoffice-writer-nogui poppler-utils)",
    ),
    pytest.mark.slow,
]
PAGE_NUMBER_RE = re.compile(r"^\s*— (\d+) —\s*$")
LEADING_ZERO_RE = re.compile(r"\d{4} ?年 ?0\d ?月|月 ?0\d ?日")
#: Plain 3号 text: 27 full-width characters, no digits or Latin letters (each takes one character cell).
SENTENCE = "民政工作关系民生连着民心是社会建设的兜底性基础性工作。"


def fonts_conf(folder: Path) -> Path:
    """A fontconfig file: the system's, then the portal's mapping (as the guide tells a Linux user)."""
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <include>{REPO / 'deploy' / 'fonts' / 'portal-fonts.conf'}</include>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return conf


def to_pdf(docx: Path, tmp_path: Path, name: str) -> list[str]:
    """Convert with LibreOffice, keep PNGs of the pages, return each page's text (``pdftotext -layout``)."""
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "FONTCONFIG_FILE": str(fonts_conf(tmp_path))},  # the fonts as the guide maps them
    )
    pdf = tmp_path / f"{docx.stem}.pdf"
    assert pdf.exists(), "LibreOffice wrote no PDF"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(ARTIFACTS / name)], check=True, timeout=300)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True, timeout=300
    ).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def line_boxes(pdf: Path) -> list[tuple[str, tuple[float, float, float]]]:
    """Each text line of the PDF (spaces removed) with its (left, right, top) in points."""
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True, timeout=300
    ).stdout
    out: list[tuple[str, tuple[float, float, float]]] = []
    for line in re.findall(r"<line [^>]*>(.*?)</line>", html, re.DOTALL):
        words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', line)
        if words:
            text = "".join(w[3] for w in words)
            out.append((text, (float(words[0][0]), float(words[-1][2]), float(words[0][1]))))
    return out


def lines_of(page: str) -> list[str]:
    return [line for line in page.splitlines() if line.strip()]


def body_lines(page: str) -> list[str]:
    """A page's text lines without its page number."""
    return [line for line in lines_of(page) if not PAGE_NUMBER_RE.match(line)]


def assert_page_numbers(pages: list[str]) -> None:
    """Page numbers "— N —" on every page; odd pages right (居右), even pages left (居左)."""
    for index, page in enumerate(pages, start=1):
        numbers = [line for line in lines_of(page) if PAGE_NUMBER_RE.match(line)]
        assert len(numbers) == 1, f"page {index}: {numbers}"
        match = PAGE_NUMBER_RE.match(numbers[0])
        assert match and int(match.group(1)) == index
        indent = len(numbers[0]) - len(numbers[0].lstrip())
        assert (indent > 20) if index % 2 else (indent < 5), f"page {index}: {numbers[0]!r}"


def sample_document(rows: int) -> bytes:
    """Every primitive once: 版头, title, body long enough for full pages, a long table, 署名, 版记."""
    doc = od.new_document()
    od.page_numbers(doc)
    od.masthead(doc, "测试县民政局", document_number("测民办〔{year}〕{n}号", 2026, 7))
    od.title(doc, "关于2026年1月政务信息报送情况的通报")
    od.addressee(doc, "各股室")
    for _ in range(4):
        # 8 × 27 = 216 characters: 左空二字 + 26 (and the full stop, which LibreOffice hangs in the
        # margin) = 27, then 6 lines of 28 = 168, then 21: 8 lines a paragraph, 32 in all.
        od.body(doc, SENTENCE * 8)
    od.heading(doc, "一、各股室报送采用情况")
    od.table(
        doc,
        ("排名", "股室", "报送", "采用", "得分"),
        [[str(i), f"第{i}股", str(i), "1", "2.5"] for i in range(1, rows + 1)],
        (True, False, True, True, True),
    )
    od.heading(doc, "二、表扬")
    od.body(doc, "第1股信息报送数量多，予以通报表扬。")
    od.signature_block(doc, "测试县民政局办公室", date(2026, 2, 3))
    od.colophon(doc, ["县委办", "县政府办"], "测试县民政局办公室", date(2026, 2, 3))
    od.properties(doc, "关于2026年1月政务信息报送情况的通报", "测试县民政局")
    return od.save(doc, datetime(2026, 2, 3, 23, 59, 59, tzinfo=timezone(timedelta(hours=8))))


def test_gbt9704_page_grid_numbers_and_table(tmp_path: Path) -> None:
    docx = tmp_path / "sample.docx"
    docx.write_bytes(sample_document(rows=60))
    pages = to_pdf(docx, tmp_path, "sample")
    text = "\n".join(pages)
    assert len(pages) >= 3
    assert_page_numbers(pages)
    # Page 2 is all body text (page 1 holds 版头, title and a few lines of the 32): a full 版心 is
    # 22 lines, and a line that neither starts (indented) nor ends a paragraph holds 28 characters.
    page2 = body_lines(pages[1])
    assert len(page2) == 22, page2
    unindented = [line for line in page2 if not line.startswith(" ")]
    assert all(len(line) <= 28 for line in unindented), unindented
    assert sum(len(line) == 28 for line in unindented) >= 14, unindented
    # The table (60 rows) runs over pages; its header row is repeated on each page it continues on.
    with_rows = [p for p in pages if re.search(r"^\s*\d+\s+第 ?\d+ ?股\s", p, re.MULTILINE)]
    assert len(with_rows) >= 2
    for page in with_rows:
        header = [line for line in lines_of(page) if re.match(r"\s*排名\s+股室\s+报送\s+采用\s+得分\s*$", line)]
        assert len(header) == 1, page
    # Rows do not split and names fit their column: every row is one line.
    rows = [m.group(1) for m in re.finditer(r"^\s*(\d+)\s+第 ?\d+ ?股\s+\d+\s+1\s+2\.5\s*$", text, re.MULTILINE)]
    assert rows == [str(i) for i in range(1, 61)]
    assert re.search(r"测民办〔2026〕7 ?号", text)
    # 成文日期 右空四字: its right edge 4 × 16 pt left of the 版心's (28 mm + 156 mm from the left);
    # the 署名 centred over it (§7.3.5.1).  Positions from pdftotext -bbox, in points.
    boxes = line_boxes(tmp_path / "sample.pdf")
    right = (28 + 156) / 25.4 * 72
    dated = next(box for line, box in boxes if line == "2026年2月3日")
    assert abs(dated[1] - (right - 4 * 16)) < 4, dated
    signer = next(box for line, box in boxes if line == "测试县民政局办公室")
    assert abs((signer[0] + signer[1]) / 2 - (dated[0] + dated[1]) / 2) < 4, (signer, dated)
    assert 0 < dated[2] - signer[2] < 40  # the line right above it
    # the 版心's left edge at 订口 28 mm; page numbers 7 mm under the 版心 (37 + 225 + 7 = 269 mm from the
    # top), odd ones ending one 14 pt character inside the right edge, even ones starting one inside the left
    mm = 72 / 25.4
    addressee = next(box for line, box in boxes if line == "各股室：")
    assert abs(addressee[0] - 28 * mm) < 2
    first, second = (next(box for line, box in boxes if line == f"—{n}—") for n in (1, 2))
    assert abs(first[2] - 269 * mm) < 3 and abs(second[2] - 269 * mm) < 3
    assert abs(first[1] - (right - 14)) < 3 and abs(second[0] - (28 * mm + 14)) < 3
    # the red 发文机关标志 35 mm under the top of the 版心 (37 + 35 = 72 mm; its font box starts a little higher)
    mark = next(box for line, box in boxes if line == "测试县民政局")
    assert 0 <= 72 * mm - mark[2] < 10
    # no leading zeros; 版记 with 抄送 and 印发
    assert "抄送：县委办，县政府办。" in text
    assert re.search(r"测试县民政局办公室\s+2026 年 2 月 3 日印发", text)
    assert not LEADING_ZERO_RE.search(text)


def test_heading_is_kept_with_its_text(tmp_path: Path) -> None:
    """A heading never ends a page: fill page 2 to its last line, then a heading and a paragraph."""
    doc = od.new_document()
    od.page_numbers(doc)
    for _ in range(22 + 21):  # page 1: 22 lines, page 2: 21 lines, one line left
        od.body(doc, "短句。")
    od.heading(doc, "二、表扬")
    od.body(doc, "内容。")
    docx = tmp_path / "keep.docx"
    docx.write_bytes(od.save(doc, datetime(2026, 2, 3, tzinfo=timezone.utc)))
    pages = to_pdf(docx, tmp_path, "keep")
    assert len(pages) == 3
    assert "二、表扬" in pages[2] and "内容。" in pages[2]
    assert len(body_lines(pages[0])) == 22 and len(body_lines(pages[1])) == 21


def test_demo_bulletin_prints_as_a_document(tmp_path: Path) -> None:
    """The demo's October bulletin, exported by the command line, printed through LibreOffice."""
    docx = tmp_path / "bulletin.docx"
    result = run_cli(
        REPO, "export", "--period", "2026-10", "--as-of", "2026-11-25", "--format", "docx", "-o", str(docx)
    )
    assert result.code == 0, result.err
    pages = to_pdf(docx, tmp_path, "bulletin-2026-10")
    text = "\n".join(pages)
    assert_page_numbers(pages)
    assert not LEADING_ZERO_RE.search(text)
    assert "示例县民政局" in pages[0] and re.search(r"示民办〔2026〕23 ?号", pages[0])
    assert "关于 2026 年 10 月政务信息报送情况的通报" in pages[0]
    # content/bulletins/2026-10.md: number 23, date 2026-11-05, an intro and 下一步工作要求
    assert "10 月份，各股室围绕困难群众救助" in text and "下一步工作要求" in text
    assert re.search(r"示例县民政局办公室\s+2026 年 11 月 5 日印发", text)
    # Every page that carries rows of the ranking table starts them under a repeated header.
    for page in pages:
        if re.search(r"^\s*\d+\s+\S+股\s+\d+\s+\d+\s+[\d.]+%", page, re.MULTILINE):
            assert re.search(r"排名\s+股室\s+报送\s+采用\s+采用率", page), page


def test_signature_never_stands_alone(tmp_path: Path) -> None:
    """Page 2 is full but one line; 2 seal lines + 署名 + 日期 do not fit, so the text's last line goes over
    with them (GB/T 9704 §7.3.5.4: no page with a signature and no text).
    """
    doc = od.new_document()
    od.page_numbers(doc)
    for index in range(22 + 21):
        od.body(doc, f"第{index + 1}句。")
    od.signature_block(doc, "测试县民政局办公室", date(2026, 2, 3))
    docx = tmp_path / "sign.docx"
    docx.write_bytes(od.save(doc, datetime(2026, 2, 3, tzinfo=timezone.utc)))
    pages = to_pdf(docx, tmp_path, "sign")
    assert len(pages) == 3
    assert re.search(r"第 ?43 ?句。", pages[2]) and "测试县民政局办公室" in pages[2]
    assert len(body_lines(pages[1])) == 20  # lines 23 to 42
