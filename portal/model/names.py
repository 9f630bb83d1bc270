"""Matching of names people type: sections, aliases, adopters, request ids."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from ..words import messages

_INVISIBLE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]+")


def normalize(name: str) -> str:
    """NFKC, then drop every whitespace (incl. U+3000) and zero-width character."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", name))


def suggest(name: str, candidates: Iterable[str]) -> str | None:
    """The nearest candidate, for a "did you mean" hint; None when nothing is near."""
    pool = list(candidates)
    key = normalize(name)
    # Chinese names: a shared substring is a strong hint (救助 -> 社会救助股).
    contained = [c for c in pool if key and (key in normalize(c) or normalize(c) in key)]
    if contained:
        return min(contained, key=lambda c: abs(len(normalize(c)) - len(key)))
    close = difflib.get_close_matches(key, pool, n=1, cutoff=0.5)
    return close[0] if close else None


def case_twin(path: str, candidates: Iterable[str]) -> str | None:
    """The candidate that is ``path`` but for the case of its letters (a file renamed ``A.md`` → ``a.md``)."""
    folded = path.casefold()
    return next((c for c in candidates if c != path and c.casefold() == folded), None)


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """``；是不是“社会救助股”？`` when a candidate is near ``name``, else nothing."""
    return messages.did_you_mean(suggest(name, candidates))
