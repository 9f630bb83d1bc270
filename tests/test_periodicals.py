"""The office's periodicals (issue 14, SPEC §3.5, §4 ``periodicals``, §8): issues, adoptions, pages, .docx, CLI."""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PORTAL, make_site, mkdocs_build, report, run_cli, section_row, stats

PERIODICAL = {
    "name": "民政信息",
    "slug": "minzheng",
    "adopter": "本局简报",
    "columns": ["工作动态", "基层信息", "经验交流"],
    "distribution": {"报": ["县委办", "县政府办"], "送": ["市民政局"], "发": ["各股室"]},
}
SECOND = {"name": "民政要情", "slug": "yaoqing", "adopter": "本局简报", "columns": ["要情专报"]}


def portal_config(*periodicals: dict[str, Any]) -> dict[str, Any]:
    config = copy.deepcopy(PORTAL)
    config["periodicals"] = list(periodicals) or [PERIODICAL, SECOND]
    return config


def issue(number: int = 4, date: str = "2026-04-02", items: str = "", total: int | None = 40, **more: str) -> str:
    lines = ["---", "publication: 民政信息", f"number: {number}"]
    if total is not None:
        lines.append(f"total: {total}")
    lines.append(f"date: {date}")
    lines += [f"{k}: {v}" for k, v in more.items()]
    lines.append("items:")
    lines.append(items.rstrip("\n"))
    return "\n".join(lines) + "\n---\n\n本期刊发三月份工作动态。\n"


ITEMS = (
    "  - {report: reports/2026/03/a.md, column: 工作动态}\n"
    "  - {report: reports/2026/03/b.md, column: 基层信息}\n"
    "  - {report: reports/2026/03/c.md, column: 工作动态}\n"
)
REPORTS = {
    "2026/03/a.md": report("甲股推进低保扩围", date="2026-03-02", author="王芳", body="第一段正文。\n\n第二段正文。\n"),
    # b already carries the adoption with the same by and in: the issue must not add a second one
    "2026/03/b.md": report(
        "乙股做好养老服务", section="乙股", date="2026-03-03", adopted="[{by: 本局简报, in: 民政信息}]"
    ),
    "2026/03/c.md": report("甲股开展临时救助", date="2026-03-04", adopted="县委办"),
    "2026/03/d.md": report("丙股一条草稿", section="丙股", date="2026-03-05", draft="true"),
    "2026/03/e.md": report("丙股月底信息", section="丙股", date="2026-03-30"),
}


def make(tmp_path: Path, files: dict[str, str] | None = None, reports: dict[str, str] | None = None) -> Path:
    text = issue(items=ITEMS, editor="王芳", signer="李明") + '<script>alert("x")</script><b onclick="y()">编者按</b>\n'
    issue_files = {"content/periodicals/minzheng/2026-04.md": text}
    return make_site(
        tmp_path,
        reports=REPORTS if reports is None else reports,
        portal=portal_config(),
        files=issue_files if files is None else files,
    )


# --- adoptions ------------------------------------------------------------------------------


def test_items_count_as_adoptions_once(tmp_path: Path) -> None:
    site = make(tmp_path)
    data = stats(site, "--period", "2026-03", as_of="2026-04-05")
    # Default scoring: submitted 1, adopted {bureau 1, county 5}, adoption: highest.
    # 甲股: a = 1 + 1 (本局简报 via the issue) = 2; c = 1 + max(county 5, bureau 1) = 6 → 8;
    #       adopted 2 reports, adoptions 1 (a) + 2 (c: 县委办 and the issue) = 3.
    # 乙股: b = 1 + 1 = 2; its own {by: 本局简报, in: 民政信息} is the issue's adoption: 1 adoption, not 2.
    jia, yi = section_row(data, "甲股"), section_row(data, "乙股")
    assert (jia["submitted"], jia["adopted"], jia["adoptions"], jia["score"]) == (2, 2, 3, 8)
    assert (yi["submitted"], yi["adopted"], yi["adoptions"], yi["score"]) == (1, 1, 1, 2)
    # The adoption counts in the report's period (March), not the issue's (April).
    april = stats(site, "--period", "2026-04", as_of="2026-04-05")
    assert section_row(april, "甲股")["adoptions"] == 0


