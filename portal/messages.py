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
_RECORDING: dict[str, str] = {
    "recording.help_adopt": "登记一次采用：在信息文件的 adopted 中加一条（其余内容不动）",
    "recording.help_instruct": "登记一件领导批示：在信息文件的 instructions 中加一条（其余内容不动）",
    "recording.help_reported": "登记重大紧急事件向上级报告的时间 reported_time（其余内容不动）",
    "recording.help_file": "信息文件，如 content/reports/2026/03/2026-03-05-jiuzhu-1.md",
    "recording.help_adopt_by": "采用单位，须是 mkdocs.yml 中登记的单位，如 市民政局",
    "recording.help_adopt_date": "采用日期 YYYY-MM-DD（不写为今天）",
    "recording.help_form": "采用形式，如 专报、简报、摘编",
    "recording.help_in": "登在该单位的哪个刊物上，须是该单位登记的刊物之一",
    "recording.help_instruct_by": '批示领导，照实写职务和姓名，如 "副县长 李华"',
    "recording.help_level": (
        "批示级别：本局、县级、市级、省级、国家级（也可写 bureau、county、city、province、national）"
    ),
    "recording.help_instruct_date": "批示日期 YYYY-MM-DD（不写为今天）",
    "recording.help_text": "批示内容或要点",
    "recording.help_at": '向上级报告的时间 YYYY-MM-DD HH:MM，如 "2026-12-06 15:10"',
    "recording.no_file": (
        "“{file}”：没有这个文件；请写信息文件的路径，如 content/reports/2026/03/2026-03-05-jiuzhu-1.md"
    ),
    "recording.not_report": (
        "“{file}”不是信息文件：只能登记 {folder}/ 下的信息（.md 文件，不含 index.md）；文件未改动"
    ),
    "recording.unreadable": "{path}：无法读取（{reason}）；文件未改动",
    "recording.bad_date": (
        "{option} “{value}” 不是有效的日期或时间；"
        "请写 YYYY-MM-DD 或 YYYY-MM-DD HH:MM（如 2026-12-06 15:10）；文件未改动"
    ),
    "recording.needs_time": '{option} “{value}” 缺少几点几分；请写成 {option} "{day} HH:MM"；文件未改动',
    "recording.bad_level": (
        "--level “{value}” 不是批示级别；请写 本局、县级、市级、省级、国家级 之一"
        "（也可写 bureau、county、city、province、national）；文件未改动"
    ),
    "recording.empty": "{option} 不能为空；文件未改动",
    "recording.not_urgent": (
        "{path}：这条信息不是重大紧急事件（没有 urgent: true），不需要登记报送时间 reported_time；文件未改动"
    ),
    "recording.file_errors": "{path} 未改动：文件本身有上面的问题，请先改正，再重新登记",
    "recording.edit_errors": (
        "{path} 未改动：按所给的选项写入后会出现上面的问题（行号指写入后的位置），请改正选项后重新运行"
    ),
    "recording.block_mapping": (
        "{path}:{line}: {field}: 写成了缩进的键值，不是列表，无法自动追加；请先改写成列表"
        "（{field}: 下一行写 “  - {{by: …}}”），再重新运行；文件未改动"
    ),
    "recording.changed_meanwhile": "{path}：登记期间文件被别的程序改动了；文件未改动，请重新运行",
    "recording.cannot_write": "{path}：无法写入（{reason}）；文件未改动",
    "recording.done_adopt": "已登记采用：{path}",
    "recording.done_instruct": "已登记批示：{path}",
    "recording.done_reported": "已登记报送时间：{path}",
    "recording.line_added": "  第 {line} 行 新增：{text}",
    "recording.line_was": "  第 {line} 行 原为：{text}",
    "recording.line_now": "  第 {line} 行 改为：{text}",
    "recording.same_adopter": "注意：这条信息已有“{by}”的采用记录；若是重复登记，请删去其中一条",
    "recording.score": "本条信息得分：{old} 分 → {new} 分（{sections}，计入 {period}；截至 {as_of}）",
    "recording.score_new": "本条信息得分：{new} 分（{sections}，计入 {period}；截至 {as_of}）",
    "recording.score_draft": "这条信息是草稿（draft: true），不计分",
    "recording.score_unknown": "本条信息的得分暂时算不出：其他文件的问题牵涉到它，请运行 check 查看",
    "recording.urgent_status": (
        "紧急事件状态：{old} → {new}（时限 {due}）；{sections}的紧急事件得分：{old_price} → {new_price}"
    ),
    "recording.new_unknown_section": (
        "--section “{value}”：没有这个股室。{hint}已配置的股室有：{names}"
        "（见 mkdocs.yml 的 extra.portal.sections）。未写入任何文件"
    ),
    "recording.new_hint": "是不是“{name}”？",
    "recording.new_before_event": (
        "报送时间 date（{date}）早于事件发生时间 event_time（{event}）：事件发生后才能报送；"
        "请检查 --date 和 --event-time；未写入任何文件"
    ),
    "recording.new_event_later": (
        "事件发生时间 event_time（{event}）晚于现在（{now}）；请检查 --event-time，"
        "或用 --date 写明报送时间；未写入任何文件"
    ),
}

