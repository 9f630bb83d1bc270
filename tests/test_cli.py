"""The command line and its JSON (SPEC §3.3 exit codes, §6).

Most tests run ``build_stats.py`` in-process through ``run_cli``; the shipped
demo is also run as a real subprocess, as CI and a user would.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from portal.words.messages import WARNING_PREFIX
from tests.conftest import PORTAL, REPO, copy_demo, make_site, report, request, run_cli

# --- check: output format, summary, exit codes -------------------------------------------------

BROKEN = {
    "reports": {
        # report() writes title on line 2, section 3, date 4, then the extra fields from line 5
        "2026/03/a.md": report(date="2026/3/1", adopter="县委办"),
        "2026/03/b.md": report(section="丁股"),
        "2026/03/ok.md": report(),
    },
    # request() writes title on line 2, issued 3, deadline 4
    "requests": {"YG-1.md": request(deadline="2026-02-30")},
}


def test_check_prints_every_problem_sorted_then_a_summary(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports=BROKEN["reports"], requests=BROKEN["requests"])
    result = run_cli(site, "check")
    assert result.code == 1
    lines = result.out.splitlines()
    prefixes = [
        "content/reports/2026/03/a.md:4: date: ",
        "警告: content/reports/2026/03/a.md:5: adopter: ",
        "content/reports/2026/03/b.md:3: section: ",
        "content/requests/YG-1.md:4: deadline: ",
    ]
    assert len(lines) == len(prefixes) + 1
    for line, prefix in zip(lines, prefixes):
        assert line.startswith(prefix), (line, prefix)
    # 5 files (the home index.md, 3 reports, 1 request); 3 errors, 1 warning
    assert lines[-1] == "检查了 5 个文件：3 个错误，1 个警告"


def test_check_clean_is_exit_0_with_only_the_summary(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"a.md": report(), "b.md": report()}, requests={"YG-1.md": request()})
    # 4 files: the home page content/index.md (checked like every text), 2 reports, 1 request
    result = run_cli(site, "check")
    assert (result.code, result.out, result.err) == (0, "检查了 4 个文件：0 个错误，0 个警告\n", "")


def test_messages_say_how_to_fix(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"a.md": report(section="甲 股", adopted="true", author="no")})
    out = run_cli(site, "check").out
    # names match after trimming whitespace: '甲 股' is 甲股, no problem on line 3
    assert ":3: section:" not in out
    assert "content/reports/a.md:5: adopted: " in out and "县委办" in out  # asks for the body's name
    assert "content/reports/a.md:6: author: " in out and "加上英文引号" in out  # `author: no` must be quoted


@pytest.mark.parametrize(
    ("field", "written", "suggestion"),
    [
        pytest.param("adopter", "县委办", "adopted", id="adopter"),
        pytest.param("instruction", "[]", "instructions", id="instruction"),
        pytest.param("tag", "[重点]", "tags", id="tag"),
        pytest.param("event-time", "2026-03-05 08:00", "event_time", id="event-time"),
    ],
)
def test_unknown_field_is_a_warning_with_a_suggestion(
    tmp_path: Path, field: str, written: str, suggestion: str
) -> None:
    site = make_site(tmp_path, reports={"a.md": report(**{field: written})})
    result = run_cli(site, "check")
    assert result.code == 0
    assert result.out.splitlines()[0] == (
        f"警告: content/reports/a.md:5: {field}: 不认识的字段，已忽略；是不是“{suggestion}”？"
    )
    assert result.out.splitlines()[-1] == "检查了 2 个文件：0 个错误，1 个警告"
    # stats still answers, with the warning on stderr and the JSON on stdout
    stats = run_cli(site, "stats", "--json", "--period", "2026-03", "--as-of", "2026-04-05")
    assert stats.code == 0
    assert stats.err.startswith(f"警告: content/reports/a.md:5: {field}: ")
    assert stats.json()["sections"][0]["submitted"] == 1


def test_an_unknown_field_far_from_any_lists_the_known_ones(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"a.md": report(colour="red")})
    result = run_cli(site, "check")
    assert result.code == 0
    assert "警告: content/reports/a.md:5: colour: 不认识的字段，已忽略（可以写的字段有：title, section" in result.out


def test_stats_on_content_with_errors_prints_them_and_exits_1_without_json(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports=BROKEN["reports"], requests=BROKEN["requests"])
    for args in (["stats", "--json", "--as-of", "2026-04-05"], ["stats"]):
        result = run_cli(site, *args)
        assert result.code == 1
        assert result.out == ""
        assert "content/reports/2026/03/a.md:4: date: " in result.err
        assert "content/requests/YG-1.md:4: deadline: " in result.err
        assert "3 个错误，1 个警告" in result.err


def test_paths_are_relative_to_the_current_folder_when_config_points_elsewhere(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": report(date="2026/3/1")})
    # run from the folder above the site, pointing --config at it: the path opens in an editor from here
    result = run_cli(site.parent, "--config", f"{site.name}/mkdocs.yml", "check")
    assert result.code == 1
    assert result.out.startswith(f"{site.name}/content/reports/2026/03/a.md:4: date: ")
    result = run_cli(site.parent, "stats", "--config", f"{site.name}/mkdocs.yml", "--json", "--as-of", "2026-04-05")
    assert result.code == 1 and f"{site.name}/content/reports/2026/03/a.md:4: date: " in result.err
    result = run_cli(site, "check")  # from the site's own folder: relative to it, as before
    assert result.out.startswith("content/reports/2026/03/a.md:4: date: ")


def test_the_content_directory_is_the_configs_docs_dir(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        files={
            "pages/index.md": "首页\n",
            "pages/reports/2026/a.md": report(date="2026/3/1"),
            "pages/requests/YG-1.md": request(),
        },
        mkdocs={"docs_dir": "pages"},
    )
    result = run_cli(site, "check")
    assert result.code == 1
    # paths relative to the site root, through the configured docs_dir; content/ is not read
    lines = result.out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("pages/reports/2026/a.md:4: date: ")
    assert lines[1] == "检查了 3 个文件：1 个错误，0 个警告"


def test_config_file_paths_are_as_given(tmp_path: Path) -> None:
    site = make_site(tmp_path, portal={**PORTAL, "sectons": []})
    result = run_cli(site.parent, "--config", f"{site.name}/mkdocs.yml", "check")
    assert result.code == 2
    assert re.match(
        rf"{site.name}/mkdocs\.yml:\d+: extra\.portal\.sectons: 不认识的键“sectons”；是不是“sections”？", result.err
    )


@pytest.mark.parametrize(
    ("portal", "args", "code", "where"),
    [
        pytest.param(PORTAL, ["check"], 0, "out", id="clean"),
        pytest.param({**PORTAL, "colours": 1}, ["check"], 2, "extra.portal.colours", id="unknown-portal-key"),
        pytest.param(
            {**PORTAL, "colours": 1}, ["stats", "--json"], 2, "extra.portal.colours", id="unknown-portal-key-stats"
        ),
        pytest.param(PORTAL, ["stats", "--period", "2026-13"], 2, "2026-13", id="bad-period"),
        pytest.param(PORTAL, ["stats", "--as-of", "2026-13-01"], 2, "2026-13-01", id="bad-as-of"),
        pytest.param(PORTAL, ["export", "--format", "xlsx", "-o", "x.xlsx", "--period", "Q1"], 2, "Q1", id="export"),
        pytest.param(PORTAL, ["--config", "nope.yml", "check"], 2, "nope.yml", id="missing-config"),
    ],
)
def test_exit_codes(tmp_path: Path, portal: dict[str, Any], args: list[str], code: int, where: str) -> None:
    site = make_site(tmp_path, reports={"a.md": report()}, portal=portal)
    result = run_cli(site, *args)
    assert result.code == code
    if code == 2:
        assert where in result.err
        assert result.out == ""
        assert "Traceback" not in result.err


def test_argument_mistakes_are_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path)
    for args in ([], ["tally"], ["stats", "--jsn"]):  # no command, an unknown command, an unknown option
        result = run_cli(site, *args)
        assert result.code == 2
        assert "用法：" in result.err  # on the run's stream, not the process's
    assert capsys.readouterr() == ("", "")


def test_broken_config_yaml_is_exit_2(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    (site / "mkdocs.yml").write_text("site_name: 测试\nextra: {portal: [\n", encoding="utf-8")
    for args in (["check"], ["stats", "--json"]):
        result = run_cli(site, *args)
        assert result.code == 2
        assert result.err.startswith("mkdocs.yml:")
        assert result.out == ""


def test_stats_table_is_readable(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"a.md": report(section="甲", author="王芳", adopted="县委办")})
    result = run_cli(site, "stats", "--period", "2026-03", "--as-of", "2026-04-05")
    assert result.code == 0
    lines = result.out.splitlines()
    assert "2026-03" in lines[0]
    # the first row after the header and the rule is the leader: 甲股 with 1 + 5 = 6
    assert lines[3].split()[:3] == ["1", "甲股", "1"]
    assert lines[3].split()[-1] == "6"


# --- the JSON of SPEC §6 -------------------------------------------------------------------

TOP = ["as_of", "period", "sections", "people", "requests", "urgent", "overdue"]
SECTION_KEYS = [
    "section",
    "head",
    "rank",
    "submitted",
    "adopted",
    "adoptions",
    "adoption_rate",
    "instructions",
    "good",
    "quota",
    "score",
    "requests",
    "urgent",
    "incidents",
    "breakdown",
    "passed",
]
BREAKDOWN_KEYS = ["reports", "requests", "urgent", "incidents", "period"]
PERSON_KEYS = ["author", "section", "submitted", "adopted", "good", "score"]
REQUEST_KEYS = ["id", "title", "deadline", "status"]
URGENT_KEYS = ["path", "title", "section", "event_time", "due", "reported_time", "status"]
REQUEST_STATUSES = ["on_time", "late", "missed", "pending"]
URGENT_STATUSES = ["on_time", "late", "overdue", "pending"]
MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _count(value: Any) -> bool:
    return type(value) is int and value >= 0


def _score(value: Any) -> bool:
    """Integral scores print as integers; others as floats."""
    return type(value) is int or (type(value) is float and not value.is_integer())


def validate_shape(data: Any, sections: list[str]) -> None:
    """Assert that ``data`` is SPEC §6's document for a site whose sections are ``sections``."""
    assert list(data) == TOP
    assert MOMENT.fullmatch(data["as_of"]), data["as_of"]

    period = data["period"]
    assert list(period) == ["key", "start", "end"]
    assert re.fullmatch(r"\d{4}(-\d{2}|-Q[1-4])?", period["key"])
    start, end = date.fromisoformat(period["start"]), date.fromisoformat(period["end"])
    assert start <= end

    _validate_sections(data["sections"], sections)
    _validate_people(data["people"], sections)
    _validate_requests(data["requests"], sections, start, end)
    _validate_urgent(data["urgent"], sections, start, end)
    _validate_overdue(data["overdue"], data["urgent"])


