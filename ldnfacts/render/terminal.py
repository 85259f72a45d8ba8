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
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.text import Text

from ldnfacts.environment import Environment
from ldnfacts.model import DISCLAIMER, STATUSES, UNSETTLED
from ldnfacts.records import JSONObject, all_links
from ldnfacts.render import Renderers, counted
from ldnfacts.render.grid import Grid
from ldnfacts.render.layout import longest_line, longest_word, pack, share
from ldnfacts.render.studies import dose_text, effect_units
from ldnfacts.safe_text import printable
from ldnfacts.views import CheckedPages, StudyList

if TYPE_CHECKING:
    from rich.panel import Panel

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
    console.hyperlinks = env.hyperlinks
    return console


#: A link a terminal may be asked to open: http(s), printable ASCII only, so nothing in it
#: can end the OSC 8 sequence early or smuggle in one of its own.
_LINKABLE = re.compile(r"https?://[!-~]+")


def link_text(console: Console, url: str, style: str = "cyan") -> Text:
    """A URL shown in full; clickable where the console makes links (see `_Console`)."""
    if getattr(console, "hyperlinks", False) and _LINKABLE.fullmatch(url):
        return Text(url, style=Style.parse(style) + Style(link=url))
    return safe(url, style)


def uses_unicode(console: Console) -> bool:
    return console.encoding.lower().startswith("utf")


def safe(text: object, style: str = "") -> Text:
    """Data as inert Rich text."""
    return Text(printable(str(text)), style=style)


def inert_lines(parts: Sequence[tuple[object, str]]) -> Text:
    """Data values on separate lines, each made inert; empty values are skipped."""
    return Text("\n").join(safe(value, style) for value, style in parts if value)


def badge(status: str, console: Console) -> Text:
    mark = f"{STATUS_MARKS[status]} " if uses_unicode(console) else ""
    return Text(f"{mark}{status.upper()}", style=STATUS_STYLES[status])


class _Whole:
    """A line never broken, folded or cropped: an id or a link. It sits at `indent` when it
    fits there, else at the margin."""

    __slots__ = ("indent", "text")

    def __init__(self, indent: int, text: Text) -> None:
        self.indent = indent
        self.text = text


_Item = RenderableType | _Whole
GAP = 2


def column_grid(widths: Sequence[int], right: Sequence[int] = (), gap: int = GAP) -> Grid:
    """A borderless row of columns of exactly these widths, `gap` cells apart."""
    return Grid(widths, right, gap)


def _hanging(prefix: str, body: Text, width: int) -> Grid:
    """`prefix body`, where the body's wrapped lines stay indented past the prefix."""
    grid = column_grid([cell_len(prefix), max(1, width - cell_len(prefix) - 1)], gap=1)
    grid.add_row(Text(prefix, style="dim"), body)
    return grid


def long_line(console: Console, indent: int, text: Text) -> None:
    """A `_Whole` line printed on its own: indented when it fits, else from the margin, and
    never wrapped or cropped (a terminal narrower than a link wraps it whole)."""
    pad = indent if indent + text.cell_len <= console.width else 0
    console.print(Text(" " * pad) + text, soft_wrap=True)


def _fits(items: Sequence[_Item], width: int) -> bool:
    return all(item.text.cell_len <= width for item in items if isinstance(item, _Whole))


def _group(items: Sequence[_Item], width: int) -> Group:
    """Items for a box `width` cells wide in which every `_Whole` line fits (`_fits`), so
    is never wrapped."""
    return Group(
        *(
            Text(
                " " * (item.indent if item.indent + item.text.cell_len <= width else 0),
                no_wrap=True,
            )
            + item.text
            if isinstance(item, _Whole)
            else item
            for item in items
        )
    )


def _emit(console: Console, items: Sequence[_Item], indent: int) -> None:
    """Items straight to the console, `indent` cells in; whole lines may pass the edge."""
    for item in items:
        if isinstance(item, _Whole):
            long_line(console, indent + item.indent, item.text)
        else:
            console.print(Padding(item, (0, 0, 0, indent)))


def primary_link(source: JSONObject) -> str:
    """The one link that best identifies a source: DOI, trial registry, PubMed, web page."""
    links = source["links"]
    return str(
        links["doi"] or links["registry"] or links["pubmed"] or source.get("url") or source["id"]
    )


