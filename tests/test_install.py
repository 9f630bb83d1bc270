"""Installing and starting (issue 24, points 4, 5, 7): no traceback without the environment, every make
target in plain Python, Windows file names and line endings, merge conflicts in Chinese.

The network tests (Windows wheels, the offline bundle) are in ``tests/test_bundle.py``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from build_stats import REQUIRED
from portal.commands.scaffold import windows_refusal
from portal.words.messages import say
from tests.conftest import REPO, copy_demo, make_site, report, run_cli

sys.path.insert(0, str(REPO / "tools"))

import dev  # tools/ is not a package: importable once on sys.path

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _copy_program(dest: Path) -> None:
    """``build_stats.py`` and ``portal/`` as a fresh clone has them: no ``.venv`` next to them."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "build_stats.py", dest / "build_stats.py")
    shutil.copytree(REPO / "portal", dest / "portal", ignore=shutil.ignore_patterns("__pycache__"))


def _bare_python() -> str:
    """The interpreter under this venv (if any): started with ``-S`` it sees no installed package at all."""
    return os.path.realpath(sys.executable)


def test_without_the_dependencies_check_prints_one_chinese_line_and_exits_2(tmp_path: Path) -> None:
    _copy_program(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PORTAL_VENV_TRIED")}
    result = subprocess.run(
        [_bare_python(), "-S", "build_stats.py", "check"], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line == say("install.missing", missing="、".join(REQUIRED.values()))
    assert line.startswith("缺少门户需要的软件（mkdocs、mkdocs-material、PyYAML")
    # The exact commands for both systems, as the guide gives them.
    assert ".venv/bin/python -m pip install -r requirements.txt" in line
    assert "py -m venv .venv" in line and ".venv\\Scripts\\python -m pip install -r requirements.txt" in line


def test_without_the_dependencies_a_console_that_cannot_show_chinese_gets_escapes(tmp_path: Path) -> None:
    _copy_program(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PORTAL_VENV_TRIED")}
    env["PYTHONIOENCODING"] = "ascii"
    result = subprocess.run(
        [_bare_python(), "-S", "build_stats.py", "check"], cwd=tmp_path, capture_output=True, env=env
    )
    assert result.returncode == 2
    [line] = result.stderr.decode("ascii").splitlines()
    shown = re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), line)
    assert shown == say("install.missing", missing="、".join(REQUIRED.values()))


@pytest.mark.slow
@pytest.mark.skipif(sys.prefix == sys.base_prefix, reason="the tests run outside a venv: no venv to hand over to")
def test_without_the_dependencies_check_hands_over_to_the_projects_venv(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": report(adopted="县委办")})
    _copy_program(site)
    (site / ".venv").symlink_to(sys.prefix, target_is_directory=True)  # as `make serve` leaves it
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PORTAL_VENV_TRIED")}
    env["PORTAL_CACHE_DIR"] = ""
    result = subprocess.run(
        [_bare_python(), "-S", "build_stats.py", "check"], cwd=site, capture_output=True, text=True, env=env
    )
    in_process = run_cli(site, "check", env={"PORTAL_CACHE_DIR": ""})
    assert (result.returncode, result.stdout) == (0, in_process.out)
    assert in_process.code == 0


def _names(lines: list[str]) -> set[str]:
    return {re.split(r"[<>=~!\[; ]", line, maxsplit=1)[0].lower() for line in lines}


def _requirement_lines(path: Path) -> list[str]:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line and not line.startswith(("#", "-r"))]


def test_the_dependency_lists_agree() -> None:
    """requirements.txt = pyproject's dependencies = what build_stats.py checks for (tzdata: Windows' time zones,
    nothing imports it by name); requirements-test.txt = the test extra, on top of requirements.txt.
    """
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = _requirement_lines(REPO / "requirements.txt")
    assert sorted(runtime) == sorted(project["dependencies"])
    assert _names(runtime) == {name.lower() for name in REQUIRED.values()} | {"tzdata"}
    test_lines = (REPO / "requirements-test.txt").read_text(encoding="utf-8").splitlines()
    assert "-r requirements.txt" in test_lines
    assert sorted(_requirement_lines(REPO / "requirements-test.txt")) == sorted(
        project["optional-dependencies"]["test"]
    )
    assert project["scripts"] == {"portal": "build_stats:main"}


def _make_targets() -> dict[str, str]:
    """Each Makefile target and its one recipe line."""
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return dict(re.findall(r"^([a-z-]+):\n\t(.+)$", text, re.MULTILINE))


def test_every_make_target_is_the_same_named_dev_py_command() -> None:
    targets = _make_targets()
    assert set(targets) == {*dev.COMMANDS, "clean", "bundle"}
    for name, recipe in targets.items():
        assert recipe.split()[:2] == ["$(DEV)", name], (name, recipe)
    assert re.search(r"^DEV := \$\(PY\) tools/dev\.py --venv \$\(VENV\)$", (REPO / "Makefile").read_text(), re.M)
    phony = re.search(r"^\.PHONY: (.+)$", (REPO / "Makefile").read_text(), re.M)
    assert phony and set(phony.group(1).split()) == set(targets)


def test_serving_installs_only_the_runtime_dependencies() -> None:
    assert dev.COMMANDS["serve"] == dev.COMMANDS["build"] == dev.COMMANDS["check"] == ["requirements.txt"]
    assert dev.COMMANDS["test"] == ["requirements.txt", "requirements-test.txt"]
    runtime = _names(_requirement_lines(REPO / "requirements.txt"))
    assert not runtime & {"playwright", "mypy", "ruff", "pytest", "hypothesis", "pre-commit"}


def test_dev_py_sets_up_a_venv_once_per_change_of_the_requirements(tmp_path: Path) -> None:
    """A venv whose stamp equals the requirements' hash is used as it is (no pip run: none is there)."""
    venv = tmp_path / "venv"
    python = dev.venv_python(venv)
    python.parent.mkdir(parents=True)
    python.write_text("")
    (venv / ".installed-runtime").write_text(dev._stamp(dev.RUNTIME), encoding="ascii")
    assert dev.ensure_venv(venv, dev.RUNTIME) == python
    (venv / ".installed-runtime").write_text("0" * 64, encoding="ascii")  # requirements.txt changed since
    with pytest.raises((dev.Failed, OSError)):  # the (empty) interpreter is run for pip install now
        dev.ensure_venv(venv, dev.RUNTIME)


@pytest.mark.parametrize(
    "name",
    [
        "CON.md",
        "con.md",
        "Nul.2026.md",
        "AUX.md",
        "PRN.md",
        "COM1.md",
        "lpt9.md",
        "com0.md",
        "CON .md",
        "a:b.md",
        "a?.md",
        'a"b.md',
        "a|b.md",
        "a<b>.md",
        "a*.md",
        "a\\b.md",
        "a\tb.md",
        "x.",
        "x ",
        "信息。.",
    ],
)
def test_windows_refuses(name: str) -> None:
    refusal = windows_refusal(name)
    assert refusal is not None and refusal.startswith(f"“{name}”不能作为文件或文件夹的名字")


@pytest.mark.parametrize(
    "name", ["2026-03-05-jiuzhu-1.md", "YG-2026-01.md", "con-1.md", "CONSOLE.md", "com10.md", "nullable.md", "信息.md"]
)
def test_windows_takes(name: str) -> None:
    assert windows_refusal(name) is None


@pytest.mark.parametrize("id_", ["CON", "nul.2026", "com1", "LPT3"])
def test_new_request_refuses_an_id_windows_cannot_store(tmp_path: Path, id_: str) -> None:
    site = make_site(tmp_path)
    args = ["new", "request", "--title", "约稿", "--issued", "2026-03-01", "--deadline", "2026-03-15", "--id", id_]
    result = run_cli(site, *args)
    assert result.code == 1
    assert result.err.splitlines() == [
        f"content/requests/{id_}.md:1: file: "
        + say("install.windows_name.device", name=f"{id_}.md", stem=id_.split(".")[0])
    ]
    assert list((site / "content" / "requests").iterdir()) == []


def test_new_names_are_windows_names_even_for_device_like_slugs(tmp_path: Path) -> None:
    portal = {
        "organization": "测试县民政局",
        "sections": [{"name": f"{slug}股", "slug": slug} for slug in ("con", "nul", "aux", "com1", "lpt1", "prn")],
    }
    site = make_site(tmp_path, portal=portal)
    written: list[Path] = []
    for slug in ("con", "nul", "aux", "com1", "lpt1", "prn"):
        result = run_cli(site, "new", "report", "--section", f"{slug}股", "--title", "标题", "--date", "2026-03-05")
        assert result.code == 0, result.err
        written += (site / "content" / "reports" / "2026" / "03").glob(f"*-{slug}-*.md")
    assert sorted(p.name for p in written) == sorted(
        f"2026-03-05-{slug}-1.md" for slug in ("con", "nul", "aux", "com1", "lpt1", "prn")
    )
    assert all(windows_refusal(p.name) is None for p in written)


@pytest.mark.slow
def test_a_windows_checkout_with_crlf_line_ends_reads_the_same(tmp_path: Path) -> None:
    """Git for Windows checks text files out with CRLF (core.autocrlf=true): every content file and mkdocs.yml
    in CRLF give the same check and the same figures as the LF original.
    """
    lf = copy_demo(tmp_path / "lf")
    crlf = copy_demo(tmp_path / "crlf")
    converted = 0
    for path in [crlf / "mkdocs.yml", *(crlf / "content").rglob("*.md")]:
        data = path.read_bytes()
        path.write_bytes(data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
        converted += b"\n" in data
    assert converted > 100  # the whole demo, not a handful of files
    env = {"PORTAL_CACHE_DIR": ""}
    checks = [run_cli(site, "check", env=env) for site in (lf, crlf)]
    assert [c.code for c in checks] == [0, 0]
    assert checks[0].out == checks[1].out
    figures = [
        run_cli(site, "stats", "--json", "--period", "2026", "--as-of", "2026-11-25", env=env) for site in (lf, crlf)
    ]
    assert figures[0].code == 0 and figures[0].json() == figures[1].json()


def test_a_merge_conflict_is_one_chinese_error_per_conflict(tmp_path: Path) -> None:
    conflicted = (
        "---\ntitle: 一条信息\nsection: 甲股\n<<<<<<< HEAD\ndate: 2026-03-05\n=======\ndate: 2026-03-06\n"
        ">>>>>>> origin/main\n---\n\n<<<<<<< HEAD\n正文甲。\n=======\n正文乙。\n>>>>>>> 1a2b3c4 (改正文)\n"
    )
    site = make_site(tmp_path, reports={"2026/03/a.md": conflicted})
    result = run_cli(site, "check")
    assert result.code == 1
    errors = [line for line in result.out.splitlines() if line.startswith("content/")]
    # The first conflict starts on line 4 (in the front-matter), the second on line 11 (in the body).
    assert errors == [
        "content/reports/2026/03/a.md:4: front-matter: " + say("install.merge_conflict"),
        "content/reports/2026/03/a.md:11: body: " + say("install.merge_conflict"),
    ]
    assert "删掉三行标记" in errors[0] and not re.search(
        r"[A-Za-z]{4,}", errors[0].split(": ", 2)[2].replace("git", "")
    )


GUIDE = (REPO / "content" / "guide.md").read_text(encoding="utf-8")


def _first_day() -> str:
    start = GUIDE.index("## 第一天：")
    return GUIDE[start : GUIDE.index("\n## ", start + 1)]


def test_the_guides_merge_conflict_is_what_check_says(tmp_path: Path) -> None:
    """The conflicted report the guide shows, checked: exactly the error line the guide prints under it."""
    chapter = _first_day()
    # An indented code block in the guide (at the start of a line the markers would make the guide itself fail
    # check): dedented here.
    blocks = re.findall(r"\n\n((?: {4}.*\n)+)", chapter)
    [example] = [textwrap.dedent(block) for block in blocks if "<<<<<<<" in block]
    [shown] = [line for line in re.findall(r"```text\n(.*?)```", chapter, re.S) if "合并冲突" in line]
    portal: dict[str, object] = {"organization": "测试县民政局", "sections": [{"name": "社会救助股", "slug": "jiuzhu"}]}
    portal["adopters"] = {"县委办": "county", "市民政局": "city"}
    site = make_site(tmp_path, portal=portal, reports={"2026/12/2026-12-06-jiuzhu-1.md": example})
    result = run_cli(site, "check")
    assert result.code == 1
    assert [line for line in result.out.splitlines() if line.startswith("content/")] == shown.strip().splitlines()
    # The fix the guide gives: both bodies in one list, the three marker lines gone.
    lines = [line for line in example.splitlines() if not line.startswith(("<<<<<<<", "=======", ">>>>>>>"))]
    lines = [line for line in lines if not line.startswith("adopted:")]
    lines.insert(3, "adopted: [县委办, 市民政局]")
    (site / "content/reports/2026/12/2026-12-06-jiuzhu-1.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run_cli(site, "check").code == 0


def test_the_guides_setup_line_is_the_one_build_stats_prints() -> None:
    assert say("install.missing", missing="、".join(REQUIRED.values())) in _first_day().splitlines()


def test_the_guide_gives_every_make_target_for_windows_and_linux() -> None:
    rows = re.findall(
        r"^\| `make ([\w-]+)[^`]*` \| `py tools\\dev\.py ([\w-]+)[^`]*` \| `python3 tools/dev\.py ([\w-]+)[^`]*` \|$",
        GUIDE,
        re.M,
    )
    assert {row[0] for row in rows} == set(_make_targets())
    assert all(make == windows == linux for make, windows, linux in rows)


def test_the_first_day_has_no_english_outside_code() -> None:
    """Product names stay (Windows, Git, Python…); every other Latin word is in a code span or block."""
    names = {"Windows", "Linux", "Python", "Git", "Debian", "Ubuntu", "PowerShell", "Ctrl", "C", "git", "cmd"}
    prose = re.sub(r"```.*?```", "", _first_day(), flags=re.S)
    prose = re.sub(r"^ {4}.*$", "", prose, flags=re.M)  # indented code blocks
    prose = re.sub(r"`[^`]*`", "", prose)
    words = set(re.findall(r"[A-Za-z][A-Za-z.\-]*", prose)) - names
    assert words == {"python.org"}, words


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.mark.slow
def test_the_pre_commit_hook_without_the_environment_then_with_the_projects_venv(tmp_path: Path) -> None:
    """The hook's `python build_stats.py check` run by a `python` without the packages: the commit is refused with
    the one setup line; once the repository has its .venv, the same `python` checks the content.
    """
    if sys.prefix == sys.base_prefix:
        pytest.skip("the tests run outside a venv: no venv to stand for the project's")
    site = make_site(tmp_path, reports={"2026/03/a.md": report()})
    _copy_program(site)
    shutil.copy2(REPO / ".pre-commit-config.yaml", site / ".pre-commit-config.yaml")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    # `python` on PATH: a Python that sees no installed package (-S), as in a terminal where nothing is set up.
    (bin_dir / "python").write_text(f'#!/bin/sh\nexec "{_bare_python()}" -S "$@"\n', encoding="utf-8")
    (bin_dir / "python").chmod(0o755)
    _git(site, "init", "-q")
    _git(site, "-c", "user.name=测试", "-c", "user.email=t@example.invalid", "add", "-A")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "PORTAL_"))}
    env |= {"PATH": f"{bin_dir}{os.pathsep}/usr/bin{os.pathsep}/bin", "PRE_COMMIT_HOME": str(tmp_path / "pc")}
    env["PORTAL_CACHE_DIR"] = ""
    hook = [sys.executable, "-m", "pre_commit", "run", "portal-check", "--all-files"]

    refused = subprocess.run(hook, cwd=site, env=env, capture_output=True, text=True)
    assert refused.returncode == 1
    assert say("install.missing", missing="、".join(REQUIRED.values())) in refused.stdout.splitlines()
    assert "Traceback" not in refused.stdout + refused.stderr

    (site / ".venv").symlink_to(sys.prefix, target_is_directory=True)
    checked = subprocess.run(hook, cwd=site, env=env, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout[-2000:]
    (site / "content/reports/2026/03/a.md").write_text(report(date="2026/3/1"), encoding="utf-8")
    broken = subprocess.run(hook, cwd=site, env=env, capture_output=True, text=True)
    assert broken.returncode == 1
    assert "content/reports/2026/03/a.md:4: date: " in broken.stdout


def test_new_incident_takes_a_report_path_written_the_windows_way(tmp_path: Path) -> None:
    demo = copy_demo(tmp_path / "demo")
    target = sorted((demo / "content" / "reports").rglob("*jiuzhu*.md"))[0]
    relative = target.relative_to(demo / "content").as_posix()  # reports/2026/…/….md
    windows = "content\\" + relative.replace("/", "\\")
    args = ["new", "incident", "--section", "社会救助股", "--type", "失实", "--date", "2026-09-06", "--report", windows]
    result = run_cli(demo, *args, env={"PORTAL_CACHE_DIR": ""})
    assert result.code == 0, result.err
    [written] = (demo / "content" / "incidents" / "2026").glob("2026-09-06-jiuzhu-*.md")
    assert f'report: "{relative}"' in written.read_text(encoding="utf-8").splitlines()


def test_check_refuses_content_a_windows_computer_cannot_check_out(tmp_path: Path) -> None:
    """Written on Linux, such a file stops every Windows colleague's clone; check names each one."""
    site = make_site(
        tmp_path,
        reports={
            "2026/03/aux.md": report(),
            "2026/con/a.md": report(),
            "2026/03./b.md": report(),
            "2026/03/fine.md": report(),
        },
        requests={"Nul.2026.md": "---\ntitle: 约稿\nissued: 2026-03-01\ndeadline: 2026-03-15\n---\n\n请报送。\n"},
    )
    result = run_cli(site, "check", env={"PORTAL_CACHE_DIR": ""})
    assert result.code == 1
    errors = sorted(line for line in result.out.splitlines() if line.startswith("content/"))
    assert errors == [
        "content/reports/2026/03./b.md:1: file: " + say("install.windows_name.trailing", name="03."),
        "content/reports/2026/03/aux.md:1: file: " + say("install.windows_name.device", name="aux.md", stem="aux"),
        "content/reports/2026/con/a.md:1: file: " + say("install.windows_name.device", name="con", stem="con"),
        "content/requests/Nul.2026.md:1: file: " + say("install.windows_name.device", name="Nul.2026.md", stem="Nul"),
    ]
