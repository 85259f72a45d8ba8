"""`ldnfacts check`: page text, sentences, claim detection, matching, outputs, exit status.

Golden cases live in `tests/check_cases/`, as black keeps its test data: `NAME.txt|.md|.html`
is the input, `NAME.expected.json` what `check` finds in it (claim sentences with offsets
and matched fact ids), `NAME.judged.json` a hand judgement of which facts would be right for
each sentence (`[]`: nothing should match). Adding a case is adding files; after a change
that moves results on purpose, refresh the expected files with

    .venv/bin/python -m tests.test_check --update

and read the diff. The judgement is never generated.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ldnfacts import claims, pagetext, paths, sentences
from ldnfacts.claims import check_text
from ldnfacts.model import DISCLAIMER
from ldnfacts.pagetext import InputError, page_from_bytes, page_from_text
from ldnfacts.store import FactStore, open_store
from ldnfacts.words import tokens

from . import check_eval
from .conftest import Invoke, write

SEED_BLOG = "000_268298117484a508.txt"
ShapeCheck = Callable[[Any, str], None]


def seeds() -> Path:
    found = check_eval.seeds_dir()
    if found is None:
        pytest.skip("the shared seeds (../shared/seeds) are not here")
    return found


# -- page text -----------------------------------------------------------------------------


HTML = """<!doctype html><html><head><title>T</title><style>p {color: red}</style>
<script>var claim = "LDN cures everything.";</script></head>
<body><header>Site header</header><nav><a>Home</a> <a>Shop</a></nav>
<h1>About LDN</h1><p>LDN is a low dose of naltrexone.<br>It is taken at night.</p>
<ul><li>First item</li><li>Second &amp; last item</li></ul>
<div hidden>Hidden text</div><div role="navigation">Menu</div>
<form><label>Email</label><button>Send</button></form>
<aside>Aside text</aside><footer>Footer text</footer></body></html>"""


def test_html_keeps_what_a_reader_sees_and_drops_the_furniture() -> None:
    page = page_from_text(HTML, "page.html", "html")
    assert page.format == "html"
    for gone in ("LDN cures", "color", "Site header", "Home", "Hidden", "Menu", "Email"):
        assert gone not in page.text
    for gone in ("Aside", "Footer", "Send", "T\n"):
        assert gone not in page.text
    assert "Second & last item" in page.text
    kinds = [(page.text[b.start : b.end], b.kind) for b in page.blocks]
    assert kinds == [
        ("About LDN", "heading"),
        ("LDN is a low dose of naltrexone.", "paragraph"),
        ("It is taken at night.", "paragraph"),
        ("First item", "item"),
        ("Second & last item", "item"),
    ]


def test_markdown_loses_its_markup_and_keeps_its_blocks() -> None:
    source = (
        "# Title here\n\nSome **bold** and [a link](http://x.org) text\ngoes on.\n\n"
        "- item *one*\n- item two\n\n```\ncode block\n```\n> quoted words\n"
    )
    page = page_from_text(source, "post.md", "markdown")
    blocks = [(page.text[b.start : b.end], b.kind) for b in page.blocks]
    assert blocks == [
        ("Title here", "heading"),
        ("Some bold and a link text goes on.", "paragraph"),
        ("item one", "item"),
        ("item two", "item"),
        ("quoted words", "paragraph"),
    ]


def test_plain_text_blocks_keep_offsets_into_the_input() -> None:
    text = "A heading\n\nFirst line\ncontinues here.\n  1. A numbered item.\n- Dash item\n"
    page = page_from_text(text, "t.txt", "text")
    assert page.text == text
    assert [(text[b.start : b.end], b.kind) for b in page.blocks] == [
        ("A heading", "heading"),
        ("First line\ncontinues here.", "paragraph"),
        ("A numbered item.", "item"),
        ("Dash item", "item"),
    ]


def test_format_is_guessed_from_the_name_then_the_content() -> None:
    assert pagetext.guess_format("a.HTM", "") == "html"
    assert pagetext.guess_format("a.md", "") == "markdown"
    assert pagetext.guess_format("-", "<!DOCTYPE html><p>x") == "html"
    assert pagetext.guess_format("-", "LDN < 5 mg") == "text"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary data"),
        (b"caf\xe9 LDN", "not UTF-8 text"),
    ],
)
def test_binary_and_undecodable_input_are_errors_naming_the_file(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=rf"^x\.txt: {message}"):
        page_from_bytes(data, "x.txt")


def test_declared_charset_is_honoured_for_html() -> None:
    data = '<html><meta charset="windows-1252"><p>Caf\xe9 LDN.</p></html>'.encode("cp1252")
    assert "Café LDN." in page_from_bytes(data, "p.html").text


def test_input_over_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pagetext, "MAX_BYTES", 100)
    with pytest.raises(InputError, match=r"big\.txt: larger than"):
        page_from_bytes(b"a" * 101, "big.txt")


# -- sentences -----------------------------------------------------------------------------


def split_text(text: str) -> list[str]:
    page = page_from_text(text, "t.txt", "text")
    return [text[s.start : s.end] for s in sentences.split(text, page.blocks)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Take 4.5 mg at night. It helps.", ["Take 4.5 mg at night.", "It helps."]),
        (
            "Dr. Smith gave LDN, e.g. 3 mg, vs. placebo. It worked.",
            ["Dr. Smith gave LDN, e.g. 3 mg, vs. placebo.", "It worked."],
        ),
        (
            "Endorphins, i.e., the body's opioids, rise. Younger et al. found less pain.",
            ["Endorphins, i.e., the body's opioids, rise.", "Younger et al. found less pain."],
        ),
        ("Take 3 mg. daily for weeks.", ["Take 3 mg. daily for weeks."]),
        ("The dose was 4.5 mg. Pain fell.", ["The dose was 4.5 mg.", "Pain fell."]),
        ("J. Younger ran it in the U.S. in 2013.", ["J. Younger ran it in the U.S. in 2013."]),
        ("Is it safe? Yes! Mostly…", ["Is it safe?", "Yes!", "Mostly…"]),
        (
            "It works; (i) less inflammation (ii) less pain.",
            ["It works;", "less inflammation", "less pain."],
        ),
        ("Heading without stop\n\nBody text.", ["Heading without stop", "Body text."]),
        ("- One item\n- Two item", ["One item", "Two item"]),
        ('He said "it works." Then left.', ['He said "it works."', "Then left."]),
        # typographic marks: an ellipsis ends a sentence, a closing quote goes with it
        ("It helps\u2026 Pain fell.", ["It helps\u2026", "Pain fell."]),
        (
            "He said \u201cit works.\u201d Then left.",
            ["He said \u201cit works.\u201d", "Then left."],
        ),
        (
            "She said \u2018a miracle.\u2019 It was not.",
            ["She said \u2018a miracle.\u2019", "It was not."],
        ),
    ],
)
def test_sentences_split_where_a_reader_would(text: str, expected: list[str]) -> None:
    assert split_text(text) == expected


# -- claims --------------------------------------------------------------------------------


def claim_texts(store: FactStore, text: str) -> list[str]:
    return [c.text for c in check_text(store, text).claims]


@pytest.mark.parametrize(
    "sentence",
    [
        "Join us for a 30 min session.",
        "Join us for a 30 min session about LDN.",
        "Does LDN help fibromyalgia?",
        "Get in touch with us to see if LDN is right for you.",
        "Our office is open on Saturdays.",
    ],
)
def test_sentences_that_claim_nothing_are_left_out(store: FactStore, sentence: str) -> None:
    assert claim_texts(store, sentence) == []


def test_a_pronoun_borrows_the_subject_of_the_sentence_before(store: FactStore) -> None:
    text = "Naltrexone blocks opioid receptors. It was first sold in 1984."
    assert claim_texts(store, text) == [
        "Naltrexone blocks opioid receptors.",
        "It was first sold in 1984.",
    ]
    assert claim_texts(store, "It was first sold in 1984.") == []
    assert claim_texts(store, "Naltrexone blocks opioid receptors.\n\nIt was first sold.") == [
        "Naltrexone blocks opioid receptors."
    ]


def test_a_claim_the_base_does_not_cover_is_reported_without_facts(store: FactStore) -> None:
    report = check_text(store, "LDN stops hair loss and makes thinning hair grow back.")
    assert [c.text for c in report.claims] == [
        "LDN stops hair loss and makes thinning hair grow back."
    ]
    assert report.claims[0].facts == []


def test_headings_count_only_when_they_state_something(store: FactStore) -> None:
    assert claim_texts(store, "Low dose naltrexone for fibromyalgia\n\nText.") == []
    found = claim_texts(store, "LDN reduces fibromyalgia pain\n\nText.")
    assert found == ["LDN reduces fibromyalgia pain"]


def test_every_subject_group_has_words_the_base_knows(store: FactStore) -> None:
    matcher = claims._Matcher(store)
    data = json.loads((Path(claims.__file__).parent / "vocab" / "claims.json").read_text())
    for group, phrases in data["subjects"].items():
        known = [p for p in phrases if tokens(p) and matcher.known(tuple(tokens(p)))]
        assert len(known) >= len(phrases) // 2, group


def test_a_subject_the_base_does_not_know_makes_no_claim(
    tmp_path: Path, minimal_file: Path
) -> None:
    environ = {"XDG_CACHE_HOME": str(tmp_path / "c")}
    small = open_store([str(minimal_file)], environ)
    assert check_text(small, "Morphine is a strong painkiller.").claims == []


def test_weak_matches_are_dropped(store: FactStore) -> None:
    """A sentence sharing only common words with the facts matches nothing."""
    report = check_text(store, "LDN is a treatment that many people take every day.")
    assert all(c.facts == [] for c in report.claims)


def test_matches_come_from_the_search_ranking_best_first(store: FactStore) -> None:
    from ldnfacts.query import Query, find

    sentence = "Naltrexone was first approved by the FDA in 1984 for opioid dependence."
    report = check_text(store, sentence)
    (claim,) = report.claims
    question = claims._Matcher(store).question(sentence)
    assert "1984" in question and "naltrexone" not in question  # rare words; common ones out
    answer = find(store, Query(terms=(question,), ranked=True, limit=claims.CANDIDATES))
    order = [f["id"] for f in answer.facts]
    kept = [f["id"] for f in claim.facts]
    assert kept[0] == "approval-1984-opioid-dependence"
    assert kept == [i for i in order if i in kept]  # search's order, filtered
    by_id = dict(zip(order, answer.scores, strict=True))
    assert [f["score"] for f in claim.facts] == [round(by_id[i], 4) for i in kept]


@pytest.mark.parametrize(
    ("sentence", "fact"),
    [
        ("LDN has no side effects.", "claim-no-side-effects"),
        ("LDN has zero side effects.", "claim-no-side-effects"),
        ("LDN is completely safe.", "safety-safe-well-tolerated"),
        ("LDN is a miracle cure.", "symptom-miracle-cure-claim"),
        ("LDN helps MS.", "symptom-ms-evidence"),
        ("LDN is not addictive.", "safety-no-narcotic-effects"),
        ("LDN has few side effects.", "safety-side-effects-rare"),
    ],
)
def test_short_sales_claims_are_matched_by_the_fact_that_states_them(
    store: FactStore, sentence: str, fact: str
) -> None:
    (claim,) = check_text(store, sentence).claims
    assert [f["id"] for f in claim.facts] == [fact]


@pytest.mark.parametrize(
    "sentence",
    [
        "LDN has side effects.",  # "side effects are rare" and "no side effects" deny it
        "LDN works.",  # every fact on what LDN helps names what it helps
        "LDN is a treatment.",
        "LDN is FDA approved.",  # the approval facts are about naltrexone, not LDN
    ],
)
def test_a_short_claim_is_not_matched_by_a_fact_saying_more_or_the_opposite(
    store: FactStore, sentence: str
) -> None:
    (claim,) = check_text(store, sentence).claims
    assert claim.facts == []


def test_a_short_claim_naming_a_drug_is_not_matched_by_a_fact_that_does_not(
    store: FactStore,
) -> None:
    (claim,) = check_text(store, "LDN is safe with tramadol.").claims
    assert claim.facts == []
    assert claim.warnings  # the contraindication still goes with it


def test_a_saying_filler_words_would_shrink_is_no_subject() -> None:
    """`get high` (euphoria) would leave `high`, and "high doses" would name euphoria."""
    subjects = claims.vocabulary().subjects
    assert ("high",) not in subjects and ("run",) not in subjects
    assert ("vivid", "dream") in subjects and ("surgery",) in subjects


def test_the_shipped_compiled_subjects_are_up_to_date() -> None:
    stale = "vocab/claims.compiled.json is out of date: python -m tests.test_check --update"
    shipped = claims.COMPILED_SUBJECTS.read_text(encoding="utf-8")
    assert shipped == claims.compiled_subjects_text(), stale
    assert json.loads(shipped) == claims.compile_subjects()


def test_a_check_reads_the_compiled_subjects_and_compiles_them_only_when_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = claims.compile_subjects()
    with monkeypatch.context() as patched:
        patched.setattr(claims, "compile_subjects", lambda: pytest.fail("compiled again"))
        assert claims._compiled_subjects() == compiled
    stale = tmp_path / "claims.compiled.json"
    stale.write_text(json.dumps({**compiled, "inputs": "0", "said": []}), encoding="utf-8")
    monkeypatch.setattr(claims, "COMPILED_SUBJECTS", stale)
    assert claims._compiled_subjects() == compiled
    stale.write_text("{not json", encoding="utf-8")
    assert claims._compiled_subjects() == compiled


@pytest.mark.parametrize(
    ("terms", "phrase", "held"),
    [
        (["low", "dos", "naltrexon"], ("low", "dos"), True),
        (["lowdos", "naltrexon"], ("lowdo", "naltrexon"), True),  # a long word's beginning
        (["low", "dos"], ("dos", "low"), False),
        (["low", "tenth"], ("low", "tenth", "naltrexon", "dos"), False),  # longer than the field
        ([], ("low", "dos"), False),
    ],
)
def test_a_phrase_is_found_as_search_finds_it(
    terms: list[str], phrase: tuple[str, ...], held: bool
) -> None:
    assert claims._contains(terms, phrase) is held


def test_a_long_compound_against_short_headlines_is_checked(store: FactStore) -> None:
    """A compound of four words is a phrase longer than most facts' headlines."""
    report = check_text(store, "Low-tenth-naltrexone-dose is what LDN means.")
    assert len(report.claims) == 1


