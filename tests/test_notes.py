"""The office's own words for a bulletin: content/bulletins/<period>.md is checked like any content file."""

from __future__ import annotations

from pathlib import Path

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
        "content/bulletins/2026-03.md:2: number: expected a whole number from 1",
        "content/bulletins/2026-03.md:3: date: '2026-02-30' is not a real date",
        "warning: content/bulletins/2026-03.md:4: numbr: unknown field, ignored; did you mean 'number'?",
        # line 7 of the file: 3 lines of front-matter fields between two '---', a blank line, the intro
        "content/bulletins/2026-03.md:7: body: a mobile phone number (138****5678) is personal data",
        "content/bulletins/2026-03.md:11: body: classified marking '机密★'",
        "content/bulletins/2026-13.md:1: file: '2026-13' is not a period; name the file after its bulletin",
        "content/bulletins/2026-Q1.md:2: number: expected a whole number from 1",
        "content/bulletins/old/2026-03.md:1: file: put a bulletin's text directly in bulletins/",
    ]
    for start in expected:
        assert sum(line.startswith(start) for line in lines) == 1, (start, result.out)
    assert lines[-1] == "6 files checked: 7 error(s), 1 warning(s)"


def test_a_good_note_passes_check(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"a.md": report()}, files={"content/bulletins/2026-03.md": GOOD})
    result = run_cli(site, "check")
    assert result.code == 0, result.out


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
    assert "bulletins/2026-05.md: its bulletin is not published yet (as of 2026-04-05); the text waits" in result.stderr


def test_bad_document_settings_name_their_key(tmp_path: Path) -> None:
    from tests.conftest import PORTAL

    bulletin = {"document_number": "示民办〔{yr}〕{n}号", "copy_to": "县委办", "signer": 3}
    site = make_site(tmp_path, reports={"a.md": report()}, portal={**PORTAL, "bulletin": bulletin})
    result = run_cli(site, "check")
    assert result.code == 2
    for line in (
        "extra.portal.bulletin.document_number: unknown placeholder {yr}; use {year} and {n}",
        "extra.portal.bulletin.copy_to: expected a list of names, e.g. [县委办, 县政府办], got '县委办'",
        "extra.portal.bulletin.signer: expected text, got 3 (quote it)",
    ):
        assert line in result.err, result.err
