"""Building the settings: ``extra.portal`` checked against its schema into one :class:`Settings`, or every problem.

The loop over a table is :func:`portal.settings.checks.validate`; this module runs it over the top table and
over each item of the lists of tables (sections, scoring versions, periodicals), checks what spans several
keys (a name or slug used twice, an adopter or section that is not configured), and puts the parts together.
Each problem becomes a :class:`Problem` at the file and line of its key (:mod:`portal.settings.locate`).
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from ..figures.scoring import DEFAULTS
from ..model.dates import get_zone
from ..model.names import Resolver, did_you_mean, normalize
from ..model.objects import DocumentSettings, Periodical, ScoringVersion, Section, Settings
from ..model.problems import Problem
from ..words.documents import office_of
from ..words.messages import say
from .checks import SLUG_RE, Errors, Schema, unknown_adopter, validate
from .editor import parse_editor
from .locate import locate_in_chain
from .reminders import reminder_settings
from .rules import parse_period_rows, parse_rules
from .schema import (
    BULLETIN,
    DEFAULT_SECTIONS,
    DISTRIBUTION_KEYS,
    GOOD_INFO,
    PERIODICAL,
    PORTAL,
    PRIVACY,
    REVIEW,
    ROOT,
    SCORING,
    SECTION,
)


def build_settings(raw: object, config_file: str) -> tuple[Settings | None, list[Problem]]:
    """Validate ``extra.portal`` (``raw``) into :class:`Settings`, or the problems found."""
    if raw is None:
        raw = {}
    blank = _blank_organization(raw)
    if blank and isinstance(raw, dict):  # else the schema's default would print the demo bureau's name
        raw = {k: v for k, v in raw.items() if k != "organization"}
    values, errors = validate(PORTAL, raw, ROOT)
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
    given = raw.get("reminders")  # anything but a mapping was reported by the top table: once is enough
    reminders = reminder_settings(given, sections, errors) if given is None or isinstance(given, dict) else None
    if errors or reminders is None:
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
        reminders=reminders,
    ), []


def _document(bulletin: dict[str, Any], organization: str) -> DocumentSettings:
    """One issuing body throughout: the 版头 names the office that signs and prints the 通报 (文号 such as
    示民办 = 示例县民政局办公室); a 署名 or 印发机关 not set follows the 版头, the 版头 defaults to the office.
    """
    masthead = bulletin.get("masthead") or office_of(organization)
    signer = bulletin.get("signer") or masthead
    return DocumentSettings(
        number=bulletin.get("document_number") or "",
        masthead=masthead,
        signer=signer,
        copy_to=tuple(bulletin.get("copy_to") or ()),
        printed_by=bulletin.get("printed_by") or signer,
    )


def _blank_organization(raw: object) -> Errors:
    """An ``organization`` that is given but empty (or an ``!ENV`` whose variable is not set)."""
    if not isinstance(raw, dict) or "organization" not in raw:
        return []
    value = raw["organization"]
    if value is not None and not (isinstance(value, str) and not value.strip()):
        return []
    return [(f"{ROOT}.organization", say("config.organization"))]


def _names(
    sections: tuple[Section, ...], adopters: Mapping[str, tuple[str, tuple[str, ...]]], values: dict[str, Any]
) -> Resolver[Section, Periodical]:
    """The one resolver of names (``model.names``), as the scoring rules need it before the settings exist."""
    limits = values.get("urgent_limit_hours")
    return Resolver(
        sections,
        adopters={name: level for name, (level, _) in adopters.items()},
        publications={name: pubs for name, (_, pubs) in adopters.items()},
        kinds=values.get("kinds") or (),
        incident_types=values.get("incident_types") or (),
        severities=tuple(limits) if isinstance(limits, dict) else (),  # "default": urgent reports without one
    )


def _nested(raw: dict[str, Any], errors: Errors) -> dict[str, dict[str, Any]]:
    nested: dict[str, dict[str, Any]] = {}
    kinds: tuple[tuple[str, Schema], ...] = (
        ("good_info", GOOD_INFO),
        ("bulletin", BULLETIN),
        ("privacy", PRIVACY),
        ("review", REVIEW),
    )
    for key, schema in kinds:
        given = raw.get(key)
        if given is not None and not isinstance(given, dict):
            nested[key] = {}  # already reported by the top table: once is enough
            continue
        nested[key], errs = validate(schema, given, f"{ROOT}.{key}")
        errors.extend(errs)
    return nested


def _default_slug(name: str) -> str:
    if SLUG_RE.fullmatch(name.lower().replace(" ", "-")):
        return name.lower().replace(" ", "-")
    return "s-" + hashlib.sha1(name.encode()).hexdigest()[:6]


def _valid_items(schema: Schema, items: list[Any], path: str, errors: Errors) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each list item checked against ``schema``: its key path and values; an item with errors is reported, skipped."""
    for index, item in enumerate(items):
        where = f"{path}[{index}]"
        values, errs = validate(schema, item, where)
        errors.extend(errs)
        if not errs:
            yield where, values


