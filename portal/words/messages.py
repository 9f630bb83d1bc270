"""The catalogue: every message a clerk or the office can read, in Chinese, written once.

Code never spells a user-facing sentence itself: it calls ``say(key, **values)``.
``tests/test_messages.py`` keeps every key used in the code present here and every message Chinese.

Each area keeps its own block (one dict each) so that the blocks grow independently; ``MESSAGES`` joins them.
Field names and values are quoted as the user wrote them: ``“{value}”``.
"""

from __future__ import annotations

from collections.abc import Iterable
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
    "yaml.hint.quote_pair": '请把引号补成一对（如 title: "……"），或者删掉引号',
    "yaml.problem.indent_char": "这一行的缩进用了普通空格以外的字符",
    "yaml.hint.depth": "请把值写成普通文字",
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
    "names.what.publication": "“{owner}”的刊物",
    "names.what.periodical": "刊物",
    "names.joined": (
        "“{value}”是用逗号或顿号连在一起的 {count} 个名称：{names}；"
        "几个名称要分开写成列表：{field}: [{listed}]（方括号、英文逗号）"
    ),
    "names.joined_unknown": "；其中“{name}”不是已配置的{what}{hint}",
    # a name that is none of the configured ones (portal.model.names.Unknown): messages.unknown words it
    "unknown.section": "没有名为“{value}”的股室{hint}（股室名称见 mkdocs.yml 的 extra.portal.sections）",
    "unknown.adopter": "没有名为“{value}”的采用单位{hint}（采用单位见 mkdocs.yml 的 extra.portal.adopters）",
    "unknown.kind": "没有名为“{value}”的信息类型{hint}（见 mkdocs.yml 的 extra.portal.kinds）",
    "unknown.kind.none": "没有配置信息类型；请删掉这一行，或请办公室把“{value}”加到 mkdocs.yml 的 extra.portal.kinds",
    "unknown.severity": "没有名为“{value}”的紧急程度{hint}（见 mkdocs.yml 的 extra.portal.urgent_limit_hours）",
    "unknown.severity.none": "紧急事件的报送时限（urgent_limit_hours）只有一个，不分紧急程度；请删掉这一行",
    "unknown.incident": "没有名为“{value}”的扣分事项类型{hint}（见 mkdocs.yml 的 extra.portal.incident_types）",
    "unknown.periodical": "没有名为“{value}”的刊物{hint}（刊物见 mkdocs.yml 的 extra.portal.periodicals）",
    "unknown.publication": "“{value}”不是“{owner}”的刊物{hint}",
    "unknown.publication.none": (
        "“{owner}”没有配置刊物；请删掉 in 这一行，"
        "或请办公室把“{value}”加到 extra.portal.adopters 里“{owner}”的 publications"
    ),
    "unknown.level": (
        "没有“{value}”这个级别{hint}（级别请写 本局、县级、市级、省级、国家级 之一，"
        "也可以写 bureau、county、city、province、national）"
    ),
    "unknown.route": "“{value}”不是报送方式；请写“直报”（本股室直接报送）或“转报”（由办公室转报）",
    "unknown.request": "没有编号为“{value}”的约稿通知{hint}（约稿通知是 requests/ 下的文件）",
    "unknown.none_configured": "；还没有配置任何{what}",
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
    "schema.curly_quotes": ('{value} 用的是中文引号，会连引号一起当成内容；请改成英文引号：{name}: "{inner}"'),
    "schema.date_quoted": "日期不用加引号（{value} 用的是中文引号）；请写成 {name}: {inner}",
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
    "schema.section_empty_list": "是一个空列表；请写上股室，如 section: 社会救助股",
    "schema.section_twice": "“{name}”写了两次（股室名称和它的简称算同一个）；只保留一个",
    "schema.no_valid_section": "没有一个有效的股室；请先改正上面指出的名称",
    "schema.classified": (
        "“{value}”的信息不能发布：涉密信息一律不得上网，classification 只能写“公开”或“内部”"
        "——请删除这个文件，通过涉密渠道报送"
    ),
    "schema.adopted_true": "“true”没有说明是哪个单位采用的；请写上单位名称，如 {example}",
    "schema.adoption_shape": "这里应写单位名称，或写成 {{by: 县委办, date: YYYY-MM-DD, form: 专报}}",
    "schema.points": "“{raw}”不是数字；请写采用单位给的分数，如 points: 3",
    "schema.instructions_shape": "这里应写成列表，每一项如 {{by: 县长 孙建国, level: 县级, date: YYYY-MM-DD, note: …}}",
    "schema.instruction_shape": "这一项应写成 {{by: …, level: 县级, date: YYYY-MM-DD, note: …}}",
    "schema.unknown_key": "不认识的项“{key}”{hint}；这里可以写：{allowed}",
    "schema.missing_key": "缺少 {key}；请补上 {key}: …",
    "schema.unknown_field": "不认识的字段，已忽略{hint}",
    "schema.known_fields": "（可以写的字段有：{known}）",
    "schema.missing_field": "缺少这个必填字段；请加一行 {example}",
    # one file as a whole (parsing)
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
    # files the portal refuses or cannot publish (discovery)
    "discovery.orig": "这是 git 合并时留下的旧版本（mergetool 会保留一份）；请核对合并后的文件，然后删掉这个文件",
    "discovery.rej": "这是没能应用的补丁留下的文件；请手工改好，然后删掉这个文件",
    "discovery.bak": "这是备份文件，会不经检查地原样发布；请删掉它（备份请放在 content 文件夹以外）",
    "discovery.txt": "文本文件会不经检查地原样发布；请写成 .md 信息，或删掉它",
    "discovery.md_txt": (
        "文件名以“{ending}”结尾（记事本会自动加上“.txt”）；请改名，以 .md 结尾（资源管理器：查看 → 显示文件扩展名）"
    ),
    "discovery.document": (
        "{extension} 文档会原样发布，得不到信息那样的检查（个人信息、密级标志）；请把文字写进 .md 信息，文档另行传送"
    ),
    "discovery.link_outside.file": "这个文件是指向仓库以外位置的链接（符号链接）；请把文件复制进仓库",
    "discovery.link_outside.folder": "这个文件夹是指向仓库以外位置的链接（符号链接）；请把文件复制进仓库",
    "discovery.link_broken.file": "这个文件是指向 {target} 的链接，但那里什么也没有；请删掉这个链接",
    "discovery.link_broken.folder": "这个文件夹是指向 {target} 的链接，但那里什么也没有；请删掉这个链接",
    "discovery.skipped": (
        "MkDocs 不会发布这个文件（文件名以点号开头，或被 mkdocs.yml 的 exclude_docs/draft_docs 排除）；请改名或移走"
    ),
    "discovery.active": (
        "{extension} 文件会连同其中的脚本原样发布，得不到信息那样的检查；请把内容写进 .md 文件（图片请用 .png 或 .jpg）"
    ),
    "discovery.not_md": "请把文件改名，以 .md 结尾（不要用 {extension}）",
    "discovery.windows_name": "文件名里有“{character}”，Windows 不允许文件名用这个字符（同事将无法取出仓库）；请改名",
    "discovery.personal_name": "文件名里有个人信息（{masked}），会出现在网页地址里；请改名",
    "discovery.generated": "门户自己会生成 /{url} 这个网页；请给文件改名（如加上日期和简短主题：2026-03-05-低保.md）",
    "discovery.same_address": "和 {other} 发布在同一个网址 /{url}；请改掉其中一个的文件名",
    "discovery.same_file": "和 {other} 是同一个文件的链接，会被统计两次；请删掉这个链接",
    "discovery.reserved": "{src_uri}：网址 /{url} 留给了自动生成的网页（{generated}）；请给文件改名",
    # what only the whole content shows (loader)
    "loader.incident_draft": (
        "{path} 是草稿；请写一条已报送信息的路径（相对于 content 文件夹），如 reports/2026/03/2026-03-05-低保.md{hint}"
    ),
    "loader.incident_no_report": (
        "{path} 不是一条信息；请写一条已报送信息的路径（相对于 content 文件夹），"
        "如 reports/2026/03/2026-03-05-低保.md{hint}"
    ),
    "loader.duplicate_id": "编号“{id}”已经被 {other} 用了；每个约稿通知要有自己的编号",
    "loader.not_asked": "约稿“{id}”没有向{missing}约稿（约稿股室：{asked}）；请核对约稿编号或股室",
    "loader.copy": (
        "是 {original} 的副本（标题和正文都相同），这条信息会被统计两次；请删掉副本，如果是新信息，请改写标题和正文"
    ),
    "privacy.id_number": "居民身份证号",
    "privacy.mobile_number": "手机号",
    "privacy.found": "这里有{what}（{masked}），属于个人信息，不得发布；{fix}",
    "privacy.fix": "请删除，或请办公室在 mkdocs.yml 中设置 extra.portal.privacy.{key}: mask（自动打码）",
    "privacy.fix_split": "请删除（它被网页代码隔开了，无法自动打码）",
    "notes.number": "“{raw}”不是从 1 开始的整数；请写通报的期号（示民办〔2026〕n号 的 n），如 number: 12",
    "notes.folder": "通报的文字请直接放在 bulletins/ 下，以统计期命名",
    "notes.not_a_period": "“{stem}”不是统计期；请按通报的统计期给文件命名：2026-10.md、2026-Q3.md 或 2026.md",
    # issues of a periodical (periodicals/<slug>/*.md)
    "periodicals.not_a_value": "列表或一组“键: 值”",
    "periodicals.positive": "“{raw}”不是正整数；请写成如 {name}: 12",
    "periodicals.items_list": "这里应写成列表，如 items: [{{report: reports/2026/03/x.md, column: 工作动态}}]",
    "periodicals.item_shape": "这一项应写信息的路径，或写成 {{report: reports/…/x.md, column: 工作动态}}",
    "periodicals.item_no_report": "缺少 report；请补上 report: reports/…/x.md",
    "periodicals.no_items": "这一期还没有列入任何信息；请把选用的候选信息前面的注释符号去掉",
    "periodicals.no_columns": "（没有配置栏目）",
    "periodicals.unknown_column": "“{name}”没有“{value}”这个栏目{hint}（栏目有：{columns}）",
    "periodicals.reserved": "门户会在这个地址生成“{name}”的页面；请把文件移到 periodicals/{slug}/ 下",
    "periodicals.number_taken": "{label}已经有了（{other}）；同一刊物同一年的期号不能重复",
    "periodicals.total_taken": "“{name}”的总第{total}期已经有了（{other}）；同一刊物的总期号不能重复",
    "periodicals.relative": "；请写相对于 content 文件夹的路径：{path}",
    "periodicals.no_report": "没有“{path}”这条信息{hint}（路径以 reports/ 开头，如 reports/2026/03/x.md）",
    "periodicals.draft": "{path} 是草稿（draft: true）；请先发布这条信息，或删掉这一项",
    "periodicals.after_issue": "{path} 的日期是 {date}，晚于这一期（{issue}）；请核对这一期的日期或这一项",
    "periodicals.twice": "{path} 在这一期里列了两次；只保留一个",
    "periodicals.elsewhere": "{path} 已经编入{label}（{other}）；一条信息在同一刊物只能编入一期",
    "parsing.misplaced_report": (
        "看起来是一条信息（有 section 和 date），却不在 reports/ 下，这样它会不经检查地发布、也不计分；"
        "请移到 reports/年/月/（如 reports/2026/03/）"
    ),
}

