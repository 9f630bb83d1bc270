"""``build_stats.py public -o DIR`` (issue 17): the 公开 reports and nothing else."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from portal.edge.site import load_site, read_config
from portal.model.objects import Content
from tests.conftest import REPO, make_site, report, run_cli

_MARKUP = re.compile(r"[<>&*_`#\[\]|!]")


def texts(folder: Path) -> dict[str, str]:
    """Every file of the subset, entities decoded (the feed escapes its HTML)."""
    return {
        p.relative_to(folder).as_posix(): unescape(p.read_text(encoding="utf-8"))
        for p in folder.rglob("*")
        if p.is_file()
    }


def lines(body: str) -> list[str]:
    """The body's plain text lines long enough to be telling, without Markdown/HTML markup."""
    found = []
    for line in body.splitlines():
        line = line.strip()
        if len(line) >= 8 and not _MARKUP.search(line):
            found.append(line)
    return found


@pytest.fixture(scope="module")
def demo_public(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Content]:
    out = tmp_path_factory.mktemp("public") / "out"
    result = run_cli(REPO, "public", "-o", str(out))
    assert result.code == 0, result.err
    return out, load_site(read_config(str(REPO / "mkdocs.yml")), bodies=True).content


@pytest.mark.slow
def test_every_public_report_is_in_the_subset(demo_public: tuple[Path, Content]) -> None:
    out, content = demo_public
    reports = content.reports
    public = [r for r in reports if r.classification == "公开" and not r.draft]
    assert len(public) >= 5, "the demo needs some 公开 reports (tools/make_demo.py)"
    files = texts(out)
    index = files["index.html"]
    pages = [name for name in files if name.startswith("reports/")]
    assert len(pages) == len(public)  # one page each, nothing more
    for r in public:
        stem = r.src_uri.removeprefix("reports/").removesuffix(".md")
        page = files[f"reports/{stem}.html"]
        assert r.title in index and r.title in page and r.title in files["feed.xml"]
        assert f"{r.date:%Y-%m-%d}" in page and r.section in page
        for line in lines(r.body):
            assert line in page, f"{r.path}: body line missing: {line}"
    assert "暂无公开信息" not in index


def test_nothing_only_internal_reaches_the_subset(demo_public: tuple[Path, Content]) -> None:
    out, content = demo_public
    reports = content.reports
    public = [r for r in reports if r.classification == "公开" and not r.draft]
    published = "\n".join(f"{r.title}\n{r.section}\n{r.body}" for r in public)
    everything = "\n".join(texts(out).values())
    private = [r for r in reports if r not in public]
    assert any(r.draft for r in private) and any(r.classification == "内部" for r in private)
    secrets: set[str] = set()
    for r in private:  # 内部 reports and drafts (a draft marked 公开 too)
        secrets.add(r.title)
        secrets.update(lines(r.body))
    for r in reports:  # authors, adoptions and leaders' instructions, of every report
        secrets.add(r.author)
        secrets.update(a.by for a in r.adoptions)
        secrets.update(a.form for a in r.adoptions)
        secrets.update(i.by for i in r.instructions)
        secrets.update(i.note for i in r.instructions)
    for q in content.requests:  # notices (约稿) and what they ask
        secrets.add(q.title)
        secrets.update(lines(q.body))
    secrets = {s for s in secrets if s and s not in published}  # a string a public report also has may appear
    assert len(secrets) > 50
    leaks = sorted(s for s in secrets if s in everything)
    assert leaks == []
    # No figure of the tally, no request, no label of the internal pages.
    for word in ("得分", "采用", "批示", "约稿", "作者", "报送人", "密级", "内部"):
        assert word in published or word not in everything, word


def test_a_small_site_by_hand(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        reports={
            "a.md": report(
                title="公开的信息",
                date="2026-03-05",
                author="张小明",
                classification="公开",
                adopted="县委办",
                body="可以公开的正文。\n\n<script>alert(1)</script>\n",
            ),
            "b.md": report(title="内部的信息", date="2026-03-06", author="李大伟", body="仅限内部的正文。\n"),
            "c.md": report(
                title="公开的草稿", date="2026-03-07", classification="公开", draft=True, body="还没写完。\n"
            ),
            "d.md": report(title="较早的公开信息", section="乙股", date="2026-02-01", classification="公开"),
        },
    )
    out = tmp_path / "public"
    result = run_cli(site, "public", "-o", str(out))
    assert result.code == 0, result.err
    assert "2 条“公开”信息" in result.out
    files = texts(out)
    assert sorted(files) == [
        ".portal-public",
        "feed.xml",
        "index.html",
        "public.css",
        "reports/a.html",
        "reports/d.html",
    ]
    index = files["index.html"]
    assert index.index("公开的信息") < index.index("较早的公开信息")  # newest first
    page = files["reports/a.html"]
    assert "可以公开的正文" in page and "甲股" in page and "2026-03-05" in page
    assert "<script" not in page and "alert(1)" not in page  # sanitized like the portal's pages
    assert "default-src 'none'" in page  # and no script could run there anyway
    everything = "\n".join(files.values())
    for secret in ("张小明", "李大伟", "县委办", "内部的信息", "仅限内部", "公开的草稿", "还没写完"):
        assert secret not in everything, secret
    # Run again: the folder it wrote is replaced as a whole (a report no longer public disappears).
    (site / "content" / "reports" / "d.md").write_text(report(title="较早的公开信息", section="乙股"), "utf-8")
    assert run_cli(site, "public", "-o", str(out)).code == 0
    assert sorted(texts(out)) == [".portal-public", "feed.xml", "index.html", "public.css", "reports/a.html"]


def test_refuses_a_foreign_folder_and_content_errors(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"a.md": report(classification="公开")})
    foreign = tmp_path / "docs"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("x", encoding="utf-8")
    result = run_cli(site, "public", "-o", str(foreign))
    assert result.code == 2 and "不是 build_stats.py public 写的" in result.err
    assert sorted(p.name for p in foreign.iterdir()) == ["keep.txt"]
    (site / "content" / "reports" / "b.md").write_text(report(section="不存在的股"), encoding="utf-8")
    out = tmp_path / "out"
    broken = run_cli(site, "public", "-o", str(out))
    assert broken.code == 1 and "b.md" in broken.err and "section" in broken.err
    assert not out.exists()  # nothing is published from content with errors