def test_denials_are_read_with_contractions_and_scarcity() -> None:
    assert claims.negated("LDN doesn't cause side effects.")
    assert claims.negated("Side effects are rare.")
    assert claims.negated("LDN has zero side effects.")
    assert not claims.negated("LDN has side effects.")


def test_a_word_said_twice_in_two_forms_counts_once(store: FactStore) -> None:
    matcher = claims._Matcher(store)
    said = [g.said for g in matcher.groups("inhibiting the receptors, by inhibition")]
    assert len([s for s in said if s.startswith("inhibit")]) == 1
    said = [g.said for g in matcher.groups("effective, with few effects")]
    assert len([s for s in said if s.startswith("effect")]) == 1


def test_a_fact_sharing_words_only_through_its_tags_is_no_match(store: FactStore) -> None:
    """`safety-no-narcotic-effects` is tagged opioid-effects and addiction; a sentence on
    the 50 mg dose for opioid addiction says nothing of what it claims."""
    (claim,) = check_text(store, "It is the same drug given at 50 mg for opioid addiction.").claims
    assert "safety-no-narcotic-effects" not in [f["id"] for f in claim.facts]


# -- the seeds -----------------------------------------------------------------------------


def test_seed_blog_claims_carry_their_standings(store: FactStore) -> None:
    page = pagetext.read_page(str(seeds() / SEED_BLOG))
    report = claims.check_page(store, page)
    by_text = {c.text: c for c in report.claims}

    def standing(fragment: str) -> str | None:
        (claim,) = [c for t, c in by_text.items() if fragment in t]
        return claim.facts[0]["status"] if claim.facts else None

    assert standing("feeling of serenity") == "disputed"
    assert standing("first approved for clinical use in 1984") == "established"
    assert standing("alleviating pain and fatigue") == "contested"
    assert standing("decreases inflammation that aids in pain reduction") == "contested"
    for claim in report.claims:
        assert page.text[claim.start : claim.end] == claim.text


