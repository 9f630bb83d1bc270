"""Serving the portal (issue 17): the shipped nginx config in a real nginx, the deploy script, internal-only marks.

nginx runs unprivileged in the foreground on a free 127.0.0.1 port with its prefix, pid and logs in a temp
folder (tests/deploy_support.py); the users file is written with Debian's ``htpasswd -B``, as the guide says.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import REPO, make_site, mkdocs_build, report, run_cli
from tests.deploy_support import HTPASSWD, NGINX, Server, add_user, free_port, nginx

pytestmark = pytest.mark.slow  # nginx, real deploys and kill -9 of builds

AS_OF = "2026-11-25"
USER, PASSWORD = "bangongshi", "Ce-shi-mi-ma-2026"
DEPLOY = REPO / "deploy" / "deploy.sh"

if not (os.path.exists(NGINX) and os.path.exists(HTPASSWD)):
    if os.environ.get("CI") == "true":
        raise RuntimeError("CI=true but nginx/htpasswd are missing: .ci/run must install nginx apache2-utils")
    pytest.skip("nginx and htpasswd are not installed (apt-get install nginx apache2-utils)", allow_module_level=True)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("deploy") / "site"
    result = mkdocs_build(REPO, as_of=AS_OF, dest=site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def server(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    work = tmp_path_factory.mktemp("nginx")
    users = work / "portal.htpasswd"
    add_user(users, USER, PASSWORD)
    add_user(users, "keshi", "another-password")
    with nginx(work, demo, users) as running:
        yield running


def kinds_of_url(site: Path) -> dict[str, str]:
    """One URL of each kind the site has, found on disk (not hard-coded)."""
    docx = sorted(site.glob("bulletins/*.docx"))[0]
    xlsx = sorted(site.glob("bulletins/*.xlsx"))[0]
    report_page = sorted(p for p in site.glob("reports/*/*/*/index.html"))[0]
    bundle = sorted(site.glob("assets/javascripts/bundle.*.min.js"))[0]
    return {
        "home": "",
        "page": report_page.parent.relative_to(site).as_posix() + "/",
        "stats": "stats.json",
        "search index": "search/search_index.json",
        "docx": docx.relative_to(site).as_posix(),
        "xlsx": xlsx.relative_to(site).as_posix(),
        "asset": bundle.relative_to(site).as_posix(),
        "robots": "robots.txt",
    }


def test_every_kind_of_url_needs_credentials(server: Server, demo: Path) -> None:
    for kind, url in kinds_of_url(demo).items():
        anonymous = server.get(url)
        assert anonymous.status == 401, f"{kind} /{url}: {anonymous.status} without credentials"
        assert anonymous.headers["www-authenticate"].startswith("Basic ")
        on_disk = demo / (url + "index.html" if url.endswith("/") or not url else url)
        assert b"401 Authorization Required" in anonymous.body and anonymous.body != on_disk.read_bytes()
        wrong = server.get(url, USER, PASSWORD + "x")
        assert wrong.status == 401, f"{kind} /{url}: a wrong password got {wrong.status}"
        unknown = server.get(url, "nobody", PASSWORD)
        assert unknown.status == 401
        ok = server.get(url, USER, PASSWORD)
        assert ok.status == 200, f"{kind} /{url}: {ok.status} with credentials"
        assert ok.body == on_disk.read_bytes(), f"{kind} /{url} is not the built file"
    assert server.get("", "keshi", "another-password").status == 200  # every user of the file


def test_security_headers_on_every_response(server: Server, demo: Path) -> None:
    urls = [*kinds_of_url(demo).values(), "no-such-page/"]
    for url in urls:
        for answer in (server.get(url), server.get(url, USER, PASSWORD)):
            h = answer.headers
            assert h["x-content-type-options"] == "nosniff", url
            assert h["referrer-policy"] == "no-referrer", url
            assert h["x-frame-options"] == "DENY", url
            assert "frame-ancestors 'none'" in h["content-security-policy"], url
            assert h["x-robots-tag"] == "noindex, nofollow", url
            assert "nginx/" not in h.get("server", ""), "server_tokens off: no version"
    page = server.get("", USER, PASSWORD)
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert server.get("no-such-page/", USER, PASSWORD).status == 404


def test_caching_fits_a_nightly_rebuild(server: Server, demo: Path) -> None:
    urls = kinds_of_url(demo)
    # Content changes every night: always revalidated, never kept by a shared cache.
    for kind in ("home", "page", "stats", "search index", "docx", "robots"):
        answer = server.get(urls[kind], USER, PASSWORD)
        assert answer.headers["cache-control"] == "private, no-cache", kind
        assert answer.headers.get("etag") and answer.headers.get("last-modified"), kind
    # A file whose name carries its content hash never changes under that name.
    bundle = server.get(urls["asset"], USER, PASSWORD)
    assert bundle.headers["cache-control"] == "private, max-age=31536000, immutable"
    css = server.get("assets/portal.css", USER, PASSWORD)
    assert css.headers["cache-control"] == "private, max-age=3600"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links += [v or "" for k, v in attrs if k == "href"]


def test_no_directory_listing_and_no_hidden_files(server: Server, demo: Path) -> None:
    folders = [p for p in demo.rglob("*") if p.is_dir() and not (p / "index.html").exists()]
    assert folders, "the demo has folders without an index page (assets/, reports/YYYY/, …)"
    for folder in folders:
        url = folder.relative_to(demo).as_posix() + "/"
        answer = server.get(url, USER, PASSWORD)
        assert answer.status in (403, 404), f"/{url}: {answer.status}"
        parser = _Links()
        parser.feed(answer.body.decode("utf-8", "replace"))
        children = {child.name for child in folder.iterdir()}
        listed = [link for link in parser.links if link.rstrip("/") in children]
        assert not listed and b"Index of" not in answer.body, f"/{url} lists its files: {listed}"
    (demo / ".portal-release").write_text("x", encoding="utf-8")
    assert server.get(".portal-release", USER, PASSWORD).status == 404
    bundle = kinds_of_url(demo)["asset"]
    assert server.get(bundle + ".map", USER, PASSWORD).status == 404


def test_internal_by_default_robots_noindex_no_sitemap(demo: Path) -> None:
    assert (demo / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n"
    assert not (demo / "sitemap.xml").exists() and not (demo / "sitemap.xml.gz").exists()
    pages = sorted(demo.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        assert head.count('<meta name="robots" content="noindex, nofollow">') == 1, page
        assert head.count('http-equiv="Content-Security-Policy"') == 1, page


def test_publish_sitemap_is_opt_in_and_validated(tmp_path: Path) -> None:
    from tests.conftest import PORTAL

    bad = make_site(tmp_path / "bad", portal={**PORTAL, "publish_sitemap": "yes"})
    result = run_cli(bad, "check")
    assert result.code == 2
    assert "extra.portal.publish_sitemap" in result.err and "true 或 false" in result.err
    site = make_site(tmp_path / "on", reports={"a.md": report()}, portal={**PORTAL, "publish_sitemap": True})
    built = mkdocs_build(site)
    assert built.returncode == 0, built.stderr
    sitemap = (site / "_site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<urlset" in sitemap and "{%" not in sitemap  # rendered, not the raw template
    assert (site / "_site" / "robots.txt").exists()


# --- deploy.sh ----------------------------------------------------------------------------------------------


def deploy(
    site: Path, root: Path | str, python: str | None = None, keep: int = 5, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PORTAL_ROOT": str(root),
        "PORTAL_SRC": str(site),
        "PORTAL_KEEP": str(keep),
        "PYTHON": python or os.environ.get("PORTAL_TEST_PYTHON", ""),
        "PORTAL_AS_OF": "2026-04-05",
    }
    if not env["PYTHON"]:
        import sys

        env["PYTHON"] = sys.executable
    return subprocess.run(
        ["bash", str(DEPLOY)], env=env, capture_output=True, text=True, timeout=600, start_new_session=True, cwd=cwd
    )


def live(root: Path) -> str:
    return os.readlink(root / "current")


def test_deploy_switches_a_symlink_and_a_failed_build_changes_nothing(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"a.md": report(title="第一条信息")})
    root = tmp_path / "srv"
    first = deploy(site, root)
    assert first.returncode == 0, first.stderr
    release = live(root)
    assert re.fullmatch(r"releases/\d{8}T\d{6}\.\d{9}Z", release)
    served = root / "current"
    assert "第一条信息" in (served / "reports" / "a" / "index.html").read_text(encoding="utf-8")
    before = {p.relative_to(served): p.read_bytes() for p in served.rglob("*") if p.is_file()}

    # A content error: the build fails, the live site is the same files, no half-built folder is left.
    (site / "content" / "reports" / "b.md").write_text(report(title="坏", section="不存在的股"), encoding="utf-8")
    failed = deploy(site, root)
    assert failed.returncode == 1
    assert "current is unchanged" in failed.stderr
    assert live(root) == release
    assert {p.relative_to(served): p.read_bytes() for p in served.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in (root / "releases").iterdir()) == [release.split("/")[1]]

    # Fixed: a new release goes live; the older one is kept (PORTAL_KEEP) for a quick rollback.
    (site / "content" / "reports" / "b.md").write_text(report(title="第二条信息"), encoding="utf-8")
    second = deploy(site, root, keep=2)
    assert second.returncode == 0, second.stderr
    assert live(root) != release
    assert "第二条信息" in (served / "reports" / "b" / "index.html").read_text(encoding="utf-8")
    assert len(list((root / "releases").iterdir())) == 2
    third = deploy(site, root, keep=2)
    assert third.returncode == 0, third.stderr
    assert len(list((root / "releases").iterdir())) == 2  # the oldest was pruned


def test_a_build_killed_with_kill_9_never_touches_the_served_site(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"a.md": report(title="线上版本")})
    root = tmp_path / "srv"
    assert deploy(site, root).returncode == 0
    release = live(root)
    served = root / "current"
    before = {p.relative_to(served): p.read_bytes() for p in served.rglob("*") if p.is_file()}
    # A "python" that starts writing the site (some pages, no search index) and then is killed, together
    # with deploy.sh itself, with SIGKILL: nothing of deploy.sh's own cleanup can run.
    killer = tmp_path / "killed-python"
    killer.write_text(
        '#!/bin/sh\nfor a; do out="$a"; done\nmkdir -p "$out/reports"\necho partial > "$out/index.html"\nkill -9 0\n',
        encoding="utf-8",
    )
    killer.chmod(0o755)
    killed = deploy(site, root, python=str(killer))
    assert killed.returncode == -9
    assert live(root) == release
    assert {p.relative_to(served): p.read_bytes() for p in served.rglob("*") if p.is_file()} == before
    leftovers = [p.name for p in (root / "releases").iterdir() if p.name.startswith(".building-")]
    assert len(leftovers) == 1  # the half-written build, beside the live one, never served
    again = deploy(site, root)
    assert again.returncode == 0, again.stderr
    assert not [p for p in (root / "releases").iterdir() if p.name.startswith(".building-")]
    assert live(root) != release


def test_nginx_serves_the_new_release_after_the_switch_without_reload(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"a.md": report(title="旧版本信息")})
    root = tmp_path / "srv"
    assert deploy(site, root).returncode == 0
    users = tmp_path / "users"
    add_user(users, USER, PASSWORD)
    work = tmp_path / "nginx"
    work.mkdir()
    with nginx(work, root / "current", users) as running:
        assert "旧版本信息" in running.get("reports/a/", USER, PASSWORD).body.decode()
        (site / "content" / "reports" / "a.md").write_text(report(title="新版本信息"), encoding="utf-8")
        assert deploy(site, root).returncode == 0
        page = running.get("reports/a/", USER, PASSWORD).body.decode()
        assert "新版本信息" in page and "旧版本信息" not in page


def test_a_relative_portal_root_is_taken_from_where_deploy_was_started(tmp_path: Path) -> None:
    site = make_site(tmp_path / "checkout", reports={"a.md": report(title="第一条信息")})
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    caller = tmp_path / "caller"
    caller.mkdir()
    result = deploy(site, "srv", cwd=caller)  # PORTAL_ROOT=srv, started in caller/
    assert result.returncode == 0, result.stderr
    assert "第一条信息" in (caller / "srv/current/reports/a/index.html").read_text(encoding="utf-8")
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before  # nothing was built inside the checkout


def test_a_current_that_is_a_plain_folder_is_refused_with_the_fix(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"a.md": report()})
    root = tmp_path / "srv"
    (root / "current").mkdir(parents=True)
    (root / "current" / "index.html").write_text("手工复制的网站", encoding="utf-8")
    result = deploy(site, root)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"deploy.sh：{root}/current 是一个普通文件夹，不是符号链接")
    assert (root / "current" / "index.html").read_text(encoding="utf-8") == "手工复制的网站"  # left as it was
    assert list((root / "releases").iterdir()) == []  # nothing was built
    # The fix the message gives: the copy becomes the oldest release (pruned in time), then deploy works.
    fix = lines[0].split("（只需一次）：", 1)[1]
    assert fix == (
        f"mv {root}/current {root}/releases/00000000T000000.000000000Z && "
        f"ln -s releases/00000000T000000.000000000Z {root}/current"
    )
    subprocess.run(["sh", "-c", fix], check=True)
    assert (root / "current" / "index.html").read_text(encoding="utf-8") == "手工复制的网站"
    again = deploy(site, root)
    assert again.returncode == 0, again.stderr
    assert live(root) != "releases/00000000T000000.000000000Z"


def test_kill_9_of_deploy_alone_leaves_no_build_running_and_no_lock(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"a.md": report()})
    root = tmp_path / "srv"
    started = tmp_path / "build-started"
    # A "python" that says it started, then builds for ever (a real build would go on for minutes).
    slow = tmp_path / "slow-python"
    slow.write_text(f'#!/bin/sh\necho $$ > "{started}"\nexec sleep 600\n', encoding="utf-8")
    slow.chmod(0o755)
    env = {**os.environ, "PORTAL_ROOT": str(root), "PORTAL_SRC": str(site), "PYTHON": str(slow)}
    script = subprocess.Popen(["bash", str(DEPLOY)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    until(lambda: started.exists() and started.read_text().strip() != "", "the build's start")
    build = int(started.read_text())
    os.kill(script.pid, 9)  # deploy.sh alone: its build is not in the signal's way
    script.wait()
    try:
        until(lambda: not running(build), "the build's end")  # it died with deploy.sh
        lock = subprocess.run(["flock", "-n", str(root / ".deploy.lock"), "true"])
        assert lock.returncode == 0, "the lock is still held"
    finally:
        if running(build):
            os.kill(build, 9)


def running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def until(condition: Callable[[], bool], what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what} did not happen within {seconds} s"
        time.sleep(0.05)


# --- the documented variants: TLS, auth_request (LDAP/SSO), a trusted header -------------------------------------


def test_tls_variant_redirects_http_and_sends_hsts(demo: Path, tmp_path: Path) -> None:
    import http.client
    import ssl

    from tests.deploy_support import Server, free_port

    cert, key = certificate(tmp_path)
    users = tmp_path / "users"
    add_user(users, USER, PASSWORD)
    https_port = free_port()
    replace = {
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "/etc/ssl/certs/portal.crt": str(cert),
        "/etc/ssl/private/portal.key": str(key),
    }
    with nginx(tmp_path, demo, users, server="portal-tls.conf", replace=replace) as plain:
        host, port = plain.url.split("//")[1].rstrip("/").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        connection.request("GET", "/stats.json")
        moved = connection.getresponse()
        assert moved.status == 301 and moved.getheader("Location", "").startswith("https://")
        connection.close()
        secure = Server(f"https://127.0.0.1:{https_port}/", plain.log, ssl.create_default_context(cafile=str(cert)))
        assert secure.get("stats.json").status == 401
        answer = secure.get("stats.json", USER, PASSWORD)
        assert answer.status == 200 and answer.body == (demo / "stats.json").read_bytes()
        assert answer.headers["strict-transport-security"] == "max-age=31536000"
        assert answer.headers["x-frame-options"] == "DENY"
        page = secure.get("", USER, PASSWORD)
        assert page.headers["strict-transport-security"] == "max-age=31536000"  # in every location
    assert "strict-transport-security" not in server_headers_over_http(demo, tmp_path / "http")


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key."""
    cert, key = folder / "portal.crt", folder / "portal.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def server_headers_over_http(demo: Path, work: Path) -> dict[str, str]:
    work.mkdir()
    users = work / "users"
    add_user(users, USER, PASSWORD)
    with nginx(work, demo, users) as plain:
        return plain.get("", USER, PASSWORD).headers


