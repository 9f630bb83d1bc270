"""Loading: from the discovered files to :class:`Content` (SPEC §3).

``parse_all`` parses every file (through the cache, in worker processes for
large repositories); ``load`` adds the checks that span files (request ids,
asked sections).  Every problem is collected.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from ..model.names import case_twin, did_you_mean, normalize, unknown
from ..model.objects import BulletinNote, Content, Incident, Issue, Report, Request, Settings
from ..model.problems import Problems
from ..words.messages import listing, say
from ..words.vocabulary import CONTENT_KINDS
from .discovery import SourceFile
from .parsing import Parsed, Stat, parse_data, parse_file, read_file, stat_of, unreadable


class Cache(Protocol):
    """What loading asks of a parse cache (:class:`portal.store.cache.ParseCache` is one; the edge hands it in).

    Entries are kept by a file's path, with the :func:`content_hash` of its bytes and its stat.
    """

    def digest(self, key: str) -> str | None:
        """The cached content hash of the file at ``key`` (None: not cached)."""
        ...

    def fresh(self, key: str, stat: Stat) -> Parsed | None:
        """The cached result when the file's stat is the cached one (its bytes unchanged, unread)."""
        ...

    def get(self, key: str, digest: str, stat: Stat | None = None) -> Parsed | None:
        """The cached result when ``digest`` is the cached one (the stat is then updated)."""
        ...

    def put(
        self, key: str, digest: str, value: Parsed, stat: Stat | None = None, entry_json: str | None = None
    ) -> None:
        """Keep a new result (``entry_json``: its entry already encoded, by a worker process)."""
        ...

    def entry_json(self, digest: str, stat: Stat | None, value: Parsed) -> str:
        """An entry encoded (in a worker process, in parallel)."""
        ...


def content_hash(data: bytes) -> str:
    """The key of a file's bytes."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


#: One file's outcome: index, content hash ("" when unreadable), stat, and the parse result (None: the cached one).
_Result = tuple[int, str, "Stat | None", "Parsed | None"]
#: What the worker processes of :func:`parse_all` read (inherited by fork, not pickled).
_JOB: tuple[list[SourceFile], Settings, bool, Any] | None = None


def _read_and_parse(
    index: int, job: tuple[list[SourceFile], Settings, bool, Any], read: Callable[[str], bytes] | None = None
) -> _Result:
    """One file: its bytes, stat and hash; the cached value when the bytes are the cached ones, else parsed.

    With a given reader (tests simulate unreadable files) there is no stat: the cache goes by content only.
    """
    sources, settings, bodies, cache = job
    source = sources[index]
    try:
        data, stat = read_file(source.abs_path) if read is None else (read(source.abs_path), None)
    except OSError as exc:  # never cached: a permission fix shows at once
        return index, "", None, unreadable(source, exc)
    digest = content_hash(data)
    if cache is not None and cache.digest(source.path) == digest:
        return index, digest, stat, None  # unchanged bytes, new stat: the cached value
    return index, digest, stat, parse_data(source, data, settings, bodies)


def _parse_chunk(indexes: list[int]) -> list[tuple[_Result, str | None]]:
    """In a worker: the files' results, each new one also as its cache entry's JSON (encoded here, in parallel)."""
    assert _JOB is not None
    gc.enable()  # paused in the parent while it gathers (see _paused_collection); a worker makes short-lived garbage
    cache = _JOB[3]
    out = []
    for index in indexes:
        result = _read_and_parse(index, _JOB)
        _, digest, stat, parsed = result
        fragment = cache.entry_json(digest, stat, parsed) if cache is not None and parsed and digest else None
        out.append((result, fragment))
    return out


def parse_all(
    sources: list[SourceFile],
    settings: Settings,
    *,
    bodies: bool = True,
    cache: Cache | None = None,
    workers: int = 1,
    read: Callable[[str], bytes] | None = None,
) -> list[Parsed]:
    """Every file parsed: from the cache when its stat or bytes are unchanged, else now (in ``workers`` processes).

    Worker processes read their files themselves: the main process only stats the files and gathers results.
    """
    results: list[Parsed | None] = [None] * len(sources)
    todo = []
    for index, source in enumerate(sources):
        hit = None
        if cache is not None and read is None and cache.digest(source.path) is not None:
            try:
                hit = cache.fresh(source.path, stat_of(os.stat(source.abs_path)))
            except OSError:
                hit = None
        if hit is not None:
            results[index] = hit
        else:
            todo.append(index)
    job = (sources, settings, bodies, cache)
    done: Iterable[tuple[_Result, str | None]]
    if read is None and workers > 1 and len(todo) >= 2000:
        done = _in_workers(todo, job, workers)
    else:
        done = ((_read_and_parse(i, job, read), None) for i in todo)
    for (index, digest, stat, parsed), fragment in done:
        path = sources[index].path
        if parsed is None:
            parsed = cache.get(path, digest, stat) if cache is not None else None
            if parsed is None:  # the cache changed under us: cannot happen in one process, but stay correct
                parsed = parse_file(sources[index], settings, bodies)
        elif cache is not None and digest:
            cache.put(path, digest, parsed, stat, fragment)
        results[index] = parsed
    return [r for r in results if r is not None]


def _in_workers(
    todo: list[int], job: tuple[list[SourceFile], Settings, bool, Any], workers: int
) -> Iterable[tuple[_Result, str | None]]:
    """Chunks of files read and parsed by forked processes, yielded as they come back, in order."""
    global _JOB
    from ..utils.workers import forked_pool

    size = max(200, len(todo) // (workers * 8))
    chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
    _JOB = job
    gc.freeze()  # what the workers inherit is never collected there, so its pages are not copied on write
    try:
        with forked_pool(workers) as pool:  # workers die with this process; Ctrl-C or kill -9 ends them at once
            for chunk in pool.map(_parse_chunk, chunks):
                yield from chunk
    finally:
        gc.unfreeze()
        _JOB = None


@contextlib.contextmanager
def _paused_collection() -> Any:
    """No cyclic garbage collection while a load gathers its results.

    A load of 100,000 files makes millions of objects that live on (reports, their fields, line tables) and no
    cycles; every full collection walks all of them again, so collections cost more the further the load
    gets. Reference counting still frees everything that is dropped.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@dataclass
