r"""Sending reminders: e-mail over SMTP, 企业微信 and 钉钉 group robots.

Message formats are the published ones:

- 企业微信 group robot: ``POST`` JSON ``{"msgtype": "markdown", "markdown": {"content": …}}`` to the
  webhook address; members are mentioned in the markdown with ``<@userid>``.
- 钉钉 custom robot: ``POST`` JSON ``{"msgtype": "markdown", "markdown": {"title": …, "text": …},
  "at": {"atMobiles": […], "isAtAll": false}}``; the text names each ``@mobile``.  With a signing
  secret the address gains ``timestamp`` (milliseconds) and ``sign`` = url-encoded
  base64(HMAC-SHA256(key=secret, "timestamp\\nsecret")).
- Both answer ``{"errcode": 0, "errmsg": "ok"}``; any other errcode is a failure.

Secrets (the SMTP password, the webhook addresses, which hold the robot's key,
and the signing secret) come from environment variables named in the config;
they never appear in what this module returns or raises (:func:`scrub`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import json
import smtplib
import ssl
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

from ..figures.reminders import Reminder
from ..model.objects import Settings
from ..model.reminder_settings import ChannelSettings, Recipient, ReminderSettings
from ..words.messages import say
from ..words.reminders import CHANNEL_NAMES, FOOTER, ROBOT_FOOTER, VIEW, VIEW_DETAILS, robot_recipients


class ChannelError(Exception):
    """One attempt failed; the message never holds a secret (see :func:`scrub`)."""


class Refused(ChannelError):
    """The server took the message for some recipients only: not retried (that would send it twice)."""


class AuthFailed(ChannelError):
    """The server refused the login (SMTP 535): never retried, a mailbox locks after a few failed logins."""


class Unsure(ChannelError):
    """The message went out but no answer came in time: it may have arrived, so it is not sent again."""


class MissingSecret(Exception):
    """An environment variable named in the config is not set."""


# --- who receives what ---------------------------------------------------------------------


def recipients(reminder: Reminder, rs: ReminderSettings, settings: Settings) -> list[Recipient]:
    """The section's recipient (named after its head when not configured) and, if meant for it, the office."""
    out: list[Recipient] = []
    if reminder.section:
        section = settings.section(reminder.section)
        head = section.head if section else ""
        given = rs.recipients.get(reminder.section) or Recipient()
        out.append(Recipient(given.name or head or reminder.section, given.email, given.mobile, given.wecom_userid))
    if reminder.office or not out:
        out.append(rs.office)
    return out


def email_addresses(people: Sequence[Recipient], office: Recipient) -> list[Address]:
    """Each person's address; a section without one falls back to the office's (once)."""
    found: dict[str, Address] = {}
    for person in people:
        who = person if person.email else office
        if who.email and who.email.lower() not in found:
            found[who.email.lower()] = Address(who.name, addr_spec=who.email)
    return list(found.values())


def mobiles(people: Sequence[Recipient]) -> list[str]:
    return list(dict.fromkeys(p.mobile for p in people if p.mobile))


# --- message formats -----------------------------------------------------------------------


def email_message(reminder: Reminder, to: Sequence[Address], sender: str, org: str, date: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = reminder.subject
    message["From"] = Address(org, addr_spec=sender)
    message["To"] = list(to)
    message["Date"] = date
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2])
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office answers to it
    message["X-Auto-Response-Suppress"] = "All"  # the same, for Exchange
    body = [*reminder.lines, "", VIEW.format(link=reminder.link), "", FOOTER]
    message.set_content("\n".join(body) + "\n", charset="utf-8")
    return message


def wecom_payload(reminder: Reminder, people: Sequence[Recipient]) -> dict[str, Any]:
    lines = [f"**{reminder.subject}**", *(f"> {line}" for line in reminder.lines), f"[{VIEW_DETAILS}]({reminder.link})"]
    mentions = " ".join(f"<@{p.wecom_userid}>" for p in people if p.wecom_userid)
    if mentions:
        lines.append(mentions)
    lines.append(ROBOT_FOOTER)
    return {"msgtype": "markdown", "markdown": {"content": "\n".join(lines)}}


def dingtalk_payload(reminder: Reminder, people: Sequence[Recipient]) -> dict[str, Any]:
    at = mobiles(people)
    text = [f"#### {reminder.subject}", *(f"> {line}" for line in reminder.lines), f"[{VIEW_DETAILS}]({reminder.link})"]
    if at:
        text.append(" ".join(f"@{m}" for m in at))
    text.append(ROBOT_FOOTER)
    return {
        "msgtype": "markdown",
        "markdown": {"title": reminder.subject, "text": "\n\n".join(text)},
        "at": {"atMobiles": at, "isAtAll": False},
    }


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    r"""钉钉's ``sign``: url-encoded base64 of HMAC-SHA256(secret, "timestamp\\nsecret")."""
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest))


