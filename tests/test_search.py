"""Search: one analyser, the vocabulary, safety first, misses said plainly (issue #9)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from ldnfacts.query import Answer, Query, find, miss_message, notes, suggest
from ldnfacts.store import FactStore, fts5_available, open_store
from ldnfacts.words import (
    FILLER,
    closest,
    concept_group,
    meaning_key,
    parse,
    swapped,
    tokens,
    vocabulary,
)

from .conftest import BUNDLED, Invoke, write

CONTRAINDICATION = "safety-opioid-contraindications"
WITHDRAWAL = "safety-precipitated-withdrawal"


def ask(store: FactStore, question: str, limit: int | None = None) -> Answer:
    return find(store, Query(terms=(question,), ranked=True, limit=limit))


def ids(answer: Answer) -> list[str]:
    return [f["id"] for f in answer.facts]


def all_text(store: FactStore) -> str:
    facts = find(store, Query()).facts
    return json.dumps(facts).lower()


# -- the analyser ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("approved", "approval"),
        ("randomized", "randomised"),
        ("randomisation", "randomized"),
        ("dreams", "dream"),
        ("stopping", "stop"),
        ("titration", "titrate"),
        ("diarrhea", "diarrhoea"),
        ("Rodríguez", "rodriguez"),
        ("studies", "study"),
        ("LDN\u2019s patients don\u2019t", "LDN's patients don't"),  # typographic apostrophe
        ("ME/CFS\u2019s fatigue", "ME/CFS's fatigue"),  # ... inside a compound too
    ],
)
def test_one_analyser_folds_endings_and_spellings(one: str, other: str) -> None:
    assert tokens(one) == tokens(other)


def test_numbers_and_units_are_words_of_their_own() -> None:
    assert tokens("4.5mg") == ["4.5", "mg"] == tokens("4.5 mg")
    assert "5" not in tokens("4.5") and tokens("1,000 people")[0] == "1000"
    assert tokens("11,194") == ["11194"]


def test_a_doi_in_a_question_is_one_group() -> None:
    groups, _ = parse("what does 10.3390/medsci6040082 say about LDN")
    assert [(g.said, g.alternatives) for g in groups] == [
        ("10.3390/medsci6040082", [("doi103390medsci6040082",)]),
        ("ldn", [("ldn",)]),
    ]


def test_filler_words_are_ignored_and_compounds_keep_their_joined_form() -> None:
    groups, ignored = parse("can I take it with BEST-ED")
    assert {"can", "i", "take", "with"} <= set(ignored)
    assert [g.said for g in groups] == ["best ed"]
    assert ("best",) in groups[0].alternatives  # `bested` as one word


def test_question_and_words_are_the_same_query(store: FactStore) -> None:
    whole = find(store, Query(terms=("can I take ldn with tramadol",), ranked=True))
    words = ("can", "I", "take", "ldn", "with", "tramadol")
    split = find(store, Query(terms=words, ranked=True))
    assert ids(whole) == ids(split) and whole.scores == split.scores


def test_prefix_matching_finds_longer_words(store: FactStore, tmp_path: Path) -> None:
    path = write(
        tmp_path / "f.yaml",
        """\
sources: [{id: s, title: T, kind: trial}]
facts:
  - {id: only-adjective, topic: mechanism, claim: Microglial cells calm down., status: claimed,
     sources: [{ref: s}]}
