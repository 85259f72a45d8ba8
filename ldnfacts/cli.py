"""The `ldnfacts` command line: parse arguments, choose an output, report the outcome.

Commands stay thin: finding facts lives in `query`, the index in `store`, checking files in
`validation`, and each output format in `render`. Renderers for Rich, and the YAML and
schema machinery, are imported only on the paths that need them, so that JSON and plain
answers from an up-to-date index start fast.
"""

import enum
import importlib
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup
from typer.main import get_command_from_info

from ldnfacts import __version__, paths
from ldnfacts.environment import Environment
from ldnfacts.errors import DataError, ExitCode, report_crash
from ldnfacts.model import DISCLAIMER, STATUSES, TOPIC_ALIASES, TOPICS
from ldnfacts.query import Answer, Query
from ldnfacts.records import JSONObject
from ldnfacts.safe_text import printable
from ldnfacts.store import (
    CacheCorrupt,
    FactStore,
    cache_path,
    discard,
    fts5_available,
    open_store,
)

#: Other names commands answer to; hidden from the command list.
COMMAND_ALIASES = {**TOPIC_ALIASES, "trials": "evidence"}


class LazyGroup(TyperGroup):
    """A command group that builds only the command being run.

    Typer turns every registered function into a Click command, inspecting each signature,
    before running any of them: about 25 ms for a dozen commands, a third of what Python and
    Typer take to start. Commands are registered on `commands` instead and built on first use;
    `--help` still lists them all.
    """

    # `ctx` is Typer's vendored Click context, which Typer does not export under a public name.
    def list_commands(self, ctx: Any) -> list[str]:
        return [info.name for info in commands.registered_commands if info.name]

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """A mistyped command gets a suggestion: `ldnfacts evidance` -> `evidence`."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            import difflib

            known = [*self.list_commands(ctx), *COMMAND_ALIASES]
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
            if close:
                ctx.fail(f"No such command {name!r}. Did you mean {close[0]!r}?")
        return super().resolve_command(ctx, args)

    def get_command(self, ctx: Any, cmd_name: str) -> typer.core.TyperCommand | None:
        name = COMMAND_ALIASES.get(cmd_name, cmd_name)
        for info in commands.registered_commands:
            if info.name == name:
                return get_command_from_info(  # type: ignore[return-value]
                    info, pretty_exceptions_short=True, rich_markup_mode=app.rich_markup_mode
                )
        return None


class Format(str, enum.Enum):
    table = "table"
    plain = "plain"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"


class SourceFormat(str, enum.Enum):
    table = "table"
    plain = "plain"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"
    csl_json = "csl-json"
    bibtex = "bibtex"


class Color(str, enum.Enum):
    auto = "auto"
    always = "always"
    never = "never"


def _store_for_completion(ctx: typer.Context) -> FactStore | None:
    try:
        data = ctx.params.get("data") if ctx is not None else None
        return _open(data, os.environ)
    except Exception:  # a completion must never print an error into the shell
        return None


def complete_terms(ctx: typer.Context, incomplete: str) -> list[str]:
    from ldnfacts.words import fold

    store = _store_for_completion(ctx)
    return store.words_starting(fold(incomplete)) if store else []


def complete_fact_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    store = _store_for_completion(ctx)
    return store.ids_starting(incomplete) if store else []


def complete_statuses(incomplete: str) -> list[tuple[str, str]]:
    return [(s, meaning) for s, meaning in STATUSES.items() if s.startswith(incomplete)]


TermsArg = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[TERM]...",
        help="Words that must all match, in any case; `microglia` also finds `microglial`, "
        "`fibro` finds `fibromyalgia`.",
        show_default=False,
        autocompletion=complete_terms,
    ),
]
StatusOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        "-s",
        metavar="STANDING",
        show_default=False,
        help="Only facts with this standing (established, supported, claimed, contested, "
        "disputed); repeat it or separate with commas.",
        autocompletion=complete_statuses,
    ),
]
LimitOpt = Annotated[
    int | None,
    typer.Option(
        "--limit", "-n", min=1, metavar="N", show_default=False, help="Print at most N results."
    ),
]
JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print a JSON array (same as --format json).")
]
JsonlOpt = Annotated[
    bool, typer.Option("--jsonl", help="Print one JSON object per line (same as --format jsonl).")
]
FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        show_default=False,
        help="Output format. Default: table on a terminal, plain in a pipe.",
    ),
]
ColorOpt = Annotated[
    Color,
    typer.Option(
        "--color",
        case_sensitive=False,
        help="Colour: auto (on a terminal, unless NO_COLOR is set), always or never.",
    ),
]
DataOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--data",
        "-d",
        metavar="PATH",
        show_default=False,
        help="Read this fact file instead of the bundled one; repeat for several. "
        "LDNFACTS_DATA does the same.",
    ),
]


def command_help(examples: list[str], description: str) -> str:
    """Help that leads with examples, as tldr pages do: people copy an example first."""
    block = "\n".join(examples)
    return f"Examples:\n\n```\n{block}\n```\n\n{description}"


#: Where the commands are registered; `app` builds them on demand through LazyGroup.
commands = typer.Typer()

app = typer.Typer(
    name="ldnfacts",
    cls=LazyGroup,
    help=command_help(
        [
            "ldnfacts dose                     # what the facts say about the dose",
            "ldnfacts mechanism microglia      # mechanism facts that mention microglia",
            "ldnfacts search stanford --json   # every topic, best match first, as JSON",
            "ldnfacts search pain --status contested",
            "ldnfacts show symptom-pain-benefit-claim",
            "ldnfacts evidence                 # the fibromyalgia trials side by side",
        ],
        "Sourced facts about low-dose naltrexone (LDN), especially for fibromyalgia. Each "
        "fact carries its sources and its standing against the evidence: established, "
        "supported, claimed, contested or disputed.\n\n"
        "Exit status: 0 found, 1 nothing matched, 2 usage error, 3 bad fact file, "
        f"130 interrupted.\n\n**{DISCLAIMER}**",
    ),
    no_args_is_help=True,
    rich_markup_mode="markdown",
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version_callback(value: bool) -> None:
    if not value:
        return
    env = _environment(Color.never)

    def action() -> int:
        from ldnfacts.query import describe_base

        try:
            base = describe_base(_open(None, env.environ))
        except DataError:
            base = "fact base unreadable: run `ldnfacts validate`"
        env.out(f"ldnfacts {__version__} ({base})\n")
        return ExitCode.FOUND

    _guarded(env, action)


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
) -> None:
    """Examples come first in each command's help: `ldnfacts dose --help`."""


