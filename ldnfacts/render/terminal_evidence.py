"""`evidence` on a terminal: the studies side by side, every figure, id and link whole.

The widest layout that fits is chosen (see `_EVIDENCE_LAYOUTS`): the plot goes first, then
the figures move under their row, so a narrow terminal never crops an effect size.
Kept apart from `terminal` because its layout rules are its own; the primitives (console,
grids, inert text, links) are `terminal`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text

from ldnfacts.environment import Environment
from ldnfacts.records import JSONObject
from ldnfacts.render.layout import longest_line, longest_word, pack, share
from ldnfacts.render.studies import dose_text, effect_mark, grouped
from ldnfacts.render.terminal import (
    GAP,
    VERDICT_STYLES,
    column_grid,
    effect_units_text,
    footer,
    inert_lines,
    link_text,
    long_line,
    make_console,
    primary_link,
    safe,
    uses_unicode,
)
from ldnfacts.safe_text import printable

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
        "effect": effect_units_text(study.get("effect")),
        "figures": [
            unit for unit in (f"n={participants}" if participants else "", dose_text(study)) if unit
        ]
        + [study["verdict"]],
    }


_PLOT_WIDTH = 21
#: Below these widths the text columns read one or two words a line: stack instead.
_COMFORT = {"study": 22, "result": 24}


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
    return max(longest_word(words), _COMFORT.get(key, 0)), longest_line(words)


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
            width - year_width - GAP * len(keys),
        )
        label = max((len(_UNDER_LABELS[k]) for k in under), default=0)
        stacked = [_limits(k, texts, False)[0] for k in under if k in ("result", "effect")]
        if widths is not None and year_width + GAP + label + GAP + max(stacked, default=0) <= width:
            return _Layout(keys, under, [year_width, *widths], plot)
    return _Layout(
        ("study",), _EVIDENCE_LAYOUTS[-1][1], [year_width, max(1, width - year_width - GAP)], False
    )


def _cell(key: str, fact: JSONObject, width: int, unicode: bool, plot: bool) -> Text:
    study = fact["study"]
    if key == "year":
        return Text(str(study["year"]))
    if key == "study":
        return inert_lines([(study["name"], "bold"), (study["design"], "dim")])
    if key == "n":
        return Text(str(study.get("participants") or ""))
    if key == "dose":
        return Text(dose_text(study))
    if key == "result":
        return safe(study["result"])
    if key == "verdict":
        return Text(study["verdict"], style=VERDICT_STYLES[study["verdict"]])
    effect = study.get("effect")
    lines = pack(effect_units_text(effect), width)
    mark = effect_mark(effect, _PLOT_WIDTH, unicode) if plot else ""
    return Text("\n".join([*lines, *([mark] if mark else [])]))


def _stacked(key: str, fact: JSONObject, width: int, unicode: bool) -> Text | None:
    """A field shown under its row, or None if the study has none to show."""
    study = fact["study"]
    effect = study.get("effect")
    if key == "figures":
        return Text("\n".join(pack(_study_texts(fact)["figures"], width, " · ")))
    if key == "result":
        return safe(study["result"])
    if key == "effect":
        return Text("\n".join(pack(effect_units_text(effect), width))) if effect else None
    mark = effect_mark(effect, _PLOT_WIDTH, unicode)
    return Text(mark) if mark and width >= _PLOT_WIDTH else None


def evidence(env: Environment, records: Sequence[JSONObject], title: str) -> None:
    """The studies side by side, trials first, each group in year order.

    Every figure, id and link is printed whole at any width: on a narrow terminal the plot
    goes first, then the figures move under their row (see `_EVIDENCE_LAYOUTS`).
    """
    console = make_console(env)
    unicode = uses_unicode(console)
    width = console.width
    layout = _evidence_layout(records, [_study_texts(fact) for fact in records], width)
    keys = ("year", *layout.columns)
    right = [keys.index("n")] if "n" in keys else []
    indent = layout.widths[0] + GAP
    label_width = max((len(_UNDER_LABELS[k]) for k in layout.under), default=0)
    content_width = max(1, width - indent - label_width - GAP)

    console.print(Text(title, style="bold"))
    console.print()
    header = column_grid(layout.widths, right)
    header.add_row(*(Text(_HEADERS[k], style="bold") for k in keys))
    console.print(header)
    rule = "─" if unicode else "-"
    for heading, group in grouped(records):
        console.print()
        console.print(Text(f"{heading} ", style="bold") + Text(rule * (width - len(heading) - 1)))
        for fact in group:
            console.print()
            row = column_grid(layout.widths, right)
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
                    line = column_grid([indent - GAP, label_width, content_width])
                    line.add_row(Text(""), Text(_UNDER_LABELS[key], style="dim"), content)
                    console.print(line)
            long_line(console, indent, safe(fact["id"], "dim"))
            for source in fact["sources"]:
                long_line(console, indent, link_text(console, primary_link(source)))
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
    footer(console)