#: The issue's target; the measured figure is printed by `bench/check.py`.
RECALL_TARGET = 0.9


def test_seed_facts_are_found_in_the_sentence_they_came_from(store: FactStore) -> None:
    results = check_eval.seed_results(store, seeds())
    assert len(results) >= 50
    assert check_eval.recall(results) >= RECALL_TARGET, [r for r in results if not r.found]


def test_seed_mapping_can_fail(store: FactStore) -> None:
    """A fact whose locator names no section of its seed is an error, not a silent miss."""
    with pytest.raises(LookupError):
        check_eval._section("Intro\n\nBody.", [pagetext.Block(0, 5, "heading")], "Nowhere", [])


# -- clauses -------------------------------------------------------------------------------


def test_a_sentence_of_several_claims_parts_into_clauses(store: FactStore) -> None:
    matcher = claims._Matcher(store)
    sentence = (
        "LDN lowers inflammation in the nervous system, and it improves sleep, fatigue and mood."
    )
    assert claims.clauses(sentence, matcher) == [
        "LDN lowers inflammation in the nervous system",
        "and it improves sleep, fatigue and mood.",
    ]


def test_a_piece_naming_no_subject_joins_its_neighbour(store: FactStore) -> None:
    matcher = claims._Matcher(store)
    sentence = "A trial of LDN in fibromyalgia found less pain, researchers reported this week."
    assert claims.clauses(sentence, matcher) == [sentence]
    assert claims.clauses("LDN, in short, works.", matcher) == ["LDN, in short, works."]


