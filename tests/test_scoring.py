"""The pricing engine of SPEC §4.1: rules, joint reports, period rows, averages, incidents (issue 12).

Every figure runs through ``stats --json`` (in-process).  The bureau is
conftest's ``PORTAL`` (甲股 quota 2 alias 甲, 乙股 quota 1, 丙股 quota 0)
with SPEC §4's default prices (submitted 1; adopted county 5, city 10;
instruction county 10, city 20; request_missed -10; urgent_late -5,
urgent_overdue -10) unless a row says otherwise; as_of is 2026-04-05 (end of
day) and reports are dated in March 2026.  Each expected number is worked
out by hand from SPEC §4.1's words in the comment above it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PORTAL, make_site, report, request, run_cli, section_row, stats

COUNTY, CITY = "县委办", "市委办"
KINDS = ["动态", "调研"]
#: 市委办 in the long form, with two publications
ADOPTERS = {**PORTAL["adopters"], CITY: {"level": "city", "publications": ["市委信息", "每日要情"]}}


def portal(
    rules: list[dict[str, Any]] | None = None, period: list[dict[str, Any]] | None = None, **more: Any
) -> dict[str, Any]:
    scoring = {**more.pop("scoring", {})}
    if rules is not None:
        scoring["rules"] = rules
    if period is not None:
        scoring["period"] = period
    return {**PORTAL, "adopters": ADOPTERS, "kinds": KINDS, "scoring": scoring, **more}


def incident(section: str = "甲股", date: str = "2026-03-10", type_: str = "被通报", **more: str) -> str:
    lines = [f"section: {section}", f"date: {date}", f"type: {type_}", *(f"{k}: {v}" for k, v in more.items())]
    return "---\n" + "\n".join(lines) + "\n---\n\n通报内容。\n"


URGENT_LATE: dict[str, Any] = {"urgent": True, "event_time": "2026-03-05 08:00", "reported_time": "2026-03-05 09:30"}
ASKED = {"yg.md": request(sections=["甲股", "乙股"])}  # issued 03-01, deadline 03-15

# --- every fact and match key ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rules", "fields", "score"),
    [
        # submission kind 调研 priced 3 instead of submitted 1: 3
        pytest.param([{"fact": "submission", "kind": "调研", "points": 3}], {"kind": "调研"}, 3, id="submission-kind"),
        # ... a 动态 report does not match: default 1
        pytest.param(
            [{"fact": "submission", "kind": "调研", "points": 3}], {"kind": "动态"}, 1, id="submission-other-kind"
        ),
        # urgent submission add 2: 1 + 2 = 3; reported 09:30, due 08:00 + 2 h = 10:00: on time, price 0
        pytest.param(
            [{"fact": "submission", "urgent": True, "add": 2}],
            {**URGENT_LATE, "reported_time": "2026-03-05 09:30"},
            3,
            id="submission-urgent",
        ),
        # adoption in 每日要情 priced 15: 1 + 15 = 16
        pytest.param(
            [{"fact": "adoption", "in": "每日要情", "points": 15}],
            {"adopted": [{"by": CITY, "in": "每日要情"}]},
            16,
            id="adoption-in",
        ),
        # ... in the other publication: default city 10: 1 + 10 = 11
        pytest.param(
            [{"fact": "adoption", "in": "每日要情", "points": 15}],
            {"adopted": [{"by": CITY, "in": "市委信息"}]},
            11,
            id="adoption-in-other",
        ),
        # form 专报 adds 5 to county 5: 1 + 10 = 11
        pytest.param(
            [{"fact": "adoption", "form": "专报", "add": 5}],
            {"adopted": [{"by": COUNTY, "form": "专报"}]},
            11,
            id="adoption-form",
        ),
        # level county times 2: 1 + 5 × 2 = 11
        pytest.param(
            [{"fact": "adoption", "level": "county", "times": 2}], {"adopted": COUNTY}, 11, id="adoption-level"
        ),
        # route 转报 halves city 10: 1 + 5 = 6
        pytest.param(
            [{"fact": "adoption", "route": "转报", "times": 0.5}],
            {"adopted": [{"by": CITY, "route": "转报"}]},
            6,
            id="adoption-route",
        ),
        # route defaults to 直报: no match, 1 + 10 = 11
        pytest.param(
            [{"fact": "adoption", "route": "转报", "times": 0.5}], {"adopted": CITY}, 11, id="adoption-route-default"
        ),
        # points: given takes the adoption's own 7: 1 + 7 = 8
        pytest.param(
            [{"fact": "adoption", "by": CITY, "points": "given"}],
            {"adopted": [{"by": CITY, "points": 7}]},
            8,
            id="adoption-given",
        ),
        # given is skipped without the adoption's points: default city 10: 1 + 10 = 11
        pytest.param(
            [{"fact": "adoption", "by": CITY, "points": "given"}], {"adopted": CITY}, 11, id="adoption-given-missing"
        ),
        # given skipped, the next points row applies: 1 + 4 = 5
        pytest.param(
            [{"fact": "adoption", "points": "given"}, {"fact": "adoption", "points": 4}],
            {"adopted": CITY},
            5,
            id="adoption-given-then-next",
        ),
        # section 乙股 does not match a 甲股 report: 1 + county 5 = 6
        pytest.param(
            [{"fact": "adoption", "section": "乙股", "points": 0}], {"adopted": COUNTY}, 6, id="adoption-section"
        ),
        # section given by alias 甲 matches: 1 + 0 = 1
        pytest.param([{"fact": "adoption", "section": "甲", "points": 0}], {"adopted": COUNTY}, 1, id="adoption-alias"),
        # kind 调研 adds 3 to county 5: 1 + 8 = 9
        pytest.param(
            [{"fact": "adoption", "kind": "调研", "add": 3}], {"kind": "调研", "adopted": COUNTY}, 9, id="adoption-kind"
        ),
        # a list of values is any of: by [县委办, 市委办] priced 2: 1 + 2 = 3
        pytest.param(
            [{"fact": "adoption", "by": [COUNTY, CITY], "points": 2}], {"adopted": COUNTY}, 3, id="adoption-by-list"
        ),
        # instruction with 每日要情: city instruction priced 40; adoption city 10: 1 + 10 + 40 = 51
        pytest.param(
            [{"fact": "instruction", "with": "每日要情", "points": 40}],
            {"adopted": [{"by": CITY, "in": "每日要情"}], "instructions": [{"by": "市长", "level": "city"}]},
            51,
            id="instruction-with",
        ),
        # ... adopted by 县委办 only: no match: 1 + 5 + city 20 = 26
        pytest.param(
            [{"fact": "instruction", "with": "每日要情", "points": 40}],
            {"adopted": COUNTY, "instructions": [{"by": "市长", "level": "city"}]},
            26,
            id="instruction-with-other",
        ),
        # with names an adopter: 1 + 5 + 40 = 46
        pytest.param(
            [{"fact": "instruction", "with": COUNTY, "points": 40}],
            {"adopted": COUNTY, "instructions": [{"by": "市长", "level": "city"}]},
            46,
            id="instruction-with-adopter",
        ),
        # instruction level county priced 12: 1 + 12 = 13
        pytest.param(
            [{"fact": "instruction", "level": "county", "points": 12}],
            {"instructions": [{"by": "县长", "level": "county"}]},
            13,
            id="instruction-level",
        ),
        # report media image adds 1: 1 + 1 = 2
        pytest.param(
            [{"fact": "report", "media": "image", "add": 1}],
            {"body": "正文。\n\n![现场](a.png)\n"},
            2,
            id="report-image",
        ),
        # report media video adds 2: 1 + 2 = 3
        pytest.param(
            [{"fact": "report", "media": "video", "add": 2}], {"body": "[视频](clip.mp4)\n"}, 3, id="report-video"
        ),
        # no image: no match: 1
        pytest.param([{"fact": "report", "media": "image", "add": 1}], {}, 1, id="report-no-image"),
        # report adopted false priced 0: an unadopted report scores 0
        pytest.param([{"fact": "report", "adopted": False, "points": 0}], {}, 0, id="report-not-adopted"),
        # ... an adopted one keeps 1 + 5 = 6
        pytest.param([{"fact": "report", "adopted": False, "points": 0}], {"adopted": COUNTY}, 6, id="report-adopted"),
        # report kind 调研 times 2 after adoption: (1 + 5) × 2 = 12
        pytest.param(
            [{"fact": "report", "kind": "调研", "times": 2}], {"kind": "调研", "adopted": COUNTY}, 12, id="report-kind"
        ),
        # urgent report reported 10:30 after due 08:00 + 2 h = 10:00: late; the report fact with
        # urgent_status late priced 0, plus urgent_late -5: 0 - 5 = -5
        pytest.param(
            [{"fact": "report", "urgent_status": "late", "points": 0}],
            {**URGENT_LATE, "reported_time": "2026-03-05 10:30"},
            -5,
            id="report-urgent-status",
        ),
        # the first points row wins (3, not 9); add 1 then times 2: (3 + 1) × 2 = 8
        pytest.param(
            [
                {"fact": "submission", "times": 2},
                {"fact": "submission", "points": 3},
                {"fact": "submission", "points": 9},
                {"fact": "submission", "add": 1},
            ],
            {},
            8,
            id="first-points-then-add-then-times",
        ),
        # two adds and two times: (1 + 1 + 2) × 2 × 1.5 = 12
        pytest.param(
            [
                {"fact": "submission", "add": 1},
                {"fact": "submission", "add": 2},
                {"fact": "submission", "times": 2},
                {"fact": "submission", "times": 1.5},
            ],
            {},
            12,
            id="every-add-and-times",
        ),
    ],
)
def test_rules_price_facts(tmp_path: Path, rules: list[dict[str, Any]], fields: dict[str, Any], score: float) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": report(**fields)}, portal=portal(rules))
    row = section_row(stats(site, "--period", "2026-03"), "甲股")
    assert row["score"] == score
    assert row["breakdown"]["reports"] + row["breakdown"]["urgent"] == score


def test_request_status_and_submission_request_keys(tmp_path: Path) -> None:
    rules = [
        {"fact": "submission", "request": True, "points": 2},
        {"fact": "request", "status": "missed", "points": -3},
        {"fact": "request", "section": "甲股", "status": "on_time", "add": 1},
    ]
    reports = {"a.md": report(request="yg")}  # 甲股 answers on 03-05, before the deadline 03-15
    site = make_site(tmp_path, reports=reports, requests=ASKED, portal=portal(rules))
    data = stats(site, "--period", "2026-03")
    # 甲股: submission answering a request priced 2; request on_time 0 + 1 = 1: 2 + 1 = 3
    assert section_row(data, "甲股")["score"] == 3
    assert section_row(data, "甲股")["breakdown"] == {
        "reports": 2,
        "requests": 1,
        "urgent": 0,
        "incidents": 0,
        "period": 0,
    }
    # 乙股: missed (no answer, deadline past at as_of) priced -3 instead of -10
    assert section_row(data, "乙股")["score"] == -3


@pytest.mark.parametrize(
    ("fields", "status", "score"),
    [
        # severity 重大 has 1 h: due 09:00, reported 09:30 is late; rule late+重大 -8: 1 - 8 = -7
        pytest.param({**URGENT_LATE, "severity": "重大"}, "late", -7, id="severity-late"),
        # no severity: default 2 h, due 10:00: on time, price 0: 1
        pytest.param(URGENT_LATE, "on_time", 1, id="default-on-time"),
        # 特别重大 has 0.5 h: due 08:30, late, but the rule names 重大 only: urgent_late -5: 1 - 5 = -4
        pytest.param({**URGENT_LATE, "severity": "特别重大"}, "late", -4, id="other-severity"),
        # no severity, reported 10:30 after due 10:00: late; the rule for severity default adds -1: 1 - 5 - 1 = -5
        pytest.param({**URGENT_LATE, "reported_time": "2026-03-05 10:30"}, "late", -5, id="default-severity-rule"),
    ],
)
def test_urgent_severity(tmp_path: Path, fields: dict[str, Any], status: str, score: int) -> None:
    config = portal(
        [
            {"fact": "urgent", "status": "late", "severity": "重大", "points": -8},
            {"fact": "urgent", "severity": "default", "status": "late", "add": -1},
        ],
        urgent_limit_hours={"default": 2, "重大": 1, "特别重大": 0.5},
    )
    site = make_site(tmp_path, reports={"a.md": report(**fields)}, portal=config)
    data = stats(site, "--period", "2026-03")
    assert data["urgent"][0]["status"] == status
    assert section_row(data, "甲股")["score"] == score


def test_incidents_are_priced_counted_and_matched_by_report(tmp_path: Path) -> None:
    rules = [
        {"fact": "incident", "type": "被通报", "points": -5},
        {"fact": "report", "incident": "失实", "points": 0},
    ]
    files = {
        "content/incidents/a.md": incident(type_="被通报"),
        "content/incidents/b.md": incident(type_="失实", report="reports/2026/03/x.md"),
        "content/incidents/c.md": incident(type_="被通报", date="2026-04-20"),  # after as_of: not yet
        "content/incidents/d.md": incident(type_="被通报", draft="true"),  # a draft never counts
    }
    reports = {"2026/03/x.md": report(adopted=COUNTY), "2026/03/y.md": report()}
    site = make_site(tmp_path, reports=reports, portal=portal(rules), files=files)
    row = section_row(stats(site, "--period", "2026-03"), "甲股")
    # x: report with a 失实 incident priced 0 (not 1 + 5); y: 1; 被通报 -5, 失实 default 0: 0 + 1 - 5 + 0 = -4
    assert row["score"] == -4
    assert row["incidents"] == {"被通报": 1, "失实": 1}
    assert row["breakdown"] == {"reports": 1, "requests": 0, "urgent": 0, "incidents": -5, "period": 0}
    assert section_row(stats(site, "--period", "2026-03"), "乙股")["incidents"] == {}


# --- joint reports (合报) ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("joint", "sections", "expected"),
    [
        # split: 1 + county 5 = 6 divided by 2 = 3 each; counts 1 each
        pytest.param("split", ["甲股", "乙股"], {"甲股": 3, "乙股": 3, "丙股": 0}, id="split-two"),
        # each: 6 to both
        pytest.param("each", ["甲股", "乙股"], {"甲股": 6, "乙股": 6, "丙股": 0}, id="each-two"),
        # split among three: 6 / 3 = 2 each
        pytest.param("split", ["甲股", "乙股", "丙股"], {"甲股": 2, "乙股": 2, "丙股": 2}, id="split-three"),
    ],
)
def test_joint_reports(tmp_path: Path, joint: str, sections: list[str], expected: dict[str, float]) -> None:
    fields: dict[str, Any] = {"section": sections, "author": ["王芳", "李雷"], "adopted": COUNTY}
    site = make_site(tmp_path, reports={"a.md": report(**fields)}, portal=portal(scoring={"joint": joint}))
    data = stats(site, "--period", "2026-03")
    for name, score in expected.items():
        row = section_row(data, name)
        assert row["score"] == score
        assert (row["submitted"], row["adopted"], row["adoptions"]) == ((1, 1, 1) if score else (0, 0, 0))
    # per person: the whole 6 divided by the 2 authors = 3 each, under the first section 甲股
    assert [(p["author"], p["section"], p["score"]) for p in data["people"]] == [
        ("李雷", "甲股", 3),
        ("王芳", "甲股", 3),
    ]


def test_joint_split_prints_two_decimals(tmp_path: Path) -> None:
    # 1 point split among 3 sections: 1/3 = 0.333… → 0.33 printed (at most 2 decimals)
    site = make_site(tmp_path, reports={"a.md": report(section=["甲股", "乙股", "丙股"])}, portal=portal())
    assert section_row(stats(site, "--period", "2026-03"), "丙股")["score"] == 0.33


def test_joint_report_answers_a_request_for_each_section(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"a.md": report(section=["甲股", "乙股"], request="yg")}, requests=ASKED)
    data = stats(site, "--period", "2026-03")
    assert data["requests"][0]["status"] == {"甲股": "on_time", "乙股": "on_time"}
    # each: 1 / 2 = 0.5 for the report, request on time 0
    assert section_row(data, "乙股")["score"] == 0.5


# --- period rows -----------------------------------------------------------------------------------

# 甲股 (quota 2): one report in January, none in February, two in March 2026; 乙股 (quota 1): none
QUARTER = {
    "2026/01/a.md": report(date="2026-01-10"),
    "2026/03/b.md": report(date="2026-03-02", adopted=COUNTY),
    "2026/03/c.md": report(date="2026-03-03"),
}


@pytest.mark.parametrize(
    ("rows", "period", "jia", "yi"),
    [
        # per_missing -2 below quota each month: 甲股 misses 1 (Jan) + 2 (Feb) + 0 (Mar) = 3 → -6;
        # reports 1 + 6 + 1 = 8: 8 - 6 = 2.  乙股 misses 1 a month → -6
        pytest.param(
            [{"per": "month", "per_missing": -2, "minimum": "quota"}], "2026-Q1", 2, -6, id="per-missing-quota"
        ),
        # per_missing against 3 per quarter (quarter unit): 甲股 has 3: 8; 乙股 has 0: 3 × -1 = -3
        pytest.param([{"per": "quarter", "per_missing": -1, "minimum": 3}], "2026-Q1", 8, -3, id="per-missing-quarter"),
        # counted kinds only: 甲股's reports have no kind: 3 short of 3 调研 → -3: 8 - 3 = 5
        pytest.param(
            [{"per": "quarter", "per_missing": -1, "minimum": 3, "kind": "调研"}],
            "2026-Q1",
            5,
            -3,
            id="per-missing-kind",
        ),
        # a quarter row does not show in a monthly figure: March alone: 6 + 1 = 7
        pytest.param([{"per": "quarter", "points": 10}], "2026-03", 7, 0, id="quarter-row-not-in-month"),
        # ... it does in the quarter: 8 + 10 = 18; 乙股 0 + 10
        pytest.param([{"per": "quarter", "points": 10}], "2026-Q1", 18, 10, id="quarter-row-in-quarter"),
        # ... and in the year: only Q1 has ended at 2026-04-05: 8 + 10 = 18
        pytest.param([{"per": "quarter", "points": 10}], "2026", 18, 10, id="quarter-row-in-year"),
        # a month that has not ended (April at 04-05) gets no rows: 0 and 0
        pytest.param([{"per": "month", "points": 10}], "2026-04", 0, 0, id="unit-not-ended"),
        # points if submitted min 2 each month: only March for 甲股: 8 + 5 = 13; 乙股 never
        pytest.param(
            [{"per": "month", "points": 5, "if": {"submitted": {"min": 2}}}], "2026-Q1", 13, 0, id="if-submitted-min"
        ),
        # below 1 in a month: -4 for 甲股 in Feb: 8 - 4 = 4; 乙股 every month: -12
        pytest.param(
            [{"per": "month", "points": -4, "if": {"submitted": {"below": 1}}}],
            "2026-Q1",
            4,
            -12,
            id="if-submitted-below",
        ),
        # adoption_rate below 0.5 in March: 甲股 1/2 = 0.5: no: 7; 乙股 no report: rate 0: -3
        pytest.param(
            [{"per": "month", "points": -3, "if": {"adoption_rate": {"below": 0.5}}}], "2026-03", 7, -3, id="if-rate"
        ),
        # unfloored base 10 a month: March: 7 + 10 = 17; 乙股 10
        pytest.param([{"per": "month", "base": 10}], "2026-03", 17, 10, id="base"),
        # section limits a row: only 乙股 gets the base
        pytest.param([{"per": "month", "base": 10, "section": "乙股"}], "2026-03", 7, 10, id="base-section"),
        # zero when submitted below 3 in the quarter: 甲股 has 3: 8; 乙股 has 0: 0
        pytest.param([{"per": "quarter", "zero": True, "if": {"submitted": {"below": 3}}}], "2026-Q1", 8, 0, id="zero"),
    ],
)
def test_period_rows(tmp_path: Path, rows: list[dict[str, Any]], period: str, jia: float, yi: float) -> None:
    site = make_site(tmp_path, reports=QUARTER, portal=portal(period=rows))
    data = stats(site, "--period", period)
    assert (section_row(data, "甲股")["score"], section_row(data, "乙股")["score"]) == (jia, yi)
    for row in data["sections"]:
        parts = row["breakdown"]
        assert round(sum(parts.values()), 2) == row["score"]


@pytest.mark.parametrize(
    ("incidents", "score"),
    [
        # base 100 floor 60 a quarter; reports +8; two incidents at -30: max(60, 100 - 60) + 8 = 68
        pytest.param(2, 68, id="floor-not-reached"),
        # three incidents (-90): max(60, 100 - 90) + 8 = 68: the floor holds
        pytest.param(3, 68, id="floor-holds"),
        # none: max(60, 100) + 8 = 108
        pytest.param(0, 108, id="no-negatives"),
        # one: max(60, 70) + 8 = 78
        pytest.param(1, 78, id="one-negative"),
    ],
)
def test_floored_base(tmp_path: Path, incidents: int, score: int) -> None:
    config = portal([{"fact": "incident", "points": -30}], [{"per": "quarter", "base": 100, "floor": 60}])
    files = {f"content/incidents/{i}.md": incident(date=f"2026-02-0{i + 1}") for i in range(incidents)}
    site = make_site(tmp_path, reports=QUARTER, portal=config, files=files)
    row = section_row(stats(site, "--period", "2026-Q1"), "甲股")
    assert row["score"] == score
    assert row["breakdown"]["incidents"] == -30 * incidents


def test_zero_if_requests_missed(tmp_path: Path) -> None:
    config = portal(period=[{"per": "month", "zero": True, "if": {"requests": {"status": "not_on_time", "min": 1}}}])
    site = make_site(tmp_path, reports={"a.md": report(section="乙股", request="yg")}, requests=ASKED, portal=config)
    data = stats(site, "--period", "2026-03")
    # 甲股 missed the request: 0 - 10, zeroed: 0, the period rows gave +10
    assert section_row(data, "甲股")["score"] == 0
    assert section_row(data, "甲股")["breakdown"]["period"] == 10
    # 乙股 answered on time: 1
    assert section_row(data, "乙股")["score"] == 1


@pytest.mark.parametrize(
    ("period", "jia", "yi"),
    [
        # pass 2 a month: March: 甲股 7 ≥ 2 达标; 乙股 0: not
        pytest.param("2026-03", True, False, id="month"),
        # the quarter: January 甲股 1 < 2 fails: all units must pass
        pytest.param("2026-Q1", False, False, id="quarter-all-units"),
        # April has not ended: no pass row applies: null
        pytest.param("2026-04", None, None, id="not-ended"),
    ],
)
def test_pass(tmp_path: Path, period: str, jia: bool | None, yi: bool | None) -> None:
    site = make_site(tmp_path, reports=QUARTER, portal=portal(period=[{"per": "month", "pass": 2}]))
    data = stats(site, "--period", period)
    assert (section_row(data, "甲股")["passed"], section_row(data, "乙股")["passed"]) == (jia, yi)


def test_no_pass_row_is_null_and_figures_are_unchanged(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports=QUARTER)
    row = section_row(stats(site, "--period", "2026-Q1"), "甲股")
    assert row["passed"] is None
    # 1 + 6 + 1 = 8, every part but reports 0
    assert row["breakdown"] == {"reports": 8, "requests": 0, "urgent": 0, "incidents": 0, "period": 0}


# --- total: average ---------------------------------------------------------------------------------


def test_average(tmp_path: Path) -> None:
    reports = {
        **QUARTER,
        # an overdue urgent report (event 03-20 08:00, never reported): 1 point, urgent_overdue -10, not scored
        "2026/03/u.md": report(date="2026-03-20", urgent=True, event_time="2026-03-20 08:00"),
    }
    config = portal(scoring={"total": "average"}, period=[{"per": "quarter", "points": 1}])
    site = make_site(tmp_path, reports=reports, portal=config)
    row = section_row(stats(site, "--period", "2026-Q1"), "甲股")
    # (1 + 6 + 1 + 1 - 10) / 3 scored reports = -1/3 → -0.33; the quarter row after: -0.33 + 1 = 0.67
    assert row["score"] == 0.67
    assert row["breakdown"] == {"reports": 9, "requests": 0, "urgent": -10, "incidents": 0, "period": 1}
    # 乙股 has no scored report: no division: 0 + 1 = 1
    assert section_row(stats(site, "--period", "2026-Q1"), "乙股")["score"] == 1


# --- bad input: one clear error, never a traceback -----------------------------------------------------


@pytest.mark.parametrize(
    ("files", "config", "where"),
    [
        # an in that is not one of the adopter's publications
        pytest.param(
            {"content/reports/a.md": report(adopted=[{"by": CITY, "in": "晚报"}])},
            {},
            "content/reports/a.md:5: adopted[0].in:",
            id="in-unknown",
        ),
        # kind not in kinds
        pytest.param(
            {"content/reports/a.md": report(kind="综述")}, {}, "content/reports/a.md:5: kind:", id="kind-unknown"
        ),
        # severity not a key
        pytest.param(
            {"content/reports/a.md": report(**URGENT_LATE, severity="一般")},
            {"urgent_limit_hours": {"default": 2, "重大": 1}},
            "content/reports/a.md:8: severity:",
            id="severity-unknown",
        ),
        # an incident for a missing report
        pytest.param(
            {"content/incidents/a.md": incident(report="reports/none.md")},
            {},
            "content/incidents/a.md:5: report:",
            id="incident-missing-report",
        ),
        # an incident for a draft
        pytest.param(
            {"content/incidents/a.md": incident(report="reports/d.md"), "content/reports/d.md": report(draft="true")},
            {},
            "content/incidents/a.md:5: report:",
            id="incident-draft-report",
        ),
        # an incident type not configured
        pytest.param(
            {"content/incidents/a.md": incident(type_="迟报")},
            {},
            "content/incidents/a.md:4: type:",
            id="incident-type",
        ),
        # a joint report naming one section twice (the alias 甲 is 甲股)
        pytest.param(
            {"content/reports/a.md": report(section=["甲股", "甲"])},
            {},
            "content/reports/a.md:3: section[1]:",
            id="joint-twice",
        ),
        # a joint report answering a request that did not ask one of its sections
        pytest.param(
            {
                "content/reports/a.md": report(section=["甲股", "丙股"], request="yg"),
                "content/requests/yg.md": ASKED["yg.md"],
            },
            {},
            "content/reports/a.md:5: request:",
            id="joint-not-asked",
        ),
        # an in on an adopter with no publications (县委办 is in the short form)
        pytest.param(
            {"content/reports/a.md": report(adopted=[{"by": COUNTY, "in": "县委信息"}])},
            {},
            "content/reports/a.md:5: adopted[0].in:",
            id="in-adopter-without-publications",
        ),
        # the adopting body's points must be a number
        pytest.param(
            {"content/reports/a.md": report(adopted=[{"by": CITY, "points": "三分"}])},
            {},
            "content/reports/a.md:5: adopted[0].points:",
            id="points-not-a-number",
        ),
        # severity when urgent_limit_hours is one number
        pytest.param(
            {"content/reports/a.md": report(**URGENT_LATE, severity="重大")},
            {},
            "content/reports/a.md:8: severity:",
            id="severity-without-map",
        ),
        # route neither 直报 nor 转报
        pytest.param(
            {"content/reports/a.md": report(adopted=[{"by": COUNTY, "route": "快报"}])},
            {},
            "content/reports/a.md:5: adopted[0].route:",
            id="route",
        ),
    ],
)
def test_content_errors(tmp_path: Path, files: dict[str, str], config: dict[str, Any], where: str) -> None:
    site = make_site(tmp_path, portal=portal(**config), files=files)
    result = run_cli(site, "check")
    assert result.code == 1, result.err
    problems = [line for line in (result.out + result.err).splitlines() if line.startswith("content/")]
    assert len(problems) == 1, problems
    assert problems[0].startswith(where), problems
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    ("scoring", "more", "key", "hint"),
    [
        pytest.param(
            {"rules": [{"fact": "adoption", "in": "晚报", "points": 1}]},
            {},
            "scoring.rules[0].in",
            "没有名为“晚报”的刊物",
            id="rule-publication",
        ),
        pytest.param(
            {"rules": [{"fact": "adoption", "by": COUNTY, "in": "每日要情", "points": 1}]},
            {},
            "scoring.rules[0].in",
            "县委办",
            id="rule-publication-of-other-adopter",
        ),
        pytest.param(
            {"rules": [{"fact": "submission", "kind": "综述", "points": 1}]},
            {},
            "scoring.rules[0].kind",
            "的信息类型",
            id="rule-kind",
        ),
        pytest.param(
            {"rules": [{"fact": "incident", "type": "迟报", "points": 1}]},
            {},
            "scoring.rules[0].type",
            "扣分事项类型",
            id="rule-type",
        ),
        pytest.param(
            {"rules": [{"fact": "adoption", "section": "丁股", "points": 1}]},
            {},
            "scoring.rules[0].section",
            "的股室",
            id="rule-section",
        ),
        pytest.param(
            {"rules": [{"fact": "adoption", "by": "县纪委", "points": 1}]},
            {},
            "scoring.rules[0].by",
            "的采用单位",
            id="rule-adopter",
        ),
        pytest.param(
            {"rules": [{"fact": "adoption", "in": "每日要情"}]},
            {},
            "scoring.rules[0]",
            "计分效果",
            id="rule-no-effect",
        ),
        pytest.param(
            {"rules": [{"fact": "submission", "points": 1, "add": 2}]},
            {},
            "scoring.rules[0].add",
            "计分效果",
            id="rule-two-effects",
        ),
        pytest.param(
            {"rules": [{"fact": "submission", "by": COUNTY, "points": 1}]},
            {},
            "scoring.rules[0].by",
            "这个条件",
            id="rule-key-fact-lacks",
        ),
        pytest.param(
            {"rules": [{"fact": "adoptions", "points": 1}]}, {}, "scoring.rules[0].fact", "不认识的", id="rule-fact"
        ),
        pytest.param(
            {"rules": [{"fact": "submission", "points": "given"}]},
            {},
            "scoring.rules[0].points",
            "只能用于 fact: adoption",
            id="given-not-adoption",
        ),
        pytest.param(
            {"rules": [{"fact": "urgent", "severity": "重大", "points": 1}]},
            {},
            "scoring.rules[0].severity",
            "紧急程度",
            id="rule-severity-no-map",
        ),
        pytest.param(
            {"period": [{"per": "month", "per_missing": -1}]},
            {},
            "scoring.period[0].minimum",
            "要写 minimum",
            id="per-missing-no-minimum",
        ),
        pytest.param(
            {"period": [{"per": "week", "points": 1}]},
            {},
            "scoring.period[0].per",
            "month、quarter 或 year",
            id="period-unit",
        ),
        pytest.param({"period": [{"per": "month"}]}, {}, "scoring.period[0]", "计分效果", id="period-no-effect"),
        pytest.param(
            {"period": [{"per": "month", "points": 1, "floor": 0}]},
            {},
            "scoring.period[0].floor",
            "只能和 base 一起用",
            id="floor-without-base",
        ),
        pytest.param(
            {"period": [{"per": "month", "points": 1, "if": {"incidents": {"type": "迟报"}}}]},
            {},
            "scoring.period[0].if.incidents.type",
            "扣分事项类型",
            id="if-incident-type",
        ),
        pytest.param(
            {"period": [{"per": "month", "points": 1, "if": {"submitted": {}}}]},
            {},
            "scoring.period[0].if.submitted",
            "min",
            id="if-no-bound",
        ),
        pytest.param({"total": "median"}, {}, "scoring.total", "median", id="total"),
        pytest.param({"joint": "half"}, {}, "scoring.joint", "half", id="joint"),
        pytest.param(
            {}, {"urgent_limit_hours": {"重大": 1}}, "urgent_limit_hours", "default", id="limits-without-default"
        ),
        pytest.param(
            {},
            {"urgent_limit_hours": {"default": 2, "重大": 0}},
            "urgent_limit_hours.重大",
            "大于 0",
            id="limit-zero",
        ),
        pytest.param({}, {"kinds": ["动态", "动态"]}, "kinds[1]", "写了两次", id="kinds-twice"),
        pytest.param(
            {},
            {"adopters": {**PORTAL["adopters"], "市委办": {"level": "city", "publications": ["要情", "要情"]}}},
            "adopters.市委办.publications[1]",
            "写了两次",
            id="publication-twice",
        ),
        pytest.param({}, {"incident_types": "被通报"}, "incident_types", "列表", id="incident-types-not-a-list"),
        pytest.param(
            {},
            {"adopters": {**PORTAL["adopters"], "市委办": {"publications": ["要情"]}}},
            "adopters.市委办.level",
            "必填",
            id="adopter-long-no-level",
        ),
    ],
)
def test_config_errors(tmp_path: Path, scoring: dict[str, Any], more: dict[str, Any], key: str, hint: str) -> None:
    site = make_site(tmp_path, reports={"a.md": report()}, portal=portal(scoring=scoring, **more))
    result = run_cli(site, "check")
    assert result.code == 2, result.err
    problems = [line for line in result.err.splitlines() if f": extra.portal.{key}: " in line]
    assert len(problems) == 1, result.err
    assert problems[0].startswith("mkdocs.yml:") and hint in problems[0], problems[0]


# --- the command line -------------------------------------------------------------------------------


def test_new_incident_writes_a_valid_record(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"2026/03/x.md": report()}, portal=portal())
    args = ("new", "incident", "--section", "甲", "--type", "失实", "--date", "2026-03-09")
    result = run_cli(site, *args, "--report", "content/reports/2026/03/x.md")
    assert result.code == 0, result.err
    written = site / result.out.split()[-1]
    assert written.parent == site / "content" / "incidents" / "2026"
    assert "section: 甲股" in written.read_text(encoding="utf-8")
    assert run_cli(site, "check").code == 0
    assert section_row(stats(site, "--period", "2026-03"), "甲股")["incidents"] == {"失实": 1}


@pytest.mark.parametrize(
    ("args", "code", "hint"),
    [
        pytest.param(("--section", "甲股", "--type", "通报"), 1, "是不是“被通报”", id="unknown-type"),
        pytest.param(("--section", "甲股", "--type", "失实", "--report", "reports/no.md"), 1, "下没有", id="no-report"),
        pytest.param(("--section", "甲股"), 2, "--type", id="type-missing"),
    ],
)
def test_new_incident_refuses_bad_options(tmp_path: Path, args: tuple[str, ...], code: int, hint: str) -> None:
    site = make_site(tmp_path, portal=portal())
    result = run_cli(site, "new", "incident", *args)
    assert result.code == code
    assert hint in result.err
    assert not (site / "content" / "incidents").exists()


def test_stats_table_shows_the_breakdown(tmp_path: Path) -> None:
    config = portal([{"fact": "incident", "points": -2}], [{"per": "month", "pass": 1}])
    site = make_site(tmp_path, reports=QUARTER, portal=config, files={"content/incidents/a.md": incident()})
    result = run_cli(site, "stats", "--period", "2026-03", "--as-of", "2026-04-05")
    assert result.code == 0, result.err
    lines = {line.strip().split("：", 1)[0]: line for line in result.out.splitlines() if "：" in line}
    # 甲股 March: reports 6 + 1 = 7, incident -2: 5 ≥ 1 达标; 乙股: 0 < 1 不达标
    assert "报送采用批示 7，约稿 0，紧急 0，扣分事项 -2，考核 0，扣分事项：被通报1次，达标；得分 5" in lines["甲股"]
    assert lines["乙股"].endswith("不达标；得分 0")


@pytest.mark.parametrize(
    ("start", "end", "units"),
    [
        # running totals January–March are the whole first quarter
        pytest.param("2026-01-01", "2026-03-31", ["2026-Q1"], id="ytd-march"),
        # January–April: the first quarter and April
        pytest.param("2026-01-01", "2026-04-30", ["2026-Q1", "2026-04"], id="ytd-april"),
        # a whole year is one unit
        pytest.param("2026-01-01", "2026-12-31", ["2026"], id="year"),
        # February–July: Feb, Mar, the second quarter, July
        pytest.param("2026-02-01", "2026-07-31", ["2026-02", "2026-03", "2026-Q2", "2026-07"], id="unaligned"),
    ],
)
def test_running_totals_span_is_made_of_whole_units(start: str, end: str, units: list[str]) -> None:
    from datetime import date

    from portal.figures.units import cover
    from portal.model.dates import Period

    span = Period(date.fromisoformat(start), date.fromisoformat(end), "span")
    assert [u.key for u in cover(span)] == units


def test_ranking_compares_scores_as_printed(tmp_path: Path) -> None:
    rules = [
        {"fact": "submission", "section": "乙股", "kind": "调研", "points": 0.3},
        {"fact": "submission", "kind": "调研", "points": 0.2},
        {"fact": "submission", "kind": "动态", "points": 0},
    ]
    reports = {
        # 甲股: 0.1 (submitted) then 0.2 (调研): 0.1 + 0.2, which a float holds as 0.30000000000000004
        "a.md": report(date="2026-03-02"),
        "b.md": report(date="2026-03-03", kind="调研"),
        # 乙股: 0.3 (its 调研 row) then 0 (动态): 0.3
        "c.md": report(section="乙股", date="2026-03-02", kind="调研"),
        "d.md": report(section="乙股", date="2026-03-03", kind="动态"),
    }
    site = make_site(tmp_path, reports=reports, portal=portal(rules, scoring={"submitted": 0.1}))
    rows = stats(site, "--period", "2026-03")["sections"]
    # both print 0.3 with 2 submitted and 0 adopted: one rank, config order
    assert [(r["section"], r["score"], r["rank"]) for r in rows[:2]] == [("甲股", 0.3, 1), ("乙股", 0.3, 1)]
