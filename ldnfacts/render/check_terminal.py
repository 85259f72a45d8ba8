"""A checked page on a terminal: its claims in order, each under its standing's colour, with
the best fact's claim, standing and note under it; a summary; the disclaimer.

Text from the page and the data reaches Rich only through `terminal.safe` (inert text).
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ldnfacts.claims import CheckReport, Claim
from ldnfacts.environment import Environment
from ldnfacts.model import DISCLAIMER, UNSETTLED
from ldnfacts.render.check import summary
from ldnfacts.render.terminal import STATUS_STYLES, badge, make_console, safe


def _claim(claim: Claim, number: int, console: Console) -> Table:
    """The claim beside its number and standing; under it, the best fact."""
    head = Text()
    head.append(f"{number}. ", style="dim")
    if claim.facts:
        head.append_text(badge(claim.facts[0]["status"], console))
    elif claim.warnings:
        head.append("SAFETY", style="bold red")
    else:
        head.append("NOT COVERED", style="dim")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, min_width=16)
    grid.add_column(ratio=1, overflow="fold")
    grid.add_row(head, safe(claim.text, "bold"))
    grid.add_row("", _facts(claim))
    return grid


def _facts(claim: Claim) -> Text:
    text = Text()
    for fact in claim.warnings:
        text.append("Safety: ", style="bold red")
        text.append_text(safe(fact["claim"]))
        text.append_text(safe(f" ({fact['status']}; {fact['id']})", "dim"))
        text.append("\n")
    if not claim.facts:
        said = "has no fact stating this claim" if claim.warnings else "has nothing on this claim"
        text.append(f"The fact base {said}.", style="dim")
        return text
    best = claim.facts[0]
    indent = ""
    text.append("Fact: ", style="dim")
    text.append_text(safe(best["claim"]))
    if best["note"]:
        unsettled = best["status"] in UNSETTLED
        text.append(
            f"\n{indent}{'Why' if unsettled else 'Note'}: ",
            style=STATUS_STYLES[best["status"]] if unsettled else "dim",
        )
        text.append_text(safe(best["note"]))
    sources = ", ".join(dict.fromkeys(s["id"] for s in best["sources"]))
    text.append(f"\n{indent}", style="dim")
    text.append_text(safe(f"{best['id']} · sources: {sources}", "dim"))
    others = claim.facts[1:]
    if others:
        text.append(f"\n{indent}Also: ", style="dim")
        for i, fact in enumerate(others):
            if i:
                text.append(", ", style="dim")
            text.append_text(safe(fact["id"], STATUS_STYLES[fact["status"]]))
            text.append_text(safe(f" ({fact['status']})", "dim"))
    return text


def check(env: Environment, report: CheckReport) -> None:
    console = make_console(env)
    for number, claim in enumerate(report.claims, start=1):
        console.print(_claim(claim, number, console))
        console.print()
    console.print(safe(summary(report), "bold"))
    console.print(Text("`ldnfacts show ID` gives a fact in full with its sources.", style="dim"))
    console.print(Text(DISCLAIMER, style="dim italic"))
