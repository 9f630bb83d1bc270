"""One page per content file.

A report or a request with its panel, a file that failed its checks, the guide's scoring table.
"""

from __future__ import annotations

import re
from typing import Any

from ...content.periodicals import issues_of
from ...content.sanitize import inert
from ...figures.history import Entry, chinese_time
from ...figures.scoring import incident_exists
from ...model.objects import Incident, Report, Request
from ...model.problems import Problem
from ...words.messages import say
from ...words.pages import TITLES, incident_title
from .render import Context, front_matter, h1, one_block, relative, with_panel

#: Where a Markdown page (the staff guide) wants the configured scoring table.
SCORING_MARKER = "<!-- portal:scoring -->"
_H1_RE = re.compile(r"\A\s*#[ \t]+(\S[^\n]*)(?:\n|\Z)")


def report_page(cx: Context, report: Report, history: tuple[Entry, ...] | None = None) -> str:
    """The report's page; ``history``: its 修改记录 (:func:`portal.figures.history.entries`; None: not available)."""
    body = report.body
    match = _H1_RE.match(body)
    if match:
        body = body[match.end() :]
    score = cx.ev.scores.get(report.path)
    meta: dict[str, Any] = {"title": inert(report.title)}
    if report.tags:
        meta["tags"] = [inert(t) for t in report.tags]
    panel = cx.fragment(
        "report_meta.html.j2",
        p=cx,
        r=report,
        score=score,
        request=cx.requests_by_id.get(report.request) if report.request else None,
        urgent=cx.urgent_by_path.get(report.path),
        link=lambda target: relative(cx.url(report.src_uri), cx.url(target)),
        counted=score is not None,
        as_of=cx.ev.as_of,
        incidents=[i for i in cx.ev.incidents if i.report == report.src_uri],
        issues=issues_of(cx.content.issues, report),
        history=history,
        when=lambda entry: chinese_time(entry, cx.settings.tz),
        say=say,
    )
    return with_panel(f"---\n{front_matter(meta)}\n---\n\n{h1(report.title)}", panel, body)


def request_page(cx: Context, request: Request) -> str:
    panel = cx.fragment(
        "request_meta.html.j2",
        p=cx,
        q=request,
        status=cx.ev.request_status.get(request.id),
        answers=cx.answers,
        link=lambda target: relative(cx.url(request.src_uri), cx.url(target)),
    )
    front = front_matter({"title": inert(request.title)})
    return with_panel(f"---\n{front}\n---\n\n{h1(request.title)}", panel, request.body)


def incident_page(cx: Context, incident: Incident) -> str:
    """An incident record (SPEC §3.4): what, whom, when, about which report, and the office's text."""
    report = next((r for r in cx.content.reports if r.src_uri == incident.report), None) if incident.report else None
    panel = cx.fragment(
        "incident_meta.html.j2",
        p=cx,
        i=incident,
        report=report,
        counted=incident_exists(incident, cx.ev.as_of),
        link=lambda target: relative(cx.url(incident.src_uri), cx.url(target)),
    )
    title = incident_title(incident.section, incident.type)
    body = _H1_RE.sub("", incident.body, count=1)
    return f"---\n{front_matter({'title': inert(title)})}\n---\n\n{h1(title)}\n\n{one_block(panel)}\n\n{body.strip()}\n"


def broken_page(cx: Context, path: str, problems: list[Problem]) -> str:
    body = cx.fragment("broken.md.j2", path=path, problems=problems)
    return f"---\ntitle: {TITLES['broken']}\n---\n\n{body}"


def with_scoring_table(cx: Context, markdown: str) -> str:
    """``markdown`` with :data:`SCORING_MARKER` replaced by the configured prices as an HTML table."""
    if SCORING_MARKER not in markdown:
        return markdown
    return markdown.replace(SCORING_MARKER, one_block(cx.fragment("scoring.html.j2", s=cx.settings)))
