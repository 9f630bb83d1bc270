"""Run the shipped nginx configuration (deploy/nginx) as an unprivileged, foreground nginx on 127.0.0.1.

The three paths the shipped files name (the site root, the htpasswd file and the snippets folder) and the
``listen`` line are the only things replaced; everything else is served exactly as shipped.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from base64 import b64encode
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import REPO

NGINX_DIR = REPO / "deploy" / "nginx"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HTPASSWD = shutil.which("htpasswd") or "/usr/bin/htpasswd"


@dataclass
class Response:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes


@dataclass
class Server:
    url: str
    log: Path
    tls: ssl.SSLContext | None = None

    def get(
        self, path: str, user: str | None = None, password: str = "", headers: dict[str, str] | None = None
    ) -> Response:
        request = urllib.request.Request(self.url + path.lstrip("/"), headers=headers or {})
        if user is not None:
            token = b64encode(f"{user}:{password}".encode()).decode()
            request.add_header("Authorization", f"Basic {token}")
        try:
            with urllib.request.urlopen(request, timeout=30, context=self.tls) as answer:
                return Response(answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def add_user(htpasswd: Path, user: str, password: str) -> None:
    """``htpasswd -B`` as the guide tells the office to run it (bcrypt; -c only for a new file)."""
    create = [] if htpasswd.exists() else ["-c"]
    subprocess.run([HTPASSWD, *create, "-b", "-B", str(htpasswd), user, password], check=True, capture_output=True)


_BASIC_AUTH = re.compile(r"^auth_basic .*\n^auth_basic_user_file .*\n", re.MULTILINE)


def render_config(
    work: Path,
    root: Path,
    htpasswd: Path,
    port: int,
    server: str = "portal.conf",
    variant: str | None = None,
    replace: dict[str, str] | None = None,
) -> Path:
    """The shipped ``server`` file + snippets with the local paths, inside a minimal nginx.conf.

    ``variant`` (a file of deploy/nginx/variants/) takes the place of the two ``auth_basic`` lines, as the
    README says; ``replace`` adapts its addresses.
    """
    snippets = work / "portal"
    snippets.mkdir(parents=True, exist_ok=True)
    replace = {
        "/srv/portal/current": str(root),
        "/etc/nginx/portal.htpasswd": str(htpasswd),
        "/etc/nginx/portal/": f"{snippets}/",
        "listen 80;": f"listen 127.0.0.1:{port};",
        **(replace or {}),
    }
    for name in (server, "portal-site.conf", "portal-headers.conf"):
        text = (NGINX_DIR / name).read_text(encoding="utf-8")
        if name == "portal-site.conf" and variant is not None:
            text, count = _BASIC_AUTH.subn((NGINX_DIR / "variants" / variant).read_text(encoding="utf-8"), text)
            assert count == 1, "portal-site.conf has no auth_basic lines to replace"
        for old, new in replace.items():
            text = text.replace(old, new)
        (snippets / name).write_text(text, encoding="utf-8")
    temp = work / "temp"
    temp.mkdir(exist_ok=True)
    main = work / "nginx.conf"
    # As root, nginx's workers would switch to "nobody", who cannot enter pytest's private temp folders.
    user = "user root root;\n" if os.geteuid() == 0 else ""
    main.write_text(
        f"""{user}worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {work}/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {snippets}/{server};
}}
""",
        encoding="utf-8",
    )
    return main


@contextmanager
def nginx(work: Path, root: Path, htpasswd: Path, port: int | None = None, **options: Any) -> Iterator[Server]:
    """A foreground nginx serving ``root`` (``options``: see :func:`render_config`); stopped on exit."""
    port = port or free_port()
    config = render_config(work, root, htpasswd, port, **options)
    base = [NGINX, "-p", str(work), "-e", str(work / "error.log"), "-c", str(config)]
    check = subprocess.run([*base, "-t"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([*base, "-g", "daemon off;"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait_for(port, process)
        yield Server(f"http://127.0.0.1:{port}/", work / "error.log")
    finally:
        process.terminate()
        process.wait(timeout=30)
        if process.stdout:
            process.stdout.close()
        if process.stderr:
            process.stderr.close()


def _wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    """Until nginx accepts connections (it has no readiness signal in the foreground)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"nginx exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.02)
    raise AssertionError("nginx did not start listening within 30 s")
