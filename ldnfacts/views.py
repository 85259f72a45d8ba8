"""What a command hands to a renderer: one small, typed object per kind of answer.

A command body computes its whole answer first and returns one of these; only then is it
rendered (`runner`), so a retry after a damaged cache can never print anything twice. Each
format module registers a renderer per view kind it supports (`render.Renderers`).

Views, as the other records on the fast paths, are plain classes with `__slots__`: a
dataclass compiles its generated methods from source at every start (about 0.6 ms a class),
and a NamedTuple its constructor (about 0.9 million instructions a class, 20 million for the
23 a check once defined: 3% of a check, 7% of `dose --json`); a plain class costs a tenth of
that. `tests/test_imports.py` holds the fast paths to none of either. `size` says how many
items a view shows (an empty view prints nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ldnfacts.records import JSONObject

if TYPE_CHECKING:
    from ldnfacts.claims import CheckReport


class FactList:
    """Facts from a topic listing or a search, best or natural order."""

    __slots__ = ("facts", "matches", "title", "total")

    def __init__(
        self,
        facts: list[JSONObject],
        title: str,
        total: int,
        matches: Sequence[JSONObject] = (),
    ) -> None:
        self.facts = facts
        #: A heading for a person: "dose - 6 facts", "search: tramadol - 10 of 14 facts".
        self.title = title
        #: How many facts matched before `--limit` cut the list.
        self.total = total
        #: Per fact, why it matched (for `--explain`); empty when not asked for.
        self.matches = matches

    def size(self) -> int:
        return len(self.facts)


class FactDetails:
    """Facts in full (`show`), with the facts linked to them in either direction."""

    __slots__ = ("facts", "linked")

    def __init__(self, facts: list[JSONObject], linked: dict[str, list[JSONObject]]) -> None:
        self.facts = facts
        #: Per fact id, the facts linked to it: its `related` ones and those that list it.
        self.linked = linked

    def size(self) -> int:
        return len(self.facts)

    def all_linked(self) -> list[JSONObject]:
        """Every linked fact once, in first-seen order, leaving out the facts shown."""
        shown = {fact["id"] for fact in self.facts}
        seen: dict[str, JSONObject] = {}
        for links in self.linked.values():
            for fact in links:
                if fact["id"] not in shown:
                    seen.setdefault(fact["id"], fact)
        return list(seen.values())


class StudyList:
    """Facts carrying structured study results (`evidence`), for one condition or all."""

    __slots__ = ("condition", "studies")

    def __init__(self, studies: list[JSONObject], condition: str | None) -> None:
        self.studies = studies
        #: The condition shown ("fibromyalgia"), or None for every condition.
        self.condition = condition

    def size(self) -> int:
        return len(self.studies)

    def title(self) -> str:
        """`LDN in fibromyalgia: the studies`, naming the condition shown."""
        about = self.condition.replace("-", " ") if self.condition else "every condition"
        return f"LDN in {about}: the studies"


class SourceList:
    """Sources with how many facts cite each (`sources`)."""

    __slots__ = ("sources",)

    def __init__(self, sources: list[JSONObject]) -> None:
        self.sources = sources

    def size(self) -> int:
        return len(self.sources)


class TopicList:
    """Each topic with its counts by standing; and each condition with its count."""

    __slots__ = ("conditions", "topics")

    def __init__(self, topics: list[JSONObject], conditions: Sequence[JSONObject] = ()) -> None:
        self.topics = topics
        self.conditions = conditions

    def size(self) -> int:
        return len(self.topics)


class Document:
    """A value printed as it is: `paths`, `validate --json`, or a text block."""

    __slots__ = ("text", "value")

    def __init__(self, value: Any, text: str) -> None:
        self.value = value
        #: What plain and table formats print; JSON formats print `value`.
        self.text = text

    def size(self) -> int:
        return 1


class CheckedPages:
    """Pages read by `check`, each with its claim sentences and the facts matched to them."""

    __slots__ = ("reports",)

    def __init__(self, reports: list[CheckReport]) -> None:
        self.reports = reports

    def size(self) -> int:
        return sum(len(report.claims) for report in self.reports)


View = FactList | FactDetails | StudyList | SourceList | TopicList | Document | CheckedPages
