"""Reminders (提醒) that reach people: which ones fall due in a window, and their text.

Pure: :func:`plan` takes the settings, the content, ``as_of`` and a window
and returns every reminder whose trigger moment lies in ``(as_of − window,
as_of]``.  A reminder's trigger moment depends only on the content (a
deadline day, an urgent event's due time, a month end, a weekday), never on
when the command runs, so running it on a schedule whose interval equals the
window sends each reminder exactly once with no state file.  Whether it is
still needed (nobody has answered yet) is judged by the same evaluation as
the portal (:func:`portal.figures.tally.evaluate`) at ``as_of``.

Sending lives in :mod:`portal.output.channels`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from ..content.discovery import page_url
from ..model.dates import Period, month
from ..model.objects import Content, Request, Settings
from ..model.reminder_settings import ReminderSettings
from ..words import reminders as words
from ..words.messages import say
from .status import UrgentState
from .tally import Evaluation, SectionRow, evaluate, tally

KINDS = ("request_soon", "request_missed", "urgent_soon", "urgent_due", "quota", "digest")
URGENT_KINDS = ("urgent_soon", "urgent_due")
#: The day-based kinds: sent at ``send_at`` on working days only.
DAY_KINDS = ("request_soon", "request_missed", "quota", "digest")
#: The digest lists 约稿 due within this many days ahead, and what went overdue within as many days back.
DIGEST_DAYS = 7


@dataclass(frozen=True)
class Reminder:
    """One message to send: to a section (its head), to the office, or both."""

    key: str  # unique within a plan: kind, item and trigger
    kind: str
    at: datetime  # the trigger moment
    section: str  # configured section name; "" for the office alone
    office: bool  # the office receives it too (or alone)
    title: str  # the item's title
    subject: str
    lines: tuple[str, ...]
    link: str  # absolute when a portal URL is configured, else site-relative
    item: str = ""  # what the reminder is about, for one recipient: a later trigger of the same item overtakes it
    step: int = 0  # the trigger's order within its item (larger: later)
    expires: datetime | None = None  # from then on it is pointless (the deadline passed, the month ended)

    @property
    def urgent(self) -> bool:
        return self.kind in URGENT_KINDS


# --- windows ------------------------------------------------------------------------------

_WINDOW_RE = re.compile(r"(?P<n>[1-9]\d{0,4})(?P<unit>[mhd])")
_UNITS = {"m": timedelta(minutes=1), "h": timedelta(hours=1), "d": timedelta(days=1)}


class WindowError(ValueError):
    pass


def parse_window(text: str) -> timedelta:
    """``15m``, ``1h``, ``1d``: a length that divides a day, or whole days."""
    match = _WINDOW_RE.fullmatch(text.strip())
    if not match:
        raise WindowError(say("remind.window", text=text))
    window = int(match["n"]) * _UNITS[match["unit"]]
    day = timedelta(days=1)
    if (window < day and day % window) or (window > day and window % day):
        raise WindowError(say("remind.window_day", text=text))
    return window


def align(as_of: datetime, window: timedelta, send_at: time) -> datetime:
    """The latest tick of the window's grid at or before ``as_of``.

    Shorter windows tick from local midnight (15m: :00, :15, :30, :45); a day
    or more ticks daily at ``send_at``.  So a scheduled run that starts a few
    minutes late still covers exactly the interval it was scheduled for.
    """
    tz = as_of.tzinfo
    day = timedelta(days=1)
    anchor = time(0) if window < day else send_at
    start = datetime.combine(as_of.date(), anchor, tz)
    if start > as_of:
        start = datetime.combine(as_of.date() - day, anchor, tz)
    step = min(window, day)
    return start + ((as_of - start) // step) * step


def _days(start: datetime, end: datetime) -> Iterator[date]:
    """Every local day whose trigger may land in ``(start, end]``: from a month before ``start`` (days off move a
    day-based trigger later, never by a month) to ``end``'s.
    """
    day = start.date() - timedelta(days=31)
    while day <= end.date():
        yield day
        day += timedelta(days=1)


def in_quiet_hours(moment: datetime, quiet: tuple[time, time] | None) -> bool:
    """Whether ``moment`` lies in the quiet hours ``[start, end)`` (which may cross midnight)."""
    if quiet is None:
        return False
    start, end, now = quiet[0], quiet[1], moment.time().replace(tzinfo=None)
    return start <= now < end if start < end else (now >= start or now < end)


def after_quiet_hours(moment: datetime, quiet: tuple[time, time] | None) -> datetime:
    """``moment``, or the end of the quiet hours it lies in."""
    if not in_quiet_hours(moment, quiet):
        return moment
    assert quiet is not None
    end = datetime.combine(moment.date(), quiet[1], moment.tzinfo)
    return end if end > moment else end + timedelta(days=1)


def may_send(reminder: Reminder, moment: datetime, rs: ReminderSettings) -> bool:
    """Whether a run at ``moment`` may deliver ``reminder``: urgent ones at any hour (unless configured
    otherwise); the others outside the quiet hours, and the day-based ones on working days only.
    """
    if reminder.urgent and rs.urgent_in_quiet_hours:
        return True
    if in_quiet_hours(moment, rs.quiet_hours):
        return False
    return reminder.kind not in DAY_KINDS or rs.calendar.is_workday(moment.date())


# --- the plan -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    settings: Settings
    reminders: ReminderSettings
    ev: Evaluation
    start: datetime  # exclusive
    end: datetime  # inclusive (as_of)
    use_directory_urls: bool

    def within(self, moment: datetime) -> bool:
        return self.start < moment <= self.end

    def at(self, day: date) -> datetime:
        """A day-based trigger of ``day``: ``send_at`` on it, or on the next working day when it is a day off."""
        return datetime.combine(self.reminders.calendar.next_workday(day), self.reminders.send_at, self.end.tzinfo)

    def link(self, src_uri: str) -> str:
        url = page_url(src_uri, self.use_directory_urls)
        base = self.reminders.portal_url
        return f"{base.rstrip('/')}/{url}" if base else f"/{url}"


def plan(
    settings: Settings,
    reminders: ReminderSettings,
    content: Content,
    as_of: datetime,
    window: timedelta,
    use_directory_urls: bool = True,
) -> list[Reminder]:
    """Every reminder whose trigger moment lies in ``(as_of − window, as_of]``, in trigger order.

    Two triggers of one item that land on the same moment (days off or quiet hours moved them) give the later one only.
    """
    end = as_of.astimezone(settings.tz)
    ctx = _Context(settings, reminders, evaluate(content, settings, end), end - window, end, use_directory_urls)
    found = [*_requests(ctx), *_urgent(ctx), *_quota(ctx), *_digest(ctx)]
    latest: dict[tuple[str, datetime], Reminder] = {}
    for reminder in found:
        slot = (reminder.item or reminder.key, reminder.at)
        if slot not in latest or latest[slot].step < reminder.step:
            latest[slot] = reminder
    return sorted(latest.values(), key=lambda r: (r.at, KINDS.index(r.kind), r.section, r.key))


def fold(due: Sequence[Reminder], as_of: datetime) -> tuple[list[Reminder], list[Reminder]]:
    """Split reminders that fell due (and were not sent) into those to send and those overtaken.

    A reminder is overtaken by a later trigger of the same item that is also due (only "已超时" is
    sent, not "还剩 60 分钟" too), and when it expired (its deadline or month is past at ``as_of``).
    """
    last: dict[str, Reminder] = {}
    for reminder in due:
        known = last.get(reminder.item or reminder.key)
        if known is None or (known.at, known.step) < (reminder.at, reminder.step):
            last[reminder.item or reminder.key] = reminder
    keep: list[Reminder] = []
    folded: list[Reminder] = []
    for reminder in due:
        current = last[reminder.item or reminder.key] is reminder
        expired = reminder.expires is not None and as_of >= reminder.expires
        (keep if current and not expired else folded).append(reminder)
    return keep, folded


def _day_after(day: date, tz: tzinfo | None) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), tz)


def _requests(ctx: _Context) -> Iterator[Reminder]:
    for request in ctx.ev.requests:
        status = ctx.ev.request_status[request.id]
        for days in ctx.reminders.request_days_before:
            nominal = request.deadline - timedelta(days=days)
            moment = ctx.at(nominal)
            if ctx.within(moment) and nominal >= request.issued and moment.date() <= request.deadline:
                for section in [s for s, st in status.items() if st == "pending"]:
                    yield _request_soon(ctx, request, section, days, moment)
        for days in ctx.reminders.request_days_after:
            moment = ctx.at(request.deadline + timedelta(days=days))
            if ctx.within(moment):
                for section in [s for s, st in status.items() if st == "missed"]:
                    yield _request_missed(ctx, request, section, days, moment)


def _request_soon(ctx: _Context, request: Request, section: str, days: int, moment: datetime) -> Reminder:
    left = (request.deadline - moment.date()).days  # a day off may have moved the trigger closer
    subject, lines = words.request_soon(request.title, request.id, section, request.deadline, left)
    return _to_section(ctx, request, section, moment, ("request_soon", str(days), -days), subject, lines)


def _request_missed(ctx: _Context, request: Request, section: str, days: int, moment: datetime) -> Reminder:
    late = (moment.date() - request.deadline).days
    subject, lines = words.request_missed(request.title, request.id, section, request.deadline, late)
    trigger = ("request_missed", moment.date().isoformat(), 1000 + days)
    return _to_section(ctx, request, section, moment, trigger, subject, lines)


def _to_section(
    ctx: _Context,
    request: Request,
    section: str,
    moment: datetime,
    trigger: tuple[str, str, int],
    subject: str,
    lines: tuple[str, ...],
) -> Reminder:
    """A request's reminder to one section (not the office): key ``kind:request:section:tail``, link to the request."""
    kind, tail, step = trigger
    return Reminder(
        key=f"{kind}:{request.id}:{section}:{tail}",
        kind=kind,
        at=moment,
        section=section,
        office=False,
        title=request.title,
        subject=subject,
        lines=lines,
        link=ctx.link(request.src_uri),
        item=f"request:{request.id}:{section}",
        step=step,
        expires=_day_after(request.deadline, moment.tzinfo) if kind == "request_soon" else None,
    )


