"""The checkers of ``extra.portal``'s values (SPEC §4), in the shape of MkDocs' ``config_options`` but without it.

Each checker is a small object whose :meth:`Check.validate` returns the value to keep or raises
:class:`Invalid`, carrying every problem found below the key as ``(sub-path, message)`` pairs
(``""`` for the key itself, ``.county`` or ``[2]`` below it).  :func:`validate` runs a table of them
(:mod:`portal.settings.schema`) over one mapping and collects *every* problem with its full key path,
e.g. ``extra.portal.sections[2].slug``.  Messages come straight from the catalogue (:func:`say`).

The scalar checks every table shares are :mod:`portal.model.values`' (the content's fields and the scoring
rules use the same): :func:`number`, :func:`whole_number`, :func:`text`, :func:`name`, :func:`level` raise
their ``Wrong`` as :class:`Invalid`; a section or adopter that is none is the one ``Unknown``
(:func:`unknown_section`, :func:`unknown_adopter`); a key that is none, :func:`unknown_key`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any, Generic, TypeVar

from ..model import values
from ..model.dates import DateError, get_zone
from ..model.names import did_you_mean, normalize, unknown
from ..model.problems import Wrong
from ..words.messages import choices, say

T = TypeVar("T")
#: ``(key path, message)``: one problem of the settings.
Errors = list[tuple[str, str]]

SLUG_RE = re.compile(r"[a-z0-9-]+")
CLOCK_RE = re.compile(r"(?P<h>[01]\d|2[0-3]):(?P<m>[0-5]\d)")
_TYPE_WORDS: dict[type, str] = {
    bool: "config.type.bool",
    str: "config.type.str",
    int: "config.type.int",
    list: "config.type.list",
}


class Invalid(ValueError):
    """What is wrong with one value: ``(sub-path, message)`` pairs, the sub-path relative to the key checked."""

    def __init__(self, message: str = "", errors: Errors | None = None) -> None:
        self.errors: Errors = errors if errors is not None else [("", message)]
        super().__init__("; ".join(f"{path}: {text}" if path else text for path, text in self.errors))


# --- the scalar checks: model.values' checks, raised as Invalid for the tables' loop -----------


def _checked(result: T | Wrong) -> T:
    if isinstance(result, Wrong):
        raise Invalid(result.message)
    return result


def number(value: object) -> float:
    """An int or a float, never a yes/no value."""
    return _checked(values.number(value))


def whole_number(value: object) -> int:
    """A whole number, 0 or more (never a yes/no value, which YAML would read as 1/0)."""
    return _checked(values.whole(value))


def text(value: object) -> str:
    """Some text, stripped (a number or a date would need quotes)."""
    return _checked(values.text(value))


def name(value: object) -> str:
    """A name in a list (kinds, 抄送), stripped."""
    return _checked(values.name(value))


def level(value: object) -> str:
    """The level code of ``县级``, ``county`` …"""
    return _checked(values.level(value))


def unknown_key(key: object, known: Iterable[str]) -> str:
    """``不认识的键“x”；是不是“y”？``: a key the table does not have."""
    return say("config.unknown_key", key=key, hint=did_you_mean(str(key), known) or say("config.fix_or_delete"))


def unknown_section(written: object, known: Iterable[str]) -> str:
    return unknown("section", written, known).message


def unknown_adopter(written: object, known: Iterable[str]) -> str:
    return unknown("adopter", written, known).message


def collect(check: Callable[[object], T], value: object, where: str, errors: Errors) -> T | None:
    """``check(value)``, or None with its problem appended to ``errors`` at ``where``."""
    try:
        return check(value)
    except Invalid as exc:
        errors.extend((f"{where}{sub}", message) for sub, message in exc.errors)
        return None


def distinct_names(items: list[object], where: str, errors: Errors) -> list[str]:
    """The names of a list, stripped; a blank or non-text item or a repeated name is an error at ``where[i]``."""
    out: list[str] = []
    for index, item in enumerate(items):
        written = collect(name, item, f"{where}[{index}]", errors)
        if written is not None and normalize(written) in {normalize(n) for n in out}:
            errors.append((f"{where}[{index}]", say("config.listed_twice", name=item)))
        elif written is not None:
            out.append(written)
    return out


# --- the checkers ----------------------------------------------------------------------------


class Check(Generic[T]):
    """One option: a value left out takes ``default``; with no default it is required."""

    def __init__(self, default: object = None) -> None:
        self.default = default

    def validate(self, value: object) -> T:
        if value is None:
            if self.default is None:
                raise Invalid(say("config.required"))
            value = self.default
        return self.check(value)

    def check(self, value: object) -> T:
        """The value to keep, or :class:`Invalid`."""
        raise NotImplementedError


class Optional(Check[T | None]):
    """``checker`` when the value is given; None when it is left out."""

    def __init__(self, checker: Check[T]) -> None:
        super().__init__()
        self.checker = checker

    def validate(self, value: object) -> T | None:
        return None if value is None else self.checker.check(value)

    def check(self, value: object) -> T | None:
        return self.checker.check(value)


class Free(Check[object]):
    """Anything: checked by hand elsewhere (lists of tables need a key path per item)."""

    def check(self, value: object) -> object:
        return value


class Table(Check[dict]):
    """A mapping (its keys are checked against their own table elsewhere)."""

    def check(self, value: object) -> dict[Any, Any]:
        if not isinstance(value, dict):
            raise Invalid(say("config.mapping", value=value))
        return value


class Type(Check[T]):
    """A value of one Python type (``bool``, ``str``, ``int``)."""

    def __init__(self, kind: type[T], default: T | None = None) -> None:
        super().__init__(default)
        self.kind = kind

    def check(self, value: object) -> T:
        if not isinstance(value, self.kind):
            raise Invalid(say("config.type", type=say(_TYPE_WORDS.get(self.kind, "config.type.other"))))
        return value


class Choice(Check[str]):
    def __init__(self, allowed: tuple[str, ...], default: str | None = None) -> None:
        super().__init__(default)
        self.allowed = allowed

    def check(self, value: object) -> str:
        if value not in self.allowed:
            raise Invalid(say("config.choice", value=repr(value).strip("'\""), choices=choices(self.allowed)))
        return str(value)


class ListOf(Check[list]):
    """A list whose every item passes ``item`` (the first item that does not is the list's problem)."""

    def __init__(self, item: Check[T]) -> None:
        super().__init__()
        self.item = item

    def check(self, value: object) -> list[Any]:
        if not isinstance(value, list):
            raise Invalid(say("config.type", type=say(_TYPE_WORDS[list])))
        return [self.item.check(item) for item in value]


class Text(Check[str]):
    def check(self, value: object) -> str:
        return text(value)


class Number(Check[float]):
    def check(self, value: object) -> float:
        return number(value)


class Count(Check[int]):
    def check(self, value: object) -> int:
        return whole_number(value)


class Level(Check[str]):
    def check(self, value: object) -> str:
        return level(value)


class Slug(Check[str]):
    """A name for web addresses: lower-case letters, digits and ``-``."""

    def check(self, value: object) -> str:
        if not isinstance(value, str) or not SLUG_RE.fullmatch(value):
            raise Invalid(say("config.slug", value=value))
        return value


class Day(Check[date]):
    """A day ``YYYY-MM-DD`` (a time of day is refused: YAML reads one as a datetime)."""

    def check(self, value: object) -> date:
        return _checked(values.day(value))


class Timezone(Check[str]):
    def check(self, value: object) -> str:
        try:
            get_zone(str(value))
        except DateError as exc:
            raise Invalid(str(exc)) from exc
        return str(value)


def _each(value: Mapping[Any, Any], checker: Callable[[Any, Any], T]) -> list[tuple[Any, T]]:
    """``checker(key, item)`` for every item of a mapping, in order; every problem (at ``.key``) is raised at once."""
    out: list[tuple[Any, T]] = []
    errors: Errors = []
    for key, item in value.items():
        try:
            out.append((key, checker(key, item)))
        except Invalid as exc:
            errors.extend((f".{key}{sub}", message) for sub, message in exc.errors)
    if errors:
        raise Invalid(errors=errors)
    return out


class Points(Check[dict]):
    """``{level: points}``; a level left out scores 0."""

    def check(self, value: object) -> dict[str, float]:
        if not isinstance(value, dict):
            raise Invalid(say("config.level_points", value=value))
        return dict(checked for _, checked in _each(value, lambda key, item: (level(key), number(item))))


class NumberMap(Check[dict]):
    """``{adopter name: points}`` (the names are checked against ``adopters`` later)."""

    def check(self, value: object) -> dict[str, float]:
        if not isinstance(value, dict):
            raise Invalid(say("config.adopter_points", value=value))
        return {str(key): points for key, points in _each(value, lambda key, item: number(item))}


class Adopters(Check[dict]):
    """``name: level`` or ``name: {level: city, publications: [政务晨讯]}``: name -> (level, publications)."""

    def check(self, value: object) -> dict[str, tuple[str, tuple[str, ...]]]:
        if not isinstance(value, dict) or not value:
            raise Invalid(say("config.adopters"))
        errors: Errors = []
        seen: dict[str, str] = {}
        out: dict[str, tuple[str, tuple[str, ...]]] = {}
        for written, given in value.items():
            out[str(written)] = _adopter(given, f".{written}", errors)
            key = normalize(str(written))
            if key in seen:
                errors.append((f".{written}", say("config.same_name", name=written, other=seen[key])))
            seen[key] = written
        if errors:
            raise Invalid(errors=errors)
        return out


_ADOPTER_KEYS = ("level", "publications")


def _adopter(given: object, where: str, errors: Errors) -> tuple[str, tuple[str, ...]]:
    if not isinstance(given, dict):
        return str(collect(level, given, where, errors) or given), ()
    errors.extend((f"{where}.{key}", unknown_key(key, _ADOPTER_KEYS)) for key in given if key not in _ADOPTER_KEYS)
    written = given.get("level")
    if written is None:
        errors.append((f"{where}.level", say("config.level_required")))
    code = None if written is None else collect(level, written, f"{where}.level", errors)
    raw = given.get("publications") or []
    publications = distinct_names(raw if isinstance(raw, list) else [raw], f"{where}.publications", errors)
    return str(code), tuple(publications)


def hours(value: object) -> float:
    """A number of hours, above 0."""
    given = number(value)
    if given <= 0:
        raise Invalid(say("config.hours_positive"))
    return given


class UrgentLimit(Check[object]):
    """Hours, or a map by severity that has ``default`` (SPEC §4)."""

    def check(self, value: object) -> float | dict[str, float]:
        if not isinstance(value, dict):
            return hours(value)
        errors: Errors = []
        try:
            out = {str(key): limit for key, limit in _each(value, lambda key, item: hours(item))}
        except Invalid as exc:
            errors, out = exc.errors, {}
        if "default" not in value:
            errors.append(("", say("config.urgent_default")))
        if errors:
            raise Invalid(errors=errors)
        return out


class NameList(Check[list]):
    """A list of distinct names (kinds, incident types)."""

    def check(self, value: object) -> list[str]:
        if not isinstance(value, list):
            raise Invalid(say("config.name_list", value=value, example="[动态, 调研]"))
        errors: Errors = []
        out = distinct_names(value, "", errors)
        if errors:
            raise Invalid(errors=errors)
        return out


class TextList(Check[list]):
    """A list of names (抄送: [县委办, 县政府办]); the first that is none is the problem."""

    def check(self, value: object) -> list[str]:
        if not isinstance(value, list):
            raise Invalid(say("config.name_list", value=value, example="[县委办, 县政府办]"))
        return [name(item) for item in value]


class DocumentNumber(Check[str]):
    """发文字号 pattern: ``{year}`` (year of the 成文日期) and ``{n}`` (the bulletin's ``number``)."""

    def check(self, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise Invalid(say("config.document_number", value=value))
        unknown = sorted(set(re.findall(r"\{([^{}]*)\}", value)) - {"year", "n"})
        if unknown:
            raise Invalid(say("config.placeholder", name=unknown[0]))
        return value.strip()


# --- reminders (issue 16) --------------------------------------------------------------------


class Counts(Check[tuple]):
    """A list of whole numbers (``[]`` switches a trigger off); a single number is a list of one."""

    def __init__(self, most: int, default: tuple[int, ...], least: int = 0) -> None:
        super().__init__(list(default))
        self.least, self.most = least, most

    def check(self, value: object) -> tuple[int, ...]:
        items = [value] if isinstance(value, int) and not isinstance(value, bool) else value
        if not isinstance(items, list) or any(isinstance(v, bool) or not isinstance(v, int) for v in items):
            raise Invalid(say("config.counts", value=value))
        bad = [v for v in items if not self.least <= v <= self.most]
        if bad:
            raise Invalid(say("config.out_of_range", value=bad[0], least=self.least, most=self.most))
        return tuple(sorted(set(items), reverse=True))


class Clock(Check[str]):
    """A time of day ``HH:MM`` (quote it: YAML reads 08:30 unquoted as a number of minutes)."""

    def check(self, value: object) -> str:
        if not isinstance(value, str) or not CLOCK_RE.fullmatch(value.strip()):
            raise Invalid(say("config.clock", value=value))
        return value.strip()


class Finite(Check[float]):
    """A finite number above 0 (``positive``) or at least 0: ``0``, ``-1``, ``.nan``, ``.inf`` are refused."""

    def __init__(self, default: float, positive: bool = True) -> None:
        super().__init__(default)
        self.positive = positive

    def check(self, value: object) -> float:
        given = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        if given is None or not math.isfinite(given) or given < 0 or (self.positive and given == 0):
            key = "reminders.number_positive" if self.positive else "reminders.number_not_negative"
            raise Invalid(say(key, value=value))
        return given


class QuietHours(Check[str]):
    """``"20:00-08:00"`` (may cross midnight), or ``""`` for none."""

    def check(self, value: object) -> str:
        given = value.strip() if isinstance(value, str) else None
        parts = given.split("-") if given else []
        if given is None or (given and (len(parts) != 2 or not all(CLOCK_RE.fullmatch(x.strip()) for x in parts))):
            raise Invalid(say("reminders.quiet_hours", value=value))
        return given


class Days(Check[tuple]):
    """A list of dates (YAML reads 2027-01-01 as a date; a quoted one is read too)."""

    def __init__(self) -> None:
        super().__init__([])

    def check(self, value: object) -> tuple[date, ...]:
        out = []
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            try:
                out.append(item if isinstance(item, date) else date.fromisoformat(str(item).strip()))
            except ValueError:
                raise Invalid(say("reminders.calendar_days", index=index + 1, value=item)) from None
        return tuple(out)


class Pattern(Check[str]):
    """Text that matches ``pattern`` (an e-mail address, a mobile number …), or ``""``."""

    def __init__(self, pattern: re.Pattern[str], what: str, default: str = "") -> None:
        super().__init__(default)
        self.pattern, self.what = pattern, what

    def check(self, value: object) -> str:
        given = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        if given is None or (given and not self.pattern.fullmatch(given)):
            raise Invalid(say("config.pattern", value=value, what=say(self.what)))
        return given


class Url(Check[str]):
    def check(self, value: object) -> str:
        if not isinstance(value, str) or not re.fullmatch(r"https?://[^\s/]+(/\S*)?", value.strip()):
            raise Invalid(say("config.url", value=value))
        return value.strip()


# --- the loop --------------------------------------------------------------------------------

#: A table: key -> its checker, in the order the keys are checked.
Schema = Mapping[str, Check[Any]]


def validate(schema: Schema, raw: object, path: str) -> tuple[dict[str, Any], Errors]:
    """Every key of ``raw`` checked against ``schema``: the values kept and every problem, with its key path.

    A key left out takes its checker's default; a key the table does not have is a problem.
    """
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        return {}, [(path, say("config.mapping", value=raw))]
    errors: Errors = [(f"{path}.{key}", unknown_key(key, schema)) for key in raw if key not in schema]
    values: dict[str, Any] = {}
    for key, checker in schema.items():
        try:
            values[key] = checker.validate(raw.get(key))
        except Invalid as exc:
            errors.extend((f"{path}.{key}{sub}", message) for sub, message in exc.errors)
    return values, errors
