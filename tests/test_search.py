"""Chinese search: the compacted index finds every report containing a term (SPEC §8, issue 8).

The browser's query logic is Material's; :func:`tests.search_rule.matching` is a
port of it (checked against a real Chromium in ``test_browser.py``).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pytest

from portal.edge.site import load_site, read_config
from portal.output.web import search
from tests import search_rule
from tests.conftest import REPO, make_site, mkdocs_build, report

pytestmark = pytest.mark.slow  # builds the whole demo (and a site to weigh the index against Material's)

#: Civil-affairs terms people search for (place names from the demo included).
TERMS = [
    "低保",
    "低保金",
    "特困",
    "特困供养",
    "临时救助",
    "临时救助站",
    "冬春救助",
    "救助",
    "养老",
    "居家养老",
    "幸福院",
    "老年食堂",
    "高龄津贴",
    "残疾人",
    "两项补贴",
    "流浪乞讨",
    "留守儿童",
    "困境儿童",
    "儿童主任",
    "换届",
    "社区治理",
    "村务公开",
    "地名",
    "界线",
    "慈善",
    "社工站",
    "志愿服务",
    "社会组织",
    "年检",
    "婚姻登记",
    "颁证",
    "婚俗改革",
    "殡葬",
    "清明",
    "公益性公墓",
    "城关镇",
    "河西镇",
    "石桥镇",
    "青山乡",
    "适老化",
    "老化",
    "困难群众",
    "救助站",
    "助餐",
]


@pytest.fixture(scope="module")
def demo_index(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    dest = tmp_path_factory.mktemp("search") / "site"
    result = mkdocs_build(REPO, as_of="2026-11-25", dest=dest)
    assert result.returncode == 0, result.stderr
    raw = (dest / "search" / "search_index.json").read_bytes()
    assert not re.search(rb"\\u[4-9][0-9a-f]{3}", raw), "Chinese is written as UTF-8, not ASCII escapes"
    return json.loads(raw)


def _setup(index: dict[str, Any]) -> tuple[list[str], list[set[str]], set[str]]:
    entries = [search_rule.entry_tokens(e, index["config"]["separator"]) for e in index["docs"]]
    return [e["location"] for e in index["docs"]], entries, set().union(*entries)


def test_every_term_finds_every_report_that_contains_it(demo_index: dict[str, Any]) -> None:
    locations, entries, vocabulary = _setup(demo_index)
    reports = [r for r in load_site(read_config(str(REPO / "mkdocs.yml"))).content.reports if not r.draft]
    assert len(TERMS) >= 30
    total = found = 0
    for term in TERMS:
        truth = {r.src_uri[:-3] + "/" for r in reports if term in r.title or term in r.body}
        hits = {locations[i] for i in search_rule.matching(term, entries, vocabulary)}
        assert truth <= hits, f"{term}: missed {sorted(truth - hits)[:3]}"
        total += len(truth)
        found += len(truth & hits)
    assert total > 500 and found == total


def test_any_part_of_any_word_finds_its_report(demo_index: dict[str, Any]) -> None:
    """Any 2+ character part of any Chinese word of a report (低保 of 低保金, 救助 of 临时救助站) finds it."""
    locations, entries, vocabulary = _setup(demo_index)
    by_location = dict(zip(locations, range(len(locations))))
    reports = [r for r in load_site(read_config(str(REPO / "mkdocs.yml"))).content.reports if not r.draft]
    rng = random.Random(7)
    for report_ in rng.sample(reports, 60):
        words = [w for w in search.cut(report_.body) if re.fullmatch(r"[\u4e00-\u9fff]{2,}", w)]
        word = rng.choice(words)
        start = rng.randrange(len(word) - 1)
        part = word[start : start + rng.randint(2, len(word) - start)]
        location = report_.src_uri[:-3] + "/"
        assert by_location[location] in search_rule.matching(part, entries, vocabulary), (part, word, location)


def test_generated_statistics_pages_stay_out_of_the_index(demo_index: dict[str, Any]) -> None:
    locations = [e["location"] for e in demo_index["docs"]]
    assert not [loc for loc in locations if loc.startswith(("bulletins/", "sections/"))]
    assert any(loc.startswith("reports/") for loc in locations)


def test_index_is_smaller_than_materials(tmp_path: Path) -> None:
    """The same reports indexed by Material alone (JSON-escaped full text) take more than twice the bytes."""
    body = "县民政局扎实开展冬春救助工作，为困难群众发放救助金和物资，确保困难群众温暖过冬。" * 20
    site = make_site(
        tmp_path, reports={f"2026/03/r{i}.md": report(title=f"第{i}条冬春救助信息", body=body) for i in range(20)}
    )
    assert mkdocs_build(site, dest=tmp_path / "out").returncode == 0
    ours = (tmp_path / "out" / "search" / "search_index.json").read_bytes()
    index = json.loads(ours)
    material_estimate = sum(len(json.dumps({"text": search_rule.segment(body)})) for _ in range(20))
    assert len(ours) * 2 < material_estimate
    assert all(
        "冬春" in e["text"] or "冬春" in e["title"] for e in index["docs"] if e["location"].startswith("reports/")
    )
