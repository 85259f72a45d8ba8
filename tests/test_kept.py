"""What a check keeps beside the index for the next check (`kept`): the claim weights
(`claimweights`) and the held base (`heldsnapshot`). Each is read back, never trusted
blindly, and never changes an answer."""

from __future__ import annotations

import json
import marshal
import zlib
from pathlib import Path
from typing import Any

import pytest

from ldnfacts import claims, claimweights, heldsnapshot, heldstore, kept, paths
from ldnfacts.claims import check_text
from ldnfacts.heldstore import HeldStore
from ldnfacts.kept import stamp
from ldnfacts.store import FactStore, open_store

from . import check_eval

PAGE = (
    "LDN is a tenth of the usual 50 mg dose. It calms overactive microglia in the brain. "
    "Vivid dreams are common in the first weeks. Never take it with tramadol."
)


@pytest.fixture
def store(isolated: Path) -> FactStore:
    """The bundled base indexed in this test's own cache, where the kept files go."""
    environ = {"XDG_CACHE_HOME": str(isolated)}
    return open_store(paths.data_paths(None, environ), environ)


def weights_file(store: FactStore) -> Path:
    return Path(f"{store.location}.{claimweights.SUFFIX}")


def held_file(store: FactStore) -> Path:
    return Path(f"{store.location}.{heldsnapshot.SUFFIX}")


def answers(store: FactStore, text: str = PAGE) -> list[tuple[str, list[str], list[str]]]:
    """Each claim with its matches and warnings, from a fresh held store (as a run)."""
    report = check_text(HeldStore(store), text)
    return [
        (c.text, [f["id"] for f in c.facts], [f["id"] for f in c.warnings]) for c in report.claims
    ]


@pytest.mark.parametrize("kept_file", [weights_file, held_file])
def test_a_file_that_cannot_be_written_only_costs_time(store: FactStore, kept_file: Any) -> None:
    kept_file(store).mkdir()  # in the way of the rename, for root too
    first = answers(store)
    assert answers(store) == first
    assert kept_file(store).is_dir()
    assert not list(Path(store.location).parent.glob("*.tmp"))


# -- the claim weights ---------------------------------------------------------------------


def test_a_check_keeps_the_weights_it_computed_and_the_next_reads_them(
    store: FactStore,
) -> None:
    first = answers(store)
    saved = json.loads(weights_file(store).read_text(encoding="utf-8"))
    assert saved["stamp"] == stamp(store)
    assert len(saved["weights"]) >= 3
    assert claims._Matcher(store)._fact_weights == saved["weights"]
    assert answers(store) == first


def test_kept_weights_are_the_weights_computed_afresh(store: FactStore) -> None:
    answers(store)
    saved = claimweights.load(store, stamp(store))
    fresh = claims._Matcher(store)
    fresh._fact_weights = {}
    facts = store.facts(store.rowids_of(sorted(saved)))
    for fact in facts.values():
        assert fresh.fact_weight(fact) == pytest.approx(saved[fact["id"]])


def test_kept_weights_are_used_as_they_are(store: FactStore) -> None:
    """What the matcher reads is the file (so the tests above can fail)."""
    answers(store)
    path = weights_file(store)
    saved = json.loads(path.read_text(encoding="utf-8"))
    fact_id = sorted(saved["weights"])[0]
    saved["weights"][fact_id] = 1234.5
    path.write_text(json.dumps(saved), encoding="utf-8")
    assert claims._Matcher(store)._fact_weights[fact_id] == 1234.5


@pytest.mark.parametrize(
    "damage",
    [
        "{not json",
        "[]",
        '{"stamp": "another build", "weights": {"dose-low-is-tenth": 1.0}}',
        "STAMPED_BAD_VALUES",
        "",
    ],
)
def test_a_stale_or_damaged_weights_file_is_ignored_and_written_again(
    store: FactStore, damage: str
) -> None:
    first = answers(store)
    path = weights_file(store)
    if damage == "STAMPED_BAD_VALUES":
        damage = json.dumps(
            {
                "stamp": stamp(store),
                "weights": {"a": "x", "b": True, "c": -1, "d": None, "e": 1e400},
            }
        ).replace("Infinity", "1e400")
    path.write_text(damage, encoding="utf-8")
    assert claimweights.load(store, stamp(store)) == {}
    assert answers(store) == first
    assert json.loads(path.read_text(encoding="utf-8"))["stamp"] == stamp(store)


