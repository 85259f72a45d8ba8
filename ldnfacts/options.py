"""The options every command shares, their completions, and how their values are read.

Declared once here and listed in each command's signature, so `--format`, `--json`,
`--color`, `--data`, `--status` and `--condition` mean the same thing everywhere.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ldnfacts.model import STATUSES
from ldnfacts.render import FORMATS

if TYPE_CHECKING:
    from ldnfacts.store import FactStore

#: Every output format the registry knows; a command rejects the ones it cannot show.
Format = enum.Enum("Format", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]


class Color(str, enum.Enum):
    auto = "auto"
    always = "always"
    never = "never"


def _store_for_completion(ctx: typer.Context | None) -> FactStore | None:
    """The index as it is, for a completion: never rebuilt, never an error in the shell."""
    from ldnfacts import paths
    from ldnfacts.store import open_existing

    try:
        return open_existing(paths.data_paths(data_option(ctx), os.environ), os.environ)
    except Exception:  # a completion must never print an error into the shell
        return None


def data_option(ctx: typer.Context | None) -> list[str] | None:
    """`--data` given to the command, else before it (`ldnfacts --data F search x`)."""
    context: Any = ctx
    while context is not None:
        data = context.params.get("data")
        if data:
            return list(data)
        context = context.parent
    return None


def complete_terms(ctx: typer.Context, incomplete: str) -> list[str]:
    """Words of the base beginning with what is typed; for a topic command, only words of
    that topic, since its terms must all match there."""
    from ldnfacts.model import TOPIC_ALIASES, TOPICS
    from ldnfacts.words import fold

    store = _store_for_completion(ctx)
    if store is None:
        return []
    name = ctx.info_name if ctx is not None else None
    topic = TOPIC_ALIASES.get(name or "", name)
    try:
        return store.words_starting(fold(incomplete), topic if topic in TOPICS else None)
    except Exception:  # a stale or damaged index: offer nothing, never an error in the shell
        return []


def complete_fact_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    store = _store_for_completion(ctx)
    try:
        return store.ids_starting(incomplete) if store else []
    except Exception:  # as above
        return []


def complete_statuses(incomplete: str) -> list[tuple[str, str]]:
    return [(s, meaning) for s, meaning in STATUSES.items() if s.startswith(incomplete)]


def complete_kinds(incomplete: str) -> list[str]:
    from ldnfacts.model import schema_enum

    return [kind for kind in schema_enum("source", "kind") if kind.startswith(incomplete)]


def complete_conditions(incomplete: str) -> list[str]:
    from ldnfacts.model import CONDITIONS

    return [c for c in CONDITIONS if c.startswith(incomplete)]


def conditions(values: Sequence[str] | None) -> tuple[str, ...]:
    """Conditions as people type them (`MS`, `long covid`, `crohns-disease`), as the fact
    files name them; an unknown one is a usage error that lists the known ones."""
    from ldnfacts.listings import condition_key
    from ldnfacts.model import CONDITIONS

    typed = [v.strip() for value in values or () for v in value.split(",") if v.strip()]
    keys = [condition_key(value) for value in typed]
    return choices(keys, list(CONDITIONS), "--condition")


def choices(values: Sequence[str] | None, known: Sequence[str], option: str) -> tuple[str, ...]:
    """Values given repeatedly or comma-separated, each checked against `known`."""
    chosen = [v.strip().lower() for value in values or () for v in value.split(",") if v.strip()]
    for value in chosen:
        if value not in known:
            import difflib

            close = difflib.get_close_matches(value, list(known), n=1)
            hint = f" Did you mean {close[0]}?" if close else ""
            raise typer.BadParameter(
                f"unknown value {value!r}; use one of {', '.join(known)}.{hint}",
                param_hint=option,
            )
    return tuple(dict.fromkeys(chosen))


def statuses(values: Sequence[str] | None) -> tuple[str, ...]:
    return choices(values, list(STATUSES), "--status")


TermsArg = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[TERM]...",
        help="Words that narrow the list: every one must match (filler words are ignored; "
        "`approved` finds `approval`, `microglia` finds `microglial`).",
        show_default=False,
        autocompletion=complete_terms,
    ),
]
StatusOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        "-s",
        metavar="STANDING",
        show_default=False,
        help="Only facts with this standing (established, supported, claimed, contested, "
        "disputed); repeat it or separate with commas.",
        autocompletion=complete_statuses,
    ),
]
ConditionOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--condition",
        "-c",
        metavar="CONDITION",
        show_default=False,
        help="Only facts about this condition (fibromyalgia, ms, long covid, crohns-disease...);"
        " repeat it or separate with commas. `ldnfacts topics` counts them.",
        autocompletion=complete_conditions,
    ),
]
LimitOpt = Annotated[
    int | None,
    typer.Option(
        "--limit", "-n", min=1, metavar="N", show_default=False, help="Print at most N results."
    ),
]
JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print a JSON array (same as --format json).")
]
JsonlOpt = Annotated[
    bool, typer.Option("--jsonl", help="Print one JSON object per line (same as --format jsonl).")
]
FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        show_default=False,
        help="Output format. Default: table on a terminal, plain in a pipe. csl-json and bibtex "
        "cite the sources of what is shown.",
    ),
]
ColorOpt = Annotated[
    Color,
    typer.Option(
        "--color",
        case_sensitive=False,
        help="Colour: auto (on a terminal, unless NO_COLOR is set), always or never.",
    ),
]
DataOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--data",
        "-d",
        metavar="PATH",
        show_default=False,
        help="Read this fact file instead of the bundled one; repeat for several. "
        "LDNFACTS_DATA does the same. May also come before the command.",
    ),
]


def command_help(examples: list[str], description: str) -> str:
    """Help that leads with examples, as tldr pages do: people copy an example first.

    The leading `\\b` keeps the example lines as they are (Click's no-rewrap marker), with
    no blank line between the heading and them; `[` is escaped from Rich markup.
    """
    block = "\n".join(example.replace("[", "\\[") for example in examples)
    return f"\bExamples:\n{block}\n\n{description}"
