"""Reminders (issue 16): `build_stats.py remind` against real local servers.

An aiosmtpd SMTP server and http.server robots run on 127.0.0.1 ports,
started and stopped by each test.  The fixture's reminders are worked out by
hand from the trigger rules (defaults: send_at 08:30, 约稿 3 days before the
deadline day and 1 day after it, urgent events 60 and 15 minutes before the
due time and at it, quota 5 days before month end, digest on Mondays).

2026-03-01 is a Sunday, so 2026-03-09 is a Monday.  Sections 甲股 (quota 2),
乙股 (quota 1), 丙股 (quota 0); urgent limit 2 hours.

The day 2026-03-09, i.e. the windows (03-09 00:00, 03-10 00:00]:
- 约稿 YG-2026-01 (deadline 03-12, asks 甲股 and 乙股): 甲股 answered on
  03-05, so at 03-12 − 3 days = 03-09 08:30 only 乙股 is reminded  → 1
- 约稿 YG-2026-02 (deadline 03-08, asks 甲股 and 丙股): 丙股 answered on
  03-07; at 03-08 + 1 day = 03-09 08:30 甲股 has missed it        → 1
- Monday 03-09 08:30: the office's weekly digest                   → 1
- U1 乙股, event 13:00, due 15:00, never reported: 14:00, 14:45, 15:00 → 3
- U2 乙股, event 09:00, due 11:00, reported 10:20: at 10:00 (T−60) it is
  not reported yet → reminded; at 10:45 and 11:00 it is              → 1
- U3 丙股, event 22:00, due 03-10 00:00: 23:00, 23:45, and 00:00 which
  is the window's inclusive end                                      → 3
- U4 甲股, event 03-08 22:00, due 03-09 00:00: every trigger is at or
  before the day's exclusive start                                   → 0
Total 10.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
import os
import socket
import ssl
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from aiosmtpd.controller import Controller

from portal.commands.cli import run
from tests.conftest import PORTAL, make_site, mkdocs_build, report, request

NOW = datetime(2026, 3, 9, 2, 0, tzinfo=timezone.utc)  # the clock, for 钉钉's timestamp
BASE = "https://xxbs.example.gov.cn/portal/"
U1 = "乙股某地突发火情"
U2 = "乙股某村道路塌方"
U3 = "丙股深夜突发事件"
U4 = "甲股昨夜突发事件"

REPORTS = {
    "jia-answer.md": report("甲股答约稿一", section="甲股", date="2026-03-05", request="YG-2026-01"),
    "bing-answer.md": report("丙股答约稿二", section="丙股", date="2026-03-07", request="YG-2026-02"),
    "u1.md": report(U1, section="乙股", date="2026-03-09 13:10", urgent=True, event_time="2026-03-09 13:00"),
    "u2.md": report(
        U2,
        section="乙股",
        date="2026-03-09 09:30",
        urgent=True,
        event_time="2026-03-09 09:00",
        reported_time="2026-03-09 10:20",
    ),
    "u3.md": report(U3, section="丙股", date="2026-03-09 22:05", urgent=True, event_time="2026-03-09 22:00"),
    "u4.md": report(U4, section="甲股", date="2026-03-08 22:10", urgent=True, event_time="2026-03-08 22:00"),
}
REQUESTS = {
    "YG-2026-01.md": request("三月约稿一", issued="2026-03-01", deadline="2026-03-12", sections=["甲股", "乙股"]),
    "YG-2026-02.md": request("三月约稿二", issued="2026-03-02", deadline="2026-03-08", sections=["甲股", "丙股"]),
}
RECIPIENTS = {
    "甲": {"email": "jia@example.org", "mobile": "13800000001"},  # an alias works
    "乙股": {"email": "yi@example.org", "mobile": "13800000002", "wecom_userid": "lisi"},
}
OPENSSL_SELF_SIGNED = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj"]
OPENSSL_SELF_SIGNED += ["/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
OFFICE = {"name": "办公室", "email": "office@example.org", "mobile": "13800000009"}


def site_with(tmp_path: Path, channels: list[dict[str, Any]] | None, **extra: Any) -> Path:
    reminders: dict[str, Any] = {"portal_url": BASE, "office": OFFICE, "recipients": RECIPIENTS, **extra}
    if channels is not None:
        reminders["channels"] = channels
    return make_site(tmp_path, reports=REPORTS, requests=REQUESTS, portal={**PORTAL, "reminders": reminders})


@dataclass
class Outcome:
    code: int
    out: str
    err: str
    sleeps: list[float]


def remind(site: Path, *args: str, env: dict[str, str] | None = None) -> Outcome:
    out, err = io.StringIO(), io.StringIO()
    sleeps: list[float] = []
    cwd = os.getcwd()
    os.chdir(site)
    try:
        code = run(["remind", *args], dict(env or {}), NOW, out, err, None, sleeps.append)
    finally:
        os.chdir(cwd)
    return Outcome(code, out.getvalue(), err.getvalue(), sleeps)


# --- servers -------------------------------------------------------------------------------


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Any]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), parsed))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[int, Mailbox]]:
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port, box
    finally:
        controller.stop()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Hit:
    path: str
    query: dict[str, list[str]]
    body: Any
    content_type: str


def dingtalk_verifies(query: dict[str, list[str]], secret: str) -> bool:
    r"""钉钉's server-side check: sign == base64(HMAC-SHA256(secret, "timestamp\nsecret")) (parse_qs url-decodes)."""
    timestamp = query.get("timestamp", [""])[0]
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    return query.get("sign") == [base64.b64encode(digest).decode()]


