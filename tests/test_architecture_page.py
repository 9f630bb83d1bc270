"""``docs/architecture.md`` says only what is true: every path, module and name it mentions exists and is used.

The page is read as a newcomer reads it: each span in backticks that looks like a path (``portal/…``,
``tests/…``), a module (``figures.scoring``, ``output.web.render.Context``), a class or constant
(``Bulletin``, ``SECTION_COLUMNS``) or a function (``say()``) is looked up in the code with :mod:`ast`:
a path must exist, a module must be a module of the package, a name must be defined in the package and
used by it somewhere other than where it is defined.  Other spans (commands, config keys, Chinese words)
are not code and are left alone.  The generated import list is checked by ``test_architecture``.
"""

from __future__ import annotations

import ast
import functools
import re
from collections import Counter

import pytest

from tests.test_architecture import ARCHITECTURE, BEGIN, END, LAYERS, PACKAGE, REPO, _modules

TOP_FOLDERS = {name.split(".")[0] for name in LAYERS}
PATH_ROOTS = ("portal/", "tests/", "tools/", "bench/", "docs/", "deploy/", "content/", "overrides/")
CLASS_OR_CONSTANT = re.compile(r"[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*|[A-Z][A-Z0-9_]{2,}")
FUNCTION = re.compile(r"([a-z_][a-z0-9_]*)\(\)")
MODULE_PATH = re.compile(r"[a-z_]+(\.[A-Za-z_][A-Za-z0-9_]*)+")


def spans(text: str) -> list[str]:
    """The page's code spans outside the generated import list, in order."""
    head, _, rest = text.partition(BEGIN)
    prose = head + rest.partition(END)[2]
    return re.findall(r"`([^`\n]+)`", prose)


@functools.lru_cache(maxsize=1)
def _definitions() -> dict[str, set[str]]:
    """Names defined at a module's top level or in its classes, by module (dotted, below ``portal``)."""
    found: dict[str, set[str]] = {}
    for module, tree in _modules().items():
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Assign):
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
        found[module] = names
    return found


@functools.lru_cache(maxsize=1)
def _uses() -> Counter[str]:
    """How often each name is read (a name, an attribute, an imported name) in the package and the hook."""
    trees = [*_modules().values(), ast.parse((REPO / "build_stats.py").read_text(encoding="utf-8"))]
    counts: Counter[str] = Counter()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                counts[node.id] += 1
            elif isinstance(node, ast.Attribute):
                counts[node.attr] += 1
            elif isinstance(node, ast.ImportFrom):
                counts.update(alias.name for alias in node.names)
    return counts


@functools.lru_cache(maxsize=1)
def _test_names() -> set[str]:
    """What the architecture tests define at their top level (``LAYERS``): the page describes them too."""
    tree = ast.parse((REPO / "tests" / "test_architecture.py").read_text(encoding="utf-8"))
    return {t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets if isinstance(t, ast.Name)}


def _defined_anywhere(name: str) -> bool:
    return any(name in names for names in _definitions().values())


def _module_problem(span: str) -> str | None:
    """``figures.scoring`` must be a module, ``figures.scoring.DEFAULTS`` a name it defines and the package uses."""
    parts = span.split(".")
    for cut in range(len(parts), 0, -1):
        module = ".".join(parts[:cut])
        if module not in _modules() and not (PACKAGE.joinpath(*parts[:cut]) / "__init__.py").exists():
            continue
        rest = parts[cut:]
        if not rest:
            return None
        if module not in _modules():
            return "no such module"
        if rest[0] not in _definitions().get(module, set()):
            return f"{module} defines no {rest[0]}"
        return None if _uses()[rest[-1]] else f"{rest[-1]} is never used"
    return "no such module"


def _name_problem(name: str) -> str | None:
    if re.fullmatch(r"[A-Z]+[0-9]+", name):  # a lint rule: selected in pyproject.toml
        return None if f'"{name}"' in (REPO / "pyproject.toml").read_text(encoding="utf-8") else "not a rule ruff runs"
    if name in _test_names():
        return None
    if not _defined_anywhere(name):
        return "defined nowhere in portal/"
    return None if _uses()[name] else "never used"


def problem(span: str) -> str | None:
    """Why a span of the page is not true of the code, or None."""
    kind = _kind(span)
    if kind == "path":
        path = span.rstrip("/").split(" ")[0]
        if "/" not in path:
            exists = (REPO / path).exists()
            return None if exists else "name a file by its path from the repository's root"
        exists = any(REPO.glob(path)) if "*" in path else (REPO / path).exists()
        return None if exists else "no such file or folder"
    if kind == "module":
        return _module_problem(span)
    if kind == "name":
        return _name_problem(span)
    if kind == "function":
        return _name_problem(span[:-2])
    return None


def test_the_checker_catches_what_drifted() -> None:
    assert problem("portal/no_such.py") == "no such file or folder"
    assert problem("figures.no_such") == "no such module"
    assert problem("figures.scoring.NO_SUCH") == "figures.scoring defines no NO_SUCH"
    assert problem("NoSuchClass") == "defined nowhere in portal/"
    assert problem("no_such_function()") == "defined nowhere in portal/"
    assert problem("portal/figures/scoring.py") is None
    assert problem("figures.scoring") is None
    assert problem("check --review") is None  # a command, not code
    assert problem("scoring.py") == "name a file by its path from the repository's root"
    assert problem("C901") is None and problem("X999") == "not a rule ruff runs"
    assert problem("LAYERS") is None


@pytest.mark.parametrize("span", sorted(set(spans(ARCHITECTURE.read_text(encoding="utf-8")))))
def test_the_architecture_page_names_only_what_exists(span: str) -> None:
    assert problem(span) is None, f"docs/architecture.md: `{span}`: {problem(span)}"


def test_the_page_checks_enough_of_itself() -> None:
    """Most of the page's spans are code the checker looked up (not a page of unchecked words)."""
    checked = [s for s in spans(ARCHITECTURE.read_text(encoding="utf-8")) if _kind(s)]
    assert len(checked) >= 60


def _kind(span: str) -> str | None:
    if span.startswith(PATH_ROOTS) or re.fullmatch(r"[\w.]+\.(py|j2|md|yml|js)", span):
        return "path"
    if MODULE_PATH.fullmatch(span) and span.split(".")[0] in TOP_FOLDERS:
        return "module"
    if CLASS_OR_CONSTANT.fullmatch(span):
        return "name"
    if FUNCTION.fullmatch(span):
        return "function"
    return None