def test_each_clause_finds_its_own_fact_after_the_whole_sentences(store: FactStore) -> None:
    sentence = (
        "Naltrexone was first approved by the FDA in 1984 for opioid dependence; "
        "its side effects are rare."
    )
    ids = [f["id"] for f in check_text(store, sentence).claims[0].facts]
    assert "approval-1984-opioid-dependence" in ids
    assert "safety-side-effects-rare" in ids
    whole = claims._Matcher(store)._match(sentence, claims._Matcher(store).rank(sentence))
    assert ids[: len(whole[: claims.TOP])] == [f["id"] for f in whole[: claims.TOP]]
    assert len(ids) <= claims.TOP_CLAUSES


def test_clause_lists_merge_in_turn_each_fact_once() -> None:
    def facts(*ids: str) -> list[dict[str, Any]]:
        return [{"id": i} for i in ids]

    merged = claims._merge([facts("a", "b"), facts("a", "c", "d"), facts("e")], 4)
    assert [f["id"] for f in merged] == ["a", "c", "e", "b"]


def test_fractions_in_figures_read_as_the_facts_write_them() -> None:
    assert claims.searchable("1/10th of the 50mg dose") == "a tenth of the 50 mg dose"
    assert claims.searchable("1/2 tablet, 11/10 and 3/4") == "a half tablet, 11/10 and 3/4"


