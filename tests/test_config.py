"""The ``extra.portal`` configuration (SPEC §4): defaults, replacement, versions, and every error.

A config error is exit 2 from ``check`` and ``stats`` and names the config
file as given, the line and the key path (``extra.portal.sections[1].slug``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PORTAL, make_site, report, run_cli, section_row, stats

JIA = {"name": "甲股", "slug": "jia"}
YI = {"name": "乙股", "slug": "yi"}


def portal(**changes: Any) -> dict[str, Any]:
    return {**PORTAL, **changes}


def without(key: str) -> dict[str, Any]:
    return {k: v for k, v in PORTAL.items() if k != key}


def line_of(site: Path, text: str) -> int:
    """The line of mkdocs.yml holding ``text`` (the config is written by yaml.safe_dump)."""
    lines = (site / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    [number] = [i for i, line in enumerate(lines, start=1) if text in line]
    return number


# --- defaults -----------------------------------------------------------------------------


def test_every_key_defaults_when_extra_portal_is_omitted(tmp_path: Path) -> None:
    # no extra.portal at all: SPEC §4's defaults, one section 社会救助股 (alias 救助股) and six adopters
    text = report(section="救助股", adopted="县政府办", urgent=True, event_time="2026-03-05 08:00")
    site = make_site(tmp_path, reports={"a.md": text}, mkdocs={"extra": {}})
    assert run_cli(site, "check").code == 0
    data = stats(site, "--period", "2026-03")
    [row] = data["sections"]
    assert (row["section"], row["head"], row["quota"], row["rank"]) == ("社会救助股", "李明", 2, 1)
    # 1 submitted + 县政府办 (county) 5 - urgent_overdue 10 = -4
    assert row["score"] == -4
    # urgent_limit_hours 2: 08:00 + 2 h; timezone Asia/Shanghai
    assert data["urgent"][0]["due"] == "2026-03-05T10:00:00+08:00"
    assert data["as_of"] == "2026-04-05T23:59:59+08:00"


@pytest.mark.parametrize(
    ("fields", "score", "good"),
    [
        # default scoring: 1 + city 10 = 11; city is the default min_level: good
        pytest.param({"adopted": "市委办"}, 11, 1, id="city-adoption"),
        # 1 + province 20 = 21
        pytest.param({"adopted": "省政府办公厅"}, 21, 1, id="province-adoption"),
        # highest is the default: max(bureau 1, county 5) = 5; 1 + 5 = 6; county is not good
        pytest.param({"adopted": ["本局简报", "县委办"]}, 6, 0, id="highest-by-default"),
        # instruction city 20: 1 + 20 = 21; good_info.instruction defaults to true
        pytest.param({"instructions": [{"by": "市长", "level": "city"}]}, 21, 1, id="instruction"),
    ],
)
def test_default_scoring_and_good_info(tmp_path: Path, fields: dict[str, Any], score: int, good: int) -> None:
    site = make_site(tmp_path, reports={"a.md": report(**fields)}, portal=without("scoring"))
    row = section_row(stats(site, "--period", "2026-03"), "甲股")
    assert (row["score"], row["good"]) == (score, good)


def test_an_empty_extra_portal_is_all_defaults(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"a.md": report(section="社会救助股")}, portal={})
    assert [row["section"] for row in stats(site, "--period", "2026-03")["sections"]] == ["社会救助股"]


def test_configured_sections_replace_the_defaults(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"a.md": report(section="社会救助股")})
    # conftest's sections only: the default 社会救助股 is gone
    result = run_cli(site, "check")
    assert result.code == 1
    assert "content/reports/a.md:3: section: 没有名为“社会救助股”的股室" in result.out
    assert [r["section"] for r in stats(make_site(tmp_path / "ok"), as_of="2026-04-05")["sections"]] == [
        "甲股",
        "乙股",
        "丙股",
    ]


def test_configured_adopters_replace_the_defaults(tmp_path: Path) -> None:
    # 县政府办 is a default adopter but not one of conftest's
    site = make_site(tmp_path, reports={"a.md": report(adopted="县政府办")})
    result = run_cli(site, "check")
    assert result.code == 1
    assert "content/reports/a.md:5: adopted: 没有名为“县政府办”的采用单位" in result.out


def test_section_defaults(tmp_path: Path) -> None:
    # head defaults to empty, quota to 0, aliases to none; slug gets a default
    site = make_site(tmp_path, reports={"a.md": report(section="丁股")}, portal=portal(sections=[{"name": "丁股"}]))
    [row] = stats(site, "--period", "2026-Q1")["sections"]
    assert (row["section"], row["head"], row["quota"], row["submitted"]) == ("丁股", "", 0, 1)


def test_a_section_may_list_its_own_name_as_alias(tmp_path: Path) -> None:
    site = make_site(tmp_path, portal=portal(sections=[{"name": "甲股", "aliases": ["甲股", "甲"]}]))
    assert run_cli(site, "check").code == 0


# --- scoring: a mapping or a list of versions ---------------------------------------------------


@pytest.mark.parametrize(
    ("scoring", "fields", "score"),
    [
        # a mapping: submitted 2 given, adopted taken from the default: 2 + county 5 = 7
        pytest.param({"submitted": 2}, {"adopted": "县委办"}, 7, id="mapping-omitted-key-takes-default"),
        # a nested map given replaces the default map whole: city is not in {county: 7}: 1 + 0 = 1
        pytest.param({"adopted": {"county": 7}}, {"adopted": "市委办"}, 1, id="nested-map-replaces-whole"),
        pytest.param({"adopted": {"county": 7}}, {"adopted": "县委办"}, 8, id="nested-map-value"),  # 1 + 7
        # instruction map replaced: county missing: 1 + 0 = 1
        pytest.param(
            {"instruction": {"city": 15}},
            {"instructions": [{"by": "县长", "level": "county"}]},
            1,
            id="instruction-map-replaced",
        ),
        # a list of one version without `from`: applies to every date; 1 + 6 = 7
        pytest.param([{"adopted": {"county": 6}}], {"adopted": "县委办"}, 7, id="list-of-one-without-from"),
        # a version from 2026-03-01 omitting `submitted` takes the default 1: 1 + 9 = 10
        pytest.param(
            [{"from": date(2025, 1, 1), "submitted": 5}, {"from": date(2026, 3, 1), "adopted": {"county": 9}}],
            {"adopted": "县委办"},
            10,
            id="version-omitting-a-key-takes-the-default-not-the-previous-version",
        ),
        # `from` written as text works too; 2026-03-05 is before the 2026-03-06 version: the earlier, 5 + 5 = 10
        pytest.param(
            [{"from": "2025-01-01", "submitted": 5}, {"from": "2026-03-06", "submitted": 9}],
            {"adopted": "县委办"},
            10,
            id="from-as-text",
        ),
        # sum of adoptions, with adopted_by: 县委办 0 + 市委办 10 = 10; 1 + 10 = 11
        pytest.param(
            {"adoption": "sum", "adopted_by": {"县委办": 0}},
            {"adopted": ["县委办", "市委办"]},
            11,
            id="sum-with-override",
        ),
    ],
)
def test_scoring_forms(tmp_path: Path, scoring: Any, fields: dict[str, Any], score: int) -> None:
    site = make_site(tmp_path, reports={"a.md": report(date="2026-03-05", **fields)}, portal=portal(scoring=scoring))
    assert run_cli(site, "check").code == 0
    assert section_row(stats(site, "--period", "2026-03"), "甲股")["score"] == score


def test_penalties_default_per_version(tmp_path: Path) -> None:
    # the version of 2026-01-01 sets submitted only; its penalties are the defaults (missed -10)
    from tests.conftest import request

    site = make_site(
        tmp_path,
        requests={"YG-1.md": request(deadline="2026-03-15", sections=["乙股"])},
        portal=portal(scoring=[{"from": date(2025, 1, 1), "request_missed": -3}, {"from": date(2026, 1, 1)}]),
    )
    assert section_row(stats(site, "--period", "2026-03"), "乙股")["score"] == -10


def test_configured_timezone_decides_the_period(tmp_path: Path) -> None:
    # 2026-03-31 20:00 UTC: 1 April in Shanghai, still 31 March in UTC
    reports = {"a.md": report(date="2026-03-31T20:00:00Z")}
    shanghai = make_site(tmp_path / "sh", reports=reports)
    utc = make_site(tmp_path / "utc", reports=reports, portal=portal(timezone="UTC"))
    assert section_row(stats(shanghai, "--period", "2026-03", as_of="2026-04-30"), "甲股")["submitted"] == 0
    assert section_row(stats(utc, "--period", "2026-03", as_of="2026-04-30"), "甲股")["submitted"] == 1


@pytest.mark.parametrize("hours", [1, 1.5, 24])
def test_urgent_limit_hours_accepts_positive_numbers(tmp_path: Path, hours: float) -> None:
    assert run_cli(make_site(tmp_path, portal=portal(urgent_limit_hours=hours)), "check").code == 0


# --- config errors: exit 2, naming the key path -----------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("config", "key", "hint"),
    [
        # unknown keys, at every depth
        pytest.param(portal(sectons=[]), "extra.portal.sectons", "是不是“sections”", id="unknown-top-key"),
        pytest.param(portal(colour="red"), "extra.portal.colour", "不认识的键", id="unknown-key"),
        pytest.param(
            portal(sections=[JIA, {**YI, "quotas": 1}]),
            "extra.portal.sections[1].quotas",
            "是不是“quota”",
            id="unknown-section-key",
        ),
        pytest.param(
            portal(scoring={"submited": 1}), "extra.portal.scoring.submited", "是不是“submitted”", id="scoring"
        ),
        pytest.param(
            portal(scoring=[{"from": date(2025, 1, 1)}, {"from": date(2026, 1, 1), "adoptoin": "sum"}]),
            "extra.portal.scoring[1].adoptoin",
            "是不是“adoption”",
            id="scoring-version-key",
        ),
        pytest.param(
            portal(good_info={"min_levle": "city"}), "extra.portal.good_info.min_levle", "不认识的键", id="good-info"
        ),
        pytest.param(portal(bulletin={"praises": 3}), "extra.portal.bulletin.praises", "不认识的键", id="bulletin"),
        pytest.param(portal(privacy={"ids": "mask"}), "extra.portal.privacy.ids", "不认识的键", id="privacy"),
        # unknown levels
        pytest.param(
            portal(adopters={"县委办": "county", "镇政府": "town"}),
            "extra.portal.adopters.镇政府",
            "“town”",
            id="adopter",
        ),
        pytest.param(
            portal(good_info={"min_level": "citty"}), "extra.portal.good_info.min_level", "是不是“city”", id="min-level"
        ),
        pytest.param(
            portal(scoring={"adopted": {"town": 3}}), "extra.portal.scoring.adopted.town", "这个级别", id="points"
        ),
        pytest.param(
            portal(scoring={"instruction": {"ministry": 3}}),
            "extra.portal.scoring.instruction.ministry",
            "这个级别",
            id="instruction-points",
        ),
        # bad types and values
        pytest.param(portal(organization=5), "extra.portal.organization", "引号", id="organization-number"),
        pytest.param(portal(timezone="Mars/Base"), "extra.portal.timezone", "IANA", id="timezone"),
        pytest.param(portal(urgent_limit_hours="two"), "extra.portal.urgent_limit_hours", "不是数字", id="hours-text"),
        pytest.param(portal(urgent_limit_hours=True), "extra.portal.urgent_limit_hours", "不是数字", id="hours-bool"),
        pytest.param(portal(urgent_limit_hours=0), "extra.portal.urgent_limit_hours", "大于 0", id="hours-zero"),
        pytest.param(
            portal(sections=[JIA, {**YI, "quota": "2"}]), "extra.portal.sections[1].quota", "", id="quota-text"
        ),
        pytest.param(
            portal(sections=[JIA, {**YI, "quota": 1.5}]), "extra.portal.sections[1].quota", "不是整数", id="quota-float"
        ),
        pytest.param(
            portal(sections=[JIA, {**YI, "quota": True}]), "extra.portal.sections[1].quota", "不是整数", id="quota-bool"
        ),
        pytest.param(
            portal(sections=[JIA, {**YI, "quota": -1}]), "extra.portal.sections[1].quota", "负数", id="quota-neg"
        ),
        pytest.param(portal(sections=[JIA, {**YI, "head": 5}]), "extra.portal.sections[1].head", "", id="head-number"),
        pytest.param(portal(sections=[JIA, {"slug": "yi"}]), "extra.portal.sections[1].name", "必填", id="no-name"),
        pytest.param(portal(sections=[JIA, "乙股"]), "extra.portal.sections[1]", "应写成", id="section-not-mapping"),
        pytest.param(portal(sections=[]), "extra.portal.sections", "不能为空", id="no-sections"),
        pytest.param(portal(sections={"name": "甲股"}), "extra.portal.sections", "列表", id="sections-not-list"),
        pytest.param(
            portal(sections=[JIA, {**YI, "aliases": "乙"}]), "extra.portal.sections[1].aliases", "列表", id="aliases"
        ),
        pytest.param(portal(adopters={}), "extra.portal.adopters", "应写成", id="no-adopters"),
        pytest.param(portal(adopters=["县委办"]), "extra.portal.adopters", "应写成", id="adopters-list"),
        pytest.param(portal(good_info="city"), "extra.portal.good_info", "应写成", id="good-info-not-mapping"),
        pytest.param(
            portal(good_info={"instruction": "maybe"}), "extra.portal.good_info.instruction", "", id="good-instruction"
        ),
        pytest.param(portal(bulletin={"praise": -1}), "extra.portal.bulletin.praise", "负数", id="praise-neg"),
        pytest.param(portal(bulletin={"praise": True}), "extra.portal.bulletin.praise", "不是整数", id="praise-bool"),
        pytest.param(portal(privacy={"id_numbers": "hide"}), "extra.portal.privacy.id_numbers", "mask", id="privacy"),
        pytest.param(portal(scoring={"adoption": "max"}), "extra.portal.scoring.adoption", "highest", id="adoption"),
        pytest.param(
            portal(scoring={"submitted": "1"}), "extra.portal.scoring.submitted", "不是数字", id="points-text"
        ),
        pytest.param(
            portal(scoring={"adopted": {"county": "5"}}),
            "extra.portal.scoring.adopted.county",
            "不是数字",
            id="pts-text",
        ),
        pytest.param(
            portal(scoring={"adopted_by": {"中办": 50}}),
            "extra.portal.scoring.adopted_by.中办",
            "采用单位",
            id="adopted-by-unknown-adopter",
        ),
        pytest.param(portal(scoring=[]), "extra.portal.scoring", "应写成", id="scoring-empty-list"),
        pytest.param(portal(scoring="default"), "extra.portal.scoring", "应写成", id="scoring-text"),
        pytest.param(
            portal(scoring=[{"from": date(2025, 1, 1)}, {"submitted": 2}]),
            "extra.portal.scoring[1].from",
            "from",
            id="version-without-from",
        ),
        pytest.param(
            portal(scoring=[{"from": date(2025, 1, 1)}, {"from": date(2025, 1, 1)}]),
            "extra.portal.scoring",
            "from 日期相同",
            id="two-versions-same-from",
        ),
        pytest.param(
            portal(scoring=[{"from": "2025-02-30"}]), "extra.portal.scoring[0].from", "不存在", id="from-not-a-date"
        ),
        pytest.param(
            portal(scoring=[{"from": "2025-01-01 08:00"}]), "extra.portal.scoring[0].from", "只写日期", id="from-a-time"
        ),
        # uniqueness and slugs
        pytest.param(
            portal(sections=[JIA, {"name": "乙股", "slug": "jia"}]),
            "extra.portal.sections[1].slug",
            "已经被",
            id="duplicate-slug",
        ),
        pytest.param(
            portal(sections=[{**JIA, "aliases": ["甲"]}, {**YI, "aliases": ["甲"]}]),
            "extra.portal.sections[1].aliases[0]",
            "已经被",
            id="duplicate-alias",
        ),
        pytest.param(
            portal(sections=[{**JIA, "aliases": ["乙股"]}, YI]),
            "extra.portal.sections[1].name",
            "已经被",
            id="name-is-another-sections-alias",
        ),
        pytest.param(
            portal(sections=[JIA, {"name": "甲股", "slug": "jia2"}]),
            "extra.portal.sections[1].name",
            "已经被",
            id="duplicate-name",
        ),
        pytest.param(
            # NFKC and whitespace: '甲　股' (ideographic space) is the same name as 甲股
            portal(sections=[JIA, {"name": "甲\u3000股", "slug": "jia2"}]),
            "extra.portal.sections[1].name",
            "已经被",
            id="duplicate-name-after-normalising",
        ),
        pytest.param(
            portal(adopters={"县委办": "county", "县 委办": "county"}),
            "extra.portal.adopters.县 委办",
            "同一个名称",
            id="duplicate-adopter",
        ),
        pytest.param(
            portal(sections=[{"name": "甲股", "slug": "Jia"}]),
            "extra.portal.sections[0].slug",
            "小写",
            id="slug-uppercase",
        ),
        pytest.param(
            portal(sections=[{"name": "甲股", "slug": "jia_gu"}]),
            "extra.portal.sections[0].slug",
            "slug",
            id="slug-underscore",
        ),
        pytest.param(
            portal(sections=[{"name": "甲股", "slug": "甲"}]),
            "extra.portal.sections[0].slug",
            "slug",
            id="slug-not-ascii",
        ),
        pytest.param(
            portal(sections=[{"name": "甲股", "slug": ""}]), "extra.portal.sections[0].slug", "slug", id="slug-empty"
        ),
        # the whole block
        pytest.param([1], "extra.portal", "应写成", id="portal-not-a-mapping"),
    ],
)
def test_config_errors(tmp_path: Path, config: Any, key: str, hint: str) -> None:
    site = make_site(tmp_path, reports={"a.md": report()}, portal=config)
    for command in (["check"], ["stats", "--json", "--as-of", "2026-04-05"]):
        result = run_cli(site, *command)
        assert result.code == 2, (command, result.err)
        assert result.out == ""
        problems = [line for line in result.err.splitlines() if f": {key}: " in line]
        assert len(problems) == 1, result.err  # reported once
        assert problems[0].startswith("mkdocs.yml:")
        assert hint in problems[0]


def test_config_errors_name_the_line(tmp_path: Path) -> None:
    site = make_site(tmp_path, portal=portal(sections=[JIA, {"name": "乙股", "slug": "Yi-Bad"}], colour="red"))
    result = run_cli(site, "check")
    assert result.code == 2
    lines = result.err.splitlines()
    assert f"mkdocs.yml:{line_of(site, 'slug: Yi-Bad')}: extra.portal.sections[1].slug: " in result.err
    assert f"mkdocs.yml:{line_of(site, 'colour: red')}: extra.portal.colour: " in result.err
    # every problem at once, not just the first
    assert len([x for x in lines if x.startswith("mkdocs.yml:")]) == 2


def test_config_errors_name_the_config_file_as_given(tmp_path: Path) -> None:
    site = make_site(tmp_path, portal=portal(colour="red"))
    (site / "mkdocs.yml").rename(site / "portal.yml")
    result = run_cli(site, "--config", "portal.yml", "check")
    assert result.code == 2
    assert "portal.yml:" in result.err
    assert "extra.portal.colour" in result.err


@pytest.mark.parametrize(
    ("setup", "args", "hint"),
    [
        pytest.param(None, ["--config", "missing.yml", "check"], "missing.yml", id="missing-file"),
        pytest.param("site_name: [unclosed\n", ["check"], "mkdocs.yml", id="broken-yaml"),
        pytest.param("- just\n- a list\n", ["check"], "mkdocs.yml", id="not-a-mapping"),
        pytest.param(None, ["--config", "missing.yml", "stats", "--json"], "missing.yml", id="stats-missing-file"),
    ],
)
def test_unreadable_config_is_exit_2(tmp_path: Path, setup: str | None, args: list[str], hint: str) -> None:
    site = make_site(tmp_path)
    if setup is not None:
        (site / "mkdocs.yml").write_text(setup, encoding="utf-8")
    result = run_cli(site, *args)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith(hint)


@pytest.mark.parametrize(
    ("mkdocs", "key"),
    [
        pytest.param({"docs_dir": "nowhere"}, "docs_dir", id="docs-dir-missing"),
        pytest.param({"theme": {"name": "no-such-theme"}}, "theme", id="unknown-theme"),
    ],
)
def test_mkdocs_own_config_errors_are_exit_2_not_a_traceback(tmp_path: Path, mkdocs: dict[str, Any], key: str) -> None:
    site = make_site(tmp_path, mkdocs=mkdocs)
    result = run_cli(site, "check")
    assert result.code == 2
    assert result.err.startswith(f"mkdocs.yml:{line_of(site, key + ':')}: {key}: ")


def test_mkdocs_config_warnings_do_not_fail(tmp_path: Path) -> None:
    site = make_site(tmp_path, mkdocs={"colour": "red"})
    result = run_cli(site, "check")
    assert result.code == 0
    assert result.err.startswith(f"警告: mkdocs.yml:{line_of(site, 'colour: red')}: colour: ")
