"""A site on disk: the MkDocs config, the validated settings and the content.

This is the one place (with :mod:`portal.edge.hook`) that reads MkDocs' config: it reads ``mkdocs.yml`` the
way MkDocs does, asks MkDocs which files it would skip, and hands the command line plain values
(:class:`SiteConfig`, from :func:`open_config`) with MkDocs' own complaints as problems.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from typing import Any

import pathspec
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.structure.files import File, set_exclusions

from ..content.discovery import SourceFile, discover
from ..content.loader import load
from ..model.objects import Content, Settings
from ..model.problems import Problem, Problems
from ..settings.build import build_settings
from ..settings.locate import inherit_chain, inherit_typo, locate_in_chain
from ..store import snapshot
from ..store.cache import ParseCache, fingerprint, refusal, stamp
from ..words.messages import say
from .mkdocs_text import mkdocs_message

#: What MkDocs leaves out of every site (``mkdocs.structure.files._default_exclude``).
_DEFAULT_EXCLUDE = pathspec.gitignore.GitIgnoreSpec.from_lines([".*", "/templates/"])


class ConfigFailure(Exception):
    """The config file cannot be read or is invalid (exit code 2)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


@dataclass
class Site:
    config: MkDocsConfig
    settings: Settings
    root: str  # folder of mkdocs.yml
    sources: list[SourceFile]
    content: Content
    problems: Problems
    withheld: set[str] = field(default_factory=set)  # src_uris MkDocs must not publish


@dataclass(frozen=True)
class SiteConfig:
    """What the command line reads of ``mkdocs.yml``: plain values, and MkDocs' own config kept for
    :func:`load_site` (:attr:`engine`: nothing outside ``portal/edge/`` looks into it).
    """

    settings: Settings
    docs_dir: str  # the content folder, absolute (MkDocs resolves it against the config file's folder)
    site_url: str  # "" when not set
    use_directory_urls: bool
    raw_portal: Any  # ``extra.portal`` as written (the reminder settings are checked from it)
    engine: MkDocsConfig


def open_config(config_file: str) -> tuple[SiteConfig | None, list[Problem]]:
    """``mkdocs.yml`` read and checked: the site's config (None when it has errors, exit 2) and every problem,
    MkDocs' own warnings first, then the errors.
    """
    try:
        config, warnings = _read_logged(config_file)
    except ConfigFailure as exc:
        return None, exc.problems
    try:
        settings = settings_of(config)
    except ConfigFailure as exc:
        return None, [*warnings, *exc.problems]
    extra: dict[str, Any] = dict(config.extra or {})
    raw_portal = extra.get("portal")
    site_config = SiteConfig(
        settings, config.docs_dir, config.site_url or "", config.use_directory_urls, raw_portal, config
    )
    return site_config, warnings


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


_CONFIG_VALUE_RE = re.compile(r"Config value '(?P<key>[^']+)': (?P<message>.*)", re.DOTALL)


def _as_problem(config_file: str, record: logging.LogRecord) -> Problem:
    text = record.getMessage().strip()
    match = _CONFIG_VALUE_RE.fullmatch(text)
    key, message = (match["key"], mkdocs_message(match["message"])) if match else ("config", mkdocs_message(text))
    where, line = locate_in_chain(config_file, key) if match else (config_file, 1)
    return Problem(where, line, key, message, "error" if record.levelno >= logging.ERROR else "warning")


def _read_logged(config_file: str) -> tuple[MkDocsConfig, list[Problem]]:
    """:func:`read_config`, with MkDocs' own validation messages as problems (its warnings returned).

    MkDocs logs what is wrong with its own keys (``docs_dir``, ``theme``, …)
    and then raises ``Abort`` (a ``SystemExit``); that becomes a
    :class:`ConfigFailure` (exit 2, never a traceback) naming each key.
    """
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        config = read_config(config_file)
    except SystemExit as exc:  # mkdocs.exceptions.Abort, after logging the reasons
        found = [_as_problem(config_file, record) for record in collect.records]
        errors = [p for p in found if p.is_error] or [replace(p, severity="error") for p in found]
        raise ConfigFailure(errors or [Problem(config_file, 1, "config", str(exc))]) from exc
    finally:
        logger.removeHandler(collect)
    return config, [_as_problem(config_file, record) for record in collect.records]


def read_config(config_file: str) -> MkDocsConfig:
    _, loop = inherit_chain(config_file)
    if loop is not None:
        raise ConfigFailure([Problem(loop[0], loop[1], "INHERIT", loop[2])])
    _refuse_inherit_typos(config_file)
    try:
        return load_config(config_file)
    except ConfigurationError as exc:
        raise ConfigFailure(
            [Problem(config_file, 1, "config", say("site.config_invalid", reason=str(exc).strip()))]
        ) from exc
    except OSError as exc:
        raise ConfigFailure(
            [Problem(config_file, 1, "config", say("parsing.unreadable", reason=exc.strerror))]
        ) from exc