# Settings: extra.portal in mkdocs.yml.
_SETTINGS: dict[str, str] = {
    "config.required": "必填；请补上",
    "config.choice": "“{value}”不是可选的值；请写 {choices} 之一",
    "config.type": "类型不对：这里应写{type}",
    "config.type.bool": " true 或 false",
    "config.type.str": "文字",
    "config.type.int": "整数",
    "config.type.list": "列表",
    "config.type.other": "别的类型",
    "config.other": "配置有误（{text}）",
    "config.mkdocs_unknown": "mkdocs.yml 里有 MkDocs 不认识的配置项“{key}”；请改正或删掉",
    "config.unknown_key": "不认识的键“{key}”{hint}",
    "config.fix_or_delete": "；请改正或删掉",
    "config.number": "“{value}”不是数字；请写一个数，如 10",
    "config.text": "“{value}”不是文字；请写上文字（数字、日期等请加英文引号）",
    "config.level_points": "应写成“级别: 分数”，如 {{县级: 10, 市级: 20}}，现在是“{value}”",
    "config.adopter_points": "应写成“采用单位: 分数”，如 {{民政部: 50}}，现在是“{value}”",
    "config.slug": "“{value}”不能做网址名（slug）；只能用小写英文字母、数字和“-”，如 jiuzhu",
    "config.day_not_time": "“{value}”带了时间；这里只写日期 YYYY-MM-DD",
    "config.count": "“{value}”不是整数；请写 0、1、2……这样的整数",
    "config.negative": "不能是负数（现在是 {value}）",
    "values.least": "不能小于 {least}（现在是 {value}）",
    "config.adopters": "应写成“单位名称: 级别”的列表，如 县委办: 县级",
    "config.same_name": "“{name}”和“{other}”是同一个名称；只保留一个",
    "config.level_required": "必填；请加上 level: 县级",
    "config.name": "“{value}”不是名称；请写上文字（数字请加英文引号）",
    "config.listed_twice": "“{name}”写了两次；只保留一个",
    "config.urgent_default": "按紧急程度分别规定时限时，要有 default: 小时数（用于没写紧急程度的信息）；请补上",
    "config.hours_positive": "小时数必须大于 0",
    "config.name_list": "应写成名称的列表，如 {example}，现在是“{value}”",
    "config.document_number": "应写成发文字号的样式，如“示民办〔{{year}}〕{{n}}号”，现在是“{value}”",
    "config.placeholder": "不认识的占位符 {{{name}}}；只能用 {{year}}（年份）和 {{n}}（期号）",
    "config.mapping": "应写成一组“键: 值”，现在是“{value}”",
    "config.sections": "应写成股室的列表（- name: 社会救助股 ……），而且不能为空",
    "config.section_name_taken": "“{name}”已经被股室“{section}”用了；股室名称和简称都不能重复",
    "config.slug_taken": "网址名“{slug}”已经被“{other}”用了；请换一个",
    "config.scoring": "应写成一组计分标准，或几组带 from 日期的计分标准的列表",
    "config.scoring_from": "列表里的每个版本都要写生效日期 from: YYYY-MM-DD",
    "config.scoring_same_from": "有两个版本的 from 日期相同；每个版本要有自己的生效日期",
    "config.organization": (
        "是空的（或者 !ENV 指定的环境变量没有设置）；请写上本单位名称，如 organization: 某某县民政局"
        "——每个页面、通报和导出文件的抬头都用它"
    ),
    "config.distribution": "应写成如 {{报: [县委办, 县政府办], 送: [市民政局], 发: [各股室]}}",
    "config.distribution_key": "不认识的键“{key}”{hint}；只能写 报、送 或 发",
    "config.periodicals": "应写成刊物的列表（- name: 民政信息 ……）",
    "config.column_twice": "有一个栏目写了两次；每个栏目只写一次",
    "config.periodical_twice": "刊物“{name}”配置了两次；只保留一个",
    "config.inherit_loop": "INHERIT 绕回了自己（{chain}）；请删掉其中一行 INHERIT",
    "config.counts": "应写成整数的列表，如 [3, 1]，现在是“{value}”",
    "config.out_of_range": "{value} 超出范围；请写 {least} 到 {most} 之间的数",
    "config.clock": '应写成加英文引号的时刻 "HH:MM"，如 "08:30"，现在是“{value}”',
    "config.pattern": "“{value}”不是{what}",
    "config.what.env_name": "环境变量名（英文字母、数字和 _）",
    "config.what.email": "电子邮件地址",
    "config.what.mobile": "大陆手机号（11 位数字）",
    "config.url": "应写成以 https:// 或 http:// 开头的网址，现在是“{value}”",
    "config.secret": (
        "密码、密钥不能写在 mkdocs.yml 里：请把它放进环境变量（CI 的 secret），"
        "再在 url_env、password_env 或 secret_env 里写上这个环境变量的名字"
    ),
    "config.channels": "应写成通知渠道的列表（- name: mail, type: email ……）",
    "config.channel_type": "“{value}”不是渠道类型；请写 email、wecom 或 dingtalk",
    "config.url_env": "必填：写保存机器人 webhook 地址的环境变量名",
    "config.channel_twice": "渠道名称“{name}”用了两次；每个渠道要有自己的名称",
    # scoring rules (extra.portal.scoring[…].rules and .period)
    "rules.none_configured": "（还没有配置）",
    "rules.unknown_choice": "没有名为“{value}”的{what}{hint}（可以写：{choices}）",
    "rules.what.media": "媒体",
    "rules.what.status": "状态",
    "rules.what.adopter_or_publication": "采用单位或刊物",
    "rules.bool": "“{value}”不是 true 或 false；请写 true 或 false",
    "rules.any_adopter": "任何采用单位都",
    "rules.unknown_publication": (
        "{whose}没有名为“{value}”的刊物{hint}（刊物有：{choices}）；"
        "请把它加到 extra.portal.adopters 里该单位的 publications"
    ),
    "rules.no_effect": "每一行要有且只有一个计分效果（{effects}）；请补上",
    "rules.two_effects": "每一行只能有一个计分效果，这一行有 {given}",
    "rules.rows": "应写成一行行规则的列表（{example}）",
    "rules.rule_shape": "每一行规则应写成一组“键: 值”：fact、匹配条件和一个计分效果",
    "rules.fact_missing": "缺少 fact；可以写：{known}",
    "rules.fact_unknown": "不认识的 fact“{value}”；可以写：{known}",
    "rules.fact_key": "fact: {fact} 没有“{key}”这个条件；它的条件有：{known}",
    "rules.given": "“given”是采用单位自己给的分数，只能用于 fact: adoption",
    "rules.period_shape": "每一行应写成一组“键: 值”：per、可选的 section 和 if，以及一个计分效果",
    "rules.per_missing": "缺少 per；请写 month、quarter 或 year",
    "rules.per_unknown": "不认识的统计单位“{value}”；请写 month、quarter 或 year",
    "rules.write_true": "请写成 {effect}: true（或删掉这一行）",
    "rules.floor": "floor 只能和 base 一起用",
    "rules.per_missing_only": "{key} 只能和 per_missing 一起用",
    "rules.minimum_missing": "per_missing 要写 minimum: 条数 或 minimum: quota；请补上",
    "rules.minimum": "“{value}”不是整数也不是 quota；请写条数或 quota",
    "rules.condition_shape": "应写成一组条件：submitted、adoption_rate、requests 和/或 incidents",
    "rules.unknown_test": "不认识的条件“{key}”{hint}；可以写：{known}",
    "rules.bound_shape": "应写成 {{min: N}} 或 {{below: N}}",
    "rules.key_use": "不认识的键“{key}”；只能写 {allowed}",
    "rules.bound_one": "min: N 和 below: N 只能写一个",
    "rules.shape": "应写成 {shape}",
    "rules.status": "“{value}”不是约稿状态；请写 missed、late 或 not_on_time",
}

