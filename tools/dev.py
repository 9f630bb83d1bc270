r"""Every ``make`` target as plain Python, for Windows (no ``make``) and Linux alike; the Makefile calls this.

    python tools/dev.py serve      # Linux; on Windows: py tools\dev.py serve
    python tools/dev.py test [PYTEST ARGS]
    python tools/dev.py test-fast [PYTEST ARGS]    # the same without the tests marked slow
    python tools/dev.py build | check | bench | clean
    python tools/dev.py bundle -o DIR [--python 3.10,3.11,3.12,3.13] [--platform linux,windows]

Standard library only: it runs under any Python 3.10+ and sets up ``.venv`` itself. ``serve``, ``build``,
``check`` and ``bench`` install only the runtime dependencies (``requirements.txt``); ``test`` and ``test-fast`` add
``requirements-test.txt``. A stamp in the venv (the hash of the requirement files) makes the install happen once
per change of those files. ``bundle`` writes an offline install: the repository, wheels of every runtime
dependency for Linux x86_64 and Windows amd64, and ``install.sh`` / ``install.bat``.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.words.messages import say  # noqa: E402 (stdlib-only module; the repository is on sys.path now)

RUNTIME = ["requirements.txt"]
TEST = ["requirements.txt", "requirements-test.txt"]
#: Python versions and platforms a bundle carries wheels for by default.
PYTHONS = ("3.10", "3.11", "3.12", "3.13")
#: pip's ``--platform`` tags per platform, the most widely compatible first (pip prefers them in this order).
PLATFORMS = {
    "linux": ("manylinux_2_17_x86_64", "manylinux2014_x86_64", "manylinux_2_28_x86_64", "manylinux1_x86_64"),
    "windows": ("win_amd64",),
}
#: What a copy of the repository leaves out when it is not made by ``git archive``.
NOT_COPIED = {".git", ".venv", "site", "_site", ".cache", ".pytest_cache", ".mypy_cache", ".ruff_cache"}
NOT_COPIED |= {"test-artifacts", "__pycache__"}


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _stamp(files: Sequence[str]) -> str:
    digest = hashlib.sha256()
    for name in files:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_venv(venv: Path, files: Sequence[str]) -> Path:
    """The venv's interpreter, the venv made and ``files`` installed into it first when they changed."""
    python = venv_python(venv)
    stamp = venv / f".installed-{'test' if 'requirements-test.txt' in files else 'runtime'}"
    if stamp.exists() and stamp.read_text(encoding="ascii") == _stamp(files):
        return python
    if not python.exists():
        _run([sys.executable, "-m", "venv", str(venv)], say("install.dev.venv_failed", venv=venv))
    requirements = [arg for name in files for arg in ("-r", str(ROOT / name))]
    _run([str(python), "-m", "pip", "install", "--quiet", *requirements], say("install.dev.pip_failed"))
    stamp.write_text(_stamp(files), encoding="ascii")
    return python


