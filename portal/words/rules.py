"""The scoring rules in Chinese: the guide's 现行计分标准 (``scoring.html.j2``) and the 通报's note on 达标.

:func:`describe_rule` words one ``rules`` row, :func:`describe_period` one ``period`` row (SPEC §4.1).  The
rows are read through the small protocols below, so that the words need nothing above them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from .numbers import number
from .vocabulary import LEVEL_NAMES

FACT_NAMES = {
    "submission": "报送",
    "adoption": "采用",
    "instruction": "批示",
    "request": "约稿",
    "urgent": "紧急事件",
    "incident": "扣分事项",
    "report": "信息得分",
}
KEY_NAMES = {
    "section": "股室",
    "kind": "类型",
    "urgent": "紧急信息",
    "request": "回应约稿",
    "by": "采用单位",
    "in": "刊物",
    "form": "形式",
    "level": "级别",
    "route": "报送方式",
    "with": "同时被采用于",
    "status": "状态",
    "severity": "等级",
    "type": "类型",
    "urgent_status": "紧急事件状态",
    "media": "含",
    "adopted": "已被采用",
    "incident": "扣分事项",
}
VALUE_NAMES: dict[object, str] = {
    True: "是",
    False: "否",
    "on_time": "按时",
    "late": "迟报",
    "missed": "漏报",
    "overdue": "超时未报",
    "pending": "未到期",
    "image": "图片",
    "video": "视频",
}
VALUE_NAMES.update(LEVEL_NAMES)
UNIT_NAMES = {"month": "每月", "quarter": "每季度", "year": "每年"}
#: A condition's 约稿 test by status.
REQUEST_TESTS = {"missed": "漏报", "late": "迟报", "not_on_time": "未按时报送"}


class RuleRow(Protocol):
    """A ``rules`` row (:class:`portal.model.objects.Rule`)."""

    @property
    def fact(self) -> str: ...
    @property
    def match(self) -> Mapping[str, tuple[Any, ...]]: ...
    @property
    def effect(self) -> str: ...
    @property
    def value(self) -> float | str: ...


class ConditionRow(Protocol):
    """A ``period`` row's ``if`` (:class:`portal.model.objects.Condition`)."""

    @property
    def submitted(self) -> tuple[tuple[str, float, tuple[str, ...]], ...]: ...
    @property
    def adoption_rate(self) -> tuple[str, float] | None: ...
    @property
    def requests(self) -> tuple[str, int] | None: ...
    @property
    def incidents(self) -> tuple[tuple[str, ...], int] | None: ...


class PeriodRow(Protocol):
    """A ``period`` row (:class:`portal.model.objects.PeriodRule`)."""

    @property
    def per(self) -> str: ...
    @property
    def effect(self) -> str: ...
    @property
    def value(self) -> float: ...
    @property
    def sections(self) -> tuple[str, ...]: ...
    @property
    def when(self) -> ConditionRow | None: ...
    @property
    def floor(self) -> float | None: ...
    @property
    def minimum(self) -> int | str | None: ...
    @property
    def kinds(self) -> tuple[str, ...]: ...


def _signed(value: float) -> str:
    text = f"{abs(value):g}"
    return f"加 {text} 分" if value >= 0 else f"减 {text} 分"


def describe_rule(rule: RuleRow) -> str:
    """``采用（刊物：每日要情）：计 15 分``."""
    keys = "，".join(
        f"{KEY_NAMES[k]}：{'或'.join(str(VALUE_NAMES.get(v, v)) for v in values)}" for k, values in rule.match.items()
    )
    what = FACT_NAMES[rule.fact] + (f"（{keys}）" if keys else "")
    if rule.effect == "points":
        return f"{what}：{'按采用单位所给分值计' if rule.value == 'given' else f'计 {float(rule.value):g} 分'}"
    if rule.effect == "add":
        return f"{what}：{_signed(float(rule.value))}"
    return f"{what}：乘以 {float(rule.value):g}"


