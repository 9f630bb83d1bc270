"""Periodical issues (SPEC §3.5): read one issue file, check issues against reports, record adoptions.

An issue of the office's own periodical (《民政信息》第12期) lists reports by
column.  :func:`parse_issue` reads one file with the same front-matter
machinery as reports; :func:`link` checks what spans files (duplicate 期号
and 总期号, items that are missing, drafts, dated after the issue or already
in another issue) and records each item as an adoption of its report.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, time
from typing import Any

from ..model import values
from ..model.names import Unknown, case_twin, did_you_mean, pick
from ..model.objects import Adoption, Issue, IssueItem, Periodical, Report, Settings
from ..model.problems import Problems, Wrong
from ..words import messages
from ..words.documents import office_of, total_number
from ..words.messages import choices, say
from .fields import FieldContext, Field, Invalid, boolean, moment, parse_fields, text
from .frontmatter import Map, Node, Scalar, Seq


def _positive(node: Node, ctx: FieldContext, name: str) -> int:
    value = values.whole(node.value if isinstance(node, Scalar) else None, least=1)
    if isinstance(value, Wrong):
        raw = node.raw if isinstance(node, Scalar) else say("periodicals.not_a_value")
        raise Invalid(say("periodicals.positive", raw=raw, name=name))  # the field's own advice: number: 12
    return value


def _publication(node: Node, ctx: FieldContext, name: str) -> str:
    found = ctx.settings.names.periodical(text(node, ctx, name))
    if isinstance(found, Unknown):
        raise Invalid(found.message)
    return found.name


def _day(node: Node, ctx: FieldContext, name: str) -> Any:
    return moment(node, ctx, name).day


@dataclass(frozen=True)
class RawItem:
    report: str
    column: str
    line: int
    where: str  # items[2]
    column_line: int


def _items(node: Node, ctx: FieldContext, name: str) -> tuple[RawItem, ...]:
    """A list of report paths or ``{report, column}`` mappings."""
    if isinstance(node, Scalar) and node.value is None:
        return ()
    if not isinstance(node, Seq):
        raise Invalid(say("periodicals.items_list"))
    out = []
    for index, item in enumerate(node.items):
        where = f"{name}[{index}]"
        try:
            out.append(_item(item, ctx, where))
        except Invalid as exc:
            ctx.report(exc.line or item.line, exc.name or where, str(exc))
    return tuple(out)


def _item(item: Node, ctx: FieldContext, where: str) -> RawItem:
    if isinstance(item, Scalar):
        return RawItem(text(item, ctx, where), "", item.line, where, item.line)
    if not isinstance(item, Map):
        raise Invalid(say("periodicals.item_shape"))
    for key, (key_node, _) in item.items.items():
        if key not in ("report", "column"):
            raise Invalid(
                say(
                    "schema.unknown_key",
                    key=key,
                    hint=did_you_mean(key, ("report", "column")),
                    allowed="report, column",
                ),
                key_node.line,
                f"{where}.{key}",
            )
    if "report" not in item.items:
        raise Invalid(say("periodicals.item_no_report"), item.line, f"{where}.report")
    key_node, value = item.items["report"]
    path = text(value, ctx, f"{where}.report")
    column, column_line = "", key_node.line
    if "column" in item.items:
        column_key, column_node = item.items["column"]
        column, column_line = text(column_node, ctx, f"{where}.column"), column_key.line
    return RawItem(path, column, key_node.line, f"{where}.report", column_line)


ISSUE_FIELDS: dict[str, Field] = {
    "publication": Field(_publication, required=True, example="publication: 民政信息"),
    "number": Field(_positive, required=True, example="number: 12"),
    "total": Field(_positive, example="total: 156"),
    "date": Field(_day, required=True, example="date: 2026-03-10"),
    "editor": Field(text, example="editor: 王芳"),
    "signer": Field(text, example="signer: 李明"),
    "items": Field(_items, required=True, example="items: [{report: reports/2026/03/x.md, column: 工作动态}]"),
    "draft": Field(boolean, example="draft: true"),
}


def parse_issue(
    root: Map, body: str, path: str, src_uri: str, settings: Settings, problems: Problems
) -> tuple[Issue | None, dict[str, int]]:
    """One issue file's fields (the file has been read and its text checked by the loader)."""
    ctx = FieldContext(settings, path, problems)
    values, lines = parse_fields(root, ISSUE_FIELDS, ctx)
    periodical = settings.periodical(values["publication"]) if "publication" in values else None
    items: tuple[RawItem, ...] = values.get("items", ())
    if "items" in values and not items and not values.get("draft"):  # a draft is still being put together
        problems.warning(path, lines["items"], "items", say("periodicals.no_items"))
    if periodical is not None:
        for item in items:
            column = pick("column", item.column, periodical.columns) if item.column else ""
            if isinstance(column, Unknown):
                shown = choices(periodical.columns) or say("periodicals.no_columns")
                ctx.report(
                    item.column_line,
                    item.where.replace(".report", "") + ".column",
                    say(
                        "periodicals.unknown_column",
                        value=item.column,
                        name=periodical.name,
                        hint=messages.did_you_mean(column.near),
                        columns=shown,
                    ),
                )
    if ctx.failed or periodical is None or "number" not in values or "date" not in values:
        return None, lines
    issue = Issue(
        path=path,
        src_uri=src_uri,
        publication=periodical.name,
        number=values["number"],
        date=values["date"],
        items=tuple(IssueItem(i.report, _column(i.column, periodical), i.line, i.where) for i in items),
        total=values.get("total"),
        editor=values.get("editor", ""),
        signer=values.get("signer", ""),
        body=body,
        draft=values.get("draft", False),
    )
    return issue, lines


