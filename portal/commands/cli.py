"""The command line (SPEC §6): ``check``, ``stats``, ``export``, ``new``, ``public`` (issue 17), ``remind``, and the
recording commands ``adopt``, ``instruct``, ``reported`` (issue 24, :mod:`portal.commands.recording`).

:data:`COMMANDS` is the table: each command's name, help, arguments and handler.  :func:`run` takes the
arguments, the environment and the clock from its caller (``build_stats.py``), reads ``mkdocs.yml`` through
the edge (:func:`portal.edge.site.open_config`: plain values and problems) and hands every handler the same
:class:`~portal.commands.context.Invocation`, so it is testable without patching anything.
Exit codes (:mod:`portal.commands.context`): 0 clean, 1 content errors, 2 usage or config errors, 4
input/output failures, 130 interrupted (3 is ``remind``'s: a channel failed).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TextIO

from ..content.discovery import decodable, shown
from ..content.review import review_problems
from ..edge.site import Site, SiteConfig, load_site, open_config
from ..figures.tally import Tally, evaluate, number, tally, to_json
from ..model.dates import DateError, Period, months_between, parse_period, period_containing, resolve_as_of
from ..model.problems import Problem, summary
from ..store.cache import cache_folder
from ..words.commands import CLAUSES, PARTS, WIDE_COMMA, listed
from ..words.messages import say
from ..words.vocabulary import BREAKDOWN, CLI_SECTION_KEYS, PASSED, SECTION_COLUMNS, H, columns
from . import recording
from .context import EXIT_CONTENT, EXIT_INTERRUPTED, EXIT_IO, EXIT_OK, EXIT_USAGE, Invocation, no_wait
from .recording import record as record_report
from .remind import RemindUsage, calendar_warnings, prepare, remind
from .remind import add_arguments as remind_arguments
from .usage import Parser

if TYPE_CHECKING:
    from ..output.bulletin import Bulletin

__all__ = ["COMMANDS", "Command", "run"]

Handler = Callable[[Invocation, argparse.Namespace, SiteConfig], int]


@dataclass(frozen=True)
class Command:
    """One command: its name, its help (a catalogue key, also its description), the arguments it takes besides
    ``--config`` and its handler.
    """

    name: str
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    handler: Handler
    config_help: bool = True  # the recording commands list ``--config`` without a help line


def run(
    argv: Sequence[str],
    env: dict[str, str],
    now: datetime,
    out: TextIO,
    err: TextIO,
    ask: Callable[[str], str] | None = None,
    sleep: Callable[[float], None] | None = None,
) -> int:
    """Run one command; ``ask`` prompts for missing ``new`` options (None: never prompt).

    Exit codes: 0 clean, 1 content errors, 2 usage or config errors, 4 input/output failures
    (an unwritable output, a full disk), 130 interrupted; 3 is ``remind``'s (a channel failed).
    ``sleep`` waits between a reminder channel's retries (None: no waiting).
    """
    try:
        return _run(argv, env, now, out, err, ask, sleep)
    except KeyboardInterrupt:
        print(say("cli.interrupted"), file=err)
        return EXIT_INTERRUPTED


def _run(
    argv: Sequence[str],
    env: dict[str, str],
    now: datetime,
    out: TextIO,
    err: TextIO,
    ask: Callable[[str], str] | None,
    sleep: Callable[[float], None] | None,
) -> int:
    parser = _parser(out, err)
    undecodable = [a for a in argv if not decodable(a)]  # bytes that are not UTF-8 arrive as surrogates
    if undecodable:
        print(say("cli.error", message=say("safety.argument_not_utf8", argument=shown(undecodable[0]))), file=err)
        return EXIT_USAGE
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:  # --help (0) or a usage error (2), already printed by the parser
        return int(exc.code) if exc.code else EXIT_OK
    invocation = Invocation(env, now, out, err, args.config, ask, sleep or no_wait)
    site_config, problems = open_config(args.config)
    for problem in problems:
        print(problem.format(), file=err)
    if site_config is None:
        return EXIT_USAGE
    return _BY_NAME[args.command].handler(invocation, args, site_config)


def _parser(out: TextIO, err: TextIO) -> argparse.ArgumentParser:
    """The command line's parser, one sub-parser per row of :data:`COMMANDS`; it writes to ``out`` and ``err``."""
    parser = Parser(prog="build_stats.py", description=say("usage.description"), out=out, err=err)
    parser.add_argument("--config", default="mkdocs.yml", metavar=say("usage.metavar.file"), help=say("help.config"))
    sub = parser.add_subparsers(
        dest="command", required=True, title=say("usage.commands"), metavar=say("usage.command")
    )
    for command in COMMANDS:
        text = say(command.help)
        one = sub.add_parser(command.name, help=text, description=text)
        if command.config_help:
            one.add_argument("--config", default=argparse.SUPPRESS, help=say("help.config"))
        else:
            one.add_argument("--config", default=argparse.SUPPRESS)
        command.arguments(one)
    return parser


