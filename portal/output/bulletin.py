"""What a 通报 says, computed once: the view model the page, the .docx and the .xlsx render.

:func:`make_bulletin` turns one period's :class:`~portal.figures.tally.Tally` (and
the year-to-date running totals) into a frozen :class:`Bulletin`: the
ranking, the totals, praise, reminders and alerts, already worded from
:mod:`portal.words.bulletin`.  Renderers only lay it out; none of them computes
or words anything the others don't.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from ..content.notes import BulletinNote
from ..figures.scoring import ReportScore
from ..figures.status import UrgentState
from ..figures.tally import Evaluation, PersonRow, SectionRow, Tally, tally
from ..model.dates import Period
from ..model.objects import LEVELS, DocumentSettings, Settings
from ..words.bulletin import (
    ALL_DONE,
    ALL_DONE_SO_FAR,
    BULLETIN_KIND,
    NO_PRAISE,
    PARTS,
    PEOPLE_DIFFERENCES,
    WHOLE_YEAR,
    bulletin_title,
    default_signer,
    held_back_sentence,
    incident_detail,
    numbered_heading,
    pass_note,
    people_note,
    period_line,
    praise_paragraph,
    praise_sentence,
    reminder_line,
    reminder_sentence,
    running_label,
    summary_sentence,
)
from ..words.numbers import cn_numeral, number
from ..words.rules import describe_period
from ..words.vocabulary import LEVEL_NAMES, NO_VALUE, Column


@dataclass(frozen=True)
class BulletinReminder:
    """One 提醒: a section and what it has to fix."""

    section: str
    kind: str  # zero | quota | missed | late_request | urgent_late | urgent_overdue | incident
    detail: str = ""
    count: int = 0

    @property
    def text(self) -> str:
        return reminder_sentence(self.kind, self.detail, self.count)

    @property
    def line(self) -> str:
        """``社会救助股：约稿《…》漏报。`` as listed in the bulletin."""
        return reminder_line(self.section, self.text)


@dataclass(frozen=True)
class Totals:
    """The whole bureau's figures of the period."""

    submitted: int
    adopted: int
    adoptions: int
    good: int
    instructions: int
    quota: int


@dataclass(frozen=True)
class Bulletin:
    """One period's 通报, computed once."""

    organization: str
    title: str  # 关于…政务信息报送情况的通报
    kind: str  # 月度通报 | 季度通报 | 年度考评
    tally: Tally
    totals: Totals
    level_counts: tuple[tuple[str, int], ...]  # (level name, adoptions) for levels with any
    ytd: Mapping[str, SectionRow]  # running totals by section name
    ytd_label: str
    praise: tuple[SectionRow, ...]
    praise_text: str
    reminders: tuple[BulletinReminder, ...]
    alerts: tuple[UrgentState, ...]  # urgent events overdue at as_of (whatever their period)
    complete: bool  # the period has ended by as_of
    period_line: str  # 统计期间：…(截至…，本期尚未结束) under the title
    pass_rule: str  # the note saying what 达标 means ("" when no pass row applies)
    people_note: str  # why the 个人 totals differ from the 股室 totals ("" when they agree)
    lead: str  # the opening figures (全局共报送…现将有关情况通报如下：)
    parts: tuple[tuple[str, str], ...]  # (key, numbered heading) of the parts present, in order
    issued: date  # 成文日期: the note's date, else the day of as_of
    number: str  # 发文字号 ("" when extra.portal.bulletin.document_number is not set)
    signer: str  # 署名
    document: DocumentSettings  # 版头 and 版记 settings
    intro: str = ""  # the office's words before the parts (Markdown from content/bulletins/<period>.md)
    next_steps: str = ""  # 下一步工作要求 (Markdown from the same file)

    def heading(self, key: str) -> str:
        """The numbered heading of a part: ``二、表扬``."""
        return dict(self.parts)[key]

    @property
    def period(self) -> Period:
        return self.tally.period

    @property
    def as_of(self) -> datetime:
        return self.tally.as_of

    @property
    def sections(self) -> list[SectionRow]:
        return self.tally.sections

    @property
    def people(self) -> list[PersonRow]:
        return self.tally.people

    @property
    def praise_paragraph(self) -> str:
        """The 表扬 part's paragraph: the period and the praise sentence (the sentence alone without praise)."""
        return praise_paragraph(self.period.label, self.praise_text, bool(self.praise))

    @property
    def reminder_lines(self) -> tuple[str, ...]:
        """The 提醒 as listed, or the one sentence of a period where nobody needs one (so far)."""
        return tuple(m.line for m in self.reminders) or ((ALL_DONE,) if self.complete else (ALL_DONE_SO_FAR,))

    @property
    def ranked(self) -> bool:
        return ranked(self.sections)

    def ranking_text(self, column: Column, row: SectionRow) -> str:
        """A cell of the ranking table as the page and Word print it: no rank before anything is counted,
        the column's ``empty`` word for a 0 (no quota), a running column from the running totals' row.
        """
        if column.key == "rank" and not self.ranked:
            return NO_VALUE
        value = column.get(self.ytd[row.section] if column.running else row)
        return column.empty if column.empty and not value else column.fmt(value)