""",
    )
    small = open_store([str(path)], {"XDG_CACHE_HOME": str(tmp_path / "c")})
    assert ids(ask(small, "microglia")) == ["only-adjective"]
    assert ids(find(small, Query(topic="mechanism", terms=("microglia",)))) == ["only-adjective"]


# -- the vocabulary --------------------------------------------------------------------------


def test_every_expansion_leads_to_words_the_data_uses(store: FactStore) -> None:
    vocab = vocabulary()
    for concept in vocab.concepts:
        for meaning in concept.means:
            found = find(store, Query(terms=(meaning,))).facts
            assert found, (concept.name, meaning)


def test_every_lead_tag_is_a_tag_the_data_uses(store: FactStore) -> None:
    tags = {tag for fact in find(store, Query()).facts for tag in fact["tags"]}
    for concept in vocabulary().concepts:
        assert set(concept.lead) <= tags, concept.name


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("roxicodone", CONTRAINDICATION),
        ("nucynta", CONTRAINDICATION),
        ("subutex", CONTRAINDICATION),
        ("imodium", CONTRAINDICATION),
        ("dilaudid", CONTRAINDICATION),
        ("ldn for pasc", "symptom-long-covid-evidence"),
        ("ldn for rsd", "symptom-crps-evidence"),
        ("ldn ulcerative colitis", "review-cochrane-crohns"),
    ],
)
def test_aliases_only_the_vocabulary_can_satisfy(
    store: FactStore, question: str, expected: str
) -> None:
    subject = question.rsplit(maxsplit=1)[-1]
    assert subject not in all_text(store)  # the data never says it: only the table maps it
    assert expected in ids(ask(store, question, limit=3))


def test_every_saying_the_data_lacks_finds_what_its_concept_means(store: FactStore) -> None:
    """Each way of saying a thing that no fact uses must still find facts in the words the
    concept means: the table alone carries it."""
    checked = 0
    for concept in vocabulary().concepts:
        if concept.kind == FILLER:  # filler phrases mean nothing: they are ignored
            continue
        meanings = [tokens(m) for m in concept.means]
        for said in concept.says:
            said_terms = tokens(said)
            if not said_terms or any(store.knows(t) for t in said_terms):
                continue
            checked += 1
            answer = ask(store, said, limit=3)
            assert answer.facts, (concept.name, said)
            found = [tokens(json.dumps(f)) for f in answer.facts]
            assert any(
                all(any(t.startswith(m) for t in terms) for m in meaning)
                for terms in found
                for meaning in meanings
            ), (concept.name, said)
    assert checked > 50


def test_a_fact_file_may_add_vocabulary(tmp_path: Path) -> None:
    path = write(
        tmp_path / "f.yaml",
        """\
vocabulary:
  concepts:
    - {name: blockers, says: [zorbexin], means: [receptor blocker]}
sources: [{id: s, title: T, kind: trial}]
facts:
  - {id: blocker, topic: mechanism, claim: A receptor blocker., status: claimed,
     sources: [{ref: s}]}
  - {id: other, topic: mechanism, claim: Something else entirely., status: claimed,
     sources: [{ref: s}]}
""",
    )
    small = open_store([str(path)], {"XDG_CACHE_HOME": str(tmp_path / "c")})
    assert ids(ask(small, "zorbexin")) == ["blocker"]


# -- safety first ----------------------------------------------------------------------------


def opioid_names() -> list[str]:
    return [said for c in vocabulary().concepts if c.kind == "drug-class" for said in c.says]


def test_every_opioid_concept_carries_the_lead_rule() -> None:
    concepts = [c for c in vocabulary().concepts if c.kind == "drug-class"]
    assert concepts and all(c.lead[:2] == ("contraindications", "withdrawal") for c in concepts)
    assert {"tramadol", "oxycontin", "suboxone", "lomotil", "cough syrup"} <= set(opioid_names())


@pytest.mark.parametrize("name", opioid_names())
def test_every_opioid_leads_with_the_contraindication(store: FactStore, name: str) -> None:
    for question in (name, f"can I take LDN with {name}", f"ldn and {name.upper()}"):
        answer = ask(store, question, limit=5)
        assert ids(answer)[0] == CONTRAINDICATION, question
        assert WITHDRAWAL in ids(answer)[:3], question
        lead = [m["lead"] for m in answer.matches]
        assert lead == sorted(lead, reverse=True) and lead[0] and not answer.uncovered
        for fact, led in zip(answer.facts, lead, strict=True):
            assert not led or {"contraindications", "withdrawal"} & set(fact["tags"])


def test_safety_topic_with_opioid_leads_with_the_contraindication(store: FactStore) -> None:
    answer = find(store, Query(topic="safety", terms=("opioid",)))
    assert ids(answer)[0] == CONTRAINDICATION and WITHDRAWAL in ids(answer)[:3]


def test_is_it_safe_puts_who_must_not_take_it_before_reassurance(store: FactStore) -> None:
    found = ids(ask(store, "is ldn safe"))
    assert found[0] == CONTRAINDICATION
    assert found.index(CONTRAINDICATION) < found.index("safety-safe-well-tolerated")


# -- not covered, spelling -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "subject"),
    [("ldn hair loss", "hair loss"), ("ldn for acne", "acne"), ("ldn and brain fog", "brain fog")],
)
def test_uncovered_subject_gives_no_facts_and_says_so(
    store: FactStore, question: str, subject: str
) -> None:
    answer = ask(store, question)
    assert answer.facts == [] and answer.uncovered == [subject]
    message = miss_message(Query(terms=(question,), ranked=True), answer)
    assert message.startswith(f"the fact base has nothing on '{subject}'; it covers")


@pytest.mark.parametrize(
    "question", ["ldn has zero side effects", "ldn has no side effects", "side effect free ldn"]
)
def test_a_denial_of_side_effects_is_answered_with_the_side_effect_facts(
    store: FactStore, question: str
) -> None:
    """`zero` is no unknown subject: "zero side effects" is the sellers' claim itself."""
    answer = ask(store, question, limit=5)
    assert answer.uncovered == []
    ids = [f["id"] for f in answer.facts]
    assert ids[0] == "claim-no-side-effects"
    assert "safety-low-dose-side-effects" in ids