# -- shared plumbing -----------------------------------------------------------------------


def _environment(color: Color) -> Environment:
    return Environment.detect(color.value)


def _output_format(env: Environment, fmt: enum.Enum | None, as_json: bool, as_jsonl: bool) -> str:
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


def _statuses(values: Sequence[str] | None) -> tuple[str, ...]:
    chosen = [v.strip().lower() for value in values or () for v in value.split(",") if v.strip()]
    for status in chosen:
        if status not in STATUSES:
            import difflib

            close = difflib.get_close_matches(status, list(STATUSES), n=1)
            hint = f" Did you mean {close[0]}?" if close else ""
            raise typer.BadParameter(
                f"unknown standing {status!r}; use one of {', '.join(STATUSES)}.{hint}",
                param_hint="--status",
            )
    return tuple(dict.fromkeys(chosen))


def _open(data: Sequence[str] | None, environ: Mapping[str, str]) -> FactStore:
    """The index of the fact files in use: `--data`, else LDNFACTS_DATA, else bundled."""
    return open_store(paths.data_paths(data, environ), environ)


def _guarded(env: Environment, action: Callable[[], int]) -> NoReturn:
    """Run a command body; turn every outcome into its exit status and a clean message.

    A cache found damaged while answering is removed and the body run once more against a
    fresh index (bodies read everything before they print, so nothing is printed twice).
    """
    try:
        try:
            code = action()
        except CacheCorrupt as damaged:
            discard(damaged.path)
            code = action()
        env.stdout.flush()
    except DataError as error:
        _report_data_error(env, error)
        code = ExitCode.DATA
    except BrokenPipeError:
        _silence_stdout()  # the reader (say `head`) has all it wanted: not an error
        code = ExitCode.FOUND
    except Exception as error:
        code = report_crash(env.stderr, error, env.environ)
    raise typer.Exit(int(code))


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    with suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


