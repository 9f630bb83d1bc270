"""The one resolver of typed names (``portal.model.names``, issue 23) and the shared scalar checks.

A name is looked up one way wherever it is written (front-matter, scoring rules, commands): the configured
thing, or an :class:`Unknown` whose message and "是不是…？" hint are worded once, in ``words.messages``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from portal.model import values
from portal.model.names import Resolver, Unknown, case_twin, level, route
from portal.model.objects import Periodical, Section
from portal.model.problems import Wrong
from portal.settings.build import build_settings
from portal.settings.rules import parse_rules
from tests.conftest import PORTAL

SECTIONS = (
    Section("社会救助股", "jiuzhu", aliases=("救助股",)),
    Section("养老服务股", "yanglao"),
    Section("办公室(综合股)", "office", aliases=("综合股",)),
)
NAMES = Resolver(
    SECTIONS,
    adopters={"县委办": "county", "市民政局": "city"},
    publications={"市民政局": ("政务晨讯",)},
    kinds=("动态", "调研"),
    incident_types=("被通报",),
    severities=("default", "重大"),
    periodicals=(Periodical("民政信息", "mzxx", "本局简报"),),
)


def found(value: object) -> Any:
    """What a lookup found: the configured name (a section's or periodical's ``name``)."""
    return getattr(value, "name", value)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        pytest.param("社会救助股", "社会救助股", id="name"),
        pytest.param("救助股", "社会救助股", id="alias"),
        pytest.param(" 社会 救助股\u3000", "社会救助股", id="spaces-and-ideographic-space"),
        pytest.param("社会\u200b救助股", "社会救助股", id="zero-width"),
        pytest.param("办公室（综合股）", "办公室(综合股)", id="full-width-brackets"),
        pytest.param("综合股", "办公室(综合股)", id="alias-of-the-office"),
    ],
)
def test_a_section_is_found_by_name_alias_and_width(written: str, expected: str) -> None:
    assert found(NAMES.section(written)) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        *(pytest.param(c, code, id=c) for c, code in [("本局", "bureau"), ("县级", "county"), ("市级", "city")]),
        *(pytest.param(c, code, id=c) for c, code in [("省级", "province"), ("国家级", "national")]),
        pytest.param(" 县 级 ", "county", id="spaced"),
        pytest.param("county", "county", id="english"),
        pytest.param("County", "county", id="case-twin"),
        pytest.param("ＣＩＴＹ", "city", id="full-width-letters"),
    ],
)
def test_chinese_and_english_level_codes(written: str, expected: str) -> None:
    assert level(written) == NAMES.level(written) == values.level(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [("直报", "直报"), ("转报", "转报"), ("direct", "直报"), ("Forwarded", "转报"), (" 转 报 ", "转报")],
)
def test_routes(written: str, expected: str) -> None:
    assert route(written) == expected


@pytest.mark.parametrize(
    ("lookup", "message"),
    [
        pytest.param(
            lambda: NAMES.section("救助"),
            "没有名为“救助”的股室；是不是“救助股”？（股室名称见 mkdocs.yml 的 extra.portal.sections）",
            id="section-near",
        ),
        pytest.param(
            lambda: NAMES.section("人事科"),
            "没有名为“人事科”的股室；可以写的股室有：“社会救助股”、“养老服务股”、“办公室(综合股)”"
            "（股室名称见 mkdocs.yml 的 extra.portal.sections）",
            id="section-none-near-lists-the-names-not-the-aliases",
        ),
        pytest.param(
            lambda: NAMES.adopter("县委"),
            "没有名为“县委”的采用单位；是不是“县委办”？（采用单位见 mkdocs.yml 的 extra.portal.adopters）",
            id="adopter",
        ),
        pytest.param(
            lambda: NAMES.level("township"),
            "没有“township”这个级别（级别请写 本局、县级、市级、省级、国家级 之一，"
            "也可以写 bureau、county、city、province、national）",
            id="level",
        ),
        pytest.param(
            lambda: NAMES.level("市"),
            "没有“市”这个级别；是不是“市级”？（级别请写 本局、县级、市级、省级、国家级 之一，"
            "也可以写 bureau、county、city、province、national）",
            id="level-near",
        ),
        pytest.param(
            lambda: NAMES.route("上报"),
            "“上报”不是报送方式；请写“直报”（本股室直接报送）或“转报”（由办公室转报）",
            id="route",
        ),
        pytest.param(
            lambda: NAMES.publication("晚报", "市民政局"),
            "“晚报”不是“市民政局”的刊物；可以写的“市民政局”的刊物有：“政务晨讯”",
            id="publication",
        ),
        pytest.param(
            lambda: NAMES.publication("晚报", "县委办"),
            "“县委办”没有配置刊物；请删掉 in 这一行，"
            "或请办公室把“晚报”加到 extra.portal.adopters 里“县委办”的 publications",
            id="publication-none",
        ),
        pytest.param(
            lambda: NAMES.periodical("民政消息"),
            "没有名为“民政消息”的刊物；是不是“民政信息”？（刊物见 mkdocs.yml 的 extra.portal.periodicals）",
            id="periodical",
        ),
        pytest.param(
            lambda: Resolver().periodical("民政信息"),
            "没有名为“民政信息”的刊物；还没有配置任何刊物（刊物见 mkdocs.yml 的 extra.portal.periodicals）",
            id="periodical-none-configured",
        ),
        pytest.param(
            lambda: Resolver().kind("动态"),
            "没有配置信息类型；请删掉这一行，或请办公室把“动态”加到 mkdocs.yml 的 extra.portal.kinds",
            id="kind-none-configured",
        ),
        pytest.param(
            lambda: NAMES.severity("default"),
            "没有名为“default”的紧急程度；可以写的紧急程度有：“重大”"
            "（见 mkdocs.yml 的 extra.portal.urgent_limit_hours）",
            id="severity-default-is-no-severity-of-a-report",
        ),
    ],
)
def test_an_unknown_name_is_worded_once(lookup: Any, message: str) -> None:
    wrong = lookup()
    assert isinstance(wrong, Unknown) and isinstance(wrong, Wrong)
    assert wrong.message == str(wrong) == message


def test_an_unknown_carries_what_was_written_and_the_nearest_name() -> None:
    wrong = NAMES.section("救助")
    assert isinstance(wrong, Unknown)
    assert (wrong.kind, wrong.written, wrong.near) == ("section", "救助", "救助股")
    assert wrong.names == ("社会救助股", "养老服务股", "办公室(综合股)")


def test_the_rules_may_match_the_default_severity() -> None:
    assert NAMES.severity("default", default=True) == "default"
    assert NAMES.severity("重 大") == "重大"


def test_case_twins_are_paths_that_differ_only_in_case() -> None:
    assert case_twin("reports/A.md", ["reports/a.md", "reports/b.md"]) == "reports/a.md"
    assert case_twin("reports/a.md", ["reports/a.md"]) is None


def test_the_settings_carry_one_resolver_that_every_lookup_uses() -> None:
    settings, problems = build_settings(PORTAL, "mkdocs.yml")
    assert settings is not None, problems
    assert settings.names is settings.names  # built once
    assert found(settings.section("甲")) == found(settings.names.section("甲")) == "甲股"
    assert settings.section("丁股") is None and isinstance(settings.names.section("丁股"), Unknown)
    assert settings.adopter("县 委 办") == "县委办"
    assert settings.section_names() == settings.names.section_names()


def test_the_settings_build_the_scoring_rules_one_resolver_with_the_aliases() -> None:
    """The rules are parsed before the settings exist: the builder hands them the same resolver, aliases in."""
    resolver: Resolver = Resolver((Section("甲股", "jia", aliases=("甲",)),), adopters={"县委办": "county"})
    errors: list[tuple[str, str]] = []
    rules = parse_rules([{"fact": "adoption", "section": "甲", "points": 5}], resolver, "r", errors)
    assert errors == [] and len(rules) == 1
    bad = parse_rules([{"fact": "adoption", "section": "甲乙", "points": 5}], resolver, "r", errors)
    assert bad == () and [path for path, _ in errors] == ["r[0].section"]
    message = str(resolver.section("甲乙"))
    assert message.startswith("没有名为“甲乙”的股室；是不是“甲")  # the name or its alias, both one edit away
    assert message.endswith("”？（股室名称见 mkdocs.yml 的 extra.portal.sections）")


@pytest.mark.parametrize(
    ("check", "value", "expected"),
    [
        pytest.param(values.number, 3, 3, id="number"),
        pytest.param(values.number, 2.5, 2.5, id="number-float"),
        pytest.param(values.number, True, "“True”不是数字；请写一个数，如 10", id="number-bool"),
        pytest.param(values.number, "两", "“两”不是数字；请写一个数，如 10", id="number-text"),
        pytest.param(values.whole, 0, 0, id="whole"),
        pytest.param(values.whole, 1.5, "“1.5”不是整数；请写 0、1、2……这样的整数", id="whole-float"),
        pytest.param(values.whole, False, "“False”不是整数；请写 0、1、2……这样的整数", id="whole-bool"),
        pytest.param(values.whole, -1, "不能是负数（现在是 -1）", id="whole-negative"),
        pytest.param(values.text, " 甲 ", "甲", id="text-stripped"),
        pytest.param(values.text, "  ", "“  ”不是文字；请写上文字（数字、日期等请加英文引号）", id="text-blank"),
        pytest.param(values.name, 12, "“12”不是名称；请写上文字（数字请加英文引号）", id="name-number"),
        pytest.param(values.day, date(2026, 3, 5), date(2026, 3, 5), id="day"),
        pytest.param(values.day, "2026-03-05", date(2026, 3, 5), id="day-text"),
        pytest.param(
            values.day,
            datetime(2026, 3, 5, 8, 30),
            "“2026-03-05 08:30:00”带了时间；这里只写日期 YYYY-MM-DD",
            id="day-time",
        ),
    ],
)
def test_the_shared_scalar_checks(check: Any, value: object, expected: object) -> None:
    result = check(value)
    assert (str(result) if isinstance(result, Wrong) else result) == expected


def test_a_whole_number_from_one() -> None:
    assert values.whole(1, least=1) == 1
    assert str(values.whole(0, least=1)) == "不能小于 1（现在是 0）"
