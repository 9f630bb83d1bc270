"""``export --periodical`` and ``new periodical``: an issue as .docx; the next issue's file.

``new periodical`` lists as commented-out candidates the counted reports of
the last weeks that are in no issue of the publication yet, newest first;
the file is checked with the same reader as every issue before it is written.
"""

from __future__ import annotations

import argparse
import os
from datetime import date, datetime, time, timedelta

from ..model.names import Unknown
from ..model.objects import Content, Issue, Periodical, Settings
from ..model.problems import Problem, Problems
from ..words import commands as words
from ..words import messages
from ..words.messages import say
from .context import EXIT_IO, EXIT_OK, EXIT_USAGE, Invocation
from .scaffold import Draft, _quote


def find_periodical(settings: Settings, typed: str) -> Periodical | None:
    """A periodical by name or slug."""
    return settings.periodical(typed) or next((p for p in settings.periodicals if p.slug == typed.strip()), None)


def _unknown(inv: Invocation, settings: Settings, typed: str) -> int:
    """No periodical is called ``typed``: say which are (exit 2)."""
    found = settings.names.periodical(typed)
    names = [p.name for p in settings.periodicals]
    known = words.listed(names) if names else say("commands.no_periodicals")
    near = messages.did_you_mean(found.near) if isinstance(found, Unknown) else ""
    print(say("commands.unknown_periodical", value=typed, hint=near, known=known), file=inv.err)
    return EXIT_USAGE


def pick_issue(issues: tuple[Issue, ...], periodical: Periodical, number: int, year: int | None) -> Issue | None:
    """第N期 of ``year``, or without a year the latest issue numbered N."""
    found = [
        i
        for i in issues
        if i.publication == periodical.name and i.number == number and (year is None or i.date.year == year)
    ]
    return max(found, key=lambda i: i.date) if found else None


def export_issue(inv: Invocation, args: argparse.Namespace, settings: Settings, content: Content) -> int:
    """``export --periodical NAME --number N [--year Y] [-o FILE]``: one issue as .docx."""
    from ..output.office.periodical_docx import issue_docx

    err = inv.err
    periodical = find_periodical(settings, args.periodical)
    if periodical is None:
        return _unknown(inv, settings, args.periodical)
    if args.number is None:
        print(say("commands.issue_number"), file=err)
        return EXIT_USAGE
    if args.format not in (None, "docx"):
        print(say("commands.issue_docx"), file=err)
        return EXIT_USAGE
    issue = pick_issue(content.issues, periodical, args.number, args.year)
    if issue is None:
        when = say("commands.in_year", year=args.year) if args.year else ""
        print(say("commands.no_issue", name=periodical.name, when=when, number=args.number), file=err)
        return EXIT_USAGE
    output = args.output or f"{periodical.slug}-{issue.date.year}-{issue.number:02d}.docx"
    if os.path.isdir(output):
        example = say("cli.example_issue", folder=output.rstrip("/"))
        print(say("cli.export_folder", output=output, example=example), file=err)
        return EXIT_USAGE
    data = issue_docx(issue, periodical, {r.src_uri: r for r in content.reports}, settings)
    try:
        with open(output, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        if os.path.isfile(output) and not os.path.islink(output):
            os.unlink(output)  # a truncated document must not be mistaken for the issue
        print(say("cli.cannot_write", output=output, reason=exc.strerror or exc), file=err)
        return EXIT_IO
    print(say("cli.wrote", output=output), file=inv.out)
    return EXIT_OK


def issue_draft(
    settings: Settings,
    content: Content,
    root: str,
    docs_dir: str,
    periodical: Periodical,
    day: date,
    weeks: int,
) -> tuple[Draft | None, list[Problem]]:
    """The next issue of ``periodical`` dated ``day``, its candidates commented out."""
    drafts = [i for i in content.drafts if isinstance(i, Issue)]  # a draft's number is taken already
    own = [i for i in (*content.issues, *drafts) if i.publication == periodical.name]
    number = max((i.number for i in own if i.date.year == day.year), default=0) + 1
    totals = [i.total for i in own if i.total is not None]
    placed = {item.report for i in own for item in i.items}
    end = datetime.combine(day, time.max, settings.tz)
    start = datetime.combine(day - timedelta(weeks=weeks), time(), settings.tz)
    candidates = sorted(
        (r for r in content.reports if not r.draft and start <= r.date <= end and r.src_uri not in placed),
        key=lambda r: (r.date, r.src_uri),
        reverse=True,
    )
    column = periodical.columns[0] if periodical.columns else ""
    lines = [f"publication: {_quote(periodical.name)}", f"number: {number}"]
    lines.append(f"total: {max(totals) + 1}" if totals else words.ISSUE_TOTAL)
    lines += [f"date: {day.isoformat()}", words.ISSUE_EDITOR, words.ISSUE_SIGNER, words.ISSUE_DRAFT, "items:"]
    shown = words.listed(periodical.columns) if periodical.columns else words.ISSUE_NO_COLUMNS
    lines.append(words.ISSUE_CANDIDATES.format(weeks=weeks, columns=shown))
    for report in candidates:
        item = f"{{report: {report.src_uri}" + (f", column: {column}}}" if column else "}")
        date_ = f"{report.date:%Y-%m-%d}"
        lines.append(words.ISSUE_CANDIDATE.format(item=item, date=date_, section=report.section, title=report.title))
    if not candidates:
        lines.append(words.ISSUE_NO_CANDIDATES.format(weeks=weeks))
    text = words.ISSUE.format(fields="\n".join(lines))
    folder = os.path.join(docs_dir, "periodicals", periodical.slug)
    full = os.path.join(folder, f"{day.year}-{number:02d}.md")
    rel = os.path.relpath(full, root).replace(os.sep, "/")
    if os.path.exists(full):
        return None, [Problem(rel, 1, "file", say("commands.issue_exists"))]
    return _checked(text, full, rel, docs_dir, settings, content)


def _checked(
    text: str, full: str, rel: str, docs_dir: str, settings: Settings, content: Content
) -> tuple[Draft | None, list[Problem]]:
    from ..content.discovery import SourceFile
    from ..content.parsing import parse_issue_file
    from ..content.periodicals import link

    problems = Problems()
    source = SourceFile(full, rel, os.path.relpath(full, docs_dir).replace(os.sep, "/"), "periodicals")
    parsed, lines = parse_issue_file(text.encode("utf-8"), source, settings, problems)
    if parsed is not None:
        link([(parsed, lines)], list(content.reports), set(), settings, problems)
    if parsed is None or problems.errors:
        return None, problems.errors
    return Draft(rel, text), []


def new_issue(inv: Invocation, args: argparse.Namespace, settings: Settings, content: Content, docs_dir: str) -> int:
    """``new periodical --publication NAME [--date D] [--weeks N]``: the next issue's file, dated today by default
    (raises DateError on a bad ``--date``).
    """
    from ..model.dates import parse_moment
    from .scaffold import write_or_report

    if not args.publication:
        print(say("commands.new_periodical"), file=inv.err)
        return EXIT_USAGE
    periodical = find_periodical(settings, args.publication)
    if periodical is None:
        return _unknown(inv, settings, args.publication)
    day = parse_moment(args.date, settings.tz).day if args.date else inv.now.astimezone(settings.tz).date()
    draft, problems = issue_draft(settings, content, inv.root, docs_dir, periodical, day, args.weeks)
    return write_or_report(inv, draft, problems)
