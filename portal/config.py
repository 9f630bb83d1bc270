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
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import date, datetime, time
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from .dates import DateError, get_zone, parse_moment
from .model import LEVELS, DocumentSettings, Periodical, ScoringVersion, Section, Settings
from .names import did_you_mean, normalize
from .problems import Problem
from .rules import Names, parse_period, parse_rules
from .scoring import DEFAULTS

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


class Number(c.OptionallyRequired[float]):
    """An int or a float, never a bool."""

    def run_validation(self, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValidationError(f"expected a number, got {value!r}")
        return value


class Text(c.OptionallyRequired[str]):
    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(f"expected text, got {value!r} (quote it)")
        return value.strip()


class Level(c.OptionallyRequired[str]):
    def run_validation(self, value: object) -> str:
        if value not in LEVELS:
            raise ValidationError(
                f"unknown level {value!r}{did_you_mean(str(value), LEVELS)} (levels: {', '.join(LEVELS)})"
            )
        return str(value)


class Points(c.OptionallyRequired[dict]):
    """``{level: points}``; a level left out scores 0."""

    def run_validation(self, value: object) -> dict[str, float]:
        if not isinstance(value, dict):
            raise ValidationError(f"expected a mapping of level: points, got {value!r}")
        errors = []
        for key, points in value.items():
            if key not in LEVELS:
                errors.append(
                    (f".{key}", f"unknown level {key!r}{did_you_mean(str(key), LEVELS)} (levels: {', '.join(LEVELS)})")
                )
            elif isinstance(points, bool) or not isinstance(points, (int, float)):
                errors.append((f".{key}", f"expected a number, got {points!r}"))
        if errors:
            raise NestedErrors(errors)
        return dict(value)


class NumberMap(c.OptionallyRequired[dict]):
    """``{adopter name: points}`` (names are checked against ``adopters`` later)."""

    def run_validation(self, value: object) -> dict[str, float]:
        if not isinstance(value, dict):
            raise ValidationError(f"expected a mapping of adopter: points, got {value!r}")
        errors = [
            (f".{k}", f"expected a number, got {v!r}")
            for k, v in value.items()
            if isinstance(v, bool) or not isinstance(v, (int, float))
        ]
        if errors:
            raise NestedErrors(errors)
        return {str(k): v for k, v in value.items()}


class Slug(c.OptionallyRequired[str]):
    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not _SLUG_RE.fullmatch(value):
            raise ValidationError(f"{value!r} is not a slug; use lowercase ASCII letters, digits and '-'")
        return value


class Day(c.OptionallyRequired[date]):
    """A day ``YYYY-MM-DD`` (a time of day is refused: YAML reads one as a datetime)."""

    def run_validation(self, value: object) -> date:
        if isinstance(value, datetime):
            raise ValidationError(f"{value} is a time; write a day, YYYY-MM-DD")
        if isinstance(value, date):
            return value
        try:
            moment = parse_moment(str(value), get_zone("UTC"))
        except DateError as exc:
            raise ValidationError(str(exc)) from exc
        if moment.has_time:
            raise ValidationError(f"{value!r} is a time; write a day, YYYY-MM-DD")
        return moment.day


class Count(c.OptionallyRequired[int]):
    """A whole number, 0 or more (never a yes/no value, which YAML would read as 1/0)."""

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"expected a whole number (0, 1, 2, …), got {value!r}")
        if value < 0:
            raise ValidationError(f"cannot be negative, got {value}")
        return value


class Timezone(c.OptionallyRequired[str]):
    def run_validation(self, value: object) -> str:
        try:
            get_zone(str(value))
        except DateError as exc:
            raise ValidationError(str(exc)) from exc
        return str(value)


def _level_error(level: object) -> str:
    return f"unknown level {level!r}{did_you_mean(str(level), LEVELS)} (levels: {', '.join(LEVELS)})"


