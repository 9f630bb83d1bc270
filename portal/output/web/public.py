"""The public subset (issue 17): the reports marked ``classification: 公开``, and nothing else.

Pure: :func:`public_site` takes the checked, masked content and the settings
and returns ``{relative path: text}`` — an index page, one page per report
and an Atom feed — for the government website to take over.  Only a report's
title, date, section name and body (rendered and sanitized exactly like the
portal's report pages) are published: no scores, authors, adoptions,
instructions, requests, tags or drafts.  Pages carry a CSP that allows no
script at all.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import shutil
import tempfile
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined

from ...content.sanitize import sanitize_html
from ...model.objects import Content, Report, Settings
from ...words import pages as page_words
from ...words.messages import listing, say

PUBLIC = "公开"
MARKER = ".portal-public"  # marks a folder this command wrote (and may replace)
CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"
_H1_RE = re.compile(r"\A\s*#[ \t]+(\S[^\n]*)(?:\n|\Z)")


@dataclass(frozen=True)
class PublicReport:
    """What may leave the bureau of one report."""

    title: str
    day: str  # YYYY-MM-DD
    section: str
    body_html: str  # sanitized
    href: str  # relative to the subset's root


def public_reports(content: Content) -> list[PublicReport]:
    """The 公开 reports that are not drafts, newest first (same day: by title)."""
    chosen = [r for r in content.reports if r.classification == PUBLIC and not r.draft]
    chosen.sort(key=lambda r: (r.title, r.src_uri))
    chosen.sort(key=lambda r: r.date, reverse=True)
    return [_public(r) for r in chosen]


def _public(report: Report) -> PublicReport:
    import markdown

    body = _H1_RE.sub("", report.body, count=1)
    html_text = markdown.markdown(body, extensions=["tables"])
    stem = report.src_uri[: -len(os.path.splitext(report.src_uri)[1])]
    if stem.startswith("reports/"):
        stem = stem[len("reports/") :]
    sections = listing(report.sections)  # a joint report (合报) names every section
    return PublicReport(report.title, f"{report.date:%Y-%m-%d}", sections, sanitize_html(html_text), stem)


_IMG_SRC_RE = re.compile(r"<img\b[^>]*?\bsrc=\"([^\"]+)\"", re.IGNORECASE)


def public_images(content: Content) -> list[str]:
    """The files (relative to the content folder) that the 公开 reports' pages show as images.

    A page of the subset sits where its report sits (``reports/2026/03/a.md`` → ``reports/2026/03/a.html``),
    so an image keeps its path relative to the content folder and every relative ``src`` still finds it.
    """
    found: set[str] = set()
    for item in public_reports(content):
        folder = posixpath.dirname(f"reports/{item.href}")
        for src in _IMG_SRC_RE.findall(item.body_html):
            src = html.unescape(src).split("#", 1)[0].split("?", 1)[0]
            if not src or "://" in src or src.startswith(("/", "data:")):
                continue
            path = posixpath.normpath(posixpath.join(folder, urllib.parse.unquote(src)))
            if not path.startswith("../"):
                found.add(path)
    return sorted(found)


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("portal.output.web", "templates/public"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["P"] = page_words  # the words, from portal/words/
    return env


def public_site(content: Content, settings: Settings) -> dict[str, str]:
    """Every file of the public subset, ``{path: text}`` (paths use ``/``)."""
    env = _env()
    reports = public_reports(content)
    org = settings.organization
    files: dict[str, str] = {MARKER: "Written by `build_stats.py public`; the whole folder is replaced each run.\n"}
    files["index.html"] = env.get_template("index.html.j2").render(org=org, reports=reports, csp=CSP)
    for item in reports:
        depth = item.href.count("/") + 1
        files[f"reports/{item.href}.html"] = env.get_template("report.html.j2").render(
            org=org, r=item, csp=CSP, root="../" * depth
        )
    files["feed.xml"] = env.get_template("feed.xml.j2").render(org=org, reports=reports)
    files["public.css"] = env.get_template("public.css").render()
    return files


class OutputError(Exception):
    """The output folder exists and is not one this command wrote."""


def write_public(files: Mapping[str, str | bytes], output: str, docs_dir: str) -> None:
    """Write ``files`` into ``output`` as a whole: a folder built aside, then moved into place.

    Never into the content folder (``docs_dir``: the portal would publish the subset again, unchecked) and
    never in place of a symbolic link (the rename would replace the link, not the folder it points to).
    """
    if os.path.islink(output.rstrip("/\\") or output):
        raise OutputError(say("safety.public_symlink", output=output))
    docs, real = os.path.realpath(docs_dir), os.path.realpath(output)
    if os.path.commonpath([real, docs]) in (docs, real):
        shown = os.path.relpath(docs_dir)
        raise OutputError(say("safety.public_in_content", output=output, docs=docs_dir if ".." in shown else shown))
    output = os.path.abspath(output)
    if os.path.exists(output) and not _replaceable(output):
        raise OutputError(say("commands.public_exists", output=output))
    parent = os.path.dirname(output)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".public-", dir=parent)
    try:
        for path, text in files.items():
            target = os.path.join(staging, *path.split("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            if isinstance(text, bytes):
                with open(target, "wb") as binary:
                    binary.write(text)
                continue
            with open(target, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        os.chmod(staging, 0o755)
        if os.path.exists(output):
            old = tempfile.mkdtemp(prefix=".public-old-", dir=parent)
            os.rename(output, os.path.join(old, "x"))
            os.rename(staging, output)
            shutil.rmtree(old)
        else:
            os.rename(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _replaceable(path: str) -> bool:
    if not os.path.isdir(path):
        return False
    return not os.listdir(path) or os.path.exists(os.path.join(path, MARKER))
