"""The ``extra.portal`` schema (SPEC §4), validated with MkDocs' option classes.

Each option is a small class that validates one value and raises MkDocs'
``ValidationError``; nested mappings and lists are validated key by key so
that *every* problem is reported with its full key path, e.g.
``extra.portal.sections[2].slug``.  The result is a plain
:class:`portal.model.Settings`, so the rest of the package never sees MkDocs.
"""

from __future__ import annotations

import copy
import hashlib
import math
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date, datetime, time
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from ..figures.scoring import DEFAULTS
from ..model.dates import DateError, get_zone, parse_moment
from ..model.names import did_you_mean, normalize, suggest
from ..model.objects import DocumentSettings, Periodical, ScoringVersion, Section, Settings, level_code, level_message
from ..model.problems import Problem
from ..model.workdays import china
from ..output.web.editor import parse_editor
from ..words.messages import choices, say
from .rules import Names, parse_period, parse_rules

ROOT = "extra.portal"
DEFAULT_SECTIONS = [{"name": "社会救助股", "slug": "jiuzhu", "head": "李明", "quota": 2, "aliases": ["救助股"]}]
DEFAULT_ADOPTERS = {
    "本局简报": "bureau",
    "县委办": "county",
    "县政府办": "county",
    "市委办": "city",
    "省政府办公厅": "province",
    "国务院办公厅": "national",
}
DEFAULT_INCIDENT_TYPES = ["被通报", "错报", "漏报", "瞒报", "谎报", "轻报", "失实"]
_SLUG_RE = re.compile(r"[a-z0-9-]+")


class NestedErrors(ValidationError):
    """Several problems below one key: ``(sub-path, message)`` pairs."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{path}: {msg}" for path, msg in errors))
        self.errors = errors


_CHOICE_RE = re.compile(r"Expected one of: \((?P<choices>.*)\) but received: (?P<value>.*)")
_TYPE_RE = re.compile(r"Expected type: <class '(?P<type>\w+)'> but received: <class '\w+'>")
_TYPE_WORDS = {
    "bool": "config.type.bool",
    "str": "config.type.str",
    "int": "config.type.int",
    "list": "config.type.list",
}


def mkdocs_message(text: str) -> str:
    """A message of MkDocs' own option classes (``Choice``, ``Type``, ``ListOfItems``) said in Chinese."""
    if text.startswith("Required configuration not provided"):
        return say("config.required")
    choice = _CHOICE_RE.fullmatch(text)
    if choice:
        allowed = [item.strip().strip("'\"") for item in choice["choices"].split(",") if item.strip()]
        return say("config.choice", value=choice["value"].strip("'\""), choices=choices(allowed))
    typed = _TYPE_RE.fullmatch(text)
    if typed:
        return say("config.type", type=say(_TYPE_WORDS.get(typed["type"], "config.type.other")))
    if text.startswith("Unrecognised configuration name: "):
        return say("config.mkdocs_unknown", key=text.split(": ", 1)[1].strip())
    if text.startswith("Expected a list of items"):
        return say("config.type", type=say("config.type.list"))
    return say("config.other", text=text) if text and not _has_cjk(text) else text


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _unknown_key(key: object, known: Iterable[str]) -> str:
    """``不认识的键“x”；是不是“y”？``: a key the schema does not have."""
    return say("config.unknown_key", key=key, hint=did_you_mean(str(key), known) or say("config.fix_or_delete"))


