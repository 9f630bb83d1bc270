"""``extra.portal.reminders`` (issue 16) checked into :class:`ReminderSettings`, once, with the other settings.

The tables are in :mod:`portal.settings.schema` (``REMINDERS``, ``RECIPIENT``, ``CALENDAR``, ``CHANNELS``);
here they are run, the channels item by item, and the parts put together.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime, time
from typing import Any

from ..figures.reminders import in_quiet_hours
from ..model.names import normalize
from ..model.objects import Section
from ..model.reminder_settings import ChannelSettings, Recipient, ReminderSettings
from ..model.workdays import china
from ..words.messages import say
from ..words.reminders import OFFICE
from .checks import Errors, unknown_section, validate
from .schema import CALENDAR, CHANNELS, DEFAULT_PORTS, RECIPIENT, REMINDERS, ROOT, SECRET_KEYS

PATH = f"{ROOT}.reminders"
#: The trigger lists, taken as checked.
_TRIGGERS = (
    "request_days_before",
    "request_days_after",
    "urgent_minutes_before",
    "quota_days_before_month_end",
    "digest_weekdays",
)


def reminder_settings(raw: object, sections: tuple[Section, ...], errors: Errors) -> ReminderSettings | None:
    """``extra.portal.reminders`` (``raw``) checked, or None with every problem appended to ``errors``.

    ``portal_url`` stays ``""`` when not set: the ``remind`` command falls back to MkDocs' ``site_url``.
    """
    found = len(errors)
    values, problems = validate(REMINDERS, raw, PATH)
    errors.extend(problems)
    if problems and not values:
        return None
    office = _recipient(values.get("office") or {"name": OFFICE}, f"{PATH}.office", errors)
    recipients = _recipients(values.get("recipients") or {}, sections, errors)
    channels = _channels(values.get("channels"), f"{PATH}.channels", errors)
    calendar, problems = validate(CALENDAR, values.get("calendar"), f"{PATH}.calendar")
    errors.extend(problems)
    quiet = _quiet(values, errors)
    if len(errors) > found or office is None:
        return None
    return ReminderSettings(
        portal_url=values["portal_url"] or "",
        send_at=_clock(values["send_at"]),
        retries=values["retries"],
        backoff_seconds=values["backoff_seconds"],
        office=office if office.name else replace(office, name=OFFICE),
        recipients=recipients,
        channels=channels,
        quiet_hours=quiet,
        urgent_in_quiet_hours=values["urgent_in_quiet_hours"],
        calendar=china(calendar["holidays"], calendar["workdays"]),
        state=values["state"].strip(),
        horizon_hours=values["horizon_hours"],
        **{key: values[key] for key in _TRIGGERS},
    )


def _recipient(raw: object, path: str, errors: Errors) -> Recipient | None:
    values, problems = validate(RECIPIENT, raw, path)
    errors.extend(problems)
    if problems:
        return None
    return Recipient(values["name"].strip(), values["email"], values["mobile"], values["wecom_userid"])


def _recipients(raw: Mapping[Any, Any], sections: tuple[Section, ...], errors: Errors) -> dict[str, Recipient]:
    """Configured section name -> its recipient; a name that is no section's is a problem."""
    lookup = {normalize(n): s.name for s in sections for n in (s.name, *s.aliases)}
    out: dict[str, Recipient] = {}
    for written, item in raw.items():
        where = f"{PATH}.recipients.{written}"
        section = lookup.get(normalize(str(written)))
        if section is None:
            errors.append((where, unknown_section(written, list(lookup.values()))))
            continue
        recipient = _recipient(item, where, errors)
        if recipient is not None:
            out[section] = recipient
    return out


def _channels(raw: object, path: str, errors: Errors) -> tuple[ChannelSettings, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        errors.append((path, say("config.channels")))
        return ()
    names: set[str] = set()
    channels = (_channel(item, f"{path}[{index}]", names, errors) for index, item in enumerate(raw))
    return tuple(channel for channel in channels if channel is not None)


def _channel(item: object, where: str, names: set[str], errors: Errors) -> ChannelSettings | None:
    """One channel, checked against its type's table; a key that would hold a secret itself says so.

    ``names``: the names of the channels before it (a name used twice is a problem).
    """
    kind = item.get("type") if isinstance(item, dict) else None
    if not isinstance(kind, str) or kind not in CHANNELS:
        errors.append((f"{where}.type", say("config.channel_type", value=kind)))
        return None
    values, problems = validate(CHANNELS[kind], item, where)
    problems = [(key, say("config.secret") if key.rpartition(".")[2] in SECRET_KEYS else m) for key, m in problems]
    if kind != "email" and not values.get("url_env"):
        problems.append((f"{where}.url_env", say("config.url_env")))
    errors.extend(problems)
    if problems:
        return None
    if values["name"] in names:
        errors.append((f"{where}.name", say("config.channel_twice", name=values["name"])))
    names.add(values["name"])
    if kind == "email":
        values["port"] = values["port"] or DEFAULT_PORTS[values["security"]]
        if values["security"] == "none" and (values["password_env"] or values["username"]):
            errors.append((f"{where}.security", say("reminders.password_in_clear")))
    return ChannelSettings(**values)


def _clock(text: str) -> time:
    hours, minutes = text.strip().split(":")
    return time(int(hours), int(minutes))


def _quiet(values: dict[str, Any], errors: Errors) -> tuple[time, time] | None:
    """The quiet hours (None: none); ``send_at`` inside them is an error (day-based reminders would never go out)."""
    given, send_at = values.get("quiet_hours"), values.get("send_at")
    if not given or not isinstance(send_at, str):
        return None
    start, _, end = given.partition("-")
    quiet = (_clock(start), _clock(end))
    if quiet[0] == quiet[1]:
        return None
    if in_quiet_hours(datetime.combine(date(2000, 1, 1), _clock(send_at)), quiet):
        errors.append((f"{PATH}.send_at", say("reminders.send_at_quiet", send_at=send_at, quiet=given)))
    return quiet