def ranked(rows: list[SectionRow]) -> bool:
    """Whether a ranking means anything: some report was counted, or some section has a score (at the start
    of a month with nothing reported every section would rank 1: pages say 本期尚无报送 instead).
    """
    return any(r.submitted or number(r.score) for r in rows)


def praise_of(t: Tally, settings: Settings, reminders: tuple[BulletinReminder, ...] = ()) -> tuple[SectionRow, ...]:
    """表扬: the top ``bulletin.praise`` ranks with a positive score and at least one report.

    A section reminded of anything in the same bulletin (late or missed 约稿, late or overdue urgent event,
    quota shortfall, an incident), marked 不达标, or for which a ``no_praise`` period row holds (SPEC §4.1) is
    left out (:func:`held_back`); its place is not passed down.
    """
    return tuple(r for r in leading(t, settings) if not held_back(r, reminders))


def leading(t: Tally, settings: Settings) -> list[SectionRow]:
    """The sections praise is chosen from: within the top ``bulletin.praise`` ranks, score above 0."""
    return [r for r in t.sections if r.rank <= settings.praise and r.score > 0]


def held_back(row: SectionRow, reminders: tuple[BulletinReminder, ...]) -> str:
    """Why a leading section is not praised (a key of :data:`portal.words.bulletin.HELD_BACK`), "" when it is."""
    if row.submitted == 0:
        return "no_reports"
    if row.passed is False:
        return "failed"
    if row.no_praise:
        return "no_praise"
    return "reminded" if any(m.section == row.section for m in reminders) else ""


def praise_text_of(t: Tally, settings: Settings, reminders: tuple[BulletinReminder, ...]) -> str:
    """The 表扬 part's sentence: who is praised and why; else why nobody is (nobody scored above 0, or every
    leading section is held back, and for which reason).
    """
    praised = praise_of(t, settings, reminders)
    if praised:
        return praise_sentence((r.section, praise_reasons(r, t, settings)) for r in praised)
    held = [(r.section, held_back(r, reminders)) for r in leading(t, settings)]
    return held_back_sentence(held) if held else NO_PRAISE


def praise_reasons(row: SectionRow, t: Tally, settings: Settings) -> tuple[str, ...]:
    """Which of the reasons hold (keys of :data:`portal.words.bulletin.PRAISE_REASONS`): ``volume`` when its
    submitted count ranks within the top ``bulletin.praise`` (1,2,2,4); ``rate`` when it has an adoption and
    its adoption rate is at least the whole bureau's; ``instructions`` when it has a leader's instruction.
    """
    reasons = []
    if 1 + sum(1 for r in t.sections if r.submitted > row.submitted) <= settings.praise:
        reasons.append("volume")
    submitted, adopted = sum(r.submitted for r in t.sections), sum(r.adopted for r in t.sections)
    if row.adopted and row.adopted * submitted >= adopted * row.submitted:  # a/s >= A/S without rounding
        reasons.append("rate")
    if row.instructions:
        reasons.append("instructions")
    return tuple(reasons)


