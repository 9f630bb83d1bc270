"""Scoring rules as data (SPEC §4.1): a version's ``rules`` and ``period`` rows, validated.

:func:`parse_rules` and :func:`parse_period_rows` turn the config's rows into
:class:`portal.model.objects.Rule` / :class:`portal.model.objects.PeriodRule`, reporting every
problem as ``(key path, message)`` — an unknown name, a match key the fact
does not have, a row with no or two effects, ``per_missing`` without
``minimum`` … .  Pricing itself is in :mod:`portal.figures.scoring`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, TypeGuard, TypeVar

from ..model import values
from ..model.names import Resolver, Unknown, did_you_mean, level, pick, route
from ..model.objects import Condition, PeriodRule, Rule
from ..model.problems import Wrong, WrongValue
from ..words import messages
from ..words.messages import choices as listed_names
from ..words.messages import say

REQUEST_STATUSES = ("on_time", "late", "missed", "pending")
URGENT_STATUSES = ("on_time", "late", "overdue", "pending")
MEDIA = ("image", "video")
T = TypeVar("T")

#: fact -> the match keys it has (SPEC §4.1's table)
FACT_KEYS: dict[str, tuple[str, ...]] = {
    "submission": ("section", "kind", "urgent", "request"),
    "adoption": ("section", "by", "in", "form", "level", "route", "kind", "urgent", "request"),
    "instruction": ("section", "level", "kind", "urgent", "with"),
    "request": ("section", "status"),
    "urgent": ("section", "status", "severity"),
    "incident": ("section", "type"),
    "report": ("section", "kind", "urgent", "urgent_status", "media", "adopted", "incident"),
}
EFFECTS = ("points", "add", "times")
PERIOD_EFFECTS = ("base", "points", "per_missing", "zero", "pass", "no_praise")
UNITS = ("month", "quarter", "year")

Errors = list[tuple[str, str]]


def _listed(value: object) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def _choice(value: str, choices: tuple[str, ...], what: str) -> str | WrongValue:
    """One of a fixed list of codes (statuses, media …), which the message always lists."""
    found = pick(what, value, choices)
    if not isinstance(found, Unknown):
        return found
    hint = messages.did_you_mean(found.near)
    what = say(f"rules.what.{what}")
    return WrongValue(say("rules.unknown_choice", what=what, value=value, hint=hint, choices=listed_names(choices)))


def _bool(value: object) -> bool | WrongValue:
    if not isinstance(value, bool):
        return WrongValue(say("rules.bool", value=value))
    return value


#: Match keys whose value is a name: how it is resolved (to the configured name or code).
_NAME_KEYS: dict[str, Callable[[Resolver, str], str | Wrong]] = {
    "by": lambda names, text: names.adopter(text),
    "level": lambda names, text: level(text),
    "route": lambda names, text: route(text),
    "kind": lambda names, text: names.kind(text),
    "type": lambda names, text: names.incident_type(text),
    "incident": lambda names, text: names.incident_type(text),
    "severity": lambda names, text: names.severity(text, default=True),
    "media": lambda names, text: _choice(text, MEDIA, "media"),
}


def _key_value(key: str, fact: str, value: object, names: Resolver, row: Mapping[str, Any]) -> Any:
    """One value of a match key, resolved to the configured name, or a :class:`Wrong`."""
    if key in ("urgent", "request", "adopted"):
        return _bool(value)
    text = values.name(value)
    if isinstance(text, Wrong):
        return text
    if key in _NAME_KEYS:
        return _NAME_KEYS[key](names, text)
    if key == "section":
        found = names.section(text)
        return found if isinstance(found, Unknown) else found.name
    if key == "in":
        return _publication(text, names, row)
    if key == "with":
        adopter = names.adopter(text)
        if not isinstance(adopter, Unknown):
            return adopter
        return _choice(text, tuple(_all_publications(names)), "adopter_or_publication")
    if key in ("status", "urgent_status"):
        urgent = fact == "urgent" or key == "urgent_status"
        return _choice(text, URGENT_STATUSES if urgent else REQUEST_STATUSES, "status")
    return text  # form: free text


def _all_publications(names: Resolver) -> list[str]:
    return sorted({p for items in names.publications.values() for p in items})


def _publication(text: str, names: Resolver, row: Mapping[str, Any]) -> str | WrongValue:
    """An ``in``: a publication of the row's ``by`` adopters (of any adopter without ``by``)."""
    bys = [b for b in (_listed(row.get("by")) if "by" in row else []) if isinstance(b, str)]
    named = {names.adopter(b) for b in bys}
    owners = [n for n in names.adopters if n in named] or list(names.adopters)
    choices = sorted({p for owner in owners for p in names.publications.get(owner, ())})
    found = pick("publication", text, choices)
    if not isinstance(found, Unknown):
        return found
    whose = listed_names(owners) if bys else say("rules.any_adopter")
    shown = listed_names(choices) or say("rules.none_configured")
    hint = messages.did_you_mean(found.near)
    return WrongValue(say("rules.unknown_publication", value=text, hint=hint, whose=whose, choices=shown))


