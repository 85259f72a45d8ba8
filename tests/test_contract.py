"""The script contract of the commands (issues 11 and 14): what each prints, where, and
with which exit status, for the cases a script or a newcomer trips over."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import MINIMAL, Invoke

ShapeCheck = Callable[[object, str], None]


def said(stderr: str) -> str:
    """A usage error as words, without Rich's box and its line breaks."""
    return " ".join(re.sub("[│╭╮╰╯─]", " ", stderr).split())


def test_show_json_carries_the_linked_facts(invoke: Invoke, check_shape: ShapeCheck) -> None:
    plain = invoke("show", "symptom-ldn-highly-effective", "--format", "plain").stdout
    linked_plain = {line.split("\t")[1] for line in plain.splitlines() if line.startswith("linked")}
    (fact,) = invoke("show", "symptom-ldn-highly-effective", "--json").json()
    check_shape(fact, "shown_fact")
    assert linked_plain and {f["id"] for f in fact["linked"]} == linked_plain


def test_show_prints_what_exists_names_the_missing_and_exits_by_what_was_found(
    invoke: Invoke,
) -> None:
    some = invoke("show", "dose-low-is-tenth", "dose-low-is-tenht", "--json")
    assert some.code == 0 and [f["id"] for f in some.json()] == ["dose-low-is-tenth"]
    assert "no fact has the id 'dose-low-is-tenht'. Did you mean: dose-low-is-tenth" in some.stderr
    none = invoke("show", "no-such-fact", "--json")
    assert none.code == 1 and none.json() == []


@pytest.mark.parametrize("status", ["disputed", "contested"])
def test_search_with_only_a_filter_lists_every_fact_of_that_standing(
    invoke: Invoke, status: str
) -> None:
    found = invoke("search", "--status", status, "--json").json()
    topics = [
        f
        for topic in ("dose", "mechanism", "approval", "symptom", "safety")
        for f in invoke(topic, "--status", status, "--json").json()
    ]
    assert found and {f["id"] for f in found} == {f["id"] for f in topics}
    assert {f["status"] for f in found} == {status}


def test_search_without_words_or_filters_is_a_usage_error(invoke: Invoke) -> None:
    out = invoke("search")
    assert out.code == 2 and "--status disputed" in said(out.stderr)


def test_search_on_a_terminal_shows_ten_and_counts_the_rest(invoke: Invoke) -> None:
    everything = invoke("search", "--status", "claimed", "--json").json()
    out = invoke("search", "--status", "claimed", tty=True, env={"COLUMNS": "120"})
    assert len(everything) > 10
    assert f"{len(everything) - 10} more: see them with --limit {len(everything)}" in out.stderr
    assert f"10 of {len(everything)} facts" in out.text


@pytest.mark.parametrize(
    ("args", "cited"),
    [(["safety", "opioid"], "safety"), (["show", "trial-final-2024"], "show")],
    ids=["topic", "show"],
)
def test_fact_commands_export_the_citations_of_what_they_show(
    invoke: Invoke, args: list[str], cited: str
) -> None:
    facts = invoke(*args, "--json").json()
    wanted = {s["id"] for f in facts for s in f["sources"]}
    bibtex = invoke(*args, "--format", "bibtex").stdout
    assert {
        line.split("{", 1)[1].rstrip(",") for line in bibtex.splitlines() if line.startswith("@")
    } == wanted
    csl = invoke(*args, "--format", "csl-json").json()
    assert {item["id"] for item in csl} == wanted


def test_a_format_a_command_cannot_show_is_a_usage_error_naming_the_usable_ones(
    invoke: Invoke,
) -> None:
    out = invoke("topics", "--format", "bibtex")
    assert out.code == 2 and "table, plain, json, jsonl, markdown" in said(out.stderr)


def test_sources_kind_is_checked_like_status(invoke: Invoke) -> None:
    out = invoke("sources", "--kind", "trail")
    assert out.code == 2 and "Did you mean trial?" in said(out.stderr)
    trials = invoke("sources", "--kind", "trial,review", "--json").json()
    assert trials and {s["kind"] for s in trials} == {"trial", "review"}


def test_data_may_come_before_the_command(invoke: Invoke, minimal_file: Path) -> None:
    after = invoke("dose", "--data", str(minimal_file), "--json").json()
    before = invoke("--data", str(minimal_file), "dose", "--json").json()
    assert [f["id"] for f in before] == [f["id"] for f in after] == ["fact-one"]
    assert MINIMAL  # the file those ids come from


def test_one_fact_is_one_fact(invoke: Invoke, minimal_file: Path) -> None:
    out = invoke("dose", "--data", str(minimal_file), "--format", "table", tty=True)
    assert "dose - 1 fact" in out.text and "1 facts" not in out.text


def test_internal_errors_are_not_no_match(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("ldnfacts.listings.topics", broken)
    out = invoke("topics")
    assert out.code == 70 and "internal error" in out.stderr and out.stdout == ""


def test_a_damaged_index_met_while_answering_never_prints_twice(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bodies compute, the skeleton renders: a retry after a damaged cache starts clean."""
    import sqlite3

    from ldnfacts import query, store

    real = query.find
    calls: list[int] = []

    def damaged_once(facts_store: store.FactStore, asked: query.Query) -> query.Answer:
        calls.append(1)
        answer = real(facts_store, asked)
        if len(calls) == 1:
            raise store.CacheCorrupt(facts_store.location, sqlite3.DatabaseError("malformed"))
        return answer

    monkeypatch.setattr(query, "find", damaged_once)
    out = invoke("dose", "--format", "plain")
    assert out.code == 0 and len(calls) == 2
    lines = out.stdout.splitlines()
    assert len(lines) == len(set(lines)) == len(invoke("dose", "--json").json())


def test_a_file_that_extends_the_bundled_base_is_told_how_to_keep_it(
    invoke: Invoke, tmp_path: Path
) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "facts:\n  - {id: my-dreams, topic: safety, claim: Dreams., status: supported,\n"
        "     sources: [{ref: vatvani-2024}]}\n",
        encoding="utf-8",
    )
    out = invoke("--data", str(mine), "search", "dreams")
    assert out.code == 3
    assert "replace the bundled base" in out.stderr and f"{mine}" in out.stderr
    from ldnfacts.paths import bundled_data_path

    together = invoke(
        "search", "my dreams", "--json", env={"LDNFACTS_DATA": f"{bundled_data_path()}:{mine}"}
    )
    assert together.code == 0 and "my-dreams" in {f["id"] for f in together.json()}
