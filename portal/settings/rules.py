"""Scoring rules as data (SPEC §4.1): a version's ``rules`` and ``period`` rows, validated.

:func:`parse_rules` and :func:`parse_period` turn the config's rows into
:class:`portal.model.Rule` / :class:`portal.model.PeriodRule`, reporting every
problem as ``(key path, message)`` — an unknown name, a match key the fact
does not have, a row with no or two effects, ``per_missing`` without
``minimum`` … .  Pricing itself is in :mod:`portal.scoring`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeGuard, TypeVar

from ..model.names import did_you_mean, normalize
from ..model.objects import LEVELS, Condition, PeriodRule, Rule, level_code, route_of
from ..words.messages import choices as listed_names
from ..words.messages import say

REQUEST_STATUSES = ("on_time", "late", "missed", "pending")
URGENT_STATUSES = ("on_time", "late", "overdue", "pending")
ROUTES = ("直报", "转报")
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


@dataclass(frozen=True)
class Names:
    """The configured names a rule may use."""

    section: Callable[[str], str | None]  # name or alias -> configured name
    section_names: tuple[str, ...]
    adopters: Mapping[str, str]  # name -> level
    publications: Mapping[str, tuple[str, ...]]  # adopter -> publications
    kinds: tuple[str, ...]
    incident_types: tuple[str, ...]
    severities: tuple[str, ...]

    def all_publications(self) -> list[str]:
        return sorted({p for items in self.publications.values() for p in items})


class Bad(ValueError):
    pass


def _listed(value: object) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def _text(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Bad(say("config.name", value=value))
    return value.strip()


def _choice(value: object, choices: tuple[str, ...] | list[str], what: str) -> str:
    text = _text(value)
    for choice in choices:
        if normalize(choice) == normalize(text):
            return choice
    if what == "level" and level_code(text):
        return str(level_code(text))
    if what == "route" and route_of(text):
        return str(route_of(text))
    what = say(f"rules.what.{what}")
    if not choices:
        raise Bad(say("rules.unknown_choice_none", what=what, value=text))
    hint = did_you_mean(text, list(choices))
    raise Bad(say("rules.unknown_choice", what=what, value=text, hint=hint, choices=listed_names(list(choices))))


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise Bad(say("rules.bool", value=value))
    return value


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Bad(say("config.number", value=value))
    return value


#: Match keys whose value is one of a list of names: the list (from the config or fixed) and what it is called.
_CHOICE_KEYS: dict[str, tuple[Callable[[Names], tuple[str, ...] | list[str]], str]] = {
    "by": (lambda names: list(names.adopters), "adopter"),
    "level": (lambda names: LEVELS, "level"),
    "route": (lambda names: ROUTES, "route"),
    "kind": (lambda names: names.kinds, "kind"),
    "type": (lambda names: names.incident_types, "incident"),
    "incident": (lambda names: names.incident_types, "incident"),
    "severity": (lambda names: names.severities, "severity"),
    "media": (lambda names: MEDIA, "media"),
}


def _key_value(key: str, fact: str, value: object, names: Names, row: Mapping[str, Any]) -> Any:
    """One value of a match key, resolved to the configured name."""
    if key in _CHOICE_KEYS:
        choices, what = _CHOICE_KEYS[key]
        return _choice(value, choices(names), what)
    if key == "section":
        found = names.section(_text(value))
        if found is None:
            hint = did_you_mean(str(value), list(names.section_names))
            raise Bad(say("config.unknown_section", name=value, hint=hint))
        return found
    if key in ("urgent", "request", "adopted"):
        return _bool(value)
    if key == "in":
        return _publication(value, names, row)
    if key == "with":
        text = _text(value)
        if normalize(text) in {normalize(n) for n in names.adopters}:
            return _choice(text, list(names.adopters), "adopter")
        return _choice(text, names.all_publications(), "adopter_or_publication")
    if key in ("status", "urgent_status"):
        return _choice(
            value, URGENT_STATUSES if fact == "urgent" or key == "urgent_status" else REQUEST_STATUSES, "status"
        )
    return _text(value)  # form: free text


def _publication(value: object, names: Names, row: Mapping[str, Any]) -> str:
    text = _text(value)
    bys = [b for b in (_listed(row.get("by")) if "by" in row else []) if isinstance(b, str)]
    owners = [n for n in names.adopters if any(normalize(n) == normalize(b) for b in bys)] or list(names.adopters)
    choices = sorted({p for owner in owners for p in names.publications.get(owner, ())})
    for choice in choices:
        if normalize(choice) == normalize(text):
            return choice
    whose = listed_names(owners) if bys else say("rules.any_adopter")
    shown = listed_names(choices) or say("rules.none_configured")
    hint = did_you_mean(text, choices)
    raise Bad(say("rules.unknown_publication", value=text, hint=hint, whose=whose, choices=shown))


def _effect(row: Mapping[str, Any], effects: tuple[str, ...], where: str, errors: Errors) -> str | None:
    given = [e for e in effects if e in row]
    if len(given) == 1:
        return given[0]
    if not given:
        errors.append((where, say("rules.no_effect", effects=" | ".join(effects))))
    else:
        errors.append((f"{where}.{given[1]}", say("rules.two_effects", given="、".join(given))))
    return None


def parse_rules(raw: object, names: Names, where: str, errors: Errors) -> tuple[Rule, ...]:
    """A version's ``rules`` list."""
    return _rows(raw, names, where, errors, _rule, "- fact: adoption, in: …, points: 20")