def _effect(row: Mapping[str, Any], effects: tuple[str, ...], where: str, errors: Errors) -> str | None:
    given = [e for e in effects if e in row]
    if len(given) == 1:
        return given[0]
    if not given:
        errors.append((where, say("rules.no_effect", effects=" | ".join(effects))))
    else:
        errors.append((f"{where}.{given[1]}", say("rules.two_effects", given=messages.listing(given))))
    return None


def parse_rules(raw: object, names: Resolver, where: str, errors: Errors) -> tuple[Rule, ...]:
    """A version's ``rules`` list."""
    return _rows(raw, names, where, errors, _rule, "- fact: adoption, in: …, points: 20")


def _rows(
    raw: object,
    names: Resolver,
    where: str,
    errors: Errors,
    parse_row: Callable[[object, Resolver, str, Errors], T | None],
    example: str,
) -> tuple[T, ...]:
    """A list of rows, each parsed by ``parse_row`` at ``where[i]``; a row with errors is left out."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        errors.append((where, say("rules.rows", example=example)))
        return ()
    out = []
    for index, row in enumerate(raw):
        parsed = parse_row(row, names, f"{where}[{index}]", errors)
        if parsed is not None:
            out.append(parsed)
    return tuple(out)


def _rule(row: object, names: Resolver, where: str, errors: Errors) -> Rule | None:
    if not isinstance(row, dict):
        errors.append((where, say("rules.rule_shape")))
        return None
    before = len(errors)
    fact = row.get("fact")
    if fact not in FACT_KEYS:
        errors.append(
            (
                f"{where}.fact",
                say(
                    "rules.fact_missing" if fact is None else "rules.fact_unknown",
                    value=fact,
                    known=", ".join(FACT_KEYS),
                ),
            )
        )
        return None
    effect = _effect(row, EFFECTS, where, errors)
    match: dict[str, tuple[Any, ...]] = {}
    for key, value in row.items():
        if key == "fact" or key in EFFECTS:
            continue
        if key not in FACT_KEYS[fact]:
            errors.append(
                (f"{where}.{key}", say("rules.fact_key", fact=fact, key=key, known=", ".join(FACT_KEYS[fact])))
            )
            continue
        resolve = functools.partial(_key_value, key, fact, names=names, row=row)
        match[key] = _each(value, resolve, f"{where}.{key}", errors)
    amount: float | str = 0
    if effect is not None:
        given = _amount(row[effect], effect, fact)
        if isinstance(given, Wrong):
            errors.append((f"{where}.{effect}", given.message))
        else:
            amount = given
    if len(errors) > before or effect is None:
        return None
    return Rule(fact, match, effect, amount)


def _amount(value: object, effect: str, fact: str) -> float | str | WrongValue:
    if value == "given" and effect == "points":
        return "given" if fact == "adoption" else WrongValue(say("rules.given"))
    return values.number(value)


# --- period rows -----------------------------------------------------------------------------------


def parse_period_rows(raw: object, names: Resolver, where: str, errors: Errors) -> tuple[PeriodRule, ...]:
    """A version's ``period`` list."""
    return _rows(raw, names, where, errors, _period_row, "- per: month, per_missing: -2, minimum: quota")