def test_amounts_in_words_read_in_figures_as_the_facts_write_them() -> None:
    assert claims.searchable("four and a half milligrams a day") == "4.5 mg a day"
    assert claims.searchable("Three milligrams, then 1.5 milligrams") == "3 mg, then 1.5 mg"
    assert claims.searchable("One and a half mg") == "1.5 mg"
    # a number word not followed by a unit stays as it is
    assert (
        claims.searchable("one of the researchers, two weeks")
        == "one of the researchers, two weeks"
    )


_PIECES = [
    "1", "10", "4.5", "1/10th", "1 / 3", "/", "mg", "MG", "milligrams", "Milligramme", "four",
    "One", "and a half", "of", "dose", "\u0131", "\u0130", "\u017f", "m\u0131lligram",
    "milligram\u017f", "50mg", "x", "-",
]  # fmt: skip


@example("\u0664mg")  # an Arabic-Indic digit glued to its unit: `\\d` is any digit
@example("four milligram\u017f")  # a long s: the amount's unit, case-insensitively
@example("4 M\u0131LLIGRAMS")  # a dotless i, likewise
@given(
    st.lists(st.sampled_from(_PIECES), max_size=8).map(" ".join)
    | st.lists(st.sampled_from(_PIECES), max_size=6).map("".join)
    | st.text(max_size=30)
)
def test_what_searchable_looks_for_first_is_what_each_pattern_needs(text: str) -> None:
    """Its shortcuts skip a pattern only where it cannot match, so it reads every text
    as the patterns alone would."""
    amount, unit = claims._amount_patterns()
    if amount.search(text):
        assert unit.search(text)
    if claims._NUMBER_UNIT.search(text):
        assert claims._DIGIT.search(text)
    if claims._FRACTION.search(text):
        assert "/" in text


