"""What the renderers print: whole figures at every width, pipes that close early, Markdown
that cannot be hijacked, studies grouped by kind, counts in good English."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import run_process

# -- a reader that stops early (`| head -1`) ----------------------------------------------------


def _big_base(path: Path, count: int = 400) -> Path:
    """A fact file whose every format is far larger than a pipe's buffer (64 KiB)."""
    sources = "".join(
        f"  - {{id: s-{i}, title: Source number {i} about naltrexone, kind: trial, "
        f'authors: ["Doe, J.", "et al."], year: 2020, doi: "10.1000/x{i}", '
        f"url: https://example.org/{i}}}\n"
        for i in range(count)
    )
    facts = "".join(
        f"  - {{id: f-{i}, topic: dose, claim: Naltrexone fact {i} {'x ' * 100}., "
        f"status: claimed, sources: [{{ref: s-{i}, locator: Table {i}}}]}}\n"
        for i in range(count)
    )
    path.write_text(f"sources:\n{sources}facts:\n{facts}", encoding="utf-8")
    return path


PIPED = [
    ["dose", "--format", fmt] for fmt in ("table", "plain", "json", "jsonl", "markdown")
] + [["sources", "--format", fmt] for fmt in ("table", "markdown", "csl-json", "bibtex")]


@pytest.mark.parametrize("args", PIPED, ids=" ".join)
def test_every_format_piped_to_head_exits_0(tmp_path: Path, args: list[str]) -> None:
    path = _big_base(tmp_path / "big.yaml")
    assert run_process(["dose", "--data", str(path), "--json"]).code == 0  # index it first
    command = " ".join([sys.executable, "-m", "ldnfacts", *args, "--data", str(path)])
    result = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command} | head -1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("\n") and result.stderr == ""
