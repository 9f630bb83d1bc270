"""The command line (SPEC §6): ``check``, ``stats``, ``export``, ``new``, ``public`` (issue 17), ``remind``, and the
recording commands ``adopt``, ``instruct``, ``reported`` (issue 24, :mod:`portal.recording`).

:func:`run` takes the arguments, the environment and the clock from its
caller (``build_stats.py``), so it is testable without patching anything.
Exit codes: 0 clean, 1 content errors, 2 usage or config errors, 4 input/output
failures, 130 interrupted (3 is reserved for ``remind``'s channel failures).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TextIO

from ..content.discovery import decodable, shown
from ..content.review import review_problems
from ..edge.mkdocs_text import mkdocs_message
from ..edge.site import ConfigFailure, Site, load_site, read_config, settings_of
from ..figures.tally import Tally, evaluate, number, tally, to_json
from ..model.dates import DateError, Period, months_between, parse_period, period_containing, resolve_as_of
from ..model.problems import Problem, summary
from ..settings.locate import locate_in_chain
from ..store.cache import cache_folder
from ..words.messages import say
from ..words.vocabulary import BREAKDOWN, CLI_SECTION_KEYS, PASSED, SECTION_COLUMNS, H, columns
from .recording import COMMANDS as RECORDING_COMMANDS
from .recording import add_parser as add_recording_parser
from .recording import record as record_report
from .remind import RemindUsage, calendar_warnings, prepare, remind
from .remind import add_parser as add_remind_parser
from .usage import Parser

if TYPE_CHECKING:
    from ..output.bulletin import Bulletin


def _parser() -> argparse.ArgumentParser:
    parser = Parser(prog="build_stats.py", description=say("usage.description"))
    parser.add_argument("--config", default="mkdocs.yml", metavar=say("usage.metavar.file"), help=say("help.config"))
    sub = parser.add_subparsers(
        dest="command", required=True, title=say("usage.commands"), metavar=say("usage.command")
    )
    check = sub.add_parser("check", help=say("help.check"), description=say("help.check"))
    check.add_argument("--config", default=argparse.SUPPRESS, help=say("help.config"))
    check.add_argument("--review", action="store_true", help=say("review.help"))
    check.add_argument("files", nargs="*", help=say("review.help_files"))
    stats = sub.add_parser("stats", help=say("help.stats"), description=say("help.stats"))
    stats.add_argument("--config", default=argparse.SUPPRESS, help=say("help.config"))
    stats.add_argument("--period", help=say("help.period"))
    stats.add_argument("--as-of", dest="as_of", help=say("help.as_of"))
    stats.add_argument("--json", action="store_true", help=say("help.json"))
    export = sub.add_parser("export", help=say("help.export"), description=say("help.export"))
    export.add_argument("--config", default=argparse.SUPPRESS, help=say("help.config"))
    export.add_argument("--period", help=say("help.period"))
    export.add_argument("--as-of", dest="as_of", help=say("help.as_of"))
    export.add_argument("--format", choices=("docx", "xlsx"), help=say("help.format"))
    export.add_argument("-o", "--output", help=say("help.output"))
    export.add_argument("--periodical", help=say("help.periodical"))
    export.add_argument("--number", type=int, help=say("help.number"))
    export.add_argument("--year", type=int, help=say("help.year"))
    new = sub.add_parser("new", help=say("help.new"), description=say("help.new"))
    new.add_argument("--config", default=argparse.SUPPRESS, help=say("help.config"))
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
    public = sub.add_parser("public", help=say("help.public"), description=say("help.public"))
    public.add_argument("--config", default=argparse.SUPPRESS, help=say("help.config"))
    public.add_argument("-o", "--output", required=True, help=say("help.public_output"))
    add_remind_parser(sub)
    add_recording_parser(sub)
    new.add_argument("--publication", default="", help=say("help.publication"))
    new.add_argument("--weeks", type=int, default=4, help=say("help.weeks"))
    return parser


EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
#: 3 is reserved for the reminder channels' failures (``remind``).
EXIT_IO = 4  # cannot read or write outside the content: output, disk, closed streams
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as shells report it)


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
        return _run(argv, env, now, out, err, ask, sleep or (lambda seconds: None))
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
    sleep: Callable[[float], None],
) -> int:
    parser = _parser()
    undecodable = [a for a in argv if not decodable(a)]  # bytes that are not UTF-8 arrive as surrogates
    if undecodable:
        print(say("cli.error", message=say("safety.argument_not_utf8", argument=shown(undecodable[0]))), file=err)
        return EXIT_USAGE
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        config = _read_config(args.config, err)
        settings = settings_of(config)
    except ConfigFailure as exc:
        for problem in exc.problems:
            print(problem.format(), file=err)
        return EXIT_USAGE
    if args.command in ("stats", "export"):
        # usage errors first: a bad --as-of or --period is exit 2 whatever the content holds
        try:
            as_of = resolve_as_of(args.as_of, env, now, settings.tz)
            period = period_of(args.period, as_of)
        except DateError as exc:
            print(say("cli.error", message=exc), file=err)
            return EXIT_USAGE
    issue_export = args.command == "export" and bool(args.periodical)
    done = _without_content(args, config, settings, env, now, out, err, ask, sleep)
    if done is not None:
        return done
    root = os.path.dirname(os.path.abspath(args.config))
    # the public subset and an issue's .docx publish bodies; the rest needs none
    if args.command == "check":
        return _check(args, config, settings, root, env, now, out)
    months = _months_read(args.command, period if args.command in ("stats", "export") else None, issue_export)
    site = _load(config, settings, root, env, bodies=args.command == "public" or issue_export, months=months)
    if _stopped_by_errors(site, root, err):
        return EXIT_CONTENT
    if args.command == "public":
        return _public(site, args.output, out, err)
    if args.command == "new" or issue_export:
        return _periodical_command(args, site, now, out, err)
    return _figures(args, site, as_of, period, out, err)


def _check(
    args: argparse.Namespace, config: Any, settings: Any, root: str, env: dict[str, str], now: datetime, out: TextIO
) -> int:
    """``check``, and with ``--review`` the merge request's own rules on its files (:mod:`portal.review`)."""
    site = _load(config, settings, root, env, bodies=False, months=None if args.review else [])
    as_of = resolve_as_of(None, env, now, settings.tz)
    calendar = calendar_warnings((config.extra or {}).get("portal"), settings, args.config, as_of)
    problems = site.problems.sorted() + calendar
    if args.review:
        files = [os.path.relpath(os.path.abspath(f), root) for f in args.files]
        problems = sorted([*problems, *review_problems(site.content, site.settings, now, root, files)], key=_order)
    _print_problems(problems, site.content.files, root, out)
    return EXIT_CONTENT if any(p.is_error for p in problems) else EXIT_OK