# --- the arguments of each command ----------------------------------------------------------------------------


def _check_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("--review", action="store_true", help=say("review.help"))
    check.add_argument("files", nargs="*", help=say("review.help_files"))


def _stats_arguments(stats: argparse.ArgumentParser) -> None:
    stats.add_argument("--period", help=say("help.period"))
    stats.add_argument("--as-of", dest="as_of", help=say("help.as_of"))
    stats.add_argument("--json", action="store_true", help=say("help.json"))


def _export_arguments(export: argparse.ArgumentParser) -> None:
    export.add_argument("--period", help=say("help.period"))
    export.add_argument("--as-of", dest="as_of", help=say("help.as_of"))
    export.add_argument("--format", choices=("docx", "xlsx"), help=say("help.format"))
    export.add_argument("-o", "--output", help=say("help.output"))
    export.add_argument("--periodical", help=say("help.periodical"))
    export.add_argument("--number", type=int, help=say("help.number"))
    export.add_argument("--year", type=int, help=say("help.year"))


def _new_arguments(new: argparse.ArgumentParser) -> None:
    new.add_argument("kind", choices=("report", "request", "incident", "periodical"), help=say("help.kind"))
    new.add_argument("--title", help=say("help.title"))
    new.add_argument("--section", help=say("help.section"))
    new.add_argument("--author", default="", help=say("help.author"))
    new.add_argument("--date", help=say("help.date"))
    new.add_argument("--urgent", action="store_true", help=say("help.urgent"))
    new.add_argument("--event-time", dest="event_time", default="", help=say("help.event_time"))
    new.add_argument("--request", default="", help=say("help.request"))
    new.add_argument("--tags", default="", help=say("help.tags"))
    new.add_argument("--issued", help=say("help.issued"))
    new.add_argument("--deadline", help=say("help.deadline"))
    new.add_argument("--sections", default="", help=say("help.sections"))
    new.add_argument("--id", dest="id_", default="", help=say("help.id"))
    new.add_argument("--type", dest="type_", default="", help=say("help.type"))
    new.add_argument("--report", default="", help=say("help.report"))
    new.add_argument("--publication", default="", help=say("help.publication"))
    new.add_argument("--weeks", type=int, default=4, help=say("help.weeks"))


def _public_arguments(public: argparse.ArgumentParser) -> None:
    public.add_argument("-o", "--output", required=True, help=say("help.public_output"))


# --- the handlers ---------------------------------------------------------------------------------------------


def _check(inv: Invocation, args: argparse.Namespace, site_config: SiteConfig) -> int:
    """``check``, and with ``--review`` the merge request's own rules on its files (:mod:`portal.content.review`)."""
    settings, root = site_config.settings, inv.root
    site = _load(inv, site_config, bodies=False, months=None if args.review else [])
    as_of = resolve_as_of(None, inv.env, inv.now, settings.tz)
    calendar = calendar_warnings(site_config.raw_portal, settings, inv.config_file, as_of)
    problems = site.problems.sorted() + calendar
    if args.review:
        files = [os.path.relpath(os.path.abspath(f), root) for f in args.files]
        problems = sorted([*problems, *review_problems(site.content, site.settings, inv.now, root, files)], key=_order)
    _print_problems(inv, problems, site.content.files, inv.out)
    return EXIT_CONTENT if any(p.is_error for p in problems) else EXIT_OK


def _stats(inv: Invocation, args: argparse.Namespace, site_config: SiteConfig) -> int:
    """``stats``: the period's table, or §6's JSON with ``--json``."""
    when = _as_of_and_period(inv, args, site_config)
    if isinstance(when, int):
        return when
    as_of, period = when
    site = _load(inv, site_config, bodies=False, months=_months(period.start, period))
    if _stopped_by_errors(inv, site):
        return EXIT_CONTENT
    result = tally(evaluate(site.content, site.settings, as_of), period)
    if args.json:
        inv.out.write(json.dumps(to_json(result, site.settings), ensure_ascii=False, indent=2) + "\n")
    else:
        inv.out.write(format_table(result, site) + "\n")
    return EXIT_OK


