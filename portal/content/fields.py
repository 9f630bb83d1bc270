"""Front-matter schema: one table from field name to parser (SPEC §3.1, §3.2).

Every parser takes the YAML node and a :class:`FieldContext` and returns a value
or raises :class:`Invalid`; nested parsers may record several problems and
keep going.  The tables ``REPORT_FIELDS`` and ``REQUEST_FIELDS`` are the
whole schema.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from ..model import values
from ..model.dates import DateError, Moment, parse_moment
from ..model.names import Unknown, did_you_mean, level, normalize, route
from ..model.objects import Adoption, Instruction, Settings
from ..model.problems import Problems, Wrong
from ..words import messages
from ..words.messages import choices, say
from .frontmatter import Map, Node, Scalar, Seq


class Invalid(ValueError):
    """A field's value is wrong; ``line``/``name`` override the field's own."""

    def __init__(self, message: str, line: int | None = None, name: str | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.name = name


@dataclass
class FieldContext:
    settings: Settings
    path: str
    problems: Problems
    failed: bool = False

    def report(self, line: int, name: str, message: str) -> None:
        self.problems.error(self.path, line, name, message)
        self.failed = True


Parser = Callable[[Node, FieldContext, str], Any]
T = TypeVar("T")


@dataclass(frozen=True)
class Field:
    parse: Parser
    required: bool = False
    example: str = ""


# --- scalar parsers -------------------------------------------------------------------


def _scalar(node: Node, what: str) -> Scalar:
    """``node`` when it is one value; ``what`` names (in Chinese) what belongs here."""
    if not isinstance(node, Scalar):
        got = say("schema.shape.list") if isinstance(node, Seq) else say("schema.shape.mapping")
        raise Invalid(say("schema.expected_value", what=what, got=got))
    return node


def text(node: Node, ctx: FieldContext, name: str) -> str:
    scalar = _scalar(node, say("schema.shape.text"))
    if scalar.value is None:
        raise Invalid(say("schema.empty"))
    if not isinstance(scalar.value, str):
        raise Invalid(say("schema.not_text", raw=scalar.raw, kind=_yaml_type(scalar.value), name=_top(name)))
    value = scalar.value.strip()
    if not value:
        raise Invalid(say("schema.empty"))
    _refuse_curly_quotes(value, name)
    return value


#: A whole value in the quotes of the Chinese input method, which YAML keeps as part of the text.
_CURLY = re.compile(r"“[^“”]*”|‘[^‘’]*’|「[^「」]*」")


def _refuse_curly_quotes(value: str, name: str) -> None:
    if _CURLY.fullmatch(value):
        inner = value[1:-1]
        raise Invalid(say("schema.curly_quotes", value=value, name=_top(name), inner=inner))


def _yaml_type(value: Any) -> str:
    if isinstance(value, bool):
        return say("schema.kind.bool")
    if isinstance(value, (int, float)):
        return say("schema.kind.number")
    if isinstance(value, (date, datetime)):
        return say("schema.kind.date")
    return say("schema.kind.other")


def boolean(node: Node, ctx: FieldContext, name: str) -> bool:
    scalar = _scalar(node, "true / false")
    if not isinstance(scalar.value, bool):
        raise Invalid(say("schema.not_bool", raw=scalar.raw, name=name))
    return scalar.value


def _moment_text(node: Node, name: str) -> str:
    scalar = _scalar(node, say("schema.shape.date"))
    if isinstance(scalar.value, (bool, int, float)):
        hint = say("schema.date_number_hint", raw=scalar.raw, value=scalar.value) if ":" in scalar.raw else ""
        raise Invalid(say("schema.date_number", raw=scalar.raw, hint=hint))
    if scalar.value is None:
        raise Invalid(say("schema.date_empty"))
    if _CURLY.fullmatch(scalar.raw.strip()):
        raise Invalid(
            say("schema.date_quoted", value=scalar.raw.strip(), name=_top(name), inner=scalar.raw.strip()[1:-1])
        )
    return scalar.raw


#: Years a report, adoption or notice can plausibly carry; outside them it is a typo (0206 for 2026),
#: which would otherwise add centuries of empty bulletins to the site.
YEARS = range(2000, 2100)


def moment(node: Node, ctx: FieldContext, name: str) -> Moment:
    written = _moment_text(node, name)
    try:
        value = parse_moment(written, ctx.settings.tz)
    except DateError as exc:
        raise Invalid(str(exc)) from exc
    except OverflowError as exc:  # 9999-12-31 23:00 -23:00 leaves the calendar in our timezone
        raise Invalid(say("schema.date_range", text=written.strip())) from exc
    if value.day.year not in YEARS:
        raise Invalid(say("schema.year_range", year=written.strip()[:4], first=YEARS.start, last=YEARS.stop - 1))
    return value


def moment_with_time(node: Node, ctx: FieldContext, name: str) -> Moment:
    value = moment(node, ctx, name)
    if not value.has_time:
        raise Invalid(say("schema.needs_time", name=_top(name), day=value.day.isoformat()))
    return value


def day(node: Node, ctx: FieldContext, name: str) -> date:
    value = moment(node, ctx, name)
    if value.has_time:
        raise Invalid(say("schema.day_only", name=_top(name), day=value.day.isoformat()))
    return value.day


def text_list(node: Node, ctx: FieldContext, name: str) -> tuple[str, ...]:
    if isinstance(node, Scalar) and node.value is None:
        return ()
    if isinstance(node, Scalar) and isinstance(node.value, str):
        joined(node.value.strip(), name)
        return (node.value.strip(),) if node.value.strip() else ()
    if not isinstance(node, Seq):
        raise Invalid(say("schema.expected_list", name=name))
    out = []
    for index, item in enumerate(node.items):
        try:
            out.append(text(item, ctx, f"{name}[{index}]"))
        except Invalid as exc:
            ctx.report(item.line, f"{name}[{index}]", str(exc))
    return tuple(out)


def _top(name: str) -> str:
    """The field a clerk writes for a nested place: ``adopted`` for ``adopted[1].by``."""
    return re.split(r"[\[.]", name, maxsplit=1)[0]


#: Chinese commas, 顿号 and their kin, which people put between names where YAML wants a list.
_JOINERS = re.compile(r"[，、,;；]")


def joined(value: str, name: str, lookup: Callable[[str], object] | None = None) -> None:
    """Refuse ``市民政局，县委办``: several names in one value, each named, with the list form to write.

    With a ``lookup`` (a resolver's), each part that names nothing configured is named too.
    """
    parts = [part.strip() for part in _JOINERS.split(value) if part.strip()]
    if len(parts) < 2:
        return
    found = [lookup(part) for part in parts] if lookup is not None else []
    unknown = "".join(
        say(
            "names.joined_unknown", name=u.written, what=say(f"names.what.{u.kind}"), hint=messages.did_you_mean(u.near)
        )
        for u in found
        if isinstance(u, Unknown)
    )
    field = _top(name)
    listed = ", ".join(parts)
    raise Invalid(
        say("names.joined", value=value, count=len(parts), names=choices(parts), field=field, listed=listed) + unknown
    )


def _resolved(found: T | Unknown, name: str, lookup: Callable[[str], object]) -> T:
    """The configured thing found, or :class:`Invalid` with the Unknown's message.

    Several names joined by commas are named one by one (``lookup`` resolves each).
    """
    if isinstance(found, Unknown):
        joined(found.written, name, lookup)
        raise Invalid(found.message)
    return found


def section(node: Node, ctx: FieldContext, name: str) -> str:
    value = text(node, ctx, name)
    return _resolved(ctx.settings.names.section(value), name, ctx.settings.names.section).name


def report_sections(node: Node, ctx: FieldContext, name: str) -> tuple[str, ...]:
    """A report's section, or a list of 2+ for a joint report (合报); one section named twice is an error."""
    if not isinstance(node, Seq):
        return (section(node, ctx, name),)
    if not node.items:
        raise Invalid(say("schema.section_empty_list"))
    out: list[str] = []
    for index, item in enumerate(node.items):
        where = f"{name}[{index}]"
        try:
            found = section(item, ctx, where)
        except Invalid as exc:
            ctx.report(item.line, where, str(exc))
            continue
        if found in out:
            ctx.report(item.line, where, say("schema.section_twice", name=found))
            continue
        out.append(found)
    if not out:
        raise Invalid(say("schema.no_valid_section"), line=node.line)
    return tuple(out)


def authors(node: Node, ctx: FieldContext, name: str) -> tuple[str, ...]:
    """One writer or a list of them; a name listed twice counts once."""
    if not isinstance(node, Seq):
        value = text(node, ctx, name)
        joined(value, name)
        return (value,)
    out: list[str] = []
    for index, item in enumerate(node.items):
        try:
            value = text(item, ctx, f"{name}[{index}]")
            joined(value, f"{name}[{index}]")
        except Invalid as exc:
            ctx.report(item.line, f"{name}[{index}]", str(exc))
            continue
        if value not in out:
            out.append(value)
    return tuple(out)


def kind(node: Node, ctx: FieldContext, name: str) -> str:
    return _checked(ctx.settings.names.kind(text(node, ctx, name)))


def severity(node: Node, ctx: FieldContext, name: str) -> str:
    return _checked(ctx.settings.names.severity(text(node, ctx, name)))


def incident_type(node: Node, ctx: FieldContext, name: str) -> str:
    return _checked(ctx.settings.names.incident_type(text(node, ctx, name)))


def _checked(found: T | Wrong) -> T:
    """The value a check or lookup found, or :class:`Invalid` with its message."""
    if isinstance(found, Wrong):
        raise Invalid(found.message)
    return found


def sections(node: Node, ctx: FieldContext, name: str) -> tuple[str, ...]:
    """Sections asked by a request; an empty list or none means all."""
    if isinstance(node, Map):
        raise Invalid(say("schema.expected_section_list", name=name))
    items = node.items if isinstance(node, Seq) else [node]
    asked: set[str] = set()
    for index, item in enumerate(items):
        where = f"{name}[{index}]" if isinstance(node, Seq) else name
        if isinstance(item, Scalar) and item.value in (None, "") and not isinstance(node, Seq):
            continue
        try:
            asked.add(section(item, ctx, where))
        except Invalid as exc:
            ctx.report(item.line, where, str(exc))
    if not asked:
        return tuple(s.name for s in ctx.settings.sections)
    return tuple(s.name for s in ctx.settings.sections if s.name in asked)


def classification(node: Node, ctx: FieldContext, name: str) -> str:
    value = normalize(text(node, ctx, name))
    if value not in ("公开", "内部"):
        raise Invalid(say("schema.classified", value=value))
    return value


def adopter(value: str, ctx: FieldContext, name: str = "adopted") -> tuple[str, str]:
    found = _resolved(ctx.settings.names.adopter(value), name, ctx.settings.names.adopter)
    return found, ctx.settings.adopters[found]


def _items(node: Node, name: str) -> list[Node]:
    if isinstance(node, Seq):
        return node.items
    return [node]


def adoptions(node: Node, ctx: FieldContext, name: str) -> tuple[Adoption, ...]:
    """absent/[]/null/""/false; a name; a list of names; a list of {by, date, form}."""
    if isinstance(node, Scalar):
        if node.value is None or node.value is False or node.value == "":
            return ()
        if node.value is True:
            raise Invalid(say("schema.adopted_true", example="adopted: 县委办"))
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


def _adopter(node: Node, ctx: FieldContext, name: str) -> tuple[str, str]:
    scalar = _scalar(node, say("schema.shape.adopter"))
    if scalar.value is True:
        raise Invalid(say("schema.adopted_true", example="县委办"))
    return adopter(text(node, ctx, name), ctx, name)


def _adoption(item: Node, ctx: FieldContext, where: str) -> Adoption | None:
    if isinstance(item, Scalar):
        by, level = _adopter(item, ctx, where)
        return Adoption(by, level, line=item.line, where=where)
    if not isinstance(item, Map):
        raise Invalid(say("schema.adoption_shape"))
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


def _publication(value: str, by: str, ctx: FieldContext) -> str:
    """An ``in`` must be one of the adopter's publications."""
    return _checked(ctx.settings.names.publication(value, by))


def _route(node: Node, ctx: FieldContext, name: str) -> str:
    return _checked(route(text(node, ctx, name)))


def _points(node: Node, ctx: FieldContext, name: str) -> float:
    scalar = _scalar(node, say("schema.shape.number"))
    points = values.number(scalar.value)
    if isinstance(points, Wrong):
        raise Invalid(say("schema.points", raw=scalar.raw))  # the field's own advice: the adopter's points
    return points


_ADOPTION_KEYS: dict[str, Parser] = {
    "by": _adopter,
    "date": moment,
    "form": text,
    "in": text,
    "route": _route,
    "points": _points,
}


def instructions(node: Node, ctx: FieldContext, name: str) -> tuple[Instruction, ...]:
    if isinstance(node, Scalar) and node.value in (None, "", False):
        return ()
    if not isinstance(node, Seq):
        raise Invalid(say("schema.instructions_shape"))
    out = []
    for index, item in enumerate(node.items):
        where = f"{name}[{index}]"
        if not isinstance(item, Map):
            ctx.report(item.line, where, say("schema.instruction_shape"))
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


def _level(node: Node, ctx: FieldContext, name: str) -> str:
    return _checked(level(text(node, ctx, name)))


def _mapping(
    node: Map, ctx: FieldContext, where: str, parsers: dict[str, Parser], required: tuple[str, ...]
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, (key_node, value_node) in node.items.items():
        full = f"{where}.{key}"
        if key in node.refused:
            ctx.failed = True
            continue
        if key not in parsers:
            ctx.report(
                key_node.line,
                full,
                say("schema.unknown_key", key=key, hint=did_you_mean(key, parsers), allowed=", ".join(parsers)),
            )
            continue
        try:
            values[key] = parsers[key](value_node, ctx, full)
        except Invalid as exc:
            ctx.report(exc.line or key_node.line, exc.name or full, str(exc))
    for key in required:
        if key not in node.items:
            ctx.report(node.line, f"{where}.{key}", say("schema.missing_key", key=key))
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
    "instructions": Field(instructions, example="instructions: [{by: 县长 孙建国, level: 县级}]"),
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
    "draft": Field(boolean, example="draft: true"),
}


def parse_fields(
    root: Map, table: dict[str, Field], ctx: FieldContext, optional_required: tuple[str, ...] = ()
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
            hint = (
                say("names.did_you_mean", hint=close[0])
                if close
                else say("schema.known_fields", known=", ".join(table))
            )
            ctx.problems.warning(ctx.path, key_node.line, key, say("schema.unknown_field", hint=hint))
            continue
        try:
            values[key] = spec.parse(value_node, ctx, key)
        except Invalid as exc:
            ctx.report(exc.line or key_node.line, exc.name or key, str(exc))
    for key, spec in table.items():
        if spec.required and key not in root.items and key not in optional_required:
            ctx.report(1, key, say("schema.missing_field", example=spec.example))
    return values, lines