def _validate_section_row(row: Any) -> None:
    assert list(row) == SECTION_KEYS
    assert type(row["head"]) is str
    assert type(row["rank"]) is int and row["rank"] >= 1
    assert all(_count(row[k]) for k in ("submitted", "adopted", "adoptions", "instructions", "good", "quota"))
    assert row["adopted"] <= row["submitted"] and row["good"] <= row["submitted"]
    assert type(row["adoption_rate"]) in (int, float) and 0 <= row["adoption_rate"] <= 1
    expected_rate = round(row["adopted"] / row["submitted"], 4) if row["submitted"] else 0
    assert abs(row["adoption_rate"] - expected_rate) <= 0.0001
    assert _score(row["score"])
    assert list(row["requests"]) == REQUEST_STATUSES and all(_count(v) for v in row["requests"].values())
    assert list(row["urgent"]) == URGENT_STATUSES and all(_count(v) for v in row["urgent"].values())
    assert all(_count(v) and v > 0 for v in row["incidents"].values())  # types with none are left out
    assert list(row["breakdown"]) == BREAKDOWN_KEYS and all(_score(v) for v in row["breakdown"].values())
    assert row["passed"] in (True, False, None)


def _validate_sections(rows: Any, sections: list[str]) -> None:
    assert sorted(row["section"] for row in rows) == sorted(sections)  # every configured section, once
    for row in rows:
        _validate_section_row(row)
    # rank order: by score, adopted, submitted, descending; competition ranks
    triples = [(r["score"], r["adopted"], r["submitted"]) for r in rows]
    assert triples == sorted(triples, reverse=True)
    for row, triple in zip(rows, triples):
        assert row["rank"] == 1 + sum(1 for other in triples if other > triple)
    # ties keep config order
    for a, b in itertools.pairwise(rows):
        if a["rank"] == b["rank"]:
            assert sections.index(a["section"]) < sections.index(b["section"])