def _urgent(ctx: _Context) -> Iterator[Reminder]:
    rs = ctx.reminders
    for state in ctx.ev.urgent:
        if state.reported_time is not None:
            continue  # reported (as known at as_of): nothing to remind
        for minutes in rs.urgent_minutes_before:
            trigger = state.due - timedelta(minutes=minutes)
            moment = trigger if rs.urgent_in_quiet_hours else after_quiet_hours(trigger, rs.quiet_hours)
            if minutes and moment >= state.due:
                continue  # held by the quiet hours past the due time: "还剩 N 分钟" would be wrong
            if ctx.within(moment) and state.report.date <= moment:  # as a run at that moment saw it
                yield _urgent_reminder(ctx, state, minutes, moment)


def _urgent_reminder(ctx: _Context, state: UrgentState, minutes: int, moment: datetime) -> Reminder:
    report = state.report
    assert report.event_time is not None
    limit = f"{ctx.settings.urgent_limit(report.severity):g}"  # per severity when configured
    kind = "urgent_soon" if minutes else "urgent_due"
    subject, lines = words.urgent(report.title, report.section, report.event_time, state.due, limit, minutes)
    return Reminder(
        key=f"{kind}:{report.path}:{minutes}",
        kind=kind,
        at=moment,
        section=report.section,
        office=True,
        title=report.title,
        subject=subject,
        lines=lines,
        link=ctx.link(report.src_uri),
        item=f"urgent:{report.path}",
        step=-minutes,
        expires=state.due if minutes else None,
    )


