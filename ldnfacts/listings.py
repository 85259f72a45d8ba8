"""Listings of the fact base that ask no question: facts by id with what links to them,
studies (`evidence`), sources, topics with their counts, and the base described.

Kept apart from `query`, which ranks and narrows facts for a question; both build the
documented objects with `records`.
"""

from __future__ import annotations

from ldnfacts.model import STATUSES, TOPICS
from ldnfacts.records import JSONObject, source_record
from ldnfacts.store import FactStore


def suggest_ids(store: FactStore, fact_id: str) -> list[str]:
    """Fact ids spelled like `fact_id`, from a bounded list of candidates: the ids one edit
    away (looked up by exact id, a few thousand at most) and those sharing its longest
    prefix. The work does not grow with the base."""
    from ldnfacts.suggest import SLUG_ALPHABET, best_matches, one_edit

    candidates = store.existing_ids(one_edit(fact_id, SLUG_ALPHABET))
    candidates += store.ids_around(fact_id)
    return best_matches(fact_id, candidates, n=3, cutoff=0.6)


def show(
    store: FactStore, fact_ids: list[str]
) -> tuple[list[JSONObject], dict[str, list[JSONObject]]]:
    """The facts asked for, and per fact the facts linked to it in either direction.

    A disputed claim lists the evidence against it under `related`; the evidence may
    instead be what lists the claim. Both directions are followed, one step.
    """
    facts = store.records(store.rowids_of(fact_ids))
    # One look-up each way for all the facts; sets built once, so many ids stay linear.
    forward = store.rowid_map(other for fact in facts for other in fact["related"])
    backward = store.referrers_of(fact["id"] for fact in facts)
    linked_rows: dict[str, list[int]] = {}
    for fact in facts:
        rows = [
            *(forward[other] for other in fact["related"] if other in forward),
            *backward.get(fact["id"], ()),
        ]
        linked_rows[fact["id"]] = list(dict.fromkeys(rows))
    every = list(dict.fromkeys(row for rows in linked_rows.values() for row in rows))
    by_row = dict(zip(every, store.records(every), strict=True))
    return facts, {
        fact_id: [by_row[row] for row in rows if by_row[row]["id"] != fact_id]
        for fact_id, rows in linked_rows.items()
    }


class Shown:
    """Everything `show` prints, computed before anything is printed: a damaged index
    found while computing it is rebuilt and the whole computed again, never half-printed."""

    __slots__ = ("facts", "linked", "missing")

    def __init__(
        self,
        facts: list[JSONObject],
        linked: dict[str, list[JSONObject]],
        missing: dict[str, list[str]],
    ) -> None:
        self.facts = facts
        self.linked = linked
        #: Ids asked for that no fact has, each with look-alike ids.
        self.missing = missing


def show_all(store: FactStore, fact_ids: list[str]) -> Shown:
    """The facts asked for, the facts linked to them, and suggestions for missing ids."""
    wanted = list(dict.fromkeys(fact_ids))
    facts, linked = show(store, wanted)
    found = {fact["id"] for fact in facts}
    missing = {f: suggest_ids(store, f) for f in wanted if f not in found}
    return Shown(facts, linked, missing)


#: The condition the evidence view shows unless asked for another.
DEFAULT_CONDITION = "fibromyalgia"


def condition_key(name: str) -> str:
    """The fact files' name for a condition as a person types it: `ME/CFS` -> `me-cfs`,
    `Crohn's disease` -> `crohns-disease`, `MS` -> `multiple-sclerosis` (through the
    vocabulary's condition concepts)."""
    import re

    from ldnfacts.words import fold, parse

    def slug(text: str) -> str:
        return re.sub(r"[^a-z0-9]+", "-", re.sub(r"['\u2019]", "", fold(text))).strip("-")

    key = slug(name)
    groups, _ = parse(name)
    if len(groups) == 1 and groups[0].concept is not None:
        concept = groups[0].concept
        for candidate in (concept.name, *concept.says):
            from ldnfacts.model import CONDITIONS

            if slug(candidate) in CONDITIONS:
                return slug(candidate)
    return key


def evidence(
    store: FactStore, limit: int | None = None, condition: str | None = DEFAULT_CONDITION
) -> list[JSONObject]:
    """Facts with structured study results about `condition` (every condition when None):
    trials first, then other studies, then reviews, each by year."""
    order = {"trial": 0, "lab-study": 1, "meta-analysis": 2, "review": 2}
    rowids = store.studies()
    if condition:
        allowed = store.with_conditions([condition_key(condition)])
        rowids = [r for r in rowids if r in allowed]
    studies = store.records(rowids)
    studies.sort(key=lambda f: (order.get(f["study"]["type"], 1), f["study"]["year"] or 0))
    return studies[:limit] if limit else studies


def sources(
    store: FactStore, terms: tuple[str, ...] = (), kinds: tuple[str, ...] = ()
) -> list[JSONObject]:
    """Source objects whose id, title, authors, venue or identifiers (DOI, PMID, PMCID,
    NCT) contain every term."""
    from ldnfacts.words import fold

    counts = store.citation_counts()
    wanted = [fold(t) for t in terms]
    found = []
    for source in store.sources().values():
        haystack = fold(
            " ".join(
                str(source.get(k) or "")
                for k in (
                    "id",
                    "title",
                    "publisher",
                    "journal",
                    "note",
                    "doi",
                    "pmid",
                    "pmcid",
                    "nct",
                )
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
    """Each topic with its number of facts, in total, by standing and by condition."""
    counts = {topic: dict.fromkeys(STATUSES, 0) for topic in TOPICS}
    for topic, status, number in store.status_counts():
        counts[topic][status] = number
    about: dict[str, dict[str, int]] = {topic: {} for topic in TOPICS}
    for topic, condition, number in store.condition_counts():
        about[topic][condition] = number
    return [
        {
            "topic": topic,
            "description": description,
            "facts": sum(counts[topic].values()),
            "statuses": counts[topic],
            "conditions": dict(sorted(about[topic].items(), key=lambda item: -item[1])),
        }
        for topic, description in TOPICS.items()
    ]


def condition_totals(topic_counts: list[JSONObject]) -> list[JSONObject]:
    """Each condition with its number of facts across the topics, most first."""
    from ldnfacts.model import CONDITIONS

    totals = dict.fromkeys(CONDITIONS, 0)
    for topic in topic_counts:
        for condition, number in topic["conditions"].items():
            totals[condition] = totals.get(condition, 0) + number
    return [
        {"condition": condition, "description": CONDITIONS.get(condition, ""), "facts": number}
        for condition, number in sorted(totals.items(), key=lambda item: -item[1])
        if number
    ]


def describe_base(store: FactStore) -> str:
    """`fact base v1.1.0, 2026-11-21; 159 facts, 79 sources; content 3f2a...`, for
    `--version`: the content hash tells two copies of a base apart."""
    import json

    from ldnfacts.render import counted

    meta = store.meta()
    base = json.loads(meta["base"])
    version = f"v{base['version']}" if base.get("version") else None
    described = ", ".join(str(v) for v in (version, base.get("updated")) if v)
    return (
        f"fact base {described + '; ' if described else ''}"
        f"{counted(int(meta['facts']), 'fact')}, {counted(int(meta['sources']), 'source')}; "
        f"content {store.content_digest()}"
    )