def _export(inv: Invocation, args: argparse.Namespace, site_config: SiteConfig) -> int:
    """``export``: a period's bulletin as .docx or .xlsx, or with ``--periodical`` an issue's .docx."""
    when = _as_of_and_period(inv, args, site_config)
    if isinstance(when, int):
        return when
    as_of, period = when
    if args.periodical:  # an issue's .docx prints its reports' texts
        site = _load(inv, site_config, bodies=True, months=None)
        if _stopped_by_errors(inv, site):
            return EXIT_CONTENT
        from .periodical_commands import export_issue

        return export_issue(inv, args, site.settings, site.content)
    if not (args.format and args.output):
        print(say("cli.export_needs"), file=inv.err)
        return EXIT_USAGE
    site = _load(inv, site_config, bodies=False, months=_months(date(period.start.year, 1, 1), period))
    if _stopped_by_errors(inv, site):
        return EXIT_CONTENT
    from ..output.bulletin import make_bulletin

    evaluation = evaluate(site.content, site.settings, as_of)
    bulletin = make_bulletin(evaluation, period, note=site.content.notes.get(period.key))
    return _write_bulletin(inv, args.format, bulletin, args.output)


def _new(inv: Invocation, args: argparse.Namespace, site_config: SiteConfig) -> int:
    """``new``: a report, request or incident file (asking for what is missing), or a periodical's issue."""
    if args.kind != "periodical":
        return _new_file(inv, args, site_config)
    site = _load(inv, site_config, bodies=False, months=None)
    if _stopped_by_errors(inv, site):
        return EXIT_CONTENT
    from .periodical_commands import new_issue

    try:
        return new_issue(inv, args, site.settings, site.content, site_config.docs_dir)
    except DateError as exc:
        print(say("cli.error", message=exc), file=inv.err)
        return EXIT_USAGE


def _public(inv: Invocation, args: argparse.Namespace, site_config: SiteConfig) -> int:
    """``public``: the public subset of the site, written to ``--output``."""
    site = _load(inv, site_config, bodies=True, months=None)
    if _stopped_by_errors(inv, site):
        return EXIT_CONTENT
    from ..output.web.public import OutputError, public_images, public_reports, public_site, write_public

    docs_dir, output = site_config.docs_dir, args.output
    files: dict[str, str | bytes] = dict(public_site(site.content, site.settings))
    for image in public_images(site.content):  # a missing picture: the page shows its alt text, as the portal's
        with contextlib.suppress(OSError), open(os.path.join(docs_dir, *image.split("/")), "rb") as handle:
            files[image] = handle.read()
    try:
        write_public(files, output, docs_dir)
    except OutputError as exc:
        print(say("cli.error", message=exc), file=inv.err)
        return EXIT_USAGE
    except OSError as exc:
        print(say("cli.cannot_write", output=output, reason=exc.strerror), file=inv.err)
        return EXIT_IO
    print(say("cli.wrote_public", output=output, count=len(public_reports(site.content))), file=inv.out)
    return EXIT_OK


def _remind(inv: Invocation, args: argparse.Namespace, site_config: SiteConfig) -> int:
    """``remind``: usage errors first (exit 2), then content errors (exit 1, nothing sent), then send."""
    settings = site_config.settings
    try:
        ready = prepare(args, settings, site_config.site_url, inv.now)
    except RemindUsage as exc:
        print(exc, file=inv.err)
        return EXIT_USAGE
    site = _load(inv, site_config, bodies=False, months=None)
    if _stopped_by_errors(inv, site):
        return EXIT_CONTENT
    return remind(inv, args, ready, settings, site.content, site_config.use_directory_urls)


def _record(inv: Invocation, args: argparse.Namespace, site_config: SiteConfig) -> int:
    """``adopt``, ``instruct``, ``reported``: one report edited in place, its score from the site's content."""

    def content(months: list[str]) -> Any:
        return _load(inv, site_config, bodies=False, months=months).content

    return record_report(inv, args, site_config.settings, site_config.docs_dir, content)


#: The commands, in the order ``--help`` lists them.
COMMANDS: tuple[Command, ...] = (
    Command("check", "help.check", _check_arguments, _check),
    Command("stats", "help.stats", _stats_arguments, _stats),
    Command("export", "help.export", _export_arguments, _export),
    Command("new", "help.new", _new_arguments, _new),
    Command("public", "help.public", _public_arguments, _public),
    Command("remind", "help.remind", remind_arguments, _remind),
    Command("adopt", "recording.help_adopt", recording.adopt_arguments, _record, config_help=False),
    Command("instruct", "recording.help_instruct", recording.instruct_arguments, _record, config_help=False),
    Command("reported", "recording.help_reported", recording.reported_arguments, _record, config_help=False),
)
_BY_NAME = {command.name: command for command in COMMANDS}


