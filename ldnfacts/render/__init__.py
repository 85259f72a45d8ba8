"""Renderers: each turns documented records into one output format.

`plain`, `jsonout`, `markdown` and `citations` use only the standard library; `terminal`
imports Rich and is loaded only when a person is reading a terminal (or asks for a table).
"""


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """`1 fact`, `2 facts`, `0 facts`: a count with its noun in the right number."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