def _describe_if(when: ConditionRow) -> str:
    parts = []
    for bound, limit, kinds in when.submitted:
        what = f"报送{'、'.join(kinds)}信息" if kinds else "报送"
        parts.append(f"{what}{'不少于' if bound == 'min' else '少于'} {limit:g} 条")
    if when.adoption_rate is not None:
        bound, limit = when.adoption_rate
        parts.append(f"采用率{'不低于' if bound == 'min' else '低于'} {limit:.0%}")
    if when.requests is not None:
        status, least = when.requests
        parts.append(f"约稿{REQUEST_TESTS[status]}不少于 {least} 次")
    if when.incidents is not None:
        types, least = when.incidents
        parts.append(f"{'、'.join(types) or '扣分事项'}不少于 {least} 次")
    return "且".join(parts)


def describe_period(row: PeriodRow) -> str:
    """``每月（条件：报送少于 1 条）：减 4 分``."""
    scope = UNIT_NAMES[row.per]
    if row.sections:
        scope += f"（{'、'.join(row.sections)}）"
    if row.when is not None:
        scope += f"，如{_describe_if(row.when)}"
    if row.effect == "base":
        effect = f"基础分 {row.value:g} 分" + (f"，扣分后不低于 {row.floor:g} 分" if row.floor is not None else "")
    elif row.effect == "points":
        effect = _signed(row.value)
    elif row.effect == "per_missing":
        minimum = "任务数" if row.minimum == "quota" else f"{row.minimum} 条"
        kinds = f"{'、'.join(row.kinds)}信息" if row.kinds else "信息"
        effect = f"{kinds}少于{minimum}的，每少 1 条{_signed(row.value)}"
    elif row.effect == "zero":
        effect = "得分计为 0"
    elif row.effect == "pass":
        effect = f"得分达到 {row.value:g} 分为达标"
    else:
        effect = "不予表扬"
    return f"{scope}：{effect}"


# --- the guide's 现行计分标准 (``scoring.html.j2``), around the rows described above ---------------------------

#: The table's rows: one report, its adoptions by level (summed or the highest), leaders' instructions.
SUBMITTED_ROW = "报送一条"
INSTRUCTION_ROW = "领导批示（每件）"
RULES_LEAD = "计分规则（按顺序，第一条相符的“计分”为准，再加减、乘）："
PERIOD_LEAD = "考核规则："
AVERAGE = "股室得分按每条信息的平均分计。"
JOINT_EACH = "合报信息：每个股室都得全分。"


def adopted_row(adoption: str) -> str:
    """The adoptions' row: ``被采用（各次相加）`` when a report's adoptions are summed, else the highest counts."""
    return f"被采用（{'各次相加' if adoption == 'sum' else '取最高一次'}）"


def version_heading(start: object | None) -> str:
    """A scoring version's heading: ``自 2026-04-01 起``, or ``计分标准`` for the first."""
    return f"自 {start} 起" if start else "计分标准"


def points(value: float) -> str:
    """``15 分``."""
    return f"{number(value)} 分"


def adopted_by_line(prices: Mapping[str, float]) -> str:
    """Adopters priced on their own: ``特定采用单位：县委办 8 分；县政府办 6 分``."""
    return "特定采用单位：" + "；".join(f"{name} {points(value)}" for name, value in prices.items())


def penalties_line(request_late: float, request_missed: float, urgent_late: float, urgent_overdue: float) -> str:
    """The 约稿 and 重大紧急事件 prices of a version, in one sentence."""
    return (
        f"约稿迟报 {number(request_late)} 分/次，漏报 {number(request_missed)} 分/次；"
        f"重大紧急事件迟报 {number(urgent_late)} 分/件，超时未报 {number(urgent_overdue)} 分/件。"
    )


def adopters_line(
    adopters: Mapping[str, str],
    good_min_level: str,
    good_instruction: bool,
    publications: Mapping[str, Sequence[str]],
) -> str:
    """The adopters with their levels, what a 好信息 is, and each adopter's publications."""
    named = "、".join(f"{name}（{LEVEL_NAMES[level]}）" for name, level in adopters.items())
    good = f"好信息：被{LEVEL_NAMES[good_min_level]}及以上单位采用" + ("，或获得领导批示" if good_instruction else "")
    line = f"采用单位及级别：{named}。{good}的信息。"
    if publications:
        line += "刊物：" + "、".join(f"{name}（{'、'.join(items)}）" for name, items in publications.items()) + "。"
    return line
