"""The browser editor at ``admin/`` (issue 27): Decap CMS, configured from the portal's settings at build time.

Nothing here is kept by hand in the site: ``admin/config.yml`` (collections, choices with the configured Chinese
names, widgets in the field order ``new`` writes), ``admin/portal.json`` (what the portal's own script needs:
section slugs, the report file names taken) and ``admin/index.html`` are generated on every build, so a section or
an adopter added to ``mkdocs.yml`` is in the editor after the next build.

The CMS itself comes from its npm package at a pinned version, fetched and checked by ``tools/cms.py fetch``
(the tarball's SHA-512 ``integrity``) into a vendor folder; :func:`vendor_files` checks every file it copies
against the manifest that step wrote, and the main files against SHA-256 sums pinned here, so a build never
serves a file that was not in the verified package.  No CDN: everything is served from ``admin/``.

What the editor writes is the portal's own front-matter format (``portal-editor.js``): field order, quoting and
date format as ``new``, ``adopt`` and ``instruct`` write them, so a file saved in the browser passes ``check``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from typing import Any

import yaml

from ...model.objects import EditorSettings, Settings
from ...settings.editor import origin
from ...words.messages import listing, say
from ...words.pages import COLLECTIONS
from ...words.pages import EDITOR_LABELS as L
from ...words.vocabulary import LEVEL_NAMES

#: The npm packages served under admin/: name -> (version, the registry's ``integrity`` of the tarball).
PACKAGES: dict[str, tuple[str, str]] = {
    "decap-cms": (
        "3.16.3",
        "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw==",
    ),
    "yaml": (
        "2.9.1",
        "sha512-3NxN8+78OdzbT7C/WjGsyfPAtJaN3FNDsWxv7Y7mcDsT/oOmgW8BpyQQFFBnvZE3j9Y2Sdz1ULFLezL7Eb2yFw==",
    ),
}
#: What of each tarball is served (regular expressions on the path inside ``package/``) and where, under admin/.
SERVED: dict[str, tuple[str, str]] = {
    "decap-cms": (r"dist/(decap-cms\.js|[0-9]+\.decap-cms\.js|[0-9a-f]+\.wasm|decap-cms\.js\.LICENSE\.txt)", ""),
    "yaml": (r"browser/dist/.+\.js|LICENSE", "yaml/"),
}
#: SHA-256 of the main files as served, pinned in the repository (a second check besides the tarball's).
PINNED_SHA256: dict[str, str] = {
    "decap-cms.js": "7c1efd6b616b4786e279aeef194dd21649a72058d3bc8d1f78901b574610dfb8",
}
MANIFEST = "MANIFEST.json"
#: Where ``tools/cms.py fetch`` puts the checked files, relative to the site's root (PORTAL_CMS_DIR overrides).
VENDOR = os.path.join("vendor", "cms")
ADMIN = "admin"
#: Decap's review workflow (drafts as merge requests): GitLab and Forgejo have it, Gitea and the local server not.
WORKFLOW_BACKENDS = ("gitlab", "forgejo")


def workflow(editor: EditorSettings) -> bool:
    """Whether the editor's review workflow (报送 as a merge request) is switched on for this backend."""
    return editor.backend in WORKFLOW_BACKENDS


def backend_config(editor: EditorSettings) -> dict[str, Any]:
    """Decap's ``backend`` block (the local backend is decap-server, Decap's ``proxy`` backend)."""
    if editor.backend == "local":
        return {"name": "proxy", "proxy_url": editor.api_root, "branch": editor.branch}
    block: dict[str, Any] = {
        "name": editor.backend,
        "repo": editor.repo,
        "branch": editor.branch,
        "base_url": editor.base_url,
        "api_root": editor.api_root,
        "app_id": editor.app_id,
    }
    if editor.backend == "gitlab":
        block["auth_type"] = "pkce"
    else:
        block["auth_endpoint"] = f"{editor.base_url}/login/oauth/authorize"
    return block


def _select(name: str, label: str, options: Iterable[Any], **more: Any) -> dict[str, Any]:
    return {"name": name, "label": label, "widget": "select", "options": list(options), **more}


def _moment(name: str, label: str, *, time: bool, **more: Any) -> dict[str, Any]:
    """A date (``2026-12-06``) or a time to the minute (``2026-12-06 15:10``), as ``new`` writes them."""
    widget: dict[str, Any] = {"name": name, "label": label, "widget": "datetime", "date_format": "YYYY-MM-DD"}
    if time:
        widget.update(format="YYYY-MM-DD HH:mm", time_format="HH:mm")
    else:
        widget.update(format="YYYY-MM-DD", time_format=False)
    return {**widget, **more}


