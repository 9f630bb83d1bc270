"""The published portal: build the shipped demo and check every page kind against ``stats --json``."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, html_text, make_site, mkdocs_build, report, run_cli, table_cells

AS_OF = "2026-11-25"


def demo_stats(*args: str) -> dict[str, Any]:
    result = run_cli(REPO, "stats", "--json", "--as-of", AS_OF, *args)
    assert result.code == 0, result.err
    return result.json()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("demo") / "site"
    result = mkdocs_build(REPO, as_of=AS_OF, dest=dest)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    return dest


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def cells(text: str, section: str) -> dict[str, str]:
    """``data-field`` → text of the table row ``data-section=section``."""
    row = re.search(rf'<tr data-section="{re.escape(section)}">(.*?)</tr>', text, re.S)
    assert row, f"no row for {section}"
    return {
        m[1]: html.unescape(re.sub("<[^>]+>", "", m[2]))
        for m in re.finditer(r'data-field="([a-z_]+)">(.*?)</td>', row.group(1), re.S)
    }


@pytest.mark.slow
def test_every_page_kind_exists(demo: Path) -> None:
    data = demo_stats()
    paths = [
        "",
        "bulletins",
        "bulletins/2026-10",
        "bulletins/2026-Q3",
        "bulletins/2026",
        "overdue",
        "requests",
        "sections",
        "reports",
        "reports/2026-11",
        "guide",
    ]
    paths += [f"sections/{slug}" for slug in ("jiuzhu", "yanglao", "binzang")]
    paths += [r["id"].join(("requests/", "")) for r in demo_stats("--period", "2026")["requests"]]
    paths += [Path(u["path"]).relative_to("content").with_suffix("").as_posix() for u in data["urgent"]]
    for url in paths:
        assert (demo / url / "index.html").is_file(), url
    for ext in ("docx", "xlsx"):
        assert (demo / "bulletins" / f"2026-10.{ext}").stat().st_size > 1000


@pytest.mark.slow
def test_stats_json_is_the_current_month(demo: Path) -> None:
    assert json.loads((demo / "stats.json").read_text(encoding="utf-8")) == demo_stats()


@pytest.mark.slow
def test_home_standings_match_stats(demo: Path) -> None:
    text = page(demo, "")
    data = demo_stats()
    for row in data["sections"]:
        shown = cells(text, row["section"])
        assert shown == {"submitted": str(row["submitted"]), "adopted": str(row["adopted"]), "score": str(row["score"])}
    # the card counts the overdue urgent events due within the last 30 days (issue 25)
    as_of = datetime.fromisoformat(data["as_of"])
    recent = [
        u
        for u in demo_stats("--period", data["period"]["key"][:4])["urgent"]
        if u["status"] == "overdue" and as_of - datetime.fromisoformat(u["due"]) <= timedelta(days=30)
    ]
    assert f'data-count="overdue">{len(recent)}<' in text
    older = len(data["overdue"]) - len(recent)
    assert older > 0 and f"另有 {older} 件紧急事件超时未报已逾30天" in html_text(text)
    order = re.findall(r'<tr data-section="([^"]+)"', text)
    assert order == [r["section"] for r in data["sections"]]


@pytest.mark.slow
@pytest.mark.parametrize("period", ["2026-10", "2026-Q2", "2025"])
def test_bulletin_table_matches_stats(demo: Path, period: str) -> None:
    text = page(demo, f"bulletins/{period}")
    data = demo_stats("--period", period)
    for row in data["sections"]:
        shown = cells(text, row["section"])
        assert shown["rank"] == str(row["rank"])
        assert shown["submitted"] == str(row["submitted"])
        assert shown["adopted"] == str(row["adopted"])
        assert shown["good"] == str(row["good"])
        assert shown["score"] == str(row["score"])
        assert shown["adoption_rate"] == f"{row['adoption_rate'] * 100:.1f}%"
    total = sum(r["submitted"] for r in data["sections"])
    assert f'data-total="submitted">{total}<' in text
    assert "表扬" in text and "提醒" in text


@pytest.mark.slow
@pytest.mark.parametrize("period", ["2026-10", "2026-11", "2026-Q1", "2026", "2025"])
def test_bulletin_praise_and_reminders(demo: Path, period: str) -> None:
    data = demo_stats("--period", period)
    text = page(demo, f"bulletins/{period}")
    expected = []
    complete = data["period"]["end"] < data["as_of"][:10]  # quotas are reminded once the period has ended
    for row in data["sections"] if complete else ():
        if row["submitted"] == 0:
            expected.append(f"{row['section']}：本期未报送信息")
        elif row["submitted"] < row["quota"]:
            expected.append(f"{row['section']}：未完成报送任务，尚差 {row['quota'] - row['submitted']} 条")
    for request in data["requests"]:
        for section, status in request["status"].items():
            if status in ("missed", "late"):
                expected.append(f"{section}：约稿《{request['title']}》{'漏报' if status == 'missed' else '迟报'}")
    expected += [
        f"{u['section']}：重大紧急事件《{u['title']}》" for u in data["urgent"] if u["status"] in ("late", "overdue")
    ]
    reminded = {line.split("：")[0] for line in expected}
    reminded |= {r["section"] for r in data["sections"] if r["incidents"]}  # 扣分事项 are reminded too
    # 表扬: the top 3 with a positive score and a report, except a section reminded of anything in the same bulletin
    # or 不达标 (issue 25)
    top = [
        r["section"]
        for r in data["sections"]
        if r["rank"] <= 3
        and r["score"] > 0
        and r["submitted"] > 0
        and r["section"] not in reminded
        and r["passed"] is not False
    ]
    praise = re.search(r'<p class="pt-praise">(.*?)</p>', text, re.S)
    if top:
        assert praise and all(name in praise.group(1) for name in top)
        assert not any(name in praise.group(1) for name in reminded)
    else:
        assert praise is None and "不予表扬" in text
    reminders = re.search(r'<ol class="pt-reminders">(.*?)</ol>', text, re.S)
    if not expected and not reminded:
        done = "本期各股室均按要求完成报送任务" if complete else "截至目前，暂无需要提醒的事项"
        assert reminders is None and done in text
        return
    assert reminders
    for line in expected:
        assert html.escape(line, quote=False) in reminders.group(1)


@pytest.mark.slow
def test_web_word_and_excel_bulletins_carry_the_same_table(demo: Path) -> None:
    """The demo's October ranking table: every cell of the web page's rows is in Word, and Excel has the same
    figures as numbers (running totals included).
    """
    from docx import Document
    from openpyxl import load_workbook

    text = page(demo, "bulletins/2026-10")
    body = re.search(r'<table class="pt-table pt-ranking">.*?<tbody>(.*?)</tbody>', text, re.S)
    assert body
    web = table_cells(body.group(1))
    word = Document(str(demo / "bulletins" / "2026-10.docx")).tables[0]
    # web: 排名 股室 报送 任务数 采用 采用率 批示 好信息 约稿按时 迟报 漏报 得分 | 累计报送 累计采用 累计得分;
    # Word the same, its three 约稿 counts in one column "按时/迟报/漏报" (one header row on paper)
    as_word = [[*cells[:8], "/".join(cells[8:11]), *cells[11:]] for cells in web]
    assert [[c.text for c in row.cells] for row in word.rows[1:]] == as_word
    sheet = load_workbook(demo / "bulletins" / "2026-10.xlsx")["股室"]
    heads = [c.value for c in sheet[3]]
    rows = [dict(zip(heads, (c.value for c in r))) for r in sheet.iter_rows(min_row=4)][:-1]
    for cells, row in zip(web, rows, strict=True):
        assert [str(row[h]) for h in ("排名", "股室", "报送")] == cells[:3]
        assert (str(row["任务数"]) if row["任务数"] else "—") == cells[3]
        assert str(row["采用"]) == cells[4]
        assert f"{row['采用率'] * 100:.1f}%" == cells[5]
        assert [str(row[h]) for h in ("批示", "好信息", "约稿按时", "约稿迟报", "约稿漏报")] == cells[6:11]
        assert [str(row[h]) for h in ("得分", "累计报送", "累计采用", "累计得分")] == cells[11:]
    # 得分构成: the web page's breakdown table, the Word table after the ranking, the Excel sheet
    parts = re.search(r'<table class="pt-table pt-breakdown">.*?<tbody>(.*?)</tbody>', text, re.S)
    assert parts
    web_parts = table_cells(parts.group(1))
    word_parts = Document(str(demo / "bulletins" / "2026-10.docx")).tables[1]
    assert [[c.text for c in row.cells] for row in word_parts.rows[1:]] == web_parts
    sheet = load_workbook(demo / "bulletins" / "2026-10.xlsx")["得分构成"]
    part_rows = [[str(c.value) for c in r] for r in sheet.iter_rows(min_row=4)]
    assert part_rows[: len(web_parts)] == web_parts and set(part_rows[len(web_parts)]) == {"None"}  # then a note


@pytest.mark.slow
def test_section_page_months_match_stats(demo: Path) -> None:
    text = page(demo, "sections/jiuzhu")
    for period in ("2026-10", "2026-03", "2025-12"):
        row = next(r for r in demo_stats("--period", period)["sections"] if r["section"] == "社会救助股")
        match = re.search(rf'<tr data-period="{period}">(.*?)</tr>', text, re.S)
        assert match, period
        fields = dict(re.findall(r'data-field="([a-z_]+)">([^<]*)<', match.group(1)))
        assert fields == {
            "submitted": str(row["submitted"]),
            "adopted": str(row["adopted"]),
            "score": str(row["score"]),
        }


@pytest.mark.slow
def test_overdue_page_lists_every_overdue_event(demo: Path) -> None:
    data = demo_stats()
    text = page(demo, "overdue")
    assert data["overdue"], "the demo has overdue urgent events"
    overdue_part = text.split("待报（")[0]
    for path in data["overdue"]:
        url = Path(path).relative_to("content").with_suffix("").as_posix()
        assert f"{url}/" in overdue_part


@pytest.mark.slow
def test_request_page_status_matches_stats(demo: Path) -> None:
    for request in demo_stats("--period", "2026")["requests"]:
        text = page(demo, f"requests/{request['id']}")
        for section, status in request["status"].items():
            row = re.search(rf'<tr data-section="{re.escape(section)}">(.*?)</tr>', text, re.S)
            assert row, (request["id"], section)
            label = {"on_time": "按时", "late": "迟报", "missed": "漏报", "pending": "待报"}[status]
            assert f">{label}</span>" in row.group(1)


@pytest.mark.slow
def test_report_page_shows_metadata(demo: Path) -> None:
    data = demo_stats()
    event = data["urgent"][0]
    url = Path(event["path"]).relative_to("content").with_suffix("").as_posix()
    text = page(demo, url)
    assert 'class="pt-meta"' in text
    assert event["section"] in text and "紧急事件" in text
    assert "超时未报" in text if event["status"] == "overdue" else True


@pytest.mark.slow
def test_no_request_leaves_the_site(demo: Path) -> None:
    for path in demo.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for url in re.findall(r'(?:src|href)="((?:https?:)?//[^"]+)"', text):
            # Links (a href) to other sites are allowed; nothing may be *loaded* from outside.
            tag = text[: text.find(url)].rsplit("<", 1)[-1].split()[0]
            assert tag == "a", f"{path}: {tag} loads {url}"


@pytest.mark.slow
def test_build_is_reproducible(demo: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert mkdocs_build(REPO, as_of=AS_OF, dest=again).returncode == 0

    def digest(root: Path) -> dict[str, str]:
        return {
            p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*"))
            if p.is_file()
        }

    assert digest(again) == digest(demo)


@pytest.mark.slow
def test_broken_report_fails_the_build(tmp_path: Path) -> None:
    site = make_site(
        tmp_path, reports={"2026/03/good.md": report(), "2026/03/bad.md": report(section="救助", adopted="true")}
    )
    dest = tmp_path / "out"
    result = mkdocs_build(site, strict=False, dest=dest)
    assert result.returncode != 0
    assert "content/reports/2026/03/bad.md:3: section: 没有名为“救助”的股室" in result.stderr
    assert "content/reports/2026/03/bad.md:5: adopted:" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (dest / "index.html").exists()


@pytest.mark.slow
def test_unknown_field_warning_fails_strict_build(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": report(adopter="县委办")})
    result = mkdocs_build(site, strict=True, dest=tmp_path / "out")
    assert result.returncode != 0
    assert "adopter: 不认识的字段，已忽略；是不是“adopted”？" in result.stderr


@pytest.mark.slow
def test_serve_shows_errors_and_recovers(tmp_path: Path) -> None:
    """`mkdocs serve` keeps serving a broken site, shows the errors, and clears them after the fix."""
    import socket
    import time
    import urllib.request

    site = make_site(tmp_path, reports={"2026/03/a.md": report(section="不存在的股")})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PORTAL_AS_OF": "2026-04-05", "NO_MKDOCS_2_WARNING": "1"}
    log = (tmp_path / "serve.log").open("w", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=site,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )

    def home_until(predicate: Any, limit: float = 90) -> str:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    text = response.read().decode("utf-8")
                if predicate(text):
                    return text
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError("the served home page never reached the expected state")

    try:
        broken = home_until(lambda t: "pt-problems" in t)
        assert "content/reports/2026/03/a.md:3: section: 没有名为" in html.unescape(broken)
        (site / "content/reports/2026/03/a.md").write_text(report(), encoding="utf-8")
        fixed = home_until(lambda t: "pt-problems" not in t and "本期尚无报送" in t)
        # 2026-03 report, as_of in April: the month is April, nothing reported yet, so no ranking (issue 25)
        assert "pt-standings" not in fixed and "本期尚无报送，暂不排名。" in fixed
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
    assert "Traceback" not in (tmp_path / "serve.log").read_text(encoding="utf-8")


def test_personal_data_in_a_file_name_is_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"2026/03/13812345678.md": report()})
    result = run_cli(site, "check")
    assert result.code == 1
    assert "content/reports/2026/03/13812345678.md:1: file: 文件名里有个人信息（138****5678）" in (result.out)


@pytest.mark.slow
def test_a_report_cannot_move_or_forge_its_panel(tmp_path: Path) -> None:
    """The panel's HTML skips Markdown (carried after a trailer, put under the title by the hook): a report
    whose text writes the mark and the trailer itself still gets exactly one panel, under its title, and what
    it wrote after its fake trailer is Markdown like the rest of its text (sanitized).
    """
    body = (
        "第一段。\n\n<!--portal:panel-->\n\n第二段。\n\n<!--portal:panel:begin-->\n"
        "<div><script>alert(1)</script>伪造</div>\n"
    )
    site = make_site(tmp_path, reports={"2026/03/a.md": report(title="面板", body=body, adopted="县委办")})
    assert mkdocs_build(site, as_of="2026-03-31").returncode == 0
    page = (site / "_site/reports/2026/03/a/index.html").read_text(encoding="utf-8")
    article = page[page.index('<h1 id="title">') :]
    assert article.count('<div class="pt-meta"') == 1
    assert re.match(r'<h1 id="title">面板</h1>\s*<div class="pt-meta" data-search-exclude', article)
    assert "县委办" in article[: article.index("第一段")]  # the real panel, above the text
    assert "<script>alert" not in page and "portal:panel" not in page
    assert article.index("第一段") < article.index("第二段") < article.index("伪造")


@pytest.mark.slow
@pytest.mark.parametrize("period", ["2026-10", "2026-11", "2026-Q3", "2026"])
def test_no_iso_date_in_any_bulletin_renderer(demo: Path, period: str) -> None:
    """Every date a person reads is a Chinese date (issue 25): the web page's article, the Word text (paragraphs
    and table cells, via python-docx) and every Excel cell (via openpyxl) of the demo's bulletins.
    """
    from docx import Document
    from openpyxl import load_workbook

    iso = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
    article = re.search(r'<article class="pt-bulletin">(.*?)</article>', page(demo, f"bulletins/{period}"), re.S)
    assert article
    web = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>", "", article.group(1), flags=re.S)))
    doc = Document(str(demo / "bulletins" / f"{period}.docx"))
    word = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for row in t.rows for c in row.cells]
    book = load_workbook(demo / "bulletins" / f"{period}.xlsx")
    excel = [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    for name, texts in (("web", [web]), ("docx", word), ("xlsx", excel)):
        found = [m for text in texts for m in iso.findall(text)]
        assert found == [], (name, found[:5])
    assert "年" in web and any("年" in text for text in word) and any("年" in text for text in excel)