class Robot:
    """A local robot endpoint: records each POST; answers with ``statuses`` first, then 200 errcode 0.

    With ``secret`` it checks 钉钉's signature and answers errcode 310000 when it does not verify.
    """

    def __init__(self, statuses: list[int] | None = None, secret: str = "") -> None:
        self.hits: list[Hit] = []
        self.statuses = list(statuses or [])
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                body = json.loads(self.rfile.read(length).decode("utf-8"))
                parts = urlsplit(self.path)
                robot.hits.append(Hit(parts.path, parse_qs(parts.query), body, self.headers["Content-Type"]))
                status = robot.statuses.pop(0) if robot.statuses else 200
                result = {"errcode": 0 if status == 200 else 500, "errmsg": "ok"}
                if secret and not dingtalk_verifies(parse_qs(parts.query), secret):
                    result = {"errcode": 310000, "errmsg": "sign not match"}
                answer = json.dumps(result).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Robot:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def mail_channel(port: int, **extra: Any) -> dict[str, Any]:
    return {"name": "mail", "type": "email", "host": "127.0.0.1", "port": port, "security": "none"} | {
        "sender": "xxbs@example.org",
        **extra,
    }


def ticks(start: datetime, end: datetime, step: timedelta) -> Iterator[datetime]:
    moment = start + step
    while moment <= end:
        yield moment
        moment += step


# --- the acceptance tests ------------------------------------------------------------------


