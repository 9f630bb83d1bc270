"""Hardening, round three, the content side (issue 28): nothing unchecked and nothing doubled, for every kind.

Each case runs through ``check`` and, where the build is concerned, a real ``mkdocs build``; no output may
hold a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import PORTAL, REPO, make_site, mkdocs_build, report, run_cli

SCRIPT = str(REPO / "build_stats.py")


def _no_override() -> list[str]:
    """A command prefix under which ``chmod 000`` holds: root loses the capabilities that override permissions."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: a folder mode cannot hold")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def _console(site: Path, *args: str, prefix: list[str] | None = None, env: dict[str, str] | None = None) -> Any:
    full_env = {**os.environ, "PORTAL_CACHE_DIR": "", "PORTAL_AS_OF": "2026-04-05", **(env or {})}
    return subprocess.run(
        [*(prefix or []), sys.executable, SCRIPT, *args],
        cwd=site,
        capture_output=True,
        env=full_env,
        timeout=300,
    )


def _build(site: Path, prefix: list[str] | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PORTAL_AS_OF": "2026-04-05", "NO_MKDOCS_2_WARNING": "1", "PORTAL_CACHE_DIR": ""}
    command = [*(prefix or []), sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site / "_site")]
    return subprocess.run(command, cwd=site, env=env, capture_output=True, timeout=600)


# --- folders and names -------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_folder_that_cannot_be_listed_is_an_error_and_fails_the_build(tmp_path: Path) -> None:
    prefix = _no_override()
    site = make_site(
        tmp_path, reports={"2026/03/a.md": report(title="三月"), "2026/04/b.md": report(date="2026-04-02")}
    )
    locked = site / "content/reports/2026/04"
    locked.chmod(0)
    try:
        checked = _console(site, "check", prefix=prefix)
        built = _build(site, prefix)
    finally:
        locked.chmod(0o755)
    out = checked.stdout.decode()
    assert checked.returncode == 1, out
    assert "content/reports/2026/04:1: file: 无法读取此文件夹的内容" in out
    assert "1 个错误" in out
    assert built.returncode == 1
    assert "无法读取此文件夹的内容" in built.stderr.decode()
    assert b"Traceback" not in checked.stderr + built.stderr
    assert not (site / "_site/index.html").exists()


@pytest.mark.slow
def test_a_report_named_only_of_dots_is_an_error(tmp_path: Path) -> None:
    site = make_site(
        tmp_path, reports={"2026/03/a.md": report(), "2026/03/..md": report(title="点"), "2026/03/....md": report()}
    )
    result = run_cli(site, "check")
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0].startswith("content/reports/2026/03/....md:1: file: 文件名只有点")
    assert lines[1].startswith("content/reports/2026/03/..md:1: file: 文件名只有点")
    assert lines[-1] == "检查了 2 个文件：2 个错误，0 个警告"  # index.md and a.md read, the two refused
    assert mkdocs_build(site).returncode == 1


