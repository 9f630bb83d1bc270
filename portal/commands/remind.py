"""The ``remind`` command: wires arguments, environment and clock to :mod:`portal.figures.reminders` and
:mod:`portal.output.channels`.

Exit codes: 0 all sent (or a dry run), 1 content errors, 2 usage or config
(also an environment variable a channel needs is missing, or the state file
cannot be written), 3 a channel failed after its retries (at once for a
refused login).  The other channels still send in every case.

Two modes: without a state file, a run sends the reminders whose trigger lies
in the window it was scheduled for (``--window``, aligned to its grid); with
one (``--state PATH`` or ``extra.portal.reminders.state``), every reminder that
fell due since the last run and was not sent yet (see :mod:`portal.store.remind_state`).
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from email.utils import format_datetime
from typing import TextIO

from ..figures.reminders import (
    Reminder,
    WindowError,
    align,
    fold,
    may_send,
    one_line,
    parse_window,
    plan,
)
from ..model.dates import DateError, parse_moment
from ..model.objects import Content, Settings
from ..model.problems import Problem
from ..model.reminder_settings import ChannelSettings, ReminderSettings
from ..output.channels import MissingSecret, Outgoing, Sender, deliver, make_sender, outgoing, scrub
from ..settings.locate import locate_in_chain
from ..settings.schema import ROOT
from ..store.remind_state import Done, State, StateError, load_state, locked, save
from ..words.commands import listed
from ..words.messages import WARNING_PREFIX, say
from ..words.reminders import CHANNEL_NAMES
from .context import EXIT_CHANNEL, EXIT_OK, EXIT_USAGE, Invocation


def add_arguments(remind: argparse.ArgumentParser) -> None:
    """``remind``'s arguments besides ``--config`` (the command table adds that)."""
    remind.add_argument("--as-of", dest="as_of", help=say("help.remind_as_of"))
    remind.add_argument("--window", default="15m", help=say("help.window"))
    remind.add_argument("--dry-run", dest="dry_run", action="store_true", help=say("help.dry_run"))
    remind.add_argument("--channel", help=say("help.channel"))
    remind.add_argument("--state", help=say("help.state"))


class RemindUsage(Exception):
    """A usage error of ``remind`` (exit 2): its message, from the catalogue."""


@dataclass(frozen=True)
class Prepared:
    """What :func:`prepare` checked before the content is read."""

    rs: ReminderSettings  # ``settings.reminders`` (checked with the other settings), ``portal_url`` filled in
    moment: datetime  # the moment of the run (aligned to the window's grid later, in the window mode)
    window: timedelta
    channels: list[ChannelSettings]  # the channels to use (``--channel``: that one)


def prepare(args: argparse.Namespace, settings: Settings, site_url: str, now: datetime) -> Prepared:
    """The reminder settings, the moment, the window and the channels of this run; :class:`RemindUsage` if an
    option is wrong or the reminders' links need a portal address that is not set.
    """
    rs = settings.reminders
    if not rs.portal_url and site_url:  # extra.portal.reminders.portal_url falls back to MkDocs' site_url
        rs = replace(rs, portal_url=site_url)
    try:
        window = parse_window(args.window)
        moment = parse_moment(args.as_of, settings.tz).at if args.as_of else now.astimezone(settings.tz)
    except (WindowError, DateError) as exc:
        raise RemindUsage(say("cli.error", message=exc)) from exc
    channels = list(rs.channels)
    if args.channel:
        channels = [c for c in channels if c.name == args.channel]
        if not channels:
            names = listed(c.name for c in rs.channels) or say("rules.none_configured")
            raise RemindUsage(say("remind.no_channel", channel=args.channel, names=names))
    if channels and not rs.portal_url:
        raise RemindUsage(say("remind.portal_url", key=f"{ROOT}.reminders.portal_url"))
    return Prepared(rs, moment, window, channels)