#: At most this many problems go to stderr when a command meets a bad fact file.
_PROBLEMS_SHOWN = 10


def _report_data_error(env: Environment, error: DataError) -> None:
    errors = error.errors or error.problems
    files = sorted({p.file for p in errors})
    env.message(f"cannot use the fact base: {len(errors)} problem(s) in {', '.join(files)}")
    for problem in errors[:_PROBLEMS_SHOWN]:
        env.stderr.write(f"  {printable(problem.format())}\n")
    if len(errors) > _PROBLEMS_SHOWN:
        env.message(
            f"{len(errors) - _PROBLEMS_SHOWN} more: run `ldnfacts validate "
            f"{' '.join(files)}` for the full list"
        )


def _print_records(
    env: Environment,
    fmt: str,
    records: list[JSONObject],
    plain: Callable[[list[JSONObject]], str],
    markdown: Callable[[list[JSONObject]], str],
    table: Callable[[Environment, list[JSONObject]], None],
) -> None:
    """Write records in the chosen format; JSON prints `[]` even when there are none."""
    if fmt == "json":
        from ldnfacts.render.jsonout import dump_json

        env.out(dump_json(records))
    elif fmt == "jsonl":
        from ldnfacts.render.jsonout import dump_jsonl

        env.out(dump_jsonl(records))
    elif not records:
        return
    elif fmt == "plain":
        env.out(plain(records))
    elif fmt == "markdown":
        env.out(markdown(records))
    else:
        table(env, records)


def _list_facts(
    query: Query,
    fmt_option: Format | None,
    as_json: bool,
    as_jsonl: bool,
    color: Color,
    data: list[str] | None,
    title: str,
    explain: bool = False,
) -> NoReturn:
    env = _environment(color)
    fmt = _output_format(env, fmt_option, as_json, as_jsonl)

    def action() -> int:
        from ldnfacts import query as queries
        from ldnfacts.render import plain

        answer = queries.find(_open(data, env.environ), query)
        for note in queries.notes(answer):
            env.message(note)
        if explain and fmt not in ("json", "jsonl"):
            for line in queries.explain_lines(answer):
                env.message(line)
        _print_records(
            env,
            fmt,
            queries.explained(answer) if explain and fmt in ("json", "jsonl") else answer.facts,
            plain.facts,
            _lazy("markdown", "facts"),
            lambda e, r: _lazy("terminal", "facts")(e, r, _title(title, answer)),
        )
        if not answer.facts:
            env.message(queries.miss_message(query, answer))
            return ExitCode.NO_MATCH
        return ExitCode.FOUND

    _guarded(env, action)


def _title(title: str, answer: Answer) -> str:
    shown = len(answer.facts)
    count = f"{shown} of {answer.total}" if shown < answer.total else str(shown)
    return f"{title} - {count} fact{'s' if answer.total != 1 else ''}"


def _lazy(module: str, name: str) -> Callable[..., Any]:
    """A renderer imported on first use, so the JSON and plain paths never load Rich."""

    def render(*args: Any) -> Any:
        return getattr(importlib.import_module(f"ldnfacts.render.{module}"), name)(*args)

    return render


# -- fact commands -------------------------------------------------------------------------

