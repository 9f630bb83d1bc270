"""The home page: alerts (overdue, missed, due soon), this month's standings, latest adoptions and reports."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from ...figures.status import UrgentState
from ...model.objects import Adoption, Report, Request
from ...words.pages import TITLES, scores_chart
from ...words.vocabulary import H
from ..bulletin import ranked
from . import charts
from .render import Context, one_block

DUE_SOON_DAYS = 7
#: The home page shows what needs action now: overdue urgent events and missed requests whose time limit fell
#: within the last RECENT_DAYS days; older ones are counted in one line that links their page (issue 25).
RECENT_DAYS = 30


def request_alerts(cx: Context) -> tuple[list[tuple[Request, list[str]]], list[tuple[Request, list[str]]]]:
    """Requests due within :data:`DUE_SOON_DAYS` with sections still to answer, and requests with missed sections
    whose deadline is within the last :data:`RECENT_DAYS` days.
    """
    as_of = cx.ev.as_of.date()
    due_soon, missed = [], []
    for request in cx.ev.requests:
        status = cx.ev.request_status[request.id]
        waiting = [s for s, v in status.items() if v == "pending"]
        if waiting and request.deadline - as_of <= timedelta(days=DUE_SOON_DAYS):
            due_soon.append((request, waiting))
        lost = [s for s, v in status.items() if v == "missed"]
        if lost and as_of - request.deadline <= timedelta(days=RECENT_DAYS):
            missed.append((request, lost))
    return due_soon, missed


def overdue_alerts(cx: Context) -> tuple[list[UrgentState], int]:
    """Overdue urgent events due within the last :data:`RECENT_DAYS` days, and how many older ones there are."""
    cutoff = cx.ev.as_of - timedelta(days=RECENT_DAYS)
    overdue = [u for u in cx.ev.urgent if u.status == "overdue"]
    recent = [u for u in overdue if u.due is not None and u.due >= cutoff]
    return recent, len(overdue) - len(recent)


def latest_adoptions(cx: Context, count: int = 10) -> list[tuple[Adoption, Report]]:
    return sorted(
        ((a, r) for r in cx.ev.reports for a in cx.ev.scores[r.path].adoptions),
        key=lambda ar: (ar[0].date or ar[1].date, ar[1].path),
        reverse=True,
    )[:count]


def home(cx: Context) -> str:
    t = cx.tally(cx.now_month)
    due_soon, missed = request_alerts(cx)
    chart = charts.bars(
        scores_chart(cx.now_month.label),
        [r.section for r in t.sections],
        [(H["score"], [r.score for r in t.sections])],
    )
    overdue, older = overdue_alerts(cx)
    values: dict[str, Any] = {
        "t": t,
        "ranked": ranked(t.sections),
        "overdue": overdue,
        "older_overdue": older,
        "recent_days": RECENT_DAYS,
        "due_soon": due_soon,
        "missed": missed,
        "pending_urgent": [u for u in cx.ev.urgent if u.status == "pending"],
        "adoptions": latest_adoptions(cx),
        "latest": list(reversed(cx.ev.reports[-10:])),
        "chart": chart,
    }
    page = cx.render(
        "home.md.j2",
        "index.md",
        {"title": TITLES["home"], "hide": ["navigation", "toc"]},
        intro=cx.landing.get("index.md", ""),
        **values,
    )
    return with_alarm(cx, page)


def with_alarm(cx: Context, page: str) -> str:
    """The page with the build's content problems listed on top (``mkdocs serve`` keeps serving them)."""
    alarm = cx.fragment(
        "problems.html.j2",
        problems=[x for x in cx.problems if x.is_error],
        warnings=[x for x in cx.problems if not x.is_error],
    )
    if not alarm.strip():
        return page
    head, _, rest = page.partition("\n---\n\n")
    return f"{head}\n---\n\n{one_block(alarm)}\n\n{rest}"