def remind(
    inv: Invocation,
    args: argparse.Namespace,
    ready: Prepared,
    settings: Settings,
    content: Content,
    use_directory_urls: bool,
) -> int:
    """Send (or list) the reminders due; the environment, clock, streams and retry wait come from ``inv``."""
    rs, moment, window, out = ready.rs, ready.moment, ready.window, inv.out
    if not rs.calendar.covers(moment.year):
        last = max(rs.calendar.years, default=0)
        print(WARNING_PREFIX + say("reminders.calendar_uncovered", year=moment.year, last=last), file=inv.err)
    run = Run(inv, args, rs, settings, content, use_directory_urls, ready.channels)
    path = state_path(inv, args, rs)
    if path:
        return with_state(run, path, moment)
    as_of = align(moment, window, rs.send_at)
    found = plan(settings, rs, content, as_of, window, use_directory_urls)
    start, end = f"{as_of - window:%Y-%m-%d %H:%M}", f"{as_of:%Y-%m-%d %H:%M}"
    print(say("remind.heading", start=start, end=end, window=args.window, count=len(found)), file=out)
    if not run.channels:
        for reminder in found:
            print(one_line(reminder), file=out)
        if not args.dry_run and found:
            print(say("remind.no_channels", key=f"{ROOT}.reminders.channels"), file=out)
        return EXIT_OK
    code = EXIT_OK
    for channel in run.channels:
        code = max(code, _channel(run, channel, found))
    return code


def _channel(run: Run, channel: ChannelSettings, found: list[Reminder]) -> int:
    """Send (or list) one channel's messages; the exit code it deserves."""
    inv, out, err = run.inv, run.inv.out, run.inv.err
    items = outgoing(found, channel, run.rs, run.settings, format_datetime(inv.now.astimezone(run.settings.tz)))
    print(say("remind.channel", channel=channel.name, type=CHANNEL_NAMES[channel.type], count=len(items)), file=out)
    nobody = [r for r in found if r.key not in {i.reminder.key for i in items}]
    for reminder in nobody:
        print(say("remind.nobody", channel=channel.name, title=reminder.title), file=err)
    try:
        sender: Sender = make_sender(channel, inv.env, int(inv.now.timestamp() * 1000))
    except MissingSecret as exc:
        print(say("remind.channel_error", channel=channel.name, message=exc), file=err)
        if run.args.dry_run:
            _list(items, out)
        return EXIT_USAGE
    if run.args.dry_run:
        sender.close()
        _list(items, out)
        return EXIT_OK
    result = deliver(sender, items, run.rs.retries, run.rs.backoff_seconds, inv.sleep)
    for item in result.sent:
        print(scrub(say("remind.sent", line=_line(item)), sender.secrets), file=out)
    for message in result.errors:
        print(message, file=err)
    return EXIT_CHANNEL if result.errors else EXIT_OK


def _line(item: Outgoing) -> str:
    return f"{item.reminder.subject} → {item.to}"


def _list(items: list[Outgoing], out: TextIO) -> None:
    for item in items:
        print(f"  {_line(item)}", file=out)


# --- with a state file ---------------------------------------------------------------------


@dataclass
class Run:
    """One ``remind`` run's inputs, passed around together (the environment, clock, streams and retry wait are
    the :class:`Invocation`'s).
    """

    inv: Invocation
    args: argparse.Namespace
    rs: ReminderSettings
    settings: Settings
    content: Content
    use_directory_urls: bool
    channels: list[ChannelSettings]
    unsent: list[datetime] = field(default_factory=list)  # trigger moments held back or failed (state mode)


def state_path(inv: Invocation, args: argparse.Namespace, rs: ReminderSettings) -> str:
    """``--state`` as given; the config's ``state`` relative to the folder of ``mkdocs.yml``; "" for none."""
    if args.state:
        return str(args.state)
    if not rs.state:
        return ""
    return os.path.join(inv.root, rs.state)


def state_key(channel: ChannelSettings, item: Outgoing) -> str:
    """One (item, trigger, recipient, channel): the reminder's key holds the item and the trigger."""
    return f"{channel.name}|{item.reminder.key}|{item.to}"


def with_state(run: Run, path: str, moment: datetime) -> int:
    """Send what fell due in ``(state.start, moment]`` and was not sent yet; record each delivery at once."""
    as_of = moment.astimezone(run.settings.tz)
    horizon = timedelta(hours=run.rs.horizon_hours)
    try:
        with locked(path):
            state, notice = load_state(path, as_of, horizon)
            if notice:
                print(notice, file=run.inv.err)
            code = _due(run, path, state, as_of)
            if not run.args.dry_run and run.channels:
                # never backwards (a run --as-of an earlier moment): what was pruned before start stays sent
                held = min([as_of, *(at - timedelta(microseconds=1) for at in run.unsent)])
                state.start = max(state.start, held)
                state.last_run = as_of
                save(path, state)
    except StateError as exc:
        print(say("cli.error", message=exc), file=run.inv.err)
        return EXIT_USAGE
    return code


