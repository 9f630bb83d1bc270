"""Builds that fail, are killed or are interrupted (issue 28, the build side).

A failed build never leaves less than it found; forked workers never outlive the process that made them;
no build prints Python's noise at exit; a killed cache save leaves no temporary file for ever; Ctrl-C stops
``mkdocs serve`` at once. Everything runs the real ``mkdocs``/``build_stats.py`` in subprocesses: these are
about real processes, pipes and signals.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, copy_demo, make_site, report

pytestmark = pytest.mark.slow  # real mkdocs/build_stats.py subprocesses, killed, interrupted, piped

SCRIPT = str(REPO / "build_stats.py")
ENV = {**os.environ, "PORTAL_AS_OF": "2026-04-05", "NO_MKDOCS_2_WARNING": "1", "PORTAL_CACHE_DIR": ""}
ENV.pop("SOURCE_DATE_EPOCH", None)
LONG = 120  # seconds: how long a process may take to end before the test calls it stuck (never reached when it works)


def children(pid: int) -> list[int]:
    """The processes ``pid`` started (Linux: /proc/PID/task/*/children)."""
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                found += [int(n) for n in handle.read().split()]
    except OSError:
        pass
    return found


def alive(pid: int) -> bool:
    """Running (a zombie, dead but not yet reaped by its parent, is not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def until(condition: Callable[[], bool], what: str, seconds: float = LONG) -> None:
    """Polls ``condition`` (processes give no other signal) until it holds, or fails naming ``what``."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what} did not happen within {seconds} s"
        time.sleep(0.02)


def kill_all(pids: list[int]) -> None:
    """Clean up after a failing test: the processes it found still running."""
    for pid in pids:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped demo: 36 bulletins, whose downloads a forked worker makes during the build."""
    return copy_demo(tmp_path_factory.mktemp("demo"))


def mkdocs(*args: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", *args]


# --- workers never outlive their build ---------------------------------------------------------------------


def piped_to_cat(command: list[str], cwd: Path) -> tuple[subprocess.Popen[bytes], subprocess.Popen[bytes]]:
    """``command | cat``: the command's output goes through a pipe to ``cat``, as in a shell."""
    first = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert first.stdout is not None
    cat = subprocess.Popen(["cat"], stdin=first.stdout, stdout=subprocess.PIPE)
    first.stdout.close()  # only the command (and whatever it forks) holds the pipe's write end now
    return first, cat


def kill_9_with_a_worker_running(first: subprocess.Popen[bytes]) -> list[int]:
    """Waits until ``first`` has forked a worker, then kills ``first`` with SIGKILL; returns its workers."""
    until(lambda: bool(children(first.pid)) or first.poll() is not None, "a forked worker")
    workers = children(first.pid)
    assert workers, "the command ended before it forked a worker"
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    return workers


def test_mkdocs_build_piped_to_cat_ends_after_kill_9(demo: Path, tmp_path: Path) -> None:
    build, cat = piped_to_cat(mkdocs("build", "--strict", "-d", str(tmp_path / "out")), demo)
    workers = kill_9_with_a_worker_running(build)
    try:
        cat.communicate(timeout=LONG)  # cat ends when no process holds the pipe: the worker is gone too
        until(lambda: not any(alive(pid) for pid in workers), "the worker's exit")
    finally:
        kill_all(workers)
        cat.kill()


def test_check_piped_to_cat_ends_after_kill_9(tmp_path: Path) -> None:
    # 2,400 files: over the 2,000 from which check parses in worker processes (portal.content.loader.parse_all)
    reports: dict[str, str | bytes] = {
        f"2026/{1 + i % 12:02}/r{i:04}.md": report(title=f"信息{i}", date=f"2026-{1 + i % 12:02}-05")
        for i in range(2400)
    }
    site = make_site(tmp_path, reports=reports)
    check, cat = piped_to_cat([sys.executable, SCRIPT, "check"], site)
    workers = kill_9_with_a_worker_running(check)
    try:
        cat.communicate(timeout=LONG)
        until(lambda: not any(alive(pid) for pid in workers), "the workers' exit")
    finally:
        kill_all(workers)
        cat.kill()


# --- a failed build never leaves less than it found ----------------------------------------------------------

#: Two months of reports: several bulletins, whose downloads a forked worker makes during the build.
TWO_MONTHS: dict[str, str | bytes] = {
    "2026/03/a.md": report(title="好的信息"),
    "2026/02/b.md": report(date="2026-02-03"),
}


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by its relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def built_site(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A site whose first build succeeded: the folder and what its ``_site`` holds."""
    site = make_site(
        tmp_path, reports={"2026/03/a.md": report(title="好的信息"), "2026/02/b.md": report(date="2026-02-03")}
    )
    first = build(site)
    assert first.returncode == 0, first.stderr
    return site, tree(site / "_site")


def build(site: Path, preexec: Callable[[], None] | None = None) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of ``site`` into ``site/_site``."""
    return subprocess.run(
        mkdocs("build", "--strict", "-d", str(site / "_site")),
        cwd=site, env=ENV, capture_output=True, text=True, timeout=600, preexec_fn=preexec,
    )  # fmt: skip


def leftovers(site: Path) -> list[str]:
    """Hidden folders builds left beside the site folder."""
    return sorted(p.name for p in site.iterdir() if p.name.startswith("._site"))


def failed_cleanly(result: subprocess.CompletedProcess[str], reason: str) -> None:
    """Exit 1, no traceback, the Chinese line naming ``reason`` and saying the site was left alone."""
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr
    lines = [line for line in result.stderr.splitlines() if "构建失败：" in line]
    assert len(lines) == 1, result.stderr
    assert reason in lines[0] and lines[0].endswith(f"网站没有更新，{result.args[-1]} 保持原样。")


def test_kill_9_after_the_content_check_leaves_the_site(tmp_path: Path) -> None:
    site, before = built_site(tmp_path)
    (site / "content/reports/2026/03/c.md").write_text(report(title="新的信息"), encoding="utf-8")
    command = mkdocs("build", "--strict", "-d", str(site / "_site"))
    running = subprocess.Popen(command, cwd=site, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert running.stderr is not None
    for line in running.stderr:  # MkDocs says this once the content is checked and it has emptied its folder
        if "Building documentation to directory" in line:
            break
    os.kill(running.pid, signal.SIGKILL)
    running.wait()
    running.stderr.close()
    assert tree(site / "_site") == before
    assert len(leftovers(site)) == 1  # the killed build's own folder, beside the site, never in it
    again = build(site)
    assert again.returncode == 0, again.stderr
    assert "新的信息" in (site / "_site/reports/2026/03/c/index.html").read_text(encoding="utf-8")
    assert leftovers(site) == []  # the next build removed it


def test_a_warning_under_strict_leaves_the_site(tmp_path: Path) -> None:
    site, before = built_site(tmp_path)
    # A field the portal does not know is a warning: the build goes on, and --strict fails it at the very end.
    (site / "content/reports/2026/03/c.md").write_text(report(title="新的信息", foo="bar"), encoding="utf-8")
    result = build(site)
    failed_cleanly(result, "--strict 模式下出现了警告")
    assert tree(site / "_site") == before and leftovers(site) == []


def test_a_broken_override_template_leaves_the_site(tmp_path: Path) -> None:
    site, before = built_site(tmp_path)
    overrides = site / "overrides"
    shutil.copytree(REPO / "overrides", overrides)
    main = overrides / "main.html"
    text = main.read_text(encoding="utf-8")
    main.write_text(text + "{% if %}\n", encoding="utf-8")  # a syntax error on the line after the last
    line = text.count("\n") + 1
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    (site / "mkdocs.yml").write_text(config.replace(str(REPO / "overrides"), str(overrides)), encoding="utf-8")
    result = build(site)
    failed_cleanly(result, f"模板 overrides/main.html 第 {line} 行有错误")
    assert tree(site / "_site") == before and leftovers(site) == []


def test_a_full_disk_leaves_the_site(tmp_path: Path) -> None:
    site, before = built_site(tmp_path)
    (site / "content/reports/2026/03/c.md").write_text(report(title="新的信息"), encoding="utf-8")

    def small_disk() -> None:
        # No file may grow past 500 KB (the theme's wordcut.js is 677 KB): the write fails with EFBIG, as on a
        # full disk, instead of the signal that would kill the process.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (500_000, resource.RLIM_INFINITY))

    result = build(site, preexec=small_disk)
    failed_cleanly(result, "时磁盘空间不足（File too large）")
    # the file is named where it was to go (relative to the current folder), not in the build's own folder
    assert re.search(r"构建失败：写入 _site/assets/\S+ 时磁盘空间不足", result.stderr), result.stderr
    assert tree(site / "_site") == before and leftovers(site) == []


def test_a_site_folder_that_cannot_be_replaced_is_left_as_it_is(tmp_path: Path) -> None:
    site, before = built_site(tmp_path)
    # Root may write into any folder: the folder is made immutable instead (what chmod a-w does for a user).
    made = subprocess.run(["chattr", "+i", str(site / "_site")], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"chattr +i is not possible here: {made.stderr.decode().strip()}")
    try:
        result = build(site)
    finally:
        subprocess.run(["chattr", "-i", str(site / "_site")], check=True)
    failed_cleanly(result, "无法用新构建的网站替换原来的文件夹（Operation not permitted）")
    assert tree(site / "_site") == before and leftovers(site) == []


def test_a_site_folder_that_is_a_file_is_left_as_it_is(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": report()})
    (site / "_site").write_text("不是文件夹", encoding="utf-8")
    result = build(site)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"{site / '_site'} 是一个文件，不是文件夹" in result.stderr
    assert (site / "_site").read_text(encoding="utf-8") == "不是文件夹" and leftovers(site) == []


# --- no noise at exit, Ctrl-C stops serve at once ------------------------------------------------------------


def test_no_build_prints_exception_ignored_at_exit(tmp_path: Path) -> None:
    """Python's race at exit with a pool shut down without waiting ("Exception ignored in: <module 'threading'>
    … _python_exit … Bad file descriptor") showed in 1-3 of 87 builds run two at a time: eight builds, two at a
    time, each forking the downloads' worker (two months of reports: several bulletins).
    """
    site = make_site(tmp_path, reports=TWO_MONTHS)
    for round_ in range(4):
        outs = [str(tmp_path / f"out-{round_}-{n}") for n in range(2)]
        pipes: dict[str, Any] = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "text": True}
        pair = [subprocess.Popen(mkdocs("build", "-d", out), cwd=site, env=ENV, **pipes) for out in outs]
        for process in pair:
            _, err = process.communicate(timeout=600)
            assert process.returncode == 0, err
            assert "Exception ignored" not in err and "Traceback" not in err, err


def test_downloads_wait_for_their_worker_before_the_build_ends(tmp_path: Path) -> None:
    """In-process: once a build's downloads are written, the worker pool's thread has ended (nothing is left for
    the interpreter's exit to wake up through a closed pipe).
    """
    from concurrent.futures import process

    from portal.store.reuse import Downloads, can_fork
    from tests.test_reuse import REPORTS, march_bulletin

    if not can_fork():
        pytest.skip("one core or threads running: the downloads are made in this process")
    first = march_bulletin(tmp_path / "1", REPORTS)
    second = march_bulletin(tmp_path / "2", {**REPORTS, "2026/03/c.md": report(adopted="县委办")})
    downloads = Downloads(background=True)
    made = downloads.make([first, second])
    assert downloads.pool is not None  # two bulletins to make: a worker makes them
    assert all(download.data()[:2] == b"PK" for files in made for download in files.values())
    downloads.finish()
    assert downloads.pool is None
    assert not [thread for thread in list(process._threads_wakeups) if thread.is_alive()]


SERVE_WITH_A_STUCK_WORKER = """
import signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal (a test runner may ignore SIGINT)
sys.path.insert(0, {repo!r})
import portal.store.reuse
portal.store.reuse.render = lambda bulletin: time.sleep(3600)  # the forked worker never finishes a download
from mkdocs.__main__ import cli
cli(["serve", "-a", "127.0.0.1:{port}"])
"""


def test_ctrl_c_stops_serve_while_a_worker_is_busy(tmp_path: Path) -> None:
    """Ctrl-C during the first build, while the downloads' worker is busy: serve ends, without waiting for it.

    The worker's job is made endless, so that a serve that waits for it can be told from one that does not
    without measuring time: it would never end.
    """
    from tests.deploy_support import free_port

    site = make_site(tmp_path, reports=TWO_MONTHS)
    script = SERVE_WITH_A_STUCK_WORKER.format(repo=str(REPO), port=free_port())
    serve = subprocess.Popen(
        [sys.executable, "-c", script], cwd=site, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    until(lambda: bool(children(serve.pid)) or serve.poll() is not None, "the downloads' worker")
    workers = children(serve.pid)
    assert workers, "serve ended before it forked a worker"
    serve.send_signal(signal.SIGINT)
    try:
        _, err = serve.communicate(timeout=LONG)
        assert "Traceback" not in err.decode("utf-8", "replace")
        until(lambda: not any(alive(pid) for pid in workers), "the worker's exit")
    finally:
        kill_all([serve.pid, *workers])


# --- a cache save killed half-way leaves no temporary file for ever -----------------------------------------

DIES_WHILE_SAVING = """
import os, signal, sys
sys.path.insert(0, {repo!r})
from portal.store import cache
os.replace = lambda *args: os.kill(os.getpid(), signal.SIGKILL)  # killed once the temporary file is written
cache.write_checked({path!r}, b"portal-parse-cache", "key", b"payload")
"""


def test_a_cache_save_killed_half_way_leaves_no_temporary_file(tmp_path: Path) -> None:
    from portal.store.cache import cache_folder
    from tests.conftest import run_cli

    site = make_site(tmp_path, reports=TWO_MONTHS)
    env = {"PORTAL_CACHE_DIR": str(tmp_path / "cache")}
    folder = Path(cache_folder(env, str(site)) or "")
    assert run_cli(site, "check", env=env).code == 0  # the cache of this site exists
    for name in ("parsed-lean.json", "parsed-full.json"):
        killed = subprocess.run(
            [sys.executable, "-c", DIES_WHILE_SAVING.format(repo=str(REPO), path=str(folder / name))]
        )
        assert killed.returncode == -signal.SIGKILL
    assert len(list(folder.glob("*.tmp"))) == 2  # what a save killed with kill -9 leaves
    assert run_cli(site, "check", env=env).code == 0
    assert list(folder.glob("*.tmp")) == []  # the next run removed them: their writers are gone


def test_the_sweep_keeps_the_temporary_files_of_running_writers(tmp_path: Path) -> None:
    from portal.store.cache import ORPHAN_NS, sweep

    gone = _a_dead_pid()
    names = {
        f"parsed-full-{os.getpid()}-abcd1234.tmp": True,  # this process: still writing
        f"parsed-full-{gone}-abcd1234.tmp": False,  # its writer is gone
        "parsed-full-abcd1234.tmp": True,  # no pid (an older version's), and new
        "snapshot-x1y2z3w4.tmp": False,  # no pid, and older than an hour
        "parsed-full.json": True,  # not a temporary file
    }
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    now = (tmp_path / "parsed-full.json").stat().st_mtime_ns
    os.utime(tmp_path / "snapshot-x1y2z3w4.tmp", ns=(now - ORPHAN_NS - 1, now - ORPHAN_NS - 1))
    assert sorted(sweep(str(tmp_path), now)) == sorted(name for name, kept in names.items() if not kept)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(name for name, kept in names.items() if kept)


def _a_dead_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    ended = subprocess.Popen(["true"])
    ended.wait()
    return ended.pid


def test_a_site_folder_whose_parent_cannot_be_written_is_built_in_place(tmp_path: Path) -> None:
    site, _ = built_site(tmp_path)
    (site / "content/reports/2026/03/c.md").write_text(report(title="新的信息"), encoding="utf-8")
    # The project folder is immutable: no folder can be made beside _site, whose own files may still change.
    made = subprocess.run(["chattr", "+i", str(site)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"chattr +i is not possible here: {made.stderr.decode().strip()}")
    try:
        result = build(site)
    finally:
        subprocess.run(["chattr", "-i", str(site)], check=True)
    assert result.returncode == 0, result.stderr
    assert "网站直接写入" in result.stderr and "Traceback" not in result.stderr
    assert "新的信息" in (site / "_site/reports/2026/03/c/index.html").read_text(encoding="utf-8")
    assert leftovers(site) == []


def test_where_the_kernel_cannot_a_worker_watches_its_parent() -> None:
    """The fallback of portal.utils.workers outside Linux: the worker ends once its parent's pid is not its parent."""
    from portal.utils.workers import WATCH_SECONDS, _watch

    ended: list[int] = []
    _watch(-1, ended.append, lambda seconds: pytest.fail("slept though the parent is gone"))
    assert ended == [1]

    class Stop(Exception):
        pass

    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        raise Stop  # the parent is alive: the watch would go on looking

    with pytest.raises(Stop):
        _watch(os.getppid(), ended.append, sleep)
    assert slept == [WATCH_SECONDS] and ended == [1]