_TOPIC_EXAMPLES = {
    "dose": ["ldnfacts dose", "ldnfacts dose 4.5 --json", "ldnfacts dose --status supported"],
    "mechanism": [
        "ldnfacts mechanism microglia",
        "ldnfacts mechanism endorphin --status claimed",
        "ldnfacts mechanism --json | jq -r '.[].claim'",
    ],
    "approval": [
        "ldnfacts approval",
        "ldnfacts history fda --format markdown",
        "ldnfacts approval --jsonl | jq -r '[.date, .claim] | @tsv'",
    ],
    "symptom": [
        "ldnfacts symptom fatigue",
        "ldnfacts symptoms pain --status contested",
        "ldnfacts symptom fibro --limit 5",
    ],
    "safety": ["ldnfacts safety", "ldnfacts safety opioid", "ldnfacts safety dreams --json"],
}


def _topic_help(topic: str, aliases: list[str]) -> str:
    also = f" Also: `ldnfacts {', '.join(aliases)}`." if aliases else ""
    order = " Printed in date order." if topic == "approval" else ""
    return command_help(
        _TOPIC_EXAMPLES[topic],
        f"{TOPICS[topic]}.{order} Terms narrow the list; "
        f"every term must match the claim, tags or note.{also}",
    )


def _topic_command(topic: str) -> Callable[..., None]:
    def command(
        terms: TermsArg = None,
        status: StatusOpt = None,
        limit: LimitOpt = None,
        as_json: JsonOpt = False,
        as_jsonl: JsonlOpt = False,
        output_format: FormatOpt = None,
        color: ColorOpt = Color.auto,
        data: DataOpt = None,
    ) -> None:
        query = Query(
            topic=topic,
            terms=tuple(terms or ()),
            statuses=_statuses(status),
            limit=limit,
            explain=False,
        )
        _list_facts(
            query,
            output_format,
            as_json,
            as_jsonl,
            color,
            data,
            title=" ".join([topic, *query.terms]),
        )

    return command


for _topic in TOPICS:
    _aliases = [alias for alias, target in TOPIC_ALIASES.items() if target == _topic]
    commands.command(
        _topic,
        help=_topic_help(_topic, _aliases),
        short_help=f"{TOPICS[_topic]}.",
    )(_topic_command(_topic))


@commands.command(
    "search",
    short_help="Search every topic, best matches first.",
    help=command_help(
        [
            "ldnfacts search stanford",
            "ldnfacts search stanford --json | jq '.[].sources[].title'",
            "ldnfacts search pain --status contested,disputed",
        ],
        "Search every topic; the best matches come first (a match in the claim outranks one in the"
        " tags, which outranks one in the note; whole words outrank beginnings).",
    ),
)
def search(
    terms: Annotated[
        list[str],
        typer.Argument(
            metavar="QUESTION...",
            help="A question in your own words, quoted or not: `can I take ldn with tramadol`."
            " Filler words are ignored; facts matching more, and rarer, words come first.",
            show_default=False,
            autocompletion=complete_terms,
        ),
    ],
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Say why each fact matched: words, fields and score (stderr; in JSON an added"
            " `match` object).",
        ),
    ] = False,
    status: StatusOpt = None,
    limit: LimitOpt = None,
    as_json: JsonOpt = False,
    as_jsonl: JsonlOpt = False,
    output_format: FormatOpt = None,
    color: ColorOpt = Color.auto,
    data: DataOpt = None,
) -> None:
    """Every topic at once, ranked."""
    query = Query(
        terms=tuple(terms),
        statuses=_statuses(status),
        limit=limit,
        ranked=True,
        explain=explain,
    )
    _list_facts(
        query,
        output_format,
        as_json,
        as_jsonl,
        color,
        data,
        title="search: " + " ".join(terms),
        explain=explain,
    )


