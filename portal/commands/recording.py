"""Recording commands (SPEC §6, issue 24): ``adopt``, ``instruct``, ``reported`` edit one report in place.

Each adds (or sets) one field of one report by a line-level edit (:mod:`portal.content.frontedit`): every other line,
comment and the body stay byte for byte, and so do the file's byte-order mark and line endings.  The edited
text is checked by the same parser as ``check`` before anything is written; any error leaves the file
untouched (exit 1).  The write is atomic (a temporary file beside it, then ``os.replace``).  Then the command
says what changed, line by line, and the report's score before and after, from the real scoring.
"""

from __future__ import annotations

import argparse
import difflib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ..content.discovery import SourceFile
from ..content.frontedit import Layout, Unsupported, append_item, layout, plain, quoted, set_value
from ..content.parsing import parse_report
from ..figures.scoring import urgent_price
from ..figures.tally import evaluate
from ..model.dates import DateError, Moment, parse_moment, period_containing
from ..model.names import Unknown, level_code
from ..model.objects import Content, Report, Settings
from ..model.problems import Problems
from ..utils.files import replace_atomically
from ..words.commands import listed
from ..words.messages import say
from ..words.numbers import number
from ..words.vocabulary import STATUS_LABELS
from .context import EXIT_CONTENT, EXIT_IO, EXIT_OK, Invocation

_BOMS = b"\xef\xbb\xbf"


class Refused(Exception):
    """The command cannot record this: the message (Chinese, from the catalogue) says why; nothing is written."""


def adopt_arguments(adopt: argparse.ArgumentParser) -> None:
    """``adopt``'s arguments besides ``--config`` (the command table adds that, as for each command)."""
    adopt.add_argument("file", help=say("recording.help_file"))
    adopt.add_argument("--by", required=True, help=say("recording.help_adopt_by"))
    adopt.add_argument("--date", help=say("recording.help_adopt_date"))
    adopt.add_argument("--form", default="", help=say("recording.help_form"))
    adopt.add_argument("--in", dest="in_", default="", help=say("recording.help_in"))


def instruct_arguments(instruct: argparse.ArgumentParser) -> None:
    instruct.add_argument("file", help=say("recording.help_file"))
    instruct.add_argument("--by", required=True, help=say("recording.help_instruct_by"))
    instruct.add_argument("--level", required=True, help=say("recording.help_level"))
    instruct.add_argument("--date", help=say("recording.help_instruct_date"))
    instruct.add_argument("--text", default="", help=say("recording.help_text"))


def reported_arguments(reported: argparse.ArgumentParser) -> None:
    reported.add_argument("file", help=say("recording.help_file"))
    reported.add_argument("--at", required=True, help=say("recording.help_at"))


@dataclass(frozen=True)
class Target:
    """The report to edit, as read."""

    source: SourceFile
    data: bytes


@dataclass(frozen=True)
class Edit:
    text: str  # the whole new text (no byte-order mark)
    done: str  # the catalogue key of the first line printed
    moment: datetime  # what was recorded happened then (for the moment the score is taken at)


def record(
    inv: Invocation,
    args: argparse.Namespace,
    settings: Settings,
    docs_dir: str,
    load: Callable[[list[str]], Content],
) -> int:
    """Run ``adopt``/``instruct``/``reported``; 0 recorded, 1 refused (the file untouched), 4 cannot write.

    ``load(months)`` loads the site's content (those months' reports at least) for the scores.
    """
    out, err, now = inv.out, inv.err, inv.now
    try:
        target = find_target(args.file, inv.root, docs_dir)
        before = _checked(inv, target, settings, "recording.file_errors")
        edit = _edit(args, target, before, settings, now)
        data = _bom(target.data) + edit.text.encode("utf-8")
        after = _checked(inv, Target(target.source, data), settings, "recording.edit_errors")
    except Refused as exc:
        print(exc, file=err)
        return EXIT_CONTENT
    as_of = max(now.astimezone(settings.tz), edit.moment, after.date)
    month = [f"{after.date.year}-{after.date.month:02d}"]
    old = load(month)
    try:
        write_atomically(target.source.abs_path, data, target.data)
    except Refused as exc:
        print(exc, file=err)
        return EXIT_CONTENT
    except OSError as exc:
        print(say("recording.cannot_write", path=target.source.path, reason=exc.strerror or exc), file=err)
        return EXIT_IO
    print(say(edit.done, path=target.source.path), file=out)
    for line in changed_lines(target.data.decode("utf-8", "replace"), data.decode("utf-8", "replace")):
        print(line, file=out)
    if args.command == "adopt":
        for line in _same_adopter(before, after):
            print(line, file=out)
    for line in score_lines(old, load(month), after, settings, as_of):
        print(line, file=out)
    return EXIT_OK


