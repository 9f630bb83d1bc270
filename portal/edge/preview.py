"""Fast preview: under ``mkdocs serve --dirty`` rebuild only the pages an edit can change.

MkDocs' dirty mode skips every page whose ``file.is_modified()`` is false.
:class:`Preview` answers that question for every Markdown page from a
*render key*: a hash of the page's final Markdown (the portal's generated
pages carry every figure they show) and of what else its HTML depends on —
the config file and theme overrides (which also fix the navigation), and,
for a page with Markdown links, the set of files the links resolve against.
A page is built again when its key changed or its output is missing; a change
of ``mkdocs.yml``, an unsupported setup (another plugin, a navigation MkDocs
would title from the pages, a tags listing) or a failed build makes the next
build a full one.

What dirty mode would get wrong is put right here, so that the served site is
byte for byte the clean build's: the search index is assembled from the
cached entries of the pages not built again (:func:`merge_index`), the outputs
of deleted or renamed files are removed (:meth:`Preview.remove_stale`), the
tags of skipped pages are handed to the tags plugin in page order, and
MkDocs' warning about dirty builds is not shown (it does not apply).

This module works on MkDocs' objects (duck-typed) and the served folder; it
does not import MkDocs.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..output.web import search

#: Plugins whose output depends only on the pages built (search and tags are handled here).
SUPPORTED_PLUGINS = frozenset({"search", "material/search", "tags", "material/tags"})
_LINK_MARKS = ("](", "]:")
POLL_FASTEST, POLL_SLOWEST = 0.1, 0.5  # seconds between two looks for edited files
BUILD_DELAY = 0.03  # seconds MkDocs waits after an edit before it rebuilds (its own: 0.1)
_TAGS_DIRECTIVE = "<!-- material/tags"


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def page_of(location: str) -> str:
    """The page URL of a search entry's ``location`` (``reports/x/#y`` → ``reports/x/``)."""
    return location.split("#", 1)[0]


def merge_index(
    index: Mapping[str, Any], order: list[str], rebuilt: set[str], cache: Mapping[str, list[dict[str, Any]]]
) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """The compacted index of every page in ``order``: fresh entries (Material's ``index``) for the pages
    built this time, cached ones for the others.  Returns the index and the new cache (page URL → entries).
    """
    fresh: dict[str, list[dict[str, Any]]] = {}
    separator = index.get("config", {}).get("separator") or search.SEPARATOR
    for entry in index.get("docs", []):
        fresh.setdefault(page_of(str(entry.get("location", ""))), []).append(search.compact_entry(entry, separator))
    by_page = {url: fresh.get(url, []) if url in rebuilt else list(cache.get(url, [])) for url in order}
    docs = [entry for url in order for entry in by_page[url]]
    return {**index, "docs": docs}, by_page


def nav_supported(nav: Any) -> bool:
    """Whether the configured navigation names every page with its own title (so no page's text changes it)."""
    if nav is None:
        return False
    items = nav if isinstance(nav, list) else [nav]
    for item in items:
        if isinstance(item, dict):
            for value in item.values():
                if isinstance(value, list) and not nav_supported(value):
                    return False
        elif not (isinstance(item, str) and "://" in item):
            return False  # a bare page: MkDocs takes its title from the page
    return True


class _DropDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "A 'dirty' build is being performed" not in record.getMessage()


