"""Clear failures (issue 15): no traceback, one line, a distinct exit code; the last good site stays.

Exit codes: 0 clean, 1 content errors, 2 usage/config, 4 input/output, 130 interrupted (3 is remind's).
The console cases run the real ``build_stats.py`` in a subprocess, since they are about real streams.
"""

from __future__ import annotations

import errno
import io
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import yaml

from portal.commands.cli import run
from tests.conftest import NOW, PORTAL, REPO, make_site, mkdocs_build, report, run_cli

SCRIPT = str(REPO / "build_stats.py")


def _console(site: Path, *args: str, stdout: Any = subprocess.PIPE, env: dict[str, str] | None = None) -> Any:
    full_env = {**os.environ, "PORTAL_CACHE_DIR": "", **(env or {})}
    return subprocess.run(
        [sys.executable, SCRIPT, *args], cwd=site, stdout=stdout, stderr=subprocess.PIPE, env=full_env, timeout=120
    )


def _broken_site(tmp_path: Path) -> Path:
    # a section name outside GBK (𠮷) and plenty of lines, so that a pipe fills
    reports: dict[str, str | bytes] = {
        f"2026/03/r{i:03}.md": report(title=f"信息{i}", section="𠮷股") for i in range(200)
    }
    return make_site(tmp_path, reports=reports)


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "gbk"])
def test_a_console_that_cannot_show_chinese_gets_escapes_not_a_traceback(tmp_path: Path, encoding: str) -> None:
    site = _broken_site(tmp_path)
    result = _console(site, "check", env={"PYTHONIOENCODING": encoding})
    out = result.stdout.decode(encoding)
    assert result.returncode == 1, result.stderr
    assert b"Traceback" not in result.stderr
    shown = "没有名为“𠮷".encode(encoding, "backslashreplace").decode(encoding)  # what the console cannot show: escaped
    assert f"content/reports/2026/03/r000.md:3: section: {shown}" in out
    summary = "检查了 201 个文件：200 个错误，0 个警告".encode(encoding, "backslashreplace").decode(encoding)
    assert out.rstrip().endswith(summary)


@pytest.mark.slow
def test_a_closed_pipe_is_one_line_and_exit_4(tmp_path: Path) -> None:
    site = _broken_site(tmp_path)
    read_end, write_end = os.pipe()
    os.close(read_end)  # as `check | head -1` once head has gone
    try:
        result = _console(site, "check", stdout=write_end)
    finally:
        os.close(write_end)
    assert result.returncode == 4
    assert result.stderr.decode().splitlines() == ["错误：无法写出结果（接收输出的一方已经关闭）"]


@pytest.mark.slow
def test_a_closed_stdout_is_one_line_and_exit_4(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"a.md": report()})
    result = subprocess.run(
        ["sh", "-c", f'exec "{sys.executable}" "{SCRIPT}" check >&-'],
        cwd=site,
        capture_output=True,
        env={**os.environ, "PORTAL_CACHE_DIR": ""},
        timeout=120,
    )
    assert result.returncode == 4
    assert result.stderr.decode().splitlines() == ["错误：标准输出已关闭，什么也写不出来"]


@pytest.mark.slow
def test_a_full_disk_under_stdout_is_one_line_and_exit_4(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"a.md": report()})
    with open("/dev/full", "w") as full:
        result = _console(site, "stats", "--as-of", "2026-04-05", stdout=full)
    assert result.returncode == 4
    assert result.stderr.decode().splitlines() == ["错误：无法写出结果（No space left on device）"]


@pytest.mark.slow
def test_export_to_a_full_disk_a_folder_or_an_impossible_path(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"a.md": report()})
    (site / "plain-file").write_text("x", encoding="utf-8")
    cases = {
        "/dev/full": (4, "错误：无法写入 /dev/full（No space left on device）；什么也没有写"),
        "plain-file/x.docx": (4, "错误：无法写入 plain-file/x.docx（Not a directory）；什么也没有写"),
        "content": (2, "错误：export -o content 是一个文件夹；请写文件名，如 content/通报.docx"),
    }
    for target, (code, line) in cases.items():
        result = _console(site, "export", "--format", "docx", "--as-of", "2026-04-05", "-o", target)
        assert (result.returncode, result.stderr.decode().splitlines()) == (code, [line]), target


