"""The parsed-file cache: a rebuild after one edit re-reads only that file.

Entries are keyed by path, size and modification time; the whole cache is
keyed by a fingerprint of everything that decides how a file is read (the
settings that parsing uses and the source of every module of the package), so a new
section, a privacy switch or a new check invalidates it.  It lives in
``.cache/portal/`` beside ``mkdocs.yml`` and is written atomically.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from .model import Settings

FORMAT = 1


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
            )
        ).encode()
    )
    for source in sorted(Path(__file__).parent.glob("*.py")):  # any change to the package's code
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()[:20]


class ParseCache:
    """``(path, size, mtime_ns) → parsed result`` for one fingerprint."""

    def __init__(self, folder: str, key: str) -> None:
        self.path = os.path.join(folder, f"parsed-{key}.pickle")
        self.folder = folder
        self.old: dict[str, tuple[int, int, Any]] = {}
        self.new: dict[str, tuple[int, int, Any]] = {}
        self.changed = False
        try:
            with open(self.path, "rb") as handle:
                loaded = pickle.load(handle)
            if isinstance(loaded, dict):
                self.old = loaded
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, ValueError, TypeError):
            self.old = {}

    @staticmethod
    def stamp(path: str) -> tuple[int, int] | None:
        try:
            info = os.stat(path)
        except OSError:
            return None
        return info.st_size, info.st_mtime_ns

    def get(self, key: str, stamp: tuple[int, int] | None) -> Any:
        entry = self.old.get(key)
        if entry is None or stamp is None or (entry[0], entry[1]) != stamp:
            return None
        self.new[key] = entry
        return entry[2]

    def put(self, key: str, stamp: tuple[int, int] | None, value: Any) -> None:
        if stamp is not None:
            self.new[key] = (stamp[0], stamp[1], value)
            self.changed = True

    def save(self) -> None:
        """Keep what was used this time (deleted files drop out); best effort, never fatal."""
        if not self.changed and len(self.new) == len(self.old):
            return
        try:
            os.makedirs(self.folder, exist_ok=True)
            for stale in Path(self.folder).glob("parsed-*.pickle"):
                if str(stale) != self.path:
                    stale.unlink(missing_ok=True)
            handle, temp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                pickle.dump(self.new, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, self.path)
        except OSError:
            pass
