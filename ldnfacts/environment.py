"""The streams a command writes to, and what they are connected to.

As in httpie, commands never look at `sys.stdout` or the environment themselves: they get an
`Environment`, so tests can hand them a terminal or a pipe and check what each receives.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TextIO

#: Terminals known to print OSC 8 hyperlink sequences as garbage.
_NO_HYPERLINKS = ("linux", "dumb")

#: `--color` choices.
COLOR_CHOICES = ("auto", "always", "never")


class Environment:
    """Where output goes, and how it is read: a terminal or a pipe, colour, width."""

    __slots__ = ("color", "environ", "hyperlinks", "is_terminal", "stderr", "stdout", "width")

    def __init__(
        self,
        stdout: TextIO,
        stderr: TextIO,
        is_terminal: bool,
        color: bool,
        width: int | None,
        environ: Mapping[str, str],
        hyperlinks: bool = False,
    ) -> None:
        self.stdout = stdout
        self.stderr = stderr
        #: stdout is a terminal: a person is reading, so tables, colour and the footer.
        self.is_terminal = is_terminal
        self.color = color
        #: Columns for terminal renderings; None lets Rich ask the terminal.
        self.width = width
        self.environ = environ
        #: Links may be made clickable (OSC 8): a colour terminal that is not the Linux
        #: console.
        self.hyperlinks = hyperlinks

    def writing_to(self, stdout: TextIO, width: int | None) -> Environment:
        """The same environment with output going to `stdout`, `width` columns wide."""
        return Environment(
            stdout,
            self.stderr,
            self.is_terminal,
            self.color,
            width,
            self.environ,
            self.hyperlinks,
        )

    @classmethod
    def detect(
        cls,
        color: str = "auto",
        environ: Mapping[str, str] | None = None,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
    ) -> Environment:
        """The real process's streams, written as UTF-8 whatever the locale.

        Text that cannot be encoded (a stray surrogate from an undecodable argument) is
        written as a backslash escape instead of crashing.
        """
        environ = os.environ if environ is None else environ
        stdout = stdout or sys.stdout
        stderr = stderr or sys.stderr
        for stream in (stdout, stderr):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(encoding="utf-8", errors="backslashreplace")
        is_terminal = _isatty(stdout)
        colored = wants_color(color, is_terminal, environ)
        return cls(
            stdout=stdout,
            stderr=stderr,
            is_terminal=is_terminal,
            color=colored,
            width=None if is_terminal else _columns(environ),
            environ=environ,
            hyperlinks=is_terminal and colored and environ.get("TERM") not in _NO_HYPERLINKS,
        )

    def out(self, text: str) -> None:
        """Write data to stdout."""
        self.stdout.write(text)

    def message(self, text: str) -> None:
        """Write a message for the person at the terminal to stderr, after any data
        already written, so that `2>&1` keeps the two in order."""
        self.stdout.flush()
        self.stderr.write(f"ldnfacts: {text}\n")
        self.stderr.flush()


def wants_color(choice: str, is_terminal: bool, environ: Mapping[str, str]) -> bool:
    """`--color always|never` wins; `auto` colours a terminal unless NO_COLOR or TERM=dumb."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    return is_terminal and not environ.get("NO_COLOR") and environ.get("TERM") != "dumb"


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _columns(environ: Mapping[str, str]) -> int:
    """Width for a table written to a pipe: $COLUMNS if set, else wide enough not to wrap
    most claims (Rich would otherwise wrap at 80)."""
    try:
        return max(40, int(environ.get("COLUMNS", "")))
    except ValueError:
        return 160
