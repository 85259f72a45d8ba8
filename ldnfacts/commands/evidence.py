"""`ldnfacts evidence` (also `trials`): the studies side by side."""

from __future__ import annotations

import typer

from ldnfacts.errors import ExitCode
from ldnfacts.options import (
    Color,
    ColorOpt,
    DataOpt,
    FormatOpt,
    JsonlOpt,
    JsonOpt,
    LimitOpt,
    command_help,
)
from ldnfacts.runner import Outcome, Request, run

app = typer.Typer(add_completion=False)


@app.command(
    "evidence",
    short_help="The fibromyalgia trials and reviews side by side.",
    help=command_help(
        [
            "ldnfacts evidence",
            "ldnfacts trials --json | jq -r '.[] | [.study.year, .study.name, .study.verdict] | "
            "@tsv'",
        ],
        "The fibromyalgia and chronic-pain studies side by side: year, design, participants, dose,"
        " result and verdict, with each effect and its interval drawn on a terminal. Also: "
        "`ldnfacts trials`.",
    ),
)
def evidence(
    ctx: typer.Context,
    limit: LimitOpt = None,
    as_json: JsonOpt = False,
    as_jsonl: JsonlOpt = False,
    output_format: FormatOpt = None,
    color: ColorOpt = Color.auto,
    data: DataOpt = None,
) -> None:
    """Facts that carry structured study results."""

    def body(request: Request) -> Outcome:
        from ldnfacts import query
        from ldnfacts.views import StudyList

        studies = query.evidence(request.store(), limit)
        if not studies:
            return Outcome(
                StudyList([], None),
                ExitCode.NO_MATCH,
                ["no fact in this base carries study results"],
            )
        return Outcome(StudyList(studies, None))

    run(
        ctx,
        body,
        kind="studies",
        fmt=output_format,
        as_json=as_json,
        as_jsonl=as_jsonl,
        color=color,
    )
