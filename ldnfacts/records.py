"""The objects ldnfacts prints as JSON: the one place the output contract is built.

Every key below is always present (null, [] or {} when unknown), so scripts can rely on
the shape; `schema/output.schema.json` describes it and the tests hold every command to it.
Within a major version keys may be added, never removed or renamed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

JSONObject = dict[str, Any]

#: Fields a source can carry in a fact file, in output order.
SOURCE_FIELDS = (
    "id",
    "title",
    "kind",
    "publisher",
    "authors",
    "year",
    "journal",
    "volume",
    "issue",
    "pages",
    "url",
    "doi",
    "pmid",
    "pmcid",
    "nct",
    "setid",
    "note",
    "checked",
)
#: The subset of a source repeated in every fact that cites it.
#: Fields of a fact's `study`, and of its `effect`; absent ones are printed as null.
STUDY_FIELDS = (
    "name",
    "type",
    "condition",
    "year",
    "design",
    "country",
    "participants",
    "population",
    "studies",
    "dose_mg",
    "dose_range_mg",
    "duration_weeks",
    "outcome",
    "result",
    "effect",
    "verdict",
)
EFFECT_FIELDS = ("measure", "estimate", "ci_low", "ci_high", "p", "scale")
CITATION_FIELDS = tuple(
    f for f in SOURCE_FIELDS if f not in ("volume", "issue", "pages", "note", "checked")
)


def links(source: JSONObject) -> dict[str, str | None]:
    """Canonical links derived from a source's identifiers."""
    doi, pmid, pmcid, nct = (source.get(k) for k in ("doi", "pmid", "pmcid", "nct"))
    return {
        "doi": f"https://doi.org/{doi}" if doi else None,
        "pubmed": f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid else None,
        "pmc": f"https://pmc.ncbi.nlm.nih.gov/articles/{pmcid}/" if pmcid else None,
        "registry": f"https://clinicaltrials.gov/study/{nct}" if nct else None,
    }


def all_links(source: JSONObject) -> list[str]:
    """Every link to a source, derived ones first, each once."""
    urls = [*links(source).values(), source.get("url")]
    return list(dict.fromkeys(url for url in urls if url))


def stored_source(raw: JSONObject) -> JSONObject:
    """A source as kept in the index: every field present, in order."""
    source = {name: raw.get(name) for name in SOURCE_FIELDS}
    source["authors"] = list(raw.get("authors") or [])
    return source


def stored_date(raw: JSONObject) -> str | None:
    """A fact's date as kept in the index: a bare year written as text."""
    date = raw.get("date")
    return None if date is None else str(date)


def stored_fact(raw: JSONObject) -> JSONObject:
    """A fact as kept in the index: every field present, a bare year written as text."""
    return {
        "id": raw["id"],
        "topic": raw["topic"],
        "status": raw["status"],
        "claim": raw["claim"],
        "tags": list(raw.get("tags") or []),
        "conditions": list(raw.get("conditions") or []),
        "note": raw.get("note"),
        "date": stored_date(raw),
        "related": list(raw.get("related") or []),
        "values": dict(raw.get("values") or {}),
        "study": _study(raw.get("study")),
        "sources": [{"ref": ref["ref"], "locator": ref.get("locator")} for ref in raw["sources"]],
    }


def _study(raw: JSONObject | None) -> JSONObject | None:
    if raw is None:
        return None
    study = {name: raw.get(name) for name in STUDY_FIELDS}
    if raw.get("effect") is not None:
        study["effect"] = {name: raw["effect"].get(name) for name in EFFECT_FIELDS}
    return study


def fact_records(facts: Iterable[JSONObject], sources: dict[str, JSONObject]) -> list[JSONObject]:
    """The documented fact objects: each stored fact with its citations spelled out.

    Each source's citation is spelled out once and copied for each fact citing it: a large
    base cites the same few hundred sources thousands of times, and spelling each out
    again was most of listing its facts."""
    spelled: dict[str, JSONObject] = {}
    records = []
    for fact in facts:
        record = {key: value for key, value in fact.items() if key != "sources"}
        cited = []
        for ref in fact["sources"]:
            known = spelled.get(ref["ref"])
            if known is None:
                known = spelled[ref["ref"]] = citation(sources[ref["ref"]], None)
            cited.append({**known, "links": dict(known["links"]), "locator": ref["locator"]})
        record["sources"] = cited
        records.append(record)
    return records


def citation(source: JSONObject, locator: str | None) -> JSONObject:
    cited = {name: source.get(name) for name in CITATION_FIELDS}
    cited["links"] = links(source)
    cited["locator"] = locator
    return cited


def source_record(source: JSONObject, cited_by: int) -> JSONObject:
    """The documented source object printed by `ldnfacts sources`."""
    record = dict(source)
    record["links"] = links(source)
    record["cited_by"] = cited_by
    return record


def sort_date(fact: JSONObject) -> str:
    """Dated facts in date order, undated ones after them."""
    return fact["date"] or "9999"