# The command line: usage, --help, new/export/public/stats/check output.
_COMMANDS: dict[str, str] = {
    "check.summary": "检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告",
    # usage and --help (portal/commands/usage.py, portal/commands/cli.py)
    "usage.prefix": "用法：",
    "usage.description": "信息报送门户：检查信息、计算统计、导出通报。",
    "usage.commands": "命令",
    "usage.command": "命令",
    "usage.positionals": "参数",
    "usage.options": "选项",
    "usage.help": "显示这段帮助，然后退出",
    "usage.metavar.file": "文件",
    "usage.error": "{prog}：错误：{message}",
    "usage.required": "缺少必填的参数：{names}",
    "usage.invalid_choice": "{arg} 不能是“{value}”；请写 {choices} 之一",
    "usage.invalid_value": "{arg} 的值“{value}”不是{type}",
    "usage.type.int": "整数",
    "usage.type.other": "有效的 {name} 值",
    "usage.expected_one": "{arg} 后面要跟一个值",
    "usage.unrecognized": "不认识的参数：{args}",
    "usage.not_allowed_with": "{arg} 不能和 {other} 一起用",
    "usage.ambiguous": "{option} 不明确，可能是 {matches}；请写完整",
    "usage.ignored_value": "{arg} 后面不用写值（写了“{value}”）",
    "usage.other": "命令行有误（{message}）；请看 --help",
    "help.config": "网站的 mkdocs.yml（默认：mkdocs.yml）",
    "help.check": "检查全部信息和配置",
    "help.stats": "某一统计期的数字，表格或 JSON",
    "help.period": "统计期：2026-03、2026-Q1 或 2026（默认：as_of 所在的月份）",
    "help.as_of": "统计时点 YYYY-MM-DD[ HH:MM[:SS]]（只写日期表示当天结束时）",
    "help.json": "输出 JSON（SPEC §6）",
    "help.export": "把通报导出为 .docx 或 .xlsx",
    "help.format": "通报：docx 或 xlsx；刊物：docx",
    "help.output": "要写的文件（刊物默认为 <slug>-<年>-<期号>.docx）",
    "help.periodical": "改为导出这个刊物（名称或 slug）的一期",
    "help.number": "这一期的期号",
    "help.year": "这一期的年份（默认：该期号最近的一期）",
    "help.new": "新建一个可以通过检查的信息、约稿、扣分事项或刊物文件",
    "help.kind": "新建什么：report（信息）、request（约稿）、incident（扣分事项）、periodical（刊物的一期）",
    "help.title": "标题",
    "help.section": "信息：股室（名称或简称）",
    "help.author": "信息：作者",
    "help.date": "信息、扣分事项：YYYY-MM-DD（默认：今天）",
    "help.urgent": "信息：重大紧急事件",
    "help.event_time": "信息：事件发生时间 YYYY-MM-DD HH:MM",
    "help.request": "信息：所答复的约稿编号",
    "help.tags": "信息：标签，用逗号分开",
    "help.issued": "约稿：发出日期 YYYY-MM-DD（默认：今天）",
    "help.deadline": "约稿：截止日期 YYYY-MM-DD",
    "help.sections": "约稿：约稿的股室，用逗号分开（默认：全部）",
    "help.id": "约稿：编号（默认：YG-年份-序号）",
    "help.type": "扣分事项：extra.portal.incident_types 中的一种",
    "help.report": "扣分事项：涉及的信息，如 reports/2026/03/x.md",
    "help.public": "把“公开”的信息写成一个小型静态网站和 Atom 订阅",
    "help.public_output": "要写的文件夹（整个替换）",
    "help.publication": "刊物：刊物名称，如 民政信息",
    "help.weeks": "刊物：候选信息取最近几周（默认 4）",
    # what the commands print
    "cli.error": "错误：{message}",
    "cli.interrupted": "已中断（Ctrl-C）；什么也没有写",
    "cli.interrupted_plain": "已中断（Ctrl-C）",
    "cli.stdout_closed": "错误：标准输出已关闭，什么也写不出来",
    "cli.reader_closed": "接收输出的一方已经关闭",
    "cli.output_lost": "错误：无法写出结果（{reason}）",
    "cli.export_needs": "错误：export 要写 --format 和 -o（或者 --periodical 和 --number）",
    "cli.export_folder": "错误：export -o {output} 是一个文件夹；请写文件名，如 {example}",
    "cli.cannot_write": "错误：无法写入 {output}（{reason}）；什么也没有写",
    "cli.wrote": "已写入 {output}",
    "cli.wrote_public": "已写入 {output}：{count} 条“公开”信息",
    "cli.new_needs": "错误：new {kind} 要写 {options}",
    "help.remind": "发出某一时间窗口内到期的提醒（电子邮件、企业微信、钉钉）",
    "help.remind_as_of": "时间窗口的结束时刻（默认：现在；不看 PORTAL_AS_OF）",
    "help.window": "15m、1h、1d……：定时运行的间隔（默认：15m）",
    "help.dry_run": "只列出会发什么，不发送",
    "help.channel": "只通过这个已配置的渠道发送",
    "remind.no_channel": "错误：--channel 没有名为“{channel}”的渠道（已配置：{names}）",
    "remind.portal_url": "错误：{key}：提醒里的链接需要门户的网址；请设置它（或 site_url）",
    "remind.no_channels": "没有配置通知渠道（{key}）：什么也没有发送",
    "remind.nobody": "警告: 渠道 {channel}：《{title}》没有可以接收的人（没有电子邮件地址）",
    "remind.channel_error": "错误：渠道 {channel}：{message}",
    "commands.no_periodicals": "（没有配置，见 extra.portal.periodicals）",
    "commands.unknown_periodical": "错误：没有名为“{value}”的刊物{hint}；已配置的刊物：{known}",
    "commands.issue_number": "错误：export --periodical 还要写 --number（期号）",
    "commands.issue_docx": "错误：刊物只能导出为 --format docx",
    "commands.no_issue": "错误：《{name}》没有{when}第{number}期；各期见 periodicals/ 文件夹",
    "commands.new_periodical": "错误：new periodical 要写 --publication（如 --publication 民政信息）",
    "commands.public_exists": "{output} 已经存在，而且不是 build_stats.py public 写的；请指定一个新的或空的文件夹",
    "commands.id": "编号只能用英文字母、数字、“-”“_”“.”（它会成为文件名）",
    "commands.issue_exists": "这一期已经有了；请修改它，或用 --date 指定另一年",
    "commands.request_exists": "这个编号的约稿已经有了；请换一个 --id",
    "commands.no_such_report": "content 文件夹下没有 {report}",
    "remind.window": "--window “{text}”：请写分钟、小时或天数，如 15m、1h 或 1d",
    "remind.window_day": "--window “{text}”不能整除一天；请用如 5m、10m、15m、30m、1h 或 1d",
    "remind.secret_unset": "环境变量 {name} 没有设置（请在 CI 变量或命令行里设置）",
    "remind.refused_recipients": "收件人被拒收：{names}",
    "remind.secret_not_url": "环境变量 {name} 里不是 http(s) 网址",
    "remind.not_json": "对方的回答不是 JSON",
    "remind.refused": "被拒绝：errcode {code}，{message}",
    "remind.item_refused": "错误：渠道 {channel}：《{title}》：{reason}",
    "remind.gave_up": (
        "错误：渠道 {channel}：{reason}（试了 {tries} 次）；有 {unsent} 条提醒没能通过它发出，第一条是《{title}》"
    ),
    "cli.no_answer": "错误：没有回答“{label}”（输入已结束）；请用 {option} 给出",
    # what ``new`` asks for when an option is missing (the prompt adds ": ")
    "cli.prompt_title": "标题",
    "cli.prompt_deadline": "截止日期 YYYY-MM-DD",
    "cli.prompt_event_time": "事件发生时间 YYYY-MM-DD HH:MM",
    "cli.prompt_type": "类型（{types}）",
    # the file name export -o suggests when it is given a folder
    "cli.example_bulletin": "{folder}/通报.{fmt}",
    "cli.example_issue": "{folder}/简报.docx",
    "commands.in_year": "{year}年",
    # the stats table (build_stats.py stats, without --json)
    "stats.heading": "{organization} {period}（{key}）  截至 {as_of}",
    "stats.people": "个人：{people}",
    "stats.person": "{author}（{section}）{score}分",
    "stats.overdue": "超时未报的重大紧急事件：{paths}",
    "stats.breakdown": "得分构成：",
    "stats.average": "平均",
    "stats.incidents": "扣分事项：{incidents}",
    "stats.incident": "{type}{count}次",
    "stats.section": "  {section}：{parts}；得分 {score}",
    # remind's lines (without a state file)
    "remind.heading": "提醒：{start} 至 {end}（窗口 {window}），共 {count} 条",
    "remind.channel": "[{channel}] {type}：{count} 条",
    "remind.sent": "  已发送 {line}",
    # the build (mkdocs build / serve) and the serve error page
    "site.config_failed": "mkdocs.yml 的 extra.portal 有 {count} 个错误，见上文",
    "site.as_of": "统计时点 as_of 有误：{reason}",
    "site.content_failed": (
        "{files} 个文件里有 {errors} 个内容错误；这次什么也没有发布，网站保持原样——请改正上面列出的问题后重新构建"
    ),
    "site.note_waits": "{src_uri}：它对应的通报还没有发布（截至 {as_of}），这段文字先等着",
    "site.rebuild_failed": "重新构建失败；问题改正之前，浏览器里显示的是错误清单",
    "site.workers": "{folder} 里有 {count} 个搜索程序（search.*.min.js），只应有一个；请重新安装 mkdocs-material",
    "site.no_worker": (
        "主题文件夹（{folders}）里没有 {path}/search.*.min.js：门户的搜索要用 Material 的搜索程序；"
        "请按 requirements.txt 重新安装 mkdocs-material"
    ),
    "site.config_invalid": "mkdocs.yml 无法读取或有误：{reason}",
}

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
    "install.dev.test_fast_help": "同 test，但跳过标为 slow 的慢测试（LibreOffice、浏览器、pip、nginx 等）",
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
    "help.state": "状态文件：发送上次运行以来到期、还没发过的提醒，每条只发一次"
    "（默认取 extra.portal.reminders.state；不设则按 --window 的时间窗口发送）",
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
    "safety.new_incident_unreadable_report": "{report} 无法读取（{reason}）；请检查它的读取权限，或不写 --report",
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
    # A failed build leaves the site folder as it found it (portal.edge.sitedir, portal.edge.hook).
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
    "editor.not_mapping": "editor 应是一组设置，如 {{backend: gitlab, repo: bangongshi/xinxi, base_url: …, app_id: …}}",
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
    **_EDITOR,
    **_OFFICE,
    **_HISTORY,
}