def test_generic_words_alone_still_answer(store: FactStore) -> None:
    assert ask(store, "low dose naltrexone").facts


def test_close_misspelling_is_corrected_and_reported(store: FactStore) -> None:
    answer = ask(store, "vivid dreems", limit=3)
    assert answer.corrections == {"dreems": "dreams"}
    assert "safety-vivid-dreams" in ids(answer)
    assert all("vivid-dreams" in f["tags"] for f in answer.facts)
    assert notes(answer) == ["searching for 'dreams' instead of 'dreems'"]


def test_misspelt_opioid_brand_is_corrected_to_the_vocabulary(store: FactStore) -> None:
    answer = ask(store, "tramdol")
    assert answer.corrections == {"tramdol": "tramadol"}
    assert ids(answer)[0] == CONTRAINDICATION


def test_suggestions_only_when_close(store: FactStore) -> None:
    assert not {"right", "eight"} & set(suggest(store, "night"))
    assert "blog" not in suggest(store, "covid")
    assert ask(store, "long covid").corrections == {}
    assert suggest(store, "microglai") == ["microglia"]


def test_spelling_candidates_come_from_an_index_not_a_scan(store: FactStore) -> None:
    candidates = store.spelling_candidates("dreems", 1)
    assert candidates and all(w[0] == "d" and 5 <= len(w) <= 7 for w, _ in candidates)
    assert len(candidates) < len(store.vocabulary()) / 5


# -- names, identifiers, numbers -------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("bested", "trial-bested-2023"),
        ("NCT04270877", "trial-final-2024"),
        ("38258677", "trial-final-2024"),
        ("10.1016/S2665-9913(23)00278-3", "trial-final-2024"),
        ("INNOVA trial results", "trial-innova"),
        ("stanford crossover", "trial-stanford-crossover-2013"),
        ("FINAL trial 6 mg result", "final"),
        ("pubmed 38258677", "final"),
        ("Bested 2023 crossover", "trial-bested"),
    ],
)
def test_names_and_identifiers_find_their_facts(
    store: FactStore, question: str, expected: str
) -> None:
    """`expected` is part of a fact id in the top 3: the study's own facts."""
    assert any(expected in fact_id for fact_id in ids(ask(store, question, limit=3)))


def test_numbers_match_themselves_only(tmp_path: Path) -> None:
    path = write(
        tmp_path / "f.yaml",
        """\
sources: [{id: s, title: T, kind: trial}]
facts:
  - {id: small, topic: dose, claim: Some start at 1.5 mg a day., status: claimed,
     sources: [{ref: s}]}
  - {id: standard, topic: dose, claim: The standard dose is 50 mg a day., status: claimed,
     sources: [{ref: s}]}
  - {id: many, topic: symptom, claim: It affects 5 million people., status: claimed,
     sources: [{ref: s}]}
""",
    )
    small = open_store([str(path)], {"XDG_CACHE_HOME": str(tmp_path / "c")})
    assert ids(ask(small, "1.5 mg")) == ["small"]
    assert ask(small, "4.5").facts == []


# -- narrowing, explain, contract ------------------------------------------------------------


def test_topic_terms_narrow_through_the_same_analyser(store: FactStore) -> None:
    both = ids(find(store, Query(topic="mechanism", terms=("microglia", "rats"))))
    one = ids(find(store, Query(topic="mechanism", terms=("microglia",))))
    assert both and set(both) < set(one)
    filler = ids(find(store, Query(topic="mechanism", terms=("what", "about", "microglia"))))
    assert filler == one
    stems = ids(find(store, Query(topic="approval", terms=("approved",))))
    assert "approval-ldn-off-label-fibromyalgia" in stems  # says `approved`... and `approval`


