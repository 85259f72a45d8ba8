"""Each command as a person at a terminal sees it and as a script in a pipe sees it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ldnfacts import __version__
from ldnfacts.model import DISCLAIMER, STATUSES, TOPICS

from .conftest import Invoke, run_process

ANSI = re.compile(r"\x1b\[")
FACT_COMMANDS = [[topic] for topic in TOPICS] + [
    ["search", "naltrexone"],
    ["show", "trial-final-2024"],
    ["evidence"],
]
ALL_COMMANDS = [*FACT_COMMANDS, ["sources"], ["topics"]]
ShapeCheck = Callable[[Any, str], None]


# -- pipes: plain, undecorated, one record per line ------------------------------------------


@pytest.mark.parametrize("args", ALL_COMMANDS, ids=" ".join)
def test_pipe_output_is_plain_tab_separated_without_decoration(
    invoke: Invoke, args: list[str]
) -> None:
    out = invoke(*args)
    assert out.code == 0
    assert out.stdout and not ANSI.search(out.stdout)
    assert DISCLAIMER not in out.stdout  # nothing decorative in a pipe
    assert "│" not in out.stdout and "─" not in out.stdout
    lines = out.stdout.splitlines()
    assert all("\t" in line for line in lines)


def test_plain_fact_lines_have_documented_columns(invoke: Invoke) -> None:
    first = invoke("dose").stdout.splitlines()[0].split("\t")
    assert first[:3] == ["dose-ldn-usual-4-5mg", "dose", "supported"]
    assert first[3].startswith("Low-dose naltrexone (LDN) means taking 1 to 5 mg")
    assert first[4] == "toljan-vrooman-2018,younger-2014-review"


def test_plain_output_does_not_wrap_long_claims(invoke: Invoke) -> None:
    out = invoke("search", "stanford", "crossover", env={"COLUMNS": "40"})
    longest = max(len(line) for line in out.stdout.splitlines())
    assert longest > 200  # a whole claim stays on its own line


# -- terminals: tables, standing visible, sources under the fact, footer ----------------------


@pytest.mark.parametrize("args", ALL_COMMANDS, ids=" ".join)
def test_terminal_output_has_table_and_disclaimer(invoke: Invoke, args: list[str]) -> None:
    out = invoke(*args, tty=True)
    assert out.code == 0
    assert DISCLAIMER in out.text
    assert "\t" not in out.stdout


def test_terminal_shows_standing_and_sources_under_each_fact(invoke: Invoke) -> None:
    out = invoke("dose", tty=True)
    assert "ESTABLISHED" in out.stdout and "CLAIMED" in out.stdout
    lines = out.stdout.splitlines()
    claim_line = next(i for i, line in enumerate(lines) if "(LDN) means taking" in line)
    review_line = next(
        i for i, line in enumerate(lines) if "review of therapeutic utilization" in line
    )
    next_claim = next(i for i, line in enumerate(lines) if "most fibromyalgia trials" in line)
    assert claim_line < review_line < next_claim
    assert "Naltrexone hydrochloride tablets" in out.stdout
    assert "[regulatory]" in out.stdout and "[commercial]" in out.stdout


def test_terminal_colours_unless_no_color(invoke: Invoke) -> None:
    assert ANSI.search(invoke("dose", tty=True).stdout)
    assert not ANSI.search(invoke("dose", tty=True, env={"NO_COLOR": "1"}).stdout)
    assert not ANSI.search(invoke("dose", "--color", "never", tty=True).stdout)
    assert not ANSI.search(invoke("dose", tty=True, env={"TERM": "dumb"}).stdout)


def test_color_always_colours_a_pipe_and_beats_no_color(invoke: Invoke) -> None:
    assert ANSI.search(invoke("dose", "--color", "always", "-f", "table").stdout)
    out = invoke("dose", "--color", "always", "-f", "table", env={"NO_COLOR": "1"})
    assert ANSI.search(out.stdout)


def test_unsettled_facts_show_reason_and_linked_facts_on_terminal(invoke: Invoke) -> None:
    text = invoke("search", "5", "million", tty=True).text
    assert "CONTESTED" in text
    assert "Why: Outdated rather than wrong" in text
    assert "See: symptom-prevalence-cdc" in text


def test_table_format_in_a_pipe_uses_a_wide_layout(invoke: Invoke) -> None:
    out = invoke("dose", "--format", "table", env={"COLUMNS": None})
    assert "Standing" in out.stdout and not ANSI.search(out.stdout)
    assert max(len(line) for line in out.stdout.splitlines()) > 100


# -- JSON and JSON Lines -------------------------------------------------------------------


@pytest.mark.parametrize("args", FACT_COMMANDS, ids=" ".join)
def test_fact_json_matches_documented_shape(
    invoke: Invoke, check_shape: ShapeCheck, args: list[str]
) -> None:
    out = invoke(*args, "--json")
    facts = out.json()
    assert out.code == 0 and isinstance(facts, list) and facts
    for fact in facts:
        check_shape(fact, "fact")


@pytest.mark.parametrize("args", FACT_COMMANDS, ids=" ".join)
def test_jsonl_is_one_fact_per_line_same_as_json(invoke: Invoke, args: list[str]) -> None:
    lines = invoke(*args, "--jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == invoke(*args, "--json").json()
    assert invoke(*args, "--format", "jsonl").stdout.splitlines() == lines


def test_sources_topics_paths_json_shapes(invoke: Invoke, check_shape: ShapeCheck) -> None:
    for source in invoke("sources", "--json").json():
        check_shape(source, "source")
    for topic in invoke("topics", "--json").json():
        check_shape(topic, "topic")
    check_shape(invoke("paths", "--json").json(), "paths")
    for item in invoke("sources", "--format", "csl-json").json():
        check_shape(item, "csl_item")


def test_citations_carry_identifiers_and_links(invoke: Invoke) -> None:
    fact = invoke("show", "trial-final-2024", "--json").json()[0]
    cited = fact["sources"][0]
    assert cited["doi"] == "10.1016/S2665-9913(23)00278-3"
    assert cited["pmid"] == "38258677" and cited["nct"] == "NCT04270877"
    assert cited["links"] == {
        "doi": "https://doi.org/10.1016/S2665-9913(23)00278-3",
        "pubmed": "https://pubmed.ncbi.nlm.nih.gov/38258677/",
        "pmc": None,
        "registry": "https://clinicaltrials.gov/study/NCT04270877",
    }


def test_search_stanford_titles_for_jq(invoke: Invoke) -> None:
    facts = invoke("search", "stanford", "--json").json()
    titles = {s["title"] for f in facts for s in f["sources"]}
    assert any(
        t.startswith("Low-dose naltrexone for the treatment of fibromyalgia: findings")
        for t in titles
    )
    assert facts[0]["id"] in (
        "symptom-pain-benefit-claim",
        "trial-stanford-pilot-2009",
        "trial-stanford-crossover-2013",
    )


# -- queries -------------------------------------------------------------------------------


def test_topic_terms_all_must_match_and_prefixes_match(invoke: Invoke) -> None:
    microglia = invoke("mechanism", "microglia", "--json").json()
    assert microglia and all(f["topic"] == "mechanism" for f in microglia)
    texts = [
        " ".join([f["claim"], " ".join(f["tags"]), f["note"] or ""]).lower() for f in microglia
    ]
    assert all("microglia" in t for t in texts)
    both = invoke("mechanism", "microglia", "rats", "--json").json()
    assert both and len(both) < len(microglia)
    assert {f["id"] for f in both} <= {f["id"] for f in microglia}


def test_microglia_finds_microglial(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(
        """\