def _month_of(day: date) -> Period:
    return month(day.year, day.month)


def _quota(ctx: _Context) -> Iterator[Reminder]:
    for day in _days(ctx.start, ctx.end):
        period = _month_of(day)
        moment = ctx.at(day)
        for days in ctx.reminders.quota_days_before_month_end:
            if period.end - timedelta(days=days) == day and ctx.within(moment) and moment.date() <= period.end:
                rows = sorted(tally(ctx.ev, period).sections, key=lambda r: r.order)
                yield from (_quota_reminder(ctx, row, period, days, moment) for row in rows if row.behind_quota)


def _quota_reminder(ctx: _Context, row: SectionRow, period: Period, days: int, moment: datetime) -> Reminder:
    slug = next(s.slug for s in ctx.settings.sections if s.name == row.section)
    left = (period.end - moment.date()).days
    subject, lines = words.quota(row.section, period.label, row.quota, row.submitted, ctx.end, period.end, left)
    return Reminder(
        key=f"quota:{period.key}:{row.section}:{days}",
        kind="quota",
        at=moment,
        section=row.section,
        office=False,
        title=words.quota_title(row.section, period.label),
        subject=subject,
        lines=lines,
        link=ctx.link(f"sections/{slug}.md"),
        item=f"quota:{period.key}:{row.section}",
        step=-days,
        expires=_day_after(period.end, moment.tzinfo),
    )


