"""The held base a check keeps beside the index: read back by the next check, checked
before it is used, never changing an answer."""

from __future__ import annotations

import marshal
import zlib
from pathlib import Path
from typing import Any

import pytest

from ldnfacts import claims, heldsnapshot, heldstore, kept, paths
from ldnfacts.claims import check_text
from ldnfacts.heldstore import HeldStore
from ldnfacts.store import FactStore, open_store

from . import check_eval

PAGE = (
    "LDN is a tenth of the usual 50 mg dose. It calms overactive microglia in the brain. "
    "Vivid dreams are common in the first weeks. Never take it with tramadol."
)


@pytest.fixture
def store(isolated: Path) -> FactStore:
    environ = {"XDG_CACHE_HOME": str(isolated)}
    return open_store(paths.data_paths(None, environ), environ)


def kept_file(store: FactStore) -> Path:
    return Path(f"{store.location}.held")


def answers(store: FactStore, text: str = PAGE) -> list[tuple[str, list[str], list[str]]]:
    """Each claim with its matches and warnings, from a fresh held store (as a run)."""
    report = check_text(HeldStore(store), text)
    return [
        (c.text, [f["id"] for f in c.facts], [f["id"] for f in c.warnings]) for c in report.claims
    ]


def rewrite(store: FactStore, change: Any) -> None:
    """Change the kept tables with `change` and write them back, well formed."""
    path = kept_file(store)
    content = path.read_bytes()
    header = heldsnapshot._header(kept.stamp(store))
    payload = content[len(header) :].partition(b"\n")[2]
    tables = marshal.loads(payload)
    change(tables)
    payload = marshal.dumps(tables)
    path.write_bytes(header + b"%08x\n" % zlib.crc32(payload) + payload)


def test_a_check_keeps_the_held_base_and_the_next_reads_it(store: FactStore) -> None:
    first = answers(store)
    assert kept_file(store).is_file()
    tables = heldsnapshot.load(store, kept.stamp(store))
    assert tables is not None
    assert tables["rows"] == len(store.listing(None, ()))
    assert set(tables["records"]) == set(store.listing(None, ()))
    assert set(tables["derived"]) == {"claim_terms"}
    built = kept_file(store).stat().st_mtime_ns
    assert answers(store) == first
    assert kept_file(store).stat().st_mtime_ns == built  # read, not written again


def test_what_the_check_reads_is_the_kept_file(store: FactStore) -> None:
    """So that the other tests can fail: a record changed in the file is what is shown."""
    answers(store)

    def change(tables: dict[str, Any]) -> None:
        for record in tables["records"].values():
            record["claim"] = "changed in the kept file"

    rewrite(store, change)
    report = check_text(HeldStore(store), PAGE)
    assert report.claims[0].facts[0]["claim"] == "changed in the kept file"


