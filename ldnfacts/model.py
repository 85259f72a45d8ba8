"""The vocabulary of the fact base: topics, standings, and what each means."""

from __future__ import annotations

#: Topics in the order they are listed, with what each covers.
TOPICS: dict[str, str] = {
    "dose": "Standard and low doses, and how the dose was found",
    "mechanism": "How LDN is said to work, and how well each idea is supported",
    "approval": "Approval history in date order, and LDN's off-label status",
    "symptom": "What LDN is said to treat, and the trials and reviews that test it",
    "safety": "Side effects, interactions and warnings",
}

#: Other names a topic answers to on the command line.
TOPIC_ALIASES: dict[str, str] = {"symptoms": "symptom", "history": "approval"}

#: How a claim stands against the evidence, strongest first.
STATUSES: dict[str, str] = {
    "established": "a regulator's label or consistent trials",
    "supported": "at least one primary study",
    "claimed": "only the cited source says so",
    "contested": "primary evidence conflicts",
    "disputed": "authoritative sources contradict it",
}

#: Standings a reader must not mistake for settled: shown with their note and related facts.
UNSETTLED = ("contested", "disputed")

DISCLAIMER = (
    "Information, not medical advice. Talk to a clinician before starting or stopping any medicine."
)


def schema_enum(definition: str, field: str) -> list[str]:
    """The allowed values of `field` in `$defs/<definition>` of the facts schema, which is
    the one place the fact files' vocabulary is written down (read on demand: ~1 ms)."""
    import json

    from ldnfacts.paths import FACTS_SCHEMA

    with open(FACTS_SCHEMA, encoding="utf-8") as handle:
        schema = json.load(handle)
    values: list[str] = schema["$defs"][definition]["properties"][field]["enum"]
    return values