@pytest.mark.slow
def test_a_day_of_15_minute_runs_sends_each_reminder_exactly_once(tmp_path: Path, smtp: tuple[int, Mailbox]) -> None:
    port, box = smtp
    site = site_with(tmp_path, [mail_channel(port)])
    start = datetime(2026, 3, 9, 0, 0)
    for moment in ticks(start, start + timedelta(days=1), timedelta(minutes=15)):  # 96 runs
        result = remind(site, "--window", "15m", "--as-of", f"{moment:%Y-%m-%d %H:%M}")
        assert result.code == 0, result.err
    subjects = [m["Subject"] for _, m in box.messages]
    distinct = {(m["Subject"], m.get_content()) for _, m in box.messages}
    assert len(subjects) == len(distinct) == 10, subjects  # see the module docstring
    by_subject = {m["Subject"]: (to, m) for to, m in box.messages}
    both, office = ["yi@example.org", "office@example.org"], ["office@example.org"]
    expected = {
        "【约稿提醒】《三月约稿一》将于2026年3月12日截止（还有 3 天截止）": ["yi@example.org"],
        "【约稿逾期】《三月约稿二》已过截止日期，尚未报送（逾期 1 天）": ["jia@example.org"],
        "【每周汇总】测试县民政局信息报送（2026年3月9日）": office,
        # issue 26: each trigger has its own subject (T−60 and T−15 used to share one)
        f"【紧急信息】《{U1}》须在15:00前报送（还剩 60 分钟）": both,
        f"【紧急信息】《{U1}》须在15:00前报送（还剩 15 分钟）": both,
        f"【紧急信息超时】《{U1}》已到报送时限，尚未报送": both,
        f"【紧急信息】《{U2}》须在11:00前报送（还剩 60 分钟）": both,
        # 丙股 has no address of its own: the office's, once
        f"【紧急信息】《{U3}》须在00:00前报送（还剩 60 分钟）": office,
        f"【紧急信息】《{U3}》须在00:00前报送（还剩 15 分钟）": office,
        f"【紧急信息超时】《{U3}》已到报送时限，尚未报送": office,
    }
    assert sorted(subjects) == sorted(expected)  # 10 distinct subjects, each once
    for subject, rcpts in expected.items():
        assert by_subject[subject][0] == rcpts, subject
    assert not any(U4 in s for s in subjects)
    bodies = [m.get_content() for _, m in box.messages]
    u1 = [b for b in bodies if U1 in b and "还有 60 分钟" in b]
    assert len(u1) == 1 and "2026年3月9日 13:00" in u1[0] and "2026年3月9日 15:00前报送" in u1[0]
    assert f"查看：{BASE}reports/u1/" in u1[0]
    soon = next(b for b in bodies if "三月约稿一" in b)
    assert "乙股：约稿《三月约稿一》（YG-2026-01）的截止日期是2026年3月12日，还有 3 天截止" in soon
    assert f"查看：{BASE}requests/YG-2026-01/" in soon
    digest = next(b for b in bodies if "截至" in b and "待报" in b)
    # at 08:30: YG-2026-01 waits for 乙股; YG-2026-02 (deadline 03-08, within 7 days) missed by 甲股;
    # U4 (due 00:00) overdue; U1-U3 do not exist yet at 08:30
    assert "约稿《三月约稿一》2026年3月12日截止，未报：乙股" in digest
    assert "约稿《三月约稿二》2026年3月8日已截止，漏报：甲股" in digest
    assert f"紧急信息《{U4}》（甲股）2026年3月9日 00:00超时未报" in digest
    assert U1 not in digest
    for _, message in box.messages:
        assert message["From"].addresses[0].addr_spec == "xxbs@example.org"
        assert message.get_content_charset() == "utf-8"
        assert message["Auto-Submitted"] == "auto-generated"  # issue 26: no out-of-office answers


def test_a_run_that_starts_late_covers_the_interval_it_was_scheduled_for(tmp_path: Path) -> None:
    site = site_with(tmp_path, None)
    # 10:07 is aligned down to 10:00: the window (09:45, 10:00] holds U2's T−60 (10:00)
    late = remind(site, "--window", "15m", "--as-of", "2026-03-09 10:07", "--dry-run")
    assert late.code == 0, late.err
    assert "2026-03-09 09:45 至 2026-03-09 10:00" in late.out
    assert f"2026-03-09 10:00  紧急信息将超时  乙股、办公室  《{U2}》  {BASE}reports/u2/" in late.out
    assert late.out.count("\n") == 2  # the heading and that one reminder


