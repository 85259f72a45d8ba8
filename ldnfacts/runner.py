"""The one skeleton every command runs in: choose the format, compute, render, exit.

A command body receives a `Request` (streams, format, fact files) and returns an
`Outcome` (a view, an exit status, messages). Everything the body reads happens before
anything is printed, so when the cache turns out to be damaged the body can simply run
again on a fresh index: printing twice is impossible by construction. The skeleton also
owns the exit statuses: 0 found, 1 nothing matched, 2 usage, 3 bad fact file, 70 internal
error, and a closed pipe (`| head`) ends quietly with 0.
"""

from __future__ import annotations

import functools
import inspect
import os
import sys
from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from ldnfacts import paths
from ldnfacts.environment import Environment
from ldnfacts.errors import DataError, ExitCode, report_crash
from ldnfacts.options import (
    Color,
    ColorOpt,
    DataOpt,
    FormatOpt,
    JsonlOpt,
    JsonOpt,
    data_option,
)
from ldnfacts.safe_text import printable
from ldnfacts.views import View

if TYPE_CHECKING:
    import enum

    from ldnfacts.store import FactStore


class Outcome:
    """What a command body found: rendered by the skeleton, never by the body. (Plain
    classes, these two: a dataclass compiles its methods at every start, README, Speed.)"""

    __slots__ = ("code", "notes", "notes_before", "view")

    def __init__(
        self,
        view: View | None = None,
        code: ExitCode = ExitCode.FOUND,
        notes: list[str] | None = None,
        notes_before: list[str] | None = None,
    ) -> None:
        self.view = view
        self.code = code
        #: Messages for the person, written to stderr after the output.
        self.notes: list[str] = notes if notes is not None else []
        #: Messages that must come first (a spelling correction): stderr, before the
        #: output.
        self.notes_before: list[str] = notes_before if notes_before is not None else []


class Request:
    """Everything a command body may look at besides its own arguments."""

    __slots__ = ("_store", "data", "env", "fmt")

    def __init__(self, env: Environment, fmt: str, data: list[str] | None) -> None:
        self.env = env
        self.fmt = fmt
        #: Fact files named with `--data` (on the command or before it), if any.
        self.data = data
        self._store: FactStore | None = None

    def data_paths(self) -> list[str]:
        """The fact files in use: `--data`, else LDNFACTS_DATA, else the bundled base."""
        return paths.data_paths(self.data, self.env.environ)

    def store(self) -> FactStore:
        """The index of the fact files in use, opened (or rebuilt) once per run and read
        as it is at that moment until `close`."""
        if self._store is None:
            from ldnfacts.store import open_store

            self._store = open_store(self.data_paths(), self.env.environ)
            self._store.hold()
        return self._store

    def close(self) -> None:
        """End the reads: the result is computed, and nothing may read the index now."""
        if self._store is not None:
            self._store.close()
            self._store = None


def output_format(
    env: Environment, fmt: enum.Enum | None, as_json: bool = False, as_jsonl: bool = False
) -> str:
    """The one format asked for; table on a terminal and plain in a pipe by default."""
    asked = {name for name, on in (("json", as_json), ("jsonl", as_jsonl)) if on}
    if fmt is not None:
        asked.add(str(fmt.value))
    if len(asked) > 1:
        raise typer.BadParameter(
            f"asked for several formats ({', '.join(sorted(asked))}); choose one",
            param_hint="--format/--json/--jsonl",
        )
    if asked:
        return asked.pop()
    return "table" if env.is_terminal else "plain"


Body = Callable[[Request], Outcome]

#: The output options every fact command takes, added to its own arguments by `command`.
_SHARED = ("as_json", "as_jsonl", "output_format", "color", "data")


def command(
    app: typer.Typer, name: str, *, kind: str, **settings: Any
) -> Callable[[Callable[..., Body]], Callable[..., Body]]:
    """Register a command that shows a view of `kind`, written as a function of its own
    arguments that returns its body. The skeleton adds `--json`, `--jsonl`, `--format`,
    `--color` and `--data`, then runs the body through `run`.

    The registered function's signature is the command's own parameters followed by the
    shared ones, so Typer builds the options from one declaration in `options`.
    """

    def register(make_body: Callable[..., Body]) -> Callable[..., Body]:
        own = list(inspect.signature(make_body, eval_str=True).parameters.values())
        shared = _shared_parameters()
        context = inspect.Parameter("ctx", inspect.Parameter.KEYWORD_ONLY, annotation=typer.Context)
        parameters = [
            context,
            *(p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own + shared),
        ]

        def invoke(ctx: typer.Context, **arguments: Any) -> None:
            chosen = {key: arguments.pop(key) for key in _SHARED}
            body = make_body(**arguments)
            run(
                ctx,
                body,
                kind=kind,
                fmt=chosen["output_format"],
                as_json=chosen["as_json"],
                as_jsonl=chosen["as_jsonl"],
                color=chosen["color"],
            )

        invoke.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        invoke.__annotations__ = {p.name: p.annotation for p in parameters}
        invoke.__doc__ = make_body.__doc__
        app.command(name, **settings)(invoke)
        return make_body

    return register


