"""Dates, times, periods and the ``as_of`` moment (SPEC §3.1, §5, §6).

Everything is compared as an aware ``datetime`` in the configured timezone.
A date alone means the start of that day, except for deadlines and
``--as-of`` where it means the end of the day (23:59:59).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..words.messages import say
from ..words.numbers import period_label

_MOMENT_RE = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[ T](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?"
    r"[ ]?(?P<tz>Z|[+-]\d{2}:\d{2})?)?"
)
END_OF_DAY = time(23, 59, 59)
#: ``2026/3/1``, ``2026.3.1``, ``2026年3月1日``: a day written the way people write it by hand.
_HAND_WRITTEN = re.compile(r"(\d{4})\s*[/.年\-]\s*(\d{1,2})\s*[/.月\-]\s*(\d{1,2})\s*日?(?:\s+(\d{1,2})[:：](\d{2}))?")


class DateError(ValueError):
    """A value that is not a date or time of the accepted forms."""


def get_zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise DateError(say("dates.timezone", name=name)) from exc


@dataclass(frozen=True)
class Moment:
    """A parsed date or datetime; ``has_time`` tells which was written."""

    at: datetime
    has_time: bool

    @property
    def day(self) -> date:
        return self.at.date()


def parse_moment(text: str, tz: tzinfo, *, end_of_day: bool = False) -> Moment:
    """Parse ``YYYY-MM-DD`` or ``YYYY-MM-DD HH:MM[:SS][offset]`` into ``tz``."""
    match = _MOMENT_RE.fullmatch(text.strip())
    if not match:
        raise DateError(_fix(text.strip()) or say("dates.not_a_date", text=text.strip()))
    g = match.groupdict()
    try:
        day = date(int(g["y"]), int(g["m"]), int(g["d"]))
    except ValueError as exc:
        raise DateError(_impossible_day(text.strip(), int(g["y"]), int(g["m"]))) from exc
    if g["H"] is None:
        at = datetime.combine(day, END_OF_DAY if end_of_day else time(0), tz)
        return Moment(at, False)
    try:
        clock = time(int(g["H"]), int(g["M"]), int(g["S"] or 0))
    except ValueError as exc:
        raise DateError(say("dates.impossible_time", text=text.strip())) from exc
    if g["tz"] is None:
        return Moment(datetime.combine(day, clock, tz), True)
    if g["tz"] == "Z":
        offset = timezone.utc
    else:
        sign = 1 if g["tz"][0] == "+" else -1
        hours, minutes = int(g["tz"][1:3]), int(g["tz"][4:6])
        if hours > 23 or minutes > 59:
            raise DateError(say("dates.impossible_offset", text=text.strip()))
        offset = timezone(sign * timedelta(hours=hours, minutes=minutes))
    return Moment(datetime.combine(day, clock, offset).astimezone(tz), True)


def _fix(text: str) -> str:
    """The message for a day written by hand (``2026/3/1``) that exists, naming its right form; else nothing."""
    match = _HAND_WRITTEN.fullmatch(text.strip())
    if not match:
        return ""
    y, m, d, hours, minutes = match.groups()
    try:
        written = date(int(y), int(m), int(d)).isoformat()
        if hours is not None:
            written += " " + time(int(hours), int(minutes)).strftime("%H:%M")
    except ValueError:
        return ""
    return say("dates.write_as", text=text, written=written)


def _impossible_day(text: str, y: int, m: int) -> str:
    """Why ``2026-02-30`` or ``2026-13-01`` is no day, in words."""
    if y < 1:
        return say("dates.no_such_year", text=text)
    if not 1 <= m <= 12:
        return say("dates.no_such_month", text=text)
    return say("dates.no_such_day", text=text, year=y, month=m, days=_month_end(y, m).day)


def from_epoch(seconds: str, tz: tzinfo) -> datetime:
    try:
        value = int(seconds.strip())
    except ValueError as exc:
        raise DateError(say("dates.epoch", seconds=seconds)) from exc
    return datetime.fromtimestamp(value, tz)


def isoformat(moment: datetime, tz: tzinfo) -> str:
    """``2026-04-05T23:59:59+08:00``: seconds and offset, in the configured zone."""
    return moment.astimezone(tz).isoformat(timespec="seconds")


# --- periods -----------------------------------------------------------------

_PERIOD_RE = re.compile(r"(?P<y>\d{4})(?:-(?:(?P<m>\d{2})|Q(?P<q>[1-4])))?")


@dataclass(frozen=True, order=True)
class Period:
    """A month ``2026-03``, a quarter ``2026-Q1`` or a year ``2026``."""

    start: date
    end: date  # inclusive last day
    key: str

    @property
    def kind(self) -> str:
        if "Q" in self.key:
            return "quarter"
        return "month" if "-" in self.key else "year"

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def as_dict(self) -> dict[str, str]:
        return {"key": self.key, "start": self.start.isoformat(), "end": self.end.isoformat()}

    @property
    def label(self) -> str:
        """The period in Chinese: 2026年3月, 2026年第一季度, 2026年度."""
        return period_label(self.kind, self.start.year, self.start.month)


def _month_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def month(year: int, month_: int) -> Period:
    return Period(date(year, month_, 1), _month_end(year, month_), f"{year}-{month_:02d}")


def quarter(year: int, q: int) -> Period:
    first = 3 * (q - 1) + 1
    return Period(date(year, first, 1), _month_end(year, first + 2), f"{year}-Q{q}")


def year(year_: int) -> Period:
    return Period(date(year_, 1, 1), date(year_, 12, 31), f"{year_}")


def parse_period(text: str) -> Period:
    match = _PERIOD_RE.fullmatch(text.strip())
    if not match:
        raise DateError(say("dates.not_a_period", text=text.strip()))
    y = int(match["y"])
    if y < 1:
        raise DateError(say("dates.period_year", text=text.strip()))
    if match["m"]:
        m = int(match["m"])
        if not 1 <= m <= 12:
            raise DateError(say("dates.period_month", text=text.strip()))
        return month(y, m)
    if match["q"]:
        return quarter(y, int(match["q"]))
    return year(y)


def period_containing(day: date, kind: str = "month") -> Period:
    if kind == "month":
        return month(day.year, day.month)
    if kind == "quarter":
        return quarter(day.year, (day.month - 1) // 3 + 1)
    return year(day.year)


def months_between(first: date, last: date) -> list[Period]:
    """Every month from the one containing ``first`` to the one containing ``last``."""
    out: list[Period] = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(month(y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def resolve_as_of(option: str | None, env: dict[str, str], now: datetime, tz: tzinfo) -> datetime:
    """``--as-of``, then ``PORTAL_AS_OF``, then ``SOURCE_DATE_EPOCH``, then ``now`` (SPEC §6).

    A date alone means the end of that day.  The caller passes the environment
    and the clock, so this stays a pure function.
    """
    if option:
        return parse_moment(option, tz, end_of_day=True).at
    if env.get("PORTAL_AS_OF"):
        return parse_moment(env["PORTAL_AS_OF"], tz, end_of_day=True).at
    if env.get("SOURCE_DATE_EPOCH"):
        return from_epoch(env["SOURCE_DATE_EPOCH"], tz)
    return now.astimezone(tz)
