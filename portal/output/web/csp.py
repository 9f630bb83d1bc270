"""The Content-Security-Policy a built page carries itself, and its other "internal only" marks.

Pure: takes the final HTML of a page and returns it with a
``<meta http-equiv="Content-Security-Policy">`` and a ``<meta name="robots">``.
Scripts are allowed from the site itself and, inline, only by the SHA-256 of
each inline script the *theme* writes (outside the page's ``<article>``): a
script inside the content, whatever let it through, has no hash and does not
run.  No ``'unsafe-inline'`` for scripts or styles, no outside source.
"""

from __future__ import annotations

import base64
import hashlib
import re

#: The directives of every page; ``script-src`` gets the page's own hashes appended.
BASE_POLICY: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),  # Material's icons are data: SVGs in its CSS
    ("font-src", "'self'"),
    ("connect-src", "'self'"),  # the search index
    ("worker-src", "'self'"),  # the search worker
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
#: ``frame-ancestors`` is ignored in a ``<meta>``: the server sends it (deploy/nginx) with X-Frame-Options.
ROBOTS = "noindex, nofollow"
ROBOTS_TXT = "User-agent: *\nDisallow: /\n"

_SCRIPT_RE = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TYPE_RE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC_RE = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_ARTICLE_RE = re.compile(r"<article\b.*</article\s*>", re.IGNORECASE | re.DOTALL)
_CHARSET_RE = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_HEAD_RE = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_EXISTING_RE = re.compile(
    r"""<meta\s+(?:http-equiv=["']?content-security-policy|name=["']?robots)[^>]*>""", re.IGNORECASE
)
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}


def script_hash(code: str) -> str:
    """``'sha256-…'`` of an inline script's text, as the browser hashes it (UTF-8, exactly as written)."""
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def theme_scripts(html: str, content: str = "") -> list[str]:
    """The inline, executable scripts of a page outside its content (``content`` and the ``<article>``)."""
    outside = html.replace(content, "", 1) if content else html
    outside = _ARTICLE_RE.sub("", outside)
    found: list[str] = []
    for attributes, code in _SCRIPT_RE.findall(outside):
        if _SRC_RE.search(attributes):
            continue
        kind = _TYPE_RE.search(attributes)
        if (kind.group(1).lower() if kind else "") in _SCRIPT_TYPES and code not in found:
            found.append(code)
    return found


def policy(scripts: list[str]) -> str:
    """The policy text for a page whose own inline scripts are ``scripts``."""
    hashes = sorted({script_hash(code) for code in scripts})
    parts = []
    for name, value in BASE_POLICY:
        if name == "script-src" and hashes:
            value = " ".join([value, *hashes])
        parts.append(f"{name} {value}")
    return "; ".join(parts)


def protect(html: str, content: str = "", with_policy: bool = True) -> str:
    """The page with its CSP and robots ``<meta>`` first in ``<head>`` (before any script).

    ``with_policy=False`` (``mkdocs serve``) leaves the CSP out: the dev server injects its live-reload
    script into each page as it serves it, which no hash computed at build time could allow.
    """
    html = _EXISTING_RE.sub("", html)
    tags = f'<meta name="robots" content="{ROBOTS}">'
    if with_policy:
        tags = f'<meta http-equiv="Content-Security-Policy" content="{policy(theme_scripts(html, content))}">' + tags
    anchor = _CHARSET_RE.search(html) or _HEAD_RE.search(html)
    if anchor is None:
        return tags + html
    return html[: anchor.end()] + tags + html[anchor.end() :]
