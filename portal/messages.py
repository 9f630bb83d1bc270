"""The catalogue: every message a clerk or the office can read, in Chinese, written once.

Code never spells a user-facing sentence itself: it calls ``say(key, **values)``.
``tests/test_messages.py`` keeps every key used in the code present here and every message Chinese.

Each area keeps its own block (one dict each) so that the blocks grow independently; ``MESSAGES`` joins them.
Field names and values are quoted as the user wrote them: ``“{value}”``.
"""

from __future__ import annotations

from typing import Any

# Content files: front-matter, fields, names (sections, adopters, levels), dates.
_CONTENT: dict[str, str] = {
    # suggestions, written once (names.did_you_mean, messages.did_you_mean)
    "names.did_you_mean": "；是不是“{hint}”？",
    # the file itself
    "file.over_16mib": "超过 16 MiB",
    "file.too_big": "文件有 {size}，超过 1024 KiB（1 MiB）的上限；请拆成几条信息，或把图片、附件移出正文",
    "encoding.utf16": "文件是 UTF-16 编码；请另存为 UTF-8（记事本或 WPS：另存为 → 编码选 UTF-8）",
    "encoding.not_utf8": (
        "字节 {bytes} 不是 UTF-8 编码（多半是 GBK）；请把文件另存为 UTF-8（记事本或 WPS：另存为 → 编码选 UTF-8）"
    ),
    "encoding.nul": "文件里有 NUL 字节，是二进制文件或已经损坏；请重新存成 UTF-8 纯文本文件",
    # the front-matter block (信息卡片)
    "frontmatter.wide_dashes_first": (
        "第一行是“{line}”；请写成三个英文半角短横线“---”（先把输入法切换到英文，中文输入法打出的“———”“－－－”不算）"
    ),
    "frontmatter.closed_by_wide": (
        "第 1 行“---”开始的信息卡片用“{line}”结束；请写成三个英文半角短横线“---”"
        "（先把输入法切换到英文，中文输入法打出的“———”“－－－”不算）"
    ),
    "frontmatter.late_start": "信息卡片的“---”在第 {number} 行才开始，它必须从第一行开始：请删掉它上面的空行",
    "frontmatter.unclosed": "第 1 行“---”开始的信息卡片没有结束；请在最后一个字段的下一行加一行“---”",
    "frontmatter.too_big": "信息卡片超过 64 KiB；卡片里只写字段，长段文字请移到正文",
    "frontmatter.wide_colon": "冒号请用英文半角“:”，不要用中文全角“：”，写成 {name}: {value}",
    "frontmatter.control_char": (
        "这一行有一个看不见的控制字符（U+{code}），多半是从 Word 或网页复制时带进来的；请把这一行重新输入一遍"
    ),
    "frontmatter.not_mapping": "信息卡片必须是一行一个“字段: 值”，不能是列表或单独一个值{hint}",
    "frontmatter.not_mapping_colon": "（冒号请用英文半角“:”，不要用中文全角“：”）",
    "yaml.tag": "不允许使用 YAML 标签（{tag}）；请删掉标签，直接写值",
    "yaml.unreadable": "无法按 YAML 读取（{reason}）；请把这些字段重新输入一遍",
    "yaml.anchor": "不允许使用 YAML 锚点（&{name}）{more}；请把值完整写出来",
    "yaml.alias": "不允许使用 YAML 引用（*{name}）{more}；请把值完整写出来",
    "yaml.more": "（这张卡片里还有 {count} 处）",
    "yaml.key_not_word": "字段名必须是一个普通的词，后面跟英文冒号“:”",
    "yaml.merge_key": "不允许使用 YAML 合并键（“<<”）；请把每个字段完整写出来",
    "yaml.duplicate_key": "字段“{name}”写了两次（第一次在第 {first} 行）；只保留一个",
    "yaml.syntax": "信息卡片写法有误：{problem}；{hint}",
    "yaml.hint.layout": "请检查缩进（同一层的字段要对齐），并确认每个字段都写成“字段: 值”",
    "yaml.hint.indent": "字段名要顶格写，请删掉这一行开头的空格",
    "yaml.hint.depth": "括号嵌套太多层；请把值写成普通文字",
    "yaml.hint.tab": "缩进请用空格，不要用 Tab 键",
    "yaml.hint.wide_space": "缩进请用普通空格，不要用中文输入法的全角空格“\u3000”",
    "yaml.hint.wide_colon": "冒号请用英文半角“:”并在后面空一格，不要用中文全角“：”",
    "yaml.hint.quote_colon": '值里有冒号“:”时，请给整个值加上英文引号，如 title: "通知：关于……"',
    "yaml.problem.mapping_values": "这一行多了一个“字段: 值”（值里有冒号，或者缩进比上一行多）",
    "yaml.problem.no_colon": "这一行没有字段名后面的冒号“:”",
    "yaml.problem.bad_character": "这一行有一个不能出现在这里的字符（多半是 Tab 或特殊符号）",
    "yaml.problem.expected_key": "这一行的缩进和上面的字段对不齐，或者引号后面还有多余的文字",
    "yaml.problem.expected_dash": "列表项“- ”的缩进不一致",
    "yaml.problem.dash_here": "这里不能开始一个“- ”列表",
    "yaml.problem.unclosed": "引号或括号没有配对，写到卡片末尾也没有结束",
    "yaml.problem.escape": "双引号里的反斜杠“\\”后面是不认识的转义字符",
    "yaml.problem.flow_list": "方括号 [ ] 里的列表没有写完整（缺少“]”或逗号）",
    "yaml.problem.flow_map": "花括号 {{ }} 里的写法不完整（缺少“}}”或逗号）",
    "yaml.problem.indent": "缩进不对：这一行比上面的字段缩进得多",
    "yaml.problem.depth": "括号嵌套太多层",
    "yaml.problem.anchor_name": "“&”或“*”后面缺少名字",
    "yaml.problem.tag_handle": "“!”开头的写法无法识别",
    "yaml.problem.other": "这一行无法按“字段: 值”读懂",
    # dates and times
    "dates.not_a_date": (
        "“{text}”不是规定的日期格式；日期写成 YYYY-MM-DD（如 2026-03-05），"
        "要写到时分就写 YYYY-MM-DD HH:MM（如 2026-03-05 08:30）"
    ),
    "dates.write_as": "“{text}”不是规定的日期格式；请写成 {written}（年月日之间用英文短横线“-”，月和日都写两位）",
    "dates.no_such_year": "“{text}”的年份不存在：年份从 0001 开始；请核对日期",
    "dates.no_such_month": "“{text}”里的月份不存在：月份只能是 01 到 12；请核对日期",
    "dates.no_such_day": "“{text}”这一天不存在：{year} 年 {month} 月只有 {days} 天；请核对日期",
    "dates.impossible_time": "“{text}”的时刻不存在：小时是 00 到 23，分和秒是 00 到 59；请核对时间",
    "dates.impossible_offset": "“{text}”的时区写法不对；请删掉它，或写成 +08:00 这样的形式",
    "dates.timezone": "不认识的时区“{name}”；请写 IANA 时区名，如 Asia/Shanghai",
    "dates.epoch": "环境变量 SOURCE_DATE_EPOCH 的值“{seconds}”不是整数秒数",
    "dates.not_a_period": "“{text}”不是统计期；请写月份 2026-03、季度 2026-Q1 或年份 2026",
    "dates.period_year": "“{text}”不是统计期：年份从 0001 开始",
    "dates.period_month": "“{text}”不是月份：月份只能是 01 到 12",
    # names: sections, adopters, kinds… (did_you_mean above)
    "names.choose": "；可以写的{what}有：{names}",
    "names.what.section": "股室",
    "names.what.adopter": "采用单位",
    "names.what.kind": "信息类型",
    "names.what.severity": "紧急程度",
    "names.what.incident": "扣分事项类型",
    "names.what.publication": "“{by}”的刊物",
    "names.joined": (
        "“{value}”是用逗号或顿号连在一起的 {count} 个名称：{names}；"
        "几个名称要分开写成列表：{field}: [{listed}]（方括号、英文逗号）"
    ),
    "names.joined_unknown": "；其中“{name}”不是已配置的{what}{hint}",
    "levels.unknown": (
        "没有“{value}”这个级别；级别请写 本局、县级、市级、省级、国家级 之一"
        "（也可以写 bureau、county、city、province、national）"
    ),
    # the fields of a report, request or incident
    "schema.shape.list": "列表",
    "schema.shape.mapping": "一组“键: 值”",
    "schema.shape.text": "文字",
    "schema.shape.date": "日期",
    "schema.shape.adopter": "采用单位名称",
    "schema.shape.number": "数字",
    "schema.expected_value": "这里应写{what}，却写成了{got}；请只写一个值",
    "schema.empty": "没有填写内容；请填上值，或删掉这一行",
    "schema.kind.bool": "是/否（true/false）",
    "schema.kind.number": "数字",
    "schema.kind.date": "日期",
    "schema.kind.other": "其他类型",
    "schema.not_text": '“{raw}”会被读成{kind}，而不是文字；请加上英文引号：{name}: "{raw}"',
    "schema.not_bool": "“{raw}”不是 true 或 false；请写成 {name}: true 或 {name}: false",
    "schema.date_number": "“{raw}”不是日期{hint}；日期写成 YYYY-MM-DD 或 YYYY-MM-DD HH:MM，如 2026-03-05 08:30",
    "schema.date_number_hint": "（只写时间 {raw} 会被读成数字 {value}，要连同日期一起写）",
    "schema.date_empty": "没有填写日期；请写成 YYYY-MM-DD，如 2026-03-05",
    "schema.date_range": "“{text}”超出了能表示的范围；请核对年份",
    "schema.year_range": "年份 {year} 不在 {first}–{last} 之内；请检查日期是不是打错了（如把 2026 打成 0206）",
    "schema.needs_time": "需要写到几点几分；请写成 {name}: {day} HH:MM（如 {day} 08:30）",
    "schema.day_only": "这里只写日期，不写时间；请写成 {name}: {day}",
    "schema.expected_list": "这里应写成列表，如 {name}: [重点, 低保]",
    "schema.expected_section_list": "这里应写成股室的列表，如 {name}: [社会救助股, 养老服务股]",
    "schema.unknown_section": "没有名为“{value}”的股室{hint}（股室名称见 mkdocs.yml 的 extra.portal.sections）",
    "schema.section_empty_list": "是一个空列表；请写上股室，如 section: 社会救助股",
    "schema.section_twice": "“{name}”写了两次（股室名称和它的简称算同一个）；只保留一个",
    "schema.no_valid_section": "没有一个有效的股室；请先改正上面指出的名称",
    "schema.no_kinds": "没有配置信息类型；请删掉这一行，或请办公室把“{value}”加到 mkdocs.yml 的 extra.portal.kinds",
    "schema.unknown_kind": "没有名为“{value}”的信息类型{hint}（见 mkdocs.yml 的 extra.portal.kinds）",
    "schema.no_severities": "紧急事件的报送时限（urgent_limit_hours）只有一个，不分紧急程度；请删掉这一行",
    "schema.unknown_severity": "没有名为“{value}”的紧急程度{hint}（见 mkdocs.yml 的 extra.portal.urgent_limit_hours）",
    "schema.unknown_incident": "没有名为“{value}”的扣分事项类型{hint}（见 mkdocs.yml 的 extra.portal.incident_types）",
    "schema.classified": (
        "“{value}”的信息不能发布：涉密信息一律不得上网，classification 只能写“公开”或“内部”"
        "——请删除这个文件，通过涉密渠道报送"
    ),
    "schema.unknown_adopter": "没有名为“{value}”的采用单位{hint}（采用单位见 mkdocs.yml 的 extra.portal.adopters）",
    "schema.adopted_true": "“true”没有说明是哪个单位采用的；请写上单位名称，如 {example}",
    "schema.adoption_shape": "这里应写单位名称，或写成 {{by: 县委办, date: YYYY-MM-DD, form: 专报}}",
    "schema.no_publications": (
        "“{by}”没有配置刊物；请删掉 in 这一行，或请办公室把“{value}”加到 extra.portal.adopters 里“{by}”的 publications"
    ),
    "schema.unknown_publication": "“{value}”不是“{by}”的刊物{hint}",
    "schema.route": "“{value}”不是报送方式；请写“直报”（本股室直接报送）或“转报”（由办公室转报）",
    "schema.points": "“{raw}”不是数字；请写采用单位给的分数，如 points: 3",
    "schema.instructions_shape": "这里应写成列表，每一项如 {{by: 县长 孙建国, level: 县级, date: YYYY-MM-DD, note: …}}",
    "schema.instruction_shape": "这一项应写成 {{by: …, level: 县级, date: YYYY-MM-DD, note: …}}",
    "schema.unknown_key": "不认识的项“{key}”{hint}；这里可以写：{allowed}",
    "schema.missing_key": "缺少 {key}；请补上 {key}: …",
    "schema.unknown_field": "不认识的字段，已忽略{hint}",
    "schema.known_fields": "（可以写的字段有：{known}）",
    "schema.missing_field": "缺少这个必填字段；请加一行 {example}",
    # one file as a whole (parsing)
    "parsing.conflict": (
        "合并冲突：git 没能合并这个文件的两个版本，把两个版本都留在了“<<<<<<<”“=======”“>>>>>>>”三行标记之间；"
        "请保留正确的版本，删掉三行标记，再检查一次"
    ),
    "parsing.no_frontmatter": (
        "没有信息卡片；文件第一行要写“---”，接着写各个字段（section、date……），再写一行“---”（见使用说明）"
    ),
    "parsing.classified_marking": (
        "有密级标志“{marking}”：涉密信息一律不得在门户上发布（保密规定）；请删除这个文件，通过涉密渠道报送"
    ),
    "parsing.external": "引用了网站以外的 {url}；门户在内网运行，无法访问外网：请把文件复制到仓库里，用相对路径引用",
    "parsing.doubled_adoption": "同一次采用（{by}{when}）登记了两次，会被计分两次；请删掉一条",
    "parsing.before_report": "{date} 早于信息的报送日期（{day}）；采用和批示都在报送之后，请核对日期",
    "parsing.no_title": "缺少标题；请加一行 title: …，或让正文以“# 标题”一行开头",
    "parsing.no_event_time": "重大紧急事件要写事件发生的时间；请加一行 event_time: YYYY-MM-DD HH:MM",
    "parsing.reported_before_event": "早于事件发生时间 event_time（{event}）；请核对两个时间",
    "parsing.deadline_before_issued": "截止日期早于发出日期 issued（{issued}）；请核对两个日期",
    "parsing.unreadable": "无法读取（{reason}）；请检查文件的权限",
    "parsing.misplaced_report": (
        "看起来是一条信息（有 section 和 date），却不在 reports/ 下，这样它会不经检查地发布、也不计分；"
        "请移到 reports/年/月/（如 reports/2026/03/）"
    ),
}

# Settings: extra.portal in mkdocs.yml.
_SETTINGS: dict[str, str] = {}

# The command line: usage, --help, new/export/public/stats/check output.
_COMMANDS: dict[str, str] = {
    "check.summary": "检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告",
}

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


#: What starts a warning's line (SPEC §6); errors have no prefix.
WARNING_PREFIX = "警告: "


def did_you_mean(hint: str | None) -> str:
    """``；是不是“社会救助股”？`` for a near name, or nothing: the one wording of every suggestion."""
    return say("names.did_you_mean", hint=hint) if hint else ""


def choices(names: list[str] | tuple[str, ...]) -> str:
    """Names to choose from, as Chinese lists them: ``“社会救助股”、“养老服务股”``."""
    return "、".join(f"“{name}”" for name in names)
