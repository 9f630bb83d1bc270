"""The command line's snapshot: ``check`` and ``stats`` on an unchanged folder read no file and say the same.

Every expected output here is the command's own output on a full load without any cache (``PORTAL_CACHE_DIR``
empty), so the snapshot is held to the rule it stands in for, whatever the figures are.
"""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from portal.edge import site as site_module
from tests.conftest import Result, copy_demo, report, run_cli

NO_CACHE = {"PORTAL_CACHE_DIR": ""}
AS_OF = "2026-11-30"


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A copy of the shipped demo (376 files: requests and answers, urgent events, issues, incidents, notes)."""
    return copy_demo(tmp_path / "demo")


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each full load (discovery of the content folder) of this test, by docs_dir."""
    seen: list[str] = []
    real = site_module.discover

    def spy(root: str, docs_dir: str, *args: Any) -> Any:
        seen.append(docs_dir)
        return real(root, docs_dir, *args)

    monkeypatch.setattr(site_module, "discover", spy)
    return seen


def _env(tmp_path: Path) -> dict[str, str]:
    return {"PORTAL_CACHE_DIR": str(tmp_path / "cache")}


def _age(tmp_path: Path) -> None:
    """Move the snapshot a minute past its files, as if written a minute after them (else it is racy)."""
    [snapshot] = (tmp_path / "cache").glob("*/snapshot-lean.json")
    later = os.stat(snapshot).st_mtime_ns + 60 * 10**9
    os.utime(snapshot, ns=(later, later))


def _stats(site: Path, env: dict[str, str], period: str) -> Result:
    return run_cli(site, "stats", "--json", "--as-of", AS_OF, "--period", period, env=env)


PERIODS = [
    *(f"2025-{m:02d}" for m in (10, 11, 12)),
    *(f"2026-{m:02d}" for m in range(1, 13)),
    "2025-Q4",
    *(f"2026-Q{q}" for q in range(1, 5)),
    "2025",
    "2026",
]


@pytest.mark.slow
def test_stats_and_check_from_the_snapshot_equal_a_full_load(demo: Path, tmp_path: Path, walks: list[str]) -> None:
    env = _env(tmp_path)
    truth_check = run_cli(demo, "check", env=NO_CACHE)
    assert run_cli(demo, "check", env=env) == truth_check  # cold: loads and keeps a snapshot
    _age(tmp_path)
    walks.clear()
    assert run_cli(demo, "check", env=env) == truth_check
    for period in PERIODS:
        fast = _stats(demo, env, period)
        assert fast.code == 0, fast.err
        assert fast == _stats(demo, NO_CACHE, period), period
    export = tmp_path / "fast.docx"
    assert run_cli(demo, "export", "--period", "2026-10", "--format", "docx", "-o", str(export), env=env).code == 0
    truth = tmp_path / "truth.docx"
    assert run_cli(demo, "export", "--period", "2026-10", "--format", "docx", "-o", str(truth), env=NO_CACHE).code == 0
    assert export.read_bytes() == truth.read_bytes()
    # each cached run read no file: the only full loads were the uncached ones
    assert len(walks) == len(PERIODS) + 1


def _rename(demo: Path) -> None:
    old = sorted((demo / "content/reports/2026/10").glob("*.md"))[0]
    old.rename(old.with_name("2026-10-31-改名.md"))


