"""The parsed-file cache: a rebuild after one edit re-parses only that file.

Entries are keyed by path and a hash of the file's bytes (never by size and
modification time, which an edit can keep); the whole cache is keyed by a
fingerprint of everything that decides how a file is read (the settings that
parsing uses and the source of every module of the package), so a new
section, a privacy switch or a new check invalidates it.

The file is JSON (it cannot run code when read) behind a checksum line: a
damaged or foreign file is discarded and everything is parsed again.  It
lives outside the repository (:func:`cache_folder`), one folder per site and
one file per reading mode, so ``check`` (no bodies) and ``build`` keep their
own.  Files that cannot be read are never cached, so a permission fix shows
at once.  Saving is atomic and never leaves a temporary file behind.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from . import model, problems
from .model import Settings

FORMAT = 2
_MAGIC = b"portal-parse-cache"


def fingerprint(settings: Settings, bodies: bool) -> str:
    digest = hashlib.sha256(f"{FORMAT}|{bodies}".encode())
    digest.update(
        repr(
            (
                settings.timezone_name,
                settings.sections,
                sorted(settings.adopters.items()),
                settings.privacy_id_numbers,
                settings.privacy_mobile_numbers,
                settings.kinds,
                settings.incident_types,
                sorted(settings.publications.items()),
                sorted(settings.urgent_limits.items()),
                settings.periodicals,
            )
        ).encode()
    )
    for source in sorted(Path(__file__).parent.glob("*.py")):  # any change to the package's code
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()[:20]


def content_hash(data: bytes) -> str:
    """The key of a file's bytes."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def cache_folder(env: Mapping[str, str], root: str) -> str | None:
    """Where the cache of the site in ``root`` lives: outside the repository, per site; None: no cache.

    ``PORTAL_CACHE_DIR`` if set (empty: no cache), else ``$XDG_CACHE_HOME/portal`` or ``~/.cache/portal``.
    """
    base = env.get("PORTAL_CACHE_DIR")
    if base is None:
        home = env.get("XDG_CACHE_HOME") or (os.path.join(env["HOME"], ".cache") if env.get("HOME") else "")
        base = os.path.join(home, "portal") if home else ""
    if not base:
        return None
    site = hashlib.sha256(os.path.realpath(root).encode()).hexdigest()[:16]
    return os.path.join(base, site)


# --- a JSON form of parse results --------------------------------------------------------


def _classes() -> dict[str, type]:
    from .parsing import Parsed

    found: dict[str, type] = {
        n: v for n, v in vars(model).items() if isinstance(v, type) and dataclasses.is_dataclass(v)
    }
    return {**found, "Problem": problems.Problem, "Parsed": Parsed}


def encode(value: Any) -> Any:
    """Dataclasses, datetimes, dates, tuples and mappings as plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"!": type(value).__name__, **fields}
    if isinstance(value, datetime):
        return {"!": "datetime", "v": value.isoformat(), "tz": getattr(value.tzinfo, "key", None)}
    if isinstance(value, date):
        return {"!": "date", "v": value.isoformat()}
    if isinstance(value, (tuple, list)):
        return [encode(v) for v in value]
    if isinstance(value, Mapping):
        return {"!": "map", "v": [[k, encode(v)] for k, v in value.items()]}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def decoder(classes: dict[str, type]) -> Callable[[dict[str, Any]], Any]:
    """A ``json.loads`` object hook inverting :func:`encode` (a dataclass's lists become tuples)."""

    def hook(value: dict[str, Any]) -> Any:
        kind = value.pop("!", None)
        if kind is None:
            return value
        if kind == "datetime":
            moment = datetime.fromisoformat(value["v"])
            return moment.astimezone(ZoneInfo(value["tz"])) if value["tz"] else moment
        if kind == "date":
            return date.fromisoformat(value["v"])
        if kind == "map":
            return {k: v for k, v in value["v"]}
        return classes[kind](**{k: tuple(v) if isinstance(v, list) else v for k, v in value.items()})

    return hook


# --- the cache file --------------------------------------------------------------------------


class ParseCache:
    """``(path, content hash) → parse result`` for one fingerprint."""

    def __init__(self, folder: str, key: str, bodies: bool = True) -> None:
        self.folder = folder
        self.key = key
        self.path = os.path.join(folder, f"parsed-{'full' if bodies else 'lean'}.json")
        self.new: dict[str, tuple[str, Any]] = {}
        self.changed = False
        self.old = self._load()

    def _load(self) -> dict[str, tuple[str, Any]]:
        try:
            with open(self.path, "rb") as handle:
                blob = handle.read()
        except OSError:
            return {}
        head, _, payload = blob.partition(b"\n")
        expected = b" ".join((_MAGIC, self.key.encode(), hashlib.sha256(payload).hexdigest().encode()))
        if head != expected:
            return {}  # damaged, foreign or of other settings or code: parse everything again
        try:
            entries = json.loads(payload, object_hook=decoder(_classes()))
            return {path: (digest, value) for path, (digest, value) in entries.items()}
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return {}

    def get(self, key: str, digest: str) -> Any:
        entry = self.old.get(key)
        if entry is None or entry[0] != digest:
            return None
        self.new[key] = entry
        return entry[1]

    def put(self, key: str, digest: str, value: Any) -> None:
        self.new[key] = (digest, value)
        self.changed = True

    def save(self) -> None:
        """Keep what was used this time (deleted files drop out); best effort, never fatal."""
        if not self.changed and len(self.new) == len(self.old):
            return
        temp = None
        try:
            payload = json.dumps(
                {path: [digest, encode(value)] for path, (digest, value) in self.new.items()},
                ensure_ascii=False,
                separators=(",", ":"),
            ).encode()
            head = b" ".join((_MAGIC, self.key.encode(), hashlib.sha256(payload).hexdigest().encode()))
            os.makedirs(self.folder, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=self.folder, prefix="parsed-", suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(head + b"\n" + payload)
            os.replace(temp, self.path)
            temp = None
        except (OSError, TypeError, ValueError):
            pass
        finally:
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
