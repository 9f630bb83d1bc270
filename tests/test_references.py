"""Docstrings and comments name only what exists: a module, function or class they point to is still there.

Read with :mod:`ast` and :mod:`tokenize` (nothing is imported or run), in ``build_stats.py``, ``portal/``,
``tests/``, ``tools/`` and ``bench/``:

- every Sphinx role (``:mod:``, ``:func:``, ``:class:``, ``:data:``, ``:meth:``, ``:attr:``) resolves: a
  dotted ``portal.…`` / ``tests.…`` target to a module and a name it defines (and a member of that class); a
  bare target to a name of its own module (defined or imported, or a member of one of its classes), else to a
  name some module of the package defines;
- every plain ``portal.x.y`` in prose (outside the tests) is a module (and a name it defines);
  ``extra.portal.…`` is a config key and is left alone;
- every path ``portal/…``, ``tests/…``, ``tools/…``, ``bench/…`` exists; a bare file name (``scoring.py``) is
  some file's.

``README.md`` and the ``docs/`` pages (not the changelog and the decisions, which are history) are held to the
same paths and dotted names; ``docs/architecture.md`` has its own, stricter test.
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import io
import os
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_architecture import REPO

ROOTS = ("portal", "tests", "tools", "bench")
ROLE = re.compile(r":(mod|func|class|data|attr|meth|obj|exc):`~?([\w.]+)(?:\(\))?`")
DOTTED = re.compile(r"(?<![\w./-])((?:portal|tests)(?:\.[A-Za-z_]\w*)+)")
PATH = re.compile(r"(?<![\w./-])((?:portal|tests|tools|bench)/[\w./*-]*[\w*])")
FILE = re.compile(r"(?<![\w./\\-])(\w+\.py)\b")
PAGES = ("README.md", "docs/engines.md", "docs/performance.md")


def _python_files() -> list[Path]:
    files = [REPO / "build_stats.py"]
    for root in ROOTS:
        files += [p for p in sorted((REPO / root).rglob("*.py")) if "corpus" not in p.relative_to(REPO).parts]
    return files


def _dotted(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.lru_cache(maxsize=1)
def _trees() -> dict[str, ast.Module]:
    """Every module by its full dotted name: ``portal.output.web.pages``, ``tests.search_rule``, ``build_stats``."""
    return {_dotted(p): ast.parse(p.read_text(encoding="utf-8"), filename=str(p)) for p in _python_files()}


def _bound(node: ast.AST) -> Iterator[str]:
    """The names a statement binds at its own level (definitions, assignments, imports)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        yield node.name
    elif isinstance(node, ast.Assign):
        for target in node.targets:
            yield from (n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        yield node.target.id
    elif isinstance(node, (ast.Import, ast.ImportFrom)):
        yield from ((alias.asname or alias.name).split(".")[0] for alias in node.names)
    elif isinstance(node, (ast.If, ast.Try)):
        for child in ast.iter_child_nodes(node):
            yield from _bound(child)


@functools.cache
def _names(module: str) -> frozenset[str]:
    """What a module's top level binds."""
    return frozenset(name for node in _trees()[module].body for name in _bound(node))


@functools.cache
def _members(module: str) -> dict[str, frozenset[str]]:
    """Each class of a module with what it defines: methods, fields, ``self.x`` it assigns."""
    found = {}
    for cls in ast.walk(_trees()[module]):
        if isinstance(cls, ast.ClassDef):
            names = {name for node in cls.body for name in _bound(node)}
            names |= {n.attr for n in ast.walk(cls) if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store)}
            found[cls.name] = frozenset(names)
    return found


@functools.lru_cache(maxsize=1)
def _package_names() -> frozenset[str]:
    return frozenset(name for module in _trees() if module.startswith("portal") for name in _names(module))


def dotted_problem(target: str) -> str | None:
    """``portal.figures.scoring.DEFAULTS``: a module, then a name it binds, then a member of that class."""
    parts = target.split(".")
    for cut in range(len(parts), 0, -1):
        module = ".".join(parts[:cut])
        if module not in _trees():
            continue
        rest = parts[cut:]
        if not rest:
            return None
        if rest[0] not in _names(module):
            package = (REPO.joinpath(*module.split(".")) / "__init__.py").exists()
            return "no such module" if package else f"{module} defines no {rest[0]}"
        members = _members(module).get(rest[0])
        if len(rest) > 1 and members is not None and rest[1] not in members:
            return f"{module}.{rest[0]} has no {rest[1]}"
        return None
    return "no such module"


