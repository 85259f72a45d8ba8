"""`heldstore.HeldStore`: a check's store makes each read once, and answers search's
full-text queries from memory exactly as SQLite FTS5 answers them (the same facts, the
same BM25 scores to the last bit, the same order)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ldnfacts import claims, claimweights, heldstore, pagetext, paths
from ldnfacts import store as store_module
from ldnfacts.claims import check_text
from ldnfacts.heldstore import HeldStore, or_phrases
from ldnfacts.query import Query, find, match_expression
from ldnfacts.store import FactStore, occurrences, open_store
from ldnfacts.words import Group

from . import check_eval


def page_text() -> str:
    text = pagetext.read_page(str(check_eval.CASES / "news-item.txt")).text
    return text + " microglia opioid receptors 4.5 mg side effects vivid dreams 1/10th"


def recorded_queries(store: FactStore, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The SQL `store` runs from now on, in order."""
    queries: list[str] = []
    rows = store._rows

    def counted(sql: str, args: Any = ()) -> Any:
        queries.append(sql)
        return rows(sql, args)

    monkeypatch.setattr(store, "_rows", counted)
    return queries


def search_expressions(store: FactStore, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every expression search ranks while checking the golden texts and asking the
    project's questions, captured from FTS5 itself."""
    seen: list[str] = []
    ranked = store_module.FactStore.ranked

    def spy(self: FactStore, match: str, *args: Any, **options: Any) -> Any:
        seen.append(match)
        return ranked(self, match, *args, **options)

    with monkeypatch.context() as patched:
        patched.setattr(store_module.FactStore, "ranked", spy)
        patched.setattr(heldstore, "IN_MEMORY_FACTS", 0)  # every query to FTS5
        for case in check_eval.own_cases() + check_eval.independent_cases():
            check_eval.case_report(store, case)
        for question in ("can I take ldn with tramadol", "microglia", "ldn 4.5 mg dose"):
            find(store, Query(terms=(question,), ranked=True, limit=5))
    assert len(seen) > 50
    return list(dict.fromkeys(seen))


def test_held_queries_answer_as_fts5_does(
    store: FactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    expressions = search_expressions(store, monkeypatch)
    held = HeldStore(store)
    assert held.postings() is not None
    for expression in expressions:
        assert or_phrases(expression) is not None, expression
        expected = store.ranked(expression)
        assert held.ranked(expression) == expected, expression  # scores equal to the bit
        assert held.ranked(expression, limit=7) == expected[:7]
        assert held.ranked(expression, natural=True) == store.ranked(expression, natural=True)
        assert held.matching(expression) == store.matching(expression)
        assert held.count(expression) == store.count(expression)


def test_fts5_ranks_by_the_weighted_score_ties_in_row_order(store: FactStore) -> None:
    """`FactStore.ranked` orders by the score it returns (BM25 with the field weights),
    not by FTS5's `rank` column (BM25 without them)."""
    expression = '("tramadol" OR "tramadol"*) OR ("opioid" OR "opioid"*) OR ("dose")'
    ranked = store.ranked(expression)
    assert len(ranked) > 10
    assert ranked == sorted(ranked, key=lambda item: (-item[1], item[0]))


@pytest.mark.parametrize(
    "expression",
    [
        '"ldn" AND "dose"',  # AND: FTS5 answers
        '"ldn" "dose"',
        'NOT "ldn"',
        '"ldn" OR',
        '("ldn"',
        '"ldn")',
        '"LDN"',  # not an index term as written
        '"low-dose"',
        "ldn",
        "",
    ],
)
def test_other_expressions_go_to_fts5(expression: str) -> None:
    assert or_phrases(expression) is None


def test_search_expressions_are_read_in_order() -> None:
    assert or_phrases('("side effects" OR "effect"*) OR ("4.5")') == [
        heldstore._Phrase(("side", "effects"), False),
        heldstore._Phrase(("effect",), True),
        heldstore._Phrase(("4.5",), False),
    ]


def test_a_topic_or_standing_goes_to_fts5(
    store: FactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = HeldStore(store)
    queries = recorded_queries(held, monkeypatch)
    expression = '("opioid" OR "opioid"*)'
    assert held.ranked(expression, topic="safety") == store.ranked(expression, topic="safety")
    assert held.count(expression, statuses=("established",)) == store.count(
        expression, statuses=("established",)
    )
    assert sum("fact_fts MATCH" in sql for sql in queries) == 2


def test_a_check_makes_each_index_read_once(
    store: FactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    reading = HeldStore(store)
    queries = recorded_queries(reading, monkeypatch)
    texts = reading.texts([1, 2])
    assert texts == store.texts([1, 2]) and texts[1]["claim"]
    assert reading.records([2, 1]) == store.records([2, 1])
    assert reading.knows("naltrexon") and not reading.knows("zzzzq")
    assert reading.frequencies(["naltrexon", "zzzzq"]) == store.frequencies(["naltrexon", "zzzzq"])
    assert reading.terms_starting("naltrex") == store.terms_starting("naltrex")
    made = len(queries)
    reading.texts([2, 1])
    reading.records([1, 2])
    reading.knows("naltrexon")
    reading.knows("zzzzq")
    reading.frequencies(["zzzzq", "naltrexon"])
    reading.terms_starting("naltrex")
    assert len(queries) == made
    report = check_text(reading, "Naltrexone was first approved by the FDA in 1984.")
    assert report.claims[0].facts == check_text(store, report.claims[0].text).claims[0].facts


def test_word_counts_held_in_memory_equal_the_index_counts(
    store: FactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    matcher = claims._Matcher(store)
    groups = matcher.groups(page_text())
    assert len(groups) > 40
    for group in groups:
        expression = match_expression(Group("", list(group.alternatives)), matcher.known)
        assert matcher.df(group.alternatives) == (store.count(expression) if expression else 0)
    terms = sorted({t for g in groups for alt in g.alternatives for t in alt})
    assert matcher.store.frequencies(terms) == store.frequencies(terms)
    assert [matcher.store.knows(t, p) for t in terms for p in (False, True)] == [
        store.knows(t, p) for t in terms for p in (False, True)
    ]
    for prefix in ("naltrex", "inflam", "opioid", "dos", "zzz"):
        assert matcher.store.terms_starting(prefix) == store.terms_starting(prefix)
        assert matcher.store.terms_starting(prefix, 2) == store.terms_starting(prefix, 2)
    monkeypatch.setattr(heldstore, "IN_MEMORY_FACTS", 0)  # a large base: counted by the index
    big = claims._Matcher(store)
    assert big.store.postings() is None
    assert [big.df(g.alternatives) for g in groups] == [matcher.df(g.alternatives) for g in groups]


@pytest.mark.parametrize(
    ("phrases", "expression"),
    [
        ([(("opioid",), False), (("opioid",), True)], '("opioid" OR "opioid"*)'),
        ([(("low", "dose"), False), (("naltrex",), True)], '("low dose" OR "naltrex"*)'),
        ([(("tramadol",), False), (("zzzzq",), False)], '("tramadol" OR "zzzzq")'),
    ],
)
def test_phrases_are_counted_as_fts5_counts_their_expression(
    store: FactStore, phrases: list[tuple[tuple[str, ...], bool]], expression: str
) -> None:
    counted = HeldStore(store).phrases_count(phrases)
    assert counted == store.count(expression) and counted > 0
    assert store.phrases_count(phrases) is None  # a plain store: the index counts
    assert HeldStore(store).phrases_count([(("e-mail",), False)]) is None  # FTS5 reads it


@given(
    st.lists(st.sampled_from("abc"), max_size=12),
    st.lists(st.sampled_from("abc"), min_size=1, max_size=3),
)
def test_a_phrase_is_counted_at_each_place_it_stands(terms: list[str], phrase: list[str]) -> None:
    """`store.occurrences`, which search and a held base count phrases with, counts each
    window of the field equal to the phrase, overlapping ones included."""
    windows = range(len(terms) - len(phrase) + 1)
    assert occurrences(terms, tuple(phrase)) == sum(
        terms[i : i + len(phrase)] == phrase for i in windows
    )


def test_a_large_base_checks_alike(store: FactStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """A held base answers from memory what a large one reads fact by fact - the facts
    holding each word, what each fact's claim says - with the same matches and scores,
    for every golden text."""
    monkeypatch.setattr(claimweights, "load", lambda store, stamp: {})  # every weight computed
    cases = check_eval.own_cases() + check_eval.independent_cases()
    held = [[c.facts for c in check_eval.case_report(store, case).claims] for case in cases]
    assert sum(map(len, held)) > 50
    monkeypatch.setattr(heldstore, "IN_MEMORY_FACTS", 0)
    assert [[c.facts for c in check_eval.case_report(store, case).claims] for case in cases] == held


def test_search_is_skipped_only_where_it_would_keep_nothing(
    store: FactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A claim sentence that no fact of a held base covers strongly is not searched
    (`_Matcher._coverable`): for every such sentence of the golden texts and the seeds,
    search's candidates hold no fact the rule keeps; and the test skips some, keeps some."""
    monkeypatch.setattr(claimweights, "load", lambda store, stamp: {})
    cases = check_eval.own_cases() + check_eval.independent_cases()
    skipped = searched = 0
    for case in cases:
        matcher = claims._Matcher(HeldStore(store))
        for claim in check_eval.case_report(store, case).claims:
            if not matcher.may_match(claim.text):
                continue
            if matcher._coverable(claim.text):
                searched += 1
            else:
                skipped += 1
                assert matcher._match(claim.text, matcher.rank(claim.text)) == [], claim.text
    assert skipped >= 10 and searched >= 10


def test_a_held_base_needs_no_fts5(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An index built without FTS5 has no full-text table: a held base answers every
    query search and the matcher make, words in any script included (`μg`)."""
    monkeypatch.setattr(store_module, "fts5_available", lambda: False)
    environ = {"XDG_CACHE_HOME": str(tmp_path)}
    plain = open_store(paths.data_paths(None, environ), environ)
    assert plain.meta()["fts5"] == "0"
    sentence = "A dose of 4500 μg of LDN at bedtime causes vivid dreams."
    report = check_text(plain, sentence)
    assert report.claims and report.claims[0].facts
    assert or_phrases('("4500" OR "μg")') is not None
    monkeypatch.setattr(heldstore, "IN_MEMORY_FACTS", 0)  # however large the base
    assert check_text(plain, sentence).claims[0].facts == report.claims[0].facts


def test_other_field_weights_are_left_to_fts5(
    store: FactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bit-equal scores need whole-number field weights (FTS5 adds a weight per
    occurrence); with others the base is not held."""
    monkeypatch.setattr(heldstore, "_WHOLE_WEIGHTS", False)
    held = HeldStore(store)
    assert held.postings() is None
    expression = '("opioid" OR "opioid"*)'
    assert held.ranked(expression) == store.ranked(expression)
