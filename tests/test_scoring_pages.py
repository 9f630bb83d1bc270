"""Pages of issue 12, from one real ``mkdocs build``.

The bulletin's 得分构成 and 达标, incidents on the section page, in the bulletin's 提醒 and on their own
(sanitized) page, a joint report showing all its sections, the scoring table describing rules, and ``no_praise``.

The bureau is conftest's ``PORTAL`` (default prices: submitted 1, county 5, city 10) plus: an incident of type
瞒报 priced -5; each month passes at 2 points; a month with a 瞒报 incident is not praised.  as_of 2026-04-05,
so March 2026 has ended.  Figures of March, worked out by hand:

* 甲股: a county-adopted report 1 + 5 = 6 and a plain one 1: 7 ≥ 2, 达标;
* 乙股: a city-adopted report 1 + 10 = 11, half of the joint report's 1 = 0.5, the 瞒报 incident -5:
  11 + 0.5 - 5 = 6.5 ≥ 2, 达标, but not praised (no_praise);
* 丙股: half of the joint report: 0.5 < 2, 不达标.
Ranks 甲股 7, 乙股 6.5, 丙股 0.5; praise takes the top 3 with a positive score except 乙股 (no_praise) and
丙股 (不达标 is never praised, issue 25): 甲股.
Their reasons (issue 13): submitted 甲股 2, 乙股 2 (the joint report counts for both), 丙股 1 rank 1, 1, 3 (all
≤ 3) → 报送数量多; the bureau's rate is (1 + 1 + 0) / (2 + 2 + 1) = 0.4: 甲股 1/2 ≥ 0.4 → 采用率高, 丙股 has no
adoption; nobody has an instruction.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PORTAL, html_text, make_site, mkdocs_build, report

CONFIG: dict[str, Any] = {
    **PORTAL,
    "scoring": {
        "rules": [{"fact": "incident", "type": "瞒报", "points": -5}],
        "period": [
            {"per": "month", "pass": 2},
            {"per": "month", "no_praise": True, "if": {"incidents": {"type": "瞒报"}}},
        ],
    },
}
INCIDENT = (
    "---\nsection: 乙股\ndate: 2026-03-10\ntype: 瞒报\nreport: reports/2026/03/joint.md\n---\n\n"
    "经查属实。<script>alert(1)</script><b>已责令整改</b>\n"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("scoring-pages")
    reports = {
        "2026/03/a.md": report(title="甲一", date="2026-03-02", adopted="县委办"),
        "2026/03/b.md": report(title="甲二", date="2026-03-03"),
        "2026/03/c.md": report(title="乙一", section="乙股", date="2026-03-04", adopted="市委办"),
        "2026/03/joint.md": report(
            title="乙丙合报", section=["乙股", "丙股"], date="2026-03-05", author=["王芳", "李雷"]
        ),
    }
    site = make_site(
        tmp,
        reports=reports,
        portal=CONFIG,
        files={
            "content/incidents/2026/x.md": INCIDENT,
            # a draft: never counted, never published
            "content/incidents/2026/d.md": INCIDENT.replace("type: 瞒报", "type: 瞒报\ndraft: true"),
        },
        mkdocs={"not_in_nav": "/reports/**\n/requests/*\n/bulletins/*\n/sections/*\n/incidents/**\n"},
    )
    result = mkdocs_build(site, dest=tmp / "out")
    assert result.returncode == 0, result.stderr
    return tmp / "out"


def text(path: Path) -> str:
    """The visible text of a page, whitespace collapsed."""
    markup = re.sub(r"<script.*?</script>", " ", path.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def breakdown_rows(page: Path) -> dict[str, list[str]]:
    table = re.search(r'<table class="pt-table pt-breakdown">.*?</table>', page.read_text(encoding="utf-8"), re.S)
    assert table is not None
    rows = re.findall(r'<tr data-breakdown="([^"]+)">(.*?)</tr>', table.group(0), re.S)
    return {name: [html_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S)] for name, cells in rows}


@pytest.mark.slow
def test_bulletin_breakdown_and_pass(built: Path) -> None:
    rows = breakdown_rows(built / "bulletins" / "2026-03" / "index.html")
    # section, 报送采用批示, 约稿, 紧急, 扣分事项, 考核, 得分, 考核结果 (the figures of the module docstring)
    assert rows == {
        "甲股": ["甲股", "7", "0", "0", "0", "0", "7", "达标"],
        "乙股": ["乙股", "11.5", "0", "0", "-5", "0", "6.5", "达标"],
        "丙股": ["丙股", "0.5", "0", "0", "0", "0", "0.5", "不达标"],
    }


@pytest.mark.slow
def test_bulletin_reminds_of_incidents_and_honours_no_praise(built: Path) -> None:
    page = text(built / "bulletins" / "2026-03" / "index.html")
    assert "乙股：扣分事项“瞒报（2026年3月10日）”，请认真整改。" in page
    praise = page[page.index("二、表扬") : page.index("三、提醒")]
    assert "2026年3月，甲股报送数量多、采用率高，综合得分位居前列" in praise
    assert "乙股" not in praise and "丙股" not in praise


def test_section_page_lists_incidents_and_joint_reports(built: Path) -> None:
    yi = text(built / "sections" / "yi" / "index.html")
    assert "扣分事项（1）" in yi and "瞒报" in yi
    bing = text(built / "sections" / "bing" / "index.html")
    assert "乙丙合报" in bing  # the joint report is 丙股's too
    assert "扣分事项（" not in bing


def test_joint_report_page_shows_all_sections_and_authors(built: Path) -> None:
    page = text(built / "reports" / "2026" / "03" / "joint" / "index.html")
    assert "股室 乙股 、 丙股 合报" in page
    assert "作者 王芳、李雷" in page
    assert "扣分事项 瞒报 （2026年3月10日）" in page


def test_incident_page_is_published_sanitized(built: Path) -> None:
    path = built / "incidents" / "2026" / "x" / "index.html"
    markup = path.read_text(encoding="utf-8")
    assert "alert(1)" not in markup
    assert "<b>已责令整改</b>" in markup
    page = text(path)
    assert "扣分事项：乙股瞒报" in page and "所涉信息 乙丙合报" in page


def test_draft_incident_is_not_published(built: Path) -> None:
    assert not (built / "incidents" / "2026" / "d").exists()
    assert (built / "incidents" / "2026" / "x" / "index.html").exists()


@pytest.mark.slow
def test_scoring_table_describes_rules(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        portal=CONFIG,
        files={"content/guide.md": "# 说明\n\n<!-- portal:scoring -->\n"},
        mkdocs={"nav": [{"首页": "index.md"}, {"说明": "guide.md"}]},
    )
    result = mkdocs_build(site, dest=tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = text(tmp_path / "out" / "guide" / "index.html")
    assert "扣分事项（类型：瞒报）：计 -5 分" in page
    assert "每月：得分达到 2 分为达标" in page
    assert "每月，如瞒报不少于 1 次：不予表扬" in page
