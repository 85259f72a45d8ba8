"""The README cannot drift: its examples run here and their shown output must match, and
every command and option must be documented in it.

After a deliberate change of output, refresh the README's examples with

    .venv/bin/python -m tests.test_docs --update
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer

from ldnfacts.app import LazyGroup, app
from ldnfacts.commands import COMMANDS

from .conftest import run_process

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


@dataclass
class Example:
    command: str
    expected: str


def examples(text: str) -> list[Example]:
    found = []
    for block in BLOCK.findall(text):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            found.append(Example(command, output))
    return found


def run_example(command: str, cache: str) -> str:
    """Run a README command as a reader would, in a pipe, 100 columns wide."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("NO_COLOR", "LDNFACTS_DATA", "TERM", "FORCE_COLOR")
    }
    env.update(
        COLUMNS="100",
        XDG_CACHE_HOME=cache,
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}",
    )
    result = subprocess.run(
        ["bash", "-c", command],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    return result.stdout


def normalise(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


README_EXAMPLES = examples(README.read_text(encoding="utf-8"))


@pytest.mark.parametrize("example", README_EXAMPLES, ids=[e.command for e in README_EXAMPLES])
def test_readme_example_output_is_real(example: Example, tmp_path: Path) -> None:
    if "ldnfacts" not in (shutil.which("ldnfacts", path=str(Path(sys.executable).parent)) or ""):
        pytest.skip("the ldnfacts script is not installed next to this Python")
    if "| jq" in example.command and shutil.which("jq") is None:
        pytest.skip("jq is not installed")
    actual = run_example(example.command, str(tmp_path / "cache"))
    assert normalise(actual) == normalise(example.expected)


def test_readme_has_examples() -> None:
    assert len(README_EXAMPLES) >= 10


def test_readme_start_here_has_the_two_commands_ci_runs() -> None:
    text = README.read_text(encoding="utf-8")
    install = (
        'python3 -m venv .venv && .venv/bin/pip install -e ".[dev]" && .venv/bin/ldnfacts dose'
    )
    test = ".venv/bin/python -m pytest"
    assert f"```sh\n{install}\n```" in text and f"```sh\n{test}\n```" in text
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m venv .venv" in ci and ".venv/bin/pip install" in ci
    assert f"HYPOTHESIS_PROFILE=ci {test}" in ci


def _click_commands() -> dict[str, typer.core.TyperCommand]:
    group = typer.main.get_command(app)
    assert isinstance(group, LazyGroup)
    context = typer.Context(group)
    found = {name: group.get_command(context, name) for name in group.list_commands(context)}
    return {name: command for name, command in found.items() if command is not None}


def test_every_command_and_option_is_documented() -> None:
    text = README.read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    documented_options = set(re.findall(r"--[a-z][a-z-]*", text))
    for param in group.params:
        for option in param.opts:
            if option.startswith("--"):
                assert option in documented_options, option
    for name, command in _click_commands().items():
        assert f"ldnfacts {name}" in text or f"`{name}`" in text, name
        for param in command.params:
            for option in param.opts:
                if option.startswith("--"):
                    assert option in documented_options, (name, option)
    for alias in ("history", "symptoms", "trials"):
        assert f"`{alias}`" in text or f"ldnfacts {alias}" in text


def test_help_leads_with_examples() -> None:
    for name in [None, *_click_commands()]:
        args = [name, "--help"] if name else ["--help"]
        result = run_process(args, env={"COLUMNS": "100"})
        assert result.code == 0
        body = [line.strip() for line in result.stdout.splitlines() if line.strip()]
        usage = next(i for i, line in enumerate(body) if line.startswith("Usage:"))
        assert body[usage + 1] == "Examples:", (name, body[:4])
        assert body[usage + 2].startswith("ldnfacts"), (name, body[:4])
        lines = [line.strip() for line in result.stdout.splitlines()]
        heading = lines.index("Examples:")
        assert lines[heading + 1].startswith("ldnfacts"), "no blank line under the heading"


def _help_examples() -> list[str]:
    found = [app.info.help or ""] + [command.help or "" for command in _click_commands().values()]
    return [
        line
        for text in found
        for block in re.findall(r"^\x08Examples:\n(.*?)\n\n", text, re.S)
        for line in block.replace("\\[", "[").splitlines()
    ]


HELP_EXAMPLES = _help_examples()


@pytest.mark.parametrize("command", HELP_EXAMPLES, ids=HELP_EXAMPLES)
def test_help_examples_run(command: str, tmp_path: Path) -> None:
    """Every example in `--help` works as shown (from a folder holding `data/`)."""
    if "| jq" in command and shutil.which("jq") is None:
        pytest.skip("jq is not installed")
    (tmp_path / "data").symlink_to(ROOT / "data")
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command.split("  #", maxsplit=1)[0]],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout or result.stderr or "> " in command  # it said something


def test_every_registered_command_loads_from_its_module() -> None:
    assert list(_click_commands()) == list(COMMANDS)
    for name, command in _click_commands().items():
        assert command.name == name


def update_readme() -> None:
    """Rewrite each example's output with what the command prints now."""
    text = README.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as cache:

        def refresh(block: re.Match[str]) -> str:
            chunks = re.split(r"^\$ ", block.group(1), flags=re.M)
            rebuilt = chunks[0]
            for chunk in chunks[1:]:
                command = chunk.partition("\n")[0]
                output = "\n".join(normalise(run_example(command, cache)))
                rebuilt += f"$ {command}\n{output}\n"
            return f"```console\n{rebuilt}```"

        README.write_text(BLOCK.sub(refresh, text), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--update"]:
        update_readme()
    else:
        sys.exit(__doc__)
