"""What a build reuses under ``mkdocs serve``: the downloads of a bulletin whose figures did not change, a
report's page whose inputs did not change, and the theme's compiled templates.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import jinja2
import pytest

from portal.figures.tally import evaluate, tally
from portal.model.dates import period_containing, resolve_as_of
from portal.output.bulletin import Bulletin, make_bulletin
from portal.store.reuse import Downloads, PageMemo, TemplateCode, bulletin_key, can_fork, digest_of, render
from tests.conftest import load_in, make_site, report

REPORTS = {
    "2026/03/a.md": report(date="2026-03-02", author="王芳", adopted="市委办", body="第一稿。\n"),
    "2026/03/b.md": report(date="2026-03-03", section="乙股", author="李雷", body="正文。\n"),
}


def march_bulletin(tmp_path: Path, reports: dict[str, str]) -> Bulletin:
    site = make_site(tmp_path, reports=reports)
    loaded = load_in(site)
    as_of = resolve_as_of("2026-04-05", {}, datetime(2026, 4, 5), loaded.settings.tz)
    ev = evaluate(loaded.content, loaded.settings, as_of)
    return make_bulletin(ev, period_containing(date(2026, 3, 1)), lambda p: tally(ev, p))


@pytest.mark.slow
def test_a_bulletin_key_ignores_report_texts_only(tmp_path: Path) -> None:
    first = march_bulletin(tmp_path / "1", REPORTS)
    edited = march_bulletin(tmp_path / "2", {**REPORTS, "2026/03/a.md": REPORTS["2026/03/a.md"] + "补充。\n"})
    retitled = march_bulletin(
        tmp_path / "3", {**REPORTS, "2026/03/a.md": REPORTS["2026/03/a.md"].replace("一条", "另一条")}
    )
    adopted = march_bulletin(tmp_path / "4", {**REPORTS, "2026/03/b.md": report(section="乙股", adopted="县委办")})
    assert bulletin_key(first) == bulletin_key(edited)
    # the assumption behind the key: no download prints a report's text
    assert render(first) == render(edited)
    assert len({bulletin_key(first), bulletin_key(retitled), bulletin_key(adopted)}) == 3


@pytest.mark.slow
def test_downloads_are_made_once_per_distinct_bulletin(tmp_path: Path) -> None:
    first = march_bulletin(tmp_path / "1", REPORTS)
    again = march_bulletin(tmp_path / "2", REPORTS)
    other = march_bulletin(tmp_path / "3", {**REPORTS, "2026/03/b.md": report(section="乙股", adopted="县委办")})
    downloads = Downloads()
    (made,) = downloads.make([first])
    downloads.end_build()
    downloads.end_build()  # a build whose pages were all reused made no downloads: nothing is forgotten
    (reused,) = downloads.make([again])
    assert set(made) == {"docx", "xlsx"} and reused["docx"].made is made["docx"].made
    assert reused["xlsx"].data() == render(first)["xlsx"]
    downloads.end_build()
    downloads.make([other])
    downloads.end_build()  # the figures changed: the old bulletin's files are not kept
    assert list(downloads.memo) == [bulletin_key(other)]


def test_page_memo_and_digests() -> None:
    memo = PageMemo()
    calls: list[int] = []

    def make() -> str:
        calls.append(1)
        return "页面"

    assert memo.get(("a", 1), make) == "页面"
    memo.end_build()
    assert memo.get(("a", 1), make) == "页面" and len(calls) == 1
    assert memo.get(("a", 2), make) == "页面" and len(calls) == 2
    shared = "同一个字符串" * 3
    # equal values, one string object or two: the same digest (pickle's memo is off)
    assert digest_of((shared, shared)) == digest_of((shared, "".join(["同一个字符串"] * 3)))


def test_template_code_is_reused_and_checked_against_the_source() -> None:
    code = TemplateCode()
    sources = {"t.html": "{{ x }}!"}
    first = jinja2.Environment(loader=jinja2.DictLoader(sources), bytecode_cache=code)
    assert first.get_template("t.html").render(x=1) == "1!"
    assert len(code.store) == 1
    sources["t.html"] = "{{ x }}?"  # an override edited between two builds
    second = jinja2.Environment(loader=jinja2.DictLoader(sources), bytecode_cache=code)
    assert second.get_template("t.html").render(x=2) == "2?"


def test_only_a_reports_own_page_shows_its_text() -> None:
    """PageMemo keys the statistics pages and Downloads keys the .docx/.xlsx without the reports' and
    requests' texts: that holds while nothing but a report's or request's own page reads ``.body``.
    """
    package = Path(__file__).resolve().parent.parent / "portal"
    renderers = [*package.rglob("page_*.py"), *package.rglob("export*.py")]
    renderers += [p for p in package.rglob("templates/*") if p.is_file()]
    named = (
        "output/web/pages.py",
        "output/web/render.py",
        "output/bulletin.py",
        "output/web/charts.py",
        "words/vocabulary.py",
    )
    renderers += [package / name for name in named]
    # ``od.body(…)`` (a paragraph in Word) is a call, not a text read
    readers = {p.name for p in renderers if re.search(r"\.body\b(?!\()", p.read_text(encoding="utf-8"))}
    # a periodical issue prints its reports' texts: Portal.pages() keys those pages with the texts
    assert readers == {"page_items.py", "page_periodicals.py"}


@pytest.mark.slow
def test_downloads_made_in_a_worker_process_are_the_same_files(tmp_path: Path) -> None:
    bulletins = [
        march_bulletin(tmp_path / "1", REPORTS),
        march_bulletin(tmp_path / "2", {**REPORTS, "2026/03/b.md": report(section="乙股", adopted="县委办")}),
    ]
    background = Downloads(background=True).make(bulletins)
    if can_fork():  # one worker, forked, made both bulletins' files
        assert all(files["docx"].made.future is not None for files in background)
    for files, b in zip(background, bulletins):
        assert {fmt: d.data() for fmt, d in files.items()} == render(b)
