"""The parsed-file cache: unchanged files are not read again; anything that changes reading invalidates it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from portal import loader
from portal.site import load_site, read_config
from tests.conftest import PORTAL, make_site, report, run_cli


@pytest.fixture
def parsed_files(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths ``parse_file`` really reads, in order."""
    seen: list[str] = []
    real = loader.parse_file

    def spy(source: loader.SourceFile, *args: Any, **kwargs: Any) -> loader.Parsed:
        seen.append(source.path)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(loader, "parse_file", spy)
    return seen


def _site(tmp_path: Path, **kwargs: Any) -> Path:
    reports = {f"2026/03/r{i}.md": report(title=f"信息{i}") for i in range(5)}
    return make_site(tmp_path, reports=reports, **kwargs)


def test_second_run_reads_only_the_edited_file(tmp_path: Path, parsed_files: list[str]) -> None:
    site = _site(tmp_path)
    config = read_config(str(site / "mkdocs.yml"))
    first = load_site(config)
    assert len(parsed_files) == 6  # index.md and 5 reports
    parsed_files.clear()
    edited = site / "content/reports/2026/03/r3.md"
    edited.write_text(report(title="改过的信息3", adopted="县委办"), encoding="utf-8")
    os.utime(edited, ns=(1, os.stat(edited).st_mtime_ns + 1_000_000))
    second = load_site(config)
    assert parsed_files == ["content/reports/2026/03/r3.md"]
    titles = sorted(r.title for r in second.content.reports)
    assert titles == sorted([*(f"信息{i}" for i in (0, 1, 2, 4)), "改过的信息3"])
    assert len(first.content.reports) == len(second.content.reports) == 5


def test_cached_errors_are_reported_again(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "content/reports/2026/03/bad.md").write_text(report(section="丁股"), encoding="utf-8")
    first, second = run_cli(site, "check"), run_cli(site, "check")
    assert first.code == second.code == 1
    assert first.out == second.out and "section: unknown section '丁股'" in second.out


def test_a_settings_change_invalidates_the_cache(tmp_path: Path) -> None:
    body = "联系电话 138 1234 5678。\n"
    site = _site(tmp_path, portal={**PORTAL, "privacy": {"mobile_numbers": "mask"}})
    (site / "content/reports/2026/03/phone.md").write_text(report(body=body), encoding="utf-8")
    assert run_cli(site, "check").code == 0
    config_file = site / "mkdocs.yml"
    config_file.write_text(
        config_file.read_text(encoding="utf-8").replace("mobile_numbers: mask", "mobile_numbers: error"),
        encoding="utf-8",
    )
    result = run_cli(site, "check")
    assert result.code == 1 and "a mobile phone number (138****5678)" in result.out


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert run_cli(site, "check").code == 0
    cache_files = list((site / ".cache/portal").glob("parsed-*.pickle"))
    assert len(cache_files) == 1
    cache_files[0].write_bytes(b"not a pickle")
    result = run_cli(site, "check")
    assert result.code == 0 and "6 files checked: 0 error(s)" in result.out


def test_deleted_files_leave_the_cache(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert run_cli(site, "check").code == 0
    (site / "content/reports/2026/03/r0.md").unlink()
    result = run_cli(site, "stats", "--json", "--as-of", "2026-03-31")
    assert sum(row["submitted"] for row in result.json()["sections"]) == 4
