"""Fast preview: ``mkdocs serve --dirty`` rebuilds only what an edit changes, and serves a clean build's bytes.

A real ``mkdocs serve --dirty`` (what ``make serve`` runs) on a free loopback port: after every step
(change, add, delete and rename a report, change ``mkdocs.yml``) the folder it serves is compared, file by
file, with a clean ``mkdocs build`` of the same sources, and pages are fetched over HTTP.
"""

from __future__ import annotations

import html
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from portal.edge.preview import merge_index, nav_supported, page_of
from tests.conftest import make_site, report

AS_OF = "2026-04-05"
EPOCH = "1775390400"  # 2026-04-05 12:00 UTC: MkDocs' gzip stamp of sitemap.xml.gz in both builds
NAV = [{"首页": "index.md"}, {"通报": "bulletins/index.md"}, {"全部信息": "reports/index.md"}, {"说明": "guide.md"}]
CSP_RE = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
LIVERELOAD_RE = re.compile(rb"<script>\s*var livereload = .*?</script>(?=</body>)", re.S)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def env() -> dict[str, str]:
    return {**os.environ, "PORTAL_AS_OF": AS_OF, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}


class Server:
    """``mkdocs serve --dirty`` in ``site``, its log, the folder it serves and its build count."""

    def __init__(self, site: Path, port: int, work: Path) -> None:
        self.site, self.port = site, port
        self.tmp = work / "tmp"
        self.tmp.mkdir()
        self.log_path = work / "serve.log"
        self.log = self.log_path.open("w", encoding="utf-8")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
            cwd=site,
            env={**env(), "TMPDIR": str(self.tmp)},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def text(self) -> str:
        return self.log_path.read_text(encoding="utf-8")

    def builds(self) -> int:
        return self.text().count("Reloading browsers")  # after every rebuild, logged by the server itself

    def until(self, predicate: Callable[[], bool], what: str, limit: float = 120) -> None:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if predicate():
                return
            if self.proc.poll() is not None:
                raise AssertionError(f"mkdocs serve exited:\n{self.text()}")
            time.sleep(0.2)
        raise AssertionError(f"{what} did not happen:\n{self.text()[-3000:]}")

    def root(self) -> Path:
        (found,) = self.tmp.glob("mkdocs_*")
        return found

    def get(self, url: str) -> bytes:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{url}", timeout=10) as response:
            return LIVERELOAD_RE.sub(b"", response.read())

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.log.close()