def test_rules_price_adoptions_by_periodical(tmp_path: Path) -> None:
    """A periodical's name is a publication of its adopter (SPEC §4), so a rule may price it (§4.1 ``in``)."""
    config = portal_config()
    config["scoring"] = {"rules": [{"fact": "adoption", "in": "民政信息", "points": 3}]}
    site = make_site(
        tmp_path, reports=REPORTS, portal=config, files={"content/periodicals/minzheng/2026-04.md": issue(items=ITEMS)}
    )
    data = stats(site, "--period", "2026-03")
    # 甲股: a = 1 + 3 (the issue, priced by the rule) = 4; c = 1 + max(县委办 5, issue 3) = 6 → 10.
    # 乙股: b = 1 + 3 (its own {by: 本局简报, in: 民政信息}, the same record) = 4.
    assert (section_row(data, "甲股")["score"], section_row(data, "乙股")["score"]) == (10, 4)


def test_issue_adoption_exists_from_the_issue_date(tmp_path: Path) -> None:
    site = make(tmp_path)
    data = stats(site, "--period", "2026-03", as_of="2026-04-01")
    # Before 2026-04-02 the issue has not appeared: a is not adopted (1), c only by 县委办 (1 + 5 = 6) → 7.
    jia = section_row(data, "甲股")
    assert (jia["adopted"], jia["adoptions"], jia["score"]) == (1, 1, 7)


def test_item_and_report_written_adoption_without_in_both_count(tmp_path: Path) -> None:
    """SPEC §3.5: only the same ``by`` *and* ``in`` prevents the second record."""
    reports = dict(REPORTS)
    reports["2026/03/a.md"] = report("甲股推进低保扩围", date="2026-03-02", adopted="本局简报")
    site = make(tmp_path, reports=reports)
    jia = section_row(stats(site, "--period", "2026-03"), "甲股")
    # a: its own 本局简报 (no in) + the issue's = 2 records; c: 2 → 4; points unchanged (highest): 2 + 6 = 8.
    assert (jia["adoptions"], jia["score"]) == (4, 8)


# --- bad input ------------------------------------------------------------------------------


def _one_error(site: Path) -> str:
    result = run_cli(site, "check")
    assert result.code == 1, result.out
    errors = [line for line in result.out.splitlines() if re.match(r"\S+:\d+: ", line)]
    errors = [e for e in errors if not e.split(": ", 2)[1].startswith("warning")]
    assert len(errors) == 1, result.out
    return errors[0]


BAD = "content/periodicals/minzheng/bad.md"


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        # line 2 is publication (line 1 is ---)
        (issue(items=ITEMS).replace("publication: 民政信息", "publication: 民政消息"), ":2: publication:", "民政信息"),
        (
            issue(
                items="  - {report: reports/2026/03/a.md, column: 工作动态}\n"
                "  - {report: reports/2026/03/b.md, column: 经验}\n"
            ),
            ":8: items[1].column:",
            "这个栏目",
        ),
        (issue(items="  - reports/2026/03/d.md\n"), ":7: items[0]:", "draft"),
        (issue(items="  - reports/2026/03/zz.md\n"), ":7: items[0]:", "这条信息"),
        (
            issue(items="  - {report: reports/2026/03/a.md}\n", date="2026-03-01"),
            ":7: items[0].report:",
            "晚于这一期",
        ),
        (issue(items="  - reports/2026/03/e.md\n  - reports/2026/03/e.md\n"), ":8: items[1]:", "两次"),
    ],
    ids=["publication", "column", "draft", "missing", "after", "两次"],
)
def test_bad_issue_one_error_with_line(tmp_path: Path, text: str, where: str, words: str) -> None:
    site = make(tmp_path, files={BAD: text})
    error = _one_error(site)
    assert error.startswith(BAD + where) and words in error, error


