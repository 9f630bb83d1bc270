"""Reminders, round two (issue 26): exactly once with a state file, China's working calendar, quiet hours.

A simulated week against a real local SMTP server (aiosmtpd) and a 企业微信 robot (http.server), both
on free loopback ports, with hourly schedules: on time, every run 20 minutes late, runs doubled, a
3-hour gap, two runs at once.

The week: 2026-05-04 (Monday) 20:00 to 2026-05-11 09:00.  China's 2026 calendar (chinesecalendar):
劳动节 05-01 … 05-05 off (Monday 4th and Tuesday 5th included); Saturday 05-09 is a 调休 working
day; Sunday 05-10 is off.  Settings: send_at 08:30, 约稿 2 days before the deadline and 1 day after,
urgent events 60 minutes before the due time and at it (limit 2 hours), quota 26 days before the
month end, the digest on Mondays, quiet hours 20:00-08:00 (urgent reminders still go out).

The hand-worked list (trigger moment → subject → e-mail recipients):

1. UA 乙股, event 05-04 23:00, due 05-05 01:00, never reported: T−60 05-05 00:00 (a holiday night;
   urgent reminders ignore days off and quiet hours) → 乙股 and the office
2. UA T−0 05-05 01:00 → 乙股 and the office
3. quota: 05-31 − 26 days = 05-05, a holiday → Wednesday 05-06 08:30.  甲股 (quota 2) has one May
   report (its answer of 05-05) → behind; 乙股 (quota 1) has UA → not behind; 丙股 quota 0.
   "距月底 25 天" (31 − 6) → 甲股
4. the digest of Monday 05-04, a holiday → 05-06 08:30 → the office
5. 约稿 YG-A (deadline Friday 05-08, asks 甲股 and 乙股; 甲股 answered 05-05): 05-08 − 2 = 05-06
   08:30, 还有 2 天 → 乙股
6. 约稿 YG-C (deadline Sunday 05-03, asks 甲股, no answer): 05-03 + 1 = 05-04, a holiday → 05-06
   08:30, 逾期 3 天 (6 − 3) → 甲股
7. UB 甲股, event 05-07 13:30, due 15:30, never reported: T−60 14:30 → 甲股 and the office
8. UB T−0 15:30 → 甲股 and the office
9. UC 丙股, event 05-08 09:00, due 11:00, reported 10:30: T−60 10:00 (not reported yet) → the office
   (丙股 has no address); T−0 at 11:00 is not sent: reported by then
10. YG-A missed by 乙股: 05-08 + 1 = Saturday 05-09, a 调休 working day, 08:30, 逾期 1 天 → 乙股
11. 约稿 YG-B (deadline Tuesday 05-12, asks 丙股): 05-12 − 2 = Sunday 05-10 → Monday 05-11 08:30,
    还有 1 天 → the office (丙股 has no address)
12. the digest of Monday 05-11, 08:30 → the office

Twelve reminders, each exactly once per channel.  The 3-hour gap skips the runs of 05-07 14:00,
15:00 and 16:00: the 17:00 run finds UB's T−60 and T−0 both due and sends only "已超时" (7 is folded).
"""

from __future__ import annotations

import configparser
import io
import json
import os
import shlex
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from aiosmtpd.controller import Controller

from portal.commands.cli import run
from portal.model.workdays import china
from portal.store.remind_state import locked
from tests.conftest import PORTAL, REPO, make_site, report, request
from tests.test_remind import Mailbox, Robot, free_port, self_signed

NOW = datetime(2026, 5, 4, 0, 0, tzinfo=timezone.utc)  # the clock, for 钉钉's timestamp only
TZ = ZoneInfo("Asia/Shanghai")
BASE = "https://xxbs.example.gov.cn/"
UA, UB, UC, OLD = "乙股节日夜间火情", "甲股工地事故", "丙股道路塌方", "甲股三月旧事件"
ORG = "测试县民政局"

REPORTS = {
    "jia-answer.md": report("甲股答约稿A", section="甲股", date="2026-05-05", request="YG-A"),
    "ua.md": report(UA, section="乙股", date="2026-05-04 23:10", urgent=True, event_time="2026-05-04 23:00"),
    "ub.md": report(UB, section="甲股", date="2026-05-07 13:40", urgent=True, event_time="2026-05-07 13:30"),
    "uc.md": report(
        UC,
        section="丙股",
        date="2026-05-08 09:10",
        urgent=True,
        event_time="2026-05-08 09:00",
        reported_time="2026-05-08 10:30",
    ),
    # overdue since March: the office knows (the bulletins list it); May's digests leave it out
    "old.md": report(OLD, section="甲股", date="2026-03-02 09:10", urgent=True, event_time="2026-03-02 09:00"),
}
REQUESTS = {
    "YG-A.md": request("五月约稿A", issued="2026-04-20", deadline="2026-05-08", sections=["甲股", "乙股"]),
    "YG-B.md": request("五月约稿B", issued="2026-04-25", deadline="2026-05-12", sections=["丙股"]),
    "YG-C.md": request("五月约稿C", issued="2026-04-20", deadline="2026-05-03", sections=["甲股"]),
    "YG-far.md": request("六月约稿", issued="2026-05-01", deadline="2026-06-30", sections=["乙股"]),  # not due soon
}
JIA, YI, OFFICE = "jia@example.org", "yi@example.org", "office@example.org"
REMINDERS: dict[str, Any] = {
    "portal_url": BASE,
    "office": {"name": "办公室", "email": OFFICE},
    "recipients": {"甲股": {"email": JIA}, "乙股": {"email": YI, "wecom_userid": "lisi"}},
    "request_days_before": [2],
    "request_days_after": [1],
    "urgent_minutes_before": [60, 0],
    "quota_days_before_month_end": [26],
}

