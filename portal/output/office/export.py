"""Bulletins as Word (.docx, a GB/T 9704 公文) and Excel (.xlsx, print-ready) files.

Both render the same :class:`~portal.output.bulletin.Bulletin` as the web page: the
same parts under the same numbered headings, the same figures, praise and
reminders, and the office's own words from ``content/bulletins/<period>.md``
(words from :mod:`portal.words`, the columns from its one spec).  Both are written
byte-for-byte reproducibly: zip timestamps and document properties come
from ``as_of``, never from the clock.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ...content.notes import blocks
from ...words.bulletin import (
    ADDRESSEE,
    NO_PEOPLE,
    SHEET_NAMES,
    breakdown_caption,
    running_note,
    see_sheet,
)
from ...words.numbers import cn_date, number
from ...words.vocabulary import (
    BREAKDOWN,
    EXCEL,
    NO_VALUE,
    PASSED,
    PEOPLE_COLUMNS,
    STATUS_LABELS,
    WORD,
    Column,
    H,
    shown_in,
)
from ..bulletin import Bulletin


@dataclass(frozen=True)
class Table:
    heads: tuple[str, ...]
    rows: list[list[Any]]  # values: numbers stay numbers (Excel); :func:`cell_text` prints them
    numeric: tuple[bool, ...]
    formats: tuple[str, ...] = ()  # Excel number formats by column ("" = general)


def ranking_table(b: Bulletin) -> Table:
    """The web page's ranking table, column for column (its two header rows as one, its three 约稿 columns as
    one ``按时/迟报/漏报``): the columns of :data:`~portal.words.vocabulary.SECTION_COLUMNS` Word shows.
    """
    specs = shown_in(WORD)
    rows = [[b.ranking_text(c, r) for c in specs] for r in b.sections]
    return Table(tuple(c.header for c in specs), rows, tuple(c.numeric for c in specs))


def excel_sections_table(b: Bulletin) -> Table:
    """Every section column Excel shows as numbers (Excel is for further counting), the running totals last."""
    specs = shown_in(EXCEL)
    rows = [[c.get(b.ytd[r.section] if c.running else r) for c in specs] for r in b.sections]
    numeric = tuple(c.numeric for c in specs)
    return Table(tuple(c.header for c in specs), rows, numeric, tuple(c.excel_format for c in specs))


def breakdown_table(b: Bulletin) -> Table:
    """得分构成, as the web page shows it: each section's score by source, and 考核结果 when a pass row applies."""
    passing = any(r.passed is not None for r in b.sections)
    heads = (H["section"], *BREAKDOWN.values(), H["score"], *((H["passed"],) if passing else ()))
    rows = [
        [
            r.section,
            *(number(v) for v in r.breakdown.values()),
            number(r.score),
            *((PASSED[r.passed] if r.passed is not None else NO_VALUE,) if passing else ()),
        ]
        for r in b.sections
    ]
    return Table(heads, rows, (False, *([True] * (len(heads) - 1))))


def _average(b: Bulletin) -> bool:
    return bool(b.sections) and b.sections[0].total == "average"


def _columns_table(specs: tuple[Column, ...], items: list[Any], raw: bool) -> Table:
    rows = [[c.get(x) if raw else c.text(x) for c in specs] for x in items]
    return Table(tuple(c.header for c in specs), rows, tuple(c.numeric for c in specs))


def requests_table(b: Bulletin) -> Table:
    t = b.tally
    rows = [
        [q.title, cn_date(q.deadline), section, STATUS_LABELS[status]]
        for q in t.requests
        for section, status in t.request_status[q.id].items()
    ]
    return Table((H["request"], H["deadline"], H["section"], H["done"]), rows, (False,) * 4)


def urgent_table(b: Bulletin, between: str = " ") -> Table:
    """The period's urgent events; ``between`` separates a time's date from its hour (Word: a line break)."""
    rows = [
        [
            u.report.title,
            u.report.section,
            _minute(u.report.event_time, between),
            _minute(u.due, between),
            _minute(u.reported_time, between),
            STATUS_LABELS[u.status],
        ]
        for u in b.tally.urgent
    ]
    heads = (H["event"], H["section"], H["event_time"], H["due"], H["reported_time"], H["status"])
    return Table(heads, rows, (False,) * 6)


def _minute(moment: datetime | None, between: str = " ") -> str:
    return f"{cn_date(moment)}{between}{moment:%H:%M}" if moment else NO_VALUE


def after_table(b: Bulletin, key: str) -> list[str]:
    """The notes under a part's table(s): what 达标 means (ranking), why people's totals differ (people)."""
    if key == "ranking":
        return [b.pass_rule] if b.pass_rule else []
    if key == "people" and b.people:
        return [b.people_note] if b.people_note else []
    return []


def cell_text(value: Any, head: str) -> str:
    return f"{value * 100:.1f}%" if head == H["adoption_rate"] and isinstance(value, float) else str(value)


def part_texts(b: Bulletin, key: str, between: str = " ") -> tuple[list[str], Table | None]:
    """A part's paragraphs and table, as Word (``between``: a line break in times) and Excel lay them out."""
    if key == "ranking":
        return [], ranking_table(b)
    if key == "praise":
        return [b.praise_paragraph], None
    if key == "reminders":
        lines = [f"{i}. {m.line}" for i, m in enumerate(b.reminders, start=1)]
        return lines or list(b.reminder_lines), None
    if key == "people":
        return ([], _columns_table(PEOPLE_COLUMNS, b.people, raw=False)) if b.people else ([NO_PEOPLE], None)
    if key == "requests":
        return [], requests_table(b)
    if key == "urgent":
        return [], urgent_table(b, between)
    return [text for _, text in blocks(b.next_steps)], None


