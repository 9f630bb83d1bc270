"""Shared helpers: build real sites in temp dirs and run the real command line.

``make_site(tmp_path, reports=..., requests=..., portal=...)`` writes a
complete site (mkdocs.yml using this repo's hook, content/…) and returns its
folder; ``run_cli`` runs ``build_stats.py`` in-process (fast, same code path
as the console) and ``mkdocs_build`` runs a real ``mkdocs build`` in a
subprocess.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from portal.commands.cli import run  # noqa: E402 - importable only after the sys.path entry above

#: A small bureau whose numbers are easy to work out by hand.
PORTAL: dict[str, Any] = {
    "organization": "测试县民政局",
    "sections": [
        {"name": "甲股", "slug": "jia", "head": "张三", "quota": 2, "aliases": ["甲"]},
        {"name": "乙股", "slug": "yi", "head": "李四", "quota": 1},
        {"name": "丙股", "slug": "bing", "head": "王五"},
    ],
    "adopters": {
        "本局简报": "bureau",
        "县委办": "county",
        "市委办": "city",
        "省政府办公厅": "province",
        "国务院办公厅": "national",
    },
}


def front(fields: dict[str, Any], body: str = "正文。\n") -> str:
    """A Markdown file with ``fields`` as YAML front-matter."""
    text = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, default_flow_style=None)
    return f"---\n{text}---\n\n{body}"


def report(
    title: str = "一条信息",
    section: str | list[str] = "甲股",
    date: str = "2026-03-05",
    body: str = "正文。\n",
    **fields: Any,
) -> str:
    """A report file; ``date`` and the other fields are written as given (strings stay unquoted dates)."""
    lines = [f"title: {title}", f"section: {section}", f"date: {date}"]
    lines += [
        f"{key}: {json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value}"
        for key, value in fields.items()
    ]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


def request(
    title: str = "约稿",
    issued: str = "2026-03-01",
    deadline: str = "2026-03-15",
    sections: list[str] | None = None,
    body: str = "请报送。\n",
) -> str:
    lines = [f"title: {title}", f"issued: {issued}", f"deadline: {deadline}"]
    if sections is not None:
        lines.append(f"sections: {json.dumps(sections, ensure_ascii=False)}")
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


def make_site(
    tmp_path: Path,
    reports: Mapping[str, str | bytes] | None = None,
    requests: Mapping[str, str | bytes] | None = None,
    portal: dict[str, Any] | None = None,
    files: Mapping[str, str | bytes] | None = None,
    mkdocs: dict[str, Any] | None = None,
) -> Path:
    """Write a whole site: ``reports``/``requests`` map file names (under content/reports|requests) to text."""
    site = tmp_path / "site-src"
    content = site / "content"
    (content / "reports").mkdir(parents=True, exist_ok=True)
    (content / "requests").mkdir(parents=True, exist_ok=True)
    (content / "index.md").write_text("欢迎使用。\n", encoding="utf-8")
    config: dict[str, Any] = {
        "site_name": "测试门户",
        "docs_dir": "content",
        "theme": {"name": "material", "language": "zh", "font": False, "custom_dir": str(REPO / "overrides")},
        "hooks": [str(REPO / "build_stats.py")],
        "plugins": ["search"],
        "not_in_nav": "/reports/**\n/requests/*\n/bulletins/*\n/sections/*\n",
        "markdown_extensions": ["tables", "attr_list", "admonition"],
        "extra_css": ["assets/portal.css"],
        "extra": {"portal": PORTAL if portal is None else portal},
    }
    config.update(mkdocs or {})
    (site / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for folder, items in (("reports", reports or {}), ("requests", requests or {})):
        for name, text in items.items():
            _write(content / folder / name, text)
    for name, text in (files or {}).items():
        _write(site / name, text)
    return site


def _write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


#: The clock the tests pass to the command line when nothing else sets as_of.
NOW = datetime(2026, 4, 5, 12, 0, tzinfo=timezone.utc)


def copy_demo(copy: Path) -> Path:
    """The shipped demo (content and ``mkdocs.yml``) copied to ``copy``, its hook and theme still the repository's."""
    shutil.copytree(REPO / "content", copy / "content")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = [str(REPO / "build_stats.py")]
    config["theme"]["custom_dir"] = str(REPO / "overrides")
    (copy / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return copy


def load_in(site: Path) -> Any:
    """The site's content and settings as ``load_site`` reads them, from the site's own folder."""
    from portal.edge.site import load_site, read_config

    cwd = os.getcwd()
    os.chdir(site)
    try:
        return load_site(read_config("mkdocs.yml"))
    finally:
        os.chdir(cwd)


def run_cli(site: Path, *args: str, env: dict[str, str] | None = None, now: datetime = NOW) -> Result:
    """``python build_stats.py ARGS`` in ``site``, in-process."""
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(site)
    try:
        code = run(list(args), dict(env or {}), now, out, err)
    finally:
        os.chdir(cwd)
    return Result(code, out.getvalue(), err.getvalue())


def stats(site: Path, *args: str, as_of: str = "2026-04-05") -> dict[str, Any]:
    result = run_cli(site, "stats", "--json", "--as-of", as_of, *args)
    assert result.code == 0, result.err
    return result.json()


def section_row(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(row for row in data["sections"] if row["section"] == name)


def mkdocs_build(
    site: Path, *args: str, as_of: str = "2026-04-05", strict: bool = True, dest: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """A real ``mkdocs build`` of ``site`` (into ``dest`` or ``site/_site``)."""
    env = {**os.environ, "PORTAL_AS_OF": as_of, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "-q" if False else "--clean",
        "-d",
        str(dest or site / "_site"),
        *(["--strict"] if strict else []),
        *args,
    ]
    return subprocess.run(command, cwd=site, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture
def site_factory(tmp_path: Path) -> Callable[..., Path]:
    def factory(**kwargs: Any) -> Path:
        return make_site(tmp_path, **kwargs)

    return factory


def html_text(markup: str) -> str:
    """The text of an HTML fragment (a cell, a paragraph, a heading): tags dropped, entities decoded, ends stripped."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup)).strip()


def table_cells(rows: str) -> list[list[str]]:
    """Each ``<tr>``'s ``<td>`` texts, in order (the header row's ``<th>`` are not cells)."""
    return [
        [html_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", rows, re.S)
    ]


CHROMIUM = "/usr/bin/chromium"  # Debian's, driven by Playwright (tests/test_browser*.py)


def require_chromium() -> None:
    """Skip the calling test module where Debian's Chromium is missing; in CI its absence is an error."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            raise RuntimeError("CI=true but /usr/bin/chromium is missing: .ci/run must install chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium fonts-noto-cjk)", allow_module_level=True)


def launch_chromium(playwright: Any) -> Any:
    """Headless Chromium for the browser tests, with nothing that reaches outside by itself."""
    return playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium per browser-test module (tests/test_browser*.py skip themselves without Playwright)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = launch_chromium(p)
        yield instance
        instance.close()