def _relative_module(target: str) -> str | None:
    """``figures.scoring.DEFAULTS`` or ``scoring.DEFAULTS`` read below ``portal``: the full name, when one fits."""
    first = target.split(".")[0]
    for module in _trees():
        if module.startswith("portal.") and (module.endswith("." + first) or ("." + first + ".") in module):
            head = module[: module.rindex(first)]
            if dotted_problem(head + target) is None:
                return head + target
    return None


def role_problem(role: str, target: str, here: str) -> str | None:
    """Why ``:role:`target``` written in module ``here`` points at nothing, or None."""
    if target.split(".")[0] in ROOTS:
        return dotted_problem(target)
    if role == "mod":
        return None if importlib.util.find_spec(target) or _relative_module(target) else "no such module"
    first, _, rest = target.partition(".")
    if first in _names(here) or first == "self":
        members = _members(here).get(first)
        return None if not rest or members is None or rest.split(".")[0] in members else f"{first} has no {rest}"
    if any(first in members for members in _members(here).values()):
        return None
    if rest and _relative_module(target):
        return None
    return None if first in _package_names() else "defined nowhere"


def texts(path: Path) -> Iterator[tuple[int, str]]:
    """Each docstring (and bare string statement) and each comment of a file, with its first line."""
    source = path.read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            yield node.lineno, node.value.value
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string


def prose_problems(text: str, dotted: bool = True) -> Iterator[tuple[str, str]]:
    """The dotted names (unless not ``dotted``) and paths in a text (docstring, comment, page) that point at
    nothing.
    """
    for match in DOTTED.finditer(text if dotted else ""):
        if (why := dotted_problem(match.group(1))) is not None:
            yield match.group(1), why
    for match in PATH.finditer(text):
        path = match.group(1)
        exists = any(REPO.glob(path)) if "*" in path else (REPO / path).exists()
        if not exists:
            yield path, "no such file or folder"
    for match in FILE.finditer(text):
        if match.group(1) not in _file_names():
            yield match.group(1), "no such file"


@functools.lru_cache(maxsize=1)
def _file_names() -> frozenset[str]:
    """The names of the repository's Python files (``scoring.py`` is named by a bare name now and then)."""
    names: set[str] = set()
    for _folder, subfolders, files in os.walk(REPO):
        subfolders[:] = [s for s in subfolders if not s.startswith(".") and s not in {"node_modules", "site"}]
        names.update(f for f in files if f.endswith(".py"))
    return frozenset(names)


@functools.lru_cache(maxsize=1)
def problems() -> list[str]:
    found = []
    for path in _python_files():
        here, name = _dotted(path), path.relative_to(REPO).as_posix()
        for line, text in texts(path):
            for match in ROLE.finditer(text):
                if (why := role_problem(match.group(1), match.group(2), here)) is not None:
                    found.append(f"{name}:{line}: {match.group(0)}: {why}")
            # the tests' own prose has made-up examples (``portal.a.x``) and file names (``portal.js``)
            prose = prose_problems(text, dotted=not name.startswith("tests/"))
            found += [f"{name}:{line}: {target}: {why}" for target, why in prose]
    for page in PAGES:
        for number, row in enumerate((REPO / page).read_text(encoding="utf-8").splitlines(), 1):
            found += [f"{page}:{number}: {target}: {why}" for target, why in prose_problems(row)]
    return sorted(set(found))


def test_the_checker_catches_what_drifted() -> None:
    assert dotted_problem("portal.tally") == "no such module"
    assert dotted_problem("portal.figures.tally.Tally") is None
    assert dotted_problem("portal.figures.tally.NoSuch") == "portal.figures.tally defines no NoSuch"
    assert dotted_problem("portal.store.cache.ParseCache.fresh") is None
    assert dotted_problem("portal.store.cache.ParseCache.no_such") == "portal.store.cache.ParseCache has no no_such"
    assert role_problem("mod", "portal.render", "portal.output.web.pages") == "no such module"
    assert role_problem("class", "Context", "portal.output.web.render") is None
    assert role_problem("meth", "fresh", "portal.store.cache") is None
    assert role_problem("func", "no_such_function", "portal.store.cache") == "defined nowhere"
    assert role_problem("mod", "ast", "tests.test_architecture") is None
    assert dict(prose_problems("see portal/no_such.py, portal.schema and config.py")) == {
        "portal/no_such.py": "no such file or folder",
        "portal.schema": "no such module",
        "config.py": "no such file",
    }
    assert not dict(prose_problems("``extra.portal.scoring`` in portal/figures/scoring.py"))


@pytest.mark.parametrize("problem", problems() or ["(none)"])
def test_docstrings_comments_and_pages_name_only_what_exists(problem: str) -> None:
    assert problem == "(none)", problem
