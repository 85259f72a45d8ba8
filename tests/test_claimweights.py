"""The claim weights a check keeps beside the index: read back, never trusted blindly,
never changing an answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ldnfacts import claims, claimweights, paths
from ldnfacts.claims import check_text
from ldnfacts.kept import stamp
from ldnfacts.store import FactStore, open_store

PAGE = (
    "LDN is a tenth of the usual 50 mg dose. It calms overactive microglia in the brain. "
    "Vivid dreams are common in the first weeks. Never take it with tramadol."
)


@pytest.fixture
def store(isolated: Path) -> FactStore:
    environ = {"XDG_CACHE_HOME": str(isolated)}
    return open_store(paths.data_paths(None, environ), environ)


def kept_file(store: FactStore) -> Path:
    return Path(f"{store.location}.claim-weights.json")


def answers(store: FactStore) -> list[list[str]]:
    return [[f["id"] for f in claim.facts] for claim in check_text(store, PAGE).claims]


def test_a_check_keeps_the_weights_it_computed_and_the_next_reads_them(
    store: FactStore,
) -> None:
    first = answers(store)
    kept = json.loads(kept_file(store).read_text(encoding="utf-8"))
    assert kept["stamp"] == stamp(store)
    assert len(kept["weights"]) >= 3
    assert claims._Matcher(store)._fact_weights == kept["weights"]
    assert answers(store) == first


def test_kept_weights_are_the_weights_computed_afresh(store: FactStore) -> None:
    answers(store)
    kept = claimweights.load(store, stamp(store))
    fresh = claims._Matcher(store)
    fresh._fact_weights = {}
    facts = store.facts(store.rowids_of(sorted(kept)))
    for fact in facts.values():
        assert fresh.fact_weight(fact) == pytest.approx(kept[fact["id"]])


def test_kept_weights_are_used_as_they_are(store: FactStore) -> None:
    """What the matcher reads is the file (so the tests above can fail)."""
    answers(store)
    path = kept_file(store)
    kept = json.loads(path.read_text(encoding="utf-8"))
    fact_id = sorted(kept["weights"])[0]
    kept["weights"][fact_id] = 1234.5
    path.write_text(json.dumps(kept), encoding="utf-8")
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
def test_a_stale_or_damaged_file_is_ignored_and_written_again(
    store: FactStore, damage: str
) -> None:
    first = answers(store)
    path = kept_file(store)
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


def test_an_oversized_file_is_not_read(store: FactStore, monkeypatch: pytest.MonkeyPatch) -> None:
    answers(store)
    monkeypatch.setattr(claimweights, "MAX_BYTES", 10)
    assert claimweights.load(store, stamp(store)) == {}


def test_a_file_that_cannot_be_written_only_costs_time(store: FactStore) -> None:
    kept_file(store).mkdir()  # in the way of the rename, for root too
    first = answers(store)
    assert answers(store) == first
    assert kept_file(store).is_dir()
    assert not list(Path(store.location).parent.glob("*.tmp"))


def test_an_index_in_memory_keeps_nothing(store: FactStore) -> None:
    memory = FactStore(store._db, ":memory:")
    assert claimweights.load(memory, stamp(memory)) == {}
    claimweights.save(memory, {"x": 1.0}, stamp(memory))  # nowhere to write: nothing happens
