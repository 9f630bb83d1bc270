"""What the search box does with a query, in Python: the rule the recall tests measure the index by.

Material's query segmentation, then the portal's search worker
(``overrides/assets/javascripts/workers/portal-search.js``): a term with Chinese characters is found
*anywhere* in an indexed word, any other at its start. ``tests/test_browser.py`` checks that Chromium agrees.
"""

from __future__ import annotations

import re
from typing import Any

from portal.output.web.search import SEPARATOR, cut

_HAN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def segment(text: str) -> str:
    """Text with U+200B between Chinese words, as Material's tokenizer expects (its own pass, for comparison)."""
    return "\u200b".join(cut(text))


def _segments(query: str, vocabulary: set[str] | dict[str, Any]) -> list[str]:
    """Port of Material's query segmentation: a Chinese query split into indexed words, in Material's order (a
    JavaScript ``Set``: first added, first).
    """
    n = [0] * len(query)
    for s in range(len(query)):
        for o in range(s + 1, len(query)):
            if query[s:o] in vocabulary:
                n[s] = o - s
    found: dict[str, None] = {}
    stack = [0]
    top = 1
    while top > 0:
        top -= 1
        o = stack[top]
        for u in range(1, n[o]):
            if o + u < len(query) and n[o + u] > n[o] - u:
                found[query[o : o + u]] = None
                _push(stack, top, o + u)
                top += 1
        a = o + n[o]
        if a < len(query) and n[a] and a < len(query) - 1:
            _push(stack, top, a)
            top += 1
        found[query[o:a]] = None
    return [query] if "" in found else list(found)


def _push(stack: list[int], top: int, value: int) -> None:
    if top < len(stack):
        stack[top] = value
    else:
        stack.append(value)


def query_terms(query: str, vocabulary: set[str] | dict[str, Any], separator: str = SEPARATOR) -> list[str]:
    """The terms the search box looks up for ``query``, as Material makes them: each Chinese run split into
    the index's words (:func:`_segments`; the first stays joined to what precedes it), then the query
    split at spaces and the index's separator, lowercased.
    """
    joined = _HAN_RE.sub(lambda run: " ".join(_segments(run.group(), vocabulary)), query)
    terms = [t.lower() for t in re.split(f"\\s+|{separator}", joined) if t]
    return list(dict.fromkeys(terms))


def entry_tokens(entry: dict[str, Any], separator: str) -> set[str]:
    """The tokens the browser indexes for an entry: its title, text and tags split at ``separator``."""
    splitter = re.compile(separator)
    fields = [str(entry.get("title", "")), str(entry.get("text", "")), *map(str, entry.get("tags") or [])]
    return {t.lower() for field in fields for t in splitter.split(field) if t}


def matching(query: str, entries: list[set[str]], vocabulary: set[str]) -> list[int]:
    """Indexes of the entries a query finds: a term with Chinese characters anywhere in a token, any other at
    the start of one.

    Material's search (lunr) matches every term as the start of a token; the portal's search worker
    (``overrides/assets/javascripts/workers/portal-search.js``) looks for Chinese ones anywhere in it.
    """
    terms = query_terms(query, vocabulary)
    return [i for i, tokens in enumerate(entries) if any(finds(term, tok) for term in terms for tok in tokens)]


def finds(term: str, token: str) -> bool:
    """Whether the search box finds ``term`` in an indexed ``token``."""
    return term in token if _HAN_RE.search(term) else token.startswith(term)
