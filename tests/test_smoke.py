from pathlib import Path

import pytest

from tests.conftest import make_site, mkdocs_build, report, run_cli, section_row, stats


def test_check_clean_site(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": report()})
    result = run_cli(site, "check")
    assert result.code == 0, result.out
    assert "检查了 2 个文件：0 个错误" in result.out


def test_stats_counts_one_report(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": report(adopted="县委办")})
    data = stats(site, "--period", "2026-03")
    row = section_row(data, "甲股")
    # submitted 1 + county adoption 5 = 6
    assert (row["submitted"], row["adopted"], row["score"]) == (1, 1, 6)


@pytest.mark.slow
def test_build_small_site(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": report()})
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr
    assert (site / "_site" / "bulletins" / "2026-03" / "index.html").exists()
