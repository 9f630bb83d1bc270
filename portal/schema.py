"""Front-matter schema: one table from field name to parser (SPEC §3.1, §3.2).

Every parser takes the YAML node and a :class:`Context` and returns a value
or raises :class:`Invalid`; nested parsers may record several problems and
keep going.  The tables ``REPORT_FIELDS`` and ``REQUEST_FIELDS`` are the
whole schema.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .dates import DateError, Moment, parse_moment
from .frontmatter import Map, Node, Scalar, Seq
from .model import LEVELS, Adoption, Instruction, Settings
from .names import did_you_mean, normalize
from .problems import Problems


class Invalid(ValueError):
    """A field's value is wrong; ``line``/``name`` override the field's own."""

    def __init__(self, message: str, line: int | None = None, name: str | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.name = name


@dataclass
class Context:
    settings: Settings
    path: str
    problems: Problems
    failed: bool = False

    def report(self, line: int, name: str, message: str) -> None:
        self.problems.error(self.path, line, name, message)
        self.failed = True


Parser = Callable[[Node, Context, str], Any]


@dataclass(frozen=True)
class Field:
    parse: Parser
    required: bool = False
    example: str = ""


# --- scalar parsers -------------------------------------------------------------------


def _scalar(node: Node, what: str) -> Scalar:
    if not isinstance(node, Scalar):
        raise Invalid(f"expected {what}, got a {'list' if isinstance(node, Seq) else 'mapping'}")
    return node


def text(node: Node, ctx: Context, name: str) -> str:
    scalar = _scalar(node, "text")
    if scalar.value is None:
        raise Invalid("is empty; write a value or delete the line")
    if not isinstance(scalar.value, str):
        raise Invalid(
            f"{scalar.raw!r} is read as a {_yaml_type(scalar.value)}, not text; "
            f'put it in quotes: {name}: "{scalar.raw}"'
        )
    value = scalar.value.strip()
    if not value:
        raise Invalid("is empty; write a value or delete the line")
    return value


def _yaml_type(value: Any) -> str:
    if isinstance(value, bool):
        return "yes/no value"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, (date, datetime)):
        return "date"
    return type(value).__name__


def boolean(node: Node, ctx: Context, name: str) -> bool:
    scalar = _scalar(node, "true or false")
    if not isinstance(scalar.value, bool):
        raise Invalid(f"{scalar.raw!r} is not true/false; write {name}: true or {name}: false")
    return scalar.value


def _moment_text(node: Node) -> str:
    scalar = _scalar(node, "a date")
    if isinstance(scalar.value, (bool, int, float)):
        hint = f" (YAML reads {scalar.raw} as the number {scalar.value})" if ":" in scalar.raw else ""
        raise Invalid(f"{scalar.raw!r} is not a date{hint}; write YYYY-MM-DD or YYYY-MM-DD HH:MM")
    if scalar.value is None:
        raise Invalid("is empty; write YYYY-MM-DD")
    return scalar.raw


#: Years a report, adoption or notice can plausibly carry; outside them it is a typo (0206 for 2026),
#: which would otherwise add centuries of empty bulletins to the site.
YEARS = range(2000, 2100)


def moment(node: Node, ctx: Context, name: str) -> Moment:
    written = _moment_text(node)
    try:
        value = parse_moment(written, ctx.settings.tz)
    except DateError as exc:
        raise Invalid(str(exc)) from exc
    except OverflowError as exc:  # 9999-12-31 23:00 -23:00 leaves the calendar in our timezone
        raise Invalid(f"{written.strip()!r} is out of range; check the year") from exc
    if value.day.year not in YEARS:
        raise Invalid(
            f"the year {written.strip()[:4]} is outside {YEARS.start}–{YEARS.stop - 1}; "
            "check the date for a typo (e.g. 0206 for 2026)"
        )
    return value


def moment_with_time(node: Node, ctx: Context, name: str) -> Moment:
    value = moment(node, ctx, name)
    if not value.has_time:
        raise Invalid(f"needs a time of day; write {name}: {value.day.isoformat()} HH:MM")
    return value


def day(node: Node, ctx: Context, name: str) -> date:
    value = moment(node, ctx, name)
    if value.has_time:
        raise Invalid(f"is a day, not a time; write {name}: {value.day.isoformat()}")
    return value.day


def text_list(node: Node, ctx: Context, name: str) -> tuple[str, ...]:
    if isinstance(node, Scalar) and node.value is None:
        return ()
    if isinstance(node, Scalar) and isinstance(node.value, str):
        return (node.value.strip(),) if node.value.strip() else ()
    if not isinstance(node, Seq):
        raise Invalid(f"expected a list, e.g. {name}: [重点, 低保]")
    out = []
    for index, item in enumerate(node.items):
        try:
            out.append(text(item, ctx, f"{name}[{index}]"))
        except Invalid as exc:
            ctx.report(item.line, f"{name}[{index}]", str(exc))
    return tuple(out)


def _hint(value: str, names: list[str], what: str, shown: list[str] | None = None) -> str:
    """``; did you mean 'x'?``, or when nothing is near, the names to choose from."""
    return did_you_mean(value, names) or f"; the {what} are {'、'.join(names if shown is None else shown)}"


def _section_hint(value: str, ctx: Context) -> str:
    return _hint(value, ctx.settings.section_names(), "sections", [s.name for s in ctx.settings.sections])


def section(node: Node, ctx: Context, name: str) -> str:
    value = text(node, ctx, name)
    found = ctx.settings.section(value)
    if found is None:
        raise Invalid(
            f"unknown section {value!r}{_section_hint(value, ctx)} "
            "(sections are configured under extra.portal.sections)"
        )
    return found.name


def report_sections(node: Node, ctx: Context, name: str) -> tuple[str, ...]:
    """A report's section, or a list of 2+ for a joint report (合报); one section named twice is an error."""
    if not isinstance(node, Seq):
        return (section(node, ctx, name),)
    if not node.items:
        raise Invalid("is an empty list; write the section, e.g. section: 社会救助股")
    out: list[str] = []
    for index, item in enumerate(node.items):
        where = f"{name}[{index}]"
        try:
            found = section(item, ctx, where)
        except Invalid as exc:
            ctx.report(item.line, where, str(exc))
            continue
        if found in out:
            ctx.report(item.line, where, f"{found} is listed twice (a name and its alias count once); keep one")
            continue
        out.append(found)
    if not out:
        raise Invalid("no valid section; fix the names above", line=node.line)
    return tuple(out)