def say(key: str, /, **values: Any) -> str:
    """The catalogue's message ``key`` with ``values`` filled in (``str.format`` fields)."""
    return MESSAGES[key].format(**values)


#: What starts a warning's line (SPEC §6); errors have no prefix.
WARNING_PREFIX = "警告: "


def did_you_mean(hint: str | None) -> str:
    """``；是不是“社会救助股”？`` for a near name, or nothing: the one wording of every suggestion."""
    return say("names.did_you_mean", hint=hint) if hint else ""


def unknown(kind: str, value: str, near: str | None, names: tuple[str, ...], owner: str = "") -> str:
    """The one message for a name that names nothing configured of ``kind`` (see ``portal.model.names.Unknown``).

    The hint is the nearest name (``；是不是“社会救助股”？``); when none is near, the names one may write;
    when there are none, that none is configured (or the kind's own ``.none`` message, which says the fix).
    """
    if not names and f"unknown.{kind}.none" in MESSAGES:
        return say(f"unknown.{kind}.none", value=value, owner=owner)
    return say(f"unknown.{kind}", value=value, owner=owner, hint=_unknown_hint(kind, near, names, owner))


def _unknown_hint(kind: str, near: str | None, names: tuple[str, ...], owner: str) -> str:
    if near:
        return did_you_mean(near)
    if f"names.what.{kind}" not in MESSAGES:  # levels, routes: the message lists them itself
        return ""
    what = say(f"names.what.{kind}", owner=owner)
    if names:
        return say("names.choose", what=what, names=choices(names))
    return say("unknown.none_configured", what=what)


def choices(names: list[str] | tuple[str, ...]) -> str:
    """Names to choose from, as Chinese lists them: ``“社会救助股”、“养老服务股”``."""
    return listing(f"“{name}”" for name in names)


def listing(names: Iterable[str]) -> str:
    """Names as Chinese lists them, bare: ``社会救助股、养老服务股``."""
    return "、".join(names)