def _sections(raw: object, errors: Errors) -> tuple[Section, ...]:
    path = f"{ROOT}.sections"
    if raw is None:
        raw = DEFAULT_SECTIONS
    if not isinstance(raw, list) or not raw:
        errors.append((path, say("config.sections")))
        return ()
    out: list[Section] = []
    names: dict[str, tuple[str, str]] = {}  # normalised name or alias -> (key path of its item, section name)
    slugs: dict[str, str] = {}
    for where, values in _valid_items(SECTION, raw, path, errors):
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
                errors.append((key_path, say("config.section_name_taken", name=name, section=names[key][1])))
                continue
            names[key] = (where, section.name)
        if section.slug in slugs:
            errors.append((f"{where}.slug", say("config.slug_taken", slug=section.slug, other=slugs[section.slug])))
        slugs[section.slug] = section.name
        out.append(section)
    return tuple(out)


def _scoring(raw: object, names: Resolver[Section, Periodical], errors: Errors) -> tuple[ScoringVersion, ...]:
    path = f"{ROOT}.scoring"
    items = [raw] if raw is None or isinstance(raw, dict) else raw
    if not isinstance(items, list) or not items:
        errors.append((path, say("config.scoring")))
        return ()
    listed = isinstance(raw, list)
    versions: list[ScoringVersion] = []
    for index, item in enumerate(items):
        where = f"{path}[{index}]" if listed else path
        values, errs = validate(SCORING, item, where)
        errors.extend(errs)
        if errs:
            continue
        if listed and values["from"] is None and len(items) > 1:
            errors.append((f"{where}.from", say("config.scoring_from")))
        merged = {k: (values[k] if values.get(k) is not None else copy.deepcopy(v)) for k, v in DEFAULTS.items()}
        for name in merged["adopted_by"]:
            if name not in names.adopters:
                errors.append((f"{where}.adopted_by.{name}", unknown_adopter(name, names.adopters)))
        merged["rules"] = parse_rules(merged["rules"] or None, names, f"{where}.rules", errors)
        merged["period"] = parse_period_rows(merged["period"] or None, names, f"{where}.period", errors)
        versions.append(ScoringVersion(start=values["from"], **merged))
    starts = [v.start for v in versions if v.start is not None]
    if len(starts) != len(set(starts)):
        errors.append((path, say("config.scoring_same_from")))
    return tuple(sorted(versions, key=lambda v: v.start or date.min))


def _distribution(raw: object, where: str, errors: Errors) -> tuple[tuple[str, tuple[str, ...]], ...]:
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


def _periodicals(raw: object, adopters: Mapping[str, str], errors: Errors) -> tuple[Periodical, ...]:
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
    for where, values in _valid_items(PERIODICAL, raw, path, errors):
        distribution = _distribution(values["distribution"], f"{where}.distribution", errors)
        adopter = next((a for a in adopters if normalize(a) == normalize(values["adopter"])), None)
        if adopter is None:
            errors.append((f"{where}.adopter", unknown_adopter(values["adopter"], adopters)))
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


def _with_periodicals(
    names: Resolver[Section, Periodical], periodicals: tuple[Periodical, ...]
) -> Resolver[Section, Periodical]:
    """A periodical's name is a publication of its adopter (SPEC §4), so ``in: 民政信息`` is valid."""
    publications = dict(names.publications)
    for periodical in periodicals:
        known = publications.get(periodical.adopter, ())
        if normalize(periodical.name) not in {normalize(p) for p in known}:
            publications[periodical.adopter] = (*known, periodical.name)
    return Resolver(names.sections, names.adopters, publications, names.kinds, names.incident_types, names.severities)
