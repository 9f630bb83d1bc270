"""Numbers and dates as people read them: scores rounded half up, rates in per cent, Chinese dates and numerals.

Every figure and date a page, a document or the command line prints goes through here (the figures compute
with :func:`round_half_up` too, so that a score is rounded one way everywhere).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

NUMERALS = "一二三四五六七八九十"


def round_half_up(value: float, places: int = 2) -> float:
    """四舍五入 away from zero: 2.345 → 2.35, -2.345 → -2.35."""
    exact = Decimal(repr(round(value, 9)))
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def number(value: float) -> float | int:
    """Integral scores print as integers; fractions with at most 2 decimals, rounded half up (SPEC §6)."""
    value = round_half_up(float(value), 2)
    return int(value) if value.is_integer() else value


def percent(value: float) -> str:
    """0.125 → ``12.5%`` (one decimal, as every table shows an adoption rate)."""
    return f"{value:.1%}"


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二 (1 to 19)."""
    return NUMERALS[n - 1] if n <= 10 else f"十{NUMERALS[n - 11]}"


def period_label(kind: str, year: int, month: int) -> str:
    """A period in Chinese, from its kind and first month: 2026年3月, 2026年第一季度, 2026年度."""
    if kind == "month":
        return f"{year}年{month}月"
    if kind == "quarter":
        return f"{year}年第{NUMERALS[(month - 1) // 3]}季度"
    return f"{year}年度"


def cn_date(day: date | datetime) -> str:
    """A date as a 公文 writes it, without leading zeros: 2026年1月5日."""
    return f"{day.year}年{day.month}月{day.day}日"


def cn_minute(moment: datetime) -> str:
    """A moment as people read it: 2026年3月6日 18:00."""
    return f"{cn_date(moment)} {moment:%H:%M}"