def _validate_people(people: Any, sections: list[str]) -> None:
    for person in people:
        assert list(person) == PERSON_KEYS
        assert type(person["author"]) is str and person["author"]
        assert person["section"] in sections
        assert all(_count(person[k]) for k in ("submitted", "adopted", "good"))
        assert _score(person["score"])
    assert [(-p["score"], p["author"]) for p in people] == sorted((-p["score"], p["author"]) for p in people)


def _validate_requests(requests: Any, sections: list[str], start: date, end: date) -> None:
    for entry in requests:
        assert list(entry) == REQUEST_KEYS
        assert type(entry["id"]) is str and type(entry["title"]) is str
        assert DAY.fullmatch(entry["deadline"]) and start <= date.fromisoformat(entry["deadline"]) <= end
        assert entry["status"] and all(s in sections for s in entry["status"])
        assert list(entry["status"]) == [s for s in sections if s in entry["status"]]  # config order
        assert all(v in REQUEST_STATUSES for v in entry["status"].values())
    assert [(r["deadline"], r["id"]) for r in requests] == sorted((r["deadline"], r["id"]) for r in requests)


def _validate_urgent(urgent: Any, sections: list[str], start: date, end: date) -> None:
    for entry in urgent:
        assert list(entry) == URGENT_KEYS
        assert entry["path"].startswith("content/") and entry["path"].endswith(".md")
        assert entry["section"] in sections
        assert MOMENT.fullmatch(entry["event_time"]) and MOMENT.fullmatch(entry["due"])
        assert entry["reported_time"] is None or MOMENT.fullmatch(entry["reported_time"])
        assert entry["status"] in URGENT_STATUSES
        assert (entry["reported_time"] is not None) == (entry["status"] in ("on_time", "late"))
        assert start <= datetime.fromisoformat(entry["event_time"]).date() <= end
        assert datetime.fromisoformat(entry["due"]) > datetime.fromisoformat(entry["event_time"])
    keys = [(datetime.fromisoformat(u["event_time"]), u["path"]) for u in urgent]
    assert keys == sorted(keys)


