"""The bundled fact base: valid, traceable, honest about standing, and findable."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ldnfacts.query import Query, find
from ldnfacts.store import FactStore
from ldnfacts.validation import check_files
from ldnfacts.yamlfile import read_fact_file

from .conftest import BUNDLED, ROOT

SEEDS = {"ldn-fibro-blog", "ldn-102-video"}
SEED_DIR = ROOT.parent / "shared" / "seeds"

# Formats from the registries: Crossref's recommended DOI pattern, PubMed and PubMed
# Central ids, ClinicalTrials.gov ids.
DOI = re.compile(r"^10\.\d{4,9}/[-._;()/:a-z0-9]+$", re.IGNORECASE)
PMID = re.compile(r"^[1-9]\d{0,7}$")
PMCID = re.compile(r"^PMC\d{5,8}$")
NCT = re.compile(r"^NCT\d{8}$")


@pytest.fixture(scope="module")
def base() -> dict[str, Any]:
    data: dict[str, Any] = read_fact_file(str(BUNDLED)).data
    return data


def facts_citing(base: dict[str, Any], source_ids: set[str]) -> Iterator[dict[str, Any]]:
    for fact in base["facts"]:
        if {ref["ref"] for ref in fact["sources"]} & source_ids:
            yield fact


def test_bundled_base_has_no_problem_at_all() -> None:
    assert check_files([read_fact_file(str(BUNDLED))]) == []


def test_size_and_identified_sources(base: dict[str, Any]) -> None:
    assert len(base["facts"]) >= 60
    identified = [s for s in base["sources"] if any(s.get(k) for k in ("doi", "pmid", "nct"))]
    assert len(identified) >= 10


def test_identifiers_are_well_formed(base: dict[str, Any]) -> None:
    for source in base["sources"]:
        for key, pattern in (("doi", DOI), ("pmid", PMID), ("pmcid", PMCID), ("nct", NCT)):
            if key in source:
                assert pattern.match(source[key]), (source["id"], key, source[key])


def test_every_source_is_cited(base: dict[str, Any]) -> None:
    cited = {ref["ref"] for fact in base["facts"] for ref in fact["sources"]}
    assert {s["id"] for s in base["sources"]} == cited


def test_commercial_sources_say_what_they_sell(base: dict[str, Any]) -> None:
    commercial = [s for s in base["sources"] if s["kind"] == "commercial"]
    assert {s["id"] for s in commercial} >= SEEDS
    for source in commercial:
        assert " sell" in source["note"], source["id"]
    video = next(s for s in commercial if s["id"] == "ldn-102-video")
    assert "sells LDN prescriptions" in video["note"]


def test_unsettled_facts_explain_and_link(base: dict[str, Any]) -> None:
    unsettled = [f for f in base["facts"] if f["status"] in ("contested", "disputed")]
    assert len(unsettled) >= 8
    for fact in unsettled:
        assert len(fact["note"]) > 40, fact["id"]
        assert fact.get("related"), fact["id"]


def test_no_seed_claim_is_established_on_the_seeds_alone(base: dict[str, Any]) -> None:
    kinds = {s["id"]: s["kind"] for s in base["sources"]}
    for fact in facts_citing(base, SEEDS):
        own = {kinds[ref["ref"]] for ref in fact["sources"]}
        if fact["status"] in ("established", "supported"):
            assert own != {"commercial"}, fact["id"]


def test_every_seed_citation_has_a_locator(base: dict[str, Any]) -> None:
    seed_facts = list(facts_citing(base, SEEDS))
    assert len(seed_facts) >= 50
    for fact in seed_facts:
        for ref in fact["sources"]:
            if ref["ref"] in SEEDS:
                assert ref.get("locator"), fact["id"]


def _word_runs(text: str, length: int) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + length]) for i in range(len(words) - length + 1)}


@pytest.mark.skipif(not SEED_DIR.is_dir(), reason="the seed documents live outside the repo")
def test_seed_sentences_are_paraphrased_not_pasted(base: dict[str, Any]) -> None:
    """No run of seven words from a seed document appears in what we wrote: claims, notes
    and tags. (Locators repeat the documents' headings, and titles name them: that is
    citing, not copying.)"""
    ours = " | ".join(" ".join([f["claim"], f.get("note", ""), *f["tags"]]) for f in base["facts"])
    facts = _word_runs(ours, 7)
    for seed in SEED_DIR.glob("*.txt"):
        copied = facts & _word_runs(seed.read_text(encoding="utf-8"), 7)
        assert not copied, (seed.name, sorted(copied)[:3])


def test_every_seed_fact_is_found_by_each_of_its_tags(
    base: dict[str, Any], store: FactStore
) -> None:
    for fact in facts_citing(base, SEEDS):
        for tag in fact["tags"]:
            found = [f["id"] for f in find(store, Query(terms=(tag,), ranked=True)).facts]
            assert fact["id"] in found, (fact["id"], tag)


#: Questions a reader of the two documents would type, and the claim each must find.
NATURAL_QUERIES = [
    (("one", "tenth"), "dose-low-is-tenth"),
    (("emerging", "treatment"), "symptom-emerging-treatment"),
    (("strong", "anti-inflammatory"), "mech-strong-immunomodulating"),
    (("serenity",), "mech-serenity-antidepressant-claim"),
    (("antidepressant",), "mech-serenity-antidepressant-claim"),
    (("approved", "1984"), "approval-1984-opioid-dependence"),
    (("heroin",), "mech-blocks-opioid-drugs"),
    (("two", "ways", "autoimmune"), "mech-two-mechanisms-autoimmune"),
    (("endorphins", "rebound"), "mech-endorphin-rebound-claim"),
    (("low", "opioid", "levels"), "mech-low-opioid-levels-autoimmune"),
    (("white", "blood", "cells"), "mech-immune-cells-opioid-receptors"),
    (("tregs",), "mech-tregs-role"),
    (("hashimoto",), "symptom-asthma-allergy-hashimoto"),
    (("asthma",), "symptom-asthma-allergy-hashimoto"),
    (("without", "suppressing"), "mech-immune-balance-no-suppression"),
    (("narcotic",), "safety-no-narcotic-effects"),
    (("pain", "tolerance"), "mech-endorphins-pain-tolerance"),
    (("fatigue", "cfs"), "symptom-pain-fatigue-fm-cfs"),
    (("proteins",), "mech-inhibits-symptom-proteins"),
    (("cytokines", "inflamed"), "mech-anti-inflammatory-cytokines"),
    (("side", "effects", "rare"), "safety-side-effects-rare"),
    (("cost",), "symptom-cost-effective"),
    (("sleep", "fatigue"), "symptom-improves-sleep-fatigue"),
    (("mood",), "symptom-improves-mood"),
    (("physical", "function"), "symptom-improves-physical-function"),
    (("highly", "effective"), "symptom-ldn-highly-effective"),
    (("never", "heard"), "approval-little-known"),
    (("headaches", "insomnia"), "symptom-fibromyalgia-symptoms"),
    (("5", "million"), "symptom-5-million-americans"),
    (("23andme",), "symptom-23andme-survey"),
    (("stanford", "quality", "life"), "symptom-pain-benefit-claim"),
    (("stanford", "placebo", "pain"), "symptom-pain-benefit-claim"),
    (("consensus",), "mech-consensus-claim"),
    (("microglia", "activation"), "mech-ldn-reduces-microglia-activation"),
    (("brain", "inflammation"), "mech-less-microglia-less-inflammation"),
    (("hypersensitivity",), "mech-less-inflammation-less-hypersensitivity"),
    (("30", "years"), "approval-over-30-years"),
    (("50", "mg"), "dose-standard-50mg"),
    (("clinicians",), "symptom-low-dose-benefit-fm-autoimmune"),
    (("autoimmune", "inflammatory", "fibromyalgia"), "symptom-fibromyalgia-autoimmune-grouping"),
    (("microglia", "dormant"), "mech-microglia-brain-immune-cells"),
    (("flu",), "mech-microglia-sickness-response"),
    (("microglia", "activated", "chronic", "pain"), "mech-chronic-microglia-activation"),
    (("strengthens", "regulatory"), "mech-treg-promotion-claim"),
    (("calm", "receptors", "microglia"), "mech-microglia-receptor-calming"),
    (("volume", "pain", "signals"), "mech-normalises-pain-signals"),
    (("modulates", "immune"), "mech-immune-modulation-theory"),
    (("chronic", "inflammation", "causes"), "symptom-inflammation-causes-fibromyalgia"),
    (("dose", "dependent"), "dose-dependent-effects"),
    (("3", "5", "mg"), "dose-low-3-to-5mg"),
    (("well", "tolerated"), "safety-safe-well-tolerated"),
    (("agelessrx",), "approval-consult-seller"),
    (("addiction", "relapse"), "approval-addiction-treatment"),
    (("antagonist",), "mech-opioid-antagonist-label"),
    (("immune", "diseases", "tool"), "symptom-immune-diseases-tool"),
]


@pytest.mark.parametrize(
    ("terms", "expected"), NATURAL_QUERIES, ids=[" ".join(t) for t, _ in NATURAL_QUERIES]
)
def test_each_seed_claim_is_found_by_a_natural_query(
    store: FactStore, terms: tuple[str, ...], expected: str
) -> None:
    found = [f["id"] for f in find(store, Query(terms=terms, ranked=True)).facts]
    assert expected in found[:5], found[:5]


def test_natural_queries_cover_every_seed_fact(base: dict[str, Any]) -> None:
    covered = {expected for _, expected in NATURAL_QUERIES}
    missing = {f["id"] for f in facts_citing(base, SEEDS)} - covered
    # facts made only of the documents' restated claims are reached through the evidence
    assert missing <= {"mech-blocks-opioid-drugs", "dose-low-is-tenth"} | covered, missing


# -- the evidence layer (issue 3) -------------------------------------------------------------


def test_regulatory_history_is_dated(base: dict[str, Any]) -> None:
    dated = {
        f["id"]: str(f["date"]) for f in base["facts"] if f["topic"] == "approval" and "date" in f
    }
    years = {date[:4] for date in dated.values()}
    assert {"1984", "1995", "2006", "2010", "2013"} <= years
    off_label = next(f for f in base["facts"] if f["id"] == "approval-ldn-off-label-fibromyalgia")
    for drug in ("pregabalin", "duloxetine", "milnacipran"):
        assert drug in off_label["claim"]


TRIALS = {
    "trial-stanford-pilot-2009": (2009, 10, 4.5),
    "trial-stanford-crossover-2013": (2013, 31, 4.5),
    "trial-bested-2023": (2023, 58, 4.5),
    "trial-final-2024": (2024, 99, 6),
    "trial-innova": (2022, 98, 4.5),
}


def test_trials_carry_structured_values(base: dict[str, Any]) -> None:
    facts = {f["id"]: f for f in base["facts"]}
    for fact_id, (year, participants, dose) in TRIALS.items():
        study = facts[fact_id]["study"]
        assert (study["year"], study["participants"], study["dose_mg"]) == (
            year,
            participants,
            dose,
        )
        assert study["design"] and study["result"] and study["verdict"]
    dose_finding = facts["dose-finding-2020"]["study"]
    assert dose_finding["dose_range_mg"] == [0.75, 6]
    reviews = [
        f for f in base["facts"] if f.get("study", {}).get("type") in ("review", "meta-analysis")
    ]
    assert {r["study"]["verdict"] for r in reviews} >= {"benefit", "no-benefit"}


def test_pain_claim_is_contested_and_linked_to_counter_evidence(base: dict[str, Any]) -> None:
    facts = {f["id"]: f for f in base["facts"]}
    claim = facts["symptom-pain-benefit-claim"]
    assert claim["status"] == "contested"
    assert {"trial-bested-2023", "trial-final-2024", "trial-innova"} <= set(claim["related"])
    assert facts["mech-serenity-antidepressant-claim"]["status"] == "disputed"
    survey = facts["symptom-23andme-survey"]
    assert survey["status"] == "claimed" and "unverified" in survey["tags"]
    assert "2005" in facts["symptom-5-million-americans"]["note"]


def test_mechanism_and_safety_evidence_present(base: dict[str, Any]) -> None:
    ids = {f["id"] for f in base["facts"]}
    assert {
        "mech-tlr4-microglia-preclinical",
        "mech-ogf-enkephalin-preclinical",
        "mech-opioid-antagonist-label",
        "safety-precipitated-withdrawal",
        "safety-opioid-contraindications",
        "safety-overdose-after-stopping",
        "safety-vivid-dreams",
        "safety-serious-adverse-events-not-increased",
    } <= ids


def test_data_file_points_editors_at_the_schema() -> None:
    first = BUNDLED.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../ldnfacts/schema/facts.schema.json"
    assert (BUNDLED.parent / Path(first.split("=", 1)[1])).resolve().is_file()