def _column(typed: str, periodical: Periodical) -> str:
    found = pick("column", typed, periodical.columns)
    return typed if isinstance(found, Unknown) else found


# --- across files ---------------------------------------------------------------------------


def _report_uri(typed: str) -> str:
    return posixpath.normpath(typed.strip().replace("\\", "/").lstrip("/")).removeprefix("./")


def link(
    parsed: Iterable[tuple[Issue, dict[str, int]]],
    reports: list[Report],
    report_files: set[str],
    settings: Settings,
    problems: Problems,
    docs_name: str = "content",
) -> tuple[tuple[Issue, ...], list[Report]]:
    """Check issues against each other and the reports; record every item as an adoption.

    ``report_files`` holds the ``src_uri`` of every report file found (also those with
    errors of their own, which are reported there and not again here).
    """
    by_uri = {r.src_uri: r for r in reports}
    numbers: dict[tuple[str, int, int], str] = {}
    totals: dict[tuple[str, int], str] = {}
    placed: dict[tuple[str, str], Issue] = {}  # (publication, report uri) -> issue
    kept: list[Issue] = []
    added: dict[str, list[Adoption]] = {}
    reserved = {f"periodicals/{p.slug}.md": p for p in settings.periodicals}
    for issue, lines in sorted(parsed, key=lambda e: (e[0].publication, e[0].date, e[0].number, e[0].path)):
        before = len(problems.errors)
        _check_numbers(issue, lines, reserved, numbers, totals, problems)
        seen: set[str] = set()
        for item in issue.items:
            uri = _check_item(item, issue, by_uri, report_files, placed, seen, problems, docs_name)
            if uri is not None:
                placed[(issue.publication, uri)] = issue
                adoption = _adoption(issue, item.column, by_uri[uri], settings)
                if adoption is not None:
                    added.setdefault(uri, []).append(adoption)
        if len(problems.errors) == before:
            kept.append(replace(issue, items=tuple(replace(i, report=_report_uri(i.report)) for i in issue.items)))
    linked = [replace(r, adoptions=(*r.adoptions, *added[r.src_uri])) if r.src_uri in added else r for r in reports]
    return tuple(kept), linked


def _check_numbers(
    issue: Issue,
    lines: dict[str, int],
    reserved: dict[str, Periodical],
    numbers: dict[tuple[str, int, int], str],
    totals: dict[tuple[str, int], str],
    problems: Problems,
) -> None:
    """期号 unique per publication and year, 总期号 per publication; no file on a generated address."""
    if issue.src_uri in reserved:
        problems.error(
            issue.path,
            1,
            "file",
            say("periodicals.reserved", name=reserved[issue.src_uri].name, slug=reserved[issue.src_uri].slug),
        )
    key = (issue.publication, issue.date.year, issue.number)
    if key in numbers:
        problems.error(
            issue.path,
            lines.get("number", 1),
            "number",
            say("periodicals.number_taken", label=issue.label, other=numbers[key]),
        )
    numbers.setdefault(key, issue.path)
    if issue.total is None:
        return
    if (issue.publication, issue.total) in totals:
        problems.error(
            issue.path,
            lines.get("total", 1),
            "total",
            say(
                "periodicals.total_taken",
                total=issue.total,
                name=issue.publication,
                other=totals[(issue.publication, issue.total)],
            ),
        )
    totals.setdefault((issue.publication, issue.total), issue.path)