def _source_text(source: JSONObject) -> Text:
    text = safe(source["title"], "italic")
    venue = [v for v in (source.get("journal") or source.get("publisher"), source["year"]) if v]
    if venue:
        text.append_text(safe(" - " + ", ".join(str(v) for v in venue)))
    kind_style = "bold yellow" if source["kind"] == "commercial" else "dim"
    text.append(f" [{source['kind']}]", style=kind_style)
    if source["locator"]:
        text.append(" · ", style="dim")
        text.append_text(safe(source["locator"], "dim"))
    return text


def fact_items(fact: JSONObject, console: Console, width: int) -> list[_Item]:
    """Claim, then why it stands as it does, then where it comes from, for a box `width`
    cells wide. Source lines keep a hanging indent; links and the id are `_Whole` lines."""
    items: list[_Item] = [safe(fact["claim"], "bold")]
    unsettled = fact["status"] in UNSETTLED
    if fact["note"]:
        note = Text(
            "Why: " if unsettled else "Note: ",
            style=STATUS_STYLES[fact["status"]] if unsettled else "dim",
        )
        items.append(note + safe(fact["note"]))
    if fact["related"]:
        related = Text("See: " if unsettled else "Related: ", style="dim")
        items.append(related + safe(", ".join(fact["related"]), "cyan"))
    arrow = "  ↳" if uses_unicode(console) else "  -"
    for source in fact["sources"]:
        items.append(_hanging(arrow, _source_text(source), width))
        urls = [u for u in source["links"].values() if u] or [source.get("url")]
        items.extend(_Whole(4, link_text(console, url)) for url in urls if url)
    details = " · ".join([fact["id"], fact["topic"], *([fact["date"]] if fact["date"] else [])])
    if cell_len(details) <= width:
        items.append(safe(details, "dim"))
    else:
        items.append(_Whole(0, safe(fact["id"], "dim")))
        items.append(safe(" · ".join(details.split(" · ")[1:]), "dim"))
    return items


def footer(console: Console) -> None:
    console.print(Text(DISCLAIMER, style="dim italic"))


def _rule(console: Console, width: int) -> Text:
    return Text(("─" if uses_unicode(console) else "-") * width, style="dim")


def facts(env: Environment, records: Sequence[JSONObject], title: str) -> None:
    """Facts beside their standing; on a terminal too narrow for their links and ids, each
    fact under its standing instead."""
    console = make_console(env)
    width = console.width
    badges = [badge(fact["status"], console) for fact in records]
    badge_width = max([b.cell_len for b in badges] + [len("Standing")])
    body_width = width - badge_width - GAP
    bodies = [fact_items(fact, console, body_width) for fact in records]
    console.print(safe(title))
    console.print()
    if body_width >= 20 and all(_fits(items, body_width) for items in bodies):
        header = column_grid([badge_width, body_width])
        header.add_row(Text("Standing", style="bold"), Text("Fact and sources", style="bold"))
        console.print(header)
        console.print(_rule(console, width))
        for mark, items in zip(badges, bodies, strict=True):
            row = column_grid([badge_width, body_width])
            row.add_row(mark, _group(items, body_width))
            console.print(row)
            console.print()
    else:
        for fact, mark in zip(records, badges, strict=True):
            console.print(mark)
            _emit(console, fact_items(fact, console, width - GAP), GAP)
            console.print()
    footer(console)


def effect_units_text(effect: JSONObject | None) -> list[str]:
    """`effect_units`, each made inert (they are joined by line breaks of our own)."""
    return [printable(unit) for unit in effect_units(effect)]


def _study_grid(study: JSONObject, width: int) -> Grid:
    label_width = len("Participants")
    value_width = max(1, width - label_width - GAP)
    grid = column_grid([label_width, value_width])
    rows = [
        ("Study", study["name"]),
        ("Design", study["design"]),
        ("Participants", study.get("participants")),
        ("Population", study.get("population")),
        ("Dose", dose_text(study)),
        ("Weeks", study.get("duration_weeks")),
        ("Outcome", study.get("outcome")),
        ("Result", study["result"]),
        ("Effect", "\n".join(pack(effect_units_text(study.get("effect")), value_width))),
        ("Verdict", study["verdict"]),
    ]
    for label, value in rows:
        if value:
            shown = Text(value) if label == "Effect" else safe(value)
            grid.add_row(Text(label, style="dim"), shown)
    return grid


def _panel_items(fact: JSONObject, console: Console, width: int) -> list[_Item]:
    items = fact_items(fact, console, width)
    items.append(Text(f"{fact['status']}: {STATUSES[fact['status']]}", style="dim"))
    if fact["tags"]:
        items.append(safe("Tags: " + ", ".join(fact["tags"]), "dim"))
    if fact["study"]:
        items.append(_study_grid(fact["study"], width))
    return items