_PERIOD_KEYS = ("per", "section", "if", "floor", "minimum", "kind", *PERIOD_EFFECTS)


def _period_row(row: object, names: Resolver, where: str, errors: Errors) -> PeriodRule | None:
    if not isinstance(row, dict):
        errors.append((where, say("rules.period_shape")))
        return None
    before = len(errors)
    for key in row:
        if key not in _PERIOD_KEYS:
            errors.append(
                (
                    f"{where}.{key}",
                    say(
                        "config.unknown_key",
                        key=key,
                        hint=did_you_mean(str(key), _PERIOD_KEYS) or say("config.fix_or_delete"),
                    ),
                )
            )
    per = row.get("per")
    if per not in UNITS:
        errors.append((f"{where}.per", say("rules.per_missing" if per is None else "rules.per_unknown", value=per)))
    effect = _effect(row, PERIOD_EFFECTS, where, errors)
    sections = _names(
        row.get("section"), lambda v: _key_value("section", "", v, names, row), f"{where}.section", errors
    )
    kinds = _names(row.get("kind"), lambda v: _key_value("kind", "", v, names, row), f"{where}.kind", errors)
    when = _condition(row["if"], names, f"{where}.if", errors) if "if" in row else None
    value, floor, minimum = _period_effect(row, effect, where, errors)
    if len(errors) > before or effect is None:
        return None
    return PeriodRule(str(per), effect, value, sections, when, floor, minimum, kinds)


def _names(value: object, resolve: Callable[[object], Any], where: str, errors: Errors) -> tuple[Any, ...]:
    """Each value of ``value`` (one or a list; absent: none) resolved; see :func:`_each`."""
    return () if value is None else _each(value, resolve, where, errors)


def _each(value: object, resolve: Callable[[object], Any], where: str, errors: Errors) -> tuple[Any, ...]:
    """Each value of ``value`` (one or a list) resolved; a :class:`Wrong` one is an error at ``where[i]``."""
    out = []
    for position, item in enumerate(_listed(value)):
        found = resolve(item)
        if isinstance(found, Wrong):
            errors.append((where + (f"[{position}]" if isinstance(value, list) else ""), found.message))
        else:
            out.append(found)
    return tuple(out)


def _period_effect(
    row: Mapping[str, Any], effect: str | None, where: str, errors: Errors
) -> tuple[float, float | None, int | str | None]:
    value: float = 0
    if effect in ("zero", "no_praise"):
        if row[effect] is not True:
            errors.append((f"{where}.{effect}", say("rules.write_true", effect=effect)))
    elif effect is not None:
        value = _number(row[effect], f"{where}.{effect}", errors, 0)
    return value, _period_floor(row, effect, where, errors), _period_minimum(row, effect, where, errors)


def _period_floor(row: Mapping[str, Any], effect: str | None, where: str, errors: Errors) -> float | None:
    """``floor``: only with ``base``."""
    if "floor" not in row:
        return None
    if effect != "base":
        errors.append((f"{where}.floor", say("rules.floor")))
        return None
    return _number(row["floor"], f"{where}.floor", errors, None)


def _period_minimum(row: Mapping[str, Any], effect: str | None, where: str, errors: Errors) -> int | str | None:
    """``minimum`` (and ``kind``): only with ``per_missing``, which needs a minimum."""
    for key in ("minimum", "kind"):
        if key in row and effect != "per_missing":
            errors.append((f"{where}.{key}", say("rules.per_missing_only", key=key)))
    if effect != "per_missing":
        return None
    given = row.get("minimum")
    if given is None:
        errors.append((f"{where}.minimum", say("rules.minimum_missing")))
    elif given == "quota":
        return "quota"
    elif isinstance(count := values.whole(given), Wrong):
        errors.append((f"{where}.minimum", say("rules.minimum", value=given)))
    else:
        return count
    return None


