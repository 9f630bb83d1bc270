"""Small rules of the office documents, one row a case, each worked out by hand (issue 13)."""

from __future__ import annotations

from datetime import date

import pytest

from portal.figures.tally import SectionRow, Tally
from portal.model.objects import Settings
from portal.output.bulletin import document_number, praise_reasons
from portal.output.office.officedoc import cell_width, fitted_widths, text_width, wrap_widths
from portal.words.bulletin import praise_sentence
from portal.words.numbers import cn_date, cn_numeral


@pytest.mark.parametrize(
    ("text", "ems"),
    [
        ("社会救助股", 5),  # 5 CJK characters
        ("2026年2月3日", 7.25),  # 2026 = 2, 年 1, 2 ½, 月 1, 3 ½, 日 1 = 6; 5 changes of script × ¼
        ("100.0%", 3),  # 6 × ½
        ("第1股", 2.5 + 0.5),  # 2 + ½, 2 changes × ¼
    ],
    ids=["cjk", "date", "latin", "mixed"],
)
def test_text_width(text: str, ems: float) -> None:
    assert text_width(text) == pytest.approx(ems)


def test_cell_width_leaves_room_for_wide_latin_glyphs() -> None:
    # 100.0%: 3 em + 5 × 0.05 (digits, point) + 0.4 (%)
    assert cell_width("100.0%") == pytest.approx(3 + 0.25 + 0.4)


@pytest.mark.parametrize(
    ("day", "text"),
    [(date(2026, 1, 5), "2026年1月5日"), (date(2025, 12, 1), "2025年12月1日"), (date(2026, 10, 10), "2026年10月10日")],
)
def test_dates_have_no_leading_zeros(day: date, text: str) -> None:
    assert cn_date(day) == text


@pytest.mark.parametrize(
    ("pattern", "n", "text"),
    [
        ("示民办〔{year}〕{n}号", 23, "示民办〔2026〕23号"),
        ("示民办〔{year}〕{n}号", None, "示民办〔2026〕\u3000\u3000号"),  # a blank to fill by hand
        ("示民函〔{year}〕{n}号", 1, "示民函〔2026〕1号"),
    ],
)
def test_document_number(pattern: str, n: int | None, text: str) -> None:
    assert document_number(pattern, 2026, n) == text


@pytest.mark.parametrize(("n", "numeral"), [(1, "一"), (6, "六"), (10, "十"), (12, "十二")])
def test_cn_numeral(n: int, numeral: str) -> None:
    assert cn_numeral(n) == numeral


@pytest.mark.parametrize(
    ("praised", "sentence"),
    [
        ([], "本期暂无得分为正的股室，不予表扬。"),
        ([("甲股", ("volume",))], "甲股报送数量多，综合得分位居前列，予以通报表扬。"),
        (
            [("甲股", ("volume", "rate", "instructions")), ("乙股", ("rate",))],
            "甲股报送数量多、采用率高、获领导批示，乙股采用率高，综合得分位居前列，予以通报表扬。",
        ),
        ([("甲股", ("rate",)), ("丙股", ()), ("丁股", ())], "甲股采用率高，丙股、丁股综合得分位居前列，予以通报表扬。"),
        ([("丙股", ())], "丙股综合得分位居前列，予以通报表扬。"),
    ],
    ids=["none", "one-reason", "several", "some-without", "only-without"],
)
def test_praise_sentence(praised: list[tuple[str, tuple[str, ...]]], sentence: str) -> None:
    assert praise_sentence(praised) == sentence


def row(name: str, submitted: int, adopted: int, instructions: int = 0) -> SectionRow:
    return SectionRow(name, "", name, 0, submitted=submitted, adopted=adopted, instructions=instructions)


@pytest.mark.parametrize(
    ("name", "reasons"),
    [
        # bureau: 4 + 4 + 2 + 1 + 1 = 12 submitted, 1 + 2 + 1 + 0 + 1 = 5 adopted: rate 5/12 ≈ 0.417
        ("甲", ("volume",)),  # 4 (rank 1 of 1,1,3,4,4 by count), 1/4 = 0.25 < 5/12
        ("乙", ("volume", "rate", "instructions")),  # 4 (rank 1), 2/4 = 0.5 ≥ 5/12, one instruction
        ("丙", ("volume", "rate")),  # 2 ranks 3rd (4, 4 before it) ≤ 3; 1/2 ≥ 5/12
        ("丁", ()),  # 1 ranks 4th; no adoption (0/1) is never 采用率高
        ("戊", ("rate",)),  # 1 ranks 4th; 1/1 ≥ 5/12
    ],
)
def test_praise_reasons(name: str, reasons: tuple[str, ...]) -> None:
    rows = [row("甲", 4, 1), row("乙", 4, 2, 1), row("丙", 2, 1), row("丁", 1, 0), row("戊", 1, 1)]
    t = Tally(None, None, rows, [], [], {}, [], [], [])  # type: ignore[arg-type]
    settings = Settings("测试县民政局", "Asia/Shanghai", None, 2, (), {}, (), praise=3)  # type: ignore[arg-type]
    assert praise_reasons(next(r for r in rows if r.section == name), t, settings) == reasons


def test_fitted_widths_keep_names_whole_and_fill_the_width() -> None:
    heads = ("排名", "股室", "得分")
    rows = [("1", "慈善事业促进和社会工作股", "12.5")]
    widths = fitted_widths(heads, rows, 12, 442)
    # 股室 needs (12 + ¼ slack) em × 12 pt + 4 pt padding = 151 pt; the table fills the 版心 exactly
    assert widths[1] >= 151 and sum(widths) == pytest.approx(442)
    assert fitted_widths(heads, [("1", "很长的股室名称" * 10, "1")], 12, 442) == []  # 70 em cannot fit


def test_wrap_widths_give_whole_words_their_room() -> None:
    heads = ("事件", "股室", "发生时间")
    rows = [("某乡发生一起需要报告的重大紧急事件的很长很长的标题", "社会救助股", "2026年7月20日\n03:30")]
    widths = wrap_widths(heads, rows, 9, 300)
    # each column keeps its widest unbreakable piece at (cell width + 0.1 em slack) × 9 pt + 2 × 1.5 pt margins:
    # the name, 5 CJK = 5 em; the date 2026年7月20日: 4 + 1 + 2 digits at ½ em and 3 CJK = 6.5 em, five changes
    # between Chinese and digits at ¼ em = 1.25, and 0.05 em for each of its 7 digits = 0.35, so 8.1 em.
    # The title takes what is left.
    assert widths[1] >= (5 + 0.1) * 9 + 3
    assert widths[2] >= (6.5 + 1.25 + 0.35 + 0.1) * 9 + 3
    assert sum(widths) == pytest.approx(300)