class Number(c.OptionallyRequired[float]):
    """An int or a float, never a bool."""

    def run_validation(self, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValidationError(say("config.number", value=value))
        return value


class Text(c.OptionallyRequired[str]):
    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(say("config.text", value=value))
        return value.strip()


class Level(c.OptionallyRequired[str]):
    def run_validation(self, value: object) -> str:
        code = level_code(value)
        if code is None:
            raise ValidationError(_level_error(value))
        return code


class Points(c.OptionallyRequired[dict]):
    """``{level: points}``; a level left out scores 0."""

    def run_validation(self, value: object) -> dict[str, float]:
        if not isinstance(value, dict):
            raise ValidationError(say("config.level_points", value=value))
        errors = []
        out: dict[str, float] = {}
        for key, points in value.items():
            code = level_code(key)
            if code is None:
                errors.append((f".{key}", _level_error(key)))
            elif isinstance(points, bool) or not isinstance(points, (int, float)):
                errors.append((f".{key}", say("config.number", value=points)))
            else:
                out[code] = points
        if errors:
            raise NestedErrors(errors)
        return out


class NumberMap(c.OptionallyRequired[dict]):
    """``{adopter name: points}`` (names are checked against ``adopters`` later)."""

    def run_validation(self, value: object) -> dict[str, float]:
        if not isinstance(value, dict):
            raise ValidationError(say("config.adopter_points", value=value))
        errors = [
            (f".{k}", say("config.number", value=v))
            for k, v in value.items()
            if isinstance(v, bool) or not isinstance(v, (int, float))
        ]
        if errors:
            raise NestedErrors(errors)
        return {str(k): v for k, v in value.items()}


class Slug(c.OptionallyRequired[str]):
    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not _SLUG_RE.fullmatch(value):
            raise ValidationError(say("config.slug", value=value))
        return value


class Day(c.OptionallyRequired[date]):
    """A day ``YYYY-MM-DD`` (a time of day is refused: YAML reads one as a datetime)."""

    def run_validation(self, value: object) -> date:
        if isinstance(value, datetime):
            raise ValidationError(say("config.day_not_time", value=value))
        if isinstance(value, date):
            return value
        try:
            moment = parse_moment(str(value), get_zone("UTC"))
        except DateError as exc:
            raise ValidationError(str(exc)) from exc
        if moment.has_time:
            raise ValidationError(say("config.day_not_time", value=value))
        return moment.day


class Count(c.OptionallyRequired[int]):
    """A whole number, 0 or more (never a yes/no value, which YAML would read as 1/0)."""

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(say("config.count", value=value))
        if value < 0:
            raise ValidationError(say("config.negative", value=value))
        return value


class Timezone(c.OptionallyRequired[str]):
    def run_validation(self, value: object) -> str:
        try:
            get_zone(str(value))
        except DateError as exc:
            raise ValidationError(str(exc)) from exc
        return str(value)


def _level_error(level: object) -> str:
    return level_message(level)


class Adopters(c.OptionallyRequired[dict]):
    """``name: level`` or the long form ``name: {level: city, publications: [政务晨讯]}``."""

    def run_validation(self, value: object) -> dict[str, Any]:
        if not isinstance(value, dict) or not value:
            raise ValidationError(say("config.adopters"))
        errors: list[tuple[str, str]] = []
        seen: dict[str, str] = {}
        out: dict[str, Any] = {}
        for name, given in value.items():
            level, publications = _adopter_entry(given, f".{name}", errors)
            key = normalize(str(name))
            if key in seen:
                errors.append((f".{name}", say("config.same_name", name=name, other=seen[key])))
            seen[key] = name
            out[str(name)] = (level, publications)
        if errors:
            raise NestedErrors(errors)
        return out


def _adopter_entry(given: object, where: str, errors: list[tuple[str, str]]) -> tuple[str, tuple[str, ...]]:
    if not isinstance(given, dict):
        code = level_code(given)
        if code is None:
            errors.append((where, _level_error(given)))
        return str(code or given), ()
    for key in given:
        if key not in ("level", "publications"):
            errors.append((f"{where}.{key}", _unknown_key(key, ("level", "publications"))))
    level = level_code(given.get("level"))
    if level is None:
        given_level = given.get("level")
        errors.append(
            (f"{where}.level", say("config.level_required") if given_level is None else _level_error(given_level))
        )
    raw = given.get("publications") or []
    if not isinstance(raw, list):
        raw = [raw]
    publications = _distinct_names(raw, f"{where}.publications", errors)
    return str(level), tuple(publications)


def _distinct_names(items: list[object], where: str, errors: list[tuple[str, str]]) -> list[str]:
    """The names of a list, stripped; a blank or non-text item or a repeated name is an error at ``where[i]``."""
    out: list[str] = []
    for index, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            errors.append((f"{where}[{index}]", say("config.name", value=item)))
        elif normalize(item) in {normalize(n) for n in out}:
            errors.append((f"{where}[{index}]", say("config.listed_twice", name=item)))
        else:
            out.append(item.strip())
    return out


class UrgentLimit(c.OptionallyRequired[object]):
    """Hours, or a map by severity that has ``default`` (SPEC §4)."""

    def run_validation(self, value: object) -> float | dict[str, float]:
        if not isinstance(value, dict):
            return _hours(value)
        errors = []
        out: dict[str, float] = {}
        for key, hours in value.items():
            try:
                out[str(key)] = _hours(hours)
            except ValidationError as exc:
                errors.append((f".{key}", str(exc)))
        if "default" not in value:
            errors.append(("", say("config.urgent_default")))
        if errors:
            raise NestedErrors(errors)
        return out


def _hours(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValidationError(say("config.number", value=value))
    if value <= 0:
        raise ValidationError(say("config.hours_positive"))
    return value


class NameList(c.OptionallyRequired[list]):
    """A list of distinct names (kinds, incident types)."""

    def run_validation(self, value: object) -> list[str]:
        if not isinstance(value, list):
            raise ValidationError(say("config.name_list", value=value, example="[动态, 调研]"))
        errors: list[tuple[str, str]] = []
        out = _distinct_names(value, "", errors)
        if errors:
            raise NestedErrors(errors)
        return out


class _Passthrough(c.OptionallyRequired[object]):
    """Validated separately (lists of sub-configs need per-item paths)."""


class SectionConfig(base.Config):
    name = Text()
    slug = c.Optional(Slug())
    head = c.Type(str, default="")
    quota = Count(default=0)
    aliases = c.Optional(c.ListOfItems(Text()))


class ScoringConfig(base.Config):
    from_ = c.Optional(Day())
    submitted = c.Optional(Number())
    adopted = c.Optional(Points())
    adopted_by = c.Optional(NumberMap())
    adoption = c.Optional(c.Choice(("highest", "sum")))
    instruction = c.Optional(Points())
    request_late = c.Optional(Number())
    request_missed = c.Optional(Number())
    urgent_late = c.Optional(Number())
    urgent_overdue = c.Optional(Number())
    rules = c.Optional(_Passthrough())
    period = c.Optional(_Passthrough())
    total = c.Optional(c.Choice(("sum", "average")))
    joint = c.Optional(c.Choice(("split", "each")))


class ReviewConfig(base.Config):
    """``extra.portal.review``: the merge-request check (``check --review``; see deploy/review)."""

    require_signed_by = c.Type(bool, default=False)


class GoodInfoConfig(base.Config):
    min_level = Level(default="city")
    instruction = c.Type(bool, default=True)


class DocumentNumber(c.OptionallyRequired[str]):
    """发文字号 pattern: ``{year}`` (year of the 成文日期) and ``{n}`` (the bulletin's ``number``)."""

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(say("config.document_number", value=value))
        unknown = sorted(set(re.findall(r"\{([^{}]*)\}", value)) - {"year", "n"})
        if unknown:
            raise ValidationError(say("config.placeholder", name=unknown[0]))
        return value.strip()


class TextList(c.OptionallyRequired[list]):
    """A list of names (抄送: [县委办, 县政府办])."""

    def run_validation(self, value: object) -> list[str]:
        if not isinstance(value, list):
            raise ValidationError(say("config.name_list", value=value, example="[县委办, 县政府办]"))
        bad = [item for item in value if not isinstance(item, str) or not item.strip()]
        if bad:
            raise ValidationError(say("config.name", value=bad[0]))
        return [item.strip() for item in value]


class BulletinConfig(base.Config):
    praise = Count(default=3)
    document_number = c.Optional(DocumentNumber())  # 发文字号, e.g. 示民办〔{year}〕{n}号
    masthead = c.Optional(Text())  # 发文机关标志; default: organization + 办公室
    signer = c.Optional(Text())  # 署名; default: the masthead
    copy_to = c.Optional(TextList())  # 抄送
    printed_by = c.Optional(Text())  # 印发机关; default: the signer


class PrivacyConfig(base.Config):
    id_numbers = c.Choice(("error", "mask", "off"), default="error")
    mobile_numbers = c.Choice(("error", "mask", "off"), default="error")


def _validate(schema: type[base.Config], raw: object, path: str) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Validate every key of ``raw`` against ``schema``; return values and all errors."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        return {}, [(path, say("config.mapping", value=raw))]
    errors: list[tuple[str, str]] = []
    known = {key for key, _ in schema._schema}
    for key in raw:
        if key not in known:
            errors.append((f"{path}.{key}", _unknown_key(key, known)))
    values: dict[str, Any] = {}
    for key, option in schema._schema:
        try:
            values[key] = option.validate(raw.get(key))
        except NestedErrors as exc:
            errors.extend((f"{path}.{key}{sub}", msg) for sub, msg in exc.errors)
        except ValidationError as exc:
            errors.append((f"{path}.{key}", mkdocs_message(str(exc))))
    return values, errors


def _default_slug(name: str) -> str:
    if _SLUG_RE.fullmatch(name.lower().replace(" ", "-")):
        return name.lower().replace(" ", "-")
    return "s-" + hashlib.sha1(name.encode()).hexdigest()[:6]


def _valid_items(
    schema: type[base.Config], items: list[Any], path: str, errors: list[tuple[str, str]]
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each list item checked against ``schema``: its key path and values; an item with errors is reported, skipped."""
    for index, item in enumerate(items):
        where = f"{path}[{index}]"
        values, errs = _validate(schema, item, where)
        errors.extend(errs)
        if not errs:
            yield where, values


def _sections(raw: object, errors: list[tuple[str, str]]) -> tuple[Section, ...]:
    path = f"{ROOT}.sections"
    if raw is None:
        raw = DEFAULT_SECTIONS
    if not isinstance(raw, list) or not raw:
        errors.append((path, say("config.sections")))
        return ()
    out: list[Section] = []
    names: dict[str, tuple[str, str]] = {}  # normalised name or alias -> (key path of its item, section name)
    slugs: dict[str, str] = {}
    for where, values in _valid_items(SectionConfig, raw, path, errors):
        section = Section(
            values["name"],
            values["slug"] or _default_slug(values["name"]),
            values["head"].strip(),
            values["quota"],
            tuple(values["aliases"] or ()),
        )
        for key_path, name in [(f"{where}.name", section.name)] + [
            (f"{where}.aliases[{i}]", a) for i, a in enumerate(section.aliases)
        ]:
            key = normalize(name)
            if key in names and names[key][0] != where:
                errors.append(
                    (
                        key_path,
                        say("config.section_name_taken", name=name, section=names[key][1]),
                    )
                )
                continue
            names[key] = (where, section.name)
        if section.slug in slugs:
            errors.append((f"{where}.slug", say("config.slug_taken", slug=section.slug, other=slugs[section.slug])))
        slugs[section.slug] = section.name
        out.append(section)
    return tuple(out)


def _scoring(raw: object, names: Names, errors: list[tuple[str, str]]) -> tuple[ScoringVersion, ...]:
    path = f"{ROOT}.scoring"
    items = [raw] if raw is None or isinstance(raw, dict) else raw
    if not isinstance(items, list) or not items:
        errors.append((path, say("config.scoring")))
        return ()
    listed = isinstance(raw, list)
    versions: list[ScoringVersion] = []
    for index, item in enumerate(items):
        where = f"{path}[{index}]" if listed else path
        values, errs = _validate(ScoringConfig, item, where)
        errors.extend(errs)
        if errs:
            continue
        if listed and values["from"] is None and len(items) > 1:
            errors.append((f"{where}.from", say("config.scoring_from")))
        merged = {k: (values[k] if values.get(k) is not None else copy.deepcopy(v)) for k, v in DEFAULTS.items()}
        for name in merged["adopted_by"]:
            if name not in names.adopters:
                errors.append(
                    (
                        f"{where}.adopted_by.{name}",
                        say("config.unknown_adopter", name=name, hint=did_you_mean(name, names.adopters)),
                    )
                )
        merged["rules"] = parse_rules(merged["rules"] or None, names, f"{where}.rules", errors)
        merged["period"] = parse_period(merged["period"] or None, names, f"{where}.period", errors)
        versions.append(ScoringVersion(start=values["from"], **merged))
    starts = [v.start for v in versions if v.start is not None]
    if len(starts) != len(set(starts)):
        errors.append((path, say("config.scoring_same_from")))
    return tuple(sorted(versions, key=lambda v: v.start or date.min))


def _blank_organization(raw: object) -> list[tuple[str, str]]:
    """An ``organization`` that is given but empty (or an ``!ENV`` whose variable is not set)."""
    if not isinstance(raw, dict) or "organization" not in raw:
        return []
    value = raw["organization"]
    if value is not None and not (isinstance(value, str) and not value.strip()):
        return []
    return [
        (
            f"{ROOT}.organization",
            say("config.organization"),
        )
    ]


def _names(
    sections: tuple[Section, ...], adopters: Mapping[str, tuple[str, tuple[str, ...]]], values: dict[str, Any]
) -> Names:
    lookup = {normalize(n): s.name for s in sections for n in (s.name, *s.aliases)}
    limits = values.get("urgent_limit_hours")
    return Names(
        section=lambda name: lookup.get(normalize(name)),
        section_names=tuple(lookup.values()),
        adopters={name: level for name, (level, _) in adopters.items()},
        publications={name: pubs for name, (_, pubs) in adopters.items()},
        kinds=tuple(values.get("kinds") or ()),
        incident_types=tuple(values.get("incident_types") or ()),
        severities=tuple(limits) if isinstance(limits, dict) else (),  # "default": urgent reports without one
    )


def _nested(raw: dict[str, Any], errors: list[tuple[str, str]]) -> dict[str, dict[str, Any]]:
    nested: dict[str, dict[str, Any]] = {}
    kinds: tuple[tuple[str, type[base.Config]], ...] = (
        ("good_info", GoodInfoConfig),
        ("bulletin", BulletinConfig),
        ("privacy", PrivacyConfig),
        ("review", ReviewConfig),
    )
    for key, schema in kinds:
        given = raw.get(key)
        if given is not None and not isinstance(given, dict):
            nested[key] = {}  # already reported by PortalSchema: once is enough
            continue
        nested[key], errs = _validate(schema, given, f"{ROOT}.{key}")
        errors.extend(errs)
    return nested


class _Free(c.OptionallyRequired[object]):
    """Validated by hand (a mapping whose keys carry their own paths)."""


class PeriodicalConfig(base.Config):
    name = Text()
    slug = c.Optional(Slug())
    adopter = Text()
    columns = c.Optional(c.ListOfItems(Text()))
    distribution = c.Optional(_Free())
    copies = c.Optional(c.Type(int))  # （共印N份） in the 版记


DISTRIBUTION_KEYS = ("报", "送", "发")


def _distribution(raw: object, where: str, errors: list[tuple[str, str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``{报: [县委办], 送: [市民政局], 发: [各股室]}``: free-text names of who gets the issue."""
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        errors.append((where, say("config.distribution")))
        return ()
    out = []
    for key, names in raw.items():
        if key not in DISTRIBUTION_KEYS:
            hint = did_you_mean(str(key), DISTRIBUTION_KEYS)
            errors.append((f"{where}.{key}", say("config.distribution_key", key=key, hint=hint)))
            continue
        listed = [names] if isinstance(names, str) else names
        if not isinstance(listed, list) or not all(isinstance(n, str) and n.strip() for n in listed):
            errors.append(
                (f"{where}.{key}", say("config.name_list", value=names, example=f"{key}: [县委办, 县政府办]"))
            )
            continue
        out.append((str(key), tuple(n.strip() for n in listed)))
    return tuple(sorted(out, key=lambda kv: DISTRIBUTION_KEYS.index(kv[0])))


def _periodicals(raw: object, adopters: Mapping[str, str], errors: list[tuple[str, str]]) -> tuple[Periodical, ...]:
    """``extra.portal.periodicals``: the office's own publications (SPEC §3.5, §4)."""
    path = f"{ROOT}.periodicals"
    if raw is None:
        return ()
    if not isinstance(raw, list):
        errors.append((path, say("config.periodicals")))
        return ()
    out: list[Periodical] = []
    names: dict[str, str] = {}
    slugs: dict[str, str] = {}
    for where, values in _valid_items(PeriodicalConfig, raw, path, errors):
        distribution = _distribution(values["distribution"], f"{where}.distribution", errors)
        adopter = next((a for a in adopters if normalize(a) == normalize(values["adopter"])), None)
        if adopter is None:
            errors.append(
                (
                    f"{where}.adopter",
                    say(
                        "config.unknown_adopter",
                        name=values["adopter"],
                        hint=did_you_mean(values["adopter"], adopters),
                    ),
                )
            )
            continue
        columns = tuple(values["columns"] or ())
        copies = values["copies"]
        if copies is not None and copies <= 0:
            errors.append((f"{where}.copies", say("layout.copies", value=copies)))
            copies = None
        if len({normalize(col) for col in columns}) != len(columns):
            errors.append((f"{where}.columns", say("config.column_twice")))
        periodical = Periodical(
            values["name"],
            values["slug"] or _default_slug(values["name"]),
            adopter,
            columns,
            distribution,
            copies,
        )
        if normalize(periodical.name) in names:
            errors.append((f"{where}.name", say("config.periodical_twice", name=periodical.name)))
        if periodical.slug in slugs:
            errors.append(
                (f"{where}.slug", say("config.slug_taken", slug=periodical.slug, other=slugs[periodical.slug]))
            )
        names[normalize(periodical.name)] = periodical.name
        slugs[periodical.slug] = periodical.name
        out.append(periodical)
    return tuple(out)


def _with_periodicals(names: Names, periodicals: tuple[Periodical, ...]) -> Names:
    """A periodical's name is a publication of its adopter (SPEC §4), so ``in: 民政信息`` is valid."""
    publications = dict(names.publications)
    for periodical in periodicals:
        known = publications.get(periodical.adopter, ())
        if normalize(periodical.name) not in {normalize(p) for p in known}:
            publications[periodical.adopter] = (*known, periodical.name)
    return replace(names, publications=publications)


def build_settings(raw: object, config_file: str) -> tuple[Settings | None, list[Problem]]:
    """Validate ``extra.portal`` (``raw``) into :class:`Settings`, or the problems found."""
    if raw is None:
        raw = {}
    blank = _blank_organization(raw)
    if blank and isinstance(raw, dict):  # else the schema's default would print the demo bureau's name
        raw = {k: v for k, v in raw.items() if k != "organization"}
    values, errors = _validate(PortalSchema, raw, ROOT)
    errors.extend(blank)
    if not isinstance(raw, dict):
        raw = {}
    sections = _sections(raw.get("sections"), errors)
    adopters = values.get("adopters") or {}
    names = _names(sections, adopters, values)
    periodicals = _periodicals(raw.get("periodicals"), names.adopters, errors)
    names = _with_periodicals(names, periodicals)
    scoring = _scoring(raw.get("scoring"), names, errors)
    nested = _nested(raw, errors)
    editor = parse_editor(raw.get("editor"), errors)
    if isinstance(raw.get("reminders"), dict):
        errors.extend(reminder_settings(raw, sections)[1])
    if errors:
        return None, [Problem(*locate_in_chain(config_file, key), key, msg) for key, msg in errors]
    limits = values["urgent_limit_hours"]
    return Settings(
        organization=values["organization"],
        timezone_name=values["timezone"],
        tz=get_zone(values["timezone"]),
        urgent_limit_hours=limits["default"] if isinstance(limits, dict) else limits,
        sections=sections,
        adopters=names.adopters,
        scoring=scoring,
        good_min_level=nested["good_info"]["min_level"],
        good_instruction=nested["good_info"]["instruction"],
        praise=nested["bulletin"]["praise"],
        document=_document(nested["bulletin"], values["organization"]),
        privacy_id_numbers=nested["privacy"]["id_numbers"],
        privacy_mobile_numbers=nested["privacy"]["mobile_numbers"],
        publish_sitemap=values["publish_sitemap"],
        kinds=names.kinds,
        incident_types=names.incident_types,
        publications={k: v for k, v in names.publications.items() if v},
        urgent_limits=dict(limits) if isinstance(limits, dict) else {},
        periodicals=periodicals,
        editor=editor,
        require_signed_by=nested["review"]["require_signed_by"],
    ), []


def _document(bulletin: dict[str, Any], organization: str) -> DocumentSettings:
    """One issuing body throughout: the 版头 names the office that signs and prints the 通报 (文号 such as
    示民办 = 示例县民政局办公室); a 署名 or 印发机关 not set follows the 版头, the 版头 defaults to the office.
    """
    masthead = bulletin.get("masthead") or f"{organization}办公室"
    signer = bulletin.get("signer") or masthead
    return DocumentSettings(
        number=bulletin.get("document_number") or "",
        masthead=masthead,
        signer=signer,
        copy_to=tuple(bulletin.get("copy_to") or ()),
        printed_by=bulletin.get("printed_by") or signer,
    )


class _SubMapping(c.OptionallyRequired[object]):
    def run_validation(self, value: object) -> object:
        if not isinstance(value, dict):
            raise ValidationError(say("config.mapping", value=value))
        return value


class PortalSchema(base.Config):
    organization = Text(default="示例县民政局")
    timezone = Timezone(default="Asia/Shanghai")
    urgent_limit_hours = UrgentLimit(default=2)
    kinds = NameList(default=[])
    incident_types = NameList(default=DEFAULT_INCIDENT_TYPES)
    sections = c.Optional(_Passthrough())
    adopters = Adopters(default=DEFAULT_ADOPTERS)
    scoring = c.Optional(_Passthrough())
    good_info = c.Optional(_SubMapping())
    bulletin = c.Optional(_SubMapping())
    privacy = c.Optional(_SubMapping())
    publish_sitemap = c.Type(bool, default=False)
    reminders = c.Optional(_SubMapping())  # validated by reminder_settings
    periodicals = c.Optional(_Passthrough())
    editor = c.Optional(_Passthrough())  # validated by editor.parse_editor
    review = c.Optional(_SubMapping())


_INHERIT_RE = re.compile(r"^INHERIT:[ \t]*['\"]?(?P<path>[^'\"#\n]+?)['\"]?[ \t]*(?:#.*)?$", re.MULTILINE)


_TOP_KEY_RE = re.compile(r"^(?P<key>[A-Za-z_-]+)[ \t]*:", re.MULTILINE)


def inherit_typo(config_file: str) -> tuple[int, str] | None:
    """``(line, key)`` of a top-level key that is ``INHERIT`` misspelt (``INHERT``, ``inherit``), or None.

    MkDocs only warns about an unknown key, so the file meant to be inherited (and its ``extra.portal``) is
    silently not read, and every section name looks unknown.
    """
    try:
        with open(config_file, encoding="utf-8-sig") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return None
    for match in _TOP_KEY_RE.finditer(text):
        key = match["key"]
        if key != "INHERIT" and (key.upper().strip("_-") in ("INHERIT", "INHERITS") or suggest(key, ["INHERIT"])):
            return text.count("\n", 0, match.start()) + 1, key
    return None


def inherit_chain(config_file: str) -> tuple[list[str], tuple[str, int, str] | None]:
    """The config file and the files it inherits from (``INHERIT:``), child first.

    The second item is ``(file, line, message)`` when the chain loops back on itself (MkDocs would
    recurse until Python gives up).
    """
    chain = [config_file]
    while True:
        current = chain[-1]
        try:
            with open(current, encoding="utf-8-sig") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError):
            return chain, None  # MkDocs reports a missing or unreadable file itself
        match = _INHERIT_RE.search(text)
        if match is None:
            return chain, None
        target = os.path.normpath(os.path.join(os.path.dirname(current), match["path"].strip()))
        line = text.count("\n", 0, match.start()) + 1
        if any(os.path.realpath(target) == os.path.realpath(seen) for seen in chain):
            names = " → ".join([*chain, target])
            return chain, (current, line, say("config.inherit_loop", chain=names))
        chain.append(target)


def locate_in_chain(config_file: str, key_path: str) -> tuple[str, int]:
    """``(file, line)`` of ``key_path`` in the config file or the file it inherits it from."""
    chain, _ = inherit_chain(config_file)
    best = (config_file, locate(config_file, key_path), _depth(config_file, key_path))
    for parent in chain[1:]:
        depth = _depth(parent, key_path)
        if depth > best[2]:
            best = (parent, locate(parent, key_path), depth)
    return best[0], best[1]


def _depth(config_file: str, key_path: str) -> int:
    """How many parts of ``key_path`` the file spells out."""
    return len(_walk(config_file, key_path))


def _walk(config_file: str, key_path: str) -> list[int]:
    """The lines of the parts of ``key_path`` found in the config file, outermost first."""
    from ..content.frontmatter import Map, Seq, parse_yaml

    try:
        with open(config_file, encoding="utf-8-sig") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return []
    root, _ = parse_yaml(text, first_line=1)
    node: Any = root
    lines: list[int] = []
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", key_path):
        if isinstance(node, Map) and part in node.items:
            key, node = node.items[part]
            lines.append(key.line)
        elif isinstance(node, Seq) and part.startswith("[") and int(part[1:-1]) < len(node.items):
            node = node.items[int(part[1:-1])]
            lines.append(node.line)
        else:
            break
    return lines


def locate(config_file: str, key_path: str) -> int:
    """Best-effort line of ``key_path`` (``extra.portal.sections[2].slug``) in the config file."""
    lines = _walk(config_file, key_path)
    return lines[-1] if lines else 1


# --- extra.portal.reminders (issue 16) --------------------------------------------------------

_ENV_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_MOBILE_RE = re.compile(r"1[3-9]\d{9}")
_CLOCK_RE = re.compile(r"(?P<h>[01]\d|2[0-3]):(?P<m>[0-5]\d)")


class Counts(c.OptionallyRequired[tuple]):
    """A list of whole numbers (``[]`` switches a trigger off); a single number is a list of one."""

    def __init__(self, most: int, default: tuple[int, ...], least: int = 0) -> None:
        super().__init__(default=list(default))
        self.least, self.most = least, most

    def run_validation(self, value: object) -> tuple[int, ...]:
        items = [value] if isinstance(value, int) and not isinstance(value, bool) else value
        if not isinstance(items, list) or any(isinstance(v, bool) or not isinstance(v, int) for v in items):
            raise ValidationError(say("config.counts", value=value))
        bad = [v for v in items if not self.least <= v <= self.most]
        if bad:
            raise ValidationError(say("config.out_of_range", value=bad[0], least=self.least, most=self.most))
        return tuple(sorted(set(items), reverse=True))


class Clock(c.OptionallyRequired[str]):
    """A time of day ``HH:MM`` (quote it: YAML reads 08:30 unquoted as a number of minutes)."""

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not _CLOCK_RE.fullmatch(value.strip()):
            raise ValidationError(say("config.clock", value=value))
        return value.strip()


class Finite(c.OptionallyRequired[float]):
    """A finite number above 0 (``positive``) or at least 0: ``0``, ``-1``, ``.nan``, ``.inf`` are refused."""

    def __init__(self, default: float, positive: bool = True) -> None:
        super().__init__(default=default)
        self.positive = positive

    def run_validation(self, value: object) -> float:
        number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        if number is None or not math.isfinite(number) or number < 0 or (self.positive and number == 0):
            raise ValidationError(say("reminders.number_positive" if self.positive else "reminders.number_not_negative",
                                      value=value))  # fmt: skip
        return number


class QuietHours(c.OptionallyRequired[str]):
    """``"20:00-08:00"`` (may cross midnight), or ``""`` for none."""

    def run_validation(self, value: object) -> str:
        text = value.strip() if isinstance(value, str) else None
        parts = text.split("-") if text else []
        if text is None or (text and (len(parts) != 2 or not all(_CLOCK_RE.fullmatch(x.strip()) for x in parts))):
            raise ValidationError(say("reminders.quiet_hours", value=value))
        return text


class Days(c.OptionallyRequired[tuple]):
    """A list of dates (YAML reads 2027-01-01 as a date; a quoted one is read too)."""

    def __init__(self) -> None:
        super().__init__(default=[])

    def run_validation(self, value: object) -> tuple[date, ...]:
        items = value if isinstance(value, list) else [value]
        out = []
        for index, item in enumerate(items):
            try:
                out.append(item if isinstance(item, date) else date.fromisoformat(str(item).strip()))
            except ValueError:
                raise ValidationError(say("reminders.calendar_days", index=index + 1, value=item)) from None
        return tuple(out)


class CalendarConfig(base.Config):
    holidays = Days()
    workdays = Days()


class Pattern(c.OptionallyRequired[str]):
    def __init__(self, pattern: re.Pattern[str], what: str, default: str = "") -> None:
        super().__init__(default=default)
        self.pattern, self.what = pattern, what

    def run_validation(self, value: object) -> str:
        text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        if text is None or (text and not self.pattern.fullmatch(text)):
            raise ValidationError(say("config.pattern", value=value, what=say(self.what)))
        return text


class Url(c.OptionallyRequired[str]):
    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not re.fullmatch(r"https?://[^\s/]+(/\S*)?", value.strip()):
            raise ValidationError(say("config.url", value=value))
        return value.strip()


def _env_name(default: str = "") -> Pattern:
    return Pattern(_ENV_NAME_RE, "config.what.env_name", default)


class RecipientConfig(base.Config):
    name = c.Type(str, default="")
    email = Pattern(_EMAIL_RE, "config.what.email")
    mobile = Pattern(_MOBILE_RE, "config.what.mobile")
    wecom_userid = c.Type(str, default="")


class EmailChannelConfig(base.Config):
    name = Text()
    type = c.Choice(("email", "wecom", "dingtalk"))
    host = Text()
    port = c.Optional(Count())
    security = c.Choice(("starttls", "ssl", "none"), default="starttls")
    username = c.Type(str, default="")
    password_env = _env_name()
    sender = Pattern(_EMAIL_RE, "config.what.email")
    ca_file = c.Type(str, default="")  # a CA bundle for a mail server with the bureau's own certificate
    timeout = Finite(default=20)


class WecomChannelConfig(base.Config):
    name = Text()
    type = c.Choice(("email", "wecom", "dingtalk"))
    url_env = _env_name()
    timeout = Finite(default=20)


class DingtalkChannelConfig(WecomChannelConfig):
    secret_env = _env_name()


_CHANNEL_SCHEMAS: dict[str, type[base.Config]] = {
    "email": EmailChannelConfig,
    "wecom": WecomChannelConfig,
    "dingtalk": DingtalkChannelConfig,
}
_SECRET_KEYS = {"url", "webhook", "password", "secret", "key", "token", "access_token"}
_SECRET_HINT = "config.secret"
_DEFAULT_PORTS = {"ssl": 465, "starttls": 587, "none": 25}


class RemindersConfig(base.Config):
    portal_url = c.Optional(Url())
    send_at = Clock(default="08:30")
    request_days_before = Counts(60, (3,))
    request_days_after = Counts(60, (1,))
    urgent_minutes_before = Counts(24 * 60, (60, 15, 0))
    quota_days_before_month_end = Counts(27, (5,))
    digest_weekdays = Counts(7, (1,), least=1)  # 1 Monday … 7 Sunday
    retries = Count(default=3)
    backoff_seconds = Finite(default=2, positive=False)
    office = c.Optional(_SubMapping())
    recipients = c.Optional(_SubMapping())
    channels = c.Optional(_Passthrough())
    state = c.Type(str, default="")  # the state file, relative to mkdocs.yml's folder
    horizon_hours = Finite(default=24)
    quiet_hours = QuietHours(default="20:00-08:00")
    urgent_in_quiet_hours = c.Type(bool, default=True)
    calendar = c.Optional(_SubMapping())


def _recipient(raw: object, path: str, errors: list[tuple[str, str]]) -> Any:
    from ..figures.reminders import Recipient

    values, errs = _validate(RecipientConfig, raw, path)
    errors.extend(errs)
    if errs:
        return None
    return Recipient(values["name"].strip(), values["email"], values["mobile"], values["wecom_userid"])


def _channels(raw: object, path: str, errors: list[tuple[str, str]]) -> tuple[Any, ...]:
    from ..figures.reminders import ChannelSettings

    if raw is None:
        return ()
    if not isinstance(raw, list):
        errors.append((path, say("config.channels")))
        return ()
    out, names = [], set()
    for index, item in enumerate(raw):
        where = f"{path}[{index}]"
        kind = item.get("type") if isinstance(item, dict) else None
        if kind not in _CHANNEL_SCHEMAS:
            errors.append((f"{where}.type", say("config.channel_type", value=kind)))
            continue
        values, errs = _validate(_CHANNEL_SCHEMAS[kind], item, where)
        errs = [(key, say(_SECRET_HINT) if key.rpartition(".")[2] in _SECRET_KEYS else msg) for key, msg in errs]
        if kind != "email" and not values.get("url_env"):
            errs.append((f"{where}.url_env", say("config.url_env")))
        errors.extend(errs)
        if errs:
            continue
        if values["name"] in names:
            errors.append((f"{where}.name", say("config.channel_twice", name=values["name"])))
        names.add(values["name"])
        if kind == "email":
            values["port"] = values["port"] or _DEFAULT_PORTS[values["security"]]
            if values["security"] == "none" and (values["password_env"] or values["username"]):
                errors.append((f"{where}.security", say("reminders.password_in_clear")))
        out.append(ChannelSettings(**values))
    return tuple(out)


def reminder_settings(raw_portal: object, sections: tuple[Section, ...], site_url: str = "") -> tuple[Any, list]:
    """``extra.portal.reminders`` as :class:`portal.reminders.ReminderSettings`, or ``(None, errors)``.

    ``errors`` are ``(key path, message)`` pairs; ``site_url`` is the default ``portal_url``.
    """
    from ..figures.reminders import ReminderSettings

    path = f"{ROOT}.reminders"
    raw = raw_portal.get("reminders") if isinstance(raw_portal, dict) else None
    values, errors = _validate(RemindersConfig, raw, path)
    if errors and not values:
        return None, errors
    office = _recipient(values.get("office") or {"name": "办公室"}, f"{path}.office", errors)
    lookup = {normalize(n): s.name for s in sections for n in (s.name, *s.aliases)}
    recipients: dict[str, Any] = {}
    for name, item in (values.get("recipients") or {}).items():
        section = lookup.get(normalize(str(name)))
        if section is None:
            errors.append(
                (
                    f"{path}.recipients.{name}",
                    say("config.unknown_section", name=name, hint=did_you_mean(str(name), list(lookup.values()))),
                )
            )
            continue
        recipients[section] = _recipient(item, f"{path}.recipients.{name}", errors)
    channels = _channels(values.get("channels"), f"{path}.channels", errors)
    calendar, calendar_errors = _validate(CalendarConfig, values.get("calendar"), f"{path}.calendar")
    errors.extend(calendar_errors)
    quiet = _quiet(values, path, errors)
    if errors:
        return None, errors
    hours, minutes = values["send_at"].split(":")
    triggers = (
        "request_days_before",
        "request_days_after",
        "urgent_minutes_before",
        "quota_days_before_month_end",
        "digest_weekdays",
    )
    return ReminderSettings(
        portal_url=values["portal_url"] or site_url or "",
        send_at=time(int(hours), int(minutes)),
        retries=values["retries"],
        backoff_seconds=values["backoff_seconds"],
        office=office if office.name else replace(office, name="办公室"),
        recipients=recipients,
        channels=channels,
        quiet_hours=quiet,
        urgent_in_quiet_hours=values["urgent_in_quiet_hours"],
        calendar=china(calendar["holidays"], calendar["workdays"]),
        state=values["state"].strip(),
        horizon_hours=values["horizon_hours"],
        **{key: values[key] for key in triggers},
    ), []


def _clock(text: str) -> time:
    hours, minutes = text.strip().split(":")
    return time(int(hours), int(minutes))


def _quiet(values: dict[str, Any], path: str, errors: list[tuple[str, str]]) -> tuple[time, time] | None:
    """The quiet hours (None: none); ``send_at`` inside them is an error (day-based reminders would never go out)."""
    from ..figures.reminders import in_quiet_hours

    text, send_at = values.get("quiet_hours"), values.get("send_at")
    if not text or not isinstance(send_at, str):
        return None
    start, _, end = text.partition("-")
    quiet = (_clock(start), _clock(end))
    if quiet[0] == quiet[1]:
        return None
    if in_quiet_hours(datetime.combine(date(2000, 1, 1), _clock(send_at)), quiet):
        errors.append((f"{path}.send_at", say("reminders.send_at_quiet", send_at=send_at, quiet=text)))
    return quiet