@pytest.mark.parametrize(
    ("second", "where", "words"),
    [
        (issue(number=4, total=41, items="  - reports/2026/03/e.md\n"), ":3: number:", "2026年第4期"),
        (issue(number=5, total=40, items="  - reports/2026/03/e.md\n"), ":4: total:", "总第40期"),
        (issue(number=5, total=41, items="  - reports/2026/03/a.md\n"), ":7: items[0]:", "已经编入"),
    ],
    ids=["number", "total", "already-in-issue"],
)
def test_clashing_issues(tmp_path: Path, second: str, where: str, words: str) -> None:
    first = issue(number=4, total=40, date="2026-04-02", items="  - reports/2026/03/a.md\n")
    site = make(
        tmp_path,
        files={
            "content/periodicals/minzheng/2026-04.md": first,
            "content/periodicals/minzheng/z.md": second.replace("2026-04-02", "2026-04-09"),
        },
    )
    error = _one_error(site)
    assert error.startswith("content/periodicals/minzheng/z.md" + where) and words in error, error
    assert "2026-04.md" in error  # names the other file


def test_issue_files_get_the_checks_of_every_page(tmp_path: Path) -> None:
    text = issue(items="  - reports/2026/03/a.md\n") + "\n联系电话 13812345678，此件秘密★。\n"
    result = run_cli(make(tmp_path, files={BAD: text}), "check")
    assert result.code == 1
    body_line = text.count("\n", 0, text.index("联系电话")) + 1
    assert f"{BAD}:{body_line}: body: 这里有手机号" in result.out
    assert f"{BAD}:{body_line}: body: 有密级标志" in result.out


def test_issue_may_not_take_the_periodical_page_address(tmp_path: Path) -> None:
    error = _one_error(
        make(tmp_path, files={"content/periodicals/minzheng.md": issue(items="  - reports/2026/03/a.md\n")})
    )
    assert error.startswith("content/periodicals/minzheng.md:1: file:") and "periodicals/minzheng/" in error, error


def test_same_number_in_another_year_or_publication_is_fine(tmp_path: Path) -> None:
    files = {
        "content/periodicals/minzheng/2026-04.md": issue(number=4, total=40, items="  - reports/2026/03/a.md\n"),
        "content/periodicals/minzheng/2027-04.md": issue(
            number=4, total=41, date="2027-04-02", items="  - reports/2026/03/c.md\n"
        ),
        # another publication may carry the same report and number
        "content/periodicals/yaoqing/4.md": issue(number=4, total=40, items="  - reports/2026/03/a.md\n").replace(
            "民政信息", "民政要情"
        ),
    }
    result = run_cli(make(tmp_path, files=files), "check")
    assert result.code == 0, result.out


def test_bad_periodical_config(tmp_path: Path) -> None:
    config = portal_config({"name": "民政信息", "adopter": "本局", "distribution": {"抄": ["县委办"]}})
    site = make_site(tmp_path, portal=config)
    result = run_cli(site, "check")
    assert result.code == 2
    assert "extra.portal.periodicals[0].adopter: 没有名为“本局”的采用单位" in result.err
    assert "extra.portal.periodicals[0].distribution.抄: 不认识的键" in result.err


def test_in_must_be_a_publication_of_its_adopter(tmp_path: Path) -> None:
    # A periodical's name is a publication of its adopter (SPEC §4): 民政要情 is valid, 民政消息 is not.
    reports = {
        "a.md": report(adopted="[{by: 本局简报, in: 民政消息}]"),
        "b.md": report(adopted="[{by: 本局简报, in: 民政要情}]"),
    }
    site = make_site(tmp_path, reports=reports, portal=portal_config())
    result = run_cli(site, "check")
    assert result.code == 1
    assert "content/reports/a.md:5: adopted[0].in: “民政消息”不是“本局简报”的刊物" in result.out
    assert "民政信息" in result.out and "b.md" not in result.out


# --- pages ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = make(tmp_path_factory.mktemp("periodicals"))
    result = mkdocs_build(site, as_of="2026-04-05")
    assert result.returncode == 0, result.stderr
    return site / "_site"


