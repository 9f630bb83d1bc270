"""A site on disk: the MkDocs config, the validated settings and the content.

This is the one place (with :mod:`portal.hook`) that imports MkDocs: it reads
``mkdocs.yml`` the way MkDocs does and asks MkDocs which files it would skip.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
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
from ..settings.locate import inherit_chain, inherit_typo
from ..store import snapshot
from ..store.cache import ParseCache, fingerprint, refusal, stamp
from ..words.messages import say

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
) -> Site:
    """Discover and read every content file (through the parse cache in ``cache_dir``, if given).

    ``months`` (command line only, no bodies): the caller needs the reports of these months alone (``()``:
    none, as ``check``), besides those every period needs; an unchanged content folder is then not read
    at all (:mod:`portal.snapshot`), and the site has no ``sources``.
    """
    settings = settings or settings_of(config)
    root = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
    problems = Problems()
    key = fingerprint(settings, bodies)
    tree = started = None
    asked = cache_dir
    refused = refusal(cache_dir, config.docs_dir) if cache_dir else None
    if cache_dir and refused:
        problems.warning(os.path.dirname(cache_dir) or cache_dir, 1, "PORTAL_CACHE_DIR", refused)
        cache_dir = None
    if cache_dir and not bodies:
        snapshot_key = snapshot.key(key, settings, _picking(config))
        started = stamp(cache_dir)  # before the walk: what changes after it is racy
        tree = snapshot.signature(config.docs_dir)
        kept = snapshot.load(cache_dir, snapshot_key, tree, months, key) if tree and months is not None else None
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
