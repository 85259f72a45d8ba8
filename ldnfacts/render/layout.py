"""Column widths for terminal layouts that never cut a word, a figure, an id or a link.

Rich shrinks a table that does not fit by narrowing columns below their longest word, and
then folds or crops the words: `-10.8` became `-1`. Here every column gets at least its
longest unbreakable piece; when the columns of a layout cannot all have that, the caller
picks a narrower layout (fewer columns, the rest stacked under the row) instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len


def longest_word(texts: Iterable[str]) -> int:
    """Cells taken by the longest space-separated word of any text."""
    return max((cell_len(word) for text in texts for word in text.split()), default=0)


def longest_line(texts: Iterable[str]) -> int:
    return max((cell_len(line) for text in texts for line in text.splitlines()), default=0)


def pack(units: Sequence[str], width: int, separator: str = " ") -> list[str]:
    """Units joined by `separator` into lines of at most `width` cells, never splitting a
    unit (a unit wider than `width` gets a line of its own)."""
    lines: list[str] = []
    for unit in units:
        if lines and cell_len(lines[-1] + separator + unit) <= width:
            lines[-1] += separator + unit
        else:
            lines.append(unit)
    return lines


def share(
    minimums: Sequence[int],
    maximums: Sequence[int],
    weights: Sequence[int],
    available: int,
) -> list[int] | None:
    """Widths for columns that together take at most `available` cells, each at least its
    minimum; None if the minimums do not fit. Room left over goes to the columns with a
    weight, in proportion to it, until each reaches its maximum."""
    widths = list(minimums)
    if sum(widths) > available:
        return None
    room = available - sum(widths)
    while room > 0:
        growing = [i for i, w in enumerate(widths) if weights[i] and w < maximums[i]]
        if not growing:
            break
        total = sum(weights[i] for i in growing)
        given = 0
        for i in growing:
            step = min(max(1, room * weights[i] // total), maximums[i] - widths[i], room - given)
            widths[i] += step
            given += step
        room -= given
        if not given:
            break
    return widths
