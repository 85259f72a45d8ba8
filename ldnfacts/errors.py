"""Exit statuses, and the problems a fact file can have.

Exit statuses follow grep and ripgrep, so shell scripts can branch on them:
0 facts found, 1 nothing matched, 2 usage error, 3 a fact file that is missing,
unreadable or invalid, 70 internal error (a bug), 130 interrupted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum
from typing import NamedTuple, TextIO


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


class Problem(NamedTuple):
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

    def __init__(self, problems: list[Problem], files: Sequence[str] = ()) -> None:
        self.problems = problems
        #: Every fact file in use when the problems were found, for the hint to validate.
        self.files = list(files)
        super().__init__(problems[0].format() if problems else "invalid fact base")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


#: Query commands print at most this many problems of a fact base they cannot use.
PROBLEMS_SHOWN = 10


def validate_command(files: Sequence[str]) -> str:
    """The `ldnfacts validate` command that checks `files` as the failing command reads
    them: together, so that references between them resolve."""
    import shlex

    return "ldnfacts validate " + " ".join(shlex.quote(f) for f in files)


def capped_report(
    problems: Sequence[Problem], files: Sequence[str], limit: int = PROBLEMS_SHOWN
) -> list[str]:
    """The lines a query command prints for a fact base it cannot use: a count, at most
    `limit` problems, and how many more there are with the command that lists them all.

    `files` are all the files in use (not only those with problems): `validate` then
    checks them as the command read them, and reports no false errors for references
    into another file.
    """
    errors = [p for p in problems if p.severity == "error"] or list(problems)
    faulty = list(dict.fromkeys(p.file for p in errors))
    lines = [
        f"cannot use the fact base: {len(errors):,} problem{'s' if len(errors) != 1 else ''} "
        f"in {', '.join(faulty)}"
    ]
    lines.extend(f"  {p.format()}" for p in errors[:limit])
    if len(errors) > limit:
        lines.append(
            f"and {len(errors) - limit:,} more: run `{validate_command(files or faulty)}` "
            "for the full list"
        )
    return lines


def listing(problems: Sequence[Problem], limit: int | None) -> tuple[list[Problem], str]:
    """For `ldnfacts validate --max N`: the first `limit` problems (all when None), and
    a line counting the rest ("" when none were left out)."""
    if limit is None or len(problems) <= limit:
        return list(problems), ""
    rest = len(problems) - limit
    return list(problems[:limit]), f"and {rest:,} more: run without --max to list them all"


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
