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
