"""Findings: what a check found wrong with an editor's file, and how to say it."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Level(enum.Enum):
    """How serious a finding is: errors fail the build, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one file, with the fix an editor can apply."""

    path: str
    line: int | None
    field: str | None
    code: str
    message: str
    fix: str = ""
    level: Level = Level.ERROR

    def render(self) -> str:
        """`path:line: field: message — fix`, the form editors and their tools read."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        text = f"{where}: {what}"
        return f"{text} — {self.fix}" if self.fix else text

    def with_path(self, path: str) -> Finding:
        """The same finding reported against `path` (e.g. with the docs folder prefixed)."""
        return Finding(path, self.line, self.field, self.code, self.message, self.fix, self.level)


def errors(findings: list[Finding]) -> list[Finding]:
    """Only the findings that fail a build."""
    return [f for f in findings if f.level is Level.ERROR]


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Stable, reader-friendly order: by file, then line."""
    return sorted(findings, key=lambda f: (f.path, f.line or 0, f.code))