# Installing and starting: missing dependencies, environment.
_INSTALL: dict[str, str] = {}

# Reminders: remind, its state, calendar and channels.
_REMINDERS: dict[str, str] = {}

# Hardening: unreadable folders, copies of every content kind, caches, drafts.
_SAFETY: dict[str, str] = {}

# The build and the site: failed builds, the serve banner, workers, deploy.
_BUILD: dict[str, str] = {}

# What the office sends out: bulletins, periodicals, workbooks.
_OFFICE: dict[str, str] = {}

# The editor at admin/ (issue 27): extra.portal.editor, the CMS files, tools/cms.py.
_EDITOR: dict[str, str] = {
    "editor.title": "在线编辑",
    "editor.not_mapping": "editor 应是一组设置，如 {backend: gitlab, repo: bangongshi/xinxi, base_url: …, app_id: …}",
    "editor.unknown_key": "editor 没有“{key}”这一项；可写的项：{keys}",
    "editor.not_text": "editor 的 {key} 应是文字；请加上引号",
    "editor.bad_backend": "editor 的 backend “{value}” 不可用；请写 {names} 之一",
    "editor.required": "editor 用 {backend} 时必须填写 {key}（见使用说明“在线编辑”）",
    "editor.bad_repo": "editor 的 repo “{value}” 应写成 分组/项目，如 bangongshi/xinxi",
    "editor.bad_url": "editor 的 {key} “{value}” 应是 http:// 或 https:// 开头的地址，不含用户名和密码",
    "editor.not_fetched": (
        "在线编辑器（Decap CMS）未安装：{vendor} 中没有核对过的文件；admin/ 只给出说明页。"
        "请在能访问 npm 仓库的机器上运行 python tools/cms.py fetch，再重新构建"
    ),
    "editor.wrong_version": (
        "{vendor} 中的编辑器版本与本门户要求的不同（应为 {versions}）；admin/ 只给出说明页。"
        "请运行 python tools/cms.py fetch 重新取得，再重新构建"
    ),
    "editor.future_date": "“{value}”晚于现在（{now}）：日期和时间不能写在将来；如是笔误，请改正",
    "editor.help_no_future": "把晚于现在的日期和时间（报送、采用、批示、事件、通报）也作为错误（合并请求的检查用）",
    "editor.npm_failed": (
        "{command} 没有完成（{reason}）；请确认本机能访问 npm 仓库或内网镜像（npm config get registry）"
    ),
    "editor.integrity": "{package} 的校验值不符：应为 {expected}，实为 {actual}；没有安装任何文件",
    "editor.pinned": "{path} 的 SHA-256 与仓库中记录的不符；没有安装任何文件",
    "editor.fetched": "已取得并核对 {count} 个文件：{into}",
    "editor.vendor_changed": (
        "编辑器文件 {path} 与取得时核对的校验值不符（被改动或损坏）；admin/ 只给出说明页。"
        "请运行 python tools/cms.py fetch 重新取得，再重新构建"
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
    **_EDITOR,
    **_OFFICE,
}


def say(key: str, /, **values: Any) -> str:
    """The catalogue's message ``key`` with ``values`` filled in (``str.format`` fields)."""
    return MESSAGES[key].format(**values)
