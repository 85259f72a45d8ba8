"""Shared fixtures: every test gets its own cache folder and a clean environment."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from ldnfacts.cli import app
from ldnfacts.paths import OUTPUT_SCHEMA
from ldnfacts.store import FactStore, open_store

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "facts.yaml"
#: Environment variables a user may have set that would change what the tool prints.
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_USER_SETTINGS = (
    "LDNFACTS_DATA",
    "NO_COLOR",
    "FORCE_COLOR",
    "LDNFACTS_DEBUG",
    "COLUMNS",
    "TERM",
    "CLICOLOR_FORCE",
)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache folder; no user settings leak in."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    for name in _USER_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    return cache


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)

    @property
    def text(self) -> str:
        """stdout as a reader sees it: escape sequences removed, runs of space as one."""
        return " ".join(_ANSI.sub("", self.stdout).split())


Invoke = Callable[..., Outcome]


@pytest.fixture
def invoke(monkeypatch: pytest.MonkeyPatch) -> Invoke:
    """Run the CLI in-process. `tty=True` makes stdout look like a terminal 100 columns wide."""

    def run(*args: str, tty: bool = False, env: dict[str, str | None] | None = None) -> Outcome:
        monkeypatch.setattr("ldnfacts.environment._isatty", lambda stream: tty)
        runner = CliRunner()
        environ: dict[str, str | None] = {"COLUMNS": "100", **(env or {})}
        result = runner.invoke(app, list(args), env=environ, catch_exceptions=False)
        return Outcome(result.exit_code, result.stdout, result.stderr)

    return run


def run_process(
    args: Sequence[str],
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 60,
) -> Outcome:
    """Run `python -m ldnfacts` as a separate process, as a user or script would."""
    environ = {**os.environ, **(env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "ldnfacts", *args],
        capture_output=True,
        env=environ,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )
    return Outcome(result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8"))


def run_at_once(args: Sequence[str], env: dict[str, str], times: int) -> str:
    """Start `python -m ldnfacts ARGS` `times` times at once, as concurrent users or scripts
    would; assert that every run succeeds and all print the same, and return that output."""
    command = [sys.executable, "-m", "ldnfacts", *args]
    environ = {**os.environ, **env}
    processes = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environ)
        for _ in range(times)
    ]
    results = [(p.communicate(timeout=300), p.returncode) for p in processes]
    assert [code for _, code in results] == [0] * times, [err for (_, err), _ in results][:2]
    outputs = {out for (out, _), _ in results}
    assert len(outputs) == 1
    return outputs.pop().decode("utf-8")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> FactStore:
    """The bundled fact base, indexed once per test module in a cache of its own."""
    cache = tmp_path_factory.mktemp("cache")
    return open_store([str(BUNDLED)], {"XDG_CACHE_HOME": str(cache)})


@pytest.fixture(scope="session")
def output_schema() -> dict[str, Any]:
    with open(OUTPUT_SCHEMA, encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


@pytest.fixture(scope="session")
def check_shape(output_schema: dict[str, Any]) -> Callable[[Any, str], None]:
    """Assert that `value` matches `$defs/<name>` of the output schema."""

    def check(value: Any, name: str) -> None:
        schema = {"$ref": f"#/$defs/{name}", "$defs": output_schema["$defs"]}
        errors = list(Draft202012Validator(schema).iter_errors(value))
        assert not errors, [e.message for e in errors[:5]]

    return check


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def many_facts(count: int, claim: str = "Fact {i}.", topic: str = "dose") -> str:
    """A fact file of `count` generated facts citing one source; `{i}` in `claim` numbers
    them."""
    facts = "".join(
        f"  - {{id: f-{i}, topic: {topic}, claim: {claim.format(i=i)}, status: claimed, "
        "sources: [{ref: s}]}\n"
        for i in range(count)
    )
    return "sources: [{id: s, title: T, kind: trial}]\nfacts:\n" + facts


MINIMAL = """\
sources:
  - id: src-a
    title: A trial
    kind: trial
    doi: 10.1000/xyz
facts:
  - id: fact-one
    topic: dose
    claim: One milligram is a dose.
    status: supported
    tags: [milligram]
    sources:
      - ref: src-a
        locator: Table 1
"""


@pytest.fixture
def minimal_file(tmp_path: Path) -> Path:
    return write(tmp_path / "facts.yaml", MINIMAL)


@pytest.fixture
def fact_file(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """Write a fact file with the given text and return its path."""
    counter = iter(range(1000))

    def make(text: str) -> Path:
        return write(tmp_path / f"case-{next(counter)}.yaml", text)

    yield make


# Hypothesis: every example is a CLI run, so no per-example deadline. The default profile
# keeps a local `pytest` quick; CI runs `HYPOTHESIS_PROFILE=ci` for more examples.
settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile("ci", max_examples=250, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
