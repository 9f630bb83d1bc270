"""Names people type, resolved in one place: sections, aliases, adopters, levels, routes and the like.

:class:`Resolver` is built once from the settings (``Settings.names``) and answers one lookup per kind
with the configured thing or an :class:`Unknown`: what was written, the nearest configured name and
the names there are.  The Unknown's message is worded once, by :func:`portal.words.messages.unknown`.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Generic, Protocol, TypeVar

from ..words import messages
from ..words.vocabulary import LEVEL_NAMES
from .problems import Wrong

_INVISIBLE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]+")

LEVELS: tuple[str, ...] = ("bureau", "county", "city", "province", "national")
#: The levels as clerks write them (SPEC §4), the words the pages print: accepted wherever a level code is.
LEVEL_WORDS: dict[str, str] = {name: code for code, name in LEVEL_NAMES.items()}
#: Routes of an adoption: 直报 / 转报, or their English codes.
ROUTES: dict[str, str] = {"直报": "直报", "转报": "转报", "direct": "直报", "forwarded": "转报"}


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


@dataclass(frozen=True)
class Unknown(Wrong):
    """A written name that names nothing configured of its ``kind`` (section, adopter, level, …).

    ``near`` is the nearest configured name (the "是不是…？"), ``names`` what may be written (listed when
    nothing is near), ``owner`` whose names they are (an adopter's publications).
    """

    kind: str
    written: str
    near: str | None = None
    names: tuple[str, ...] = ()
    owner: str = ""

    @property
    def message(self) -> str:
        return messages.unknown(self.kind, self.written, self.near, self.names, self.owner)


def unknown(kind: str, written: object, candidates: Iterable[str], shown: Iterable[str] | None = None) -> Unknown:
    """The Unknown of ``kind`` for ``written``: the nearest of ``candidates``, ``shown`` (default: them) listed."""
    pool = list(candidates)
    text = str(written)
    return Unknown(kind=kind, written=text, near=suggest(text, pool), names=tuple(pool if shown is None else shown))


def level_code(written: object) -> str | None:
    """The level code of ``written`` (``county``, ``县级``, `` 县 级 ``), or None when it names no level."""
    if not isinstance(written, str):
        return None
    value = normalize(written)
    if value.lower() in LEVELS:
        return value.lower()
    return LEVEL_WORDS.get(value)


def level(written: object) -> str | Unknown:
    """The level code of ``written``, or the Unknown level (the message lists every level itself)."""
    code = level_code(written)
    if code is not None:
        return code
    return Unknown(kind="level", written=str(written), near=suggest(str(written), [*LEVELS, *LEVEL_WORDS]))


def route_of(written: str) -> str | None:
    """直报 or 转报 for ``written`` (Chinese or English), or None."""
    value = normalize(written)
    return ROUTES.get(value) or ROUTES.get(value.lower())


def route(written: str) -> str | Unknown:
    """直报 or 转报, or the Unknown route."""
    return route_of(written) or Unknown(kind="route", written=written)


def pick(kind: str, written: str, names: Iterable[str]) -> str | Unknown:
    """The one of ``names`` that ``written`` is (but for width and spaces), or the Unknown ``kind``."""
    pool = list(names)
    key = normalize(written)
    return next((name for name in pool if normalize(name) == key), None) or unknown(kind, written, pool)


class Named(Protocol):
    """A configured thing with a name (a :class:`portal.model.objects.Periodical`)."""

    @property
    def name(self) -> str: ...


class Aliased(Named, Protocol):
    """A configured thing with a name and aliases (a :class:`portal.model.objects.Section`)."""

    @property
    def aliases(self) -> tuple[str, ...]: ...


Section = TypeVar("Section", bound=Aliased)
Periodical = TypeVar("Periodical", bound=Named)


class Resolver(Generic[Section, Periodical]):
    """Every configured name, looked up one way; built once from the settings (``Settings.names``).

    Generic in the model's ``Section`` and ``Periodical`` (which live in :mod:`portal.model.objects`, above).
    """

    def __init__(
        self,
        sections: Iterable[Section] = (),
        adopters: Mapping[str, str] | None = None,
        publications: Mapping[str, tuple[str, ...]] | None = None,
        kinds: Iterable[str] = (),
        incident_types: Iterable[str] = (),
        severities: Iterable[str] = (),
        periodicals: Iterable[Periodical] = (),
    ) -> None:
        self.sections = tuple(sections)
        self.adopters: Mapping[str, str] = dict(adopters or {})  # name -> level
        self.publications: Mapping[str, tuple[str, ...]] = dict(publications or {})  # adopter -> publications
        self.kinds = tuple(kinds)
        self.incident_types = tuple(incident_types)
        self.severities = tuple(severities)  # urgent_limit_hours' keys, "default" among them
        self.periodicals = tuple(periodicals)
        self._sections = {normalize(n): s for s in self.sections for n in (s.name, *s.aliases)}
        self._adopters = {normalize(n): n for n in self.adopters}
        self._periodicals = {normalize(p.name): p for p in reversed(self.periodicals)}  # the first one wins

    def section_names(self) -> list[str]:
        """Every name and alias a section may be written as."""
        return [name for s in self.sections for name in (s.name, *s.aliases)]

    def section(self, written: str) -> Section | Unknown:
        """The section a name or alias resolves to."""
        found = self._sections.get(normalize(written))
        if found is not None:
            return found
        return unknown("section", written, self.section_names(), [s.name for s in self.sections])

    def adopter(self, written: str) -> str | Unknown:
        """The configured name of the adopter ``written``."""
        return self._adopters.get(normalize(written)) or unknown("adopter", written, self.adopters)

    def publication(self, written: str, adopter: str) -> str | Unknown:
        """One of the (configured) ``adopter``'s publications."""
        found = pick("publication", written, self.publications.get(adopter, ()))
        return replace(found, owner=adopter) if isinstance(found, Unknown) else found

    def periodical(self, written: str) -> Periodical | Unknown:
        """One of the office's own periodicals, by name."""
        found = self._periodicals.get(normalize(written))
        return found if found is not None else unknown("periodical", written, [p.name for p in self.periodicals])

    def kind(self, written: str) -> str | Unknown:
        return pick("kind", written, self.kinds)

    def incident_type(self, written: str) -> str | Unknown:
        return pick("incident", written, self.incident_types)

    def severity(self, written: str, default: bool = False) -> str | Unknown:
        """A configured severity; ``default`` (for urgent reports without one) only when asked for."""
        return pick("severity", written, [s for s in self.severities if default or s != "default"])

    @staticmethod
    def level(written: object) -> str | Unknown:
        return level(written)

    @staticmethod
    def route(written: str) -> str | Unknown:
        return route(written)
