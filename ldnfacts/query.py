"""Find facts: by topic, by terms, by standing; rank them; explain a miss.

Every term must match (case- and accent-insensitive, as a word or the start of one) in a
fact's claim, tags or note; a term may also match through its aliases (`words.ALIASES`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ldnfacts.model import STATUSES, TOPICS
from ldnfacts.records import JSONObject, fact_record, source_record
from ldnfacts.store import FactStore


@dataclass(frozen=True)
class Query:
    topic: str | None = None
    terms: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    limit: int | None = None
    #: Best matches first (search); otherwise the natural order (topic listings).
    ranked: bool = False


@dataclass
class Answer:
    facts: list[JSONObject]
    #: How many facts matched before `--limit` cut the list.
    total: int
    #: For a miss: terms that match nothing anywhere, with words the data knows instead.
    suggestions: dict[str, list[str]] = field(default_factory=dict)


class _Matcher:
    """Scores facts against terms, remembering token look-ups within one query."""

    def __init__(self, store: FactStore) -> None:
        self.store = store
        self._tokens: dict[str, dict[int, int]] = {}

    def token(self, token: str) -> dict[int, int]:
        if token not in self._tokens:
            self._tokens[token] = self.store.matches(token)
        return self._tokens[token]

    def term(self, term: str) -> dict[int, int]:
        """Facts matching `term` through itself or any alias, with their best score."""
        from ldnfacts.words import term_alternatives

        best: dict[int, int] = {}
        for phrase in term_alternatives(term):
            for fact, score in all_of([self.token(token) for token in phrase]).items():
                best[fact] = max(best.get(fact, 0), score)
        return best


def all_of(matches: list[dict[int, int]]) -> dict[int, int]:
    """Facts found in every one of `matches`, scored by the sum of their scores."""
    if not matches:
        return {}
    combined = matches[0]
    for other in matches[1:]:
        combined = {fact: score + other[fact] for fact, score in combined.items() if fact in other}
    return combined


def find(store: FactStore, query: Query) -> Answer:
    """The facts answering `query`, as documented fact objects."""
    scope = None
    if query.topic or query.statuses:
        scope = store.listing(query.topic, query.statuses)
    if not query.terms:
        rowids = scope if scope is not None else store.listing(None, ())
        return _answer(store, rowids, query.limit)
    matcher = _Matcher(store)
    per_term = [matcher.term(term) for term in query.terms]
    scores = all_of(per_term)
    if scope is not None:
        allowed = set(scope)
        scores = {fact: s for fact, s in scores.items() if fact in allowed}
    if query.ranked:
        rowids = sorted(scores, key=lambda fact: (-scores[fact], fact))
    else:
        rowids = sorted(scores)
    answer = _answer(store, rowids, query.limit)
    if not rowids:
        answer.suggestions = {
            term: suggest(store, term)
            for term, found in zip(query.terms, per_term, strict=True)
            if not found
        }
    return answer


def _answer(store: FactStore, rowids: list[int], limit: int | None) -> Answer:
    shown = rowids[:limit] if limit else rowids
    return Answer(facts=records(store, shown), total=len(rowids))


def records(store: FactStore, rowids: list[int]) -> list[JSONObject]:
    """Documented fact objects for `rowids`, in that order."""
    stored = store.facts(rowids)
    sources = store.sources({ref["ref"] for f in stored.values() for ref in f["sources"]})
    return [fact_record(stored[r], sources) for r in rowids if r in stored]


def suggest(store: FactStore, term: str) -> list[str]:
    """Words in the fact base spelled like `term`: `microglai` -> `microglia`."""
    import difflib

    from ldnfacts.words import fold

    return difflib.get_close_matches(fold(term), store.vocabulary(), n=3, cutoff=0.75)


def suggest_ids(store: FactStore, fact_id: str) -> list[str]:
    """Fact ids spelled like `fact_id`, from a bounded list of candidates: the ids one edit
    away (looked up by exact id, a few thousand at most) and those sharing its longest
    prefix. The work does not grow with the base."""
    from ldnfacts.suggest import SLUG_ALPHABET, best_matches, one_edit

    candidates = store.existing_ids(one_edit(fact_id, SLUG_ALPHABET))
    candidates += store.ids_around(fact_id)
    return best_matches(fact_id, candidates, n=3, cutoff=0.6)


@dataclass
class Shown:
    """Everything `show` prints, computed before anything is printed: a damaged index
    found while computing it is rebuilt and the whole computed again, never half-printed."""

    facts: list[JSONObject]
    linked: list[JSONObject]
    #: Ids asked for that no fact has, each with look-alike ids.
    missing: dict[str, list[str]]


def show_all(store: FactStore, fact_ids: list[str]) -> Shown:
    """The facts asked for, the facts linked to them, and suggestions for missing ids."""
    wanted = list(dict.fromkeys(fact_ids))
    facts, linked = show(store, wanted)
    found = {fact["id"] for fact in facts}
    missing = {f: suggest_ids(store, f) for f in wanted if f not in found}
    return Shown(facts, linked, missing)


def show(store: FactStore, fact_ids: list[str]) -> tuple[list[JSONObject], list[JSONObject]]:
    """The facts asked for, and the facts linked to them in either direction.

    A disputed claim lists the evidence against it under `related`; the evidence may
    instead be what lists the claim. Both directions are followed, one step.
    """
    wanted = store.rowids_of(fact_ids)
    facts = records(store, wanted)
    # One look-up each way for all the facts; sets built once, so many ids stay linear.
    forward = store.rowid_map(other for fact in facts for other in fact["related"])
    backward = store.referrers_of(fact["id"] for fact in facts)
    seen = set(wanted)
    linked: list[int] = []
    for fact in facts:
        for rowid in [
            *(forward[other] for other in fact["related"] if other in forward),
            *backward.get(fact["id"], ()),
        ]:
            if rowid not in seen:
                seen.add(rowid)
                linked.append(rowid)
    return facts, records(store, linked)


def evidence(store: FactStore, limit: int | None = None) -> list[JSONObject]:
    """Facts with structured study results: trials first, then reviews, each by year."""
    order = {"trial": 0, "lab-study": 1, "meta-analysis": 2, "review": 2}
    studies = records(store, store.studies())
    studies.sort(key=lambda f: (order[f["study"]["type"]], f["study"]["year"]))
    return studies[:limit] if limit else studies


def sources(
    store: FactStore, terms: tuple[str, ...] = (), kinds: tuple[str, ...] = ()
) -> list[JSONObject]:
    """Source objects whose id, title, authors or venue contain every term."""
    from ldnfacts.words import fold

    counts = store.citation_counts()
    wanted = [fold(t) for t in terms]
    found = []
    for source in store.sources().values():
        haystack = fold(
            " ".join(
                str(source.get(k) or "") for k in ("id", "title", "publisher", "journal", "note")
            )
            + " "
            + " ".join(source["authors"])
        )
        if kinds and source["kind"] not in kinds:
            continue
        if all(term in haystack for term in wanted):
            found.append(source_record(source, counts.get(source["id"], 0)))
    return found


def topics(store: FactStore) -> list[JSONObject]:
    """Each topic with its number of facts, in total and by standing."""
    counts = {topic: dict.fromkeys(STATUSES, 0) for topic in TOPICS}
    for topic, status, number in store.status_counts():
        counts[topic][status] = number
    return [
        {
            "topic": topic,
            "description": description,
            "facts": sum(counts[topic].values()),
            "statuses": counts[topic],
        }
        for topic, description in TOPICS.items()
    ]


def describe_base(store: FactStore) -> str:
    """`fact base v1.0.0, 2026-11-21; 93 facts, 34 sources`, for `--version`."""
    import json

    meta = store.meta()
    base = json.loads(meta["base"])
    version = f"v{base['version']}" if base.get("version") else None
    described = ", ".join(str(v) for v in (version, base.get("updated")) if v)
    return (
        f"fact base {described + '; ' if described else ''}{meta['facts']} facts, "
        f"{meta['sources']} sources"
    )