def test_answer_carries_scores_and_matches(store: FactStore) -> None:
    answer = ask(store, "microglia inflammation", limit=5)
    assert len(answer.scores) == len(answer.facts) == len(answer.matches) == 5
    assert answer.scores == sorted(answer.scores, reverse=True)
    first = answer.matches[0]
    assert set(first) == {"score", "words", "fields", "lead"}
    assert set(first["words"]) == {"microglia", "inflammation"}
    assert "claim" in first["fields"]


def test_facts_matching_more_subjects_come_first(store: FactStore) -> None:
    answer = ask(store, "microglia rats")
    assert ids(answer)[0] == "mech-tlr4-microglia-preclinical"


def test_project_question_set_success_at_3(store: FactStore) -> None:
    """The project's question set (tests/questions.yaml), scored like the shared scorer."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bench_questions", BUNDLED.parent.parent / "bench" / "questions.py"
    )
    assert spec is not None and spec.loader is not None
    scorer: Any = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = scorer  # dataclasses look their module up
    spec.loader.exec_module(scorer)

    def asker(question: str) -> list[dict[str, Any]]:
        return ask(store, question, limit=5).facts

    ready, _pending = scorer.score(scorer.load(scorer.PROJECT_SET), asker)
    assert ready.questions >= 60
    assert ready.success_at_3 >= 0.9, ready.misses


def test_fts5_is_available_here() -> None:
    assert fts5_available()


@pytest.mark.parametrize("question", ["can I take ldn with tramadol", "microglia", "is it safe"])
def test_questions_use_the_vocabulary_compiled_into_the_index(
    store: FactStore, monkeypatch: pytest.MonkeyPatch, question: str
) -> None:
    """Building the bundled vocabulary again costs about 10 ms a run: a question, explained
    or not, is read with the one compiled into the index."""
    import ldnfacts.words

    def built_again() -> None:
        raise AssertionError("the bundled vocabulary was built again")

    monkeypatch.setattr(ldnfacts.words, "vocabulary", built_again)
    for explain in (False, True):
        assert find(store, Query(terms=(question,), ranked=True, explain=explain)).facts


def test_a_generic_word_does_not_make_a_question_read_the_whole_base(
    store: FactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`ldn` matches most facts but never qualifies one alone: only the facts matching a
    subject (`tramadol` and what it means) are read and weighed."""
    read: set[int] = set()
    texts = FactStore.texts

    def reading(self: FactStore, rowids: Any) -> Any:
        read.update(rowids)
        return texts(self, rowids)

    monkeypatch.setattr(FactStore, "texts", reading)
    answer = ask(store, "can I take ldn with tramadol")
    assert answer.facts[0]["id"] == CONTRAINDICATION
    assert len(read) <= answer.total < len(find(store, Query(terms=("ldn",))).facts) / 2


# -- the command line ------------------------------------------------------------------------


def test_cli_uncovered_question_exits_1_with_a_sentence(invoke: Invoke) -> None:
    out = invoke("search", "ldn hair loss")
    assert out.code == 1 and out.stdout == ""
    assert "ldnfacts: the fact base has nothing on 'hair loss'" in out.stderr


def test_cli_explain_adds_match_objects_and_stderr_lines(invoke: Invoke) -> None:
    facts: list[dict[str, Any]] = invoke(
        "search", "can I take LDN with tramadol", "--json", "--explain", "-n", "3"
    ).json()
    assert facts[0]["id"] == CONTRAINDICATION and facts[0]["match"]["lead"] is True
    plain = invoke("search", "microglia", "--explain", "-n", "2")
    assert plain.stderr.count("score") == 2 and "claim: microglia" in plain.stderr


def test_cli_paths_shows_fts5(invoke: Invoke) -> None:
    assert invoke("paths", "--json").json()["fts5"] is True


# -- conditions, evidence, no FTS5 -----------------------------------------------------------


def test_evidence_defaults_to_fibromyalgia_and_takes_a_condition(store: FactStore) -> None:
    from ldnfacts.listings import condition_key, evidence

    default = evidence(store)
    assert default and all("fibromyalgia" in f["conditions"] for f in default)
    everything = evidence(store, condition=None)
    assert len(everything) > len(default)
    ms = evidence(store, condition="MS")
    assert ms and all("multiple-sclerosis" in f["conditions"] for f in ms)
    assert condition_key("ME/CFS") == "me-cfs" and condition_key("Crohn's disease") == (
        "crohns-disease"
    )


def test_query_conditions_filter_questions_and_listings(store: FactStore) -> None:
    asked = find(store, Query(terms=("trial",), ranked=True, conditions=("long covid",)))
    assert asked.facts and all("long-covid" in f["conditions"] for f in asked.facts)
    listed = find(store, Query(topic="symptom", conditions=("multiple sclerosis",)))
    assert listed.facts and all("multiple-sclerosis" in f["conditions"] for f in listed.facts)


