"""The parsed-file cache: keyed by content, checksummed JSON outside the repository, never trusted blindly."""

from __future__ import annotations

import json
import os
import random
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from portal.content import loader
from portal.content.discovery import SourceFile
from portal.content.loader import load
from portal.edge.site import load_site, read_config, settings_of
from portal.model.problems import Problems
from portal.store.cache import PACKAGE, ParseCache, cache_folder, fingerprint, package_sources
from tests.conftest import PORTAL, make_site, mkdocs_build, report, run_cli, section_row, stats


@pytest.fixture
def parsed_files(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths really parsed (not taken from the cache), in order."""
    seen: list[str] = []
    real = loader.parse_data

    def spy(source: SourceFile, *args: Any, **kwargs: Any) -> loader.Parsed:
        seen.append(source.path)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(loader, "parse_data", spy)
    return seen


def _site(tmp_path: Path, **kwargs: Any) -> Path:
    reports: dict[str, str | bytes] = {f"2026/03/r{i}.md": report(title=f"信息{i}") for i in range(5)}
    return make_site(tmp_path, reports=reports, **kwargs)


def _env(tmp_path: Path) -> dict[str, str]:
    return {"PORTAL_CACHE_DIR": str(tmp_path / "cache")}


def _cache_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("*/*"))


def test_second_run_parses_only_the_edited_file(tmp_path: Path, parsed_files: list[str]) -> None:
    site = _site(tmp_path)
    config = read_config(str(site / "mkdocs.yml"))
    folder = str(tmp_path / "cache" / "s")
    first = load_site(config, cache_dir=folder)
    assert len(parsed_files) == 6  # index.md and 5 reports
    parsed_files.clear()
    (site / "content/reports/2026/03/r3.md").write_text(report(title="改过的信息3", adopted="县委办"), encoding="utf-8")
    second = load_site(config, cache_dir=folder)
    assert parsed_files == ["content/reports/2026/03/r3.md"]
    titles = sorted(r.title for r in second.content.reports)
    assert titles == sorted([*(f"信息{i}" for i in (0, 1, 2, 4)), "改过的信息3"])
    assert len(first.content.reports) == len(second.content.reports) == 5


def test_an_edit_keeping_size_and_mtime_shows_the_new_figures(tmp_path: Path) -> None:
    # r0 is first written not adopted; then, with the same size and modification time, adopted by 县委办.
    # 甲股 in March: 5 reports (1 point each under the default scheme) + a county adoption.
    site = _site(tmp_path)
    path = site / "content/reports/2026/03/r0.md"
    before = report(title="信息0", body="正文正文。\n", author="某某")
    after = report(title="信息0", body="正文。\n", adopted="县委办")
    size = max(len(before.encode()), len(after.encode()))
    before, after = (text + " " * (size - len(text.encode())) for text in (before, after))  # same size
    path.write_text(before, encoding="utf-8")
    stamp = os.stat(path)
    env = _env(tmp_path)
    first = section_row(stats_env(site, env), "甲股")
    assert first["adopted"] == 0
    path.write_text(after, encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert os.stat(path).st_size == stamp.st_size and os.stat(path).st_mtime_ns == stamp.st_mtime_ns
    second = section_row(stats_env(site, env), "甲股")
    assert second["adopted"] == 1  # one adoption, the new figure
    assert second == section_row(stats(site, "--period", "2026-03"), "甲股")  # the same as without any cache


def stats_env(site: Path, env: dict[str, str]) -> dict[str, Any]:
    result = run_cli(site, "stats", "--json", "--as-of", "2026-04-05", "--period", "2026-03", env=env)
    assert result.code == 0, result.err
    data: dict[str, Any] = result.json()
    return data


def test_cached_errors_are_reported_again(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "content/reports/2026/03/bad.md").write_text(report(section="丁股"), encoding="utf-8")
    env = _env(tmp_path)
    first, second = run_cli(site, "check", env=env), run_cli(site, "check", env=env)
    assert first.code == second.code == 1
    assert first.out == second.out and "section: 没有名为“丁股”的股室" in second.out


def test_a_settings_change_invalidates_the_cache(tmp_path: Path) -> None:
    body = "联系电话 138 1234 5678。\n"
    site = _site(tmp_path, portal={**PORTAL, "privacy": {"mobile_numbers": "mask"}})
    (site / "content/reports/2026/03/phone.md").write_text(report(body=body), encoding="utf-8")
    env = _env(tmp_path)
    assert run_cli(site, "check", env=env).code == 0
    config_file = site / "mkdocs.yml"
    config_file.write_text(
        config_file.read_text(encoding="utf-8").replace("mobile_numbers: mask", "mobile_numbers: error"),
        encoding="utf-8",
    )
    result = run_cli(site, "check", env=env)
    assert result.code == 1 and "这里有手机号（138****5678）" in result.out


def test_the_cache_is_checksummed_json_outside_the_repository(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert run_cli(site, "check", env=_env(tmp_path)).code == 0
    files = _cache_files(tmp_path)
    assert [f.name for f in files] == ["parsed-lean.json", "snapshot-lean.json"]
    head, _, payload = files[0].read_bytes().partition(b"\n")
    assert head.startswith(b"portal-parse-cache ")
    folders = dict(json.loads(line) for line in payload.splitlines())  # JSON, a line per folder: nothing can run
    assert "r0.md" in folders["content/reports/2026/03"]
    head, _, payload = files[1].read_bytes().partition(b"\n")  # the command line's snapshot: JSON too
    assert head.startswith(b"portal-snapshot ") and json.loads(payload)["files"] == 6
    assert not list(site.rglob("*.json")) and not (site / ".cache").exists()
    # by default it lives in the user's cache folder, one folder per site
    assert (cache_folder({"HOME": "/home/u"}, str(site)) or "").startswith("/home/u/.cache/portal/")
    assert (cache_folder({"XDG_CACHE_HOME": "/x"}, str(site)) or "").startswith("/x/portal/")
    assert cache_folder({"PORTAL_CACHE_DIR": "", "HOME": "/home/u"}, str(site)) is None


def test_check_and_build_keep_their_own_caches(tmp_path: Path, parsed_files: list[str]) -> None:
    site = _site(tmp_path)
    env = _env(tmp_path)
    assert run_cli(site, "check", env=env).code == 0  # no bodies
    folder = str(_cache_files(tmp_path)[0].parent)
    load_site(read_config(str(site / "mkdocs.yml")), cache_dir=folder)  # as mkdocs build does: with bodies
    names = sorted(f.name for f in _cache_files(tmp_path))
    assert names == ["parsed-full.json", "parsed-lean.json", "snapshot-lean.json"]
    parsed_files.clear()
    assert run_cli(site, "check", env=env).code == 0
    load_site(read_config(str(site / "mkdocs.yml")), cache_dir=folder)
    assert parsed_files == []  # neither evicted the other


def test_a_permission_fix_is_not_hidden_by_the_cache(tmp_path: Path) -> None:
    # Tests run as root, where chmod 000 does not stop reading: the refusal is simulated by the reader.
    site = _site(tmp_path)
    config = read_config(str(site / "mkdocs.yml"))
    settings = settings_of(config)
    sources = load_site(config).sources
    locked = "content/reports/2026/03/r2.md"

    def refuse(path: str) -> bytes:
        if path.endswith("r2.md"):
            raise PermissionError(13, "Permission denied")
        return Path(path).read_bytes()

    folder = str(tmp_path / "cache")
    problems = Problems()
    cache = ParseCache(folder, fingerprint(settings, True))
    load(sources, settings, problems, refuse, cache=cache)
    cache.save()
    assert [p.format() for p in problems.errors] == [
        f"{locked}:1: file: 无法读取（Permission denied）；请检查文件的权限"
    ]
    problems = Problems()
    content = load(sources, settings, problems, cache=ParseCache(folder, fingerprint(settings, True)))
    assert not problems.errors and len(content.reports) == 5


def test_an_unsavable_cache_leaves_no_temporary_file(tmp_path: Path) -> None:
    site = _site(tmp_path)
    folder = tmp_path / "cache"
    (folder / "parsed-full.json").mkdir(parents=True)  # os.replace onto a folder fails
    load_site(read_config(str(site / "mkdocs.yml")), cache_dir=str(folder))
    assert sorted(p.name for p in folder.iterdir()) == ["parsed-full.json"]


def test_deleted_files_leave_the_cache(tmp_path: Path) -> None:
    site = _site(tmp_path)
    env = _env(tmp_path)
    assert run_cli(site, "check", env=env).code == 0
    (site / "content/reports/2026/03/r0.md").unlink()
    result = run_cli(site, "stats", "--json", "--as-of", "2026-03-31", env=env)
    assert sum(row["submitted"] for row in result.json()["sections"]) == 4


@pytest.mark.slow
def test_random_byte_flips_give_true_figures_or_a_clean_rebuild(tmp_path: Path, parsed_files: list[str]) -> None:
    """200 trials: one to four random bytes of the cache file changed; the content read is always the truth."""
    reports: dict[str, str | bytes] = {
        f"2026/03/r{i}.md": report(title=f"信息{i}", section="甲乙丙"[i % 3] + "股") for i in range(6)
    }
    reports["2026/03/adopted.md"] = report(title="被采用", adopted="县委办", date="2026-03-09")
    site = make_site(tmp_path, reports=reports)
    config = read_config(str(site / "mkdocs.yml"))
    folder = str(tmp_path / "cache")
    truth = load_site(config, cache_dir=folder).content
    good = (tmp_path / "cache/parsed-full.json").read_bytes()
    rng = random.Random(20261201)
    rebuilt = 0
    for _ in range(200):
        damaged = bytearray(good)
        for _ in range(rng.randint(1, 4)):
            damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
        (tmp_path / "cache/parsed-full.json").write_bytes(bytes(damaged))
        parsed_files.clear()
        site_read = load_site(config, cache_dir=folder)
        assert site_read.content == truth and not site_read.problems.items
        rebuilt += len(parsed_files) == len(truth.reports) + 1  # every file parsed again (index.md too)
    assert rebuilt == 200  # no flip went unnoticed
    shutil.copy(tmp_path / "cache/parsed-full.json", tmp_path / "again.json")
    assert (tmp_path / "again.json").read_bytes() == good  # the rebuilt cache is the good one again


@pytest.mark.slow
def test_a_build_after_an_edit_keeping_size_and_mtime_shows_the_new_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same edit as above, through two real `mkdocs build` runs sharing one cache (parsed-full.json).
    # 甲股 in March (as_of 2026-03-31): r0…r4 are its reports; after the edit r0 is adopted by 县委办, so
    # stats.json's 甲股 row goes from 0 adopted to 1.
    monkeypatch.setenv("PORTAL_CACHE_DIR", str(tmp_path / "cache"))
    site = _site(tmp_path)
    path = site / "content/reports/2026/03/r0.md"
    before, after = report(title="信息0", body="正文正文。\n", author="某某"), report(title="信息0", adopted="县委办")
    size = max(len(before.encode()), len(after.encode()))
    before, after = (text + " " * (size - len(text.encode())) for text in (before, after))
    path.write_text(before, encoding="utf-8")
    stamp = os.stat(path)

    def adopted() -> int:
        built = mkdocs_build(site, as_of="2026-03-31")
        assert built.returncode == 0, built.stderr
        data = json.loads((site / "_site/stats.json").read_text(encoding="utf-8"))
        return int(section_row(data, "甲股")["adopted"])

    assert adopted() == 0
    assert [f.name for f in _cache_files(tmp_path)] == ["parsed-full.json"]
    path.write_text(after, encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert (os.stat(path).st_size, os.stat(path).st_mtime_ns) == (stamp.st_size, stamp.st_mtime_ns)
    assert adopted() == 1
    assert "县委办" in (site / "_site/reports/2026/03/r0/index.html").read_text(encoding="utf-8")


def test_unchanged_files_are_trusted_by_their_stat_unless_racy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As git does with its index: same size, mtime, ctime and inode → not read again, unless racy."""
    reads: list[str] = []
    real = loader.read_file

    def spy(path: str) -> Any:
        reads.append(os.path.basename(path))
        return real(path)

    monkeypatch.setattr(loader, "read_file", spy)
    site = _site(tmp_path)
    config = read_config(str(site / "mkdocs.yml"))
    folder = tmp_path / "cache"
    truth = load_site(config, cache_dir=str(folder)).content
    assert len(reads) == 6  # index.md and 5 reports
    reads.clear()
    # Just written: the files' times are within 2 s of the cache's own, so an edit in the same tick of a
    # coarse clock could hide behind an equal stat: every file is read again and checked by content.
    assert load_site(config, cache_dir=str(folder)).content == truth
    assert len(reads) == 6
    # A minute later (the cache file older than the files by more than the racy window): nothing is read.
    cache_file = folder / "parsed-full.json"
    later = os.stat(cache_file).st_mtime_ns + 60 * 10**9
    os.utime(cache_file, ns=(later, later))
    reads.clear()
    assert load_site(config, cache_dir=str(folder)).content == truth
    assert reads == []
    # An edit keeping size and mtime still changes ctime: that one file is read, and its new text shows.
    path = site / "content/reports/2026/03/r1.md"
    stamp = os.stat(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("信息1", "消息1"), encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert os.stat(path).st_size == stamp.st_size
    os.utime(cache_file, ns=(later, later))
    content = load_site(config, cache_dir=str(folder)).content
    assert reads == ["r1.md"]
    assert sorted(r.title for r in content.reports) == ["信息0", "信息2", "信息3", "信息4", "消息1"]


@pytest.mark.slow
def test_worker_processes_give_what_one_process_gives(tmp_path: Path) -> None:
    """2,100 files (over the threshold for worker processes): the same content, problems and cache file."""
    reports: dict[str, str | bytes] = {
        f"2026/{1 + i % 3:02d}/r{i}.md": report(
            title=f"信息{i}", section="甲乙丙"[i % 3] + "股", date=f"2026-{1 + i % 3:02d}-{1 + i % 28:02d}"
        )
        for i in range(2100)
    }
    reports["2026/01/bad.md"] = report(section="丁股")
    site = make_site(tmp_path, reports=reports)
    config = read_config(str(site / "mkdocs.yml"))
    serial = load_site(config, workers=1, cache_dir=str(tmp_path / "one"))
    parallel = load_site(config, workers=2, cache_dir=str(tmp_path / "two"))
    assert parallel.content == serial.content and len(parallel.content.reports) == 2100
    assert parallel.problems.items == serial.problems.items and len(serial.problems.errors) == 1
    one, two = (tmp_path / name / "parsed-full.json" for name in ("one", "two"))
    assert one.read_bytes() == two.read_bytes()
    assert load_site(config, workers=2, cache_dir=str(tmp_path / "two")).content == serial.content  # from the cache


def test_what_the_cache_gives_back_pickles_like_what_was_parsed(tmp_path: Path) -> None:
    """The build's memo keys are digests of pickled content: a report read from the cache must give the same
    digest as the report parsed from its file, or `make serve` would make every page again after an edit.
    """
    from portal.store.reuse import digest_of

    reports: dict[str, str | bytes] = {
        "2026/03/a.md": report(title="采用", adopted="县委办", tags=["救助"], author="张三"),
        "2026/03/b.md": report(title="合报", section=["甲股", "乙股"], date="2026-03-09"),
    }
    site = make_site(tmp_path, reports=reports)
    config = read_config(str(site / "mkdocs.yml"))
    parsed = load_site(config, cache_dir=str(tmp_path / "cache")).content
    cached = load_site(config, cache_dir=str(tmp_path / "cache")).content
    assert cached == parsed
    assert [digest_of(r) for r in cached.reports] == [digest_of(r) for r in parsed.reports]


@pytest.mark.slow
def test_a_saved_cache_is_dated_when_the_reading_began(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit made after a file was read, in the same clock tick, must look racy however long the load took.

    Each of the 6 files takes 0.3 s to read here; the cache and the snapshot take the time before the first.
    """
    real = loader.read_file

    def slow(path: str) -> Any:
        time.sleep(0.3)
        return real(path)

    monkeypatch.setattr(loader, "read_file", slow)
    site = _site(tmp_path)
    marker = tmp_path / "before"
    marker.write_text("")
    assert run_cli(site, "check", env=_env(tmp_path)).code == 0
    marker.with_name("after").write_text("")
    before, after = (os.stat(tmp_path / name).st_mtime_ns for name in ("before", "after"))
    assert after - before >= 1_800_000_000
    for saved in _cache_files(tmp_path):
        assert before <= os.stat(saved).st_mtime_ns <= before + 300_000_000, saved.name


def test_the_fingerprint_covers_modules_and_templates_in_subfolders(tmp_path: Path) -> None:
    """A copy of the package: a module added or edited in a subfolder, or a nested template edited, is a new key."""
    settings = settings_of(read_config(str(_site(tmp_path / "site") / "mkdocs.yml")))
    package = tmp_path / "portal"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    keys = [fingerprint(settings, True, package)]
    assert keys[0] == fingerprint(settings, True, package)  # the same tree gives the same key
    layer = package / "figures" / "deep"
    layer.mkdir(parents=True)
    (layer / "tally.py").write_text("WEIGHT = 1\n", encoding="utf-8")
    keys.append(fingerprint(settings, True, package))
    (layer / "tally.py").write_text("WEIGHT = 2\n", encoding="utf-8")
    keys.append(fingerprint(settings, True, package))
    (layer / "tally.py").rename(package / "figures" / "tally.py")  # same bytes, another place
    keys.append(fingerprint(settings, True, package))
    (package / "output/web/templates/public/feed.xml.j2").write_text("<feed/>\n", encoding="utf-8")
    keys.append(fingerprint(settings, True, package))
    assert len(set(keys)) == 5
    listed = [path.relative_to(package).as_posix() for path in package_sources(package)]
    assert "figures/tally.py" in listed and "output/web/templates/public/public.css" in listed
    assert "store/cache.py" in listed and "words/messages.py" in listed
    assert listed == sorted(listed) and not [name for name in listed if name.startswith("output/web/admin/")]