class Adopters(c.OptionallyRequired[dict]):
    """``name: level`` or the long form ``name: {level: city, publications: [政务晨讯]}``."""

    def run_validation(self, value: object) -> dict[str, Any]:
        if not isinstance(value, dict) or not value:
            raise ValidationError("expected a mapping of adopter name: level, e.g. 县委办: county")
        errors: list[tuple[str, str]] = []
        seen: dict[str, str] = {}
        out: dict[str, Any] = {}
        for name, given in value.items():
            level, publications = _adopter_entry(given, f".{name}", errors)
            key = normalize(str(name))
            if key in seen:
                errors.append((f".{name}", f"{name!r} is the same name as {seen[key]!r}; keep one"))
            seen[key] = name
            out[str(name)] = (level, publications)
        if errors:
            raise NestedErrors(errors)
        return out


def _adopter_entry(given: object, where: str, errors: list[tuple[str, str]]) -> tuple[str, tuple[str, ...]]:
    if not isinstance(given, dict):
        if given not in LEVELS:
            errors.append((where, _level_error(given)))
        return str(given), ()
    for key in given:
        if key not in ("level", "publications"):
            errors.append((f"{where}.{key}", f"unknown key{did_you_mean(str(key), ('level', 'publications'))}"))
    level = given.get("level")
    if level not in LEVELS:
        errors.append((f"{where}.level", "required; add level: county" if level is None else _level_error(level)))
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
            errors.append((f"{where}[{index}]", f"expected a name, got {item!r} (quote it)"))
        elif normalize(item) in {normalize(n) for n in out}:
            errors.append((f"{where}[{index}]", f"{item!r} is listed twice; keep one"))
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
            errors.append(("", "a map by severity needs default: hours (for reports without severity); add it"))
        if errors:
            raise NestedErrors(errors)
        return out


def _hours(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValidationError(f"expected a number, got {value!r}")
    if value <= 0:
        raise ValidationError("must be more than 0 hours")
    return value


class NameList(c.OptionallyRequired[list]):
    """A list of distinct names (kinds, incident types)."""

    def run_validation(self, value: object) -> list[str]:
        if not isinstance(value, list):
            raise ValidationError(f"expected a list of names, e.g. [动态, 调研], got {value!r}")
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
            raise ValidationError(f"expected text such as '示民办〔{{year}}〕{{n}}号', got {value!r}")
        unknown = sorted(set(re.findall(r"\{([^{}]*)\}", value)) - {"year", "n"})
        if unknown:
            raise ValidationError(f"unknown placeholder {{{unknown[0]}}}; use {{year}} and {{n}}")
        return value.strip()


class TextList(c.OptionallyRequired[list]):
    """A list of names (抄送: [县委办, 县政府办])."""

    def run_validation(self, value: object) -> list[str]:
        if not isinstance(value, list):
            raise ValidationError(f"expected a list of names, e.g. [县委办, 县政府办], got {value!r}")
        bad = [item for item in value if not isinstance(item, str) or not item.strip()]
        if bad:
            raise ValidationError(f"expected names (text), got {bad[0]!r} (quote it)")
        return [item.strip() for item in value]


class BulletinConfig(base.Config):
    praise = Count(default=3)
    document_number = c.Optional(DocumentNumber())  # 发文字号, e.g. 示民办〔{year}〕{n}号
    masthead = c.Optional(Text())  # 发文机关标志; default: organization
    signer = c.Optional(Text())  # 署名; default: organization + 办公室
    copy_to = c.Optional(TextList())  # 抄送
    printed_by = c.Optional(Text())  # 印发机关; default: organization + 办公室


class PrivacyConfig(base.Config):
    id_numbers = c.Choice(("error", "mask", "off"), default="error")
    mobile_numbers = c.Choice(("error", "mask", "off"), default="error")


def _validate(schema: type[base.Config], raw: object, path: str) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Validate every key of ``raw`` against ``schema``; return values and all errors."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        return {}, [(path, f"expected a mapping of keys, got {raw!r}")]
    errors: list[tuple[str, str]] = []
    known = {key for key, _ in schema._schema}
    for key in raw:
        if key not in known:
            errors.append((f"{path}.{key}", f"unknown key{did_you_mean(str(key), known)}"))
    values: dict[str, Any] = {}
    for key, option in schema._schema:
        try:
            values[key] = option.validate(raw.get(key))
        except NestedErrors as exc:
            errors.extend((f"{path}.{key}{sub}", msg) for sub, msg in exc.errors)
        except ValidationError as exc:
            errors.append(
                (f"{path}.{key}", str(exc).replace("Required configuration not provided.", "required; add it"))
            )
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
        errors.append((path, "expected a non-empty list of sections (- name: 社会救助股 …)"))
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
                        f"{name!r} is already used by section {names[key][1]!r}; names and aliases must be unique",
                    )
                )
                continue
            names[key] = (where, section.name)
        if section.slug in slugs:
            errors.append((f"{where}.slug", f"slug {section.slug!r} is already used by {slugs[section.slug]!r}"))
        slugs[section.slug] = section.name
        out.append(section)
    return tuple(out)