def test_an_amount_in_words_matches_the_fact_giving_it_in_figures(store: FactStore) -> None:
    report = check_text(
        store,
        "A follow-up crossover trial, published in 2013, gave 31 women four and a half "
        "milligrams a day.",
    )
    assert [f["id"] for f in report.claims[0].facts][:1] == ["trial-stanford-crossover-2013"]


def test_a_tenth_in_figures_matches_the_fact_saying_a_tenth(store: FactStore) -> None:
    report = check_text(store, "LDN is 1/10th or less of the usual 50mg/day naltrexone dose.")
    assert "dose-low-is-tenth" in [f["id"] for f in report.claims[0].facts]


# -- golden texts --------------------------------------------------------------------------


def golden(report: claims.CheckReport) -> list[dict[str, Any]]:
    return [
        {
            "text": c.text,
            "start": c.start,
            "end": c.end,
            "kind": c.kind,
            "status": c.facts[0]["status"] if c.facts else None,
            "facts": [f["id"] for f in c.facts],
        }
        for c in report.claims
    ]


def expected_path(case: Path) -> Path:
    return case.with_name(case.stem + ".expected.json")


CASES = check_eval.case_inputs()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_case(store: FactStore, case: Path) -> None:
    report = check_eval.case_report(store, case)
    expected = json.loads(expected_path(case).read_text(encoding="utf-8"))
    assert golden(report) == expected, "run: python -m tests.test_check --update"
    for claim in report.claims:
        assert report.text[claim.start : claim.end] == claim.text


OWN = check_eval.own_cases()


@pytest.mark.parametrize("case", OWN, ids=[c.name for c in OWN])
def test_golden_sentences_that_must_match_nothing_match_nothing(
    store: FactStore, case: Path
) -> None:
    """On our own texts; the independent ones are measured, not held to it (README)."""
    report = check_eval.case_report(store, case)
    judgement = check_eval.judgement_for(case)
    for fragment, right in judgement.items():
        if right:
            continue
        for claim in report.claims:
            if fragment in claim.text:
                assert claim.facts == [], fragment


#: Precision of the matches on our golden texts, over all of them ...
PRECISION_TARGET = 0.85
#: ... and the floor on the texts written and judged independently: what they measured
#: when they were added (0.69), rounded down; it may only rise (README, Check a page).
INDEPENDENT_PRECISION_FLOOR = 0.65


def test_golden_precision(store: FactStore) -> None:
    right, wrong, _ = check_eval.judge_cases(store, OWN)
    assert right >= 15
    assert right / (right + wrong) >= PRECISION_TARGET


