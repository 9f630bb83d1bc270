"""Content safety (SPEC §3.3, §7): what a page's text may carry, and the HTML sanitizer.

Classified markings, embedded resources from outside the site, the text as
a reader sees it (tags, entities and invisible characters resolved), and the
sanitizer used on every piece of content-derived HTML.  Personal data is
:mod:`portal.content.privacy`.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator

import nh3

# --- classified markings -------------------------------------------------------

# 绝密/机密/秘密 (also traditional and variant forms) followed by a star or 级, after
# NFKC (＊ → *, full-width spaces → spaces), with HTML tags, entities and zero-width
# characters taken out, so that 秘密&#9733; or 秘<b></b>密★ are found too.
_CLASSIFIED_RE = re.compile(r"(?:[绝絕][ \t]*密|[机機][ \t]*密|[秘祕][ \t]*密)(?:\s*\\?[★☆*✱✲⭑⭒]|[ \t]*[级級])")
_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*|!|\?)[^<>]*>")
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_INVISIBLE_RE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u034f\u180e]")
#: Tags a browser shows as a break between words; every other tag joins the text around it.
_BREAKING_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "img", "li", "main", "nav", "ol",
    "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip


def _untag(match: re.Match[str]) -> str:
    breaks = "\n" * match.group(0).count("\n")
    return breaks or (" " if match.group(2).lower() in _BREAKING_TAGS else "")


def normalized(text: str) -> str:
    """NFKC without invisible characters (the check for plain ASCII text is nearly free)."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", _INVISIBLE_RE.sub("", text))


def has_markup(text: str) -> bool:
    """Could the text read differently once tags, entities and invisible characters are resolved?"""
    return "<" in text or "&" in text or _INVISIBLE_RE.search(text) is not None


def visible_text(text: str) -> str:
    """The text as a reader sees it: tags, entities and invisible characters resolved, NFKC; same lines."""
    if "<" not in text and "&" not in text:
        return normalized(text)
    text = _TAG_RE.sub(_untag, text)
    text = _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)).replace("\n", " "), text)
    return normalized(text)


def classified_markings(text: str) -> Iterator[tuple[int, str]]:
    """``(line, marking)`` of every classified marking in ``text`` (lines count from 1).

    Looked for in the text as written (a marking in an attribute still shows as a
    tooltip) and as a reader sees it (``秘密&#9733;``, ``秘<b></b>密★``).
    """
    seen: set[tuple[int, str]] = set()
    markup = has_markup(text)
    if "密" not in text and not markup:
        return  # every marking holds 密, and no other character normalizes to it
    versions = (normalized(text), visible_text(text)) if markup else (normalized(text),)
    for version in versions:
        if "密" not in version:
            continue
        for match in _CLASSIFIED_RE.finditer(version):
            found = (version.count("\n", 0, match.start()) + 1, match.group(0))
            if found not in seen:
                seen.add(found)
                yield found


# --- embedded resources -------------------------------------------------------------

# Every pattern below is linear in the text: each scan stops at the next '<', '[' or
# line end, so a 1 MiB file of '<img ' or '![' cannot make the check take minutes.
# another site (https://…, //host, \\server) or a path on the writer's own computer (C:\…)
_EXTERNAL = r"(?:(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?[\\/]{2}|[a-zA-Z]:[\\/])"
_MD_IMAGE_RE = re.compile(r"!\[[^\[\]]*\]\(\s*<?\s*(" + _EXTERNAL + r"[^)\s>]*)")
_EMBED_TAG_RE = re.compile(
    r"<(?:img|image|video|audio|source|embed|object|iframe|frame|script|link|input|track|use)\b[^<>]*",
    re.IGNORECASE,
)
_EMBED_ATTR_RE = re.compile(
    r"\b(?:src|srcset|data|href|poster|background)\s*=\s*[\"']?\s*(" + _EXTERNAL + r"[^\"'\s>]*)", re.IGNORECASE
)
_REF_DEF_RE = re.compile(r"^[ ]{0,3}\[([^\[\]\n]+)\]:[ \t]*<?(" + _EXTERNAL + r"\S*?)>?(?:\s|$)", re.MULTILINE)
_REF_IMAGE_RE = re.compile(r"!\[([^\[\]]*)\]\[([^\[\]]*)\]")


def external_resources(markdown: str) -> Iterator[tuple[int, str]]:
    """``(offset, url)`` of images and other embedded resources loaded from outside the site."""
    if "<" not in markdown and "![" not in markdown:
        return  # every pattern below needs a tag or an image ('![')
    for match in _MD_IMAGE_RE.finditer(markdown):
        yield match.start(), match.group(1)
    for tag in _EMBED_TAG_RE.finditer(markdown):
        attribute = _EMBED_ATTR_RE.search(tag.group(0))
        if attribute:
            yield tag.start(), attribute.group(1)
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


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and (is_external(value) or value.strip().lower().startswith("data:")):
        return None
    if attribute == "id" and value.strip().startswith("__"):
        # Material keeps its own state in elements with ids like __config (read with
        # querySelector, first match wins); an earlier element from content would replace it.
        return None
    if attribute.startswith("data-md"):
        # data-md-component="source" etc. would make Material's script act on content
        # (fetch repository facts from another site, take over the search result list).
        return None
    return value


def inert(text: str) -> str:
    """Text for places that are read as HTML without escaping.

    MkDocs' page titles and tags, Material's search results: ``&``, ``<`` and ``>`` become their full-width
    forms, so nothing forms markup.
    """
    return text.replace("&", "＆").replace("<", "＜").replace(">", "＞")


def sanitize_html(html: str) -> str:
    """Drop scripts, event handlers, ``javascript:``/``data:`` URLs, frames, forms, ``<base>``, ``<meta>``."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
        attribute_filter=_filter_attribute,
        strip_comments=True,
        generic_attribute_prefixes={"data-"},
    )
