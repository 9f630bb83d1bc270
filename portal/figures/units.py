"""Period rows (SPEC §4.1): ``base``/``floor``, ``points``, ``per_missing``, ``zero``, ``pass``, ``no_praise``.

They apply per section to every **whole** unit (month, quarter, year) inside
the period shown, once the unit has ended at ``as_of``.  A unit's score is
its items dated inside it + the net effect of the rows of the smaller units
inside it + its own rows, in the order ``points``, ``per_missing``,
unfloored ``base``; then a floored ``base``; then ``zero``; ``pass`` and
``no_praise`` look at the result.  The version of a unit is the one in force
at its last day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ..model.dates import Period, month, months_between, quarter, year
from ..model.objects import Condition, PeriodRule, Section, Settings
from ..words.numbers import round_half_up


@dataclass
class SectionItems:
    """One section's priced items and counted facts inside the period shown."""

    prices: list[tuple[date, float]] = field(default_factory=list)  # report shares, request/urgent/incident prices
    reports: list[tuple[date, str, bool]] = field(default_factory=list)  # (date, kind, adopted)
    requests: list[tuple[date, str]] = field(default_factory=list)  # (deadline, status)
    incidents: list[tuple[date, str]] = field(default_factory=list)  # (date, type)


@dataclass(frozen=True)
class Outcome:
    net: float  # what the rows of this unit and the units inside it add to its items
    passed: tuple[bool, ...] = ()  # one per unit a pass row applied to
    no_praise: bool = False


def has_period_rows(settings: Settings) -> bool:
    return any(v.period for v in settings.scoring)


def children(unit: Period) -> list[Period]:
    if unit.kind == "year":
        return [quarter(unit.start.year, q) for q in range(1, 5)]
    if unit.kind == "quarter":
        return [month(unit.start.year, m) for m in range(unit.start.month, unit.start.month + 3)]
    return []


def ended(unit: Period, as_of: datetime) -> bool:
    """At or after 00:00 of the day after its last day (``as_of`` is local)."""
    return as_of.date() > unit.end


def outcome(unit: Period, section: Section, items: SectionItems, settings: Settings, as_of: datetime) -> Outcome:
    """The net effect of every period row on ``unit`` and the units inside it, for one section."""
    inner = [outcome(child, section, items, settings, as_of) for child in children(unit)]
    own = [v for d, v in items.prices if unit.contains(d)]
    parts = own + [o.net for o in inner]
    passed = tuple(p for o in inner for p in o.passed)
    no_praise = any(o.no_praise for o in inner)
    value = sum(own) + sum(o.net for o in inner)
    if not ended(unit, as_of):
        return Outcome(value - sum(own), passed, no_praise)
    rows = [
        r
        for r in settings.scoring_at(unit.end).period
        if r.per == unit.kind and (not r.sections or section.name in r.sections) and holds(r.when, unit, section, items)
    ]
    for row in rows:
        if row.effect in ("points", "per_missing") or (row.effect == "base" and row.floor is None):
            amount = _amount(row, unit, section, items)
            value += amount
            parts.append(amount)
    for row in rows:
        if row.effect == "base" and row.floor is not None:
            negatives = sum(p for p in parts if p < 0)
            positives = sum(p for p in parts if p > 0)
            value = max(row.floor, row.value + negatives) + positives
            break
    if any(r.effect == "zero" for r in rows):
        value = 0
    passed += tuple(value >= r.value for r in rows if r.effect == "pass")
    no_praise = no_praise or any(r.effect == "no_praise" for r in rows)
    return Outcome(value - sum(own), passed, no_praise)


def _amount(row: PeriodRule, unit: Period, section: Section, items: SectionItems) -> float:
    if row.effect != "per_missing":
        return row.value
    minimum = section.quota * unit.months if row.minimum == "quota" else int(row.minimum or 0)
    count = sum(1 for d, kind, _ in items.reports if unit.contains(d) and (not row.kinds or kind in row.kinds))
    return row.value * max(0, minimum - count)


def _compare(test: tuple[str, float], value: float) -> bool:
    bound, limit = test
    return value >= limit if bound == "min" else value < limit


def holds(when: Condition | None, unit: Period, section: Section, items: SectionItems) -> bool:
    """Every test of a row's ``if``, counted inside the unit."""
    if when is None:
        return True
    reports = [(kind, adopted) for d, kind, adopted in items.reports if unit.contains(d)]
    for bound, limit, kinds in when.submitted:
        if not _compare((bound, limit), sum(1 for kind, _ in reports if not kinds or kind in kinds)):
            return False
    if when.adoption_rate is not None:
        rate = round_half_up(sum(1 for _, a in reports if a) / len(reports), 4) if reports else 0.0
        if not _compare(when.adoption_rate, rate):
            return False
    if when.requests is not None:
        status, least = when.requests
        wanted = ("late", "missed") if status == "not_on_time" else (status,)
        if sum(1 for d, s in items.requests if unit.contains(d) and s in wanted) < least:
            return False
    if when.incidents is not None:
        types, least = when.incidents
        if sum(1 for d, t in items.incidents if unit.contains(d) and (not types or t in types)) < least:
            return False
    return True


def cover(period: Period) -> list[Period]:
    """The largest whole units a span is made of (a running-totals span Jan–Mar is Q1; Jan–Apr is Q1 + April)."""
    out: list[Period] = []
    for first in months_between(period.start, period.end):
        if out and out[-1].contains(first.start):
            continue
        whole_year, whole_quarter = year(first.start.year), quarter(first.start.year, (first.start.month - 1) // 3 + 1)
        for unit in (whole_year, whole_quarter, first):
            if unit.start == first.start and unit.end <= period.end:
                out.append(unit)
                break
    return out


def period_outcome(
    period: Period, section: Section, items: SectionItems, settings: Settings, as_of: datetime
) -> Outcome:
    """:func:`outcome` over every whole unit of the period shown (any span of whole months)."""
    parts = [outcome(unit, section, items, settings, as_of) for unit in cover(period)]
    return Outcome(
        sum(o.net for o in parts), tuple(p for o in parts for p in o.passed), any(o.no_praise for o in parts)
    )
