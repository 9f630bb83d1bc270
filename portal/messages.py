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
_OFFICE: dict[str, str] = {
    "layout.copies": (
        "印数“{value}”不对：copies 应为正整数（如 copies: 50，版记中印“（共印50份）”），不印印数就删去这一行"
    ),
}

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
