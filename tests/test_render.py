"""What the renderers print: whole figures at every width, pipes that close early, Markdown
that cannot be hijacked, studies grouped by kind, counts in good English."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ldnfacts.model import TOPICS
from ldnfacts.render.studies import dose_text, effect_units, group_of
from ldnfacts.render.terminal import primary_link

from .conftest import Invoke, run_process

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


PIPED = [["dose", "--format", fmt] for fmt in ("table", "plain", "json", "jsonl", "markdown")] + [
    ["sources", "--format", fmt] for fmt in ("table", "markdown", "csl-json", "bibtex")
]


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


# -- whole figures, ids and links at every width -----------------------------------------------

WIDTHS = [60, 80, 120, 200]
#: What a terminal shows of the output: colour codes and OSC 8 link wrappers removed.
_ESCAPES = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\")


def screen(stdout: str) -> list[str]:
    return _ESCAPES.sub("", stdout).splitlines()


def tokens(lines: list[str]) -> set[str]:
    """Every whitespace-separated token of every line, as printed."""
    return {token for line in lines for token in line.split()}


def assert_within_one_line(lines: list[str], piece: str) -> None:
    """`piece` (which may contain spaces) is printed whole, on one line."""
    squeezed = [" ".join(line.split()) for line in lines]
    assert any(piece in line for line in squeezed), f"{piece!r} is cut or missing"


@pytest.fixture(scope="module")
def studies() -> list[dict[str, Any]]:
    result = run_process(["evidence", "--json"])
    found: list[dict[str, Any]] = json.loads(result.stdout)
    assert len(found) >= 10
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_evidence_prints_every_figure_id_and_link_whole(
    invoke: Invoke, studies: list[dict[str, Any]], width: int
) -> None:
    out = invoke("evidence", tty=True, env={"COLUMNS": str(width)})
    assert out.code == 0
    lines = screen(out.stdout)
    printed = tokens(lines)
    assert "…" not in out.stdout
    for fact in studies:
        study = fact["study"]
        words = " ".join(
            [study["name"], study["design"], study["result"], str(study["year"]), study["verdict"]]
        ).split()
        assert not set(words) - printed, f"words cut at {width} columns"
        if study["participants"]:
            assert str(study["participants"]) in printed
        if dose_text(study):
            assert_within_one_line(lines, dose_text(study))
        for unit in effect_units(study["effect"]):
            assert_within_one_line(lines, unit)  # "(95% CI -0.95 to 0.27)" whole
        assert fact["id"] in printed
        for source in fact["sources"]:
            assert primary_link(source) in printed
    too_wide = [line for line in lines if len(line) > width]
    assert all(len(line.split()) == 1 for line in too_wide)  # only a link wider than all


def test_evidence_drops_the_plot_before_cropping(invoke: Invoke) -> None:
    wide = screen(invoke("evidence", tty=True, env={"COLUMNS": "200"}).stdout)
    narrow = screen(invoke("evidence", tty=True, env={"COLUMNS": "60"}).stdout)
    header = next(line for line in wide if line.startswith("Year"))
    assert "Result" in header and "Effect" in header  # figures side by side when they fit
    assert "Result" not in next(line for line in narrow if line.startswith("Year"))
    assert any(line.split()[:1] == ["Effect"] for line in narrow)  # stacked under the row


# -- studies grouped by kind --------------------------------------------------------------------


def _in_groups(studies: list[dict[str, Any]]) -> list[list[str]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for fact in studies:
        groups.setdefault(group_of(fact), []).append(fact)
    return [
        [f["id"] for f in sorted(groups[key], key=lambda f: f["study"]["year"])]
        for key in ("trial", "lab-study", "review")
        if key in groups
    ]


@pytest.mark.parametrize("width", [60, 200])
def test_evidence_table_groups_trials_and_reviews_under_headings(
    invoke: Invoke, studies: list[dict[str, Any]], width: int
) -> None:
    lines = screen(invoke("evidence", tty=True, env={"COLUMNS": str(width)}).stdout)
    headings = [i for i, line in enumerate(lines) if line.split()[:1] in (["Trials"], ["Reviews"])]
    assert len(headings) == 2
    position = {token: i for i, line in enumerate(lines) for token in line.split()}
    for group, start, end in zip(
        _in_groups(studies), headings, [*headings[1:], len(lines)], strict=True
    ):
        rows = [position[fact_id] for fact_id in group]
        assert rows == sorted(rows) and start < rows[0] and rows[-1] < end


def test_evidence_plain_groups_by_a_column_in_group_order(
    invoke: Invoke, studies: list[dict[str, Any]]
) -> None:
    rows = [line.split("\t") for line in invoke("evidence").stdout.splitlines()]
    assert [row[0] for row in rows] == [i for group in _in_groups(studies) for i in group]
    by_id = {f["id"]: f for f in studies}
    assert all(row[10] == group_of(by_id[row[0]]) for row in rows)


def test_evidence_markdown_has_a_heading_per_group(
    invoke: Invoke, studies: list[dict[str, Any]]
) -> None:
    text = invoke("evidence", "--format", "markdown").stdout
    trials, reviews = text.index("### Trials"), text.index("### Reviews and meta-analyses")
    for group, (start, end) in zip(
        _in_groups(studies), [(trials, reviews), (reviews, None)], strict=True
    ):
        section = text[start:end]
        positions = [section.index(f"`{fact_id}`") for fact_id in group]
        assert positions == sorted(positions)


@pytest.fixture(scope="module")
def every_fact() -> list[dict[str, Any]]:
    found = []
    for topic in TOPICS:
        found += json.loads(run_process([topic, "--json"]).stdout)
    return found


def _links(fact: dict[str, Any]) -> list[str]:
    return [
        url
        for source in fact["sources"]
        for url in [*source["links"].values(), source.get("url")]
        if url
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_topic_tables_and_show_print_ids_and_links_whole(
    invoke: Invoke, every_fact: list[dict[str, Any]], width: int
) -> None:
    env = {"COLUMNS": str(width)}
    for topic in TOPICS:
        out = invoke(topic, tty=True, env=env).stdout
        assert "…" not in out
        printed = tokens(screen(out))
        for fact in (f for f in every_fact if f["topic"] == topic):
            assert fact["id"] in printed, f"{fact['id']} cut at {width} columns"
            assert not set(_links(fact)) - printed, f"a link of {fact['id']} cut at {width}"
    shown = invoke("show", *(f["id"] for f in every_fact), tty=True, env=env).stdout
    printed = tokens(screen(shown))
    assert "…" not in shown
    for fact in every_fact:
        assert fact["id"] in printed and not set(_links(fact)) - printed
        for unit in effect_units((fact["study"] or {}).get("effect")):
            assert_within_one_line(screen(shown), unit)


@pytest.mark.parametrize("width", [60, 80])
def test_source_lines_keep_a_hanging_indent(invoke: Invoke, width: int) -> None:
    lines = screen(invoke("dose", tty=True, env={"COLUMNS": str(width)}).stdout)
    wrapped = 0
    for line, after in itertools.pairwise(lines):
        if "↳" not in line or not after.strip() or after.strip()[0] in "↳h":
            continue
        if after.strip().split()[0].startswith("dose-"):  # the fact's id line
            continue
        wrapped += 1
        assert len(after) - len(after.lstrip()) > line.index("↳"), (line, after)
    assert wrapped >= 2
