"""Scalar checks shared by the settings, the scoring rules and the content fields.

Each takes a value as YAML gave it and returns the value (cleaned) or a :class:`~portal.model.problems.Wrong`
whose message says, in Chinese, what is wrong and what to write; the caller adds the place (key path, or file,
line and field).
"""

from __future__ import annotations

from datetime import date, datetime

from ..words.messages import say
from .dates import DateError, get_zone, parse_moment
from .names import Unknown
from .names import level as level_of
from .problems import WrongValue


def number(value: object) -> float | WrongValue:
    """An int or a float, never a yes/no value (which YAML would read as 1/0)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return WrongValue(say("config.number", value=value))
    return value


def whole(value: object, least: int = 0) -> int | WrongValue:
    """A whole number, ``least`` or more (never a yes/no value)."""
    if isinstance(value, bool) or not isinstance(value, int):
        return WrongValue(say("config.count", value=value))
    if value < least:
        return WrongValue(
            say("config.negative", value=value) if least == 0 else say("values.least", value=value, least=least)
        )
    return value


def text(value: object) -> str | WrongValue:
    """Text that is not blank, stripped."""
    if not isinstance(value, str) or not value.strip():
        return WrongValue(say("config.text", value=value))
    return value.strip()


def name(value: object) -> str | WrongValue:
    """A name (of a kind, a publication …): text that is not blank, stripped."""
    if not isinstance(value, str) or not value.strip():
        return WrongValue(say("config.name", value=value))
    return value.strip()


def level(value: object) -> str | Unknown:
    """A level code from ``county``, ``县级`` and the like (see :func:`portal.model.names.level`)."""
    return level_of(value)


def day(value: object) -> date | WrongValue:
    """A day ``YYYY-MM-DD`` (a time of day is refused: YAML reads one as a datetime)."""
    if isinstance(value, datetime):
        return WrongValue(say("config.day_not_time", value=value))
    if isinstance(value, date):
        return value
    try:
        moment = parse_moment(str(value), get_zone("UTC"))
    except DateError as exc:
        return WrongValue(str(exc))
    if moment.has_time:
        return WrongValue(say("config.day_not_time", value=value))
    return moment.day