class _AuthService:
    """A stand-in for nginx-ldap-auth / oauth2-proxy: 200 for one token, 401 otherwise; records what it saw."""

    def __init__(self) -> None:
        import http.server
        import threading

        seen: list[str] = []
        self.seen = seen

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                seen.append(self.headers.get("X-Original-URI", ""))
                ok = self.headers.get("Authorization") == "Bearer good-token"
                self.send_response(200 if ok else 401)
                if ok:
                    self.send_header("X-Auth-Request-User", "liming")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def test_auth_request_variant_asks_the_service_for_every_kind_of_url(demo: Path, tmp_path: Path) -> None:
    service = _AuthService()
    try:
        replace = {"http://127.0.0.1:9090/auth": f"http://127.0.0.1:{service.port}/auth"}
        with nginx(tmp_path, demo, tmp_path / "unused", variant="auth-request.conf", replace=replace) as running:
            for kind, url in kinds_of_url(demo).items():
                assert running.get(url).status == 401, kind
                assert running.get(url, headers={"Authorization": "Bearer bad"}).status == 401, kind
                answer = running.get(url, headers={"Authorization": "Bearer good-token"})
                assert answer.status == 200, kind
                assert answer.headers["x-content-type-options"] == "nosniff"
            assert "/stats.json" in service.seen and "/search/search_index.json" in service.seen
            assert running.get("_portal_auth", headers={"Authorization": "Bearer good-token"}).status == 404
    finally:
        service.close()


