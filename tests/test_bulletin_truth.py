"""What a bulletin says is true, in all three renderers (web page, .docx, .xlsx) (issue 25).

The site (default scoring: 1 a report, highest adoption 县级 +5; a missed request -10; ``pass: 3`` a month;
no price for an incident), period 2026-03:

- a 甲股 03-02 王芳, 县委办 → 1 + 5 = 6.   b 乙股 03-03 李雷 → 1.   c 乙股+丙股 03-05, no author → 1, split 0.5 each.
- YG-1 (乙股, deadline 03-15) never answered: missed, -10.   An incident 瞒报 of 丙股 on 03-10 (no price).
- Scores: 甲股 6, 丙股 0.5, 乙股 1 + 0.5 - 10 = -8.5; ranks 1, 2, 3.  March 达标 (≥ 3): 甲股 only.

As of 2026-05-02 (March has ended): reminders in config order 甲股 quota 2 - 1 = 1 short; then 乙股's missed
request; then 丙股's incident.  The leading sections (rank ≤ 3, score > 0) are 甲股 (reminded) and 丙股
(不达标): nobody is praised, and the sentence says why — not "no section scored above 0".
People: 王芳 1 report 6 points, 李雷 1 report 1 point = 2 reports, 7 points; sections 1 + 2 + 1 = 4 reports,
6 - 8.5 + 0.5 = -2 points: c has no author, c counts for two sections, the -10 is 乙股's only.
April 2026: nothing reported, every score 0: no ranking, and "no section scored above 0" is the true sentence.

As of 2026-03-06 (mid-March): a, b, c counted (甲股 6, 乙股 1.5, 丙股 0.5), the request pending, no pass unit
ended, no quota reminded yet: all three praised; submitted 1, 2, 1 all rank ≤ 3 → 报送数量多; the bureau's rate
1/4, 甲股 1/1 ≥ it → 采用率高.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PORTAL, html_text, make_site, mkdocs_build, report, request, run_cli

CONFIG: dict[str, Any] = {**PORTAL, "scoring": {"period": [{"per": "month", "pass": 3}]}}
HELD = "得分位居前列的丙股考核不达标，甲股有提醒事项，本期不予表扬。"
REMINDERS = [
    "甲股：未完成报送任务，尚差 1 条。",
    "乙股：约稿《约稿》漏报。",
    "丙股：扣分事项“瞒报（2026年3月10日）”，请认真整改。",
]
PASS_NOTE = (
    "注：“考核结果”按计分办法评定（每月：得分达到 3 分为达标），本期内每个考核期都达标的为“达标”，否则为“不达标”。"
)
PEOPLE_NOTE = (
    "注：个人合计报送2条、得分7分，股室合计报送4条、得分-2分，两者不同是因为：1条信息未署作者，只计入股室；"
    "1条合报信息在每个合报股室各计1条；约稿、紧急事件、扣分事项和考核加减分只计入股室，不计入个人。"
)
MID_PRAISE = "2026年3月，甲股报送数量多、采用率高，乙股报送数量多，丙股报送数量多，综合得分位居前列，予以通报表扬。"
MID_LINE = "统计期间：2026年3月1日至2026年3月31日（截至2026年3月6日 23:59，本期尚未结束）"
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def site_of(tmp: Path, **portal: Any) -> Path:
    return make_site(
        tmp,
        reports={
            "2026/03/a.md": report(date="2026-03-02", author="王芳", adopted="县委办"),
            "2026/03/b.md": report(date="2026-03-03", section="乙股", author="李雷"),
            "2026/03/c.md": report(date="2026-03-05", section=["乙股", "丙股"]),
        },
        requests={"YG-1.md": request(deadline="2026-03-15", sections=["乙股"])},
        portal={**CONFIG, **portal},
        files={
            "content/incidents/2026/m.md": "---\nsection: 丙股\ndate: 2026-03-10\ntype: 瞒报\n"
            "report: reports/2026/03/c.md\n---\n\n经查属实。\n"
        },
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = site_of(tmp_path_factory.mktemp("truth"))
    result = mkdocs_build(site, as_of="2026-05-02")
    assert result.returncode == 0, result.stderr
    return site / "_site"


def docx_paragraphs(data: bytes) -> list[str]:
    from docx import Document

    doc = Document(io.BytesIO(data))
    return [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for row in t.rows for c in row.cells]


def xlsx_cells(data: bytes) -> list[str]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    return [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]


def web_text(page: str) -> str:
    article = re.search(r'<article class="pt-bulletin">(.*?)</article>', page, re.S)
    assert article
    return html_text(re.sub(r"<svg.*?</svg>", "", article.group(1), flags=re.S))


@pytest.mark.slow
def test_nobody_praised_says_why_in_all_three(built: Path) -> None:
    page = (built / "bulletins" / "2026-03" / "index.html").read_text("utf-8")
    docx = docx_paragraphs((built / "bulletins" / "2026-03.docx").read_bytes())
    xlsx = xlsx_cells((built / "bulletins" / "2026-03.xlsx").read_bytes())
    text = web_text(page)
    for texts in (text, docx, xlsx):
        assert HELD in texts and "本期暂无得分为正的股室" not in str(texts)
        assert PASS_NOTE in texts
        assert PEOPLE_NOTE in texts
        assert not ISO.search(str(texts)), ISO.findall(str(texts))
    items = re.search(r'<ol class="pt-reminders">(.*?)</ol>', page, re.S)
    assert items and [html_text(li) for li in re.findall(r"<li>(.*?)</li>", items.group(1), re.S)] == REMINDERS
    assert [f"{i}. {line}" for i, line in enumerate(REMINDERS, start=1)] == [p for p in docx if re.match(r"\d\. ", p)]
    # one body by default: 版头 = 署名 = 印发机关 (the office that the 文号 示民办-style names)
    assert docx[0] == "测试县民政局办公室"
    assert "测试县民政局办公室" in text and "测试县民政局" not in text.replace("测试县民政局办公室", "")


@pytest.mark.slow
def test_a_period_with_nothing_reported_is_not_ranked(built: Path) -> None:
    page = (built / "bulletins" / "2026-04" / "index.html").read_text("utf-8")
    text = web_text(page)
    assert "本期尚无报送，暂不排名。" in text and "本期暂无得分为正的股室，不予表扬。" in text
    ranks = re.findall(r'data-field="rank">([^<]*)<', page)
    assert ranks == ["—", "—", "—"]
    docx = docx_paragraphs((built / "bulletins" / "2026-04.docx").read_bytes())
    assert "本期暂无得分为正的股室，不予表扬。" in docx
    # the home page (May, nothing yet) says so instead of ranking every section 1st; the missed YG-1 (deadline
    # 03-15, 48 days before as_of) is no longer an alert
    home = (built / "index.html").read_text("utf-8")
    assert "本期尚无报送，暂不排名。" in home and "pt-standings" not in home
    assert re.search(r'data-count="missed">0<', home)


def test_the_section_page_names_the_report_of_an_incident(built: Path) -> None:
    page = (built / "sections" / "bing" / "index.html").read_text("utf-8")
    row = re.search(r'<table class="pt-table pt-incidents">.*?<tbody>(.*?)</tbody>', page, re.S)
    assert row and "一条信息" in html_text(row.group(1)) and "reports/2026/03/c.md" not in row.group(1)
    assert "2026年3月10日" in html_text(row.group(1))
    # the months table ranks nobody in April (nothing reported), and 丙股 2nd in March (0.5)
    april = re.search(r'<tr data-period="2026-04">(.*?)</tr>', page, re.S)
    march = re.search(r'<tr data-period="2026-03">(.*?)</tr>', page, re.S)
    assert april and march
    assert html_text(re.findall(r"<td[^>]*>(.*?)</td>", april.group(1), re.S)[-1]) == "—"
    assert html_text(re.findall(r"<td[^>]*>(.*?)</td>", march.group(1), re.S)[-1]) == "2"


@pytest.mark.slow
def test_mid_period_word_and_excel_say_so_and_scold_nobody_for_quota(tmp_path: Path) -> None:
    site = site_of(tmp_path)
    out: dict[str, bytes] = {}
    for fmt in ("docx", "xlsx"):
        path = tmp_path / f"b.{fmt}"
        args = ("--period", "2026-03", "--as-of", "2026-03-06", "--format", fmt, "-o", str(path))
        result = run_cli(site, "export", *args)
        assert result.code == 0, result.err
        out[fmt] = path.read_bytes()
    docx, xlsx = docx_paragraphs(out["docx"]), xlsx_cells(out["xlsx"])
    assert MID_LINE in docx
    assert any("本期尚未结束" in cell for cell in xlsx)
    for texts in (docx, xlsx):
        assert MID_PRAISE in texts
        assert "截至目前，暂无需要提醒的事项；报送任务完成情况待本期结束后通报。" in texts
        assert not any("未完成报送任务" in t or "本期未报送信息" in t for t in texts)
        assert not ISO.search(" ".join(texts))


def test_a_configured_masthead_is_the_default_signer_and_printer(tmp_path: Path) -> None:
    site = site_of(tmp_path, bulletin={"masthead": "测试县民政局"})
    path = tmp_path / "b.docx"
    args = ("--period", "2026-03", "--as-of", "2026-04-05", "--format", "docx", "-o", str(path))
    result = run_cli(site, "export", *args)
    assert result.code == 0, result.err
    paragraphs = docx_paragraphs(path.read_bytes())
    assert paragraphs[0] == "测试县民政局"
    assert "测试县民政局办公室" not in " ".join(paragraphs)
    assert paragraphs[paragraphs.index("2026年4月5日") - 1] == "测试县民政局"