def _validate_overdue(overdue: Any, urgent: Any) -> None:
    assert all(type(p) is str and p.startswith("content/") for p in overdue)
    assert len(set(overdue)) == len(overdue)
    assert {u["path"] for u in urgent if u["status"] == "overdue"} <= set(overdue)
    # the period's overdue events keep their relative order in `overdue`
    listed = [u["path"] for u in urgent if u["status"] == "overdue"]
    assert [p for p in overdue if p in listed] == listed


def _json_site(tmp_path: Path) -> Path:
    return make_site(
        tmp_path,
        reports={
            # 甲 is 甲股's alias; 1 + city 10 = 11, good; answers YG-1 before its deadline
            "2026/03/a.md": report(
                title="甲一", section="甲", author="王芳", date="2026-03-02", adopted="市委办", request="YG-1"
            ),
            # urgent, never reported upward: overdue at as_of; 1 - 10
            "2026/03/b.md": report(
                title="乙一",
                section="乙股",
                author="李雷",
                date="2026-03-03",
                urgent=True,
                event_time="2026-03-03 08:30",
            ),
            # no author; answers YG-1 after its deadline: 1 - 5
            "2026/03/c.md": report(title="乙二", section="乙股", date="2026-03-20", request="YG-1"),
        },
        requests={
            "YG-1.md": request(title="三月约稿", issued="2026-03-01", deadline="2026-03-15", sections=["甲", "乙股"])
        },
    )


