"""Every page kind of the demo in Chromium at 1280 px and 390 px (phone) wide, and the search box's snippets
(issue 25).

Each page is screenshot to ``test-artifacts/pages/<kind>-<width>.png`` and checked: no two labels of a chart
overlap, no raw ``reports/….md`` path in the text, no English word in the visible text (but the few of
:data:`ALLOWED`), no ISO date (2026-03-09) where a person reads a date.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, copy_demo, mkdocs_build, require_chromium

AS_OF = "2026-11-25"
ARTIFACTS = REPO / "test-artifacts" / "pages"

require_chromium()

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: Latin words a page may show: file kinds the office downloads, and the guide's commands and field names are
#: left out of the check (the guide explains the Markdown files, in their own words).
ALLOWED = frozenset({"Word", "Excel", "PDF", "Markdown", "git"})  # names of programs, as the guide writes them
#: One page of each kind (the home page, lists, a bulletin of each kind, a section, a report, a request…).
PAGES = {
    "home": "",
    "bulletins": "bulletins/",
    "bulletin-month": "bulletins/2026-10/",
    "bulletin-open-month": "bulletins/2026-11/",
    "bulletin-quarter": "bulletins/2026-Q3/",
    "bulletin-year": "bulletins/2026/",
    "sections": "sections/",
    "section": "sections/jiuzhu/",
    "reports": "reports/",
    "requests": "requests/",
    "overdue": "overdue/",
    "periodicals": "periodicals/",
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # a copy outside the git checkout: the 修改记录 rows would show this repository's own (English) commit
    # messages, which are developers' words, not the portal's (tests/test_history.py checks the history rows)
    folder = tmp_path_factory.mktemp("pages")
    out = folder / "site"
    result = mkdocs_build(copy_demo(folder / "demo"), as_of=AS_OF, dest=out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def _first(site: Path, pattern: str) -> str:
    found = sorted(site.glob(pattern))
    assert found, pattern
    return found[0].parent.relative_to(site).as_posix() + "/"


def page_urls(site: Path) -> dict[str, str]:
    """:data:`PAGES` and one page of each kind found in the build: a report, a request, an incident."""
    return {
        **PAGES,
        "report": _first(site, "reports/2026/10/*/index.html"),
        "request": _first(site, "requests/*/index.html"),
        "incident": _first(site, "incidents/*/*/index.html"),
    }


#: Pairs of chart labels whose boxes overlap by more than a pixel each way.
OVERLAPS = """() => {
  const out = []
  for (const svg of document.querySelectorAll('svg.portal-chart')) {
    const boxes = [...svg.querySelectorAll('text')].map(t => [t.textContent, t.getBoundingClientRect()])
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, p] = boxes[i], [b, q] = boxes[j]
        const x = Math.min(p.right, q.right) - Math.max(p.left, q.left)
        const y = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top)
        if (x > 1 && y > 1) out.push([a, b])
      }
  }
  return out
}"""


def visible_text(tab: Any) -> str:
    """What a reader sees of the page's main part (not the hidden search box nor the charts' tooltips)."""
    return tab.evaluate("() => document.body.innerText")


def prose(tab: Any) -> str:
    """:func:`visible_text` without what is typed as written: code (``request: YG-2026-01`` in a 约稿通知)."""
    return tab.evaluate("""() => {
      let text = document.body.innerText
      for (const code of document.querySelectorAll('code')) text = text.split(code.innerText).join(' ')
      return text
    }""")


def english_words(text: str) -> set[str]:
    """Latin words but the :data:`ALLOWED` ones and request numbers (YG-2026-01, the office's identifiers)."""
    return set(re.findall(r"[A-Za-z]{2,}", re.sub(r"\b[A-Z]{1,4}-\d{4}-\d+\b", " ", text))) - ALLOWED


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_kind_reads_right(browser: Any, server: str, site: Path, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    try:
        for kind, url in page_urls(site).items():
            tab.goto(server + url)
            tab.screenshot(path=str(ARTIFACTS / f"{kind}-{width}.png"), full_page=True)
            text = visible_text(tab)
            if overlaps := tab.evaluate(OVERLAPS):
                problems.append(f"{kind}: chart labels overlap: {overlaps[:3]}")
            if paths := re.findall(r"reports/\S+?\.md", text):
                problems.append(f"{kind}: raw paths {paths[:3]}")
            if words := english_words(prose(tab)):
                problems.append(f"{kind}: English words {sorted(words)[:8]}")
            if dates := re.findall(r"\b20\d\d-\d\d-\d\d\b", text):
                problems.append(f"{kind}: ISO dates {dates[:3]}")
    finally:
        context.close()
    assert problems == [], "\n".join(problems)


def test_search_results_show_the_reports_own_text_only(browser: Any, server: str, site: Path) -> None:
    """Each result's text in the search box is a stretch of its page's own text: none of the extra words the
    index stores for Chinese search (they follow U+2029 in the index and the worker cuts them off).
    """
    import json

    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    with_words = [d for d in index["docs"] if "\u2029" in d["text"]]
    assert with_words, "the index stores search words after the mark"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    try:
        tab.goto(server)
        tab.click(".md-search__input")
        tab.wait_for_function(
            "() => { const m = document.querySelector('.md-search-result__meta');"
            " return m && m.innerText && !m.innerText.includes('初始化'); }",
            timeout=60_000,
        )
        tab.fill(".md-search__input", "救助")
        tab.keyboard.press("End")
        tab.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=60_000)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / "search-1280.png"))
        # the text under each result's title: the article without its title, icon and tags
        snippets = tab.evaluate("""() => [...document.querySelectorAll('.md-search-result__article')].map(a => {
          const copy = a.cloneNode(true)
          copy.querySelectorAll('h1, h2, nav, .md-search-result__icon').forEach(e => e.remove())
          return copy.textContent
        }).filter(t => t.trim())""")
    finally:
        context.close()
    assert snippets
    previews = {_plain(d["text"].split("\u2029")[0]) for d in index["docs"]}
    bags = {_plain(d["text"].split("\u2029")[1]) for d in with_words}
    for snippet in snippets:
        shown = _plain(snippet)
        # a stretch of some entry's preview (Material may start it at the first word it marks) …
        assert any(shown in preview for preview in previews), snippet
        # … and never the index words: a snippet holding one entry's whole bag would be the jumble of issue 25
        assert not any(len(bag) > 8 and bag in shown for bag in bags), snippet


def _plain(text: str) -> str:
    return re.sub(r"[\s\u200b]+", "", text)
