"""Parsing: one file at a time, from bytes to a report, a request or a checked page text.

Every text rule runs here on every file (decoding, front-matter, personal
data per :mod:`portal.content.privacy`, classified markings and outside resources per
:mod:`portal.content.sanitize`), then the kind's field table (:mod:`portal.content.fields`).
No check here looks at another file; those are in :mod:`portal.content.loader`.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from . import privacy
from .discovery import KINDS, SourceFile
from .frontmatter import READ_LIMIT, Map, decode, field_at, parse_yaml, split
from ..words.messages import say
from ..model.objects import BulletinNote, Incident, Issue, Report, Request, Settings
from .notes import make_note, note_period
from ..model.problems import Problem, Problems
from .sanitize import classified_markings, external_resources
from .fields import INCIDENT_FIELDS, REPORT_FIELDS, REQUEST_FIELDS, FieldContext, Field, parse_fields

_HEADING_RE = re.compile(r"^#[ \t]+(\S.*)$", re.MULTILINE)
# alt text without brackets: every scan stops at the next '[', so "![" × 450,000 stays linear
_IMAGE_RE = re.compile(r"!\[[^\[\]]*\]\(|<img\b", re.IGNORECASE)
# the literal '.' first lets the scan skip ahead; the tag is looked for only when there is a '<'
_VIDEO_RE = re.compile(r"\.(?i:mp4|webm|ogv|mov|m4v|avi|flv|mkv)\b")
_VIDEO_TAG_RE = re.compile(r"<video\b", re.IGNORECASE)


def media(body: str) -> tuple[str, ...]:
    """``image`` when the body embeds an image, ``video`` when it links a video file (SPEC §4.1's ``media``)."""
    tag = "<" in body
    image = (tag or "![" in body) and _IMAGE_RE.search(body)
    video = ("." in body and _VIDEO_RE.search(body)) or (tag and _VIDEO_TAG_RE.search(body))
    return (("image",) if image else ()) + (("video",) if video else ())


def _heading_text(line: str) -> str:
    """``标题 ##`` → ``标题``: an ATX heading without its optional closing hashes (string ops, no regex)."""
    text = line.rstrip(" \t")
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1] in " \t"):
        text = bare.rstrip(" \t")
    return text.strip() or line.strip()


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _field_at(root: Map | None, body_line: int, line: int) -> str:
    return "body" if line >= body_line or root is None else field_at(root, line)


_CONFLICT_RE = re.compile(r"^(<{7}|>{7})(?: |$)", re.MULTILINE)


def _conflict_markers(text: str, path: str, problems: Problems) -> bool:
    """Lines a git merge leaves when both sides changed the file: an error, before anything else is read."""
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return False
    found = False
    lines = text.split("\n")
    closer = (
        max((i for i, line in enumerate(lines) if line.rstrip() == "---"), default=-1) if text.startswith("---") else -1
    )
    for match in _CONFLICT_RE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if match.group(1)[0] == ">" and found:
            continue  # one message per conflict, at its start
        found = True
        problems.error(
            path,
            line,
            "front-matter" if 1 < line <= closer else "body",
            say("install.merge_conflict"),
        )
    return found


def _read(
    data: bytes, path: str, settings: Settings, problems: Problems, required: bool = True
) -> tuple[Map | None, str, int, str] | None:
    """Decode, apply text rules, split and parse; ``(root, body, body_line, text)`` or None."""
    text, errors = decode(data)
    for err in errors:
        problems.error(path, err.line, err.field, err.message)
    if text is None or _conflict_markers(text, path, problems):
        return None
    screened = privacy.screen(text, settings)
    text = screened.text
    parts = split(text)
    for err in parts.errors:
        problems.error(path, err.line, err.field, err.message)
    root = None
    if parts.yaml_text is None and not parts.errors and required:
        problems.error(
            path,
            1,
            "front-matter",
            say("parsing.no_frontmatter"),
        )
    if parts.yaml_text is not None:
        root, yaml_errors = parse_yaml(parts.yaml_text)
        for err in yaml_errors:
            problems.error(path, err.line, err.field, err.message)
    for finding, line in screened.exposures:
        problems.error(path, line, _field_at(root, parts.body_line, line), privacy.message(finding, settings))
    for line, marking in classified_markings(text):
        where = _field_at(root, parts.body_line, line)
        if where == "classification":
            continue  # the classification field's own check refuses it, with the same advice
        problems.error(
            path,
            line,
            where,
            say("parsing.classified_marking", marking=marking),
        )
    for offset, url in external_resources(parts.body):
        problems.error(
            path,
            parts.body_line + parts.body.count("\n", 0, offset),
            "body",
            say("parsing.external", url=url),
        )
    return root, parts.body, parts.body_line, text


