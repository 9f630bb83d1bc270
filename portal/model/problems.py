"""Problems are values: collected, never raised, printed from one place."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..words.messages import WARNING_PREFIX, say

Severity = Literal["error", "warning"]


class Wrong:
    """What a check returns instead of a value: ``message`` says, in Chinese, what is wrong and the fix.

    A check never raises; its caller adds the place (file, line, field or key path) and reports it.
    """

    @property
    def message(self) -> str:
        raise NotImplementedError

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class WrongValue(Wrong):
    """A value that is not what its place wants (not a number, not a whole number, no text…)."""

    text: str

    @property
    def message(self) -> str:
        return self.text


@dataclass(frozen=True, order=True)
class Problem:
    """One finding about one file: ``path:line: field: message``."""

    path: str
    line: int
    field: str
    message: str
    severity: Severity = "error"

    def format(self) -> str:
        prefix = WARNING_PREFIX if self.severity == "warning" else ""
        return f"{prefix}{self.path}:{self.line}: {self.field}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass
class Problems:
    """Collector of problems; ``add`` never raises."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int, fieldname: str, message: str) -> None:
        self.items.append(Problem(path, line, fieldname, message))

    def warning(self, path: str, line: int, fieldname: str, message: str) -> None:
        self.items.append(Problem(path, line, fieldname, message, "warning"))

    def extend(self, other: list[Problem]) -> None:
        self.items.extend(other)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if not p.is_error]

    def sorted(self) -> list[Problem]:
        """Deduplicated and in file/line order, so every problem prints once."""
        return sorted(set(self.items), key=lambda p: (p.path, p.line, p.field, p.message))

    def __bool__(self) -> bool:
        return bool(self.errors)


def summary(problems: list[Problem], files: int) -> str:
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    return say("check.summary", files=files, errors=errors, warnings=warnings)
