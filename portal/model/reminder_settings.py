"""``extra.portal.reminders`` after validation (issue 16): who is reminded, through which channels, and when.

Made and checked once, with the other settings, by :func:`portal.settings.reminders.reminder_settings`; it is
the ``reminders`` field of :class:`portal.model.objects.Settings`.  What falls due is decided in
:mod:`portal.figures.reminders`, the sending done by :mod:`portal.output.channels`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time

from ..words.reminders import OFFICE
from .workdays import WorkCalendar, china


@dataclass(frozen=True)
class Recipient:
    """Who a section's (or the office's) reminders reach."""

    name: str = ""
    email: str = ""
    mobile: str = ""
    wecom_userid: str = ""


@dataclass(frozen=True)
class ChannelSettings:
    """One configured channel; secrets are *names* of environment variables."""

    name: str
    type: str  # email | wecom | dingtalk
    host: str = ""
    port: int = 0
    security: str = "starttls"  # ssl | starttls | none
    username: str = ""
    password_env: str = ""
    sender: str = ""
    ca_file: str = ""
    url_env: str = ""
    secret_env: str = ""
    timeout: float = 20


@dataclass(frozen=True)
class ReminderSettings:
    """``extra.portal.reminders`` after validation."""

    portal_url: str = ""
    send_at: time = time(8, 30)
    request_days_before: tuple[int, ...] = (3,)
    request_days_after: tuple[int, ...] = (1,)
    urgent_minutes_before: tuple[int, ...] = (60, 15, 0)
    quota_days_before_month_end: tuple[int, ...] = (5,)
    digest_weekdays: tuple[int, ...] = (1,)
    retries: int = 3
    backoff_seconds: float = 2
    quiet_hours: tuple[time, time] | None = (time(20, 0), time(8, 0))  # [start, end): no message but urgent ones
    urgent_in_quiet_hours: bool = True  # the 2-hour rule does not sleep
    calendar: WorkCalendar = field(default_factory=china)
    state: str = ""  # the state file (see portal.store.remind_state); "" = window mode
    horizon_hours: float = 24  # without a usable state file: look back this far, never further
    office: Recipient = field(default_factory=lambda: Recipient(name=OFFICE))
    recipients: Mapping[str, Recipient] = field(default_factory=dict)  # configured section name -> recipient
    channels: tuple[ChannelSettings, ...] = ()
