"""An edit updates the index in place of rewriting it; the updated index must answer
exactly as a full build of the same files does (store.py, "updating the index in place").

Each scenario builds an index, edits files, lets `open_store` update it, then builds the
same files afresh in another cache folder and compares every table (but the build time
and stamps) and the answers of search, listings and show."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import yaml

from ldnfacts import indexer, listings, query, store
from ldnfacts.model import TOPICS
from ldnfacts.query import Query
from ldnfacts.records import sort_date

from .conftest import BUNDLED, run_at_once, run_process, write

#: Tables compared row by row, each in a total order.
TABLES = {
    "facts": "SELECT rowid, * FROM facts ORDER BY rowid",
    "fact_text": "SELECT rowid, * FROM fact_text ORDER BY rowid",
    "related": "SELECT * FROM related ORDER BY fact, other",
    "conditions": "SELECT * FROM conditions ORDER BY condition, fact",
    "sources": "SELECT * FROM sources ORDER BY position",
    "terms": "SELECT * FROM terms ORDER BY term",
    "vocabulary": "SELECT * FROM vocabulary ORDER BY word",
    "topic_words": "SELECT * FROM topic_words ORDER BY topic, word",
    "term_groups": "SELECT * FROM term_groups ORDER BY term, tf, length",
    "impacts": "SELECT * FROM impacts ORDER BY term",
    "files": "SELECT position, path, digest, meta, vocabulary FROM files ORDER BY position",
    "meta": "SELECT * FROM meta WHERE key NOT IN ('built_at_ns', 'built_by') ORDER BY key",
}
QUESTIONS = [
    "microglia",
    "pain fibromyalgia",
    "dose",
    "my note edited",
    "sleep",
    "interview",
    "4.5 mg",
]

MINE = """\
sources:
  - {{id: mine-source, title: {title}, kind: interview}}
facts:
{facts}"""


def mine(facts: list[str], title: str = "My notes") -> str:
    return MINE.format(title=title, facts="".join(f"  - {f}\n" for f in facts))


def fact(ident: str, claim: str, topic: str = "safety", extra: str = "") -> str:
    return (
        f'{{id: {ident}, topic: {topic}, claim: "{claim}", status: claimed, '
        f"sources: [{{ref: mine-source}}]{extra}}}"
    )


def dump(found: store.FactStore) -> dict[str, Any]:
    db = found._db
    tables = {name: db.execute(sql).fetchall() for name, sql in TABLES.items()}
    searches = {}
    for q in QUESTIONS:
        answer = query.find(found, Query(terms=(q,), ranked=True, limit=5))
        searches[q] = [(f["id"], s) for f, s in zip(answer.facts, answer.scores, strict=True)]
    everything = query.find(found, Query(terms=("ldn",), ranked=True))
    topic_lists = {
        topic: [f["id"] for f in query.find(found, Query(topic=topic)).facts]
        for topic in ("dose", "approval", "safety")
    }
    ids = found.fact_ids()
    shown = listings.show_all(found, ids[:: max(1, len(ids) // 20)])
    fts = {
        term: found.ranked(f'"{term}"', limit=10)
        for (term,) in db.execute("SELECT term FROM terms ORDER BY facts DESC, term LIMIT 40")
    }
    return {
        "tables": tables,
        "searches": searches,
        "all": [f["id"] for f in everything.facts],
        "listings": topic_lists,
        "shown": repr((shown.facts, shown.linked, shown.missing)),
        "fts": fts,
        "sources": found.sources(),
    }


def built_by(found: store.FactStore) -> str:
    return found.meta()["built_by"]


def cold(paths: list[str], folder: Path) -> store.FactStore:
    shutil.rmtree(folder, ignore_errors=True)
    return store.open_store(paths, {"XDG_CACHE_HOME": str(folder)})


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return Path(shutil.copy(BUNDLED, tmp_path / "base.yaml"))


def check(paths: list[Path], tmp_path: Path, expected_by: str = "update") -> None:
    names = [str(p) for p in paths]
    updated = store.open_store(names, {"XDG_CACHE_HOME": str(tmp_path / "warm")})
    assert built_by(updated) == expected_by
    fresh = cold(names, tmp_path / "cold")
    assert built_by(fresh) == "build"
    assert dump(updated) == dump(fresh)


def first_build(paths: list[Path], tmp_path: Path) -> None:
    found = store.open_store([str(p) for p in paths], {"XDG_CACHE_HOME": str(tmp_path / "warm")})
    assert built_by(found) == "build"


@pytest.fixture(autouse=True)
def any_share(monkeypatch: pytest.MonkeyPatch) -> None:
    """Update in place however much of the (small) base changed."""
    monkeypatch.setattr(indexer, "_UPDATE_SHARE", 1.0)


def test_edit_of_a_small_file_beside_the_base(base: Path, tmp_path: Path) -> None:
    notes = write(
        tmp_path / "mine.yaml", mine([fact(f"mine-{i}", f"My note {i}.") for i in range(8)])
    )
    first_build([base, notes], tmp_path)
    write(notes, mine([fact(f"mine-{i}", f"My note {i} edited, on sleep.") for i in range(8)]))
    check([base, notes], tmp_path)


def test_an_edit_analyses_only_the_facts_it_touched(
    base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Of a changed file, a fact as it was, citing sources as they were, keeps its analysed
    text; the edited fact is analysed again, and the result is a fresh build's."""
    notes = write(
        tmp_path / "mine.yaml", mine([fact(f"mine-{i}", f"My note {i}.") for i in range(8)])
    )
    first_build([base, notes], tmp_path)
    analysed: list[str] = []
    real = indexer._Analyser.fact

    def counted(self: Any, one: dict[str, Any]) -> Any:
        analysed.append(one["id"])
        return real(self, one)

    monkeypatch.setattr(indexer._Analyser, "fact", counted)
    edited = [fact(f"mine-{i}", f"My note {i}{' on sleep' if i == 3 else ''}.") for i in range(8)]
    write(notes, mine(edited))
    updated = store.open_store([str(base), str(notes)], {"XDG_CACHE_HOME": str(tmp_path / "warm")})
    assert built_by(updated) == "update"
    assert analysed == ["mine-3"]
    monkeypatch.setattr(indexer._Analyser, "fact", real)
    assert dump(updated) == dump(cold([str(base), str(notes)], tmp_path / "cold"))


