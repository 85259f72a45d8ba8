"""How well and how fast `ldnfacts check` does.

    python bench/check.py            # seed recall, golden precision, misses listed
    python bench/check.py --time     # also: check on a 10 KB page against F

Seed recall: the share of facts citing a seed document that `check` puts among the top 3
facts of the sentence they came from (how a fact is mapped to its sentence:
`tests/check_eval.py`). Golden precision: of the facts `check` reports for the judged
sentences of `tests/check_cases/`, the share the hand judgement accepts; reported apart
for the texts we wrote and for those written and judged independently.

Timing: F = `python -c "import typer"` and `ldnfacts check PAGE --json` on a 10 KB HTML
page built from our golden texts, interleaved, medians; target `check <= 2 x F`. As in
`bench/bench.py`, the package is byte-compiled first and PYTHONDONTWRITEBYTECODE cleared,
as after a normal `pip install` (typer, in F, is byte-compiled by pip).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import check_eval  # noqa: E402

TARGET = 2.0


def quality() -> None:
    from ldnfacts import paths
    from ldnfacts.store import open_store

    store = open_store(paths.data_paths(None, os.environ), os.environ)
    seeds = check_eval.seeds_dir()
    if seeds is None:
        print("seed recall: skipped (../shared/seeds not found)")
    else:
        results = check_eval.seed_results(store, seeds)
        found = sum(r.found for r in results)
        print(f"seed recall (top 3): {found}/{len(results)} = {check_eval.recall(results):.3f}")
        reported = sum(r.reported for r in results)
        print(
            f"seed recall (all reported, up to 5 for a sentence of several clauses): "
            f"{reported}/{len(results)} = {reported / len(results):.3f}"
        )
        for r in results:
            if not r.found:
                print(f"  missed {r.fact} [{r.locator}] -> {r.top}")
    for label, cases in (
        ("golden precision, our texts", check_eval.own_cases()),
        ("golden precision, independent texts", check_eval.independent_cases()),
    ):
        right, wrong, each = check_eval.judge_cases(store, cases)
        for case, judged in each:
            for fragment, fact in judged.wrong:
                print(f"  wrong in {case.name}: {fragment!r} -> {fact}")
            for fragment in judged.missed:
                print(f"  not found as a claim in {case.name}: {fragment!r}")
        total = right + wrong
        precision = right / total if total else 0.0
        print(f"{label}: {right}/{total} = {precision:.3f}")


def timing(rounds: int) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="ldnfacts-check-bench-"))
    # as bench/bench.py: the package byte-compiled, as after a normal `pip install`
    drop = ("PYTHONDONTWRITEBYTECODE", "LDNFACTS_DATA", "NO_COLOR")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["XDG_CACHE_HOME"] = str(workdir / "cache")
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "ldnfacts")], check=True, env=env
    )
    script = Path(sys.executable).parent / "ldnfacts"
    tool = [str(script)] if script.exists() else [sys.executable, "-m", "ldnfacts"]
    page = check_eval.ten_kb_page(workdir)
    cases = {
        "F": [sys.executable, "-c", "import typer"],
        "check": [*tool, "check", str(page), "--json"],
    }
    for argv in cases.values():  # warm-up: index the base, fill the disk cache
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=False)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(rounds):
        order = list(cases)
        random.shuffle(order)
        for name in order:
            started = time.perf_counter()
            subprocess.run(cases[name], env=env, stdout=subprocess.DEVNULL, check=False)
            times[name].append(time.perf_counter() - started)
    from ldnfacts.pagetext import read_page
    from ldnfacts.sentences import split

    parsed = read_page(str(page))
    spans = split(parsed.text, parsed.blocks)
    unique = len({parsed.text[x.start : x.end] for x in spans})
    print(f"page: {len(spans)} sentences, {unique} different")
    floor = statistics.median(times["F"])
    check = statistics.median(times["check"])
    ratio = check / floor
    print(
        f"check on a {page.stat().st_size / 1000:.1f} KB page: {check * 1000:.0f} ms median, "
        f"F {floor * 1000:.0f} ms, ratio {ratio:.2f} (target <= {TARGET}: "
        f"{'met' if ratio <= TARGET else 'MISSED'})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time", action="store_true", help="also time check against F")
    parser.add_argument("--rounds", type=int, default=11)
    options = parser.parse_args()
    quality()
    if options.time:
        timing(options.rounds)


if __name__ == "__main__":
    main()
