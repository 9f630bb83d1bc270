"""The catalogue: every message a clerk or the office can read, in Chinese, written once.

Code never spells a user-facing sentence itself: it calls ``say(key, **values)``.
``tests/test_messages.py`` keeps every key used in the code present here and every message Chinese.

Each area keeps its own block (one dict each) so that the blocks grow independently; ``MESSAGES`` joins them.
Field names and values are quoted as the user wrote them: ``“{value}”``.
"""

from __future__ import annotations

from typing import Any

# Content files: front-matter, fields, names (sections, adopters, levels), dates.
_CONTENT: dict[str, str] = {}

# Settings: extra.portal in mkdocs.yml.
_SETTINGS: dict[str, str] = {}

# The command line: usage, --help, new/export/public/stats/check output.
_COMMANDS: dict[str, str] = {}

# Recording commands: adopt, instruct, reported.
_RECORDING: dict[str, str] = {}

# Installing and starting: missing dependencies, environment.
_INSTALL: dict[str, str] = {}

# Reminders: remind, its state, calendar and channels.
_REMINDERS: dict[str, str] = {}

# Hardening: unreadable folders, copies of every content kind, caches, drafts.
_SAFETY: dict[str, str] = {}

# The build and the site: failed builds, the serve banner, workers, deploy.
_BUILD: dict[str, str] = {}

# What the office sends out: bulletins, periodicals, workbooks.
_OFFICE: dict[str, str] = {
    "layout.copies": (
        "印数“{value}”不对：copies 应为正整数（如 copies: 50，版记中印“（共印50份）”），不印印数就删去这一行"
    ),
}

MESSAGES: dict[str, str] = {
    **_CONTENT,
    **_SETTINGS,
    **_COMMANDS,
    **_RECORDING,
    **_INSTALL,
    **_REMINDERS,
    **_SAFETY,
    **_BUILD,
    **_OFFICE,
}


def say(key: str, /, **values: Any) -> str:
    """The catalogue's message ``key`` with ``values`` filled in (``str.format`` fields)."""
    return MESSAGES[key].format(**values)