def test_trusted_header_variant_needs_the_proxy_address_and_the_header(demo: Path, tmp_path: Path) -> None:
    replace = {"allow 10.0.0.5;": "allow 127.0.0.1;"}
    with nginx(tmp_path, demo, tmp_path / "unused", variant="trusted-header.conf", replace=replace) as running:
        assert running.get("stats.json").status == 401
        assert running.get("stats.json", headers={"X-Remote-User": "liming"}).status == 200
    # From an address that is not the proxy's: refused whatever it sends.
    with nginx(tmp_path / "other", demo, tmp_path / "unused", variant="trusted-header.conf") as running:
        assert running.get("stats.json", headers={"X-Remote-User": "liming"}).status == 403


def test_gitlab_pages_variant_refuses_to_publish_without_access_control(tmp_path: Path) -> None:
    import yaml

    pipeline = yaml.safe_load((REPO / "deploy" / "gitlab-pages" / "gitlab-ci.yml").read_text(encoding="utf-8"))
    guard = pipeline["pages"]["script"][0]
    env = {k: v for k, v in os.environ.items() if k != "PORTAL_PAGES_ACCESS_CONTROL"}
    refused = subprocess.run(["sh", "-c", guard], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert refused.returncode == 1 and "Only project members" in refused.stderr
    allowed = subprocess.run(
        ["sh", "-c", guard], env={**env, "PORTAL_PAGES_ACCESS_CONTROL": "members"}, capture_output=True, cwd=tmp_path
    )
    assert allowed.returncode == 0
    assert pipeline["pages"]["artifacts"]["paths"] == ["public"]


# --- every answer of nginx carries the headers (issue 28) ----------------------------------------------------


def raw(url: str, request: bytes) -> tuple[int, dict[str, str]]:
    """Sends ``request`` as it is (what urllib refuses to send); the status and the headers (lower-case names)."""
    host, port = url.split("//")[1].rstrip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers = {}
    for line in head[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(head[0].split()[1]), headers


BAD_REQUESTS = {
    # what nginx refuses before any location is chosen, each with its status
    "a duplicate Host": (b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n", 400),
    "an invalid header line": (b"GET / HTTP/1.1\r\nHost: a\r\nBad\x01Header: x\r\nConnection: close\r\n\r\n", 400),
    "no Host in HTTP/1.1": (b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n", 400),
    "an address too long": (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", 414),
    "a body too large": (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999\r\nConnection: close\r\n\r\n", 413),
}


def assert_security_headers(headers: dict[str, str], what: str) -> None:
    assert headers.get("x-content-type-options") == "nosniff", what
    assert headers.get("x-frame-options") == "DENY", what
    assert headers.get("referrer-policy") == "no-referrer", what
    assert "frame-ancestors 'none'" in headers.get("content-security-policy", ""), what
    assert headers.get("x-robots-tag") == "noindex, nofollow", what
    assert headers.get("server") == "nginx", what  # no version


def test_refused_requests_carry_the_security_headers(server: Server) -> None:
    for what, (request, status) in BAD_REQUESTS.items():
        answer = raw(server.url, request)
        assert answer[0] == status, what
        assert_security_headers(answer[1], what)


def test_the_tls_redirect_names_the_configured_host_and_no_version(demo: Path, tmp_path: Path) -> None:
    users = tmp_path / "users"
    add_user(users, USER, PASSWORD)
    cert, key = certificate(tmp_path)
    replace = {
        "listen 443 ssl http2;": f"listen 127.0.0.1:{free_port()} ssl http2;",  # not asked here
        "/etc/ssl/certs/portal.crt": str(cert),
        "/etc/ssl/private/portal.key": str(key),
    }
    with nginx(tmp_path, demo, users, server="portal-tls.conf", replace=replace) as plain:
        for host in (b"portal.example.internal", b"evil.example.com", b"127.0.0.1"):
            status, headers = raw(
                plain.url, b"GET /stats.json?x=1 HTTP/1.1\r\nHost: " + host + b"\r\nConnection: close\r\n\r\n"
            )
            assert status == 301
            assert headers["location"] == "https://portal.example.internal/stats.json?x=1", host  # never the Host sent
            assert_security_headers(headers, f"redirect for {host!r}")
        for what, (request, status) in BAD_REQUESTS.items():
            answer = raw(plain.url, request)
            assert answer[0] in (status, 301), what  # a body too large is redirected before it is read
            assert_security_headers(answer[1], f"port 80: {what}")
