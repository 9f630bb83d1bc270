"""Per-section and per-person tallies of a period, ranking, and §6's JSON.

:func:`evaluate` scores every report and judges every request and urgent
event once for an ``as_of``; :func:`tally` then groups that evaluation for
any period.  Templates only lay these numbers out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .dates import Period, isoformat, months_between
from .model import Content, Report, Request, Settings
from .scoring import ReportScore, exists, score_report
from .status import STATUSES, URGENT_STATUSES, UrgentState, first_answers, request_exists, request_status, urgent_state


@dataclass(frozen=True)
class Evaluation:
    """Every figure that does not depend on the period, at one ``as_of``."""

    settings: Settings
    as_of: datetime
    reports: tuple[Report, ...]  # counted at as_of, by date then path
    scores: dict[str, ReportScore]  # by report path
    requests: tuple[Request, ...]  # existing at as_of, by deadline then id
    request_status: dict[str, dict[str, str]]  # id -> section -> status
    answers: dict[tuple[str, str], Report]
    urgent: tuple[UrgentState, ...]  # by event_time then path
    by_month: dict[str, list[Report]] = field(default_factory=dict)


def evaluate(content: Content, settings: Settings, as_of: datetime) -> Evaluation:
    as_of = as_of.astimezone(settings.tz)
    reports = tuple(r for r in content.reports if exists(r, as_of))
    answers = first_answers(reports, as_of)
    requests = tuple(r for r in content.requests if request_exists(r, as_of))
    urgent = tuple(
        sorted(
            (urgent_state(r, settings, as_of) for r in reports if r.urgent),
            key=lambda u: (u.report.event_time, u.report.path),
        )
    )
    by_month: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        by_month[f"{report.date.year}-{report.date.month:02d}"].append(report)
    return Evaluation(
        settings=settings,
        as_of=as_of,
        reports=reports,
        scores={r.path: score_report(r, settings, as_of) for r in reports},
        requests=requests,
        request_status={r.id: request_status(r, answers, as_of) for r in requests},
        answers=answers,
        urgent=urgent,
        by_month=dict(by_month),
    )


def in_period(ev: Evaluation, period: Period) -> list[Report]:
    out: list[Report] = []
    for month in months_between(period.start, period.end):
        out.extend(ev.by_month.get(month.key, ()))
    return out


@dataclass
class SectionRow:
    section: str
    head: str
    slug: str
    order: int
    submitted: int = 0
    adopted: int = 0
    adoptions: int = 0
    instructions: int = 0
    good: int = 0
    quota: int = 0
    points: float = 0
    penalties: float = 0
    requests: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    urgent: dict[str, int] = field(default_factory=lambda: dict.fromkeys(URGENT_STATUSES, 0))
    rank: int = 0

    @property
    def score(self) -> float:
        return self.points + self.penalties

    @property
    def adoption_rate(self) -> float:
        """adopted / submitted rounded half up (四舍五入) to 4 places: 1/32 = 0.03125 → 0.0313; 0 if none."""
        if not self.submitted:
            return 0.0
        exact = Decimal(self.adopted) / Decimal(self.submitted)
        return float(exact.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))

    @property
    def behind_quota(self) -> bool:
        return self.submitted < self.quota


@dataclass
class PersonRow:
    author: str
    section: str
    order: int
    submitted: int = 0
    adopted: int = 0
    good: int = 0
    score: float = 0


@dataclass(frozen=True)
class Tally:
    """The figures of one period (SPEC §5), as published in §6's JSON."""

    period: Period
    as_of: datetime
    sections: list[SectionRow]  # rank order
    people: list[PersonRow]
    requests: list[Request]
    request_status: dict[str, dict[str, str]]
    urgent: list[UrgentState]
    overdue: list[UrgentState]
    reports: list[Report]