def signed_url(url: str, secret: str, timestamp_ms: int) -> str:
    joiner = "&" if urllib.parse.urlsplit(url).query else "?"
    return f"{url}{joiner}timestamp={timestamp_ms}&sign={dingtalk_sign(secret, timestamp_ms)}"


def scrub(text: str, secrets: Sequence[str]) -> str:
    """``text`` with every secret (and its url-encoded form) replaced by ``***``."""
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        text = text.replace(secret, "***").replace(urllib.parse.quote_plus(secret), "***")
    return text


# --- senders -------------------------------------------------------------------------------


@dataclass
class Outgoing:
    """One reminder through one channel."""

    reminder: Reminder
    to: str  # who, for the printout (names, addresses or @mobiles)
    payload: Any  # EmailMessage or a JSON-able dict


class Sender:
    """Sends one :class:`Outgoing` per call; raises :class:`ChannelError` on failure."""

    def __init__(self, channel: ChannelSettings, env: Mapping[str, str]) -> None:
        self.channel = channel
        self.secrets: list[str] = []

    def _secret(self, env: Mapping[str, str], name: str) -> str:
        value = env.get(name, "") if name else ""
        if name and not value:
            raise MissingSecret(say("remind.secret_unset", name=name))
        if value:
            self.secrets.append(value)
        return value

    def where(self) -> str:
        return ""

    def send(self, item: Outgoing) -> None:
        raise NotImplementedError

    def close(self) -> None:
        pass


class EmailSender(Sender):
    def __init__(self, channel: ChannelSettings, env: Mapping[str, str]) -> None:
        super().__init__(channel, env)
        self.password = self._secret(env, channel.password_env)
        self.smtp: smtplib.SMTP | None = None

    def where(self) -> str:
        return f"{self.channel.host}:{self.channel.port}"

    def _connect(self) -> smtplib.SMTP:
        c = self.channel
        context = ssl.create_default_context(cafile=c.ca_file or None)
        if c.security == "ssl":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(c.host, c.port, timeout=c.timeout, context=context)
        else:
            smtp = smtplib.SMTP(c.host, c.port, timeout=c.timeout)
        try:
            if c.security == "starttls":
                smtp.starttls(context=context)
            if c.username:
                _login_once(smtp, c.username, self.password)
        except BaseException:
            smtp.close()  # not yet self.smtp: close() would not see it
            raise
        return smtp

    def send(self, item: Outgoing) -> None:
        try:
            if self.smtp is None:
                self.smtp = self._connect()
            refused = self.smtp.send_message(item.payload)
        except smtplib.SMTPAuthenticationError as exc:
            self.close()
            raise AuthFailed(say("reminders.smtp_auth", code=exc.smtp_code, user=self.channel.username)) from exc
        except (smtplib.SMTPException, OSError, ValueError) as exc:
            self.close()
            raise ChannelError(_reason(exc)) from exc
        if refused:
            raise Refused(say("remind.refused_recipients", names=", ".join(sorted(refused))))

    def close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (smtplib.SMTPException, OSError):
                self.smtp.close()
            self.smtp = None


def _login_once(smtp: smtplib.SMTP, user: str, password: str) -> None:
    """One AUTH command with the best mechanism the server offers.

    ``smtplib.SMTP.login`` tries each offered mechanism in turn after a 535: two or three failed
    logins per run, enough for a mail server to lock the mailbox.
    """
    smtp.ehlo_or_helo_if_needed()
    offered = smtp.esmtp_features.get("auth", "").upper().split()
    mechanism = next((m for m in ("CRAM-MD5", "PLAIN", "LOGIN") if m in offered), None)
    if mechanism is None:
        raise smtplib.SMTPNotSupportedError(say("reminders.smtp_no_auth", offered=" ".join(offered) or "—"))
    smtp.user, smtp.password = user, password
    handler = {"CRAM-MD5": smtp.auth_cram_md5, "PLAIN": smtp.auth_plain, "LOGIN": smtp.auth_login}[mechanism]
    smtp.auth(mechanism, handler, initial_response_ok=mechanism != "CRAM-MD5")  # type: ignore[arg-type]


