"""The portal in a real Chromium (Debian's, driven by Playwright): figures, search, charts, print, phone.

Runs in CI (``CI=true``) always; locally it skips only when /usr/bin/chromium is missing.
Screenshots and the print PDF are saved under ``test-artifacts/``.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from tests import search_rule
from tests.conftest import REPO, mkdocs_build, require_chromium, run_cli

AS_OF = "2026-11-25"
ARTIFACTS = REPO / "test-artifacts"

require_chromium()

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = [pytest.mark.browser, pytest.mark.slow]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("browser") / "site"
    result = mkdocs_build(REPO, as_of=AS_OF, dest=site)
    assert result.returncode == 0, result.stderr
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    outside: list[str] = []
    tab.on("request", lambda request: None if request.url.startswith(server) else outside.append(request.url))
    yield tab
    context.close()
    assert outside == [], f"the page made requests outside the site: {outside}"


def stats(*args: str) -> dict[str, Any]:
    result = run_cli(REPO, "stats", "--json", "--as-of", AS_OF, *args)
    assert result.code == 0, result.err
    return result.json()


def shot(tab: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def table_rows(tab: Any) -> dict[str, dict[str, str]]:
    return tab.evaluate("""() => Object.fromEntries([...document.querySelectorAll('tr[data-section]')].map(tr =>
        [tr.dataset.section, Object.fromEntries([...tr.querySelectorAll('td[data-field]')].map(td =>
            [td.dataset.field, td.innerText.trim()]))]))""")


def test_home_shows_the_months_figures_and_alerts(page: Any, server: str) -> None:
    page.goto(server)
    data = stats()
    rows = table_rows(page)
    for row in data["sections"]:
        assert rows[row["section"]] == {
            "submitted": str(row["submitted"]),
            "adopted": str(row["adopted"]),
            "score": str(row["score"]),
        }
    # the card counts the overdue urgent events due within the last 30 days (older ones: one line, issue 25)
    as_of = datetime.fromisoformat(data["as_of"])
    recent = [
        u
        for u in stats("--period", AS_OF[:4])["urgent"]
        if u["status"] == "overdue" and as_of - datetime.fromisoformat(u["due"]) <= timedelta(days=30)
    ]
    assert page.inner_text('[data-count="overdue"]') == str(len(recent))
    red = page.eval_on_selector(".pt-card-bad", "e => getComputedStyle(e).backgroundColor")
    assert red == "rgb(192, 57, 43)"
    assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK SC\"')")
    shot(page, "home")


def test_bulletin_matches_stats_and_prints_as_a4(page: Any, server: str) -> None:
    page.goto(server + "bulletins/2026-10/")
    data = stats("--period", "2026-10")
    rows = table_rows(page)
    for row in data["sections"]:
        assert rows[row["section"]]["score"] == str(row["score"])
        assert rows[row["section"]]["rank"] == str(row["rank"])
    shot(page, "bulletin-2026-10")
    page.emulate_media(media="print")
    assert page.eval_on_selector(".md-header", "e => getComputedStyle(e).display") == "none"
    assert page.eval_on_selector(".pt-bulletin-nav", "e => getComputedStyle(e).display") == "none"
    assert page.is_visible(".pt-doc-title")
    shot(page, "bulletin-2026-10-print")
    pdf = page.pdf(format="A4", print_background=True)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "bulletin-2026-10.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 6


def search_box(page: Any, server: str) -> Any:
    """The home page with the search box open and its worker ready; returns Material's search index."""
    index = json.loads(page.request.get(server + "search/search_index.json").text())
    page.goto(server)
    page.click(".md-search__input")
    # Type only once the search worker has loaded the index ("正在初始化搜索引擎" → "键入以开始搜索").
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && m.innerText && !m.innerText.includes('初始化'); }",
        timeout=60_000,
    )
    return index


def search_for(page: Any, term: str, expected: int) -> None:
    """Type ``term`` and wait until the box says it found ``expected`` pages."""
    page.fill(".md-search__input", term)
    # Chinese arrives through an input method: the text is inserted, then a key is released to commit it.
    # Material searches on that key event, so send one, as an IME does.
    page.keyboard.press("End")
    try:
        page.wait_for_function(
            "([q, n]) => document.querySelector('.md-search__input').value === q && "
            "(document.querySelector('.md-search-result__meta') || {}).innerText ?.startsWith(String(n))",
            arg=[term, expected],
            timeout=60_000,
        )
    except playwright.TimeoutError:
        shown = page.inner_text(".md-search-result__meta")
        raise AssertionError(f"{term}: the search box says {shown!r}, expected {expected} results") from None


