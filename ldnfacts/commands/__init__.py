"""The commands, one module per group, each loaded only when it runs.

`COMMANDS` maps a command name to the module that defines it; adding a command is one new
module (a `typer.Typer` named `app` holding the command; a module of several commands has
`apps`, one per command name, so only the one run is built) and one line here. Aliases are
other names for the same command, hidden from the command list.

The command modules (and `app`, for the global options) do not use `from __future__ import
annotations`: Typer reads a command's parameters from its annotations, and annotations kept
as strings would be compiled from source on every run to be read (some 2.5 million
instructions for `check`); evaluated when the module is, they come from its compiled file.
"""

from __future__ import annotations

from ldnfacts.model import TOPIC_ALIASES

#: Command name -> module under `ldnfacts.commands`, in the order `--help` lists them.
COMMANDS: dict[str, str] = {
    "dose": "topic",
    "mechanism": "topic",
    "approval": "topic",
    "symptom": "topic",
    "safety": "topic",
    "search": "search",
    "show": "show",
    "evidence": "evidence",
    "check": "check",
    "sources": "sources",
    "topics": "topics",
    "validate": "validate",
    "paths": "paths",
}

#: Other names commands answer to; hidden from the command list.
ALIASES: dict[str, str] = {**TOPIC_ALIASES, "trials": "evidence"}
