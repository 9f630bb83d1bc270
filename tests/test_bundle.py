"""The offline install bundle and the Windows wheels (issue 24, points 5 and 6).

Building the bundle downloads from the package index (PyPI, which CI reaches): these tests are marked
``network`` and run under the plain ``make test``. The install itself then runs with the network cut
(``unshare -n``, as root) and with no pip configuration, so only the bundle's own wheels can satisfy it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "tools"))

import dev  # tools/ is not a package: importable once on sys.path

pytestmark = [pytest.mark.network, pytest.mark.slow]


def _system_python_version() -> str:
    """The version of the ``python3`` that install.sh uses."""
    found = subprocess.run(
        ["python3", "-c", "import sys; print('%d.%d' % sys.version_info[:2])"], capture_output=True, text=True
    )
    return found.stdout.strip()


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """``python tools/dev.py bundle -o DIR`` with its defaults: Python 3.10–3.13, Linux and Windows."""
    out = tmp_path_factory.mktemp("bundle") / "offline"
    built = subprocess.run(
        [sys.executable, str(REPO / "tools" / "dev.py"), "bundle", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    assert built.stdout.startswith(f"离线安装包已写到 {out}")
    yield out
    shutil.rmtree(out, ignore_errors=True)


def _requirement_names() -> list[str]:
    lines = (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return [re.split(r"[<>=~!\[; ]", line, maxsplit=1)[0] for line in lines if line and not line.startswith("#")]


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _takes(wheel: str, version: str, platform: str) -> bool:
    """Whether a wheel file name (``name-ver-pytag-abi-plat.whl``) installs on CPython ``version`` on ``platform``."""
    python_tags, abi, platforms = wheel[: -len(".whl")].split("-")[-3:]
    minor = int(version.split(".")[1])
    pythons = python_tags.split(".")
    fits_python = any(
        tag in ("py3", f"py3{minor}", f"cp3{minor}")
        or (abi == "abi3" and tag.startswith("cp3") and int(tag[3:]) <= minor)
        for tag in pythons
    )
    wanted = {"windows": ("win_amd64",), "linux": ("manylinux",)}[platform]
    fits_platform = platforms == "any" or any(
        p.startswith(wanted) and p.endswith("x86_64" if platform == "linux" else "amd64") for p in platforms.split(".")
    )
    return fits_python and fits_platform


@pytest.mark.parametrize("version", dev.PYTHONS)
@pytest.mark.parametrize("platform", ["windows", "linux"])
def test_every_runtime_dependency_has_a_wheel(bundle: Path, platform: str, version: str) -> None:
    """pip found a wheel of everything (--only-binary=:all:) for each Python and platform, or the bundle command
    would have failed; here: each requirement's wheel is really there, and nothing is source only.
    """
    wheels = sorted(p.name for p in (bundle / "wheels").iterdir())
    assert all(name.endswith(".whl") for name in wheels)
    for requirement in _requirement_names():
        fitting = [
            w for w in wheels if _normal(w.split("-")[0]) == _normal(requirement) and _takes(w, version, platform)
        ]
        assert fitting, f"no {platform} wheel of {requirement} for Python {version}"
    assert "3.10" in dev.PYTHONS and "3.13" in dev.PYTHONS


def test_the_bundle_carries_the_repository_and_both_install_scripts(bundle: Path) -> None:
    for name in ("build_stats.py", "mkdocs.yml", "requirements.txt", "portal/commands/cli.py", "content/guide.md"):
        assert (bundle / "repo" / name).read_bytes() == (REPO / name).read_bytes() or _changed_since_commit(name)
    assert not (bundle / "repo" / ".venv").exists() and not (bundle / "repo" / ".git").exists()
    sh = (bundle / "install.sh").read_text(encoding="utf-8")
    assert '-m pip install --no-index --find-links "$here/wheels" -r requirements.txt' in sh
    bat = (bundle / "install.bat").read_bytes()
    assert b"\r\n" in bat and b"\n" not in bat.replace(b"\r\n", b"")  # cmd wants CRLF throughout
    text = bat.decode("gbk")  # the console code page of Chinese Windows
    assert '.venv\\Scripts\\python -m pip install --no-index --find-links "%HERE%wheels" -r requirements.txt' in text
    assert "py -m venv" in text.replace("%PY%", "py")


def _changed_since_commit(name: str) -> bool:
    """A file edited and not committed yet (the bundle takes the last commit): only while developing."""
    diff = subprocess.run(["git", "diff", "--quiet", "HEAD", "--", name], cwd=REPO, capture_output=True)
    return diff.returncode == 1


def _cut() -> list[str]:
    """``unshare -n``: the command runs in a network namespace of its own, with no network at all (needs root).
    Where that is refused (a container without the capability), the commands still run with pip's index off
    (``--no-index``, no configuration): nothing they do may then reach the network either.
    """
    cut = subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0
    return ["unshare", "-n"] if cut else []


def _offline(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*_cut(), *command], cwd=cwd, env=env, capture_output=True, text=True, timeout=1200)


def test_install_from_the_bundle_with_the_network_cut_then_check_and_build(bundle: Path, tmp_path: Path) -> None:
    version = _system_python_version()
    assert version in dev.PYTHONS, f"python3 is {version}: the bundle carries wheels for {dev.PYTHONS}"
    # No pip configuration at all: no index, no find-links but the bundle's own.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV"))}
    env |= {"PIP_CONFIG_FILE": os.devnull, "PORTAL_CACHE_DIR": "", "NO_MKDOCS_2_WARNING": "1"}
    repo = bundle / "repo"

    installed = _offline(["sh", str(bundle / "install.sh")], bundle, env)
    assert installed.returncode == 0, installed.stdout[-2000:] + installed.stderr[-2000:]
    assert "安装完成" in installed.stdout
    python = repo / ".venv" / "bin" / "python"
    # Runtime only: none of the test tools came along.
    for module in ("pytest", "playwright", "mypy", "ruff"):
        assert subprocess.run([str(python), "-c", f"import {module}"], capture_output=True).returncode == 1, module

    check = _offline([str(repo / ".venv" / "bin" / "portal"), "check"], repo, env)
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]
    # A Python without the packages, in the repository folder: hands over to .venv (nothing activated).
    bare = _offline(["python3", "-S", "build_stats.py", "check"], repo, env)
    assert (bare.returncode, bare.stdout) == (0, check.stdout)

    site = tmp_path / "site"
    build = _offline([str(python), "-m", "mkdocs", "build", "--strict", "-d", str(site)], repo, env)
    assert build.returncode == 0, build.stderr[-3000:]
    assert "示例县民政局" in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "guide" / "index.html").is_file()