def _condition(raw: object, names: Resolver, where: str, errors: Errors) -> Condition | None:
    if not isinstance(raw, dict) or not raw:
        errors.append((where, say("rules.condition_shape")))
        return None
    known = ("submitted", "adoption_rate", "requests", "incidents")
    for key in raw:
        if key not in known:
            hint = did_you_mean(str(key), known)
            errors.append((f"{where}.{key}", say("rules.unknown_test", key=key, hint=hint, known=", ".join(known))))
    submitted = []
    if "submitted" in raw:
        items = raw["submitted"]
        for position, item in enumerate(_listed(items)):
            at = f"{where}.submitted" + (f"[{position}]" if isinstance(items, list) else "")
            test = _bound(item, at, errors, extra=("kind",))
            kinds = _names(
                item.get("kind") if isinstance(item, dict) else None,
                lambda v: _key_value("kind", "", v, names, {}),
                f"{at}.kind",
                errors,
            )
            if test is not None:
                submitted.append((test[0], test[1], kinds))
    rate = _bound(raw["adoption_rate"], f"{where}.adoption_rate", errors) if "adoption_rate" in raw else None
    requests = _requests_test(raw["requests"], f"{where}.requests", errors) if "requests" in raw else None
    incidents = _incidents_test(raw["incidents"], names, f"{where}.incidents", errors) if "incidents" in raw else None
    return Condition(tuple(submitted), rate, requests, incidents)


def _bound(raw: object, where: str, errors: Errors, extra: tuple[str, ...] = ()) -> tuple[str, float] | None:
    if not isinstance(raw, dict):
        errors.append((where, say("rules.bound_shape")))
        return None
    for key in raw:
        if key not in ("min", "below", *extra):
            allowed = ", ".join(("min", "below", *extra))
            errors.append((f"{where}.{key}", say("rules.key_use", key=key, allowed=allowed)))
    given = [k for k in ("min", "below") if k in raw]
    if len(given) != 1:
        errors.append((where, say("rules.bound_one")))
        return None
    bound = values.number(raw[given[0]])
    if isinstance(bound, Wrong):
        errors.append((f"{where}.{given[0]}", bound.message))
        return None
    return given[0], bound


def _number(value: object, where: str, errors: Errors, otherwise: T) -> float | T:
    """``value`` as a number, or ``otherwise`` and an error at ``where``."""
    found = values.number(value)
    if isinstance(found, Wrong):
        errors.append((where, found.message))
        return otherwise
    return found


def _count(raw: Mapping[str, Any], where: str, errors: Errors) -> int:
    value = values.whole(raw.get("min", 1))
    if isinstance(value, Wrong):
        errors.append((f"{where}.min", value.message))
        return 1
    return value


def _test_mapping(raw: object, key: str, where: str, errors: Errors, shape: str) -> TypeGuard[dict[Any, Any]]:
    """Is ``raw`` a ``{KEY: …, min: N}`` mapping? Unknown keys are errors too."""
    if not isinstance(raw, dict):
        errors.append((where, say("rules.shape", shape=shape)))
        return False
    for given in raw:
        if given not in (key, "min"):
            errors.append((f"{where}.{given}", say("rules.key_use", key=given, allowed=f"{key}, min")))
    return True


def _requests_test(raw: object, where: str, errors: Errors) -> tuple[str, int] | None:
    if not _test_mapping(raw, "status", where, errors, "{status: missed | late | not_on_time, min: N}"):
        return None
    status = raw.get("status")
    if status not in ("missed", "late", "not_on_time"):
        errors.append((f"{where}.status", say("rules.status", value=status)))
        return None
    return str(status), _count(raw, where, errors)


def _incidents_test(raw: object, names: Resolver, where: str, errors: Errors) -> tuple[tuple[str, ...], int] | None:
    if not _test_mapping(raw, "type", where, errors, "{type: 被通报, min: N}"):
        return None
    types = _names(raw.get("type"), lambda v: _key_value("type", "", v, names, {}), f"{where}.type", errors)
    return types, _count(raw, where, errors)
