"""China's working calendar (法定节假日 and 调休) for the day-based reminders.

The State Council announces each year's holidays and the weekends worked in
their place (调休) every autumn; the PyPI package ``chinesecalendar``
(import name ``chinese_calendar``) ships them as two tables, and the config's
``extra.portal.reminders.calendar`` adds (or corrects) days for a year the
installed package does not know yet:

.. code-block:: yaml

   calendar:
     holidays: [2027-01-01, 2027-02-05, …]   # days off, also on weekdays
     workdays: [2027-02-14]                  # weekends worked (调休)

A day is a working day when it is listed in ``workdays``; else not when it is
listed in ``holidays``; else when it is Monday to Friday.  A year counts as
*covered* when the package or the config lists at least one day of it; for a
year that is not covered only weekends are days off, and ``check`` warns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

#: The longest run of days off looked through for the next working day (春节 with weekends: 9 days).
_MOST_DAYS_OFF = 31


def _package_tables() -> tuple[frozenset[date], frozenset[date]]:
    """The installed ``chinesecalendar``'s holidays and 调休 workdays (empty when it is not installed)."""
    try:
        from chinese_calendar import constants
    except ImportError:  # pragma: no cover - requirements.txt installs it
        return frozenset(), frozenset()
    return frozenset(constants.holidays), frozenset(constants.workdays)


@dataclass(frozen=True)
class WorkCalendar:
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    years: frozenset[int] = field(default_factory=frozenset)  # the years some table lists

    def is_workday(self, day: date) -> bool:
        if day in self.workdays:
            return True
        return day not in self.holidays and day.isoweekday() <= 5

    def next_workday(self, day: date) -> date:
        """``day`` itself when it is a working day, else the first working day after it."""
        for offset in range(_MOST_DAYS_OFF + 1):
            candidate = day + timedelta(days=offset)
            if self.is_workday(candidate):
                return candidate
        return day  # pragma: no cover - no calendar has a month off

    def covers(self, year: int) -> bool:
        return year in self.years


def china(holidays: Iterable[date] = (), workdays: Iterable[date] = ()) -> WorkCalendar:
    """The package's calendar with the config's days on top (a config day wins over the package's)."""
    known_holidays, known_workdays = _package_tables()
    extra_holidays, extra_workdays = frozenset(holidays), frozenset(workdays)
    all_holidays = (known_holidays - extra_workdays) | extra_holidays
    all_workdays = (known_workdays - extra_holidays) | extra_workdays
    years = frozenset(d.year for d in (*all_holidays, *all_workdays))
    return WorkCalendar(frozenset(all_holidays), frozenset(all_workdays), years)
