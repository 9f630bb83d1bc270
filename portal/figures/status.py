"""Status of appointment notices and of urgent events (SPEC §5).

Request, per asked section: ``on_time`` (the first counted answer is dated on
or before the deadline day), ``late`` (it is after), ``missed`` (no answer
and the deadline day has passed), ``pending`` (no answer yet, still time).

Urgent event, with ``due = event_time + urgent_limit_hours``: ``on_time``
(reported by due), ``late`` (reported after due), ``overdue`` (not reported
and due has passed), ``pending`` (otherwise).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from ..model.objects import Report, Request, Settings
from .scoring import exists

STATUSES = ("on_time", "late", "missed", "pending")
URGENT_STATUSES = ("on_time", "late", "overdue", "pending")


def request_exists(request: Request, as_of: datetime) -> bool:
    """A request issued after ``as_of`` does not exist yet."""
    return request.issued <= as_of.date()


def first_answers(reports: Iterable[Report], as_of: datetime) -> dict[tuple[str, str], Report]:
    """``(request id, section) → first counted answer`` (by date, then path)."""
    first: dict[tuple[str, str], Report] = {}
    for report in reports:
        if not report.request or not exists(report, as_of):
            continue
        for section in report.sections:  # a joint report answers for each listed section
            key = (report.request, section)
            if key not in first or (report.date, report.path) < (first[key].date, first[key].path):
                first[key] = report
    return first


def request_status(request: Request, answers: dict[tuple[str, str], Report], as_of: datetime) -> dict[str, str]:
    """Status of each asked section, in the request's (config) order."""
    status = {}
    for section in request.sections:
        answer = answers.get((request.id, section))
        if answer is not None:
            status[section] = "on_time" if answer.date.date() <= request.deadline else "late"
        else:
            status[section] = "missed" if as_of.date() > request.deadline else "pending"
    return status


@dataclass(frozen=True)
class UrgentState:
    report: Report
    due: datetime
    reported_time: datetime | None  # as known at as_of
    status: str


def urgent_state(report: Report, settings: Settings, as_of: datetime) -> UrgentState:
    assert report.event_time is not None  # guaranteed by validation for urgent reports
    # elapsed hours, not wall-clock hours: across a daylight-saving change (a configured zone
    # other than Asia/Shanghai) 2 hours after 01:30 is 04:30, not 03:30
    elapsed = report.event_time.astimezone(timezone.utc) + timedelta(hours=settings.urgent_limit(report.severity))
    due = elapsed.astimezone(settings.tz)
    reported = report.reported_time if report.reported_time and report.reported_time <= as_of else None
    if reported is not None:
        status = "on_time" if reported <= due else "late"
    else:
        status = "overdue" if as_of > due else "pending"
    return UrgentState(report, due, reported, status)
