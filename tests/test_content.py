"""What the fact base holds, apart from how it is ranked (issue 10).

- the vocabulary is written once: the JSON Schema's enums, and `model.py` equal to them;
- sources: kinds, identifiers on the kinds that can carry them, `checked` days;
- standing rules: interested parties (sellers, advocates) say what they sell or promote and
  cannot alone make a fact settled;
- every correction of Part 1 of the evidence reference that a test can check;
- every subject of Parts 2-7 has at least one fact;
- for each development question, some fact in the base is a right answer by the scorer's
  own predicate (content, measured apart from ranking);
- what a reader sees first in a topic (issue 14): LDN's dose, not the addiction dose.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ldnfacts import model
from ldnfacts.paths import FACTS_SCHEMA, OUTPUT_SCHEMA
from ldnfacts.query import Query, find
from ldnfacts.records import EFFECT_FIELDS, SOURCE_FIELDS, STUDY_FIELDS, stored_fact
from ldnfacts.store import FactStore
from ldnfacts.yamlfile import read_fact_file

from .conftest import BUNDLED, MINIMAL, ROOT, Invoke

SHARED = ROOT.parent / "shared"
QUESTIONS = SHARED / "eval" / "questions.yaml"
REFERENCE = SHARED / "reference" / "ldn-evidence.md"
CHECKED_TODAY = "2026-11-21"

Fact = dict[str, Any]


@pytest.fixture(scope="module")
def base() -> dict[str, Any]:
    data: dict[str, Any] = read_fact_file(str(BUNDLED)).data
    return data


@pytest.fixture(scope="module")
def facts(base: dict[str, Any]) -> dict[str, Fact]:
    return {f["id"]: f for f in base["facts"]}


@pytest.fixture(scope="module")
def sources(base: dict[str, Any]) -> dict[str, Fact]:
    return {s["id"]: s for s in base["sources"]}


def text_of(fact: Fact) -> str:
    """What the question scorer reads: claim, tags and note, lowercased."""
    return " ".join(
        [fact["claim"], " ".join(fact.get("tags") or []), fact.get("note") or ""]
    ).lower()


# -- one vocabulary -----------------------------------------------------------------------


def _schema(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


@pytest.mark.parametrize(
    ("where", "mapping"),
    [
        (("fact", "topic"), model.TOPICS),
        (("fact", "status"), model.STATUSES),
        (("source", "kind"), model.SOURCE_KINDS),
        (("condition",), model.CONDITIONS),
    ],
    ids=["topics", "statuses", "kinds", "conditions"],
)
def test_model_vocabulary_equals_the_schema(
    where: tuple[str, ...], mapping: dict[str, str]
) -> None:
    defs = _schema(FACTS_SCHEMA)["$defs"]
    node = defs[where[0]] if len(where) == 1 else defs[where[0]]["properties"][where[1]]
    assert node["enum"] == list(mapping)
    assert node["x-enum-descriptions"] == mapping


def test_output_schema_uses_the_same_vocabulary() -> None:
    fact = _schema(OUTPUT_SCHEMA)["$defs"]["fact"]
    assert fact["properties"]["topic"]["enum"] == list(model.TOPICS)
    assert fact["properties"]["status"]["enum"] == list(model.STATUSES)
    assert fact["properties"]["conditions"]["items"]["enum"] == list(model.CONDITIONS)
    stored = stored_fact(
        {"id": "x", "topic": "dose", "status": "claimed", "claim": "c", "sources": []}
    )
    assert set(stored) == set(fact["required"])
    assert stored["conditions"] == []  # always a list, even when the file has none


def test_stored_source_fields_are_the_schema_fields() -> None:
    schema_fields = set(_schema(FACTS_SCHEMA)["$defs"]["source"]["properties"])
    assert set(SOURCE_FIELDS) == schema_fields
    output = _schema(OUTPUT_SCHEMA)["$defs"]["source"]["required"]
    assert set(SOURCE_FIELDS) <= set(output)


def test_study_fields_and_enums_agree_across_schemas() -> None:
    facts_defs = _schema(FACTS_SCHEMA)["$defs"]
    output_defs = _schema(OUTPUT_SCHEMA)["$defs"]
    assert set(STUDY_FIELDS) == set(facts_defs["study"]["properties"])
    assert set(STUDY_FIELDS) == set(output_defs["study"]["required"])
    assert set(EFFECT_FIELDS) == set(facts_defs["effect"]["properties"])
    for key in ("type", "verdict"):
        assert (
            output_defs["study"]["properties"][key]["enum"]
            == facts_defs["study"]["properties"][key]["enum"]
        )


def test_interested_kinds_are_kinds() -> None:
    assert set(model.INTERESTED_KINDS) <= set(model.SOURCE_KINDS)
    assert set(model.SETTLED) <= set(model.STATUSES)


# -- sources -------------------------------------------------------------------------------

#: Which kinds of source may carry each identifier.
IDENTIFIER_KINDS = {
    "nct": {"trial", "registry"},
    "setid": {"regulatory"},
    "doi": set(model.ARTICLE_KINDS),
}
IDENTIFIER_KINDS["pmid"] = IDENTIFIER_KINDS["doi"]
IDENTIFIER_KINDS["pmcid"] = IDENTIFIER_KINDS["doi"]
SETID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def test_kinds_are_known_and_identifiers_sit_on_kinds_that_have_them(
    sources: dict[str, Fact],
) -> None:
    for source in sources.values():
        assert source["kind"] in model.SOURCE_KINDS, source["id"]
        for key, kinds in IDENTIFIER_KINDS.items():
            if key in source:
                assert source["kind"] in kinds, (source["id"], key, source["kind"])
        if "setid" in source:
            assert SETID.match(source["setid"]), source["id"]


def test_checked_days_are_real_and_not_in_the_future(sources: dict[str, Fact]) -> None:
    today = datetime.date.today()
    checked = [s for s in sources.values() if "checked" in s]
    assert len(checked) >= 60
    for source in checked:
        day = datetime.date.fromisoformat(source["checked"])
        assert day <= today, source["id"]


def test_unchecked_sources_say_they_are_second_hand(sources: dict[str, Fact]) -> None:
    second_hand = re.compile(r"second-hand|only as|known only|seen only|not recorded")
    for source in sources.values():
        if "checked" not in source:
            assert second_hand.search(source.get("note", "")), source["id"]


def test_interested_sources_say_what_they_sell_or_promote(sources: dict[str, Fact]) -> None:
    interested = [s for s in sources.values() if s["kind"] in model.INTERESTED_KINDS]
    assert {s["kind"] for s in interested} == {"commercial", "advocacy"}
    for source in interested:
        assert re.search(r"\bsell|\bpromot", source["note"]), source["id"]


def test_no_bracketed_title_where_the_reference_gives_the_real_one(
    sources: dict[str, Fact],
) -> None:
    titled = {
        "yang-2023": "The Safety and Efficacy of Low-Dose Naltrexone",
        "vatvani-2024": "with trial sequential analysis",
        "ann-med-surg-2025": "Efficacy and safety of low-dose naltrexone (LDN) in fibromyalgia",
        "ologunowa-2025": "Efficacy of Low-Dose Naltrexone in Treating Patients",
        "hegde-2025": "Management of Chronic Pain Syndrome",
        "bolton-2019": "Serious adverse events reported in placebo randomised",
        "bruun-2026-letter": "a re-analysis suggests lower efficacy",
        "zagon-mclaughlin-2018": "Intermittent blockade of OGFr",
        "stoddard-zummo-2015": "Removal of Boxed Warning for Hepatotoxicity",
        "bihari-2013-interview": "Low-dose Naltrexone for Normalizing Immune System Function",
        "rassi-mariani-2024": "The use of naltrexone in the treatment of chronic pain",
        "innova-registry": "Cost-utility and Physiological Effects of LDN",
        "innova-protocol-2022": "Cost-utility and Physiological Effects of LDN",
    }
    for source_id, words in titled.items():
        title = sources[source_id]["title"]
        assert words in title and not title.startswith("["), source_id
    assert len(sources["bolton-2019"]["authors"]) == 8
    assert sources["yang-2023"]["authors"][-1] == "Mohabbat, A. B."


# -- standing rules --------------------------------------------------------------------------


def test_no_fact_is_settled_on_interested_sources_alone(
    base: dict[str, Any], sources: dict[str, Fact]
) -> None:
    for fact in base["facts"]:
        kinds = {sources[ref["ref"]]["kind"] for ref in fact["sources"]}
        if fact["status"] in model.SETTLED:
            assert not kinds <= set(model.INTERESTED_KINDS), fact["id"]


def _validate(invoke: Invoke, tmp_path: Path, text: str) -> str:
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    out = invoke("validate", str(path))
    assert out.code == 3, out.stdout
    return out.stdout


def test_supported_on_advocacy_alone_is_an_error(invoke: Invoke, tmp_path: Path) -> None:
    text = MINIMAL.replace("kind: trial", "kind: advocacy\n    note: promotes LDN")
    assert "status: supported" in text
    out = _validate(invoke, tmp_path, text)
    assert "cannot be `supported` on commercial or advocacy sources alone" in out


def test_interested_source_without_a_note_is_an_error(invoke: Invoke, tmp_path: Path) -> None:
    out = _validate(invoke, tmp_path, MINIMAL.replace("kind: trial", "kind: advocacy"))
    assert "missing required field `note`" in out
    assert "saying what the party sells or promotes" in out


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2999-01-01", "is in the future"),
        ("2023-02-30", "is not a date that exists"),
        ("2023", "does not have the expected form"),
    ],
)
def test_checked_must_be_a_real_past_day(
    invoke: Invoke, tmp_path: Path, day: str, message: str
) -> None:
    text = MINIMAL.replace("kind: trial", f"kind: trial\n    checked: '{day}'")
    assert f"checked: '{day}'" in text
    assert message in _validate(invoke, tmp_path, text)


def test_unknown_condition_is_an_error(invoke: Invoke, tmp_path: Path) -> None:
    text = MINIMAL.replace(
        "    tags: [milligram]\n", "    tags: [milligram]\n    conditions: [gout]\n"
    )
    assert "conditions: [gout]" in text
    assert "`gout` is not one of the allowed values" in _validate(invoke, tmp_path, text)


# -- Part 1: corrections -------------------------------------------------------------------


def test_bolton_figures(facts: dict[str, Fact]) -> None:
    fact = facts["safety-serious-adverse-events-not-increased"]
    values = fact["values"]
    assert (values["trials_found"], values["trials"], values["participants"]) == (89, 26, 4960)
    assert (values["sae_rr"], values["sae_ci_low"], values["sae_ci_high"]) == (0.84, 0.66, 1.06)
    assert (values["dizziness_rr"], values["vomiting_rr"]) == (1.45, 1.91)
    assert "4,960" in fact["claim"] and "11,194" not in fact["claim"]
    assert "opioid users were excluded" in fact["note"] and "only 5" in fact["note"]


STANDINGS = {
    "safety-safe-well-tolerated": "contested",
    "safety-tolerated-in-short-trials": "supported",
    "symptom-improves-mood": "contested",
    "symptom-ldn-highly-effective": "disputed",
    "safety-side-effects-rare": "disputed",
    "safety-vivid-dreams": "supported",
    "approval-2006-vivitrol-alcohol": "established",
    "approval-2010-vivitrol-opioid": "established",
    "mech-low-opioid-levels-autoimmune": "claimed",
    "symptom-5-million-americans": "contested",
}


@pytest.mark.parametrize(("fact_id", "status"), STANDINGS.items())
def test_corrected_standings(facts: dict[str, Fact], fact_id: str, status: str) -> None:
    assert facts[fact_id]["status"] == status


def test_well_tolerated_is_split(facts: dict[str, Fact], sources: dict[str, Fact]) -> None:
    seed = facts["safety-safe-well-tolerated"]
    assert {sources[r["ref"]]["kind"] for r in seed["sources"]} == {"commercial"}
    assert seed["note"]
    short = facts["safety-tolerated-in-short-trials"]
    for figure in ("84%", "86%", "68.8%", "72%", "1.4", "1.12", "1.75", "must not"):
        assert figure in short["claim"], figure
    assert "one of the side effects" in facts["safety-vivid-dreams"]["claim"]


def test_review_corrections(facts: dict[str, Fact], sources: dict[str, Fact]) -> None:
    hegde = facts["review-hegde-2025"]
    assert "active drugs" in hegde["claim"] and "1.4" in hegde["claim"]
    assert hegde["study"]["effect"]["estimate"] == -0.34
    assert sources["hegde-2025"]["pmid"] == "40540205"
    assert sources["rassi-mariani-2024"]["kind"] == "systematic-review"
    assert "421" in facts["review-rassi-mariani-2024"]["note"]
    yang = facts["review-yang-2023"]
    assert yang["study"]["verdict"] == "inconclusive" and "case reports" in yang["claim"]


def test_trial_corrections(facts: dict[str, Fact], sources: dict[str, Fact]) -> None:
    cytokines = facts["mech-cytokines-pilot-2017"]
    assert "crossover" in cytokines["study"]["design"] and "IL-10" in cytokines["claim"]
    assert "3 weeks" in facts["trial-bested-2023"]["note"]
    crossover = facts["trial-stanford-crossover-2013"]
    assert "12 weeks on LDN against 4 on placebo" in crossover["note"]
    assert "53 people" in crossover["note"]
    innova = facts["trial-innova"]
    assert "usual treatment" in innova["claim"] and "68.8%" in innova["claim"]
    assert "not verified" in innova["note"]
    protocol = sources["innova-protocol-2022"]
    assert (protocol["pmid"], protocol["pmcid"]) == ("34992118", "PMC8739052")
    dose_finding = facts["dose-finding-2020"]
    assert (dose_finding["values"]["enrolled"], dose_finding["values"]["evaluable"]) == (27, 25)


def test_approval_corrections(facts: dict[str, Fact], sources: dict[str, Fact]) -> None:
    vivitrol = facts["approval-2010-vivitrol-opioid"]
    assert vivitrol["date"] == "2010-10-12"
    for fact_id in ("approval-2010-vivitrol-opioid", "approval-2006-vivitrol-alcohol"):
        assert [r["ref"] for r in facts[fact_id]["sources"]] == ["fda-vivitrol-2010-release"]
    assert "fda-vivitrol-briefing" not in sources
    dated = [f for f in facts.values() if f["topic"] == "approval" and "date" in f]
    for fact in dated:
        assert "livertox-naltrexone" not in {r["ref"] for r in fact["sources"]}, fact["id"]
    assert "announce" in facts["approval-1995-alcohol"]["claim"]
    assert "FDA's own action" in facts["approval-1995-alcohol"]["note"]


def test_note_and_label_corrections(facts: dict[str, Fact], sources: dict[str, Fact]) -> None:
    assert "multiple sclerosis" in facts["mech-low-opioid-levels-autoimmune"]["note"]
    assert "Zagon" in facts["symptom-fibromyalgia-autoimmune-grouping"]["note"]
    assert "Outdated" in facts["symptom-5-million-americans"]["note"]
    label = sources["fda-naltrexone-label"]
    assert label["setid"] == "74087d2f-468d-4de1-a2fc-a489d0f2abef"
    assert label["url"].endswith("setid=" + label["setid"]) and "search.cfm" not in label["url"]
    pilot = sources["younger-mackey-2009"]
    assert pilot["doi"] == "10.1111/j.1526-4637.2009.00613.x" and "secondary" in pilot["note"]


# -- Parts 2-7: every subject has a fact ----------------------------------------------------

#: Subject -> words that one fact must all contain (claim, tags and note), and the standings
#: it may have (None: any).
SUBJECTS: dict[str, tuple[tuple[str, ...], tuple[str, ...] | None]] = {
    # Part 2: regulatory history and access
    "first approval 1984": (("1984", "opioid dependence"), ("established",)),
    "alcohol approval 1995": (("16 january 1995", "alcohol"), None),
    "vivitrol 2006": (("vivitrol", "2006", "alcohol"), ("established",)),
    "boxed warning removed": (("boxed", "july", "october", "2013"), ("established",)),
    "off-label, approved drugs": (("off-label", "pregabalin", "duloxetine", "milnacipran"), None),
    "EMA negative opinion": (("orphan", "6 october 2016", "negative"), None),
    "UK unlicensed special": (("unlicensed", "special", "nice"), None),
    "US: no low-dose product": (("no low-dose naltrexone product is approved",), None),
    "Norway uptake": (("15,297", "3.7 mg"), None),
    # Part 3: more fibromyalgia evidence
    "FINAL exploratory outcomes": (("conditioned pain modulation", "chance"), None),
    "FINAL authors' advice": (("advise against starting",), None),
    "Mayo series": (("115", "60%", "opioids"), None),
    "scoping review": (("47 studies", "scoping"), None),
    "Saif 2026": (("-0.46", "dizziness"), None),
    # Part 4: using LDN
    "range 1-5 mg and 4.5 mg": (("1 to 5 mg", "4.5 mg"), None),
    "why 4.5 mg": (("4.5 mg", "dose-finding study", "chose"), None),
    "why FINAL used 6 mg": (("6 mg", "5.4 mg", "4 weeks"), None),
    "no titration schedule": (("titration", "no label or guideline", "no trial"), None),
    "what trials did": (("titration", "british columbia", "1 mg", "4.5 mg"), None),
    "what charities do": (("ldn research trust", "start low", "1 mg"), ("claimed",)),
    "timing in trials": (("night", "evening", "before sleep"), None),
    "morning dosing advice": (("morning", "no trial has compared"), ("claimed",)),
    "forms and access": (("compounding", "capsules", "liquid", "50 mg tablets"), None),
    "cost": (("cost", "$0.50", "$25", "insurers"), ("claimed",)),
    "time to effect": (("8 to 12 weeks", "how long"), None),
    "stopping": (("stopping", "more sensitive to opioids", "taper"), None),
    # Part 5: safety
    "contraindications": (("must not", "methadone", "buprenorphine", "withdrawal"), None),
    "opioid-free periods": (("7 to 10 days", "10 to 14 days", "tramadol"), ("established",)),
    "opioids the block covers": (("hydrocodone", "fentanyl", "cough", "anti-diarrhoea"), None),
    "overdose overriding the block": (("override", "fatal overdose"), ("established",)),
    "thioridazine": (("thioridazine", "lethargy"), None),
    "alcohol": (("alcohol", "no known interaction", "no data"), None),
    "surgery guidelines": (("surgery", "none deals with ldn", "24 to 48 hours"), None),
    "surgery LDN advice": (("surgery", "2 days", "3 days", "48 hours"), ("claimed",)),
    "pregnancy": (("pregnan", "category c", "b3", "no pregnancy outcome data"), None),
    "breastfeeding": (("breastfeeding", "5 mg", "1%"), None),
    "liver": (("liver", "cirrhosis", "5 to 10 times", "no study"), None),
    "kidney": (("kidney", "60%", "no ldn data"), None),
    "urine drug tests": (("drug test", "oxycodone", "noroxymorphone"), None),
    "low-dose side effects": (("7 of 17", "4 of 49", "nausea", "headache"), None),
    "depression warning": (("depression", "suicidal"), ("established",)),
    # Part 6: other conditions
    "multiple sclerosis": (("multiple sclerosis",), ("contested",)),
    "MS trial figures": (("multiple sclerosis", "+3.3", "80 enrolled"), None),
    "Crohn's": (("crohn's", "cochrane", "low-certainty"), ("supported",)),
    "Crohn's trial figures": (("88%", "40%", "p=0.009"), None),
    "long COVID": (("long covid", "before-and-after"), ("contested",)),
    "ME/CFS": (("me/cfs", "218", "no randomised trial"), ("claimed",)),
    "CRPS": (("complex regional pain syndrome", "case reports"), ("claimed",)),
    "Hashimoto's": (("hashimoto", "898", "no trial"), ("disputed",)),
    "thyroid dose claim": (("hashimoto", "thyroid hormone dose", "no trial"), ("claimed",)),
    "rheumatoid arthritis": (("rheumatoid arthritis", "360", "13%"), ("claimed",)),
    "cancer and HIV": (("cancer", "hiv", "case", "no trial"), ("claimed", "disputed")),
}


@pytest.mark.parametrize("subject", SUBJECTS)
def test_every_subject_has_a_fact(base: dict[str, Any], subject: str) -> None:
    words, statuses = SUBJECTS[subject]
    matching = [
        f["id"]
        for f in base["facts"]
        if all(w in text_of(f) for w in words) and (statuses is None or f["status"] in statuses)
    ]
    assert matching, subject


#: Part 7: sellers' and advocates' claims, each with the standing it may have.
SELLER_CLAIMS = {
    "claim-safe-in-pregnancy": ("disputed",),
    "claim-no-liver-damage": ("contested", "disputed"),
    "claim-no-side-effects": ("disputed",),
    "claim-early-flare": ("claimed",),
    "claim-taper-needed": ("claimed",),
    "claim-bedtime-endorphin-peak": ("claimed",),
    "claim-no-drug-test": ("disputed",),
    "claim-no-prescription-needed": ("disputed",),
    "claim-patent-expired": ("claimed",),
    "claim-thyroid-dose-cut": ("claimed",),
}


@pytest.mark.parametrize("fact_id", SELLER_CLAIMS)
def test_seller_claims_cite_the_party_and_link_the_evidence(
    facts: dict[str, Fact], sources: dict[str, Fact], fact_id: str
) -> None:
    fact = facts[fact_id]
    assert fact["status"] in SELLER_CLAIMS[fact_id]
    kinds = {sources[r["ref"]]["kind"] for r in fact["sources"]}
    assert kinds & set(model.INTERESTED_KINDS), fact_id
    assert fact["related"] and all(other in facts for other in fact["related"])
    assert len(fact["note"]) > 40


# -- conditions ----------------------------------------------------------------------------


def test_every_condition_has_facts(base: dict[str, Any]) -> None:
    counts = dict.fromkeys(model.CONDITIONS, 0)
    for fact in base["facts"]:
        for condition in fact.get("conditions", []):
            counts[condition] += 1
    assert all(counts.values()), counts
    assert counts["fibromyalgia"] > max(n for c, n in counts.items() if c != "fibromyalgia")


@pytest.mark.parametrize(
    "condition",
    ["fibromyalgia", "chronic-pain", "multiple-sclerosis", "crohns-disease", "long-covid"],
)
def test_conditions_with_studies_have_evidence_rows(base: dict[str, Any], condition: str) -> None:
    studies = [f for f in base["facts"] if "study" in f and condition in f.get("conditions", [])]
    assert studies, condition


def test_json_output_carries_conditions(invoke: Invoke) -> None:
    shown = invoke("show", "trial-crohns-smith-2011", "dose-titration-no-standard", "--json")
    by_id = {f["id"]: f for f in shown.json()}
    assert by_id["trial-crohns-smith-2011"]["conditions"] == ["crohns-disease"]
    assert by_id["dose-titration-no-standard"]["conditions"] == []
    listed = invoke("sources", "fda-naltrexone-label", "--json").json()
    assert listed[0]["checked"] == CHECKED_TODAY and listed[0]["setid"]


# -- what a reader sees first (issue 14) --------------------------------------------------


def test_dose_topic_leads_with_the_ldn_dose(store: FactStore, facts: dict[str, Fact]) -> None:
    listed = find(store, Query(topic="dose")).facts
    first, last = listed[0], listed[-1]
    assert first["id"] == "dose-ldn-usual-4-5mg"
    assert "1 to 5 mg" in first["claim"] and "50 mg" not in first["claim"]
    assert last["id"] == "dose-standard-50mg"
    assert "dependence" in last["claim"] and "not LDN" in last["claim"]


def test_topics_list_facts_in_file_order(store: FactStore, base: dict[str, Any]) -> None:
    for topic in ("dose", "symptom", "safety"):
        in_file = [f["id"] for f in base["facts"] if f["topic"] == topic]
        assert [f["id"] for f in find(store, Query(topic=topic)).facts] == in_file


def test_symptom_leads_with_whether_ldn_helps_fibromyalgia(store: FactStore) -> None:
    first = find(store, Query(topic="symptom")).facts[0]
    assert first["id"] == "symptom-fibromyalgia-overview" and first["status"] == "contested"
    assert {"trial-final-2024", "trial-innova", "trial-bested-2023"} <= set(first["related"])


def test_safety_leads_with_who_must_not_take_it(store: FactStore) -> None:
    first = find(store, Query(topic="safety")).facts[0]
    assert "must not" in first["claim"] and "opioid" in first["claim"]


# -- content for the development questions, apart from ranking ----------------------------


def _questions() -> list[dict[str, Any]]:
    if not QUESTIONS.is_file():
        return []
    import yaml

    loaded: dict[str, Any] = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    return [q for q in loaded["questions"] if {"any", "all", "status"} & set(q)]


def _right(fact: Fact, question: dict[str, Any]) -> bool:
    """The scorer's predicate (eval/run_questions.py), applied to one fact."""
    text = text_of(fact)
    return (
        any(k in text for k in question.get("any", [""]))
        and all(k in text for k in question.get("all", []))
        and ("status" not in question or fact["status"] in question["status"])
    )