sources: [{id: s, title: T, kind: trial}]
facts:
  - {id: only-adjective, topic: mechanism, claim: Microglial cells calm down., status: claimed,
     sources: [{ref: s}]}
""",
        encoding="utf-8",
    )
    ids = [f["id"] for f in invoke("mechanism", "microglia", "--json", "--data", str(path)).json()]
    assert ids == ["only-adjective"]


def test_terms_ignore_case_and_accents(invoke: Invoke) -> None:
    assert (
        invoke("search", "STANFORD", "--json").json()
        == invoke("search", "stanford", "--json").json()
    )
    assert invoke("sources", "rodriguez", "--json").json()[0]["id"] == "innova-registry"


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("fibro", "symptom-ldn-highly-effective"),
        ("cfs", "symptom-pain-fatigue-fm-cfs"),
        ("tregs", "mech-treg-promotion-claim"),
        ("nightmares", "safety-vivid-dreams"),
        ("sae", "safety-serious-adverse-events-not-increased"),
    ],
)
def test_aliases_map_to_the_words_the_data_uses(invoke: Invoke, alias: str, expected: str) -> None:
    ids = [f["id"] for f in invoke("search", alias, "--json").json()]
    assert expected in ids


def test_approval_prints_in_date_order_undated_last(invoke: Invoke) -> None:
    facts = invoke("approval", "--json").json()
    dates = [f["date"] for f in facts if f["date"]]
    assert dates == sorted(dates) and len(dates) >= 6
    first_undated = next(i for i, f in enumerate(facts) if not f["date"])
    assert all(not f["date"] for f in facts[first_undated:])


@pytest.mark.parametrize(
    ("alias", "topic"), [("symptoms", "symptom"), ("history", "approval"), ("trials", "evidence")]
)
def test_command_aliases(invoke: Invoke, alias: str, topic: str) -> None:
    assert invoke(alias, "--json").stdout == invoke(topic, "--json").stdout


def test_search_ranks_claim_matches_first(invoke: Invoke) -> None:
    facts = invoke("search", "pain", "--status", "contested", "--json").json()
    assert "pain" in facts[0]["claim"].lower()  # the claim field weighs most in BM25
    assert {f["status"] for f in facts} == {"contested"}


def test_status_filter_accepts_repeats_and_commas(invoke: Invoke) -> None:
    both = invoke("search", "pain", "--status", "contested,disputed", "--json").json()
    repeated = invoke("search", "pain", "-s", "contested", "-s", "disputed", "--json").json()
    assert both == repeated
    assert {f["status"] for f in both} == {"contested", "disputed"}


def test_limit_cuts_the_list_and_title_says_so(invoke: Invoke) -> None:
    assert len(invoke("search", "naltrexone", "--json", "--limit", "3").json()) == 3
    assert "3 of " in invoke("search", "naltrexone", "-n", "3", tty=True).stdout


def test_show_follows_related_links_both_ways(invoke: Invoke) -> None:
    out = invoke("show", "symptom-pain-benefit-claim", tty=True)
    for linked in ("trial-final-2024", "trial-bested-2023", "trial-innova"):
        assert linked in out.stdout
    plain = invoke("show", "trial-final-2024").stdout
    linked_ids = [line.split("\t")[1] for line in plain.splitlines() if line.startswith("linked\t")]
    assert "symptom-pain-benefit-claim" in linked_ids  # it lists the trial, not vice versa


def test_show_several_ids_and_markdown(invoke: Invoke) -> None:
    out = invoke("show", "dose-standard-50mg", "safety-vivid-dreams", "--json").json()
    assert [f["id"] for f in out] == ["dose-standard-50mg", "safety-vivid-dreams"]
    markdown = invoke("show", "mech-consensus-claim", "--format", "markdown").stdout
    assert "**DISPUTED**" in markdown and "[^1]:" in markdown


def test_topics_counts_match_listings(invoke: Invoke) -> None:
    topics = invoke("topics", "--json").json()
    for topic in topics:
        assert topic["facts"] == len(invoke(topic["topic"], "--json").json())
        assert sum(topic["statuses"].values()) == topic["facts"]
    assert [t["topic"] for t in topics] == list(TOPICS)


def test_sources_counts_citations(invoke: Invoke) -> None:
    sources = {s["id"]: s for s in invoke("sources", "--json").json()}
    citing = [
        f
        for f in invoke("search", "final", "--json").json()
        if any(s["id"] == "final-2024" for s in f["sources"])
    ]
    assert sources["final-2024"]["cited_by"] >= len(citing) > 0
    assert all(s["cited_by"] > 0 for s in sources.values())
    trials = invoke("sources", "--kind", "trial", "--json").json()
    assert trials and {s["kind"] for s in trials} == {"trial"}


# -- exit statuses and messages ------------------------------------------------------------


def test_no_match_exits_1_with_empty_json_array(invoke: Invoke) -> None:
    out = invoke("dose", "zebra", "--json")
    assert out.code == 1 and out.json() == []
    assert "no fact matches" in out.stderr
    plain = invoke("dose", "zebra")
    assert plain.code == 1 and plain.stdout == ""
    assert invoke("dose", "zebra", "--jsonl").stdout == ""


def test_misspelt_term_is_corrected_and_said(invoke: Invoke) -> None:
    out = invoke("mechanism", "microglai")
    assert out.code == 0
    assert "searching for 'microglia' instead of 'microglai'" in out.stderr
    assert out.stdout.startswith("mech-")


def test_topic_miss_points_to_search_when_other_topics_match(invoke: Invoke) -> None:
    out = invoke("dose", "thioridazine")
    assert out.code == 1 and "ldnfacts search thioridazine" in out.stderr


def test_show_unknown_id_suggests_close_ids(invoke: Invoke) -> None:
    out = invoke("show", "trial-final-2042")
    assert out.code == 1 and "Did you mean: trial-final-2024" in out.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["dose", "--status", "settled"],
        ["dose", "--json", "--format", "plain"],
        ["dose", "--limit", "0"],
        ["nosuchcommand"],
        ["search"],
        ["sources", "--format", "yaml"],
    ],
)
def test_usage_errors_exit_2(invoke: Invoke, args: list[str]) -> None:
    out = invoke(*args)
    assert out.code == 2
    assert out.stdout == ""


def test_unknown_status_names_the_choices(invoke: Invoke) -> None:
    out = invoke("dose", "--status", "suported")
    assert "did you mean supported" in out.stderr.lower()
    for status in STATUSES:
        assert status in out.stderr


def test_version_names_tool_and_fact_base(invoke: Invoke) -> None:
    out = invoke("--version")
    assert out.code == 0
    assert out.stdout.startswith(f"ldnfacts {__version__} (fact base v")
    assert "facts" in out.stdout and "sources" in out.stdout


def test_version_content_hash_compares_copies_of_a_base(
    invoke: Invoke, tmp_path: Path, minimal_file: Path
) -> None:
    def content(path: Path) -> str:
        out = invoke("--version", env={"LDNFACTS_DATA": str(path)}).stdout
        return out.rsplit("content ", 1)[1].rstrip(")\n")

    copy = tmp_path / "elsewhere" / "copy.yaml"
    copy.parent.mkdir()
    copy.write_bytes(minimal_file.read_bytes())
    assert content(copy) == content(minimal_file)
    copy.write_text(minimal_file.read_text() + "# an edit\n")
    assert content(copy) != content(minimal_file)


def test_paths_point_at_data_schema_and_cache(invoke: Invoke, isolated: Path) -> None:
    found = invoke("paths", "--json").json()
    assert Path(found["facts_schema"]).is_file() and Path(found["output_schema"]).is_file()
    assert Path(found["data"][0]).is_file()
    assert found["cache_dir"] == str(isolated / "ldnfacts")
    plain = invoke("paths").stdout
    assert f"cache_dir\t{isolated / 'ldnfacts'}" in plain


# -- data files from the command line and the environment ---------------------------------


def test_data_option_and_environment_replace_the_bundled_base(
    invoke: Invoke, minimal_file: Path
) -> None:
    by_option = invoke("dose", "--json", "--data", str(minimal_file)).json()
    by_env = invoke("dose", "--json", env={"LDNFACTS_DATA": str(minimal_file)}).json()
    assert [f["id"] for f in by_option] == ["fact-one"] and by_env == by_option


def test_several_data_files_form_one_base(invoke: Invoke, fact_file: Callable[[str], Path]) -> None:
    sources = fact_file("sources: [{id: s, title: T, kind: review}]\n")
    facts = fact_file(
        "facts: [{id: f, topic: safety, claim: Safe enough., status: claimed,"
        " sources: [{ref: s}]}]\n"
    )
    out = invoke("safety", "--json", "--data", str(sources), "--data", str(facts))
    assert out.code == 0 and out.json()[0]["sources"][0]["title"] == "T"
    import os

    joined = os.pathsep.join([str(sources), str(facts)])
    assert invoke("safety", "--json", env={"LDNFACTS_DATA": joined}).json() == out.json()


# -- as real processes -------------------------------------------------------------------


def test_python_dash_m_matches_in_process(invoke: Invoke) -> None:
    process = run_process(["dose", "--json"])
    assert process.code == 0
    assert json.loads(process.stdout) == invoke("dose", "--json").json()
    assert run_process(["--version"]).stdout.startswith(f"ldnfacts {__version__}")


def test_process_exit_statuses(minimal_file: Path, tmp_path: Path) -> None:
    assert run_process(["dose", "zebra"]).code == 1
    assert run_process(["dose", "--limit", "0"]).code == 2
    assert run_process(["dose", "--data", str(tmp_path / "missing.yaml")]).code == 3
    assert run_process(["dose", "--data", str(minimal_file)]).code == 0


def test_installed_script_works_from_another_folder(tmp_path: Path) -> None:
    out = run_process(["dose", "--json"], cwd=tmp_path)
    assert out.code == 0 and json.loads(out.stdout)


# -- the evidence view -------------------------------------------------------------------------


def test_evidence_on_a_terminal_draws_effects_with_intervals(invoke: Invoke) -> None:
    out = invoke("evidence", tty=True, env={"COLUMNS": "160"})
    for name in (
        "Stanford pilot",
        "Stanford crossover",
        "Bested 2023",
        "FINAL",
        "INNOVA",
        "Dose-finding study",
        "Vatvani 2024",
        "Ologunowa 2025",
    ):
        assert name in out.text
    assert "MD -0.34 (95% CI -0.95 to 0.27)" in out.text
    assert "·····───●─│─·········" in out.text  # FINAL: the interval crosses no difference
    assert "favours LDN" in out.text


def test_effect_mark_positions_and_fallback() -> None:
    from ldnfacts.render.studies import effect_mark

    final = {"measure": "MD", "estimate": -0.34, "ci_low": -0.95, "ci_high": 0.27}
    assert effect_mark(final) == "·····───●─│─·········"
    assert effect_mark(final, unicode=False) == ".....---o-|-........."
    assert effect_mark({"measure": "SMD", "estimate": -3.0}) == "●·········│··········"
    assert effect_mark({"measure": "difference", "estimate": -10.8}) == ""
    assert effect_mark(None) == ""


def test_sources_table_shows_kind_links_and_counts(invoke: Invoke) -> None:
    text = invoke("sources", "crossover", tty=True, env={"COLUMNS": "200"}).text
    assert "https://doi.org/10.1002/art.37734" in text
    assert "https://clinicaltrials.gov/study/NCT00568555" in text
    assert "trial" in text and "younger-2013-crossover" in text


@pytest.mark.parametrize("args", [["validate", "data/facts.yaml"], ["paths"]], ids=" ".join)
def test_reports_read_the_same_on_a_terminal_and_in_a_pipe(invoke: Invoke, args: list[str]) -> None:
    terminal, pipe = invoke(*args, tty=True), invoke(*args)
    assert terminal.code == pipe.code == 0
    assert terminal.stdout == pipe.stdout and terminal.stderr == pipe.stderr
    assert not ANSI.search(terminal.stdout + terminal.stderr)


def test_american_spelling_finds_british(invoke: Invoke) -> None:
    assert (
        invoke("search", "randomized", "--json").json()
        == invoke("search", "randomised", "--json").json()
    )


def test_evidence_rows_name_their_sources(invoke: Invoke) -> None:
    rows = [line.split("\t") for line in invoke("evidence").stdout.splitlines()]
    assert len(rows) == len(invoke("evidence", "--json").json()) >= 12
    assert all(len(row) == 11 and row[9] for row in rows)
    final = next(row for row in rows if row[0] == "trial-final-2024")
    assert final[9] == "final-2024"
    wide = invoke("evidence", tty=True, env={"COLUMNS": "260"}).text
    assert "https://doi.org/10.1016/S2665-9913(23)00278-3" in wide
    assert "https://clinicaltrials.gov/study/NCT04739995" in wide  # INNOVA's registry record


def test_evidence_is_per_condition_and_says_which(
    invoke: Invoke, fact_file: Callable[[str], Path]
) -> None:
    path = fact_file(
        """\
