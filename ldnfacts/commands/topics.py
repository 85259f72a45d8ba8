"""`ldnfacts topics`: what the fact base holds, counted by topic and standing."""

from __future__ import annotations

import typer

from ldnfacts.options import Color, ColorOpt, DataOpt, FormatOpt, JsonlOpt, JsonOpt, command_help
from ldnfacts.runner import Outcome, Request, run

app = typer.Typer(add_completion=False)


@app.command(
    "topics",
    short_help="The topics, with how many facts each holds.",
    help=command_help(
        ["ldnfacts topics", "ldnfacts topics --json | jq '.[] | {topic, facts}'"],
        "The topics, with how many facts each holds, in total and by standing, and the "
        "conditions the facts are about (`--condition` narrows any fact command to one).",
    ),
)
def topics(
    ctx: typer.Context,
    as_json: JsonOpt = False,
    as_jsonl: JsonlOpt = False,
    output_format: FormatOpt = None,
    color: ColorOpt = Color.auto,
    data: DataOpt = None,
) -> None:
    """Counts by topic and standing."""

    def body(request: Request) -> Outcome:
        from ldnfacts import query
        from ldnfacts.views import TopicList

        counts = query.topics(request.store())
        return Outcome(TopicList(counts, query.condition_totals(counts)))

    run(
        ctx, body, kind="topics", fmt=output_format, as_json=as_json, as_jsonl=as_jsonl, color=color
    )
