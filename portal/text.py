"""Rules about what a file's text may carry (SPEC §3.3, §7).

Classified markings, personal data (resident ID and mobile numbers),
embedded resources from outside the site, and the HTML sanitizer used on
every piece of content-derived HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import nh3

# --- classified markings -------------------------------------------------------

_CLASSIFIED_RE = re.compile(r"(?:绝密|机密|秘密)(?:[\s\u3000]*[★☆*＊]|级)")


def classified_markings(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, marking)`` of every classified marking in ``text``."""
    for match in _CLASSIFIED_RE.finditer(text):
        yield match.start(), match.group(0)


# --- personal data ---------------------------------------------------------------

_ID_RE = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
_MOBILE_RE = re.compile(
    r"(?<![0-9+])(?P<prefix>\+?86[ -]?)?(?P<a>1[3-9][0-9])(?P<s1>[ -]?)(?P<b>[0-9]{4})"
    r"(?P=s1)(?P<c>[0-9]{4})(?![0-9])"
)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def valid_id_number(number: str) -> bool:
    """An 18-character PRC resident ID with a real birth date and a valid check digit."""
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not 1900 <= int(number[6:10]) <= 2100:
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == number[17].upper()


@dataclass(frozen=True)
class Finding:
    offset: int
    kind: str  # "id_number" | "mobile_number"
    original: str
    masked: str


def personal_data(text: str) -> list[Finding]:
    """Resident ID and mobile numbers in ``text``, in order."""
    found = [
        Finding(m.start(), "id_number", m.group(0), m.group(0)[:6] + "*" * 8 + m.group(0)[14:])
        for m in _ID_RE.finditer(text)
        if valid_id_number(m.group(0))
    ]
    for m in _MOBILE_RE.finditer(text):
        digits = m["a"] + m["b"] + m["c"]
        found.append(
            Finding(m.start(), "mobile_number", m.group(0), (m["prefix"] or "") + digits[:3] + "****" + digits[7:])
        )
    return sorted(found, key=lambda f: f.offset)


def mask(text: str, findings: list[Finding]) -> str:
    """Replace each finding by its masked form (line structure is kept)."""
    out, last = [], 0
    for finding in findings:
        if finding.offset < last:
            continue
        out.append(text[last : finding.offset])
        out.append(finding.masked)
        last = finding.offset + len(finding.original)
    out.append(text[last:])
    return "".join(out)


# --- embedded resources -------------------------------------------------------------

_EXTERNAL = r"(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//"
_MD_IMAGE_RE = re.compile(r"!\[[^\]]*\]\(\s*<?\s*(" + _EXTERNAL + r"[^)\s>]*)")
_HTML_EMBED_RE = re.compile(
    r"<(?:img|video|audio|source|embed|object|iframe|script|link|input|track)\b"
    r"[^>]*?\b(?:src|srcset|data|href|poster)\s*=\s*[\"']?\s*(" + _EXTERNAL + r"[^\"'\s>]*)",
    re.IGNORECASE,
)
_REF_DEF_RE = re.compile(r"^[ ]{0,3}\[([^\]]+)\]:\s*<?(" + _EXTERNAL + r"\S*?)>?(?:\s|$)", re.MULTILINE)
_REF_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\[([^\]]*)\]")


def external_resources(markdown: str) -> Iterator[tuple[int, str]]:
    """``(offset, url)`` of images and other embedded resources loaded from outside the site."""
    for regex in (_MD_IMAGE_RE, _HTML_EMBED_RE):
        for match in regex.finditer(markdown):
            yield match.start(), match.group(1)
    definitions = {m.group(1).strip().lower(): m.group(2) for m in _REF_DEF_RE.finditer(markdown)}
    for match in _REF_IMAGE_RE.finditer(markdown):
        ref = (match.group(2) or match.group(1)).strip().lower()
        if ref in definitions:
            yield match.start(), definitions[ref]


def is_external(url: str) -> bool:
    return re.match(_EXTERNAL, url.strip()) is not None


# --- HTML sanitizer -----------------------------------------------------------------

_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "details": {"open"},
}


def _keep_local_sources(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and (is_external(value) or value.strip().lower().startswith("data:")):
        return None
    return value


def sanitize_html(html: str) -> str:
    """Drop scripts, event handlers, ``javascript:``/``data:`` URLs, frames, forms, ``<base>``, ``<meta>``."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
        attribute_filter=_keep_local_sources,
        strip_comments=True,
        generic_attribute_prefixes={"data-"},
    )