def authors(node: Node, ctx: Context, name: str) -> tuple[str, ...]:
    """One writer or a list of them; a name listed twice counts once."""
    if not isinstance(node, Seq):
        return (text(node, ctx, name),)
    out: list[str] = []
    for index, item in enumerate(node.items):
        try:
            value = text(item, ctx, f"{name}[{index}]")
        except Invalid as exc:
            ctx.report(item.line, f"{name}[{index}]", str(exc))
            continue
        if value not in out:
            out.append(value)
    return tuple(out)


def kind(node: Node, ctx: Context, name: str) -> str:
    value = text(node, ctx, name)
    for known in ctx.settings.kinds:
        if normalize(known) == normalize(value):
            return known
    if not ctx.settings.kinds:
        raise Invalid(
            f"no kinds are configured; delete the line or have the office add {value!r} to extra.portal.kinds"
        )
    raise Invalid(f"unknown kind {value!r}{_hint(value, list(ctx.settings.kinds), 'kinds')} (see extra.portal.kinds)")


def severity(node: Node, ctx: Context, name: str) -> str:
    value = text(node, ctx, name)
    keys = [k for k in ctx.settings.urgent_limits if k != "default"]
    for known in keys:
        if normalize(known) == normalize(value):
            return known
    if not keys:
        raise Invalid(
            "urgent_limit_hours is one number for every urgent report, not a map by severity; delete the line"
        )
    raise Invalid(
        f"unknown severity {value!r}{_hint(value, keys, 'severities')} (keys of extra.portal.urgent_limit_hours)"
    )


def incident_type(node: Node, ctx: Context, name: str) -> str:
    value = text(node, ctx, name)
    for known in ctx.settings.incident_types:
        if normalize(known) == normalize(value):
            return known
    types = list(ctx.settings.incident_types)
    raise Invalid(f"unknown type {value!r}{_hint(value, types, 'types')} (see extra.portal.incident_types)")


def sections(node: Node, ctx: Context, name: str) -> tuple[str, ...]:
    """Sections asked by a request; an empty list or none means all."""
    if isinstance(node, Map):
        raise Invalid(f"expected a list, e.g. {name}: [社会救助股, 养老服务股]")
    items = node.items if isinstance(node, Seq) else [node]
    asked: set[str] = set()
    for index, item in enumerate(items):
        where = f"{name}[{index}]" if isinstance(node, Seq) else name
        if isinstance(item, Scalar) and item.value in (None, "") and not isinstance(node, Seq):
            continue
        try:
            value = text(item, ctx, where)
        except Invalid as exc:
            ctx.report(item.line, where, str(exc))
            continue
        found = ctx.settings.section(value)
        if found is None:
            ctx.report(
                item.line,
                where,
                f"unknown section {value!r}{_section_hint(value, ctx)} "
                "(sections are configured under extra.portal.sections)",
            )
        else:
            asked.add(found.name)
    if not asked:
        return tuple(s.name for s in ctx.settings.sections)
    return tuple(s.name for s in ctx.settings.sections if s.name in asked)