@pytest.mark.skipif(not QUESTIONS.is_file(), reason="the question set lives outside the repo")
@pytest.mark.parametrize("question", _questions(), ids=lambda q: str(q["q"]))
def test_each_question_has_a_right_answer_in_the_base(
    base: dict[str, Any], question: dict[str, Any]
) -> None:
    assert any(_right(f, question) for f in base["facts"]), question["q"]


#: Questions whose right answer must also be on point, not just match the scorer's words.
ON_POINT: dict[str, Callable[[Fact], bool]] = {
    "hydrocodone": lambda f: "must not" in f["claim"] and "hydrocodone" in f["claim"],
    "fentanyl": lambda f: "must not" in f["claim"] and "fentanyl" in f["claim"],
    "buprenorphine": lambda f: "must not" in f["claim"] and "buprenorphine" in f["claim"],
    "starting dose": lambda f: "start" in f["claim"] and "mg" in f["claim"],
    "pregnancy": lambda f: "pregnan" in f["claim"] and f["status"] != "claimed",
}


@pytest.mark.parametrize("name", ON_POINT)
def test_answers_are_on_point(base: dict[str, Any], name: str) -> None:
    assert any(ON_POINT[name](f) for f in base["facts"]), name


# -- paraphrase: nothing pasted from the reference ----------------------------------------