#: (subject, e-mail recipients, urgent) of the hand-worked list in the module docstring, in order.
EXPECTED = [
    (f"【紧急信息】《{UA}》须在01:00前报送（还剩 60 分钟）", [YI, OFFICE], True),
    (f"【紧急信息超时】《{UA}》已到报送时限，尚未报送", [YI, OFFICE], True),
    ("【任务提醒】甲股2026年5月已报送 1 条，任务 2 条（距月底 25 天）", [JIA], False),
    (f"【每周汇总】{ORG}信息报送（2026年5月6日）", [OFFICE], False),
    ("【约稿提醒】《五月约稿A》将于2026年5月8日截止（还有 2 天截止）", [YI], False),
    ("【约稿逾期】《五月约稿C》已过截止日期，尚未报送（逾期 3 天）", [JIA], False),
    (f"【紧急信息】《{UB}》须在15:30前报送（还剩 60 分钟）", [JIA, OFFICE], True),
    (f"【紧急信息超时】《{UB}》已到报送时限，尚未报送", [JIA, OFFICE], True),
    (f"【紧急信息】《{UC}》须在11:00前报送（还剩 60 分钟）", [OFFICE], True),
    ("【约稿逾期】《五月约稿A》已过截止日期，尚未报送（逾期 1 天）", [YI], False),
    ("【约稿提醒】《五月约稿B》将于2026年5月12日截止（还有 1 天截止）", [OFFICE], False),
    (f"【每周汇总】{ORG}信息报送（2026年5月11日）", [OFFICE], False),
]
START = datetime(2026, 5, 4, 20, 0, tzinfo=TZ)  # nothing falls due before 05-05 00:00
END = datetime(2026, 5, 11, 9, 0, tzinfo=TZ)


# --- servers and runs ----------------------------------------------------------------------


@dataclass
class Delivery:
    channel: str
    subject: str
    to: list[str]
    as_of: datetime  # the run that delivered it


