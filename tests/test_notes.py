"""The office's own words for a bulletin: content/bulletins/<period>.md is checked like any content file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_site, report, run_cli

GOOD = "---\nnumber: 4\ndate: 2026-04-02\n---\n\n三月，各股室……\n\n## 下一步工作要求\n\n1. 早报快报。\n2. 提高质量。\n"


def test_bad_notes_are_reported_each_with_file_line_and_fix(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        reports={"a.md": report()},
        files={
            "content/bulletins/2026-13.md": "正文\n",
            "content/bulletins/old/2026-03.md": "正文\n",
            "content/bulletins/2026-03.md": (
                "---\nnumber: 0\ndate: 2026-02-30\nnumbr: 3\n---\n\n导语 13812345678。\n\n"
                "## 下一步工作要求\n\n机密★ 内容\n"
            ),
            "content/bulletins/2026-Q1.md": "---\nnumber: yes\n---\n\n导语\n",
        },
    )
    result = run_cli(site, "check")
    assert result.code == 1
    lines = result.out.splitlines()
    expected = [
        "content/bulletins/2026-03.md:2: number: “0”不是从 1 开始的整数",
        "content/bulletins/2026-03.md:3: date: “2026-02-30”这一天不存在",
        "警告: content/bulletins/2026-03.md:4: numbr: 不认识的字段，已忽略；是不是“number”？",
        # line 7 of the file: 3 lines of front-matter fields between two '---', a blank line, the intro
        "content/bulletins/2026-03.md:7: body: 这里有手机号（138****5678），属于个人信息",
        "content/bulletins/2026-03.md:11: body: 有密级标志“机密★”",
        "content/bulletins/2026-13.md:1: file: “2026-13”不是统计期；请按通报的统计期给文件命名",
        "content/bulletins/2026-Q1.md:2: number: “yes”不是从 1 开始的整数",
        "content/bulletins/old/2026-03.md:1: file: 通报的文字请直接放在 bulletins/ 下",
    ]
    for start in expected:
        assert sum(line.startswith(start) for line in lines) == 1, (start, result.out)
    assert lines[-1] == "检查了 6 个文件：7 个错误，1 个警告"


def test_a_good_note_passes_check(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"a.md": report()}, files={"content/bulletins/2026-03.md": GOOD})
    result = run_cli(site, "check")
    assert result.code == 0, result.out


@pytest.mark.slow
def test_a_note_for_a_later_period_waits_unpublished(tmp_path: Path) -> None:
    from tests.conftest import mkdocs_build

    site = make_site(
        tmp_path,
        reports={"a.md": report()},
        files={
            "content/bulletins/2026-03.md": GOOD,
            "content/bulletins/2026-05.md": GOOD,
            "content/bulletins/index.md": "通报每月初由办公室发布。<script>x()</script>\n",
        },
    )
    result = mkdocs_build(site, as_of="2026-04-05")
    assert result.returncode == 0, result.stderr
    out = site / "_site" / "bulletins"
    assert (out / "2026-03" / "index.html").exists()
    # bulletins/index.md is the list's intro, sanitized like every landing text
    listing = (out / "index.html").read_text(encoding="utf-8")
    assert "通报每月初由办公室发布。" in listing and "x()" not in listing
    assert not (out / "2026-05").exists() and not (out / "2026-05.md").exists()
    assert "bulletins/2026-05.md：它对应的通报还没有发布（截至 2026-04-05），这段文字先等着" in result.stderr


def test_bad_document_settings_name_their_key(tmp_path: Path) -> None:
    from tests.conftest import PORTAL

    bulletin = {"document_number": "示民办〔{yr}〕{n}号", "copy_to": "县委办", "signer": 3}
    site = make_site(tmp_path, reports={"a.md": report()}, portal={**PORTAL, "bulletin": bulletin})
    result = run_cli(site, "check")
    assert result.code == 2
    for line in (
        "extra.portal.bulletin.document_number: 不认识的占位符 {yr}；只能用 {year}（年份）和 {n}（期号）",
        "extra.portal.bulletin.copy_to: 应写成名称的列表，如 [县委办, 县政府办]，现在是“县委办”",
        "extra.portal.bulletin.signer: “3”不是文字",
    ):
        assert line in result.err, result.err
