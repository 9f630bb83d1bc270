"""The demo built by other engines against MkDocs + Material (``tools/engines.py``, docs/engines.md).

The ProperDocs comparison makes a venv from PyPI (reused between runs: ``~/.cache/portal-engines``, keyed on
the versions), so it is marked ``network``: part of the plain ``make test``, which CI runs with the package index at
hand.  Without the index it is skipped on a developer's machine, and fails under CI (``CI`` set), never skipped
there.  The MaterialX comparisons are the CI job ``engines``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent


def _engines() -> ModuleType:
    spec = importlib.util.spec_from_file_location("engines_tool", REPO / "tools" / "engines.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


PAGE = """<html><head><meta name="generator" content="{generator}"></head><body>{chrome}
<article class="md-content__inner md-typeset"{attr}>{before}
<h1 id="t">标题</h1>
<p>正文</p>{after}
</article></body></html>"""
TAGS = '<nav class="md-tags" >\n<span class="md-tag{icon}">重点</span>\n</nav>'


def test_the_comparison_explains_what_it_knows_and_flags_the_rest(tmp_path: Path) -> None:
    engines = _engines()
    ref, other = tmp_path / "ref", tmp_path / "other"
    for folder, generator in ((ref, "mkdocs-1.6.1"), (other, "mkdocs-ProperDocs 1.6.7")):
        page = PAGE.format(generator=generator, chrome="", attr="", before="", after="")
        _write(folder, "same.html", page)
        _write(folder, "meta.html", page)
        _write(folder, "stats.json", "{}")
    _write(ref, "same.html", (other / "same.html").read_text(encoding="utf-8"))
    _write(other, "stats.json", '{"n": 1}')  # a portal file that differs: never explained
    _write(other, "assets/javascripts/bundle.0123abcd.min.js", "")  # a theme asset, for a changed theme only
    _write(ref, "tags.html", PAGE.format(generator="a", chrome="", attr="", before=TAGS.format(icon=""), after=""))
    moved = PAGE.format(generator="b", chrome="<nav>x</nav>", attr=" data-pagefind-body", before="", after="")
    _write(other, "tags.html", moved.replace("<p>正文</p>", "<p>正文</p>\n" + TAGS.format(icon=" md-tag-icon")))
    same_theme = engines.compare(engines.ENGINES["properdocs"], ref, other, 1.0)
    changed_theme = engines.compare(engines.ENGINES["mkdocs-materialx"], ref, other, 1.0)
    assert same_theme.kinds == {
        "identical": ["same.html"],
        "generator": ["meta.html"],
        "unexplained": ["assets/javascripts/bundle.0123abcd.min.js", "stats.json", "tags.html"],
    }
    assert changed_theme.kinds == {
        "theme asset": ["assets/javascripts/bundle.0123abcd.min.js"],
        "generator": ["meta.html"],
        "identical": ["same.html"],
        "unexplained": ["stats.json"],
        "theme page": ["tags.html"],  # same text, same tags: only the chrome and the tags' place differ
    }
    assert engines.report(engines.Result("mkdocs", 1.0, 4), [changed_theme], ref, tmp_path) == engines.EXIT_DIFFERENT
    # a tag that changes is the portal's part: no longer the theme's
    _write(other, "tags.html", moved.replace("<p>正文</p>", "<p>正文</p>\n" + TAGS.replace("重点", "特点")))
    assert engines.classify("tags.html", ref, other, True) == "unexplained"


@pytest.mark.slow
@pytest.mark.network
def test_properdocs_builds_the_demo_like_mkdocs(tmp_path: Path) -> None:
    """Every HTML page differs only in the generator <meta>, every other file is the same bytes."""
    result = tmp_path / "result.json"
    command = [sys.executable, str(REPO / "tools" / "engines.py"), "--engines", "properdocs", "--dir", str(tmp_path)]
    command += ["--reference-python", sys.executable]
    done = subprocess.run([*command, "--json", str(result)], capture_output=True, text=True, timeout=900)
    if done.returncode == 2 and "venv properdocs" in done.stderr and not os.environ.get("CI"):
        pytest.skip(f"no ProperDocs venv (no package index?): {done.stderr[-300:]}")
    assert done.returncode == 0, done.stdout + done.stderr
    data = json.loads(result.read_text(encoding="utf-8"))
    reference = tmp_path / "mkdocs"
    pages = sorted(p.relative_to(reference).as_posix() for p in reference.rglob("*.html"))
    others = sorted(p.relative_to(reference).as_posix() for p in reference.rglob("*") if p.is_file())
    others = [name for name in others if not name.endswith(".html")]
    assert len(pages) > 300  # the demo's ~380 Markdown files and the hook's pages
    (properdocs,) = data["engines"]
    assert properdocs["files"] == data["reference"]["files"] == len(pages) + len(others)
    assert properdocs["kinds"] == {"generator": pages, "identical": others}
    html = (tmp_path / "properdocs" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-' in html