def _scoring(raw: object, names: Names, errors: list[tuple[str, str]]) -> tuple[ScoringVersion, ...]:
    path = f"{ROOT}.scoring"
    items = [raw] if raw is None or isinstance(raw, dict) else raw
    if not isinstance(items, list) or not items:
        errors.append((path, "expected a mapping, or a list of mappings each with 'from'"))
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
            errors.append((f"{where}.from", "each version in a list needs 'from: YYYY-MM-DD'"))
        merged = {k: (values[k] if values.get(k) is not None else copy.deepcopy(v)) for k, v in DEFAULTS.items()}
        for name in merged["adopted_by"]:
            if name not in names.adopters:
                errors.append(
                    (
                        f"{where}.adopted_by.{name}",
                        f"unknown adopter {name!r}{did_you_mean(name, names.adopters)} (see {ROOT}.adopters)",
                    )
                )
        merged["rules"] = parse_rules(merged["rules"] or None, names, f"{where}.rules", errors)
        merged["period"] = parse_period(merged["period"] or None, names, f"{where}.period", errors)
        versions.append(ScoringVersion(start=values["from"], **merged))
    starts = [v.start for v in versions if v.start is not None]
    if len(starts) != len(set(starts)):
        errors.append((path, "two versions have the same 'from' date; give each its own"))
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
            "is empty (or the environment variable its !ENV names is not set); write the bureau's name, "
            "e.g. organization: 某某县民政局 — it heads every page, bulletin and export",
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


DISTRIBUTION_KEYS = ("报", "送", "发")


def _distribution(raw: object, where: str, errors: list[tuple[str, str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``{报: [县委办], 送: [市民政局], 发: [各股室]}``: free-text names of who gets the issue."""
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        errors.append((where, "expected a mapping such as {报: [县委办, 县政府办], 送: [市民政局], 发: [各股室]}"))
        return ()
    out = []
    for key, names in raw.items():
        if key not in DISTRIBUTION_KEYS:
            hint = did_you_mean(str(key), DISTRIBUTION_KEYS)
            errors.append((f"{where}.{key}", f"unknown key{hint}; use 报, 送 or 发"))
            continue
        listed = [names] if isinstance(names, str) else names
        if not isinstance(listed, list) or not all(isinstance(n, str) and n.strip() for n in listed):
            errors.append((f"{where}.{key}", f"expected a list of names, e.g. {key}: [县委办, 县政府办]"))
            continue
        out.append((str(key), tuple(n.strip() for n in listed)))
    return tuple(sorted(out, key=lambda kv: DISTRIBUTION_KEYS.index(kv[0])))


def _periodicals(raw: object, adopters: Mapping[str, str], errors: list[tuple[str, str]]) -> tuple[Periodical, ...]:
    """``extra.portal.periodicals``: the office's own publications (SPEC §3.5, §4)."""
    path = f"{ROOT}.periodicals"
    if raw is None:
        return ()
    if not isinstance(raw, list):
        errors.append((path, "expected a list of periodicals (- name: 民政信息 …)"))
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
                    f"unknown adopter {values['adopter']!r}{did_you_mean(values['adopter'], adopters)} "
                    f"(see {ROOT}.adopters)",
                )
            )
            continue
        columns = tuple(values["columns"] or ())
        if len({normalize(col) for col in columns}) != len(columns):
            errors.append((f"{where}.columns", "a column is listed twice; list each once"))
        periodical = Periodical(
            values["name"],
            values["slug"] or _default_slug(values["name"]),
            adopter,
            columns,
            distribution,
        )
        if normalize(periodical.name) in names:
            errors.append((f"{where}.name", f"{periodical.name!r} is configured twice; keep one"))
        if periodical.slug in slugs:
            errors.append((f"{where}.slug", f"slug {periodical.slug!r} is already used by {slugs[periodical.slug]!r}"))
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
        require_signed_by=nested["review"]["require_signed_by"],
    ), []


