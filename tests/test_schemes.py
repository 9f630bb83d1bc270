"""The nine published 计分办法 of ``shared/schemes.md``, each as a small site scored by hand.

Each scheme's config is the one printed in the staff guide (content/guide.md, chapter
"按本单位计分办法配置"), so the guide's examples are exactly what is tested here.  Every
expected figure below is worked out by hand from the scheme's published rule (quoted in
the comments) and SPEC §4.1, never copied from the program's output.

Reading the comments: "p" is a report's points, "Σ" a section's sum; a fact's price is
the first matching ``points`` row (else the default), plus every matching ``add``,
times every matching ``times`` (SPEC §4.1).
"""

from __future__ import annotations

import re
import struct
import zlib
from functools import cache
from pathlib import Path
from typing import Any, cast

import pytest
import yaml

from tests.conftest import PORTAL, REPO, make_site, mkdocs_build, report, request, run_cli, section_row, stats

GUIDE = REPO / "content" / "guide.md"
CHAPTER = "按本单位计分办法配置"


@cache
def guide_configs() -> dict[str, dict[str, Any]]:
    """``### heading`` → the ``extra.portal`` of that subsection's yaml block, for the chapter's examples."""
    text = GUIDE.read_text(encoding="utf-8")
    heading = re.search(rf"^## (.*、)?{CHAPTER}$", text, re.M)
    assert heading, f"no chapter {CHAPTER} in the guide"
    start = heading.start()
    end = text.find("\n## ", start)
    chapter = text[start : end if end >= 0 else len(text)]
    configs: dict[str, dict[str, Any]] = {}
    for part in chapter.split("\n### ")[1:]:
        title, _, body = part.partition("\n")
        blocks = re.findall(r"```yaml\n(.*?)```", body, re.S)
        if title.startswith("例"):
            assert len(blocks) == 1, title
            configs[title] = yaml.safe_load(blocks[0])["extra"]["portal"]
    return configs


def scheme(key: str) -> dict[str, Any]:
    (config,) = [config for heading, config in guide_configs().items() if key in heading]
    return config


def incident(section: str, date: str, type_: str, report_path: str | None = None) -> str:
    lines = [f"section: {section}", f"date: {date}", f"type: {type_}"]
    if report_path:
        lines.append(f"report: {report_path}")
    return "---\n" + "\n".join(lines) + "\n---\n\n核查情况说明。\n"


def incidents(*records: tuple[str, str, str] | tuple[str, str, str, str]) -> dict[str, str]:
    """Incident files for ``make_site(files=...)``."""
    return {f"content/incidents/i{n}.md": incident(*record) for n, record in enumerate(records, 1)}


def by(name: str, publication: str | None = None, **more: Any) -> dict[str, Any]:
    """An adoption by ``name``, in ``publication`` when given."""
    return {"by": name, **({"in": publication} if publication else {}), **more}


def leader(level: str) -> dict[str, str]:
    return {"by": "某领导", "level": level}


def breakdown(
    reports: float = 0, requests: float = 0, urgent: float = 0, incidents: float = 0, period: float = 0
) -> dict[str, float]:
    return {"reports": reports, "requests": requests, "urgent": urgent, "incidents": incidents, "period": period}


def assert_sections(data: dict[str, Any], expected: dict[str, dict[str, Any]]) -> None:
    """Sections in rank order (the order of ``expected``), each with the given fields."""
    assert [row["section"] for row in data["sections"]] == list(expected)
    for name, want in expected.items():
        row = section_row(data, name)
        assert {key: row[key] for key in want} == want, name


