"""``check --review``: what a merge request's reports must also satisfy (issue 27 point 4).

A report is 报送 when its merge request opens, so nothing in it may lie after that moment: its ``date``,
its adoptions', 批示' and ``reported_time``'s dates must not be later than ``now`` (the clock the command line
passes).  A build does not ask this (a report dated after ``as_of`` is only "not counted yet"), and neither
does a plain ``check``.  When ``extra.portal.review.require_signed_by`` is on, every report of the merge
request that is not a draft names who 签发ed it (``signed_by``): the section head's sign-off, written in the
file so it is in the history and on the page (see docs/decisions.md, issue 27).

Only the files given (the ones the merge request changes) are looked at; none given: every report.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection
from datetime import datetime

from ..words.messages import say
from ..model.objects import Content, Report, Settings
from ..model.problems import Problem


def review_problems(
    content: Content, settings: Settings, now: datetime, root: str, paths: Collection[str] = ()
) -> list[Problem]:
    """The review's problems of the reports at ``paths`` (relative to ``root``, the site's folder)."""
    wanted = {os.path.normpath(p).replace(os.sep, "/") for p in paths}
    found: list[Problem] = []
    for report in content.reports:
        if wanted and report.path not in wanted:
            continue
        lines = _field_lines(os.path.join(root, report.path))
        found += _future(report, settings, now, lines)
        if settings.require_signed_by and not report.draft and not report.signed_by.strip():
            head = next((s.head for s in settings.sections if s.name == report.section and s.head), "")
            found.append(
                Problem(report.path, lines.get("title", 1), "signed_by", say("review.no_signed_by", head=head or "…"))
            )
    return found


def _future(report: Report, settings: Settings, now: datetime, lines: dict[str, int]) -> list[Problem]:
    later: list[tuple[int, str, datetime]] = []
    if report.date > now:
        later.append((lines.get("date", 1), "date", report.date))
    for index, adoption in enumerate(report.adoptions):
        if adoption.date is not None and adoption.date > now:
            later.append((adoption.line or lines.get("adopted", 1), f"adopted[{index}].date", adoption.date))
    for index, instruction in enumerate(report.instructions):
        if instruction.date is not None and instruction.date > now:
            later.append(
                (instruction.line or lines.get("instructions", 1), f"instructions[{index}].date", instruction.date)
            )
    for name, moment in (("event_time", report.event_time), ("reported_time", report.reported_time)):
        if moment is not None and moment > now:
            later.append((lines.get(name, 1), name, moment))
    local_now = now.astimezone(settings.tz)
    return [
        Problem(
            report.path,
            line,
            name,
            say("review.future", value=_moment(when, settings), now=f"{local_now:%Y-%m-%d %H:%M}"),
        )
        for line, name, when in later
    ]


def _moment(when: datetime, settings: Settings) -> str:
    local = when.astimezone(settings.tz)
    return f"{local:%Y-%m-%d}" if (local.hour, local.minute) == (0, 0) else f"{local:%Y-%m-%d %H:%M}"


_KEY_RE = re.compile(r"^([A-Za-z_]+):")


def _field_lines(path: str) -> dict[str, int]:
    """The line of each top-level front-matter key of the file (empty when it cannot be read)."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return {}
    found: dict[str, int] = {}
    for number, line in enumerate(text.splitlines()[1:], start=2):
        if line.rstrip() == "---":
            break
        match = _KEY_RE.match(line)
        if match:
            found.setdefault(match.group(1), number)
    return found
