"""Columns of fixed widths side by side, drawn as Rich's `Table.grid` draws them.

Every terminal layout here gives each column its width (see `layout`), so a table's
measuring and width sharing is never needed; Rich's Table costs about 3 ms to import and,
nested in every fact's row and source line, a fifth of the time a fact list takes to draw
(its measuring, and a padding layer around every cell). A `Grid` lays out
the same lines: each cell rendered at its column's width as a Table cell is (wrapped, left
or right justified, a word too long cut with an ellipsis, padded to the width), columns
`gap` cells apart, rows stacked and top-aligned.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment


class Grid:
    """A borderless row (or rows) of columns of exactly these widths, `gap` cells apart;
    the columns listed in `right` are right-justified."""

    def __init__(self, widths: Sequence[int], right: Sequence[int] = (), gap: int = 2) -> None:
        self.widths = list(widths)
        self.right = frozenset(right)
        self.gap = gap
        self.rows: list[Sequence[RenderableType]] = []

    def add_row(self, *cells: RenderableType) -> None:
        self.rows.append(cells)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        gap = Segment(" " * self.gap)
        new_line = Segment.line()
        for row in self.rows:
            missing: list[RenderableType] = [""] * (len(self.widths) - len(row))
            cells = [
                console.render_lines(
                    cell,
                    options.update(
                        width=width,
                        justify="right" if index in self.right else "left",
                        no_wrap=False,
                        overflow="ellipsis",
                        height=None,
                        highlight=False,
                    ),
                )
                for index, (width, cell) in enumerate(
                    zip(self.widths, [*row, *missing], strict=True)
                )
            ]
            for number in range(max(len(lines) for lines in cells)):
                for index, (width, lines) in enumerate(zip(self.widths, cells, strict=True)):
                    if index:
                        yield gap
                    if number < len(lines):
                        yield from lines[number]
                    else:
                        yield Segment(" " * width)
                yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = sum(self.widths) + self.gap * (len(self.widths) - 1)
        return Measurement(width, width)
