"""What a command hands to a renderer: one small, typed object per kind of answer.

A command body computes its whole answer first and returns one of these; only then is it
rendered (`runner`), so a retry after a damaged cache can never print anything twice. Each
format module registers a renderer per view kind it supports (`render.Renderers`).

Views are NamedTuples, as the other records that never change on the hot path: a dataclass
compiles its generated methods from source at every start (about 0.6 ms a class, 4 ms for
these seven), a NamedTuple almost nothing. `size` says how many items a view shows (an empty
view prints nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from ldnfacts.records import JSONObject

if TYPE_CHECKING:
    from ldnfacts.claims import CheckReport


class FactList(NamedTuple):
    """Facts from a topic listing or a search, best or natural order."""

    facts: list[JSONObject]
    #: A heading for a person: "dose - 6 facts", "search: tramadol - 10 of 14 facts".
    title: str
    #: How many facts matched before `--limit` cut the list.
    total: int
    #: Per fact, why it matched (for `--explain`); empty when not asked for.
    matches: Sequence[JSONObject] = ()

    def size(self) -> int:
        return len(self.facts)


class FactDetails(NamedTuple):
    """Facts in full (`show`), with the facts linked to them in either direction."""

    facts: list[JSONObject]
    #: Per fact id, the facts linked to it: its `related` ones and those that list it.
    linked: dict[str, list[JSONObject]]

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


class StudyList(NamedTuple):
    """Facts carrying structured study results (`evidence`), for one condition or all."""

    studies: list[JSONObject]
    #: The condition shown ("fibromyalgia"), or None for every condition.
    condition: str | None

    def size(self) -> int:
        return len(self.studies)

    def title(self) -> str:
        """`LDN in fibromyalgia: the studies`, naming the condition shown."""
        about = self.condition.replace("-", " ") if self.condition else "every condition"
        return f"LDN in {about}: the studies"


class SourceList(NamedTuple):
    """Sources with how many facts cite each (`sources`)."""

    sources: list[JSONObject]

    def size(self) -> int:
        return len(self.sources)


class TopicList(NamedTuple):
    """Each topic with its counts by standing; and each condition with its count."""

    topics: list[JSONObject]
    conditions: Sequence[JSONObject] = ()

    def size(self) -> int:
        return len(self.topics)


class Document(NamedTuple):
    """A value printed as it is: `paths`, `validate --json`, or a text block."""

    value: Any
    #: What plain and table formats print; JSON formats print `value`.
    text: str

    def size(self) -> int:
        return 1


class CheckedPages(NamedTuple):
    """Pages read by `check`, each with its claim sentences and the facts matched to them."""

    reports: list[CheckReport]

    def size(self) -> int:
        return sum(len(report.claims) for report in self.reports)


View = FactList | FactDetails | StudyList | SourceList | TopicList | Document | CheckedPages