def _text(name: str, label: str, **more: Any) -> dict[str, Any]:
    return {"name": name, "label": label, "widget": "string", **more}


_OPTIONAL = {"required": False}
_BODY = {"name": "body", "label": L["body"], "widget": "markdown", "modes": ["raw", "rich_text"]}
_DRAFT = {"name": "draft", "label": L["draft"], "widget": "boolean", "required": False}


def report_fields(settings: Settings, requests: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
    """The report form, in the order ``new`` writes the fields, then ``adopt``'s and ``instruct``'s lists."""
    sections = [s.name for s in settings.sections]
    fields = [
        _text("title", L["title"]),
        _select("section", L["section"], sections),
        _text("author", L["author"], **_OPTIONAL),
    ]
    if settings.kinds:
        fields.append(_select("kind", L["kind"], settings.kinds, **_OPTIONAL))
    fields += [
        _moment("date", L["report_date"], time=True, default="{{now}}"),
        {"name": "urgent", "label": L["urgent"], "widget": "boolean", "required": False},
        _moment("event_time", L["event_time"], time=True, **_OPTIONAL),
    ]
    if settings.urgent_limits:
        fields.append(_select("severity", L["severity"], [k for k in settings.urgent_limits], **_OPTIONAL))
    fields += [
        _moment("reported_time", L["reported_time"], time=True, **_OPTIONAL),
        _select("request", L["request"], [{"label": f"{i} {t}", "value": i} for i, t in requests], **_OPTIONAL),
        {"name": "tags", "label": L["tags"], "widget": "list", "required": False},
        _select("classification", L["classification"], ["内部", "公开"], default="内部"),
        _adopted(settings),
        _instructions(),
        _DRAFT,
        _BODY,
    ]
    return fields


def _adopted(settings: Settings) -> dict[str, Any]:
    publications = sorted({p for names in settings.publications.values() for p in names})
    item = [
        _select("by", L["adopted_by"], list(settings.adopters)),
        _moment("date", L["adopted_date"], time=False, **_OPTIONAL),  # `adopted: 县委办` has none
        _text("form", L["adopted_form"], **_OPTIONAL),
    ]
    if publications:
        item.append(_select("in", L["publication"], publications, **_OPTIONAL))
    return {
        "name": "adopted",
        "label": L["adopted"],
        "label_singular": L["adopted"],
        "widget": "list",
        "required": False,
        "summary": "{{fields.by}} {{fields.date}}",
        "fields": item,
    }


def _instructions() -> dict[str, Any]:
    levels = [{"label": name, "value": code} for code, name in LEVEL_NAMES.items()]
    return {
        "name": "instructions",
        "label": L["instructions"],
        "label_singular": L["instruction"],
        "widget": "list",
        "required": False,
        "summary": "{{fields.by}} {{fields.date}}",
        "fields": [
            _text("by", L["instruction_by"]),
            _select("level", L["instruction_level"], levels),
            _moment("date", L["instruction_date"], time=False, **_OPTIONAL),
            {"name": "note", "label": L["instruction_note"], "widget": "text", "required": False},
        ],
    }


def other_collections(settings: Settings, docs: str) -> list[dict[str, Any]]:
    """约稿, incidents and periodical issues, each form in the order ``new`` writes its fields."""
    sections = [s.name for s in settings.sections]
    columns = list(dict.fromkeys(c for p in settings.periodicals for c in p.columns))
    requests = [
        _text("title", L["title"]),
        _moment("issued", L["issued"], time=False, default="{{now}}"),
        _moment("deadline", L["deadline"], time=False),
        _select("sections", L["sections"], sections, multiple=True, **_OPTIONAL),
        _BODY,
    ]
    incidents = [
        _select("section", L["section"], sections),
        _moment("date", L["incident_date"], time=False, default="{{now}}"),
        _select("type", L["incident_type"], settings.incident_types),
        _text("report", L["incident_report"], **_OPTIONAL),
        _DRAFT,
        _BODY,
    ]
    item = [_text("report", L["item_report"])]
    if columns:
        item.append(_select("column", L["column"], columns, **_OPTIONAL))
    issues = [
        _select("publication", L["publication"], [p.name for p in settings.periodicals]),
        {"name": "number", "label": L["number"], "widget": "number", "value_type": "int", "min": 1},
        {"name": "total", "label": L["total"], "widget": "number", "value_type": "int", "min": 1, "required": False},
        _moment("date", L["issue_date"], time=False, default="{{now}}"),
        _text("editor", L["editor"], **_OPTIONAL),
        _text("signer", L["signer"], **_OPTIONAL),
        {"name": "items", "label": L["items"], "label_singular": L["item"], "widget": "list", "fields": item},
        _BODY,
    ]
    found = [
        _collection("requests", COLLECTIONS["requests"], f"{docs}/requests", requests, "", "title"),
        _collection(
            "incidents", COLLECTIONS["incidents"], f"{docs}/incidents", incidents, "{{portal_year}}/{{slug}}", "type"
        ),
    ]
    if settings.periodicals:
        path = "{{portal_series}}/{{slug}}"
        found.append(
            _collection("periodicals", COLLECTIONS["periodicals"], f"{docs}/periodicals", issues, path, "publication")
        )
    return found


#: A new file's folders and name come from ``portal_year``, ``portal_month``, ``portal_series`` and ``portal_file``,
#: set by portal-editor.js before a save by the rule ``new`` names files by; none is written into the file.
#: (A path template names them without ``fields.``: Decap turns the dots of a path template into dashes.)
_NESTED = "{{portal_year}}/{{portal_month}}/{{slug}}"


def _collection(
    name: str, label: str, folder: str, fields: list[dict[str, Any]], path: str, identifier: str
) -> dict[str, Any]:
    found: dict[str, Any] = {
        "name": name,
        "label": label,
        "label_singular": label,
        "folder": folder,
        "create": True,
        "extension": "md",
        "format": "portal-frontmatter",
        "identifier_field": identifier,
        "slug": "{{fields.portal_file}}",
        "summary": "{{" + identifier + "}}",
        "fields": fields,
    }
    if path:
        found["path"] = path
    return found


def cms_config(settings: Settings, docs: str, requests: Iterable[tuple[str, str]]) -> str:
    """``admin/config.yml``: the backend from ``extra.portal.editor``, the collections from the settings.

    ``docs`` is the content folder relative to the repository root (``content``); ``requests`` the 约稿 as
    (id, title), the choices of a report's ``request``.
    """
    editor = settings.editor
    assert editor is not None
    reports = _collection(
        "reports", COLLECTIONS["reports"], f"{docs}/reports", report_fields(settings, requests), _NESTED, "title"
    )
    reports["sortable_fields"] = ["date", "title", "section"]
    config: dict[str, Any] = {
        "locale": "zh_Hans",
        "backend": backend_config(editor),
        "media_folder": f"{docs}/uploads",
        "public_folder": "/uploads",
        "slug": {"encoding": "unicode", "clean_accents": False, "sanitize_replacement": "-"},
        "collections": [reports, *other_collections(settings, docs)],
    }
    if workflow(editor):
        config["publish_mode"] = "editorial_workflow"
    head = "# Generated by the portal at build time from mkdocs.yml (extra.portal); do not edit.\n"
    return head + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)


