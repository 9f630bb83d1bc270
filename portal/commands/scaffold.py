"""``build_stats.py new report|request|incident``: write a correctly named, valid file.

The file is built from options (or answers to prompts), then parsed with
the same schema as every other file before it is written, so what ``new``
writes always passes ``check``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from ..content.discovery import SourceFile, windows_refusal
from ..content.parsing import parse_incident, parse_report, parse_request
from ..model.dates import DateError, Moment, parse_moment
from ..model.names import Unknown
from ..model.objects import Settings
from ..model.problems import Problem, Problems
from ..words import commands as words
from ..words.messages import say
from .context import EXIT_CONTENT, EXIT_IO, EXIT_OK, Invocation


@dataclass(frozen=True)
class Draft:
    path: str  # relative to the site root
    text: str


def _quote(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _free(folder: str, make: Callable[[int], str]) -> str:
    number = 1
    while True:
        name = make(number)
        if not os.path.exists(os.path.join(folder, name)):
            return name
        number += 1


def report_draft(
    settings: Settings,
    root: str,
    docs_dir: str,
    *,
    section: str,
    title: str,
    when: Moment,
    author: str = "",
    urgent: bool = False,
    event_time: str = "",
    request: str = "",
    tags: tuple[str, ...] = (),
) -> tuple[Draft | None, list[Problem]]:
    """A report dated ``when`` (a day, or a time to the minute as :func:`report_moment` gives it)."""
    found = settings.section(section)
    day = when.day
    lines = [f"title: {_quote(title)}", f"section: {found.name if found else section}"]
    if author:
        lines.append(f"author: {_quote(author)}")
    clock = "%Y-%m-%d %H:%M:%S" if when.at.second else "%Y-%m-%d %H:%M"
    lines.append(f"date: {when.at.strftime(clock) if when.has_time else day.isoformat()}")
    if urgent:
        lines += ["urgent: true", f"event_time: {event_time}", words.REPORT_REPORTED_TIME]
    if request:
        lines.append(f"request: {request}")
    if tags:
        lines.append(f"tags: [{', '.join(_quote(t) for t in tags)}]")
    lines += [words.REPORT_ADOPTED, words.REPORT_CLASSIFICATION]
    text = words.REPORT.format(fields="\n".join(lines))
    slug = found.slug if found else "x"
    folder = os.path.join(docs_dir, "reports", f"{day.year}", f"{day.month:02d}")
    name = _free(folder, lambda n: f"{day.isoformat()}-{slug}-{n}.md")
    return _validated(text, root, docs_dir, os.path.join(folder, name), "reports", settings)


def unknown_section(settings: Settings, name: str) -> str | None:
    """The one error ``new`` gives for a ``--section`` that is no configured section or alias (None: it is one)."""
    found = settings.names.section(name)
    if not isinstance(found, Unknown):
        return None
    hint = say("recording.new_hint", name=found.near) if found.near else ""
    names = words.listed(s.name for s in settings.sections)
    return say("recording.new_unknown_section", value=name, hint=hint, names=names)


def report_moment(option: str | None, event_time: str, now: datetime, tz: tzinfo) -> Moment:
    """When a new report is dated: ``--date`` as written, else the current minute.

    An urgent report is never dated before its event: a day alone that is the event's day gives the event's
    minute; an earlier date, or an event after the current minute when no ``--date`` is given, is a
    :class:`DateError` in the catalogue's words.  An ``event_time`` that does not parse is left for the
    field's own check.
    """
    if option:
        when = parse_moment(option, tz)
    else:
        when = Moment(now.astimezone(tz).replace(second=0, microsecond=0), True)
    try:
        event = parse_moment(event_time, tz) if event_time else None
    except DateError:
        event = None
    if event is None or not event.has_time or when.at >= event.at:
        return when
    if option and not when.has_time and when.day == event.day:
        return Moment(event.at, True)
    shown = f"{event.at:%Y-%m-%d %H:%M}"
    if not option:
        raise DateError(say("recording.new_event_later", event=shown, now=f"{when.at:%Y-%m-%d %H:%M}"))
    raise DateError(say("recording.new_before_event", date=option.strip(), event=shown))


def request_draft(
    settings: Settings,
    root: str,
    docs_dir: str,
    *,
    title: str,
    issued: date,
    deadline: date,
    sections: tuple[str, ...] = (),
    id_: str = "",
) -> tuple[Draft | None, list[Problem]]:
    folder = os.path.join(docs_dir, "requests")
    if id_:
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", id_):
            return None, [Problem("--id", 1, "id", say("commands.id"))]
        name = f"{id_}.md"
    else:
        name = _free(folder, lambda n: f"YG-{issued.year}-{n:02d}.md")
    lines = [f"title: {_quote(title)}", f"issued: {issued.isoformat()}", f"deadline: {deadline.isoformat()}"]
    if sections:
        lines.append(f"sections: [{', '.join(sections)}]")
    text = words.REQUEST.format(fields="\n".join(lines))
    if os.path.exists(os.path.join(folder, name)):
        return None, [
            Problem(
                os.path.relpath(os.path.join(folder, name), root),
                1,
                "id",
                say("commands.request_exists"),
            )
        ]
    return _validated(text, root, docs_dir, os.path.join(folder, name), "requests", settings)


def incident_draft(
    settings: Settings, root: str, docs_dir: str, *, section: str, type_: str, day: date, report: str = ""
) -> tuple[Draft | None, list[Problem]]:
    """An incident record (SPEC §3.4) under ``incidents/YYYY/``; its ``report`` must be an existing file."""
    found = settings.section(section)
    lines = [f"section: {found.name if found else section}", f"date: {day.isoformat()}", f"type: {_quote(type_)}"]
    report = report.replace("\\", "/").lstrip("/")
    if report.startswith(os.path.basename(docs_dir.rstrip(os.sep)) + "/"):
        report = report.split("/", 1)[1]  # content/reports/… given from the site root
    if report:
        if not os.path.isfile(os.path.join(docs_dir, report)):
            return None, [Problem("--report", 1, "report", say("commands.no_such_report", report=report))]
        refused = _not_submitted(report, root, docs_dir, settings)
        if refused:
            return None, [Problem("--report", 1, "report", refused)]
        lines.append(f"report: {_quote(report)}")
    text = words.INCIDENT.format(fields="\n".join(lines))
    slug = found.slug if found else "x"
    folder = os.path.join(docs_dir, "incidents", f"{day.year}")
    name = _free(folder, lambda n: f"{day.isoformat()}-{slug}-{n}.md")
    return _validated(text, root, docs_dir, os.path.join(folder, name), "incidents", settings)


def _not_submitted(report: str, root: str, docs_dir: str, settings: Settings) -> str | None:
    """Why an incident may not name this report (SPEC §3.4: a draft, or a file that is no valid report), or None."""
    full = os.path.join(docs_dir, report)
    source = SourceFile(full, os.path.relpath(full, root).replace(os.sep, "/"), report, "reports")
    try:
        with open(full, "rb") as handle:
            parsed, _ = parse_report(handle.read(), source, settings, Problems())
    except OSError as exc:
        return say("safety.new_incident_unreadable_report", report=report, reason=exc.strerror or exc)
    if parsed is None:
        return say("safety.new_incident_broken_report", report=report)
    if parsed.draft:
        return say("safety.new_incident_draft_report", report=report)
    return None


def _validated(
    text: str, root: str, docs_dir: str, full: str, kind: str, settings: Settings
) -> tuple[Draft | None, list[Problem]]:
    rel = os.path.relpath(full, root).replace(os.sep, "/")
    refusal = windows_refusal(os.path.basename(full))
    if refusal:
        return None, [Problem(rel, 1, "file", refusal)]
    source = SourceFile(full, rel, os.path.relpath(full, docs_dir).replace(os.sep, "/"), kind)
    problems = Problems()
    parse: Any = {"reports": parse_report, "requests": parse_request, "incidents": parse_incident}[kind]
    parsed, _ = parse(text.encode("utf-8"), source, settings, problems)
    if parsed is None or problems.errors:
        return None, problems.errors
    return Draft(rel, text), []


def write(draft: Draft, root: str) -> str:
    full = os.path.join(root, draft.path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    created = False
    try:
        with open(full, "x", encoding="utf-8") as handle:
            created = True
            handle.write(draft.text)
    except OSError:
        if created:  # a half-written file (disk full) is not left behind
            with contextlib.suppress(OSError):
                os.unlink(full)
        raise
    return full


def write_or_report(inv: Invocation, draft: Draft | None, problems: Sequence[Problem]) -> int:
    """Write a checked draft in the site's folder, or list why there is none; the exit code (0 written, 1 content,
    4 cannot write).
    """
    if draft is None:
        for problem in problems:
            print(problem.format(), file=inv.err)
        return EXIT_CONTENT
    try:
        write(draft, inv.root)
    except OSError as exc:
        print(say("cli.cannot_write", output=draft.path, reason=exc.strerror or exc), file=inv.err)
        return EXIT_IO
    shown = os.path.relpath(os.path.join(inv.root, draft.path)).replace(os.sep, "/")  # from the current folder
    print(say("cli.wrote", output=shown), file=inv.out)
    return EXIT_OK