def test_the_kept_base_answers_as_the_built_one_for_every_golden_text(
    store: FactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = check_eval.own_cases() + check_eval.independent_cases()
    texts = [case.read_text(encoding="utf-8") for case in cases]
    with monkeypatch.context() as patched:
        patched.setattr(heldsnapshot, "load", lambda store, stamp: None)
        patched.setattr(heldsnapshot, "save", lambda store, tables, stamp: None)
        built = [answers(store, text) for text in texts]
    answers(store, PAGE)  # keeps the held base
    assert heldsnapshot.load(store, kept.stamp(store)) is not None
    assert [answers(store, text) for text in texts] == built


@pytest.mark.parametrize(
    "damage",
    [
        lambda content: b"",
        lambda content: content[: len(content) // 2],  # cut short
        lambda content: content[:-1] + bytes([content[-1] ^ 1]),  # one bit: the CRC
        lambda content: content.replace(b"ldnfacts held base 1", b"ldnfacts held base 9"),
        lambda content: content.replace(b" python ", b" python 2.7 "),  # another Python
        lambda content: b"\0" * 100,
    ],
)
def test_a_damaged_or_stale_file_is_ignored_and_written_again(
    store: FactStore, damage: Any
) -> None:
    first = answers(store)
    path = kept_file(store)
    path.write_bytes(damage(path.read_bytes()))
    assert heldsnapshot.load(store, kept.stamp(store)) is None
    assert answers(store) == first
    assert heldsnapshot.load(store, kept.stamp(store)) is not None


@pytest.mark.parametrize(
    "change",
    [
        lambda tables: tables.pop("postings"),
        lambda tables: tables.update(extra=1),
        lambda tables: tables.update(postings=[]),
        lambda tables: tables.update(average="1.0"),
        lambda tables: tables["texts"].update({1: ["not", "fields"]}),
        lambda tables: tables["sorted"].append(7),
        lambda tables: tables["lengths"].update({1: 1.5}),
    ],
)
def test_tables_of_the_wrong_shape_are_not_used(store: FactStore, change: Any) -> None:
    first = answers(store)
    rewrite(store, change)
    assert heldsnapshot.load(store, kept.stamp(store)) is None
    assert answers(store) == first


def test_another_index_build_makes_the_file_stale(
    store: FactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers(store)
    assert heldsnapshot.load(store, kept.stamp(store)) is not None
    meta = store.meta()
    monkeypatch.setattr(store, "meta", lambda: {**meta, "built_at_ns": "1"})
    assert heldsnapshot.load(store, kept.stamp(store)) is None


def test_other_code_makes_the_file_stale(store: FactStore, monkeypatch: pytest.MonkeyPatch) -> None:
    answers(store)
    assert heldsnapshot.load(store, kept.stamp(store)) is not None
    monkeypatch.setattr(kept, "_rules", lambda: 0x1234)  # the code that derives it changed
    assert heldsnapshot.load(store, kept.stamp(store)) is None


def test_nothing_is_kept_when_the_index_changed_while_the_check_read_it(
    store: FactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process updating the index in place between the reads and the keeping: the
    tables would mix two builds under the newer build's name."""
    held = HeldStore(store)
    matcher = claims._Matcher(held)
    assert matcher.match("LDN calms overactive microglia in the brain.")  # reads the base
    assert matcher._fact_weights  # and weighs the candidates' claims
    meta = store.meta()
    monkeypatch.setattr(held, "meta", lambda: {**meta, "built_at_ns": "1"})
    matcher.keep()
    assert not kept_file(store).exists()
    assert not Path(f"{store.location}.claim-weights.json").exists()
    monkeypatch.undo()
    matcher.keep()  # the same check, the index unchanged: both kept
    assert kept_file(store).exists()
    assert Path(f"{store.location}.claim-weights.json").exists()


def test_a_kept_claim_table_of_the_wrong_shape_is_built_again(store: FactStore) -> None:
    first = answers(store)

    def change(tables: dict[str, Any]) -> None:
        tables["derived"]["claim_terms"] = {"fields": 1, "terms": 2}

    rewrite(store, change)
    assert answers(store) == first
    tables = heldsnapshot.load(store, kept.stamp(store))
    assert tables is not None
    assert claims._claim_terms_fit(tables["derived"]["claim_terms"])  # written again


def test_a_file_larger_than_would_be_read_is_not_written(
    store: FactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(heldsnapshot, "MAX_BYTES", 1000)
    answers(store)
    assert not kept_file(store).exists()


def test_an_oversized_file_is_not_read(store: FactStore, monkeypatch: pytest.MonkeyPatch) -> None:
    answers(store)
    monkeypatch.setattr(heldsnapshot, "MAX_BYTES", 1000)
    assert heldsnapshot.load(store, kept.stamp(store)) is None


def test_a_base_too_large_to_hold_neither_keeps_nor_reads_one(
    store: FactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = answers(store)
    assert kept_file(store).is_file()
    monkeypatch.setattr(heldstore, "IN_MEMORY_FACTS", 0)
    held = HeldStore(store)
    assert held.postings() is None  # the kept file is not used
    kept_file(store).unlink()
    assert answers(store) == first
    assert not kept_file(store).exists()


def test_a_file_that_cannot_be_written_only_costs_time(store: FactStore) -> None:
    kept_file(store).mkdir()  # in the way of the rename, for root too
    first = answers(store)
    assert answers(store) == first
    assert kept_file(store).is_dir()
    assert not list(Path(store.location).parent.glob("*.tmp"))


def test_an_index_in_memory_keeps_nothing(store: FactStore) -> None:
    memory = FactStore(store._db, ":memory:")
    assert heldsnapshot.load(memory, kept.stamp(memory)) is None
    answers(memory)
    assert heldsnapshot.load(memory, kept.stamp(memory)) is None