@dataclass
class Preview:
    """The state kept between the builds of one ``mkdocs serve --dirty`` session."""

    enabled: bool = False
    keys: dict[str, str] = field(default_factory=dict)  # src_uri → render key of the last good build
    entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # page URL → search entries
    outputs: set[str] = field(default_factory=set)  # files written by the last good build
    sources: dict[str, tuple[str, str, Any]] = field(default_factory=dict)  # src_uri -> (key, markdown, meta)
    listing: dict[Any, list[str]] = field(default_factory=dict)  # the theme's files, per theme and base key
    # this build
    incremental: bool = False
    base: str = ""
    pending: dict[str, str] = field(default_factory=dict)
    rebuilt_urls: set[str] = field(default_factory=set)
    skipped: set[str] = field(default_factory=set)
    order: list[str] = field(default_factory=list)
    current: set[str] = field(default_factory=set)

    def start(self, command: str, dirty: bool) -> None:
        self.enabled = command == "serve" and dirty
        if self.enabled:
            logging.getLogger("mkdocs.commands.build").addFilter(_DropDirtyWarning())

    def now(self, clock: datetime) -> datetime:
        """The clock as the preview reads it: to the minute (what the pages show), so that the saves within one
        minute reuse the statistics pages and downloads, which depend on ``as_of``.
        """
        return clock.replace(second=0, microsecond=0) if self.enabled else clock

    def begin(self, config: Any, compiled: Any = None) -> None:
        """At ``on_config``: the key every page shares; whether this build may skip pages.

        ``compiled``: a Jinja bytecode cache given to every environment the theme makes (Material's search
        plugin compiles its language templates at its own ``on_config``, after this one).
        """
        if not self.enabled:
            return
        self.pending, self.rebuilt_urls, self.skipped, self.order = {}, set(), set(), []
        self.base = digest(_read(config.config_file_path), _overrides_stamp(config))
        plugins = set(config.plugins.keys()) - set(config.hooks or {})
        tags = config.plugins.get("material/tags")
        deprecated_tags = tags is not None and (tags.config.tags_file or tags.config.tags_extra_files)
        self.incremental = (
            bool(self.keys) and plugins <= SUPPORTED_PLUGINS and nav_supported(config.nav) and not deprecated_tags
        )
        material_search = config.plugins.get("material/search")
        if material_search is not None:
            material_search.is_dirty = False  # it would merge old entries in its own way; merge_index does it
        self._list_theme_once(config.theme, compiled)

    def _list_theme_once(self, theme: Any, compiled: Any) -> None:
        """MkDocs lists every file of the theme on every build to find its static files (Material's folder holds
        thousands): a tenth of a preview rebuild. The list is kept for the session, per theme folders and
        :attr:`base` (the config file and the custom_dir's files, names, sizes and times).
        """
        make_env = theme.get_env
        key = (tuple(theme.dirs), self.base)
        listing = self.listing

        def get_env() -> Any:
            env = make_env()
            if compiled is not None:
                env.bytecode_cache = compiled
            list_templates = env.list_templates

            def listed(extensions: Any = None, filter_func: Any = None) -> list[str]:
                code = getattr(filter_func, "__code__", filter_func)
                memo = (key, extensions, code)
                if memo not in listing:
                    listing[memo] = list_templates(extensions=extensions, filter_func=filter_func)
                return list(listing[memo])

            env.list_templates = listed
            return env

        theme.get_env = get_env

    def mark(self, files: Iterable[Any], generated: Mapping[str, Any], sanitized: set[str]) -> None:
        """At the end of ``on_files``: decide, page by page, whether it is built again."""
        if not self.enabled:
            return
        files = list(files)
        links = digest(*sorted(f"{f.src_uri}>{f.url}" for f in files))
        pages = [f for f in files if f.is_documentation_page()]
        texts = {f.src_uri: _text(f, generated) for f in pages}
        if any(_TAGS_DIRECTIVE in text for text in texts.values()):
            self.incremental = False  # a tags listing depends on every page
        for file in pages:
            text = texts[file.src_uri]
            parts = [self.base, file.src_uri, text, str(file.src_uri in sanitized)]
            if any(mark in text for mark in _LINK_MARKS):
                parts.append(links)
            key = self.pending[file.src_uri] = digest(*parts)
            modified = not (
                self.incremental and self.keys.get(file.src_uri) == key and os.path.isfile(file.abs_dest_path)
            )
            setattr(file, "is_modified", _constant(modified))  # noqa: B010 (MkDocs asks the file)
            if not modified:
                self.skipped.add(file.src_uri)

    def prepare(self, files: Any, config: Any) -> None:
        """At ``on_env`` (before the tags plugin's): record the pages' order and every output; hand the skipped
        pages' tags to the tags plugin, in the order a full build adds them.
        """
        if not self.enabled:
            return
        pages = [f for f in files if f.is_documentation_page() and f.page is not None]
        self.order = [f.page.url for f in pages]
        self.rebuilt_urls = {f.page.url for f in pages if f.src_uri not in self.skipped}
        self.current = {f.abs_dest_path for f in files}
        tags = config.plugins.get("material/tags")
        if tags is None or not tags.config.enabled or not self.skipped:
            return
        name = tags.config.tags_name_property
        for f in pages:
            if f.src_uri not in self.skipped:
                continue
            key = self.pending[f.src_uri]
            known = self.sources.get(f.src_uri)
            if known is not None and known[0] == key:  # the same text as when it was read: the same meta
                f.page.markdown, f.page.meta = known[1], known[2]
            elif f"\n{name}:" in _front(f):
                f.page.read_source(config)
                self.sources[f.src_uri] = (key, f.page.markdown, f.page.meta)
            else:
                continue
            tags.mappings.add(f.page, f.page.markdown)
        data = tags.mappings.data
        ordered = {url: data[url] for url in self.order if url in data}
        data.clear()
        data.update(ordered)

    def finish(self, site_dir: str) -> None:
        """At ``on_post_build``: the search index of every page, stale outputs removed, the keys kept."""
        path = os.path.join(site_dir, "search", "search_index.json")
        if os.path.exists(path):
            index = search.read_index(path)
            merged, self.entries = merge_index(index, self.order, self.rebuilt_urls, self.entries)
            search.write_index(path, merged)
        self.remove_stale(site_dir)
        self.keys, self.outputs = self.pending, self.current

    def remove_stale(self, site_dir: str) -> None:
        """Delete what the last build wrote for files that are gone, and the folders left empty."""
        root = os.path.abspath(site_dir)
        for path in sorted(self.outputs - self.current):
            try:
                os.remove(path)
            except OSError:
                continue
            folder = os.path.dirname(path)
            while os.path.abspath(folder).startswith(root + os.sep) and not os.listdir(folder):
                os.rmdir(folder)
                folder = os.path.dirname(folder)

    def quicken(self, server: Any) -> None:
        """At ``on_serve``: look for edits every 0.1 s instead of MkDocs' 0.5 s (up to 1,000 pages; slower
        for larger sites, never slower than MkDocs) and start the rebuild 0.03 s after one is seen (MkDocs:
        0.1 s), so the wait for a preview is mostly the rebuild.
        """
        if not self.enabled:
            return
        interval = min(POLL_SLOWEST, max(POLL_FASTEST, POLL_FASTEST * len(self.order) / 1000))
        if isinstance(getattr(server, "build_delay", None), float):
            # MkDocs waits this long after an edit for more edits; each look for edits reports them at once
            server.build_delay = min(server.build_delay, BUILD_DELAY)
        observer = getattr(server, "observer", None)
        if observer is None or not hasattr(observer, "_timeout"):
            return
        for target in (observer, *getattr(observer, "emitters", ())):
            if hasattr(target, "_timeout"):
                target._timeout = min(target._timeout, interval)

    def failed(self) -> None:
        """At ``on_build_error``: forget everything, so the next build is a full one."""
        self.keys, self.entries = {}, {}


def _constant(value: bool) -> Any:
    return lambda: value


def _text(file: Any, generated: Mapping[str, Any]) -> str:
    content = generated.get(file.src_uri)
    if content is None:
        return _read(file.abs_src_path).decode("utf-8", "replace")
    return content if isinstance(content, str) else content.decode("utf-8", "replace")


def _front(file: Any) -> str:
    """The front-matter block of a page's source (empty without one)."""
    text = file.content_string
    if not text.startswith("---"):
        return ""
    end = text.find("\n---", 3)
    return text[: end + 1] if end > 0 else ""


def _read(path: str | None) -> bytes:
    if not path:
        return b""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return b""


def _overrides_stamp(config: Any) -> str:
    """Names, sizes and times of the theme's custom files (MkDocs re-reads them on every build)."""
    folder = config.theme.custom_dir
    if not folder or not os.path.isdir(folder):
        return ""
    stamps = []
    for base, _dirs, names in os.walk(folder):
        for name in names:
            info = os.stat(os.path.join(base, name))
            stamps.append(f"{os.path.join(base, name)}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(sorted(stamps))