def test_dry_run_without_channels_lists_every_reminder_with_its_title(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports=REPORTS, requests=REQUESTS)  # no reminders config at all: defaults
    result = remind(site, "--window", "1d", "--as-of", "2026-03-09 08:30", "--dry-run")
    assert result.code == 0, result.err
    # (03-08 08:30, 03-09 08:30]: the two 约稿 reminders and the digest at 08:30, U4's 23:00, 23:45, 00:00
    lines = result.out.splitlines()
    assert lines[0] == "提醒：2026-03-08 08:30 至 2026-03-09 08:30（窗口 1d），共 6 条"
    assert lines[1:] == [
        f"2026-03-08 23:00  紧急信息将超时  甲股、办公室  《{U4}》  /reports/u4/",
        f"2026-03-08 23:45  紧急信息将超时  甲股、办公室  《{U4}》  /reports/u4/",
        f"2026-03-09 00:00  紧急信息已超时  甲股、办公室  《{U4}》  /reports/u4/",
        "2026-03-09 08:30  约稿将到期  乙股  《三月约稿一》  /requests/YG-2026-01/",
        "2026-03-09 08:30  约稿已逾期  甲股  《三月约稿二》  /requests/YG-2026-02/",
        "2026-03-09 08:30  每周汇总  办公室  《测试县民政局信息报送每周汇总》  /",
    ]


def test_quota_reminder_five_days_before_month_end(tmp_path: Path) -> None:
    sections = [dict(s, quota=3) if s["name"] == "乙股" else s for s in PORTAL["sections"]]
    reminders = {"portal_url": BASE}
    site = make_site(
        tmp_path, reports=REPORTS, requests=REQUESTS, portal={**PORTAL, "sections": sections, "reminders": reminders}
    )
    # March has 31 days: 31 − 5 = the 26th, 08:30.  甲股 quota 2 with jia-answer and U4 → not behind;
    # 乙股 quota 3 with U1 and U2 → behind by 1; 丙股 quota 0 → never.  03-26 is a Thursday: no digest.
    result = remind(site, "--window", "1d", "--as-of", "2026-03-26 09:00", "--dry-run")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[1:] == [f"2026-03-26 08:30  报送任务未完成  乙股  《乙股2026年3月报送任务》  {BASE}sections/yi/"]


@pytest.mark.slow
def test_dry_run_with_channels_groups_by_channel_and_sends_nothing(tmp_path: Path, smtp: tuple[int, Mailbox]) -> None:
    port, box = smtp
    with Robot() as robot:
        ding = {"name": "群", "type": "dingtalk", "url_env": "DING_URL", "secret_env": "DING_SECRET"}
        site = site_with(tmp_path, [mail_channel(port), ding])
        env = {"DING_URL": f"http://127.0.0.1:{robot.port}/robot/send?access_token=tok", "DING_SECRET": "SECx"}
        result = remind(site, "--window", "15m", "--as-of", "2026-03-09 14:00", "--dry-run", env=env)
        assert robot.hits == []
    assert result.code == 0, result.err
    assert box.messages == []
    assert result.out.splitlines() == [
        "提醒：2026-03-09 13:45 至 2026-03-09 14:00（窗口 15m），共 1 条",
        "[mail] 邮件：1 条",
        f"  【紧急信息】《{U1}》须在15:00前报送（还剩 60 分钟） → 李四 <yi@example.org>, 办公室 <office@example.org>",
        "[群] 钉钉群机器人：1 条",
        # masked in printouts
        f"  【紧急信息】《{U1}》须在15:00前报送（还剩 60 分钟） → 李四、办公室（@138****0002、@138****0009）",
    ]


