"""`ldnfacts check`: read a page, and say where each claim about LDN stands."""

from typing import Annotated

import typer

from ldnfacts.errors import ExitCode
from ldnfacts.options import (
    command_help,
)
from ldnfacts.runner import Body, Outcome, Request, command

app = typer.Typer(add_completion=False)


@command(
    app,
    "check",
    kind="claims",
    short_help="Check a page: each claim about LDN with the facts that bear on it.",
    help=command_help(
        [
            "ldnfacts check - <<< '<p>LDN was first approved by the FDA in 1984.</p>'",
            "echo 'LDN side effects are rare.' | ldnfacts check --json | jq '.[].status'",
            "echo 'LDN side effects are rare.' | ldnfacts check --format claimreview "
            "--url https://example.org/ldn",
        ],
        "Read plain text, Markdown or a saved HTML page (`-` or nothing: standard input), find "
        "the sentences that make a claim about LDN, naltrexone or what the fact base covers, and "
        "match each to the facts with the same ranking as `search`. Weak matches are left out: a "
        "claim the base does not cover says so. Exit status: 0 claims matched, 1 no claim the "
        "base covers, 2 usage or unreadable input, 3 bad fact file.",
    ),
)
def check(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[FILE]...",
            show_default=False,
            help="Text, Markdown (.md) or HTML (.html) files; `-` or none reads standard input.",
        ),
    ] = None,
    url: Annotated[
        str | None,
        typer.Option(
            "--url",
            metavar="URL",
            show_default=False,
            help="Where the page was published; ClaimReview output names it as the appearance.",
        ),
    ] = None,
) -> Body:
    """Claims of a page, matched to the facts."""

    def body(request: Request) -> Outcome:
        from ldnfacts.claims import check_page
        from ldnfacts.heldstore import HeldStore
        from ldnfacts.pagetext import InputError, read_page
        from ldnfacts.views import CheckedPages

        try:
            pages = [read_page(path) for path in files or ["-"]]
        except InputError as error:
            return Outcome(None, ExitCode.USAGE, [str(error)])
        store = HeldStore(request.store())  # read once for all the pages
        view = CheckedPages([check_page(store, page, url) for page in pages])
        if not any(report.covered for report in view.reports):
            return Outcome(
                view, ExitCode.NO_MATCH, ["no claim in the text is one the fact base covers"]
            )
        return Outcome(view)

    return body
