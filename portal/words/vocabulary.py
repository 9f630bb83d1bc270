"""The names of things, said once: levels, statuses, sheets and every table column with its 中文 header.

A column is one :class:`Column` spec (key, header, accessor, format, which tables show it); the ranking
table of the bulletin page, of the Word bulletin and the Excel 股室 sheet and the CLI table all iterate
:data:`SECTION_COLUMNS`, picking the columns that show in them (:func:`shown_in`); templates print ``H.key``
(the header) and ``STATUS_LABELS``/``LEVEL_NAMES`` instead of repeating the words.  The 通报's sentences are
in :mod:`portal.words.bulletin`, the 简报's in :mod:`portal.words.documents`, numbers and dates in
:mod:`portal.words.numbers`, the scoring rules in :mod:`portal.words.rules`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .numbers import number, percent

#: Adoption and instruction levels, low to high (keys as in :data:`portal.model.names.LEVELS`).
LEVEL_NAMES = {"bureau": "本局", "county": "县级", "city": "市级", "province": "省级", "national": "国家级"}

#: The content kinds (folders) whose files a message names by kind (a copy's file: ``X - 副本.md``).
CONTENT_KINDS = {"incidents": "通报记录", "requests": "约稿通知", "periodicals": "期刊", "bulletins": "通报文字"}

#: Request and urgent-event statuses (SPEC §5) and the badge colour each one gets.
STATUS_LABELS = {"on_time": "按时", "late": "迟报", "missed": "漏报", "pending": "待报", "overdue": "超时未报"}
STATUS_CLASS = {"on_time": "ok", "late": "warn", "missed": "bad", "pending": "wait", "overdue": "bad"}

#: What a table prints where there is nothing to show (no ranking yet, no quota, no date).
NO_VALUE = "—"
#: A column's running total (the bulletin's 累计 columns: 累计报送).
RUNNING = "累计{header}"

#: The tables a column of :data:`SECTION_COLUMNS` can show in: the bulletin's ranking table on its page and in
#: Word, the Excel 股室 sheet, the command line's table.
PAGE, WORD, EXCEL, CLI = "page", "word", "excel", "cli"


def plain(value: Any) -> str:
    return str(value)


@dataclass(frozen=True)
class Column:
    """One column of a table.

    ``get`` reads the raw value (numbers stay numbers, for Excel); ``text`` is how a page, the CLI and Word
    print it.  ``shows`` names the tables it is in (:data:`PAGE`, :data:`WORD`, :data:`EXCEL`, :data:`CLI`);
    ``running`` columns read the running totals' row instead of the period's; ``group`` columns sit under one
    header on the page (:data:`GROUPS`), each headed by its ``short`` word there; ``empty`` is printed on the
    page and in Word for a value of 0 (a quota not set).
    """

    key: str
    header: str
    get: Callable[[Any], Any]
    fmt: Callable[[Any], str] = plain
    numeric: bool = True
    short: str = ""  # header in the narrow CLI table and under a page group, when shorter than ``header``
    excel_format: str = ""  # an Excel number format ("0.0%")
    shows: frozenset[str] = frozenset()
    running: bool = False
    group: str = ""
    empty: str = ""

    def text(self, row: Any) -> str:
        return self.fmt(self.get(row))


_ALL = frozenset((PAGE, WORD, EXCEL, CLI))
_NOT_WORD = frozenset((PAGE, EXCEL, CLI))  # Word has no room for the three 约稿 columns: it has one
_DOCUMENTS = frozenset((PAGE, WORD, EXCEL))
_REQUESTS = ("on_time", "late", "missed")


def _requests(row: Any) -> str:
    return "/".join(str(row.requests[s]) for s in _REQUESTS)


def _request(status: str) -> Column:
    label = STATUS_LABELS[status]
    get: Callable[[Any], Any] = lambda r: r.requests[status]  # noqa: E731
    return Column(f"request_{status}", f"约稿{label}", get, short=label, shows=_NOT_WORD, group="requests")


def _running(key: str, header: str, get: Callable[[Any], Any]) -> Column:
    name = RUNNING.format(header=header)
    return Column(f"running_{key}", name, get, short=header, shows=_DOCUMENTS, running=True, group="running")


#: The sections' columns, in the order every table shows them: the one list the bulletin's ranking table (page,
#: Word), the Excel 股室 sheet and the CLI table iterate.
SECTION_COLUMNS: tuple[Column, ...] = (
    Column("rank", "排名", lambda r: r.rank, shows=_ALL),
    Column("section", "股室", lambda r: r.section, numeric=False, shows=_ALL),
    Column("head", "负责人", lambda r: r.head, numeric=False, shows=frozenset((EXCEL,))),
    Column("submitted", "报送", lambda r: r.submitted, shows=_ALL),
    Column("quota", "任务数", lambda r: r.quota, shows=_ALL, empty=NO_VALUE),
    Column("adopted", "采用", lambda r: r.adopted, shows=_ALL),
    Column("adoptions", "采用次数", lambda r: r.adoptions, shows=frozenset((EXCEL,))),
    Column("adoption_rate", "采用率", lambda r: r.adoption_rate, fmt=percent, excel_format="0.0%", shows=_ALL),
    Column("instructions", "批示", lambda r: r.instructions, shows=_ALL),
    Column("good", "好信息", lambda r: r.good, shows=_ALL),
    *(_request(status) for status in _REQUESTS),
    Column("requests", "约稿" + "/".join(STATUS_LABELS[s] for s in _REQUESTS), _requests, shows=frozenset((WORD,))),
    Column("urgent_on_time", "紧急按时", lambda r: r.urgent["on_time"], shows=frozenset((EXCEL,))),
    Column("urgent_late", "紧急迟报", lambda r: r.urgent["late"], shows=frozenset((EXCEL,))),
    Column("urgent_overdue", "紧急超时", lambda r: r.urgent["overdue"], short="超时", shows=frozenset((EXCEL, CLI))),
    Column("score", "得分", lambda r: number(r.score), shows=_ALL),
    _running("submitted", "报送", lambda r: r.submitted),
    _running("adopted", "采用", lambda r: r.adopted),
    _running("score", "得分", lambda r: number(r.score)),
)
#: The page's headers over a group of columns (the running totals' is the bulletin's ``ytd_label``).
GROUPS = {"requests": "约稿（次）"}


def shown_in(table: str, specs: Iterable[Column] = SECTION_COLUMNS) -> tuple[Column, ...]:
    """The columns one table shows (:data:`PAGE`, :data:`WORD`, :data:`EXCEL` or :data:`CLI`), in order."""
    return tuple(c for c in specs if table in c.shows)


PEOPLE_COLUMNS: tuple[Column, ...] = (
    Column("author", "作者", lambda p: p.author, numeric=False),
    Column("section", "股室", lambda p: p.section, numeric=False),
    Column("submitted", "报送", lambda p: p.submitted),
    Column("adopted", "采用", lambda p: p.adopted),
    Column("good", "好信息", lambda p: p.good),
    Column("score", "得分", lambda p: number(p.score)),
)

#: The columns of the printed (CLI) table.
CLI_SECTION_KEYS = tuple(c.key for c in shown_in(CLI))


def columns(specs: Iterable[Column], keys: Iterable[str]) -> tuple[Column, ...]:
    """The specs named by ``keys``, in that order."""
    by_key = {c.key: c for c in specs}
    return tuple(by_key[k] for k in keys)


#: Header words by key, for templates (``H.submitted`` → 报送), plus the headers only pages and documents show.
H: dict[str, str] = {
    **{c.key: c.header for c in PEOPLE_COLUMNS},
    **{c.key: c.header for c in SECTION_COLUMNS},
    "quota_done": "任务完成",
    "month": "月份",
    "first": "第一名",
    "monthly_quota": "每月任务",
    "adopter": "采用单位",
    "report_date": "报送日期",
    "title": "标题",
    "status": "状态",
    "event": "事件",
    "event_time": "发生时间",
    "due": "应报时限",
    "reported_time": "上报时间",
    "passed": "考核结果",
    "request": "约稿",
    "deadline": "截止",
    "done": "完成情况",
    "done_by_section": "各股室完成情况",
    "month_submitted": "本月报送",
    "month_score": "本月得分",
    "type": "类型",
    "date": "日期",
    "concerns": "所涉信息",
    "item": "项目",
    "request_id": "编号",
    "sent_to": "下发",
    "issue": "期次",
    "total_number": "总期号",
    "issue_date": "编发日期",
    "item_count": "条数",
    "editor": "责任编辑",
    "signer": "签发",
    "download": "下载",
    "report": "信息",
    "submitted_count": "报送条数",
    "adopted_date": "采用日期",
    "submitted_reports": "报送信息",
}

#: where a score comes from (SPEC §6's ``breakdown``), in display order
BREAKDOWN = {
    "reports": "报送采用批示",
    "requests": "约稿",
    "urgent": "紧急",
    "incidents": "扣分事项",
    "period": "考核",
}
PASSED = {True: "达标", False: "不达标"}