def _article(path: Path) -> str:
    page = path.read_text(encoding="utf-8")
    return page[page.index("<article") : page.index("</article>")]


@pytest.mark.slow
def test_issue_page_lists_items_by_column(built: Path) -> None:
    page = _article(built / "periodicals/minzheng/2026-04/index.html")
    assert "《民政信息》2026年第4期（总第40期）" in page
    headings = re.findall(r"<h([23])[^>]*>(.*?)</h\1>", page)
    # configured column order; items keep the issue's order inside a column; 经验交流 has none
    assert headings == [
        ("2", "工作动态"),
        ("3", "甲股推进低保扩围"),
        ("3", "甲股开展临时救助"),
        ("2", "基层信息"),
        ("3", "乙股做好养老服务"),
    ]
    assert "第一段正文。" in page and "第二段正文。" in page  # full text
    toc = re.findall(r'<a href="#item-(\d)">(.*?)</a>', page)
    assert toc == [("1", "甲股推进低保扩围"), ("2", "甲股开展临时救助"), ("3", "乙股做好养老服务")]
    assert 'href="../../../reports/2026/03/a/"' in page  # issue → report
    assert 'href="../2026-04.docx"' in page
    assert "县委办，县政府办" in page
    assert "<script" not in page and "onclick" not in page and "<b>编者按</b>" in page  # the 编者按 is sanitized


@pytest.mark.slow
def test_report_page_links_back_to_its_issue(built: Path) -> None:
    page = _article(built / "reports/2026/03/c/index.html")
    assert '<a href="../../../../periodicals/minzheng/2026-04/">《民政信息》2026年第4期 · 工作动态</a>' in page


def test_periodical_index_pages(built: Path) -> None:
    index = _article(built / "periodicals/index.html")
    assert "《民政信息》" in index and "《民政要情》" in index and "暂无期次" in index
    one = _article(built / "periodicals/minzheng/index.html")
    assert re.search(r'<a href="2026-04/">第4期</a></td><td>40</td><td>2026年4月2日</td><td>3</td>', one), one


def _docx_texts(data: bytes) -> tuple[Any, list[str]]:
    from docx import Document

    doc = Document(io.BytesIO(data))
    return doc, [p.text for p in doc.paragraphs]


def test_issue_docx(built: Path) -> None:
    doc, texts = _docx_texts((built / "periodicals/minzheng/2026-04.docx").read_bytes())
    assert texts[0] == "民政信息"
    red = doc.paragraphs[0].runs[0].font.color.rgb  # the 报头 is red
    assert red is not None and red[0] >= 0xC0 and red[1] == red[2] == 0
    assert texts[1] == "第4期（总第40期）"
    assert texts[2] == "测试县民政局办公室\t2026年4月2日"
    for title in ("甲股推进低保扩围", "甲股开展临时救助", "乙股做好养老服务"):
        assert title in texts
    assert "第一段正文。" in texts and "【工作动态】" in texts and "【基层信息】" in texts
    # the issue's body under the 报头, labelled 编者按 as on the web page, before the 目录, sanitized: no script text
    note = "".join(texts[4 : texts.index("本期目录")])
    assert note.startswith("编者按：本期刊发三月份工作动态。") and "编者按" in note and "alert" not in note
    imprint = [cell.text for cell in doc.tables[-1]._cells]  # the 版记: a table as wide as the 版心
    assert imprint == ["报：县委办，县政府办。", "送：市民政局。", "发：各股室。", "责任编辑：王芳　　签发：李明"]
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    assert "PAGE" in section.footer._element.xml
    assert doc.core_properties.title == "《民政信息》2026年第4期（总第40期）"


