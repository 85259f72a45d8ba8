"""Time ldnfacts against the floor every Python CLI pays: F = `python -c "import typer"`.

    python bench/bench.py            # full run: 1,000 / 10,000 / 100,000-fact bases
    python bench/bench.py --quick    # fewer rounds, no 100,000-fact base
    python bench/bench.py --cold-only --quick   # only the second table (cold paths)

Every command is a fresh process, as a user runs it. Commands and F are interleaved
(shuffled within each round) so that machine load affects all of them alike; the table
compares medians. Runs are warm: each fact base is indexed once before timing, and that
cold build is reported separately. Peak memory is the child's maximum resident set size.

The package is byte-compiled first and PYTHONDONTWRITEBYTECODE is cleared for the timed
processes, as after a normal `pip install`. Bases are generated in a child process so that
this process stays small: a child's peak memory, as the kernel reports it, cannot be lower
than its parent's size at the moment it was started.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "facts.yaml"


@dataclass
class Case:
    name: str
    argv: list[str]
    target: float | None  # the largest acceptable ratio to F, if there is a target


def generate_base(size: int, destination: Path) -> Path:
    """A fact base of `size` facts: copies of the bundled facts with fresh ids.

    Each copy gets its own id suffix (and related ids follow), so ids stay unique and the
    text, vocabulary and sources are the bundled ones, as in a grown real base.
    """
    import yaml

    with open(BUNDLED, encoding="utf-8") as handle:
        base = yaml.load(handle, Loader=yaml.CSafeLoader)
    facts: list[dict[str, Any]] = []
    copy = 0
    while len(facts) < size:
        for fact in base["facts"]:
            if len(facts) == size:
                break
            clone = dict(fact, id=f"{fact['id']}-{copy}")
            if fact.get("related"):
                clone["related"] = [f"{r}-{copy}" for r in fact["related"]]
            facts.append(clone)
        copy += 1
    # related ids may point at facts cut off by `size`; keep only those that exist
    ids = {f["id"] for f in facts}
    for fact in facts:
        if "related" in fact:
            fact["related"] = [r for r in fact["related"] if r in ids]
    path = destination / f"facts-{size}.yaml"
    with open(path, "w", encoding="utf-8") as handle:
        yaml.dump(
            {"meta": base["meta"], "sources": base["sources"], "facts": facts},
            handle,
            Dumper=yaml.CSafeDumper,
            allow_unicode=True,
            sort_keys=False,
        )
    return path


def small_file(destination: Path, variant: int) -> Path:
    """A 100-fact personal file; `variant` changes one fact's claim, as an edit does."""
    facts = "".join(
        f"  - {{id: mine-{i}, topic: safety, claim: My note {i} (edit {variant if i == 7 else 0})"
        f"., status: claimed, sources: [{{ref: mine-source}}]}}\n"
        for i in range(100)
    )
    path = destination / "mine.yaml"
    path.write_text(
        "sources: [{id: mine-source, title: My notes, kind: interview}]\nfacts:\n" + facts,
        encoding="utf-8",
    )
    return path


def broken_file(destination: Path, size: int = 10_000) -> Path:
    """`size` facts with three `related` ids each that do not exist: 3 x size problems."""
    facts = "".join(
        f"  - {{id: f-{i}, topic: dose, claim: Fact {i}., status: claimed, "
        f"sources: [{{ref: s}}], related: [missing-{i}-a, gone-{i}, f-{i}x]}}\n"
        for i in range(size)
    )
    path = destination / "broken.yaml"
    path.write_text("sources: [{id: s, title: T, kind: trial}]\nfacts:\n" + facts, "utf-8")
    return path