def portal_json(settings: Settings, taken: Iterable[str]) -> str:
    """``admin/portal.json`` for portal-editor.js: section slugs by name and alias, periodical slugs, the file
    names taken (content-relative paths without ``.md``), so a new file gets the first free number ``new`` gives.
    """
    slugs = {name: s.slug for s in settings.sections for name in (s.name, *s.aliases)}
    data = {
        "sections": slugs,
        "periodicals": {p.name: p.slug for p in settings.periodicals},
        "taken": sorted(taken),
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def policy(editor: EditorSettings) -> str:
    """admin/'s own Content-Security-Policy: the site, what Decap needs, and the configured forge's origin.

    Decap validates its configuration with ajv, which compiles schemas with ``new Function`` (``'unsafe-eval'``)
    and styles its React components with emotion's ``<style>`` elements (``'unsafe-inline'`` styles); its media
    previews are ``blob:`` URLs.  The forge (or the local decap-server) is the only other origin it talks to and
    shows images from.  Measured in Chromium: without either keyword the CMS does not start or is unstyled; the
    package's WebAssembly files are never loaded for this configuration (no ``'wasm-unsafe-eval'``).
    """
    forge = " ".join(dict.fromkeys(o for o in (origin(editor.base_url), origin(editor.api_root)) if o))
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:" + (f" {forge}" if forge else ""),
            "connect-src 'self'" + (f" {forge}" if forge else ""),
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        )
    )


