"""Guard what the fast paths import: timing belongs in bench/, imports can be tested here.

Rich costs about 20 ms to import, PyYAML and jsonschema more, and pydantic (which Typer 0.29
pulls into option parsing) about 95 ms: none of them may load to answer from a fresh index
as JSON, JSON Lines or plain text, or to complete a word in the shell.
"""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import ldnfacts

from .conftest import run_process

HEAVY = ("rich", "yaml", "jsonschema", "pydantic", "referencing")


def imported_modules(args: list[str], env: dict[str, str] | None = None) -> set[str]:
    """Top-level names of every module a real run of `ldnfacts ARGS` imports."""
    return {name.split(".")[0] for name in imported_module_names(args, env)}


def imported_module_names(args: list[str], env: dict[str, str] | None = None) -> set[str]:
    """Full names of every module a real run of `ldnfacts ARGS` imports."""
    environ = {**os.environ, **(env or {})}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ldnfacts", *args],
        capture_output=True,
        text=True,
        env=environ,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    assert "ldnfacts" in names  # the parse worked
    return names


@pytest.fixture
def warm() -> None:
    """Index the bundled base first, as any run after the first does."""
    assert run_process(["dose", "--json"]).code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["dose", "--json"],
        ["dose"],
        ["mechanism", "microglia", "--jsonl"],
        ["search", "microglia", "--json", "--limit", "5"],
        ["show", "trial-final-2024", "--json"],
        ["evidence", "--format", "plain"],
        ["sources", "--json"],
        ["topics"],
        ["search", "microglai"],
        ["search", "can I take ldn with tramadol", "--json"],
        ["check", "tests/check_cases/news-item.txt", "--json"],
        ["evidence", "--condition", "ms", "--json"],
    ],
    ids=" ".join,
)
def test_fast_paths_import_no_heavy_library(warm: None, args: list[str]) -> None:
    assert not imported_modules(args) & set(HEAVY)


def test_check_reads_its_word_lists_without_importlib_resources(warm: None) -> None:
    """`importlib.resources` and the zipfile support it loads cost about 4 ms of each
    check; the package is a directory, and its word lists are read as files."""
    names = imported_module_names(["check", "tests/check_cases/news-brief.html", "--json"])
    assert "ldnfacts.claims" in names and "html.parser" in names
    assert not {"importlib.resources", "zipfile"} & names


def test_completion_imports_no_heavy_library(warm: None) -> None:
    env = {
        "_LDNFACTS_COMPLETE": "complete_bash",
        "COMP_WORDS": "ldnfacts dose mi",
        "COMP_CWORD": "2",
    }
    assert not imported_modules([], env) & set(HEAVY)


def test_guard_can_fail_tables_do_load_rich(warm: None) -> None:
    assert "rich" in imported_modules(["dose", "--format", "table"])


def test_fact_tables_draw_without_rich_table(warm: None) -> None:
    """Rich's Table costs about 3 ms to import: fact lists use `render.grid.Grid`."""
    names = imported_module_names(["dose", "--format", "table"])
    assert "rich.console" in names
    assert not {"rich.table", "rich.panel"} & names


def test_guard_can_fail_a_changed_file_loads_yaml(tmp_path: Path, minimal_file: Path) -> None:
    names = imported_module_names(["dose", "--json", "--data", str(minimal_file)])
    # first run: parse, and validate with the generated check, which needs nothing of
    # fastjsonschema; jsonschema only when that check finds a problem
    assert {"yaml", "ldnfacts.shape_check"} <= names
    assert not {"fastjsonschema", "jsonschema"} & {name.split(".")[0] for name in names}


#: A dataclass compiles its generated methods at every start (about 0.4 ms each), and a
#: NamedTuple its constructor (about 0.9 million instructions): the records of a fast path
#: are plain slotted classes (`views`), but for the few NamedTuples compared or hashed by
#: value (`KEPT_NAMED_TUPLES`).
_COUNT_GENERATED = """
import collections, dataclasses, sys
real_dataclass = dataclasses.dataclass
real_namedtuple = collections.namedtuple
made = []
def counting(cls=None, /, **options):
    def wrap(c):
        if c.__module__.startswith("ldnfacts"):
            made.append("dataclass:" + c.__name__)
        return real_dataclass(c, **options)
    return wrap if cls is None else wrap(cls)
def counting_namedtuple(typename, field_names, **options):
    if str(options.get("module") or "").startswith("ldnfacts"):
        made.append("namedtuple:" + typename)
    return real_namedtuple(typename, field_names, **options)
dataclasses.dataclass = counting
collections.namedtuple = counting_namedtuple
sys.argv = ["ldnfacts", *sys.argv[1:]]
from ldnfacts.launch import run
run()
print(" ".join(made), file=sys.stderr)
"""

#: NamedTuples a fast path still defines, each compared or hashed by value: a file's
#: problems are compared (a damaged cache must give the same), a vocabulary's concepts key
#: the analyser's caches, and a held base's phrases key its counts.
KEPT_NAMED_TUPLES = {"Problem", "Concept", "Vocabulary", "_Phrase"}


def generated_classes(args: list[str]) -> set[str]:
    """The dataclasses and NamedTuples of ldnfacts that a run of `ldnfacts ARGS` defines,
    as `dataclass:Name` and `namedtuple:Name`."""
    result = subprocess.run(
        [sys.executable, "-c", _COUNT_GENERATED, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return set(result.stderr.split()) if result.stderr.strip() else set()


@pytest.mark.parametrize(
    "args",
    [
        ["dose", "--json"],
        ["dose", "--format", "table"],
        ["search", "tramadol", "--json"],
        ["check", "tests/check_cases/news-brief.html", "--json"],
    ],
    ids=" ".join,
)
def test_fast_paths_define_no_dataclass_and_only_the_kept_named_tuples(
    warm: None, args: list[str]
) -> None:
    made = generated_classes(args)
    assert not {name for name in made if name.startswith("dataclass:")}
    assert {name.split(":")[1] for name in made} <= KEPT_NAMED_TUPLES


def test_guard_can_fail_a_changed_file_defines_dataclasses(minimal_file: Path) -> None:
    made = generated_classes(["dose", "--json", "--data", str(minimal_file)])
    assert "dataclass:FactFile" in made


def test_guard_can_fail_named_tuples_are_counted() -> None:
    made = generated_classes(["search", "tramadol", "--json"])
    assert {"namedtuple:Concept", "namedtuple:Problem"} <= made


def test_yaml_uses_the_c_loader() -> None:
    from ldnfacts import yamlfile

    assert yamlfile._Loader.__name__ == "CSafeLoader"


@pytest.mark.parametrize(
    "module",
    sorted(
        name
        for _, name, _ in pkgutil.walk_packages(ldnfacts.__path__, "ldnfacts.")
        if name not in ("ldnfacts.__main__",)
    ),
)
def test_every_module_imports_on_its_own(module: str) -> None:
    """No import cycles and no hidden dependence on import order."""
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