@commands.command(
    "show",
    short_help="One fact in full, with its sources and linked facts.",
    help=command_help(
        ["ldnfacts show symptom-pain-benefit-claim", "ldnfacts show trial-final-2024 --json"],
        "One fact in full: every source with its links, its study numbers, and the facts linked to"
        " it either way, so a disputed claim shows the evidence that disputes it. JSON holds the "
        "facts asked for; follow their `related` ids for the rest.",
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
    as_json: JsonOpt = False,
    as_jsonl: JsonlOpt = False,
    output_format: FormatOpt = None,
    color: ColorOpt = Color.auto,
    data: DataOpt = None,
) -> None:
    """Facts by id, following `related` links both ways."""
    env = _environment(color)
    fmt = _output_format(env, output_format, as_json, as_jsonl)

    def action() -> int:
        from ldnfacts import query
        from ldnfacts.render import plain

        store = _open(data, env.environ)
        found, linked = query.show(store, list(dict.fromkeys(fact_ids)))
        _print_records(
            env,
            fmt,
            found,
            lambda r: plain.fact_details(r, linked),
            lambda r: _lazy("markdown", "facts")(r, linked),
            lambda e, r: _lazy("terminal", "show")(e, r, linked),
        )
        missing = [f for f in fact_ids if f not in {fact["id"] for fact in found}]
        for fact_id in missing:
            close = query.suggest_ids(store, fact_id)
            hint = f" Did you mean: {', '.join(close)}?" if close else ""
            env.message(f"no fact has the id {fact_id!r}.{hint}")
        return ExitCode.NO_MATCH if missing else ExitCode.FOUND

    _guarded(env, action)


@commands.command(
    "evidence",
    short_help="The fibromyalgia trials and reviews side by side.",
    help=command_help(
        [
            "ldnfacts evidence",
            "ldnfacts trials --json | jq -r '.[] | [.study.year, .study.name, .study.verdict] | "
            "@tsv'",
        ],
        "The fibromyalgia and chronic-pain studies side by side: year, design, participants, dose,"
        " result and verdict, with each effect and its interval drawn on a terminal. Also: "
        "`ldnfacts trials`.",
    ),
)
def evidence(
    condition: Annotated[
        str,
        typer.Option(
            "--condition",
            "-c",
            metavar="CONDITION",
            help="Studies of this condition (`ms`, `long covid`, `crohns-disease`...); `all` for"
            " every condition.",
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
    env = _environment(color)
    fmt = _output_format(env, output_format, as_json, as_jsonl)

    def action() -> int:
        from ldnfacts import query
        from ldnfacts.render import plain

        studies = query.evidence(
            _open(data, env.environ), limit, None if condition == "all" else condition
        )
        _print_records(
            env,
            fmt,
            studies,
            plain.evidence,
            _lazy("markdown", "evidence"),
            _lazy("terminal", "evidence"),
        )
        if not studies:
            env.message("no fact in this base carries study results")
            return ExitCode.NO_MATCH
        return ExitCode.FOUND

    _guarded(env, action)


@commands.command(
    "sources",
    short_help="The sources, with identifiers, links and citation counts.",
    help=command_help(
        [
            "ldnfacts sources",
            "ldnfacts sources --kind trial --format bibtex > ldn.bib",
            "ldnfacts sources final --format csl-json",
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
            help="Words that must all appear in the id, title, authors or publisher.",
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
            help="Only sources of this kind (trial, review, commercial, ...); repeatable.",
        ),
    ] = None,
    as_json: JsonOpt = False,
    as_jsonl: JsonlOpt = False,
    output_format: Annotated[
        SourceFormat | None,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            show_default=False,
            help="Output format, including csl-json (Zotero, Pandoc) and bibtex.",
        ),
    ] = None,
    color: ColorOpt = Color.auto,
    data: DataOpt = None,
) -> None:
    """Sources, filtered by words and kind, in any format including citations."""
    env = _environment(color)
    fmt = _output_format(env, output_format, as_json, as_jsonl)

    def action() -> int:
        from ldnfacts import query
        from ldnfacts.render import citations, plain

        found = query.sources(_open(data, env.environ), tuple(terms or ()), tuple(kind or ()))
        if fmt == "csl-json":
            from ldnfacts.render.jsonout import dump_json

            env.out(dump_json(citations.csl_json(found)))
        elif fmt == "bibtex":
            env.out(citations.bibtex(found))
        else:
            _print_records(
                env,
                fmt,
                found,
                plain.sources,
                _lazy("markdown", "sources"),
                _lazy("terminal", "sources"),
            )
        if not found:
            env.message("no source matches")
            return ExitCode.NO_MATCH
        return ExitCode.FOUND

    _guarded(env, action)


@commands.command(
    "topics",
    short_help="The topics, with how many facts each holds.",
    help=command_help(
        ["ldnfacts topics", "ldnfacts topics --json | jq '.[] | {topic, facts}'"],
        "The topics, with how many facts each holds, in total and by standing.",
    ),
)
def topics(
    as_json: JsonOpt = False,
    as_jsonl: JsonlOpt = False,
    output_format: FormatOpt = None,
    color: ColorOpt = Color.auto,
    data: DataOpt = None,
) -> None:
    """Counts by topic and standing."""
    env = _environment(color)
    fmt = _output_format(env, output_format, as_json, as_jsonl)

    def action() -> int:
        from ldnfacts import query
        from ldnfacts.render import plain

        _print_records(
            env,
            fmt,
            query.topics(_open(data, env.environ)),
            plain.topics,
            _lazy("markdown", "topics"),
            _lazy("terminal", "topics"),
        )
        return ExitCode.FOUND

    _guarded(env, action)


@commands.command(
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
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[PATH]...",
            show_default=False,
            help="Fact files to check together; default: the ones in use.",
        ),
    ] = None,
    as_json: JsonOpt = False,
    color: ColorOpt = Color.auto,
    data: DataOpt = None,
) -> None:
    """Report every problem; never stop at the first."""
    env = _environment(color)

    def action() -> int:
        from ldnfacts.validation import check_files
        from ldnfacts.yamlfile import read_fact_file

        targets = files or paths.data_paths(data, env.environ)
        problems, loaded = [], []
        for path in targets:
            try:
                loaded.append(read_fact_file(path))
            except DataError as error:
                problems.extend(error.problems)
        problems.extend(check_files(loaded))
        if as_json:
            from ldnfacts.render.jsonout import dump_json

            env.out(dump_json([p.to_json() for p in problems]))
        else:
            env.out("".join(printable(p.format()) + "\n" for p in problems))
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        for fact_file in loaded:
            if not any(p.file == fact_file.path and p.severity == "error" for p in problems):
                data_ = fact_file.data
                env.message(
                    f"{fact_file.path}: valid ({len(data_.get('facts') or [])} facts, "
                    f"{len(data_.get('sources') or [])} sources)"
                )
        if problems:
            env.message(f"{errors} error(s), {warnings} warning(s)")
        return ExitCode.DATA if errors else ExitCode.FOUND

    _guarded(env, action)


@commands.command(
    "paths",
    short_help="Where the data, the schemas and the cache are.",
    help=command_help(
        ["ldnfacts paths", "ldnfacts paths --json | jq -r .cache_file"],
        "Where the fact files, the JSON Schemas and the cache are. The cache can be deleted at any"
        " time; it is rebuilt on the next run.",
    ),
)
def show_paths(
    as_json: JsonOpt = False,
    data: DataOpt = None,
) -> None:
    """Locations, for editors, scripts and bug reports."""
    env = _environment(Color.never)

    def action() -> int:
        data_files = paths.data_paths(data, env.environ)
        found: dict[str, Any] = {
            "data": [os.path.abspath(p) for p in data_files],
            "bundled_data": str(paths.bundled_data_path()),
            "facts_schema": str(paths.FACTS_SCHEMA),
            "output_schema": str(paths.OUTPUT_SCHEMA),
            "cache_dir": str(paths.cache_dir(env.environ)),
            "cache_file": str(cache_path(data_files, env.environ)),
            "fts5": fts5_available(),
        }
        if as_json:
            from ldnfacts.render.jsonout import dump_json

            env.out(dump_json(found))
        else:
            env.out("".join(f"{key}\t{value}\n" for key, value in found.items() if key != "data"))
            env.out("".join(f"data\t{path}\n" for path in found["data"]))
        return ExitCode.FOUND

    _guarded(env, action)
