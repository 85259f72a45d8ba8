"""Big and broken fact bases: bounded work per problem, incremental rebuilds, the fast
validator agreeing with the full one, and the cache's per-file entries.

Timing stays in `bench/bench.py`; these tests assert what is reported and what is re-read.

After a change to the schema, write the fast validator's module again:

    .venv/bin/python -m tests.test_scale --update
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from ldnfacts import (
    filecache,
    indexer,
    listings,
    query,
    shape_check,
    store,
    suggest,
    validation,
)
from ldnfacts.errors import DataError, Problem, capped_report
from ldnfacts.yamlfile import read_fact_file

from .conftest import BUNDLED, MINIMAL, Invoke, many_facts, run_at_once, run_process, write


def broken_base(count: int) -> str:
    """`count` facts, each with three `related` ids that do not exist: 3 x count problems."""
    facts = "".join(
        f"  - {{id: f-{i}, topic: dose, claim: Fact {i}., status: claimed, "
        f"sources: [{{ref: s}}], related: [missing-{i}-a, gone-{i}, f-{i}x]}}\n"
        for i in range(count)
    )
    return "sources: [{id: s, title: T, kind: trial}]\nfacts:\n" + facts


# -- bounded validation ----------------------------------------------------------------------


def test_thirty_thousand_broken_references_are_all_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.yaml", broken_base(10_000))
    problems = validation.check_files([read_fact_file(str(path))])
    assert len(problems) == 30_000
    assert all(p.severity == "error" and p.line is not None for p in problems)
    named = {p.message for p in problems}
    assert "no fact has the id `missing-9999-a`" in named
    assert "no fact has the id `gone-0`" in named
    typo = next(p for p in problems if p.message == "no fact has the id `f-1234x`")
    assert typo.hint.startswith("Did you mean `f-1234`?")
    assert typo.field == "facts[1234] (f-1234).related[2]"
    assert typo.line == 1237  # `sources:`, `facts:`, then one fact a line


def test_validate_lists_all_problems_and_query_commands_cap_them(
    invoke: Invoke, tmp_path: Path
) -> None:
    path = write(tmp_path / "broken.yaml", broken_base(400))
    listed = invoke("validate", "--json", str(path))
    assert listed.code == 3 and len(listed.json()) == 1200
    out = invoke("dose", "--data", str(path))
    assert out.code == 3
    assert "cannot use the fact base: 1,200 problems" in out.stderr
    assert out.stderr.count(": error: ") == 10
    assert f"and 1,190 more: run `ldnfacts validate {path}` for the full list" in out.stderr


def test_capped_report_names_every_file_in_use() -> None:
    problems = [Problem("mine.yaml", i, None, "facts[0]", "wrong") for i in range(30_000)]
    lines = capped_report(problems, ["base.yaml", "mine.yaml"], limit=50)
    assert lines[0] == "cannot use the fact base: 30,000 problems in mine.yaml"
    assert len(lines) == 52 and all(line.startswith("  mine.yaml:") for line in lines[1:51])
    assert lines[-1] == (
        "and 29,950 more: run `ldnfacts validate base.yaml mine.yaml` for the full list"
    )
    assert capped_report(problems[:1], ["mine.yaml"]) == [
        "cannot use the fact base: 1 problem in mine.yaml",
        "  mine.yaml:0: error: facts[0]: wrong.",
    ]


def test_suggestions_look_at_a_bounded_number_of_ids() -> None:
    index = suggest.IdIndex(f"dose-low-{i}" for i in range(50_000))
    for name in ("dose-low-12345x", "dose-lwo-1", "dosse-low-2", "zzz", "dose-low-"):
        assert len(index.candidates(name)) <= suggest.CANDIDATES
    assert index.close("dose-lwo-17") == ["dose-low-17"]  # swapped letters
    assert index.close("xose-low-17") == ["dose-low-17"]  # wrong first letter
    assert index.close("dose-low-177x") == ["dose-low-177"]  # extra letter
    assert index.close("dose-low-1") == ["dose-low-1"]
    assert index.close("something-else-entirely") == []


def test_repeated_typo_is_ranked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    index = suggest.IdIndex(["alpha-one", "beta-two"])
    calls: list[str] = []
    real = suggest.best_matches

    def counting(name: str, *args: Any) -> list[str]:
        calls.append(name)
        return real(name, *args)

    monkeypatch.setattr(suggest, "best_matches", counting)
    assert [index.close("alpha-onx") for _ in range(100)] == [["alpha-one"]] * 100
    assert calls == ["alpha-onx"]


# -- the fast validator agrees with the full one ---------------------------------------------

SHAPES: list[Any] = [
    {"facts": []},
    {"sources": []},
    {},
    [],
    "text",
    {"facts": [{"id": "a", "topic": "dose", "claim": "x", "status": "claimed"}]},
    {"sources": [{"id": "a", "title": "t", "kind": "trial", "year": True}]},
    {"sources": [{"id": "a", "title": "t", "kind": "trial", "year": 2000.0}]},
    {"sources": [{"id": "a", "title": "t", "kind": "trial", "year": 1800}]},
    {"sources": [{"id": "A", "title": "t", "kind": "trial"}]},
    {"sources": [{"id": "a", "title": " ", "kind": "trial"}]},
    {"sources": [{"id": "a", "title": "t", "kind": "trail"}]},
    {"sources": [{"id": "a", "title": "t", "kind": "trial", "doi": "doi:10.1/x"}]},
    {"sources": [{"id": "a", "title": "t", "kind": "trial", "extra": 1}]},
    {"meta": {"updated": 2026}, "facts": []},
    {"meta": {"updated": "2026-13"}, "facts": []},
    {"meta": {"updated": True}, "facts": []},
    {"colour": "red", "facts": []},
]


def _bundled_data() -> Any:
    return read_fact_file(str(BUNDLED)).data


@pytest.mark.parametrize("shape", range(len(SHAPES)))
def test_fast_validator_gives_the_full_validators_verdict(shape: int) -> None:
    data = SHAPES[shape]
    full = not list(Draft202012Validator(validation.facts_schema()).iter_errors(data))
    assert validation.is_valid_shape(data) == full


def test_fast_validator_agrees_on_every_single_field_change_of_the_bundled_base() -> None:
    """Each fact of the bundled base, with each field in turn replaced by a value of the
    wrong kind, is judged alike by both validators."""
    data = _bundled_data()
    full = Draft202012Validator(validation.facts_schema())
    assert validation.is_valid_shape(data) and full.is_valid(data)
    checked = 0
    for fact in data["facts"][:40]:
        for key in list(fact):
            wrongs: tuple[Any, ...] = (None, 7, [], "", {"x": 1})
            for wrong in wrongs:
                changed = {"facts": [dict(fact, **{key: wrong})], "sources": data["sources"]}
                assert validation.is_valid_shape(changed) == full.is_valid(changed), (key, wrong)
                checked += 1
    assert checked > 500


def test_the_fast_validator_is_written_from_the_schema() -> None:
    """From the schema as it is; and as this fastjsonschema writes it, when it is the one
    that wrote it (another version may write other code, which checks the same)."""
    import fastjsonschema

    stale = "ldnfacts/shape_check.py is out of date: .venv/bin/python -m tests.test_scale --update"
    written = Path(shape_check.__file__).read_text(encoding="utf-8")
    assert f"# schema {validation.schema_digest()}\n" in written, stale
    if shape_check.VERSION == fastjsonschema.VERSION:
        assert written == validation.shape_check_code(), stale


def test_a_valid_file_never_reaches_jsonschema(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("the all-errors validator ran on a valid file")

    monkeypatch.setattr(validation, "_validator", refuse)
    assert validation.check_files([read_fact_file(str(BUNDLED))]) == []


# -- incremental rebuilds --------------------------------------------------------------------


@pytest.fixture
def two_files(tmp_path: Path) -> tuple[Path, Path]:
    big = write(tmp_path / "big.yaml", many_facts(2000, "Big fact {i}."))
    small = write(
        tmp_path / "small.yaml",
        "facts:\n"
        + "".join(
            f"  - {{id: s-{i}, topic: safety, claim: Small fact {i}., status: claimed, "
            "sources: [{ref: s}], related: [f-1]}\n"
            for i in range(100)
        ),
    )
    return big, small


def _parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = filecache.parse

    def recording(path: str) -> Any:
        parsed.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(filecache, "parse", recording)
    return parsed


def _claims(facts_store: store.FactStore, topic: str) -> list[str]:
    return [f["claim"] for f in query.find(facts_store, query.Query(topic=topic)).facts]


def test_an_edit_rereads_only_the_edited_file(
    two_files: tuple[Path, Path], isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big, small = two_files
    environ = {"XDG_CACHE_HOME": str(isolated)}
    paths = [str(big), str(small)]
    parsed = _parsed(monkeypatch)
    assert len(_claims(store.open_store(paths, environ), "safety")) == 100
    assert parsed == ["big.yaml", "small.yaml"]
    write(small, small.read_text(encoding="utf-8").replace("Small fact 7.", "Edited fact 7."))
    parsed.clear()
    answer = _claims(store.open_store(paths, environ), "safety")
    assert parsed == ["small.yaml"]
    assert "Edited fact 7." in answer and "Small fact 7." not in answer
    assert len(_claims(store.open_store(paths, environ), "dose")) == 2000


def test_cross_file_checks_run_over_cached_files(
    two_files: tuple[Path, Path], isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The big file is not parsed again, yet a reference into it is checked against it."""
    big, small = two_files
    environ = {"XDG_CACHE_HOME": str(isolated)}
    paths = [str(big), str(small)]
    store.open_store(paths, environ)
    parsed = _parsed(monkeypatch)
    write(small, small.read_text(encoding="utf-8").replace("related: [f-1]", "related: [f-1x]"))
    with pytest.raises(DataError) as caught:
        store.open_store(paths, environ)
    assert parsed == ["small.yaml"]
    assert len(caught.value.errors) == 100
    first = caught.value.errors[0]
    assert first.file == str(small) and first.line == 2
    assert first.message == "no fact has the id `f-1x`"
    assert first.hint.startswith("Did you mean `f-1`?")
    assert caught.value.files == paths