# --- what the handlers share ----------------------------------------------------------------------------------


def _as_of_and_period(
    inv: Invocation, args: argparse.Namespace, site_config: SiteConfig
) -> tuple[datetime, Period] | int:
    """``--as-of`` and ``--period`` (usage errors first: a bad one is exit 2 whatever the content holds)."""
    try:
        as_of = resolve_as_of(args.as_of, inv.env, inv.now, site_config.settings.tz)
        return as_of, period_of(args.period, as_of)
    except DateError as exc:
        print(say("cli.error", message=exc), file=inv.err)
        return EXIT_USAGE


def _months(first: date, period: Period) -> list[str]:
    """The months whose reports a command reads, besides those every period needs (a bulletin also shows the
    year to its period's end).
    """
    return [month.key for month in months_between(first, period.end)]


def _load(inv: Invocation, site_config: SiteConfig, *, bodies: bool, months: list[str] | None) -> Site:
    """The site's content; ``bodies``: only the public subset and an issue's .docx publish report bodies.

    ``months``: see :func:`portal.edge.site.load_site` (an unchanged folder then reads no file; ``[]``: none
    besides those every period needs, as ``check``; None: every report).  The cache folder, when relative, is
    in the site's folder.
    """
    workers = min(os.cpu_count() or 1, 4)  # two or more cores parse large repositories in parallel
    cache_dir = cache_folder(inv.env, inv.root)
    return load_site(
        site_config.engine,
        site_config.settings,
        bodies=bodies,
        workers=workers,
        cache_dir=cache_dir,
        months=months,
        relative_to=inv.root,
    )


def _order(problem: Problem) -> tuple[str, int, str, str]:
    return (problem.path, problem.line, problem.field, problem.message)


def _stopped_by_errors(inv: Invocation, site: Site) -> bool:
    """Print a loaded site's errors (True: the command stops, exit 1), or else its warnings (False)."""
    problems = site.problems.sorted()
    if site.problems.errors:
        _print_problems(inv, problems, site.content.files, inv.err)
        return True
    for problem in problems:
        print(inv.shown(problem), file=inv.err)
    return False


def _print_problems(inv: Invocation, problems: list[Problem], files: int, stream: TextIO) -> None:
    """The problems and their summary line, on ``stream`` (``check``: out; a command stopped by errors: err)."""
    for problem in problems:
        print(inv.shown(problem), file=stream)
    print(summary(problems, files), file=stream)


def _write_bulletin(inv: Invocation, fmt: str, bulletin: Bulletin, output: str) -> int:
    """Write the bulletin; a failed write leaves no partial file behind."""
    from ..output.office.export import write_export  # heavy imports only when exporting

    if os.path.isdir(output):
        example = say("cli.example_bulletin", folder=output.rstrip("/"), fmt=fmt)
        print(say("cli.export_folder", output=output, example=example), file=inv.err)
        return EXIT_USAGE
    try:
        write_export(fmt, bulletin, output)
    except OSError as exc:
        if os.path.isfile(output) and not os.path.islink(output):
            os.unlink(output)  # a truncated document must not be mistaken for the bulletin
        print(say("cli.cannot_write", output=output, reason=exc.strerror or exc), file=inv.err)
        return EXIT_IO
    print(say("cli.wrote", output=output), file=inv.out)
    return EXIT_OK


def _new_file(inv: Invocation, args: argparse.Namespace, site_config: SiteConfig) -> int:
    """``new report|request|incident``: the file written from the options (asked for when missing), checked."""
    from .scaffold import unknown_section, write_or_report

    settings, err = site_config.settings, inv.err
    labels = {
        "title": say("cli.prompt_title"),
        "section": H["section"],
        "deadline": say("cli.prompt_deadline"),
        "event_time": say("cli.prompt_event_time"),
        "type_": say("cli.prompt_type", types=listed(settings.incident_types)),
    }
    wanted = {"report": ["title", "section"], "request": ["title", "deadline"], "incident": ["section", "type_"]}
    needed = wanted[args.kind]
    if args.kind == "report" and args.urgent:
        needed.append("event_time")
    if not _prompt(inv, args, needed, labels):
        return EXIT_USAGE
    missing = [f"--{n.strip('_').replace('_', '-')}" for n in needed if not getattr(args, n)]
    if missing:
        print(say("cli.new_needs", kind=args.kind, options=listed(missing)), file=err)
        return EXIT_USAGE
    refused = unknown_section(settings, args.section) if args.kind in ("report", "incident") else None
    if refused:
        print(refused, file=err)
        return EXIT_CONTENT
    try:
        draft, problems = _draft(inv, args, settings, site_config.docs_dir)
    except DateError as exc:
        print(say("cli.error", message=exc), file=err)
        return EXIT_USAGE
    return write_or_report(inv, draft, problems)


