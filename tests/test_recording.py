"""What clerks record (issue 24, points 3 and 8): ``adopt``, ``instruct``, ``reported`` and ``new report``'s date.

The recording commands run on copies of demo reports and must keep every byte outside the lines they add or
change (the lines are compared with their endings); ``stats --json`` must move by the amount worked out by hand
from the demo's scoring rules (mkdocs.yml: the version from 2025-01-01 applies to March 2026: submitted 1;
adopted bureau 1, county 5, city 10, province 20, national 30, the highest counts; instruction county 10,
city 20; urgent_overdue -10, urgent_late -5; good_info: adopted at city or above, or any instruction).
Refused input leaves the file's bytes as they were and exits 1 with a Chinese message.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import copy_demo, make_site, report, run_cli, section_row, stats

SHIWU_016 = "content/reports/2026/03/2026-03-15-shiwu-016.md"  # 社会事务股, 张伟, 2026-03-15, no adoption
HUNYIN_009 = "content/reports/2026/03/2026-03-11-hunyin-009.md"  # 婚姻登记中心, adopted: 县委办
YANGLAO_025 = "content/reports/2026/03/2026-03-10-yanglao-025.md"  # 养老服务股, 县政府办 + a county instruction
SHIWU_015 = "content/reports/2026/03/2026-03-06-shiwu-015.md"  # 社会事务股, urgent, event 2026-03-05 14:15
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pristine copy of the demo; each test copies the site it edits from it (cheaper than from the repo)."""
    return copy_demo(tmp_path_factory.mktemp("demo"))