@pytest.mark.slow
def test_a_name_that_is_not_utf8_is_an_error_not_a_crash(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": report()})
    folder = os.fsencode(site / "content/reports/2026/03")
    with open(folder + b"/\xb5\xcd.md", "w", encoding="utf-8") as handle:  # "低" in GBK
        handle.write(report(title="编码"))
    os.makedirs(os.fsencode(site / "content") + b"/img\xff")
    checked = _console(site, "check")
    out = checked.stdout.decode()
    assert checked.returncode == 1, checked.stderr.decode()
    assert "content/img\\xff:1: file: 文件名不是 UTF-8 编码" in out
    assert "content/reports/2026/03/\\xb5\\xcd.md:1: file: 文件名不是 UTF-8 编码" in out
    built = _build(site)
    assert built.returncode == 1
    assert b"Traceback" not in checked.stderr + built.stderr
    assert b"UnicodeEncodeError" not in built.stderr


@pytest.mark.slow
def test_names_that_differ_only_in_case_are_an_error(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        reports={"2026/03/a.md": report(), "2026/03/p.png": b"\x89PNG", "2026/03/P.png": b"\x89PNG"},
        files={"content/incidents/2026/x.md": "x", "content/incidents/2026/X.MD": "y"},
    )
    result = run_cli(site, "check")
    assert result.code == 1
    assert "content/reports/2026/03/p.png:1: file: 与 content/reports/2026/03/P.png 只有大小写不同" in result.out, (
        result.out
    )
    assert "content/incidents/2026/x.md:1: file: 与 content/incidents/2026/X.MD 只有大小写不同" in result.out
    built = mkdocs_build(site)
    assert built.returncode == 1 and "只有大小写不同" in built.stderr and "Traceback" not in built.stderr


# --- copies and leftovers of every content kind ------------------------------------------------------------

_INCIDENT = "---\nsection: 甲股\ndate: 2026-03-06\ntype: 被通报\n---\n\n漏报一条紧急信息。\n"
_REQUEST = "---\ntitle: 春耕约稿\nissued: 2026-03-01\ndeadline: 2026-03-10\n---\n\n请报送春耕信息。\n"
_NOTE = "---\nnumber: 3\n---\n\n三月份各股室报送积极。\n"
_PERIODICAL = {"name": "民政信息", "slug": "minzheng", "adopter": "本局简报", "columns": ["工作动态"]}
_ISSUE = "---\npublication: 民政信息\nnumber: 4\ndate: 2026-04-02\nitems:\n- reports/2026/03/a.md\n---\n\n编者按。\n"
#: One file of each kind other than reports (whose copies test_corpus covers), by folder and name.
_KIND_FILES = {
    "incidents": ("incidents/2026", "2026-03-06-漏报", _INCIDENT),
    "requests": ("requests", "chungeng", _REQUEST),
    "periodicals": ("periodicals/minzheng", "2026-04", _ISSUE),
    "bulletins": ("bulletins", "2026-03", _NOTE),
}


def _kind_site(tmp_path: Path, kind: str, names: list[str]) -> Path:
    folder, _, text = _KIND_FILES[kind]
    portal = {**PORTAL, "periodicals": [_PERIODICAL]}
    files = {f"content/{folder}/{name}.md": text for name in names}
    files[f"content/{folder}/index.md"] = "说明。\n"  # the folder exists even when it holds no file yet
    return make_site(tmp_path, reports={"2026/03/a.md": report(title="春耕")}, portal=portal, files=files)


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(_KIND_FILES))
@pytest.mark.parametrize("suffix", [" - 副本", " - 副本 (2)", " (1)", "_copy", " 2"])
def test_a_copy_of_any_kind_is_one_error_naming_the_original(tmp_path: Path, kind: str, suffix: str) -> None:
    folder, stem, _ = _KIND_FILES[kind]
    site = _kind_site(tmp_path, kind, [stem, stem + suffix])
    result = run_cli(site, "check")
    assert result.code == 1
    assert result.out.splitlines()[:-1] == [
        f"content/{folder}/{stem}{suffix}.md:1: file: 是 content/{folder}/{stem}.md 的副本（内容完全相同），"
        f"这份{_KIND_NAMES[kind]}会重复计入或与原文件冲突；请删除副本，如果是新的{_KIND_NAMES[kind]}请改写内容并改名"
    ]
    alone = _kind_site(tmp_path / "alone", kind, [stem])
    assert run_cli(alone, "check").code == 0  # the original alone is clean: the error is the copy's


_KIND_NAMES = {"incidents": "通报记录", "requests": "约稿通知", "periodicals": "期刊", "bulletins": "通报文字"}


@pytest.mark.slow
def test_a_copied_incident_fails_the_build_instead_of_counting_twice(tmp_path: Path) -> None:
    folder, stem, _ = _KIND_FILES["incidents"]
    site = _kind_site(tmp_path, "incidents", [stem, stem + " - 副本"])
    built = mkdocs_build(site)
    assert built.returncode == 1
    assert f"content/{folder}/{stem} - 副本.md:1: file: 是 content/{folder}/{stem}.md 的副本" in built.stderr
    assert "Traceback" not in built.stderr