def clean_build(site: Path, dest: Path) -> dict[str, bytes]:
    """A clean ``mkdocs build``, as ``mkdocs serve`` writes it: without the page CSP, which serve leaves out by
    design (its live-reload script is injected at serve time; see portal.output.web.csp).
    """
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "-d", str(dest)]
    result = subprocess.run(command, cwd=site, env=env(), capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    built = tree(dest)
    for name, data in built.items():
        if name.endswith(".html"):
            built[name], count = CSP_RE.subn(b"", data)
            assert count == 1, name
    return built


def same_as_clean(server: Server, work: Path, step: str) -> dict[str, bytes]:
    """The served folder equals a clean build, file for file; returns the clean build."""
    clean = clean_build(server.site, work / f"clean-{step}")
    served = tree(server.root())
    assert sorted(served) == sorted(clean), step
    different = [name for name in clean if served[name] != clean[name]]
    assert not different, f"{step}: {different[:10]}"
    return clean


def edit(server: Server, change: Callable[[], None]) -> None:
    """Make one change and wait for the rebuild it causes."""
    before = server.builds()
    change()
    server.until(lambda: server.builds() > before, "the rebuild")


def atomic_write(path: Path, text: str) -> None:
    temp = path.parent.parent / f".{path.name}.tmp"
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


@pytest.mark.slow
def test_serve_dirty_equals_a_clean_build_after_every_edit(tmp_path: Path) -> None:
    port = free_port()
    reports = {
        "2026/03/a.md": report(
            title="救助资金发放", tags=["救助"], body="见[另一条](b.md)。\n\n## 进展\n\n低保金按时发放。\n"
        ),
        "2026/03/b.md": report(title="养老服务", section="乙股", date="2026-03-09", body="居家适老化改造。\n"),
        "2026/03/c.md": report(title="婚姻登记", date="2026-03-20", adopted="县委办", body="颁证仪式。\n"),
        "2026/04/d.md": report(title="四月信息", date="2026-04-02", tags=["社区"], body="社区建设。\n"),
    }
    site = make_site(
        tmp_path,
        reports=reports,
        files={"content/guide.md": "# 说明\n\n参见[救助](reports/2026/03/a.md)。\n"},
        mkdocs={"plugins": ["search", "tags"], "nav": NAV, "site_url": f"http://127.0.0.1:{port}/"},
    )
    folder = site / "content" / "reports"
    server = Server(site, port, tmp_path)
    try:
        server.until(lambda: "Serving on" in server.text(), "the first build")
        clean = same_as_clean(server, tmp_path, "start")
        assert server.get("reports/2026/03/b/") == clean["reports/2026/03/b/index.html"]

        # 1. change a report's text: its page is built again, an unrelated report's page is not
        untouched = server.root() / "reports/2026/04/d/index.html"
        stamp = untouched.stat().st_mtime_ns
        edit(server, lambda: atomic_write(folder / "2026/03/c.md", reports["2026/03/c.md"] + "\n补充一段。\n"))
        clean = same_as_clean(server, tmp_path, "change")
        assert "补充一段" in html.unescape(server.get("reports/2026/03/c/").decode("utf-8"))
        assert untouched.stat().st_mtime_ns == stamp

        # 2. add a report (month list, bulletins, home and search change with it)
        added = report(title="新增信息", section="乙股", date="2026-04-03", tags=["救助"], body="新增正文。\n")
        edit(server, lambda: atomic_write(folder / "2026/04/e.md", added))
        clean = same_as_clean(server, tmp_path, "add")
        assert server.get("reports/2026/04/e/") == clean["reports/2026/04/e/index.html"]

        # 3. delete a report: its page is gone from the served folder too
        edit(server, lambda: (folder / "2026/03/c.md").unlink())
        same_as_clean(server, tmp_path, "delete")
        assert not (server.root() / "reports/2026/03/c").exists()

        # 4. rename a report another report links to (that page's link is resolved again)
        edit(server, lambda: os.rename(folder / "2026/03/b.md", folder / "2026/03/b2.md"))
        clean = same_as_clean(server, tmp_path, "rename")
        assert server.get("reports/2026/03/a/") == clean["reports/2026/03/a/index.html"]

        # 5. change mkdocs.yml: a full rebuild with the new settings
        config = yaml.safe_load((site / "mkdocs.yml").read_text(encoding="utf-8"))
        config["site_name"] = "改名后的门户"
        config["extra"]["portal"]["organization"] = "改名县民政局"
        edit(server, lambda: atomic_write(site / "mkdocs.yml", yaml.safe_dump(config, allow_unicode=True)))
        clean = same_as_clean(server, tmp_path, "config")
        assert "改名后的门户" in server.get("reports/2026/04/d/").decode("utf-8")
        assert untouched.stat().st_mtime_ns != stamp
    finally:
        server.stop()
    log = server.text()
    assert "Traceback" not in log and "ERROR" not in log, log


def test_merge_index_keeps_page_order_and_cached_entries() -> None:
    old = {
        "a/": [{"location": "a/", "title": "甲", "text": "旧"}],
        "b/": [{"location": "b/", "title": "乙", "text": "乙"}],
    }
    fresh = {"config": {"lang": ["zh"]}, "docs": [{"location": "a/", "title": "甲", "text": "新"}]}
    merged, cache = merge_index(fresh, ["", "a/", "b/"], {"", "a/"}, old)
    assert [d["location"] for d in merged["docs"]] == ["a/", "b/"]  # "" was built and has no entry
    assert merged["docs"][0]["text"].startswith("新") and merged["docs"][1] is old["b/"][0]
    assert merged["config"] == {"lang": ["zh"]} and set(cache) == {"", "a/", "b/"} and cache[""] == []


def test_page_of_and_nav_rules() -> None:
    assert page_of("reports/x/#y") == "reports/x/" and page_of("#top") == "" and page_of("a/") == "a/"
    assert nav_supported(NAV) and nav_supported([{"组": [{"甲": "a.md"}]}, {"外链": "https://x.cn/"}])
    assert not nav_supported(None) and not nav_supported(["index.md"]) and not nav_supported([{"组": ["a.md"]}])


@pytest.mark.parametrize("text", ["见[x](b.md)", "[x]: b.md"])
def test_link_marks(text: str) -> None:
    from portal.edge.preview import _LINK_MARKS

    assert any(mark in text for mark in _LINK_MARKS)


def test_the_preview_reads_the_clock_to_the_minute() -> None:
    from datetime import datetime, timezone

    from portal.edge.preview import Preview

    moment = datetime(2026, 4, 5, 10, 7, 42, 5, tzinfo=timezone.utc)
    preview = Preview()
    preview.start("build", dirty=False)
    assert preview.now(moment) == moment
    preview.start("serve", dirty=True)
    assert preview.now(moment) == datetime(2026, 4, 5, 10, 7, tzinfo=timezone.utc)


def test_the_theme_is_listed_once_per_session_unless_the_overrides_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs lists every file of the theme on every build; the preview lists it again only after a change."""
    import jinja2
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from portal.edge.preview import Preview
    from portal.store.reuse import TemplateCode

    site = make_site(tmp_path, reports={"2026/04/a.md": report(title="甲")})
    overrides = site / "overrides"
    (overrides / "assets").mkdir(parents=True)
    config_file = site / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = "overrides"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    walks: list[int] = []
    real = jinja2.FileSystemLoader.list_templates

    def counted(self: jinja2.FileSystemLoader) -> list[str]:
        walks.append(1)
        return real(self)

    monkeypatch.setattr(jinja2.FileSystemLoader, "list_templates", counted)
    preview, compiled = Preview(), TemplateCode()
    preview.start("serve", dirty=True)

    def static_files() -> set[str]:
        """What a build adds from the theme (as MkDocs' build does), with a freshly loaded config."""
        loaded = load_config(str(config_file))
        preview.begin(loaded, compiled)
        env = loaded.theme.get_env()
        assert env.bytecode_cache is compiled
        files = Files([])
        files.add_files_from_theme(env, loaded)
        return {f.src_uri for f in files}

    first = static_files()
    assert any(u.startswith("assets/javascripts/bundle.") for u in first)  # Material's own script
    assert static_files() == first and len(walks) == 1  # the second build lists nothing
    (overrides / "assets" / "extra.css").write_text("p{}", encoding="utf-8")
    assert static_files() == first | {"assets/extra.css"} and len(walks) == 2  # a new override is seen


def test_quicken_looks_for_edits_often_and_rebuilds_soon() -> None:
    from types import SimpleNamespace

    from portal.edge.preview import BUILD_DELAY, POLL_FASTEST, Preview

    preview = Preview()
    preview.start("serve", dirty=True)
    observer = SimpleNamespace(_timeout=0.5, emitters=[SimpleNamespace(_timeout=0.5)])
    server = SimpleNamespace(build_delay=0.1, observer=observer)
    preview.quicken(server)
    assert server.build_delay == BUILD_DELAY < 0.1
    assert observer._timeout == observer.emitters[0]._timeout == POLL_FASTEST