@dataclass
class World:
    """A site with a mail and a robot channel, its servers, and every delivery seen so far."""

    site: Path
    box: Mailbox
    robot: Robot
    state: Path
    env: dict[str, str]
    deliveries: list[Delivery] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def remind(self, as_of: datetime, *extra: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        args = ["--config", str(self.site / "mkdocs.yml"), "remind", "--as-of", f"{as_of:%Y-%m-%d %H:%M}"]
        code = run([*args, "--state", str(self.state), *extra], dict(self.env), NOW, out, err, None, lambda s: None)
        return code, out.getvalue(), err.getvalue()

    def collect(self, as_of: datetime) -> None:
        """Attribute what the servers received since the last call to the run at ``as_of``."""
        with self.lock:
            seen_mail = sum(1 for d in self.deliveries if d.channel == "mail")
            seen_robot = len(self.deliveries) - seen_mail
            for to, message in self.box.messages[seen_mail:]:
                self.deliveries.append(Delivery("mail", message["Subject"], to, as_of))
            for hit in self.robot.hits[seen_robot:]:
                subject = hit.body["markdown"]["content"].splitlines()[0].strip("*")
                self.deliveries.append(Delivery("wx", subject, [], as_of))


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    mail = {"name": "mail", "type": "email", "host": "127.0.0.1", "port": controller.port, "security": "none"}
    channels = [{**mail, "sender": "xxbs@example.org"}, {"name": "wx", "type": "wecom", "url_env": "WECOM_URL"}]
    portal = {**PORTAL, "reminders": {**REMINDERS, "channels": channels}}
    site = make_site(tmp_path, reports=REPORTS, requests=REQUESTS, portal=portal)
    try:
        with Robot() as robot:
            env = {"WECOM_URL": f"http://127.0.0.1:{robot.port}/cgi-bin/webhook/send?key=k"}
            yield World(site, box, robot, tmp_path / "state" / "remind.json", env)
    finally:
        controller.stop()


def hourly(offset: timedelta = timedelta(0)) -> list[datetime]:
    moments, moment = [], START + offset
    while moment <= END + offset:
        moments.append(moment)
        moment += timedelta(hours=1)
    return moments


def on_time() -> list[list[datetime]]:
    return [[m] for m in hourly()]


def late() -> list[list[datetime]]:
    return [[m] for m in hourly(timedelta(minutes=20))]


def doubled() -> list[list[datetime]]:
    return [[m, m + timedelta(minutes=7)] for m in hourly()]


def gap() -> list[list[datetime]]:
    skipped = {datetime(2026, 5, 7, h, 0, tzinfo=TZ) for h in (14, 15, 16)}
    return [[m] for m in hourly() if m not in skipped]


def two_at_once(world: World, moment: datetime) -> list[tuple[int, str, str]]:
    """Two runs for ``moment`` in two threads, released together by a barrier."""
    results: list[tuple[int, str, str]] = []
    barrier = threading.Barrier(2)

    def go() -> None:
        barrier.wait()
        results.append(world.remind(moment))

    threads = [threading.Thread(target=go) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def play(world: World, schedule: list[list[datetime]], at_once: bool = False) -> None:
    """Run every tick of ``schedule``: its runs one after the other, or (``at_once``) two runs together."""
    for tick in schedule:  # the state's folder is made by the first run
        results = two_at_once(world, tick[0]) if at_once else [world.remind(moment) for moment in tick]
        for code, _, err in results:
            assert code == 0 and "Traceback" not in err, err
        world.collect(tick[-1])


def assert_exactly_once(world: World, expected: list[tuple[str, list[str], bool]]) -> None:
    calendar = china()
    for channel in ("mail", "wx"):
        got = [d.subject for d in world.deliveries if d.channel == channel]
        assert sorted(got) == sorted(s for s, _, _ in expected), channel  # each expected one, once, nothing else
    recipients = {d.subject: d.to for d in world.deliveries if d.channel == "mail"}
    for subject, to, urgent in expected:
        assert recipients[subject] == to, subject
        if not urgent:  # day-based: a working day, outside the quiet hours 20:00-08:00
            moment = next(d.as_of for d in world.deliveries if d.subject == subject)
            assert calendar.is_workday(moment.date()) and 8 <= moment.hour < 20, (subject, moment)


# --- the simulated week --------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        pytest.param(on_time, EXPECTED, id="on-time"),
        pytest.param(late, EXPECTED, id="every-run-20-minutes-late"),
        pytest.param(doubled, EXPECTED, id="runs-doubled"),
        pytest.param(gap, [e for e in EXPECTED if "须在15:30前报送（还剩 60 分钟）" not in e[0]], id="3-hour-gap"),
    ],
)
def test_a_week_of_hourly_runs_delivers_each_reminder_once(
    world: World, schedule: Callable[[], list[list[datetime]]], expected: list[tuple[str, list[str], bool]]
) -> None:
    play(world, schedule())
    assert_exactly_once(world, expected)


@pytest.mark.slow
def test_the_digest_lists_what_still_needs_action(world: World) -> None:
    play(world, [[datetime(2026, 5, 11, 9, 0, tzinfo=TZ)]])  # first run: the last 24 hours, 11 and 12
    [digest] = [m.get_content() for _, m in world.box.messages if "每周汇总" in m["Subject"]]
    # at 05-11 09:00, 7 days ahead (to 05-18) and back (from 05-04): YG-B waits for 丙股 (due 05-12);
    # YG-A was missed by 乙股 (05-08); UA (05-05 01:00) and UB (05-07 15:30) are overdue.  Left out:
    # 六月约稿 (due 06-30, not soon), YG-C (deadline 05-03), the March event (overdue since 03-02 11:00).
    assert digest.splitlines()[:7] == [
        "截至2026年5月11日 09:00：",
        "待报：",
        "- 约稿《五月约稿B》2026年5月12日截止，未报：丙股",
        "逾期：",
        "- 约稿《五月约稿A》2026年5月8日已截止，漏报：乙股",
        f"- 紧急信息《{UA}》（乙股）2026年5月5日 01:00超时未报",
        f"- 紧急信息《{UB}》（甲股）2026年5月7日 15:30超时未报",
    ]
    assert OLD not in digest and "六月约稿" not in digest


@pytest.mark.slow
def test_two_runs_at_once_send_once(world: World) -> None:
    # the days with reminders on them (05-04 … 05-09), two threads per tick, released together
    ticks = [[m] for m in hourly() if m < datetime(2026, 5, 9, 12, 0, tzinfo=TZ)]
    play(world, ticks, at_once=True)
    assert_exactly_once(world, EXPECTED[:10])  # 11 and 12 fall on 05-11


@pytest.mark.slow
def test_a_run_waits_for_the_one_that_holds_the_lock(world: World) -> None:
    world.state.parent.mkdir()
    result: list[tuple[int, str, str]] = []
    moment = datetime(2026, 5, 5, 0, 0, tzinfo=TZ)
    with locked(str(world.state)):
        thread = threading.Thread(target=lambda: result.append(world.remind(moment)))
        thread.start()
        thread.join(timeout=1)
        assert thread.is_alive() and world.box.messages == []  # waiting for the lock
    thread.join()
    assert result[0][0] == 0 and len(world.box.messages) == 1  # UA's T−60, once the lock was free


