"""A lean Chinese search index on top of Material's.

Material writes one entry per page section with the whole text, every
Chinese word separated by U+200B and the JSON ASCII-escaped (6 bytes a
character).  Its search box matches a query as a *prefix* of indexed words,
so a word inside a longer one (低保 in 低保金, 救助 in 临时救助站) is missed
when the word is not where an indexed token starts.

:func:`compact` rewrites each entry as a short preview (what the result list
shows) followed by the distinct search words of the whole entry: the words
jieba found (Material already cut the text; no second pass), every suffix of
the longer ones and single characters joined to their neighbours, so any part
of a word is the prefix of some indexed token.  The file is written as UTF-8.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable
from typing import Any

from .text import inert

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
    """The text of an index entry or a page fragment, without tags or U+200B."""
    text = html.unescape(_TAG_RE.sub(" ", markup)).replace("\u200b", "")
    return re.sub(r"\s+", " ", text).strip()


def words(text: str) -> set[str]:
    """Distinct search words of ``text``: jieba's words, the suffixes of the longer ones, and single
    characters joined to their neighbours.  With prefix matching, any part of a word is then found."""
    return words_of(cut(text))


def words_of(sequence: list[str]) -> set[str]:
    """:func:`words` from a text already cut into words (as Material's index is, with U+200B)."""
    tokens = [m.group(0) for piece in sequence for m in _WORD_RE.finditer(piece)]
    found: set[str] = set()
    # A single character jieba leaves alone (适|老化) joins its neighbours: 适老化, 居家适.
    found.update(
        a + b
        for a, b in itertools.pairwise(tokens)
        if (len(a) == 1 or len(b) == 1) and _HAN_RE.fullmatch(a) and _HAN_RE.fullmatch(b)
    )
    for word in tokens:
        if not _HAN_RE.fullmatch(word):
            found.add(word.lower())
            continue
        found.add(word)
        if 3 <= len(word) <= MAX_SUFFIX_SOURCE:
            found.update(word[i:] for i in range(1, len(word) - 1))
    return {w for w in found if len(w) > 1 or not _HAN_RE.fullmatch(w)}


def _material_words(markup: str) -> list[str]:
    """The words of a text Material has cut (U+200B between Chinese words); tags and entities resolved."""
    text = re.sub(r"\s+", " ", html.unescape(_TAG_RE.sub(" ", markup)))
    return [piece for piece in text.strip().split("\u200b") if piece]


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


def prune(bag: set[str], also: set[str]) -> set[str]:
    """Drop words that are the beginning of another indexed word: prefix matching finds them anyway."""
    every = sorted(bag | also)
    redundant = {a for a, b in itertools.pairwise(every) if b.startswith(a)}
    return bag - redundant


def compact_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """Preview (as Material cut it) + the distinct search words of title and text, without a second jieba pass."""
    title_words = _material_words(entry.get("title", ""))
    text_words = _material_words(entry.get("text", ""))
    preview: list[str] = []
    length = 0
    for word in text_words:
        if length >= PREVIEW_CHARS:
            break
        preview.append(word)
        length += len(word)
    shown = {w.lower() for w in preview + title_words}
    bag = prune(words_of(title_words + text_words) - shown, shown)
    out = dict(entry)
    out["title"] = "\u200b".join(title_words)
    out["text"] = "\u200b".join(preview) + ("…" if len(preview) < len(text_words) else "")
    if bag:
        out["text"] += " " + " ".join(sorted(bag))
    # Material inserts title and text as HTML, and its worker trips over entities: what was text stays text
    # by writing <, > and & in their full-width forms.
    out["title"], out["text"] = inert(out["title"]), inert(out["text"])
    return out


def compact(index: dict[str, Any], skip: Iterable[str] = ()) -> dict[str, Any]:
    """The index with every entry compacted (entries whose location starts with ``skip`` are dropped)."""
    prefixes = tuple(skip)
    docs = [compact_entry(e) for e in index.get("docs", []) if not (prefixes and e["location"].startswith(prefixes))]
    return {**index, "docs": docs}


# --- what Material's search box does with a query (for measuring recall) -------------------


def material_terms(query: str, vocabulary: set[str] | dict[str, Any]) -> set[str]:
    """Port of Material's query segmentation: split a Chinese query into indexed words.

    The browser then matches each term as a prefix of indexed tokens.
    """
    n = [0] * len(query)
    for s in range(len(query)):
        for o in range(s + 1, len(query)):
            if query[s:o] in vocabulary:
                n[s] = o - s
    found: set[str] = set()
    stack = [0]
    top = 1
    while top > 0:
        top -= 1
        o = stack[top]
        for u in range(1, n[o]):
            if o + u < len(query) and n[o + u] > n[o] - u:
                found.add(query[o : o + u])
                _push(stack, top, o + u)
                top += 1
        a = o + n[o]
        if a < len(query) and n[a] and a < len(query) - 1:
            _push(stack, top, a)
            top += 1
        found.add(query[o:a])
    return {query} if "" in found else found


def _push(stack: list[int], top: int, value: int) -> None:
    if top < len(stack):
        stack[top] = value
    else:
        stack.append(value)


def entry_tokens(entry: dict[str, Any], separator: str) -> set[str]:
    splitter = re.compile(separator)
    return {t.lower() for t in splitter.split(f"{entry.get('title', '')} {entry.get('text', '')}") if t}


def matching(query: str, entries: list[set[str]], vocabulary: set[str]) -> list[int]:
    """Indexes of the entries a query finds (any term is a prefix of any token)."""
    terms = material_terms(query, vocabulary)
    return [i for i, tokens in enumerate(entries) if any(tok.startswith(term) for term in terms for tok in tokens)]