def _prompt(inv: Invocation, args: argparse.Namespace, needed: list[str], labels: dict[str, str]) -> bool:
    """Ask (``inv.ask``) for each missing option; False when the input ends (Ctrl-D), after saying which one."""
    for name in needed:
        if not getattr(args, name) and inv.ask is not None:
            try:
                setattr(args, name, inv.ask(f"{labels[name]}: ").strip())
            except EOFError:
                option = f"--{name.strip('_').replace('_', '-')}"
                print(say("cli.no_answer", label=labels[name], option=option), file=inv.err)
                return False
    return True


def _draft(inv: Invocation, args: argparse.Namespace, settings: Any, docs_dir: str) -> tuple[Any, list[Problem]]:
    """The file ``new`` writes, checked (raises DateError on a bad --date/--issued/--deadline)."""
    from ..model.dates import parse_moment
    from .scaffold import incident_draft, report_draft, report_moment, request_draft

    root, now = inv.root, inv.now
    today = now.astimezone(settings.tz).date()

    def day_of(text: str | None) -> Any:
        return parse_moment(text, settings.tz).day if text else today

    if args.kind == "incident":
        return incident_draft(
            settings, root, docs_dir, section=args.section, type_=args.type_, day=day_of(args.date), report=args.report
        )
    if args.kind == "report":
        return report_draft(
            settings,
            root,
            docs_dir,
            section=args.section,
            title=args.title,
            when=report_moment(args.date, args.event_time if args.urgent else "", now, settings.tz),
            author=args.author,
            urgent=args.urgent,
            event_time=args.event_time,
            request=args.request,
            tags=_names(args.tags),
        )
    return request_draft(
        settings,
        root,
        docs_dir,
        title=args.title,
        issued=day_of(args.issued),
        deadline=parse_moment(args.deadline, settings.tz).day,
        sections=_names(args.sections),
        id_=args.id_,
    )


def _names(text: str) -> tuple[str, ...]:
    """``a,b，c`` (ASCII or full-width commas) as a tuple of names."""
    return tuple(t.strip() for t in text.replace(WIDE_COMMA, ",").split(",") if t.strip())


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def format_table(t: Tally, site: Site) -> str:
    """A readable table of the period's sections (and people)."""
    specs = columns(SECTION_COLUMNS, CLI_SECTION_KEYS)
    cells = [[c.short or c.header for c in specs]] + [[c.text(r) for c in specs] for r in t.sections]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(specs))]
    as_of = f"{t.as_of:%Y-%m-%d %H:%M}"
    organization = site.settings.organization
    lines = [say("stats.heading", organization=organization, period=t.period.label, key=t.period.key, as_of=as_of)]
    for index, row in enumerate(cells):
        lines.append("  ".join(_pad(c, widths[i], right=specs[i].numeric) for i, c in enumerate(row)))
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines += ["", *breakdown_lines(t)]
    if t.people:
        lines.append("")
        people = [say("stats.person", author=p.author, section=p.section, score=number(p.score)) for p in t.people[:10]]
        lines.append(say("stats.people", people=CLAUSES.join(people)))
    if t.overdue:
        lines.append("")
        lines.append(say("stats.overdue", paths=CLAUSES.join(u.report.path for u in t.overdue)))
    return "\n".join(lines)


def breakdown_lines(t: Tally) -> list[str]:
    """``得分构成``: per section, where its score comes from, its incidents and 达标/不达标."""
    lines = [say("stats.breakdown")]
    for row in t.sections:
        parts = [f"{BREAKDOWN[k]} {number(v)}" for k, v in row.breakdown.items()]
        if row.total == "average":
            parts.append(say("stats.average"))
        if row.incidents:
            incidents = listed(say("stats.incident", type=k, count=v) for k, v in row.incidents.items())
            parts.append(say("stats.incidents", incidents=incidents))
        if row.passed is not None:
            parts.append(PASSED[row.passed])
        lines.append(say("stats.section", section=row.section, parts=PARTS.join(parts), score=number(row.score)))
    return lines


def period_of(text: str | None, as_of: datetime) -> Period:
    return parse_period(text) if text else period_containing(as_of.date())