# --- a damaged state file ------------------------------------------------------------------


def ticks_until(end: datetime) -> list[list[datetime]]:
    return [[m] for m in hourly() if m <= end]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("damage", "message"),
    [
        pytest.param(lambda p: p.write_text('{"format": "portal-remind-state", "ver', "utf-8"), "已损坏", id="corrupt"),
        pytest.param(lambda p: p.write_bytes(b"\xff\xfe garbage"), "无法读取", id="not-utf8"),
        pytest.param(lambda p: p.unlink(), "不存在，按首次运行处理", id="deleted"),
        pytest.param(
            lambda p: p.write_text(json.dumps({"format": "portal-remind-state", "version": 0, "sent": []}), "utf-8"),
            "是第 0 版格式，本程序只读第 1 版",
            id="older-version",
        ),
    ],
)
def test_a_damaged_state_file_is_a_message_and_no_flood(
    world: World, damage: Callable[[Path], object], message: str
) -> None:
    play(world, ticks_until(datetime(2026, 5, 6, 10, 0, tzinfo=TZ)))
    assert len(world.box.messages) == 6  # 1-6 of the list
    damage(world.state)
    code, out, err = world.remind(datetime(2026, 5, 6, 11, 0, tzinfo=TZ))
    assert code == 0 and "Traceback" not in out + err
    assert message in err and "只发送最近 24 小时内到期的提醒" in err
    # the fallback looks back 24 hours, (05-05 11:00, 05-06 11:00]: 3-6 (05-06 08:30) go out once more,
    # UA's (05-05 00:00 and 01:00) and anything older do not
    again = [m["Subject"] for _, m in world.box.messages[6:]]
    assert sorted(again) == sorted(s for s, _, _ in EXPECTED[2:6])
    if message == "已损坏":
        assert (world.state.parent / "remind.json.bad").exists()  # kept for whoever looks into it
    # the state is whole again: the next run sends nothing it sent
    code, _, err = world.remind(datetime(2026, 5, 6, 12, 0, tzinfo=TZ))
    assert code == 0 and err == "" and len(world.box.messages) == 10


@pytest.mark.slow
def test_the_state_survives_a_ci_cache_save_and_restore(world: World, tmp_path: Path) -> None:
    """A CI job's workspace is fresh each time: the state goes into a cache after a run and comes back before the next
    (GitHub's actions/cache, GitLab's ``cache:``, see .github/workflows/nightly.yml and .gitlab-ci.yml).
    """
    cache = tmp_path / "ci-cache"
    for tick in ticks_until(datetime(2026, 5, 7, 17, 0, tzinfo=TZ)):
        if world.state.parent.exists():
            shutil.rmtree(world.state.parent)  # a fresh checkout
        if cache.exists():
            shutil.copytree(cache, world.state.parent)  # restore
        play(world, [tick])
        shutil.rmtree(cache, ignore_errors=True)
        shutil.copytree(world.state.parent, cache)  # save
    assert_exactly_once(world, EXPECTED[:8])


# --- quiet hours -----------------------------------------------------------------------------


@pytest.mark.slow
def test_day_reminders_wait_out_the_quiet_hours(world: World) -> None:
    assert world.remind(datetime(2026, 5, 6, 7, 0, tzinfo=TZ))[0] == 0  # first run: nothing in (05-05 07:00, 07:00]
    # the server is down all day; at 21:00 (quiet hours) 3-6 are due but wait
    code, out, _ = world.remind(datetime(2026, 5, 6, 21, 0, tzinfo=TZ))
    assert code == 0 and world.box.messages == [] and "因节假日或免打扰时段暂缓 4 条" in out
    world.collect(datetime(2026, 5, 6, 21, 0, tzinfo=TZ))
    morning = datetime(2026, 5, 7, 8, 0, tzinfo=TZ)  # quiet hours end at 08:00; a working Thursday
    assert world.remind(morning)[0] == 0
    world.collect(morning)
    assert sorted(d.subject for d in world.deliveries if d.channel == "mail") == sorted(s for s, _, _ in EXPECTED[2:6])
    assert {d.as_of for d in world.deliveries} == {morning}


@pytest.mark.slow
def test_urgent_reminders_can_be_kept_out_of_the_night(tmp_path: Path) -> None:
    reminders = {**REMINDERS, "urgent_in_quiet_hours": False}
    site = make_site(tmp_path, reports=REPORTS, requests=REQUESTS, portal={**PORTAL, "reminders": reminders})
    state, out = tmp_path / "remind.json", []
    for hour in range(0, 9):  # 05-05 00:00 … 08:00, no channel: the dry listing shows what falls due
        moment = datetime(2026, 5, 5, hour, 0, tzinfo=TZ)
        printed = io.StringIO()
        args = ["--config", str(site / "mkdocs.yml"), "remind", "--state", str(state), "--as-of"]
        assert run([*args, f"{moment:%Y-%m-%d %H:%M}"], {}, NOW, printed, io.StringIO()) == 0
        out += [line for line in printed.getvalue().splitlines() if UA in line]
    # UA's T−60 (00:00) would wait until 08:00, past its due time 01:00: dropped; T−0 (01:00) waits until 08:00
    assert out == [f"2026-05-05 08:00  紧急信息已超时  乙股、办公室  《{UA}》  {BASE}reports/ua/"] * 1


