r"""Build the demo with each engine and compare every output file with the MkDocs + Material build.

    python tools/engines.py                        # Linux; on Windows: py tools\engines.py
    python tools/engines.py --engines properdocs --reference-python .venv/bin/python
    python tools/engines.py --json build/engines/result.json

Standard library only.  The engines (``ENGINES``): MkDocs + Material (``requirements.txt``, the reference),
ProperDocs + Material (the MkDocs fork that keeps hooks), and the MaterialX theme (Material's fork) under MkDocs
and under ProperDocs.  Each kind of environment is a venv of its own under ``--venvs`` (default: ``portal-engines``
in the user's cache folder, outside the repository so that no tool that walks it meets the venvs' sources), named
after a hash of what it installs, so that a venv is made once per change of versions and reused by later runs;
the builds go to ``--dir`` (default ``build/engines``, git-ignored).  The versions of everything the reference
has (its ``pip freeze``) are constraints for the other venvs: a difference then comes from the engine, not from
another Markdown release.

MaterialX's theme is named ``materialx``: its build reads a temporary config next to ``mkdocs.yml`` that
INHERITs it and changes only ``theme.name`` (its ``search`` and ``tags`` then resolve to ``materialx/search``
and ``materialx/tags``).  Builds run with ``--strict``, except these, which fail instead on any warning but the
known ones (``KNOWN_WARNINGS``).  Every build gets the same ``PORTAL_AS_OF`` and no portal cache.

Every output file is compared with the reference build's: identical bytes, or one of the explained differences
(``REASONS``); anything else is unexplained, listed, and the exit code is 1.  docs/engines.md has the results.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-30T18:00+08:00"
PROPERDOCS = "properdocs==1.6.7"
MATERIALX = "mkdocs-materialx==10.2.2"
#: A venv no run has used for this many days is removed when another of its kind is made.
KEEP_DAYS = 30
#: Exit codes: 0 all explained, 1 an unexplained difference, 2 an environment or a build failed.
EXIT_DIFFERENT, EXIT_FAILED = 1, 2


@dataclass(frozen=True)
class Engine:
    name: str
    module: str  # run as ``python -m MODULE build``: mkdocs or properdocs
    env: str  # the venv it runs in: material, properdocs, materialx
    theme: str | None = None  # the theme name replacing ``material``; None: mkdocs.yml as it is


REFERENCE = Engine("mkdocs", "mkdocs", "material")
ENGINES = {
    engine.name: engine
    for engine in (
        REFERENCE,
        Engine("properdocs", "properdocs", "properdocs"),
        Engine("mkdocs-materialx", "mkdocs", "materialx", "materialx"),
        Engine("properdocs-materialx", "properdocs", "materialx", "materialx"),
    )
}

#: Why a file may differ from the reference build's.
REASONS = {
    "generator": 'only the <meta name="generator"> differs: it names the engine and the theme with their versions',
    "theme page": "MaterialX's own templates around the page (head, header, navigation, search box, tags "
    "under the text instead of above it); the portal's part, the page's <article> text and its tags, is the same",
    "theme asset": "a theme file named by its content hash (bundle.*.min.js, main.*.min.css, …) or the search "
    "index, present in one build only: Material's lunr index search/search_index.json (which the portal "
    "rewrites) against MaterialX's Pagefind files under search/",
}
#: Warnings a build with a changed theme may give (it runs without ``--strict``; any other warning fails it).
KNOWN_WARNINGS = {
    "Plugin 'materialx/search' option 'lang': Unrecognised configuration name: lang": "MaterialX's search is "
    "Pagefind, which takes the language from the page's lang attribute and has no ``lang`` option",
}
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"[^>]*>(.*)</article>', re.S)
TAGS = re.compile(r'<nav class="md-tags"[^>]*>(.*?)</nav>', re.S)
TAG = re.compile(r"<span[^>]*>([^<]*)</span>")
THEME_ASSET = re.compile(
    r"assets/(javascripts|stylesheets)/(.*/)?[a-z]+\.[0-9a-f]{8}\.min\.(js|css)(\.map)?"
    r"|assets/javascripts/lunr/.*|search/.*"
)


class Failed(Exception):
    """An environment or a build failed: the message says which, with the command's last lines."""


def default_venvs() -> Path:
    """``portal-engines`` in ``%LOCALAPPDATA%`` (Windows), ``$XDG_CACHE_HOME`` or ``~/.cache``."""
    base = os.environ.get("LOCALAPPDATA" if os.name == "nt" else "XDG_CACHE_HOME")
    return Path(base) / "portal-engines" if base else Path.home() / ".cache" / "portal-engines"


