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
_REMINDERS: dict[str, str] = {
    # the state file (remind --state)
    "reminders.state_heading": "提醒：{start} 之后至 {end} 到期的提醒共 {count} 条（状态文件 {path}）",
    "reminders.channel_heading": "[{channel}] {type}：本次发送 {count} 条（此前已发 {done} 条，"
    "被后续提醒合并或已过时 {folded} 条，因节假日或免打扰时段暂缓 {held} 条）",
    "reminders.state_missing": "提示：提醒状态文件 {path} 不存在，按首次运行处理："
    "只发送最近 {hours} 小时内到期的提醒，更早的不再补发。"
    "此后每次运行都会更新这个文件，请勿删除。",
    "reminders.state_unreadable": "警告：提醒状态文件 {path} 无法读取（{reason}）："
    "本次只发送最近 {hours} 小时内到期的提醒，更早的不再补发；请检查文件权限。",
    "reminders.state_corrupt": "警告：提醒状态文件 {path} 已损坏（{reason}），原文件已改名为 {backup} 留存："
    "本次只发送最近 {hours} 小时内到期的提醒，更早的不再补发，"
    "最近 {hours} 小时内已发过的可能重发一次。",
    "reminders.state_version": "警告：提醒状态文件 {path} 是第 {found} 版格式，本程序只读第 {expected} 版，"
    "原文件已改名为 {backup} 留存：本次只发送最近 {hours} 小时内到期的提醒，更早的不再补发。",
    "reminders.state_not_ours": "不是信息报送门户的提醒状态文件",
    "reminders.state_unwritable": "无法写入提醒状态文件 {path}（{reason}）："
    "请确认所在文件夹存在且运行提醒的用户有写权限",
    # channels
    "reminders.smtp_auth": "邮件服务器拒绝登录（{code}）：用户名“{user}”或密码（授权码）不对。"
    "为免邮箱被锁定，本次不再重试；请核对 password_env 所指环境变量中的密码后再运行",
    "reminders.smtp_no_auth": "邮件服务器不提供本程序支持的登录方式（CRAM-MD5、PLAIN、LOGIN；服务器提供：{offered}）："
    "请核对 host、port 和 security",
    "reminders.robot_timeout": "机器人 {seconds} 秒内没有应答，消息可能已经送达；为免重复，不再重发这一条",
    "reminders.channel_stopped": "error: 渠道 {channel}：{reason}；有 {count} 条提醒未能通过它发出",
    # settings (extra.portal.reminders)
    "reminders.number_positive": "应为大于 0 的有限数字，现为 {value!r}",
    "reminders.number_not_negative": "应为 0 或更大的有限数字，现为 {value!r}",
    "reminders.password_in_clear": "security: none 时密码会以明文在网上传输："
    "请改用 starttls 或 ssl，或去掉 username 和 password_env（不登录的内网中继）",
    "reminders.quiet_hours": '应写成带引号的“HH:MM-HH:MM”，如 "20:00-08:00"；不设免打扰写 ""，现为 {value!r}',
    "reminders.send_at_quiet": "发送时刻 {send_at} 落在免打扰时段 {quiet} 内：请调整 send_at 或 quiet_hours",
    "reminders.calendar_days": "应为日期列表，如 [2027-01-01, 2027-02-06]，第 {index} 项“{value}”不是日期",
    "reminders.calendar_uncovered": "节假日安排未覆盖 {year} 年（已知的只到 {last} 年）："
    "约稿、任务、汇总提醒在该年只会避开周末。请升级 chinesecalendar，"
    "或在 extra.portal.reminders.calendar 的 holidays、workdays 中"
    "按国务院办公厅的通知填写 {year} 年的放假和调休上班日期",
}

# Hardening: unreadable folders, copies of every content kind, caches, drafts.
_SAFETY: dict[str, str] = {}

# The build and the site: failed builds, the serve banner, workers, deploy.
_BUILD: dict[str, str] = {}

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
