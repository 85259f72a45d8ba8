"""The cache may only cost or save time: it never gives a wrong answer."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from ldnfacts import store
from ldnfacts.query import Query, find

from .conftest import MINIMAL, Invoke, many_facts, run_at_once, run_process, write


def claims(invoke: Invoke, path: Path) -> list[str]:
    return [f["claim"] for f in invoke("dose", "--json", "--data", str(path)).json()]


def cache_files(cache: Path) -> list[Path]:
    """The indexes in the cache folder (not the per-file entries, `fact-files.db`)."""
    folder = cache / "ldnfacts"
    found = sorted(folder.iterdir()) if folder.exists() else []
    return [p for p in found if p.name != "fact-files.db"]


def test_cache_lives_in_xdg_cache_home_not_beside_the_data(
    invoke: Invoke, minimal_file: Path, isolated: Path
) -> None:
    assert invoke("dose", "--data", str(minimal_file)).code == 0
    assert [p.suffix for p in cache_files(isolated)] == [".sqlite3"]
    assert (isolated / "ldnfacts" / "fact-files.db").is_file()
    assert sorted(p.name for p in minimal_file.parent.iterdir()) == ["cache", "facts.yaml"]


def test_edit_shows_on_the_very_next_run(invoke: Invoke, minimal_file: Path) -> None:
    assert claims(invoke, minimal_file) == ["One milligram is a dose."]
    write(minimal_file, MINIMAL.replace("One milligram", "Two milligram"))
    assert claims(invoke, minimal_file) == ["Two milligram is a dose."]


def test_same_size_edit_with_restored_mtime_is_seen(invoke: Invoke, minimal_file: Path) -> None:
    assert claims(invoke, minimal_file) == ["One milligram is a dose."]
    before = minimal_file.stat()
    write(minimal_file, MINIMAL.replace("One", "Two"))  # same length
    os.utime(minimal_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert minimal_file.stat().st_size == before.st_size
    assert claims(invoke, minimal_file) == ["Two milligram is a dose."]


def test_rapid_edits_are_each_seen(invoke: Invoke, minimal_file: Path) -> None:
    for word in ("Two", "Six", "Ten", "One"):
        write(minimal_file, MINIMAL.replace("One", word))
        assert claims(invoke, minimal_file) == [f"{word} milligram is a dose."]


def test_racy_file_is_compared_by_content(
    minimal_file: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If a second edit landed in the same clock tick, every stamp would match; the content
    hash kept for recently changed files must catch it."""
    environ = {"XDG_CACHE_HOME": str(isolated)}
    first = store.open_store([str(minimal_file)], environ)
    assert first.location != ":memory:"
    with sqlite3.connect(first.location) as db:
        assert db.execute("SELECT racy FROM files").fetchone() == (1,)
    write(minimal_file, MINIMAL.replace("One", "Two"))
    st = minimal_file.stat()
    with sqlite3.connect(first.location) as db:  # stage the same-tick coincidence
        db.execute(
            "UPDATE files SET size=?, mtime_ns=?, ctime_ns=?",
            (st.st_size, st.st_mtime_ns, st.st_ctime_ns),
        )
    answer = find(store.open_store([str(minimal_file)], environ), Query(topic="dose"))
    assert answer.facts[0]["claim"] == "Two milligram is a dose."


def test_racy_mark_is_cleared_once_the_file_is_old(
    minimal_file: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    environ = {"XDG_CACHE_HOME": str(isolated)}
    location = store.open_store([str(minimal_file)], environ).location
    monkeypatch.setattr(store, "RACY_WINDOW_NS", 0)
    again = store.open_store([str(minimal_file)], environ)
    assert again.location == location  # reused, not rebuilt
    with sqlite3.connect(location) as db:
        assert db.execute("SELECT racy FROM files").fetchone() == (0,)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "foreign"])
def test_corrupt_or_truncated_cache_is_rebuilt(invoke: Invoke, isolated: Path, damage: str) -> None:
    expected = invoke("search", "microglia", "--json").json()
    (cache,) = cache_files(isolated)
    data = cache.read_bytes()
    if damage == "garbage":
        cache.write_bytes(b"\x00not a database\xff" * 1000)
    elif damage == "truncated":
        cache.write_bytes(data[: len(data) // 3])
    elif damage == "empty":
        cache.write_bytes(b"")
    else:
        cache.unlink()
        with sqlite3.connect(cache) as db:
            db.execute("CREATE TABLE meta (key TEXT, value TEXT)")
            db.execute(
                "INSERT INTO meta VALUES ('format', ?), ('version', 'from the future')",
                (str(store.FORMAT),),
            )
    out = invoke("search", "microglia", "--json")
    assert out.code == 0 and out.json() == expected and out.stderr == ""
    assert invoke("search", "microglia", "--json").json() == expected


def test_cache_damaged_after_opening_is_rebuilt(invoke: Invoke, isolated: Path) -> None:
    """Pages beyond the header lost: the index opens, then fails while answering."""
    expected = invoke("dose", "--json").json()
    (cache,) = cache_files(isolated)
    with sqlite3.connect(cache) as db:
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        pages = db.execute("PRAGMA page_count").fetchone()[0]
    data = bytearray(cache.read_bytes())
    for page in range(4, pages):  # keep meta and files readable, wreck the rest
        start = page * page_size
        data[start : start + page_size] = b"\xee" * page_size
    cache.write_bytes(bytes(data))
    out = invoke("dose", "--json")
    assert out.code == 0 and out.json() == expected


def test_unwritable_cache_folder_only_costs_speed(invoke: Invoke, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    env = {"XDG_CACHE_HOME": str(blocker)}
    out = invoke("search", "microglia", "--json", env=env)
    assert out.code == 0 and out.stderr == ""
    assert out.json() == invoke("search", "microglia", "--json").json()
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_read_only_cache_file_is_still_used_and_checked(
    invoke: Invoke, minimal_file: Path, isolated: Path
) -> None:
    assert claims(invoke, minimal_file) == ["One milligram is a dose."]
    (cache,) = cache_files(isolated)
    cache.chmod(0o444)
    write(minimal_file, MINIMAL.replace("One", "Two"))
    assert claims(invoke, minimal_file) == ["Two milligram is a dose."]


def test_twenty_concurrent_cold_runs_all_succeed_and_agree(tmp_path: Path, isolated: Path) -> None:
    path = write(tmp_path / "shared.yaml", many_facts(1500, "Microglia fact {i}."))
    args = ["search", "microglia", "--json", "--limit", "50", "--data", str(path)]
    output = run_at_once(args, {"XDG_CACHE_HOME": str(isolated)}, times=20)
    assert len(json.loads(output)) == 50
    leftovers = sorted(p.name for p in (isolated / "ldnfacts").iterdir())
    assert [name.rsplit(".", 1)[-1] for name in leftovers] == ["db", "sqlite3"], leftovers
    assert run_process(args).code == 0


def test_version_change_rebuilds(
    invoke: Invoke, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    invoke("dose")
    monkeypatch.setattr(store, "__version__", "99.0.0")
    assert invoke("dose", "--json").code == 0
    assert len(cache_files(isolated)) == 2  # each version keeps its own index