@pytest.mark.parametrize(("before", "after"), [("1", "true"), ("1", "1.0"), ("0", "false")])
def test_an_edit_python_calls_equal_is_still_an_edit(
    base: Path, tmp_path: Path, before: str, after: str
) -> None:
    """`1 == True == 1.0` in Python; in a fact file they are three values, and the update
    must show the new one, as a fresh build does."""
    notes = write(
        tmp_path / "mine.yaml",
        mine([fact("mine-0", "My note.", extra=f", values: {{n: {before}}}")]),
    )
    first_build([base, notes], tmp_path)
    write(notes, mine([fact("mine-0", "My note.", extra=f", values: {{n: {after}}}")]))
    check([base, notes], tmp_path)
    shown = listings.show_all(
        store.open_store([str(base), str(notes)], {"XDG_CACHE_HOME": str(tmp_path / "warm")}),
        ["mine-0"],
    )
    assert repr(shown.facts[0]["values"]["n"]) == repr(yaml.safe_load(after))


def test_edits_in_a_row_each_match_a_fresh_build(base: Path, tmp_path: Path) -> None:
    notes = write(tmp_path / "mine.yaml", mine([fact("mine-0", "My note.")]))
    first_build([base, notes], tmp_path)
    versions = [
        [fact("mine-0", "My note about pain."), fact("mine-1", "Microglia and pain.", "mechanism")],
        [fact("mine-1", "Microglia calm down.", "mechanism")],  # mine-0 removed
        [fact(f"mine-{i}", f"Dose note {i}: 4.5 mg at night.", "dose") for i in range(30)],
    ]
    for version in versions:
        write(notes, mine(version))
        check([base, notes], tmp_path)


