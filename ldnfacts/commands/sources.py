"""`ldnfacts sources`: the sources, with identifiers, links, citation counts and exports."""

from typing import Annotated

import typer

from ldnfacts.errors import ExitCode
from ldnfacts.options import (
    choices,
    command_help,
    complete_kinds,
)
from ldnfacts.runner import Body, Outcome, Request, command

app = typer.Typer(add_completion=False)


@command(
    app,
    "sources",
    kind="sources",
    short_help="The sources, with identifiers, links and citation counts.",
    help=command_help(
        [
            "ldnfacts sources",
            "ldnfacts sources --kind trial --format bibtex > ldn.bib",
            "ldnfacts sources final --format csl-json",
            "ldnfacts sources 38258677",
        ],
        "The sources behind the facts: kind, identifiers with their doi.org, PubMed and "
        "ClinicalTrials.gov links, and how many facts cite each. `--format csl-json` and `--format"
        " bibtex` export citations for Zotero, Pandoc or LaTeX.",
    ),
)
def sources(
    terms: Annotated[
        list[str] | None,
        typer.Argument(
            help="Words that must all appear in the id, title, authors, publisher or an "
            "identifier (DOI, PMID, PMCID, trial id).",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            "-k",
            metavar="KIND",
            show_default=False,
            help="Only sources of this kind (trial, review, commercial, ...); repeat it or "
            "separate with commas.",
            autocompletion=complete_kinds,
        ),
    ] = None,
) -> Body:
    """Sources, filtered by words and kind, in any format including citations."""
    from ldnfacts.model import schema_enum

    kinds = choices(kind, schema_enum("source", "kind"), "--kind")

    def body(request: Request) -> Outcome:
        from ldnfacts import listings
        from ldnfacts.views import SourceList

        found = listings.sources(request.store(), tuple(terms or ()), kinds)
        if not found:
            return Outcome(SourceList([]), ExitCode.NO_MATCH, ["no source matches"])
        return Outcome(SourceList(found))

    return body