def _site(demo: Path, tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(demo, site)
    return site


def changes(old: bytes, new: bytes) -> tuple[list[bytes], list[bytes]]:
    """The lines (with their endings) only in ``old`` and only in ``new``: every other line is byte-identical."""
    before, after = old.splitlines(keepends=True), new.splitlines(keepends=True)
    removed: list[bytes] = []
    added: list[bytes] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += before[i1:i2]
            added += after[j1:j2]
    return removed, added


def _delta(before: dict[str, Any], after: dict[str, Any], section: str, *keys: str) -> dict[str, Any]:
    old, new = section_row(before, section), section_row(after, section)
    return {key: new[key] - old[key] for key in keys}


def _person(data: dict[str, Any], author: str) -> float:
    return next(p["score"] for p in data["people"] if p["author"] == author)


@pytest.mark.slow
def test_adopt_adds_a_list_and_stats_move_by_a_city_adoption(demo: Path, tmp_path: Path) -> None:
    site = _site(demo, tmp_path)
    path = site / SHIWU_016
    old = path.read_bytes()
    assert b"adopted" not in old
    before = stats(site, "--period", "2026-03")
    result = run_cli(site, "adopt", SHIWU_016, "--by", "市民政局", "--date", "2026-03-20", "--form", "专报")
    assert result.code == 0, result.err
    removed, added = changes(old, path.read_bytes())
    # a new block list just before the closing '---': nothing else moves
    entry = "  - {by: 市民政局, date: 2026-03-20, form: 专报}\n"
    assert (removed, added) == ([], [b"adopted:\n", entry.encode()])
    closing = old.index(b"\n---\n") + 1
    assert path.read_bytes() == old[:closing] + b"".join(added) + old[closing:]
    assert "已登记采用" in result.out and "第 8 行 新增" in result.out
    # the report: 1 (submitted) → 1 + 10 (市民政局 is city) = 11
    assert "本条信息得分：1 分 → 11 分" in result.out
    after = stats(site, "--period", "2026-03")
    # 社会事务股 March: +10 points, one more adopted report, adoption, and good report (city ≥ good_info's city)
    assert _delta(before, after, "社会事务股", "score", "adopted", "adoptions", "good", "submitted") == {
        "score": 10,
        "adopted": 1,
        "adoptions": 1,
        "good": 1,
        "submitted": 0,
    }
    # the one author, 张伟, gets the report's 10 more points
    assert _person(after, "张伟") - _person(before, "张伟") == 10
    assert run_cli(site, "check").code == 0


@pytest.mark.slow
@pytest.mark.parametrize("form", ["lf", "crlf+bom"])
def test_adopt_turns_one_name_into_a_list_keeping_endings(demo: Path, tmp_path: Path, form: str) -> None:
    site = _site(demo, tmp_path)
    path = site / HUNYIN_009
    if form == "crlf+bom":
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    old = path.read_bytes()
    eol = b"\r\n" if form == "crlf+bom" else b"\n"
    before = stats(site, "--period", "2026-03")
    result = run_cli(site, "adopt", HUNYIN_009, "--by", "市委办", "--date", "2026-03-25")
    assert result.code == 0, result.err
    new = path.read_bytes()
    assert new.startswith(old[:3]) and new.count(b"\r\n") == old.count(b"\r\n") + (2 if form != "lf" else 0)
    removed, added = changes(old, new)
    assert removed == ["adopted: 县委办".encode() + eol]
    assert added == [
        b"adopted:" + eol,
        "  - 县委办".encode() + eol,
        "  - {by: 市委办, date: 2026-03-25}".encode() + eol,
    ]
    # 1 + highest(县委办 county 5) = 6 → 1 + highest(5, 市委办 city 10) = 11: +5; the report was adopted
    # already (adopted +0), one more adoption record, and now good (city); the 民政要情 issue of 2026-04-15
    # that lists it (本局简报, 1 point) does not exist yet on 2026-04-05 and would not change the highest.
    after = stats(site, "--period", "2026-03")
    assert _delta(before, after, "婚姻登记中心", "score", "adopted", "adoptions", "good") == {
        "score": 5,
        "adopted": 0,
        "adoptions": 1,
        "good": 1,
    }
    assert run_cli(site, "check").code == 0


@pytest.mark.slow
def test_instruct_appends_to_the_list_with_the_level_in_chinese(demo: Path, tmp_path: Path) -> None:
    site = _site(demo, tmp_path)
    path = site / YANGLAO_025
    old = path.read_bytes()
    before = stats(site, "--period", "2026-03")
    result = run_cli(
        site,
        "instruct",
        YANGLAO_025,
        "--by",
        "副县长 李华",
        "--level",
        "县级",
        "--date",
        "2026-03-28",
        "--text",
        "请抓好落实：及时报告",
    )
    assert result.code == 0, result.err
    removed, added = changes(old, path.read_bytes())
    assert removed == []
    assert added == [
        '  - {by: "副县长 李华", level: county, date: 2026-03-28, note: "请抓好落实：及时报告"}\n'.encode()
    ]
    lines = path.read_bytes().split(b"\n")
    assert lines.index(added[0].rstrip(b"\n")) == lines.index(b"instructions:") + 2  # after the one item there
    # 1 + 5 (县政府办) + 10 (县委副书记, county) = 16 → + 10 (副县长, county) = 26
    assert "本条信息得分：16 分 → 26 分" in result.out
    after = stats(site, "--period", "2026-03")
    # good already (it had an instruction): +10 points, one more instruction, good unchanged
    assert _delta(before, after, "养老服务股", "score", "instructions", "good") == {
        "score": 10,
        "instructions": 1,
        "good": 0,
    }


@pytest.mark.slow
def test_reported_sets_the_time_and_the_overdue_event_is_on_time(demo: Path, tmp_path: Path) -> None:
    site = _site(demo, tmp_path)
    path = site / SHIWU_015
    old = path.read_bytes()
    before = stats(site, "--period", "2026-03")
    assert SHIWU_015 in before["overdue"]
    result = run_cli(site, "reported", SHIWU_015, "--at", "2026-03-05 15:30")
    assert result.code == 0, result.err
    removed, added = changes(old, path.read_bytes())
    assert (removed, added) == ([], [b"reported_time: 2026-03-05 15:30\n"])
    assert b"event_time: 2026-03-05 14:15\nreported_time: 2026-03-05 15:30\n" in path.read_bytes()
    assert "超时未报 → 按时" in result.out and "-10 → 0" in result.out
    on_time = stats(site, "--period", "2026-03")
    # due = 14:15 + 2 h = 16:15; 15:30 ≤ due: on time. overdue (-10) → on time (0): the section's score +10
    assert _delta(before, on_time, "社会事务股", "score") == {"score": 10}
    assert (
        section_row(on_time, "社会事务股")["urgent"]["on_time"] - section_row(before, "社会事务股")["urgent"]["on_time"]
        == 1
    )
    assert SHIWU_015 not in on_time["overdue"]
    again = run_cli(site, "reported", SHIWU_015, "--at", "2026-03-05 17:30")
    assert again.code == 0, again.err
    removed, added = changes(old, path.read_bytes())
    assert added == [b"reported_time: 2026-03-05 17:30\n"]
    late = stats(site, "--period", "2026-03")
    # 17:30 > 16:15: late, -5 instead of 0
    assert _delta(on_time, late, "社会事务股", "score") == {"score": -5}


REFUSED = [
    pytest.param(("adopt", SHIWU_016, "--by", "市民政厅"), "未改动", id="unknown-adopter"),
    pytest.param(("adopt", SHIWU_016, "--by", "市民政局", "--date", "2026/3/1"), "不是有效的日期", id="slash-date"),
    pytest.param(("adopt", SHIWU_016, "--by", "市民政局", "--date", "2026-02-30"), "不是有效的日期", id="no-such-day"),
    pytest.param(("adopt", SHIWU_016, "--by", "市民政局", "--date", "2026-03-01"), "未改动", id="before-the-report"),
    pytest.param(("adopt", SHIWU_016, "--by", " "), "--by 不能为空", id="empty-adopter"),
    pytest.param(("adopt", SHIWU_016, "--by", "市委办", "--in", "政务晨讯"), "未改动", id="not-its-publication"),
    pytest.param(("instruct", SHIWU_016, "--by", "县长", "--level", "乡级"), "不是批示级别", id="bad-level"),
    pytest.param(("reported", SHIWU_016, "--at", "2026-03-16 10:00"), "不是重大紧急事件", id="not-urgent"),
    pytest.param(("reported", SHIWU_015, "--at", "2026-03-05"), "缺少几点几分", id="no-time-of-day"),
    pytest.param(("reported", SHIWU_015, "--at", "2026-03-05 13:00"), "未改动", id="before-the-event"),
    pytest.param(("adopt", "content/reports/2026/03/none.md", "--by", "市民政局"), "没有这个文件", id="missing-file"),
    pytest.param(("adopt", "mkdocs.yml", "--by", "市民政局"), "不是信息文件", id="not-a-report"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("args", "words"), REFUSED)
def test_refused_input_leaves_the_file_untouched(demo: Path, tmp_path: Path, args: tuple[str, ...], words: str) -> None:
    site = _site(demo, tmp_path)
    reports = sorted((site / "content").rglob("*"))
    contents = {p: p.read_bytes() for p in reports if p.is_file()}
    result = run_cli(site, *args)
    assert result.code == 1, result.err
    assert result.out == ""
    last = result.err.strip().splitlines()[-1]
    assert words in last and CHINESE.search(last), result.err
    assert "Traceback" not in result.err
    assert sorted((site / "content").rglob("*")) == reports  # no file added (no temporary file left)
    assert all(p.read_bytes() == data for p, data in contents.items())


@pytest.mark.slow
def test_an_unknown_adopter_is_the_error_check_gives(demo: Path, tmp_path: Path) -> None:
    """The problem printed is the one ``check`` prints for the same line written by hand."""
    site = _site(demo, tmp_path)
    path = site / SHIWU_016
    refused = run_cli(site, "adopt", SHIWU_016, "--by", "市民政厅", "--date", "2026-03-20")
    assert refused.code == 1
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n---\n", "\nadopted:\n  - {by: 市民政厅, date: 2026-03-20}\n---\n", 1), "utf-8")
    check = run_cli(site, "check")
    problem = next(line for line in check.out.splitlines() if line.startswith(SHIWU_016))
    assert refused.err.splitlines()[0] == problem
    assert "省民政厅" in problem  # the nearest configured adopter, suggested


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        pytest.param(
            "adopted: [县委办]  # 首次\n", "adopted: [县委办, {by: 市委办, date: 2026-03-20}]  # 首次\n", id="flow-list"
        ),
        pytest.param(
            "adopted:   # 暂无\n# 备注\n",
            "adopted:   # 暂无\n  - {by: 市委办, date: 2026-03-20}\n# 备注\n",
            id="empty-with-comment",
        ),
        pytest.param("adopted: []\n", "adopted:\n  - {by: 市委办, date: 2026-03-20}\n", id="empty-list"),
        pytest.param(
            "adopted:\n- by: 县委办\n  date: 2026-03-09   # 专报\n# 以下待核\ntags: [重点]\n",
            "adopted:\n- by: 县委办\n  date: 2026-03-09   # 专报\n- {by: 市委办, date: 2026-03-20}\n"
            "# 以下待核\ntags: [重点]\n",
            id="block-list-of-mappings",
        ),
        pytest.param(
            'adopted: "县委办"\n',
            'adopted:\n  - "县委办"\n  - {by: 市委办, date: 2026-03-20}\n',
            id="quoted-name",
        ),
        pytest.param(
            "adopted:\n  县委办\n",
            "adopted:\n  - 县委办\n  - {by: 市委办, date: 2026-03-20}\n",
            id="name-on-its-own-line",
        ),
        pytest.param(
            "adopted: {by: 县委办, date: 2026-03-09}\n",
            "adopted:\n  - {by: 县委办, date: 2026-03-09}\n  - {by: 市委办, date: 2026-03-20}\n",
            id="one-mapping",
        ),
    ],
)
def test_adopt_handles_every_shape_of_adopted(tmp_path: Path, front: str, expected: str) -> None:
    head = "---\ntitle: 一条信息\nsection: 甲股\ndate: 2026-03-05\n"
    site = make_site(tmp_path, reports={"2026/03/a.md": head + front + "---\n\n正文。\n"})
    result = run_cli(site, "adopt", "content/reports/2026/03/a.md", "--by", "市委办", "--date", "2026-03-20")
    assert result.code == 0, result.err
    assert (site / "content/reports/2026/03/a.md").read_text("utf-8") == head + expected + "---\n\n正文。\n"
    assert run_cli(site, "check").code == 0


