"""Office workflow: Word/Excel exports, `new`, the pre-commit hook, the nightly CI files (issue 6)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO, make_site, report, run_cli

AS_OF = "2026-11-25"


def demo_stats(period: str) -> dict[str, Any]:
    result = run_cli(REPO, "stats", "--json", "--as-of", AS_OF, "--period", period)
    assert result.code == 0, result.err
    return result.json()


def export(tmp_path: Path, period: str, fmt: str) -> Path:
    out = tmp_path / f"b.{fmt}"
    result = run_cli(REPO, "export", "--period", period, "--as-of", AS_OF, "--format", fmt, "-o", str(out))
    assert result.code == 0, result.err
    return out


def sheet_rows(sheet: Any, header_row: int = 3) -> tuple[list[str], list[dict[str, Any]]]:
    header = [c.value for c in sheet[header_row]]
    rows = []
    for row in sheet.iter_rows(min_row=header_row + 1):
        values = [c.value for c in row]
        if all(v is None for v in values):
            break  # a blank row ends the table; notes follow it
        rows.append(dict(zip(header, values)))
    return header, rows


@pytest.mark.slow
@pytest.mark.parametrize("period", ["2026-10", "2026-Q3", "2026"])
def test_xlsx_export_matches_stats(tmp_path: Path, period: str) -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(export(tmp_path, period, "xlsx").read_bytes()))
    assert book.sheetnames[:4] == ["通报", "股室", "得分构成", "个人"]
    sheet = book["股室"]
    _, rows = sheet_rows(sheet)
    rows, total = rows[:-1], rows[-1]
    data = demo_stats(period)
    assert [r["股室"] for r in rows] == [s["section"] for s in data["sections"]]
    for row, expected in zip(rows, data["sections"]):
        assert (row["排名"], row["报送"], row["采用"], row["采用率"], row["得分"]) == (
            expected["rank"],
            expected["submitted"],
            expected["adopted"],
            expected["adoption_rate"],
            expected["score"],
        )
        assert isinstance(row["报送"], int)
        assert (row["约稿按时"], row["约稿迟报"], row["约稿漏报"]) == tuple(
            expected["requests"][s] for s in ("on_time", "late", "missed")
        )
        assert row["紧急超时"] == expected["urgent"]["overdue"]
    # 合计: sums of the section rows; the rate is total adopted / total submitted (4 places)
    submitted = sum(s["submitted"] for s in data["sections"])
    adopted = sum(s["adopted"] for s in data["sections"])
    assert total["股室"] == "合计" and total["排名"] is None
    assert (total["报送"], total["采用"]) == (submitted, adopted)
    assert total["采用率"] == round(adopted / submitted, 4)
    assert total["得分"] == pytest.approx(sum(s["score"] for s in data["sections"]))
    _, people = sheet_rows(book["个人"])
    people = people[:-1]
    assert len(people) == len(data["people"])
    assert [(p["作者"], p["股室"], p["得分"]) for p in people] == [
        (p["author"], p["section"], p["score"]) for p in data["people"]
    ]
    if data["requests"]:
        _, asked = sheet_rows(book["约稿"])
        expected_rows = [(r["title"], s) for r in data["requests"] for s in r["status"]]
        assert [(a["约稿"], a["股室"]) for a in asked] == expected_rows
    if data["urgent"]:
        _, urgent = sheet_rows(book["紧急事件"])
        assert [u["事件"] for u in urgent] == [u["title"] for u in data["urgent"]]


@pytest.mark.slow
def test_xlsx_is_print_ready(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(export(tmp_path, "2026-10", "xlsx").read_bytes()))
    assert book.properties.title == "关于2026年10月政务信息报送情况的通报"
    assert book.properties.creator == "示例县民政局" and book.properties.language == "zh-CN"
    for name in ("股室", "个人"):
        sheet = book[name]
        title, span = sheet["A1"].value, sheet["A2"].value
        assert title.startswith("示例县民政局关于2026年10月政务信息报送情况的通报")
        # 统计期间 and 数据截至 (--as-of 2026-11-25 = the end of that day), no leading zeros
        assert span == "统计期间：2026年10月1日至2026年10月31日　数据截至：2026年11月25日 23:59"
        assert any(str(r).startswith("A1:") for r in sheet.merged_cells.ranges)
        width = sheet.max_column
        assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.print_title_rows == "$3:$3"
        assert "&P" in sheet.oddFooter.center.text and "&N" in sheet.oddFooter.center.text
        assert sheet.freeze_panes == ("C4" if name == "股室" else "B4")
        last = sheet.max_row - 1  # the 合计 row stays out of the filter
        assert sheet.auto_filter.ref == f"A3:{chr(64 + width)}{last}"
        for cell in (sheet.cell(3, 1), sheet.cell(sheet.max_row, width)):
            assert all(getattr(cell.border, side).style == "thin" for side in ("left", "right", "top", "bottom"))
        heads = [c.value for c in sheet[3]]
        assert sheet.cell(4, heads.index("报送") + 1).alignment.horizontal == "center"  # numbers centred
        assert sheet.cell(4, heads.index("股室") + 1).alignment.horizontal == "left"
    text = [row[0] for row in book["通报"].iter_rows(values_only=True) if row[0]]
    assert "示民办〔2026〕23号" in text and "各股室：" in text
    assert any(line.startswith("10月份，各股室围绕") for line in text)
    assert "五、下一步工作要求" in text and text[-1] == "2026年11月5日"


@pytest.mark.slow
def test_docx_export_matches_stats(tmp_path: Path) -> None:
    from docx import Document
    from docx.shared import Mm

    out = tmp_path / "b.docx"
    result = run_cli(REPO, "export", "--period", "2026-10", "--as-of", AS_OF, "--format", "docx", "-o", str(out))
    assert result.code == 0, result.err
    doc = Document(str(out))
    section = doc.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "关于2026年10月政务信息报送情况的通报" in text
    assert "示例县民政局" in text and "二、表扬" in text and "三、提醒" in text
    fonts = {r.font.name for p in doc.paragraphs for r in p.runs}
    assert {"仿宋_GB2312", "黑体", "方正小标宋简体"} <= fonts
    table = doc.tables[0]
    data = demo_stats("2026-10")
    heads = [c.text for c in table.rows[0].cells]
    body = [dict(zip(heads, (c.text for c in row.cells))) for row in table.rows[1:]]
    assert [(r["股室"], r["报送"], r["得分"]) for r in body] == [
        (s["section"], str(s["submitted"]), str(s["score"])) for s in data["sections"]
    ]
    people = next(t for t in doc.tables if t.rows[0].cells[0].text == "作者")
    assert len(people.rows) - 1 == len(data["people"])
    # properties: author = organization, created = as_of in Asia/Shanghai, zh-CN, no generator text
    props = doc.core_properties
    assert props.title == "关于2026年10月政务信息报送情况的通报" and props.author == "示例县民政局"
    assert props.comments == "" and props.last_modified_by == "示例县民政局"
    with zipfile.ZipFile(out) as package:
        core = package.read("docProps/core.xml").decode()
        app = package.read("docProps/app.xml").decode()
        styles = package.read("word/styles.xml").decode()
    # --as-of 2026-11-25 is the end of that day in the configured zone (+08:00)
    assert ">2026-11-25T23:59:59+08:00</dcterms:created>" in core
    assert ">zh-CN</dc:language>" in core
    assert "python-docx" not in core + app and "Microsoft" not in app
    assert 'w:lang w:val="zh-CN" w:eastAsia="zh-CN"' in styles
    assert 'w:after="200"' not in styles  # no 10 pt after every paragraph


@pytest.mark.slow
def test_exports_are_reproducible(tmp_path: Path) -> None:
    for fmt in ("docx", "xlsx"):
        first, second = tmp_path / f"1.{fmt}", tmp_path / f"2.{fmt}"
        for out in (first, second):
            assert (
                run_cli(REPO, "export", "--period", "2026-Q1", "--as-of", AS_OF, "--format", fmt, "-o", str(out)).code
                == 0
            )
        assert first.read_bytes() == second.read_bytes()


def _new_reports(site: Path) -> None:
    """``new report`` three times: an alias of a section, a second one the same day, an urgent one."""
    made = run_cli(
        site,
        "new",
        "report",
        "--section",
        "甲",
        "--title",
        "我县开展冬春救助: 第一批",
        "--author",
        "no",
        "--date",
        "2026-03-09",
        "--tags",
        "重点，低保",
    )
    assert made.code == 0, made.err
    path = site / "content/reports/2026/03/2026-03-09-jia-1.md"
    assert made.out.strip() == "已写入 content/reports/2026/03/2026-03-09-jia-1.md"
    text = path.read_text(encoding="utf-8")
    assert "section: 甲股" in text and 'author: "no"' in text
    again = run_cli(site, "new", "report", "--section", "甲股", "--title", "第二条", "--date", "2026-03-09")
    assert "2026-03-09-jia-2.md" in again.out
    urgent = run_cli(
        site,
        "new",
        "report",
        "--section",
        "乙股",
        "--title",
        "突发",
        "--date",
        "2026-03-10",
        "--urgent",
        "--event-time",
        "2026-03-10 08:30",
    )
    assert urgent.code == 0, urgent.err


def test_new_report_and_request_write_valid_files(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": report()})
    _new_reports(site)
    request = run_cli(
        site,
        "new",
        "request",
        "--title",
        "关于报送冬春救助信息的约稿",
        "--issued",
        "2026-03-01",
        "--deadline",
        "2026-03-15",
        "--sections",
        "甲股,乙股",
    )
    assert request.code == 0 and "content/requests/YG-2026-01.md" in request.out
    answer = run_cli(
        site,
        "new",
        "report",
        "--section",
        "乙股",
        "--title",
        "答约稿",
        "--date",
        "2026-03-12",
        "--request",
        "YG-2026-01",
    )
    assert answer.code == 0, answer.err
    check = run_cli(site, "check")
    assert check.code == 0, check.out
    data = run_cli(site, "stats", "--json", "--as-of", "2026-03-31").json()
    assert data["requests"][0]["status"] == {"甲股": "missed", "乙股": "on_time"}
    assert sum(s["submitted"] for s in data["sections"]) == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new", "report", "--title", "x"], "要写 --section"),
        (["new", "report", "--section", "不存在", "--title", "x"], "--section “不存在”：没有这个股室"),
        (["new", "report", "--section", "甲股", "--title", "x", "--date", "2026/3/1"], "请写成 2026-03-01"),
        (["new", "report", "--section", "甲股", "--title", "x", "--urgent"], "要写 --event-time"),
        (["new", "request", "--title", "x", "--deadline", "2026-03-01", "--issued", "2026-03-05"], "早于发出日期"),
    ],
)
def test_new_refuses_bad_input(tmp_path: Path, args: list[str], message: str) -> None:
    site = make_site(tmp_path)
    result = run_cli(site, *args)
    assert result.code in (1, 2)
    assert message in result.err
    assert not list((site / "content").rglob("*-1.md"))


def test_new_prompts_for_what_is_missing(tmp_path: Path) -> None:
    import io as _io
    from datetime import datetime, timezone

    from portal.commands.cli import run

    site = make_site(tmp_path)
    answers = iter(["县民政局开展走访慰问", "乙股"])
    out, err = _io.StringIO(), _io.StringIO()
    cwd = os.getcwd()
    os.chdir(site)
    try:
        code = run(
            ["new", "report"],
            {},
            datetime(2026, 3, 2, 1, tzinfo=timezone.utc),
            out,
            err,
            ask=lambda prompt: next(answers),
        )
    finally:
        os.chdir(cwd)
    assert code == 0, err.getvalue()
    assert (site / "content/reports/2026/03/2026-03-02-yi-1.md").exists()


PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def _git_env(tmp_path: Path) -> dict[str, str]:
    """The venv's tools first on PATH (as when it is activated), pre-commit's cache in ``tmp_path``."""
    return {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PRE_COMMIT_HOME": str(tmp_path / "pc-cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@e",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@e",
    }


def _pre_commit(folder: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """``git add -A`` then ``pre-commit run ARGS --all-files`` in ``folder`` (a git repository)."""
    subprocess.run(["git", "add", "-A"], cwd=folder, env=env, capture_output=True, check=True, timeout=300)
    command = [str(PRE_COMMIT), "run", *args, "--all-files"]
    return subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_hook_blocks_a_bad_file(tmp_path: Path) -> None:
    assert PRE_COMMIT.exists(), "pre-commit is in requirements-test.txt"
    site = make_site(tmp_path, reports={"2026/03/a.md": report()})
    shutil.copy(REPO / ".pre-commit-config.yaml", site / ".pre-commit-config.yaml")
    shutil.copy(REPO / "build_stats.py", site / "build_stats.py")
    shutil.copytree(REPO / "portal", site / "portal", ignore=shutil.ignore_patterns("__pycache__"))
    config = yaml.safe_load((site / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = ["build_stats.py"]
    (site / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    env = _git_env(tmp_path)
    assert subprocess.run(["git", "init", "-q"], cwd=site, env=env, timeout=300).returncode == 0
    good = _pre_commit(site, env, "portal-check")  # the office's content repository: the content hook
    assert good.returncode == 0, good.stdout + good.stderr
    (site / "content/reports/2026/03/bad.md").write_text(report(section="救助"), encoding="utf-8")
    bad = _pre_commit(site, env, "portal-check")
    assert bad.returncode != 0
    assert "content/reports/2026/03/bad.md:3: section: 没有名为“救助”的股室" in bad.stdout


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_runs_ruff_and_mypy_from_the_venv(tmp_path: Path) -> None:
    """The code hooks, with the project's pyproject.toml, on a tiny package: clean passes; each fault is named."""
    repo = tmp_path / "repo"
    (repo / "portal").mkdir(parents=True)
    (repo / "tests").mkdir()
    for name in (".pre-commit-config.yaml", "pyproject.toml"):
        shutil.copy(REPO / name, repo / name)
    (repo / "build_stats.py").write_text('"""Entry."""\n', encoding="utf-8")
    (repo / "tests" / "__init__.py").write_text("", encoding="utf-8")
    (repo / "portal" / "__init__.py").write_text('"""Package."""\n\n\ndef twice(n: int) -> int:\n    return 2 * n\n')
    env = _git_env(tmp_path)
    assert subprocess.run(["git", "init", "-q"], cwd=repo, env=env, timeout=300).returncode == 0
    clean = _pre_commit(repo, env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    hooks = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    names = {hook["id"]: hook["name"] for hook in hooks}
    assert {"ruff-check", "ruff-format", "mypy"} <= names.keys()
    for hook in ("ruff-check", "ruff-format", "mypy"):
        assert re.search(re.escape(names[hook]) + r"\.+Passed", clean.stdout), clean.stdout
    # a type error (mypy), an unused import (ruff check), a badly formatted line (ruff format)
    (repo / "portal" / "bad.py").write_text('import os\n\nx: int = "one"\ny = [1,2]\n', encoding="utf-8")
    bad = _pre_commit(repo, env)
    assert bad.returncode != 0
    assert 'portal/bad.py:3: error: Incompatible types in assignment (expression has type "str"' in bad.stdout
    assert "F401" in bad.stdout and "portal/bad.py:1:8" in bad.stdout
    assert "1 file would be reformatted" in bad.stdout and "portal/bad.py:4" in bad.stdout


def test_ci_workflow_files_are_valid() -> None:
    github = yaml.load((REPO / ".github/workflows/nightly.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert github["on"]["schedule"][0]["cron"]
    steps = [s.get("run", "") for s in github["jobs"]["build"]["steps"]]
    assert "mkdocs build --strict" in steps and "python build_stats.py check" in steps
    assert "pip install -r requirements.txt" in steps
    assert github["jobs"]["deploy"]["needs"] == "build"
    # an internal portal: published to (possibly public) Pages only when the office says Pages are private
    assert github["jobs"]["deploy"]["if"] == "vars.PORTAL_PAGES_PRIVATE == 'true'"
    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"]
    assert any("mkdocs build --strict" in line for line in gitlab["pages"]["script"])
    assert any(rule.get("if") == '$CI_PIPELINE_SOURCE == "schedule"' for rule in gitlab["pages"]["rules"])
    hooks = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = hooks["repos"][0]["hooks"][0]
    assert hook["entry"] == "python build_stats.py check" and hook["pass_filenames"] is False
    for line in (REPO / "requirements.txt").read_text().splitlines():
        assert not line.startswith(("pytest", "playwright")), "CI's runtime install stays lean"