class RobotSender(Sender):
    def __init__(self, channel: ChannelSettings, env: Mapping[str, str], timestamp_ms: int) -> None:
        super().__init__(channel, env)
        self.url = self._secret(env, channel.url_env)
        self.sign = self._secret(env, channel.secret_env)
        self.timestamp_ms = timestamp_ms
        for part in urllib.parse.parse_qsl(urllib.parse.urlsplit(self.url).query):
            self.secrets.append(part[1])  # the robot's key / access_token
        if not urllib.parse.urlsplit(self.url).scheme.startswith("http"):
            raise MissingSecret(say("remind.secret_not_url", name=channel.url_env))

    def where(self) -> str:
        return urllib.parse.urlsplit(self.url).netloc

    def send(self, item: Outgoing) -> None:
        url = signed_url(self.url, self.sign, self.timestamp_ms) if self.sign else self.url
        data = json.dumps(item.payload, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(
            url, data=data, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.channel.timeout) as response:
                answer = response.read()
        except urllib.error.HTTPError as exc:
            raise ChannelError(f"HTTP {exc.code} {exc.reason}") from exc
        except TimeoutError as exc:  # urlopen wraps failures before the request is out in URLError; this one is after
            raise Unsure(say("reminders.robot_timeout", seconds=f"{self.channel.timeout:g}")) from exc
        except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
            raise ChannelError(_reason(exc)) from exc
        try:
            result = json.loads(answer)
        except ValueError as exc:
            raise ChannelError(say("remind.not_json")) from exc
        if not isinstance(result, dict) or result.get("errcode") != 0:
            code = result.get("errcode") if isinstance(result, dict) else None
            message = result.get("errmsg") if isinstance(result, dict) else None
            raise ChannelError(say("remind.refused", code=code, message=message))


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None)
    if isinstance(reason, BaseException):
        exc = reason
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if type(exc).__name__ not in text else text


def make_sender(channel: ChannelSettings, env: Mapping[str, str], timestamp_ms: int) -> Sender:
    if channel.type == "email":
        return EmailSender(channel, env)
    return RobotSender(channel, env, timestamp_ms)


def outgoing(
    reminders: Sequence[Reminder], channel: ChannelSettings, rs: ReminderSettings, settings: Settings, date: str
) -> list[Outgoing]:
    """What a channel sends: one item per reminder, each reminder once."""
    items: list[Outgoing] = []
    seen: set[str] = set()
    for reminder in reminders:
        if reminder.key in seen:
            continue
        seen.add(reminder.key)
        people = recipients(reminder, rs, settings)
        if channel.type == "email":
            to = email_addresses(people, rs.office)
            if not to:
                continue  # nobody with an address: reported by the caller
            payload: Any = email_message(reminder, to, channel.sender, settings.organization, date)
            items.append(Outgoing(reminder, ", ".join(str(a) for a in to), payload))
        elif channel.type == "wecom":
            names = robot_recipients([p.name for p in people])
            items.append(Outgoing(reminder, names, wecom_payload(reminder, people)))
        else:
            at = [f"@{m[:3]}****{m[-4:]}" for m in mobiles(people)]  # printouts land in CI logs: masked
            who = robot_recipients([p.name for p in people], at)
            items.append(Outgoing(reminder, who, dingtalk_payload(reminder, people)))
    return items


@dataclass
class Result:
    sent: list[Outgoing] = field(default_factory=list)  # delivered (or taken for some recipients, or unsure)
    errors: list[str] = field(default_factory=list)


def deliver(
    sender: Sender,
    items: Sequence[Outgoing],
    retries: int,
    backoff: float,
    sleep: Callable[[float], None],
    on_sent: Callable[[Outgoing, str], None] = lambda item, how: None,
) -> Result:
    """Send each item once; retry a failed one up to ``retries`` times (backoff, ×2 each time).

    When an item still fails, the channel counts as down: the rest of its items
    are not tried, and one error names the channel, the reason and what was not sent.
    A refused login stops the channel at once (no retry); a robot that took the
    message but did not answer in time is not sent it again (it counts as sent,
    with an error).  ``on_sent(item, how)`` is called after each item that must not be sent again
    (``how``: "sent", or "unsure" after a robot's timeout).
    """
    result = Result()
    name = f"{sender.channel.name} ({CHANNEL_NAMES[sender.channel.type]} {sender.where()})"
    try:
        for index, item in enumerate(items):
            try:
                reason = _attempts(sender, item, retries, backoff, sleep)
            except (Refused, Unsure) as exc:
                result.sent.append(item)
                on_sent(item, "unsure" if isinstance(exc, Unsure) else "sent")
                result.errors.append(say("remind.item_refused", channel=name, title=item.reminder.title, reason=exc))
                continue
            except AuthFailed as exc:
                unsent = len(items) - index
                result.errors.append(say("reminders.channel_stopped", channel=name, reason=exc, count=unsent))
                break
            if reason is None:
                result.sent.append(item)
                on_sent(item, "sent")
                continue
            unsent = len(items) - index
            result.errors.append(
                say(
                    "remind.gave_up",
                    channel=name,
                    reason=reason,
                    tries=retries + 1,
                    unsent=unsent,
                    title=item.reminder.title,
                )
            )
            break
    finally:
        sender.close()
    result.errors = [scrub(e, sender.secrets) for e in result.errors]
    return result


def _attempts(
    sender: Sender, item: Outgoing, retries: int, backoff: float, sleep: Callable[[float], None]
) -> str | None:
    reason = ""
    for attempt in range(retries + 1):
        if attempt:
            sleep(backoff * 2 ** (attempt - 1))
        try:
            sender.send(item)
            return None
        except (Refused, Unsure, AuthFailed):
            raise
        except ChannelError as exc:
            reason = str(exc)
    return reason
