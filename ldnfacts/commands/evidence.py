"""`ldnfacts evidence` (also `trials`): the studies side by side."""

from typing import Annotated

import typer

from ldnfacts.errors import ExitCode
from ldnfacts.options import (
    LimitOpt,
    command_help,
    complete_conditions,
    conditions,
)
from ldnfacts.runner import Body, Outcome, Request, command

app = typer.Typer(add_completion=False)


@command(
    app,
    "evidence",
    kind="studies",
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
) -> Body:
    """Facts that carry structured study results."""
    chosen = None if condition.strip().lower() == "all" else conditions([condition])[0]

    def body(request: Request) -> Outcome:
        from ldnfacts import listings
        from ldnfacts.views import StudyList

        studies = listings.evidence(request.store(), limit, chosen)
        if not studies:
            about = f" about {chosen}" if chosen else ""
            return Outcome(
                StudyList([], chosen),
                ExitCode.NO_MATCH,
                [f"no fact{about} in this base carries study results"],
            )
        return Outcome(StudyList(studies, chosen))

    return body
