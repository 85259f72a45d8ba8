"""Plain text for pipes: one record per line, tab-separated fields, no header, no colour.

Control characters in the data are escaped (`\\t`, `\\n`, `\\x1b`), so every record stays on
its own line and nothing reaches the terminal as an instruction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ldnfacts.environment import Environment
from ldnfacts.records import JSONObject
from ldnfacts.render import Renderers
from ldnfacts.safe_text import printable
from ldnfacts.views import CheckedPages


def _row(fields: Iterable[object]) -> str:
    return "\t".join("" if f is None else printable(str(f)) for f in fields) + "\n"


def identifiers(source: JSONObject) -> str:
    """`doi:10.1002/art.37734 pmid:23359310 nct:NCT00568555`, the identifiers a source has."""
    return " ".join(
        f"{key}:{source[key]}" for key in ("doi", "pmid", "pmcid", "nct") if source.get(key)
    )


def facts(records: Sequence[JSONObject]) -> str:
    """`id  topic  status  claim  source-ids` per fact."""
    return "".join(
        _row((f["id"], f["topic"], f["status"], f["claim"], _source_ids(f))) for f in records
    )


def fact_details(records: Sequence[JSONObject], linked: Sequence[JSONObject]) -> str:
    """`field<TAB>value` lines for each fact in full, then one `related` line per link."""
    out = []
    for fact in records:
        for key in ("id", "topic", "status", "claim", "note", "date"):
            if fact[key] is not None:
                out.append(_row((key, fact[key])))
        for key in ("tags", "related"):
            if fact[key]:
                out.append(_row((key, ", ".join(fact[key]))))
        for source in fact["sources"]:
            out.append(
                _row(
                    (
                        "source",
                        source["id"],
                        source["title"],
                        source["locator"],
                        identifiers(source),
                    )
                )
            )
    out.extend(_row(("linked", f["id"], f["status"], f["claim"])) for f in linked)
    return "".join(out)


def sources(records: Sequence[JSONObject]) -> str:
    """`id  kind  year  cited-by  title  identifiers` per source."""
    return "".join(
        _row((s["id"], s["kind"], s["year"], s["cited_by"], s["title"], identifiers(s)))
        for s in records
    )


def topics(records: Sequence[JSONObject]) -> str:
    """`topic  facts  description` per topic."""
    return "".join(_row((t["topic"], t["facts"], t["description"])) for t in records)


def evidence(records: Sequence[JSONObject]) -> str:
    """`id  year  study  design  participants  dose  result  verdict  effect  source-ids
    group` per study, grouped as the table shows them: trials, laboratory studies, then
    reviews (`group` is `trial`, `lab-study` or `review`), each group in year order."""
    from ldnfacts.render.studies import dose_text, effect_text, group_of, in_group_order

    return "".join(
        _row(
            (
                f["id"],
                s["year"],
                s["name"],
                s["design"],
                s.get("participants"),
                dose_text(s),
                s["result"],
                s["verdict"],
                effect_text(s.get("effect")),
                _source_ids(f),
                group_of(f),
            )
        )
        for f in in_group_order(records)
        for s in [f["study"]]
    )


def _source_ids(fact: JSONObject) -> str:
    return ",".join(dict.fromkeys(s["id"] for s in fact["sources"]))


def _claims(env: Environment, view: CheckedPages) -> None:
    from ldnfacts.render import check

    env.out("".join(check.plain(report) for report in view.reports))


RENDERERS: Renderers = {
    "facts": lambda env, view: env.out(facts(view.facts)),
    "details": lambda env, view: env.out(fact_details(view.facts, view.all_linked())),
    "studies": lambda env, view: env.out(evidence(view.studies)),
    "sources": lambda env, view: env.out(sources(view.sources)),
    "topics": lambda env, view: env.out(topics(view.topics)),
    "document": lambda env, view: env.out(view.text),
    "claims": _claims,
}