@pytest.mark.slow
def test_robots_receive_the_published_formats_and_the_dingtalk_signature_verifies(tmp_path: Path) -> None:
    channels = [
        {"name": "wx", "type": "wecom", "url_env": "WECOM_URL"},
        {"name": "dd", "type": "dingtalk", "url_env": "DING_URL", "secret_env": "DING_SECRET"},
    ]
    site = site_with(tmp_path, channels)
    secret = "SEC0123456789abcdef"
    with Robot() as wecom, Robot(secret=secret) as ding:
        env = {
            "WECOM_URL": f"http://127.0.0.1:{wecom.port}/cgi-bin/webhook/send?key=wx-key-123",
            "DING_URL": f"http://127.0.0.1:{ding.port}/robot/send?access_token=dd-token-456",
            "DING_SECRET": secret,
        }
        # (14:30, 14:45]: U1's T−15 alone
        result = remind(site, "--window", "15m", "--as-of", "2026-03-09 14:45", env=env)
    assert result.code == 0, result.err
    subject = f"【紧急信息】《{U1}》须在15:00前报送（还剩 15 分钟）"
    lines = [
        f"乙股：重大紧急事件《{U1}》发生于2026年3月9日 13:00，须在 2 小时内、即2026年3月9日 15:00前报送。",
        "距报送时限还有 15 分钟，目前尚未报送。",
        "报送后请在该信息中填写 reported_time。",
    ]
    link = f"{BASE}reports/u1/"
    [hit] = wecom.hits
    assert hit.path == "/cgi-bin/webhook/send" and hit.query == {"key": ["wx-key-123"]}
    assert hit.content_type == "application/json; charset=utf-8"
    content = "\n".join(
        [f"**{subject}**", *(f"> {x}" for x in lines), f"[查看详情]({link})", "<@lisi>", "—— 信息报送门户自动提醒"]
    )
    assert hit.body == {"msgtype": "markdown", "markdown": {"content": content}}
    [hit] = ding.hits
    assert hit.path == "/robot/send" and hit.query["access_token"] == ["dd-token-456"]
    timestamp = hit.query["timestamp"][0]
    assert timestamp == str(int(NOW.timestamp() * 1000))
    # 钉钉's check: base64(HMAC-SHA256(secret, "timestamp\nsecret")), url-decoded by parse_qs
    expected_sign = base64.b64encode(
        hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    ).decode()
    assert hit.query["sign"] == [expected_sign]
    text = "\n\n".join(
        [
            f"#### {subject}",
            *(f"> {x}" for x in lines),
            f"[查看详情]({link})",
            "@13800000002 @13800000009",
            "—— 信息报送门户自动提醒",
        ]
    )
    assert hit.body == {
        "msgtype": "markdown",
        "markdown": {"title": subject, "text": text},
        "at": {"atMobiles": ["13800000002", "13800000009"], "isAtAll": False},
    }
    for value in ("wx-key-123", "dd-token-456", secret):
        assert value not in result.out + result.err


@pytest.mark.slow
def test_a_failing_robot_is_retried_with_backoff_and_sends_once(tmp_path: Path) -> None:
    site = site_with(tmp_path, [{"name": "wx", "type": "wecom", "url_env": "WECOM_URL"}], backoff_seconds=1.5)
    with Robot(statuses=[500, 503]) as wecom:
        env = {"WECOM_URL": f"http://127.0.0.1:{wecom.port}/cgi-bin/webhook/send?key=k"}
        result = remind(site, "--window", "15m", "--as-of", "2026-03-09 14:45", env=env)
    assert result.code == 0, result.err
    assert len(wecom.hits) == 3 and wecom.hits[0].body == wecom.hits[2].body  # two failures, then accepted
    assert result.sleeps == [1.5, 3.0]  # backoff doubles


def test_a_dead_server_gives_exit_3_and_the_other_channels_still_send(
    tmp_path: Path, smtp: tuple[int, Mailbox]
) -> None:
    port, box = smtp
    dead = free_port()  # nothing listens there
    channels = [
        {"name": "dd", "type": "dingtalk", "url_env": "DING_URL", "secret_env": "DING_SECRET"},
        mail_channel(port),
    ]
    site = site_with(tmp_path, channels, retries=2)
    secret, token = "SECtopsecret987", "access-token-654"
    env = {"DING_URL": f"http://127.0.0.1:{dead}/robot/send?access_token={token}", "DING_SECRET": secret}
    # the day's first 08:30 run: three reminders
    result = remind(site, "--window", "15m", "--as-of", "2026-03-09 08:30", env=env)
    assert result.code == 3
    assert "Traceback" not in result.out + result.err
    assert f"错误：渠道 dd (钉钉群机器人 127.0.0.1:{dead})：" in result.err
    assert "Connection refused" in result.err and "（试了 3 次）；有 3 条提醒没能通过它发出" in result.err
    assert result.sleeps == [2, 4]  # only the first message is tried: the channel is down
    assert len(box.messages) == 3
    for value in (secret, token):
        assert value not in result.out + result.err