def test_precision_on_independent_texts_holds(store: FactStore) -> None:
    right, wrong, _ = check_eval.judge_cases(store, check_eval.independent_cases())
    assert right >= 60
    assert right / (right + wrong) >= INDEPENDENT_PRECISION_FLOOR


def test_every_golden_text_is_ours_or_independent() -> None:
    assert sorted(CASES) == sorted([*OWN, *check_eval.independent_cases()])


def test_there_are_golden_cases_of_each_kind() -> None:
    assert {c.suffix for c in CASES} == {".txt", ".md", ".html"}
    for case in CASES:
        assert expected_path(case).is_file(), case
        assert case.with_name(case.stem + ".judged.json").is_file(), case


# -- the command ---------------------------------------------------------------------------


def test_check_json_objects_locate_each_sentence(invoke: Invoke, check_shape: ShapeCheck) -> None:
    text = (Path(__file__).parent / "check_cases" / "news-item.txt").read_text(encoding="utf-8")
    out = invoke("check", str(Path(__file__).parent / "check_cases" / "news-item.txt"), "--json")
    assert out.code == 0
    objects = out.json()
    assert objects
    for obj in objects:
        check_shape(obj, "check")
        assert text[obj["start"] : obj["end"]] == obj["text"]
    assert [o["start"] for o in objects] == sorted(o["start"] for o in objects)


