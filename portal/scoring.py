"""Points of one report and whether it is a good report (好信息) (SPEC §5).

A report is scored under the scoring version in force at its own date, also
for adoptions and instructions that come later; they count in the report's
period.  Anything dated after ``as_of`` does not exist yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .model import Adoption, Instruction, Report, Settings, level_rank


def exists(report: Report, as_of: datetime) -> bool:
    """Counted at ``as_of``: not a draft and submitted by then."""
    return not report.draft and report.date <= as_of


def adoptions_at(report: Report, as_of: datetime) -> tuple[Adoption, ...]:
    """Undated adoptions exist as soon as their report does."""
    return tuple(a for a in report.adoptions if a.date is None or a.date <= as_of)


def instructions_at(report: Report, as_of: datetime) -> tuple[Instruction, ...]:
    return tuple(i for i in report.instructions if i.date is None or i.date <= as_of)


@dataclass(frozen=True)
class ReportScore:
    points: float
    adoptions: tuple[Adoption, ...]
    instructions: tuple[Instruction, ...]
    good: bool

    @property
    def adopted(self) -> bool:
        return bool(self.adoptions)

    @property
    def top_level(self) -> str | None:
        """The highest level this report was adopted at, if any."""
        if not self.adoptions:
            return None
        return max((a.level for a in self.adoptions), key=level_rank)


def score_report(report: Report, settings: Settings, as_of: datetime) -> ReportScore:
    """``points = submitted + adoption + Σ instruction[level]`` at ``as_of``."""
    version = settings.scoring_at(report.date.date())
    adoptions = adoptions_at(report, as_of)
    instructions = instructions_at(report, as_of)
    values = [
        version.adopted_by[a.by] if a.by in version.adopted_by else version.adopted.get(a.level, 0) for a in adoptions
    ]
    if not values:
        adoption: float = 0
    elif version.adoption == "sum":
        adoption = sum(values)
    else:
        adoption = max(values)
    points = version.submitted + adoption + sum(version.instruction.get(i.level, 0) for i in instructions)
    floor = level_rank(settings.good_min_level)
    good = any(level_rank(a.level) >= floor for a in adoptions) or (settings.good_instruction and bool(instructions))
    return ReportScore(points, adoptions, instructions, good)