def test_without_fts5_search_still_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store: FactStore
) -> None:
    monkeypatch.setattr("ldnfacts.store.fts5_available", lambda: False)
    plain = open_store([str(BUNDLED)], {"XDG_CACHE_HOME": str(tmp_path / "nofts")})
    assert plain.meta()["fts5"] == "0"
    assert ids(ask(plain, "can I take ldn with tramadol", limit=3))[0] == CONTRAINDICATION
    assert ids(find(plain, Query(topic="mechanism", terms=("microglia", "rats")))) == ids(
        find(store, Query(topic="mechanism", terms=("microglia", "rats")))
    )
    assert ask(plain, "ldn hair loss").uncovered == ["hair loss"]


# -- questions as people type them (issue #9, second round) ----------------------------------


def test_filler_phrases_are_ignored_but_their_words_stay_meaningful() -> None:
    groups, ignored = parse("having surgery next week")
    assert [g.said for g in groups] == ["having surgery"] or [g.said for g in groups] == ["surgery"]
    assert {"next", "week"} <= set(ignored)
    week, _ = parse("how many weeks")
    assert week  # `week` alone is still a subject


def test_a_meaning_shrunk_by_filler_words_is_dropped() -> None:
    assert meaning_key("must not") == ()
    assert meaning_key("does it work") == ()
    assert meaning_key("side effect") == tuple(tokens("side effect"))
    safety = next(c for c in vocabulary().concepts if c.name == "safety")
    group = concept_group("safe", safety)
    assert ("must",) not in group.alternatives and ("work",) not in group.alternatives


def test_a_mistyped_filler_word_is_filler_not_an_unknown_subject(store: FactStore) -> None:
    answer = ask(store, "shoud i take ldn in the mornng", limit=3)
    assert answer.corrections == {"shoud": "should", "mornng": "morning"}
    assert answer.uncovered == [] and answer.facts
    assert "should" in answer.ignored


def test_an_unknown_word_never_swallows_a_phrase_the_base_holds(store: FactStore) -> None:
    answer = ask(store, "ldn xylophones autoimmune disease", limit=3)
    assert answer.uncovered == ["xylophones"]
    assert answer.facts and all("autoimmun" in json.dumps(f).lower() for f in answer.facts)


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("is ldn safe for horses", "horses"),
        ("how long does ldn take to work on warts", "warts"),
        ("what are the side effects of ldn in cats", "cats"),
    ],
)
def test_an_unknown_noun_beside_an_intent_is_out_of_scope(
    store: FactStore, question: str, subject: str
) -> None:
    answer = ask(store, question)
    assert answer.facts == [] and answer.uncovered == [subject]


@pytest.mark.parametrize(
    ("said", "concept"),
    [
        ("since i started", "side effects"),
        ("will it get me high", "euphoria"),
        ("it got worse", "flare"),
        ("cant sleep", "sleep"),
        ("can't sleep", "sleep"),
        ("drug test", "drug test"),
        ("operation", "surgery"),
        ("anesthesia", "surgery"),
        ("cdai", "disease activity"),
        ("nite", "timing"),
        ("does it help", "effectiveness"),
    ],
)
def test_everyday_phrases_reach_their_concept(said: str, concept: str) -> None:
    groups, _ = parse(said)
    assert [g.concept.name for g in groups if g.concept] == [concept]


def test_a_rare_decisive_word_outranks_many_common_and_title_words(tmp_path: Path) -> None:
    path = write(
        tmp_path / "f.yaml",
        """\
sources:
  - {id: s, title: Management of patients on low dose naltrexone, kind: review}
  - {id: t, title: T, kind: trial}
facts:
  - {id: generic-1, topic: dose, claim: Patients take low dose naltrexone daily., status: claimed,
     sources: [{ref: s}]}
  - {id: generic-2, topic: dose, claim: Low dose naltrexone patients do well., status: claimed,
     sources: [{ref: s}]}
  - {id: decisive, topic: safety, claim: Perioperative guidance says to stop it., status: claimed,
     sources: [{ref: t}]}
""",
    )
    small = open_store([str(path)], {"XDG_CACHE_HOME": str(tmp_path / "c")})
    found = ids(ask(small, "perioperative management of patients on low dose naltrexone"))
    assert found[0] == "decisive"