def png() -> bytes:
    """A valid 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0")) + chunk(b"IEND", b"")


# --- the guide ---------------------------------------------------------------------------------


#: one word of each example's heading, in the order of shared/schemes.md
PLACES = ("广元", "连云港", "衢州", "常山", "练市", "县级信息", "钟楼", "成都", "梅州")


def test_the_guide_has_one_config_per_scheme() -> None:
    headings = list(guide_configs())
    assert len(headings) == len(PLACES), headings
    for heading, place in zip(headings, PLACES, strict=True):
        assert place in heading


@pytest.mark.parametrize("place", PLACES)
def test_each_guide_config_checks_clean_in_a_fresh_site(tmp_path: Path, place: str) -> None:
    site = make_site(tmp_path, portal=scheme(place))
    result = run_cli(site, "check")
    assert result.code == 0, result.out + result.err
    assert "warning:" not in result.out + result.err


# --- 2.1 广元市 2008 -----------------------------------------------------------------------------


def _guangyuan_reports() -> dict[str, str]:
    """The reports of :func:`test_guangyuan`, each worked out by hand beside it."""
    return {
        # 综合股
        # r1: 政务晨讯 2 + 川政晨讯·重要 5 (sum) + 省政府批示 10; submitted 0 → p = 17
        "2026/03/r1.md": report(
            "r1",
            "综合股",
            "2026-03-02",
            adopted=[
                by("市政府办", "政务晨讯"),
                by("省政府办公厅", "川政晨讯", form="重要"),
            ],
            instructions=[leader("province")],
        ),
        # r2: 政府工作通报 as 领导讲话 → 0 (still adopted once) → p = 0
        "2026/03/r2.md": report(
            "r2", "综合股", "2026-03-10", adopted=[by("市政府办", "政府工作通报", form="领导讲话")]
        ),
        # r3: answers gy-01 on time; adopted by 市政府办 in 政务晨讯: the 约稿 row comes first → 5, not 2 → p = 5
        "2026/03/r3.md": report("r3", "综合股", "2026-03-12", request="gy-01", adopted=[by("市政府办", "政务晨讯")]),
        # 督查股
        # r4: answers gy-01 after its deadline (03-15) → request late −10; not adopted → p = 0
        "2026/03/r4.md": report("r4", "督查股", "2026-03-18", request="gy-01"),
        # r5: 门户网站 图片 0.5 + 国办 10 (adopted.national) + 国务院批示 20 + 市政府批示 5 → p = 35.5
        "2026/03/r5.md": report(
            "r5",
            "督查股",
            "2026-03-20",
            adopted=[by("市政府门户网站", form="图片"), by("国务院办公厅")],
            instructions=[leader("national"), leader("city")],
        ),
        # 信息股
        # r6: 门户网站 文字 1 + 政务参阅 5 + 川政晨讯·参阅 3 → p = 9
        "2026/03/r6.md": report(
            "r6",
            "信息股",
            "2026-03-08",
            adopted=[
                by("市政府门户网站", form="文字"),
                by("市政府办", "政务参阅"),
                by("省政府办公厅", "川政晨讯", form="参阅"),
            ],
        ),
    }


def test_guangyuan(tmp_path: Path) -> None:
    """政务晨讯/要情专报 2; 政府工作通报 (不含领导讲话)/政务参阅 5; 约稿信息采用 5; 门户网站 文字 1 图片 0.5;
    国办 10; 川政晨讯 参阅 3 重要 5; 批示 国务院 20 省 10 市 5; 约稿不报或迟报 −10; adoptions summed.
    """
    site = make_site(
        tmp_path,
        portal=scheme("广元"),
        reports=_guangyuan_reports(),
        requests={
            "gy-01.md": request("专题约稿一", "2026-03-01", "2026-03-15", ["综合股", "督查股"]),
            # 信息股 never answers; deadline passed at as_of 04-05 → missed −10
            "gy-02.md": request("专题约稿二", "2026-03-01", "2026-03-20", ["信息股"]),
        },
    )
    data = stats(site, "--period", "2026-03")
    assert_sections(
        data,
        {
            # 35.5 − 10 = 25.5
            "督查股": {"score": 25.5, "submitted": 2, "adopted": 1, "adoptions": 2, "instructions": 2,
                       "breakdown": breakdown(reports=35.5, requests=-10), "passed": None},
            # 17 + 0 + 5 = 22, request on time 0
            "综合股": {"score": 22, "submitted": 3, "adopted": 3, "adoptions": 4, "instructions": 1,
                       "breakdown": breakdown(reports=22), "passed": None},
            # 9 − 10 = −1
            "信息股": {"score": -1, "submitted": 1, "adopted": 1, "adoptions": 3,
                       "breakdown": breakdown(reports=9, requests=-10), "passed": None},
        },
    )  # fmt: skip
    statuses = {r["id"]: r["status"] for r in data["requests"]}
    assert statuses == {"gy-01": {"综合股": "on_time", "督查股": "late"}, "gy-02": {"信息股": "missed"}}


# --- 2.2 连云港市 --------------------------------------------------------------------------------


def _lianyungang_reports() -> dict[str, str]:
    """The reports of :func:`test_lianyungang`, each worked out by hand beside it."""
    return {
        # 经济科
        # r1 动态: 昨日情况 3 + 连云港市政务信息 2 + 省信息简报 10 = 15; 市领导批示 on 昨日情况 +5 → p = 20
        "2026/03/r1.md": report(
            "r1",
            "经济科",
            "2026-03-02",
            kind="动态",
            adopted=[
                by("市政府办", "昨日情况"),
                by("市政府办", "连云港市政务信息"),
                by("省政府办公厅", "信息简报"),
            ],
            instructions=[leader("city")],
        ),
        # r2 动态: 昨日情况·简讯 1; 省领导批示 50 → p = 51
        "2026/03/r2.md": report(
            "r2",
            "经济科",
            "2026-03-09",
            kind="动态",
            adopted=[by("市政府办", "昨日情况", form="简讯")],
            instructions=[leader("province")],
        ),
        **_lianyungang_other_reports(),
    }


def _lianyungang_other_reports() -> dict[str, str]:
    """社会科's and 城建科's reports of :func:`test_lianyungang`."""
    return {
        # 社会科
        # r3 调研: 政务建议 20 + 昨日情况 3 + 省专报信息·调研类 30 = 53; 市领导批示: the 政务建议 row is
        # first → 10 (not 5) → p = 63
        "2026/03/r3.md": report(
            "r3",
            "社会科",
            "2026-03-05",
            kind="调研",
            adopted=[
                by("市政府办", "政务建议"),
                by("市政府办", "昨日情况"),
                by("省政府办公厅", "专报信息"),
            ],
            instructions=[leader("city")],
        ),
        # 城建科
        # r4 动态: 市专报信息 3 (by 市政府办, not the province's 20) + 省专报信息 20 + 互联网信息摘编 5
        # + 选送国办 10 + 国办 50 = 88; 国务院领导批示 100 → p = 188
        "2026/03/r4.md": report(
            "r4",
            "城建科",
            "2026-03-06",
            kind="动态",
            adopted=[
                by("市政府办", "专报信息"),
                by("省政府办公厅", "专报信息"),
                by("省政府办公厅", "互联网信息摘编"),
                by("省政府办公厅", form="报国办"),
                by("国务院办公厅"),
            ],
            instructions=[leader("national")],
        ),
        # r5: not adopted; submitted 0 → p = 0
        "2026/03/r5.md": report("r5", "城建科", "2026-03-20"),
    }


def test_lianyungang(tmp_path: Path) -> None:
    """昨日情况 3 / 简讯 1 (+5 市领导批示); 政务建议 20 (+10 批示); 市专报信息 3; 连云港市政务信息 2;
    省 信息简报/江苏信息摘编 +10, 专报信息 +20 / 调研类 +30, 互联网信息摘编 +5, 省领导批示 +50;
    选送国办 10; 国办 50; 国务院领导批示 +100; several publications accumulate.
    """
    site = make_site(
        tmp_path,
        portal=scheme("连云港"),
        reports=_lianyungang_reports(),
    )
    assert_sections(
        stats(site, "--period", "2026-03"),
        {
            "城建科": {"score": 188, "submitted": 2, "adopted": 1, "adoptions": 5, "breakdown": breakdown(reports=188)},
            # 20 + 51
            "经济科": {"score": 71, "submitted": 2, "adopted": 2, "adoptions": 4, "breakdown": breakdown(reports=71)},
            "社会科": {"score": 63, "submitted": 1, "adopted": 1, "adoptions": 3, "breakdown": breakdown(reports=63)},
        },
    )


# --- 2.3 衢州市 ----------------------------------------------------------------------------------


def _quzhou_reports() -> dict[str, str]:
    """The reports of :func:`test_quzhou`, each worked out by hand beside it."""
    return {
        # 发改局
        # r1: 信息版 2 + 转报省府办 given 3 × 2 = 6 → 8; 市领导批示 10 → p = 18
        "2026/03/r1.md": report(
            "r1",
            "发改局",
            "2026-03-03",
            adopted=[
                by("市政府办", "衢州政务", form="信息版"),
                by("省政府办公厅", route="转报", points=3),
            ],
            instructions=[leader("city")],
        ),
        # r2: 直报省府办, given 4 → p = 4
        "2026/03/r2.md": report("r2", "发改局", "2026-03-10", adopted=[by("省政府办公厅", points=4)]),
        # r3 合报 发改局+农业局: 增刊 10 + 转报国办 given 2 × 5 = 10 → p = 20, split → 10 each.
        # Authors 王芳, 李强 get 20 / 2 = 10 each, under the first section 发改局.
        "2026/03/r3.md": report(
            "r3",
            "[发改局, 农业局]",
            "2026-03-12",
            author=["王芳", "李强"],
            adopted=[
                by("市政府办", "衢州政务", form="增刊"),
                by("国务院办公厅", route="转报", points=2),
            ],
        ),
        # 应急局
        # r4 urgent, reported after 1h30 (on time): 送阅件 2 → p = 2
        "2026/03/r4.md": report(
            "r4",
            "应急局",
            "2026-03-05",
            urgent=True,
            event_time="2026-03-05 08:00",
            reported_time="2026-03-05 09:30",
            adopted=[by("市政府办", "送阅件")],
        ),
        # r5: 专报信息 3 + 省府办 without a given score: the `given` row is skipped, default adopted {} → 0
        # → p = 3
        "2026/03/r5.md": report(
            "r5",
            "应急局",
            "2026-03-15",
            adopted=[by("市政府办", "衢州政务", form="专报信息"), by("省政府办公厅")],
        ),
        # 农业局
        # r6: 特刊 2 → p = 2
        "2026/03/r6.md": report("r6", "农业局", "2026-03-20", adopted=[by("市政府办", "衢州政务", form="特刊")]),
    }


def test_quzhou(tmp_path: Path) -> None:
    """衢州政务 信息版/特刊 2, 专报信息 3, 增刊 10; 送阅件 2; 市领导批示 +10; 直报省府办: the province's
    score; 转报 省府办 ×2, 转报 国办 ×5; 合报 split equally.  (Accumulation assumed: adoption sum.)
    """
    site = make_site(
        tmp_path,
        portal=scheme("衢州"),
        reports=_quzhou_reports(),
    )
    data = stats(site, "--period", "2026-03")
    assert_sections(
        data,
        {
            # 18 + 4 + 10 (half of r3); r3 counts 1 report, 1 adopted, 2 adoptions for each section
            "发改局": {"score": 32, "submitted": 3, "adopted": 3, "adoptions": 5, "instructions": 1,
                       "breakdown": breakdown(reports=32)},
            # 10 (half of r3) + 2
            "农业局": {"score": 12, "submitted": 2, "adopted": 2, "adoptions": 3, "breakdown": breakdown(reports=12)},
            # 2 + 3
            "应急局": {"score": 5, "submitted": 2, "adopted": 2, "adoptions": 3, "breakdown": breakdown(reports=5)},
        },
    )  # fmt: skip
    people = {(p["author"], p["section"]): p["score"] for p in data["people"]}
    assert people == {("李强", "发改局"): 10, ("王芳", "发改局"): 10}
    assert data["urgent"][0]["status"] == "on_time"


# --- 2.4 常山县 (truncated source) ---------------------------------------------------------------

TOWNS = ("天马街道", "球川镇", "芳村镇")


def month_batch(
    prefix: str, section: str, month: int, kinds: list[str], adopted: dict[int, list[Any]]
) -> dict[str, str]:
    """One report per entry of ``kinds``, dated day 1, 2, … of ``month`` 2026; ``adopted[i]`` on the i-th."""
    return {
        f"2026/{month:02d}/{prefix}-{month}-{i}.md": report(
            f"{prefix}{month}-{i}",
            section,
            f"2026-{month:02d}-{i:02d}",
            kind=kind,
            **cast("dict[str, Any]", {"adopted": adopted[i]} if i in adopted else {}),
        )
        for i, kind in enumerate(kinds, 1)
    }


def test_changshan(tmp_path: Path) -> None:
    """要情快报 5, 常山政务 10, 常山政务增刊/政务参阅 30; 衢州政务信息动态 20, 单篇 50, 衢州政务工作交流 80;
    乡镇: base 10 a month when 要情/动态 ≥ 8 that month; 长篇 ≥ 1 a quarter.

    The source is truncated after the city rules, so (as the guide says): a month short of 8 earns no base
    and nothing more is deducted; a quarter without 长篇 costs 10 per missing item (assumed); 紧急信息 and
    约稿 are not scored; the minimums apply to the 乡镇 only.
    """
    reports: dict[str, str] = {}
    # 天马街道: Jan 5 要情 + 3 动态, Feb 8 动态, Mar 8 动态 + one 长篇 on 03-09
    # adoptions: Jan #1 要情快报 5 + 衢州政务信息动态·单篇 50 = 55; Feb #1 常山政务 10;
    # the 长篇 政务参阅 30 + 衢州政务工作交流 80 = 110 → reports Σ 175
    reports |= month_batch(
        "t", "天马街道", 1, ["要情"] * 5 + ["动态"] * 3,
        {1: [by("县府办", "要情快报"), by("市府办", "衢州政务信息动态", form="单篇")]},
    )  # fmt: skip
    reports |= month_batch("t", "天马街道", 2, ["动态"] * 8, {1: [by("县府办", "常山政务")]})
    reports |= month_batch(
        "t", "天马街道", 3, ["动态"] * 8 + ["长篇"],
        {9: [by("县府办", "政务参阅"), by("市府办", "衢州政务工作交流")]},
    )  # fmt: skip
    # 球川镇: Jan 8 要情, Feb 7 动态 + 1 长篇 (8 reports but only 7 of 要情/动态), Mar 8 动态
    # adoptions: Mar #1 衢州政务信息动态 (no 单篇) 20; Mar #2 常山政务增刊 30 → Σ 50
    reports |= month_batch("q", "球川镇", 1, ["要情"] * 8, {})
    reports |= month_batch("q", "球川镇", 2, ["动态"] * 7 + ["长篇"], {})
    reports |= month_batch(
        "q", "球川镇", 3, ["动态"] * 8,
        {1: [by("市府办", "衢州政务信息动态")], 2: [by("县府办", "常山政务增刊")]},
    )  # fmt: skip
    # 芳村镇: Jan 3 动态, #1 要情快报 5 → Σ 5
    reports |= month_batch("f", "芳村镇", 1, ["动态"] * 3, {1: [by("县府办", "要情快报")]})
    # 县农业农村局 (not a 乡镇): Feb one 动态, 常山政务 10 → Σ 10
    reports |= month_batch("n", "县农业农村局", 2, ["动态"], {1: [by("县府办", "常山政务")]})
    site = make_site(tmp_path, portal=scheme("常山"), reports=reports)
    assert_sections(
        stats(site, "--period", "2026-Q1"),
        {
            # months 10 + 10 + 10, quarter has a 长篇 → period 30; 175 + 30
            "天马街道": {"score": 205, "submitted": 25, "adopted": 3, "adoptions": 5,
                         "breakdown": breakdown(reports=175, period=30)},
            # Jan 10, Feb 0 (7 < 8), Mar 10; the Feb 长篇 meets the quarter → period 20; 50 + 20
            "球川镇": {"score": 70, "submitted": 24, "adopted": 2, "breakdown": breakdown(reports=50, period=20)},
            # no period rows for a department
            "县农业农村局": {"score": 10, "submitted": 1, "breakdown": breakdown(reports=10)},
            # no month reaches 8 → 0; no 长篇: 1 short × −10 → period −10; 5 − 10
            "芳村镇": {"score": -5, "submitted": 3, "breakdown": breakdown(reports=5, period=-10)},
        },
    )  # fmt: skip
    # A monthly figure carries the month rows only, never the quarter's:
    march = stats(site, "--period", "2026-03")
    # 天马 March: 长篇 110 + base 10 = 120; 球川 March: 50 + 10 = 60; 芳村 March: nothing → 0 (no −10)
    assert {row["section"]: row["score"] for row in march["sections"]} == {
        "天马街道": 120, "球川镇": 60, "芳村镇": 0, "县农业农村局": 0,
    }  # fmt: skip


# --- 2.5 练市镇 ----------------------------------------------------------------------------------


def _lianshi_month_reports() -> dict[str, str]:
    """The reports of :func:`test_lianshi_month`, each worked out by hand beside it."""
    return {
        # 农业办 (4 reports in March: no shortfall)
        # r1 问题性: 1 + 练市信息 3 + 5 (add) + 区 10 = 19; 区 批示 20 → p = 39
        "2026/03/r1.md": report(
            "r1",
            "农业办",
            "2026-03-02",
            kind="问题性",
            adopted=[by("镇党政办", "练市信息"), by("区委办")],
            instructions=[leader("county")],
        ),
        # r2 动态: 1 + 简讯 2 → p = 3
        "2026/03/r2.md": report(
            "r2",
            "农业办",
            "2026-03-04",
            kind="动态",
            adopted=[by("镇党政办", "练市信息", form="简讯")],
        ),
        # r3: 1
        "2026/03/r3.md": report("r3", "农业办", "2026-03-06", kind="动态"),
        # r4 urgent, reported 3h after the event (> 2h): urgent late −2; its 市 批示 is on 紧急信息 → 0; p = 1
        "2026/03/r4.md": report(
            "r4",
            "农业办",
            "2026-03-10",
            urgent=True,
            event_time="2026-03-10 08:00",
            reported_time="2026-03-10 11:00",
            instructions=[leader("city")],
        ),
        # 城建办 (2 reports: 2 short → −4)
        # r5 专题调研: 1 + 练市信息 3 + 5 + 市 20 + 省 30 → p = 59
        "2026/03/r5.md": report(
            "r5",
            "城建办",
            "2026-03-05",
            kind="专题调研",
            adopted=[by("镇党政办", "练市信息"), by("市委办"), by("省委办公厅")],
        ),
        # r6 urgent, never reported, overdue at as_of → −2 (漏报); p = 1
        "2026/03/r6.md": report("r6", "城建办", "2026-03-28", urgent=True, event_time="2026-03-28 08:00"),
        # 社会事务办 (1 report: 3 short → −6)
        # r7 社情民意: 1 + 简讯 2 + 5 → p = 8
        "2026/03/r7.md": report(
            "r7",
            "社会事务办",
            "2026-03-03",
            kind="社情民意",
            adopted=[by("镇党政办", "练市信息", form="简讯")],
        ),
    }


def test_lianshi_month(tmp_path: Path) -> None:
    """上报 1; < 4 a month: −2 per missing; 练市信息 录用 3 / 简讯 2, 问题性/社情民意/专题调研 +5;
    转报 区/市/省 +10/+20/+30 (summed); 批示 镇/区/市/省 +10/+20/+30/+40, none on 紧急信息;
    紧急信息 迟报/漏报/错报/瞒报 −2 each; 被通报 −5.
    """
    site = make_site(
        tmp_path,
        portal=scheme("练市"),
        reports=_lianshi_month_reports(),
        files=incidents(
            ("社会事务办", "2026-03-12", "被通报", "reports/2026/03/r7.md"),  # −5
            ("社会事务办", "2026-03-20", "错报"),  # −2
            ("社会事务办", "2026-03-25", "瞒报"),  # −2
            ("社会事务办", "2026-02-10", "被通报"),  # February: not in March's figures
        ),
    )
    assert_sections(
        stats(site, "--period", "2026-03"),
        {
            # 60 − 2 (urgent) − 4 (2 short)
            "城建办": {"score": 54, "submitted": 2, "breakdown": breakdown(reports=60, urgent=-2, period=-4)},
            # 39 + 3 + 1 + 1 = 44, − 2 urgent late
            "农业办": {"score": 42, "submitted": 4, "instructions": 2, "breakdown": breakdown(reports=44, urgent=-2)},
            # 8 − 5 − 2 − 2 − 6
            "社会事务办": {"score": -7, "submitted": 1, "incidents": {"被通报": 1, "错报": 1, "瞒报": 1},
                           "breakdown": breakdown(reports=8, incidents=-9, period=-6)},
        },
    )  # fmt: skip


def lianshi_year_site(tmp_path: Path, files: dict[str, str] | None = None) -> Path:
    """农业办 and 社会事务办 report 4 plain 动态 every month of 2026 (1 point each, no shortfall);
    城建办 reports nothing.  社会事务办 was 被通报 twice.
    """
    reports: dict[str, str] = {}
    for month in range(1, 13):
        reports |= month_batch("a", "农业办", month, ["动态"] * 4, {})
        reports |= month_batch("s", "社会事务办", month, ["动态"] * 4, {})
    return make_site(
        tmp_path,
        portal=scheme("练市"),
        reports=reports,
        files={
            **incidents(
                ("社会事务办", "2026-04-10", "被通报"),
                ("社会事务办", "2026-09-10", "被通报"),
            ),
            **(files or {}),
        },
    )


@pytest.mark.slow
def test_lianshi_year_and_the_guide_in_a_built_portal(tmp_path: Path) -> None:
    """One real build: the guide chapter renders, and 被通报 twice costs 社会事务办 its praise (评先).

    (A section reminded of anything in a bulletin, an incident included, is not praised in it either: the
    bulletin never praises and reminds one section at once, see docs/decisions.md.)
    """
    site = lianshi_year_site(tmp_path, files={"content/guide.md": GUIDE.read_text(encoding="utf-8")})
    year = stats(site, "--period", "2026", as_of="2027-01-05")
    assert_sections(
        year,
        {
            # 48 reports × 1 = 48
            "农业办": {"score": 48, "submitted": 48, "breakdown": breakdown(48)},
            # 48 − 5 − 5 = 38
            "社会事务办": {"score": 38, "submitted": 48, "incidents": {"被通报": 2},
                           "breakdown": breakdown(48, incidents=-10)},
            # 12 months × 4 short × −2 = −96
            "城建办": {"score": -96, "submitted": 0, "breakdown": breakdown(period=-96)},
        },
    )  # fmt: skip
    result = mkdocs_build(site, as_of="2027-01-05")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    built = site / "_site"
    # ranks 1 and 2 with positive scores would both be praised (bulletin.praise 3); no_praise removes 社会事务办
    annual = (built / "bulletins" / "2026" / "index.html").read_text(encoding="utf-8")
    praise = re.search(r'<p class="pt-praise">(.*?)</p>', annual, re.S)
    assert praise, "no praise paragraph in the annual bulletin"
    assert "农业办" in praise.group(1)
    assert "社会事务办" not in praise.group(1)
    # the bulletin's 得分构成 shows the same parts as the JSON, and the incidents are among the reminders
    for row in year["sections"]:
        shown = re.search(rf'<tr data-breakdown="{row["section"]}">(.*?)</tr>', annual, re.S)
        assert shown, row["section"]
        parts = dict(re.findall(r'data-part="([a-z]+)">([^<]*)<', shown.group(1)))
        assert parts == {key: str(value) for key, value in row["breakdown"].items()}, row["section"]
    reminders = re.search(r'<ol class="pt-reminders">(.*?)</ol>', annual, re.S)
    assert reminders
    assert reminders.group(1).count("被通报") == 2
    # the guide page: the chapter, all nine examples, their yaml as code
    guide = (built / "guide" / "index.html").read_text(encoding="utf-8")
    assert CHAPTER in guide
    for heading in guide_configs():
        assert heading.split("：")[0] in guide
    assert "total: average" in guide
    assert "原文不全之处" in guide


# --- 2.6 县级 (股室) -----------------------------------------------------------------------------


def test_county_sections_year(tmp_path: Path) -> None:
    """≥ 15 a year → 50 else 0; 重要信息 单条 5 / 综合 3; 要情 10; 市委办 10; 省委/省政府办公厅 20;
    转报 国办 30, 中办 50; 信息快报 10; 政务信息 动态 5 / 约稿及综合调研 10 / 简讯 3;
    调研参考/理论文章 转报 and adopted ×2 the 省/市 score; publications accumulate; unadopted 0.
    """
    reports: dict[str, str] = {}
    # 综合股: 15 动态 (5 each in Jan, Feb, Mar); adoptions on three of them
    reports |= month_batch(
        "z", "综合股", 1, ["动态"] * 5,
        # 重要信息 (单条) 5 + 市委办 10 → 15
        {1: [by("县委办", "重要信息"), by("市委办")]},
    )  # fmt: skip
    reports |= month_batch(
        "z", "综合股", 2, ["调研参考"] + ["动态"] * 4,
        # 调研参考: 政务信息·综合调研 10 + 省政府办公厅 转报 20 × 2 = 40 → 50
        {1: [by("县政府办", "政务信息", form="综合调研"), by("省政府办公厅", route="转报")]},
    )  # fmt: skip
    # 要情 10
    reports |= month_batch("z", "综合股", 3, ["动态"] * 5, {1: [by("县委办", "要情")]})
    # 规划股: 14 reports
    reports |= month_batch(
        "g", "规划股", 1, ["动态", "理论文章", "调研参考"] + ["动态"] * 4,
        {
            # 重要信息·综合 3 + 政务信息·简讯 3 → 6
            1: [by("县委办", "重要信息", form="综合"), by("县政府办", "政务信息", form="简讯")],
            # 理论文章: 市委办 转报 10 × 2 = 20 + 国办 转报 30 (national: not doubled) → 50
            2: [by("市委办", route="转报"), by("国务院办公厅", route="转报")],
            # 调研参考 直报 省委办公厅 20, not doubled (not 转报) → 20
            3: [by("省委办公厅")],
        },
    )  # fmt: skip
    reports |= month_batch("g", "规划股", 6, ["动态"] * 7, {})
    # 价格股: 2 reports
    reports |= month_batch(
        "j", "价格股", 7, ["动态", "动态"],
        {
            # 转报 中办 50
            1: [by("中共中央办公厅", route="转报")],
            # 信息快报 10 + 政务信息 (no form: 动态) 5 → 15
            2: [by("县委办", "信息快报"), by("县政府办", "政务信息")],
        },
    )  # fmt: skip
    site = make_site(tmp_path, portal=scheme("县级信息"), reports=reports)
    assert_sections(
        stats(site, "--period", "2026", as_of="2027-01-05"),
        {
            # 15 + 50 + 10 = 75; 15 submitted → +50
            "综合股": {"score": 125, "submitted": 15, "adopted": 3, "adoptions": 5,
                       "breakdown": breakdown(reports=75, period=50)},
            # 6 + 50 + 20 = 76; 14 < 15 → 0
            "规划股": {"score": 76, "submitted": 14, "adopted": 3, "breakdown": breakdown(reports=76)},
            # 50 + 15
            "价格股": {"score": 65, "submitted": 2, "adopted": 2, "breakdown": breakdown(reports=65)},
        },
    )  # fmt: skip


# --- 2.7 钟楼区 (quarterly; truncated minimum) ---------------------------------------------------


def _zhonglou_quarter_reports() -> dict[str, str]:
    """The reports of :func:`test_zhonglou_quarter`, each worked out by hand beside it."""
    return {
        # 审批一科 (4 reports ≥ 3; 2 adopted of 4 = 50 %)
        # r1 理论调研: highest(区 20, 市 30) → p = 30
        "2026/01/r1.md": report("r1", "审批一科", "2026-01-10", kind="理论调研", adopted=[by("区委办"), by("市委办")]),
        # r2 政务: 省 30 + 市 批示 20 → p = 50
        "2026/02/r2.md": report(
            "r2", "审批一科", "2026-02-10", kind="政务", adopted=[by("省政府办公厅")], instructions=[leader("city")]
        ),
        # r3 answers zl-01 on time → request +2; p = 0
        "2026/03/r3.md": report("r3", "审批一科", "2026-03-03", request="zl-01"),
        "2026/03/r4.md": report("r4", "审批一科", "2026-03-20"),
        # 审批二科 (2 reports: 1 short → −1; 1 adopted of 2 = 50 %)
        # r5 urgent, reported 3h after (> 2h) → urgent −1; 区政府办 10 → p = 10
        "2026/01/r5.md": report(
            "r5",
            "审批二科",
            "2026-01-15",
            urgent=True,
            event_time="2026-01-15 09:00",
            reported_time="2026-01-15 12:00",
            adopted=[by("区政府办")],
        ),
        # r6 answers zl-01 two days late: 2 then −1 (add) → request +1; p = 0
        "2026/03/r6.md": report("r6", "审批二科", "2026-03-12", request="zl-01"),
        # 综合科 (2 reports: 1 short → −1; 0 adopted → rate 0 < 0.3 → −1)
        "2026/02/r7.md": report("r7", "综合科", "2026-02-03"),
        # r8 urgent, never reported → overdue −1
        "2026/03/r8.md": report("r8", "综合科", "2026-03-25", urgent=True, event_time="2026-03-25 10:00"),
    }


def test_zhonglou_quarter(tmp_path: Path) -> None:
    """Base 6 a quarter, deductions floored at 0, bonuses uncapped, < 6 不达标; 报送不及时 −1; short of the
    quarterly count −1 each; 专题约稿 completed +2; 被通报 −2; adoption rate < 30 % −1; 区/市/省+ 录用
    10/15/30, 理论调研 20/30/50; 批示 区/市/省+ 10/20/40.  The quarterly count is not in the source:
    assumed the quota (1 a month → 3 a quarter).  Accumulation not stated: highest (the default).

    Floored unit: max(0, 6 + negatives) + positives (SPEC §4.1).
    """
    site = make_site(
        tmp_path,
        portal=scheme("钟楼"),
        reports=_zhonglou_quarter_reports(),
        # zl-01 asks every section (default); 综合科 never answers → missed, priced 0
        requests={"zl-01.md": request("专题约稿", "2026-03-01", "2026-03-10")},
        files=incidents(
            ("审批二科", "2026-02-20", "被通报"),  # −2
            ("综合科", "2026-03-05", "被通报"),  # −2
            ("综合科", "2026-03-15", "被通报"),  # −2
        ),
    )
    assert_sections(
        stats(site, "--period", "2026-Q1"),
        {
            # negatives none; positives 30 + 50 + 2 = 82 → max(0, 6) + 82 = 88 ≥ 6: 达标
            "审批一科": {"score": 88, "submitted": 4, "adopted": 2, "quota": 3, "passed": True,
                         "breakdown": breakdown(reports=80, requests=2, period=6)},
            # negatives −1 (urgent) −2 (被通报) −1 (short) = −4; positives 10 + 1 = 11
            # → max(0, 6 − 4) + 11 = 13 ≥ 6: 达标; period = base 6 − 1 short = 5
            "审批二科": {"score": 13, "submitted": 2, "adopted": 1, "quota": 3, "passed": True,
                         "breakdown": breakdown(reports=10, requests=1, urgent=-1, incidents=-2, period=5)},
            # negatives −1 (overdue) −4 (被通报 ×2) −1 (short) −1 (rate) = −7; positives 0
            # → max(0, 6 − 7) + 0 = 0 < 6: 不达标; items −5, so the period rows' net is +5
            "综合科": {"score": 0, "submitted": 2, "adopted": 0, "quota": 3, "passed": False,
                       "breakdown": breakdown(urgent=-1, incidents=-4, period=5)},
        },
    )  # fmt: skip


# --- 2.8 XX镇 (成都) ----------------------------------------------------------------------------


def test_chengdu_town_quarter(tmp_path: Path) -> None:
    """县级市 刊物 10, 地级市 20, 省级 30; 约稿 provided +3, not within the deadline −3; 2 a month each
    (the quota); 10 points a quarter and 40 a year to pass.  Accumulation not stated: highest.
    """
    site = make_site(
        tmp_path,
        portal=scheme("成都"),
        reports={
            # 党建办: r1 XX市委办 10; r2 answers yq-01 on time (+3), highest(成都 20, XX市 10) = 20
            "2026/01/r1.md": report("r1", "党建办", "2026-01-05", adopted=[by("XX市委办")]),
            "2026/02/r2.md": report(
                "r2", "党建办", "2026-02-05", request="yq-01", adopted=[by("成都市委办"), by("XX市委办")]
            ),
            # 经济发展办: r3 省级 30; r4 answers yq-01 after the deadline → −3
            "2026/01/r3.md": report("r3", "经济发展办", "2026-01-20", adopted=[by("省委办公厅")]),
            "2026/02/r4.md": report("r4", "经济发展办", "2026-02-15", request="yq-01"),
            # 社会事业办: r5 XX市委办 10; yq-01 never answered → missed −3
            "2026/03/r5.md": report("r5", "社会事业办", "2026-03-01", adopted=[by("XX市委办")]),
            # later in the year (they do not exist yet at the quarter's as_of, 2026-04-05):
            # 党建办 Q2 10, Q3 20, Q4 10; 经济发展办 Q2 30
            "2026/05/r8.md": report("r8", "党建办", "2026-05-05", adopted=[by("XX市委办")]),
            "2026/08/r9.md": report("r9", "党建办", "2026-08-05", adopted=[by("成都市委办")]),
            "2026/11/r10.md": report("r10", "党建办", "2026-11-05", adopted=[by("XX市委办")]),
            "2026/05/r11.md": report("r11", "经济发展办", "2026-05-10", adopted=[by("省委办公厅")]),
        },
        requests={"yq-01.md": request("约稿", "2026-02-01", "2026-02-10")},
    )
    assert_sections(
        stats(site, "--period", "2026-Q1"),
        {
            # 10 + 20 + 3 = 33 ≥ 10: 达标; quota 2 × 3 months
            "党建办": {"score": 33, "quota": 6, "passed": True, "breakdown": breakdown(reports=30, requests=3)},
            # 30 − 3 = 27 ≥ 10
            "经济发展办": {"score": 27, "quota": 6, "passed": True, "breakdown": breakdown(reports=30, requests=-3)},
            # 10 − 3 = 7 < 10: 不达标
            "社会事业办": {"score": 7, "quota": 6, "passed": False, "breakdown": breakdown(reports=10, requests=-3)},
        },
    )  # fmt: skip
    # a month has no pass row of its own: passed is null
    assert all(row["passed"] is None for row in stats(site, "--period", "2026-01")["sections"])
    # The year: its own pass row (≥ 40) and those of its four quarters (≥ 10) must all hold.
    assert_sections(
        stats(site, "--period", "2026", as_of="2027-01-05"),
        {
            # quarters 33, 10, 20, 10 all ≥ 10; year 73 ≥ 40 → 达标
            "党建办": {"score": 73, "quota": 24, "passed": True},
            # quarters 27, 30, 0, 0: Q3 and Q4 fail although the year's 57 ≥ 40 → 不达标
            "经济发展办": {"score": 57, "quota": 24, "passed": False},
            # 7 < 40 → 不达标
            "社会事业办": {"score": 7, "quota": 24, "passed": False},
        },
    )


# --- 2.9 梅州市 (average) -----------------------------------------------------------------------


def _meizhou_average_reports() -> dict[str, str]:
    """The reports of :func:`test_meizhou_average`, each worked out by hand beside it."""
    return {
        # 梅江区
        # r1 urgent on time (1h): 专报 5 + 省 批示 4 = 9; image +1 → p = 10
        "2026/03/r1.md": report(
            "r1",
            "梅江区",
            "2026-03-02",
            body="现场情况如下。\n\n![现场](xianchang.png)\n",
            urgent=True,
            event_time="2026-03-02 08:00",
            reported_time="2026-03-02 09:00",
            adopted=[by("市政府办", form="专报")],
            instructions=[leader("province")],
        ),
        # r2 urgent late (4h > 2h): 送阅 4 × 0.5 → p = 2; urgent_late 0
        "2026/03/r2.md": report(
            "r2",
            "梅江区",
            "2026-03-10",
            urgent=True,
            event_time="2026-03-10 08:00",
            reported_time="2026-03-10 12:00",
            adopted=[by("市政府办", form="送阅")],
        ),
        # r3: 备查 1 → p = 1
        "2026/03/r3.md": report("r3", "梅江区", "2026-03-15", adopted=[by("市政府办", form="备查")]),
        # 兴宁市
        # r4: 综合 2, found 轻报 → × 0.5 → p = 1
        "2026/03/r4.md": report("r4", "兴宁市", "2026-03-05", adopted=[by("市政府办", form="综合")]),
        # r5: 约稿 3 + 市 批示 3 = 6; video +1 → p = 7
        "2026/03/r5.md": report(
            "r5",
            "兴宁市",
            "2026-03-08",
            body="[现场视频](xianchang.mp4)\n",
            adopted=[by("市政府办", form="约稿")],
            instructions=[leader("city")],
        ),
        # 市应急管理局
        # r6 urgent, never reported → overdue: urgent −10 (漏报); not adopted → p = 0; not a scored report
        "2026/03/r6.md": report("r6", "市应急管理局", "2026-03-12", urgent=True, event_time="2026-03-12 08:00"),
        # r7: 专报 5, found 谎报 → × 0.5 → p = 2.5
        "2026/03/r7.md": report("r7", "市应急管理局", "2026-03-18", adopted=[by("市政府办", form="专报")]),
    }


def test_meizhou_average(tmp_path: Path) -> None:
    """专报/送阅/综合/备查/约稿 5/4/2/1/3; 批示 国家/省/市 +5/+4/+3; 现场图像或音视频 +1;
    迟报/轻报/谎报 −50 % of the item; 瞒报/漏报 −10; 综合得分 = 总分 ÷ 计分信息条数 (2 decimals, half up).
    """
    site = make_site(
        tmp_path,
        portal=scheme("梅州"),
        reports=_meizhou_average_reports(),
        files={
            "content/reports/2026/03/xianchang.png": png(),
            "content/reports/2026/03/xianchang.mp4": b"\x00\x00\x00\x18ftypmp42",
            **incidents(
                ("兴宁市", "2026-03-20", "轻报", "reports/2026/03/r4.md"),  # priced 0, halves r4
                ("兴宁市", "2026-03-25", "瞒报"),  # −10
                ("市应急管理局", "2026-03-22", "谎报", "reports/2026/03/r7.md"),  # priced 0, halves r7
                ("市应急管理局", "2026-03-28", "漏报"),  # −10
            ),
        },
    )
    assert_sections(
        stats(site, "--period", "2026-03"),
        {
            # (10 + 2 + 1) ÷ 3 = 4.333… → 4.33
            "梅江区": {"score": 4.33, "submitted": 3, "breakdown": breakdown(reports=13)},
            # (1 + 7 − 10) ÷ 2 = −1
            "兴宁市": {"score": -1, "submitted": 2, "incidents": {"瞒报": 1, "轻报": 1},
                       "breakdown": breakdown(reports=8, incidents=-10)},
            # (0 + 2.5 − 10 − 10) ÷ 1 (r6 is overdue: not counted) = −17.5
            "市应急管理局": {"score": -17.5, "submitted": 2, "incidents": {"漏报": 1, "谎报": 1},
                             "breakdown": breakdown(reports=2.5, urgent=-10, incidents=-10)},
        },
    )  # fmt: skip


# --- the 约稿 and time-limit rules of schemes.md (guide: 其他常见规定的写法) ----------------------


def test_two_requests_not_done_zero_the_year(tmp_path: Path) -> None:
    """某市: 凡2次以上没有按时按质完成约稿任务的，当年信息考核分按零分处理.  Default scoring otherwise
    (submitted 1, county 5, city 10, request_late −5, request_missed −10).
    """
    config = {
        **PORTAL,
        "scoring": {"period": [{"per": "year", "if": {"requests": {"status": "not_on_time", "min": 2}}, "zero": True}]},
    }
    site = make_site(
        tmp_path,
        portal=config,
        reports={
            # 甲股: 1 + 市委办 10 = 11; answers q2 late: 1 + 县委办 5 = 6
            "2026/03/a1.md": report("a1", "甲股", "2026-03-02", adopted=[by("市委办")]),
            "2026/06/a2.md": report("a2", "甲股", "2026-06-15", request="q2", adopted=[by("县委办")]),
            # 乙股: answers q1 on time: 1
            "2026/03/b1.md": report("b1", "乙股", "2026-03-05", request="q1"),
            # 丙股 (never asked): 1
            "2026/05/c1.md": report("c1", "丙股", "2026-05-05"),
        },
        requests={
            "q1.md": request("约稿一", "2026-03-01", "2026-03-10", ["甲股", "乙股"]),
            "q2.md": request("约稿二", "2026-06-01", "2026-06-10", ["甲股", "乙股"]),
        },
    )
    assert_sections(
        stats(site, "--period", "2026", as_of="2027-01-05"),
        {
            # 1
            "丙股": {"score": 1, "breakdown": breakdown(reports=1)},
            # items 11 + 6 − 10 (q1 missed) − 5 (q2 late) = 2; two not on time → the year is 0, period −2
            "甲股": {"score": 0, "breakdown": breakdown(reports=17, requests=-15, period=-2)},
            # 1 − 10 (q2 missed); only one not on time → no zero
            "乙股": {"score": -9, "breakdown": breakdown(reports=1, requests=-10)},
        },
    )


def test_time_limits_by_severity(tmp_path: Path) -> None:
    """特别重大/重大 30 min, 较大 60 min in writing, otherwise 2 h (urgent_limit_hours as a map);
    default urgent_late −5.
    """
    limits = {"default": 2, "特别重大": 0.5, "重大": 0.5, "较大": 1}
    event: dict[str, Any] = {"urgent": True, "event_time": "2026-03-05 08:00"}
    site = make_site(
        tmp_path,
        portal={**PORTAL, "urgent_limit_hours": limits},
        reports={
            # due 08:30, reported 08:40 → late: 1 − 5 = −4
            "a.md": report("a", "甲股", "2026-03-05", severity="特别重大", reported_time="2026-03-05 08:40", **event),
            # due 09:00, reported 08:50 → on time: 1
            "b.md": report("b", "乙股", "2026-03-05", severity="较大", reported_time="2026-03-05 08:50", **event),
            # no severity: due 10:00, reported 09:50 → on time: 1
            "c.md": report("c", "丙股", "2026-03-05", reported_time="2026-03-05 09:50", **event),
        },
    )
    data = stats(site, "--period", "2026-03")
    due = {row["section"]: (row["due"], row["status"]) for row in data["urgent"]}
    assert due == {
        "甲股": ("2026-03-05T08:30:00+08:00", "late"),
        "乙股": ("2026-03-05T09:00:00+08:00", "on_time"),
        "丙股": ("2026-03-05T10:00:00+08:00", "on_time"),
    }
    assert {row["section"]: row["score"] for row in data["sections"]} == {"甲股": -4, "乙股": 1, "丙股": 1}
