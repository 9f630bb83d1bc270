"""Codes a clerk types may be Chinese (issue 24): levels 本局/县级/市级/省级/国家级 and routes 直报/转报,
in front-matter and in the config, with the English codes still working; names run together with Chinese
commas or 顿号 are refused, each name said, with the list form to write instead.

Scores are worked by hand from the default prices (``portal/figures/scoring.py`` DEFAULTS): a report submitted is 1,
an instruction is county 10, city 20, province 30, national 50 (bureau 0: not in the map), an adoption is
bureau 1, county 5, city 10, province 20, national 30 (``highest``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PORTAL, make_site, report, run_cli, section_row, stats


def score(site: Path) -> float:
    """甲股's March score."""
    return float(section_row(stats(site, "--period", "2026-03"), "甲股")["score"])


@pytest.mark.parametrize(
    ("english", "chinese", "expected"),
    [
        pytest.param("bureau", "本局", 1 + 0, id="bureau"),  # no bureau price for instructions: 0
        pytest.param("county", "县级", 1 + 10, id="county"),
        pytest.param("city", "市级", 1 + 20, id="city"),
        pytest.param("province", "省级", 1 + 30, id="province"),
        pytest.param("national", "国家级", 1 + 50, id="national"),
    ],
)
def test_an_instruction_level_in_chinese_scores_as_its_code(
    tmp_path: Path, english: str, chinese: str, expected: int
) -> None:
    scores = []
    for written in (english, chinese):
        text = report(instructions=[{"by": "县长 孙建国", "level": written, "date": "2026-03-06"}])
        scores.append(score(make_site(tmp_path / written, reports={"2026/03/a.md": text})))
    assert scores == [expected, expected]


def test_levels_in_chinese_in_the_config(tmp_path: Path) -> None:
    portal: dict[str, Any] = {
        **PORTAL,
        "adopters": {"本局简报": "本局", "县委办": {"level": "县级"}, "市委办": "市级"},
        "scoring": {"adopted": {"县级": 6, "市级": 12}, "instruction": {"省级": 40}},
        "good_info": {"min_level": "市级"},
    }
    text = report(adopted=["县委办", "市委办"], instructions=[{"by": "副省长", "level": "省级", "date": "2026-03-06"}])
    site = make_site(tmp_path, reports={"2026/03/a.md": text}, portal=portal)
    assert run_cli(site, "check").code == 0
    row = section_row(stats(site, "--period", "2026-03"), "甲股")
    # submitted 1 + the highest adoption (市级 12 over 县级 6) + the 省级 instruction 40 = 53
    assert row["score"] == 53
    assert row["good"] == 1  # adopted at 市级, the configured min_level


@pytest.mark.parametrize("written", ["转报", "forwarded", " 转 报 "])
def test_a_route_in_chinese_or_english(tmp_path: Path, written: str) -> None:
    portal: dict[str, Any] = {**PORTAL, "scoring": {"rules": [{"fact": "adoption", "route": "转报", "times": 2}]}}
    text = report(adopted=[{"by": "县委办", "date": "2026-03-06", "route": written}])
    site = make_site(tmp_path, reports={"2026/03/a.md": text}, portal=portal)
    # submitted 1 + a county adoption 5, doubled because it was forwarded: 1 + 10 = 11
    assert score(site) == 11


def test_a_rule_may_name_its_level_and_route_in_english(tmp_path: Path) -> None:
    rule = {"fact": "adoption", "level": ["county", "市级"], "route": "direct", "times": 3}
    text = report(adopted=[{"by": "县委办", "date": "2026-03-06"}])  # 直报 when no route is written
    site = make_site(tmp_path, reports={"2026/03/a.md": text}, portal={**PORTAL, "scoring": {"rules": [rule]}})
    assert score(site) == 1 + 5 * 3


@pytest.mark.parametrize(
    ("fields", "line", "field", "names", "listed"),
    [
        pytest.param(
            {"adopted": "县委办、市委办"}, 5, "adopted", "“县委办”、“市委办”", "adopted: [县委办, 市委办]", id="adopted"
        ),
        pytest.param({"author": "王芳，李明"}, 5, "author", "“王芳”、“李明”", "author: [王芳, 李明]", id="author"),
        pytest.param({"tags": "重点、低保"}, 5, "tags", "“重点”、“低保”", "tags: [重点, 低保]", id="tags"),
        pytest.param(
            {"adopted": "[县委办，市委办]"}, 5, "adopted[0]", "“县委办”、“市委办”", "[县委办, 市委办]", id="in-a-list"
        ),
    ],
)
def test_names_run_together_are_refused_each_named(
    tmp_path: Path, fields: dict[str, str], line: int, field: str, names: str, listed: str
) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": report(**fields)})
    result = run_cli(site, "check")
    assert result.code == 1
    [problem] = [p for p in result.out.splitlines() if p.startswith("content/")]
    assert problem.startswith(f"content/reports/2026/03/a.md:{line}: {field}: ")
    assert names in problem and listed in problem
    assert "是不是" not in problem  # no hint that would keep one name and drop the other


def test_a_joined_name_that_is_partly_unknown_says_which(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": report(adopted="县委办，市委")})
    [problem] = [p for p in run_cli(site, "check").out.splitlines() if p.startswith("content/")]
    assert "“县委办”、“市委”" in problem and "其中“市委”不是已配置的采用单位；是不是“市委办”？" in problem
