"""A lean Chinese search index on top of Material's.

Material writes one entry per page section with the whole text, every
Chinese word separated by U+200B and the JSON ASCII-escaped (6 bytes a
character).  Its search box matches a query as a *prefix* of indexed words,
so a word inside a longer one (低保 in 低保金, 救助 in 临时救助站) is missed
when the word is not where an indexed token starts.

:func:`compact` rewrites each entry as a short preview (what the result list
shows) followed by the distinct search words of the rest: jieba's
search-mode words plus every suffix of the longer ones, so any substring of a
word is the prefix of some indexed token.  The file is written as UTF-8.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

_TAG_RE = re.compile(r"<[^>]+>")
_HAN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_WORD_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]|[\u3400-\u9fff\uf900-\ufaff]+")
PREVIEW_CHARS = 90
MAX_SUFFIX_SOURCE = 8


def _jieba() -> Any:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def plain(markup: str) -> str:
    text = html.unescape(_TAG_RE.sub(" ", markup)).replace("\u200b", "")
    return re.sub(r"\s+", " ", text).strip()


def words(text: str) -> set[str]:
    """Distinct search words of ``text``: jieba search-mode words and their suffixes."""
    jieba = _jieba()
    found: set[str] = set()
    for match in _WORD_RE.finditer(text):
        token = match.group(0)
        if not _HAN_RE.fullmatch(token):
            found.add(token.lower())
            continue
        for word in jieba.cut_for_search(token):
            found.add(word)
            if 3 <= len(word) <= MAX_SUFFIX_SOURCE:
                found.update(word[i:] for i in range(1, len(word) - 1))
    return {w for w in found if len(w) > 1 or not _HAN_RE.fullmatch(w)}


def cut(text: str) -> list[str]:
    """jieba's accurate-mode words of the Chinese runs of ``text`` (other runs stay whole)."""
    jieba = _jieba()
    out: list[str] = []
    last = 0
    for match in _HAN_RE.finditer(text):
        out.append(text[last : match.start()])
        out.extend(jieba.cut(match.group(0)))
        last = match.end()
    out.append(text[last:])
    return [piece for piece in out if piece]


def segment(text: str) -> str:
    """Text with U+200B between Chinese words, as Material's tokenizer expects."""
    return "\u200b".join(cut(text))


def compact_entry(entry: dict[str, Any]) -> dict[str, Any]:
    text = plain(entry.get("text", ""))
    title = plain(entry.get("title", ""))
    preview = text[:PREVIEW_CHARS]
    shown = {w for w in cut(preview) + cut(title)}
    bag = words(f"{title} {text}") - shown
    out = dict(entry)
    out["title"] = segment(title)
    out["text"] = segment(preview) + ("…" if len(text) > PREVIEW_CHARS else "")
    if bag:
        out["text"] += " " + " ".join(sorted(bag))
    return out


def compact(index: dict[str, Any], skip: Iterable[str] = ()) -> dict[str, Any]:
    """The index with every entry compacted (entries whose location starts with ``skip`` are dropped)."""
    prefixes = tuple(skip)
    docs = [compact_entry(e) for e in index.get("docs", []) if not (prefixes and e["location"].startswith(prefixes))]
    return {**index, "docs": docs}
