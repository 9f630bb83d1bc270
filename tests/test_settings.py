"""The settings layer on its own (issue 23): the checkers, and the reminder settings made once with the others.

The messages and key paths a clerk sees are asserted through the command line in ``test_config.py``; here the
pieces are called directly, without a site.
"""

from __future__ import annotations

from datetime import time
from typing import Any

import pytest

from portal.model.reminder_settings import ChannelSettings, ReminderSettings
from portal.settings.build import build_settings
from portal.settings.checks import Invalid, level, number, validate, whole_number
from portal.settings.schema import GOOD_INFO
from tests.conftest import PORTAL


@pytest.mark.parametrize(
    ("check", "value", "kept"),
    [
        pytest.param(number, 2.5, 2.5, id="number"),
        pytest.param(number, -3, -3, id="negative-number"),
        pytest.param(whole_number, 0, 0, id="whole-number"),
        pytest.param(level, "县级", "county", id="level-in-chinese"),
        pytest.param(level, " City ", "city", id="level-code"),
    ],
)
def test_a_scalar_check_keeps_a_good_value(check: Any, value: object, kept: object) -> None:
    assert check(value) == kept


@pytest.mark.parametrize(
    ("check", "value", "words"),
    [
        pytest.param(number, True, "不是数字", id="yes-is-no-number"),
        pytest.param(number, "1", "不是数字", id="text-is-no-number"),
        pytest.param(whole_number, 1.5, "不是整数", id="fraction"),
        pytest.param(whole_number, -1, "负数", id="negative"),
        pytest.param(level, "town", "town", id="no-level"),
    ],
)
def test_a_scalar_check_refuses_a_bad_value(check: Any, value: object, words: str) -> None:
    with pytest.raises(Invalid) as refused:
        check(value)
    [(path, message)] = refused.value.errors
    assert path == "" and words in message


def test_the_loop_reports_every_problem_with_its_key_path() -> None:
    values, errors = validate(GOOD_INFO, {"min_level": "citty", "instruction": "maybe", "colour": 1}, "x.good_info")
    assert [key for key, _ in errors] == ["x.good_info.colour", "x.good_info.min_level", "x.good_info.instruction"]
    assert values == {}


def test_reminder_settings_are_made_with_the_other_settings() -> None:
    reminders = {
        "send_at": "09:00",
        "quiet_hours": "",
        "channels": [{"name": "wx", "type": "wecom", "url_env": "WECOM_URL"}],
        "recipients": {"甲": {"email": "jia@example.cn"}},
    }
    settings, problems = build_settings({**PORTAL, "reminders": reminders}, "mkdocs.yml")
    assert problems == [] and settings is not None
    rs = settings.reminders
    assert (rs.send_at, rs.quiet_hours, rs.portal_url) == (time(9, 0), None, "")  # site_url is the remind command's
    assert rs.channels == (ChannelSettings(name="wx", type="wecom", url_env="WECOM_URL"),)
    assert rs.recipients["甲股"].email == "jia@example.cn"  # an alias names its section


def test_without_reminders_the_settings_hold_the_defaults() -> None:
    settings, _ = build_settings(PORTAL, "mkdocs.yml")
    assert settings is not None and settings.reminders == ReminderSettings()
    assert "reminders" not in repr(settings)  # the snapshot key is the repr: the calendar's sets print unordered


def test_a_reminder_problem_is_reported_once() -> None:
    settings, problems = build_settings({**PORTAL, "reminders": {"send_at": "8:30"}}, "mkdocs.yml")
    assert settings is None
    assert [p.field for p in problems] == ["extra.portal.reminders.send_at"]