def _edit_keeping_size_and_mtime(demo: Path) -> None:
    path = sorted((demo / "content/reports/2026/10").glob("*.md"))[0]
    stamp = os.stat(path)
    text = path.read_text(encoding="utf-8")
    [title] = [line for line in text.splitlines() if line.startswith("title: ")]
    turned = title[:7] + title[7:][::-1]  # the title backwards: the same bytes in another order
    assert turned != title
    path.write_text(text.replace(title, turned), encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert os.stat(path).st_size == stamp.st_size


def _add(demo: Path) -> None:
    (demo / "content/reports/2026/10/2026-10-20-新增.md").write_text(
        report(title="新增一篇", section="社会救助股", date="2026-10-20", adopted="县委办"), encoding="utf-8"
    )


def _delete(demo: Path) -> None:
    sorted((demo / "content/reports/2026/10").glob("*.md"))[-1].unlink()


def _new_folder_with_a_report(demo: Path) -> None:
    folder = demo / "content/reports/2026/10/extra"
    folder.mkdir()
    (folder / "2026-10-21-另一篇.md").write_text(
        report(title="另一篇", section="社会救助股", date="2026-10-21"), encoding="utf-8"
    )


def _config(demo: Path) -> None:
    path = demo / "mkdocs.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["extra"]["portal"]["sections"][0]["quota"] = 7
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize(
    "change", [_rename, _edit_keeping_size_and_mtime, _add, _delete, _new_folder_with_a_report, _config]
)
def test_any_change_is_seen(demo: Path, tmp_path: Path, walks: list[str], change: Any) -> None:
    env = _env(tmp_path)
    assert _stats(demo, env, "2026-10").code == 0
    _age(tmp_path)
    change(demo)
    _age(tmp_path)  # even a snapshot older than nothing in the folder is not trusted after a change
    walks.clear()
    after = _stats(demo, env, "2026-10")
    assert walks, "the changed folder was not read"
    assert after == _stats(demo, NO_CACHE, "2026-10")
    assert run_cli(demo, "check", env=env) == run_cli(demo, "check", env=NO_CACHE)


@pytest.mark.slow
def test_a_young_snapshot_a_symlink_or_a_damaged_file_means_a_full_load(
    demo: Path, tmp_path: Path, walks: list[str]
) -> None:
    env = _env(tmp_path)
    truth = _stats(demo, NO_CACHE, "2026-Q3")
    assert _stats(demo, env, "2026-Q3") == truth
    walks.clear()
    # just written: an edit in the same tick as the reading could hide behind an equal stat
    assert _stats(demo, env, "2026-Q3") == truth and len(walks) == 1
    _age(tmp_path)
    walks.clear()
    assert _stats(demo, env, "2026-Q3") == truth and walks == []
    # a damaged snapshot or parse cache (60 trials of one to three random bit flips): the truth, by a full load
    [snapshot] = (tmp_path / "cache").glob("*/snapshot-lean.json")
    [parsed] = (tmp_path / "cache").glob("*/parsed-lean.json")
    good, good_parsed = snapshot.read_bytes(), parsed.read_bytes()
    rng = random.Random(20261201)
    for trial in range(60):
        target, original = (snapshot, good) if trial % 2 else (parsed, good_parsed)
        damaged = bytearray(original)
        for _ in range(rng.randint(1, 3)):
            damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
        target.write_bytes(bytes(damaged))
        _age(tmp_path)
        walks.clear()
        result = _stats(demo, env, "2026-Q3")
        assert result == truth and len(walks) == 1, trial  # no flip went unnoticed
        snapshot.write_bytes(good)
        parsed.write_bytes(good_parsed)
    # a symbolic link in the folder (here to a file inside it): no snapshot is trusted or kept
    walks.clear()
    target = sorted((demo / "content/reports/2026/09").glob("*.md"))[0]
    (demo / "content/link.txt").symlink_to(target)
    _stats(demo, env, "2026-Q3")
    _age(tmp_path)
    assert _stats(demo, env, "2026-Q3") == _stats(demo, NO_CACHE, "2026-Q3")
    assert len(walks) == 3


@pytest.mark.slow
def test_errors_and_warnings_come_back_from_the_snapshot(demo: Path, tmp_path: Path, walks: list[str]) -> None:
    """A repository with a broken report and an unknown field: the same messages and exit codes, file read or not."""
    folder = demo / "content/reports/2026/10"
    (folder / "2026-10-30-坏.md").write_text(
        report(title="坏", section="不存在的股", date="2026-10-30"), encoding="utf-8"
    )
    (folder / "2026-10-30-多.md").write_text(
        report(title="多一个字段", section="社会救助股", date="2026-10-30").replace("title:", "colour: 红\ntitle:"),
        encoding="utf-8",
    )
    env = _env(tmp_path)
    truth_check, truth_stats = run_cli(demo, "check", env=NO_CACHE), _stats(demo, NO_CACHE, "2026-10")
    assert truth_check.code == truth_stats.code == 1
    assert "不存在的股" in truth_check.out and "警告: " in truth_check.out and "colour" in truth_check.out
    assert run_cli(demo, "check", env=env) == truth_check
    _age(tmp_path)
    walks.clear()
    assert run_cli(demo, "check", env=env) == truth_check
    assert _stats(demo, env, "2026-10") == truth_stats
    assert walks == []