def test_a_block_mapping_is_refused_with_the_list_form(tmp_path: Path) -> None:
    text = "---\ntitle: 一条信息\nsection: 甲股\ndate: 2026-03-05\nadopted:\n  by: 县委办\n---\n\n正文。\n"
    site = make_site(tmp_path, reports={"2026/03/a.md": text})
    result = run_cli(site, "adopt", "content/reports/2026/03/a.md", "--by", "市委办")
    assert result.code == 1
    assert "content/reports/2026/03/a.md:5: adopted: 写成了缩进的键值" in result.err
    assert (site / "content/reports/2026/03/a.md").read_text("utf-8") == text


def test_the_dates_default_to_the_clock_in_the_configured_zone(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": report(urgent="true", event_time="2026-03-05 08:00")})
    late_evening = datetime(2026, 4, 5, 17, 0, tzinfo=timezone.utc)  # 2026-04-06 01:00 in Asia/Shanghai
    path = "content/reports/2026/03/a.md"
    assert run_cli(site, "adopt", path, "--by", "县委办", now=late_evening).code == 0
    assert run_cli(site, "instruct", path, "--by", "县长 孙建国", "--level", "county", now=late_evening).code == 0
    text = (site / path).read_text("utf-8")
    assert "  - {by: 县委办, date: 2026-04-06}\n" in text
    assert '  - {by: "县长 孙建国", level: county, date: 2026-04-06}\n' in text


def test_help_is_chinese(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    site = make_site(tmp_path)
    for command in ("adopt", "instruct", "reported"):
        result = run_cli(site, command, "--help")
        assert result.code == 0
        shown = result.out  # on the run's stream, not the process's
        assert capsys.readouterr() == ("", "")
        assert "--by" in shown or "--at" in shown
        assert "文件未改动" not in shown and "其余内容不动" in shown


# --- new report (point 8) -------------------------------------------------------------------------------


def test_new_report_is_dated_at_the_current_minute(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    now = datetime(2026, 4, 5, 12, 34, 56, tzinfo=timezone.utc)  # 20:34:56 in Asia/Shanghai
    made = run_cli(site, "new", "report", "--section", "甲股", "--title", "标题", now=now)
    assert made.code == 0, made.err
    text = (site / "content/reports/2026/04/2026-04-05-jia-1.md").read_text("utf-8")
    assert "\ndate: 2026-04-05 20:34\n" in text
    # --date is written as given: a time stays a time, a day stays a day
    given = run_cli(site, "new", "report", "--section", "甲股", "--title", "二", "--date", "2026-03-05 09:07")
    assert given.code == 0, given.err
    assert "\ndate: 2026-03-05 09:07\n" in (site / "content/reports/2026/03/2026-03-05-jia-1.md").read_text("utf-8")
    day = run_cli(site, "new", "report", "--section", "甲股", "--title", "三", "--date", "2026-03-06")
    assert day.code == 0, day.err
    assert "\ndate: 2026-03-06\n" in (site / "content/reports/2026/03/2026-03-06-jia-1.md").read_text("utf-8")
    assert run_cli(site, "check").code == 0


def test_an_urgent_report_is_never_dated_before_its_event(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    args = ("new", "report", "--section", "乙股", "--title", "突发", "--urgent")
    # a day alone on the event's day: the event's minute, not 00:00
    same_day = run_cli(site, *args, "--event-time", "2026-03-10 08:30", "--date", "2026-03-10")
    assert same_day.code == 0, same_day.err
    text = (site / "content/reports/2026/03/2026-03-10-yi-1.md").read_text("utf-8")
    assert "\ndate: 2026-03-10 08:30\n" in text
    # no --date: now (2026-04-05 20:00 Shanghai) is after the event: now
    now_dated = run_cli(site, *args, "--event-time", "2026-04-05 18:00")
    assert now_dated.code == 0, now_dated.err
    assert "\ndate: 2026-04-05 20:00\n" in (site / "content/reports/2026/04/2026-04-05-yi-1.md").read_text("utf-8")
    before = sorted((site / "content").rglob("*.md"))
    for extra, words in (
        (("--event-time", "2026-04-05 21:00"), "晚于现在"),  # the event after now, no --date
        (("--event-time", "2026-03-10 08:30", "--date", "2026-03-09"), "早于事件发生时间"),
        (("--event-time", "2026-03-10 08:30", "--date", "2026-03-10 08:00"), "早于事件发生时间"),
    ):
        refused = run_cli(site, *args, *extra)
        assert refused.code == 2 and words in refused.err, refused.err
    assert sorted((site / "content").rglob("*.md")) == before


def test_an_unknown_section_is_one_chinese_error_naming_the_sections(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    result = run_cli(site, "new", "report", "--section", "甲", "--title", "x")  # 甲 is an alias: fine
    assert result.code == 0, result.err
    before = sorted((site / "content").rglob("*"))
    refused = run_cli(site, "new", "report", "--section", "丁股", "--title", "x")
    assert refused.code == 1
    lines = refused.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("--section “丁股”：没有这个股室。")
    assert "甲股、乙股、丙股" in lines[0] and "未写入任何文件" in lines[0]
    assert ".md" not in lines[0]  # no file name that does not exist
    assert sorted((site / "content").rglob("*")) == before


@pytest.mark.slow
def test_the_guide_shows_what_adopt_prints(demo: Path, tmp_path: Path) -> None:
    """The guide's example of ``adopt`` is run on the demo, and prints what the guide shows."""
    guide = (Path(__file__).resolve().parent.parent / "content" / "guide.md").read_text(encoding="utf-8")
    section = guide.split("### 登记采用、批示和报送时间", 1)[1].split("\n### ", 1)[0]
    command, shown = re.findall(r"```text\n(.*?)```", section, re.DOTALL)[:2]
    args = shlex.split(command)
    assert args[:2] == ["python", "build_stats.py"]
    result = run_cli(_site(demo, tmp_path), *args[2:])  # the tests' clock: 2026-04-05 20:00 in Asia/Shanghai
    assert result.code == 0, result.err
    assert result.out == shown


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        pytest.param("", 'instructions:\n  - {by: "县长 孙建国", level: city, date: 2026-03-20}\n', id="absent"),
        pytest.param(
            "instructions: []  # 暂无\n",
            'instructions:  # 暂无\n  - {by: "县长 孙建国", level: city, date: 2026-03-20}\n',
            id="empty-list",
        ),
        pytest.param(
            "instructions: [{by: 局长, level: bureau}]\n",
            'instructions: [{by: 局长, level: bureau}, {by: "县长 孙建国", level: city, date: 2026-03-20}]\n',
            id="flow-list",
        ),
    ],
)
def test_instruct_handles_every_shape_of_instructions(tmp_path: Path, front: str, expected: str) -> None:
    head = "---\ntitle: 一条信息\nsection: 甲股\ndate: 2026-03-05\n"
    site = make_site(tmp_path, reports={"2026/03/a.md": head + front + "---\n\n正文。\n"})
    args = (
        "instruct",
        "content/reports/2026/03/a.md",
        "--by",
        "县长 孙建国",
        "--level",
        "市级",
        "--date",
        "2026-03-20",
    )
    result = run_cli(site, *args)
    assert result.code == 0, result.err
    assert (site / "content/reports/2026/03/a.md").read_text("utf-8") == head + expected + "---\n\n正文。\n"


def test_the_write_is_refused_when_the_file_changed_meanwhile(tmp_path: Path) -> None:
    from portal.commands.recording import Refused, write_atomically

    path = tmp_path / "a.md"
    path.write_bytes(b"saved by someone else\n")
    os.chmod(path, 0o640)
    with pytest.raises(Refused):
        write_atomically(str(path), b"ours\n", expected=b"what we read\n")
    assert path.read_bytes() == b"saved by someone else\n"
    assert os.listdir(tmp_path) == ["a.md"]  # no temporary file left
    write_atomically(str(path), b"ours\n", expected=b"saved by someone else\n")
    assert path.read_bytes() == b"ours\n" and os.stat(path).st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["a.md"]
