"""The shape of the code, in one place: no import cycle, short functions, MkDocs only at the edge, a pure domain.

These walk the source with :mod:`ast`; nothing is imported or run.  The module list with its imports in
``docs/architecture.md`` is checked here too, so it stays true; after adding or moving an import, refresh it
with ``python -m tests.test_architecture``.
"""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "portal"
ARCHITECTURE = REPO / "docs" / "architecture.md"
MAX_FUNCTION_LINES = 60
#: The modules that may import MkDocs or Material, and why (also in docs/decisions.md).
MKDOCS_EDGE = {
    "hook": "wires MkDocs' events to the package (the edge)",
    "site": "loads mkdocs.yml and asks MkDocs which files it would publish (the edge)",
    "config": "the extra.portal schema is written in MkDocs' own config-option classes, as MkDocs' plugins are",
    "search": "switches off Material's own jieba pass, which the search-index rewrite makes useless",
}
IMPURE = {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("date", "today"),
    ("time", "time"),
    ("os", "environ"),
    ("os", "getenv"),
    ("sys", "argv"),
}


@functools.lru_cache(maxsize=1)
def _modules() -> dict[str, ast.Module]:
    """Every module of the (flat) package by its short name: ``pages``, ``hook``, ``__init__``."""
    return {
        path.stem: ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for path in sorted(PACKAGE.glob("*.py"))
    }


def _imports(tree: ast.Module) -> set[str]:
    """The ``portal`` modules a module imports, anywhere in it (function-level imports too).

    ``from . import x``, ``from .x import y``, ``from portal.x import y``, ``from portal import x`` and
    ``import portal.x`` all count.
    """
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 1 or module == "portal":
                found.update([module.split(".")[0]] if node.level and module else [a.name for a in node.names])
            elif module.startswith("portal."):
                found.add(module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("portal."))
    return found


def graph() -> dict[str, set[str]]:
    """Who imports whom inside the package (``__init__`` left out: it only names the package)."""
    modules = {name: tree for name, tree in _modules().items() if name != "__init__"}
    return {name: _imports(tree) & modules.keys() - {name} for name, tree in modules.items()}


def cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle (``a → b → a``) or None: a depth-first search for a back edge."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(edges[node]):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(edges):
        if start not in state and (found := visit(start)):
            return found
    return None


def reachable(edges: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for target in edges[todo.pop()] - seen:
            seen.add(target)
            todo.append(target)
    return seen


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_the_import_reader_sees_every_spelling() -> None:
    tree = ast.parse(
        "from . import a\nfrom .b import x\nfrom portal.c import y\nfrom portal import d\nimport portal.e\n"
        "def f():\n    from .g import z\nimport os\nfrom os import path\n"
    )
    assert _imports(tree) == {"a", "b", "c", "d", "e", "g"}


def test_no_import_cycle_in_the_package() -> None:
    edges = graph()
    assert {"pages", "export", "bulletin", "vocabulary"} <= edges.keys()
    assert cycle(edges) is None, " → ".join(cycle(edges) or [])


def test_exports_and_pages_meet_only_in_the_bulletin_model() -> None:
    edges = graph()
    web = {name for name in edges if name.startswith("page") or name == "render"}
    assert "pages" in web and not reachable(edges, "export") & web
    assert "bulletin" in reachable(edges, "export") and "bulletin" in reachable(edges, "pages")
    assert not reachable(edges, "vocabulary") & (web | {"export", "bulletin", "cli"})


def _python_files() -> list[Path]:
    skip = {"tools", "bench", ".venv", "site", "content", ".git", "corpus"}
    return [p for p in sorted(REPO.rglob("*.py")) if not skip & set(p.relative_to(REPO).parts)]


def test_no_function_over_sixty_lines() -> None:
    long = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(REPO)}:{node.lineno} {node.name} ({length} lines)")
    assert not long, "\n".join(long)


def _mkdocs_imports(tree: ast.Module) -> list[int]:
    """The lines where a module imports ``mkdocs`` or ``material``."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names = [node.module or ""]
        else:
            continue
        if any(n.split(".")[0] in {"mkdocs", "material"} for n in names):
            lines.append(node.lineno)
    return lines


def test_mkdocs_is_imported_only_at_the_edge() -> None:
    importing = {name for name, tree in _modules().items() if _mkdocs_imports(tree)}
    assert importing - MKDOCS_EDGE.keys() == set(), "MkDocs outside the edge (or add it to MKDOCS_EDGE with a reason)"
    # a module listed without a reason any more is taken off the list
    assert MKDOCS_EDGE.keys() - importing == set()


def _impure(tree: ast.Module) -> list[str]:
    """Reads of the clock, the environment or argv: ``datetime.now``, ``os.environ``, and ``from os import getenv``."""
    found = [
        f"{node.value.id}.{node.attr} at line {node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and (node.value.id, node.attr) in IMPURE
    ]
    found += [
        f"from {node.module} import {alias.name} at line {node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if (node.module, alias.name) in IMPURE
    ]
    return found


def test_the_impurity_finder_finds_each_kind() -> None:
    tree = ast.parse("import os, sys\nfrom os import getenv\nx = os.environ\ny = sys.argv\nz = datetime.now()\n")
    assert len(_impure(tree)) == 4


@pytest.mark.parametrize("name", sorted(_modules()))
def test_the_package_never_reads_the_clock_the_environment_or_argv(name: str) -> None:
    assert not _impure(_modules()[name]), f"{name}: {_impure(_modules()[name])}"


BEGIN, END = "<!-- imports:begin -->", "<!-- imports:end -->"


def render_imports() -> str:
    """The list in docs/architecture.md: each module and the package modules it imports."""
    edges = graph()
    lines = [f"- `{name}` → {', '.join(f'`{t}`' for t in sorted(edges[name])) or '—'}" for name in sorted(edges)]
    return "\n".join(lines)


def test_the_architecture_page_lists_the_imports_as_they_are() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    found = re.search(re.escape(BEGIN) + r"\n(.*?)\n" + re.escape(END), text, re.S)
    assert found, f"docs/architecture.md has no {BEGIN} … {END} block"
    assert found.group(1) == render_imports(), "imports changed: run `python -m tests.test_architecture`"


def test_the_architecture_page_names_every_module() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8").split(BEGIN)[0]
    missing = [name for name in graph() if f"`{name}`" not in text]
    assert not missing, f"docs/architecture.md does not describe {missing}"


if __name__ == "__main__":
    page = ARCHITECTURE.read_text(encoding="utf-8")
    head, rest = page.split(BEGIN)
    ARCHITECTURE.write_text(f"{head}{BEGIN}\n{render_imports()}\n{END}{rest.split(END)[1]}", encoding="utf-8")
