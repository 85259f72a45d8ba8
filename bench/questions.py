"""Score `ldnfacts search` on question sets: Success@3 and MRR@5, and list each miss.

    python bench/questions.py                 # tests/questions.yaml, and the shared set if present
    python bench/questions.py FILE.yaml ...   # these sets

Scoring is the shared scorer's (`../shared/eval/run_questions.py`): each question is asked as
ONE argument, the first 5 facts are kept, a question is a success when a right fact is in the
first 3, and an out-of-scope question (`none_or`) passes when nothing is returned or every
fact returned contains its word. Questions marked `pending` (the answer is not yet in the fact
base) are scored separately. Questions are asked in-process through `query.find`, which is
what `ldnfacts search QUESTION --json --limit 5` prints.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PROJECT_SET = ROOT / "tests" / "questions.yaml"
SHARED_SET = ROOT.parent / "shared" / "eval" / "questions.yaml"

Asker = Callable[[str], list[dict[str, Any]]]


@dataclass
class Score:
    questions: int = 0
    hits: int = 0
    reciprocal: float = 0.0
    misses: list[str] = field(default_factory=list)

    @property
    def success_at_3(self) -> float:
        return self.hits / self.questions if self.questions else 0.0

    @property
    def mrr_at_5(self) -> float:
        return self.reciprocal / self.questions if self.questions else 0.0

    def line(self, name: str) -> str:
        return (
            f"{name}: Success@3 {self.success_at_3:.2f} ({self.hits}/{self.questions}), "
            f"MRR@5 {self.mrr_at_5:.2f}"
        )


def fact_text(fact: dict[str, Any]) -> str:
    return " ".join(
        [
            str(fact.get("claim", "")),
            " ".join(map(str, fact.get("tags") or [])),
            str(fact.get("note") or ""),
        ]
    ).lower()


def is_right(fact: dict[str, Any], question: dict[str, Any]) -> bool:
    text = fact_text(fact)
    return (
        any(k in text for k in question.get("any", [""]))
        and all(k in text for k in question.get("all", []))
        and ("status" not in question or fact.get("status") in question["status"])
    )


def score(questions: Sequence[dict[str, Any]], ask: Asker) -> tuple[Score, Score]:
    """(score of the answerable questions, score of the pending ones)."""
    ready, pending = Score(), Score()
    for question in questions:
        into = pending if question.get("pending") else ready
        facts = ask(question["q"])[:5]
        into.questions += 1
        if "none_or" in question:
            ok = not facts or all(question["none_or"] in fact_text(f) for f in facts)
            into.hits += ok
            into.reciprocal += ok
            if not ok:
                into.misses.append(
                    f"{question['q']!r}: out of scope, answered with {[f['id'] for f in facts[:3]]}"
                )
            continue
        ranks = [i for i, fact in enumerate(facts) if is_right(fact, question)]
        into.hits += bool(ranks) and ranks[0] < 3
        into.reciprocal += 1 / (ranks[0] + 1) if ranks else 0.0
        if not ranks or ranks[0] >= 3:
            into.misses.append(f"{question['q']!r}: top 3 {[f['id'] for f in facts[:3]]}")
    return ready, pending


def load(path: Path) -> list[dict[str, Any]]:
    import yaml

    with open(path, encoding="utf-8") as handle:
        questions: list[dict[str, Any]] = yaml.safe_load(handle)["questions"]
    return questions


def bundled_asker(cache: str | None = None) -> Asker:
    """Ask the bundled fact base in-process, as `search Q --json --limit 5` would."""
    from ldnfacts.paths import bundled_data_path
    from ldnfacts.query import Query, find
    from ldnfacts.store import open_store

    environ = {"XDG_CACHE_HOME": cache or tempfile.mkdtemp(prefix="ldnfacts-questions-")}
    store = open_store([str(bundled_data_path())], environ)

    def ask(question: str) -> list[dict[str, Any]]:
        return find(store, Query(terms=(question,), ranked=True, limit=5)).facts

    return ask


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    options = parser.parse_args()
    files = options.files or [p for p in (PROJECT_SET, SHARED_SET) if p.is_file()]
    os.environ.pop("LDNFACTS_DATA", None)
    ask = bundled_asker()
    failed = False
    for path in files:
        ready, pending = score(load(path), ask)
        for miss in ready.misses:
            print(f"miss: {miss}")
        for miss in pending.misses:
            print(f"pending: {miss}")
        print(ready.line(str(path)))
        if pending.questions:
            print(pending.line(f"{path} (pending content)"))
        failed = failed or ready.success_at_3 < 0.9
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