def _fields(
    data: bytes, path: str, settings: Settings, problems: Problems, table: dict[str, Field]
) -> tuple[Map, str, dict[str, Any], dict[str, int]] | None:
    """Read a file and run its field table: ``(front-matter, body, values, key lines)``, or None."""
    read = _read(data, path, settings, problems)
    if read is None or read[0] is None:
        return None
    values, lines = parse_fields(read[0], table, FieldContext(settings, path, problems))
    return read[0], read[1], values, lines


def _doubled_adoptions(adoptions: Any, lines: dict[str, int], path: str, problems: Problems) -> None:
    """The same adoption written twice would count twice under ``adoption: sum``: an error."""
    seen: set[Any] = set()
    for item in adoptions:
        if item in seen:
            when = f"，{item.date:%Y-%m-%d}" if item.date is not None else ""
            problems.error(
                path,
                item.line or lines.get("adopted", 1),
                item.where or "adopted",
                say("parsing.doubled_adoption", by=item.by, when=when),
            )
        seen.add(item)


def _not_before(day: Any, values: dict[str, Any], path: str, problems: Problems) -> None:
    """An adoption or instruction dated before the report is an error."""
    for item in (*values.get("adopted", ()), *values.get("instructions", ())):
        if item.date is not None and item.date.date() < day:
            kind = "adopted" if item.where.startswith("adopted") else "instructions"
            problems.error(
                path,
                item.line,
                item.where or kind,
                say("parsing.before_report", date=f"{item.date:%Y-%m-%d}", day=day),
            )


def parse_report(
    data: bytes, source: SourceFile, settings: Settings, problems: Problems
) -> tuple[Report | None, dict[str, int]]:
    path = source.path
    before = len(problems.errors)
    parsed = _fields(data, path, settings, problems, REPORT_FIELDS)
    if parsed is None:
        return None, {}
    root, body, values, lines = parsed
    title = values.get("title")
    if title is None and "title" not in root.items:
        heading = _HEADING_RE.search(body)
        if heading:
            title = _heading_text(heading.group(1))
        else:
            problems.error(path, 1, "title", say("parsing.no_title"))
    date = values.get("date")
    _doubled_adoptions(values.get("adopted", ()), lines, path, problems)
    if values.get("urgent") and "event_time" not in root.items:
        problems.error(
            path,
            1,
            "event_time",
            say("parsing.no_event_time"),
        )
    event, reported = values.get("event_time"), values.get("reported_time")
    if event and reported and reported.at < event.at:
        problems.error(
            path,
            lines["reported_time"],
            "reported_time",
            say("parsing.reported_before_event", event=f"{event.at:%Y-%m-%d %H:%M}"),
        )
    if date is not None:
        _not_before(date.day, values, path, problems)
    if len(problems.errors) > before:
        return None, lines
    return Report(
        path=path,
        src_uri=source.src_uri,
        title=title or "",
        section=values["section"][0],
        date=values["date"].at,
        author=values.get("author", ("",))[0],
        adoptions=values.get("adopted", ()),
        instructions=values.get("instructions", ()),
        urgent=values.get("urgent", False),
        event_time=event.at if event else None,
        reported_time=reported.at if reported else None,
        request=values.get("request", ""),
        tags=values.get("tags", ()),
        draft=values.get("draft", False),
        classification=values.get("classification", "内部"),
        body=body,
        sections=values["section"],
        authors=values.get("author", ()),
        media=media(body),
        **{key: values.get(key, "") for key in ("kind", "severity", "signed_by")},
    ), lines


