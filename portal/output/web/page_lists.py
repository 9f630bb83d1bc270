"""List pages: urgent events, requests, reports by month."""

from __future__ import annotations

from ...model.dates import Period
from ...words.pages import TITLES, month_reports_title
from ...words.vocabulary import STATUS_LABELS
from .render import Context, stats_meta


def overdue(cx: Context) -> str:
    groups = {s: [u for u in cx.ev.urgent if u.status == s] for s in ("overdue", "pending", "late", "on_time")}
    return cx.render("overdue.md.j2", "overdue/index.md", stats_meta(TITLES["overdue"]), groups=groups)


def request_index(cx: Context) -> str:
    rows = []
    for request in sorted(cx.ev.requests, key=lambda r: (r.deadline, r.id), reverse=True):
        status = cx.ev.request_status[request.id]
        counts = {s: sum(1 for v in status.values() if v == s) for s in STATUS_LABELS if s != "overdue"}
        rows.append((request, counts))
    return cx.render(
        "requests.md.j2",
        "requests/index.md",
        stats_meta(TITLES["requests"]),
        rows=rows,
        future=[r for r in cx.content.requests if r not in cx.ev.requests],
        intro=cx.landing.get("requests/index.md", ""),
    )


def report_index(cx: Context) -> str:
    return cx.render(
        "reports_index.md.j2",
        "reports/index.md",
        stats_meta(TITLES["reports"]),
        rows=[(m, len(cx.ev.by_month.get(m.key, []))) for m in reversed(cx.months)],
        intro=cx.landing.get("reports/index.md", ""),
    )


def month_reports(cx: Context, period: Period) -> str:
    src = cx.month_list_src(period)
    return cx.render(
        "month_reports.md.j2",
        src,
        stats_meta(month_reports_title(period.label)),
        period=period,
        reports=list(reversed(cx.ev.by_month.get(period.key, []))),
        intro=cx.landing.get(src, ""),
    )


def lists(cx: Context) -> dict[str, str | bytes]:
    out: dict[str, str | bytes] = {
        "overdue/index.md": overdue(cx),
        "requests/index.md": request_index(cx),
        "reports/index.md": report_index(cx),
    }
    for period in cx.months:
        out[cx.month_list_src(period)] = month_reports(cx, period)
    return out
