"""`ldnfacts topics`: what the fact base holds, counted by topic and standing."""

import typer

from ldnfacts.options import command_help
from ldnfacts.runner import Body, Outcome, Request, command

app = typer.Typer(add_completion=False)


@command(
    app,
    "topics",
    kind="topics",
    short_help="The topics, with how many facts each holds.",
    help=command_help(
        ["ldnfacts topics", "ldnfacts topics --json | jq '.[] | {topic, facts}'"],
        "The topics, with how many facts each holds, in total and by standing, and the "
        "conditions the facts are about (`--condition` narrows any fact command to one).",
    ),
)
def topics() -> Body:
    """Counts by topic and standing."""

    def body(request: Request) -> Outcome:
        from ldnfacts import listings
        from ldnfacts.views import TopicList

        counts = listings.topics(request.store())
        return Outcome(TopicList(counts, listings.condition_totals(counts)))

    return body
