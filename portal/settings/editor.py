"""``extra.portal.editor`` (issue 27): which forge the browser editor at ``admin/`` saves to, checked.

The editor's pages are made by :mod:`portal.output.web.editor` from the :class:`EditorSettings` made here.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from ..model.objects import EditorSettings
from ..words.messages import listing, say
from .checks import Errors
from .schema import ROOT

BACKENDS = ("gitlab", "gitea", "forgejo", "local")
_API_SUFFIX = {"gitlab": "/api/v4", "gitea": "/api/v1", "forgejo": "/api/v1", "local": "/api/v1"}
LOCAL_URL = "http://127.0.0.1:8081"
_REPO_RE = re.compile(r"[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+")
_KEYS = ("backend", "repo", "base_url", "api_root", "app_id", "branch")
_PATH = f"{ROOT}.editor"


def parse_editor(raw: object, errors: Errors) -> EditorSettings | None:
    """``extra.portal.editor`` validated (None: not configured); every problem appended as (key path, message)."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        errors.append((_PATH, say("editor.not_mapping")))
        return None
    found = len(errors)
    values = {key: raw.get(key) for key in _KEYS}
    errors.extend(_editor_problems(raw, values))
    if len(errors) > found:
        return None
    backend = str(values["backend"])
    base = (values["base_url"] or (LOCAL_URL if backend == "local" else "")).rstrip("/")
    return EditorSettings(
        backend=backend,
        repo=values["repo"] or "",
        base_url=base,
        api_root=(values["api_root"] or base + _API_SUFFIX[backend]).rstrip("/"),
        app_id=values["app_id"] or "",
        branch=values["branch"] or "main",
    )


def _editor_problems(raw: dict[Any, Any], values: dict[str, Any]) -> Errors:
    """Every problem of ``extra.portal.editor``, as (key path, message)."""
    errors: Errors = []
    errors += [
        (f"{_PATH}.{key}", say("editor.unknown_key", key=key, keys=listing(_KEYS))) for key in raw if key not in _KEYS
    ]
    errors += [
        (f"{_PATH}.{key}", say("editor.not_text", key=key))
        for key, value in values.items()
        if value is not None and not isinstance(value, str)
    ]
    backend = values["backend"]
    if backend not in BACKENDS:
        errors.append((f"{_PATH}.backend", say("editor.bad_backend", value=backend or "", names=listing(BACKENDS))))
    elif backend != "local":
        errors += [
            (f"{_PATH}.{key}", say("editor.required", key=key, backend=backend))
            for key in ("repo", "base_url", "app_id")
            if not values[key]
        ]
    repo = values["repo"]
    if isinstance(repo, str) and repo and not _REPO_RE.fullmatch(repo):
        errors.append((f"{_PATH}.repo", say("editor.bad_repo", value=repo)))
    for key in ("base_url", "api_root"):
        value = values[key]
        if isinstance(value, str) and value and origin(value) is None:
            errors.append((f"{_PATH}.{key}", say("editor.bad_url", key=key, value=value)))
    return errors


def origin(url: str) -> str | None:
    """``https://git.example.cn`` of a URL; None when it is no http(s) URL."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.username or parts.password:
        return None
    return f"{parts.scheme}://{parts.netloc}"