def run(argv: Sequence[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time in seconds and peak memory in KiB of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1, 3):
        raise SystemExit(f"{' '.join(argv)} failed with status {process.returncode}")
    return elapsed, usage.ru_maxrss


def check_page(folder: Path) -> Path:
    """The 10 KB HTML page `bench/check.py` times, built from the golden texts."""
    sys.path.insert(0, str(ROOT))
    from tests.check_eval import ten_kb_page

    return ten_kb_page(folder)


def search_argv(tool: list[str], base: Path, question: str = "microglia") -> list[str]:
    """A search the targets are set for, on a generated base: a rare word (`microglia`) or
    a common two-word question (`pain fibromyalgia`)."""
    return [*tool, "search", question, "--json", "--limit", "5", "--data", str(base)]


def ldnfacts_command() -> list[str]:
    script = Path(sys.executable).parent / "ldnfacts"
    return [str(script)] if script.exists() else [sys.executable, "-m", "ldnfacts"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, no 100k base")
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument("--cold-only", action="store_true", help="only the cold-path table")
    parser.add_argument("--generate", nargs=2, metavar=("SIZE", "FOLDER"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.generate:
        print(generate_base(int(options.generate[0]), Path(options.generate[1])))
        return
    rounds = options.rounds or (7 if options.quick else 21)
    sizes = [1_000, 10_000] if options.quick else [1_000, 10_000, 100_000]

    workdir = Path(tempfile.mkdtemp(prefix="ldnfacts-bench-"))
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONDONTWRITEBYTECODE", "LDNFACTS_DATA", "NO_COLOR")
    }
    env["XDG_CACHE_HOME"] = str(workdir / "cache")
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "ldnfacts")], check=True, env=env
    )
    tool = ldnfacts_command()
    try:
        bases = {}
        for size in sizes:
            started = time.perf_counter()
            bases[size] = Path(
                subprocess.run(
                    [sys.executable, __file__, "--generate", str(size), str(workdir)],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout.strip()
            )
            generated = time.perf_counter() - started
            cold, _ = run(search_argv(tool, bases[size]), env)
            print(
                f"{size:>7,} facts: generated in {generated:5.1f} s, "
                f"{bases[size].stat().st_size / 1e6:6.1f} MB, first (cold) run {cold:6.2f} s",
                file=sys.stderr,
            )
        run([*tool, "dose", "--json"], env)  # index the bundled base
        cold_paths(tool, bases, sizes, env, workdir, 3 if options.quick else 5)
        if options.cold_only:
            return
        cases = [
            Case("F = python -c 'import typer'", [sys.executable, "-c", "import typer"], None),
            Case("ldnfacts dose --json", [*tool, "dose", "--json"], 1.3),
            Case("ldnfacts dose --format table", [*tool, "dose", "--format", "table"], 1.8),
            Case("ldnfacts mechanism microglia (plain)", [*tool, "mechanism", "microglia"], None),
            Case("completion of `ldnfacts dose mi`", [*tool], None),
            Case(
                'ldnfacts search "can I take ldn with tramadol" --json',
                [*tool, "search", "can I take ldn with tramadol", "--json"],
                1.3,
            ),
            Case(
                "ldnfacts check, 10 KB page --json",
                [*tool, "check", str(check_page(workdir)), "--json"],
                2.0,
            ),
        ]
        targets = {10_000: 1.6, 100_000: 1.6}
        for size in sizes:
            for question in ("microglia", "pain fibromyalgia"):
                cases.append(
                    Case(
                        f"search {question!r} --json --limit 5, {size:,} facts",
                        search_argv(tool, bases[size], question),
                        targets.get(size),
                    )
                )
        completion_env = dict(
            env, _LDNFACTS_COMPLETE="complete_bash", COMP_WORDS="ldnfacts dose mi", COMP_CWORD="2"
        )

        times: dict[str, list[float]] = {case.name: [] for case in cases}
        memory: dict[str, int] = {case.name: 0 for case in cases}
        for case in cases:  # warm-up, not recorded: disk cache, and settling new indexes
            run(case.argv, completion_env if case.name.startswith("completion") else env)
        for _ in range(rounds):
            order = cases[:]
            random.shuffle(order)
            for case in order:
                case_env = completion_env if case.name.startswith("completion") else env
                elapsed, peak = run(case.argv, case_env)
                times[case.name].append(elapsed)
                memory[case.name] = max(memory[case.name], peak)
        report(cases, times, memory, rounds)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


@dataclass
class Cold:
    name: str
    argv: list[str]
    #: The floor this row is compared with: the name of another row.
    floor: str | None
    target: float | None = None
    #: Run before each timed run, not timed: an edit, a touch, an empty cache.
    prepare: Any = None
    #: A fresh, empty cache folder for each run.
    fresh_cache: bool = False


def cold_paths(
    tool: list[str],
    bases: dict[int, Path],
    sizes: list[int],
    env: dict[str, str],
    workdir: Path,
    rounds: int,
) -> None:
    """The second table: cold builds against parsing alone, an edit and a touch against F,
    and validate with 30,000 problems."""
    f_name = "F = python -c 'import typer'"
    rows = [Cold(f_name, [sys.executable, "-c", "import typer"], None)]
    for size in sizes:
        if size < 10_000:
            continue
        floor = f"floor: yaml.load(CSafeLoader), {size:,} facts"
        load = f"import yaml; yaml.load(open({str(bases[size])!r}, 'rb'), Loader=yaml.CSafeLoader)"
        rows.append(Cold(floor, [sys.executable, "-c", load], None))
        rows.append(
            Cold(
                f"cold build + search, {size:,} facts (empty cache)",
                search_argv(tool, bases[size]),
                floor,
                1.5,
                fresh_cache=True,
            )
        )
    big = bases[10_000]
    edits = iter(range(1, 1_000_000))
    mine = small_file(workdir, 0)
    pair = [*tool, "dose", "--json", "--data", str(big), "--data", str(mine)]
    rows.append(
        Cold(
            "edit 1 fact of a 100-fact file beside 10,000: dose --json",
            pair,
            f_name,
            3.0,
            prepare=lambda: small_file(workdir, next(edits)),
        )
    )
    rows.append(
        Cold(
            "touch the 10,000-fact file (content unchanged): dose --json",
            pair,
            f_name,
            None,
            prepare=lambda: os.utime(big),
        )
    )
    broken = broken_file(workdir)
    rows.append(
        Cold("validate, 10,000 facts with 30,000 problems", [*tool, "validate", str(broken)], None)
    )
    run(pair, env)  # the pair's index and per-file entries, before the edits
    times: dict[str, list[float]] = {row.name: [] for row in rows}
    memory: dict[str, int] = {row.name: 0 for row in rows}
    for _ in range(rounds):
        order = rows[:]
        random.shuffle(order)
        for row in order:
            row_env = env
            if row.fresh_cache:
                row_env = dict(env, XDG_CACHE_HOME=tempfile.mkdtemp(dir=workdir))
            if row.prepare:
                row.prepare()
            elapsed, peak = run(row.argv, row_env)
            if row.fresh_cache:
                shutil.rmtree(row_env["XDG_CACHE_HOME"], ignore_errors=True)
            times[row.name].append(elapsed)
            memory[row.name] = max(memory[row.name], peak)
    print(f"\ncold paths; {rounds} interleaved rounds, medians\n")
    print("| command | median ms | compared with | ratio | target | peak RSS MiB |")
    print("|---|---:|---|---:|---|---:|")
    failed = []
    for row in rows:
        median = statistics.median(times[row.name])
        ratio = median / statistics.median(times[row.floor]) if row.floor else None
        verdict = ""
        if row.target is not None and ratio is not None:
            met = ratio <= row.target
            verdict = f"<= {row.target} x {'met' if met else 'MISSED'}"
            failed += [] if met else [row.name]
        if row.name.startswith("validate"):
            met = median <= 5.0
            verdict = f"<= 5 s {'met' if met else 'MISSED'}"
            failed += [] if met else [row.name]
        print(
            f"| {row.name} | {median * 1000:.0f} | {row.floor or ''} | "
            f"{'' if ratio is None else f'{ratio:.2f}'} | {verdict} | "
            f"{memory[row.name] / 1024:.1f} |"
        )
    if failed:
        print(f"\ncold targets missed: {', '.join(failed)}", file=sys.stderr)


def report(
    cases: list[Case], times: dict[str, list[float]], memory: dict[str, int], rounds: int
) -> None:
    floor = statistics.median(times[cases[0].name])
    print(
        f"\n{time.strftime('%Y-%m-%d')}, {platform.node() or 'machine'}: "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}; {rounds} interleaved rounds, medians\n"
    )
    print("| command | median ms | ratio to F | target | peak RSS MiB |")
    print("|---|---:|---:|---|---:|")
    failed = []
    for case in cases:
        median = statistics.median(times[case.name]) * 1000
        ratio = median / (floor * 1000)
        verdict = ""
        if case.target is not None:
            met = ratio <= case.target
            verdict = f"<= {case.target} x {'met' if met else 'MISSED'}"
            if not met:
                failed.append(case.name)
        print(
            f"| {case.name} | {median:.1f} | {ratio:.2f} | {verdict} | "
            f"{memory[case.name] / 1024:.1f} |"
        )
    if failed:
        print(f"\ntargets missed: {', '.join(failed)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