def parts_of(t: Tally, next_steps: str) -> tuple[tuple[str, str], ...]:
    """The numbered parts present: 约稿 and 紧急事件 only when the period has any, 下一步工作要求 when written."""
    keys = ["ranking", "praise", "reminders", "people"]
    keys += ["requests"] * bool(t.requests) + ["urgent"] * bool(t.urgent) + ["next_steps"] * bool(next_steps)
    return tuple((key, numbered_heading(cn_numeral(i), PARTS[key])) for i, key in enumerate(keys, start=1))


def reminders_of(t: Tally, complete: bool = True) -> tuple[BulletinReminder, ...]:
    """提醒: no reports, quota not met (config order; only once the period has ended: a quota is the whole
    period's), then missed/late requests, then late/overdue urgent events, then incidents.
    """
    out: list[BulletinReminder] = []
    for row in sorted(t.sections, key=lambda r: r.order) if complete else ():
        if row.submitted == 0:
            out.append(BulletinReminder(row.section, "zero"))
        elif row.behind_quota:
            out.append(BulletinReminder(row.section, "quota", count=row.quota - row.submitted))
    for request in t.requests:
        for section, status in t.request_status[request.id].items():
            if status in ("missed", "late"):
                out.append(BulletinReminder(section, status if status == "missed" else "late_request", request.title))
    for state in t.urgent:
        if state.status in ("late", "overdue"):
            for section in state.report.sections:
                out.append(BulletinReminder(section, f"urgent_{state.status}", state.report.title))
    for incident in t.incidents:
        out.append(BulletinReminder(incident.section, "incident", incident_detail(incident.type, incident.date)))
    return tuple(out)


def people_differences(t: Tally, settings: Settings) -> str:
    """The note under the 个人 table when its totals differ from the 股室 totals, with the reasons that hold
    in this period (counted from its reports and prices, never assumed); "" when they agree.
    """
    people = (sum(p.submitted for p in t.people), float(sum(p.score for p in t.people)))
    sections = (sum(r.submitted for r in t.sections), float(sum(r.score for r in t.sections)))
    if people[0] == sections[0] and number(people[1]) == number(sections[1]):
        return ""
    counts = {
        "unsigned": sum(1 for r in t.reports if not r.authors),
        "joint_sections": sum(1 for r in t.reports if len(r.sections) > 1),
        "joint_authors": sum(1 for r in t.reports if len(r.authors) > 1),
    }
    reasons = [PEOPLE_DIFFERENCES[k].format(n=n) for k, n in counts.items() if n]
    joint_each = any(len(r.sections) > 1 and settings.scoring_at(r.date.date()).joint == "each" for r in t.reports)
    if joint_each:
        reasons.append(PEOPLE_DIFFERENCES["joint_each"])
    if any(r.penalties or r.period for r in t.sections):
        reasons.append(PEOPLE_DIFFERENCES["prices"])
    if any(r.total == "average" for r in t.sections):
        reasons.append(PEOPLE_DIFFERENCES["average"])
    return people_note(people, sections, reasons)


_FITS = {"month": ("month",), "quarter": ("month", "quarter"), "year": ("month", "quarter", "year")}


def pass_rules(period: Period, settings: Settings) -> str:
    """What 达标 means in this period: the ``pass`` rows of the versions in force in it whose unit fits in it,
    described (:func:`portal.words.rules.describe_period`); "" when none.
    """
    versions = [settings.scoring_at(period.start)]
    versions += [v for v in settings.scoring if v.start is not None and period.start < v.start <= period.end]
    rows = [
        row
        for version in versions
        for row in version.period
        if row.effect == "pass" and row.per in _FITS.get(period.kind, ())
    ]
    described = list(dict.fromkeys(describe_period(row) for row in rows))
    return pass_note(described) if described else ""