def test_touch_and_checkout_do_not_reindex(
    two_files: tuple[Path, Path], isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big, small = two_files
    environ = {"XDG_CACHE_HOME": str(isolated)}
    paths = [str(big), str(small)]
    first = store.open_store(paths, environ)

    def refuse(*args: Any) -> Any:
        raise AssertionError("rebuilt although no content changed")

    monkeypatch.setattr(store, "rebuild", refuse)
    os.utime(big, ns=(1, 1))  # `touch` with another time
    content = small.read_bytes()  # a checkout: a new file with the same content
    small.unlink()
    small.write_bytes(content)
    again = store.open_store(paths, environ)
    assert again.location == first.location
    assert len(_claims(again, "dose")) == 2000
    with sqlite3.connect(first.location) as db:
        mtime = db.execute("SELECT mtime_ns FROM files WHERE path = ?", (str(big),)).fetchone()
    assert mtime == (1,)  # re-stamped: the next run trusts the stamps again


def test_touched_file_is_taken_from_its_entry_not_parsed(
    two_files: tuple[Path, Path], isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big, small = two_files
    environ = {"XDG_CACHE_HOME": str(isolated)}
    store.open_store([str(big), str(small)], environ)
    parsed = _parsed(monkeypatch)
    os.utime(big, ns=(5, 5))
    # a new set of files: a new index, built from the two kept entries
    facts_store = store.open_store([str(small), str(big)], environ)
    assert parsed == []
    assert len(_claims(facts_store, "dose")) == 2000


def test_a_touched_file_is_read_once_by_a_run_that_rebuilds(
    two_files: tuple[Path, Path], isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Compared by content with the index, then with its entry: one read does for both."""
    big, small = two_files
    environ = {"XDG_CACHE_HOME": str(isolated)}
    store.open_store([str(big), str(small)], environ)
    os.utime(big, ns=(5, 5))
    write(small, small.read_text(encoding="utf-8").replace("Small fact 3.", "Changed fact 3."))
    monkeypatch.setattr(filecache, "RACY_WINDOW_NS", 0)  # stamps old enough to be trusted
    opened: list[str] = []

    def recording(path: str, *args: Any) -> Any:
        opened.append(Path(path).name)
        return open(path, *args)

    monkeypatch.setattr(filecache, "open", recording, raising=False)
    facts_store = store.open_store([str(big), str(small)], environ)
    assert facts_store.meta()["built_by"] == "update"
    assert opened.count("big.yaml") == 1


def test_an_update_is_written_in_place(two_files: tuple[Path, Path], isolated: Path) -> None:
    """No copy of the index, no journal or old file left beside it."""
    big, small = two_files
    environ = {"XDG_CACHE_HOME": str(isolated)}
    index = Path(store.open_store([str(big), str(small)], environ).location)
    inode = index.stat().st_ino
    write(small, small.read_text(encoding="utf-8").replace("Small fact 3.", "Changed fact 3."))
    updated = store.open_store([str(big), str(small)], environ)
    assert updated.meta()["built_by"] == "update"
    assert "Changed fact 3." in _claims(updated, "safety")
    assert index.stat().st_ino == inode
    assert sorted(p.name for p in index.parent.iterdir()) == sorted(
        [index.name, filecache.FILE_NAME]
    )


def test_an_update_waits_for_no_reader_it_can_work_around(
    two_files: tuple[Path, Path], isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run still reading keeps its state of the index to the end; the update, kept
    waiting, is written to a copy renamed into place."""
    monkeypatch.setattr(indexer, "WRITE_WAIT_S", 0.05)
    big, small = two_files
    environ = {"XDG_CACHE_HOME": str(isolated)}
    reader = store.open_store([str(big), str(small)], environ)
    reader.hold()
    before = _claims(reader, "safety")
    inode = Path(reader.location).stat().st_ino
    write(small, small.read_text(encoding="utf-8").replace("Small fact 3.", "Changed fact 3."))
    updated = store.open_store([str(big), str(small)], environ)
    assert updated.meta()["built_by"] == "update"
    assert "Changed fact 3." in _claims(updated, "safety")
    assert _claims(reader, "safety") == before
    assert Path(reader.location).stat().st_ino != inode  # a copy, renamed into place
    reader.close()


def test_an_update_killed_midway_is_rolled_back(
    two_files: tuple[Path, Path], isolated: Path
) -> None:
    """A writer that dies inside its transaction leaves a hot journal: the next run rolls
    it back and answers from the whole index."""
    big, small = two_files
    environ = {"XDG_CACHE_HOME": str(isolated)}
    index = Path(store.open_store([str(big), str(small)], environ).location)
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sqlite3, sys\n"
            "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "db.execute('PRAGMA cache_size = 1')\n"  # spill changed pages into the file
            "db.execute('BEGIN IMMEDIATE')\n"
            "db.execute('DELETE FROM facts')\n"
            "os._exit(0)\n",
            str(index),
        ],
        check=True,
    )
    assert killed.returncode == 0
    assert index.with_name(index.name + "-journal").stat().st_size > 0
    assert len(_claims(store.open_store([str(big), str(small)], environ), "dose")) == 2000


def test_the_index_a_build_replaces_is_removed(
    two_files: tuple[Path, Path], isolated: Path
) -> None:
    """By a thread, while the answer is printed; and one left by an earlier run, by the
    next build."""
    big, small = two_files
    environ = {"XDG_CACHE_HOME": str(isolated)}
    index = Path(store.open_store([str(big), str(small)], environ).location)
    left = write(index.with_name(f"{index.name}.1.2.old"), "left by a run that ended first")
    write(big, big.read_text(encoding="utf-8").replace("Big fact", "Large fact"))
    assert store.open_store([str(big), str(small)], environ).meta()["built_by"] == "build"
    deadline = time.monotonic() + 10
    while list(index.parent.glob("*.old")) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not left.exists()
    assert sorted(p.name for p in index.parent.iterdir()) == sorted(
        [index.name, filecache.FILE_NAME]
    )
    assert index.stat().st_nlink == 1


def test_same_size_edit_with_restored_stamps_is_seen_through_the_entry(
    minimal_file: Path, isolated: Path
) -> None:
    environ = {"XDG_CACHE_HOME": str(isolated)}
    assert _claims(store.open_store([str(minimal_file)], environ), "dose") == [
        "One milligram is a dose."
    ]
    before = minimal_file.stat()
    write(minimal_file, MINIMAL.replace("One", "Six"))
    os.utime(minimal_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert _claims(store.open_store([str(minimal_file)], environ), "dose") == [
        "Six milligram is a dose."
    ]


def entries_db(isolated: Path) -> Path:
    return isolated / "ldnfacts" / filecache.FILE_NAME


@pytest.mark.parametrize("damage", ["data", "outline", "format"])
def test_corrupted_entry_is_read_again(
    two_files: tuple[Path, Path], isolated: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    big, small = two_files
    environ = {"XDG_CACHE_HOME": str(isolated)}
    store.open_store([str(big), str(small)], environ)
    with sqlite3.connect(entries_db(isolated)) as db:
        value = "{not json" if damage != "format" else "0:old"
        table = "entries" if damage == "format" else "contents"
        assert db.execute(f"UPDATE {table} SET {damage} = ?", (value,)).rowcount == 2
    parsed = _parsed(monkeypatch)
    facts_store = store.open_store([str(small), str(big)], environ)
    assert parsed == ["small.yaml", "big.yaml"]
    assert len(_claims(facts_store, "dose")) == 2000
    parsed.clear()
    store.open_store([str(big)], environ)  # a new index, of the entry written again
    assert parsed == []


def test_a_damaged_summary_is_read_again_to_locate_a_problem(
    two_files: tuple[Path, Path], isolated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big, small = two_files
    paths = [str(big), str(small)]
    store.open_store(paths, {"XDG_CACHE_HOME": str(isolated)})
    with sqlite3.connect(entries_db(isolated)) as db:
        assert db.execute("UPDATE contents SET summary = '{not json'").rowcount == 2
    write(small, small.read_text().replace("related: [f-1]", "related: [f-1x]", 1))
    parsed = _parsed(monkeypatch)
    with pytest.raises(DataError) as damaged:
        store.open_store(paths, {"XDG_CACHE_HOME": str(isolated)})
    assert parsed == ["small.yaml", "big.yaml"]  # big only for its summary
    with pytest.raises(DataError) as fresh:
        store.open_store(paths, {"XDG_CACHE_HOME": str(tmp_path / "fresh")})
    assert damaged.value.problems == fresh.value.problems
    assert [(p.file, p.line, p.message) for p in damaged.value.problems] == [
        (str(small), 2, "no fact has the id `f-1x`")
    ]


def test_entries_of_an_older_layout_are_laid_out_again(
    two_files: tuple[Path, Path], isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big, small = two_files
    environ = {"XDG_CACHE_HOME": str(isolated)}
    path = entries_db(isolated)
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as db:  # the first layout: stamps and content in one row
        db.execute(
            "CREATE TABLE entries (path TEXT PRIMARY KEY, size, mtime_ns, ctime_ns, "
            "ino, dev, digest, racy, format, summary, data)"
        )
        db.execute(
            "INSERT INTO entries VALUES (?, 1, 1, 1, 1, 1, 'x', 0, 'x', '{}', '{}')", (str(big),)
        )
    parsed = _parsed(monkeypatch)
    assert len(_claims(store.open_store([str(big), str(small)], environ), "dose")) == 2000
    assert parsed == ["big.yaml", "small.yaml"]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (2,)
        assert db.execute("SELECT count(*) FROM entries JOIN contents USING (path)").fetchone() == (
            2,
        )


def test_a_touched_file_is_restamped_without_rewriting_its_content(
    two_files: tuple[Path, Path], isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big, small = two_files
    environ = {"XDG_CACHE_HOME": str(isolated)}
    store.open_store([str(big), str(small)], environ)
    query = "SELECT mtime_ns, contents.rowid FROM entries JOIN contents USING (path) WHERE path = ?"
    with sqlite3.connect(entries_db(isolated)) as db:
        mtime_ns, content_row = db.execute(query, (str(big),)).fetchone()
    os.utime(big, ns=(mtime_ns + 10**9, mtime_ns + 10**9))
    write(small, small.read_text().replace("Small fact 7.", "Small fact seven."))
    parsed = _parsed(monkeypatch)
    store.open_store([str(big), str(small)], environ)
    assert parsed == ["small.yaml"]
    with sqlite3.connect(entries_db(isolated)) as db:
        assert db.execute(query, (str(big),)).fetchone() == (mtime_ns + 10**9, content_row)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_damaged_entries_file_is_rebuilt(
    two_files: tuple[Path, Path], isolated: Path, damage: str
) -> None:
    big, small = two_files
    environ = {"XDG_CACHE_HOME": str(isolated)}
    store.open_store([str(small), str(big)], environ)
    path = entries_db(isolated)
    data = path.read_bytes()
    path.write_bytes(
        {"garbage": b"\x00not a database\xff" * 500, "truncated": data[:3000], "empty": b""}[damage]
    )
    facts_store = store.open_store([str(big), str(small)], environ)
    assert len(_claims(facts_store, "dose")) == 2000
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM entries").fetchone() == (2,)


def test_file_with_problems_is_not_kept(minimal_file: Path, isolated: Path) -> None:
    write(minimal_file, MINIMAL.replace("topic: dose", "topic: doses"))
    with pytest.raises(DataError):
        store.open_store([str(minimal_file)], {"XDG_CACHE_HOME": str(isolated)})
    with sqlite3.connect(entries_db(isolated)) as db:
        assert db.execute("SELECT count(*) FROM entries").fetchone() == (0,)


def test_concurrent_runs_after_an_edit_agree(two_files: tuple[Path, Path], isolated: Path) -> None:
    big, small = two_files
    args = ["safety", "--json", "--data", str(big), "--data", str(small)]
    env = {"XDG_CACHE_HOME": str(isolated)}
    assert run_process(args, env).code == 0
    write(small, small.read_text(encoding="utf-8").replace("Small fact 3.", "Changed fact 3."))
    claims = [f["claim"] for f in json.loads(run_at_once(args, env, times=8))]
    assert "Changed fact 3." in claims and len(claims) == 100


# -- completion's store, and sqlite errors -----------------------------------------------------


def test_open_existing_answers_from_a_stale_index_and_never_builds(
    minimal_file: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    environ = {"XDG_CACHE_HOME": str(isolated)}
    assert store.open_existing([str(minimal_file)], environ) is None
    store.open_store([str(minimal_file)], environ)
    monkeypatch.setattr(store, "rebuild", lambda *a: pytest.fail("completion rebuilt"))
    write(minimal_file, MINIMAL.replace("fact-one", "fact-two"))
    stale = store.open_existing([str(minimal_file)], environ)
    assert stale is not None and stale.ids_starting("fact") == ["fact-one"]
    assert store.open_existing([str(minimal_file), str(minimal_file)], environ) is None
    index = store.cache_path([str(minimal_file)], environ)
    index.write_bytes(b"garbage" * 100)
    assert store.open_existing([str(minimal_file)], environ) is None


@pytest.mark.parametrize(
    ("error", "corrupt"),
    [
        (sqlite3.DatabaseError("file is not a database"), True),
        (sqlite3.DatabaseError("database disk image is malformed"), True),
        (sqlite3.OperationalError("database is locked"), False),
        (sqlite3.OperationalError("too many SQL variables"), False),
        (sqlite3.OperationalError("disk I/O error"), False),
        (sqlite3.IntegrityError("UNIQUE constraint failed"), False),
        (ValueError("file is not a database"), False),
    ],
)
def test_only_corruption_class_errors_count_as_damage(error: Exception, corrupt: bool) -> None:
    assert filecache.is_corruption(error) is corrupt


def test_real_corruption_codes_are_recognised(tmp_path: Path) -> None:
    path = tmp_path / "not.sqlite3"
    path.write_bytes(b"\x00not a database\xff" * 1000)
    with pytest.raises(sqlite3.DatabaseError) as caught:
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()
    assert filecache.is_corruption(caught.value)


class _LockedConnection:
    def execute(self, *args: Any) -> Any:
        raise sqlite3.OperationalError("database is locked")


def test_a_busy_index_is_not_deleted() -> None:
    busy = store.FactStore(_LockedConnection(), "/nonexistent/index.sqlite3")  # type: ignore[arg-type]
    with pytest.raises(sqlite3.OperationalError):
        busy.fact_ids()


@pytest.fixture
def big_store(tmp_path: Path, isolated: Path) -> store.FactStore:
    path = write(tmp_path / "many.yaml", many_facts(3000, "Fact {i}."))
    return store.open_store([str(path)], {"XDG_CACHE_HOME": str(isolated)})


def _lowest_bind_limit(facts_store: store.FactStore) -> None:
    """SQLite's limit on parameters as the oldest builds have it (999), where the Python
    version can set it; recent builds allow 32,766."""
    name = "SQLITE_LIMIT_VARIABLE_NUMBER"
    set_limit = getattr(facts_store._db, "setlimit", None)  # Python 3.11 and later
    if set_limit is None or not hasattr(sqlite3, name):
        pytest.skip("Connection.setlimit needs Python 3.11")
    set_limit(getattr(sqlite3, name), 999)


def test_long_id_lists_are_split_past_sqlites_limit(big_store: store.FactStore) -> None:
    _lowest_bind_limit(big_store)
    with pytest.raises(sqlite3.OperationalError, match="too many SQL variables"):
        big_store._db.execute(f"SELECT 1 WHERE 1 IN ({','.join('?' * 1000)})", [1] * 1000)
    ids = [f"f-{i}" for i in reversed(range(3000))] + [f"nope-{i}" for i in range(2000)]
    rowids = big_store.rowids_of(ids)
    assert len(rowids) == 3000
    assert [f["id"] for f in big_store.records(rowids[:3])] == [
        "f-2999",
        "f-2998",
        "f-2997",
    ]
    assert list(big_store.sources([*(f"x-{i}" for i in range(5000)), "s"])) == ["s"]
    assert len(big_store.referrers_of(ids)) == 0


def test_show_with_thousands_of_ids(big_store: store.FactStore) -> None:
    _lowest_bind_limit(big_store)
    ids = [f"f-{i}" for i in range(2500)]
    found, linked = listings.show(big_store, ids)
    assert [f["id"] for f in found] == ids and all(links == [] for links in linked.values())


def test_show_links_match_one_lookup_per_fact() -> None:
    """The batched look-ups give what a look-up per fact gave, in the same order."""
    facts_store = store.open_store([str(BUNDLED)], {"XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"]})
    ids = facts_store.fact_ids()
    found, linked = listings.show(facts_store, ids[::3])
    for fact in found:
        rows = [*facts_store.rowids_of(fact["related"]), *facts_store.referrers(fact["id"])]
        expected = [f["id"] for f in facts_store.records(list(dict.fromkeys(rows)))]
        assert [f["id"] for f in linked[fact["id"]]] == [i for i in expected if i != fact["id"]]
    assert any(linked.values())


def test_show_suggests_from_an_index(
    big_store: store.FactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(big_store, "fact_ids", lambda: pytest.fail("scanned every id"))
    assert listings.suggest_ids(big_store, "f-1234x")[0] == "f-1234"
    assert listings.suggest_ids(big_store, "g-1234")[0] == "f-1234"
    assert listings.suggest_ids(big_store, "f1234")[0] == "f-1234"
    assert listings.suggest_ids(big_store, "-f1234")[0] == "f-1234"
    assert listings.suggest_ids(big_store, "completely-different-words") == []


def test_show_computes_everything_before_printing(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A damaged index met while finding suggestions is rebuilt and the command run again;
    the fact found the first time must not be printed twice."""
    real = listings.suggest_ids
    calls: list[str] = []

    def damaged_once(facts_store: store.FactStore, fact_id: str) -> list[str]:
        calls.append(fact_id)
        if len(calls) == 1:
            raise store.CacheCorrupt(facts_store.location, sqlite3.DatabaseError("malformed"))
        return real(facts_store, fact_id)

    monkeypatch.setattr(listings, "suggest_ids", damaged_once)
    out = invoke("show", "safety-vivid-dreams", "safety-vivid-dreamz", "--format", "plain")
    assert out.code == 0 and len(calls) == 2  # one id found: exit 0
    assert out.stdout.count("safety-vivid-dreams") == 1
    assert "no fact has the id 'safety-vivid-dreamz'. Did you mean: safety-vivid-dreams" in (
        out.stderr
    )


def test_show_with_more_ids_than_sqlite_binds_keeps_a_healthy_index(
    invoke: Invoke, tmp_path: Path, isolated: Path
) -> None:
    """Past SQLite's limit on parameters the index used to be taken for damaged, deleted,
    rebuilt, and the command ended in an internal error."""
    path = write(tmp_path / "many.yaml", many_facts(3000, "Fact {i}."))
    assert invoke("dose", "--json", "--limit", "1", "--data", str(path)).code == 0
    index = store.cache_path([str(path)], {"XDG_CACHE_HOME": str(isolated)})
    before = index.stat().st_ino
    ids = [f"f-{i}" for i in range(2500)]
    out = invoke("show", *ids, "--json", "--data", str(path))
    assert out.code == 0 and [f["id"] for f in out.json()] == ids
    assert index.stat().st_ino == before


def test_entries_of_deleted_files_are_dropped(
    two_files: tuple[Path, Path], isolated: Path, tmp_path: Path
) -> None:
    big, small = two_files
    environ = {"XDG_CACHE_HOME": str(isolated)}
    store.open_store([str(big), str(small)], environ)
    small.unlink()
    other = write(tmp_path / "other.yaml", MINIMAL)
    store.open_store([str(other), str(big)], environ)
    with sqlite3.connect(entries_db(isolated)) as db:
        kept = sorted(row[0] for row in db.execute("SELECT path FROM entries"))
    assert kept == sorted([str(big), str(other)])


BASE_WITH_LINES = """\
sources:
  - {id: s, title: T, kind: trial}
facts:
  - id: a
    topic: dose
    claim: A.
    status: claimed
    sources: [{ref: s}]
    related:
      - m-1
"""


def test_problems_found_through_a_kept_summary_name_the_lines_of_the_file(
    tmp_path: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kept summary has no lines: a problem found through it is located by reading the
    file again, at the line the parsed file gives (as `validate` reports it)."""
    base = write(tmp_path / "base.yaml", BASE_WITH_LINES)
    mine = write(
        tmp_path / "mine.yaml",
        "facts:\n  - {id: m-1, topic: dose, claim: M., status: claimed, sources: [{ref: s}]}\n",
    )
    paths = [str(base), str(mine)]
    environ = {"XDG_CACHE_HOME": str(isolated)}
    store.open_store(paths, environ)
    write(mine, mine.read_text(encoding="utf-8").replace("m-1", "a"))  # a duplicate, b gone
    parsed = _parsed(monkeypatch)
    with pytest.raises(DataError) as raised:
        store.open_store(paths, environ)
    assert parsed == ["mine.yaml"]  # base.yaml's summary came from the cache
    slow = validation.check_files([read_fact_file(p) for p in paths])
    found = [(p.file, p.line, p.field, p.message, p.hint) for p in raised.value.errors]
    assert found == [(p.file, p.line, p.field, p.message, p.hint) for p in slow]
    assert (str(base), 10, "facts[0] (a).related[0]") in [f[:3] for f in found]
    assert f"the first is at {base}:4:" in " ".join(f[4] for f in found)


def test_a_file_used_alone_is_kept_only_once_used_with_others(
    two_files: tuple[Path, Path], isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big, small = two_files
    environ = {"XDG_CACHE_HOME": str(isolated)}
    store.open_store([str(big)], environ)
    assert not entries_db(isolated).exists() or _kept(isolated) == []
    parsed = _parsed(monkeypatch)
    store.open_store([str(big), str(small)], environ)
    assert parsed == ["big.yaml", "small.yaml"]
    assert _kept(isolated) == sorted([str(big), str(small)])
    parsed.clear()
    store.open_store([str(small), str(big)], environ)
    assert parsed == []


def _kept(isolated: Path) -> list[str]:
    with sqlite3.connect(entries_db(isolated)) as db:
        return sorted(row[0] for row in db.execute("SELECT path FROM entries"))


if __name__ == "__main__":
    if sys.argv[1:] == ["--update"]:
        Path(shape_check.__file__).write_text(validation.shape_check_code(), encoding="utf-8")
    else:
        sys.exit("usage: python -m tests.test_scale --update")