# --- channels --------------------------------------------------------------------------------


@contextmanager
def tls_mail_site(tmp_path: Path, retries: int, **server: Any) -> Iterator[tuple[Path, Mailbox]]:
    """A STARTTLS mail server (``server``: aiosmtpd options) and a site whose one channel logs in to it."""
    cert, server_tls = self_signed(tmp_path)
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port(), tls_context=server_tls, **server)
    controller.start()
    try:
        mail = {"name": "mail", "type": "email", "host": "127.0.0.1", "port": controller.port, "security": "starttls"}
        mail |= {"sender": "xxbs@example.org", "ca_file": str(cert), "username": "xxbs", "password_env": "PW"}
        reminders = {**REMINDERS, "channels": [mail], "retries": retries}
        yield make_site(tmp_path, reports=REPORTS, requests=REQUESTS, portal={**PORTAL, "reminders": reminders}), box
    finally:
        controller.stop()


@pytest.mark.slow
def test_a_refused_login_is_tried_once_per_run(tmp_path: Path) -> None:
    from aiosmtpd.smtp import AuthResult

    logins: list[str] = []

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        logins.append(data.login.decode())
        return AuthResult(success=False, handled=False)  # the server answers 535

    with tls_mail_site(tmp_path, 3, authenticator=authenticator) as (site, box):
        state = tmp_path / "remind.json"
        for number, hour in enumerate((9, 10), start=1):  # 3-6 are due at 08:30 and stay unsent
            out, err, sleeps = io.StringIO(), io.StringIO(), list[float]()
            args = ["--config", str(site / "mkdocs.yml"), "remind", "--state", str(state), "--as-of"]
            code = run([*args, f"2026-05-06 {hour:02d}:00"], {"PW": "wrong"}, NOW, out, err, None, sleeps.append)
            assert code == 3 and "Traceback" not in err.getvalue()
            assert "邮件服务器拒绝登录（535）：用户名“xxbs”或密码（授权码）不对" in err.getvalue()
            assert "有 4 条提醒未能通过它发出" in err.getvalue() and "wrong" not in out.getvalue() + err.getvalue()
            assert logins == ["xxbs"] * number and sleeps == []  # one login per run, no retry, no backoff
    assert box.messages == []


class SlowRobot(Robot):
    """A robot that takes each message but answers only once ``answer`` is set (after the client gave up)."""

    def __init__(self) -> None:
        super().__init__()
        self.answer = threading.Event()
        self.bodies: list[Any] = []
        robot = self

        def do_post(handler: BaseHTTPRequestHandler) -> None:
            length = int(handler.headers["Content-Length"])
            robot.bodies.append(json.loads(handler.rfile.read(length).decode("utf-8")))
            robot.answer.wait(timeout=30)
            try:
                handler.send_response(200)
                handler.end_headers()
                handler.wfile.write(b'{"errcode": 0, "errmsg": "ok"}')
            except OSError:
                pass  # the client is gone

        self.server.RequestHandlerClass.do_POST = do_post  # type: ignore[attr-defined]

    def __enter__(self) -> SlowRobot:
        super().__enter__()
        return self


@pytest.mark.slow
@pytest.mark.parametrize("with_state", [True, False], ids=["state", "window"])
def test_a_robot_that_answers_too_late_is_not_sent_the_message_again(tmp_path: Path, with_state: bool) -> None:
    channel = {"name": "wx", "type": "wecom", "url_env": "WECOM_URL", "timeout": 0.5}
    reminders = {**REMINDERS, "channels": [channel], "retries": 3}
    site = make_site(tmp_path, reports=REPORTS, requests=REQUESTS, portal={**PORTAL, "reminders": reminders})
    state = ["--state", str(tmp_path / "remind.json")] if with_state else ["--window", "15m"]
    with SlowRobot() as robot:
        env = {"WECOM_URL": f"http://127.0.0.1:{robot.port}/cgi-bin/webhook/send?key=k"}
        results = []
        for moment in ("2026-05-05 00:00", "2026-05-05 00:30"):  # UA's T−60 at 00:00, then a run with nothing new
            printed, sleeps = io.StringIO(), list[float]()
            args = ["--config", str(site / "mkdocs.yml"), "remind", *state, "--as-of", moment]
            results.append(
                (run(args, env, NOW, io.StringIO(), printed, None, sleeps.append), printed.getvalue(), sleeps)
            )
        robot.answer.set()
    (code, err, sleeps), (later, _, _) = results
    assert code == 3 and "机器人 0.5 秒内没有应答，消息可能已经送达；为免重复，不再重发这一条" in err
    assert "Traceback" not in err and sleeps == [] and later == 0
    assert [b["markdown"]["content"].splitlines()[0] for b in robot.bodies] == [f"**{EXPECTED[0][0]}**"]


