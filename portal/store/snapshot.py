"""What the command line loaded, kept for the next run: ``check`` and ``stats`` on an unchanged folder read no file.

After a load (discovery, parsing through the parse cache, the checks across files) :func:`save` keeps the
problems, the file count, the requests, incidents, issues and notes, and every report by the month of its
date: most by reference to their parse-cache entry (the object the load kept *is* the cached one), whole
only the few that every period needs (answers to requests, urgent events) or that the checks across files
changed (a request id resolved, an issue's adoption added).  :func:`load_snapshot` then gives the content of a few
months (``stats`` of a month decodes about 1/24 of a two-year repository) or none (``check``).

It holds while the content folder is unchanged, as git trusts its index: one walk of the folder (every
entry's path, mode, size, mtime, ctime and inode) must give the signature recorded, no entry may be newer
than 2 s before the load that wrote it began (:data:`portal.store.cache.RACY_NS`), the parse cache must be the
file the snapshot cites (its checksum), and the key covers the settings, the code and how MkDocs picks
files.  A symbolic link anywhere in the folder, or a folder that cannot be listed: no snapshot (what a link
points at can change while the folder does not).  Same file format as the parse cache: JSON behind a
checksum line; anything wrong and the whole load runs as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Collection
from typing import Any

from ..model.objects import Content, Report
from ..model.problems import Problem
from .cache import RACY_NS, ParseCache, conforms, decoder, encode, model_classes, read_checked, write_checked

_MAGIC = b"portal-snapshot"
_NAME = "snapshot-lean.json"


def key(fingerprint: str, settings: Any, picking: Any) -> str:
    """The snapshot's key: the parse cache's fingerprint, every setting, and what decides which files are read."""
    return hashlib.sha256(f"{fingerprint}|{settings!r}|{picking!r}".encode()).hexdigest()[:20]


def folder_signature(docs_dir: str) -> tuple[str, int] | None:
    """A digest of every entry under ``docs_dir`` with its stat, and the newest mtime or ctime in it.

    None when a symbolic link is found or a folder cannot be listed: the caller loads as usual.
    """
    digest = hashlib.blake2b(digest_size=20)
    try:
        top = os.lstat(docs_dir)
    except OSError:
        return None
    if stat.S_ISLNK(top.st_mode) or not stat.S_ISDIR(top.st_mode):
        return None
    newest = max(top.st_mtime_ns, top.st_ctime_ns)
    digest.update(f"{docs_dir}\0{top.st_mtime_ns}\0{top.st_ctime_ns}\0{top.st_ino}\n".encode())
    folders = [docs_dir]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
            lines = []
            for entry in entries:
                info = entry.stat(follow_symlinks=False)
                mode = info.st_mode
                if stat.S_ISLNK(mode):
                    return None
                if stat.S_ISDIR(mode):
                    folders.append(entry.path)
                times = (info.st_mtime_ns, info.st_ctime_ns)
                newest = max(newest, *times)
                lines.append(f"{entry.path}\0{mode}\0{info.st_size}\0{times[0]}\0{times[1]}\0{info.st_ino}\n")
        except OSError:
            return None
        digest.update("".join(lines).encode("utf-8", "surrogateescape"))
    return digest.hexdigest(), newest


def save(
    folder: str,
    snapshot_key: str,
    tree: tuple[str, int],
    started_ns: int,
    cache: ParseCache,
    content: Content,
    problems: list[Problem],
) -> None:
    """Keep a load's outcome (``tree``: the folder's :func:`folder_signature` taken before it); never fatal.

    ``started_ns`` (:func:`portal.store.cache.stamp` before the walk) becomes the file's mtime; nothing is kept when
    the parse cache was not saved (its checksum is unknown).
    """
    if not cache.sha or not started_ns:
        return
    held, months = _by_month(content.reports, cache)
    index = {
        "tree": tree[0],
        "cache": cache.sha,
        "files": content.files,
        "problems": problems,
        "requests": content.requests,
        "incidents": content.incidents,
        "issues": content.issues,
        "drafts": content.drafts,
        "notes": dict(content.notes),
        "landing": dict(content.landing),
        "held": held,
        "months": months,
    }
    try:
        payload = json.dumps(encode(index), ensure_ascii=False, separators=(",", ":")).encode()
    except (TypeError, ValueError):
        return
    write_checked(os.path.join(folder, _NAME), _MAGIC, snapshot_key, payload, started_ns)


def _by_month(reports: tuple[Report, ...], cache: ParseCache) -> tuple[list[Report], dict[str, dict[str, list[str]]]]:
    """The reports kept whole, and the others as ``month → folder → names`` of their parse-cache entries.

    Whole: answers to requests and urgent events (every period needs them) and any report the load did not
    take unchanged from the cache (the checks across files made a new one).
    """
    held: list[Report] = []
    by_month: dict[tuple[int, int], dict[str, list[str]]] = {}
    entries = cache.new
    for report in reports:
        path = report.path
        entry = entries.get(path)
        if entry is None or report.request or report.urgent or entry[2].value is not report:
            held.append(report)
            continue
        day = report.date
        where, _, name = path.rpartition("/")
        folders = by_month.get((day.year, day.month))
        if folders is None:
            folders = by_month[day.year, day.month] = {}
        names = folders.get(where)
        if names is None:
            folders[where] = [name]
        else:
            names.append(name)
    return held, {f"{year}-{month:02d}": folders for (year, month), folders in by_month.items()}


def load_snapshot(
    folder: str, snapshot_key: str, tree: tuple[str, int], months: Collection[str], cache_key: str
) -> tuple[Content, list[Problem]] | None:
    """The content with the reports of ``months`` (and those every period needs) and every problem, or None.

    None when there is no snapshot for this key and folder, it is racy or damaged, or the parse cache it
    cites is gone or changed.
    """
    found = read_checked(os.path.join(folder, _NAME), _MAGIC, snapshot_key)
    if found is None:
        return None
    payload, _, saved_ns = found
    if tree[1] >= saved_ns - RACY_NS:
        return None  # an entry changed within a tick of the load that wrote it: the load may have missed it
    try:
        index = json.loads(payload, object_hook=decoder(model_classes()))
        if index["tree"] != tree[0]:
            return None
        reports = list(index["held"])
        wanted = [(where, names) for month in months for where, names in index["months"].get(month, {}).items()]
        if wanted:
            cache = ParseCache(folder, cache_key, bodies=False)
            if cache.sha != index["cache"]:
                return None
            for where, names in wanted:
                for name in names:
                    parsed = cache.value(f"{where}/{name}" if where else name)
                    if parsed is None:
                        return None
                    reports.append(parsed.value)
        content = Content(
            reports=tuple(sorted(reports, key=lambda r: (r.date, r.path))),
            requests=tuple(index["requests"]),
            files=index["files"],
            incidents=tuple(index["incidents"]),
            landing=index["landing"],
            notes=index["notes"],
            issues=tuple(index["issues"]),
            drafts=tuple(index["drafts"]),
        )
        problems = tuple(index["problems"])
        if not conforms(content, Content) or not conforms(problems, tuple[Problem, ...]):
            return None  # a valid checksum over something that is not a load's outcome
        return content, list(problems)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None
