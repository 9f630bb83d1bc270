"""Praise that never contradicts a reminder, with the reasons that hold, and the office's words, in all
three renderers (web page, .docx, .xlsx) of one bulletin (issue 13).

The site (default scoring: 1 a report, the highest adoption: 县级 +5, 市级 +10; instruction 县级 +10; a late
request -5), period 2026-03, as_of 2026-04-05:

- 甲股 (quota 2): a (市委办, instruction 县级) = 1 + 10 + 10 = 21; b = 1; c = 1.  submitted 3, adopted 1,
  instructions 1, score 23.
- 乙股 (quota 1): d (县委办) = 6; e (县委办, answers YG-1 on 03-12, deadline 03-10: late) = 6; late -5.
  submitted 2, adopted 2, score 6 + 6 - 5 = 7.
- 丙股 (no quota): f = 1.  submitted 1, score 1.
Ranking: 甲股 23 (1), 乙股 7 (2), 丙股 1 (3).  Reminders: 乙股 约稿《约稿》迟报 (quotas met: 3 ≥ 2, 2 ≥ 1).
Praise (top 3, positive, no reminder): 甲股, 丙股; 乙股 is left out and 丙股 keeps its own place.
Reasons: submitted 3, 2, 1 rank 1, 2, 3 (all ≤ 3) → 报送数量多 for both; the bureau's rate is
(1 + 2 + 0) / (3 + 2 + 1) = 1/2: 甲股 1/3 and 丙股 0/1 are below it → no 采用率高; 甲股 has an instruction →
获领导批示.

The annual 考评 2026 as of 2026-04-05: the year has not ended, so no quota is reminded yet (issue 25: a quota
is the whole period's); the same figures as March, so 乙股 (late request) is left out and 甲股, 丙股 are praised
with the same reasons.  Once the year has ended (as of 2027-01-05; quota for the whole year: 甲股 2 × 12 = 24,
乙股 12): 甲股 3 < 24 and 乙股 2 < 12 are reminded 未完成报送任务, so neither is praised; 丙股 (no quota) is:
rank 3, submitted 1 ranks 3rd → 报送数量多.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from tests.conftest import PORTAL, html_text, make_site, mkdocs_build, report, request, run_cli

MARCH = "甲股报送数量多、获领导批示，丙股报送数量多，综合得分位居前列，予以通报表扬。"
YEAR = MARCH
YEAR_ENDED = "丙股报送数量多，综合得分位居前列，予以通报表扬。"
NOTE = (
    "---\nnumber: 7\ndate: 2026-04-02\n---\n\n三月份信息工作<b>总体平稳</b>。<script>alert(1)</script>\n\n"
    "## 下一步工作要求\n\n1. 早报快报。\n2. 提高质量，[看办法](javascript:alert(1))。\n"
)


def reports() -> dict[str, str]:
    instruction = [{"by": "县长", "level": "county"}]
    return {
        "a.md": report(date="2026-03-02", adopted="市委办", instructions=instruction),
        "b.md": report(date="2026-03-03"),
        "c.md": report(date="2026-03-04"),
        "d.md": report(date="2026-03-05", section="乙股", adopted="县委办"),
        "e.md": report(date="2026-03-12", section="乙股", adopted="县委办", request="YG-1"),
        "f.md": report(date="2026-03-06", section="丙股"),
    }


def site_of(tmp_path: Path, **portal: object) -> Path:
    config = {**PORTAL, "bulletin": {"document_number": "测民办〔{year}〕{n}号", "copy_to": ["县委办"]}, **portal}
    return make_site(
        tmp_path,
        reports=reports(),
        requests={"YG-1.md": request(deadline="2026-03-10", sections=["乙股"])},
        portal=config,
        files={"content/bulletins/2026-03.md": NOTE},
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = site_of(tmp_path_factory.mktemp("praise"))
    result = mkdocs_build(site, as_of="2026-04-05")
    assert result.returncode == 0, result.stderr
    return site / "_site" / "bulletins"


def web_praise(page: str) -> str:
    found = re.search(r'<p class="pt-praise">(.*?)</p>', page, re.S)
    assert found
    return html_text(found.group(1))


def docx_paragraphs(path: Path) -> list[str]:
    from docx import Document

    return [p.text for p in Document(io.BytesIO(path.read_bytes())).paragraphs]


def xlsx_text(path: Path) -> list[str]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(path.read_bytes()))["通报"]
    return [row[0] for row in sheet.iter_rows(min_row=3, values_only=True) if row[0]]


@pytest.mark.slow
@pytest.mark.parametrize(("period", "praise"), [("2026-03", MARCH), ("2026", YEAR)])
def test_praise_and_reminders_agree_in_all_three(built: Path, period: str, praise: str) -> None:
    label = "2026年3月" if period == "2026-03" else "2026年度"
    page = (built / period / "index.html").read_text(encoding="utf-8")
    assert web_praise(page) == f"{label}，{praise}"
    assert f"{label}，{praise}" in docx_paragraphs(built / f"{period}.docx")
    assert f"{label}，{praise}" in xlsx_text(built / f"{period}.xlsx")
    reminders = re.search(r'<ol class="pt-reminders">(.*?)</ol>', page, re.S)
    assert reminders
    lines = [html_text(li) for li in re.findall(r"<li>(.*?)</li>", reminders.group(1), re.S)]
    assert lines == ["乙股：约稿《约稿》迟报。"]  # the year has not ended: no quota reminded yet
    for line in lines:
        assert line.split("：")[0] not in praise


def test_the_ended_year_reminds_quotas_and_praises_around_them(tmp_path: Path) -> None:
    site = site_of(tmp_path)
    out = tmp_path / "y.docx"
    result = run_cli(site, "export", "--period", "2026", "--as-of", "2027-01-05", "--format", "docx", "-o", str(out))
    assert result.code == 0, result.err
    paragraphs = docx_paragraphs(out)
    assert f"2026年度，{YEAR_ENDED}" in paragraphs
    # 24 - 3 = 21 and 12 - 2 = 10 short
    assert "1. 甲股：未完成报送任务，尚差 21 条。" in paragraphs
    assert "2. 乙股：未完成报送任务，尚差 10 条。" in paragraphs


def test_praise_places_are_not_passed_down(tmp_path: Path) -> None:
    """With ``praise: 2`` only ranks 1 and 2 may be praised: 乙股 (2nd) is reminded, 丙股 (3rd) does not move up;
    甲股's 3 reports still rank 1st (≤ 2) → 报送数量多.
    """
    site = site_of(tmp_path, bulletin={"praise": 2})
    out = tmp_path / "b.docx"
    result = run_cli(site, "export", "--period", "2026-03", "--as-of", "2026-04-05", "--format", "docx", "-o", str(out))
    assert result.code == 0, result.err
    assert "2026年3月，甲股报送数量多、获领导批示，综合得分位居前列，予以通报表扬。" in docx_paragraphs(out)


@pytest.mark.slow
def test_the_offices_words_and_document_number_in_all_three(built: Path) -> None:
    page = (built / "2026-03" / "index.html").read_text(encoding="utf-8")
    docx = docx_paragraphs(built / "2026-03.docx")
    xlsx = xlsx_text(built / "2026-03.xlsx")
    # the note: intro, 下一步工作要求 as the last part (2026-03 has a request and no urgent event: 一 ranking,
    # 二 表扬, 三 提醒, 四 个人, 五 约稿, 六 下一步工作要求), 文号 n = 7 in the year of its date
    headings = [
        "一、各股室报送采用情况",
        "二、表扬",
        "三、提醒",
        "四、个人报送情况",
        "五、约稿完成情况",
        "六、下一步工作要求",
    ]
    assert [html_text(h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", page, re.S)][: len(headings)] == headings
    assert [p for p in docx if p in headings] == headings
    assert [line for line in xlsx if line in headings] == headings
    for texts in (docx, xlsx):
        assert "三月份信息工作总体平稳。" in texts
        assert texts[texts.index("六、下一步工作要求") + 1 : texts.index("六、下一步工作要求") + 3] == [
            "1. 早报快报。",
            "2. 提高质量，看办法。",
        ]
        assert "测民办〔2026〕7号" in texts
    assert "<b>总体平稳</b>" in page and "测民办〔2026〕7号" in page
    # the office's Markdown is sanitized like any content: no script, no javascript: link
    assert "alert(1)" not in page and "javascript:" not in page
    # 署名 and 成文日期 (the note's date) on the web page as in Word
    assert re.search(r'<p class="pt-doc-sign">测试县民政局办公室<br>\s*2026年4月2日</p>', page)
    # the 版头 names the same body by default (issue 25): the office, first paragraph; the 署名 is the last one
    named = [i for i, text in enumerate(docx) if text == "测试县民政局办公室"]
    assert named[0] == 0 and docx[named[-1] + 1] == "2026年4月2日"
