"""Per-section and per-person tallies of a period, ranking, and §6's JSON.

:func:`evaluate` scores every report and judges every request and urgent
event once for an ``as_of``; :func:`tally` then groups that evaluation for
any period.  Templates only lay these numbers out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..model.dates import Period, isoformat, months_between
from ..model.objects import Content, Incident, Report, Request, Settings
from ..words.numbers import number, round_half_up
from .scoring import (
    ReportScore,
    exists,
    incident_exists,
    incident_price,
    request_price,
    score_report,
    section_share,
    urgent_price,
)
from .status import STATUSES, URGENT_STATUSES, UrgentState, first_answers, request_exists, request_status, urgent_state
from .units import SectionItems, has_period_rows, period_outcome


@dataclass(frozen=True)
class Evaluation:
    """Every figure that does not depend on the period, at one ``as_of``."""

    settings: Settings
    as_of: datetime
    reports: tuple[Report, ...]  # counted at as_of, by date then path
    scores: Mapping[str, ReportScore]  # by report path (worked out when first asked: see :class:`Scores`)
    requests: tuple[Request, ...]  # existing at as_of, by deadline then id
    request_status: dict[str, dict[str, str]]  # id -> section -> status
    answers: dict[tuple[str, str], Report]
    urgent: tuple[UrgentState, ...]  # by event_time then path
    by_month: dict[str, list[Report]] = field(default_factory=dict)
    incidents: tuple[Incident, ...] = ()  # existing at as_of, by date then path


class Scores(Mapping[str, ReportScore]):
    """Each report's score by path, worked out the first time it is asked for.

    ``stats`` for one month needs that month's scores, not those of every report ever written.
    """

    def __init__(self, reports: tuple[Report, ...], score: Callable[[Report], ReportScore]) -> None:
        self._reports = {r.path: r for r in reports}
        self._score = score
        self._known: dict[str, ReportScore] = {}

    def __getitem__(self, path: str) -> ReportScore:
        known = self._known.get(path)
        if known is None:
            known = self._known[path] = self._score(self._reports[path])
        return known

    def __iter__(self) -> Iterator[str]:
        return iter(self._reports)

    def __len__(self) -> int:
        return len(self._reports)


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
    incidents = tuple(i for i in content.incidents if incident_exists(i, as_of))
    about: dict[str, set[str]] = defaultdict(set)  # report src_uri -> types of the incidents about it
    for incident in incidents:
        if incident.report:
            about[incident.report].add(incident.type)
    status = {u.report.path: u.status for u in urgent}
    return Evaluation(
        settings=settings,
        as_of=as_of,
        reports=reports,
        scores=Scores(
            reports, lambda r: score_report(r, settings, as_of, status.get(r.path, ""), about.get(r.src_uri, ()))
        ),
        requests=requests,
        request_status={r.id: request_status(r, answers, as_of) for r in requests},
        answers=answers,
        urgent=urgent,
        by_month=dict(by_month),
        incidents=incidents,
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
    points: float = 0  # the section's share of its report points
    requests_price: float = 0
    urgent_price: float = 0
    incidents_price: float = 0
    period: float = 0  # net effect of the period rows
    requests: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    urgent: dict[str, int] = field(default_factory=lambda: dict.fromkeys(URGENT_STATUSES, 0))
    incidents: dict[str, int] = field(default_factory=dict)  # type -> records
    rank: int = 0
    scored: int = 0  # counted reports that are not overdue or pending urgent ones (for total: average)
    total: str = "sum"
    passed: bool | None = None  # 达标 when a pass row applies, else None
    no_praise: bool = False

    @property
    def penalties(self) -> float:
        return self.requests_price + self.urgent_price + self.incidents_price

    @property
    def score(self) -> float:
        if self.total == "average" and self.scored:
            return round_half_up((self.points + self.penalties) / self.scored, 2) + self.period
        return self.points + self.penalties + self.period

    @property
    def breakdown(self) -> dict[str, float]:
        """Where the score comes from (SPEC §6)."""
        return {
            "reports": self.points,
            "requests": self.requests_price,
            "urgent": self.urgent_price,
            "incidents": self.incidents_price,
            "period": self.period,
        }

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
    incidents: list[Incident] = field(default_factory=list)


def tally(ev: Evaluation, period: Period) -> Tally:
    settings = ev.settings
    total = settings.scoring_at(period.end).total
    rows = {
        s.name: SectionRow(s.name, s.head, s.slug, i, quota=s.quota * period.months, total=total)
        for i, s in enumerate(settings.sections)
    }
    items = {name: SectionItems() for name in rows}
    reports = in_period(ev, period)
    people = _count_reports(ev, reports, rows, items)
    requests = [r for r in ev.requests if period.contains(r.deadline)]
    for request in requests:
        for section, status in ev.request_status[request.id].items():
            row = rows[section]
            row.requests[status] += 1
            amount = request_price(settings, request.deadline, section, status)
            row.requests_price += amount
            items[section].prices.append((request.deadline, amount))
            items[section].requests.append((request.deadline, status))
    urgent = [u for u in ev.urgent if u.report.event_time and period.contains(u.report.event_time.date())]
    for state in urgent:
        assert state.report.event_time is not None
        day = state.report.event_time.date()
        for section in state.report.sections:  # per section, never divided
            row = rows[section]
            row.urgent[state.status] += 1
            amount = urgent_price(settings, state.report, section, state.status)
            row.urgent_price += amount
            items[section].prices.append((day, amount))
    for incident in ev.incidents:
        if period.contains(incident.date.date()):
            row = rows[incident.section]
            row.incidents[incident.type] = row.incidents.get(incident.type, 0) + 1
            amount = incident_price(settings, incident)
            row.incidents_price += amount
            items[incident.section].prices.append((incident.date.date(), amount))
            items[incident.section].incidents.append((incident.date.date(), incident.type))
    if has_period_rows(settings):
        for configured in settings.sections:
            result = period_outcome(period, configured, items[configured.name], settings, ev.as_of)
            row = rows[configured.name]
            row.period = result.net
            row.passed = all(result.passed) if result.passed else None
            row.no_praise = result.no_praise
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
        incidents=[i for i in ev.incidents if period.contains(i.date.date())],
    )


def _count_reports(
    ev: Evaluation, reports: list[Report], rows: dict[str, SectionRow], items: dict[str, SectionItems]
) -> dict[tuple[str, str], PersonRow]:
    """Counts and points of the period's reports; a joint report counts for every listed section."""
    unscored = {u.report.path for u in ev.urgent if u.status in ("overdue", "pending")}
    people: dict[tuple[str, str], PersonRow] = {}
    for report in reports:
        score = ev.scores[report.path]
        share = section_share(report, score.points, ev.settings)
        for section in report.sections:
            row = rows[section]
            row.submitted += 1
            row.adopted += score.adopted
            row.adoptions += len(score.adoptions)
            row.instructions += len(score.instructions)
            row.good += score.good
            row.points += share
            row.scored += report.path not in unscored
            items[section].prices.append((report.date.date(), share))
            items[section].reports.append((report.date.date(), report.kind, score.adopted))
        for author in report.authors:  # the whole points, divided among the authors
            key = (author, report.section)
            person = people.setdefault(key, PersonRow(author, report.section, rows[report.section].order))
            person.submitted += 1
            person.adopted += score.adopted
            person.good += score.good
            person.score += score.points / len(report.authors)
    return people


def rank(rows: list[SectionRow]) -> list[SectionRow]:
    """By score, adopted, submitted (descending); equal triples share a rank (1,2,2,4).

    Scores compare as printed (2 decimals): a joint report's thirds (1/3 + 1/3 + 1/3) tie with 1.
    """
    ordered = sorted(rows, key=lambda r: (-number(r.score), -r.adopted, -r.submitted, r.order))
    previous: tuple[float, int, int] | None = None
    for index, row in enumerate(ordered):
        triple = (number(row.score), row.adopted, row.submitted)
        if triple != previous:
            row.rank = index + 1
            previous = triple
        else:
            row.rank = ordered[index - 1].rank
    return ordered


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
                "incidents": dict(r.incidents),
                "breakdown": {key: number(value) for key, value in r.breakdown.items()},
                "passed": r.passed,
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