def parse_incident(
    data: bytes, source: SourceFile, settings: Settings, problems: Problems
) -> tuple[Incident | None, dict[str, int]]:
    """An incident record (SPEC §3.4); whether its ``report`` exists is checked in :mod:`portal.content.loader`."""
    before = len(problems.errors)
    parsed = _fields(data, source.path, settings, problems, INCIDENT_FIELDS)
    if parsed is None:
        return None, {}
    _, body, values, lines = parsed
    if len(problems.errors) > before:
        return None, lines
    report = posixpath.normpath(values["report"].replace("\\", "/")).lstrip("/") if "report" in values else ""
    return Incident(
        source.path,
        source.src_uri,
        values["section"],
        values["date"].at,
        values["type"],
        report,
        values.get("draft", False),
        body,
    ), lines


def parse_request(
    data: bytes, source: SourceFile, settings: Settings, problems: Problems
) -> tuple[Request | None, dict[str, int]]:
    path = source.path
    before = len(problems.errors)
    parsed = _fields(data, path, settings, problems, REQUEST_FIELDS)
    if parsed is None:
        return None, {}
    _, body, values, lines = parsed
    issued, deadline = values.get("issued"), values.get("deadline")
    if issued and deadline and deadline < issued:
        problems.error(path, lines["deadline"], "deadline", say("parsing.deadline_before_issued", issued=issued))
    if len(problems.errors) > before:
        return None, lines
    stem = posixpath.splitext(posixpath.basename(source.src_uri))[0]
    sections = values.get("sections") or tuple(s.name for s in settings.sections)
    return Request(
        values.get("id", stem),
        path,
        source.src_uri,
        values["title"],
        values["issued"],
        values["deadline"],
        sections,
        body,
        values.get("draft", False),
    ), lines


@dataclass(frozen=True)
class Parsed:
    """What one file gave: a report, a request, an issue, a landing text (``str``) or nothing, and its problems."""

    value: Report | Request | Incident | BulletinNote | Issue | str | None
    lines: dict[str, int]
    problems: tuple[Problem, ...]
    copy_key: str = ""  # a report's title and body (another kind's whole text), hashed: equal keys are copies


def parse_file(
    source: SourceFile, settings: Settings, bodies: bool = True, read: Callable[[str], bytes] | None = None
) -> Parsed:
    """Read and check one file on its own (no cross-file checks)."""
    try:
        data = (read or read_bytes)(source.abs_path)
    except OSError as exc:
        return unreadable(source, exc)
    return parse_data(source, data, settings, bodies)


def unreadable(source: SourceFile, exc: OSError) -> Parsed:
    message = say("parsing.unreadable", reason=exc.strerror or exc)
    return Parsed(None, {}, (Problem(source.path, 1, "file", message),))


def parse_note(
    data: bytes, source: SourceFile, settings: Settings, problems: Problems
) -> tuple[BulletinNote | None, dict[str, int]]:
    """The office's words for a bulletin (``bulletins/<period>.md``): front-matter optional, text checked."""
    before = len(problems.errors)
    read = _read(data, source.path, settings, problems, required=False)
    if read is None or _misplaced_report(read[0], source, problems):
        return None, {}
    period = note_period(source.src_uri, source.path, problems)
    if period is None:
        return None, {}
    note, lines = make_note(period, source.src_uri, source.path, read[0], read[1], settings, problems)
    return (note if len(problems.errors) == before else None), lines


def _misplaced_report(root: Map | None, source: SourceFile, problems: Problems) -> bool:
    """A file outside reports/ whose front-matter names a section and a date is a report in the wrong place."""
    if root is None or not {"section", "date"} <= set(root.items):
        return False
    problems.error(
        source.path,
        1,
        "file",
        say("parsing.misplaced_report"),
    )
    return True