def port_finds(index: dict[str, Any], term: str) -> list[int]:
    """The entries :func:`tests.search_rule.matching` (the search box's rule in Python) finds for ``term``."""
    entries = [search_rule.entry_tokens(e, index["config"]["separator"]) for e in index["docs"]]
    return search_rule.matching(term, entries, set().union(*entries))


def pages_of(index: dict[str, Any], found: list[int]) -> int:
    return len({index["docs"][i]["location"].split("#")[0] for i in found})  # results are grouped by page


@pytest.mark.parametrize("term", ["低保", "救助站", "适老", "城关镇", "临时救助站", "困难群众", "社会救助股", "2026"])
def test_search_box_finds_reports(page: Any, server: str, term: str) -> None:
    index = search_box(page, server)
    expected = pages_of(index, port_finds(index, term))
    assert expected > 0
    search_for(page, term, expected)
    assert page.locator(".md-search-result__item").count() >= 1
    first = page.locator(".md-search-result__item a").first
    first.click()
    page.wait_for_load_state()
    assert term in page.inner_text("article") or term[:2] in page.inner_text("article")


def test_search_box_finds_words_inside_words(page: Any, server: str) -> None:
    """A Chinese term no indexed word starts with is found inside longer words (the portal's search worker),
    exactly as :func:`tests.search_rule.matching` says; the results and the page opened mark it, none calls it missing.
    """
    index = search_box(page, server)
    entries = [search_rule.entry_tokens(e, index["config"]["separator"]) for e in index["docs"]]
    tokens = set().union(*entries)
    candidates = ["老化", "助站", "救助站", "老年食堂"]
    inside = [t for t in candidates if not any(w.startswith(t) for w in tokens) and any(t in w for w in tokens)]
    assert inside, f"none of {candidates} is only inside indexed words any more: pick others"
    term = inside[0]
    # Material's own segmentation leaves it whole (no indexed word begins it), so only an infix search finds it.
    assert search_rule.query_terms(term, tokens) == [term]
    found = port_finds(index, term)
    expected = pages_of(index, found)
    assert expected >= 2
    search_for(page, term, expected)
    items = page.locator(".md-search-result__item")
    assert items.count() >= 1
    assert page.locator(".md-search-result__terms").count() == 0  # no result lists the term as 缺少 (missing)
    marks = page.locator(".md-search-result__item mark").all_inner_texts()
    # the matched words shown are marked, each holds the term (a result shows its page's own text only, issue 25:
    # a word matched further on than the preview is marked on the page opened, not in the list)
    assert all(term in mark for mark in marks), marks
    first = page.locator(".md-search-result__item a").first
    assert f"h={term}" in unquote(first.get_attribute("href") or "")
    first.click()
    page.wait_for_load_state()
    page.wait_for_selector("article mark[data-md-highlight]")
    assert set(page.locator("article mark[data-md-highlight]").all_inner_texts()) == {term}


def test_charts_are_drawn_with_chinese_labels(page: Any, server: str) -> None:
    data = stats()
    page.goto(server)
    chart = page.locator("svg.portal-chart").first
    box = chart.bounding_box()
    assert box and box["width"] > 400 and box["height"] > 150
    labels = chart.locator("text").all_text_contents()
    assert all(row["section"] in labels for row in data["sections"])
    bars = page.evaluate("""() => [...document.querySelector('svg.portal-chart').querySelectorAll('rect title')]
        .map(t => [t.textContent, t.parentElement.getBoundingClientRect().width])""")
    widths = {text.split(" ")[0]: width for text, width in bars}
    scores = {row["section"]: abs(row["score"]) for row in data["sections"]}
    # Bar length is proportional to the score's magnitude (negative scores are drawn leftwards).
    widest = max(scores, key=lambda name: scores[name])
    for name, score in scores.items():
        assert widths[name] == pytest.approx(widths[widest] * score / scores[widest], abs=1.0)
    page.goto(server + "sections/jiuzhu/")
    assert page.locator("svg.portal-chart polyline").count() == 3
    shot(page, "section-jiuzhu")


def test_phone_width(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    tab = context.new_page()
    try:
        for url in ("", "bulletins/2026-10/"):
            tab.goto(server + url)
            overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{url or 'home'} is {overflow}px wider than a phone screen"
        tab.goto(server)
        shot(tab, "home-phone")
    finally:
        context.close()


def test_report_page_metadata_panel(page: Any, server: str) -> None:
    event = next(u for u in stats("--period", "2026")["urgent"] if u["status"] == "overdue")
    url = Path(event["path"]).relative_to("content").with_suffix("").as_posix()
    page.goto(f"{server}{url}/")
    panel = page.inner_text(".pt-meta")
    assert event["section"] in panel and "超时未报" in panel
    shot(page, "report-urgent")