def find_target(file: str, root: str, docs_dir: str) -> Target:
    """The report ``file`` names (as given, or from the site's folder or the content folder)."""
    reports = os.path.join(os.path.abspath(docs_dir), "reports")
    given = os.path.expanduser(file)
    found = next(
        (p for p in (given, os.path.join(root, given), os.path.join(docs_dir, given)) if os.path.isfile(p)), None
    )
    if found is None:
        raise Refused(say("recording.no_file", file=file))
    full = os.path.abspath(found)
    inside = os.path.commonpath([os.path.realpath(full), os.path.realpath(reports)]) == os.path.realpath(reports)
    if not inside or not full.endswith(".md") or os.path.basename(full) == "index.md":
        folder = os.path.relpath(reports, root).replace(os.sep, "/")
        raise Refused(say("recording.not_report", file=file, folder=folder))
    path = os.path.relpath(full, root).replace(os.sep, "/")
    src_uri = os.path.relpath(full, docs_dir).replace(os.sep, "/")
    try:
        with open(full, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise Refused(say("recording.unreadable", path=path, reason=exc.strerror or exc)) from exc
    return Target(SourceFile(full, path, src_uri, "reports"), data)


def _checked(inv: Invocation, target: Target, settings: Settings, key: str) -> Report:
    """The report the bytes give, checked as ``check`` checks a file; its warnings printed, errors refused."""
    problems = Problems()
    report, _ = parse_report(target.data, target.source, settings, problems)
    for problem in problems.sorted():
        print(inv.shown(problem), file=inv.err)
    if report is None or problems.errors:
        raise Refused(say(key, path=target.source.path))
    return report


def _bom(data: bytes) -> bytes:
    """The byte-order marks a file starts with (kept as they are)."""
    end = 0
    while data.startswith(_BOMS, end):
        end += len(_BOMS)
    return data[:end]


def _edit(args: argparse.Namespace, target: Target, before: Report, settings: Settings, now: datetime) -> Edit:
    """The new text of the file for the command's options (a :class:`Refused` when an option is wrong)."""
    text = target.data[len(_bom(target.data)) :].decode("utf-8")
    lay = layout(text)
    if lay is None:  # the checked file has a front-matter mapping: not expected
        raise Refused(say("recording.file_errors", path=target.source.path))
    try:
        if args.command == "adopt":
            entry, moment = _adoption(args, settings, now)
            return Edit(append_item(lay, "adopted", entry), "recording.done_adopt", moment)
        if args.command == "instruct":
            entry, moment = _instruction(args, settings, now)
            return Edit(append_item(lay, "instructions", entry), "recording.done_instruct", moment)
        return _reported(args, lay, before, settings, target.source.path)
    except Unsupported as exc:
        field = "adopted" if args.command == "adopt" else "instructions"
        raise Refused(say("recording.block_mapping", path=target.source.path, line=exc.line, field=field)) from exc


def _when(text: str | None, option: str, settings: Settings, now: datetime, need_time: bool = False) -> Moment:
    """An option's date or time (default: today), or :class:`Refused` in the catalogue's words."""
    if text is None:
        return Moment(datetime.combine(now.astimezone(settings.tz).date(), datetime.min.time(), settings.tz), False)
    try:
        moment = parse_moment(text, settings.tz)
    except (DateError, OverflowError) as exc:
        raise Refused(say("recording.bad_date", option=option, value=text)) from exc
    if need_time and not moment.has_time:
        raise Refused(say("recording.needs_time", option=option, value=text, day=moment.day.isoformat()))
    return moment


def written(moment: Moment) -> str:
    """A date or time as the demo and ``new`` write it: ``2026-12-06`` or ``2026-12-06 15:10[:30]``."""
    if not moment.has_time:
        return moment.day.isoformat()
    return moment.at.strftime("%Y-%m-%d %H:%M:%S" if moment.at.second else "%Y-%m-%d %H:%M")


def _required(value: str, option: str) -> str:
    if not value.strip():
        raise Refused(say("recording.empty", option=option))
    return value.strip()


def _adoption(args: argparse.Namespace, settings: Settings, now: datetime) -> tuple[str, datetime]:
    """``{by: 市民政局, date: 2026-12-06, form: 专报, in: 政务晨讯}``: names as configured when they are."""
    by = _required(args.by, "--by")
    by = settings.adopter(by) or by
    moment = _when(args.date, "--date", settings, now)
    parts = [f"by: {plain(by)}", f"date: {written(moment)}"]
    if args.form.strip():
        parts.append(f"form: {plain(args.form.strip())}")
    if args.in_.strip():
        found = settings.names.publication(args.in_, by)
        publication = args.in_.strip() if isinstance(found, Unknown) else found
        parts.append(f"in: {plain(publication)}")
    return "{" + ", ".join(parts) + "}", moment.at


def _instruction(args: argparse.Namespace, settings: Settings, now: datetime) -> tuple[str, datetime]:
    """``{by: "副县长 李华", level: county, date: 2026-12-06, note: "…"}``, the level as its code."""
    by = _required(args.by, "--by")
    level = level_code(args.level)
    if level is None:
        raise Refused(say("recording.bad_level", value=args.level))
    moment = _when(args.date, "--date", settings, now)
    parts = [f"by: {quoted(by)}", f"level: {level}", f"date: {written(moment)}"]
    if args.text.strip():
        parts.append(f"note: {quoted(args.text.strip())}")
    return "{" + ", ".join(parts) + "}", moment.at


def _reported(args: argparse.Namespace, lay: Layout, before: Report, settings: Settings, path: str) -> Edit:
    """``reported_time: 2026-12-06 15:10`` set (after ``event_time`` when it is new) on an urgent report."""
    if not before.urgent:
        raise Refused(say("recording.not_urgent", path=path))
    moment = _when(args.at, "--at", settings, datetime.min, need_time=True)
    return Edit(
        set_value(lay, "reported_time", written(moment), after="event_time"), "recording.done_reported", moment.at
    )


def write_atomically(path: str, data: bytes, expected: bytes) -> None:
    """Replace the file's bytes with ``data`` in one step, keeping its permissions.

    A temporary dot-file in the same folder (MkDocs and the portal skip dot-files) is written, flushed to disk
    and renamed over the file; the rename is refused (:class:`Refused`) when the file no longer holds
    ``expected`` (someone saved it meanwhile).  On any failure the temporary file is removed.
    """
    real = os.path.realpath(path)

    def still_expected(temporary: str) -> None:
        os.chmod(temporary, stat.S_IMODE(os.stat(real).st_mode))
        with open(real, "rb") as current:
            if current.read() != expected:
                raise Refused(say("recording.changed_meanwhile", path=os.path.relpath(real)))

    replace_atomically(real, data, f".{os.path.basename(real)}.", before=still_expected)


def changed_lines(old: str, new: str) -> list[str]:
    """The lines an edit added or changed, numbered as in the new file (and the old lines they replace)."""
    before, after = old.splitlines(), new.splitlines()
    lines: list[str] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            lines += [say("recording.line_was", line=i + 1, text=before[i]) for i in range(i1, i2)]
        if tag == "replace":
            lines += [say("recording.line_now", line=j + 1, text=after[j]) for j in range(j1, j2)]
        elif tag == "insert":
            lines += [say("recording.line_added", line=j + 1, text=after[j]) for j in range(j1, j2)]
    return lines


def _same_adopter(before: Report, after: Report) -> list[str]:
    """A second adoption by a body the report already names is often typed twice: say so."""
    added = after.adoptions[-1].by if after.adoptions else ""
    if added and any(a.by == added for a in before.adoptions):
        return [say("recording.same_adopter", by=added)]
    return []


def score_lines(old: Content, new: Content, report: Report, settings: Settings, as_of: datetime) -> list[str]:
    """The report's points before and after, and for an urgent report its status and price (as of ``as_of``)."""
    if report.draft:
        return [say("recording.score_draft")]
    before, after = evaluate(old, settings, as_of), evaluate(new, settings, as_of)
    if report.path not in after.scores:
        return [say("recording.score_unknown")]
    sections = listed(report.sections)
    where = {
        "sections": sections,
        "period": period_containing(report.date.date()).label,
        "as_of": f"{as_of:%Y-%m-%d %H:%M}",
    }
    points = number(after.scores[report.path].points)
    if report.path in before.scores:
        lines = [say("recording.score", old=number(before.scores[report.path].points), new=points, **where)]
    else:
        lines = [say("recording.score_new", new=points, **where)]
    states = [next((u for u in ev.urgent if u.report.path == report.path), None) for ev in (before, after)]
    if states[0] is not None and states[1] is not None:
        prices = [number(urgent_price(settings, s.report, report.section, s.status)) for s in states]  # type: ignore[union-attr]
        lines.append(
            say(
                "recording.urgent_status",
                old=STATUS_LABELS[states[0].status],
                new=STATUS_LABELS[states[1].status],
                due=f"{states[1].due:%Y-%m-%d %H:%M}",
                sections=sections,
                old_price=prices[0],
                new_price=prices[1],
            )
        )
    return lines
