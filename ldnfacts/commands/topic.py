"""The topic commands: `dose`, `mechanism`, `approval`, `symptom`, `safety`.

One function makes all five: they differ only in their topic, help and examples.
"""

from __future__ import annotations

from collections.abc import Callable

import typer

from ldnfacts.commands.listing import list_facts
from ldnfacts.model import TOPIC_ALIASES, TOPICS
from ldnfacts.options import (
    Color,
    ColorOpt,
    ConditionOpt,
    DataOpt,
    FormatOpt,
    JsonlOpt,
    JsonOpt,
    LimitOpt,
    StatusOpt,
    TermsArg,
    command_help,
    conditions,
    statuses,
)
from ldnfacts.query import Query
from ldnfacts.runner import Outcome, Request, run

app = typer.Typer(add_completion=False)

_EXAMPLES = {
    "dose": ["ldnfacts dose", "ldnfacts dose 4.5 --json", "ldnfacts dose --status supported"],
    "mechanism": [
        "ldnfacts mechanism microglia",
        "ldnfacts mechanism endorphin --status claimed",
        "ldnfacts mechanism --json | jq -r '.[].claim'",
    ],
    "approval": [
        "ldnfacts approval",
        "ldnfacts history fda --format markdown",
        "ldnfacts approval --jsonl | jq -r '[.date, .claim] | @tsv'",
    ],
    "symptom": [
        "ldnfacts symptom fatigue",
        "ldnfacts symptoms pain --status contested",
        "ldnfacts symptom fibro --limit 5",
    ],
    "safety": ["ldnfacts safety", "ldnfacts safety opioid", "ldnfacts safety dreams --json"],
}


def _help(topic: str) -> str:
    aliases = [alias for alias, target in TOPIC_ALIASES.items() if target == topic]
    also = f" Also: `ldnfacts {', '.join(aliases)}`." if aliases else ""
    order = " Printed in date order." if topic == "approval" else ""
    return command_help(
        _EXAMPLES[topic],
        f"{TOPICS[topic]}.{order} Terms narrow the list; every term must match the claim, "
        f"tags or note (filler words are ignored).{also}",
    )


def _command(topic: str) -> Callable[..., None]:
    def command(
        ctx: typer.Context,
        terms: TermsArg = None,
        status: StatusOpt = None,
        condition: ConditionOpt = None,
        limit: LimitOpt = None,
        as_json: JsonOpt = False,
        as_jsonl: JsonlOpt = False,
        output_format: FormatOpt = None,
        color: ColorOpt = Color.auto,
        data: DataOpt = None,
    ) -> None:
        query = Query(
            topic=topic,
            terms=tuple(terms or ()),
            statuses=statuses(status),
            conditions=conditions(condition),
            limit=limit,
            explain=False,
        )

        def body(request: Request) -> Outcome:
            return list_facts(request, query, " ".join([topic, *query.terms]))

        run(
            ctx,
            body,
            kind="facts",
            fmt=output_format,
            as_json=as_json,
            as_jsonl=as_jsonl,
            color=color,
        )

    return command


for _topic in TOPICS:
    app.command(_topic, help=_help(_topic), short_help=f"{TOPICS[_topic]}.")(_command(_topic))