def _word_runs(text: str, length: int = 7) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + length]) for i in range(len(words) - length + 1)}


def _prose(run: tuple[str, ...]) -> bool:
    """A run of words, not of data: figures, intervals and lists of drug names repeat the
    record by necessity, so a run counts only with four or more words of 3+ letters."""
    return sum(1 for word in run if word.isalpha() and len(word) >= 3) >= 4


@pytest.mark.skipif(not REFERENCE.is_file(), reason="the reference lives outside the repo")
def test_reference_sentences_are_paraphrased_not_pasted(base: dict[str, Any]) -> None:
    ours = " | ".join(
        " ".join([f["claim"], f.get("note", ""), *f.get("tags", [])]) for f in base["facts"]
    )
    reference = _word_runs(REFERENCE.read_text(encoding="utf-8"))
    copied = sorted(run for run in _word_runs(ours) & reference if _prose(run))
    assert not copied, copied[:3]


def test_new_kinds_export_as_articles_or_web_pages(invoke: Invoke) -> None:
    reviews = invoke("sources", "--kind", "systematic-review", "--format", "bibtex").stdout
    assert reviews.count("@article{") >= 2  # Yang 2023, Rassi-Mariani 2024
    items = {i["id"]: i for i in invoke("sources", "--format", "csl-json").json()}
    assert items["driver-dsouza-2023"]["type"] == "article-journal"  # observational
    assert items["chan-2004"]["type"] == "article-journal"  # case report
    assert items["ldn-research-trust"]["type"] == "webpage"  # advocacy
    assert items["etg-naltrexone-surgery"]["type"] == "report"  # guideline