class Failed(Exception):
    """A step failed; its message is the one line to print, the code the exit code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def _run(command: Sequence[str], message: str = "", cwd: Path = ROOT) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    code = subprocess.call(list(command), cwd=cwd, env=env)
    if code:
        raise Failed(message, code)


def serve(python: Path, extra: Sequence[str]) -> None:
    _run([str(python), "-m", "mkdocs", "serve", "--dirty", "--dev-addr", "127.0.0.1:8000", *extra])


def test(python: Path, extra: Sequence[str]) -> None:
    paths = ["portal", "build_stats.py", "tests", "bench", "tools"]
    _run([str(python), "-m", "ruff", "check", *paths])
    _run([str(python), "-m", "ruff", "format", "--check", *paths])
    _run([str(python), "-m", "mypy"])
    _run([str(python), "-m", "pytest", "-q", *extra])


def test_fast(python: Path, extra: Sequence[str]) -> None:
    """:func:`test` without the tests marked ``slow`` (LibreOffice, Chromium, pip, nginx, servers, long runs)."""
    test(python, ["-m", "not slow", *extra])


def build(python: Path, extra: Sequence[str]) -> None:
    _run([str(python), "-m", "mkdocs", "build", "--strict", *extra])


def check(python: Path, extra: Sequence[str]) -> None:
    _run([str(python), "build_stats.py", "check", *extra])


def bench(python: Path, extra: Sequence[str]) -> None:
    _run([str(python), "bench/run.py", *extra])


def clean() -> None:
    for name in ("site", ".pytest_cache", ".mypy_cache", ".ruff_cache", "test-artifacts"):
        shutil.rmtree(ROOT / name, ignore_errors=True)


COMMANDS = {"serve": RUNTIME, "test": TEST, "test-fast": TEST, "build": RUNTIME, "check": RUNTIME, "bench": RUNTIME}


def copy_repository(dest: Path) -> None:
    """The committed repository (``git archive HEAD``), or without git a copy that leaves out venvs and caches."""
    try:
        tar = subprocess.run(["git", "archive", "--format=tar", "HEAD"], cwd=ROOT, capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        shutil.copytree(ROOT, dest, ignore=lambda folder, names: [n for n in names if n in NOT_COPIED])
        return
    with tarfile.open(fileobj=io.BytesIO(tar.stdout)) as archive:
        archive.extractall(dest, filter="data") if hasattr(tarfile, "data_filter") else archive.extractall(dest)


def pip_python() -> str:
    """An interpreter with pip for downloading: this one when it has pip, else the project's venv."""
    if subprocess.call([sys.executable, "-m", "pip", "--version"], stdout=subprocess.DEVNULL) == 0:
        return sys.executable
    return str(ensure_venv(ROOT / ".venv", RUNTIME))


def download_wheels(wheels: Path, pythons: Sequence[str], platforms: Sequence[str]) -> None:
    """Wheels of every runtime dependency for each Python and platform, into ``wheels``.

    Packages published only as source (jieba) are built into a wheel here first; a pure-Python one
    (``py3-none-any``) then serves every platform, found through ``--find-links``.
    """
    pip = [pip_python(), "-m", "pip"]
    requirements = str(ROOT / "requirements.txt")
    _run([*pip, "wheel", "--quiet", "-r", requirements, "-w", str(wheels)], say("install.dev.pip_failed"))
    for platform in platforms:
        tags = [arg for tag in PLATFORMS[platform] for arg in ("--platform", tag)]
        for version in pythons:
            _run(
                [
                    *pip,
                    "download",
                    "--quiet",
                    "--only-binary=:all:",
                    *tags,
                    "--python-version",
                    version,
                    "--implementation",
                    "cp",
                    "--find-links",
                    str(wheels),
                    "-r",
                    requirements,
                    "-d",
                    str(wheels),
                ],
                say("install.dev.no_wheel", platform=platform, version=version),
            )
    # setuptools: to install the project itself (the `portal` command) with no index.
    _run([*pip, "download", "--quiet", "--only-binary=:all:", "setuptools>=70.1", "-d", str(wheels)])
    built = sorted(p.name for p in wheels.iterdir() if not p.name.endswith(".whl"))
    if built:
        raise Failed(say("install.dev.not_wheels", names="、".join(built)), 1)


INSTALL_SH = """#!/bin/sh
# 离线安装门户需要的软件（不用联网）。用法：sh install.sh [仓库文件夹]，不写时装在本包的 repo 文件夹。
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:-$here/repo}"
python3 -m venv .venv
.venv/bin/python -m pip install --no-index --find-links "$here/wheels" -r requirements.txt
.venv/bin/python -m pip install --no-index --find-links "$here/wheels" --no-deps -e .
echo "安装完成。检查：.venv/bin/portal check    预览：.venv/bin/mkdocs serve"
"""