def _document(bulletin: dict[str, Any], organization: str) -> DocumentSettings:
    office = f"{organization}办公室"
    return DocumentSettings(
        number=bulletin.get("document_number") or "",
        masthead=bulletin.get("masthead") or organization,
        signer=bulletin.get("signer") or office,
        copy_to=tuple(bulletin.get("copy_to") or ()),
        printed_by=bulletin.get("printed_by") or office,
    )


class _SubMapping(c.OptionallyRequired[object]):
    def run_validation(self, value: object) -> object:
        if not isinstance(value, dict):
            raise ValidationError(f"expected a mapping, got {value!r}")
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
    review = c.Optional(_SubMapping())


_INHERIT_RE = re.compile(r"^INHERIT:[ \t]*['\"]?(?P<path>[^'\"#\n]+?)['\"]?[ \t]*(?:#.*)?$", re.MULTILINE)


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
            return chain, (current, line, f"INHERIT loops back ({names}); remove one of the INHERIT lines")
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
    from .frontmatter import Map, Seq, parse_yaml

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
            raise ValidationError(f"expected a list of whole numbers, e.g. [3, 1], got {value!r}")
        bad = [v for v in items if not self.least <= v <= self.most]
        if bad:
            raise ValidationError(f"{bad[0]} is out of range; use {self.least} to {self.most}")
        return tuple(sorted(set(items), reverse=True))


class Clock(c.OptionallyRequired[str]):
    """A time of day ``HH:MM`` (quote it: YAML reads 08:30 unquoted as a number of minutes)."""

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not _CLOCK_RE.fullmatch(value.strip()):
            raise ValidationError(f'expected a time of day "HH:MM" in quotes, e.g. "08:30", got {value!r}')
        return value.strip()


class Pattern(c.OptionallyRequired[str]):
    def __init__(self, pattern: re.Pattern[str], what: str, default: str = "") -> None:
        super().__init__(default=default)
        self.pattern, self.what = pattern, what

    def run_validation(self, value: object) -> str:
        text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        if text is None or (text and not self.pattern.fullmatch(text)):
            raise ValidationError(f"{value!r} is not {self.what}")
        return text


class Url(c.OptionallyRequired[str]):
    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not re.fullmatch(r"https?://[^\s/]+(/\S*)?", value.strip()):
            raise ValidationError(f"expected an address starting with https:// or http://, got {value!r}")
        return value.strip()


def _env_name(default: str = "") -> Pattern:
    return Pattern(_ENV_NAME_RE, "the name of an environment variable (letters, digits, _)", default)


class RecipientConfig(base.Config):
    name = c.Type(str, default="")
    email = Pattern(_EMAIL_RE, "an e-mail address")
    mobile = Pattern(_MOBILE_RE, "a mainland mobile number (11 digits)")
    wecom_userid = c.Type(str, default="")


