"""The 简报 .docx of a periodical issue as an office prints it (issue 14, on the issue 13 layer).

The demo's latest 《民政信息》 issue is exported by the command line, converted
with LibreOffice (``soffice --headless``) and read back with ``pdftotext``;
PNGs of its pages are kept in ``test-artifacts/office/`` to be looked at.
The expected texts come from the issue file and ``mkdocs.yml`` themselves.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document
from docx.shared import RGBColor

from tests.conftest import REPO, run_cli
from tests.test_officedoc import assert_page_numbers, line_boxes, lines_of, pytestmark, to_pdf

__all__ = ["pytestmark"]  # the LibreOffice/poppler skip applies here too

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DEMO_ISSUES = REPO / "content" / "periodicals" / "minzheng"


def latest_issue() -> tuple[Path, dict[str, Any]]:
    """The newest demo issue file of 《民政信息》 (files are named by year and 期号) and its front matter."""
    path = max(DEMO_ISSUES.glob("*.md"))
    front = path.read_text(encoding="utf-8").split("---\n")[1]
    return path, yaml.safe_load(front)


def demo_periodical() -> dict[str, Any]:
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return next(p for p in config["extra"]["portal"]["periodicals"] if p["name"] == "民政信息")


def squeeze(text: str) -> str:
    """pdftotext puts spaces where Chinese meets digits or Latin letters, and between layout columns."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], Path, dict[str, Any]]:
    tmp_path = tmp_path_factory.mktemp("print")
    _, front = latest_issue()
    docx = tmp_path / "issue.docx"
    result = run_cli(
        REPO, "export", "--periodical", "民政信息", "--number", str(front["number"]), "--year",
        str(front["date"].year), "-o", str(docx),
    )  # fmt: skip
    assert result.code == 0, result.err
    first = docx.read_bytes()
    again = tmp_path / "again.docx"
    assert (
        run_cli(REPO, "export", "--periodical", "民政信息", "--number", str(front["number"]), "-o", str(again)).code
        == 0
    )
    assert again.read_bytes() == first  # reproducible: the same issue gives the same bytes
    pages = to_pdf(docx, tmp_path, f"minzheng-{front['date']:%Y}-{front['number']:02d}")
    return pages, tmp_path / "issue.pdf", front


def test_every_page_has_its_number(printed: tuple[list[str], Path, dict[str, Any]]) -> None:
    pages, _, _ = printed
    assert len(pages) >= 2  # four items of full text do not fit one page
    assert_page_numbers(pages)  # "— N —" on each page, odd right, even left


def test_page_one_carries_the_masthead(printed: tuple[list[str], Path, dict[str, Any]]) -> None:
    pages, pdf, front = printed
    head = [squeeze(line) for line in lines_of(pages[0])[:3]]
    assert head[0] == "民政信息"
    assert head[1] == f"第{front['number']}期（总第{front['total']}期）"
    day: date = front["date"]
    # 编发单位 (the organization's 办公室) left, date right, on one line
    assert head[2] == f"示例县民政局办公室{day.year}年{day.month}月{day.day}日"
    boxes = line_boxes(pdf)
    name = next(box for line, box in boxes if line == "民政信息")
    mm = 72 / 25.4
    left, right = 28 * mm, (28 + 156) * mm  # the 版心
    assert abs((name[0] + name[1]) / 2 - (left + right) / 2) < 4  # centred
    assert name[2] < 37 * mm + 10  # at the top of the 版心 (天头 37 mm)
    unit = next(box for line, box in boxes if line == "示例县民政局办公室")
    dated = next(box for line, box in boxes if line == f"{day.year}年{day.month}月{day.day}日")
    assert abs(unit[0] - left) < 2 and abs(dated[1] - right) < 4  # the unit 居左, the date 居右
    assert abs(unit[2] - dated[2]) < 2 and name[2] < unit[2]  # on one line, under the name
    # the red line: the unit's paragraph has a red rule under it as wide as the 版心 (a paragraph border)
    doc = Document(io.BytesIO(pdf.with_suffix(".docx").read_bytes()))
    rule = doc.paragraphs[2]._p.find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert rule is not None and rule.get(f"{W}color") == "FF0000"
    assert doc.paragraphs[0].runs[0].font.color.rgb == RGBColor(0xFF, 0, 0)  # the red name


def test_contents_items_and_imprint(printed: tuple[list[str], Path, dict[str, Any]]) -> None:
    pages, _, front = printed
    text = squeeze("\n".join(pages))
    assert "本期目录" in squeeze(pages[0])
    for item in front["items"]:
        assert f"【{item['column']}】" in text
    # the demo issue has 4 items, columns 经验交流 ×2 and 工作动态 ×2; the 目录 lists them in the
    # configured column order (工作动态 before 经验交流), numbered 1–4
    numbers = re.findall(r"(\d)\.【(工作动态|经验交流)】", squeeze(pages[0]))
    assert numbers == [("1", "工作动态"), ("2", "工作动态"), ("3", "经验交流"), ("4", "经验交流")]
    periodical = demo_periodical()
    for key in ("报", "送", "发"):
        assert f"{key}：{'，'.join(periodical['distribution'][key])}。" in text
    assert f"责任编辑：{front['editor']}签发：{front['signer']}" in text
    # the 版记 closes the issue: nothing after it but the page number
    last = [squeeze(line) for line in lines_of(pages[-1]) if not re.match(r"^\s*— \d+ —\s*$", line)]
    assert last[-1] == f"责任编辑：{front['editor']}签发：{front['signer']}"
