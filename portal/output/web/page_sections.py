"""Section pages: the list of sections and one page per section (months, people of the year, reports)."""

from __future__ import annotations

from ...model.dates import Period, period_containing
from ...words.pages import TITLES, month_label, trend_chart
from ...words.vocabulary import H
from ..bulletin import ranked
from . import charts
from .render import Context, stats_meta


def section_index(cx: Context) -> str:
    t = cx.tally(cx.now_month)
    year_t = cx.tally(period_containing(cx.ev.as_of.date(), "year"))
    rows = [
        (
            s,
            next(r for r in t.sections if r.section == s.name),
            next(r for r in year_t.sections if r.section == s.name),
        )
        for s in cx.settings.sections
    ]
    return cx.render(
        "sections.md.j2", "sections/index.md", stats_meta(TITLES["sections"]), rows=rows, year=year_t.period
    )


def month_labels(periods: list[Period]) -> list[str]:
    """Chinese month labels along a chart's axis: ``2026年1月`` for the first and for each January, else ``2月``."""
    return [month_label(p.start.year, p.start.month, i == 0 or p.start.month == 1) for i, p in enumerate(periods)]


def section_page(cx: Context, name: str) -> str:
    section = next(s for s in cx.settings.sections if s.name == name)
    months = []
    ranked_months = {}  # a month with nothing reported ranks nobody
    for period in reversed(cx.months):
        rows = cx.tally(period).sections
        months.append((period, next(r for r in rows if r.section == name)))
        ranked_months[period.key] = ranked(rows)
    reports = [r for r in reversed(cx.content.reports) if name in r.sections and not r.draft and r.date <= cx.ev.as_of]
    incidents = [i for i in reversed(cx.ev.incidents) if i.section == name]
    recent = list(reversed(months[:12]))
    chart = charts.trend(
        trend_chart(name, len(recent)),
        month_labels([p for p, _ in recent]),
        [
            (H["submitted"], [r.submitted for _, r in recent]),
            (H["adopted"], [r.adopted for _, r in recent]),
            (H["score"], [max(r.score, 0) for _, r in recent]),
        ],
    )
    people = [p for p in cx.tally(period_containing(cx.ev.as_of.date(), "year")).people if p.section == name]
    concerned = {i.report for i in incidents if i.report}
    titles = {r.src_uri: r.title for r in cx.content.reports if r.src_uri in concerned}
    return cx.render(
        "section.md.j2",
        cx.section_src(name),
        stats_meta(name),
        section=section,
        months=months,
        reports=reports,
        chart=chart,
        people=people,
        incidents=incidents,
        titles=titles,
        ranked_months=ranked_months,
    )


def sections(cx: Context) -> dict[str, str | bytes]:
    out: dict[str, str | bytes] = {"sections/index.md": section_index(cx)}
    for section in cx.settings.sections:
        out[cx.section_src(section.name)] = section_page(cx, section.name)
    return out