def _rows(
    raw: object,
    names: Names,
    where: str,
    errors: Errors,
    parse_row: Callable[[object, Names, str, Errors], T | None],
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


def _rule(row: object, names: Names, where: str, errors: Errors) -> Rule | None:
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
        values = []
        for position, item in enumerate(_listed(value)):
            try:
                values.append(_key_value(key, fact, item, names, row))
            except Bad as exc:
                errors.append((f"{where}.{key}" + (f"[{position}]" if isinstance(value, list) else ""), str(exc)))
        match[key] = tuple(values)
    amount: float | str = 0
    if effect is not None:
        try:
            amount = _amount(row[effect], effect, fact)
        except Bad as exc:
            errors.append((f"{where}.{effect}", str(exc)))
    if len(errors) > before or effect is None:
        return None
    return Rule(fact, match, effect, amount)


def _amount(value: object, effect: str, fact: str) -> float | str:
    if value == "given" and effect == "points":
        if fact != "adoption":
            raise Bad(say("rules.given"))
        return "given"
    return _number(value)


# --- period rows -----------------------------------------------------------------------------------


def parse_period(raw: object, names: Names, where: str, errors: Errors) -> tuple[PeriodRule, ...]:
    """A version's ``period`` list."""
    return _rows(raw, names, where, errors, _period_row, "- per: month, per_missing: -2, minimum: quota")


_PERIOD_KEYS = ("per", "section", "if", "floor", "minimum", "kind", *PERIOD_EFFECTS)


def _period_row(row: object, names: Names, where: str, errors: Errors) -> PeriodRule | None:
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
    kinds = _names(row.get("kind"), lambda v: _choice(v, names.kinds, "kind"), f"{where}.kind", errors)
    when = _condition(row["if"], names, f"{where}.if", errors) if "if" in row else None
    value, floor, minimum = _period_effect(row, effect, where, errors)
    if len(errors) > before or effect is None:
        return None
    return PeriodRule(str(per), effect, value, sections, when, floor, minimum, kinds)


def _names(value: object, resolve: Callable[[object], str], where: str, errors: Errors) -> tuple[str, ...]:
    if value is None:
        return ()
    out = []
    for position, item in enumerate(_listed(value)):
        try:
            out.append(resolve(item))
        except Bad as exc:
            errors.append((where + (f"[{position}]" if isinstance(value, list) else ""), str(exc)))
    return tuple(out)


def _period_effect(
    row: Mapping[str, Any], effect: str | None, where: str, errors: Errors
) -> tuple[float, float | None, int | str | None]:
    value: float = 0
    try:
        if effect in ("zero", "no_praise"):
            if row[effect] is not True:
                raise Bad(say("rules.write_true", effect=effect))
        elif effect is not None:
            value = _number(row[effect])
    except Bad as exc:
        errors.append((f"{where}.{effect}", str(exc)))
    return value, _period_floor(row, effect, where, errors), _period_minimum(row, effect, where, errors)


def _period_floor(row: Mapping[str, Any], effect: str | None, where: str, errors: Errors) -> float | None:
    """``floor``: only with ``base``."""
    if "floor" not in row:
        return None
    if effect != "base":
        errors.append((f"{where}.floor", say("rules.floor")))
        return None
    try:
        return _number(row["floor"])
    except Bad as exc:
        errors.append((f"{where}.floor", str(exc)))
        return None


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
    elif given == "quota" or (isinstance(given, int) and not isinstance(given, bool) and given >= 0):
        return given
    else:
        errors.append((f"{where}.minimum", say("rules.minimum", value=given)))
    return None


def _condition(raw: object, names: Names, where: str, errors: Errors) -> Condition | None:
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
                lambda v: _choice(v, names.kinds, "kind"),
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
    try:
        return given[0], _number(raw[given[0]])
    except Bad as exc:
        errors.append((f"{where}.{given[0]}", str(exc)))
        return None


def _count(raw: Mapping[str, Any], where: str, errors: Errors) -> int:
    value = raw.get("min", 1)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        errors.append((f"{where}.min", say("config.count", value=value)))
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


def _incidents_test(raw: object, names: Names, where: str, errors: Errors) -> tuple[tuple[str, ...], int] | None:
    if not _test_mapping(raw, "type", where, errors, "{type: 被通报, min: N}"):
        return None
    types = _names(raw.get("type"), lambda v: _choice(v, names.incident_types, "incident"), f"{where}.type", errors)
    return types, _count(raw, where, errors)
