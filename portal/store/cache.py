"""The parsed-file cache: a rebuild after one edit re-parses only that file.

Entries are keyed by path and a hash of the file's bytes, and remember the
file's stat (size, modification and change times, inode).  As git does with
its index, an entry whose stat is unchanged is trusted without reading the
file, unless the file's times are within :data:`RACY_NS` of the cache file's
own (an edit in the same tick of a coarse clock could keep the whole stat):
such a file is read and hashed.  The cache file's own mtime is the moment its
load began reading (:func:`stamp`), however long the load took.  ``cp -p`` and ``touch -r`` restore size and
modification time, never the change time.  The whole cache is keyed by a
fingerprint of everything that decides how a file is read (the settings that
parsing uses and every module and template of the package, subfolders included), so a new
section, a privacy switch or a new check invalidates it.

The file is JSON (it cannot run code when read), one line per content folder
(a save re-encodes only the folders with a new entry; a line is decoded only
when a file of its folder is asked for), behind a checksum line: a
damaged or foreign file is discarded and everything is parsed again.  It
lives outside the repository (:func:`cache_folder`), one folder per site and
one file per reading mode, so ``check`` (no bodies) and ``build`` keep their
own.  Files that cannot be read are never cached, so a permission fix shows
at once.  Saving is atomic and never leaves a temporary file behind; one left by a
writer killed half-way (``kill -9``) is removed by the next run (:func:`sweep`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import operator
import os
import re
import tempfile
import types
import typing
from collections import abc
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..content.parsing import Parsed, Stat
from ..model import objects as model
from ..model import problems
from ..model.objects import Settings
from ..utils.files import replace_atomically
from ..utils.workers import running
from ..words.messages import say

FORMAT = 3
_MAGIC = b"portal-parse-cache"
#: A temporary file of :func:`write_checked` or :func:`stamp`: ``<name>-<writer's pid>-<8 random>.tmp``.
_TEMPORARY = re.compile(r".+-(\d+)-[a-z0-9_]{8}\.tmp")
ORPHAN_NS = 3600 * 10**9  # a temporary file of an unknown writer (an older version's) is an orphan after an hour
#: The package whose code and templates the fingerprint covers.
PACKAGE = Path(__file__).resolve().parent.parent


def fingerprint(settings: Settings, bodies: bool, package: Path = PACKAGE) -> str:
    """The key of the whole cache: the settings that parsing uses and every source file of ``package``."""
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
    for source in package_sources(package):  # any change to the package's code or templates
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def package_sources(package: Path = PACKAGE) -> list[Path]:
    """Every module of ``package`` in any subfolder, and every file of any ``templates`` folder, in path order."""
    modules = [path for path in package.rglob("*.py") if "__pycache__" not in path.parts]
    templates = [
        path for path in package.rglob("*") if path.is_file() and "templates" in path.relative_to(package).parts
    ]
    return sorted({*modules, *templates}, key=lambda path: path.relative_to(package).as_posix())


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


def refusal(folder: str, docs_dir: str, shown: str = "") -> str | None:
    """Why the cache ``folder`` must not be used (a message), or None; makes it (mode 700) when missing.

    Inside the content folder it would be published (drafts' text included).  Whoever can write in it can
    make a load trust anything (a report carrying a resident ID would pass ``check``): as ssh does with its
    keys, the folder and the one above it must belong to this user and be writable by no one else.
    ``shown``: the folder as the messages name it (default: ``folder``).
    """
    shown = shown or folder
    full, docs = os.path.realpath(folder), os.path.realpath(docs_dir)
    if os.path.commonpath([full, docs]) == docs:
        return say("safety.cache_in_content", folder=os.path.dirname(shown) or shown)
    try:
        os.makedirs(os.path.dirname(folder) or ".", mode=0o700, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder, 0o700)
        for path, named in ((os.path.dirname(folder) or ".", os.path.dirname(shown) or "."), (folder, shown)):
            info = os.stat(path)
            if info.st_uid != os.geteuid():
                return say("safety.cache_not_own", folder=named)
            if info.st_mode & 0o022:
                return say("safety.cache_writable", folder=named, mode=f"{info.st_mode & 0o777:o}")
    except OSError:
        return None  # cannot be made or read: the cache finds nothing and saves nothing, as before
    return None


# --- a JSON form of parse results --------------------------------------------------------


def model_classes() -> dict[str, type]:
    """The dataclasses a cache file may hold, by name (the model's, ``Problem`` and ``Parsed``)."""
    found: dict[str, type] = {
        n: v for n, v in vars(model).items() if isinstance(v, type) and dataclasses.is_dataclass(v)
    }
    return {**found, "Problem": problems.Problem, "Parsed": Parsed}


_NO_DEFAULT = object()
_PLAIN = (str, int, float, bool, type(None))
_ENCODERS: dict[type, Callable[[Any], Any]] = {}


def _encoder(cls: type) -> Callable[[Any], Any]:
    """The encoder of one dataclass: its fields, those at their default left out (decoding restores them)."""
    fields = dataclasses.fields(cls)
    names = tuple(f.name for f in fields)
    defaults = tuple(
        f.default
        if f.default is not dataclasses.MISSING
        else f.default_factory()
        if f.default_factory is not dataclasses.MISSING
        else _NO_DEFAULT
        for f in fields
    )
    values = operator.attrgetter(*names) if len(names) > 1 else (lambda v: (getattr(v, names[0]),))
    tag = cls.__name__

    def encode_one(value: Any) -> Any:
        out: dict[str, Any] = {"!": tag}
        for name, default, item in zip(names, defaults, values(value)):
            if item is default or (type(item) is type(default) and item == default):
                continue
            out[name] = item if type(item) in _PLAIN else encode(item)
        return out

    return encode_one


def encode(value: Any) -> Any:
    """Dataclasses (fields at their default left out), datetimes, dates, tuples and mappings as JSON values."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    encoder = _ENCODERS.get(kind)
    if encoder is not None:
        return encoder(value)
    if kind is tuple or kind is list:
        return [v if type(v) in _PLAIN else encode(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        encoder = _ENCODERS[kind] = _encoder(kind)
        return encoder(value)
    if isinstance(value, datetime):
        return {"!": "datetime", "v": value.isoformat(), "tz": getattr(value.tzinfo, "key", None)}
    if isinstance(value, date):
        return {"!": "date", "v": value.isoformat()}
    if isinstance(value, (tuple, list)):
        return [encode(v) for v in value]
    if isinstance(value, Mapping):
        if all(type(k) is str for k in value) and "!" not in value:
            return {k: encode(v) for k, v in value.items()}
        return {"!": "map", "v": [[k, encode(v)] for k, v in value.items()]}
    if isinstance(value, (str, int, float)):  # subclasses (enums)
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _maker(cls: type) -> Callable[[dict[str, Any]], Any]:
    """Builds one dataclass from its encoded fields without running the frozen ``__init__`` field by field.

    Missing fields take their defaults; an unknown or missing required field raises ``TypeError`` (a
    damaged cache is then discarded).  ``__post_init__`` still runs.
    """
    fields = dataclasses.fields(cls)
    if any(f.default_factory is not dataclasses.MISSING for f in fields):
        return lambda values: cls(**{k: tuple(v) if type(v) is list else v for k, v in values.items()})
    # every field, in field order (a required one holds _NO_DEFAULT until given): updating existing keys keeps
    # that order, so an object made here pickles exactly like one made by __init__ (the build's memo keys).
    base = {f.name: f.default if f.default is not dataclasses.MISSING else _NO_DEFAULT for f in fields}
    count = len(fields)
    required = frozenset(name for name, default in base.items() if default is _NO_DEFAULT)
    post = getattr(cls, "__post_init__", None)
    new = object.__new__

    def make(values: dict[str, Any]) -> Any:
        for key, item in values.items():
            if type(item) is list:
                values[key] = tuple(item)
        made: Any = new(cls)
        state = made.__dict__
        state.update(base)
        state.update(values)
        if len(state) != count or not required <= values.keys():
            raise TypeError(f"{cls.__name__}: fields {sorted(values)}")
        if post is not None:
            post(made)
        return made

    return make


def decoder(classes: dict[str, type]) -> Callable[[dict[str, Any]], Any]:
    """A ``json.loads`` object hook inverting :func:`encode` (a dataclass's lists become tuples)."""
    makers = {name: _maker(cls) for name, cls in classes.items()}
    zones: dict[str, ZoneInfo] = {}

    def hook(value: dict[str, Any]) -> Any:
        kind = value.pop("!", None)
        if kind is None:
            return value
        if kind == "datetime":
            moment = datetime.fromisoformat(value["v"])
            key = value["tz"]
            if not key:
                return moment
            zone = zones.get(key) or zones.setdefault(key, ZoneInfo(key))
            return moment.astimezone(zone)
        if kind == "date":
            return date.fromisoformat(value["v"])
        if kind == "map":
            return {k: v for k, v in value["v"]}
        return makers[kind](value)

    return hook


# --- what a decoded value must be ---------------------------------------------------------


_CHECKERS: dict[Any, Callable[[Any], bool]] = {}


def conforms(value: Any, hint: Any) -> bool:
    """Does ``value`` have the type ``hint`` (a dataclass, recursively by its fields' annotations)?

    A file with a valid checksum can still hold anything its writer put there: what is decoded from it is
    checked against the model before it is used, and anything else counts as a miss.
    """
    try:
        return _checker(hint)(value)
    except RecursionError:
        return False


def _checker(hint: Any) -> Callable[[Any], bool]:
    found = _CHECKERS.get(hint)
    if found is None:
        found = _CHECKERS[hint] = _make_checker(hint)
    return found


def _make_checker(hint: Any) -> Callable[[Any], bool]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    exact = {str: (str,), int: (int, bool), bool: (bool,), float: (float, int), type(None): (type(None),)}
    if hint is Any:
        return lambda value: True
    if hint is None or hint in exact:
        allowed = exact[type(None) if hint is None else hint]
        return lambda value: type(value) in allowed
    if origin in (typing.Union, types.UnionType):
        options = [_checker(arg) for arg in args]
        return lambda value: any(option(value) for option in options)
    if origin is typing.Literal:
        return lambda value: value in args
    if origin is tuple:
        return _tuple_checker(args)
    if origin in (dict, Mapping, abc.Mapping):
        keys, values = _checker(args[0]), _checker(args[1])
        return lambda value: isinstance(value, abc.Mapping) and all(keys(k) and values(v) for k, v in value.items())
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass_checker(hint)
    if isinstance(hint, type):
        return lambda value: isinstance(value, hint)
    return lambda value: False  # a hint this checker does not know: nothing passes


def _tuple_checker(args: tuple[Any, ...]) -> Callable[[Any], bool]:
    if len(args) == 2 and args[1] is Ellipsis:
        each = _checker(args[0])
        return lambda value: type(value) is tuple and all(each(item) for item in value)
    items = [_checker(arg) for arg in args]
    return lambda value: type(value) is tuple and len(value) == len(items) and all(c(v) for c, v in zip(items, value))


def _dataclass_checker(cls: type) -> Callable[[Any], bool]:
    hints = typing.get_type_hints(cls)
    fields: list[tuple[str, Callable[[Any], bool]]] = []

    def check(value: Any) -> bool:
        if type(value) is not cls:
            return False
        state = value.__dict__
        return all(field_check(state[name]) for name, field_check in fields)

    _CHECKERS[cls] = check  # before its fields' checkers: a field may hold this class again
    fields.extend((f.name, _checker(hints[f.name])) for f in dataclasses.fields(cls))
    return check


# --- the cache file --------------------------------------------------------------------------

#: Timestamps this close to the cache's own (or later) may hide an edit made in the same tick of a
#: coarse clock (FAT: 2 s): such "racy" entries are checked by content, as git does with its index.
RACY_NS = 2_000_000_000


class ParseCache:
    """``(path, content hash) → parse result`` for one fingerprint; entries also remember the file's stat.

    :meth:`fresh` trusts an entry by the file's stat alone (no read) unless the entry is racy;
    :meth:`get` trusts it by the content hash.  The file is one line per folder of the content, so a
    save after an edit encodes only the edited folders again.
    """

    def __init__(self, folder: str, key: str, bodies: bool = True) -> None:
        self.folder = folder
        self.key = key
        self.path = os.path.join(folder, f"parsed-{'full' if bodies else 'lean'}.json")
        self.saved_ns = 0  # the cache file's mtime: entries changed after it are racy
        self.sha = ""  # the checksum of the file as read or last saved ("" when there is none)
        self.lines: dict[str, bytes] = {}  # folder -> its line as read (decoded when first needed)
        self.old: dict[str, tuple[str, Stat, Any]] = {}  # entries of the folders decoded so far
        self.decoded: set[str] = set()
        self.new: dict[str, tuple[str, Stat, Any]] = {}
        self.touched: set[str] = set()  # folders with a new or changed entry
        self.encoded: dict[str, str] = {}  # key -> entry_json made by a worker process
        self._hook = decoder(model_classes())
        self.started_ns = stamp(folder)  # before any file is read: the saved file's mtime (see :func:`stamp`)
        self._load()

    def _load(self) -> None:
        found = read_checked(self.path, _MAGIC, self.key)
        if found is None:
            return  # none, damaged, foreign or of other settings or code: parse everything again
        payload, sha, saved_ns = found
        lines: dict[str, bytes] = {}
        scan = json.JSONDecoder().raw_decode
        try:
            for line in payload.split(b"\n") if payload else ():
                # each line is ["folder",{...}]: only the folder's name is read now (a path is under 4 KB)
                folder, _ = scan(line[:8192].decode("utf-8", "ignore"), 1)
                lines[folder] = line
        except ValueError:
            return
        self.saved_ns, self.sha, self.lines = saved_ns, sha, lines

    def _entry(self, key: str) -> tuple[str, Stat, Any] | None:
        folder = _folder(key)
        if folder not in self.decoded:
            self._decode(folder)
        return self.old.get(key)

    def _decode(self, folder: str) -> None:
        """One folder's entries; a line that does not decode (it cannot after the checksum) counts as empty."""
        self.decoded.add(folder)
        line = self.lines.get(folder)
        if line is None:
            return
        try:
            _, entries = json.loads(line, object_hook=self._hook)
            found = {
                f"{folder}/{name}" if folder else name: (digest, tuple(stat), value)
                for name, (digest, stat, value) in entries.items()
            }
            if not all(conforms(entry, _Entry) for entry in found.values()):
                raise TypeError(f"{folder}: an entry that is not a parse result")
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            del self.lines[folder]
            return
        self.old.update(found)

    def value(self, key: str) -> Any:
        """The cached value of ``key`` whatever the file holds now (the caller knows it is unchanged), or None."""
        entry = self._entry(key)
        return entry[2] if entry is not None else None

    def fresh(self, key: str, stat: Stat) -> Any:
        """The entry's value when the file's stat is the one recorded and not racy, else None."""
        entry = self._entry(key)
        if entry is None or entry[1] != stat or max(stat[1], stat[2]) >= self.saved_ns - RACY_NS:
            return None
        self.new[key] = entry
        return entry[2]

    def digest(self, key: str) -> str | None:
        entry = self._entry(key)
        return entry[0] if entry is not None else None

    def get(self, key: str, digest: str, stat: Stat | None = None) -> Any:
        entry = self._entry(key)
        if entry is None or entry[0] != digest:
            return None
        if stat is not None and stat != entry[1]:
            entry = (digest, stat, entry[2])
            self.touched.add(_folder(key))
        self.new[key] = entry
        return entry[2]

    def put(self, key: str, digest: str, value: Any, stat: Stat | None = None, entry_json: str | None = None) -> None:
        """A new entry; ``entry_json``: its :meth:`entry_json`, when a worker process already made it."""
        self.new[key] = (digest, stat or (0, 0, 0, 0), value)
        self.touched.add(_folder(key))
        if entry_json is not None:
            self.encoded[key] = entry_json

    @staticmethod
    def entry_json(digest: str, stat: Stat | None, value: Any) -> str:
        """One entry as it is written in its folder's line."""
        return json.dumps(
            [digest, list(stat or (0, 0, 0, 0)), encode(value)], ensure_ascii=False, separators=(",", ":")
        )

    def _payload(self) -> bytes | None:
        """The lines to save, or None when nothing changed (deleted files drop out with their folder's line)."""
        folders: dict[str, dict[str, tuple[str, Stat, Any]]] = {}
        for key, entry in self.new.items():
            folder = _folder(key)
            folders.setdefault(folder, {})[key[len(folder) + 1 :] if folder else key] = entry
        for folder in folders.keys() - self.decoded:
            self._decode(folder)
        before: dict[str, int] = {}
        for key in self.old:
            folder = _folder(key)
            before[folder] = before.get(folder, 0) + 1
        same = {f for f, entries in folders.items() if f not in self.touched and before.get(f) == len(entries)}
        if len(same) == len(folders) == len(self.lines):
            return None
        out = []
        for folder, entries in folders.items():
            if folder in same:
                out.append(self.lines[folder])
                continue
            prefix = f"{folder}/" if folder else ""
            items = ",".join(
                f"{_json(name)}:{self.encoded.get(prefix + name) or self.entry_json(*entry)}"
                for name, entry in entries.items()
            )
            out.append(f"[{_json(folder)},{{{items}}}]".encode())
        return b"\n".join(out)

    def save(self) -> None:
        """Keep what was used this time; best effort, never fatal."""
        try:
            payload = self._payload()
        except (TypeError, ValueError):
            self.sha = ""  # not saved: what the file holds is unknown
            return
        if payload is not None:  # None: nothing changed, the file and its checksum stay
            self.sha = write_checked(self.path, _MAGIC, self.key, payload, self.started_ns)


def read_checked(path: str, magic: bytes, key: str) -> tuple[bytes, str, int] | None:
    """A file written by :func:`write_checked` with this magic and key: ``(payload, its sha256, the file's mtime)``.

    None when it is missing, unreadable, damaged or of another key.
    """
    try:
        with open(path, "rb") as handle:
            saved_ns = os.fstat(handle.fileno()).st_mtime_ns
            blob = handle.read()
    except OSError:
        return None
    head, _, payload = blob.partition(b"\n")
    sha = hashlib.sha256(payload).hexdigest()
    if head != b" ".join((magic, key.encode(), sha.encode())):
        return None
    return payload, sha, saved_ns


def write_checked(path: str, magic: bytes, key: str, payload: bytes, mtime_ns: int = 0) -> str:
    """``payload`` behind a line of magic, key and checksum, written atomically; its sha256, or "" when not written.

    ``mtime_ns`` (when not 0) becomes the file's mtime; a failed write leaves no temporary file.
    """
    folder, name = os.path.split(path)
    sha = hashlib.sha256(payload).hexdigest()

    def keep_mtime(temporary: str) -> None:
        if mtime_ns:
            os.utime(temporary, ns=(mtime_ns, mtime_ns))

    try:
        os.makedirs(folder, exist_ok=True)
        data = b" ".join((magic, key.encode(), sha.encode())) + b"\n" + payload
        prefix = f"{os.path.splitext(name)[0]}-{os.getpid()}-"
        replace_atomically(path, data, prefix, durable=False, before=keep_mtime)
    except OSError:
        return ""
    return sha


def stamp(folder: str) -> int:
    """The filesystem's time now, as the mtime of a file made and removed in ``folder`` (0: cannot write there).

    A saved cache takes this time, taken before any file was read, as its own mtime, so an edit made after a file
    was read, in the same tick of the clock, is racy however long the reading took (git writes its index at
    once; a cold load of 100,000 files takes half a minute).  Every run starts here, so the temporary files of
    runs killed half-way are swept now (:func:`sweep`).
    """
    try:
        os.makedirs(folder, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=folder, prefix=f"stamp-{os.getpid()}-", suffix=".tmp")
    except OSError:
        return 0
    try:
        now = os.fstat(handle).st_mtime_ns
    except OSError:
        return 0
    finally:
        os.close(handle)
        with contextlib.suppress(OSError):
            os.unlink(name)
    sweep(folder, now)
    return now


def sweep(folder: str, now_ns: int) -> list[str]:
    """Delete the temporary files in ``folder`` whose writer is gone (killed while saving); returns their names.

    A file names its writer's pid; one that names none (an older version's) goes once it is an hour older than
    ``now_ns`` (the file system's time, from :func:`stamp`). A file of a writer still running stays.
    """
    removed = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not entry.name.endswith(".tmp") or not entry.is_file(follow_symlinks=False):
                continue
            match = _TEMPORARY.fullmatch(entry.name)
            with contextlib.suppress(OSError):
                orphan = not running(int(match[1])) if match else entry.stat().st_mtime_ns < now_ns - ORPHAN_NS
                if orphan:
                    os.unlink(entry.path)
                    removed.append(entry.name)
    return removed


#: One entry of the cache file as decoded: the content hash, the stat, the parse result.
_Entry = tuple[str, tuple[int, int, int, int], Parsed]


def _json(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _folder(key: str) -> str:
    return key.rpartition("/")[0]
