"""What a person sees on a terminal: Rich tables and panels, standing first.

Every fact shows its standing as a word (colour only adds to it), its sources under it with
their kind, so a vendor's claim never looks like settled science; contested and disputed
facts carry their reason and the facts that bear on them. Text from the data reaches Rich
only as `Text` objects made by `safe_text.printable`: never parsed as markup, never able
to send an escape sequence. Every rendering ends with the "not medical advice" footer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ldnfacts.environment import Environment
from ldnfacts.model import DISCLAIMER, STATUSES, UNSETTLED
from ldnfacts.records import JSONObject, all_links
from ldnfacts.render.layout import longest_line, longest_word, pack, share
from ldnfacts.render.studies import dose_text, effect_mark, effect_text, effect_units, grouped
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

    #: Links are made clickable (OSC 8): only on a terminal, never in a pipe.
    hyperlinks = False

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def make_console(env: Environment) -> Console:
    console = _Console(
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
    console.hyperlinks = env.is_terminal and env.color
    return console


#: A link a terminal may be asked to open: http(s), printable ASCII only, so nothing in it
#: can end the OSC 8 sequence early or smuggle in one of its own.
_LINKABLE = re.compile(r"https?://[!-~]+")


def link_text(console: Console, url: str, style: str = "cyan") -> Text:
    """A URL shown in full; clickable where the console makes links (see `_Console`)."""
    if getattr(console, "hyperlinks", False) and _LINKABLE.fullmatch(url):
        return Text(url, style=Style.parse(style) + Style(link=url))
    return safe(url, style)


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


#: `evidence` layouts, widest first: the columns beside the year, then the fields stacked
#: under the row. The first layout whose columns fit at their narrowest is used; the plot
#: is dropped first, then the figures move under the row, so nothing is ever cut.
_EVIDENCE_LAYOUTS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("study", "n", "dose", "result", "verdict", "effect", "plot"), ()),
    (("study", "n", "dose", "result", "verdict", "effect"), ()),
    (("study", "n", "dose", "verdict"), ("result", "effect", "plot")),
    (("study",), ("figures", "result", "effect", "plot")),
)
_HEADERS = {
    "year": "Year",
    "study": "Study and design",
    "n": "n",
    "dose": "Dose",
    "result": "Result",
    "verdict": "Verdict",
    "effect": "Effect",
}
#: How spare width is shared among the columns that wrap.
_WEIGHTS = {"study": 2, "result": 3, "effect": 4}
_UNDER_LABELS = {"figures": "", "result": "Result", "effect": "Effect", "plot": ""}
_GAP = 2


def _study_texts(fact: JSONObject) -> dict[str, list[str]]:
    """Each field of a study row as its unbreakable pieces (units) or its wrapping text."""
    study = fact["study"]
    participants = study.get("participants")
    return {
        "year": [str(study["year"])],
        "study": [printable(study["name"]), printable(study["design"])],
        "n": [str(participants or "")],
        "dose": [dose_text(study)],
        "result": [printable(study["result"])],
        "verdict": [study["verdict"]],
        "effect": effect_units(study.get("effect")),
        "figures": [
            unit for unit in (f"n={participants}" if participants else "", dose_text(study)) if unit
        ]
        + [study["verdict"]],
    }


_PLOT_WIDTH = 21


def _limits(key: str, texts: list[dict[str, list[str]]], plot: bool) -> tuple[int, int]:
    """The narrowest and widest a column needs to be."""
    values = [t[key] for t in texts]
    header = [_HEADERS.get(key, "")]
    if key in ("year", "n", "dose", "verdict"):  # figures: never wrapped
        wide = longest_line([*header, *(v[0] for v in values)])
        return wide, wide
    if key == "effect":
        narrow = max(longest_line(unit for v in values for unit in v), longest_word(header))
        if plot:
            narrow = max(narrow, _PLOT_WIDTH)
        return narrow, max(narrow, longest_line([*header, *(" ".join(v) for v in values)]))
    words = [*header, *(x for v in values for x in v)]
    return longest_word(words), longest_line(words)


@dataclass
class _Layout:
    columns: tuple[str, ...]  # beside the year
    under: tuple[str, ...]  # stacked under the row
    widths: list[int]  # the year's, then each column's
    plot: bool  # the effect column draws the plot


def _evidence_layout(
    records: Sequence[JSONObject], texts: list[dict[str, list[str]]], width: int
) -> _Layout:
    """The widest layout whose columns all fit at their narrowest."""
    year_width, _ = _limits("year", texts, False)
    drawn = any(effect_mark(fact["study"].get("effect")) for fact in records)
    for columns, under in _EVIDENCE_LAYOUTS:
        plot = "plot" in columns and drawn
        keys = tuple(c for c in columns if c != "plot")
        limits = [_limits(key, texts, plot) for key in keys]
        widths = share(
            [low for low, _ in limits],
            [high for _, high in limits],
            [_WEIGHTS.get(key, 0) for key in keys],
            width - year_width - _GAP * len(keys),
        )
        label = max((len(_UNDER_LABELS[k]) for k in under), default=0)
        stacked = [_limits(k, texts, False)[0] for k in under if k in ("result", "effect")]
        if (
            widths is not None
            and year_width + _GAP + label + _GAP + max(stacked, default=0) <= width
        ):
            return _Layout(keys, under, [year_width, *widths], plot)
    return _Layout(("study",), _EVIDENCE_LAYOUTS[-1][1], [year_width, width], False)


def _cell(key: str, fact: JSONObject, width: int, unicode: bool, plot: bool) -> Text:
    study = fact["study"]
    if key == "year":
        return Text(str(study["year"]))
    if key == "study":
        return _lines([(study["name"], "bold"), (study["design"], "dim")])
    if key == "n":
        return Text(str(study.get("participants") or ""))
    if key == "dose":
        return Text(dose_text(study))
    if key == "result":
        return safe(study["result"])
    if key == "verdict":
        return Text(study["verdict"], style=VERDICT_STYLES[study["verdict"]])
    effect = study.get("effect")
    lines = pack(effect_units(effect), width)
    mark = effect_mark(effect, _PLOT_WIDTH, unicode) if plot else ""
    return Text("\n".join([*lines, *([mark] if mark else [])]))


def _grid(widths: Sequence[int], right: Sequence[int] = ()) -> Table:
    grid = Table.grid(padding=(0, _GAP), pad_edge=False)
    for i, width in enumerate(widths):
        grid.add_column(width=width, justify="right" if i in right else "left")
    return grid


def _long_line(console: Console, indent: int, text: Text) -> None:
    """An id or a link on a line of its own: indented when it fits, else from the margin,
    and never wrapped, folded or cropped (a terminal narrower than a link wraps it whole)."""
    pad = indent if indent + text.cell_len <= console.width else 0
    console.print(Text(" " * pad) + text, soft_wrap=True)


def _stacked(key: str, fact: JSONObject, width: int, unicode: bool) -> Text | None:
    """A field shown under its row, or None if the study has none to show."""
    study = fact["study"]
    effect = study.get("effect")
    if key == "figures":
        return Text("\n".join(pack(_study_texts(fact)["figures"], width, " · ")))
    if key == "result":
        return safe(study["result"])
    if key == "effect":
        return Text("\n".join(pack(effect_units(effect), width))) if effect else None
    mark = effect_mark(effect, _PLOT_WIDTH, unicode)
    return Text(mark) if mark and width >= _PLOT_WIDTH else None


def evidence(env: Environment, records: Sequence[JSONObject]) -> None:
    """The studies side by side, trials first, each group in year order.

    Every figure, id and link is printed whole at any width: on a narrow terminal the plot
    goes first, then the figures move under their row (see `_EVIDENCE_LAYOUTS`).
    """
    console = make_console(env)
    unicode = _unicode(console)
    width = console.width
    layout = _evidence_layout(records, [_study_texts(fact) for fact in records], width)
    keys = ("year", *layout.columns)
    right = [keys.index("n")] if "n" in keys else []
    indent = layout.widths[0] + _GAP
    label_width = max((len(_UNDER_LABELS[k]) for k in layout.under), default=0)
    content_width = max(1, width - indent - label_width - _GAP)

    console.print(Text("LDN in fibromyalgia and chronic pain: the studies", style="bold"))
    console.print()
    header = _grid(layout.widths, right)
    header.add_row(*(Text(_HEADERS[k], style="bold") for k in keys))
    console.print(header)
    rule = "─" if unicode else "-"
    for heading, group in grouped(records):
        console.print()
        console.print(Text(f"{heading} ", style="bold") + Text(rule * (width - len(heading) - 1)))
        for fact in group:
            console.print()
            row = _grid(layout.widths, right)
            row.add_row(
                *(
                    _cell(key, fact, w, unicode, layout.plot)
                    for key, w in zip(keys, layout.widths, strict=True)
                )
            )
            console.print(row)
            for key in layout.under:
                content = _stacked(key, fact, content_width, unicode)
                if content is not None:
                    line = _grid([indent - _GAP, label_width, content_width])
                    line.add_row(Text(""), Text(_UNDER_LABELS[key], style="dim"), content)
                    console.print(line)
            _long_line(console, indent, safe(fact["id"], "dim"))
            for source in fact["sources"]:
                _long_line(console, indent, link_text(console, primary_link(source)))
    console.print()
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
