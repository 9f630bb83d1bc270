"""Pricing (SPEC §4.1, §5): every rule that turns facts into points lives here.

A scoring version prices **facts** — a submission, an adoption, an
instruction, a request × asked section, an urgent report, an incident and
the report itself.  A fact's price is the ``points`` of the first matching
row that has ``points`` (else the version's default price), plus every
matching ``add``, times every matching ``times``.  Today's default prices
are :data:`DEFAULTS`, defined only here.

A report is scored under the version in force at its own date, also for
adoptions and instructions that come later; they count in the report's
period.  Anything dated after ``as_of`` does not exist yet.  Period rows
(``base``, ``per_missing`` …) are in :mod:`portal.figures.units`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..model.objects import Adoption, Incident, Instruction, Report, Rule, ScoringVersion, Settings, level_rank

#: The defaults of every key of a scoring version (SPEC §4), the one place they are written.
DEFAULTS: dict[str, Any] = {
    "submitted": 1,
    "adopted": {"bureau": 1, "county": 5, "city": 10, "province": 20, "national": 30},
    "adopted_by": {},
    "adoption": "highest",
    "instruction": {"county": 10, "city": 20, "province": 30, "national": 50},
    "request_late": -5,
    "request_missed": -10,
    "urgent_late": -5,
    "urgent_overdue": -10,
    "rules": [],
    "period": [],
    "total": "sum",
    "joint": "split",
}


def exists(report: Report, as_of: datetime) -> bool:
    """Counted at ``as_of``: not a draft and submitted by then."""
    return not report.draft and report.date <= as_of


def incident_exists(incident: Incident, as_of: datetime) -> bool:
    return not incident.draft and incident.date <= as_of


def adoptions_at(report: Report, as_of: datetime) -> tuple[Adoption, ...]:
    """Undated adoptions exist as soon as their report does."""
    return tuple(a for a in report.adoptions if a.date is None or a.date <= as_of)


def instructions_at(report: Report, as_of: datetime) -> tuple[Instruction, ...]:
    return tuple(i for i in report.instructions if i.date is None or i.date <= as_of)


# --- the matcher and the price of one fact --------------------------------------------------------

Fact = Mapping[str, Any]  # match key -> a value, or a frozenset of values (any may match)


def matches(rule: Rule, fact: Fact) -> bool:
    """Every key of the row matches: the fact's value (or one of its values) is one of the row's."""
    for key, wanted in rule.match.items():
        have = fact.get(key)
        if isinstance(have, frozenset):
            if not have.intersection(wanted):
                return False
        elif not any(have == w and type(have) is type(w) for w in wanted):
            return False
    return True


def price(version: ScoringVersion, name: str, fact: Fact, default: float, given: float | None = None) -> float:
    """First matching ``points`` (``given``: the adoption's own, skipped without one), then ``add``, then ``times``."""
    rows = [r for r in version.rules if r.fact == name and matches(r, fact)]
    value = default
    for row in rows:
        if row.effect != "points":
            continue
        if row.value == "given":
            if given is None:
                continue
            value = given
        else:
            value = float(row.value)
        break
    for row in rows:
        if row.effect == "add":
            value += float(row.value)
    for row in rows:
        if row.effect == "times":
            value *= float(row.value)
    return value


# --- reports -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportScore:
    points: float  # the whole report's points (before any joint split)
    adoptions: tuple[Adoption, ...]
    instructions: tuple[Instruction, ...]
    good: bool

    @property
    def adopted(self) -> bool:
        return bool(self.adoptions)


def _report_fact(report: Report) -> dict[str, Any]:
    return {
        "section": frozenset(report.sections),
        "kind": report.kind,
        "urgent": report.urgent,
        "request": bool(report.request),
    }


def _adoption_price(version: ScoringVersion, fact: dict[str, Any], adoption: Adoption) -> float:
    default = (
        version.adopted_by[adoption.by] if adoption.by in version.adopted_by else version.adopted.get(adoption.level, 0)
    )
    facts = {
        **fact,
        "by": adoption.by,
        "in": adoption.publication,
        "form": adoption.form,
        "level": adoption.level,
        "route": adoption.route,
    }
    return price(version, "adoption", facts, default, adoption.points)


def score_report(
    report: Report,
    settings: Settings,
    as_of: datetime,
    urgent_status: str = "",
    incident_types: Collection[str] = (),
) -> ReportScore:
    """Submission + adoptions (highest | sum) + Σ instructions, then the ``report`` rows."""
    version = settings.scoring_at(report.date.date())
    adoptions = adoptions_at(report, as_of)
    instructions = instructions_at(report, as_of)
    fact = _report_fact(report)
    values = [_adoption_price(version, fact, a) for a in adoptions]
    if not values:
        adoption: float = 0
    elif version.adoption == "sum":
        adoption = sum(values)
    else:
        adoption = max(values)
    given_with = frozenset(a.by for a in adoptions) | frozenset(a.publication for a in adoptions if a.publication)
    points = price(version, "submission", fact, version.submitted) + adoption
    points += sum(
        price(
            version, "instruction", {**fact, "level": i.level, "with": given_with}, version.instruction.get(i.level, 0)
        )
        for i in instructions
    )
    whole = {
        "section": fact["section"],
        "kind": report.kind,
        "urgent": report.urgent,
        "urgent_status": urgent_status,
        "media": frozenset(report.media),
        "adopted": bool(adoptions),
        "incident": frozenset(incident_types),
    }
    if any(r.fact == "report" for r in version.rules):
        points = price(version, "report", whole, points)
    floor = level_rank(settings.good_min_level)
    good = any(level_rank(a.level) >= floor for a in adoptions) or (settings.good_instruction and bool(instructions))
    return ReportScore(points, adoptions, instructions, good)


def section_share(report: Report, points: float, settings: Settings) -> float:
    """A joint report's points: whole to every section (``joint: each``) or divided equally (``split``)."""
    if len(report.sections) == 1:
        return points
    if settings.scoring_at(report.date.date()).joint == "each":
        return points
    return points / len(report.sections)


# --- requests, urgent events, incidents -----------------------------------------------------------


def request_price(settings: Settings, deadline: Any, section: str, status: str) -> float:
    version = settings.scoring_at(deadline)
    default = {"late": version.request_late, "missed": version.request_missed}.get(status, 0)
    if not version.rules:
        return default
    return price(version, "request", {"section": section, "status": status}, default)


def urgent_price(settings: Settings, report: Report, section: str, status: str) -> float:
    assert report.event_time is not None
    version = settings.scoring_at(report.event_time.date())
    default = {"late": version.urgent_late, "overdue": version.urgent_overdue}.get(status, 0)
    if not version.rules:
        return default
    fact = {"section": section, "status": status, "severity": report.severity or "default"}
    return price(version, "urgent", fact, default)


def incident_price(settings: Settings, incident: Incident) -> float:
    version = settings.scoring_at(incident.date.date())
    return price(version, "incident", {"section": incident.section, "type": incident.type}, 0)
