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
_INSTALL: dict[str, str] = {
    "install.missing": (
        "缺少门户需要的软件（{missing}），请先在仓库文件夹中安装："
        "Linux 先运行 python3 -m venv .venv，再运行 .venv/bin/python -m pip install -r requirements.txt；"
        "Windows 先运行 py -m venv .venv，再运行 .venv\\Scripts\\python -m pip install -r requirements.txt；"
        "内网电脑用离线安装包（见使用说明“第一天”）"
    ),
    "install.python_too_old": (
        "门户需要 Python 3.10 或更新的版本，这台电脑上的是 {version}；请安装新版 Python 后，"
        "Linux 运行 python3 -m venv .venv，Windows 运行 py -m venv .venv，再安装 requirements.txt"
    ),
    "install.merge_conflict": (
        "合并冲突：git 没能自动合并这个文件的两个版本，把两个版本都留在了文件里，"
        "夹在“<<<<<<<”“=======”“>>>>>>>”三行标记之间；请保留正确的内容，删掉三行标记，再检查一次"
    ),
    "install.windows_name.device": (
        "“{name}”不能作为文件或文件夹的名字：“{stem}”是 Windows 留给设备用的名字"
        "（CON、PRN、AUX、NUL、COM0～COM9、LPT0～LPT9），Windows 电脑上取不下这个文件；请换一个名字或编号"
    ),
    "install.windows_name.characters": (
        '“{name}”不能作为文件或文件夹的名字：含有 Windows 不允许的字符 {chars}（文件名里不能有 < > : " / \\ | ? *）；'
        "请换一个名字或编号"
    ),
    "install.windows_name.trailing": (
        "“{name}”不能作为文件或文件夹的名字：Windows 不接受以点号或空格结尾的名字；请去掉末尾的点号或空格"
    ),
    # tools/dev.py: the make targets in plain Python, and the offline bundle.
    "install.dev.description": "门户的常用操作（与 make 的同名命令相同，Windows 上不需要 make）",
    "install.dev.venv_help": "虚拟环境的文件夹（默认：%(default)s）",
    "install.dev.serve_help": "在示例数据上运行门户：http://127.0.0.1:8000/（只安装运行所需的软件）",
    "install.dev.test_help": "代码检查、类型检查和全部测试（另装测试用的软件）；其余参数交给 pytest",
    "install.dev.build_help": "生成整个网站到 site/（mkdocs build --strict）",
    "install.dev.check_help": "检查全部信息、约稿和配置（build_stats.py check）",
    "install.dev.bench_help": "运行性能测试（bench/run.py）",
    "install.dev.clean_help": "删除生成的网站和各种缓存",
    "install.dev.bundle_help": "生成离线安装包：仓库、Linux 和 Windows 的全部软件包、安装脚本",
    "install.dev.output_help": "安装包写到的文件夹（必须不存在或为空）",
    "install.dev.python_help": "为哪些 Python 版本准备软件包，逗号分开（默认：%(default)s）",
    "install.dev.platform_help": "为哪些系统准备软件包：linux、windows，逗号分开（默认：%(default)s）",
    "install.dev.extra_arguments": "多余的参数：{extra}",
    "install.dev.unknown_platform": "不认识的系统“{name}”；只能写 linux、windows",
    "install.dev.venv_failed": (
        "无法创建虚拟环境 {venv}；Debian/Ubuntu 上请先安装 python3-venv（apt-get install python3-venv），"
        "Windows 上请安装 python.org 的 Python"
    ),
    "install.dev.pip_failed": "安装软件包失败（见上面 pip 的说明）；没有网络的电脑请用离线安装包",
    "install.dev.no_wheel": (
        "有的软件包没有 {platform} 上 Python {version} 可用的安装包（见上面 pip 的说明）；"
        "请换一个 Python 版本（--python），或在 requirements.txt 中换一个版本"
    ),
    "install.dev.not_wheels": "这些软件包只有源代码，离线无法安装：{names}",
    "install.dev.bundle_not_empty": "“{out}”已经存在且不是空文件夹；请换一个文件夹",
    "install.dev.bundle_written": "离线安装包已写到 {out}（{wheels} 个软件包）；安装方法见其中的“安装说明.txt”",
}

# Reminders: remind, its state, calendar and channels.
_REMINDERS: dict[str, str] = {}

# Hardening: unreadable folders, copies of every content kind, caches, drafts.
_SAFETY: dict[str, str] = {}

# The build and the site: failed builds, the serve banner, workers, deploy.
_BUILD: dict[str, str] = {}

# What the office sends out: bulletins, periodicals, workbooks.
_OFFICE: dict[str, str] = {}

# Each report's 修改记录 (issue 27 point 5) and the merge-request review job (point 4).
_HISTORY: dict[str, str] = {
    "history.title": "修改记录",
    "history.unavailable": "修改记录暂不可用（本次构建不在完整的 git 版本库中）",
    "history.none_yet": "统计时点之前尚无提交记录",
    "history.first": "首次提交",
    "history.changed": "修改",
    "history.renamed": "改名",
    "history.deleted": "删除",
    "history.adopted": "采用",
    "history.instructed": "批示",
    "history.undated": "未注明日期",
    "review.help": "合并请求的检查：另查时间不得晚于现在、按设置要求签发人 signed_by（只查给出的文件）",
    "review.help_files": "合并请求改动的信息文件（不写则查全部信息）",
    "review.future": "所写时间（{value}）晚于现在（{now}）；报送时不能写将来的时间，请改为实际的时间",
    "review.no_signed_by": (
        "缺少签发人：本单位要求报送的信息写明签发的股室负责人，"
        "请加一行 signed_by: {head}（或改为 draft: true 暂不报送）"
    ),
    "review.comment_failed": (
        "❌ 信息报送检查未通过：{errors} 个错误，{warnings} 个提醒。请按下列说明修改后再提交，本合并请求暂不能合并。"
    ),
    "review.comment_passed": "✅ 信息报送检查通过（{warnings} 个提醒）。",
    "review.comment_crashed": "⚠️ 检查没有运行完（退出码 {code}），请联系办公室查看流水线日志。",
    "review.comment_footer": "（由合并请求检查自动发布：python build_stats.py check --review）",
    "review.post_failed": "检查意见没能发到合并请求：{reason}",
    "review.missing_setting": "缺少环境变量 {name}：请在 CI 设置中添加（见 deploy/review/README.md）",
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
    **_HISTORY,
}


def say(key: str, /, **values: Any) -> str:
    """The catalogue's message ``key`` with ``values`` filled in (``str.format`` fields)."""
    return MESSAGES[key].format(**values)
