"""`ldnfacts validate`: check fact files and list every problem."""

from typing import Annotated

import typer

from ldnfacts.errors import ExitCode
from ldnfacts.options import Color, ColorOpt, DataOpt, JsonOpt, command_help
from ldnfacts.runner import Outcome, Request, run

app = typer.Typer(add_completion=False)


@app.command(
    "validate",
    short_help="Check fact files and list every problem.",
    help=command_help(
        [
            "ldnfacts validate data/facts.yaml",
            "ldnfacts validate --json | jq length",
        ],
        "Check fact files against the schema and each other, and list every problem with its file,"
        " line and field, and how to fix it. Files given together are checked as one base. Exit 0 "
        "when valid (warnings allowed), 3 if not.",
    ),
)
def validate(
    ctx: typer.Context,
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[PATH]...",
            show_default=False,
            help="Fact files to check together; default: the ones in use.",
        ),
    ] = None,
    max_shown: Annotated[
        int | None,
        typer.Option(
            "--max", min=0, metavar="N", show_default=False, help="List at most N problems."
        ),
    ] = None,
    as_json: JsonOpt = False,
    color: ColorOpt = Color.never,
    data: DataOpt = None,
) -> None:
    """Report every problem; never stop at the first."""

    def body(request: Request) -> Outcome:
        from ldnfacts import paths
        from ldnfacts.errors import listing
        from ldnfacts.render import counted
        from ldnfacts.safe_text import printable
        from ldnfacts.validation import check_files, plan_validation
        from ldnfacts.views import Document

        in_use = request.data_paths()
        targets = files or in_use
        plan = plan_validation(targets, in_use, str(paths.bundled_data_path()), request.env.environ)
        notes = [f"{' '.join(targets)}: {plan.note}"] if plan.note else []
        loaded, problems = plan.load()
        problems.extend(check_files(loaded))
        shown, rest = listing(problems, max_shown)
        errors = sum(p.severity == "error" for p in problems)
        notes += [
            f"{fact_file.path}: valid ({counted(len(fact_file.data.get('facts') or []), 'fact')}, "
            f"{counted(len(fact_file.data.get('sources') or []), 'source')})"
            for fact_file in loaded
            if not any(p.file == fact_file.path and p.severity == "error" for p in problems)
        ]
        if rest:
            notes.append(rest)
        if problems:
            notes.append(
                f"{counted(errors, 'error')}, {counted(len(problems) - errors, 'warning')}"
            )
        view = Document(
            [p.to_json() for p in shown],
            "".join(printable(p.format()) + "\n" for p in shown),
        )
        return Outcome(view, ExitCode.DATA if errors else ExitCode.FOUND, notes)

    run(ctx, body, kind="document", fmt=None, as_json=as_json, color=color)
