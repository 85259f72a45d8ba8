"""`ldnfacts search`: a question or words, answered from every topic, best first."""

from typing import Annotated

import typer

from ldnfacts.commands.listing import list_facts
from ldnfacts.options import (
    ConditionOpt,
    LimitOpt,
    StatusOpt,
    command_help,
    complete_terms,
    conditions,
    statuses,
)
from ldnfacts.query import Query
from ldnfacts.runner import Body, Outcome, Request, command

app = typer.Typer(add_completion=False)

#: On a terminal, search shows this many facts unless `--limit` says otherwise; the rest
#: are counted in a line under them, so the best answers stay on the screen.
TERMINAL_LIMIT = 10


@command(
    app,
    "search",
    kind="facts",
    short_help="Ask a question or give words; every topic, best matches first.",
    help=command_help(
        [
            'ldnfacts search "can I take LDN with tramadol"',
            "ldnfacts search stanford --json | jq '.[].sources[].title'",
            "ldnfacts search pain --status contested,disputed",
            "ldnfacts search --status disputed        # every disputed claim",
        ],
        "Search every topic; the best matches come first. Give a question as you would ask it "
        "or a few words: filler words are ignored, and a fact need not contain every word.",
    ),
)
def search(
    terms: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[QUESTION]...",
            help="A question or words, quoted or not; may be left out when --status is given.",
            show_default=False,
            autocompletion=complete_terms,
        ),
    ] = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Say why each fact matched: words, fields and score (stderr; in JSON an added"
            " `match` object).",
        ),
    ] = False,
    status: StatusOpt = None,
    condition: ConditionOpt = None,
    limit: LimitOpt = None,
) -> Body:
    """Every topic at once, ranked."""
    chosen = statuses(status)
    about = conditions(condition)
    if not terms and not chosen and not about:
        raise typer.BadParameter(
            "give a question or words to search for, or a filter such as --status disputed",
            param_hint="QUESTION",
        )

    def body(request: Request) -> Outcome:
        shown = limit
        if shown is None and request.fmt == "table":
            shown = TERMINAL_LIMIT
        query = Query(
            terms=tuple(terms or ()),
            statuses=chosen,
            conditions=about,
            limit=shown,
            ranked=True,
            explain=explain,
        )
        title = "search: " + (" ".join(query.terms) or "/".join([*chosen, *about]))
        outcome = list_facts(request, query, title)
        hidden = _hidden(outcome)
        if hidden and limit is None:
            outcome.notes.append(
                f"{hidden} more: see them with --limit {shown + hidden if shown else hidden}"
            )
        return outcome

    return body


def _hidden(outcome: Outcome) -> int:
    """How many matching facts the limit left out, from the view's heading counts."""
    from ldnfacts.views import FactList

    view = outcome.view
    return view.total - len(view.facts) if isinstance(view, FactList) else 0
