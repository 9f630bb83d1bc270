"""信息报送门户: the MkDocs hook and the command line.

Thin on purpose: the MkDocs event functions hand over to :mod:`portal.edge.hook`,
and ``python build_stats.py …`` to :func:`portal.commands.cli.run`.  This is the only
file that reads ``sys.argv``, the environment and the clock.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

#: The runtime dependencies (requirements.txt) by the module each installs: checked before anything imports them.
REQUIRED = {
    "mkdocs": "mkdocs",
    "material": "mkdocs-material",
    "yaml": "PyYAML",
    "jinja2": "Jinja2",
    "nh3": "nh3",
    "docx": "python-docx",
    "openpyxl": "openpyxl",
    "jieba": "jieba",
    "rjieba": "rjieba",
    "chinese_calendar": "chinesecalendar",
}


def _venv_python(folder: str) -> str | None:
    """The interpreter of the project's own ``.venv`` next to this file, if there is one and it is not this one."""
    venv = os.path.join(folder, ".venv")
    for candidate in (os.path.join(venv, "bin", "python"), os.path.join(venv, "Scripts", "python.exe")):
        if os.path.isfile(candidate) and os.path.realpath(sys.prefix) != os.path.realpath(venv):
            return candidate
    return None


def _require_dependencies() -> None:
    """Started by a Python without the dependencies (a new terminal, no venv activated): hand over to the
    project's ``.venv`` when there is one, else one line saying how to set up, exit 2; never a traceback.
    """
    import importlib.util

    missing = [dist for module, dist in REQUIRED.items() if importlib.util.find_spec(module) is None]
    if not missing and sys.version_info >= (3, 10):
        return
    from portal.commands.context import EXIT_INTERRUPTED, EXIT_USAGE  # no dependency of its own

    folder = os.path.dirname(os.path.abspath(__file__))
    venv_python = _venv_python(folder)
    if __name__ == "__main__" and venv_python and not os.environ.get("PORTAL_VENV_TRIED"):
        import subprocess

        env = {**os.environ, "PORTAL_VENV_TRIED": "1"}
        try:
            sys.exit(subprocess.call([venv_python, os.path.abspath(__file__), *sys.argv[1:]], env=env))
        except KeyboardInterrupt:
            sys.exit(EXIT_INTERRUPTED)
    from portal.words.messages import say

    if hasattr(sys.stderr, "reconfigure"):  # a console or pipe that cannot take Chinese: \uXXXX, not a traceback
        sys.stderr.reconfigure(errors="backslashreplace")
    if sys.version_info < (3, 10):  # noqa: UP036 (this check is for the Python that is too old)
        print(say("install.python_too_old", version=sys.version.split()[0]), file=sys.stderr)
    else:
        print(say("install.missing", missing="、".join(missing)), file=sys.stderr)
    sys.exit(EXIT_USAGE)


_require_dependencies()

import contextlib  # noqa: E402 (after the check above: a missing dependency is one line, not a traceback)

from mkdocs.plugins import event_priority  # noqa: E402

import portal  # noqa: F401, E402 (now: MkDocs takes this folder off sys.path again once this module is loaded)

if TYPE_CHECKING:
    from portal.edge.hook import PortalHook

_made: list[PortalHook] = []


def _hook() -> PortalHook:
    """The hook, made at MkDocs' first event: the command line never imports the site builder (a third of its
    start-up: pages, templates, the search segmenter).
    """
    if not _made:
        from portal.edge.hook import PortalHook

        _made.append(PortalHook(env=os.environ, clock=lambda: datetime.now(timezone.utc), git=_git))
    return _made[0]


def _git(folder: str, args: Sequence[str]) -> bytes | None:
    """``git ARGS`` run in ``folder``: its output, or None when git is missing, the folder is no checkout or git
    fails (the report pages then say their history is not available).  No locale, no pager, no prompt.
    """
    import subprocess

    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") and k not in ("LANG", "LANGUAGE")}
    env.update(LC_ALL="C", GIT_TERMINAL_PROMPT="0", GIT_PAGER="cat", GIT_OPTIONAL_LOCKS="0")
    try:
        done = subprocess.run(
            ["git", *args], cwd=folder, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=120
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def on_startup(command: str, dirty: bool) -> None:
    _hook().on_startup(command, dirty)


@event_priority(50)  # before Material's search plugin's, which compiles theme templates (see Preview.begin)
def on_config(config: Any) -> Any:
    return _hook().on_config(config)


def on_pre_build(config: Any) -> None:
    _hook().on_pre_build(config)


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    return _hook().on_serve(server, builder)


def on_files(files: Any, config: Any) -> Any:
    return _hook().on_files(files, config)


@event_priority(110)  # before the tags plugin's (100): it reads the tags of pages a preview skips
def on_env(env: Any, config: Any, files: Any) -> Any:
    _hook().on_env(env, files, config)
    return env


def on_build_error(error: Exception) -> None:
    _hook().on_build_error(error)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return _hook().on_page_markdown(markdown, page)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return _hook().on_page_content(html, page)


def on_post_page(output: str, page: Any, config: Any) -> str:
    return _hook().on_post_page(output, page)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    return _hook().on_post_template(output_content)


@event_priority(-100)  # last: the build is complete once it returns (see PortalHook._publish)
def on_post_build(config: Any) -> None:
    _hook().on_post_build(config)


def on_shutdown() -> None:
    if _made:
        _made[0].on_shutdown()


def main() -> int:
    """The console entry: streams that cannot take the text, a closed pipe or a full disk end in one line."""
    from portal.commands.cli import run
    from portal.commands.context import EXIT_INTERRUPTED, EXIT_IO
    from portal.words.messages import say

    if sys.stdout is None or sys.stderr is None:  # started with stdout or stderr closed (>&-)
        if sys.stderr is not None:
            print(say("cli.stdout_closed"), file=sys.stderr)
        return EXIT_IO
    for stream in (sys.stdout, sys.stderr):
        # A console that cannot show a character (ASCII, latin-1, GBK) shows it as \uXXXX instead of failing.
        stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    ask = input if sys.stdin is not None and sys.stdin.isatty() else None
    try:
        code = run(sys.argv[1:], dict(os.environ), datetime.now(timezone.utc), sys.stdout, sys.stderr, ask, time.sleep)
        sys.stdout.flush()
    except KeyboardInterrupt:
        print(say("cli.interrupted_plain"), file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:  # the output went away (| head -1) or its disk is full (> /dev/full)
        # Point stdout at nothing, or Python's own flush at exit fails again with a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        reason = say("cli.reader_closed") if isinstance(exc, BrokenPipeError) else (exc.strerror or str(exc))
        with contextlib.suppress(OSError):
            print(say("cli.output_lost", reason=reason), file=sys.stderr)
        return EXIT_IO
    return code


if __name__ == "__main__":
    sys.exit(main())
