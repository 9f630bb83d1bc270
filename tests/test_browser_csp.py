"""The page CSP in a real Chromium (issue 17): every page kind works under it, and a smuggled script does not run.

The demo is served by the shipped nginx configuration (basic auth, security headers); the smuggled-script
site by a plain Python server, since the policy is in the pages and must hold on any host.
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

from tests.conftest import CHROMIUM, REPO, make_site, mkdocs_build, report
from tests.deploy_support import add_user, nginx

playwright = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)
pytestmark = [pytest.mark.browser, pytest.mark.slow]

AS_OF = "2026-11-25"
USER, PASSWORD = "bangongshi", "Liu-lan-qi-2026"
#: Runs before any page script (Playwright injects it; the page's CSP does not apply to it).
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
    e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
window.print = () => { window.__printed = true; };
"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    work = tmp_path_factory.mktemp("csp")
    site = work / "site"
    result = mkdocs_build(REPO, as_of=AS_OF, dest=site)
    assert result.returncode == 0, result.stderr
    users = work / "users"
    add_user(users, USER, PASSWORD)
    (work / "nginx").mkdir()
    with nginx(work / "nginx", site, users) as server:
        yield server.url, site


class Tab:
    """A page with its console's CSP messages, its violations and its requests outside ``origin``."""

    def __init__(self, browser: Any, origin: str, credentials: bool = True) -> None:
        options: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN"}
        if credentials:
            options["http_credentials"] = {"username": USER, "password": PASSWORD}
        self.context = browser.new_context(**options)
        self.context.add_init_script(WATCH)
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda m: self.console.append(m.text))
        self.page.on("request", lambda r: None if r.url.startswith(origin) else self.outside.append(r.url))

    def csp_problems(self) -> list[str]:
        said = [t for t in self.console if "Content Security Policy" in t or "Refused to" in t]
        return said + list(self.page.evaluate("window.__violations"))

    def close(self) -> None:
        self.context.close()


def page_kinds(site: Path) -> dict[str, str]:
    """One address of each kind of page, found in the built site."""

    def first(pattern: str) -> str:
        return sorted(site.glob(pattern))[0].parent.relative_to(site).as_posix() + "/"

    return {
        "home": "",
        "bulletins": "bulletins/",
        "bulletin": first("bulletins/20*/index.html"),
        "requests": "requests/",
        "request": first("requests/*/index.html"),
        "overdue": "overdue/",
        "sections": "sections/",
        "section": first("sections/*/index.html"),
        "reports": "reports/",
        "month": first("reports/20??-??/index.html"),
        "report": first("reports/*/*/*/index.html"),
        "guide": "guide/",
        "404": "no-such-page/",
    }


def test_every_page_kind_loads_under_the_csp(browser: Any, demo: tuple[str, Path]) -> None:
    url, site = demo
    tab = Tab(browser, url)
    try:
        for kind, path in page_kinds(site).items():
            answer = tab.page.goto(url + path)
            assert answer is not None and answer.status == (404 if kind == "404" else 200), kind
            tab.page.wait_for_load_state("load")
            meta = tab.page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
            assert meta and "'unsafe-inline'" not in meta and "default-src 'self'" in meta, kind
            # The theme's inline scripts ran (they are hashed): Material's helpers exist and its bundle started.
            assert tab.page.evaluate("typeof __md_get === 'function' && typeof document$ === 'object'"), kind
            assert tab.csp_problems() == [], f"{kind} /{path}: {tab.csp_problems()}"
        assert tab.outside == []
    finally:
        tab.close()


def test_search_charts_and_print_work_under_the_csp(browser: Any, demo: tuple[str, Path]) -> None:
    url, site = demo
    tab = Tab(browser, url)
    page = tab.page
    try:
        page.goto(url)
        chart = page.locator("svg.portal-chart").first
        box = chart.bounding_box()
        assert box and box["width"] > 400 and box["height"] > 150
        assert chart.locator("rect").count() > 0 and chart.locator("text").count() > 0
        page.click(".md-search__input")
        page.wait_for_function(
            "() => { const m = document.querySelector('.md-search-result__meta');"
            " return m && m.innerText && !m.innerText.includes('初始化'); }",
            timeout=60_000,
        )
        page.fill(".md-search__input", "低保")
        page.keyboard.press("End")
        page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=60_000)
        page.goto(url + page_kinds(site)["bulletin"])
        page.click("[data-portal-print]")  # wired by assets/javascripts/portal.js: no inline onclick under this CSP
        assert page.evaluate("window.__printed === true")
        assert tab.csp_problems() == []
        assert tab.outside == []
    finally:
        tab.close()


# --- a script that got past the sanitizer ---------------------------------------------------------------------

SMUGGLED = (
    "正文。\n\n<script>window.__script_ran = true;</script>\n\n"
    '<img src="missing.png" onerror="window.__handler_ran = true">\n'
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def smuggled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A site built in this process with the sanitizer switched off, served by a plain server."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import portal.edge.hook

    work = tmp_path_factory.mktemp("smuggled")
    site = make_site(work, reports={"evil.md": report(title="夹带脚本的信息", body=SMUGGLED)})
    out = work / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(portal.edge.hook, "sanitize_html", lambda html: html)  # the sanitizer "let it through"
        patch.setenv("PORTAL_AS_OF", "2026-04-05")
        build(load_config(str(site / "mkdocs.yml"), site_dir=str(out)))
    html = (out / "reports" / "evil" / "index.html").read_text(encoding="utf-8")
    assert "<script>window.__script_ran = true;</script>" in html  # it really is in the page
    assert 'onerror="window.__handler_ran = true"' in html
    # The control: the same page without its CSP <meta>.
    control = out / "control"
    control.mkdir()
    (control / "index.html").write_text(
        re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html), encoding="utf-8"
    )
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", out
    httpd.shutdown()
    httpd.server_close()


def test_a_smuggled_script_does_not_run(browser: Any, smuggled: tuple[str, Path]) -> None:
    url, _ = smuggled
    tab = Tab(browser, url, credentials=False)
    try:
        # Without the CSP the page runs both (the proof that the test would see them run).
        tab.page.goto(url + "control/")
        tab.page.wait_for_load_state("load")
        tab.page.wait_for_function("window.__handler_ran === true", timeout=10_000)
        assert tab.page.evaluate("window.__script_ran") is True
        # With it, neither runs; the theme's own inline scripts and bundle still do.
        tab.page.goto(url + "reports/evil/")
        tab.page.wait_for_load_state("load")
        tab.page.wait_for_function("() => window.__violations.length >= 2", timeout=10_000)
        assert tab.page.evaluate("[window.__script_ran, window.__handler_ran]") == [None, None]
        assert tab.page.evaluate("typeof __md_get === 'function' && typeof document$ === 'object'")
        refused = tab.page.evaluate("window.__violations")
        assert any(v.startswith("script-src-elem") for v in refused), refused
        assert any(v.startswith("script-src-attr") for v in refused), refused
        assert tab.page.inner_text("article").count("正文") == 1  # the page itself is shown
    finally:
        tab.close()