INSTALL_BAT = """@echo off
rem 离线安装门户需要的软件（不用联网）。用法：install.bat [仓库文件夹]，不写时装在本包的 repo 文件夹。
setlocal
set "HERE=%~dp0"
set "TARGET=%~1"
if "%TARGET%"=="" set "TARGET=%HERE%repo"
cd /d "%TARGET%" || exit /b 1
set "PY=py"
where py >nul 2>nul || set "PY=python"
%PY% -m venv .venv || exit /b 1
.venv\\Scripts\\python -m pip install --no-index --find-links "%HERE%wheels" -r requirements.txt || exit /b 1
.venv\\Scripts\\python -m pip install --no-index --find-links "%HERE%wheels" --no-deps -e . || exit /b 1
echo 安装完成。检查：.venv\\Scripts\\portal check    预览：.venv\\Scripts\\mkdocs serve
"""

README_TXT = """门户离线安装包

repo\\      门户仓库（提交到本单位内网的 git 服务器，或直接使用）
wheels\\    门户需要的全部软件（Linux x86_64 和 Windows 64 位，Python {pythons}）
install.sh  Linux：sh install.sh [仓库文件夹]
install.bat Windows：双击，或在命令提示符中运行 install.bat [仓库文件夹]

先装好 Python（{pythons} 中的一个版本）。安装时不需要联网；装好后在仓库文件夹中运行
Linux：.venv/bin/portal check    Windows：.venv\\Scripts\\portal check
"""


def bundle(out: Path, pythons: Sequence[str], platforms: Sequence[str]) -> None:
    if out.exists() and any(out.iterdir()):
        raise Failed(say("install.dev.bundle_not_empty", out=out), 2)
    out.mkdir(parents=True, exist_ok=True)
    copy_repository(out / "repo")
    download_wheels(out / "wheels", pythons, platforms)
    (out / "install.sh").write_text(INSTALL_SH, encoding="utf-8", newline="\n")
    (out / "install.sh").chmod(0o755)
    # cmd reads a batch file in the console's code page: GBK (936) on Chinese Windows, with CRLF line ends.
    (out / "install.bat").write_bytes(INSTALL_BAT.replace("\n", "\r\n").encode("gbk"))
    readme = README_TXT.format(pythons="、".join(pythons))
    (out / "安装说明.txt").write_bytes(readme.replace("\n", "\r\n").encode("utf-8-sig"))
    print(say("install.dev.bundle_written", out=out, wheels=len(list((out / "wheels").iterdir()))))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dev.py", description=say("install.dev.description"))
    parser.add_argument("--venv", default=".venv", help=say("install.dev.venv_help"))
    sub = parser.add_subparsers(dest="command", required=True)
    helps = {
        "serve": say("install.dev.serve_help"),
        "test": say("install.dev.test_help"),
        "test-fast": say("install.dev.test_fast_help"),
        "build": say("install.dev.build_help"),
        "check": say("install.dev.check_help"),
        "bench": say("install.dev.bench_help"),
    }
    for name in COMMANDS:
        sub.add_parser(name, help=helps[name])
    sub.add_parser("clean", help=say("install.dev.clean_help"))
    make = sub.add_parser("bundle", help=say("install.dev.bundle_help"))
    make.add_argument("-o", "--output", required=True, help=say("install.dev.output_help"))
    make.add_argument("--python", default=",".join(PYTHONS), help=say("install.dev.python_help"))
    make.add_argument("--platform", default=",".join(PLATFORMS), help=say("install.dev.platform_help"))
    return parser


def main(argv: Sequence[str]) -> int:
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command not in COMMANDS:
        parser.error(say("install.dev.extra_arguments", extra=" ".join(extra)))
    try:
        if args.command == "clean":
            clean()
        elif args.command == "bundle":
            platforms = [p for p in args.platform.split(",") if p]
            unknown = [p for p in platforms if p not in PLATFORMS]
            if unknown:
                raise Failed(say("install.dev.unknown_platform", name="、".join(unknown)), 2)
            bundle(Path(args.output).resolve(), [v for v in args.python.split(",") if v], platforms)
        else:
            python = ensure_venv(ROOT / args.venv, COMMANDS[args.command])
            globals()[args.command.replace("-", "_")](python, extra)
    except Failed as failure:
        if str(failure):
            print(str(failure), file=sys.stderr)
        return failure.code
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