def _refuse_inherit_typos(config_file: str) -> None:
    """One clear error for a misspelt ``INHERIT`` key (else: only follow-on errors about unknown names)."""
    chain, _ = inherit_chain(config_file)
    for file in chain:
        typo = inherit_typo(file)
        if typo is not None:
            line, key = typo
            raise ConfigFailure([Problem(_relative(file), line, key, say("safety.inherit_typo", key=key))])


def settings_of(config: MkDocsConfig) -> Settings:
    extra: dict[str, Any] = dict(config.extra or {})
    raw = extra.get("portal")
    config_file = config.config_file_path or "mkdocs.yml"
    _refuse_inherit_typos(config_file)
    settings, problems = build_settings(raw, _relative(config_file))
    if settings is None:
        raise ConfigFailure(problems)
    return settings


def _relative(path: str) -> str:
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def skip_predicate(config: MkDocsConfig) -> Callable[[str], bool]:
    """``src_uri → bool``: would MkDocs leave this file out of the site (as ``set_exclusions`` decides)?"""
    probe = File("index.md", config.docs_dir, config.site_dir, config.use_directory_urls)
    set_exclusions([probe], config)  # fails early, as MkDocs would, on a broken pattern
    exclude = _DEFAULT_EXCLUDE + config.exclude_docs if config.exclude_docs else _DEFAULT_EXCLUDE
    drafts = config.draft_docs

    def skipped(src_uri: str) -> bool:
        if any(part.startswith(".") for part in src_uri.split("/")):
            return True
        return bool(exclude.match_file(src_uri) or (drafts and drafts.match_file(src_uri)))

    return skipped


def load_site(
    config: MkDocsConfig,
    settings: Settings | None = None,
    *,
    bodies: bool = True,
    workers: int = 1,
    cache_dir: str | None = None,
    months: Collection[str] | None = None,
    relative_to: str = "",
) -> Site:
    """Discover and read every content file (through the parse cache in ``cache_dir``, if given).

    A relative ``cache_dir`` is in the folder ``relative_to`` (the command line: the site's folder; default: the
    current folder), and is named in messages as given.

    ``months`` (command line only, no bodies): the caller needs the reports of these months alone (``()``:
    none, as ``check``), besides those every period needs; an unchanged content folder is then not read
    at all (:mod:`portal.store.snapshot`), and the site has no ``sources``.
    """
    settings = settings or settings_of(config)
    root = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
    problems = Problems()
    key = fingerprint(settings, bodies)
    tree = started = None
    shown = cache_dir or ""
    cache_dir = asked = os.path.join(relative_to, cache_dir) if cache_dir else None
    refused = refusal(cache_dir, config.docs_dir, shown) if cache_dir else None
    if cache_dir and refused:
        problems.warning(os.path.dirname(shown) or shown, 1, "PORTAL_CACHE_DIR", refused)
        cache_dir = None
    if cache_dir and not bodies:
        snapshot_key = snapshot.key(key, settings, _picking(config))
        started = stamp(cache_dir)  # before the walk: what changes after it is racy
        tree = snapshot.folder_signature(config.docs_dir)
        kept = (
            snapshot.load_snapshot(cache_dir, snapshot_key, tree, months, key) if tree and months is not None else None
        )
        if kept is not None:
            return Site(config, settings, root, [], kept[0], Problems(kept[1]))
    found = discover(root, config.docs_dir, skip_predicate(config), config.use_directory_urls)
    problems.extend(found.problems)
    if asked:  # a cache folder inside the content folder: none of its files is published
        found.withheld |= _files_under(asked, config.docs_dir)
    store = ParseCache(cache_dir, key, bodies) if cache_dir else None
    content = load(found.sources, settings, problems, bodies=bodies, cache=store, workers=workers)
    if store is not None:
        store.save()
        if tree is not None and started:
            snapshot.save(store.folder, snapshot_key, tree, started, store, content, problems.items)
    return Site(config, settings, root, found.sources, content, problems, found.withheld)


def _files_under(cache_dir: str, docs_dir: str) -> set[str]:
    """The src_uris of the files in the cache folder when it is inside ``docs_dir`` (else none).

    The folder above ``cache_dir`` (``PORTAL_CACHE_DIR``, holding every site's cache), unless that is the
    content folder itself.
    """
    docs = os.path.realpath(docs_dir)
    full = os.path.realpath(os.path.dirname(cache_dir) or ".")
    if full == docs:
        full = os.path.realpath(cache_dir)
    if os.path.commonpath([full, docs]) != docs:
        return set()
    return {
        os.path.relpath(os.path.join(where, name), docs).replace(os.sep, "/")
        for where, _, names in os.walk(full)
        for name in names
    }


def _picking(config: MkDocsConfig) -> tuple[str, str, str, bool]:
    """What decides which files MkDocs (and so the portal) reads."""
    docs_dir = os.path.abspath(config.docs_dir)
    return docs_dir, repr(config.exclude_docs), repr(config.draft_docs), bool(config.use_directory_urls)