def requirements(env: str) -> list[str]:
    """What the venv ``env`` installs: requirements.txt, with ProperDocs added or Material swapped for MaterialX."""
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    lines = [line.split("#")[0].strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if env == "properdocs":
        lines.append(PROPERDOCS)
    elif env == "materialx":  # MaterialX installs the same ``material`` package: never both
        lines = [line for line in lines if not re.match(r"mkdocs-material\b(?!-)", line)] + [MATERIALX]
    return lines


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def freeze(python: Path) -> list[str]:
    """The ``name==version`` lines of ``python``'s environment (none when it has no pip)."""
    done = subprocess.run([str(python), "-m", "pip", "freeze"], capture_output=True, text=True)
    return [line for line in done.stdout.splitlines() if re.fullmatch(r"[A-Za-z0-9_.\-]+==\S+", line)]


def _tail(text: str, lines: int = 15) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def ensure_venv(venvs: Path, env: str, constraints: Sequence[str]) -> Path:
    """The interpreter of the venv ``env``, made and installed first unless a finished one has the same key."""
    wanted = requirements(env)
    key = hashlib.sha256("\n".join([sys.version, *wanted, "--", *constraints]).encode()).hexdigest()[:12]
    venv = venvs / f"{env}-{key}"
    python = venv_python(venv)
    if (venv / ".ready").exists():
        (venv / ".ready").touch()  # its last use: venvs unused for KEEP_DAYS go
        return python
    for old in venvs.glob(f"{env}-*"):  # an install that was cut off, or a version no run has used for long
        ready = old / ".ready"
        if not ready.exists() or time.time() - ready.stat().st_mtime > KEEP_DAYS * 86400:
            shutil.rmtree(old, ignore_errors=True)
    venv.mkdir(parents=True)
    (venv / "requirements.txt").write_text("\n".join(wanted) + "\n", encoding="utf-8")
    (venv / "constraints.txt").write_text("\n".join(constraints) + "\n", encoding="utf-8")
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    steps = [
        [sys.executable, "-m", "venv", str(venv)],
        [*pip, "-r", str(venv / "requirements.txt"), "-c", str(venv / "constraints.txt")],
    ]
    for command in steps:
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode:
            raise Failed(f"venv {env} ({venv}): {' '.join(command[:5])} … failed:\n{_tail(done.stderr)}")
    (venv / ".ready").write_text(" ".join(wanted), encoding="utf-8")
    return python


def build(engine: Engine, python: Path, out: Path, as_of: str) -> float:
    """Build the demo with ``engine`` into ``out``; the seconds it took."""
    config = ROOT / "mkdocs.yml"
    if engine.theme:  # next to mkdocs.yml: its relative paths (content, hook, overrides) stay as they are
        config = ROOT / f".engines-{engine.name}-{os.getpid()}.yml"
        config.write_text(f"INHERIT: mkdocs.yml\ntheme:\n  name: {engine.theme}\n", encoding="utf-8")
    env = {**os.environ, "PORTAL_AS_OF": as_of, "PORTAL_CACHE_DIR": "", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    command = [str(python), "-m", engine.module, "build", "--clean", "-f", str(config), "-d", str(out)]
    command += [] if engine.theme else ["--strict"]
    started = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    finally:
        if engine.theme:
            config.unlink()
    if done.returncode:
        raise Failed(f"{engine.name}: the build failed (exit {done.returncode}):\n{_tail(done.stderr)}")
    warnings = [line for line in done.stderr.splitlines() if line.startswith("WARNING")]
    unknown = [line for line in warnings if not any(known in line for known in KNOWN_WARNINGS)]
    if unknown:
        raise Failed(f"{engine.name}: the build warned (a strict build fails):\n" + "\n".join(unknown))
    return time.perf_counter() - started


def files_of(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def portal_part(html: bytes) -> tuple[list[str], list[str]] | None:
    """The page's <article> text (lines stripped, blank ones dropped, tag list out) and its tags; None: no article."""
    text = html.decode("utf-8", errors="replace")
    tags = [tag.strip() for nav in TAGS.findall(text) for tag in TAG.findall(nav)]
    found = ARTICLE.search(TAGS.sub("", text))
    if not found:
        return None
    return [line.strip() for line in found.group(1).splitlines() if line.strip()], tags


def classify(name: str, ref: Path, other: Path, theme_changed: bool) -> str:
    """``identical``, a key of ``REASONS``, or ``unexplained`` for the file ``name`` of the two builds."""
    if not (ref / name).is_file() or not (other / name).is_file():
        return "theme asset" if theme_changed and THEME_ASSET.fullmatch(name) else "unexplained"
    a, b = (ref / name).read_bytes(), (other / name).read_bytes()
    if a == b:
        return "identical"
    a, b = GENERATOR.sub(b"", a), GENERATOR.sub(b"", b)
    if a == b:
        return "generator"
    if theme_changed and name.endswith(".html") and portal_part(a) is not None and portal_part(a) == portal_part(b):
        return "theme page"
    return "unexplained"


@dataclass
class Result:
    engine: str
    seconds: float
    files: int
    kinds: dict[str, list[str]] = field(default_factory=dict)

    def count(self, kind: str) -> int:
        return len(self.kinds.get(kind, []))


def compare(engine: Engine, ref: Path, other: Path, seconds: float) -> Result:
    result = Result(engine.name, seconds, len(files_of(other)))
    for name in sorted(files_of(ref) | files_of(other)):
        result.kinds.setdefault(classify(name, ref, other, engine.theme is not None), []).append(name)
    return result


def explain(name: str, ref: Path, other: Path) -> str:
    """The first lines of the difference of an unexplained file (or which build lacks it)."""
    if not (ref / name).is_file() or not (other / name).is_file():
        return f"  {name}: only in {'the reference' if (ref / name).is_file() else 'this'} build"
    a = (ref / name).read_text(encoding="utf-8", errors="replace").splitlines()
    b = (other / name).read_text(encoding="utf-8", errors="replace").splitlines()
    lines = list(difflib.unified_diff(a, b, "reference", "engine", n=0, lineterm=""))[2:10]
    return f"  {name}:\n" + "\n".join(f"    {line[:160]}" for line in lines)


COLUMNS = ("identical", "generator", "theme page", "theme asset", "unexplained")


def table(reference: Result, results: Sequence[Result]) -> str:
    head = f"{'engine':<22}{'build s':>9}{'files':>7}" + "".join(f"{c:>13}" for c in COLUMNS)
    rows = [head, "-" * len(head), f"{reference.engine + ' (reference)':<22}{reference.seconds:>9.1f}"]
    rows[-1] += f"{reference.files:>7}"
    for r in results:
        rows.append(f"{r.engine:<22}{r.seconds:>9.1f}{r.files:>7}" + "".join(f"{r.count(c):>13}" for c in COLUMNS))
    return "\n".join(rows)


def report(reference: Result, results: Sequence[Result], ref: Path, out: Path) -> int:
    """Print the table, the reasons that apply and every unexplained file; the exit code."""
    print(table(reference, results))
    used = {kind for r in results for kind in r.kinds if kind in REASONS}
    for kind in sorted(used):
        print(f"\n{kind}: {REASONS[kind]}")
    code = 0
    for r in results:
        for name in r.kinds.get("unexplained", []):
            code = EXIT_DIFFERENT
            print(f"\nUNEXPLAINED ({r.engine}):\n{explain(name, ref, out / r.engine)}")
    return code


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="engines.py", description=__doc__.split("\n\n")[1] if __doc__ else None)
    parser.add_argument("--engines", default=",".join(n for n in ENGINES if n != REFERENCE.name))
    parser.add_argument("--dir", type=Path, default=ROOT / "build" / "engines", help="where the builds go")
    parser.add_argument("--venvs", type=Path, help=f"the venv cache (default {default_venvs()})")
    parser.add_argument("--reference-python", type=Path, help="build the reference with this interpreter")
    parser.add_argument("--as-of", default=AS_OF, help=f"PORTAL_AS_OF of every build (default {AS_OF})")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    args.engines = [name.strip() for name in args.engines.split(",") if name.strip()]
    unknown = [name for name in args.engines if name not in ENGINES or name == REFERENCE.name]
    if unknown:
        parser.error(f"unknown engine {', '.join(unknown)}; choose from {', '.join(list(ENGINES)[1:])}")
    return args


def run(args: argparse.Namespace) -> int:
    venvs, out = (args.venvs or default_venvs()).resolve(), args.dir.resolve()
    ref_python = args.reference_python or ensure_venv(venvs, REFERENCE.env, [])
    constraints = freeze(ref_python)
    seconds = build(REFERENCE, ref_python, out / REFERENCE.name, args.as_of)
    reference = Result(REFERENCE.name, seconds, len(files_of(out / REFERENCE.name)))
    results = []
    for name in args.engines:
        engine = ENGINES[name]
        python = ensure_venv(venvs, engine.env, constraints)
        seconds = build(engine, python, out / name, args.as_of)
        results.append(compare(engine, out / REFERENCE.name, out / name, seconds))
    code = report(reference, results, out / REFERENCE.name, out)
    if args.json:
        data = {"as_of": args.as_of, "reference": reference.__dict__, "engines": [r.__dict__ for r in results]}
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return code


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    try:
        return run(args)
    except Failed as failed:
        print(f"engines.py: {failed}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
