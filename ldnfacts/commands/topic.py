"""The topic commands: `dose`, `mechanism`, `approval`, `symptom`, `safety`.

One function makes all five: they differ only in their topic, help and examples.
"""

from collections.abc import Callable

import typer

from ldnfacts.commands.listing import list_facts
from ldnfacts.model import TOPIC_ALIASES, TOPICS
from ldnfacts.options import (
    ConditionOpt,
    LimitOpt,
    StatusOpt,
    TermsArg,
    command_help,
    conditions,
    statuses,
)
from ldnfacts.query import Query
from ldnfacts.runner import Body, Outcome, Request, command

#: One app per topic, so that running `dose` builds only `dose` (see `app.LazyGroup`).
apps = {topic: typer.Typer(add_completion=False) for topic in TOPICS}

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


def _listing(topic: str) -> Callable[..., Body]:
    """The command of one topic: its terms and filters, as a body that lists its facts."""

    def listing(
        terms: TermsArg = None,
        status: StatusOpt = None,
        condition: ConditionOpt = None,
        limit: LimitOpt = None,
    ) -> Body:
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

        return body

    return listing


for _topic in TOPICS:
    command(
        apps[_topic], _topic, kind="facts", help=_help(_topic), short_help=f"{TOPICS[_topic]}."
    )(_listing(_topic))