def test_the_question_s_own_word_outranks_what_the_vocabulary_says_it_means(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path / "f.yaml",
        """\
sources: [{id: s, title: T, kind: trial}]
facts:
  - {id: expanded, topic: dose, claim: Titration of the dose is slow., status: claimed,
     sources: [{ref: s}]}
  - {id: literal, topic: dose, claim: Some start the dose slowly., status: claimed,
     sources: [{ref: s}]}
  - {id: other, topic: dose, claim: Nothing here., status: claimed, sources: [{ref: s}]}
""",
    )
    small = open_store([str(path)], {"XDG_CACHE_HOME": str(tmp_path / "c")})
    assert ids(ask(small, "start"))[:2] == ["literal", "expanded"]


@pytest.mark.parametrize("name", opioid_names())
def test_a_named_opioid_keeps_the_contraindication_in_the_top_3_beside_another_subject(
    store: FactStore, name: str
) -> None:
    found = ids(ask(store, f"can i take {name} for diarrhoea with ldn", limit=5))
    assert CONTRAINDICATION in found[:3], found


def test_a_fact_answering_the_rest_of_the_question_better_stays_before_the_lead(
    store: FactStore,
) -> None:
    answer = ask(store, "can i take loperamide for diarrhoea on ldn", limit=5)
    first = json.dumps(answer.facts[0]).lower()
    assert "diarrh" in first and "opioid" in first
    assert CONTRAINDICATION in ids(answer)[:3]


def test_is_it_safe_with_another_subject_answers_that_subject_first(store: FactStore) -> None:
    answer = ask(store, "is ldn safe while breastfeeding", limit=5)
    assert "breastfeeding" in answer.facts[0]["tags"]
    assert ids(answer)[0] != CONTRAINDICATION


def test_a_question_naming_an_opioid_is_never_refused(store: FactStore) -> None:
    answer = ask(store, "can i take tramadol for my zygomatic quibbles with ldn", limit=3)
    assert answer.uncovered and CONTRAINDICATION in ids(answer)


@pytest.mark.parametrize("question", ["ldn kidney problems", "ldn and liver issues"])
def test_a_vague_noun_beside_a_known_subject_does_not_hide_it(
    store: FactStore, question: str
) -> None:
    answer = ask(store, question, limit=3)
    subject = question.split()[-2]
    assert answer.uncovered == [] and subject in json.dumps(answer.facts[0]).lower()


def test_a_short_word_is_corrected_only_for_swapped_neighbours() -> None:
    assert swapped("wrok", "work") and swapped("dsoe", "dose")
    assert not swapped("fog", "for") and not swapped("nite", "note")
    assert closest("dsoe", [("dose", 9), ("dole", 1)]) == "dose"
    assert closest("fogs", [("fogy", 3)]) is None


def test_a_corrected_question_is_read_again_for_its_phrases(store: FactStore) -> None:
    answer = ask(store, "how long until ldn starts to wrok", limit=3)
    assert answer.corrections == {"wrok": "work"}
    assert all("time-to-effect" in f["tags"] for f in answer.facts[:2]), ids(answer)


def test_partly_covered_question_answers_the_rest_and_says_what_is_missing(
    store: FactStore,
) -> None:
    # a topic (`vivid dreams`) outweighs one unknown word; an intent alone would not
    answer = ask(store, "vivid dreams on ldn in the elderly", limit=3)
    assert answer.facts and answer.uncovered == ["elderly"]
    assert "the fact base has nothing on 'elderly'; showing facts on the rest" in notes(answer)


def test_cli_evidence_condition(invoke: Invoke) -> None:
    default = invoke("evidence", "--json").json()
    assert default and all("fibromyalgia" in f["conditions"] for f in default)
    ms = invoke("evidence", "--condition", "MS", "--json").json()
    assert ms and all("multiple-sclerosis" in f["conditions"] for f in ms)
    assert len(invoke("evidence", "-c", "all", "--json").json()) > len(default)


def test_cli_mistyped_command_gets_a_suggestion(invoke: Invoke) -> None:
    out = invoke("evidance")
    assert out.code == 2 and "Did you mean 'evidence'?" in out.stderr
    assert "Did you mean" not in invoke("zzzz").stderr


def test_sources_are_found_by_their_identifiers(invoke: Invoke) -> None:
    for identifier in ("38258677", "NCT04270877", "10.1016/S2665-9913(23)00278-3"):
        found = invoke("sources", identifier, "--json").json()
        assert [s["id"] for s in found] == ["final-2024"], identifier