#: SPEC §6's breakdown parts, all zero
PARTS = dict.fromkeys(("reports", "requests", "urgent", "incidents", "period"), 0)


def _section_json(section: str, head: str, rank: int, **figures: Any) -> dict[str, Any]:
    """A section's row in ``stats --json``: every figure zero (no request, no urgent event) unless given."""
    row: dict[str, Any] = {
        "section": section,
        "head": head,
        "rank": rank,
        **dict.fromkeys(("submitted", "adopted", "adoptions", "adoption_rate", "instructions", "good", "quota"), 0),
        "score": 0,
        "requests": dict.fromkeys(REQUEST_STATUSES, 0),
        "urgent": dict.fromkeys(URGENT_STATUSES, 0),
        "incidents": {},
        "breakdown": PARTS,
        "passed": None,  # no pass row
    }
    return {**row, **figures}


def _expected_sections() -> list[dict[str, Any]]:
    """The sections of :func:`_json_site` in March 2026, by hand (default prices: submitted 1, city 10)."""
    none = dict.fromkeys(REQUEST_STATUSES, 0)
    calm = dict.fromkeys(URGENT_STATUSES, 0)
    return [
        # 1 submitted, adopted once (rate 1/1), good, quota 2; score 1 + 10 = 11
        _section_json(
            "甲股",
            "张三",
            1,
            submitted=1,
            adopted=1,
            adoptions=1,
            adoption_rate=1.0,
            good=1,
            quota=2,
            score=11,
            requests={**none, "on_time": 1},
            breakdown={**PARTS, "reports": 11},
        ),
        _section_json("丙股", "王五", 2),
        # 2 submitted, none adopted (rate 0/2), quota 1; score 1 + 1 - 5 (late) - 10 (overdue) = -13
        _section_json(
            "乙股",
            "李四",
            3,
            submitted=2,
            quota=1,
            score=-13,
            requests={**none, "late": 1},
            urgent={**calm, "overdue": 1},
            breakdown={**PARTS, "reports": 2, "requests": -5, "urgent": -10},
        ),
    ]


def test_json_exactly(tmp_path: Path) -> None:
    result = run_cli(_json_site(tmp_path), "stats", "--json", "--period", "2026-03", "--as-of", "2026-03-31")
    assert result.code == 0, result.err
    expected = {
        "as_of": "2026-03-31T23:59:59+08:00",
        "period": {"key": "2026-03", "start": "2026-03-01", "end": "2026-03-31"},
        "sections": _expected_sections(),
        "people": [
            {"author": "王芳", "section": "甲股", "submitted": 1, "adopted": 1, "good": 1, "score": 11},
            # the penalties are 乙股's, not 李雷's: 1
            {"author": "李雷", "section": "乙股", "submitted": 1, "adopted": 0, "good": 0, "score": 1},
        ],
        "requests": [
            {"id": "YG-1", "title": "三月约稿", "deadline": "2026-03-15", "status": {"甲股": "on_time", "乙股": "late"}}
        ],
        "urgent": [
            {
                "path": "content/reports/2026/03/b.md",
                "title": "乙一",
                "section": "乙股",
                "event_time": "2026-03-03T08:30:00+08:00",
                "due": "2026-03-03T10:30:00+08:00",  # 08:30 + 2 h
                "reported_time": None,
                "status": "overdue",
            }
        ],
        "overdue": ["content/reports/2026/03/b.md"],
    }
    data = result.json()
    assert data == expected
    validate_shape(data, ["甲股", "乙股", "丙股"])
    # integral scores are integers in the text, not 11.0
    assert '"score": 11,' in result.out and "11.0" not in result.out
    assert re.search(r'"as_of": "2026-03-31T23:59:59\+08:00"', result.out)


