"""The ``remind`` command: wires arguments, environment and clock to :mod:`portal.reminders` and
:mod:`portal.channels`.

Exit codes: 0 all sent (or a dry run), 1 content errors, 2 usage or config
(also an environment variable a channel needs is missing), 3 a channel failed
after its retries.  The other channels still send in every case.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from email.utils import format_datetime
from typing import Any, TextIO

from .channels import TYPE_NAMES, MissingSecret, Outgoing, Sender, deliver, make_sender, outgoing, scrub
from .config import ROOT, reminder_settings
from .dates import DateError, parse_moment
from .messages import say
from .model import Content, Settings
from .reminders import ChannelSettings, Reminder, ReminderSettings, WindowError, align, one_line, parse_window, plan


def add_parser(sub: Any) -> None:
    remind = sub.add_parser("remind", help=say("help.remind"), description=say("help.remind"))
    remind.add_argument("--config", default=argparse.SUPPRESS, help=say("help.config"))
    remind.add_argument("--as-of", dest="as_of", help=say("help.remind_as_of"))
    remind.add_argument("--window", default="15m", help=say("help.window"))
    remind.add_argument("--dry-run", dest="dry_run", action="store_true", help=say("help.dry_run"))
    remind.add_argument("--channel", help=say("help.channel"))


class RemindUsage(Exception):
    pass


def prepare(
    args: argparse.Namespace, raw_portal: object, settings: Settings, site_url: str, now: datetime
) -> tuple[ReminderSettings, datetime, timedelta, list[ChannelSettings]]:
    """Settings, the aligned ``as_of``, the window and the channels to use; :class:`RemindUsage` if wrong."""
    rs, errors = reminder_settings(raw_portal, settings.sections, site_url)
    if rs is None:
        raise RemindUsage("\n".join(say("cli.error", message=f"{key}: {message}") for key, message in errors))
    try:
        window = parse_window(args.window)
        moment = parse_moment(args.as_of, settings.tz).at if args.as_of else now.astimezone(settings.tz)
    except (WindowError, DateError) as exc:
        raise RemindUsage(say("cli.error", message=exc)) from exc
    channels = list(rs.channels)
    if args.channel:
        channels = [c for c in channels if c.name == args.channel]
        if not channels:
            names = "、".join(c.name for c in rs.channels) or say("rules.none_configured")
            raise RemindUsage(say("remind.no_channel", channel=args.channel, names=names))
    if channels and not rs.portal_url:
        raise RemindUsage(say("remind.portal_url", key=f"{ROOT}.reminders.portal_url"))
    return rs, align(moment, window, rs.send_at), window, channels


def remind(
    args: argparse.Namespace,
    raw_portal: object,
    site_url: str,
    use_directory_urls: bool,
    settings: Settings,
    content: Content,
    env: Mapping[str, str],
    now: datetime,
    out: TextIO,
    err: TextIO,
    sleep: Callable[[float], None],
) -> int:
    try:
        rs, as_of, window, channels = prepare(args, raw_portal, settings, site_url, now)
    except RemindUsage as exc:
        print(exc, file=err)
        return 2
    found = plan(settings, rs, content, as_of, window, use_directory_urls)
    print(
        f"提醒：{as_of - window:%Y-%m-%d %H:%M} 至 {as_of:%Y-%m-%d %H:%M}（窗口 {args.window}），共 {len(found)} 条",
        file=out,
    )
    if not channels:
        for reminder in found:
            print(one_line(reminder), file=out)
        if not args.dry_run and found:
            print(say("remind.no_channels", key=f"{ROOT}.reminders.channels"), file=out)
        return 0
    code = 0
    for channel in channels:
        code = max(code, _channel(channel, found, rs, settings, env, now, args.dry_run, out, err, sleep))
    return code


def _channel(
    channel: ChannelSettings,
    found: list[Reminder],
    rs: ReminderSettings,
    settings: Settings,
    env: Mapping[str, str],
    now: datetime,
    dry_run: bool,
    out: TextIO,
    err: TextIO,
    sleep: Callable[[float], None],
) -> int:
    """Send (or list) one channel's messages; the exit code it deserves."""
    items = outgoing(found, channel, rs, settings, format_datetime(now.astimezone(settings.tz)))
    print(f"[{channel.name}] {TYPE_NAMES[channel.type]}：{len(items)} 条", file=out)
    nobody = [r for r in found if r.key not in {i.reminder.key for i in items}]
    for reminder in nobody:
        print(say("remind.nobody", channel=channel.name, title=reminder.title), file=err)
    try:
        sender: Sender = make_sender(channel, env, int(now.timestamp() * 1000))
    except MissingSecret as exc:
        print(say("remind.channel_error", channel=channel.name, message=exc), file=err)
        if dry_run:
            _list(items, out)
        return 2
    if dry_run:
        sender.close()
        _list(items, out)
        return 0
    result = deliver(sender, items, rs.retries, rs.backoff_seconds, sleep)
    for item in result.sent:
        print(scrub(f"  已发送 {_line(item)}", sender.secrets), file=out)
    for message in result.errors:
        print(message, file=err)
    return 3 if result.errors else 0


def _line(item: Outgoing) -> str:
    return f"{item.reminder.subject} → {item.to}"


def _list(items: list[Outgoing], out: TextIO) -> None:
    for item in items:
        print(f"  {_line(item)}", file=out)