def _order(problem: Problem) -> tuple[str, int, str, str]:
    return (problem.path, problem.line, problem.field, problem.message)


def _stopped_by_errors(site: Site, root: str, err: TextIO) -> bool:
    """Print a loaded site's errors (True: the command stops, exit 1), or else its warnings (False)."""
    problems = site.problems.sorted()
    if site.problems.errors:
        _print_problems(problems, site.content.files, root, err)
        return True
    for problem in problems:
        print(_shown(problem, root), file=err)
    return False


def _without_content(
    args: argparse.Namespace,
    config: Any,
    settings: Any,
    env: dict[str, str],
    now: datetime,
    out: TextIO,
    err: TextIO,
    ask: Callable[[str], str] | None,
    sleep: Callable[[float], None],
) -> int | None:
    """The commands (and usage errors) that do not need the content loaded first; ``None`` for the others."""
    if args.command == "remind":
        return _remind(args, config, settings, env, now, out, err, sleep)
    if args.command in RECORDING_COMMANDS:
        return _record(args, config, settings, env, now, out, err)
    if args.command == "export" and not args.periodical and not (args.format and args.output):
        print(say("cli.export_needs"), file=err)
        return EXIT_USAGE
    if args.command == "new" and args.kind != "periodical":
        return _new(args, config, settings, now, out, err, ask)
    return None