def _digest(ctx: _Context) -> Iterator[Reminder]:
    for day in _days(ctx.start, ctx.end):
        moment = ctx.at(day)
        if day.isoweekday() in ctx.reminders.digest_weekdays and ctx.within(moment):
            lines = digest_lines(ctx.ev, moment.date())
            yield Reminder(
                key=f"digest:{day.isoformat()}",
                kind="digest",
                at=moment,
                section="",
                office=True,
                title=words.digest_title(ctx.settings.organization),
                subject=words.digest_subject(ctx.settings.organization, moment.date()),
                lines=tuple(lines),
                link=ctx.link("index.md"),
                item="digest",
                step=day.toordinal(),
            )


def digest_lines(ev: Evaluation, day: date) -> list[str]:
    """The office's weekly digest: what still needs action (as known at ``ev.as_of``).

    待报: 约稿 still unanswered whose deadline is within :data:`DIGEST_DAYS` days, urgent events
    not reported yet within their limit.  逾期: 约稿 missed and urgent events overdue whose
    deadline passed within the last :data:`DIGEST_DAYS` days (older ones are in the bulletins).
    """
    due, missed = [], []
    soon, recent = day + timedelta(days=DIGEST_DAYS), day - timedelta(days=DIGEST_DAYS)
    for request in ev.requests:
        status = ev.request_status[request.id]
        pending = [s for s, st in status.items() if st == "pending"]
        late = [s for s, st in status.items() if st == "missed"]
        if pending and request.deadline <= soon:
            due.append(words.digest_request_due(request.title, request.deadline, pending))
        if late and request.deadline >= recent:
            missed.append(words.digest_request_missed(request.title, request.deadline, late))
    for state in ev.urgent:
        if state.status == "pending":
            due.append(words.digest_urgent_due(state.report.title, state.report.section, state.due))
        elif state.status == "overdue" and state.due.date() >= recent:
            missed.append(words.digest_urgent_overdue(state.report.title, state.report.section, state.due))
    return words.digest_lines(ev.as_of, due, missed)


def one_line(reminder: Reminder) -> str:
    """``2026-03-12 08:30  约稿将到期  甲股  《title》  link`` (the dry run without channels)."""
    return words.dry_run_line(
        reminder.at, reminder.kind, reminder.section, reminder.office, reminder.title, reminder.link
    )