def totals_of(t: Tally) -> Totals:
    rows = t.sections
    return Totals(
        submitted=sum(r.submitted for r in rows),
        adopted=sum(r.adopted for r in rows),
        adoptions=sum(r.adoptions for r in rows),
        good=sum(r.good for r in rows),
        instructions=sum(r.instructions for r in rows),
        quota=sum(r.quota for r in rows),
    )


def level_counts(t: Tally, scores: Mapping[str, ReportScore]) -> tuple[tuple[str, int], ...]:
    """Adoptions of the period by level, low to high, levels without any left out."""
    levels = dict.fromkeys(LEVELS, 0)
    for report in t.reports:
        for adoption in scores[report.path].adoptions:
            levels[adoption.level] += 1
    return tuple((LEVEL_NAMES[lv], c) for lv, c in levels.items() if c)


def year_to_date(period: Period) -> tuple[Period | None, str]:
    """The running-totals span of a period (None: the period is a year, its own total) and its label."""
    if period.kind == "year":
        return None, WHOLE_YEAR
    span = Period(date(period.start.year, 1, 1), period.end, f"{period.start.year}-YTD-{period.key}")
    return span, running_label(period.start.year, period.end.month)


#: The files a bulletin is downloaded as, besides its page: Word and Excel.
FORMATS = ("docx", "xlsx")


def export_src(period: Period, fmt: str) -> str:
    """Where a bulletin's Word (``docx``) or Excel (``xlsx``) file is published, next to its page."""
    return f"bulletins/{period.key}.{fmt}"


def make_bulletin(
    ev: Evaluation,
    period: Period,
    tally_of: Callable[[Period], Tally] | None = None,
    note: BulletinNote | None = None,
) -> Bulletin:
    """The 通报 of ``period`` (``tally_of`` may cache tallies; default: :func:`portal.figures.tally.tally`), with the
    office's own words, 文号 number and date from ``note`` (``content/bulletins/<period>.md``).
    """
    settings = ev.settings
    count = tally_of or (lambda p: tally(ev, p))
    t = count(period)
    span, ytd_label = year_to_date(period)
    ytd_rows = t.sections if span is None else tally(ev, span).sections
    complete = period.end < ev.as_of.date()
    reminders = reminders_of(t, complete)
    totals = totals_of(t)
    levels = level_counts(t, ev.scores)
    issued = note.issued if note and note.issued else ev.as_of.date()
    pattern = settings.document.number
    return Bulletin(
        organization=ev.settings.organization,
        title=bulletin_title(period.label, period.kind == "year"),
        kind=BULLETIN_KIND[period.kind],
        tally=t,
        totals=totals,
        level_counts=levels,
        ytd={r.section: r for r in ytd_rows},
        ytd_label=ytd_label,
        praise=praise_of(t, settings, reminders),
        praise_text=praise_text_of(t, settings, reminders),
        reminders=reminders,
        alerts=tuple(t.overdue),
        complete=complete,
        period_line=period_line(period.start, period.end, ev.as_of, complete),
        pass_rule=pass_rules(period, settings) if any(r.passed is not None for r in t.sections) else "",
        people_note=people_differences(t, settings),
        lead=summary_sentence(period.label, totals, levels),
        parts=parts_of(t, note.next_steps if note else ""),
        issued=issued,
        number=document_number(pattern, issued.year, note.number if note else None) if pattern else "",
        signer=settings.document.signer or settings.document.masthead or default_signer(settings.organization),
        document=settings.document,
        intro=note.intro if note else "",
        next_steps=note.next_steps if note else "",
    )


def document_number(pattern: str, year: int, n: int | None) -> str:
    """发文字号 from ``示民办〔{year}〕{n}号``; without ``n`` a blank (two full-width spaces) to fill by hand."""
    return pattern.replace("{year}", str(year)).replace("{n}", str(n) if n is not None else "\u3000\u3000")
