"""Renderers: each output format is one module that registers what it can render.

A format module defines a `Renderers` table (one entry per view kind it supports) and is
named once in `FORMATS` below; adding a format is one new module and one line here. Tables
are typed, so mypy checks every renderer against the view it is given. Modules load on
first use: `plain`, `jsonout`, `markdown` and `citations` use only the standard library,
while `terminal` imports Rich and is loaded only for a person reading a terminal (or who
asks for a table).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TypedDict

from ldnfacts.environment import Environment
from ldnfacts.views import (
    CheckedPages,
    Document,
    FactDetails,
    FactList,
    SourceList,
    StudyList,
    TopicList,
    View,
)


class Renderers(TypedDict, total=False):
    """What one format can render: a function per view kind, each writing to `env`."""

    facts: Callable[[Environment, FactList], None]
    details: Callable[[Environment, FactDetails], None]
    studies: Callable[[Environment, StudyList], None]
    sources: Callable[[Environment, SourceList], None]
    topics: Callable[[Environment, TopicList], None]
    document: Callable[[Environment, Document], None]
    claims: Callable[[Environment, CheckedPages], None]


#: Format name -> (module, name of its `Renderers` table). One line per format.
FORMATS: dict[str, tuple[str, str]] = {
    "table": ("ldnfacts.render.terminal", "RENDERERS"),
    "plain": ("ldnfacts.render.plain", "RENDERERS"),
    "json": ("ldnfacts.render.jsonout", "JSON"),
    "jsonl": ("ldnfacts.render.jsonout", "JSONL"),
    "markdown": ("ldnfacts.render.markdown", "RENDERERS"),
    "csl-json": ("ldnfacts.render.citations", "CSL_JSON"),
    "bibtex": ("ldnfacts.render.citations", "BIBTEX"),
    "claimreview": ("ldnfacts.render.check", "CLAIMREVIEW"),
}

#: Formats whose output is one document a program parses: printed even for no result
#: (`[]`), where the others print nothing.
DOCUMENT_FORMATS = frozenset({"json", "csl-json", "claimreview"})


class UnsupportedFormat(Exception):
    """The format has no renderer for this kind of answer."""

    def __init__(self, fmt: str, kind: str) -> None:
        self.fmt, self.kind = fmt, kind
        usable = ", ".join(name for name in FORMATS if kind in renderers(name))
        super().__init__(f"--format {fmt} cannot show {kind}; use one of: {usable}")


def renderers(fmt: str) -> Renderers:
    """The renderer table of a format, importing its module on first use."""
    module, table = FORMATS[fmt]
    found: Renderers = getattr(importlib.import_module(module), table)
    return found


def kind_of(view: View) -> str:
    """The `Renderers` key for a view."""
    return _KINDS[type(view)]


_KINDS: dict[type, str] = {
    FactList: "facts",
    FactDetails: "details",
    StudyList: "studies",
    SourceList: "sources",
    TopicList: "topics",
    Document: "document",
    CheckedPages: "claims",
}


def check_supported(fmt: str, kind: str) -> None:
    """Raise UnsupportedFormat before any work is done, when `fmt` cannot show `kind`."""
    if kind not in renderers(fmt):
        raise UnsupportedFormat(fmt, kind)


def render(env: Environment, fmt: str, view: View) -> None:
    """Write `view` to `env` in format `fmt`; an empty answer prints nothing, except the
    empty document of a JSON format."""
    if not view.size() and fmt not in DOCUMENT_FORMATS:
        return
    table = renderers(fmt)
    # One branch per kind keeps each call checked against its renderer's signature.
    if isinstance(view, FactList) and "facts" in table:
        table["facts"](env, view)
    elif isinstance(view, FactDetails) and "details" in table:
        table["details"](env, view)
    elif isinstance(view, StudyList) and "studies" in table:
        table["studies"](env, view)
    elif isinstance(view, SourceList) and "sources" in table:
        table["sources"](env, view)
    elif isinstance(view, TopicList) and "topics" in table:
        table["topics"](env, view)
    elif isinstance(view, Document) and "document" in table:
        table["document"](env, view)
    elif isinstance(view, CheckedPages) and "claims" in table:
        table["claims"](env, view)
    else:
        raise UnsupportedFormat(fmt, kind_of(view))


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """`1 fact`, `2 facts`, `0 facts`: a count with its noun in the right number."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