def _due(run: Run, path: str, state: State, as_of: datetime) -> int:
    window = max(as_of - state.start, timedelta(0))
    found = plan(run.settings, run.rs, run.content, as_of, window, run.use_directory_urls)
    print(say("reminders.state_heading", start=f"{state.start:%Y-%m-%d %H:%M}", end=f"{as_of:%Y-%m-%d %H:%M}",
              path=path, count=len(found)), file=run.inv.out)  # fmt: skip
    if not run.channels:
        for reminder in found:
            print(one_line(reminder), file=run.inv.out)
        return EXIT_OK
    code = EXIT_OK
    for channel in run.channels:
        code = max(code, _channel_with_state(run, channel, found, path, state, as_of))
    return code


def _channel_with_state(
    run: Run, channel: ChannelSettings, found: list[Reminder], path: str, state: State, as_of: datetime
) -> int:
    """One channel: skip what it sent, fold what was overtaken, hold what may not go out now, send the rest."""
    items = outgoing(found, channel, run.rs, run.settings, format_datetime(run.inv.now.astimezone(run.settings.tz)))
    fresh = [i for i in items if state_key(channel, i) not in state.done]
    keep, folded = fold([i.reminder for i in fresh], as_of)
    kept = {r.key for r in keep}
    for item in fresh:
        if item.reminder.key not in kept:
            state.done[state_key(channel, item)] = Done(item.reminder.at, "folded")
    now = [i for i in fresh if i.reminder.key in kept and may_send(i.reminder, as_of, run.rs)]
    held = [i for i in fresh if i.reminder.key in kept and not may_send(i.reminder, as_of, run.rs)]
    print(say("reminders.channel_heading", channel=channel.name, type=CHANNEL_NAMES[channel.type], count=len(now),
              done=len(items) - len(fresh), folded=len(folded), held=len(held)), file=run.inv.out)  # fmt: skip
    run.unsent += [i.reminder.at for i in held]
    try:
        sender: Sender = make_sender(channel, run.inv.env, int(run.inv.now.timestamp() * 1000))
    except MissingSecret as exc:
        print(say("remind.channel_error", channel=channel.name, message=exc), file=run.inv.err)
        run.unsent += [i.reminder.at for i in now]
        return EXIT_USAGE
    if run.args.dry_run:
        sender.close()
        _list(now, run.inv.out)
        return EXIT_OK

    def record(item: Outgoing, how: str) -> None:
        state.done[state_key(channel, item)] = Done(item.reminder.at, how)
        save(path, state)

    result = deliver(sender, now, run.rs.retries, run.rs.backoff_seconds, run.inv.sleep, record)
    for item in result.sent:
        print(scrub(say("remind.sent", line=_line(item)), sender.secrets), file=run.inv.out)
    for message in result.errors:
        print(message, file=run.inv.err)
    delivered = {id(i) for i in result.sent}
    run.unsent += [i.reminder.at for i in now if id(i) not in delivered]
    return EXIT_CHANNEL if result.errors else EXIT_OK


def calendar_warnings(raw_portal: object, settings: Settings, config_file: str, as_of: datetime) -> list[Problem]:
    """``check``'s warning when reminders are configured and the working calendar does not know ``as_of``'s year."""
    raw = raw_portal.get("reminders") if isinstance(raw_portal, dict) else None
    if not isinstance(raw, dict):
        return []
    rs = settings.reminders
    year = as_of.astimezone(settings.tz).year
    if rs.calendar.covers(year):
        return []
    key = f"{ROOT}.reminders.calendar"
    where, line = locate_in_chain(config_file, key if "calendar" in raw else f"{ROOT}.reminders")
    last = max(rs.calendar.years, default=0)
    return [Problem(where, line, key, say("reminders.calendar_uncovered", year=year, last=last), "warning")]