def test_ids_moving_between_files(base: Path, tmp_path: Path) -> None:
    one = write(tmp_path / "one.yaml", mine([fact("a", "Alpha note."), fact("b", "Beta note.")]))
    two = write(
        tmp_path / "two.yaml",
        "facts:\n  - {id: c, topic: dose, claim: Gamma dose note., status: claimed, "
        "sources: [{ref: mine-source}], related: [a]}\n",
    )
    first_build([base, one, two], tmp_path)
    write(one, mine([fact("a", "Alpha note.")]))
    write(
        two,
        "facts:\n  - {id: c, topic: dose, claim: Gamma dose note., status: claimed, "
        "sources: [{ref: mine-source}], related: [a, b]}\n"
        "  - {id: b, topic: safety, claim: Beta note., status: claimed, "
        "sources: [{ref: mine-source}]}\n",
    )
    check([base, one, two], tmp_path)


def test_dated_approval_facts_interleave_with_the_base(base: Path, tmp_path: Path) -> None:
    dated = [
        fact("mine-late", "A later approval note.", "approval", ", date: 2024-05"),
        fact("mine-early", "An early approval note.", "approval", ", date: 1985"),
        fact("mine-day", "A dated approval note.", "approval", ", date: 2019-02-03"),
        fact("mine-undated", "An undated approval note.", "approval"),
    ]
    notes = write(tmp_path / "mine.yaml", mine(dated[:1]))
    first_build([notes, base], tmp_path)
    write(notes, mine(dated))
    check([notes, base], tmp_path)


def test_a_source_edit_cited_only_by_its_own_file_updates(base: Path, tmp_path: Path) -> None:
    notes = write(tmp_path / "mine.yaml", mine([fact("mine-0", "My note.")]))
    first_build([base, notes], tmp_path)
    write(notes, mine([fact("mine-0", "My note.")], title="Renamed interview notes"))
    check([base, notes], tmp_path)


def test_a_source_cited_from_an_unchanged_file_rebuilds(base: Path, tmp_path: Path) -> None:
    notes = write(tmp_path / "mine.yaml", mine([fact("mine-0", "My note.")]))
    other = write(
        tmp_path / "other.yaml",
        "facts:\n  - {id: other-0, topic: dose, claim: Another note., status: claimed, "
        "sources: [{ref: mine-source}]}\n",
    )
    first_build([base, notes, other], tmp_path)
    write(notes, mine([fact("mine-0", "My note.")], title="Renamed interview notes"))
    check([base, notes, other], tmp_path, expected_by="build")


def test_vocabulary_and_conditions_of_an_edited_file(base: Path, tmp_path: Path) -> None:
    notes = write(tmp_path / "mine.yaml", mine([fact("mine-0", "My note.")]))
    first_build([base, notes], tmp_path)
    write(
        notes,
        "vocabulary:\n  stopwords: [note]\n"
        + mine(
            [
                fact("mine-0", "My fibromyalgia note.", extra=", conditions: [fibromyalgia]"),
                fact("mine-1", "My sleep note.", extra=", tags: [sleep, dreams]"),
            ]
        ),
    )
    check([base, notes], tmp_path)


def test_a_damaged_index_is_built_afresh(base: Path, tmp_path: Path) -> None:
    notes = write(tmp_path / "mine.yaml", mine([fact("mine-0", "My note.")]))
    first_build([base, notes], tmp_path)
    index = store.cache_path([str(base), str(notes)], {"XDG_CACHE_HOME": str(tmp_path / "warm")})
    with sqlite3.connect(index) as db:
        db.execute("DROP TABLE term_groups")
    write(notes, mine([fact("mine-0", "My edited note.")]))
    check([base, notes], tmp_path, expected_by="build")


def test_row_ids_keep_the_natural_order(base: Path, tmp_path: Path) -> None:
    """The sparse row ids sort as the facts did when they were numbered 1, 2, 3..."""
    notes = write(
        tmp_path / "mine.yaml",
        mine([fact("mine-a", "Approval note.", "approval", ", date: 2001-01-01")]),
    )
    found = store.open_store([str(base), str(notes)], {"XDG_CACHE_HOME": str(tmp_path)})
    rows = found._db.execute("SELECT rowid, topic, json FROM facts ORDER BY rowid").fetchall()
    keys = [
        (
            list(TOPICS).index(topic),
            sort_date(json.loads(text)) if topic == "approval" else "",
        )
        for _, topic, text in rows
    ]
    assert keys == sorted(keys)
    assert all(rowid < 2**53 for rowid, _, _ in rows)
    assert found.meta()["layout"] == "sparse"


