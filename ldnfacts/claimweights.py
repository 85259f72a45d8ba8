"""What `check` keeps between runs: the weight of each fact's claim, beside the index.

Weighing a fact's claim (`claims._Matcher.fact_weight`: its word groups as search parses
them, each weighed by how many facts hold it) depends only on the fact base, the
vocabulary and the matching code, never on the page; yet it was a fifth of a check's time,
since every check weighed again the hundred or so facts that came up as candidates. So the
weights a check computes are kept in `INDEX.claim-weights.json` and read by the next check
of the same index, stamped and written as `kept` describes. It is JSON (never pickle),
read with a size limit and checked value by value: a damaged or tampered file can at worst
slow a check down or change a weight, never run code.

Weights are computed lazily, when a fact first comes up as a candidate, not when the index
is built: at 10,000 facts that would add seconds to every first run, for a command most
runs never use.
"""

from __future__ import annotations

import json
import math

from ldnfacts import kept
from ldnfacts.store import FactStore

#: A kept file larger than this is ignored (some 50 bytes a fact: 100,000 facts fit).
MAX_BYTES = 8 << 20

SUFFIX = "claim-weights.json"


def load(store: FactStore, stamp: str) -> dict[str, float]:
    """The weights kept for this index as `stamp` (`kept.stamp`) names it, or none."""
    path = kept.path_beside(store, SUFFIX)
    content = None if path is None else kept.read(path, MAX_BYTES)
    if content is None:
        return {}
    try:
        found = json.loads(content)
    except ValueError:
        return {}
    if not isinstance(found, dict) or found.get("stamp") != stamp:
        return {}
    weights = found.get("weights")
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


def save(store: FactStore, weights: dict[str, float], stamp: str) -> None:
    """Keep `weights`, computed from the index as `stamp` names it, for the next check of
    this index (best effort)."""
    path = kept.path_beside(store, SUFFIX)
    if path is not None:
        content = json.dumps({"stamp": stamp, "weights": weights})
        kept.write(path, content.encode("utf-8"))
