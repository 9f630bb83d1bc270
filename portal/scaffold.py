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
from datetime import date
from typing import Any, TextIO

from .discovery import SourceFile
from .messages import say
from .model import Settings
from .parsing import parse_incident, parse_report, parse_request
from .problems import Problem, Problems


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
    day: date,
    author: str = "",
    urgent: bool = False,
    event_time: str = "",
    request: str = "",
    tags: tuple[str, ...] = (),
) -> tuple[Draft | None, list[Problem]]:
    found = settings.section(section)
    lines = [f"title: {_quote(title)}", f"section: {found.name if found else section}"]
    if author:
        lines.append(f"author: {_quote(author)}")
    lines.append(f"date: {day.isoformat()}")
    if urgent:
        lines += ["urgent: true", f"event_time: {event_time}", "# reported_time: 上报后填写 YYYY-MM-DD HH:MM"]
    if request:
        lines.append(f"request: {request}")
    if tags:
        lines.append(f"tags: [{', '.join(_quote(t) for t in tags)}]")
    lines += ["# adopted: 被采用后填写采用单位，如 县委办", "classification: 内部"]
    text = "---\n" + "\n".join(lines) + "\n---\n\n（正文：一是……二是……三是……）\n"
    slug = found.slug if found else "x"
    folder = os.path.join(docs_dir, "reports", f"{day.year}", f"{day.month:02d}")
    name = _free(folder, lambda n: f"{day.isoformat()}-{slug}-{n}.md")
    return _validated(text, root, docs_dir, os.path.join(folder, name), "reports", settings)


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
    text = (
        "---\n" + "\n".join(lines) + "\n---\n\n## 约稿内容\n\n（写明需要反映的工作、数据和典型做法）\n\n"
        "## 报送要求\n\n字数 800 字以内，按时报送；逾期按迟报计。\n"
    )
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
        lines.append(f"report: {_quote(report)}")
    text = "---\n" + "\n".join(lines) + "\n---\n\n（写明通报或查实的情况、依据和处理意见）\n"
    slug = found.slug if found else "x"
    folder = os.path.join(docs_dir, "incidents", f"{day.year}")
    name = _free(folder, lambda n: f"{day.isoformat()}-{slug}-{n}.md")
    return _validated(text, root, docs_dir, os.path.join(folder, name), "incidents", settings)


def _validated(
    text: str, root: str, docs_dir: str, full: str, kind: str, settings: Settings
) -> tuple[Draft | None, list[Problem]]:
    rel = os.path.relpath(full, root).replace(os.sep, "/")
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


def write_or_report(draft: Draft | None, problems: Sequence[Problem], root: str, out: TextIO, err: TextIO) -> int:
    """Write a checked draft, or list why there is none; the exit code (0 written, 1 content, 4 cannot write)."""
    if draft is None:
        for problem in problems:
            print(problem.format(), file=err)
        return 1
    try:
        write(draft, root)
    except OSError as exc:
        print(say("cli.cannot_write", output=draft.path, reason=exc.strerror or exc), file=err)
        return 4
    print(say("cli.wrote", output=draft.path), file=out)
    return 0
