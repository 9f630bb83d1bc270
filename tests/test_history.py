"""Each report's 修改记录 (issue 27 point 5): one ``git log`` of the content folder, renames followed, nothing after
``as_of``, the same bytes for the same commit, and a plain line outside a full checkout.

The repositories are made here with fixed commit times (``GIT_COMMITTER_DATE``), so the expected lines are
written down from those times: the portal's zone is Asia/Shanghai (UTC+8), so a commit at 2026-03-06T02:00Z
reads ``2026年3月6日 10:00``.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from portal.figures.history import UNAVAILABLE, parse
from tests.conftest import copy_demo, html_text, load_in, make_site, mkdocs_build, report, run_cli

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

UNAVAILABLE_LINE = "修改记录暂不可用"


def git(folder: Path, *args: str, who: str = "张三", when: str = "2026-03-06T02:00:00Z") -> str:
    """``git ARGS`` in ``folder`` as ``who`` at ``when`` (author and committer), without the user's settings."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
        "GIT_AUTHOR_NAME": who,
        "GIT_AUTHOR_EMAIL": "clerk@example.invalid",
        "GIT_COMMITTER_NAME": who,
        "GIT_COMMITTER_EMAIL": "clerk@example.invalid",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(["git", *args], cwd=folder, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def commit_all(folder: Path, message: str, who: str, when: str) -> None:
    git(folder, "add", "-A", who=who, when=when)
    git(folder, "commit", "-q", "-m", message, who=who, when=when)


def history_of(page: Path) -> list[str]:
    """The lines of a built report page's 修改记录 (the unavailable line as one item)."""
    markup = page.read_text(encoding="utf-8")
    found = re.search(r"<dt>修改记录</dt><dd[^>]*>(.*?)</dd>", markup, re.S)
    assert found, f"no 修改记录 on {page}"
    items = re.findall(r"<li>(.*?)</li>", found.group(1), re.S)
    return [html_text(item) for item in items] or [html_text(found.group(1))]


# --- the parser, on git's own output ------------------------------------------------------------------


def test_no_git_output_is_unavailable_and_garbage_too() -> None:
    assert parse(None) is UNAVAILABLE
    assert parse(b"\x1enot a header\0\nM\0x.md\0") is UNAVAILABLE
    assert parse(b"").available  # a checkout with no commit of the content yet: available, empty
    assert parse(b"").files == {}


def test_a_rename_carries_the_older_commits_over_and_a_reused_name_does_not() -> None:
    # newest first, as git prints: b.md renamed to c.md; a.md re-created after an older a.md was renamed to b.md
    raw = (
        b"\x1e3\x1f300\x1f\xe6\x9d\x8e\xe5\x9b\x9b\x1f\x1fmove\0\nR090\0r/b.md\0r/c.md\0"
        b"\x1e2\x1f200\x1fB\x1f\x1fredo a; rename old a\0\nA\0r/a.md\0R100\0r/a.md\0r/b.md\0"
        b"\x1e1\x1f100\x1fA\x1fHEAD -> main\x1ffirst\0\nA\0r/a.md\0"
    )
    history = parse(raw)
    assert history.available
    # c.md: first committed as a.md at 100 (by A), renamed to b.md at 200, to c.md at 300 (by 李四)
    assert [(int(c.when.timestamp()), c.author, c.status) for c in history.of("r/c.md")] == [
        (100, "A", "A"),
        (200, "B", "R"),
        (300, "李四", "R"),
    ]
    # the new a.md begins at 200: the older a.md is c.md's past
    assert [(int(c.when.timestamp()), c.status) for c in history.of("r/a.md")] == [(200, "A")]
    assert history.of("r/b.md") == ()


def test_a_shallow_boundary_makes_the_history_unavailable() -> None:
    raw = b"\x1e1\x1f100\x1fA\x1fgrafted, HEAD -> main\x1ffirst\0\nA\0r/a.md\0"
    assert parse(raw) is UNAVAILABLE


# --- real builds ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo in a git repository: imported by 张三, a report renamed by 李四, then an adoption recorded with
    ``adopt`` by 王五, then a later edit after the as_of the tests use for the time machine.
    """
    site = copy_demo(tmp_path_factory.mktemp("demo") / "site")
    git(site, "init", "-q", "-b", "main")
    commit_all(site, "导入演示内容", "张三", "2026-03-06T02:00:00Z")
    old = "content/reports/2026/03/2026-03-05-shiwu-013.md"
    new = "content/reports/2026/03/2026-03-05-shiwu-013-jiuzhuzhan.md"
    git(site, "mv", old, new)
    commit_all(site, "改文件名", "李四", "2026-03-10T01:30:00Z")
    result = run_cli(site, "adopt", new, "--by", "省民政厅", "--date", "2026-04-20", "--form", "专报")
    assert result.code == 0, result.err
    commit_all(site, "登记省民政厅采用", "王五", "2026-04-21T08:15:00Z")
    path = site / new
    path.write_text(path.read_text(encoding="utf-8").replace("规范化运行", "规范化运行。", 1), encoding="utf-8")
    commit_all(site, "标题加句号", "赵六", "2026-06-01T03:00:00Z")
    return site


PAGE = "reports/2026/03/2026-03-05-shiwu-013-jiuzhuzhan/index.html"


@pytest.mark.slow
def test_the_demo_pages_show_their_real_history(demo_repo: Path, tmp_path: Path) -> None:
    built = mkdocs_build(demo_repo, as_of="2026-12-31", dest=tmp_path / "out")
    assert built.returncode == 0, built.stderr
    # The file's adoptions (本局简报 3-22, 县委办 4-02, 市委办 4-11, as the demo has them; 省民政厅 4-20 from
    # `adopt`) and its four commits (UTC+8: 10:00, 09:30, 16:15, 11:00), in time order.
    assert history_of(tmp_path / "out" / PAGE) == [
        "2026年3月6日 10:00 首次提交 张三：导入演示内容",
        "2026年3月10日 09:30 改名 李四：改文件名",
        "2026年3月22日 采用 本局简报（本局）：摘编",
        "2026年4月2日 采用 县委办（县级）：简报",
        "2026年4月11日 采用 市委办（市级）：快报",
        "2026年4月20日 采用 省民政厅（省级）：专报",
        "2026年4月21日 16:15 修改 王五：登记省民政厅采用",
        "2026年6月1日 11:00 修改 赵六：标题加句号",
    ]
    other = tmp_path / "out" / "reports/2026/03/2026-03-06-shiwu-015/index.html"
    assert history_of(other)[0] == "2026年3月6日 10:00 首次提交 张三：导入演示内容"


@pytest.mark.slow
def test_the_time_machine_shows_nothing_after_as_of(demo_repo: Path, tmp_path: Path) -> None:
    built = mkdocs_build(demo_repo, as_of="2026-04-15", dest=tmp_path / "out")
    assert built.returncode == 0, built.stderr
    # as_of is the end of 2026-04-15: the 4-20 adoption, the 4-21 and 6-01 commits are later
    assert history_of(tmp_path / "out" / PAGE) == [
        "2026年3月6日 10:00 首次提交 张三：导入演示内容",
        "2026年3月10日 09:30 改名 李四：改文件名",
        "2026年3月22日 采用 本局简报（本局）：摘编",
        "2026年4月2日 采用 县委办（县级）：简报",
        "2026年4月11日 采用 市委办（市级）：快报",
    ]


def site_bytes(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def small_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small site in git: two commits of one report by two people."""
    site = make_site(tmp_path_factory.mktemp("small"), reports={"a.md": report(title="甲股信息", date="2026-03-05")})
    git(site, "init", "-q", "-b", "main")
    commit_all(site, "新增甲股信息", "张三", "2026-03-05T01:00:00Z")
    (site / "content/reports/a.md").write_text(report(title="甲股信息", body="改过的正文。\n"), encoding="utf-8")
    commit_all(site, "修改正文", "李四", "2026-03-07T06:30:00Z")
    return site


@pytest.mark.slow
def test_the_same_commit_builds_to_the_same_bytes(small_repo: Path, tmp_path: Path) -> None:
    first = mkdocs_build(small_repo, dest=tmp_path / "one")
    second = mkdocs_build(small_repo, dest=tmp_path / "two")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert history_of(tmp_path / "one/reports/a/index.html") == [
        "2026年3月5日 09:00 首次提交 张三：新增甲股信息",
        "2026年3月7日 14:30 修改 李四：修改正文",
    ]
    assert site_bytes(tmp_path / "one") == site_bytes(tmp_path / "two")


@pytest.mark.slow
def test_an_export_without_git_says_the_history_is_not_available(small_repo: Path, tmp_path: Path) -> None:
    archive = tmp_path / "export.tar"
    subprocess.run(["git", "archive", "-o", str(archive), "HEAD"], cwd=small_repo, check=True)
    export = tmp_path / "export"
    export.mkdir()
    subprocess.run(["tar", "-xf", str(archive), "-C", str(export)], check=True)
    built = mkdocs_build(export, dest=tmp_path / "out")  # --strict: no warning either
    assert built.returncode == 0, built.stderr
    assert history_of(tmp_path / "out/reports/a/index.html")[0].startswith(UNAVAILABLE_LINE)


@pytest.mark.slow
def test_a_shallow_clone_says_the_history_is_not_available(small_repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", small_repo.as_uri(), str(clone)], check=True)
    built = mkdocs_build(clone, dest=tmp_path / "out")
    assert built.returncode == 0, built.stderr
    assert history_of(tmp_path / "out/reports/a/index.html")[0].startswith(UNAVAILABLE_LINE)


@pytest.mark.slow
def test_without_git_on_the_path_the_build_still_works(small_repo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(small_repo, copy, ignore=shutil.ignore_patterns("_site"))
    env = {**os.environ, "PATH": str(Path(sys.executable).parent), "PORTAL_AS_OF": "2026-04-05"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")]
    built = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    assert history_of(tmp_path / "out/reports/a/index.html")[0].startswith(UNAVAILABLE_LINE)


def test_commit_times_are_read_as_given_not_by_the_clock() -> None:
    raw = b"\x1e1\x1f1772762400\x1fA\x1f\x1ffirst\0\nA\0r/a.md\0"  # 2026-03-06T02:00:00Z
    (commit,) = parse(raw).of("r/a.md")
    assert commit.when == datetime(2026, 3, 6, 2, 0, tzinfo=timezone.utc)


def test_a_new_commit_changes_the_page_the_serve_memo_keeps(tmp_path: Path) -> None:
    """Under ``make serve`` a report's page is reused while its inputs are equal: the history is one of them, so
    a new commit gives a new page text (and so a new preview key, which hashes the page text).
    """
    from portal.figures.tally import evaluate
    from portal.model.dates import resolve_as_of
    from portal.output.web.pages import Portal
    from portal.store.reuse import PageMemo

    site = make_site(tmp_path, reports={"a.md": report(date="2026-03-05")})
    loaded = load_in(site)
    as_of = resolve_as_of("2026-04-05", {}, datetime(2026, 4, 5), loaded.settings.tz)
    memo = PageMemo()
    one = b"\x1e1\x1f1772762400\x1f\xe5\xbc\xa0\xe4\xb8\x89\x1f\x1fnew\0\nA\0content/reports/a.md\0"
    two = b"\x1e2\x1f1772848800\x1f\xe6\x9d\x8e\xe5\x9b\x9b\x1f\x1fedit\0\nM\0content/reports/a.md\0" + one

    def page(raw: bytes) -> str:
        portal = Portal(evaluate(loaded.content, loaded.settings, as_of), loaded.content, memo=memo, history=parse(raw))
        text = portal.report_page(loaded.content.reports[0])
        memo.end_build()
        return text

    first, again, after = page(one), page(one), page(two)
    assert first == again
    # 1772848800 = 2026-03-07T02:00Z, 10:00 in UTC+8
    assert "2026年3月7日 10:00 修改 李四：edit" in after and "李四" not in first


@pytest.mark.slow
def test_make_serve_shows_a_new_commit_without_a_save(tmp_path: Path) -> None:
    """``mkdocs serve --dirty`` (``make serve``) watches the repository's ``logs``: committing the edit just
    previewed rebuilds, and the page then lists that commit.
    """
    from tests.test_preview import Server, edit, free_port

    site = make_site(tmp_path / "src", reports={"a.md": report(title="甲股信息", date="2026-03-05")})
    git(site, "init", "-q", "-b", "main")
    commit_all(site, "新增甲股信息", "张三", "2026-03-05T01:00:00Z")
    server = Server(site, free_port(), tmp_path)
    try:
        server.until(lambda: server.builds() >= 1 or "Serving on" in server.text(), "the first build")
        page = "reports/a/"
        server.until(lambda: "修改记录".encode() in server.get(page), "the page")

        def change() -> None:
            text = report(title="甲股信息", body="改过的正文。\n")
            (site / "content/reports/a.md").write_text(text, encoding="utf-8")

        edit(server, change)
        assert "李四" not in server.get(page).decode("utf-8")
        edit(server, lambda: commit_all(site, "修改正文", "李四", "2026-03-07T06:30:00Z"))
        # 2026-03-07T06:30Z is 14:30 in UTC+8
        assert "2026年3月7日 14:30 修改 李四：修改正文" in server.get(page).decode("utf-8")
    finally:
        server.stop()
