"""What a person sees on a terminal: Rich tables and panels, standing first.

Every fact shows its standing as a word (colour only adds to it), its sources under it with
their kind, so a vendor's claim never looks like settled science; contested and disputed
facts carry their reason and the facts that bear on them. Text from the data reaches Rich
only as `Text` objects made by `safe_text.printable`: never parsed as markup, never able
to send an escape sequence. Every rendering ends with the "not medical advice" footer.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ldnfacts.environment import Environment
from ldnfacts.model import DISCLAIMER, STATUSES, UNSETTLED
from ldnfacts.records import JSONObject, all_links
from ldnfacts.render.studies import dose_text, effect_mark, effect_text
from ldnfacts.safe_text import printable

STATUS_STYLES = {
    "established": "bold green",
    "supported": "green",
    "claimed": "yellow",
    "contested": "bold magenta",
    "disputed": "bold red",
}
STATUS_MARKS = {
    "established": "✔",
    "supported": "●",
    "claimed": "○",
    "contested": "▲",
    "disputed": "✖",
}
VERDICT_STYLES = {"benefit": "green", "no-benefit": "red", "mixed": "yellow", "inconclusive": "dim"}


class _Console(Console):
    """A Console that leaves a closed pipe to the command's own handling.

    Rich's default raises `SystemExit(1)` when the reader goes away (`| head -1`); the
    command treats a closed pipe as success and exits 0, as it does for every other format.
    """

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def make_console(env: Environment) -> Console:
    return _Console(
        file=env.stdout,
        force_terminal=env.is_terminal or env.color,
        color_system=("auto" if env.is_terminal else "standard") if env.color else None,
        no_color=not env.color,
        width=env.width,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
    )


def _unicode(console: Console) -> bool:
    return console.encoding.lower().startswith("utf")


def safe(text: object, style: str = "") -> Text:
    """Data as inert Rich text."""
    return Text(printable(str(text)), style=style)


def _lines(parts: Sequence[tuple[object, str]]) -> Text:
    """Data values on separate lines, each made inert; empty values are skipped."""
    return Text("\n").join(safe(value, style) for value, style in parts if value)


def badge(status: str, console: Console) -> Text:
    mark = f"{STATUS_MARKS[status]} " if _unicode(console) else ""
    return Text(f"{mark}{status.upper()}", style=STATUS_STYLES[status])


def _source_lines(fact: JSONObject, console: Console, indent: str = "  ") -> Text:
    arrow = "↳" if _unicode(console) else "-"
    text = Text()
    for source in fact["sources"]:
        text.append(f"\n{indent}{arrow} ")
        text.append_text(safe(source["title"], "italic"))
        venue = [v for v in (source.get("journal") or source.get("publisher"), source["year"]) if v]
        if venue:
            text.append_text(safe(" - " + ", ".join(str(v) for v in venue)))
        kind_style = "bold yellow" if source["kind"] == "commercial" else "dim"
        text.append(f" [{source['kind']}]", style=kind_style)
        if source["locator"]:
            text.append(" · ", style="dim")
            text.append_text(safe(source["locator"], "dim"))
        urls = [u for u in source["links"].values() if u] or [source.get("url")]
        for url in filter(None, urls):
            text.append(f"\n{indent}  ")
            text.append_text(safe(url, "cyan"))
    return text


def primary_link(source: JSONObject) -> str:
    """The one link that best identifies a source: DOI, trial registry, PubMed, web page."""
    links = source["links"]
    return str(
        links["doi"] or links["registry"] or links["pubmed"] or source.get("url") or source["id"]
    )


def fact_body(fact: JSONObject, console: Console) -> Text:
    """Claim, then why it stands as it does, then where it comes from."""
    text = Text()
    text.append_text(safe(fact["claim"], "bold"))
    unsettled = fact["status"] in UNSETTLED
    if fact["note"]:
        text.append(
            "\nWhy: " if unsettled else "\nNote: ",
            style=STATUS_STYLES[fact["status"]] if unsettled else "dim",
        )
        text.append_text(safe(fact["note"]))
    if fact["related"]:
        text.append("\nSee: " if unsettled else "\nRelated: ", style="dim")
        text.append_text(safe(", ".join(fact["related"]), "cyan"))
    text.append_text(_source_lines(fact, console))
    details = [fact["id"], fact["topic"], *([fact["date"]] if fact["date"] else [])]
    text.append("\n")
    text.append_text(safe(" · ".join(details), "dim"))
    return text


def _footer(console: Console) -> None:
    console.print(Text(DISCLAIMER, style="dim italic"))


def facts(env: Environment, records: Sequence[JSONObject], title: str) -> None:
    console = make_console(env)
    table = Table(
        box=box.SIMPLE_HEAD,
        show_lines=True,
        title=safe(title),
        title_justify="left",
        expand=False,
        pad_edge=False,
    )
    table.add_column("Standing", no_wrap=True)
    table.add_column("Fact and sources", ratio=1, overflow="fold")
    for fact in records:
        table.add_row(badge(fact["status"], console), fact_body(fact, console))
    console.print(table)
    _footer(console)


def _study_grid(study: JSONObject) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim")
    grid.add_column()
    rows = [
        ("Study", study["name"]),
        ("Design", study["design"]),
        ("Participants", study.get("participants")),
        ("Population", study.get("population")),
        ("Dose", dose_text(study)),
        ("Weeks", study.get("duration_weeks")),
        ("Outcome", study.get("outcome")),
        ("Result", study["result"]),
        ("Effect", effect_text(study.get("effect"))),
        ("Verdict", study["verdict"]),
    ]
    for label, value in rows:
        if value:
            grid.add_row(label, safe(value))
    return grid


def fact_panel(fact: JSONObject, console: Console) -> Panel:
    parts: list[RenderableType] = [
        fact_body(fact, console),
        Text(f"{fact['status']}: {STATUSES[fact['status']]}", style="dim"),
    ]
    if fact["tags"]:
        parts.append(safe("Tags: " + ", ".join(fact["tags"]), "dim"))
    if fact["study"]:
        parts.append(_study_grid(fact["study"]))
    return Panel(
        Group(*parts),
        title=badge(fact["status"], console),
        title_align="left",
        border_style=STATUS_STYLES[fact["status"]],
        box=box.ROUNDED,
    )


def show(env: Environment, records: Sequence[JSONObject], linked: Sequence[JSONObject]) -> None:
    console = make_console(env)
    for fact in records:
        console.print(fact_panel(fact, console))
    if linked:
        table = Table(
            box=box.SIMPLE_HEAD, title="Linked facts", title_justify="left", pad_edge=False
        )
        table.add_column("Standing", no_wrap=True)
        table.add_column("Claim", ratio=1)
        table.add_column("ID", style="dim")
        for fact in linked:
            table.add_row(badge(fact["status"], console), safe(fact["claim"]), safe(fact["id"]))
        console.print(table)
    _footer(console)


def evidence(env: Environment, records: Sequence[JSONObject]) -> None:
    console = make_console(env)
    unicode = _unicode(console)
    table = Table(
        box=box.SIMPLE_HEAD,
        show_lines=True,
        pad_edge=False,
        title="LDN in fibromyalgia and chronic pain: the studies",
        title_justify="left",
    )
    table.add_column("Year", no_wrap=True)
    table.add_column("Study and design", ratio=2, overflow="fold")
    table.add_column("n", justify="right", no_wrap=True)
    table.add_column("Dose", no_wrap=True)
    table.add_column("Result", ratio=3, overflow="fold")
    table.add_column("Verdict", no_wrap=True)
    table.add_column("Effect", min_width=21, overflow="fold")
    for fact in records:
        study = fact["study"]
        effect = study.get("effect")
        table.add_row(
            str(study["year"]),
            _lines(
                [
                    (study["name"], "bold"),
                    (study["design"], "dim"),
                    (fact["id"], "dim"),
                    *((primary_link(source), "cyan") for source in fact["sources"]),
                ]
            ),
            str(study.get("participants") or ""),
            dose_text(study),
            safe(study["result"]),
            Text(study["verdict"], style=VERDICT_STYLES[study["verdict"]]),
            _lines([(effect_text(effect), ""), (effect_mark(effect, unicode=unicode), "")]),
        )
    console.print(table)
    console.print(
        Text(
            "Effect: estimate (●) with its 95% interval (─) against no difference (│), on an axis "
            "from -2 to +2 in each row's own units (MD: points on a 0-10 pain scale; SMD and d: "
            "standard deviations). Left of │ favours LDN. `ldnfacts show ID` gives each study in "
            "full.",
            style="dim",
        )
    )
    _footer(console)


def sources(env: Environment, records: Sequence[JSONObject]) -> None:
    console = make_console(env)
    table = Table(box=box.SIMPLE_HEAD, show_lines=True, pad_edge=False)
    table.add_column("Source", ratio=3)
    table.add_column("Kind", no_wrap=True)
    table.add_column("Links", ratio=2)
    table.add_column("Cited by", justify="right")
    for source in records:
        byline = ", ".join(
            str(v)
            for v in (
                "; ".join(source["authors"]) if source["authors"] else None,
                source.get("journal") or source.get("publisher"),
                source.get("year"),
            )
            if v
        )
        cell = _lines(
            [
                (source["title"], "bold"),
                (byline, ""),
                (source.get("note"), "dim"),
                (source["id"], "dim"),
            ]
        )
        kind_style = "bold yellow" if source["kind"] == "commercial" else ""
        table.add_row(
            cell,
            Text(source["kind"], style=kind_style),
            _lines([(url, "cyan") for url in all_links(source)]),
            str(source["cited_by"]),
        )
    console.print(table)
    _footer(console)


def topics(env: Environment, records: Sequence[JSONObject]) -> None:
    console = make_console(env)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Topic", style="bold")
    table.add_column("Facts", justify="right")
    for status in STATUSES:
        table.add_column(status.capitalize(), justify="right", style=STATUS_STYLES[status])
    table.add_column("What it covers", ratio=1)
    for topic in records:
        table.add_row(
            topic["topic"],
            str(topic["facts"]),
            *[str(topic["statuses"][s]) for s in STATUSES],
            safe(topic["description"]),
        )
    console.print(table)
    _footer(console)
