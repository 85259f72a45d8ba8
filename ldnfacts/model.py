"""The vocabulary of the fact base: topics, standings, source kinds, conditions.

`schema/facts.schema.json` is the source of truth: each enum there carries its values and,
under `x-enum-descriptions`, what each means. The mappings below are the same vocabulary for
the fast path, which must not read the schema; `tests/test_content.py` checks that they are
equal, value for value and description for description, so neither can drift.
"""

from __future__ import annotations

#: Topics in the order they are listed, with what each covers.
TOPICS: dict[str, str] = {
    "dose": (
        "Standard and low doses, how the dose was found, and how LDN is taken: "
        "starting, timing, forms"
    ),
    "mechanism": "How LDN is said to work, and how well each idea is supported",
    "approval": "Approval history in date order, LDN's off-label status, access and cost",
    "symptom": (
        "What LDN is said to treat - fibromyalgia and other conditions - "
        "and the trials and reviews that test it"
    ),
    "safety": "Side effects, interactions, warnings, and who must not take it",
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

#: Standings a fact cannot have on the word of an interested party alone.
SETTLED = ("established", "supported")

#: What sort of document a source is.
SOURCE_KINDS: dict[str, str] = {
    "regulatory": "a regulator's document: a label, an FDA, EMA or MHRA notice or release",
    "government": "a government body's page or release (NIH, CDC, SAMHSA, a parliament)",
    "guideline": "a clinical guideline",
    "trial": "a clinical trial report, including open-label and pilot studies",
    "registry": "a trial registry record (ClinicalTrials.gov, EudraCT)",
    "review": "a narrative or scoping review, or a book chapter reviewing the literature",
    "systematic-review": "a systematic review that does not pool results",
    "meta-analysis": "a systematic review that pools results",
    "observational": "a cohort, register or case-series study without randomisation",
    "case-report": "a report of one or a few patients",
    "survey": "a population survey or prevalence estimate",
    "lab-study": "animal or cell experiments",
    "letter": "a letter or short communication in a journal",
    "interview": "a published interview",
    "advocacy": "a charity or patient group that promotes LDN; its `note` says what it promotes",
    "commercial": "anyone selling LDN or prescriptions for it; its `note` says what it sells",
}

#: Kinds of source with a stake in the claim: they must say what they sell or promote, and
#: cannot on their own make a fact `established` or `supported`.
#: Kinds of source published as articles: they cite as journal articles and may carry a DOI,
#: PMID or PMCID.
ARTICLE_KINDS = frozenset(
    {
        "trial",
        "review",
        "systematic-review",
        "meta-analysis",
        "observational",
        "case-report",
        "lab-study",
        "letter",
        "interview",
        "survey",
    }
)
INTERESTED_KINDS = ("commercial", "advocacy")

#: Conditions a fact can be about, in the order they are listed.
CONDITIONS: dict[str, str] = {
    "fibromyalgia": "fibromyalgia",
    "chronic-pain": "chronic pain in general, as pooled by reviews across conditions",
    "multiple-sclerosis": "multiple sclerosis (MS)",
    "crohns-disease": "Crohn's disease and inflammatory bowel disease",
    "long-covid": "long COVID (post-COVID-19 condition)",
    "me-cfs": "myalgic encephalomyelitis / chronic fatigue syndrome (ME/CFS)",
    "crps": "complex regional pain syndrome (CRPS)",
    "hypothyroidism": "Hashimoto's thyroiditis and hypothyroidism",
    "rheumatoid-arthritis": "rheumatoid arthritis",
    "autoimmune": "autoimmune and immune-related conditions in general",
    "allergy-asthma": "asthma and allergies",
    "cancer": "cancer",
    "hiv": "HIV and AIDS",
    "opioid-dependence": "opioid dependence, an approved use of standard-dose naltrexone",
    "alcohol-dependence": "alcohol dependence, an approved use of standard-dose naltrexone",
}

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