class _Found:
    """The parsed files sorted by what they are, before the checks across files."""

    reports: list[tuple[Report, dict[str, int]]] = field(default_factory=list)
    requests: list[tuple[Request, dict[str, int]]] = field(default_factory=list)
    incidents: list[tuple[Incident, dict[str, int]]] = field(default_factory=list)
    issues: list[tuple[Issue, dict[str, int]]] = field(default_factory=list)
    landing: dict[str, str] = field(default_factory=dict)
    notes: dict[str, BulletinNote] = field(default_factory=dict)

    def add(self, source: SourceFile, parsed: Parsed) -> None:
        value = parsed.value
        if isinstance(value, str):
            self.landing[source.src_uri] = value
        elif isinstance(value, Report):
            self.reports.append((value, parsed.lines))
        elif isinstance(value, Request):
            self.requests.append((value, parsed.lines))
        elif isinstance(value, Incident):
            self.incidents.append((value, parsed.lines))
        elif isinstance(value, BulletinNote):
            self.notes[value.period] = value
        elif isinstance(value, Issue):
            self.issues.append((value, parsed.lines))


def load(
    sources: Iterable[SourceFile],
    settings: Settings,
    problems: Problems,
    read: Callable[[str], bytes] | None = None,
    *,
    bodies: bool = True,
    cache: Cache | None = None,
    workers: int = 1,
) -> Content:
    """Parse every file and check what spans files; problems go to ``problems``.

    ``bodies=False`` drops report bodies (the command line does not need them);
    ``cache`` is a parse cache (see :class:`Cache`); ``workers`` > 1 parses in processes.
    """
    with _paused_collection():
        return _load(list(sources), settings, problems, read, bodies, cache, workers)


def _load(
    listed: list[SourceFile],
    settings: Settings,
    problems: Problems,
    read: Callable[[str], bytes] | None,
    bodies: bool,
    cache: Cache | None,
    workers: int,
) -> Content:
    found = _Found()
    parsed_all = parse_all(listed, settings, bodies=bodies, cache=cache, workers=workers, read=read)
    copies: dict[str, list[str]] = {}
    for source, parsed in zip(listed, parsed_all):
        if parsed.copy_key:
            copies.setdefault(parsed.copy_key, []).append(source.path)
    kinds = {source.path: source.kind for source in listed}
    doubled = _copies(copies, kinds, problems)
    for source, parsed in zip(listed, parsed_all):
        if source.path not in doubled:  # a copy has one error, the copy rule's: its own would be the original's
            problems.extend(list(parsed.problems))
            found.add(source, parsed)
    reports = found.reports
    requests = [(r, lines) for r, lines in found.requests if not r.draft]
    issues = [(i, lines) for i, lines in found.issues if not i.draft]
    unpublished: list[Request | Issue] = [r for r, _ in found.requests if r.draft]
    unpublished += [i for i, _ in found.issues if i.draft]
    drafts = tuple(sorted(unpublished, key=lambda v: v.path))
    by_id = _requests_by_id(requests, problems)
    unasked = {normalize(r.id): r.path for r, _ in found.requests if r.draft}
    checked = [r for r in (_asked(report, lines, by_id, problems, unasked) for report, lines in reports) if r]
    linked: tuple[Issue, ...] = ()
    if issues or any(s.kind == "periodicals" for s in listed):
        from .periodicals import link

        files = {s.src_uri for s in listed if s.kind == "reports"}
        linked, checked = link(issues, checked, files, settings, problems)
    return Content(
        reports=tuple(sorted(checked, key=lambda r: (r.date, r.path))),
        requests=tuple(sorted(by_id.values(), key=lambda r: (r.deadline, r.id))),
        files=len(listed),
        incidents=check_incidents(found.incidents, reports, problems),
        landing=found.landing,
        notes=found.notes,
        issues=linked,
        drafts=drafts,
    )