def index_html(settings: Settings) -> str:
    """admin/index.html: its policy and ``noindex`` in ``<meta>``, no inline script (everything is a file)."""
    assert settings.editor is not None
    title = f"{settings.organization} · {say('editor.title')}"
    return (
        '<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy(settings.editor)}">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link href="config.yml" type="text/yaml" rel="cms-config-url">\n'
        f"<title>{_escape(title)}</title>\n"
        '<script src="preinit.js"></script>\n<script src="decap-cms.js"></script>\n'
        '<script type="module" src="portal-editor.js"></script>\n'
        "</head>\n<body></body>\n</html>\n"
    )


def missing_html(settings: Settings, reason: str) -> str:
    """admin/index.html when the CMS is not in the vendor folder: what to do, in Chinese."""
    return (
        '<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        f"<title>{_escape(say('editor.title'))}</title>\n</head>\n<body>\n"
        f"<p>{_escape(reason)}</p>\n</body>\n</html>\n"
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def static_file(name: str) -> str:
    """One of the portal's own admin scripts (``portal/output/web/admin/``), as text."""
    with open(os.path.join(os.path.dirname(__file__), "admin", name), encoding="utf-8") as handle:
        return handle.read()


OWN_FILES = ("preinit.js", "portal-editor.js")


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def vendor_files(vendor: str) -> tuple[list[tuple[str, str]], str]:
    """The CMS files to serve under admin/ as (path under admin/, absolute path), or ([], why not, in Chinese).

    Every file must be listed in the vendor folder's manifest (written by ``tools/cms.py fetch`` from the
    verified tarballs) with its SHA-256, for the pinned versions; the main files also match :data:`PINNED_SHA256`.
    """
    try:
        with open(os.path.join(vendor, MANIFEST), encoding="utf-8") as handle:
            manifest = json.load(handle)
    except (OSError, ValueError):
        return [], say("editor.not_fetched", vendor=vendor)
    versions = {name: version for name, (version, _) in PACKAGES.items()}
    if not isinstance(manifest, dict) or manifest.get("packages") != versions:
        return [], say("editor.wrong_version", vendor=vendor, versions=_shown(versions))
    files: dict[str, str] = manifest.get("files") or {}
    found: list[tuple[str, str]] = []
    for rel, digest in sorted(files.items()):
        full = os.path.join(vendor, *rel.split("/"))
        try:
            actual = _sha256(full)
        except OSError:
            return [], say("editor.vendor_changed", path=full)
        if actual != digest or actual != PINNED_SHA256.get(rel, actual):
            return [], say("editor.vendor_changed", path=full)
        found.append((rel, full))
    if not any(rel == "decap-cms.js" for rel, _ in found):
        return [], say("editor.not_fetched", vendor=vendor)
    return found, ""


def _shown(versions: Mapping[str, str]) -> str:
    return listing(f"{name}@{version}" for name, version in versions.items())


def taken_names(docs_dir: str) -> list[str]:
    """The content-relative paths (without ``.md``) of the files under reports/, incidents/, requests/ and
    periodicals/: a new file from the editor takes the first free number, as ``new`` does.
    """
    found: list[str] = []
    for kind in ("reports", "incidents", "requests", "periodicals"):
        for folder, _, names in os.walk(os.path.join(docs_dir, kind)):
            rel = os.path.relpath(folder, docs_dir).replace(os.sep, "/")
            found += [f"{rel}/{name[:-3]}" for name in names if name.endswith(".md")]
    return found


def admin_files(
    settings: Settings, root: str, docs_dir: str, vendor: str, requests: Iterable[tuple[str, str]]
) -> tuple[dict[str, str], list[tuple[str, str]], str]:
    """What a build puts under admin/: generated texts (path -> text), vendor files to copy (path, source)
    and a warning (Chinese; empty when the CMS is there).  Without the CMS, admin/index.html says what to do.
    """
    docs = os.path.relpath(docs_dir, root).replace(os.sep, "/")
    copied, warning = vendor_files(vendor)
    texts = {f"{ADMIN}/config.yml": cms_config(settings, docs, requests)}
    if warning:
        texts[f"{ADMIN}/index.html"] = missing_html(settings, warning)
        return texts, [], warning
    texts[f"{ADMIN}/index.html"] = index_html(settings)
    texts[f"{ADMIN}/portal.json"] = portal_json(settings, taken_names(docs_dir))
    for name in OWN_FILES:
        texts[f"{ADMIN}/{name}"] = static_file(name)
    return texts, [(f"{ADMIN}/{rel}", full) for rel, full in copied], ""
