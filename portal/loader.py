"""Loading and validation: from the content folder to :class:`Content` (SPEC §3).

``discover`` finds every file under ``reports/`` and ``requests/`` (refusing
what MkDocs would silently skip or overwrite), ``parse_report`` and
``parse_request`` read one file each, and ``load`` adds the checks that span
files (request ids, asked sections).  Every problem is collected.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from .frontmatter import READ_LIMIT, Map, decode, field_at, parse_yaml, split
from .model import Content, Report, Request, Settings
from .names import did_you_mean, normalize
from .problems import Problem, Problems
from .schema import REPORT_FIELDS, REQUEST_FIELDS, Context, Field, parse_fields
from .text import classified_markings, external_resources, has_markup, mask, personal_data, visible_text

KINDS = ("reports", "requests")
MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
_HEADING_RE = re.compile(r"^#[ \t]+(\S.*)$", re.MULTILINE)


@dataclass(frozen=True)
class SourceFile:
    abs_path: str
    path: str  # relative to the site root, POSIX
    src_uri: str  # relative to docs_dir, POSIX
    kind: str  # "reports" | "requests"

    @property
    def landing(self) -> bool:
        return posixpath.basename(self.src_uri) == "index.md"


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives a Markdown file (``reports/2026/03/a.md`` → ``reports/2026/03/a/``)."""
    stem, _ = posixpath.splitext(src_uri)
    folder, name = posixpath.split(stem)
    if name in ("index", "README"):
        return f"{folder}/" if folder else ""
    if not use_directory_urls:
        return f"{stem}.html"
    return f"{stem}/"