def _figures(args: argparse.Namespace, site: Site, as_of: datetime, period: Period, out: TextIO, err: TextIO) -> int:
    """``stats`` (a table or §6's JSON) or ``export`` (a bulletin file) of a clean site."""
    evaluation = evaluate(site.content, site.settings, as_of)
    if args.command == "stats":
        result = tally(evaluation, period)
        if args.json:
            out.write(json.dumps(to_json(result, site.settings), ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(format_table(result, site) + "\n")
        return EXIT_OK
    from ..output.bulletin import make_bulletin

    return _export(
        args.format, make_bulletin(evaluation, period, note=site.content.notes.get(period.key)), args.output, out, err
    )


def _months_read(command: str, period: Period | None, issue_export: bool) -> list[str] | None:
    """The months whose reports a command reads, besides those every period needs (None: every report).

    ``check`` reads none (its problems are kept whole); a bulletin also shows the year to its end.
    """
    if command == "check":
        return []
    if period is None or issue_export:
        return None
    first = date(period.start.year, 1, 1) if command == "export" else period.start
    return [month.key for month in months_between(first, period.end)]


def _load(
    config: Any, settings: Any, root: str, env: dict[str, str], bodies: bool, months: list[str] | None = None
) -> Site:
    """The site, read from its own folder; ``bodies``: only the public subset publishes report bodies.

    ``months``: see :func:`portal.site.load_site` (an unchanged folder then reads no file).
    """
    cwd = os.getcwd()
    try:
        os.chdir(root)
        # Two or more cores parse large repositories in parallel.
        workers = min(os.cpu_count() or 1, 4)
        return load_site(
            config, settings, bodies=bodies, workers=workers, cache_dir=cache_folder(env, root), months=months
        )
    finally:
        os.chdir(cwd)


def _shown(problem: Problem, root: str) -> str:
    """The problem with its path relative to the current folder (paths are kept relative to the site)."""
    if os.path.abspath(root) == os.getcwd():
        return problem.format()
    path = os.path.relpath(os.path.join(root, problem.path))
    return replace(problem, path=path.replace(os.sep, "/")).format()


def _print_problems(problems: list[Problem], files: int, root: str, stream: TextIO) -> None:
    for problem in problems:
        print(_shown(problem, root), file=stream)
    print(summary(problems, files), file=stream)


def _export(fmt: str, bulletin: Bulletin, output: str, out: TextIO, err: TextIO) -> int:
    """Write the bulletin; a failed write leaves no partial file behind."""
    from ..output.office.export import write_export  # heavy imports only when exporting

    if os.path.isdir(output):
        print(say("cli.export_folder", output=output, example=f"{output.rstrip('/')}/通报.{fmt}"), file=err)
        return EXIT_USAGE
    try:
        write_export(fmt, bulletin, output)
    except OSError as exc:
        if os.path.isfile(output) and not os.path.islink(output):
            os.unlink(output)  # a truncated document must not be mistaken for the bulletin
        print(say("cli.cannot_write", output=output, reason=exc.strerror or exc), file=err)
        return EXIT_IO
    print(say("cli.wrote", output=output), file=out)
    return EXIT_OK


def _public(site: Site, output: str, out: TextIO, err: TextIO) -> int:
    from ..output.web.public import OutputError, public_images, public_reports, public_site, write_public

    docs_dir = site.config.docs_dir
    files: dict[str, str | bytes] = dict(public_site(site.content, site.settings))
    for image in public_images(site.content):  # a missing picture: the page shows its alt text, as the portal's
        with contextlib.suppress(OSError), open(os.path.join(docs_dir, *image.split("/")), "rb") as handle:
            files[image] = handle.read()
    try:
        write_public(files, output, docs_dir)
    except OutputError as exc:
        print(say("cli.error", message=exc), file=err)
        return 2
    except OSError as exc:
        print(say("cli.cannot_write", output=output, reason=exc.strerror), file=err)
        return EXIT_IO
    print(say("cli.wrote_public", output=output, count=len(public_reports(site.content))), file=out)
    return 0


def _new(
    args: argparse.Namespace,
    config: Any,
    settings: Any,
    now: datetime,
    out: TextIO,
    err: TextIO,
    ask: Callable[[str], str] | None,
) -> int:
    from .scaffold import unknown_section, write_or_report

    today = now.astimezone(settings.tz).date()
    labels = {
        "title": "标题",
        "section": H["section"],
        "deadline": "截止日期 YYYY-MM-DD",
        "event_time": "事件发生时间 YYYY-MM-DD HH:MM",
        "type_": "类型（" + "、".join(settings.incident_types) + "）",
    }
    wanted = {"report": ["title", "section"], "request": ["title", "deadline"], "incident": ["section", "type_"]}
    needed = wanted[args.kind]
    if args.kind == "report" and args.urgent:
        needed.append("event_time")
    if not _prompt(args, needed, labels, ask, err):
        return EXIT_USAGE
    missing = [f"--{n.strip('_').replace('_', '-')}" for n in needed if not getattr(args, n)]
    if missing:
        print(say("cli.new_needs", kind=args.kind, options="、".join(missing)), file=err)
        return 2
    refused = unknown_section(settings, args.section) if args.kind in ("report", "incident") else None
    if refused:
        print(refused, file=err)
        return EXIT_CONTENT
    root = os.path.dirname(os.path.abspath(args.config))
    docs_dir = os.path.join(root, config.docs_dir) if not os.path.isabs(config.docs_dir) else config.docs_dir
    try:
        draft, problems = _draft(args, settings, root, docs_dir, today, now)
    except DateError as exc:
        print(say("cli.error", message=exc), file=err)
        return 2
    return write_or_report(draft, problems, root, out, err)


def _prompt(
    args: argparse.Namespace, needed: list[str], labels: dict[str, str], ask: Callable[[str], str] | None, err: TextIO
) -> bool:
    """Ask for each missing option; False when the input ends (Ctrl-D), after saying which one."""
    for name in needed:
        if not getattr(args, name) and ask is not None:
            try:
                setattr(args, name, ask(f"{labels[name]}: ").strip())
            except EOFError:
                option = f"--{name.strip('_').replace('_', '-')}"
                print(say("cli.no_answer", label=labels[name], option=option), file=err)
                return False
    return True


def _draft(
    args: argparse.Namespace, settings: Any, root: str, docs_dir: str, today: Any, now: datetime
) -> tuple[Any, list[Problem]]:
    """The file ``new`` writes, checked (raises DateError on a bad --date/--issued/--deadline)."""
    from ..model.dates import parse_moment
    from .scaffold import incident_draft, report_draft, report_moment, request_draft

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


def _remind(
    args: argparse.Namespace,
    config: Any,
    settings: Any,
    env: dict[str, str],
    now: datetime,
    out: TextIO,
    err: TextIO,
    sleep: Callable[[float], None],
) -> int:
    """``remind``: usage errors first (exit 2), then content errors (exit 1, nothing sent), then send."""
    raw_portal, site_url = (config.extra or {}).get("portal"), config.site_url or ""
    try:
        prepare(args, raw_portal, settings, site_url, now)
    except RemindUsage as exc:
        print(exc, file=err)
        return EXIT_USAGE
    root = os.path.dirname(os.path.abspath(args.config))
    site = _load(config, settings, root, env, bodies=False)
    if _stopped_by_errors(site, root, err):
        return EXIT_CONTENT
    use_directory_urls = config.use_directory_urls
    return remind(args, raw_portal, site_url, use_directory_urls, settings, site.content, env, now, out, err, sleep)


def _record(
    args: argparse.Namespace, config: Any, settings: Any, env: dict[str, str], now: datetime, out: TextIO, err: TextIO
) -> int:
    """``adopt``, ``instruct``, ``reported``: one report edited in place, its score from the site's content."""
    root = os.path.dirname(os.path.abspath(args.config))
    docs_dir = os.path.join(root, config.docs_dir)

    def content(months: list[str]) -> Any:
        return _load(config, settings, root, env, bodies=False, months=months).content

    return record_report(args, settings, root, docs_dir, now, out, err, content, lambda problem: _shown(problem, root))


def _periodical_command(args: argparse.Namespace, site: Site, now: datetime, out: TextIO, err: TextIO) -> int:
    from .periodical_commands import export_issue, new_issue

    if args.command == "export":
        return export_issue(args, site.settings, site.content, out, err)
    docs_dir = site.config.docs_dir
    today = now.astimezone(site.settings.tz).date()
    try:
        return new_issue(args, site.settings, site.content, site.root, docs_dir, today, out, err)
    except DateError as exc:
        print(say("cli.error", message=exc), file=err)
        return 2


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


_CONFIG_VALUE_RE = re.compile(r"Config value '(?P<key>[^']+)': (?P<message>.*)", re.DOTALL)


def _as_problem(config_file: str, record: logging.LogRecord) -> Problem:
    text = record.getMessage().strip()
    match = _CONFIG_VALUE_RE.fullmatch(text)
    key, message = (match["key"], mkdocs_message(match["message"])) if match else ("config", mkdocs_message(text))
    where, line = locate_in_chain(config_file, key) if match else (config_file, 1)
    return Problem(where, line, key, message, "error" if record.levelno >= logging.ERROR else "warning")


def _read_config(config_file: str, err: TextIO) -> Any:
    """:func:`read_config`, with MkDocs' own validation messages as problems.

    MkDocs logs what is wrong with its own keys (``docs_dir``, ``theme``, …)
    and then raises ``Abort`` (a ``SystemExit``); that becomes a
    :class:`ConfigFailure` (exit 2, never a traceback) naming each key.
    MkDocs' warnings are printed as warnings.
    """
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        config = read_config(config_file)
    except SystemExit as exc:  # mkdocs.exceptions.Abort, after logging the reasons
        found = [_as_problem(config_file, record) for record in collect.records]
        errors = [p for p in found if p.is_error] or [replace(p, severity="error") for p in found]
        raise ConfigFailure(errors or [Problem(config_file, 1, "config", str(exc))]) from exc
    finally:
        logger.removeHandler(collect)
    for record in collect.records:
        print(_as_problem(config_file, record).format(), file=err)
    return config


def _names(text: str) -> tuple[str, ...]:
    """``a,b，c`` (ASCII or full-width commas) as a tuple of names."""
    return tuple(t.strip() for t in text.replace("，", ",").split(",") if t.strip())


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
    lines = [f"{site.settings.organization} {t.period.label}（{t.period.key}）  截至 {t.as_of:%Y-%m-%d %H:%M}"]
    for index, row in enumerate(cells):
        lines.append("  ".join(_pad(c, widths[i], right=specs[i].numeric) for i, c in enumerate(row)))
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines += ["", *breakdown_lines(t)]
    if t.people:
        lines.append("")
        lines.append("个人：" + "；".join(f"{p.author}（{p.section}）{number(p.score)}分" for p in t.people[:10]))
    if t.overdue:
        lines.append("")
        lines.append("超时未报的重大紧急事件：" + "；".join(u.report.path for u in t.overdue))
    return "\n".join(lines)


def breakdown_lines(t: Tally) -> list[str]:
    """``得分构成``: per section, where its score comes from, its incidents and 达标/不达标."""
    lines = ["得分构成："]
    for row in t.sections:
        parts = [f"{BREAKDOWN[k]} {number(v)}" for k, v in row.breakdown.items()]
        if row.total == "average":
            parts.append("平均")
        if row.incidents:
            parts.append("扣分事项：" + "、".join(f"{k}{v}次" for k, v in row.incidents.items()))
        if row.passed is not None:
            parts.append(PASSED[row.passed])
        lines.append(f"  {row.section}：{'，'.join(parts)}；得分 {number(row.score)}")
    return lines


def period_of(text: str | None, as_of: datetime) -> Period:
    return parse_period(text) if text else period_containing(as_of.date())
