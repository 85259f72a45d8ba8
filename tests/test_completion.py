"""Shell completion: commands, topics, fact ids, standings and known words complete in bash."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT_DIR = Path(sys.executable).parent
pytestmark = pytest.mark.skipif(
    not (SCRIPT_DIR / "ldnfacts").exists() or shutil.which("bash") is None,
    reason="needs the installed `ldnfacts` script and bash",
)


def bash_complete(line: str) -> list[str]:
    """What bash offers for TAB at the end of `line`, using the script from the README."""
    words = line.split(" ")
    script = f"""
eval "$(ldnfacts --show-completion bash)"
COMP_WORDS=({" ".join(repr(w) for w in words)})
COMP_CWORD={len(words) - 1}
_ldnfacts_completion ldnfacts
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    env = {**os.environ, "PATH": f"{SCRIPT_DIR}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, env=env, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line]


def test_commands_complete() -> None:
    assert bash_complete("ldnfacts s") == ["symptom", "safety", "search", "show", "sources"]
    assert bash_complete("ldnfacts mech") == ["mechanism"]


def test_known_words_complete_for_topics_and_search() -> None:
    assert "microglia" in bash_complete("ldnfacts mechanism micro")
    assert "stanford" in bash_complete("ldnfacts search stanf")


def test_fact_ids_complete_for_show() -> None:
    assert bash_complete("ldnfacts show trial-final-2") == ["trial-final-2024"]


def test_options_with_choices_complete() -> None:
    assert bash_complete("ldnfacts dose --status con") == ["contested"]
    assert "markdown" in bash_complete("ldnfacts dose --format ")
    assert "bibtex" in bash_complete("ldnfacts sources --format ")


def test_completion_with_a_broken_data_file_offers_nothing_quietly(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("facts: [", encoding="utf-8")
    env = {
        **os.environ,
        "LDNFACTS_DATA": str(broken),
        "_LDNFACTS_COMPLETE": "complete_bash",
        "COMP_WORDS": "ldnfacts dose mic",
        "COMP_CWORD": "2",
    }
    result = subprocess.run(
        [str(SCRIPT_DIR / "ldnfacts")], capture_output=True, text=True, env=env, check=False
    )
    assert result.stdout.strip() == "" and "Traceback" not in result.stderr