@pytest.mark.parametrize("kind", sorted(_KIND_FILES))
@pytest.mark.parametrize("leftover", [".md.orig", ".md.rej", ".md.bak", ".md.txt", ".docx"])
def test_leftovers_of_any_kind_are_errors(tmp_path: Path, kind: str, leftover: str) -> None:
    folder, stem, _ = _KIND_FILES[kind]
    site = _kind_site(tmp_path, kind, [stem])
    (site / "content" / folder / f"{stem}{leftover}").write_text("旧版本\n", encoding="utf-8")
    result = run_cli(site, "check")
    assert result.code == 1
    assert result.out.startswith(f"content/{folder}/{stem}{leftover}:1: file: "), result.out
    assert "1 个错误" in result.out


# --- drafts of requests and periodical issues --------------------------------------------------------------


def _with_draft(text: str) -> str:
    return text.replace("---\n", "---\ndraft: true\n", 1)


@pytest.mark.slow
def test_a_draft_request_is_checked_but_not_published_nor_asked(tmp_path: Path) -> None:
    site = _kind_site(tmp_path, "requests", [])
    (site / "content/requests/chungeng.md").write_text(_with_draft(_REQUEST), encoding="utf-8")
    result = run_cli(site, "check")
    assert (result.code, result.out.splitlines()) == (0, ["检查了 4 个文件：0 个错误，0 个警告"])
    # published, the notice would be one row of March, missed by all three sections (request_missed: -10 each);
    # the draft asks nothing: 甲股 keeps the 1 point of its one report (a.md), the others 0
    data = run_cli(site, "stats", "--json", "--as-of", "2026-04-05", "--period", "2026-03").json()
    assert data["requests"] == []
    assert all(row["score"] == (1 if row["section"] == "甲股" else 0) for row in data["sections"]), data["sections"]
    built = mkdocs_build(site)
    assert built.returncode == 0, built.stderr
    assert not (site / "_site/requests/chungeng").exists()
    assert "春耕约稿" not in "".join(p.read_text("utf-8") for p in (site / "_site").rglob("*.html"))


def test_a_report_answering_a_draft_request_is_told_so(tmp_path: Path) -> None:
    site = _kind_site(tmp_path, "requests", [])
    (site / "content/requests/chungeng.md").write_text(_with_draft(_REQUEST), encoding="utf-8")
    (site / "content/reports/2026/03/b.md").write_text(report(title="答复", request="chungeng"), encoding="utf-8")
    result = run_cli(site, "check")
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        "content/reports/2026/03/b.md:5: request: 约稿通知“chungeng”（content/requests/chungeng.md）还是草稿"
        "（draft: true），尚未发出；请先删去该通知的 draft: true，或删去本信息的 request 字段"
    )


@pytest.mark.slow
def test_a_draft_issue_is_checked_but_not_published_nor_counted(tmp_path: Path) -> None:
    site = _kind_site(tmp_path, "periodicals", [])
    (site / "content/periodicals/minzheng/2026-04.md").write_text(_with_draft(_ISSUE), encoding="utf-8")
    result = run_cli(site, "check")
    assert (result.code, result.out.splitlines()) == (0, ["检查了 4 个文件：0 个错误，0 个警告"])
    # the one report is 甲股's; a published issue would make it adopted by 本局简报 (1 adoption), the draft not
    row = next(
        r
        for r in run_cli(site, "stats", "--json", "--as-of", "2026-04-05").json()["sections"]
        if r["section"] == "甲股"
    )
    assert row["adopted"] == 0, row
    built = mkdocs_build(site)
    assert built.returncode == 0, built.stderr
    assert not (site / "_site/periodicals/minzheng/2026-04").exists()


@pytest.mark.slow
def test_a_draft_issue_with_no_item_yet_is_no_warning(tmp_path: Path) -> None:
    site = _kind_site(tmp_path, "periodicals", [])
    empty = _with_draft(_ISSUE).replace("items:\n- reports/2026/03/a.md\n", "items:\n")
    (site / "content/periodicals/minzheng/2026-04.md").write_text(empty, encoding="utf-8")
    result = run_cli(site, "check")
    assert (result.code, result.out.splitlines()) == (0, ["检查了 4 个文件：0 个错误，0 个警告"])
    assert mkdocs_build(site).returncode == 0


