"""`ldnfacts evidence` (also `trials`): the studies side by side."""

from __future__ import annotations

from typing import Annotated

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
    complete_conditions,
    conditions,
)
from ldnfacts.runner import Outcome, Request, run

app = typer.Typer(add_completion=False)


@app.command(
    "evidence",
    short_help="The fibromyalgia trials and reviews side by side.",
    help=command_help(
        [
            "ldnfacts evidence",
            "ldnfacts evidence --condition ms",
            "ldnfacts trials --json | jq -r '.[] | [.study.year, .study.name, .study.verdict] | "
            "@tsv'",
        ],
        "The studies of one condition side by side (fibromyalgia unless --condition says "
        "otherwise): year, design, participants, dose, result and verdict, with each effect and "
        "its interval drawn on a terminal. Also: `ldnfacts trials`.",
    ),
)
def evidence(
    ctx: typer.Context,
    condition: Annotated[
        str,
        typer.Option(
            "--condition",
            "-c",
            metavar="CONDITION",
            help="Studies of this condition (fibromyalgia, ms, long covid, crohns-disease...);"
            " `all` for every condition.",
            autocompletion=complete_conditions,
        ),
    ] = "fibromyalgia",
    limit: LimitOpt = None,
    as_json: JsonOpt = False,
    as_jsonl: JsonlOpt = False,
    output_format: FormatOpt = None,
    color: ColorOpt = Color.auto,
    data: DataOpt = None,
) -> None:
    """Facts that carry structured study results."""
    chosen = None if condition.strip().lower() == "all" else conditions([condition])[0]

    def body(request: Request) -> Outcome:
        from ldnfacts import query
        from ldnfacts.views import StudyList

        studies = query.evidence(request.store(), limit, chosen)
        if not studies:
            about = f" about {chosen}" if chosen else ""
            return Outcome(
                StudyList([], chosen),
                ExitCode.NO_MATCH,
                [f"no fact{about} in this base carries study results"],
            )
        return Outcome(StudyList(studies, chosen))

    run(
        ctx,
        body,
        kind="studies",
        fmt=output_format,
        as_json=as_json,
        as_jsonl=as_jsonl,
        color=color,
    )
