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

from .privacy import personal_data
from .problems import Problem, Problems

KINDS = ("reports", "requests")
MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


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


def reserved_clashes(
    generated: Iterable[str], pages: Iterable[tuple[str, str]], use_directory_urls: bool = True
) -> list[str]:
    """Messages for pages (``(src_uri, url)``) whose address is taken by a generated page (a src_uri)."""
    reserved = {page_url(uri, use_directory_urls): uri for uri in generated if uri.endswith(".md")}
    return [
        f"{src_uri}: its address /{url} is reserved for a generated page ({reserved[url]}); rename the file"
        for src_uri, url in pages
        if url in reserved and src_uri != reserved[url]
    ]