@pytest.mark.slow
def test_new_periodical_writes_a_draft_that_passes_a_strict_build(tmp_path: Path) -> None:
    site = _kind_site(tmp_path, "periodicals", [])
    result = run_cli(site, "new", "periodical", "--publication", "民政信息", "--date", "2026-04-10")
    assert result.code == 0, result.err
    written = site / "content/periodicals/minzheng/2026-01.md"
    assert "draft: true" in written.read_text(encoding="utf-8")
    built = mkdocs_build(site)  # --strict: a warning would fail it
    assert built.returncode == 0, built.stderr
    assert not (site / "_site/periodicals/minzheng/2026-01").exists()
    again = run_cli(site, "new", "periodical", "--publication", "民政信息", "--date", "2026-04-10")
    assert again.out.strip() == "已写入 content/periodicals/minzheng/2026-02.md"  # the draft holds 第1期


# --- the cache folder --------------------------------------------------------------------------------------

_SECRET = "草稿里尚未核实的情况"
_ID = "11010519491231002X"  # a valid resident ID number (checksum X): an error wherever it is written


def _cached_site(tmp_path: Path) -> Path:
    return make_site(
        tmp_path,
        reports={
            "2026/03/a.md": report(title="三月信息"),
            "2026/03/d.md": report(title="草稿", draft="true", body=_SECRET + "\n"),
        },
    )


