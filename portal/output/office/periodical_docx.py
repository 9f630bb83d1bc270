"""A periodical issue as a Word document in the 简报 layout offices issue.

Red 报头 with the periodical's name, 第N期（总第M期）, the 编发单位 and date
above a red line; the 编者按 (when the issue has one); the table of
contents; the items by column, each with its title, text and source; the
版记 with the distribution (报 / 送 / 发) and 责任编辑 / 签发 between black
rules.  Page, fonts, rules, page numbers (— 1 —: :data:`~portal.output.office.officedoc.PAGE_NUMBER`) and
the reproducible package all come from :mod:`portal.output.office.officedoc`, the words from
:mod:`portal.words.documents`; a report's Markdown becomes text blocks through
:func:`portal.content.notes.blocks` (sanitized, like every page).
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH

from ...content.notes import blocks
from ...content.periodicals import H1_RE, IssueColumn, columns, editing_unit, issue_title
from ...model.objects import Issue, Periodical, Report, Settings
from ...words.documents import (
    CONTENTS,
    EDITORS_NOTE_LEAD,
    column_heading,
    copies_line,
    distribution_lines,
    editors_line,
    issue_number,
    source_line,
)
from . import officedoc as od

SIZE_CONTENTS = 14.0  # 目录 entries in 4号
SIZE_ITEM_TITLE = 18.0  # an item's title in 小2号小标宋


def issue_docx(issue: Issue, periodical: Periodical, reports: dict[str, Report], settings: Settings) -> bytes:
    """The issue's .docx bytes (the same bytes for the same issue: dated by the issue's day)."""
    doc = od.new_document()
    od.page_numbers(doc)
    unit = editing_unit(settings.organization)
    od.newsletter_masthead(doc, periodical.name, issue_number(issue.number, issue.total), unit, issue.date)
    _editors_note(doc, issue.body)
    groups = columns(issue, periodical, reports)
    _contents(doc, groups)
    for column in groups:
        _column(doc, column)
    copies = copies_line(periodical.copies or 0)
    od.colophon_rows(doc, [(line, "") for line in imprint_lines(issue, periodical)], copies=copies)
    od.properties(doc, issue_title(issue), unit)
    return od.save(doc, datetime.combine(issue.date, time(), settings.tz))


def imprint_lines(issue: Issue, periodical: Periodical) -> list[str]:
    """The 版记's lines: 报 / 送 / 发 as configured, then 责任编辑 and 签发 (a blank line when neither)."""
    return [*distribution_lines(periodical.distribution), editors_line(issue.editor, issue.signer)]


def _editors_note(doc: Any, body: str) -> None:
    """The issue's own text in 楷体 under the 报头, labelled 编者按 (in 黑体) as on the web page."""
    for index, (kind, text) in enumerate(blocks(body)):
        if kind == "heading":
            od.paragraph(doc, text, font=od.HEADING_FONT, keep_with_next=True)
            continue
        p = od.paragraph(doc, "", font=od.SUBHEADING_FONT)
        if index == 0:
            od.add_run(p, EDITORS_NOTE_LEAD, od.HEADING_FONT)
        od.add_run(p, text, od.SUBHEADING_FONT)
    if body.strip():
        od.blank(doc)


def _contents(doc: Any, groups: list[IssueColumn]) -> None:
    """本期目录: ``1. 【工作动态】标题`` a line, in the items' reading order."""
    od.paragraph(doc, CONTENTS, font=od.HEADING_FONT, align=WD_ALIGN_PARAGRAPH.CENTER, indent=0, keep_with_next=True)
    for column in groups:
        prefix = column_heading(column.name) if column.name else ""
        for number, report in column.items:
            entry = od.paragraph(doc, f"{number}. {prefix}{od.cjk_spaces(report.title)}", size=SIZE_CONTENTS, indent=0)
            entry.paragraph_format.keep_with_next = True


def _column(doc: Any, column: IssueColumn) -> None:
    """空一行, the column's heading (【工作动态】) and its items (title, text, source), 空一行 between items."""
    od.blank(doc, keep_with_next=True)
    if column.name:
        od.paragraph(doc, column_heading(column.name), font=od.HEADING_FONT, indent=0, keep_with_next=True)
    for index, (_, report) in enumerate(column.items):
        if index:
            od.blank(doc, keep_with_next=True)
        od.title(doc, report.title, size=SIZE_ITEM_TITLE, blanks=False)
        paragraphs = []
        for kind, text in blocks(H1_RE.sub("", report.body, count=1)):
            paragraphs.append(od.heading(doc, text) if kind == "heading" else od.body(doc, text))
        if paragraphs:  # the text's last line goes with the source line under it
            paragraphs[-1].paragraph_format.keep_with_next = True
        source = od.cjk_spaces(report.section + (f" {report.author}" if report.author else ""))
        od.paragraph(doc, source_line(source), font=od.SUBHEADING_FONT, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=0)
