"""The domain model: validated settings, reports and requests (frozen)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from functools import cached_property
from typing import Any

from ..words.documents import issue_label
from .names import LEVELS as LEVELS  # defined with the names; many modules import it from here
from .names import Resolver, Unknown
from .reminder_settings import ReminderSettings


def level_rank(level: str) -> int:
    return LEVELS.index(level)


@dataclass(frozen=True)
class Section:
    name: str
    slug: str
    head: str = ""
    quota: int = 0
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    """One row of a version's ``rules`` (SPEC §4.1): a fact, its match keys and one effect."""

    fact: str
    match: Mapping[str, tuple[Any, ...]]  # key -> any of these values
    effect: str  # points | add | times
    value: float | str  # a number, or "given" (points of the adoption itself)


@dataclass(frozen=True)
class Condition:
    """A period row's ``if``: every listed test must hold inside the unit."""

    submitted: tuple[tuple[str, float, tuple[str, ...]], ...] = ()  # (min|below, N, kinds)
    adoption_rate: tuple[str, float] | None = None  # (min|below, R)
    requests: tuple[str, int] | None = None  # (missed|late|not_on_time, min)
    incidents: tuple[tuple[str, ...], int] | None = None  # (types, min); no types: any


@dataclass(frozen=True)
class PeriodRule:
    """One row of a version's ``period`` (SPEC §4.1)."""

    per: str  # month | quarter | year
    effect: str  # base | points | per_missing | zero | pass | no_praise
    value: float = 0
    sections: tuple[str, ...] = ()  # configured names; () = every section
    when: Condition | None = None
    floor: float | None = None
    minimum: int | str | None = None  # a number or "quota"
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScoringVersion:
    """One version of ``extra.portal.scoring``; its defaults live in :data:`portal.figures.scoring.DEFAULTS`."""

    start: date | None
    submitted: float
    adopted: Mapping[str, float]
    adopted_by: Mapping[str, float]
    adoption: str  # highest | sum
    instruction: Mapping[str, float]
    request_late: float
    request_missed: float
    urgent_late: float
    urgent_overdue: float
    rules: tuple[Rule, ...] = ()
    period: tuple[PeriodRule, ...] = ()
    total: str = "sum"  # sum | average
    joint: str = "split"  # split | each


@dataclass(frozen=True)
class DocumentSettings:
    """How a bulletin is issued as a 公文 (``extra.portal.bulletin``): 版头, 署名, 版记."""

    number: str = ""  # 发文字号 pattern with {year} and {n}; "" = none
    masthead: str = ""  # 发文机关标志
    signer: str = ""  # 署名
    copy_to: tuple[str, ...] = ()  # 抄送
    printed_by: str = ""  # 印发机关


@dataclass(frozen=True)
class Periodical:
    """One of the office's own publications (《民政信息》), SPEC §4 ``periodicals``."""

    name: str
    slug: str
    adopter: str  # configured adopter whose adoption an item records
    columns: tuple[str, ...] = ()
    distribution: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (报|送|发, names), in that order
    copies: int | None = None  # （共印N份） in the 版记, when set


@dataclass(frozen=True)
class EditorSettings:
    """``extra.portal.editor``: where the browser editor at ``admin/`` commits (issue 27)."""

    backend: str  # gitlab | gitea | forgejo | local
    repo: str = ""  # owner/name on the forge
    base_url: str = ""  # the forge's root URL (local: decap-server's)
    api_root: str = ""  # the forge's API root (default: base_url + /api/v4 or /api/v1)
    app_id: str = ""  # the OAuth application's client id
    branch: str = "main"


@dataclass(frozen=True)
class Settings:
    """``extra.portal`` after validation (see :mod:`portal.settings.build`)."""

    organization: str
    timezone_name: str
    tz: tzinfo
    urgent_limit_hours: float  # the ``default`` when configured as a map
    sections: tuple[Section, ...]
    adopters: Mapping[str, str]  # name -> level
    scoring: tuple[ScoringVersion, ...]  # sorted by start
    good_min_level: str = "city"
    good_instruction: bool = True
    praise: int = 3
    document: DocumentSettings = field(default_factory=DocumentSettings)
    privacy_id_numbers: str = "error"
    privacy_mobile_numbers: str = "error"
    publish_sitemap: bool = False  # internal by default: no sitemap.xml unless asked for
    kinds: tuple[str, ...] = ()
    incident_types: tuple[str, ...] = ()
    publications: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # adopter -> its publications
    urgent_limits: Mapping[str, float] = field(default_factory=dict)  # severity -> hours (the map form)
    periodicals: tuple[Periodical, ...] = ()
    editor: EditorSettings | None = None  # no admin/ editor unless configured
    require_signed_by: bool = False  # review.require_signed_by: check --review wants a report's 签发
    # Left out of repr (the snapshot's key is the settings' repr): reminders do not change how a file is read, and
    # the calendar's sets of days would print in a different order in every process.
    reminders: ReminderSettings = field(default_factory=ReminderSettings, repr=False)

    def urgent_limit(self, severity: str = "") -> float:
        """Hours an urgent report of this ``severity`` has (``default`` for none)."""
        return self.urgent_limits.get(severity, self.urgent_limit_hours) if severity else self.urgent_limit_hours

    def __post_init__(self) -> None:
        self.names  # noqa: B018 - built with the object, so that it pickles the same (memo keys) whenever asked

    @cached_property
    def names(self) -> Resolver[Section, Periodical]:
        """The one resolver of every name written for a section, adopter, periodical, kind …"""
        return Resolver(
            self.sections,
            self.adopters,
            self.publications,
            self.kinds,
            self.incident_types,
            self.urgent_limits,
            self.periodicals,
        )

    def section(self, name: str) -> Section | None:
        """The section a name or alias resolves to."""
        found = self.names.section(name)
        return None if isinstance(found, Unknown) else found

    def adopter(self, name: str) -> str | None:
        """The configured adopter a typed name resolves to."""
        found = self.names.adopter(name)
        return None if isinstance(found, Unknown) else found

    def periodical(self, name: str) -> Periodical | None:
        """The configured periodical a typed name resolves to."""
        found = self.names.periodical(name)
        return None if isinstance(found, Unknown) else found

    def section_names(self) -> list[str]:
        return self.names.section_names()

    def scoring_at(self, day: date) -> ScoringVersion:
        """The version with the latest ``from`` on or before ``day``; else the earliest."""
        current = self.scoring[0]
        for version in self.scoring:
            if version.start is None or version.start <= day:
                current = version
        return current