def test_check_jsonl_and_stdin(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from ldnfacts.cli import app

    monkeypatch.setattr("ldnfacts.environment._isatty", lambda stream: False)
    result = CliRunner().invoke(
        app, ["check", "--jsonl"], input="Naltrexone was approved by the FDA in 1984.\n"
    )
    lines = result.stdout.splitlines()
    assert result.exit_code == 0
    assert len(lines) == 1
    assert json.loads(lines[0])["source"] == "<stdin>"


def test_check_claimreview_has_the_schema_org_shape(
    invoke: Invoke, check_shape: ShapeCheck
) -> None:
    case = Path(__file__).parent / "check_cases" / "seller-page.html"
    out = invoke("check", str(case), "--format", "claimreview", "--url", "https://e.org/p")
    reviews = out.json()
    assert out.code == 0 and reviews
    for review in reviews:
        check_shape(review, "claim_review")
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        assert review["itemReviewed"]["appearance"] == {
            "@type": "CreativeWork",
            "url": "https://e.org/p",
        }
        assert review["author"]["name"] == "ldnfacts"
        assert review["reviewRating"]["alternateName"] in claims_statuses()
    without = invoke("check", str(case), "--format", "claimreview").json()
    assert all("appearance" not in r["itemReviewed"] for r in without)


def claims_statuses() -> set[str]:
    from ldnfacts.model import STATUSES

    return set(STATUSES)


def test_check_terminal_shows_standings_summary_and_disclaimer(invoke: Invoke) -> None:
    case = Path(__file__).parent / "check_cases" / "seller-page.html"
    out = invoke("check", str(case), tty=True)
    assert out.code == 0
    assert "ESTABLISHED" in out.text and "NOT COVERED" in out.text
    assert "not covered by the fact base" in out.text
    assert DISCLAIMER in out.text
    assert "\x1b[" in out.stdout  # standing colours


def test_check_plain_and_markdown(invoke: Invoke) -> None:
    case = str(Path(__file__).parent / "check_cases" / "patient-blog.md")
    plain = invoke("check", case).stdout.splitlines()
    assert all(len(line.split("\t")) == 6 for line in plain)  # start end standing ids warnings text
    assert any(line.split("\t")[2] == "not-covered" for line in plain)
    markdown = invoke("check", case, "--format", "markdown").stdout
    assert markdown.startswith("## Claims in ")
    assert "[^1]:" in markdown and DISCLAIMER in markdown
    assert "*The fact base has nothing on this claim.*" in markdown


def test_check_exit_1_when_no_claim_is_covered(invoke: Invoke, tmp_path: Path) -> None:
    page = write(tmp_path / "p.txt", "Join us for a 30 min session.\n")
    out = invoke("check", str(page))
    assert out.code == 1
    assert "no claim" in out.stderr


def test_check_unreadable_binary_or_missing_input_exit_2(invoke: Invoke, tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x00\x01\x02LDN")
    out = invoke("check", str(binary))
    assert out.code == 2 and "photo.txt: binary data" in out.stderr
    missing = invoke("check", str(tmp_path / "gone.html"))
    assert missing.code == 2 and "gone.html: cannot read" in missing.stderr
    folder = invoke("check", str(tmp_path))
    assert folder.code == 2 and "is a folder" in folder.stderr


def test_check_refuses_input_over_the_limit(invoke: Invoke, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(pagetext.MAX_BYTES + 1)
    out = invoke("check", str(big))
    assert out.code == 2 and "larger than 5 MB" in out.stderr


def test_check_answers_a_one_megabyte_page(invoke: Invoke, tmp_path: Path) -> None:
    paragraph = (
        "<p>Naltrexone was first approved by the FDA in 1984. Side effects of LDN are rare."
        ' <a href="/x">More</a></p>\n'
    )
    filler = '<div class="x"><span>menu item</span></div>\n'
    page = tmp_path / "big.html"
    page.write_text(
        "<html><body>" + (paragraph + filler * 50) * 450 + "</body></html>", encoding="utf-8"
    )
    assert page.stat().st_size > 1_000_000
    out = invoke("check", str(page), "--jsonl")
    assert out.code == 0
    assert len(out.stdout.splitlines()) == 900


def test_check_bad_fact_file_exit_3(invoke: Invoke, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", "facts: [oops\n")
    page = write(tmp_path / "p.txt", "LDN helps.\n")
    out = invoke("check", str(page), "--data", str(bad))
    assert out.code == 3


def test_check_usage_error_exit_2(invoke: Invoke) -> None:
    assert invoke("check", "--format", "nope").code == 2
    assert invoke("check", "--json", "--jsonl").code == 2


# -- refresh the expected files --------------------------------------------------------------


def _update() -> None:
    claims.COMPILED_SUBJECTS.write_text(claims.compiled_subjects_text(), encoding="utf-8")
    print(f"updated {claims.COMPILED_SUBJECTS.name}")
    environ = dict(os.environ)
    store = open_store(paths.data_paths(None, environ), environ)
    for case in CASES:
        report = check_eval.case_report(store, case)
        expected_path(case).write_text(
            json.dumps(golden(report), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"updated {expected_path(case).name}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python -m tests.test_check --update")
    _update()


OPIOID_SENTENCES = [
    "It is fine to take LDN with tramadol or oxycodone.",
    "You can take LDN with tramadol.",
    "Never combine LDN with opioid painkillers such as tramadol.",
    "Patients on Suboxone often add low-dose naltrexone.",
]


@pytest.mark.parametrize("sentence", OPIOID_SENTENCES)
def test_a_claim_naming_an_opioid_carries_the_safety_warning_and_no_standing_from_it(
    store: FactStore, sentence: str
) -> None:
    """Search's safety-first rule holds for pages: the contraindication goes with any
    sentence naming an opioid, as a warning, never as the claim's standing."""
    (claim,) = claims.claim_objects(check_text(store, sentence))
    assert "safety-opioid-contraindications" in [f["id"] for f in claim["warnings"]]
    assert all(f["id"] != "safety-opioid-contraindications" for f in claim["facts"])
    assert claim["status"] is None or claim["facts"]


def test_a_claim_without_an_opioid_carries_no_warning(store: FactStore) -> None:
    (claim,) = claims.claim_objects(check_text(store, "LDN was first approved by the FDA in 1984."))
    assert claim["warnings"] == [] and claim["status"] == "established"


def test_warnings_count_as_covered_for_the_exit_status(invoke: Invoke, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("You can take LDN with tramadol.\n", encoding="utf-8")
    out = invoke("check", str(page), "--format", "plain")
    assert out.code == 0 and "safety-opioid-contraindications" in out.stdout