def parse_issue_file(
    data: bytes, source: SourceFile, settings: Settings, problems: Problems
) -> tuple[Issue | None, dict[str, int]]:
    """A periodical issue (SPEC §3.5) and the lines of its keys."""
    from .periodicals import parse_issue

    read = _read(data, source.path, settings, problems)
    if read is None or read[0] is None:
        return None, {}
    return parse_issue(read[0], read[1], source.path, source.src_uri, settings, problems)


def parse_page(data: bytes, source: SourceFile, settings: Settings, problems: Problems) -> str | None:
    """A page that is not a report or a request (a landing text, the guide, …): the same text rules.

    A landing page gives its body (the portal's generated page takes it as an intro), any other page its
    whole checked, masked text.  A file whose front-matter names a section and a date is a report in the
    wrong place: an error saying where reports belong.
    """
    read = _read(data, source.path, settings, problems, required=False)
    if read is None:
        return None
    root, body, _, text = read
    if source.kind in ("pages", "bulletins") and _misplaced_report(root, source, problems):
        return None
    return body if source.landing else text


#: A file's identity on disk: size, modification and change times (ns), inode.  ``cp -p`` and
#: ``touch -r`` can restore size and mtime, never ctime, which the kernel sets on every change.
Stat = tuple[int, int, int, int]


def stat_of(result: os.stat_result) -> Stat:
    return (result.st_size, result.st_mtime_ns, result.st_ctime_ns, result.st_ino)


def read_file(path: str) -> tuple[bytes, Stat]:
    """:func:`read_bytes` with the file's stat, taken before reading (a later edit changes it)."""
    with open(path, "rb") as handle:
        stat = stat_of(os.fstat(handle.fileno()))
        return handle.read(min(stat[0], READ_LIMIT) + 1), stat


def read_bytes(path: str) -> bytes:
    """The file's bytes, at most enough to refuse a file that is too big.

    The buffer is sized from the file, not from the limit: ``read(READ_LIMIT + 1)`` makes a buffer the size of
    the limit, which malloc maps on its own and keeps mapped after shrinking it to the 3 KB read, so ~65,000
    files exhaust the kernel's mappings (``vm.max_map_count``) and the next mapping fails with ENOMEM.
    """
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        return handle.read(min(size, READ_LIMIT) + 1)


#: The reader of each content kind (Pelican's reader table): the file's bytes, its source, the settings and
#: the problems to add to in; the value and each field's line out.  Any other file is a page.
Reader = Callable[[bytes, SourceFile, Settings, Problems], tuple[Any, dict[str, int]]]
READERS: dict[str, Reader] = {
    "reports": parse_report,
    "requests": parse_request,
    "incidents": parse_incident,
    "bulletins": parse_note,
    "periodicals": parse_issue_file,
}


def parse_data(source: SourceFile, data: bytes, settings: Settings, bodies: bool = True) -> Parsed:
    """Check one file's bytes on its own (no cross-file checks), with the reader of its kind."""
    problems = Problems()
    reader = None if source.landing else READERS.get(source.kind)
    if reader is None:
        return Parsed(parse_page(data, source, settings, problems), {}, tuple(problems.items), "")
    value, lines = reader(data, source, settings, problems)
    if source.kind != "reports":
        return Parsed(value, lines, tuple(problems.items), _same_text(source.kind, data))
    copy_key = ""
    if value is not None:
        copy_key = hashlib.sha256(f"{value.title}\0{value.body.strip()}".encode()).hexdigest()[:32]
        value = value if bodies else replace(value, body="")
    return Parsed(value, lines, tuple(problems.items), copy_key)


def _same_text(kind: str, data: bytes) -> str:
    """The key of a file's text for the copy rule of the kinds other than reports: their whole text counts."""
    text = data.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n").strip()
    return hashlib.sha256(kind.encode() + b"\0" + text).hexdigest()[:32]