# --- settings --------------------------------------------------------------------------------


def check(site: Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--config", str(site / "mkdocs.yml"), "check"], env or {}, NOW, out, err)
    return code, out.getvalue(), err.getvalue()


def line_of(site: Path, text: str, after: str = "") -> int:
    """The 1-based line of the first ``text`` in mkdocs.yml after the line holding ``after``."""
    lines = (site / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines) if i >= start and text in line) + 1


def test_bad_numbers_and_a_password_in_clear_are_check_errors(tmp_path: Path) -> None:
    mail = {"name": "m", "type": "email", "host": "mail.example.org", "security": "none", "sender": "a@example.org"}
    channels = [
        {**mail, "username": "xxbs", "password_env": "PW"},
        {"name": "w0", "type": "wecom", "url_env": "W", "timeout": 0},
        {"name": "w1", "type": "wecom", "url_env": "W", "timeout": -1},
        {"name": "w2", "type": "wecom", "url_env": "W", "timeout": float("nan")},
    ]
    bad = {"backoff_seconds": -1, "horizon_hours": float("inf"), "quiet_hours": "8-20", "channels": channels}
    site = make_site(tmp_path / "a", portal={**PORTAL, "reminders": bad})
    code, _, err = check(site)
    assert code == 2 and "Traceback" not in err
    path = "extra.portal.reminders"
    for key, value, message, after in (
        ("channels[0].security", "security: none", "security: none 时密码会以明文在网上传输", "name: m"),
        ("channels[1].timeout", "timeout: 0", "应为大于 0 的有限数字，现为 0", "name: w0"),
        ("channels[2].timeout", "timeout: -1", "应为大于 0 的有限数字，现为 -1", "name: w1"),
        ("channels[3].timeout", "timeout: .nan", "应为大于 0 的有限数字，现为 nan", "name: w2"),
        ("backoff_seconds", "backoff_seconds: -1", "应为 0 或更大的有限数字，现为 -1", ""),
        ("horizon_hours", "horizon_hours: .inf", "应为大于 0 的有限数字，现为 inf", ""),
        ("quiet_hours", "quiet_hours: 8-20", "应写成带引号的“HH:MM-HH:MM”", ""),
    ):
        assert f"mkdocs.yml:{line_of(site, value, after)}: {path}.{key}: {message}" in err, (key, err)
    inf = make_site(tmp_path / "b", portal={**PORTAL, "reminders": {"backoff_seconds": float("inf")}})
    assert "extra.portal.reminders.backoff_seconds: 应为 0 或更大的有限数字，现为 inf" in check(inf)[2]
    night = make_site(tmp_path / "c", portal={**PORTAL, "reminders": {"send_at": "07:30"}})
    assert "send_at: 发送时刻 07:30 落在免打扰时段 20:00-08:00 内" in check(night)[2]


@pytest.mark.parametrize(
    ("as_of", "calendar", "warned"),
    [
        pytest.param("2026-12-31", None, False, id="2026-known"),
        pytest.param("2027-01-04", None, True, id="2027-unknown"),
        pytest.param("2027-01-04", {"holidays": ["2027-01-01"], "workdays": []}, False, id="2027-in-config"),
    ],
)
def test_check_warns_when_the_calendar_does_not_know_the_year(
    tmp_path: Path, as_of: str, calendar: dict[str, Any] | None, warned: bool
) -> None:
    reminders = {**REMINDERS, **({"calendar": calendar} if calendar else {})}
    site = make_site(tmp_path, reports=REPORTS, requests=REQUESTS, portal={**PORTAL, "reminders": reminders})
    code, out, _ = check(site, {"PORTAL_AS_OF": as_of})
    assert code == 0
    assert ("节假日安排未覆盖 2027 年（已知的只到 2026 年）" in out) is warned, out
    printed = io.StringIO()
    assert run(["--config", str(site / "mkdocs.yml"), "remind", "--as-of", as_of], {}, NOW, io.StringIO(), printed) == 0
    assert ("警告: 节假日安排未覆盖 2027 年" in printed.getvalue()) is warned  # remind says it too


@pytest.mark.parametrize(
    ("day", "workday", "next_one"),
    [
        pytest.param("2026-05-01", False, "2026-05-06", id="劳动节-fri"),
        pytest.param("2026-05-04", False, "2026-05-06", id="劳动节-mon"),
        pytest.param("2026-05-06", True, "2026-05-06", id="wed"),
        pytest.param("2026-05-09", True, "2026-05-09", id="调休-sat"),
        pytest.param("2026-05-10", False, "2026-05-11", id="sun"),
        pytest.param("2026-02-14", True, "2026-02-14", id="调休-before-春节"),
        pytest.param("2026-02-15", False, "2026-02-24", id="春节-9-days"),
        pytest.param("2026-10-01", False, "2026-10-08", id="国庆"),
    ],
)
def test_china_working_calendar(day: str, workday: bool, next_one: str) -> None:
    calendar = china()
    assert calendar.is_workday(date.fromisoformat(day)) is workday
    assert calendar.next_workday(date.fromisoformat(day)) == date.fromisoformat(next_one)