@pytest.mark.slow
def test_a_cache_folder_inside_the_content_is_not_used_nor_published(tmp_path: Path) -> None:
    site = _cached_site(tmp_path)
    leftover = site / "content/cache/0123/parsed-full.json"  # what an earlier version left there
    leftover.parent.mkdir(parents=True)
    leftover.write_text(_SECRET, encoding="utf-8")
    env = {"PORTAL_CACHE_DIR": "content/cache"}
    result = run_cli(site, "check", env=env)
    assert result.code == 0
    assert result.out.startswith(
        "警告: content/cache:1: PORTAL_CACHE_DIR: 缓存文件夹 content/cache 在内容文件夹里面，会被发布到网站上"
    ), result.out
    assert sorted(p.name for p in (site / "content/cache").rglob("*")) == ["0123", "parsed-full.json"]  # unused
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(site / "_site")],
        cwd=site,
        env={**os.environ, "PORTAL_AS_OF": "2026-04-05", "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr
    assert "PORTAL_CACHE_DIR: 缓存文件夹 content/cache 在内容文件夹里面" in built.stderr
    assert "Traceback" not in built.stderr
    published = list((site / "_site").rglob("*"))
    assert not [p for p in published if "cache" in p.relative_to(site / "_site").parts]
    assert not any(_SECRET in p.read_text("utf-8", "replace") for p in published if p.is_file())
    assert sorted(p.name for p in (site / "content/cache").rglob("*")) == ["0123", "parsed-full.json"]


def _tamper(folder: Path, change: Any) -> None:
    """Rewrite the parse cache's entries with ``change`` and a valid checksum; drop the snapshot."""
    from portal.store.cache import write_checked

    for path in folder.glob("*/snapshot-*.json"):
        path.unlink()
    [cache] = folder.glob("*/parsed-lean.json")
    head, _, payload = cache.read_bytes().partition(b"\n")
    magic, key, _ = head.split(b" ")
    lines = [json.loads(line) for line in payload.split(b"\n")]
    for _, entries in lines:
        for entry in entries.values():
            change(entry[2])
    text = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode()
    write_checked(str(cache), magic, key.decode(), text, os.stat(cache).st_mtime_ns)


def _drop_problems(parsed: dict[str, Any]) -> None:
    parsed["problems"] = []


@pytest.mark.parametrize("unsafe", ["foreign", "writable"])
def test_a_cache_folder_others_can_write_is_not_used(tmp_path: Path, unsafe: str) -> None:
    if unsafe == "foreign" and os.geteuid() != 0:
        pytest.skip("only root can give a folder to another user")
    site = make_site(tmp_path, reports={"2026/03/a.md": report(body=f"身份证号 {_ID}。\n")})
    env = {"PORTAL_CACHE_DIR": str(tmp_path / "shared")}
    first = run_cli(site, "check", env=env)
    assert first.code == 1 and "content/reports/2026/03/a.md:7: body:" in first.out
    _tamper(tmp_path / "shared", _drop_problems)  # another user's hand: the entry says "no problem"
    for folder in (tmp_path / "shared", *(tmp_path / "shared").iterdir()):
        if unsafe == "foreign":
            os.chown(folder, 65534, 65534)  # nobody's
        else:
            folder.chmod(0o777)
    second = run_cli(site, "check", env=env)
    assert second.code == 1, second.out
    assert "content/reports/2026/03/a.md:7: body:" in second.out
    words = "不属于当前用户" if unsafe == "foreign" else "的权限是 777，其他用户也能写入"
    assert f"警告: {tmp_path / 'shared'}:1: PORTAL_CACHE_DIR: 缓存文件夹 " in second.out
    assert words in second.out


def test_a_private_cache_folder_is_made_so(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": report()})
    old = os.umask(0o002)  # a user-private-group system: folders are made group-writable
    try:
        assert run_cli(site, "check", env={"PORTAL_CACHE_DIR": str(tmp_path / "c")}).out.startswith("检查了 2 个文件")
    finally:
        os.umask(old)
    assert [oct(p.stat().st_mode & 0o777) for p in (tmp_path / "c", *(tmp_path / "c").iterdir())] == ["0o700"] * 2


def _wrong_date(parsed: dict[str, Any]) -> None:
    value = parsed.get("value")
    if isinstance(value, dict) and value.get("!") == "Report":
        value["date"] = "not a date"
        value["title"] = 5


def _foreign_problem(parsed: dict[str, Any]) -> None:
    parsed["problems"] = [{"!": "Problem", "path": 5, "line": "x", "field": None, "message": []}]


@pytest.mark.parametrize("change", [_wrong_date, _foreign_problem])
def test_a_cache_entry_that_is_not_a_parse_result_is_a_miss(tmp_path: Path, change: Any) -> None:
    site = _cached_site(tmp_path)
    env = {"PORTAL_CACHE_DIR": str(tmp_path / "c")}
    expected = run_cli(site, "stats", "--json", "--as-of", "2026-04-05", env=env)
    assert expected.code == 0, expected.out
    _tamper(tmp_path / "c", change)
    again = run_cli(site, "stats", "--json", "--as-of", "2026-04-05", env=env)
    assert (again.code, again.out, again.err) == (0, expected.out, "")


def test_a_snapshot_that_is_not_a_load_is_a_miss(tmp_path: Path) -> None:
    from portal.store.cache import write_checked

    site = _cached_site(tmp_path)
    env = {"PORTAL_CACHE_DIR": str(tmp_path / "c")}
    expected = run_cli(site, "check", env=env)
    [snapshot] = (tmp_path / "c").glob("*/snapshot-lean.json")
    head, _, payload = snapshot.read_bytes().partition(b"\n")
    index = json.loads(payload)
    index["files"], index["problems"] = "many", [{"!": "Problem", "path": 1, "line": [], "field": 2, "message": 3}]
    later = os.stat(snapshot).st_mtime_ns + 60 * 10**9  # not racy: it would be trusted
    write_checked(str(snapshot), head.split(b" ")[0], head.split(b" ")[1].decode(), json.dumps(index).encode(), later)
    again = run_cli(site, "check", env=env)
    assert (again.code, again.out, again.err) == (expected.code, expected.out, "")


# --- the public subset -------------------------------------------------------------------------------------

_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def test_public_copies_the_images_of_public_reports_and_names_every_section(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        reports={
            "2026/03/a.md": report(
                title="合报的公开信息",
                section="[甲股, 乙股]",
                classification="公开",
                body="![现场](img/现场.png)\n\n![共用](../../../images/logo.png)\n",
            ),
            "2026/03/img/现场.png": _PNG,
            "2026/03/b.md": report(title="内部信息", body="![内部](img/内部.png)\n"),
            "2026/03/img/内部.png": _PNG + b"internal",
        },
        files={"content/images/logo.png": _PNG + b"logo"},
    )
    out = tmp_path / "public"
    result = run_cli(site, "public", "-o", str(out))
    assert result.code == 0, result.err
    copied = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.png"))
    assert copied == ["images/logo.png", "reports/2026/03/img/现场.png"]  # not the internal report's picture
    assert (out / "images/logo.png").read_bytes() == _PNG + b"logo"
    page = (out / "reports/2026/03/a.html").read_text(encoding="utf-8")
    assert "甲股、乙股" in page
    assert "甲股、乙股" in (out / "index.html").read_text(encoding="utf-8")


def test_public_refuses_the_content_folder_and_a_symlink(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"a.md": report(classification="公开")})
    for inside in ("content/public", "content", "."):
        result = run_cli(site, "public", "-o", inside)
        assert result.code == 2, (inside, result.out, result.err)
        assert "在内容文件夹 content 里面（或包含它）" in result.err
    assert not (site / "content/public").exists()
    real = tmp_path / "real"
    assert run_cli(site, "public", "-o", str(real)).code == 0
    link = tmp_path / "link"
    link.symlink_to(real)
    result = run_cli(site, "public", "-o", str(link))
    assert result.code == 2
    assert result.err.strip() == (
        f"错误：{link}：是一个符号链接，替换时只会替换链接本身；请直接指定它指向的文件夹，或换一个新文件夹"
    )
    assert link.is_symlink() and (real / ".portal-public").exists()


# --- new -----------------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["report", "incident", "request"])
def test_new_with_arguments_that_are_not_utf8_is_one_chinese_line(tmp_path: Path, kind: str) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": report()})
    choices: dict[str, list[str | bytes]] = {
        "report": ["--title", b"\xb5\xcd\xb1\xa3", "--section", "甲股"],
        "incident": ["--section", b"\xbc\xd7\xb9\xc9", "--type", "被通报"],
        "request": ["--title", b"\xd4\xbc\xb8\xe5", "--deadline", "2026-04-30"],
    }
    options = choices[kind]
    result = subprocess.run(
        [sys.executable, SCRIPT, "new", kind, *options],
        cwd=site,
        capture_output=True,
        env={**os.environ, "LC_ALL": "C.UTF-8", "PYTHONUTF8": "1", "PORTAL_CACHE_DIR": ""},
        timeout=120,
    )
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2, err
    assert err.startswith("错误：参数 ") and "\\x" in err and "不是 UTF-8 编码" in err, err
    assert len(err.splitlines()) == 1
    assert "Traceback" not in err
    assert sorted(p.name for p in (site / "content").rglob("*.md")) == ["a.md", "index.md"]  # nothing written


@pytest.mark.slow
def test_new_prints_the_path_from_the_current_folder(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": report()})
    (site / "content/reports/2026/04").mkdir(parents=True)
    result = _console(
        site / "content/reports/2026/04",
        "--config",
        "../../../../mkdocs.yml",
        "new",
        "report",
        "--title",
        "四月信息",
        "--section",
        "甲股",
        "--date",
        "2026-04-02",
    )
    assert result.returncode == 0, result.stderr.decode()
    [written] = (site / "content/reports/2026/04").glob("*.md")
    assert result.stdout.decode().strip() == f"已写入 {written.name}"


def test_new_incident_refuses_a_draft_report(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"2026/03/d.md": report(draft="true"), "2026/03/bad.md": report(section="丁股")})
    args = ("new", "incident", "--section", "甲股", "--type", "被通报", "--date", "2026-03-20")
    draft = run_cli(site, *args, "--report", "reports/2026/03/d.md")
    assert (draft.code, draft.out) == (1, "")
    assert draft.err.strip() == (
        "--report:1: report: reports/2026/03/d.md 是草稿（draft: true），通报记录只能针对已报送的信息；"
        "请先删去该信息的 draft: true，或不写 --report"
    )
    broken = run_cli(site, *args, "--report", "reports/2026/03/bad.md")
    assert broken.code == 1 and "reports/2026/03/bad.md 还有错误" in broken.err
    assert not (site / "content/incidents").exists()


def test_new_incident_names_a_report_it_cannot_read_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root reads any file, so the refusal of the operating system is played by the module's ``open``."""
    from portal.commands import scaffold

    site = make_site(tmp_path, reports={"2026/03/r.md": report()})

    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(scaffold, "open", refused, raising=False)
    args = ("new", "incident", "--section", "甲股", "--type", "被通报", "--date", "2026-03-20")
    result = run_cli(site, *args, "--report", "reports/2026/03/r.md")
    assert (result.code, result.out) == (1, "")
    assert result.err.strip() == (
        "--report:1: report: reports/2026/03/r.md 无法读取（Permission denied）；请检查它的读取权限，或不写 --report"
    )


# --- config and hints ----------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("key", ["INHERT", "inherit", "Inherit", "INHERITS"])
def test_a_misspelt_inherit_is_one_clear_error(tmp_path: Path, key: str) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": report()})
    config = yaml.safe_load((site / "mkdocs.yml").read_text(encoding="utf-8"))
    (site / "base.yml").write_text(yaml.safe_dump({"extra": config.pop("extra")}, allow_unicode=True), "utf-8")
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    (site / "mkdocs.yml").write_text(f"{key}: base.yml\n{text}", encoding="utf-8")
    result = run_cli(site, "check")
    assert (result.code, result.out) == (2, "")
    problems = [line for line in result.err.splitlines() if not line.startswith("warning:")]
    assert problems == [
        f"mkdocs.yml:1: {key}: “{key}”应写作 INHERIT（全大写），写错时 MkDocs 不读取要继承的配置文件，"
        "股室等设置都会缺失；请改正这个键名"
    ]
    built = mkdocs_build(site, strict=False)
    assert built.returncode == 1
    assert f"“{key}”应写作 INHERIT" in built.stderr
    assert "unknown section" not in built.stderr and "Traceback" not in built.stderr


def test_a_case_only_rename_of_a_named_report_gets_the_right_hint(tmp_path: Path) -> None:
    # ITEM-1 was Item-1; by letters, Item-2 … Item-5 are nearer to the old name than ITEM-1 is
    reports = {f"2026/03/2026-03-0{i}-Item-{i}.md": report(title=f"信息{i}", date=f"2026-03-0{i}") for i in range(2, 6)}
    reports["2026/03/2026-03-01-ITEM-1.md"] = report(title="信息1", date="2026-03-01")
    old = "reports/2026/03/2026-03-01-Item-1.md"
    site = make_site(
        tmp_path,
        reports=reports,
        portal={**PORTAL, "periodicals": [_PERIODICAL]},
        files={
            "content/periodicals/minzheng/2026-04.md": _ISSUE.replace("reports/2026/03/a.md", old),
            "content/incidents/2026/x.md": _INCIDENT.replace("---\n\n", f"report: {old}\n---\n\n"),
        },
    )
    result = run_cli(site, "check")
    hint = (
        f"没有 {old}，但有只差大小写的 reports/2026/03/2026-03-01-ITEM-1.md（文件改过名？路径区分大小写）；"
        "请改写为 reports/2026/03/2026-03-01-ITEM-1.md"
    )
    assert result.out.splitlines()[:-1] == [
        f"content/incidents/2026/x.md:5: report: {hint}",
        f"content/periodicals/minzheng/2026-04.md:6: items[0]: {hint}",
    ]


def test_the_documentation_holds_no_merge_conflict_marker() -> None:
    pages = [*sorted((REPO / "docs").glob("*.md")), REPO / "README.md", REPO / "content/guide.md"]
    markers = [
        f"{page.relative_to(REPO)}:{number}"
        for page in pages
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1)
        if line.startswith(("<<<<<<< ", ">>>>>>> ")) or line == "<<<<<<<"
    ]
    assert markers == []
