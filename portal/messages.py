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
_SAFETY: dict[str, str] = {
    "safety.folder_unlistable": "无法读取此文件夹的内容（{reason}），其中的文件不会被检查、统计或发布；"
    "请修改文件夹权限（如 chmod 755）后重新检查",
    "safety.name_not_utf8": "文件名不是 UTF-8 编码（多半是在 GBK 系统上命名或解压的），网站无法生成；"
    "请用中文系统的文件管理器重新命名，或用 convmv -f gbk -t utf-8 转换",
    "safety.name_case_twin": "与 {other} 只有大小写不同，在 Windows 和 macOS 上二者是同一个文件，"
    "同事检出时会互相覆盖；请删除其中一个或改名",
    "safety.name_only_dots": "文件名只有点（“{name}”），MkDocs 不会发布它，统计也不会计入；"
    "请改成日期加简短标题，例如 2026-03-05-低保.md",
    "safety.request_is_draft": "约稿通知“{id}”（{path}）还是草稿（draft: true），尚未发出；"
    "请先删去该通知的 draft: true，或删去本信息的 request 字段",
    "safety.cache_in_content": "缓存文件夹 {folder} 在内容文件夹里面，会被发布到网站上（连草稿的正文也在内）；"
    "本次不使用缓存，其中的文件也不发布。请把 PORTAL_CACHE_DIR 设到内容文件夹以外（如 ~/.cache/portal），"
    "并删除这个文件夹",
    "safety.cache_not_own": "缓存文件夹 {folder} 不属于当前用户，别人可能改过其中的内容，"
    "本次不使用缓存（照常全部读取）；请删除它，或把 PORTAL_CACHE_DIR 设到自己的文件夹",
    "safety.cache_writable": "缓存文件夹 {folder} 的权限是 {mode}，其他用户也能写入，本次不使用缓存（照常全部读取）；"
    "请运行 chmod go-w {folder}",
    "safety.public_in_content": "{output}：在内容文件夹 {docs} 里面（或包含它），"
    "公开版写在这里会被门户当作内容再发布一遍；请指定内容文件夹以外的文件夹，例如 -o public-site",
    "safety.public_symlink": "{output}：是一个符号链接，替换时只会替换链接本身；"
    "请直接指定它指向的文件夹，或换一个新文件夹",
    "safety.new_incident_draft_report": "{report} 是草稿（draft: true），通报记录只能针对已报送的信息；"
    "请先删去该信息的 draft: true，或不写 --report",
    "safety.new_incident_broken_report": "{report} 还有错误，不是有效的信息；请先运行 check 改正它，或不写 --report",
    "safety.argument_not_utf8": "参数 {argument} 不是 UTF-8 编码（终端或脚本用了 GBK 等编码），无法写入文件；"
    "请把终端改为 UTF-8（如 export LANG=zh_CN.UTF-8）后重试",
    "safety.inherit_typo": "“{key}”应写作 INHERIT（全大写），写错时 MkDocs 不读取要继承的配置文件，"
    "股室等设置都会缺失；请改正这个键名",
    "safety.case_renamed": "没有 {path}，但有只差大小写的 {actual}（文件改过名？路径区分大小写）；请改写为 {actual}",
    "safety.copy_of": "是 {original} 的副本（内容完全相同），这份{kind}会重复计入或与原文件冲突；"
    "请删除副本，如果是新的{kind}请改写内容并改名",
}

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