class EmailChannelConfig(base.Config):
    name = Text()
    type = c.Choice(("email", "wecom", "dingtalk"))
    host = Text()
    port = c.Optional(Count())
    security = c.Choice(("starttls", "ssl", "none"), default="starttls")
    username = c.Type(str, default="")
    password_env = _env_name()
    sender = Pattern(_EMAIL_RE, "an e-mail address")
    ca_file = c.Type(str, default="")  # a CA bundle for a mail server with the bureau's own certificate
    timeout = Number(default=20)


class WecomChannelConfig(base.Config):
    name = Text()
    type = c.Choice(("email", "wecom", "dingtalk"))
    url_env = _env_name()
    timeout = Number(default=20)


class DingtalkChannelConfig(WecomChannelConfig):
    secret_env = _env_name()


_CHANNEL_SCHEMAS: dict[str, type[base.Config]] = {
    "email": EmailChannelConfig,
    "wecom": WecomChannelConfig,
    "dingtalk": DingtalkChannelConfig,
}
_SECRET_KEYS = {"url", "webhook", "password", "secret", "key", "token", "access_token"}
_SECRET_HINT = (
    "secrets never go in mkdocs.yml: put the value in an environment variable (a CI secret) "
    "and name the variable in url_env, password_env or secret_env"
)
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
    backoff_seconds = Number(default=2)
    office = c.Optional(_SubMapping())
    recipients = c.Optional(_SubMapping())
    channels = c.Optional(_Passthrough())


def _recipient(raw: object, path: str, errors: list[tuple[str, str]]) -> Any:
    from .reminders import Recipient

    values, errs = _validate(RecipientConfig, raw, path)
    errors.extend(errs)
    if errs:
        return None
    return Recipient(values["name"].strip(), values["email"], values["mobile"], values["wecom_userid"])


def _channels(raw: object, path: str, errors: list[tuple[str, str]]) -> tuple[Any, ...]:
    from .reminders import ChannelSettings

    if raw is None:
        return ()
    if not isinstance(raw, list):
        errors.append((path, "expected a list of channels (- name: mail, type: email …)"))
        return ()
    out, names = [], set()
    for index, item in enumerate(raw):
        where = f"{path}[{index}]"
        kind = item.get("type") if isinstance(item, dict) else None
        if kind not in _CHANNEL_SCHEMAS:
            errors.append((f"{where}.type", f"expected one of email, wecom, dingtalk, got {kind!r}"))
            continue
        values, errs = _validate(_CHANNEL_SCHEMAS[kind], item, where)
        errs = [(key, _SECRET_HINT if key.rpartition(".")[2] in _SECRET_KEYS else msg) for key, msg in errs]
        if kind != "email" and not values.get("url_env"):
            errs.append((f"{where}.url_env", "required: the environment variable holding the robot's webhook address"))
        errors.extend(errs)
        if errs:
            continue
        if values["name"] in names:
            errors.append((f"{where}.name", f"channel name {values['name']!r} is used twice"))
        names.add(values["name"])
        if kind == "email":
            values["port"] = values["port"] or _DEFAULT_PORTS[values["security"]]
        out.append(ChannelSettings(**values))
    return tuple(out)


def reminder_settings(raw_portal: object, sections: tuple[Section, ...], site_url: str = "") -> tuple[Any, list]:
    """``extra.portal.reminders`` as :class:`portal.reminders.ReminderSettings`, or ``(None, errors)``.

    ``errors`` are ``(key path, message)`` pairs; ``site_url`` is the default ``portal_url``.
    """
    from .reminders import ReminderSettings

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
            errors.append((f"{path}.recipients.{name}", f"unknown section {name!r}{did_you_mean(str(name), lookup)}"))
            continue
        recipients[section] = _recipient(item, f"{path}.recipients.{name}", errors)
    channels = _channels(values.get("channels"), f"{path}.channels", errors)
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
        **{key: values[key] for key in triggers},
    ), []