#: Files MkDocs would copy into the site as they are, where a browser runs their scripts.
ACTIVE = (".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".js", ".mjs", ".xml", ".xsl", ".swf")
#: Characters a file name cannot hold on Windows (where most staff check out the repository).
_BAD_NAME_RE = re.compile(r'[<>:"|?*\\\x00-\x1f]')


def _generated_urls(use_directory_urls: bool) -> tuple[set[str], re.Pattern[str]]:
    """Addresses the portal generates itself under reports/ and requests/ (their ``index.md`` are intros)."""
    fixed = {page_url("reports/index.md", use_directory_urls), page_url("requests/index.md", use_directory_urls)}
    month = page_url("reports/2000-01/index.md", use_directory_urls).replace("2000-01", r"\d{4}-\d{2}")
    return fixed, re.compile(month)


def discover(
    root: str, docs_dir: str, skipped: Callable[[str], bool], use_directory_urls: bool = True
) -> tuple[list[SourceFile], list[Problem]]:
    """Every Markdown file under ``reports/`` and ``requests/``; what MkDocs would drop is an error."""
    problems = Problems()
    real_root = os.path.realpath(root)
    found: list[SourceFile] = []
    seen_dirs: set[str] = set()
    through_link: set[str] = set()  # files found in a folder reached through a symbolic link

    prefix = os.path.join(os.path.abspath(root), "")
    docs_prefix = os.path.join(os.path.abspath(docs_dir), "")
    docs_dir = os.path.abspath(docs_dir)

    def rel(path: str) -> str:
        if path.startswith(prefix):  # the common case, without relpath's cost
            return path[len(prefix) :].replace(os.sep, "/")
        return os.path.relpath(path, root).replace(os.sep, "/")

    def outside(path: str) -> bool:
        target = os.path.realpath(path)
        return os.path.commonpath([target, real_root]) != real_root

    def refuse_link(full: str, what: str) -> bool:
        if not os.path.islink(full):
            return False
        if outside(full):
            problems.error(
                rel(full),
                1,
                "file",
                f"this {what} is a symlink to a place outside the repository; "
                f"copy the {'files' if what == 'folder' else 'file'} into the repository instead",
            )
            return True
        if not os.path.exists(full):
            problems.error(
                rel(full),
                1,
                "file",
                f"this {what} is a symlink to {os.readlink(full)}, which does not exist; delete the link",
            )
            return True
        return False

    for kind in KINDS:
        top = os.path.join(docs_dir, kind)
        if refuse_link(top, "folder"):
            continue
        for folder, dirs, files in os.walk(top, followlinks=True):
            real = os.path.realpath(folder)
            if real in seen_dirs:
                dirs[:] = []
                continue
            seen_dirs.add(real)
            via_link = real != os.path.abspath(folder)
            for name in sorted(dirs):
                if refuse_link(os.path.join(folder, name), "folder"):
                    dirs.remove(name)
            dirs.sort()
            for name in sorted(files):
                full = os.path.join(folder, name)
                extension = os.path.splitext(name)[1].lower()
                src_uri = (
                    full[len(docs_prefix) :] if full.startswith(docs_prefix) else os.path.relpath(full, docs_dir)
                ).replace(os.sep, "/")
                if extension in ACTIVE and not skipped(src_uri):
                    problems.error(
                        rel(full),
                        1,
                        "file",
                        f"a {extension} file is published as it is, scripts included, without the checks "
                        "a report gets; write the content in a .md file (pictures: .png or .jpg)",
                    )
                    continue
                if extension == ".txt" and os.path.splitext(name[:-4])[1].lower() in MARKDOWN:
                    problems.error(
                        rel(full),
                        1,
                        "file",
                        f"the name ends in {os.path.splitext(name[:-4])[1] + name[-4:]!r} (Notepad adds '.txt'); "
                        "rename it to end in .md (in Explorer: 查看 → 显示文件扩展名)",
                    )
                    continue
                if extension not in MARKDOWN:
                    continue
                if refuse_link(full, "file"):
                    continue
                if extension != ".md" or not name.endswith(".md"):
                    problems.error(rel(full), 1, "file", f"rename it to end in .md (not {os.path.splitext(name)[1]})")
                    continue
                bad = _BAD_NAME_RE.search(src_uri)
                if bad:
                    problems.error(
                        rel(full),
                        1,
                        "file",
                        f"the name contains {bad.group(0)!r}, which Windows does not allow in file names "
                        "(colleagues could not check the repository out); rename it",
                    )
                    continue
                named = [f.masked for f in personal_data(src_uri)]
                if named:
                    problems.error(
                        rel(full),
                        1,
                        "file",
                        f"the name contains personal data ({named[0]}), which would be published in the page's "
                        "address; rename the file",
                    )
                    continue
                if skipped(src_uri):
                    problems.error(
                        rel(full),
                        1,
                        "file",
                        "MkDocs would not publish this file (a dot-file, or "
                        "matched by exclude_docs/draft_docs in mkdocs.yml); rename or move it",
                    )
                    continue
                found.append(SourceFile(full, rel(full), src_uri, kind))
                if via_link:
                    through_link.add(found[-1].path)
    fixed, month = _generated_urls(use_directory_urls)
    by_url: dict[str, SourceFile] = {}
    by_file: dict[str, SourceFile] = {}
    kept: set[str] = set()
    linked = {s.path for s in found if s.path in through_link or os.path.islink(s.abs_path)}
    for source in sorted(found, key=lambda s: (s.path in linked, s.path)):
        url = page_url(source.src_uri, use_directory_urls)
        # Only a file reached through a link can be the same file as another one.
        real = os.path.realpath(source.abs_path) if source.path in linked else os.path.abspath(source.abs_path)
        if not source.landing and (url in fixed or month.fullmatch(url)):
            problems.error(
                source.path,
                1,
                "file",
                f"the portal generates the page at /{url} itself; rename the file "
                "(e.g. add the date and a short subject: 2026-03-05-低保.md)",
            )
        elif url.lower() in by_url:
            problems.error(
                source.path,
                1,
                "file",
                f"publishes at the same address /{url} as {by_url[url.lower()].path}; rename one of them",
            )
        elif real in by_file:
            problems.error(
                source.path,
                1,
                "file",
                f"is a link to the same file as {by_file[real].path}, so it would count twice; delete the link",
            )
        else:
            by_url[url.lower()] = source
            by_file[real] = source
            kept.add(source.path)
    home = os.path.join(docs_dir, "index.md")
    homes = [SourceFile(home, rel(home), "index.md", "home")] if os.path.isfile(home) else []
    return homes + [s for s in found if s.path in kept], problems.items


# --- one file ---------------------------------------------------------------------


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


def _read(
    data: bytes, path: str, settings: Settings, problems: Problems, required: bool = True
) -> tuple[Map | None, str, int, str] | None:
    """Decode, apply text rules, split and parse; ``(root, body, body_line, text)`` or None."""
    text, errors = decode(data)
    for err in errors:
        problems.error(path, err.line, err.field, err.message)
    if text is None:
        return None
    findings = personal_data(text)
    modes = {"id_number": settings.privacy_id_numbers, "mobile_number": settings.privacy_mobile_numbers}
    to_report = [(f, _line_of(text, f.offset)) for f in findings if modes[f.kind] == "error"]
    to_mask = [f for f in findings if modes[f.kind] == "mask"]
    if to_mask:  # masking keeps every line where it is, so the body starts on the same line after it
        body_line = split(text).body_line
        text = mask(text, to_mask, markdown_from=len("\n".join(text.split("\n")[: body_line - 1])))
    parts = split(text)
    for err in parts.errors:
        problems.error(path, err.line, err.field, err.message)
    root = None
    if parts.yaml_text is None and not parts.errors and required:
        problems.error(
            path,
            1,
            "front-matter",
            "no front-matter; start the file with a '---' line, the fields "
            "(section, date, …) and another '---' line (see 使用说明)",
        )
    if parts.yaml_text is not None:
        root, yaml_errors = parse_yaml(parts.yaml_text)
        for err in yaml_errors:
            problems.error(path, err.line, err.field, err.message)
    reported = {(line, finding.kind) for finding, line in to_report}
    # A number split by markup (138<b></b>12345678, &#49;38…) is read whole by the reader but
    # escapes the check above and cannot be masked: it is an error in both modes.
    seen = visible_text(text) if has_markup(text) else ""
    for finding in personal_data(seen):
        line = _line_of(seen, finding.offset)
        if modes[finding.kind] != "off" and (line, finding.kind) not in reported:
            reported.add((line, finding.kind))
            to_report.append((finding, line))
    for finding, line in to_report:
        what, key = (
            ("a resident ID number", "id_numbers")
            if finding.kind == "id_number"
            else ("a mobile phone number", "mobile_numbers")
        )
        fix = (
            "remove it (it is split by HTML markup, so it cannot be masked)"
            if modes[finding.kind] == "mask"
            else f"remove it, or have the office set extra.portal.privacy.{key}: mask"
        )
        problems.error(
            path,
            line,
            _field_at(root, parts.body_line, line),
            f"{what} ({finding.masked}) is personal data and may not be published; {fix}",
        )
    for line, marking in classified_markings(text):
        where = _field_at(root, parts.body_line, line)
        if where == "classification":
            continue  # the classification field's own check refuses it, with the same advice
        problems.error(
            path,
            line,
            where,
            f"classified marking {marking!r}: classified information (涉密信息) is never published on "
            "the portal (保密规定); remove the file and send it through the confidential channel",
        )
    for offset, url in external_resources(parts.body):
        problems.error(
            path,
            parts.body_line + parts.body.count("\n", 0, offset),
            "body",
            f"embeds {url} from outside the site; the portal runs without internet: copy the file "
            "into the repository and link it relatively",
        )
    return root, parts.body, parts.body_line, text


def _fields(
    data: bytes, path: str, settings: Settings, problems: Problems, table: dict[str, Field]
) -> tuple[Map, str, dict[str, Any], dict[str, int]] | None:
    """Read a file and run its field table: ``(front-matter, body, values, key lines)``, or None."""
    read = _read(data, path, settings, problems)
    if read is None or read[0] is None:
        return None
    values, lines = parse_fields(read[0], table, Context(settings, path, problems))
    return read[0], read[1], values, lines


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
            problems.error(path, 1, "title", "missing; add 'title: …' or start the text with a '# 标题' line")
    date = values.get("date")
    if values.get("urgent") and "event_time" not in root.items:
        problems.error(
            path,
            1,
            "event_time",
            "an urgent report needs the time the event happened; add 'event_time: YYYY-MM-DD HH:MM'",
        )
    event, reported = values.get("event_time"), values.get("reported_time")
    if event and reported and reported.at < event.at:
        problems.error(
            path,
            lines["reported_time"],
            "reported_time",
            f"is before event_time ({event.at:%Y-%m-%d %H:%M}); check both times",
        )
    if date is not None:
        for item in (*values.get("adopted", ()), *values.get("instructions", ())):
            if item.date is not None and item.date.date() < date.day:
                kind = "adopted" if item.where.startswith("adopted") else "instructions"
                problems.error(
                    path,
                    item.line,
                    item.where or kind,
                    f"{item.date:%Y-%m-%d} is before the report's date ({date.day}); "
                    "a report is adopted or instructed after it is submitted — check the date",
                )
    if len(problems.errors) > before:
        return None, lines
    return Report(
        path=path,
        src_uri=source.src_uri,
        title=title or "",
        section=values["section"],
        date=values["date"].at,
        author=values.get("author", ""),
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
        problems.error(path, lines["deadline"], "deadline", f"is before issued ({issued}); check both dates")
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
    ), lines


# --- all files --------------------------------------------------------------------------


@dataclass(frozen=True)
class Parsed:
    """What one file gave: a report, a request, a landing text (``str``) or nothing, and its problems."""

    value: Report | Request | str | None
    lines: dict[str, int]
    problems: tuple[Problem, ...]


def parse_file(
    source: SourceFile, settings: Settings, bodies: bool = True, read: Callable[[str], bytes] | None = None
) -> Parsed:
    """Read and check one file on its own (no cross-file checks)."""
    problems = Problems()
    value: Report | Request | str | None = None
    lines: dict[str, int] = {}
    try:
        data = (read or _read_bytes)(source.abs_path)
    except OSError as exc:
        problems.error(source.path, 1, "file", f"cannot be read ({exc.strerror}); check its permissions")
        return Parsed(None, {}, tuple(problems.items))
    if source.landing:
        read_landing = _read(data, source.path, settings, problems, required=False)
        value = read_landing[1] if read_landing is not None else None
    elif source.kind == "reports":
        value, lines = parse_report(data, source, settings, problems)
        if value is not None and not bodies:
            value = replace(value, body="")
    else:
        value, lines = parse_request(data, source, settings, problems)
    return Parsed(value, lines, tuple(problems.items))


def _parse_chunk(job: tuple[list[SourceFile], Settings, bool]) -> list[Parsed]:
    sources, settings, bodies = job
    return [parse_file(source, settings, bodies) for source in sources]


def parse_all(
    sources: list[SourceFile],
    settings: Settings,
    *,
    bodies: bool = True,
    cache: Any = None,
    workers: int = 1,
    read: Callable[[str], bytes] | None = None,
) -> list[Parsed]:
    """Every file parsed: from the cache when unchanged, else read now (in ``workers`` processes)."""
    results: list[Parsed | None] = [None] * len(sources)
    stamps = [cache.stamp(s.abs_path) if cache is not None else None for s in sources]
    todo = []
    for index, source in enumerate(sources):
        hit = cache.get(source.path, stamps[index]) if cache is not None else None
        if hit is not None:
            results[index] = hit
        else:
            todo.append(index)
    if workers > 1 and read is None and len(todo) >= 2000:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        size = max(200, len(todo) // (workers * 8))
        chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
        jobs = [([sources[i] for i in chunk], settings, bodies) for chunk in chunks]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            for chunk, parsed in zip(chunks, pool.map(_parse_chunk, jobs)):
                for index, result in zip(chunk, parsed):
                    results[index] = result
    else:
        for index in todo:
            results[index] = parse_file(sources[index], settings, bodies, read)
    if cache is not None:
        for index in todo:
            cache.put(sources[index].path, stamps[index], results[index])
    return [r for r in results if r is not None]


def load(
    sources: Iterable[SourceFile],
    settings: Settings,
    problems: Problems,
    read: Callable[[str], bytes] | None = None,
    *,
    bodies: bool = True,
    cache: Any = None,
    workers: int = 1,
) -> Content:
    """Parse every file and check what spans files; problems go to ``problems``.

    ``bodies=False`` drops report bodies (the command line does not need them);
    ``cache`` is a :class:`portal.cache.ParseCache`; ``workers`` > 1 parses in processes.
    """
    listed = list(sources)
    reports: list[tuple[Report, dict[str, int]]] = []
    requests: list[tuple[Request, dict[str, int]]] = []
    landing: dict[str, str] = {}
    for source, parsed in zip(
        listed, parse_all(listed, settings, bodies=bodies, cache=cache, workers=workers, read=read)
    ):
        problems.extend(list(parsed.problems))
        if isinstance(parsed.value, str):
            landing[source.src_uri] = parsed.value
        elif isinstance(parsed.value, Report):
            reports.append((parsed.value, parsed.lines))
        elif isinstance(parsed.value, Request):
            requests.append((parsed.value, parsed.lines))
    count = len(listed)
    by_id: dict[str, Request] = {}
    for request, lines in sorted(requests, key=lambda r: r[0].path):
        key = normalize(request.id)
        if key in by_id:
            problems.error(
                request.path,
                lines.get("id", 1),
                "id",
                f"id {request.id!r} is already used by {by_id[key].path}; give each request its own id",
            )
            continue
        by_id[key] = request
    checked: list[Report] = []
    for report, lines in reports:
        if report.request:
            asked = by_id.get(normalize(report.request))
            line = lines.get("request", 1)
            if asked is None:
                problems.error(
                    report.path,
                    line,
                    "request",
                    f"no appointment notice has id {report.request!r}"
                    f"{did_you_mean(report.request, [r.id for r in by_id.values()])} "
                    "(notices are the files in requests/)",
                )
                continue
            if report.section not in asked.sections:
                problems.error(
                    report.path,
                    line,
                    "request",
                    f"{asked.id} did not ask {report.section} "
                    f"(asked: {'、'.join(asked.sections)}); check the id or the section",
                )
                continue
            report = replace(report, request=asked.id)
        checked.append(report)
    return Content(
        reports=tuple(sorted(checked, key=lambda r: (r.date, r.path))),
        requests=tuple(sorted(by_id.values(), key=lambda r: (r.deadline, r.id))),
        files=count,
        landing=landing,
    )


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(READ_LIMIT + 1)  # enough to refuse a file that is too big
