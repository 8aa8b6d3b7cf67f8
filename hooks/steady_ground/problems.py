"""Problems found in content or settings, reported as file:line: field: message."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class ContentError(Exception):
    """Raised once, after every file was checked, with all problems found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = f"The guide has {count} problem{'s' if count != 1 else ''} to fix before it can be built:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])