def test_an_oversized_weights_file_is_not_read(
    store: FactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers(store)
    monkeypatch.setattr(claimweights, "MAX_BYTES", 10)
    assert claimweights.load(store, stamp(store)) == {}


def test_an_index_in_memory_keeps_no_weights(store: FactStore) -> None:
    memory = FactStore(store._db, ":memory:")
    assert claimweights.load(memory, stamp(memory)) == {}
    claimweights.save(memory, {"x": 1.0}, stamp(memory))  # nowhere to write: nothing happens


# -- the held base -------------------------------------------------------------------------


def rewrite(store: FactStore, change: Any) -> None:
    """Change the kept tables with `change` and write them back, well formed."""
    path = held_file(store)
    content = path.read_bytes()
    header = heldsnapshot._header(stamp(store))
    payload = content[len(header) :].partition(b"\n")[2]
    tables = marshal.loads(payload)
    change(tables)
    payload = marshal.dumps(tables)
    path.write_bytes(header + b"%08x\n" % zlib.crc32(payload) + payload)


def test_a_check_keeps_the_held_base_and_the_next_reads_it(store: FactStore) -> None:
    first = answers(store)
    assert held_file(store).is_file()
    tables = heldsnapshot.load(store, stamp(store))
    assert tables is not None
    assert tables["rows"] == len(store.listing(None, ()))
    assert set(tables["records"]) == set(store.listing(None, ()))
    assert set(tables["derived"]) == {"claim_terms"}
    built = held_file(store).stat().st_mtime_ns
    assert answers(store) == first
    assert held_file(store).stat().st_mtime_ns == built  # read, not written again


def test_what_the_check_reads_is_the_held_file(store: FactStore) -> None:
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
    assert heldsnapshot.load(store, stamp(store)) is not None
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
def test_a_damaged_or_stale_held_file_is_ignored_and_written_again(
    store: FactStore, damage: Any
) -> None:
    first = answers(store)
    path = held_file(store)
    path.write_bytes(damage(path.read_bytes()))
    assert heldsnapshot.load(store, stamp(store)) is None
    assert answers(store) == first
    assert heldsnapshot.load(store, stamp(store)) is not None


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
    assert heldsnapshot.load(store, stamp(store)) is None
    assert answers(store) == first


def test_another_index_build_makes_the_file_stale(
    store: FactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers(store)
    assert heldsnapshot.load(store, stamp(store)) is not None
    meta = store.meta()
    monkeypatch.setattr(store, "meta", lambda: {**meta, "built_at_ns": "1"})
    assert heldsnapshot.load(store, stamp(store)) is None


def test_other_code_makes_the_file_stale(store: FactStore, monkeypatch: pytest.MonkeyPatch) -> None:
    answers(store)
    assert heldsnapshot.load(store, stamp(store)) is not None
    monkeypatch.setattr(kept, "_rules", lambda: 0x1234)  # the code that derives it changed
    assert heldsnapshot.load(store, stamp(store)) is None


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
    assert not held_file(store).exists()
    assert not weights_file(store).exists()
    monkeypatch.undo()
    matcher.keep()  # the same check, the index unchanged: both kept
    assert held_file(store).exists()
    assert weights_file(store).exists()


def test_a_kept_claim_table_of_the_wrong_shape_is_built_again(store: FactStore) -> None:
    first = answers(store)

    def change(tables: dict[str, Any]) -> None:
        tables["derived"]["claim_terms"] = {"fields": 1, "terms": 2}

    rewrite(store, change)
    assert answers(store) == first
    tables = heldsnapshot.load(store, stamp(store))
    assert tables is not None
    assert claims._claim_terms_fit(tables["derived"]["claim_terms"])  # written again


def test_a_file_larger_than_would_be_read_is_not_written(
    store: FactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(heldsnapshot, "MAX_BYTES", 1000)
    answers(store)
    assert not held_file(store).exists()


def test_an_oversized_held_file_is_not_read(
    store: FactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers(store)
    monkeypatch.setattr(heldsnapshot, "MAX_BYTES", 1000)
    assert heldsnapshot.load(store, stamp(store)) is None


def test_a_base_too_large_to_hold_neither_keeps_nor_reads_one(
    store: FactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = answers(store)
    assert held_file(store).is_file()
    monkeypatch.setattr(heldstore, "IN_MEMORY_FACTS", 0)
    held = HeldStore(store)
    assert held.postings() is None  # the kept file is not used
    held_file(store).unlink()
    assert answers(store) == first
    assert not held_file(store).exists()


def test_an_index_in_memory_keeps_no_held_base(store: FactStore) -> None:
    memory = FactStore(store._db, ":memory:")
    assert heldsnapshot.load(memory, stamp(memory)) is None
    answers(memory)
    assert heldsnapshot.load(memory, stamp(memory)) is None