def test_the_config_overrides_next_year() -> None:
    # 2027 as announced later: 01-01 (Fri) off, Saturday 01-09 worked; a config day wins over the package's
    calendar = china(holidays=[date(2027, 1, 1), date(2026, 5, 6)], workdays=[date(2027, 1, 9), date(2026, 5, 4)])
    assert calendar.covers(2027) and not china().covers(2027)
    assert not calendar.is_workday(date(2027, 1, 1)) and calendar.is_workday(date(2027, 1, 9))
    assert calendar.is_workday(date(2026, 5, 4)) and not calendar.is_workday(date(2026, 5, 6))


# --- where the state lives -------------------------------------------------------------------


def unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser


def runs_once_with_a_state_file(words: list[str], tmp_path: Path) -> None:
    """Run a shipped command line (after the interpreter) on a test site, with the state file moved into tmp_path."""
    assert words[0] == "build_stats.py" and words[1] == "remind"
    state = words.index("--state") + 1
    assert words[state] == "/var/lib/portal-remind/remind.json"
    site = make_site(tmp_path, reports=REPORTS, requests=REQUESTS, portal={**PORTAL, "reminders": REMINDERS})
    words = [*words[1:state], str(tmp_path / "remind.json"), *words[state + 1 :]]
    out, err = io.StringIO(), io.StringIO()
    code = run(["--config", str(site / "mkdocs.yml"), *words, "--as-of", "2026-05-06 09:00"], {}, NOW, out, err)
    assert code == 0, err.getvalue()
    assert "到期的提醒共 4 条" in out.getvalue()  # 3-6 of the list: no channel here, so listed


def test_the_systemd_units_and_the_cron_line_run_remind_with_a_state_file(tmp_path: Path) -> None:
    service = unit(REPO / "deploy/systemd/portal-remind.service")
    timer = unit(REPO / "deploy/systemd/portal-remind.timer")
    assert timer["Timer"]["Persistent"] == "true" and timer["Timer"]["OnCalendar"] == "*:0/15"
    assert service["Service"]["Type"] == "oneshot" and service["Service"]["StateDirectory"] == "portal-remind"
    command = shlex.split(service["Service"]["ExecStart"])
    assert command[0] == "/srv/portal/src/.venv/bin/python"
    runs_once_with_a_state_file(command[1:], tmp_path / "systemd")
    [line] = [x for x in (REPO / "deploy/cron/portal-remind").read_text("utf-8").splitlines() if x[:1] == "*"]
    fields = line.split(None, 6)
    assert fields[:6] == ["*/15", "*", "*", "*", "*", "portal"]
    words = shlex.split(fields[6].split("&&")[-1].split(">>")[0])
    assert words[:2] == ["NO_MKDOCS_2_WARNING=1", ".venv/bin/python"]
    runs_once_with_a_state_file(words[2:], tmp_path / "cron")
    if shutil.which("systemd-analyze"):  # the units as systemd reads them, the interpreter pointed at this one
        folder = tmp_path / "units"
        folder.mkdir()
        text = (REPO / "deploy/systemd/portal-remind.service").read_text("utf-8")
        (folder / "portal-remind.service").write_text(text.replace(command[0], sys.executable), "utf-8")
        shutil.copy(REPO / "deploy/systemd/portal-remind.timer", folder)
        units = [str(folder / "portal-remind.service"), str(folder / "portal-remind.timer")]
        verified = subprocess.run(["systemd-analyze", "verify", *units], capture_output=True, text=True, timeout=60)
        assert verified.returncode == 0 and verified.stderr == "", verified.stderr


