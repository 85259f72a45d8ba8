"""What the topic commands and `search` share: run a query, title it, explain a miss."""

from ldnfacts.errors import ExitCode
from ldnfacts.query import Query
from ldnfacts.runner import Outcome, Request
from ldnfacts.views import FactList


def heading(title: str, shown: int, total: int) -> str:
    """`dose - 6 facts`, `search: pain - 10 of 25 facts`, `show - 1 fact`."""
    count = f"{shown} of {total}" if shown < total else str(shown)
    return f"{title} - {count} fact{'' if total == 1 else 's'}"


def list_facts(request: Request, query: Query, title: str) -> Outcome:
    """The facts answering `query`, or exit status 1 with the reason there are none.

    With `query.explain`, JSON formats add a `match` object to each fact and the others
    write one line per fact to stderr: the words that matched, where, and the score.
    """
    from ldnfacts.query import explain_lines, find, miss_message, notes

    answer = find(request.store(), query)
    in_json = request.fmt in ("json", "jsonl")
    view = FactList(
        answer.facts,
        heading(title, len(answer.facts), answer.total),
        answer.total,
        answer.matches if query.explain and in_json else [],
    )
    outcome = Outcome(view, notes_before=notes(answer))
    if query.explain and not in_json:
        outcome.notes.extend(explain_lines(answer))
    if not answer.facts:
        outcome.code = ExitCode.NO_MATCH
        outcome.notes.append(miss_message(query, answer))
    return outcome
