"""The reminders' state file: what was sent, so that each reminder goes out exactly once.

``remind --state PATH`` (or ``extra.portal.reminders.state``) keeps a small JSON file::

    {"format": "portal-remind-state", "version": 1,
     "start": "2026-03-09T08:15:00+08:00",        # the next run looks at triggers after this moment
     "last_run": "2026-03-09T08:30:00+08:00",
     "done": {"<channel>|<reminder key>|<recipients>": {"at": "…", "how": "sent"}}}

``done`` holds one entry per (item, trigger, recipient, channel) that must not
be sent again: ``sent``, ``folded`` (a later trigger of the same item was sent
instead, or it expired), ``unsure`` (a robot took it but did not answer).  An
entry is dropped once its trigger moment is at or before ``start``: no later
run can plan it again.

Runs take an exclusive ``fcntl`` lock on ``PATH.lock`` for their whole length,
so two runs at once send once (the second waits, then finds everything
done).  The file is replaced atomically (a temporary file in the same folder,
``os.replace``) after every delivery, so a run killed half-way repeats nothing.

A missing, unreadable or other-version file is not an error: the run starts
from ``as_of − horizon`` (24 hours by default: never a flood of old
reminders) and says so; an unreadable one is kept next to it as ``PATH.bad``.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from ..utils.files import replace_atomically
from ..words.messages import say

FORMAT = "portal-remind-state"
VERSION = 1
#: However long the scheduler stopped, a run never looks further back than this (folding and the
#: evaluation at ``as_of`` drop what no longer needs action; this bounds the rest).
CATCH_UP = timedelta(days=7)
HOW = ("sent", "folded", "unsure")


@dataclass
class Done:
    at: datetime  # the reminder's trigger moment
    how: str


@dataclass
class State:
    start: datetime  # exclusive: the next window is (start, as_of]
    last_run: datetime | None = None
    done: dict[str, Done] = field(default_factory=dict)


class StateError(Exception):
    """The state file (or its lock) cannot be written; the message is Chinese and names the file."""


@contextmanager
def locked(path: str) -> Iterator[None]:
    """Hold the exclusive lock ``path.lock`` (waiting for a run that holds it)."""
    try:
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)  # a CI job's first run: no cache yet
        handle = open(f"{path}.lock", "a+b")  # noqa: SIM115 (closed below, after the lock is released)
    except OSError as exc:
        raise StateError(say("reminders.state_unwritable", path=path, reason=exc.strerror or exc)) from exc
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        handle.close()


def load_state(path: str, as_of: datetime, horizon: timedelta) -> tuple[State, str]:
    """The state at ``path`` and a notice ("" when it was read); a fallback from ``as_of − horizon`` otherwise."""
    fallback = State(start=as_of - horizon)
    hours = f"{horizon.total_seconds() / 3600:g}"
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        return fallback, say("reminders.state_missing", path=path, hours=hours)
    except (OSError, UnicodeDecodeError) as exc:
        return fallback, say("reminders.state_unreadable", path=path, reason=exc, hours=hours)
    try:
        raw = json.loads(text)
        version = raw.get("version") if isinstance(raw, dict) and raw.get("format") == FORMAT else None
        if version is None:
            raise ValueError(say("reminders.state_not_ours"))
        if version != VERSION:
            backup = _set_aside(path)
            return fallback, say(
                "reminders.state_version", path=path, found=version, expected=VERSION, backup=backup, hours=hours
            )
        state = _decode(raw)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        backup = _set_aside(path)
        return fallback, say("reminders.state_corrupt", path=path, reason=exc, backup=backup, hours=hours)
    state.start = max(state.start, as_of - CATCH_UP)
    return state, ""


def _decode(raw: dict[str, Any]) -> State:
    start = _moment(raw["start"])
    last = _moment(raw["last_run"]) if raw.get("last_run") else None
    done: dict[str, Done] = {}
    for key, entry in raw["done"].items():
        if entry["how"] not in HOW:
            raise ValueError(f"done.{key}.how: {entry['how']!r}")
        done[str(key)] = Done(_moment(entry["at"]), entry["how"])
    return State(start, last, done)


def _moment(text: object) -> datetime:
    if not isinstance(text, str):
        raise ValueError(f"{text!r}")
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"{text!r}")
    return moment


def _set_aside(path: str) -> str:
    """Keep an unusable state file as ``path.bad`` (for whoever investigates); its name."""
    backup = f"{path}.bad"
    try:
        os.replace(path, backup)
    except OSError:
        return path
    return backup


def save(path: str, state: State) -> None:
    """Write ``state`` atomically: a temporary file in the same folder, flushed, then ``os.replace``."""
    state.done = {k: d for k, d in state.done.items() if d.at > state.start}
    data = {
        "format": FORMAT,
        "version": VERSION,
        "start": state.start.isoformat(),
        "last_run": state.last_run.isoformat() if state.last_run else None,
        "done": {k: {"at": d.at.isoformat(), "how": d.how} for k, d in sorted(state.done.items())},
    }
    text = json.dumps(data, ensure_ascii=False, indent=1)
    try:
        replace_atomically(path, text.encode("utf-8"), ".remind-state-", suffix="")
    except OSError as exc:  # a write that failed half-way (a full disk) leaves no temporary file behind
        raise StateError(say("reminders.state_unwritable", path=path, reason=exc.strerror or exc)) from exc
