"""What `check` keeps between runs: the weight of each fact's claim, beside the index.

Weighing a fact's claim (`claims._Matcher.fact_weight`: its word groups as search parses
them, each weighed by how many facts hold it) depends only on the fact base, the
vocabulary and the matching code, never on the page; yet it was a fifth of a check's time,
since every check weighed again the hundred or so facts that came up as candidates. So the
weights a check computes are kept in `INDEX.claim-weights.json` and read by the next check
of the same index. The file names the index build and the code it was computed with; a
rebuilt index or another version of the rules makes it stale, and it is then ignored and
written again. It is JSON (never pickle), read with a size limit and checked value by value:
a damaged or tampered file can at worst slow a check down or change a weight, never run
code. Writing is best effort (a read-only cache only costs time), through a private file
renamed into place, so that concurrent checks never read half a file.

Weights are computed lazily, when a fact first comes up as a candidate, not when the index
is built: at 10,000 facts that would add seconds to every first run, for a command most
runs never use.
"""

from __future__ import annotations

import json
import math
import os
from contextlib import suppress
from functools import lru_cache
from pathlib import Path

from ldnfacts import __version__
from ldnfacts.store import FactStore

#: A kept file larger than this is ignored (some 50 bytes a fact: 100,000 facts fit).
MAX_BYTES = 8 << 20


def _path(store: FactStore) -> Path | None:
    if store.location == ":memory:":
        return None
    return Path(f"{store.location}.claim-weights.json")


def stamp(store: FactStore) -> str:
    """What the weights depend on: the index build, and the code and word lists that
    parse and weigh a claim."""
    built = store.meta().get("built_at_ns", "")
    return f"{__version__}:{_rules():08x}:{built}"


@lru_cache(maxsize=1)
def _rules() -> int:
    """A digest of the code and word lists that parse and weigh a claim (read once per
    run: a check reads and writes the weights with the same stamp)."""
    import zlib

    from ldnfacts import claims, heldstore, query, store, words

    rules = 0
    for path in (
        claims.__file__,
        words.__file__,
        query.__file__,  # how a group is matched (`match_expression`) ...
        heldstore.__file__,  # ... and counted in a held base ...
        store.__file__,  # ... with `occurrences` for a phrase
        Path(claims.__file__).with_name("vocab") / "claims.json",
    ):
        with suppress(OSError), open(path, "rb") as handle:
            rules = zlib.crc32(handle.read(), rules)
    return rules


def load(store: FactStore) -> dict[str, float]:
    """The weights kept for this index, or none."""
    path = _path(store)
    if path is None:
        return {}
    try:
        if path.stat().st_size > MAX_BYTES:
            return {}
        with open(path, encoding="utf-8") as handle:
            kept = json.load(handle)
    except (OSError, ValueError):
        return {}
    if not isinstance(kept, dict) or kept.get("stamp") != stamp(store):
        return {}
    weights = kept.get("weights")
    if not isinstance(weights, dict):
        return {}
    return {
        fact_id: float(weight)
        for fact_id, weight in weights.items()
        if isinstance(fact_id, str)
        and isinstance(weight, (int, float))
        and not isinstance(weight, bool)
        and math.isfinite(weight)
        and weight >= 0
    }


def save(store: FactStore, weights: dict[str, float]) -> None:
    """Keep `weights` for the next check of this index (best effort)."""
    path = _path(store)
    if path is None:
        return
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump({"stamp": stamp(store), "weights": weights}, handle)
        os.replace(temporary, path)
    except OSError:
        with suppress(OSError):
            os.unlink(temporary)