sources: [{id: s, title: T, kind: trial}]
facts:
  - id: ms-study
    topic: symptom
    claim: A trial in multiple sclerosis.
    status: supported
    sources: [{ref: s}]
    study: {name: MS trial, type: trial, condition: multiple-sclerosis, year: 2010,
            design: crossover, result: fewer symptoms, verdict: benefit}
"""
    )
    assert invoke("evidence", "--data", str(path)).code == 1  # fibromyalgia by default
    ms = invoke("evidence", "--condition", "MS", "--data", str(path), "--format", "table", tty=True)
    assert ms.code == 0 and "LDN in multiple sclerosis: the studies" in ms.text
    assert (
        invoke("evidence", "-c", "all", "--data", str(path), "--json").json()[0]["id"] == "ms-study"
    )
    unknown = invoke("evidence", "-c", "gout")
    assert unknown.code == 2 and "fibromyalgia" in unknown.stderr


def test_the_script_runs_without_the_cyclic_garbage_collector(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its passes cost about 2 ms of every run and free almost nothing (`launch`)."""
    import gc
    import os

    from ldnfacts import launch

    enabled: list[bool] = []

    def run() -> int:
        enabled.append(gc.isenabled())
        return 0

    monkeypatch.setattr(launch, "run", run)
    monkeypatch.setattr(os, "_exit", lambda code: None)
    try:
        launch.main()
    finally:
        gc.enable()
    assert enabled == [False]