def test_json_shape_on_a_busier_site(tmp_path: Path) -> None:
    reports = {}
    for day in range(1, 29):
        section = ["甲股", "乙股", "丙股", "甲"][day % 4]
        fields: dict[str, Any] = {"author": ["王芳", "李雷", "Bob"][day % 3]}
        if day % 3 == 0:
            fields["adopted"] = ["县委办", "市委办", "本局简报"][day % 2]
        if day % 5 == 0:
            fields |= {"urgent": True, "event_time": f"2026-03-{day:02d} 08:00"}
            if day % 10 == 0:
                fields["reported_time"] = f"2026-03-{day:02d} 11:00"
        if day % 7 == 0:
            fields["request"] = "YG-2"
        reports[f"2026/03/{day:02d}.md"] = report(date=f"2026-03-{day:02d}", section=section, **fields)
    requests = {
        "YG-1.md": request(deadline="2026-03-10", sections=["乙股"]),
        "YG-2.md": request(deadline="2026-03-10"),
        "YG-0.md": request(deadline="2026-03-31", sections=[]),
    }
    site = make_site(tmp_path, reports=reports, requests=requests, portal={**PORTAL, "scoring": {"submitted": 0.5}})
    for period in ("2026-03", "2026-Q1", "2026"):
        result = run_cli(site, "stats", "--json", "--period", period, "--as-of", "2026-03-31")
        assert result.code == 0, result.err
        validate_shape(result.json(), ["甲股", "乙股", "丙股"])


# --- the shipped demo, as a real subprocess -----------------------------------------------------


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PORTAL_AS_OF", "SOURCE_DATE_EPOCH")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def _cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(REPO / "build_stats.py"), *args]
    return subprocess.run(command, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=300)


def _demo_sections(config_file: Path) -> list[str]:
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    return [s["name"] for s in config["extra"]["portal"]["sections"]]


@pytest.mark.slow
def test_the_demo_checks_clean_and_its_json_validates() -> None:
    check = _cli(REPO, "check")
    assert check.returncode == 0, check.stdout[-3000:]
    assert re.search(r"^检查了 \d+ 个文件：0 个错误，\d+ 个警告$", check.stdout, re.MULTILINE)
    stats = _cli(REPO, "stats", "--json", "--as-of", "2026-11-25")
    assert stats.returncode == 0, stats.stderr[-3000:]
    data = json.loads(stats.stdout)
    assert data["as_of"] == "2026-11-25T23:59:59+08:00"
    assert data["period"] == {"key": "2026-11", "start": "2026-11-01", "end": "2026-11-30"}
    validate_shape(data, _demo_sections(REPO / "mkdocs.yml"))


@pytest.mark.slow
def test_a_copy_of_the_demo_with_one_broken_file_fails_naming_file_line_field(tmp_path: Path) -> None:
    copy = copy_demo(tmp_path / "demo")
    victim = sorted((copy / "content" / "reports").rglob("*.md"))[-1]
    lines = victim.read_text(encoding="utf-8").split("\n")
    [index] = [i for i, line in enumerate(lines) if line.startswith("date:")]
    lines[index] = "date: 2026/3/1"
    victim.write_text("\n".join(lines), encoding="utf-8")
    relative = victim.relative_to(copy).as_posix()

    check = _cli(copy, "check")
    assert check.returncode == 1
    errors = [line for line in check.stdout.splitlines() if not line.startswith(WARNING_PREFIX)][:-1]
    assert errors == [line for line in errors if line.startswith(f"{relative}:{index + 1}: date: ")]
    assert len(errors) == 1
    assert re.search(r"^检查了 \d+ 个文件：1 个错误", check.stdout, re.MULTILINE)

    stats = _cli(copy, "stats", "--json", "--as-of", "2026-11-25")
    assert stats.returncode == 1
    assert stats.stdout == ""
    assert f"{relative}:{index + 1}: date: " in stats.stderr
