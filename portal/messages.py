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
_BUILD: dict[str, str] = {
    # A failed build leaves the site folder as it found it (portal.sitedir, portal.hook).
    "build.failed": "构建失败：{reason}。网站没有更新，{site} 保持原样。",
    "build.reason_strict": "--strict 模式下出现了警告（见上文），按要求不发布",
    "build.reason_template": "模板 {file} 第 {line} 行有错误：{error}",
    "build.reason_template_run": "模板出错：{error}",
    "build.reason_disk_full": "写入 {file} 时磁盘空间不足（{error}）",
    "build.reason_write": "无法写入 {file}（{error}）",
    "build.reason_other": "意外错误（{error}）",
    "build.reason_interrupted": "构建被中断",
    "build.cannot_replace": "无法用新构建的网站替换原来的文件夹（{error}），请检查这个文件夹及其上级文件夹的权限",
    "build.in_place": "网站直接写入 {site}（无法在它旁边另建文件夹）：构建失败时原来的网站可能不完整",
    "build.site_is_file": (
        "{site} 是一个文件，不是文件夹，网站无法写在那里；什么也没有改动。"
        "请删除或改名这个文件，或用 -d 指定另一个文件夹，然后重新构建"
    ),
}

# What the office sends out: bulletins, periodicals, workbooks.
_OFFICE: dict[str, str] = {}

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