@dataclass(frozen=True)
class Adoption:
    by: str  # configured adopter name
    level: str
    date: datetime | None = None
    form: str = ""
    line: int = field(default=0, compare=False)  # where its date is written, for messages
    where: str = field(default="", compare=False)
    publication: str = ""  # the ``in`` key: one of the adopter's publications
    route: str = "直报"  # 直报 | 转报
    points: float | None = None  # the score the adopting body gave (``points: given``)


@dataclass(frozen=True)
class Instruction:
    by: str
    level: str
    date: datetime | None = None
    note: str = ""
    line: int = field(default=0, compare=False)
    where: str = field(default="", compare=False)


@dataclass(frozen=True)
class Report:
    path: str  # relative to the site root (where mkdocs.yml is)
    src_uri: str  # relative to docs_dir
    title: str
    section: str  # configured section name (the first one of a joint report)
    date: datetime
    author: str = ""  # the first author, "" when none
    adoptions: tuple[Adoption, ...] = ()
    instructions: tuple[Instruction, ...] = ()
    urgent: bool = False
    event_time: datetime | None = None
    reported_time: datetime | None = None
    request: str = ""
    tags: tuple[str, ...] = ()
    draft: bool = False
    classification: str = "内部"
    body: str = ""  # Markdown, personal data masked when configured
    sections: tuple[str, ...] = ()  # every section of a joint report (合报); () = (section,)
    authors: tuple[str, ...] = ()  # every author; () = (author,) when author is set
    kind: str = ""
    severity: str = ""
    media: tuple[str, ...] = ()  # "image" / "video" when the body embeds one
    signed_by: str = ""  # who 签发ed it (the section head), when written

    def __post_init__(self) -> None:
        if not self.sections:
            object.__setattr__(self, "sections", (self.section,))
        if not self.authors and self.author:
            object.__setattr__(self, "authors", (self.author,))


@dataclass(frozen=True)
class Incident:
    """An office's record of a finding against a section (SPEC §3.4)."""

    path: str
    src_uri: str
    section: str  # configured section name
    date: datetime
    type: str
    report: str = ""  # src_uri of the report concerned
    draft: bool = False
    body: str = ""


@dataclass(frozen=True)
class Request:
    id: str
    path: str
    src_uri: str
    title: str
    issued: date
    deadline: date
    sections: tuple[str, ...]  # configured section names asked, config order
    body: str = ""
    draft: bool = False  # checked, never published nor asked (see Content.drafts)


@dataclass(frozen=True)
class BulletinNote:
    """The office's own words for one bulletin (``bulletins/<period>.md``, read by :mod:`portal.content.notes`)."""

    period: str  # the period key, from the file name
    path: str
    src_uri: str
    number: int | None = None  # n of the 发文字号
    issued: date | None = None  # 成文日期
    intro: str = ""  # Markdown
    next_steps: str = ""  # Markdown (下一步工作要求)


@dataclass(frozen=True)
class IssueItem:
    report: str  # src_uri of the report (relative to the content dir)
    column: str = ""
    line: int = field(default=0, compare=False)  # where it is written, for messages
    where: str = field(default="", compare=False)  # items[2] or items[2].report


@dataclass(frozen=True)
class Issue:
    """One issue of a periodical (SPEC §3.5): 《民政信息》2026年第12期（总第156期）."""

    path: str
    src_uri: str
    publication: str  # configured periodical name
    number: int
    date: date
    items: tuple[IssueItem, ...]
    total: int | None = None
    editor: str = ""
    signer: str = ""
    body: str = ""
    draft: bool = False  # checked, never published nor counted (see Content.drafts)

    @property
    def label(self) -> str:
        return issue_label(self.publication, self.date.year, self.number)


@dataclass(frozen=True)
class Content:
    """Everything read from the content folder; ``files`` counts what was read."""

    reports: tuple[Report, ...]
    requests: tuple[Request, ...]
    files: int = 0
    incidents: tuple[Incident, ...] = ()
    landing: Mapping[str, str] = field(default_factory=dict)  # src_uri -> checked, masked Markdown body
    notes: Mapping[str, BulletinNote] = field(default_factory=dict)  # period key -> the office's words
    issues: tuple[Issue, ...] = ()  # periodical issues, by publication, date, number
    drafts: tuple[Request | Issue, ...] = ()  # draft requests and issues: left out of the above, never published
