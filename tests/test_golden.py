"""Golden output: every command in every format it supports, compared with a file.

As black's `tests/data/cases`, each case is a file: `tests/golden/<command>.<format>` or
`<command>.table.<width>` for terminal tables, which are rendered at 60 and 120 columns. A
renderer that breaks, or an output that changes by accident, fails here. After a deliberate
change of output (or of the data), rewrite the files and review the diff:

    .venv/bin/python -m tests.test_golden --update
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ldnfacts.render import FORMATS, renderers

from .conftest import Invoke

GOLDEN = Path(__file__).resolve().parent / "golden"

#: Each command with arguments that give a representative answer from the bundled base.
COMMANDS: dict[str, tuple[list[str], str]] = {
    "dose": (["dose"], "facts"),
    "mechanism": (["mechanism", "microglia"], "facts"),
    "approval": (["approval"], "facts"),
    "symptom": (["symptom", "fatigue"], "facts"),
    "safety": (["safety", "opioid"], "facts"),
    "search": (["search", "can I take ldn with tramadol", "--limit", "4"], "facts"),
    "show": (["show", "trial-final-2024"], "details"),
    "evidence": (["evidence"], "studies"),
    "sources": (["sources", "--kind", "trial"], "sources"),
    "topics": (["topics"], "topics"),
    "validate": (["validate", "--data", "data/facts.yaml"], "document"),
    "check": (["check", "tests/check_cases/news-item.txt"], "claims"),
}
TABLE_WIDTHS = (60, 120)


def cases() -> list[tuple[str, list[str], str, int | None]]:
    """(file name, argv, format, terminal width) for every command and supported format."""
    found: list[tuple[str, list[str], str, int | None]] = []
    for command, (argv, kind) in COMMANDS.items():
        for fmt in FORMATS:
            if kind not in renderers(fmt):
                continue
            if command == "validate" and fmt not in ("plain", "json"):
                continue  # validate prints its problems as text or JSON only
            if fmt == "table":
                found += [(f"{command}.table.{w}", argv, fmt, w) for w in TABLE_WIDTHS]
            else:
                found.append((f"{command}.{fmt}", argv, fmt, None))
    return found


CASES = cases()


def produce(invoke: Invoke, argv: list[str], fmt: str, width: int | None) -> str:
    if argv[0] == "validate":
        args = ["validate", "data/facts.yaml"] + (["--json"] if fmt == "json" else [])
        return invoke(*args).stdout
    if fmt == "table":
        return invoke(*argv, "--color", "never", tty=True, env={"COLUMNS": str(width)}).stdout
    return invoke(*argv, "--format", fmt).stdout


@pytest.mark.parametrize(("name", "argv", "fmt", "width"), CASES, ids=[c[0] for c in CASES])
def test_output_matches_golden_file(
    invoke: Invoke,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    argv: list[str],
    fmt: str,
    width: int | None,
) -> None:
    monkeypatch.chdir(GOLDEN.parent.parent)
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert produce(invoke, argv, fmt, width) == expected


def test_every_command_has_golden_cases() -> None:
    from ldnfacts.commands import COMMANDS as ALL

    covered = {name.split(".")[0] for name, *_ in CASES}
    assert covered == set(ALL) - {"paths"}  # paths prints this machine's folders


def test_no_stale_golden_files() -> None:
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(name for name, *_ in CASES)


def update() -> None:
    """Rewrite every golden file with what the commands print now."""
    import os
    import tempfile

    from typer.testing import CliRunner

    import ldnfacts.environment
    from ldnfacts.app import app

    os.chdir(GOLDEN.parent.parent)
    with tempfile.TemporaryDirectory() as cache:
        os.environ["XDG_CACHE_HOME"] = cache
        for variable in ("LDNFACTS_DATA", "NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS"):
            os.environ.pop(variable, None)
        for old in GOLDEN.iterdir():
            old.unlink()

        def invoke(*args: str, tty: bool = False, env: dict[str, str] | None = None) -> object:
            ldnfacts.environment._isatty = lambda stream: tty
            return CliRunner().invoke(app, list(args), env={"COLUMNS": "100", **(env or {})})

        for name, argv, fmt, width in CASES:
            (GOLDEN / name).write_text(produce(invoke, argv, fmt, width), encoding="utf-8")  # type: ignore[arg-type]


if __name__ == "__main__":
    if sys.argv[1:] == ["--update"]:
        update()
    else:
        sys.exit(__doc__)
