"""A lean Chinese search index on top of Material's, and the rule the search box finds words by.

Material writes one entry per page section with the whole text, every
Chinese word separated by U+200B and the JSON ASCII-escaped (6 bytes a
character).  Its search box (lunr, in a web worker) matches each query term
as a *prefix* of indexed words, so a word inside a longer one (低保 in 低保金,
救助站 in 临时救助站) would be missed.

The portal's search worker (``overrides/assets/javascripts/workers/portal-search.js``,
started by ``overrides/main.html`` with Material's worker file name that
:func:`portal.edge.search_switch.material_worker` finds) runs Material's worker and makes it look for a
term with Chinese characters *anywhere* in a word.

:func:`compact` rewrites each entry as a short preview (what the result list
shows) followed, after :data:`WORDS_MARK`, by the distinct search words of the whole entry (searched,
never shown: the worker cuts them off each result): the words
jieba finds (one pass per entry; the hook switches Material's own, slower
pass off) and chains of single characters jieba cut off with their
neighbours (居家|适|老化 → 居家适老化), without the words that are inside
another word of the entry (found there anyway).  The file is written as UTF-8.

The search box's rule in Python (Material's query segmentation, then a
Chinese term anywhere in a word) is ``tests/search_rule.py``, for the recall
tests; ``tests/test_browser.py`` checks it against Chromium.
"""

from __future__ import annotations

import functools
import html
import json
import os
import re
from collections.abc import Callable
from typing import Any

from ...content.sanitize import inert

_TAG_RE = re.compile(r"<[^>]+>")
_WORD_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]|[\u3400-\u9fff\uf900-\ufaff]+")
PREVIEW_CHARS = 90
#: Between an entry's preview and its search words (U+2029, whitespace to Material's separator): the portal's
#: worker shows a result's text up to it only.  Keep in step with ``WORDS_MARK`` in portal-search.js.
WORDS_MARK = "\u2029"
#: Function characters jieba leaves alone (的, 和, 在…): joined to a neighbour they make no word anyone searches.
_FUNCTION = frozenset("的了和与在是为对将等及并把被从向以于由也都就而或之其该各每这那个中上下共已均")
#: Material's token separator for Chinese (its ``search.config.separator``); an index carries its own.
SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；]+"


def _jieba() -> Any:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


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


def words_of(sequence: list[str]) -> set[str]:
    """Distinct search words of a text already cut into words: the words and single characters joined to their
    neighbours.
    """
    text = "\u200b".join(sequence)
    matches = list(_WORD_RE.finditer(text))
    tokens = [m.group() for m in matches]
    han = [_is_han(t) for t in tokens]
    found: set[str] = set()
    # Single characters jieba leaves alone chain their neighbours (not across punctuation): 居家|适|老化 → 居家适老化.
    chain: list[str] = []
    for i, token in enumerate(tokens):
        neighbours = i > 0 and han[i] and han[i - 1] and matches[i].start() - matches[i - 1].end() == 1
        if not (neighbours and (_loose(token) or _loose(tokens[i - 1]))):
            if len(chain) > 1:
                found.add("".join(chain))
            chain = []
        chain.append(token)
    if len(chain) > 1:
        found.add("".join(chain))
    for word, is_han in zip(tokens, han):
        found.add(word if is_han else word.lower())
    return {w for w in found if len(w) > 1 or not _is_han(w)}


def _loose(token: str) -> bool:
    """A single character jieba cut off that is not a function character (的, 和…)."""
    return len(token) == 1 and token not in _FUNCTION


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


def prune(bag: set[str], also: set[str]) -> set[str]:
    """Drop the words another indexed word already finds: a Chinese word inside a longer one (the search box
    finds Chinese terms anywhere in a token), a number or Latin word at the start of a longer one.
    """
    every = bag | also
    longer: dict[int, str] = {}  # length → "\0" + every longer word, "\0"-separated
    for size in {len(word) for word in bag}:
        longer[size] = "\0" + "\0".join(word for word in every if len(word) > size)
    return {word for word in bag if (word if _is_han(word) else "\0" + word) not in longer[len(word)]}


def compact_entry(entry: dict[str, Any], separator: str = SEPARATOR) -> dict[str, Any]:
    """A short preview + the distinct search words of title and text (``separator``: the index's)."""
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
    bag = prune((words_of(title_words) | words_of(text_words)) - shown, shown)  # no chain from title to text
    splits = _splitter(separator)
    out = dict(entry)
    out["title"] = _join(title_words, splits)
    if isinstance(entry.get("tags"), list):
        # Tags cut into words too: a tag like 临时救助 would otherwise be a word of the index the search box splits
        # queries by, and 临时救助站 (cut 临时|救助站 in a report) would look for 临时救助 in it.
        out["tags"] = [_join(cut(str(tag)), splits) for tag in entry["tags"]]
    out["text"] = _join(preview, splits).replace(WORDS_MARK, " ") + ("…" if len(preview) < len(text_words) else "")
    if bag:
        # Searched, never shown: the worker cuts each result's text at the mark (a separator to the tokenizer).
        out["text"] += WORDS_MARK + " ".join(sorted(bag))
    # Material inserts title and text as HTML, and its worker trips over entities: what was text stays text
    # by writing <, > and & in their full-width forms.
    out["title"], out["text"] = inert(out["title"]), inert(out["text"])
    return out


@functools.lru_cache(maxsize=4)
def _splitter(separator: str) -> Callable[[str], bool]:
    """Whether a character is one the index's tokenizer splits at."""
    pattern = re.compile(separator)
    return lambda char: pattern.fullmatch(char) is not None


def _join(words: list[str], splits: Callable[[str], bool]) -> str:
    """Words with U+200B between them, as Material's tokenizer expects, except where punctuation or a space
    already separates them (3 bytes saved at each ，。、 of the preview).
    """
    out: list[str] = []
    for word in words:
        if out and not splits(out[-1][-1]) and not splits(word[0]):
            out.append("\u200b")
        out.append(word)
    return "".join(out)


def compact(index: dict[str, Any]) -> dict[str, Any]:
    """The index with every entry compacted."""
    separator = index.get("config", {}).get("separator") or SEPARATOR
    return {**index, "docs": [compact_entry(e, separator) for e in index.get("docs", [])]}
