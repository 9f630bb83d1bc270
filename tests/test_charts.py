"""Charts people can read (issue 25): round ticks, Chinese month labels, a negative value clear of the names."""

from __future__ import annotations

import re
from datetime import date

from portal.model.dates import Period
from portal.output.web import charts
from portal.output.web.page_sections import month_labels


def test_ticks_are_round_numbers() -> None:
    # 63 / 5 = 12.6 → the first of 1, 2, 5 × 10 that gives at most 5 steps is 20: 0, 20, 40, 60, 80
    assert charts.nice_ticks(63) == [0, 20, 40, 60, 80]
    # 15.8 / 5 = 3.16 → 5: 0, 5, 10, 15, 20 (not 15.8 / 31.5 …)
    assert charts.nice_ticks(15.8) == [0, 5, 10, 15, 20]
    # counts never step below 1
    assert charts.nice_ticks(4) == [0, 1, 2, 3, 4] and charts.nice_ticks(0) == [0, 1]
    # 262 / 5 = 52.4 → 100: 0, 100, 200, 300
    assert charts.nice_ticks(262) == [0, 100, 200, 300]


def test_trend_draws_its_ticks() -> None:
    svg = charts.trend("趋势", ["1月", "2月"], [("得分", [15.8, 63])])
    ticks = re.findall(r'font-size="10">([^<]+)</text>', svg)
    assert ticks[:5] == ["0", "20", "40", "60", "80"]


def test_month_labels_are_chinese() -> None:
    months = [Period(date(2025, m, 1), date(2025, m, 28), f"2025-{m:02d}") for m in (11, 12)]
    months += [Period(date(2026, m, 1), date(2026, m, 28), f"2026-{m:02d}") for m in (1, 2)]
    # the first and each January carry the year
    assert month_labels(months) == ["2025年11月", "12月", "2026年1月", "2月"]


def test_a_negative_value_stays_clear_of_the_names() -> None:
    svg = charts.bars("得分", ["社会救助股", "养老服务股"], [("得分", [40, -29])])
    label_end = 190 - 8  # the names end 8 units left of the plot (label_w 190, text-anchor end)
    value = re.search(r'<text x="([\d.]+)" y="[\d.]+" text-anchor="end" fill="#333" font-size="11">-29</text>', svg)
    assert value
    # the value ends at x and is at most 3 characters × 7 units wide: it starts right of the names
    assert float(value.group(1)) - 3 * 7 > label_end