def test_a_base_beyond_the_row_id_layout_keeps_the_order_and_rebuilds_on_edits(
    base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dense row ids, in the order the sparse ones give; an edit then rebuilds."""
    notes = write(
        tmp_path / "mine.yaml",
        mine([fact("mine-a", "Approval note.", "approval", ", date: 2001-01-01")]),
    )
    paths = [str(base), str(notes)]
    sparse = cold(paths, tmp_path / "sparse")
    monkeypatch.setattr(indexer, "MAX_FACTS_PER_FILE", 3)
    dense = cold(paths, tmp_path / "dense")
    assert (sparse.meta()["layout"], dense.meta()["layout"]) == ("sparse", "dense")
    assert dense.fact_ids() == sparse.fact_ids()
    assert dump(dense)["listings"] == dump(sparse)["listings"]
    write(notes, mine([fact("mine-a", "Edited note.", "approval", ", date: 2001-01-01")]))
    edited = store.open_store(paths, {"XDG_CACHE_HOME": str(tmp_path / "dense")})
    assert built_by(edited) == "build"


def test_impacts_are_each_terms_best_facts_by_one_term_bm25(tmp_path: Path) -> None:
    """Kept for the terms of more than IMPACTS facts, ranked from the groups for the
    others: either way the list a brute-force scoring of every fact gives."""
    import yaml

    data = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    data["facts"] = [
        dict(f, id=f"{f['id']}-{copy}", related=[f"{r}-{copy}" for r in f.get("related", [])])
        for copy in range(4)
        for f in data["facts"]
    ]
    path = write(tmp_path / "four.yaml", yaml.safe_dump(data, allow_unicode=True))
    found = cold([str(path)], tmp_path / "cache")
    db = found._db
    average = float(found.meta()["impacts_average"])
    scores: dict[str, list[tuple[float, int]]] = {}
    for rowid, *fields in db.execute(f"SELECT rowid, {', '.join(store.FIELDS)} FROM fact_text"):
        weighted = zip(store.FIELD_WEIGHTS, fields, strict=True)
        terms = [(w, t) for (_, w), f in weighted for t in f.split()]
        norm = store.BM25_K1 * (1 - store.BM25_B + store.BM25_B * len(terms) / average)
        for term in {t for _, t in terms}:
            tf = sum(w for w, t in terms if t == term)
            score = tf * (store.BM25_K1 + 1) / (tf + norm)
            scores.setdefault(term, []).append((-score, rowid))
    kept = {term for (term,) in db.execute("SELECT term FROM impacts")}
    assert kept and kept == {t for t, s in scores.items() if len(s) > store.IMPACTS}
    for term, scored in scores.items():
        assert found.impacts(term) == [r for _, r in sorted(scored)[: store.IMPACTS]], term


def test_concurrent_runs_after_an_edit_agree(base: Path, tmp_path: Path) -> None:
    """Eight processes find the same edit at once: each updates a private copy and renames
    it into place; all answer alike, and the index left is the one a fresh build gives."""
    notes = write(tmp_path / "mine.yaml", mine([fact("mine-0", "My microglia note.")]))
    warm = tmp_path / "warm"
    env = {"XDG_CACHE_HOME": str(warm)}
    args = ["search", "microglia", "--json", "--data", str(base), "--data", str(notes)]
    assert run_process(args, env).code == 0
    write(notes, mine([fact(f"mine-{i}", f"Microglia note {i}.") for i in range(3)]))
    output = run_at_once(args, env, times=8)
    assert {"mine-0", "mine-1", "mine-2"} <= {f["id"] for f in json.loads(output)}
    names = [str(base), str(notes)]
    index = store.cache_path(names, {"XDG_CACHE_HOME": str(warm)})
    assert sorted(p.suffix for p in index.parent.iterdir()) == [".db", ".sqlite3"]
    updated = store.open_store(names, {"XDG_CACHE_HOME": str(warm)})
    assert built_by(updated) == "update"
    assert dump(updated) == dump(cold(names, tmp_path / "cold"))