@pytest.mark.slow
def test_export_issue_from_the_command_line(tmp_path: Path) -> None:
    site = make(tmp_path)
    result = run_cli(site, "export", "--periodical", "民政信息", "--number", "4", "--year", "2026")
    assert result.code == 0, result.err
    _, texts = _docx_texts((site / "minzheng-2026-04.docx").read_bytes())
    assert texts[1] == "第4期（总第40期）" and "乙股做好养老服务" in texts
    out = tmp_path / "x.docx"
    assert run_cli(site, "export", "--periodical", "minzheng", "--number", "4", "-o", str(out)).code == 0
    assert out.exists()
    missing = run_cli(site, "export", "--periodical", "民政信息", "--number", "4", "--year", "2025")
    assert missing.code == 2 and "没有2025年第4期" in missing.err
    unknown = run_cli(site, "export", "--periodical", "民政消息", "--number", "4")
    assert unknown.code == 2 and "是不是“民政信息”" in unknown.err
    assert run_cli(site, "export", "--period", "2026-03").code == 2  # a bulletin still needs --format and -o
    folder = run_cli(site, "export", "--periodical", "民政信息", "--number", "4", "-o", str(tmp_path))
    assert folder.code == 2 and "是一个文件夹" in folder.err
    unwritable = run_cli(
        site, "export", "--periodical", "民政信息", "--number", "4", "-o", str(tmp_path / "no" / "x.docx")
    )
    assert unwritable.code == 4 and "什么也没有写" in unwritable.err


# --- new periodical ---------------------------------------------------------------------------


def test_new_periodical_next_numbers_and_candidates(tmp_path: Path) -> None:
    files = {"content/periodicals/minzheng/2026-04.md": issue(items="  - reports/2026/03/a.md\n")}
    site = make(tmp_path, files=files)
    result = run_cli(site, "new", "periodical", "--publication", "民政信息", "--date", "2026-04-10")
    assert result.code == 0, result.err
    path = site / "content/periodicals/minzheng/2026-05.md"
    assert result.out.strip() == "已写入 content/periodicals/minzheng/2026-05.md"
    text = path.read_text(encoding="utf-8")
    assert "number: 5\ntotal: 41\ndate: 2026-04-10\n" in text  # after 第4期 (总第40期)
    candidates = re.findall(r"^#  - \{report: (\S+), column: 工作动态\}", text, re.MULTILINE)
    # last 4 weeks: 2026-03-13 … 2026-04-10: only e (03-30); a is in 第4期, d is a draft, b and c are older
    assert candidates == ["reports/2026/03/e.md"]
    again = run_cli(site, "new", "periodical", "--publication", "民政信息", "--date", "2026-04-10")
    assert again.out.strip() == "已写入 content/periodicals/minzheng/2026-06.md"  # the new file is 第5期 already
    assert "number: 6\ntotal: 42\n" in (site / "content/periodicals/minzheng/2026-06.md").read_text(encoding="utf-8")


def test_new_periodical_output_parses_with_check(tmp_path: Path) -> None:
    site = make(tmp_path, files={})
    result = run_cli(site, "new", "periodical", "--publication", "民政信息", "--date", "2026-04-10", "--weeks", "6")
    assert result.code == 0, result.err
    path = site / "content/periodicals/minzheng/2026-01.md"
    text = path.read_text(encoding="utf-8")
    assert "number: 1\n" in text and "# total:" in text
    candidates = re.findall(r"^#  - \{report: (\S+),", text, re.MULTILINE)
    # 6 weeks: 2026-02-27 … 2026-04-10, newest first, no draft (d)
    assert candidates == [
        "reports/2026/03/e.md",
        "reports/2026/03/c.md",
        "reports/2026/03/b.md",
        "reports/2026/03/a.md",
    ]
    as_written = run_cli(site, "check")  # a draft (issue 28): no warning, so a strict build passes
    assert as_written.code == 0 and "0 个错误，0 个警告" in as_written.out
    picked_text = text.replace("#  - {", "  - {")  # the editor picks them all, and publishes the issue
    path.write_text("\n".join(line for line in picked_text.split("\n") if not line.startswith("draft:")), "utf-8")
    picked = run_cli(site, "check")
    assert picked.code == 0, picked.out
    # March after the pick (as_of 2026-04-12, after the issue date): 丙股 e = 1 + bureau 1 = 2
    assert section_row(stats(site, "--period", "2026-03", as_of="2026-04-12"), "丙股")["score"] == 2
