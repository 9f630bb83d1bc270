"""The rules of SPEC §5, each on a small fixture whose figures are worked out by hand.

Everything runs through ``stats --json`` (in-process), the same code path the
portal uses.  Unless a row says otherwise the bureau is conftest's ``PORTAL``
(甲股 quota 2 alias 甲, 乙股 quota 1, 丙股 quota 0) with the default scoring of
SPEC §4: submitted 1; adopted bureau 1, county 5, city 10, province 20,
national 30; instruction county 10, city 20, province 30, national 50;
request_late -5, request_missed -10, urgent_late -5, urgent_overdue -10;
good_info.min_level city, good_info.instruction true.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PORTAL, make_site, report, request, run_cli, section_row, stats

# adopters of conftest's PORTAL and their levels
BUREAU, COUNTY, CITY, PROVINCE, NATIONAL = "本局简报", "县委办", "市委办", "省政府办公厅", "国务院办公厅"


def portal(**changes: Any) -> dict[str, Any]:
    return {**PORTAL, **changes}


def figures(row: dict[str, Any]) -> tuple[int, int, int, int, int, float]:
    """(submitted, adopted, adoptions, instructions, good, score) of a section row."""
    return row["submitted"], row["adopted"], row["adoptions"], row["instructions"], row["good"], row["score"]


def instruction(level: str, by: str = "县长 孙建国", **more: str) -> dict[str, str]:
    return {"by": by, "level": level, **more}


# --- points of one report -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "fields", "expected"),
    [
        # (submitted, adopted, adoptions, instructions, good, score)
        pytest.param({}, {}, (1, 0, 0, 0, 0, 1), id="plain-report-1-point"),
        pytest.param({}, {"adopted": "false"}, (1, 0, 0, 0, 0, 1), id="adopted-false"),
        pytest.param({}, {"adopted": "[]"}, (1, 0, 0, 0, 0, 1), id="adopted-empty-list"),
        pytest.param({}, {"adopted": "null"}, (1, 0, 0, 0, 0, 1), id="adopted-null"),
        pytest.param({}, {"adopted": '""'}, (1, 0, 0, 0, 0, 1), id="adopted-empty-text"),
        # 1 + county 5 = 6
        pytest.param({}, {"adopted": COUNTY}, (1, 1, 1, 0, 0, 6), id="one-county-adoption"),
        # alias-free name list; highest of county 5 and city 10 = 10; 1 + 10 = 11; city is good
        pytest.param({}, {"adopted": [COUNTY, CITY]}, (1, 1, 2, 0, 1, 11), id="highest-of-two"),
        # sum: 1 + 5 + 10 = 16
        pytest.param(
            {"scoring": {"adoption": "sum"}}, {"adopted": [COUNTY, CITY]}, (1, 1, 2, 0, 1, 16), id="sum-of-two"
        ),
        # sum over three: 1 + 1 + 5 + 20 = 27
        pytest.param(
            {"scoring": {"adoption": "sum"}},
            {"adopted": [BUREAU, COUNTY, PROVINCE]},
            (1, 1, 3, 0, 1, 27),
            id="sum-of-three",
        ),
        # mapping form: 1 + province 20 = 21
        pytest.param(
            {},
            {"adopted": [{"by": PROVINCE, "date": "2026-03-20", "form": "专报"}]},
            (1, 1, 1, 0, 1, 21),
            id="mapping-form",
        ),
        # national: 1 + 30 = 31
        pytest.param({}, {"adopted": NATIONAL}, (1, 1, 1, 0, 1, 31), id="national"),
        # bureau adoption: 1 + 1 = 2, below city: not good
        pytest.param({}, {"adopted": BUREAU}, (1, 1, 1, 0, 0, 2), id="bureau-not-good"),
        # one county instruction: 1 + 10 = 11; any instruction makes it good
        pytest.param({}, {"instructions": [instruction("county")]}, (1, 0, 0, 1, 1, 11), id="county-instruction"),
        # instructions add up: 1 + 10 + 20 = 31
        pytest.param(
            {},
            {"instructions": [instruction("county"), instruction("city", by="市长")]},
            (1, 0, 0, 2, 1, 31),
            id="instructions-add-up",
        ),
        # adoption and instruction: 1 + city 10 + national 50 = 61
        pytest.param(
            {},
            {"adopted": CITY, "instructions": [instruction("national", by="总理")]},
            (1, 1, 1, 1, 1, 61),
            id="adoption-plus-instruction",
        ),
        # bureau is missing from the instruction map: 1 + 0 = 1, still one instruction and good
        pytest.param(
            {}, {"instructions": [instruction("bureau", by="局长")]}, (1, 0, 0, 1, 1, 1), id="level-missing-scores-0"
        ),
        # adopted_by override: 县委办 worth 50 instead of 5: 1 + 50 = 51; county is still below city
        pytest.param(
            {"scoring": {"adopted_by": {COUNTY: 50}}}, {"adopted": COUNTY}, (1, 1, 1, 0, 0, 51), id="adopted-by-50"
        ),
        # adopted_by {市委办: 0}: 1 + 0 = 1, yet 市委办 is city level, so the report is good
        pytest.param(
            {"scoring": {"adopted_by": {CITY: 0}}}, {"adopted": CITY}, (1, 1, 1, 0, 1, 1), id="adopted-by-0-still-good"
        ),
        # the override beats a higher level under highest: max(county override 50, province 20) = 50; 1 + 50 = 51
        pytest.param(
            {"scoring": {"adopted_by": {COUNTY: 50}}},
            {"adopted": [COUNTY, PROVINCE]},
            (1, 1, 2, 0, 1, 51),
            id="adopted-by-and-highest",
        ),
        # a level missing from the adopted map scores 0: city -> 0; 1 + 0 = 1; city is still good
        pytest.param(
            {"scoring": {"adopted": {"county": 5}}}, {"adopted": CITY}, (1, 1, 1, 0, 1, 1), id="adopted-level-missing"
        ),
        # min_level province: a city adoption is not good; 1 + 10 = 11
        pytest.param(
            {"good_info": {"min_level": "province"}}, {"adopted": CITY}, (1, 1, 1, 0, 0, 11), id="min-province-city"
        ),
        # min_level province: a province adoption is good; 1 + 20 = 21
        pytest.param(
            {"good_info": {"min_level": "province"}},
            {"adopted": PROVINCE},
            (1, 1, 1, 0, 1, 21),
            id="min-province-province",
        ),
        # min_level county: a county adoption is good; 1 + 5 = 6
        pytest.param(
            {"good_info": {"min_level": "county"}}, {"adopted": COUNTY}, (1, 1, 1, 0, 1, 6), id="min-county-county"
        ),
        # good_info.instruction false: an instruction alone is not good; 1 + 10 = 11
        pytest.param(
            {"good_info": {"instruction": False}},
            {"instructions": [instruction("county")]},
            (1, 0, 0, 1, 0, 11),
            id="instruction-not-good",
        ),
        # ... but the adoption still is: 1 + city 10 + county 10 = 21
        pytest.param(
            {"good_info": {"instruction": False}},
            {"adopted": CITY, "instructions": [instruction("county")]},
            (1, 1, 1, 1, 1, 21),
            id="instruction-off-adoption-good",
        ),
        # submitted worth 3 and fractional points: 3 + county 2.5 = 5.5
        pytest.param(
            {"scoring": {"submitted": 3, "adopted": {"county": 2.5}}},
            {"adopted": COUNTY},
            (1, 1, 1, 0, 0, 5.5),
            id="fractional-points",
        ),
    ],
)
def test_points_of_one_report(
    tmp_path: Path, config: dict[str, Any], fields: dict[str, Any], expected: tuple[int, ...]
) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": report(**fields)}, portal=portal(**config))
    data = stats(site, "--period", "2026-03")
    assert figures(section_row(data, "甲股")) == expected
    assert type(section_row(data, "甲股")["score"]) is type(expected[5])


def test_fractional_points_print_without_float_noise(tmp_path: Path) -> None:
    reports = {f"{i}.md": report() for i in range(3)}
    site = make_site(tmp_path, reports=reports, portal=portal(scoring={"submitted": 0.1}))
    # 3 × 0.1 = 0.3 (not 0.30000000000000004)
    assert section_row(stats(site, "--period", "2026-03"), "甲股")["score"] == 0.3
    # 10 × 0.1 = 1, an integral score: printed as the integer 1
    site = make_site(
        tmp_path / "ten", reports={f"{i}.md": report() for i in range(10)}, portal=portal(scoring={"submitted": 0.1})
    )
    result = run_cli(site, "stats", "--json", "--period", "2026-03", "--as-of", "2026-04-05")
    assert '"score": 1,' in result.out


def test_figures_add_up_over_a_section(tmp_path: Path) -> None:
    reports = {
        "2026/03/a.md": report(date="2026-03-02", adopted=[COUNTY, CITY]),  # 1 + 10 = 11, good
        "2026/03/b.md": report(date="2026-03-03", instructions=[instruction("county")]),  # 1 + 10 = 11, good
        "2026/03/c.md": report(date="2026-03-04", section="甲"),  # alias of 甲股: 1
        "2026/03/d.md": report(date="2026-03-05", section="乙股", adopted=BUREAU),  # 乙股: 1 + 1 = 2
    }
    site = make_site(tmp_path, reports=reports)
    data = stats(site, "--period", "2026-03")
    # 甲股: 3 submitted, 1 adopted (a) with 2 adoptions, 1 instruction, 2 good, 11 + 11 + 1 = 23
    assert figures(section_row(data, "甲股")) == (3, 1, 2, 1, 2, 23)
    assert figures(section_row(data, "乙股")) == (1, 1, 1, 0, 0, 2)
    assert figures(section_row(data, "丙股")) == (0, 0, 0, 0, 0, 0)


# --- scoring versions ------------------------------------------------------------------------

VERSIONS = [
    {"from": date(2026, 1, 1), "submitted": 1, "adopted": {"county": 5}, "request_missed": -10, "urgent_overdue": -10},
    {"from": date(2026, 4, 1), "submitted": 2, "adopted": {"county": 8}, "request_missed": -20, "urgent_overdue": -30},
]


@pytest.mark.parametrize(
    ("fields", "period", "score"),
    [
        # the day before v2: v1, 1 + 5 = 6
        pytest.param({"date": "2026-03-31", "adopted": COUNTY}, "2026-03", 6, id="v1-day-before"),
        # v2 from its first day: 2 + 8 = 10
        pytest.param({"date": "2026-04-01", "adopted": COUNTY}, "2026-04", 10, id="v2-first-day"),
        # adopted in April, under v2, but the report is of 31 March: v1 and March, 1 + 5 = 6
        pytest.param(
            {"date": "2026-03-31", "adopted": [{"by": COUNTY, "date": "2026-04-10"}]},
            "2026-03",
            6,
            id="later-adoption-scored-at-report-date",
        ),
        # ... and the April figures do not see it: no report dated April
        pytest.param(
            {"date": "2026-03-31", "adopted": [{"by": COUNTY, "date": "2026-04-10"}]},
            "2026-04",
            0,
            id="later-adoption-not-in-its-own-month",
        ),
        # before the first `from`: the earliest version, v1: 1 + 5 = 6
        pytest.param({"date": "2025-06-01", "adopted": COUNTY}, "2025-06", 6, id="before-first-from-uses-earliest"),
        # 23:30 local on 31 March is still a March date: v1; 1 + 5 = 6
        pytest.param({"date": "2026-03-31 23:30", "adopted": COUNTY}, "2026-03", 6, id="v1-late-evening"),
        # 2026-03-31 16:00 UTC = 1 April 00:00 local: v2; 2 + 8 = 10
        pytest.param({"date": "2026-03-31T16:00:00Z", "adopted": COUNTY}, "2026-04", 10, id="v2-by-local-date"),
    ],
)
def test_scoring_version_in_force_at_the_report_date(
    tmp_path: Path, fields: dict[str, Any], period: str, score: int
) -> None:
    site = make_site(tmp_path, reports={"r/a.md": report(**fields)}, portal=portal(scoring=VERSIONS))
    data = stats(site, "--period", period, as_of="2026-04-30")
    assert section_row(data, "甲股")["score"] == score


def test_versions_are_picked_by_from_not_by_list_order(tmp_path: Path) -> None:
    versions = [VERSIONS[1], VERSIONS[0]]  # written newest first
    site = make_site(
        tmp_path,
        reports={"a.md": report(date="2026-02-01", adopted=COUNTY), "b.md": report(date="2026-05-01", adopted=COUNTY)},
        portal=portal(scoring=versions),
    )
    # 2026 as a year: v1 report 1 + 5 = 6, v2 report 2 + 8 = 10; 6 + 10 = 16
    assert section_row(stats(site, "--period", "2026", as_of="2026-05-31"), "甲股")["score"] == 16


@pytest.mark.parametrize(
    ("deadline", "period", "penalty"),
    [
        # deadline 31 March: v1 request_missed -10
        pytest.param("2026-03-31", "2026-03", -10, id="missed-under-v1"),
        # deadline 2 April: v2 request_missed -20, though the request was issued in March under v1
        pytest.param("2026-04-02", "2026-04", -20, id="missed-under-v2-at-deadline"),
    ],
)
def test_request_penalty_under_the_version_at_the_deadline(
    tmp_path: Path, deadline: str, period: str, penalty: int
) -> None:
    site = make_site(
        tmp_path,
        requests={"YG-1.md": request(issued="2026-03-20", deadline=deadline, sections=["乙股"])},
        portal=portal(scoring=VERSIONS),
    )
    row = section_row(stats(site, "--period", period, as_of="2026-04-30"), "乙股")
    assert (row["requests"]["missed"], row["score"]) == (1, penalty)


def test_urgent_penalty_under_the_version_at_the_event_time(tmp_path: Path) -> None:
    # event 31 March 23:00 (v1: urgent_overdue -10), written up 1 April (v2: submitted 2), never reported upward
    text = report(date="2026-04-01", urgent=True, event_time="2026-03-31 23:00")
    site = make_site(tmp_path, reports={"a.md": text}, portal=portal(scoring=VERSIONS))
    march = section_row(stats(site, "--period", "2026-03", as_of="2026-04-30"), "甲股")
    april = section_row(stats(site, "--period", "2026-04", as_of="2026-04-30"), "甲股")
    # March: no report, the overdue event: -10 (v1)
    assert (march["submitted"], march["urgent"]["overdue"], march["score"]) == (0, 1, -10)
    # April: the report, 2 points (v2), no event
    assert (april["submitted"], april["urgent"]["overdue"], april["score"]) == (1, 0, 2)


# --- requests ----------------------------------------------------------------------------------


def test_request_statuses_and_penalties(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        reports={
            "a.md": report(date="2026-03-15 23:00", request="YG-1"),  # 甲股, on the deadline day: on_time
            "b.md": report(date="2026-03-16", section="乙股", request="YG-1"),  # a day after: late
        },
        requests={"YG-1.md": request(issued="2026-03-01", deadline="2026-03-15")},  # no sections: all three
    )
    data = stats(site, "--period", "2026-03", as_of="2026-04-05")
    assert data["requests"] == [
        {
            "id": "YG-1",
            "title": "约稿",
            "deadline": "2026-03-15",
            "status": {"甲股": "on_time", "乙股": "late", "丙股": "missed"},
        }
    ]
    expected = {
        "甲股": ({"on_time": 1, "late": 0, "missed": 0, "pending": 0}, 1),  # 1 point, no penalty
        "乙股": ({"on_time": 0, "late": 1, "missed": 0, "pending": 0}, -4),  # 1 - 5 = -4
        "丙股": ({"on_time": 0, "late": 0, "missed": 1, "pending": 0}, -10),  # 0 - 10 = -10
    }
    for name, (counts, score) in expected.items():
        row = section_row(data, name)
        assert (row["requests"], row["score"]) == (counts, score), name


@pytest.mark.parametrize(
    ("as_of", "status", "score"),
    [
        # no answer; pending while as_of's local date is on or before the deadline day
        pytest.param("2026-03-14", "pending", 0, id="before-deadline"),
        pytest.param("2026-03-15", "pending", 0, id="deadline-day-end"),
        pytest.param("2026-03-15 23:59:59", "pending", 0, id="deadline-last-second"),
        # from the next local day: missed, -10
        pytest.param("2026-03-16 00:00", "missed", -10, id="next-day-start"),
        # 2026-03-15 16:00 UTC = 16 March 00:00 local
        pytest.param("2026-03-15T16:00:00Z", "missed", -10, id="next-local-day-given-in-UTC"),
        pytest.param("2026-04-05", "missed", -10, id="long-after"),
    ],
)
def test_request_pending_then_missed(tmp_path: Path, as_of: str, status: str, score: int) -> None:
    site = make_site(tmp_path, requests={"YG-1.md": request(deadline="2026-03-15", sections=["丙股"])})
    data = stats(site, "--period", "2026-03", as_of=as_of)
    assert data["requests"][0]["status"] == {"丙股": status}
    assert section_row(data, "丙股")["score"] == score


@pytest.mark.parametrize(
    ("answers", "as_of", "status"),
    [
        # two answers: the first by date decides, not the file name (b.md sorts after a.md)
        pytest.param({"a.md": "2026-03-20", "b.md": "2026-03-10"}, "2026-04-05", "on_time", id="earliest-on-time"),
        pytest.param({"a.md": "2026-03-20", "b.md": "2026-03-25"}, "2026-04-05", "late", id="both-late"),
        # at 12 March the on-time answer of the 10th exists: on_time
        pytest.param({"a.md": "2026-03-10"}, "2026-03-12", "on_time", id="answered-by-as-of"),
        # at 9 March the answer of the 10th does not exist yet: pending
        pytest.param({"a.md": "2026-03-10"}, "2026-03-09", "pending", id="answer-not-yet-written"),
        # at 18 March the late answer of the 20th does not exist yet: missed (the deadline day has passed)
        pytest.param({"a.md": "2026-03-20"}, "2026-03-18", "missed", id="missed-until-the-late-answer"),
        pytest.param({"a.md": "2026-03-20"}, "2026-03-20", "late", id="late-once-answered"),
        # an answer dated in April (another period) still answers the March request: late
        pytest.param({"a.md": "2026-04-02"}, "2026-04-05", "late", id="answer-from-another-period"),
    ],
)
def test_first_answer_by_date_decides(tmp_path: Path, answers: dict[str, str], as_of: str, status: str) -> None:
    site = make_site(
        tmp_path,
        reports={name: report(date=day, request="YG-1") for name, day in answers.items()},
        requests={"YG-1.md": request(deadline="2026-03-15", sections=["甲股"])},
    )
    assert stats(site, "--period", "2026-03", as_of=as_of)["requests"][0]["status"] == {"甲股": status}


def test_a_draft_does_not_answer(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        reports={"a.md": report(date="2026-03-10", request="YG-1", draft=True)},
        requests={"YG-1.md": request(deadline="2026-03-15", sections=["甲股"])},
    )
    data = stats(site, "--period", "2026-03")
    assert data["requests"][0]["status"] == {"甲股": "missed"}
    # the draft is not counted; the missed request costs -10
    assert (section_row(data, "甲股")["submitted"], section_row(data, "甲股")["score"]) == (0, -10)


@pytest.mark.parametrize(
    ("as_of", "listed", "status"),
    [
        # issued 10 April: it does not exist on 9 April
        pytest.param("2026-04-09", False, None, id="before-issued"),
        # from the end of 10 April it does; deadline 20 April not passed: pending
        pytest.param("2026-04-10", True, "pending", id="issued-day"),
        pytest.param("2026-04-21", True, "missed", id="after-deadline"),
    ],
)
def test_a_request_issued_after_as_of_does_not_exist(
    tmp_path: Path, as_of: str, listed: bool, status: str | None
) -> None:
    site = make_site(tmp_path, requests={"YG-1.md": request(issued="2026-04-10", deadline="2026-04-20")})
    data = stats(site, "--period", "2026-04", as_of=as_of)
    assert [r["id"] for r in data["requests"]] == (["YG-1"] if listed else [])
    counts = [section_row(data, name)["requests"] for name in ("甲股", "乙股", "丙股")]
    if listed:
        assert data["requests"][0]["status"] == {"甲股": status, "乙股": status, "丙股": status}
        assert all(c[str(status)] == 1 for c in counts)
    else:
        # no request: every count 0, and no penalty
        assert all(sum(c.values()) == 0 for c in counts)
        assert [section_row(data, n)["score"] for n in ("甲股", "乙股", "丙股")] == [0, 0, 0]


@pytest.mark.parametrize(
    ("sections", "asked"),
    [
        pytest.param(None, ["甲股", "乙股", "丙股"], id="omitted-means-all"),
        pytest.param([], ["甲股", "乙股", "丙股"], id="empty-list-means-all"),
        pytest.param(["甲股", "甲"], ["甲股"], id="name-and-alias-count-once"),
        pytest.param(["乙股", "甲"], ["甲股", "乙股"], id="alias-resolved-config-order"),
        pytest.param(["丙股"], ["丙股"], id="one-section"),
    ],
)
def test_sections_asked(tmp_path: Path, sections: list[str] | None, asked: list[str]) -> None:
    site = make_site(tmp_path, requests={"YG-1.md": request(deadline="2026-03-15", sections=sections)})
    data = stats(site, "--period", "2026-03")
    assert list(data["requests"][0]["status"]) == asked
    # each asked section missed once (-10); the others are untouched
    for name in ("甲股", "乙股", "丙股"):
        row = section_row(data, name)
        missed = 1 if name in asked else 0
        assert (row["requests"]["missed"], row["score"]) == (missed, -10 * missed), name


@pytest.mark.parametrize(
    ("section", "answers", "problem"),
    [
        # report() writes title on line 2, section 3, date 4, request 5
        pytest.param("丙股", "YG-1", "content/reports/a.md:5: request: 约稿“YG-1”没有向丙股", id="section-not-asked"),
        pytest.param("甲股", "YG-9", "content/reports/a.md:5: request: 没有编号为“YG-9”的约稿通知", id="no-id"),
    ],
)
def test_an_answer_must_name_an_existing_request_that_asked_its_section(
    tmp_path: Path, section: str, answers: str, problem: str
) -> None:
    site = make_site(
        tmp_path,
        reports={"a.md": report(section=section, request=answers)},
        requests={"YG-1.md": request(sections=["甲", "乙股"])},
    )
    result = run_cli(site, "check")
    assert result.code == 1
    assert problem in result.out


def test_request_ids_match_after_normalising(tmp_path: Path) -> None:
    # full-width ＹＧ－１ is YG-1 after NFKC; the trailing ideographic space is trimmed
    site = make_site(
        tmp_path,
        reports={"a.md": report(date="2026-03-10", request='"ＹＧ－１\u3000"')},
        requests={"YG-1.md": request(deadline="2026-03-15", sections=["甲股"])},
    )
    assert stats(site, "--period", "2026-03")["requests"][0]["status"] == {"甲股": "on_time"}


def test_requests_count_in_the_period_of_their_deadline(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        reports={"a.md": report(date="2026-03-28", request="YG-1")},  # March report answering an April deadline
        requests={"YG-1.md": request(issued="2026-03-25", deadline="2026-04-03", sections=["甲股"])},
    )
    march = stats(site, "--period", "2026-03")
    april = stats(site, "--period", "2026-04")
    assert (march["requests"], [r["id"] for r in april["requests"]]) == ([], ["YG-1"])
    assert section_row(april, "甲股")["requests"]["on_time"] == 1
    # the report's point belongs to March, the request status to April
    assert (section_row(march, "甲股")["score"], section_row(april, "甲股")["score"]) == (1, 0)


# --- urgent events -----------------------------------------------------------------------------

LIMIT_3 = portal(urgent_limit_hours=3)


@pytest.mark.parametrize(
    ("reported", "as_of", "status", "score"),
    [
        # event 08:30, limit 3 h: due 11:30
        pytest.param("2026-03-02 11:00", "2026-03-31", "on_time", 1, id="before-due"),
        pytest.param("2026-03-02 11:30", "2026-03-31", "on_time", 1, id="exactly-due-is-on-time"),
        # 11:30:01 > due: late, 1 - 5 = -4
        pytest.param("2026-03-02 11:30:01", "2026-03-31", "late", -4, id="one-second-late"),
        pytest.param("2026-03-03 09:00", "2026-03-31", "late", -4, id="next-day"),
        # 03:30 UTC + 8 h = 11:30 local: exactly due
        pytest.param("2026-03-02T03:30:00Z", "2026-03-31", "on_time", 1, id="due-given-in-UTC"),
        # not reported: pending while as_of <= due
        pytest.param(None, "2026-03-02 11:00", "pending", 1, id="pending-before-due"),
        pytest.param(None, "2026-03-02 11:30", "pending", 1, id="pending-at-due"),
        # as_of > due: overdue, 1 - 10 = -9
        pytest.param(None, "2026-03-02 11:30:01", "overdue", -9, id="overdue-one-second-after"),
        pytest.param(None, "2026-03-31", "overdue", -9, id="overdue-long-after"),
        # the time machine: reported at 12:00, but at 11:45 that has not happened: overdue then
        pytest.param("2026-03-02 12:00", "2026-03-02 11:45", "overdue", -9, id="report-after-as-of-overdue"),
        # ... and at 11:00 pending
        pytest.param("2026-03-02 12:00", "2026-03-02 11:00", "pending", 1, id="report-after-as-of-pending"),
        # ... and once 12:00 is past: late
        pytest.param("2026-03-02 12:00", "2026-03-02 12:00", "late", -4, id="report-at-as-of-late"),
    ],
)
def test_urgent_status_with_a_three_hour_limit(
    tmp_path: Path, reported: str | None, as_of: str, status: str, score: int
) -> None:
    fields: dict[str, Any] = {"urgent": True, "event_time": "2026-03-02 08:30"}
    if reported:
        fields["reported_time"] = reported
    site = make_site(tmp_path, reports={"a.md": report(date="2026-03-02 08:45", **fields)}, portal=LIMIT_3)
    data = stats(site, "--period", "2026-03", as_of=as_of)
    [entry] = data["urgent"]
    assert entry["status"] == status
    assert entry["due"] == "2026-03-02T11:30:00+08:00"  # 08:30 + 3 h
    # reported_time shows only once it has happened
    shown = reported is not None and status in ("on_time", "late")
    assert (entry["reported_time"] is not None) == shown
    row = section_row(data, "甲股")
    assert row["urgent"] == {s: int(s == status) for s in ("on_time", "late", "overdue", "pending")}
    assert row["score"] == score
    assert data["overdue"] == (["content/reports/a.md"] if status == "overdue" else [])


@pytest.mark.parametrize(
    ("hours", "due"),
    [
        pytest.param(2, "2026-03-02T10:30:00+08:00", id="default-2h"),  # 08:30 + 2 h
        pytest.param(1.5, "2026-03-02T10:00:00+08:00", id="one-and-a-half-hours"),  # 08:30 + 1 h 30
        pytest.param(24, "2026-03-03T08:30:00+08:00", id="a-day"),  # 08:30 + 24 h, the next day
    ],
)
def test_urgent_limit_hours(tmp_path: Path, hours: float, due: str) -> None:
    config = portal(urgent_limit_hours=hours) if hours != 2 else portal()
    text = report(date="2026-03-02", urgent=True, event_time="2026-03-02 08:30")
    site = make_site(tmp_path, reports={"a.md": text}, portal=config)
    assert stats(site, "--period", "2026-03")["urgent"][0]["due"] == due


def test_urgent_limit_is_elapsed_time_across_a_daylight_saving_change(tmp_path: Path) -> None:
    # New York springs forward at 02:00 on 8 March 2026: 01:30 EST (-05:00) is 06:30 UTC;
    # 2 elapsed hours later is 08:30 UTC = 04:30 EDT (-04:00), not the wall-clock 03:30
    text = report(date="2026-03-08", urgent=True, event_time="2026-03-08 01:30", reported_time="2026-03-08 04:00")
    site = make_site(tmp_path, reports={"a.md": text}, portal=portal(timezone="America/New_York"))
    [entry] = stats(site, "--period", "2026-03", as_of="2026-03-31")["urgent"]
    assert (entry["event_time"], entry["due"]) == ("2026-03-08T01:30:00-05:00", "2026-03-08T04:30:00-04:00")
    # 04:00 EDT = 08:00 UTC, 1 h 30 after the event: on time
    assert (entry["reported_time"], entry["status"]) == ("2026-03-08T04:00:00-04:00", "on_time")


def test_urgent_events_count_in_the_period_of_their_event_time_and_overdue_lists_all(tmp_path: Path) -> None:
    reports = {
        # February event, never reported: overdue; listed in `overdue` whatever the period
        "2026/02/old.md": report(date="2026-02-10", urgent=True, event_time="2026-02-10 09:00"),
        # March event reported late (due 10:00, reported 11:00) in 乙股
        "2026/03/b.md": report(
            date="2026-03-03",
            section="乙股",
            urgent=True,
            event_time="2026-03-03 08:00",
            reported_time="2026-03-03 11:00",
        ),
        # March event never reported, an earlier event time than b: overdue
        "2026/03/z.md": report(date="2026-03-02", urgent=True, event_time="2026-03-02 08:00"),
        # a draft urgent event is never counted nor listed
        "2026/03/d.md": report(date="2026-03-02", urgent=True, event_time="2026-03-02 07:00", draft=True),
    }
    site = make_site(tmp_path, reports=reports)
    data = stats(site, "--period", "2026-03")
    # urgent: the period's events, by event_time then path
    assert [u["path"] for u in data["urgent"]] == ["content/reports/2026/03/z.md", "content/reports/2026/03/b.md"]
    assert [u["status"] for u in data["urgent"]] == ["overdue", "late"]
    # overdue: every overdue event at as_of, by event_time: February's first
    assert data["overdue"] == ["content/reports/2026/02/old.md", "content/reports/2026/03/z.md"]
    # 甲股 in March: report z (1) - overdue 10 = -9; the February event is not March's
    assert (section_row(data, "甲股")["urgent"]["overdue"], section_row(data, "甲股")["score"]) == (1, -9)
    # 乙股: report b (1) - late 5 = -4
    assert (section_row(data, "乙股")["urgent"]["late"], section_row(data, "乙股")["score"]) == (1, -4)


def test_an_urgent_report_written_after_as_of_does_not_exist(tmp_path: Path) -> None:
    # the event of 2 March is written up on 5 March: on 4 March the portal knows nothing of it
    text = report(date="2026-03-05", urgent=True, event_time="2026-03-02 08:00")
    site = make_site(tmp_path, reports={"a.md": text})
    assert (stats(site, as_of="2026-03-04")["urgent"], stats(site, as_of="2026-03-04")["overdue"]) == ([], [])
    assert stats(site, as_of="2026-03-05")["overdue"] == ["content/reports/a.md"]


# --- quota ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "as_of", "quotas"),
    [
        # monthly quota × months: 甲股 2, 乙股 1, 丙股 0 (default)
        pytest.param("2026-03", "2026-04-05", [2, 1, 0], id="month"),
        pytest.param("2026-Q1", "2026-04-05", [2 * 3, 1 * 3, 0], id="quarter-x3"),
        # as_of (5 April) inside Q2: still the whole quarter
        pytest.param("2026-Q2", "2026-04-05", [2 * 3, 1 * 3, 0], id="quarter-as-of-inside"),
        pytest.param("2026", "2026-04-05", [2 * 12, 1 * 12, 0], id="year-x12-as-of-inside"),
        # the default period is the month of as_of
        pytest.param(None, "2026-04-05", [2, 1, 0], id="default-month"),
    ],
)
def test_quota_times_months(tmp_path: Path, period: str | None, as_of: str, quotas: list[int]) -> None:
    site = make_site(tmp_path)
    data = stats(site, *(["--period", period] if period else []), as_of=as_of)
    assert [section_row(data, n)["quota"] for n in ("甲股", "乙股", "丙股")] == quotas


# --- adoption rate ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("adopted", "plain", "rate"),
    [
        pytest.param(0, 0, 0, id="none-submitted-is-0"),
        pytest.param(0, 3, 0, id="none-adopted"),
        pytest.param(1, 2, 0.3333, id="one-third"),  # 1/3 = 0.33333…
        pytest.param(2, 1, 0.6667, id="two-thirds-rounds-up"),  # 2/3 = 0.66666…
        pytest.param(1, 1, 0.5, id="half"),
        pytest.param(2, 0, 1, id="all"),
        pytest.param(1, 6, 0.1429, id="one-seventh"),  # 1/7 = 0.142857…
        # 1/32 = 0.03125 exactly: rounded half up (四舍五入) to 0.0313, not to the even 0.0312
        pytest.param(1, 31, 0.0313, id="exact-half-rounds-up"),
    ],
)
def test_adoption_rate_rounded_to_four_places(tmp_path: Path, adopted: int, plain: int, rate: float) -> None:
    reports = {f"a{i:02d}.md": report(section="乙股", adopted=COUNTY) for i in range(adopted)}
    reports |= {f"p{i:02d}.md": report(section="乙股") for i in range(plain)}
    site = make_site(tmp_path, reports=reports)
    assert section_row(stats(site, "--period", "2026-03"), "乙股")["adoption_rate"] == rate


# --- ranking ---------------------------------------------------------------------------------

FOUR = portal(
    sections=[
        {"name": "甲股", "slug": "jia"},
        {"name": "乙股", "slug": "yi"},
        {"name": "丙股", "slug": "bing"},
        {"name": "丁股", "slug": "ding"},
    ]
)


def _reports_of(spec: dict[str, list[str | None]]) -> dict[str, str]:
    """``{section: [adopter or None, …]}`` → report files, one a list entry."""
    out = {}
    for name, adopters in spec.items():
        for index, by in enumerate(adopters):
            out[f"{name}-{index}.md"] = report(section=name, **({"adopted": by} if by else {}))
    return out


@pytest.mark.parametrize(
    ("config", "spec", "order", "ranks"),
    [
        pytest.param(
            FOUR,
            # 甲 2 plain (2,0,2); 乙 county (6,1,1); 丙 2 plain (2,0,2); 丁 1 plain (1,0,1)
            {"甲股": [None, None], "乙股": [COUNTY], "丙股": [None, None], "丁股": [None]},
            ["乙股", "甲股", "丙股", "丁股"],
            [1, 2, 2, 4],
            id="competition-1-2-2-4",
        ),
        pytest.param(
            FOUR,
            # 甲 (2,0,2); 乙 bureau 1 + 1 = (2,1,1): same score, more adopted ranks first; 丙 丁 (0,0,0)
            {"甲股": [None, None], "乙股": [BUREAU]},
            ["乙股", "甲股", "丙股", "丁股"],
            [1, 2, 3, 3],
            id="adopted-breaks-a-score-tie",
        ),
        pytest.param(
            {**FOUR, "scoring": {"submitted": 0}},
            # submitted scores 0: 丁 (0,0,2), 丙 (0,0,1), 甲 乙 (0,0,0): submitted decides
            {"丙股": [None], "丁股": [None, None]},
            ["丁股", "丙股", "甲股", "乙股"],
            [1, 2, 3, 3],
            id="submitted-breaks-a-tie",
        ),
        pytest.param(
            {**FOUR, "scoring": {"submitted": 0, "adopted": {"county": 0}}},
            # 乙 adopted but worth 0: (0,1,1); 丙 (0,0,1); 甲 丁 (0,0,0)
            {"乙股": [COUNTY], "丙股": [None]},
            ["乙股", "丙股", "甲股", "丁股"],
            [1, 2, 3, 3],
            id="adopted-before-submitted",
        ),
        pytest.param(FOUR, {}, ["甲股", "乙股", "丙股", "丁股"], [1, 1, 1, 1], id="all-equal-config-order"),
        pytest.param(
            FOUR,
            # 丁 and 乙 tie at (1,0,1) above 甲 and 丙 (0,0,0): config order keeps 乙 before 丁
            {"丁股": [None], "乙股": [None]},
            ["乙股", "丁股", "甲股", "丙股"],
            [1, 1, 3, 3],
            id="ties-keep-config-order",
        ),
    ],
)
def test_ranking(
    tmp_path: Path, config: dict[str, Any], spec: dict[str, list[str | None]], order: list[str], ranks: list[int]
) -> None:
    site = make_site(tmp_path, reports=_reports_of(spec), portal=config)
    data = stats(site, "--period", "2026-03")
    assert [row["section"] for row in data["sections"]] == order
    assert [row["rank"] for row in data["sections"]] == ranks


def test_penalties_count_in_the_ranking(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        reports={"a.md": report(section="甲股"), "b.md": report(section="乙股")},
        requests={"YG-1.md": request(deadline="2026-03-15", sections=["甲股"])},
    )
    data = stats(site, "--period", "2026-03")
    # 甲: 1 - 10 (missed) = -9; 乙: 1; 丙: 0 → 乙, 丙, 甲
    assert [(r["section"], r["score"], r["rank"]) for r in data["sections"]] == [
        ("乙股", 1, 1),
        ("丙股", 0, 2),
        ("甲股", -9, 3),
    ]


# --- people -----------------------------------------------------------------------------------


def test_people_table(tmp_path: Path) -> None:
    reports = {
        "a.md": report(author="王芳", adopted=CITY),  # 1 + 10 = 11, good
        "b.md": report(author="王芳"),  # 1
        "c.md": report(author="李雷", section="乙股", adopted=COUNTY),  # 1 + 5 = 6
        "d.md": report(author="张三"),  # 1
        "e.md": report(author="李四", section="丙股"),  # 1
        "f.md": report(author="Bob", section="丙股"),  # 1
        "g.md": report(),  # no author: left out of the people table, counted for 甲股
        "h.md": report(author="赵六", draft=True),  # a draft: never counted
    }
    site = make_site(tmp_path, reports=reports, requests={"YG-1.md": request(deadline="2026-03-15", sections=["乙股"])})
    data = stats(site, "--period", "2026-03")
    people = [(p["author"], p["section"], p["submitted"], p["adopted"], p["good"], p["score"]) for p in data["people"]]
    assert people == [
        ("王芳", "甲股", 2, 1, 1, 12),  # 11 + 1
        # the missed request's -10 belongs to 乙股, not to 李雷
        ("李雷", "乙股", 1, 1, 0, 6),
        # score 1 each, then by code point: 'B' (U+0042) < 张 (U+5F20) < 李 (U+674E)
        ("Bob", "丙股", 1, 0, 0, 1),
        ("张三", "甲股", 1, 0, 0, 1),
        ("李四", "丙股", 1, 0, 0, 1),
    ]
    # 甲股 counts a, b, d and the author-less g: 4 reports; 11 + 1 + 1 + 1 = 14
    assert (section_row(data, "甲股")["submitted"], section_row(data, "甲股")["score"]) == (4, 14)
    # 乙股: 6 - 10 = -4
    assert section_row(data, "乙股")["score"] == -4


def test_an_author_in_two_sections_has_a_row_for_each(tmp_path: Path) -> None:
    # 王芳 moved from 甲股 to 乙股 in the quarter: her figures stay with each section
    reports = {
        "a.md": report(author="王芳", date="2026-01-10", adopted=COUNTY),  # 甲股: 1 + 5 = 6
        "b.md": report(author="王芳", date="2026-03-10", section="乙股"),  # 乙股: 1
    }
    site = make_site(tmp_path, reports=reports)
    people = stats(site, "--period", "2026-Q1")["people"]
    assert [(p["author"], p["section"], p["score"]) for p in people] == [("王芳", "甲股", 6), ("王芳", "乙股", 1)]


# --- drafts ---------------------------------------------------------------------------------


def test_drafts_never_count(tmp_path: Path) -> None:
    reports = {
        "a.md": report(adopted=NATIONAL, instructions=[instruction("national")], draft=True, author="王芳"),
        "b.md": report(draft="false"),  # draft: false counts
        "c.md": report(draft="yes"),  # YAML 1.1 yes is a draft too
    }
    site = make_site(tmp_path, reports=reports)
    data = stats(site, "--period", "2026-03")
    # only b: 1 point
    assert figures(section_row(data, "甲股")) == (1, 0, 0, 0, 0, 1)
    assert data["people"] == []


# --- the time machine -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        # (submitted, adopted, adoptions, instructions, good, score)
        pytest.param("2026-03-01", (1, 0, 0, 0, 0, 1), id="only-a"),  # a: 1
        pytest.param("2026-03-19", (1, 0, 0, 0, 0, 1), id="b-not-yet-written"),
        # a 1 + b 1; b's adoption (25th) does not exist yet: 2
        pytest.param("2026-03-20", (2, 0, 0, 0, 0, 2), id="b-written-not-adopted"),
        # b adopted by 县委办 on the 25th: 1 + (1 + 5) = 7
        pytest.param("2026-03-25", (2, 1, 1, 0, 0, 7), id="b-adopted"),
        # c is dated 31 March 23:00: a minute before, it does not exist
        pytest.param("2026-03-31 22:59", (2, 1, 1, 0, 0, 7), id="c-not-yet-written"),
        # c's undated adoption exists as soon as c does: 1 + city 10 = 11, good; 7 + 11 = 18
        pytest.param("2026-03-31", (3, 2, 2, 0, 1, 18), id="undated-adoption-with-its-report"),
        # b's county instruction of 3 April: 18 + 10 = 28, b now good; it still counts in March
        pytest.param("2026-04-03", (3, 2, 2, 1, 2, 28), id="b-instructed-in-April"),
    ],
)
def test_time_machine(tmp_path: Path, as_of: str, expected: tuple[int, ...]) -> None:
    reports = {
        "a.md": report(date="2026-03-01"),
        "b.md": report(
            date="2026-03-20",
            adopted=[{"by": COUNTY, "date": "2026-03-25"}],
            instructions=[instruction("county", date="2026-04-03")],
        ),
        "c.md": report(date="2026-03-31 23:00", adopted=CITY),
    }
    site = make_site(tmp_path, reports=reports)
    data = stats(site, "--period", "2026-03", as_of=as_of)
    assert figures(section_row(data, "甲股")) == expected
