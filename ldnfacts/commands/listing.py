"""What the topic commands and `search` share: run a query, title it, explain a miss."""

from __future__ import annotations

from ldnfacts.errors import ExitCode
from ldnfacts.query import Query
from ldnfacts.runner import Outcome, Request
from ldnfacts.views import FactList


def heading(title: str, shown: int, total: int) -> str:
    """`dose - 6 facts`, `search: pain - 10 of 25 facts`, `show - 1 fact`."""
    count = f"{shown} of {total}" if shown < total else str(shown)
    return f"{title} - {count} fact{'' if total == 1 else 's'}"


def list_facts(request: Request, query: Query, title: str) -> Outcome:
    """The facts answering `query`, or exit status 1 with the reason there are none."""
    from ldnfacts.query import find, miss_message

    answer = find(request.store(), query)
    view = FactList(answer.facts, heading(title, len(answer.facts), answer.total), answer.total)
    if not answer.facts:
        return Outcome(view, ExitCode.NO_MATCH, [miss_message(query, answer)])
    return Outcome(view)