def fact_panel(fact: JSONObject, console: Console) -> Panel:
    """A fact in full in a box as wide as the console."""
    from rich import box
    from rich.panel import Panel

    width = console.width - 4  # border and padding
    return Panel(
        _group(_panel_items(fact, console, width), width),
        title=badge(fact["status"], console),
        title_align="left",
        border_style=STATUS_STYLES[fact["status"]],
        box=box.ROUNDED,
    )


def _linked(console: Console, linked: Sequence[JSONObject]) -> None:
    """The linked facts: standing, claim and id side by side when the id fits beside the
    claim, else the id under its claim, else each fact stacked."""
    width = console.width
    badges = [badge(fact["status"], console) for fact in linked]
    badge_width = max([b.cell_len for b in badges] + [len("Standing")])
    id_width = max([len(fact["id"]) for fact in linked] + [len("ID")])
    claim_width = width - badge_width - id_width - 2 * GAP
    rest = width - badge_width - GAP
    console.print(Text("Linked facts", style="bold"))
    console.print()
    if claim_width >= 24:
        widths = [badge_width, claim_width, id_width]
        header = column_grid(widths)
        header.add_row(*(Text(h, style="bold") for h in ("Standing", "Claim", "ID")))
        console.print(header)
        console.print(_rule(console, width))
        for fact, mark in zip(linked, badges, strict=True):
            row = column_grid(widths)
            row.add_row(mark, safe(fact["claim"]), safe(fact["id"], "dim"))
            console.print(row)
    elif rest >= id_width:
        for fact, mark in zip(linked, badges, strict=True):
            row = column_grid([badge_width, rest])
            row.add_row(mark, Group(safe(fact["claim"]), safe(fact["id"], "dim")))
            console.print(row)
    else:
        for fact, mark in zip(linked, badges, strict=True):
            console.print(mark)
            _emit(console, [safe(fact["claim"]), _Whole(0, safe(fact["id"], "dim"))], GAP)


def show(env: Environment, records: Sequence[JSONObject], linked: Sequence[JSONObject]) -> None:
    """Each fact in a box; a fact with a link wider than the box is printed unboxed, under
    its standing, so that the link stays whole."""
    console = make_console(env)
    inner = console.width - 4
    for fact in records:
        if _fits(_panel_items(fact, console, inner), inner):
            console.print(fact_panel(fact, console))
        else:
            console.print(badge(fact["status"], console))
            console.print(_rule(console, console.width))
            _emit(console, _panel_items(fact, console, console.width), 0)
            console.print()
    if linked:
        _linked(console, linked)
        console.print()
    footer(console)


def _header(
    console: Console, widths: Sequence[int], names: Sequence[str], right: Sequence[int] = ()
) -> None:
    """Column names in bold over a rule as wide as the console."""
    row = column_grid(widths, right)
    row.add_row(*(Text(name, style="bold") for name in names))
    console.print(row)
    console.print(_rule(console, console.width))


def _source_cell(source: JSONObject) -> tuple[Text, list[str]]:
    """A source's title, byline, note and id; and its words, which must never be split."""
    byline = ", ".join(
        str(v)
        for v in (
            "; ".join(source["authors"]) if source["authors"] else None,
            source.get("journal") or source.get("publisher"),
            source.get("year"),
        )
        if v
    )
    parts = [
        (source["title"], "bold"),
        (byline, ""),
        (source.get("note"), "dim"),
        (source["id"], "dim"),
    ]
    return inert_lines(parts), [printable(str(value)) for value, _ in parts if value]


