"""The editor's third-party files (issue 27): fetch Decap CMS from npm, checked; run its local backend.

    python tools/cms.py fetch [--into vendor/cms]
        npm pack each package of portal.output.web.editor.PACKAGES at its pinned version, check the tarball
        against the pinned SHA-512 ``integrity`` (and decap-cms.js against its pinned SHA-256), and unpack only
        the served files into the vendor folder with a MANIFEST.json of their SHA-256; a build copies them to
        admin/ (see portal/output/web/editor.py).  Run it once on a machine that reaches an npm registry
        (``npm config get registry``:
        an intranet mirror works), then copy the vendor folder to the build machine if it has none.

    python tools/cms.py server [--port 8081] [--site .] [--git]
        install decap-server (pinned) under vendor/cms-server and run it on 127.0.0.1: the editor's ``local``
        backend writes into the site's folder (``--git``: commits instead).

Exit codes: 0 done, 1 a check failed (nothing is left in the vendor folder), 2 usage, 4 npm failed.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from portal.output.web.editor import MANIFEST, PACKAGES, PINNED_SHA256, SERVED, VENDOR
from portal.words.messages import say

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVER = ("decap-server", "3.11.3")


class Failed(Exception):
    """npm could not do it (exit 4); the message is the catalogue's."""


class Checked(Failed):
    """A file is not what was pinned (exit 1); nothing was installed."""


def _why(exc: Exception) -> str:
    return (getattr(exc, "stderr", "") or str(exc)).strip()[-500:]


def integrity(path: str) -> str:
    """The npm ``integrity`` (sha512-, base64) of a file."""
    digest = hashlib.sha512()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return "sha512-" + base64.b64encode(digest.digest()).decode("ascii")


def pack(name: str, version: str, folder: str) -> str:
    """``npm pack name@version`` into ``folder``; the tarball's path."""
    try:
        done = subprocess.run(
            ["npm", "pack", f"{name}@{version}", "--pack-destination", folder, "--silent"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        raise Failed(say("editor.npm_failed", command=f"npm pack {name}@{version}", reason=_why(exc))) from None
    return os.path.join(folder, done.stdout.strip().splitlines()[-1])


def unpack(name: str, tarball: str, into: str) -> dict[str, str]:
    """The served files of one verified tarball written under ``into``; their SHA-256 by served path."""
    pattern, prefix = SERVED[name]
    served = re.compile(pattern)
    found: dict[str, str] = {}
    with tarfile.open(tarball, "r:gz") as archive:
        for member in archive.getmembers():
            inner = member.name.split("/", 1)[1] if "/" in member.name else member.name
            if not member.isfile() or not served.fullmatch(inner) or ".." in inner.split("/"):
                continue
            rel = prefix + (inner.split("/", 1)[1] if name == "decap-cms" else inner.replace("browser/dist/", ""))
            data = archive.extractfile(member).read()  # type: ignore[union-attr]
            target = os.path.join(into, *rel.split("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(data)
            found[rel] = hashlib.sha256(data).hexdigest()
    return found


def fetch(into: str) -> None:
    """Fetch, check and unpack every package; the vendor folder is replaced only when everything checked."""
    os.makedirs(os.path.dirname(os.path.abspath(into)), exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".cms-", dir=os.path.dirname(os.path.abspath(into)))
    try:
        files: dict[str, str] = {}
        with tempfile.TemporaryDirectory() as packs:
            for name, (version, expected) in PACKAGES.items():
                tarball = pack(name, version, packs)
                actual = integrity(tarball)
                if actual != expected:
                    raise Checked(
                        say("editor.integrity", package=f"{name}@{version}", expected=expected, actual=actual)
                    )
                files.update(unpack(name, tarball, staging))
        for rel, digest in PINNED_SHA256.items():
            if files.get(rel) != digest:
                raise Checked(say("editor.pinned", path=rel))
        manifest = {"packages": {n: v for n, (v, _) in PACKAGES.items()}, "files": dict(sorted(files.items()))}
        with open(os.path.join(staging, MANIFEST), "w", encoding="utf-8") as handle:
            json.dump(manifest, handle, indent=1, sort_keys=True)
        shutil.rmtree(into, ignore_errors=True)
        os.replace(staging, into)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(say("editor.fetched", count=len(files), into=into))


def server_command(prefix: str) -> list[str]:
    """Install decap-server (pinned) under ``prefix`` if needed; the command that runs it."""
    script = os.path.join(prefix, "node_modules", SERVER[0], "dist", "index.js")
    if not os.path.isfile(script):
        try:
            subprocess.run(
                ["npm", "install", "--prefix", prefix, "--no-audit", "--no-fund", f"{SERVER[0]}@{SERVER[1]}"],
                check=True,
                capture_output=True,
            )
        except (OSError, subprocess.CalledProcessError) as exc:
            command = f"npm install {SERVER[0]}@{SERVER[1]}"
            raise Failed(say("editor.npm_failed", command=command, reason=_why(exc))) from None
    return ["node", script]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="tools/cms.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    get = sub.add_parser("fetch")
    get.add_argument("--into", default=os.path.join(ROOT, VENDOR))
    run = sub.add_parser("server")
    run.add_argument("--port", type=int, default=8081)
    run.add_argument("--site", default=ROOT)
    run.add_argument("--git", action="store_true")
    args = parser.parse_args(argv)
    try:
        if args.command == "fetch":
            fetch(args.into)
            return 0
        command = server_command(os.path.join(ROOT, "vendor", "cms-server"))
    except Checked as exc:
        print(exc, file=sys.stderr)
        return 1
    except Failed as exc:
        print(exc, file=sys.stderr)
        return 4
    env = dict(os.environ, PORT=str(args.port), BIND_HOST="127.0.0.1", MODE="git" if args.git else "fs")
    env["GIT_REPO_DIRECTORY"] = os.path.abspath(args.site)
    return subprocess.call(command, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
