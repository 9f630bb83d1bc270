"""A lean Chinese search index on top of Material's.

Material writes one entry per page section with the whole text, every
Chinese word separated by U+200B and the JSON ASCII-escaped (6 bytes a
character).  Its search box matches a query as a *prefix* of indexed words,
so a word inside a longer one (低保 in 低保金, 救助 in 临时救助站) is missed
when the word is not where an indexed token starts.

:func:`compact` rewrites each entry as a short preview (what the result list
shows) followed by the distinct search words of the whole entry: the words
jieba finds (one pass per entry; the hook switches Material's own, slower
pass off), every suffix of the longer ones and single characters joined to
their neighbours, so any part of a word is the prefix of some indexed token.
The file is written as UTF-8.
"""

from __future__ import annotations

import functools
import html
import itertools
import json
import os
import re
from collections.abc import Callable
from typing import Any

from .sanitize import inert

_TAG_RE = re.compile(r"<[^>]+>")
_HAN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_WORD_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]|[\u3400-\u9fff\uf900-\ufaff]+")
PREVIEW_CHARS = 90
#: Function characters jieba leaves alone (的, 和, 在…): joined to a neighbour they make no word anyone searches.
_FUNCTION = frozenset("的了和与在是为对将等及并把被从向以于由也都就而或之其该各每这那个中上下共已均")
MAX_SUFFIX_SOURCE = 8


def _jieba() -> Any:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def switch_off_material_cutting() -> None:
    """Switch off Material's own jieba pass (its module-level ``jieba``).

    Material cuts every page's text with jieba, run by run (most of a build's time); :func:`rewrite_index`
    cuts each entry once instead.
    """
    try:
        from material.plugins.search import plugin as material_search
    except ImportError:
        return
    material_search.jieba = None


def rewrite_index(site_dir: str) -> None:
    """Rewrite Material's ``search/search_index.json`` in ``site_dir`` as :func:`compact` makes it (UTF-8)."""
    path = os.path.join(site_dir, "search", "search_index.json")
    if not os.path.exists(path):
        return
    write_index(path, compact(read_index(path)))


def read_index(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def write_index(path: str, index: dict[str, Any]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(index, handle, ensure_ascii=False, separators=(",", ":"))


def plain(markup: str) -> str:
    """The text of an index entry or a page fragment, without tags or U+200B."""
    text = html.unescape(_TAG_RE.sub(" ", markup)).replace("\u200b", "")
    return re.sub(r"\s+", " ", text).strip()


def words(text: str) -> set[str]:
    """Distinct search words of ``text``.

    jieba's words, the suffixes of the longer ones, and single characters joined to their neighbours.  With
    prefix matching, any part of a word is then found.
    """
    return words_of(cut(text))


def words_of(sequence: list[str]) -> set[str]:
    """:func:`words` from a text already cut into words."""
    tokens = _WORD_RE.findall("\u200b".join(sequence))
    han = [_is_han(t) for t in tokens]
    found: set[str] = set()
    # A single character jieba leaves alone (适|老化) joins its neighbours: 适老化, 居家适.
    for i in range(len(tokens) - 1):
        a, b = tokens[i], tokens[i + 1]
        if han[i] and han[i + 1] and ((len(a) == 1 and a not in _FUNCTION) or (len(b) == 1 and b not in _FUNCTION)):
            found.add(a + b)
    for word, is_han in zip(tokens, han):
        if not is_han:
            found.add(word.lower())
            continue
        found.add(word)
        if 3 <= len(word) <= MAX_SUFFIX_SOURCE:
            found.update(word[i:] for i in range(1, len(word) - 1))
    return {w for w in found if len(w) > 1 or not _is_han(w)}


def _is_han(token: str) -> bool:
    first = token[0]
    return "\u3400" <= first <= "\u9fff" or "\uf900" <= first <= "\ufaff"


def _cut_markup(markup: str) -> list[str]:
    """The words of an index entry's HTML text, cut once (Material's own jieba pass is switched off)."""
    text = re.sub(r"\s+", " ", html.unescape(_TAG_RE.sub(" ", markup))).replace("\u200b", "").strip()
    return cut(text)


@functools.lru_cache(maxsize=1)
def _cutter() -> Callable[[str], list[str]]:
    """rjieba (jieba's dictionary and algorithm, in Rust, ~30× faster) when installed, else jieba."""
    try:
        import rjieba

        return rjieba.cut
    except ImportError:
        jieba = _jieba()
        return lambda text: jieba.lcut(text, HMM=False)


def cut(text: str) -> list[str]:
    """jieba's words of ``text`` (other runs stay whole), without the HMM pass for unknown words."""
    return [piece for piece in _cutter()(text) if piece]


def segment(text: str) -> str:
    """Text with U+200B between Chinese words, as Material's tokenizer expects."""
    return "\u200b".join(cut(text))


def prune(bag: set[str], also: set[str]) -> set[str]:
    """Drop words that are the beginning of another indexed word: prefix matching finds them anyway."""
    every = sorted(bag | also)
    redundant = {a for a, b in itertools.pairwise(every) if b.startswith(a)}
    return bag - redundant


def compact_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """A short preview + the distinct search words of title and text."""
    title_words = _cut_markup(entry.get("title", ""))
    text_words = _cut_markup(entry.get("text", ""))
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


def compact(index: dict[str, Any]) -> dict[str, Any]:
    """The index with every entry compacted."""
    return {**index, "docs": [compact_entry(e) for e in index.get("docs", [])]}


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
