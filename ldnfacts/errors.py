"""Exit statuses, and the problems a fact file can have.

Exit statuses follow grep and ripgrep, so shell scripts can branch on them:
0 facts found, 1 nothing matched, 2 usage error, 3 a fact file that is missing,
unreadable or invalid, 70 internal error (a bug), 130 interrupted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import TextIO


class ExitCode(IntEnum):
    FOUND = 0
    NO_MATCH = 1
    USAGE = 2
    DATA = 3
    #: A bug: sysexits.h's EX_SOFTWARE. Kept apart from 1 so that `ldnfacts search x ||
    #: echo none` never reads a crash as "nothing matched" (grep, too, exits 2 on trouble,
    #: but 2 is already Click's usage error here).
    INTERNAL = 70
    INTERRUPTED = 130


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a fact file, located precisely enough to fix it."""

    file: str
    line: int | None
    column: int | None
    field: str
    message: str
    hint: str = ""
    severity: str = "error"

    def location(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self) -> str:
        """`file:line:col: error: field: message (hint: ...)` as compilers and linters write it."""
        field = f"{self.field}: " if self.field else ""
        hint = self.hint.rstrip(".")
        hint = f" Hint: {hint[:1].upper()}{hint[1:]}." if hint else ""
        return f"{self.location()}: {self.severity}: {field}{self.message}.{hint}"

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint or None,
        }


class DataError(Exception):
    """The fact base cannot be used: exit status 3, with every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(problems[0].format() if problems else "invalid fact base")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def report_crash(stderr: TextIO, error: BaseException, environ: Mapping[str, str]) -> int:
    """One line on what failed and how to report it; the traceback with LDNFACTS_DEBUG=1.

    Local variables are never printed: they may hold a user's data.
    """
    if environ.get("LDNFACTS_DEBUG"):
        import traceback

        traceback.print_exception(type(error), error, error.__traceback__, file=stderr)
    summary = " ".join(f"{type(error).__name__}: {error}".split())[:300]
    stderr.write(
        f"ldnfacts: internal error ({summary}). This is a bug: please report it with "
        "the command you ran and the output of LDNFACTS_DEBUG=1 (see README, "
        "'Reporting a bug').\n"
    )
    stderr.flush()
    return ExitCode.INTERNAL
