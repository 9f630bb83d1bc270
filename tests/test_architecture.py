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
#: Modules outside ``portal/edge/`` that still import MkDocs or Material while the house is moved (issue 23).
MKDOCS_OUTSIDE_EDGE = {
    "settings.config": "the extra.portal schema is written in MkDocs' own config-option classes",
    "output.web.search": "switches off Material's own jieba pass",
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


#: The layers, from the bottom up: a module imports only from its own folder and the folders below it.
#: ``output`` holds the one bulletin model at its root, with the ``office`` and ``web`` renderers over it.
LAYERS = (
    "words",
    "utils",
    "model",
    "content",
    "figures",
    "settings",
    "output",
    "output.office",
    "output.web",
    "store",
    "edge",
    "commands",
)
#: Imports that still run upward while the house is being moved (issue 23): each goes as it is mended.
KNOWN_UPWARD: set[tuple[str, str]] = {
    ("content.loader", "store.cache"),
    ("settings.config", "output.web.editor"),
    ("output.web.render", "store.reuse"),
    ("output.web.pages", "store.reuse"),
    ("output.web.page_bulletins", "store.reuse"),
}


@functools.lru_cache(maxsize=1)
def _modules() -> dict[str, ast.Module]:
    """Every module of the package by its dotted name below ``portal``: ``output.web.pages``, ``edge.hook``."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        found[".".join(parts)] = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return found


def layer(module: str) -> str:
    """The folder (layer) a module lives in: ``output.web`` for ``output.web.pages``, ``""`` for the root."""
    return module.rpartition(".")[0]


def _resolve(importer: str, level: int, module: str | None) -> str:
    """The dotted name (below ``portal``) that ``from <level dots><module> import …`` in ``importer`` names."""
    if level == 0:
        return (module or "").removeprefix("portal").lstrip(".")
    package = importer.split(".")[:-1]
    package = package[: len(package) - (level - 1)]
    return ".".join([*package, *([module] if module else [])])


def _imports(tree: ast.Module, importer: str = "x") -> set[str]:
    """The ``portal`` modules a module imports, anywhere in it (function-level imports too).

    ``from . import x``, ``from .x import y``, ``from ..a.x import y``, ``from portal.a.x import y``,
    ``from portal.a import x`` and ``import portal.a.x`` all count, as the module's dotted name.
    """
    known = _modules().keys()
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if not node.level and not (node.module or "").startswith("portal"):
                continue
            base = _resolve(importer, node.level, node.module)
            for alias in node.names:
                joined = f"{base}.{alias.name}" if base else alias.name
                found.add(joined if joined in known or not base else base)
        elif isinstance(node, ast.Import):
            found.update(a.name.removeprefix("portal.") for a in node.names if a.name.startswith("portal."))
    return found


def graph() -> dict[str, set[str]]:
    """Who imports whom inside the package (the ``__init__`` files left out: they only name the folders)."""
    modules = {name: tree for name, tree in _modules().items() if not name.endswith("__init__")}
    return {name: _imports(tree, name) & modules.keys() - {name} for name, tree in modules.items()}


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
        "from . import fields\nfrom .parsing import x\nfrom ..model.dates import y\nfrom ..figures import tally\n"
        "from portal.words.messages import say\nfrom portal.store import cache\nimport portal.edge.hook\n"
        "def f():\n    from ..words import vocabulary\nimport os\nfrom os import path\n"
    )
    assert _imports(tree, "content.loader") == {
        "content.fields",
        "content.parsing",
        "model.dates",
        "figures.tally",
        "words.messages",
        "store.cache",
        "edge.hook",
        "words.vocabulary",
    }


def test_no_import_cycle_in_the_package() -> None:
    edges = graph()
    assert {"output.web.pages", "output.office.export", "output.bulletin", "words.vocabulary"} <= edges.keys()
    assert cycle(edges) is None, " → ".join(cycle(edges) or [])


def test_every_module_lives_in_a_layer() -> None:
    assert {layer(name) for name in graph()} == set(LAYERS)


def upward() -> set[tuple[str, str]]:
    """Imports from a folder into a folder above it (``LAYERS``)."""
    rank = {name: i for i, name in enumerate(LAYERS)}
    return {
        (importer, imported)
        for importer, targets in graph().items()
        for imported in targets
        if rank[layer(imported)] > rank[layer(importer)]
    }


def test_imports_between_the_folders_run_downward() -> None:
    assert upward() - KNOWN_UPWARD == set(), "an import runs up the layers (docs/architecture.md)"
    assert KNOWN_UPWARD - upward() == set(), "mended: take it off KNOWN_UPWARD"


def test_the_layer_rule_sees_an_upward_import() -> None:
    rank = {name: i for i, name in enumerate(LAYERS)}
    assert rank[layer("figures.tally")] < rank[layer("output.web.pages")]
    assert rank[layer("output.bulletin")] < rank[layer("output.office.export")] < rank[layer("output.web.render")]


def test_exports_and_pages_meet_only_in_the_bulletin_model() -> None:
    edges = graph()
    web = {name for name in edges if layer(name) == "output.web"}
    assert "output.web.pages" in web and not reachable(edges, "output.office.export") & web
    assert "output.bulletin" in reachable(edges, "output.office.export")
    assert "output.bulletin" in reachable(edges, "output.web.pages")
    renderers = web | {"output.office.export", "output.bulletin", "commands.cli"}
    assert not reachable(edges, "words.vocabulary") & renderers


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
    outside = {name for name in importing if layer(name) != "edge"}
    assert outside - MKDOCS_OUTSIDE_EDGE.keys() == set(), "MkDocs or Material imported outside portal/edge/"
    assert MKDOCS_OUTSIDE_EDGE.keys() - outside == set(), "mended: take it off MKDOCS_OUTSIDE_EDGE"
    assert {"edge.hook", "edge.site"} <= importing


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