def classification(node: Node, ctx: Context, name: str) -> str:
    value = normalize(text(node, ctx, name))
    if value not in ("公开", "内部"):
        raise Invalid(
            f"{value!r} cannot be published: classified information (涉密信息) never goes on the "
            "portal; only 公开 or 内部 are allowed — remove the file and send it through the "
            "confidential channel"
        )
    return value


def adopter(value: str, ctx: Context) -> tuple[str, str]:
    found = ctx.settings.adopter(value)
    if found is None:
        raise Invalid(
            f"unknown adopter {value!r}{_hint(value, list(ctx.settings.adopters), 'adopters')} "
            "(adopters are configured under extra.portal.adopters)"
        )
    return found, ctx.settings.adopters[found]


def _items(node: Node, name: str) -> list[Node]:
    if isinstance(node, Seq):
        return node.items
    return [node]


def adoptions(node: Node, ctx: Context, name: str) -> tuple[Adoption, ...]:
    """absent/[]/null/""/false; a name; a list of names; a list of {by, date, form}."""
    if isinstance(node, Scalar):
        if node.value is None or node.value is False or node.value == "":
            return ()
        if node.value is True:
            raise Invalid("'true' does not say who adopted it; write the body's name, e.g. adopted: 县委办")
    seq = isinstance(node, Seq)
    out = []
    for index, item in enumerate(_items(node, name)):
        where = f"{name}[{index}]" if seq else name
        try:
            adoption = _adoption(item, ctx, where)
        except Invalid as exc:
            ctx.report(item.line, where, str(exc))
            continue
        if adoption is not None:
            out.append(adoption)
    return tuple(out)


def _adopter(node: Node, ctx: Context, name: str) -> tuple[str, str]:
    scalar = _scalar(node, "an adopter's name")
    if scalar.value is True:
        raise Invalid("'true' does not say who adopted it; write the body's name, e.g. 县委办")
    return adopter(text(node, ctx, name), ctx)


def _adoption(item: Node, ctx: Context, where: str) -> Adoption | None:
    if isinstance(item, Scalar):
        by, level = _adopter(item, ctx, where)
        return Adoption(by, level, line=item.line, where=where)
    if not isinstance(item, Map):
        raise Invalid("expected a name or {by: 县委办, date: YYYY-MM-DD, form: 专报}")
    values = _mapping(item, ctx, where, _ADOPTION_KEYS, required=("by",))
    if "by" not in values:
        return None
    at: Moment | None = values.get("date")
    line = item.items["date"][0].line if "date" in item.items else item.line
    publication = ""
    if "in" in values:
        try:
            publication = _publication(values["in"], values["by"][0], ctx)
        except Invalid as exc:
            ctx.report(item.items["in"][0].line, f"{where}.in", str(exc))
    return Adoption(
        values["by"][0],
        values["by"][1],
        at.at if at else None,
        values.get("form", ""),
        line=line,
        where=f"{where}.date",
        publication=publication,
        route=values.get("route", "直报"),
        points=values.get("points"),
    )


def _publication(value: str, by: str, ctx: Context) -> str:
    """An ``in`` must be one of the adopter's publications."""
    known = list(ctx.settings.publications.get(by, ()))
    for name in known:
        if normalize(name) == normalize(value):
            return name
    if not known:
        raise Invalid(
            f"{by} has no publications configured; delete 'in' or have the office list {value!r} "
            f"under extra.portal.adopters.{by}.publications"
        )
    raise Invalid(f"{value!r} is not a publication of {by}{_hint(value, known, 'publications of ' + by)}")


def _route(node: Node, ctx: Context, name: str) -> str:
    value = normalize(text(node, ctx, name))
    if value not in ("直报", "转报"):
        raise Invalid(
            f"{value!r} is not a route; write 直报 (the section reported it) or 转报 (forwarded by the office)"
        )
    return value


def _points(node: Node, ctx: Context, name: str) -> float:
    scalar = _scalar(node, "a number")
    if isinstance(scalar.value, bool) or not isinstance(scalar.value, (int, float)):
        raise Invalid(f"{scalar.raw!r} is not a number; write the score the adopting body gave, e.g. {name}: 3")
    return scalar.value


_ADOPTION_KEYS: dict[str, Parser] = {
    "by": _adopter,
    "date": moment,
    "form": text,
    "in": text,
    "route": _route,
    "points": _points,
}


