"""`ldnfacts paths`: where the data, the schemas and the cache are."""

import typer

from ldnfacts.options import DataOpt, JsonOpt, command_help
from ldnfacts.runner import Outcome, Request, run

app = typer.Typer(add_completion=False)


@app.command(
    "paths",
    short_help="Where the data, the schemas and the cache are.",
    help=command_help(
        ["ldnfacts paths", "ldnfacts paths --json | jq -r .cache_file"],
        "Where the fact files, the JSON Schemas and the cache are. The cache can be deleted at any"
        " time; it is rebuilt on the next run.",
    ),
)
def show_paths(ctx: typer.Context, as_json: JsonOpt = False, data: DataOpt = None) -> None:
    """Locations, for editors, scripts and bug reports."""

    def body(request: Request) -> Outcome:
        from ldnfacts.paths import describe
        from ldnfacts.views import Document

        found = describe(request.data_paths(), request.env.environ)
        text = "".join(f"{key}\t{value}\n" for key, value in found.items() if key != "data")
        text += "".join(f"data\t{path}\n" for path in found["data"])
        return Outcome(Document(found, text))

    run(ctx, body, kind="document", as_json=as_json)