# --- Word ---------------------------------------------------------------------------------


def docx_bytes(b: Bulletin) -> bytes:
    """The bulletin as a GB/T 9704 公文: 版头, title, 主送, body, tables, 署名/日期, 版记, page numbers.
    Every table is set in one font size, the largest at which all of them keep their cells on one line.
    """
    from . import officedoc as od

    parts = [(key, heading, *part_texts(b, key, between="\n")) for key, heading in b.parts]
    tables = [_word_cells(t) for *_, t in parts if t is not None]
    if any(key == "ranking" for key, *_ in parts):
        tables.append(_word_cells(breakdown_table(b)))
    size = min((od.table_size(heads, cells) for heads, cells, _ in tables), default=od.TABLE_SIZES[0])
    doc = od.new_document()
    od.page_numbers(doc)
    od.masthead(doc, b.document.masthead or b.organization, b.number)
    od.title(doc, b.title)
    od.body(doc, b.period_line)
    od.addressee(doc, ADDRESSEE)
    for kind, text in blocks(b.intro):
        od.heading(doc, text, 2) if kind == "heading" else od.body(doc, text)
    od.body(doc, b.lead)
    for key, heading, paragraphs, table in parts:
        od.heading(doc, heading)
        for text in paragraphs:
            od.body(doc, text)
        if table is not None:
            od.table(doc, *_word_cells(table), sizes=(size,))
        if key == "ranking":
            od.body(doc, running_note(b.ytd_label))
            od.body(doc, breakdown_caption(_average(b)), keep_with_next=True)
            od.table(doc, *_word_cells(breakdown_table(b)), sizes=(size,))
        for text in after_table(b, key):
            od.body(doc, text)
    od.signature_block(doc, b.signer, b.issued)
    od.colophon(doc, b.document.copy_to, b.document.printed_by or b.signer, b.issued, even=True)
    od.properties(doc, b.title, b.organization)
    return od.save(doc, b.as_of)


def _word_cells(table: Table) -> tuple[tuple[str, ...], list[list[str]], tuple[bool, ...]]:
    """A table's headers, its cells as Word prints them and which columns are numbers."""
    cells = [[cell_text(v, h) for v, h in zip(row, table.heads)] for row in table.rows]
    return table.heads, cells, table.numeric


# --- Excel --------------------------------------------------------------------------------


def xlsx_bytes(b: Bulletin) -> bytes:
    """Sheets 通报 (the text), 股室, 个人, 约稿, 紧急事件: title rows, ruled tables with totals, filters,
    frozen header and name column, A4 landscape one page wide, print titles, page numbers.
    """
    from openpyxl import Workbook

    from . import officedoc as od
    from .sheets import table_sheet, text_sheet

    wb = Workbook()
    text_sheet(wb.active, b, SHEET_NAMES["text"], _text_lines(b))
    tables = [
        ("sections", excel_sections_table(b), True),
        ("breakdown", breakdown_table(b), False),
        ("people", _people(b), True),
    ]
    if b.tally.requests:
        tables.append(("requests", requests_table(b), False))
    if b.tally.urgent:
        tables.append(("urgent", urgent_table(b), False))
    notes = {"breakdown": after_table(b, "ranking"), "people": after_table(b, "people")}
    for key, table, totals in tables:
        table_sheet(wb.create_sheet(SHEET_NAMES[key]), b, SHEET_NAMES[key], table, totals, notes.get(key, []))
    wb.properties.title = b.title
    wb.properties.creator = wb.properties.lastModifiedBy = b.organization
    wb.properties.language = "zh-CN"
    wb.properties.created = wb.properties.modified = b.as_of.replace(tzinfo=None)
    buffer = io.BytesIO()
    wb.save(buffer)
    return od.package(buffer.getvalue(), b.as_of)


def _people(b: Bulletin) -> Table:
    return _columns_table(PEOPLE_COLUMNS, b.people, raw=True)


def _text_lines(b: Bulletin) -> list[tuple[str, bool]]:
    """The 通报 sheet: every word of the bulletin, each part's table referred to its sheet."""
    lines: list[tuple[str, bool]] = [(b.number, False)] if b.number else []
    lines.append((ADDRESSEE, False))
    lines += [(text, kind == "heading") for kind, text in blocks(b.intro)]
    lines.append((b.lead, False))
    sheets = {"ranking": "sections", "people": "people", "requests": "requests", "urgent": "urgent"}
    for key, heading in b.parts:
        lines.append((heading, True))
        paragraphs, table = part_texts(b, key)
        if table is not None:
            lines.append((see_sheet(SHEET_NAMES[sheets[key]]), False))
        if key == "ranking":
            lines.append((breakdown_caption(_average(b)) + see_sheet(SHEET_NAMES["breakdown"]), False))
        lines += [(text, False) for text in paragraphs]
        lines += [(text, False) for text in after_table(b, key)]
    lines += [(b.signer, False), (cn_date(b.issued), False)]
    return lines


def write_export(fmt: str, b: Bulletin, output: str) -> None:
    data = docx_bytes(b) if fmt == "docx" else xlsx_bytes(b)
    with open(output, "wb") as handle:
        handle.write(data)