def sources(env: Environment, records: Sequence[JSONObject]) -> None:
    """Sources with their kind, links and citation count. Links stay whole: beside the
    source when there is room, else each on a line of its own under it."""
    console = make_console(env)
    width = console.width
    cells = [_source_cell(source) for source in records]
    links = [all_links(source) for source in records]
    kind_width = max([len(s["kind"]) for s in records] + [len("Kind")])
    count_width = len("Cited by")
    link_width = max([cell_len(url) for urls in links for url in urls] + [len("Links")])
    texts = [text for _, words in cells for text in words]
    low, high = max(longest_word(texts), len("Source")), longest_line(texts)
    beside = share(
        [low, kind_width, link_width, count_width],
        [high, kind_width, link_width, count_width],
        [1, 0, 0, 0],
        width - 3 * GAP,
    )
    under = share(
        [low, kind_width, count_width], [high, kind_width, count_width], [1, 0, 0], width - 2 * GAP
    )
    if beside:
        _header(console, beside, ["Source", "Kind", "Links", "Cited by"], right=[3])
    elif under:
        _header(console, under, ["Source", "Kind", "Cited by"], right=[2])
    for source, (cell, _), urls in zip(records, cells, links, strict=True):
        kind = Text(source["kind"], style="bold yellow" if source["kind"] == "commercial" else "")
        count = Text(str(source["cited_by"]))
        if beside:
            row = column_grid(beside, right=[3])
            row.add_row(
                cell,
                kind,
                _group([_Whole(0, link_text(console, u)) for u in urls], link_width),
                count,
            )
            console.print(row)
        elif under:
            row = column_grid(under, right=[2])
            row.add_row(cell, kind, count)
            console.print(row)
            for url in urls:
                long_line(console, GAP, link_text(console, url))
        else:
            console.print(cell)
            console.print(kind + Text(f" · cited by {counted(source['cited_by'], 'fact')}"))
            for url in urls:
                long_line(console, GAP, link_text(console, url))
        console.print()
    footer(console)


def topics(
    env: Environment, records: Sequence[JSONObject], conditions: Sequence[JSONObject] = ()
) -> None:
    """Each topic with its counts by standing; on a narrow terminal the description, then
    the counts, move under the topic's row. Then the conditions the facts are about."""
    console = make_console(env)
    width = console.width
    names = ["Topic", "Facts", *(s.capitalize() for s in STATUSES)]
    columns = [
        [t["topic"], str(t["facts"]), *(str(t["statuses"][s]) for s in STATUSES)] for t in records
    ]
    fixed = [max(len(name), *(len(row[i]) for row in columns)) for i, name in enumerate(names)]
    described = [printable(t["description"]) for t in records]
    low = max(longest_word(described), len("What it covers"))
    beside = share(
        [*fixed, low],
        [*fixed, longest_line(described)],
        [0] * len(fixed) + [1],
        width - GAP * len(fixed),
    )
    counts_only = sum(fixed) + GAP * (len(fixed) - 1) <= width
    numbers = list(range(1, len(fixed)))
    styles = ["bold", "", *(STATUS_STYLES[s] for s in STATUSES)]
    if beside:
        _header(console, beside, [*names, "What it covers"], right=numbers)
    elif counts_only:
        _header(console, fixed, names, right=numbers)
    else:
        _header(console, fixed[:2], names[:2], right=[1])
    indent = fixed[0] + GAP
    for topic, row, description in zip(records, columns, described, strict=True):
        cells = [Text(value, style=style) for value, style in zip(row, styles, strict=True)]
        if beside:
            grid = column_grid(beside, right=numbers)
            grid.add_row(*cells, Text(description))
            console.print(grid)
            continue
        grid = column_grid(
            fixed if counts_only else fixed[:2], right=numbers if counts_only else [1]
        )
        grid.add_row(*(cells if counts_only else cells[:2]))
        console.print(grid)
        stacked: list[_Item] = []
        if not counts_only:
            units = [f"{topic['statuses'][s]} {s}" for s in STATUSES]
            stacked.append(Text("\n".join(pack(units, max(1, width - indent), " · "))))
        stacked.append(Text(description, style="dim"))
        _emit(console, stacked, indent)
    console.print()
    if conditions:
        units = [f"{c['condition']} {c['facts']}" for c in conditions]
        console.print(Text("Facts by condition (--condition NAME narrows any fact command):"))
        console.print(Text("\n".join(pack(units, max(1, width - 2), " · ")), style="dim"))
        console.print()
    footer(console)


def _studies(env: Environment, view: StudyList) -> None:
    from ldnfacts.render.terminal_evidence import evidence

    evidence(env, view.studies, view.title())


def _claims(env: Environment, view: CheckedPages) -> None:
    from ldnfacts.render.check_terminal import check

    for report in view.reports:
        check(env, report)


RENDERERS: Renderers = {
    "facts": lambda env, view: facts(env, view.facts, view.title),
    "details": lambda env, view: show(env, view.facts, view.all_linked()),
    "studies": _studies,
    "sources": lambda env, view: sources(env, view.sources),
    "topics": lambda env, view: topics(env, view.topics, view.conditions),
    "document": lambda env, view: env.out(view.text),
    "claims": _claims,
}