def check_incidents(
    incidents: list[tuple[Incident, dict[str, int]]], reports: list[tuple[Report, dict[str, int]]], problems: Problems
) -> tuple[Incident, ...]:
    """An incident's ``report`` must be an existing report that is not a draft (SPEC §3.4)."""
    by_uri = {report.src_uri: report for report, _ in reports}
    kept = []
    for incident, lines in incidents:
        if incident.report:
            found = by_uri.get(incident.report)
            twin = case_twin(incident.report, by_uri) if found is None else None
            if twin is not None:
                message = say("safety.case_renamed", path=incident.report, actual=twin)
                problems.error(incident.path, lines.get("report", 1), "report", message)
                continue
            if found is None or found.draft:
                key = "loader.incident_draft" if found is not None else "loader.incident_no_report"
                hint = did_you_mean(incident.report, list(by_uri))
                problems.error(
                    incident.path, lines.get("report", 1), "report", say(key, path=incident.report, hint=hint)
                )
                continue
        kept.append(incident)
    return tuple(sorted(kept, key=lambda i: (i.date, i.path)))


def _requests_by_id(requests: list[tuple[Request, dict[str, int]]], problems: Problems) -> dict[str, Request]:
    """Requests by normalized id; a second file with the same id is an error."""
    by_id: dict[str, Request] = {}
    for request, lines in sorted(requests, key=lambda r: r[0].path):
        key = normalize(request.id)
        if key in by_id:
            problems.error(
                request.path,
                lines.get("id", 1),
                "id",
                say("loader.duplicate_id", id=request.id, other=by_id[key].path),
            )
            continue
        by_id[key] = request
    return by_id


def _asked(
    report: Report, lines: dict[str, int], by_id: dict[str, Request], problems: Problems, drafts: dict[str, str]
) -> Report | None:
    """The report with its request id resolved, or None when the request does not exist or did not ask it.

    ``drafts``: the draft requests' paths by normalized id (a draft asks nothing yet).
    """
    if not report.request:
        return report
    asked = by_id.get(normalize(report.request))
    line = lines.get("request", 1)
    if asked is None and normalize(report.request) in drafts:
        draft = drafts[normalize(report.request)]
        problems.error(report.path, line, "request", say("safety.request_is_draft", id=report.request, path=draft))
        return None
    if asked is None:
        wrong = unknown("request", report.request, [r.id for r in by_id.values()], shown=())
        problems.error(report.path, line, "request", wrong.message)
        return None
    missing = [s for s in report.sections if s not in asked.sections]
    if missing:
        problems.error(
            report.path,
            line,
            "request",
            say("loader.not_asked", id=asked.id, missing=listing(missing), asked=listing(asked.sections)),
        )
        return None
    return replace(report, request=asked.id)


#: What Explorer, Finder and others add to a copy's name: ``X - 副本.md``, ``X 2.md``, ``X (1).md``.
_COPY_RE = re.compile(
    r"(?P<stem>.+?)(?:[ _]?-[ _]?(?:副本|复制|Copy|copy)(?:[ _]?\(\d+\))?"
    r"|[ _](?:副本|copy|Copy)(?: \d+)?| \d+| ?\(\d+\))"
)


def _stem(path: str) -> str:
    return posixpath.splitext(posixpath.basename(path))[0]


def _copies(copies: dict[str, list[str]], kinds: dict[str, str], problems: Problems) -> set[str]:
    """A file with the same text as another in its folder whose name it copies (``X - 副本.md``).

    A report's text is its title and body; an incident's, request's, periodical issue's or bulletin note's is
    the whole file.  Both would be counted (or clash): the copy is an error naming the original.
    """
    doubled: set[str] = set()
    for paths in copies.values():
        if len(paths) < 2:
            continue
        by_stem = {(posixpath.dirname(p), normalize(_stem(p))): p for p in paths}
        for path in sorted(paths):
            match = _COPY_RE.fullmatch(_stem(path))
            original = by_stem.get((posixpath.dirname(path), normalize(match["stem"]))) if match else None
            if original is None or original == path:
                continue
            doubled.add(path)
            if kinds.get(path) != "reports":
                problems.error(path, 1, "file", say("safety.copy_of", original=original, kind=CONTENT_KINDS[kinds[path]]))
                continue
            problems.error(
                path,
                1,
                "file",
                say("loader.copy", original=original),
            )
    return doubled
