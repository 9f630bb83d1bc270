"""The command line's words that are not catalogue sentences: the files ``new`` writes, and list punctuation.

What a command prints is said through the catalogue (:mod:`portal.words.messages`, keys ``cli.*``,
``stats.*``, ``remind.*``, ``commands.*``).  What it writes into a new file is here: the comment lines that
tell the clerk what to fill in and the placeholder body each kind starts with (``new report|request|incident``
in :mod:`portal.commands.scaffold`, ``new periodical`` in :mod:`portal.commands.periodical_commands`).  The
field names (``title:``, ``date:``…) are the file format's own, as SPEC §3 spells them.
"""

from __future__ import annotations

from collections.abc import Iterable

# --- punctuation -------------------------------------------------------------------------------------------

#: Between names in a list (股室、刊物、选项): 顿号.
LIST = "、"
#: Between the clauses of one line (the stats table's people, its overdue events): 分号.
CLAUSES = "；"
#: Between the parts of one clause (a section's score breakdown): 逗号.
PARTS = "，"
#: The full-width comma a clerk may type between names (``--tags 甲，乙``), read as ``,``.
WIDE_COMMA = "，"


def listed(names: Iterable[str]) -> str:
    """``甲、乙、丙``."""
    return LIST.join(names)


# --- the files ``new`` writes ------------------------------------------------------------------------------

#: A report: its front-matter lines, then the body the clerk replaces.
REPORT = "---\n{fields}\n---\n\n（正文：一是……二是……三是……）\n"
#: An urgent report's field filled in once it is reported (commented out).
REPORT_REPORTED_TIME = "# reported_time: 上报后填写 YYYY-MM-DD HH:MM"
#: Filled in once a report is adopted (commented out).
REPORT_ADOPTED = "# adopted: 被采用后填写采用单位，如 县委办"
#: Every new report's classification.
REPORT_CLASSIFICATION = "classification: 内部"

#: A request (约稿): its front-matter lines, then what it asks for and how.
REQUEST = (
    "---\n{fields}\n---\n\n## 约稿内容\n\n（写明需要反映的工作、数据和典型做法）\n\n"
    "## 报送要求\n\n字数 800 字以内，按时报送；逾期按迟报计。\n"
)

#: An incident (扣分事项): its front-matter lines, then what happened.
INCIDENT = "---\n{fields}\n---\n\n（写明通报或查实的情况、依据和处理意见）\n"

#: A periodical's issue: front-matter only.
ISSUE = "---\n{fields}\n---\n"
#: The running number when no issue before it has one (commented out).
ISSUE_TOTAL = "# total: 总期号（接续上一期，如 157）"
ISSUE_EDITOR = "# editor: 责任编辑"
ISSUE_SIGNER = "# signer: 签发人"
#: A new issue is a draft until its items are chosen.
ISSUE_DRAFT = "draft: true  # 草稿：不发布、不计分；选定信息后删去这一行即发布"
#: Heads the commented-out candidates; ``columns`` lists the periodical's columns (or :data:`ISSUE_NO_COLUMNS`).
ISSUE_CANDIDATES = "# 候选信息：近{weeks}周已计入、尚未编入本刊的信息，新的在前。删去行首的 # 即选用；栏目：{columns}"
ISSUE_NO_COLUMNS = "（未设栏目）"
#: One candidate, commented out: ``item`` is the line to keep, the rest says which report it is.
ISSUE_CANDIDATE = "#  - {item}  # {date} {section} {title}"
#: In place of the candidates when there are none.
ISSUE_NO_CANDIDATES = "# （近{weeks}周没有尚未编入的信息）"
