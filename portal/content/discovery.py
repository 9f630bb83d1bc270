"""Discovery: which files under the content folder MkDocs would publish, and what it must not.

``discover`` finds every file under the content kinds' folders (:data:`KINDS`)
and refuses what MkDocs would silently skip, overwrite or copy unchecked
(active files, links out of the repository, clashing addresses).
:func:`reserved_clashes` is the rule for addresses the portal generates.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..words.messages import say
from .privacy import personal_data
from ..model.problems import Problem, Problems

#: The content kinds by folder under docs_dir: each is parsed by its own reader (see :mod:`portal.content.parsing`);
#: every other Markdown file is a plain page ("pages"), held to the same text rules.
#: ``bulletins/<period>.md`` holds the office's own words for a bulletin (see :mod:`portal.content.notes`).
KINDS = ("reports", "requests", "incidents", "periodicals", "bulletins")
MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


@dataclass(frozen=True)
class SourceFile:
    abs_path: str
    path: str  # relative to the site root, POSIX
    src_uri: str  # relative to docs_dir, POSIX
    kind: str  # a folder of KINDS, "home" (docs_dir/index.md) or "pages" (any other Markdown file)

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


#: Names Windows keeps for devices, whatever the extension (``CON.md``, ``nul.2026.md``), in any case.
WINDOWS_DEVICES = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"] + [f"{port}{n}" for port in ("COM", "LPT") for n in range(10)]
)
_WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def windows_refusal(name: str) -> str | None:
    """Why Windows would refuse ``name`` (one file name, no folders) as a file name, or None when it takes it."""
    bad = sorted(set(_WINDOWS_FORBIDDEN.findall(name)))
    if bad:
        shown = " ".join(char if char.isprintable() else f"\\x{ord(char):02x}" for char in bad)
        return say("install.windows_name.characters", name=name, chars=shown)
    if name.endswith((".", " ")):
        return say("install.windows_name.trailing", name=name)
    stem = name.split(".", 1)[0].rstrip(" ")
    if stem.upper() in WINDOWS_DEVICES:
        return say("install.windows_name.device", name=name, stem=stem)
    return None


def _generated_urls(use_directory_urls: bool) -> tuple[set[str], re.Pattern[str]]:
    """Addresses the portal generates itself under reports/ and requests/ (their ``index.md`` are intros)."""
    fixed = {page_url("reports/index.md", use_directory_urls), page_url("requests/index.md", use_directory_urls)}
    month = page_url("reports/2000-01/index.md", use_directory_urls).replace("2000-01", r"\d{4}-\d{2}")
    return fixed, re.compile(month)


def decodable(name: str) -> bool:
    """Is the name UTF-8 on disk (Python holds other bytes as surrogates, which no page or output can take)?"""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(path: str) -> str:
    r"""A path as it can be printed: bytes that are not UTF-8 as ``\xb5``."""
    return path if decodable(path) else os.fsencode(path).decode("utf-8", "backslashreplace")


def reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _only_dots(name: str) -> bool:
    """``..md``, ``....md``: a Markdown name whose stem is only dots (``splitext`` sees no extension)."""
    stem, dot, extension = name.rpartition(".")
    return bool(dot) and f".{extension.lower()}" in MARKDOWN and stem.strip(".") == "" and stem != ""


#: Files editors and Word leave beside the ones being edited: never published, never an error.
def _is_lock_or_backup(name: str) -> bool:
    return name.startswith(("~$", ".#")) or name.endswith("~")


#: Leftovers that hold text someone saved: published as they are (unchecked) unless refused.
_REFUSED = {
    ".orig": "discovery.orig",
    ".rej": "discovery.rej",
    ".bak": "discovery.bak",
    ".txt": "discovery.txt",
}
#: Text files the office may put at the content root on purpose (the crawler policy wins over the generated one).
_OFFICE_FILES = {"robots.txt"}
_DOCUMENTS = (".doc", ".docx", ".wps", ".rtf", ".odt", ".xls", ".xlsx", ".et", ".ods", ".pdf")


def leftover_problem(name: str, extension: str | None = None) -> str | None:
    """Why a file of this name is refused (a leftover or an unchecked document), or None."""
    extension = os.path.splitext(name)[1].lower() if extension is None else extension
    if extension == ".txt" and os.path.splitext(name[:-4])[1].lower() in MARKDOWN:
        return say("discovery.md_txt", ending=os.path.splitext(name[:-4])[1] + name[-4:])
    if extension in _REFUSED:
        return say(_REFUSED[extension])
    if extension in _DOCUMENTS:
        return say("discovery.document", extension=extension)
    return None


@dataclass
class Discovery:
    """What :func:`discover` found: the Markdown sources, the problems, and files MkDocs must not publish."""

    sources: list[SourceFile]
    problems: list[Problem]
    withheld: set[str]  # src_uris


class _Walk:
    """One walk over the content folder (see :func:`discover`)."""

    def __init__(self, root: str, docs_dir: str, skipped: Callable[[str], bool]) -> None:
        self.root = root
        self.real_root = os.path.realpath(root)
        self.prefix = os.path.join(os.path.abspath(root), "")
        self.docs_prefix = os.path.join(os.path.abspath(docs_dir), "")
        self.docs_dir = os.path.abspath(docs_dir)
        self.skipped = skipped
        self.problems = Problems()
        self.found: list[SourceFile] = []
        self.through_link: set[str] = set()  # files found in a folder reached through a symbolic link
        self.links: set[str] = set()  # files that are symbolic links
        self.withheld: set[str] = set()
        self.cased: dict[str, str] = {}  # every file's path, case folded: a checkout on Windows cannot hold two

    def rel(self, path: str) -> str:
        if path.startswith(self.prefix):  # the common case, without relpath's cost
            return path[len(self.prefix) :].replace(os.sep, "/")
        return os.path.relpath(path, self.root).replace(os.sep, "/")

    def src_uri(self, full: str) -> str:
        inside = full.startswith(self.docs_prefix)
        return (full[len(self.docs_prefix) :] if inside else os.path.relpath(full, self.docs_dir)).replace(os.sep, "/")

    def refuse(self, full: str, message: str, path: str | None = None) -> None:
        self.problems.error(path or self.rel(full), 1, "file", message)
        self.withheld.add(self.src_uri(full))

    def refuse_link(self, full: str, what: str) -> bool:
        if not os.path.islink(full):
            return False
        target = os.path.realpath(full)
        if os.path.commonpath([target, self.real_root]) != self.real_root:
            self.refuse(full, say(f"discovery.link_outside.{what}"))
            return True
        if not os.path.exists(full):
            self.refuse(full, say(f"discovery.link_broken.{what}", target=os.readlink(full)))
            return True
        return False

    def walk(self) -> None:
        if not self.refuse_link(self.docs_dir, "folder"):
            self._folder(self.docs_dir, set())

    def _folder(self, folder: str, seen: set[str]) -> None:
        """One folder's files in name order, then its subfolders (as ``os.walk`` following links, top-down).

        ``os.scandir`` tells links and folders apart without a system call per file.
        """
        real = os.path.realpath(folder)
        if real in seen:
            return
        seen.add(real)
        via_link = real != os.path.abspath(folder)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:  # os.walk (so MkDocs) passes it over: its files would be missing unsaid
            self.problems.error(shown(self.rel(folder)), 1, "file", say("safety.folder_unlistable", reason=reason(exc)))
            return
        kind = self.kind_of(self.src_uri(os.path.join(folder, "x")))
        dirs = []
        for entry in self.nameable(entries):
            if _is_dir(entry):
                dirs.append(entry)
                continue
            source = self.file(entry.path, entry.name, entry.is_symlink())
            if source is not None:
                self.found.append(source)
                if via_link:
                    self.through_link.add(source.path)
        for entry in dirs:
            outside_kinds = kind == "pages" and entry.name.startswith(".")  # MkDocs skips dot-folders
            if outside_kinds or (entry.is_symlink() and self.refuse_link(entry.path, "folder")):
                continue
            self._folder(entry.path, seen)

    def nameable(self, entries: list[os.DirEntry[str]]) -> Iterable[os.DirEntry[str]]:
        """The entries whose names every checkout can hold: UTF-8, and files not only the case of another's.

        Folders may differ in case (a checkout on Windows merges them); the files in them then must not.
        """
        for entry in entries:
            full = entry.path
            if not decodable(entry.name):
                self.refuse(full, say("safety.name_not_utf8"), shown(self.rel(full)))
                continue
            if not _is_dir(entry):
                path = self.rel(full)
                twin = self.cased.setdefault(path.casefold(), path)
                if twin != path:
                    self.refuse(full, say("safety.name_case_twin", other=twin))
                    continue
            yield entry

    @staticmethod
    def kind_of(src_uri: str) -> str:
        top = src_uri.split("/", 1)[0] if "/" in src_uri else ""
        return top if top in KINDS else "pages"

    def file(self, full: str, name: str, link: bool) -> SourceFile | None:
        """The file as a source to read, or None (refused, withheld, or not Markdown); ``link``: a symlink."""
        src_uri = self.src_uri(full)
        kind = self.kind_of(src_uri)
        extension = os.path.splitext(name)[1].lower()
        if _only_dots(name):
            self.refuse(full, say("safety.name_only_dots", name=name))
            return None
        if _is_lock_or_backup(name):
            self.withheld.add(src_uri)
            return None
        if link and self.refuse_link(full, "file"):
            return None
        if link:
            self.links.add(self.rel(full))
        if self.skipped(src_uri):
            if kind != "pages" and extension in MARKDOWN:
                self.problems.error(
                    self.rel(full),
                    1,
                    "file",
                    say("discovery.skipped"),
                )
            return None
        if extension in ACTIVE and kind != "pages":
            self.refuse(full, say("discovery.active", extension=extension))
            return None
        refused = leftover_problem(name, extension) if src_uri not in _OFFICE_FILES else None
        if refused:
            self.refuse(full, refused)
            return None
        if extension not in MARKDOWN:
            return None
        return self.markdown(full, name, src_uri, kind)

    def markdown(self, full: str, name: str, src_uri: str, kind: str) -> SourceFile | None:
        if not name.endswith(".md"):
            self.refuse(full, say("discovery.not_md", extension=os.path.splitext(name)[1]))
            return None
        bad = _BAD_NAME_RE.search(src_uri)
        if bad:
            self.refuse(full, say("discovery.windows_name", character=bad.group(0)))
            return None
        named = [f.masked for f in personal_data(src_uri)]
        if named:
            self.refuse(full, say("discovery.personal_name", masked=named[0]))
            return None
        if src_uri == "index.md":
            kind = "home"
        return SourceFile(full, self.rel(full), src_uri, kind)


def discover(root: str, docs_dir: str, skipped: Callable[[str], bool], use_directory_urls: bool = True) -> Discovery:
    """Every Markdown file MkDocs would publish as a page; what it must not publish is refused or withheld."""
    walk = _Walk(root, docs_dir, skipped)
    walk.walk()
    walk.found = _windows_names(walk.found, walk.problems)
    kept = _distinct(walk.found, walk.through_link | walk.links, walk.problems, use_directory_urls)
    sources = [s for s in walk.found if s.path in kept]
    withheld = walk.withheld | {s.src_uri for s in walk.found if s.path not in kept}
    homes = [s for s in sources if s.kind == "home"]
    return Discovery(homes + [s for s in sources if s.kind != "home"], walk.problems.items, withheld)


def _windows_names(found: list[SourceFile], problems: Problems) -> list[SourceFile]:
    """The files a Windows computer can check out: a device name (``aux.md``, ``con/``) or a folder ending in a dot
    or space is refused, naming the part (characters Windows refuses are refused as the files are found).
    """
    kept = []
    for source in found:
        refusal = next(filter(None, map(windows_refusal, source.src_uri.split("/"))), None)
        if refusal:
            problems.error(source.path, 1, "file", refusal)
        else:
            kept.append(source)
    return kept


def _distinct(found: list[SourceFile], linked: set[str], problems: Problems, use_directory_urls: bool) -> set[str]:
    """The paths kept: one file per address, no address the portal generates, no file reached twice."""
    fixed, month = _generated_urls(use_directory_urls)
    by_url: dict[str, SourceFile] = {}
    by_file: dict[str, SourceFile] = {}
    kept: set[str] = set()
    for source in sorted(found, key=lambda s: (s.path in linked, s.path)):
        url = page_url(source.src_uri, use_directory_urls)
        # Only a file reached through a link can be the same file as another one.
        real = os.path.realpath(source.abs_path) if source.path in linked else source.abs_path
        if source.kind in KINDS and not source.landing and (url in fixed or month.fullmatch(url)):
            problems.error(
                source.path,
                1,
                "file",
                say("discovery.generated", url=url),
            )
        elif url.lower() in by_url:
            problems.error(
                source.path,
                1,
                "file",
                say("discovery.same_address", url=url, other=by_url[url.lower()].path),
            )
        elif real in by_file:
            problems.error(
                source.path,
                1,
                "file",
                say("discovery.same_file", other=by_file[real].path),
            )
        else:
            by_url[url.lower()] = source
            by_file[real] = source
            kept.add(source.path)
    return kept


def reserved_clashes(
    generated: Iterable[str], pages: Iterable[tuple[str, str]], use_directory_urls: bool = True
) -> list[str]:
    """Messages for pages (``(src_uri, url)``) whose address is taken by a generated page (a src_uri)."""
    reserved = {page_url(uri, use_directory_urls): uri for uri in generated if uri.endswith(".md")}
    return [
        say("discovery.reserved", src_uri=src_uri, url=url, generated=reserved[url])
        for src_uri, url in pages
        if url in reserved and src_uri != reserved[url]
    ]