@functools.cache
def _shared_parameters() -> list[inspect.Parameter]:
    """The shared options' parameters, read once per run however many commands register."""
    return list(inspect.signature(_shared_options, eval_str=True).parameters.values())


def _shared_options(
    as_json: JsonOpt = False,
    as_jsonl: JsonlOpt = False,
    output_format: FormatOpt = None,
    color: ColorOpt = Color.auto,
    data: DataOpt = None,
) -> None:
    """The shared options, declared once; `command` copies this signature."""


def run(
    ctx: typer.Context,
    body: Callable[[Request], Outcome],
    *,
    kind: str | None,
    fmt: enum.Enum | None = None,
    as_json: bool = False,
    as_jsonl: bool = False,
    color: Color = Color.auto,
) -> NoReturn:
    """Run a command body and exit with its status. `kind` is the view kind the body
    returns (checked against the format before any work), or None for text-only output."""
    env = Environment.detect(color.value)
    chosen = output_format(env, fmt, as_json, as_jsonl)
    if kind is not None:
        from ldnfacts.render import UnsupportedFormat, check_supported

        try:
            check_supported(chosen, kind)
        except UnsupportedFormat as error:
            raise typer.BadParameter(str(error), param_hint="--format") from None
    request = Request(env, chosen, data_option(ctx))
    raise typer.Exit(int(execute(request, body, paging=not _root_flag(ctx, "no_pager"))))


def execute(request: Request, body: Callable[[Request], Outcome], paging: bool = False) -> int:
    """Compute (retrying once on a damaged cache), then render; the exit status."""
    from ldnfacts.store import CacheCorrupt, discard

    env = request.env
    try:
        try:
            outcome = body(request)
        except CacheCorrupt as damaged:
            request.close()
            discard(damaged.path)
            outcome = body(request)
        finally:
            request.close()  # the whole result is computed before anything is printed
        for note in outcome.notes_before:
            env.message(note)
        if outcome.view is not None:
            _deliver(env, request.fmt, outcome.view, paging)
        env.stdout.flush()
        for note in outcome.notes:
            env.message(note)
        return int(outcome.code)
    except DataError as error:
        report_data_error(env, error)
        return ExitCode.DATA
    except BrokenPipeError:
        _silence_stdout()  # the reader (say `head`) has all it wanted: not an error
        return ExitCode.FOUND
    except Exception as error:
        return report_crash(env.stderr, error, env.environ)


def _deliver(env: Environment, fmt: str, view: View, paging: bool) -> None:
    """Render to stdout; on a real terminal, output taller than the screen goes through
    the pager, as git and gh do (`PAGER`, `--no-pager`; never in a pipe)."""
    from ldnfacts.render import render

    pager = _pager(env) if paging and fmt == "table" else None
    if pager is None:
        render(env, fmt, view)
        return
    import io
    import shutil

    size = shutil.get_terminal_size()
    buffer = io.StringIO()
    render(env.writing_to(buffer, size.columns), fmt, view)
    text = buffer.getvalue()
    if text.count("\n") < size.lines:
        env.out(text)
        return
    _page(env, pager, text)


def _pager(env: Environment) -> str | None:
    """The pager to use, or None: only on a real terminal, and never when PAGER is empty
    or `cat`."""
    if not env.is_terminal or not _real_terminal(env):
        return None
    pager = env.environ.get("LDNFACTS_PAGER", env.environ.get("PAGER", "less"))
    return None if pager.strip() in ("", "cat") else pager


def _real_terminal(env: Environment) -> bool:
    try:
        return env.stdout is sys.stdout and os.isatty(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        return False


def _page(env: Environment, pager: str, text: str) -> None:
    import shlex
    import subprocess

    environ = {**env.environ, "LESS": env.environ.get("LESS", "FRX")}
    try:
        subprocess.run(shlex.split(pager), input=text, text=True, env=environ, check=False)
    except OSError:  # no such pager: print as if there were none
        env.out(text)


def _root_flag(ctx: typer.Context, name: str) -> bool:
    return bool(ctx.find_root().params.get(name))


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    with suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def report_data_error(env: Environment, error: DataError) -> None:
    """A capped list of what is wrong, ending with the `validate` command that lists all."""
    from ldnfacts.errors import capped_report
    from ldnfacts.validation import extension_hint

    for line in capped_report(error.problems, error.files):
        if line.startswith(" "):
            env.stderr.write(f"{printable(line)}\n")
        else:
            env.message(printable(line))
    try:
        hint = extension_hint(error.files, env.environ)
    except Exception:  # a hint must never hide the error it explains
        hint = ""
    if hint:
        env.message(printable(hint))
