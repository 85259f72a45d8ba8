"""The `ldnfacts` application: the command list, the options that come before a command,
and loading each command only when it runs.

Typer turns every registered function into a Click command, inspecting each signature,
before running any of them: about 25 ms for a dozen commands, a third of what Python and
Typer take to start. `LazyGroup` instead maps command names to modules (Click's documented
lazy-loading pattern) and builds only the command being run; `--help` still lists them all.
"""

import importlib
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from ldnfacts.commands import ALIASES, COMMANDS
from ldnfacts.model import DISCLAIMER
from ldnfacts.options import DataOpt, command_help


class LazyGroup(TyperGroup):
    """A command group whose commands are imported from `ldnfacts.commands` on first use."""

    # `ctx` is Typer's vendored Click context, which Typer does not export under a public name.
    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        name = ALIASES.get(cmd_name, cmd_name)
        if name not in COMMANDS:
            return None
        module = importlib.import_module(f"ldnfacts.commands.{COMMANDS[name]}")
        # a module holding several commands keeps one app per command, so that only the
        # command being run is built
        apps: dict[str, typer.Typer] = getattr(module, "apps", {})
        command_app: typer.Typer = apps.get(name) or module.app
        return typer.main.get_command(command_app)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        """Aliases complete too (`hist` -> `history`), when no listed command begins so."""
        # Click's public CompletionItem; Typer vendors Click and offers no other name for it.
        from typer.core import CompletionItem  # type: ignore[attr-defined]

        found: list[Any] = super().shell_complete(ctx, incomplete)
        if found or incomplete.startswith("-"):
            return found
        return [CompletionItem(alias) for alias in ALIASES if alias.startswith(incomplete)]

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """An unknown command gets a "did you mean" when one is close (`evidance`)."""
        name = args[0] if args else ""
        if args and name not in COMMANDS and name not in ALIASES and not name.startswith("-"):
            import difflib

            close = difflib.get_close_matches(name, [*COMMANDS, *ALIASES], n=1, cutoff=0.7)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            ctx.fail(f"No such command '{name}'.{hint} See 'ldnfacts --help'.")
        return super().resolve_command(ctx, args)


def _version_callback(value: bool) -> None:
    if not value:
        return
    from ldnfacts import __version__
    from ldnfacts.environment import Environment
    from ldnfacts.errors import DataError
    from ldnfacts.runner import Outcome, Request, execute
    from ldnfacts.views import Document

    def body(request: Request) -> Outcome:
        from ldnfacts.listings import describe_base

        try:
            base = describe_base(request.store())
        except DataError:
            base = "fact base unreadable: run `ldnfacts validate`"
        return Outcome(Document(__version__, f"ldnfacts {__version__} ({base})\n"))

    raise typer.Exit(execute(Request(Environment.detect("never"), "plain", None), body))


app = typer.Typer(
    name="ldnfacts",
    cls=LazyGroup,
    help=command_help(
        [
            "ldnfacts dose                     # what the facts say about the dose",
            'ldnfacts search "can I take LDN with tramadol"',
            "ldnfacts mechanism microglia      # mechanism facts that mention microglia",
            "ldnfacts search stanford --json   # every topic, best match first, as JSON",
            "ldnfacts search --status disputed # every disputed claim",
            "ldnfacts show symptom-pain-benefit-claim",
            "ldnfacts evidence                 # the fibromyalgia trials side by side",
        ],
        "Sourced facts about low-dose naltrexone (LDN), especially for fibromyalgia. Each "
        "fact carries its sources and its standing against the evidence: established, "
        "supported, claimed, contested or disputed.\n\n"
        "Exit status: 0 found, 1 nothing matched, 2 usage error, 3 bad fact file, "
        f"70 internal error, 130 interrupted.\n\n[bold]{DISCLAIMER}[/bold]",
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            is_eager=True,
            callback=_version_callback,
            help="Show the tool's version and the fact base's version, then exit.",
        ),
    ] = False,
    data: DataOpt = None,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Never send long terminal output through the pager ($PAGER, default less).",
        ),
    ] = False,
) -> None:
    """Examples come first in each command's help: `ldnfacts dose --help`."""