def instructions(node: Node, ctx: Context, name: str) -> tuple[Instruction, ...]:
    if isinstance(node, Scalar) and node.value in (None, "", False):
        return ()
    if not isinstance(node, Seq):
        raise Invalid("expected a list of {by: 县长 孙建国, level: county, date: YYYY-MM-DD, note: …}")
    out = []
    for index, item in enumerate(node.items):
        where = f"{name}[{index}]"
        if not isinstance(item, Map):
            ctx.report(item.line, where, "expected {by: …, level: county, date: YYYY-MM-DD, note: …}")
            continue
        values = _mapping(
            item, ctx, where, {"by": text, "level": _level, "date": moment, "note": text}, required=("by", "level")
        )
        if "by" in values and "level" in values:
            at: Moment | None = values.get("date")
            line = item.items["date"][0].line if "date" in item.items else item.line
            out.append(
                Instruction(
                    values["by"],
                    values["level"],
                    at.at if at else None,
                    values.get("note", ""),
                    line=line,
                    where=f"{where}.date",
                )
            )
    return tuple(out)


def _level(node: Node, ctx: Context, name: str) -> str:
    value = text(node, ctx, name)
    if value not in LEVELS:
        raise Invalid(f"unknown level {value!r}{did_you_mean(value, LEVELS)} (levels: {', '.join(LEVELS)})")
    return value


def _mapping(
    node: Map, ctx: Context, where: str, parsers: dict[str, Parser], required: tuple[str, ...]
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, (key_node, value_node) in node.items.items():
        full = f"{where}.{key}"
        if key in node.refused:
            ctx.failed = True
            continue
        if key not in parsers:
            ctx.report(key_node.line, full, f"unknown key{did_you_mean(key, parsers)}; allowed: {', '.join(parsers)}")
            continue
        try:
            values[key] = parsers[key](value_node, ctx, full)
        except Invalid as exc:
            ctx.report(exc.line or key_node.line, exc.name or full, str(exc))
    for key in required:
        if key not in node.items:
            ctx.report(node.line, f"{where}.{key}", f"missing; add {key}: …")
    return values


# --- the tables ---------------------------------------------------------------------------

REPORT_FIELDS: dict[str, Field] = {
    "title": Field(text, example="title: 我县扎实做好冬春救助工作"),
    "section": Field(report_sections, required=True, example="section: 社会救助股"),
    "author": Field(authors, example="author: 王芳"),
    "kind": Field(kind, example="kind: 动态"),
    "signed_by": Field(text, example="signed_by: 张三"),
    "severity": Field(severity, example="severity: 重大"),
    "date": Field(moment, required=True, example="date: 2026-03-05"),
    "adopted": Field(adoptions, example="adopted: 县委办"),
    "instructions": Field(instructions, example="instructions: [{by: 县长 孙建国, level: county}]"),
    "urgent": Field(boolean, example="urgent: true"),
    "event_time": Field(moment_with_time, example="event_time: 2026-03-02 08:30"),
    "reported_time": Field(moment_with_time, example="reported_time: 2026-03-02 10:05"),
    "request": Field(text, example="request: YG-2026-03"),
    "tags": Field(text_list, example="tags: [重点, 低保]"),
    "draft": Field(boolean, example="draft: true"),
    "classification": Field(classification, example="classification: 公开"),
}

INCIDENT_FIELDS: dict[str, Field] = {
    "section": Field(section, required=True, example="section: 社会救助股"),
    "date": Field(moment, required=True, example="date: 2026-03-05"),
    "type": Field(incident_type, required=True, example="type: 被通报"),
    "report": Field(text, example="report: reports/2026/03/2026-03-05-低保.md"),
    "draft": Field(boolean, example="draft: true"),
}

REQUEST_FIELDS: dict[str, Field] = {
    "id": Field(text, example="id: YG-2026-03"),
    "title": Field(text, required=True, example="title: 关于报送冬春救助工作信息的约稿通知"),
    "issued": Field(day, required=True, example="issued: 2026-03-01"),
    "deadline": Field(day, required=True, example="deadline: 2026-03-15"),
    "sections": Field(sections, example="sections: [社会救助股, 养老服务股]"),
}


def parse_fields(
    root: Map, table: dict[str, Field], ctx: Context, optional_required: tuple[str, ...] = ()
) -> tuple[dict[str, Any], dict[str, int]]:
    """Run every field's parser; return the values and the line of each key."""
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for key, (key_node, value_node) in root.items.items():
        lines[key] = key_node.line
        if key in root.refused:  # already reported by the YAML reader
            continue
        spec = table.get(key)
        if spec is None:
            close = difflib.get_close_matches(key, list(table), n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else f" (known fields: {', '.join(table)})"
            ctx.problems.warning(ctx.path, key_node.line, key, f"unknown field, ignored{hint}")
            continue
        try:
            values[key] = spec.parse(value_node, ctx, key)
        except Invalid as exc:
            ctx.report(exc.line or key_node.line, exc.name or key, str(exc))
    for key, spec in table.items():
        if spec.required and key not in root.items and key not in optional_required:
            ctx.report(1, key, f"missing; add a line '{spec.example}'")
    return values, lines
