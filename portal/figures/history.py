"""Each report's 修改记录: its commits (from one ``git log`` of the whole content folder) and its records.

The edge (``build_stats.py``) runs :data:`LOG_ARGS` once per build in the site's folder and hands the
output (or ``None``: no git, not a checkout, git failed) to :func:`parse`; nothing here runs a process or
reads the clock.  :func:`parse` follows renames (``--name-status -M``: a commit that renames ``old`` to
``new`` carries the older commits of ``old`` over to the file's present name) and gives a
:class:`SiteHistory`: per present path, its commits oldest first.  A shallow clone (git marks its boundary
commit ``grafted``) has no true first commit: its history is "not available", like a folder without git.

:func:`entries` is one page's block: the commits up to ``as_of`` (their commit time; the time machine shows
nothing later) and the dated adoption and 批示 records up to ``as_of``, in time order, with words from the
catalogue.  Same commits, same ``as_of``: same entries (no clock, no locale; times in the portal's zone).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone, tzinfo

from ..model.objects import Report
from ..words.documents import publication
from ..words.messages import say
from ..words.numbers import cn_date, cn_minute
from ..words.vocabulary import LEVEL_NAMES
from .scoring import adoptions_at, instructions_at

#: ``git <LOG_ARGS>`` in the site's folder: every commit that touched ``content/`` (the caller appends the
#: docs folder), newest first, with the files it added, changed, renamed or deleted.  ``-z``: paths as they
#: are (no quoting of Chinese names); ``%aN``: the author's name after ``.mailmap``; ``%ct``: commit time.
LOG_ARGS = (
    "-c",
    "core.quotepath=false",
    "-c",
    "log.showSignature=false",
    "log",
    "-z",
    "--no-color",
    "--encoding=UTF-8",
    "--relative",
    "-M",
    "--name-status",
    "--format=%x1e%H%x1f%ct%x1f%aN%x1f%D%x1f%s",
)
_RECORD, _FIELD = "\x1e", "\x1f"


@dataclass(frozen=True)
class Commit:
    """One commit of one file: when it was committed, by whom (the author), its subject, what it did."""

    when: datetime  # the commit time, UTC
    author: str
    subject: str
    status: str  # "A" added, "M" changed, "R" renamed (and maybe changed), "D", "T"…


@dataclass(frozen=True)
class SiteHistory:
    """Every file's commits (oldest first), by its present path relative to the site's folder."""

    available: bool = False
    files: dict[str, tuple[Commit, ...]] = field(default_factory=dict)

    def of(self, path: str) -> tuple[Commit, ...]:
        return self.files.get(path, ())


UNAVAILABLE = SiteHistory()


def parse(raw: bytes | None) -> SiteHistory:
    """The history in ``git log`` output made with :data:`LOG_ARGS`; :data:`UNAVAILABLE` without one."""
    if raw is None:
        return UNAVAILABLE
    text = raw.decode("utf-8", "replace")
    newest_first: dict[str, list[Commit]] = {}
    alias: dict[str, str | None] = {}  # a path in an older commit -> the present path (None: another file)
    for record in text.split(_RECORD)[1:]:
        head, _, changes = record.partition("\0")
        parts = head.split(_FIELD)
        if len(parts) != 5 or not parts[1].isdigit():
            return UNAVAILABLE  # not the output asked for
        _sha, stamp, author, refs, subject = parts
        if "grafted" in (r.strip() for r in refs.split(",")):
            return UNAVAILABLE  # a shallow clone: the first commits are missing
        when = datetime.fromtimestamp(int(stamp), timezone.utc)
        born: dict[str, str | None] = {}  # this commit's effect on the older ones, applied after it
        moved: dict[str, str | None] = {}
        for status, old, new in _changes(changes):
            present = alias.get(new, new)
            if present is not None:
                newest_first.setdefault(present, []).append(Commit(when, author.strip(), subject.strip(), status))
            if status in ("A", "R", "C"):
                born[new] = None  # before this commit the path was another file's (or none)
            if status == "R":
                moved[old] = present  # before it, the file was at ``old``
        alias.update(born)
        alias.update(moved)
    return SiteHistory(True, {path: tuple(reversed(found)) for path, found in sorted(newest_first.items())})


def _changes(block: str) -> list[tuple[str, str, str]]:
    """``(status letter, old path, new path)`` of one commit's ``--name-status -z`` list."""
    tokens = block.lstrip("\n").split("\0")
    out: list[tuple[str, str, str]] = []
    i = 0
    while i < len(tokens):
        token = tokens[i].strip("\n")
        if not token:
            i += 1
            continue
        letter = token[0]
        if letter in ("R", "C") and i + 2 < len(tokens):
            out.append((letter, tokens[i + 1], tokens[i + 2]))
            i += 3
        elif i + 1 < len(tokens):
            out.append((letter, tokens[i + 1], tokens[i + 1]))
            i += 2
        else:
            break
    return out


@dataclass(frozen=True)
class Entry:
    """One line of a 修改记录: when (None: an undated record), what, who, and the note."""

    when: datetime | None
    what: str
    who: str = ""
    note: str = ""
    level: str = ""  # an adoption's or a 批示's level, in words
    to_the_minute: bool = True  # False: a record dated to the day (written without a time)


def entries(history: SiteHistory, report: Report, as_of: datetime) -> tuple[Entry, ...] | None:
    """The report's 修改记录 at ``as_of``, oldest first; None when the history is not available."""
    if not history.available:
        return None
    found: list[tuple[datetime, int, Entry]] = []
    commits = [c for c in history.of(report.path) if c.when <= as_of]
    for index, commit in enumerate(commits):
        what = say("history.first" if index == 0 else _CHANGE_KEYS.get(commit.status, "history.changed"))
        found.append((commit.when, 0, Entry(commit.when, what, commit.author, commit.subject)))
    for adoption in adoptions_at(report, as_of):
        level = LEVEL_NAMES.get(adoption.level, adoption.level)
        where = publication(adoption.publication) if adoption.publication else ""
        note = " ".join(part for part in (where, adoption.form) if part)
        entry = Entry(adoption.date, say("history.adopted"), adoption.by, note, level, _timed(adoption.date))
        found.append((_key(adoption.date, as_of), 1, entry))
    for instruction in instructions_at(report, as_of):
        level = LEVEL_NAMES.get(instruction.level, instruction.level)
        timed = _timed(instruction.date)
        entry = Entry(instruction.date, say("history.instructed"), instruction.by, instruction.note, level, timed)
        found.append((_key(instruction.date, as_of), 2, entry))
    found.sort(key=lambda item: (item[0], item[1]))  # stable: commits in their order, records in the file's
    return tuple(item[2] for item in found)


_CHANGE_KEYS = {"R": "history.renamed", "D": "history.deleted"}


def _key(when: datetime | None, as_of: datetime) -> datetime:
    """An undated record sorts last (at ``as_of``)."""
    return when if when is not None else as_of


def _timed(when: datetime | None) -> bool:
    return when is not None and (when.hour, when.minute) != (0, 0)


def chinese_time(entry: Entry, tz: tzinfo) -> str:
    """``2026年3月5日 09:12`` in the portal's zone (a record dated to the day: ``2026年3月5日``)."""
    if entry.when is None:
        return say("history.undated")
    local = entry.when.astimezone(tz)
    return cn_minute(local) if entry.to_the_minute else cn_date(local)
