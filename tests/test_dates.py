"""Dates, times, periods and as_of (SPEC §3.1, §5, §6).

Every accepted form of a date or time is checked end to end: written into a
report, read by ``check``/``stats``, and seen in the period it counts in or
in the exact local time the JSON prints.  Local times are Asia/Shanghai
(+08:00, no daylight saving), so each conversion is worked out in the row.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from portal.model.dates import DateError, parse_moment, parse_period, resolve_as_of
from tests.conftest import make_site, report, request, run_cli, section_row, stats

SHANGHAI = timezone(timedelta(hours=8))
A = "content/reports/2026/03/a.md"


# --- the forms of a report's date, seen through the period they count in ---------------------


@pytest.mark.parametrize(
    ("written", "march", "april"),
    [
        pytest.param("2026-03-31", 1, 0, id="date-alone-is-that-day"),
        pytest.param("2026-04-01", 0, 1, id="date-alone-first-of-month"),
        pytest.param("2026-03-31 23:59", 1, 0, id="space-HH:MM"),
        pytest.param("2026-03-31 23:59:59", 1, 0, id="space-HH:MM:SS-last-second"),
        pytest.param("2026-03-31T23:59:59", 1, 0, id="T-separator"),
        pytest.param("2026-04-01T00:00", 0, 1, id="T-HH:MM-midnight"),
        pytest.param("2026-03-31T23:59:59+08:00", 1, 0, id="offset-+08:00-unchanged"),
        pytest.param("2026-03-31 23:00 +08:00", 1, 0, id="space-before-offset"),
        # 20:00 UTC + 8 h = 04:00 on 1 April local: counts in April, not March
        pytest.param("2026-03-31T20:00:00Z", 0, 1, id="Z-crosses-into-April"),
        # 15:59:59 UTC + 8 h = 23:59:59 on 31 March local: still March
        pytest.param("2026-03-31T15:59:59Z", 1, 0, id="Z-last-second-of-March"),
        # 16:00 UTC + 8 h = 00:00 on 1 April local
        pytest.param("2026-03-31T16:00:00Z", 0, 1, id="Z-first-second-of-April"),
        # 11:00 at -05:00 = 16:00 UTC = 00:00 on 1 April local
        pytest.param("2026-03-31T11:00:00-05:00", 0, 1, id="minus-05:00-crosses-into-April"),
        # 10:59 at -05:00 = 15:59 UTC = 23:59 on 31 March local
        pytest.param("2026-03-31T10:59:00-05:00", 1, 0, id="minus-05:00-stays-in-March"),
        # 00:30 at +09:00 = 15:30 UTC on 31 March = 23:30 on 31 March local: back into March
        pytest.param("2026-04-01T00:30:00+09:00", 1, 0, id="plus-09:00-crosses-back-into-March"),
    ],
)
def test_report_date_forms_count_in_the_local_month(tmp_path: Path, written: str, march: int, april: int) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": report(date=written)})
    assert run_cli(site, "check").code == 0
    seen = [
        section_row(stats(site, "--period", key, as_of="2026-04-30"), "甲股")["submitted"]
        for key in ("2026-03", "2026-04")
    ]
    assert seen == [march, april]


def test_offset_crossing_the_year_counts_in_the_new_year(tmp_path: Path) -> None:
    # 2025-12-31 16:00 UTC + 8 h = 2026-01-01 00:00 local: year 2026, not 2025
    site = make_site(tmp_path, reports={"2025/12/a.md": report(date="2025-12-31T16:00:00Z")})
    years = [section_row(stats(site, "--period", y, as_of="2026-01-31"), "甲股")["submitted"] for y in ("2025", "2026")]
    assert years == [0, 1]


# --- the forms of a time, seen as the exact local time the JSON prints ---------------------


@pytest.mark.parametrize(
    ("written", "local"),
    [
        pytest.param("2026-03-05 08:30", "2026-03-05T08:30:00+08:00", id="space-HH:MM"),
        pytest.param("2026-03-05 08:30:15", "2026-03-05T08:30:15+08:00", id="space-HH:MM:SS"),
        pytest.param("2026-03-05T08:30", "2026-03-05T08:30:00+08:00", id="T-HH:MM"),
        pytest.param("2026-03-05T08:30:15", "2026-03-05T08:30:15+08:00", id="T-HH:MM:SS"),
        pytest.param("2026-03-05T08:30:00+08:00", "2026-03-05T08:30:00+08:00", id="offset-+08:00"),
        pytest.param("2026-03-05 08:30+08:00", "2026-03-05T08:30:00+08:00", id="HH:MM-with-offset"),
        # 00:30 UTC + 8 h = 08:30 local
        pytest.param("2026-03-05T00:30:00Z", "2026-03-05T08:30:00+08:00", id="Z"),
        # 19:30 at -05:00 = 00:30 UTC next day = 08:30 local on the 5th
        pytest.param("2026-03-04T19:30:00-05:00", "2026-03-05T08:30:00+08:00", id="minus-05:00-next-day"),
        # 09:30 at +09:00 = 00:30 UTC = 08:30 local
        pytest.param("2026-03-05T09:30:00+09:00", "2026-03-05T08:30:00+08:00", id="plus-09:00"),
    ],
)
def test_event_time_forms_print_in_local_time(tmp_path: Path, written: str, local: str) -> None:
    text = report(date="2026-03-05", urgent=True, event_time=written)
    site = make_site(tmp_path, reports={"2026/03/a.md": text})
    data = stats(site, "--period", "2026-03", as_of="2026-03-31")
    [urgent] = data["urgent"]
    assert urgent["event_time"] == local
    # due = event_time + 2 h (default urgent_limit_hours): 08:30 + 2 h = 10:30 local
    assert urgent["due"] == local.replace("T08:30", "T10:30")


def test_event_time_crossing_the_month_is_listed_in_the_local_month(tmp_path: Path) -> None:
    # 2026-03-31 20:00 UTC = 2026-04-01 04:00 local; due 04:00 + 2 h = 06:00
    text = report(date="2026-03-31", urgent=True, event_time="2026-03-31T20:00:00Z")
    site = make_site(tmp_path, reports={"2026/03/a.md": text})
    march = stats(site, "--period", "2026-03", as_of="2026-04-30")
    april = stats(site, "--period", "2026-04", as_of="2026-04-30")
    assert march["urgent"] == []
    assert [(u["event_time"], u["due"]) for u in april["urgent"]] == [
        ("2026-04-01T04:00:00+08:00", "2026-04-01T06:00:00+08:00")
    ]
    # the report itself is dated 31 March (start of day, local): it counts in March
    assert (section_row(march, "甲股")["submitted"], section_row(april, "甲股")["submitted"]) == (1, 0)
    # the overdue penalty (-10) belongs to the month of event_time: April
    assert section_row(april, "甲股")["score"] == -10
    # March: 1 point for the report, no penalty
    assert section_row(march, "甲股")["score"] == 1


# --- invalid dates and times: exit 1, path:line: field: message ------------------------------


@pytest.mark.parametrize(
    ("fields", "line", "name", "hint"),
    [
        # report() writes title on line 2, section 3, date 4, then the extra fields from line 5
        pytest.param({"date": "8:30"}, 4, "date", "510", id="8:30-is-sexagesimal-510"),
        pytest.param({"date": "2026-02-30"}, 4, "date", "2026 年 2 月只有 28 天", id="30-February"),
        pytest.param({"date": "2026-13-01"}, 4, "date", "月份不存在", id="month-13"),
        pytest.param({"date": "2026/3/1"}, 4, "date", "请写成 2026-03-01", id="slashes"),
        pytest.param({"date": "2026-3-1"}, 4, "date", "请写成 2026-03-01", id="single-digit-month"),
        pytest.param({"date": "20260301"}, 4, "date", "不是日期", id="a-number"),
        pytest.param({"date": "3.5"}, 4, "date", "不是日期", id="a-float"),
        pytest.param({"date": "true"}, 4, "date", "不是日期", id="a-boolean"),
        pytest.param({"date": "2026-03-05 25:00"}, 4, "date", "时刻不存在", id="hour-25"),
        pytest.param({"date": "2026-03-05T08:30:00+25:00"}, 4, "date", "时区写法不对", id="offset-25-hours"),
        pytest.param({"date": '""'}, 4, "date", "不是规定的日期格式", id="empty-text"),
        pytest.param({"date": "null"}, 4, "date", "没有填写日期", id="null"),
        pytest.param({"urgent": True, "event_time": "2026-03-05"}, 6, "event_time", "几点几分", id="event-no-time"),
        # a missing field points at line 1
        pytest.param({"urgent": True}, 1, "event_time", "event_time: YYYY-MM-DD HH:MM", id="urgent-without-event"),
        pytest.param({"urgent": True, "event_time": "8:30"}, 6, "event_time", "510", id="event-8:30"),
        pytest.param(
            {"urgent": True, "event_time": "2026-03-05 08:00", "reported_time": "2026-03-05"},
            7,
            "reported_time",
            "需要写到几点几分",
            id="reported-no-time",
        ),
        pytest.param(
            {"urgent": True, "event_time": "2026-03-05 08:00", "reported_time": "2026-03-05 07:59"},
            7,
            "reported_time",
            "早于事件发生时间 event_time",
            id="reported-before-event",
        ),
        pytest.param(
            # 2026-03-04 23:00 UTC + 8 h = 2026-03-05 07:00 local: before the 08:00 event
            {"urgent": True, "event_time": "2026-03-05 08:00", "reported_time": "2026-03-04T23:00:00Z"},
            7,
            "reported_time",
            "早于事件发生时间 event_time",
            id="reported-before-event-after-offset",
        ),
        pytest.param(
            {"adopted": [{"by": "县委办", "date": "2026-02-30"}]}, 5, "adopted[0].date", "不存在", id="adoption-date"
        ),
        pytest.param(
            {"instructions": [{"by": "县长", "level": "county", "date": "2026/3/9"}]},
            5,
            "instructions[0].date",
            "请写成 2026-03-09",
            id="instruction-date",
        ),
    ],
)
def test_invalid_dates_fail_check_naming_file_line_field(
    tmp_path: Path, fields: dict[str, object], line: int, name: str, hint: str
) -> None:
    rest: dict[str, Any] = {key: value for key, value in fields.items() if key != "date"}
    site = make_site(tmp_path, reports={"2026/03/a.md": report(date=str(fields.get("date", "2026-03-05")), **rest)})
    result = run_cli(site, "check")
    assert result.code == 1
    [problem] = [x for x in result.out.splitlines() if x.startswith(A)]
    assert problem.startswith(f"{A}:{line}: {name}: ")
    assert hint in problem
    assert "1 个错误" in result.out


@pytest.mark.parametrize(
    ("issued", "deadline", "line", "name", "hint"),
    [
        # request() writes title on line 2, issued 3, deadline 4
        pytest.param("2026-03-01", "2026-02-30", 4, "deadline", "不存在", id="deadline-30-February"),
        pytest.param("2026/3/1", "2026-03-15", 3, "issued", "请写成 2026-03-01", id="issued-slashes"),
        pytest.param("2026-03-01", "2026-03-15 18:00", 4, "deadline", "只写日期，不写时间", id="deadline-with-time"),
        pytest.param("2026-03-10", "2026-03-09", 4, "deadline", "早于发出日期 issued", id="deadline-before-issued"),
    ],
)
def test_invalid_request_dates(tmp_path: Path, issued: str, deadline: str, line: int, name: str, hint: str) -> None:
    site = make_site(tmp_path, requests={"YG-1.md": request(issued=issued, deadline=deadline)})
    result = run_cli(site, "check")
    assert result.code == 1
    [problem] = [x for x in result.out.splitlines() if x.startswith("content/requests/YG-1.md")]
    assert problem.startswith(f"content/requests/YG-1.md:{line}: {name}: ")
    assert hint in problem


def test_an_adoption_dated_before_its_report_is_an_error(tmp_path: Path) -> None:
    text = report(date="2026-03-05", adopted=[{"by": "县委办", "date": "2026-03-04"}])
    site = make_site(tmp_path, reports={"2026/03/a.md": text})
    result = run_cli(site, "check")
    assert result.code == 1
    # the mapping is written in flow style on line 5, so adopted[0].date is on line 5
    assert f"{A}:5: adopted[0].date: " in result.out


def test_reported_time_before_the_report_date_is_fine(tmp_path: Path) -> None:
    # a phone report comes first (SPEC §3.3): reported 08:40, written up the next day
    text = report(date="2026-03-06", urgent=True, event_time="2026-03-05 08:00", reported_time="2026-03-05 08:40")
    site = make_site(tmp_path, reports={"2026/03/a.md": text})
    assert run_cli(site, "check").code == 0
    [urgent] = stats(site, "--period", "2026-03")["urgent"]
    # 08:40 <= due 08:00 + 2 h = 10:00
    assert urgent["status"] == "on_time"


# --- parse_moment and parse_period directly --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "end_of_day", "expected", "has_time"),
    [
        pytest.param("2026-03-05", False, datetime(2026, 3, 5, 0, 0, 0, tzinfo=SHANGHAI), False, id="date-start"),
        pytest.param("2026-03-05", True, datetime(2026, 3, 5, 23, 59, 59, tzinfo=SHANGHAI), False, id="date-end"),
        # a time given is kept even where a date alone would mean the end of the day
        pytest.param("2026-03-05 08:30", True, datetime(2026, 3, 5, 8, 30, tzinfo=SHANGHAI), True, id="time-kept"),
        # 23:00 UTC on the 4th = 07:00 local on the 5th
        pytest.param("2026-03-04T23:00:00Z", False, datetime(2026, 3, 5, 7, 0, tzinfo=SHANGHAI), True, id="Z"),
        # leap day exists in 2024, not in 2026 (see the invalid cases)
        pytest.param("2024-02-29", False, datetime(2024, 2, 29, tzinfo=SHANGHAI), False, id="leap-day"),
    ],
)
def test_parse_moment(text: str, end_of_day: bool, expected: datetime, has_time: bool) -> None:
    from zoneinfo import ZoneInfo

    moment = parse_moment(text, ZoneInfo("Asia/Shanghai"), end_of_day=end_of_day)
    assert moment.at == expected
    assert moment.at.utcoffset() == timedelta(hours=8)
    assert moment.has_time is has_time


@pytest.mark.parametrize(
    "text",
    ["2026-02-29", "2026-02-30", "2026/3/1", "8:30", "510", "2026-03-05 8:30", "2026-03-05 24:00", "0000-01-01", ""],
)
def test_parse_moment_refuses(text: str) -> None:
    from zoneinfo import ZoneInfo

    with pytest.raises(DateError):
        parse_moment(text, ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize(
    ("text", "key", "start", "end", "months"),
    [
        pytest.param("2026-03", "2026-03", date(2026, 3, 1), date(2026, 3, 31), 1, id="month-31-days"),
        pytest.param("2026-04", "2026-04", date(2026, 4, 1), date(2026, 4, 30), 1, id="month-30-days"),
        pytest.param("2026-02", "2026-02", date(2026, 2, 1), date(2026, 2, 28), 1, id="february"),
        pytest.param("2024-02", "2024-02", date(2024, 2, 1), date(2024, 2, 29), 1, id="leap-february"),
        pytest.param("2026-12", "2026-12", date(2026, 12, 1), date(2026, 12, 31), 1, id="december"),
        # Q1 = January..March, 3 months
        pytest.param("2026-Q1", "2026-Q1", date(2026, 1, 1), date(2026, 3, 31), 3, id="Q1"),
        pytest.param("2026-Q2", "2026-Q2", date(2026, 4, 1), date(2026, 6, 30), 3, id="Q2"),
        pytest.param("2026-Q4", "2026-Q4", date(2026, 10, 1), date(2026, 12, 31), 3, id="Q4"),
        pytest.param("2026", "2026", date(2026, 1, 1), date(2026, 12, 31), 12, id="year"),
        pytest.param(" 2026-03 ", "2026-03", date(2026, 3, 1), date(2026, 3, 31), 1, id="spaces-trimmed"),
    ],
)
def test_parse_period(text: str, key: str, start: date, end: date, months: int) -> None:
    period = parse_period(text)
    assert (period.key, period.start, period.end, period.months) == (key, start, end, months)


@pytest.mark.parametrize(
    "text",
    ["2026-13", "2026-00", "2026-Q0", "2026-Q5", "2026-3", "26-03", "2026/03", "Q1-2026", "2026-03-01", "", "0000"],
)
def test_parse_period_refuses(text: str) -> None:
    with pytest.raises(DateError):
        parse_period(text)


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        pytest.param("2026-02", {"key": "2026-02", "start": "2026-02-01", "end": "2026-02-28"}, id="month"),
        pytest.param("2026-Q3", {"key": "2026-Q3", "start": "2026-07-01", "end": "2026-09-30"}, id="quarter"),
        pytest.param("2025", {"key": "2025", "start": "2025-01-01", "end": "2025-12-31"}, id="year"),
    ],
)
def test_period_in_json(tmp_path: Path, period: str, expected: dict[str, str]) -> None:
    site = make_site(tmp_path)
    assert stats(site, "--period", period)["period"] == expected


@pytest.mark.parametrize("period", ["2026-13", "2026-Q5", "2026/03", "March", "0000"])
def test_bad_period_is_a_usage_error(tmp_path: Path, period: str) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": report()})
    result = run_cli(site, "stats", "--json", "--period", period, "--as-of", "2026-04-05")
    assert result.code == 2
    assert result.out == ""
    assert f"“{period}”" in result.err


def test_usage_errors_come_before_content_errors(tmp_path: Path) -> None:
    # a bad --period is a mistake on the command line: exit 2 even though the content is broken too
    site = make_site(tmp_path, reports={"2026/03/a.md": report(date="2026-02-30")})
    assert run_cli(site, "stats", "--period", "2026-13").code == 2
    assert run_cli(site, "stats", "--as-of", "2026-02-30").code == 2
    # with good arguments the content errors decide: exit 1
    assert run_cli(site, "stats", "--period", "2026-03").code == 1


# --- deadline and --as-of: a date alone means the end of that day -----------------------------


@pytest.mark.parametrize(
    ("answered", "status"),
    [
        pytest.param("2026-03-15", "on_time", id="deadline-day-date-alone"),
        pytest.param("2026-03-15 23:59:59", "on_time", id="last-second-of-deadline-day"),
        pytest.param("2026-03-16 00:00", "late", id="first-second-after"),
        # 15:59:59 UTC + 8 h = 23:59:59 local on the 15th
        pytest.param("2026-03-15T15:59:59Z", "on_time", id="Z-still-deadline-day"),
        # 16:00 UTC + 8 h = 00:00 local on the 16th
        pytest.param("2026-03-15T16:00:00Z", "late", id="Z-next-local-day"),
        # 01:00 at +09:00 = 00:00 local on the 16th
        pytest.param("2026-03-16T01:00:00+09:00", "late", id="plus-09:00-next-local-day"),
    ],
)
def test_deadline_means_the_end_of_its_day(tmp_path: Path, answered: str, status: str) -> None:
    site = make_site(
        tmp_path,
        reports={"2026/03/a.md": report(date=answered, request="YG-1")},
        requests={"YG-1.md": request(issued="2026-03-01", deadline="2026-03-15", sections=["甲股"])},
    )
    [entry] = stats(site, "--period", "2026-03", as_of="2026-03-31")["requests"]
    assert entry["status"] == {"甲股": status}


@pytest.mark.parametrize(
    ("as_of", "submitted", "status"),
    [
        # the report of 10 March 23:59:59 exists as of the date 10 March (= 23:59:59)
        pytest.param("2026-03-10", 1, "pending", id="date-alone-is-end-of-day"),
        pytest.param("2026-03-10 23:59:58", 0, "pending", id="one-second-before-the-report"),
        pytest.param("2026-03-10T23:59:59+08:00", 1, "pending", id="exact-second-with-offset"),
        # 15:59:59 UTC = 23:59:59 local
        pytest.param("2026-03-10T15:59:59Z", 1, "pending", id="same-moment-in-UTC"),
        # no answer from 乙股; the deadline day is the 15th: pending through the 15th, missed from the 16th
        pytest.param("2026-03-15", 1, "pending", id="deadline-day-still-pending"),
        pytest.param("2026-03-16 00:00", 1, "missed", id="next-day-missed"),
    ],
)
def test_as_of_date_alone_means_end_of_day(tmp_path: Path, as_of: str, submitted: int, status: str) -> None:
    site = make_site(
        tmp_path,
        reports={"2026/03/a.md": report(date="2026-03-10 23:59:59")},
        requests={"YG-1.md": request(issued="2026-03-01", deadline="2026-03-15", sections=["乙股"])},
    )
    data = stats(site, "--period", "2026-03", as_of=as_of)
    assert section_row(data, "甲股")["submitted"] == submitted
    assert data["requests"][0]["status"] == {"乙股": status}


# --- as_of precedence: --as-of, PORTAL_AS_OF, SOURCE_DATE_EPOCH, now ---------------------------

# 2026-01-01T00:00:00Z: 56 years after 1970 with 14 leap days (1972…2024) = (56*365+14) days * 86400 s
EPOCH_2026 = str((56 * 365 + 14) * 86400)


@pytest.mark.parametrize(
    ("args", "env", "now", "as_of", "period"),
    [
        pytest.param(
            ["--as-of", "2026-03-10"],
            {"PORTAL_AS_OF": "2026-02-01", "SOURCE_DATE_EPOCH": EPOCH_2026},
            datetime(2026, 4, 5, 12, tzinfo=timezone.utc),
            "2026-03-10T23:59:59+08:00",
            "2026-03",
            id="option-wins",
        ),
        pytest.param(
            [],
            {"PORTAL_AS_OF": "2026-02-01", "SOURCE_DATE_EPOCH": EPOCH_2026},
            datetime(2026, 4, 5, 12, tzinfo=timezone.utc),
            "2026-02-01T23:59:59+08:00",
            "2026-02",
            id="PORTAL_AS_OF-before-SOURCE_DATE_EPOCH",
        ),
        pytest.param(
            [],
            {"PORTAL_AS_OF": "2026-02-01 09:15"},
            datetime(2026, 4, 5, 12, tzinfo=timezone.utc),
            "2026-02-01T09:15:00+08:00",
            "2026-02",
            id="PORTAL_AS_OF-with-time",
        ),
        pytest.param(
            [],
            {"SOURCE_DATE_EPOCH": EPOCH_2026},
            datetime(2026, 4, 5, 12, tzinfo=timezone.utc),
            # 00:00 UTC + 8 h = 08:00 local: an exact moment, not the end of a day
            "2026-01-01T08:00:00+08:00",
            "2026-01",
            id="SOURCE_DATE_EPOCH-before-now",
        ),
        pytest.param(
            [],
            {"PORTAL_AS_OF": "", "SOURCE_DATE_EPOCH": EPOCH_2026},
            datetime(2026, 4, 5, 12, tzinfo=timezone.utc),
            "2026-01-01T08:00:00+08:00",
            "2026-01",
            id="empty-PORTAL_AS_OF-is-unset",
        ),
        pytest.param(
            [],
            {},
            datetime(2026, 4, 5, 12, tzinfo=timezone.utc),
            # 12:00 UTC + 8 h = 20:00 local
            "2026-04-05T20:00:00+08:00",
            "2026-04",
            id="now",
        ),
        pytest.param(
            [],
            {},
            # 16:30 UTC on 31 March + 8 h = 00:30 on 1 April local: the default period is April
            datetime(2026, 3, 31, 16, 30, tzinfo=timezone.utc),
            "2026-04-01T00:30:00+08:00",
            "2026-04",
            id="now-near-midnight-uses-the-local-month",
        ),
        pytest.param(
            ["--as-of", "2026-03-31T20:00:00Z"],
            {},
            datetime(2026, 4, 5, 12, tzinfo=timezone.utc),
            # 20:00 UTC + 8 h = 04:00 on 1 April local
            "2026-04-01T04:00:00+08:00",
            "2026-04",
            id="option-with-Z-crosses-the-month",
        ),
    ],
)
def test_as_of_precedence(
    tmp_path: Path, args: list[str], env: dict[str, str], now: datetime, as_of: str, period: str
) -> None:
    site = make_site(tmp_path)
    result = run_cli(site, "stats", "--json", *args, env=env, now=now)
    assert result.code == 0, result.err
    data = result.json()
    assert data["as_of"] == as_of
    assert data["period"]["key"] == period


@pytest.mark.parametrize(
    ("args", "env", "named"),
    [
        pytest.param(["--as-of", "2026-02-30"], {}, "2026-02-30", id="option-not-a-date"),
        pytest.param(["--as-of", "yesterday"], {}, "yesterday", id="option-a-word"),
        pytest.param([], {"PORTAL_AS_OF": "2026/04/05"}, "2026/04/05", id="PORTAL_AS_OF-slashes"),
        pytest.param([], {"SOURCE_DATE_EPOCH": "soon"}, "SOURCE_DATE_EPOCH", id="SOURCE_DATE_EPOCH-not-a-number"),
    ],
)
def test_bad_as_of_is_a_usage_error(tmp_path: Path, args: list[str], env: dict[str, str], named: str) -> None:
    site = make_site(tmp_path)
    result = run_cli(site, "stats", "--json", *args, env=env)
    assert result.code == 2
    assert result.out == ""
    assert named in result.err


def test_resolve_as_of_is_pure() -> None:
    from zoneinfo import ZoneInfo

    tz = ZoneInfo("Asia/Shanghai")
    now = datetime(2026, 4, 5, 12, tzinfo=timezone.utc)
    # nothing set: now, seen in the configured zone (12:00 UTC = 20:00 local)
    assert resolve_as_of(None, {}, now, tz) == datetime(2026, 4, 5, 20, tzinfo=SHANGHAI)
    # the epoch 0 is 1970-01-01 08:00 local
    assert resolve_as_of(None, {"SOURCE_DATE_EPOCH": "0"}, now, tz) == datetime(1970, 1, 1, 8, tzinfo=SHANGHAI)


def test_as_of_prints_in_the_configured_timezone(tmp_path: Path) -> None:
    from tests.conftest import PORTAL

    site = make_site(tmp_path, portal={**PORTAL, "timezone": "America/New_York"})
    # 2026-03-10 is in EDT (-04:00; DST began 8 March 2026): end of day 23:59:59-04:00
    assert stats(site, as_of="2026-03-10")["as_of"] == "2026-03-10T23:59:59-04:00"
    # 2026-03-01 is still EST (-05:00)
    assert stats(site, as_of="2026-03-01")["as_of"] == "2026-03-01T23:59:59-05:00"


def test_a_sexagesimal_time_is_explained_with_what_yaml_read(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"a.md": report(date="9:15")})
    result = run_cli(site, "check")
    # YAML 1.1 reads 9:15 as 9 * 60 + 15 = 555
    assert "date: “9:15”不是日期（只写时间 9:15 会被读成数字 555" in result.out
