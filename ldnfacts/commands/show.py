"""`ldnfacts show`: facts by id, in full, with the facts linked to them either way."""

from typing import Annotated

import typer

from ldnfacts.errors import ExitCode
from ldnfacts.options import command_help, complete_fact_ids
from ldnfacts.runner import Body, Outcome, Request, command

app = typer.Typer(add_completion=False)


@command(
    app,
    "show",
    kind="details",
    short_help="Facts in full, with their sources and linked facts.",
    help=command_help(
        ["ldnfacts show symptom-pain-benefit-claim", "ldnfacts show trial-final-2024 --json"],
        "Facts in full: every source with its links, its study numbers, and the facts linked to"
        " it either way, so a disputed claim shows the evidence that disputes it (in JSON, under"
        " `linked`). Ids that do not exist are named on stderr with close ids; the exit status "
        "is 1 only when none of the ids exists.",
    ),
)
def show(
    fact_ids: Annotated[
        list[str],
        typer.Argument(
            metavar="ID...",
            help="Fact ids, as printed by the other commands.",
            show_default=False,
            autocompletion=complete_fact_ids,
        ),
    ],
) -> Body:
    """Facts by id, following `related` links both ways."""

    def body(request: Request) -> Outcome:
        from ldnfacts import listings
        from ldnfacts.views import FactDetails

        shown = listings.show_all(request.store(), fact_ids)
        notes = [
            f"no fact has the id {fact_id!r}."
            + (f" Did you mean: {', '.join(close)}?" if close else "")
            for fact_id, close in shown.missing.items()
        ]
        code = ExitCode.FOUND if shown.facts else ExitCode.NO_MATCH
        return Outcome(FactDetails(shown.facts, shown.linked), code, notes)

    return body
