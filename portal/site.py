"""A site on disk: the MkDocs config, the validated settings and the content.

This is the one place (with :mod:`portal.hook`) that imports MkDocs: it reads
``mkdocs.yml`` the way MkDocs does and asks MkDocs which files it would skip.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.structure.files import File, InclusionLevel, set_exclusions

from .config import build_settings
from .loader import SourceFile, discover, load
from .model import Content, Settings
from .problems import Problem, Problems


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


def read_config(config_file: str) -> MkDocsConfig:
    try:
        return load_config(config_file)
    except ConfigurationError as exc:
        raise ConfigFailure([Problem(config_file, 1, "config", str(exc).strip())]) from exc
    except OSError as exc:
        raise ConfigFailure([Problem(config_file, 1, "config", f"cannot be read ({exc.strerror})")]) from exc


def settings_of(config: MkDocsConfig) -> Settings:
    extra: dict[str, Any] = dict(config.extra or {})
    raw = extra.get("portal")
    config_file = config.config_file_path or "mkdocs.yml"
    settings, problems = build_settings(raw, _relative(config_file))
    if settings is None:
        raise ConfigFailure(problems)
    return settings


def _relative(path: str) -> str:
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def skip_predicate(config: MkDocsConfig):  # type: ignore[no-untyped-def]
    """``src_uri → bool``: would MkDocs leave this file out of the site?"""

    def skipped(src_uri: str) -> bool:
        if any(part.startswith(".") for part in src_uri.split("/")):
            return True
        file = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)
        set_exclusions([file], config)
        return file.inclusion.is_excluded() or (file.inclusion == InclusionLevel.DRAFT)

    return skipped


def load_site(config: MkDocsConfig, settings: Settings | None = None) -> Site:
    settings = settings or settings_of(config)
    root = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
    problems = Problems()
    sources, found = discover(root, config.docs_dir, skip_predicate(config), config.use_directory_urls)
    problems.extend(found)
    content = load(sources, settings, problems)
    return Site(config, settings, root, sources, content, problems)