def tally(ev: Evaluation, period: Period) -> Tally:
    settings = ev.settings
    rows = {
        s.name: SectionRow(s.name, s.head, s.slug, i, quota=s.quota * period.months)
        for i, s in enumerate(settings.sections)
    }
    people: dict[tuple[str, str], PersonRow] = {}
    reports = in_period(ev, period)
    for report in reports:
        score = ev.scores[report.path]
        row = rows[report.section]
        row.submitted += 1
        row.adopted += score.adopted
        row.adoptions += len(score.adoptions)
        row.instructions += len(score.instructions)
        row.good += score.good
        row.points += score.points
        if report.author:
            person = people.setdefault(
                (report.author, report.section), PersonRow(report.author, report.section, row.order)
            )
            person.submitted += 1
            person.adopted += score.adopted
            person.good += score.good
            person.score += score.points
    requests = [r for r in ev.requests if period.contains(r.deadline)]
    for request in requests:
        version = settings.scoring_at(request.deadline)
        for section, status in ev.request_status[request.id].items():
            row = rows[section]
            row.requests[status] += 1
            row.penalties += {"late": version.request_late, "missed": version.request_missed}.get(status, 0)
    urgent = [u for u in ev.urgent if u.report.event_time and period.contains(u.report.event_time.date())]
    for state in urgent:
        assert state.report.event_time is not None
        version = settings.scoring_at(state.report.event_time.date())
        row = rows[state.report.section]
        row.urgent[state.status] += 1
        row.penalties += {"late": version.urgent_late, "overdue": version.urgent_overdue}.get(state.status, 0)
    ranked = rank(list(rows.values()))
    return Tally(
        period=period,
        as_of=ev.as_of,
        sections=ranked,
        people=sorted(people.values(), key=lambda p: (-p.score, p.author, p.order)),
        requests=requests,
        request_status={r.id: ev.request_status[r.id] for r in requests},
        urgent=urgent,
        overdue=[u for u in ev.urgent if u.status == "overdue"],
        reports=reports,
    )


def rank(rows: list[SectionRow]) -> list[SectionRow]:
    """By score, adopted, submitted (descending); equal triples share a rank (1,2,2,4)."""
    ordered = sorted(rows, key=lambda r: (-r.score, -r.adopted, -r.submitted, r.order))
    previous: tuple[float, int, int] | None = None
    for index, row in enumerate(ordered):
        triple = (row.score, row.adopted, row.submitted)
        if triple != previous:
            row.rank = index + 1
            previous = triple
        else:
            row.rank = ordered[index - 1].rank
    return ordered


def number(value: float) -> float | int:
    """Integral scores print as integers; float noise of sums (0.1 + 0.2) is rounded away."""
    value = round(float(value), 6)
    return int(value) if value.is_integer() else value


def to_json(t: Tally, settings: Settings) -> dict[str, Any]:
    """SPEC §6's JSON document."""
    tz = settings.tz
    return {
        "as_of": isoformat(t.as_of, tz),
        "period": t.period.as_dict(),
        "sections": [
            {
                "section": r.section,
                "head": r.head,
                "rank": r.rank,
                "submitted": r.submitted,
                "adopted": r.adopted,
                "adoptions": r.adoptions,
                "adoption_rate": r.adoption_rate,
                "instructions": r.instructions,
                "good": r.good,
                "quota": r.quota,
                "score": number(r.score),
                "requests": dict(r.requests),
                "urgent": dict(r.urgent),
            }
            for r in t.sections
        ],
        "people": [
            {
                "author": p.author,
                "section": p.section,
                "submitted": p.submitted,
                "adopted": p.adopted,
                "good": p.good,
                "score": number(p.score),
            }
            for p in t.people
        ],
        "requests": [
            {"id": r.id, "title": r.title, "deadline": r.deadline.isoformat(), "status": t.request_status[r.id]}
            for r in t.requests
        ],
        "urgent": [_urgent_json(u, tz) for u in t.urgent],
        "overdue": [u.report.path for u in t.overdue],
    }


def _urgent_json(state: UrgentState, tz: Any) -> dict[str, Any]:
    report = state.report
    assert report.event_time is not None
    return {
        "path": report.path,
        "title": report.title,
        "section": report.section,
        "event_time": isoformat(report.event_time, tz),
        "due": isoformat(state.due, tz),
        "reported_time": isoformat(state.reported_time, tz) if state.reported_time else None,
        "status": state.status,
    }