def test_ci_keeps_the_state_between_jobs() -> None:
    github = yaml.load((REPO / ".github/workflows/nightly.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    job = github["jobs"]["remind-15m"]
    assert job["concurrency"] == {"group": "portal-remind", "cancel-in-progress": "false"}  # one job at a time
    steps = job["steps"]
    run_at = next(i for i, s in enumerate(steps) if "--state .remind-state/remind.json" in s.get("run", ""))
    restore, save = steps[run_at - 1], steps[run_at + 1]
    assert restore["uses"] == "actions/cache/restore@v4" and save["uses"] == "actions/cache/save@v4"
    assert restore["with"]["path"] == save["with"]["path"] == ".remind-state"
    assert restore["with"]["key"] == save["with"]["key"] and restore["with"]["restore-keys"] == "portal-remind-state-"
    assert save["with"]["key"].startswith("portal-remind-state-") and save["if"] == "always()"
    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text("utf-8"))["remind-15m"]
    assert gitlab["cache"] == {"key": "portal-remind-state", "paths": [".remind-state/"], "when": "always"}
    assert gitlab["resource_group"] == "portal-remind"


@pytest.mark.slow
def test_a_replayed_earlier_run_does_not_reopen_what_was_sent(world: World) -> None:
    play(world, ticks_until(datetime(2026, 5, 6, 10, 0, tzinfo=TZ)))
    assert len(world.box.messages) == 6
    assert world.remind(datetime(2026, 5, 5, 12, 0, tzinfo=TZ))[0] == 0  # someone runs --as-of an earlier moment
    assert world.remind(datetime(2026, 5, 6, 11, 0, tzinfo=TZ))[0] == 0
    assert len(world.box.messages) == 6


def test_a_reminder_past_its_moment_is_dropped(tmp_path: Path) -> None:
    # only T−60: a run that starts after UB's due time (15:30) has nothing to say "还剩 60 分钟" about
    channels = [{"name": "wx", "type": "wecom", "url_env": "W"}]
    reminders = {**REMINDERS, "urgent_minutes_before": [60], "channels": channels}
    site = make_site(tmp_path, reports=REPORTS, requests=REQUESTS, portal={**PORTAL, "reminders": reminders})
    printed = []
    for moment in ("2026-05-07 14:00", "2026-05-07 16:00"):  # the runs in between were skipped
        out = io.StringIO()
        args = ["--config", str(site / "mkdocs.yml"), "remind", "--state", str(tmp_path / "remind.json")]
        assert run([*args, "--as-of", moment], {"W": "http://127.0.0.1:9/"}, NOW, out, io.StringIO()) == 0
        printed.append(out.getvalue().splitlines())
    assert printed[1] == [
        f"提醒：2026-05-07 14:00 之后至 2026-05-07 16:00 到期的提醒共 1 条（状态文件 {tmp_path / 'remind.json'}）",
        "[wx] 企业微信群机器人：本次发送 0 条（此前已发 0 条，被后续提醒合并或已过时 1 条，"
        "因节假日或免打扰时段暂缓 0 条）",
    ]


@pytest.mark.slow
def test_a_state_file_that_cannot_be_written_is_exit_2(world: World) -> None:
    blocker = world.state.parent
    blocker.write_text("a file where the state's folder should be", "utf-8")
    code, _, err = world.remind(datetime(2026, 5, 5, 0, 0, tzinfo=TZ))
    assert code == 2 and "Traceback" not in err and world.box.messages == []
    assert f"无法写入提醒状态文件 {world.state}" in err and "请确认所在文件夹存在且运行提醒的用户有写权限" in err


def test_a_state_write_that_fails_half_way_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from portal.store import remind_state

    def refused(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(remind_state.os, "replace", refused)
    path = tmp_path / "remind.json"
    state = remind_state.State(start=datetime(2026, 5, 5, 0, 0, tzinfo=TZ))
    with pytest.raises(remind_state.StateError):
        remind_state.save(str(path), state)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_a_server_that_offers_no_login_is_a_clear_error(tmp_path: Path) -> None:
    # aiosmtpd offers no AUTH mechanism at all
    with tls_mail_site(tmp_path, 0, auth_exclude_mechanism=["LOGIN", "PLAIN"]) as (site, box):
        err = io.StringIO()
        args = ["--config", str(site / "mkdocs.yml"), "remind", "--window", "1d", "--as-of", "2026-05-06 08:30"]
        code = run(args, {"PW": "pw"}, NOW, io.StringIO(), err)
    assert code == 3 and box.messages == [] and "Traceback" not in err.getvalue()
    assert "邮件服务器不提供本程序支持的登录方式（CRAM-MD5、PLAIN、LOGIN；服务器提供：—）" in err.getvalue()


def test_the_config_names_the_state_file_next_to_mkdocs_yml(tmp_path: Path) -> None:
    reminders = {**REMINDERS, "state": "var/remind.json"}
    site = make_site(tmp_path, reports=REPORTS, requests=REQUESTS, portal={**PORTAL, "reminders": reminders})
    out = io.StringIO()
    args = ["--config", str(site / "mkdocs.yml"), "remind", "--as-of", "2026-05-06 09:00"]
    assert run(args, {}, NOW, out, io.StringIO()) == 0
    assert f"（状态文件 {site / 'var/remind.json'}）" in out.getvalue()  # no channel: listed, the file not written


@pytest.mark.slow
def test_two_processes_at_once_send_once(world: World) -> None:
    """The lock between two processes (the threads above share one): both start together at 05-06 09:00."""
    command = [sys.executable, str(REPO / "build_stats.py"), "--config", str(world.site / "mkdocs.yml"), "remind"]
    command += ["--state", str(world.state), "--as-of", "2026-05-06 09:00"]
    env = {**os.environ, **world.env, "NO_MKDOCS_2_WARNING": "1"}
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    results = [process.communicate(timeout=120) for process in runs]
    assert [process.returncode for process in runs] == [0, 0], results
    world.collect(datetime(2026, 5, 6, 9, 0, tzinfo=TZ))
    # the first run: the last 24 hours, 3-6 of the list (UA's are older), once per channel
    assert_exactly_once(world, EXPECTED[2:6])
