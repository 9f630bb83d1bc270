"""The shape of the code, in one place: layers whose imports run down, no cycle, MkDocs only at the edge, a pure domain.

These walk the source with :mod:`ast`; nothing is imported or run.  The module list with its imports in
``docs/architecture.md`` is checked here too, so it stays true; after adding or moving an import, refresh it
with ``python -m tests.test_architecture``.
"""

from __future__ import annotations

import ast
import functools
import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "portal"
ARCHITECTURE = REPO / "docs" / "architecture.md"
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
    assert upward() == set(), "an import runs up the layers (docs/architecture.md)"


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


def test_ruff_keeps_functions_simple() -> None:
    """Complexity, not length: ruff's limits (``make test`` runs ruff) replace a cap on a function's lines."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    lint = config["tool"]["ruff"]["lint"]
    assert {"C901", "PLR0912", "PLR0915"} <= set(lint["select"])
    assert lint["mccabe"]["max-complexity"] <= 12
    assert lint["pylint"]["max-branches"] <= 12 and lint["pylint"]["max-statements"] <= 50
    ignored = {
        *lint.get("ignore", []),
        *(code for codes in lint.get("per-file-ignores", {}).values() for code in codes),
    }
    assert not {"C901", "PLR0912", "PLR0915"} & ignored


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
    assert outside == set(), "MkDocs or Material imported outside portal/edge/"
    assert {"edge.hook", "edge.site"} <= importing


#: Names only a MkDocs config has: reading one outside ``portal/edge/`` reaches into MkDocs by name.
MKDOCS_CONFIG_ONLY = frozenset(
    {
        "plugins",
        "theme",
        "mdx_configs",
        "markdown_extensions",
        "site_dir",
        "extra",
        "extra_css",
        "extra_javascript",
        "exclude_docs",
        "draft_docs",
        "not_in_nav",
        "config_file_path",
        "nav",
    }
)
#: Names a MkDocs config shares with the portal's own objects (``Discovery.docs_dir``, ``Context.use_directory_urls``,
#: ``SiteConfig.site_url``): reaching into MkDocs when read off something called ``config`` or ``engine`` (what MkDocs
#: and the edge call a MkDocs config: ``config.docs_dir``, ``site.config.docs_dir``, ``site_config.engine.site_url``).
MKDOCS_CONFIG_SHARED = frozenset({"docs_dir", "use_directory_urls", "site_url"})
_MKDOCS_CONFIG_OWNERS = {"config", "engine"}
#: A MkDocs logger (``"mkdocs"``, ``"mkdocs.plugins.x"``) or a Material plugin or module (``"material/search"``),
#: but not the file name ``mkdocs.yml``.
_MKDOCS_NAME = re.compile(r"(mkdocs|material)([./][\w./-]*)?")


def _mkdocs_reaches(tree: ast.Module) -> list[str]:
    """Where a module reaches into MkDocs or Material by name: a string naming a MkDocs logger or a Material plugin,
    a MkDocs-config-only attribute (:data:`MKDOCS_CONFIG_ONLY`), or a shared one read off a ``config``.
    """
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if _MKDOCS_NAME.fullmatch(node.value) and not node.value.endswith((".yml", ".yaml")):
                found.append(f"{node.value!r} at line {node.lineno}")
        elif isinstance(node, ast.Attribute):
            owner = node.value
            on_config = (isinstance(owner, ast.Name) and owner.id in _MKDOCS_CONFIG_OWNERS) or (
                isinstance(owner, ast.Attribute) and owner.attr in _MKDOCS_CONFIG_OWNERS
            )
            if node.attr in MKDOCS_CONFIG_ONLY or (node.attr in MKDOCS_CONFIG_SHARED and on_config):
                found.append(f".{node.attr} at line {node.lineno}")
    return found


def test_the_reach_finder_finds_each_kind() -> None:
    tree = ast.parse(
        'logging.getLogger("mkdocs")\nlogging.getLogger("mkdocs.plugins.x")\nname = "material/search"\n'
        "x = config.extra\ny = c.theme.dirs\nz = config.docs_dir\nw = site.config.use_directory_urls\n"
        "s = opened.engine.site_url\n"
        'open("mkdocs.yml")\nv = self.docs_dir\nu = cx.use_directory_urls\nt = "mkdocs-material 安装"\n'
    )
    assert len(_mkdocs_reaches(tree)) == 8, _mkdocs_reaches(tree)


@pytest.mark.parametrize("name", sorted(n for n in _modules() if layer(n) != "edge"))
def test_only_the_edge_reaches_into_mkdocs_by_name(name: str) -> None:
    """Not only imports: a module outside ``portal/edge/`` neither names MkDocs' loggers or Material's plugins nor
    reads a MkDocs config.
    """
    assert not _mkdocs_reaches(_modules()[name]), f"{name}: {_mkdocs_reaches(_modules()[name])}"


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