def _check_item(
    raw: IssueItem,
    issue: Issue,
    by_uri: dict[str, Report],
    report_files: set[str],
    placed: dict[tuple[str, str], Issue],
    seen: set[str],
    problems: Problems,
    docs_name: str,
) -> str | None:
    """The report ``src_uri`` of a valid item, else None (after recording the problem)."""
    uri = _report_uri(raw.report)
    if uri not in by_uri:
        if uri in report_files:
            return None  # the report has errors of its own, reported in its file
        problems.error(issue.path, raw.line, raw.where, _missing(uri, by_uri, docs_name))
        return None
    report = by_uri[uri]
    if report.draft:
        problems.error(
            issue.path,
            raw.line,
            raw.where,
            say("periodicals.draft", path=uri),
        )
        return None
    if report.date.date() > issue.date:
        problems.error(
            issue.path,
            raw.line,
            raw.where,
            say("periodicals.after_issue", path=uri, date=f"{report.date:%Y-%m-%d}", issue=issue.date),
        )
        return None
    if uri in seen:
        problems.error(issue.path, raw.line, raw.where, say("periodicals.twice", path=uri))
        return None
    earlier = placed.get((issue.publication, uri))
    if earlier is not None:
        problems.error(
            issue.path,
            raw.line,
            raw.where,
            say("periodicals.elsewhere", path=uri, label=earlier.label, other=earlier.path),
        )
        return None
    seen.add(uri)
    return uri


def _missing(uri: str, by_uri: dict[str, Report], docs_name: str) -> str:
    """The message for an item naming no report, with the likeliest fix."""
    twin = case_twin(uri, by_uri)
    if twin is not None:  # a rename that changed only the case: the nearest name by letters misleads
        return say("safety.case_renamed", path=uri, actual=twin)
    hint = did_you_mean(uri, list(by_uri))
    if uri.startswith(f"{docs_name}/"):
        hint = say("periodicals.relative", path=uri[len(docs_name) + 1 :])
    return say("periodicals.no_report", path=uri, hint=hint)


def _adoption(issue: Issue, column: str, report: Report, settings: Settings) -> Adoption | None:
    """The adoption an item records, or None when the report already carries one with the same by and in."""
    periodical = settings.periodical(issue.publication)
    assert periodical is not None
    if any(a.by == periodical.adopter and a.publication == periodical.name for a in report.adoptions):
        return None
    return Adoption(
        by=periodical.adopter,
        level=settings.adopters[periodical.adopter],
        date=datetime.combine(issue.date, time(), settings.tz),
        form=column,
        publication=periodical.name,
    )


def issues_of(issues: Iterable[Issue], report: Report) -> list[tuple[Issue, str]]:
    """The issues carrying ``report`` and its column in each, by date."""
    return sorted(
        ((i, item.column) for i in issues for item in i.items if item.report == report.src_uri),
        key=lambda ic: (ic[0].date, ic[0].publication),
    )


# --- how an issue is shown (pages and .docx) ----------------------------------------------------

#: A leading ``# 标题`` line of a report body (the item shows the title itself).
H1_RE = re.compile(r"\A\s*#[ \t]+[^\n]*(?:\n|\Z)")


def issue_title(issue: Issue) -> str:
    return f"{issue.label}{total_number(issue.total)}"


def editing_unit(organization: str) -> str:
    """编发单位: the bureau's office, which edits the periodical."""
    return office_of(organization)


@dataclass
class IssueColumn:
    name: str
    anchor: str
    items: list[tuple[int, Report]]  # (item number in the issue, report)


def columns(issue: Issue, periodical: Periodical, reports: dict[str, Report]) -> list[IssueColumn]:
    """The issue's items grouped by column, in the configured column order (items without one last).

    Items are numbered 1, 2, … in that reading order (the table of contents and the .docx agree).
    """
    groups: dict[str, list[Report]] = {name: [] for name in (*periodical.columns, "")}
    for item in issue.items:
        if item.report in reports:
            groups.setdefault(item.column, []).append(reports[item.report])
    out: list[IssueColumn] = []
    number = 0
    for name, listed in sorted(groups.items(), key=lambda kv: kv[0] == ""):
        if listed:
            out.append(IssueColumn(name, f"col-{len(out) + 1}", [(number + i, r) for i, r in enumerate(listed, 1)]))
            number += len(listed)
    return out


def by_year(issues: list[Issue]) -> list[tuple[int, list[Issue]]]:
    """Issues grouped by year, newest year and newest issue first."""
    years: dict[int, list[Issue]] = {}
    for issue in sorted(issues, key=lambda i: (i.date, i.number), reverse=True):
        years.setdefault(issue.date.year, []).append(issue)
    return sorted(years.items(), reverse=True)
