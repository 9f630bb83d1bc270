"""The domain model: validated settings, reports and requests (frozen)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from .names import normalize

LEVELS: tuple[str, ...] = ("bureau", "county", "city", "province", "national")


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
class ScoringVersion:
    start: date | None
    submitted: float = 1
    adopted: Mapping[str, float] = field(default_factory=dict)
    adopted_by: Mapping[str, float] = field(default_factory=dict)
    adoption: str = "highest"  # highest | sum
    instruction: Mapping[str, float] = field(default_factory=dict)
    request_late: float = -5
    request_missed: float = -10
    urgent_late: float = -5
    urgent_overdue: float = -10


@dataclass(frozen=True)
class Settings:
    """``extra.portal`` after validation (see :mod:`portal.config`)."""

    organization: str
    timezone_name: str
    tz: tzinfo
    urgent_limit_hours: float
    sections: tuple[Section, ...]
    adopters: Mapping[str, str]  # name -> level
    scoring: tuple[ScoringVersion, ...]  # sorted by start
    good_min_level: str = "city"
    good_instruction: bool = True
    praise: int = 3
    privacy_id_numbers: str = "error"
    privacy_mobile_numbers: str = "error"
    publish_sitemap: bool = False  # internal by default: no sitemap.xml unless asked for

    def __post_init__(self) -> None:
        lookup: dict[str, Section] = {}
        for section in self.sections:
            for name in (section.name, *section.aliases):
                lookup[normalize(name)] = section
        object.__setattr__(self, "_sections", lookup)
        object.__setattr__(self, "_adopters", {normalize(n): n for n in self.adopters})

    def section(self, name: str) -> Section | None:
        """The section a name or alias resolves to."""
        found: dict[str, Section] = self._sections  # type: ignore[attr-defined]
        return found.get(normalize(name))

    def adopter(self, name: str) -> str | None:
        """The configured adopter a typed name resolves to."""
        found: dict[str, str] = self._adopters  # type: ignore[attr-defined]
        return found.get(normalize(name))

    def section_names(self) -> list[str]:
        return [name for s in self.sections for name in (s.name, *s.aliases)]

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
    section: str  # configured section name
    date: datetime
    author: str = ""
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


@dataclass(frozen=True)
class Content:
    """Everything read from the content folder; ``files`` counts what was read."""

    reports: tuple[Report, ...]
    requests: tuple[Request, ...]
    files: int = 0
    landing: Mapping[str, str] = field(default_factory=dict)  # src_uri -> checked, masked Markdown body