def test_a_dead_smtp_server_and_a_missing_secret(tmp_path: Path) -> None:
    dead = free_port()
    # starttls: security none with a password is refused by the config check (issue 26)
    channels = [mail_channel(dead, security="starttls", username="xxbs", password_env="SMTP_PASSWORD")]
    site = site_with(tmp_path, channels, retries=1)
    missing = remind(site, "--window", "15m", "--as-of", "2026-03-09 08:30")
    assert missing.code == 2
    assert "错误：渠道 mail：环境变量 SMTP_PASSWORD 没有设置" in missing.err
    result = remind(site, "--window", "15m", "--as-of", "2026-03-09 08:30", env={"SMTP_PASSWORD": "pw-s3cret"})
    assert result.code == 3 and "Traceback" not in result.err
    assert f"错误：渠道 mail (邮件 127.0.0.1:{dead})：ConnectionRefusedError" in result.err
    assert "pw-s3cret" not in result.out + result.err


def self_signed(tmp_path: Path) -> tuple[Path, ssl.SSLContext]:
    """A certificate for 127.0.0.1 (the client trusts it through ``ca_file``) and the server's TLS context."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run([*OPENSSL_SELF_SIGNED, "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    return cert, server_tls


@pytest.mark.slow
def test_starttls_and_login_with_the_password_from_the_environment(tmp_path: Path) -> None:
    from aiosmtpd.smtp import AuthResult

    cert, server_tls = self_signed(tmp_path)
    seen: list[tuple[str, str]] = []

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        seen.append((data.login.decode(), data.password.decode()))
        return AuthResult(success=data.password == b"pw-s3cret")

    box = Mailbox()
    controller = Controller(
        box,
        hostname="127.0.0.1",
        port=free_port(),
        tls_context=server_tls,
        require_starttls=True,
        authenticator=authenticator,
        auth_required=True,
    )
    controller.start()
    try:
        channel = mail_channel(
            controller.port, security="starttls", ca_file=str(cert), username="xxbs", password_env="SMTP_PASSWORD"
        )
        site = site_with(tmp_path, [channel])
        result = remind(site, "--window", "15m", "--as-of", "2026-03-09 08:30", env={"SMTP_PASSWORD": "pw-s3cret"})
    finally:
        controller.stop()
    assert result.code == 0, result.err
    assert seen[0] == ("xxbs", "pw-s3cret") and len(box.messages) == 3  # 约稿 ×2 and the digest at 08:30
    assert "pw-s3cret" not in result.out + result.err


@pytest.mark.slow
def test_implicit_tls_and_an_untrusted_certificate(tmp_path: Path) -> None:
    cert, server_tls = self_signed(tmp_path)
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port(), ssl_context=server_tls)
    controller.start()
    try:
        trusted = site_with(tmp_path / "a", [mail_channel(controller.port, security="ssl", ca_file=str(cert))])
        result = remind(trusted, "--window", "15m", "--as-of", "2026-03-09 08:30")
        untrusted = site_with(tmp_path / "b", [mail_channel(controller.port, security="ssl")], retries=0)
        refused = remind(untrusted, "--window", "15m", "--as-of", "2026-03-09 08:30")
    finally:
        controller.stop()
    assert result.code == 0, result.err
    assert len(box.messages) == 3  # only the trusted run delivered
    assert refused.code == 3 and "CERTIFICATE_VERIFY_FAILED" in refused.err and "Traceback" not in refused.err


def test_bad_reminder_config_is_exit_2_with_key_paths(tmp_path: Path) -> None:
    bad = {
        "send_at": 830,
        "request_days_before": ["3"],
        "digest_weekdays": [0],
        "recipients": {"丁股": {"email": "x@y.org"}, "甲股": {"mobile": "12345"}},
        "channels": [
            {"name": "m", "type": "mail"},
            {"name": "d", "type": "dingtalk"},
            {"name": "w", "type": "wecom", "url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=leaked-key"},
        ],
        "bogus": 1,
    }
    site = make_site(tmp_path, portal={**PORTAL, "reminders": bad})
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(site)
    try:
        code = run(["check"], {}, NOW, out, err)
    finally:
        os.chdir(cwd)
    assert code == 2
    text = err.getvalue()
    for fragment in (
        "extra.portal.reminders.send_at: 应写成加英文引号的时刻",
        "extra.portal.reminders.request_days_before: 应写成整数的列表",
        "extra.portal.reminders.digest_weekdays: 0 超出范围；请写 1 到 7 之间的数",
        "extra.portal.reminders.recipients.丁股: 没有名为“丁股”的股室",
        "extra.portal.reminders.recipients.甲股.mobile: “12345”不是大陆手机号",
        "extra.portal.reminders.channels[0].type: “mail”不是渠道类型",
        "extra.portal.reminders.channels[1].url_env: 必填",
        "extra.portal.reminders.bogus: 不认识的键",
        "extra.portal.reminders.channels[2].url: 密码、密钥不能写在 mkdocs.yml 里",
        "extra.portal.reminders.channels[2].url_env: 必填",
    ):
        assert fragment in text, (fragment, text)
    assert "leaked-key" not in text


@pytest.mark.slow
def test_mkdocs_build_accepts_the_reminders_config_and_refuses_a_bad_one(tmp_path: Path) -> None:
    good = site_with(tmp_path / "good", [mail_channel(25), {"name": "wx", "type": "wecom", "url_env": "W"}])
    built = mkdocs_build(good)
    assert built.returncode == 0, built.stderr
    assert "13800000002" not in (good / "_site/index.html").read_text(encoding="utf-8")
    bad = make_site(tmp_path / "bad", portal={**PORTAL, "reminders": {"send_at": "8:30"}})
    failed = mkdocs_build(bad)
    assert failed.returncode != 0
    assert "extra.portal.reminders.send_at: 应写成加英文引号的时刻" in failed.stderr
    assert "Traceback" not in failed.stderr


def test_usage_errors(tmp_path: Path) -> None:
    site = site_with(tmp_path, [{"name": "wx", "type": "wecom", "url_env": "W"}], portal_url=None)
    assert remind(site, "--window", "7m").code == 2
    assert "不能整除一天" in remind(site, "--window", "7m").err
    assert "没有名为“dd”的渠道（已配置：wx）" in remind(site, "--channel", "dd").err
    no_url = make_site(
        tmp_path / "b", portal={**PORTAL, "reminders": {"channels": [{"name": "wx", "type": "wecom", "url_env": "W"}]}}
    )
    result = remind(no_url, "--dry-run")
    assert result.code == 2 and "extra.portal.reminders.portal_url：提醒里的链接需要门户的网址" in result.err


def test_ci_files_schedule_the_reminders() -> None:
    import yaml

    from tests.conftest import REPO

    github = yaml.load((REPO / ".github/workflows/nightly.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    crons = [entry["cron"] for entry in github["on"]["schedule"]]
    jobs = github["jobs"]
    # issue 26: the 15m job keeps its state file between runs (the 1d one stays in the window mode)
    commands = {"15m": "python build_stats.py remind --window 15m --state .remind-state/remind.json"}
    commands["1d"] = "python build_stats.py remind --window 1d"
    for window, cron in (("15m", "*/15 * * * *"), ("1d", "30 0 * * *")):
        job = jobs[f"remind-{window}"]
        assert cron in crons
        assert job["if"] == f"github.event.schedule == '{cron}' && vars.PORTAL_REMIND == '{window}'"
        assert commands[window] in [s.get("run") for s in job["steps"]]
        for name in ("PORTAL_SMTP_PASSWORD", "PORTAL_WECOM_WEBHOOK", "PORTAL_DINGTALK_WEBHOOK"):
            assert job["env"][name] == "${{ secrets." + name + " }}"
    # the site is not rebuilt every 15 minutes
    assert jobs["build"]["if"] == "github.event_name != 'schedule' || github.event.schedule == '0 18 * * *'"
    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    for window in ("15m", "1d"):
        job = gitlab[f"remind-{window}"]
        assert job["script"] == [commands[window]]
        assert job["rules"] == [{"if": f'$CI_PIPELINE_SOURCE == "schedule" && $PORTAL_REMIND == "{window}"'}]
    for name in ("check", "pages"):
        assert gitlab[name]["rules"][0] == {"if": "$PORTAL_REMIND", "when": "never"}


@pytest.mark.slow
def test_the_ci_command_runs_on_the_demo_site() -> None:
    from tests.conftest import REPO

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "build_stats.py", "remind", "--window", "1d", "--as-of", "2026-03-26 08:30", "--dry-run"]
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("提醒：2026-03-25 08:30 至 2026-03-26 08:30（窗口 1d）")


def test_windows_align_to_their_grid() -> None:
    from zoneinfo import ZoneInfo

    from portal.figures.reminders import WindowError, align, parse_window

    tz = ZoneInfo("Asia/Shanghai")
    at = datetime(2026, 3, 9, 12, 7, tzinfo=tz)
    send_at = datetime(2026, 1, 1, 8, 30).time()
    # short windows tick from midnight: 12:07 → 12:00 (15m, 1h), 12:00 (30m)
    assert align(at, parse_window("15m"), send_at) == datetime(2026, 3, 9, 12, 0, tzinfo=tz)
    assert align(at, parse_window("1h"), send_at) == datetime(2026, 3, 9, 12, 0, tzinfo=tz)
    # a day ticks at send_at: 12:07 → 08:30 the same day; 02:00 → 08:30 the day before
    assert align(at, parse_window("1d"), send_at) == datetime(2026, 3, 9, 8, 30, tzinfo=tz)
    early = datetime(2026, 3, 9, 2, 0, tzinfo=tz)
    assert align(early, parse_window("7d"), send_at) == datetime(2026, 3, 8, 8, 30, tzinfo=tz)
    assert parse_window("7d") == timedelta(days=7)
    for bad in ("7m", "0m", "15", "1w", "25h"):
        with pytest.raises(WindowError):
            parse_window(bad)


def test_content_errors_send_nothing(tmp_path: Path, smtp: tuple[int, Mailbox]) -> None:
    port, box = smtp
    reminders = {"portal_url": BASE, "office": OFFICE, "channels": [mail_channel(port)]}
    reports = {**REPORTS, "bad.md": report("坏文件", section="丁股", date="2026-03-09")}
    site = make_site(tmp_path, reports=reports, requests=REQUESTS, portal={**PORTAL, "reminders": reminders})
    result = remind(site, "--window", "15m", "--as-of", "2026-03-09 08:30")
    assert result.code == 1
    assert "content/reports/bad.md:3: section: 没有名为“丁股”的股室" in result.err  # line 1 is ---
    assert box.messages == [] and result.out == ""


def test_a_webhook_variable_that_is_not_an_address(tmp_path: Path) -> None:
    site = site_with(tmp_path, [{"name": "wx", "type": "wecom", "url_env": "WECOM_URL"}])
    for value, code, message in (
        ("key-only-abc", 2, "错误：渠道 wx：环境变量 WECOM_URL 里不是 http(s) 网址"),
        ("http:///send?key=abc", 3, "错误：渠道 wx (企业微信群机器人 )："),
    ):
        result = remind(site, "--window", "15m", "--as-of", "2026-03-09 14:45", env={"WECOM_URL": value})
        assert result.code == code and message in result.err, result.err
        assert "Traceback" not in result.err and "abc" not in result.out + result.err


@pytest.mark.slow
def test_a_wrong_dingtalk_secret_is_refused_by_the_robot(tmp_path: Path) -> None:
    site = site_with(tmp_path, [{"name": "dd", "type": "dingtalk", "url_env": "U", "secret_env": "S"}], retries=1)
    with Robot(secret="SECright") as ding:
        env = {"U": f"http://127.0.0.1:{ding.port}/robot/send?access_token=t0k", "S": "SECwrong"}
        result = remind(site, "--window", "15m", "--as-of", "2026-03-09 14:45", env=env)
    assert len(ding.hits) == 2  # tried, retried once
    assert result.code == 3 and "被拒绝：errcode 310000，sign not match（试了 2 次）" in result.err
    assert "SECwrong" not in result.out + result.err and "t0k" not in result.out + result.err
