"""Hardening, round three, the content side (issue 28): nothing unchecked and nothing doubled, for every kind.

Each case runs through ``check`` and, where the build is concerned, a real ``mkdocs build``; no output may
hold a traceback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

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
    assert "1 error(s)" in out
    assert built.returncode == 1
    assert "无法读取此文件夹的内容" in built.stderr.decode()
    assert b"Traceback" not in checked.stderr + built.stderr
    assert not (site / "_site/index.html").exists()


def test_a_report_named_only_of_dots_is_an_error(tmp_path: Path) -> None:
    site = make_site(
        tmp_path, reports={"2026/03/a.md": report(), "2026/03/..md": report(title="点"), "2026/03/....md": report()}
    )
    result = run_cli(site, "check")
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0].startswith("content/reports/2026/03/....md:1: file: 文件名只有点")
    assert lines[1].startswith("content/reports/2026/03/..md:1: file: 文件名只有点")
    assert lines[-1] == "2 files checked: 2 error(s), 0 warning(s)"  # index.md and a.md read, the two refused
    assert mkdocs_build(site).returncode == 1


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
    assert "1 error(s)" in result.out


# --- drafts of requests and periodical issues --------------------------------------------------------------


def _with_draft(text: str) -> str:
    return text.replace("---\n", "---\ndraft: true\n", 1)


def test_a_draft_request_is_checked_but_not_published_nor_asked(tmp_path: Path) -> None:
    site = _kind_site(tmp_path, "requests", [])
    (site / "content/requests/chungeng.md").write_text(_with_draft(_REQUEST), encoding="utf-8")
    result = run_cli(site, "check")
    assert (result.code, result.out.splitlines()) == (0, ["4 files checked: 0 error(s), 0 warning(s)"])
    data = run_cli(site, "stats", "--json", "--as-of", "2026-04-05").json()
    assert data.get("requests", []) == []  # the draft asks nothing: no row, no missed deadline
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


def test_a_draft_issue_is_checked_but_not_published_nor_counted(tmp_path: Path) -> None:
    site = _kind_site(tmp_path, "periodicals", [])
    (site / "content/periodicals/minzheng/2026-04.md").write_text(_with_draft(_ISSUE), encoding="utf-8")
    result = run_cli(site, "check")
    assert (result.code, result.out.splitlines()) == (0, ["4 files checked: 0 error(s), 0 warning(s)"])
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


def test_a_draft_issue_with_no_item_yet_is_no_warning(tmp_path: Path) -> None:
    site = _kind_site(tmp_path, "periodicals", [])
    empty = _with_draft(_ISSUE).replace("items:\n- reports/2026/03/a.md\n", "items:\n")
    (site / "content/periodicals/minzheng/2026-04.md").write_text(empty, encoding="utf-8")
    result = run_cli(site, "check")
    assert (result.code, result.out.splitlines()) == (0, ["4 files checked: 0 error(s), 0 warning(s)"])
    assert mkdocs_build(site).returncode == 0


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
    assert again.out.strip() == "wrote content/periodicals/minzheng/2026-02.md"  # the draft holds 第1期