def test_a_failed_export_leaves_no_partial_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A disk that fills half-way (simulated: the writer writes part of the file, then ENOSPC)."""
    from portal.output.office import export

    def half(fmt: str, bulletin: Any, output: str) -> None:
        with open(output, "wb") as handle:
            handle.write(b"PK\x03\x04 half a document")
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export, "write_export", half)
    site = make_site(tmp_path, reports={"a.md": report()})
    result = run_cli(site, "export", "--format", "docx", "--as-of", "2026-04-05", "-o", "通报.docx")
    assert result.code == 4
    assert result.err == "错误：无法写入 通报.docx（No space left on device）；什么也没有写\n"
    assert not (site / "通报.docx").exists()


def test_new_where_the_folder_cannot_be_written(tmp_path: Path) -> None:
    # Tests run as root, for whom a read-only folder is writable: the folder is made impossible instead.
    site = make_site(tmp_path)
    (site / "content/reports/2026").write_text("not a folder", encoding="utf-8")
    args = ("new", "report", "--title", "标题", "--section", "甲股", "--date", "2026-03-05")
    result = run_cli(site, *args)
    assert result.code == 4
    assert result.err.startswith("错误：无法写入 content/reports/2026/03/")
    assert result.err.endswith("（Not a directory）；什么也没有写\n") and result.err.count("\n") == 1


@pytest.mark.parametrize(
    ("key", "code", "message"),
    [
        (KeyboardInterrupt, 130, "已中断（Ctrl-C）；什么也没有写\n"),
        (EOFError, 2, "错误：没有回答“标题”（输入已结束）；请用 --title 给出\n"),
    ],
)
def test_ctrl_c_and_ctrl_d_at_a_new_prompt(tmp_path: Path, key: type[BaseException], code: int, message: str) -> None:
    site = make_site(tmp_path)

    def ask(prompt: str) -> str:
        raise key

    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(site)
    try:
        result = run(["new", "report", "--section", "甲股"], {}, NOW, out, err, ask)
    finally:
        os.chdir(cwd)
    assert (result, err.getvalue(), out.getvalue()) == (code, message, "")
    assert not list((site / "content/reports").rglob("*.md"))


def test_an_inherit_loop_is_a_config_error(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    text = (site / "mkdocs.yml").read_text(encoding="utf-8")
    (site / "mkdocs.yml").write_text("INHERIT: base.yml\n" + text, encoding="utf-8")
    (site / "base.yml").write_text("site_name: 基础\nINHERIT: mkdocs.yml\n", encoding="utf-8")
    result = run_cli(site, "check")
    assert result.code == 2
    # base.yml line 2 holds the INHERIT that closes the loop
    assert result.err == (
        "base.yml:2: INHERIT: INHERIT 绕回了自己（mkdocs.yml → base.yml → mkdocs.yml）；请删掉其中一行 INHERIT\n"
    )


@pytest.mark.slow
def test_an_error_in_an_inherited_config_names_that_file_and_line(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    config = yaml.safe_load((site / "mkdocs.yml").read_text(encoding="utf-8"))
    portal = {**PORTAL, "urgent_limit_hours": -1}
    base = {"extra": {"portal": portal}}
    (site / "base.yml").write_text(yaml.safe_dump(base, allow_unicode=True, sort_keys=False), encoding="utf-8")
    del config["extra"]
    child = "INHERIT: base.yml\n" + yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    (site / "mkdocs.yml").write_text(child, encoding="utf-8")
    line = next(
        n for n, text in enumerate((site / "base.yml").read_text("utf-8").splitlines(), 1) if "urgent_limit" in text
    )
    result = run_cli(site, "check")
    assert result.code == 2
    assert result.err == f"base.yml:{line}: extra.portal.urgent_limit_hours: 小时数必须大于 0\n"
    built = mkdocs_build(site)
    assert built.returncode != 0 and f"base.yml:{line}: extra.portal.urgent_limit_hours" in built.stderr


@pytest.mark.slow
def test_an_unset_env_organization_is_an_error(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    (site / "mkdocs.yml").write_text(
        config.replace("organization: 测试县民政局", "organization: !ENV PORTAL_TEST_UNSET_ORGANIZATION"),
        encoding="utf-8",
    )
    result = run_cli(site, "check")
    assert result.code == 2 and "extra.portal.organization: 是空的（或者 !ENV 指定的环境变量没有设置）" in result.err
    built = mkdocs_build(site)
    assert built.returncode != 0 and "extra.portal.organization: 是空的" in built.stderr
    assert "Traceback" not in built.stderr


@pytest.mark.slow
def test_a_failed_build_leaves_the_previous_site_in_place(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": report(title="好的信息")})
    first = mkdocs_build(site)
    assert first.returncode == 0, first.stderr
    before = {p.relative_to(site / "_site"): p.read_bytes() for p in (site / "_site").rglob("*") if p.is_file()}
    (site / "content/reports/2026/03/b.md").write_text(report(section="丁股"), encoding="utf-8")
    second = mkdocs_build(site)
    assert second.returncode != 0 and "网站保持原样" in second.stderr
    after = {p.relative_to(site / "_site"): p.read_bytes() for p in (site / "_site").rglob("*") if p.is_file()}
    assert after == before


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # a hang fails here
            return str(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        return str(exc.read().decode("utf-8"))


@pytest.mark.slow
def test_serve_shows_an_invalid_config_in_the_browser(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": report(title="好的信息")})
    port = _free_port()
    env = {**os.environ, "PORTAL_AS_OF": "2026-04-05", "NO_MKDOCS_2_WARNING": "1", "PORTAL_CACHE_DIR": ""}
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
    log = open(tmp_path / "serve.log", "wb")  # noqa: SIM115 - closed below, after the server
    server = subprocess.Popen(command, cwd=site, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 120
        while True:  # wait for the first build (polling: serve gives no other signal)
            try:
                assert "好的信息" in _get(url + "reports/2026/03/a/")
                break
            except (urllib.error.URLError, ConnectionError, AssertionError):
                assert time.monotonic() < deadline and server.poll() is None, "serve did not start"
                time.sleep(0.5)
        config = (site / "mkdocs.yml").read_text(encoding="utf-8")
        (site / "mkdocs.yml").write_text(config.replace("urgent_limit_hours", "x") + "  \n  bad: [\n", "utf-8")
        while True:
            page = _get(url + "reports/2026/03/a/")
            if "构建失败" in page:
                break
            assert time.monotonic() < deadline, "the browser never showed the error"
            time.sleep(0.5)
        assert "mkdocs.yml" in page
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    assert "Traceback" not in (tmp_path / "serve.log").read_text(encoding="utf-8", errors="replace")


def test_only_the_offices_robots_txt_is_a_text_file_allowed(tmp_path: Path) -> None:
    site = make_site(tmp_path, files={"content/robots.txt": "User-agent: *\nDisallow: /\n", "content/a/notes.txt": "x"})
    result = run_cli(site, "check")
    assert result.code == 1
    assert result.out.splitlines() == [
        "content/a/notes.txt:1: file: 文本文件会不经检查地原样发布；请写成 .md 信息，或删掉它",
        "检查了 1 个文件：1 个错误，0 个警告",
    ]
