"""Broken fact files: exit 3, a message naming the file, line and field, and never a traceback.
`ldnfacts validate` reports every problem in a file, each with a hint."""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import MINIMAL, Invoke, many_facts, run_process

MakeFile = Callable[[str], Path]

#: Hand-written mistakes: (name, file text, what the message must say).
BROKEN = [
    ("empty", "", "the file is empty"),
    ("comments only", "# nothing here\n", "the file is empty"),
    ("syntax", "facts:\n  - id: a\n    claim: [unclosed\n", "YAML syntax error"),
    ("top-level list", "- id: a\n- id: b\n", "the top level must be a mapping, not a list"),
    ("top-level scalar", "just some text\n", "the top level must be a mapping, not text"),
    (
        "missing claim",
        MINIMAL.replace("    claim: One milligram is a dose.\n", ""),
        "missing required field `claim`",
    ),
    (
        "claim is a list",
        MINIMAL.replace("claim: One milligram is a dose.", "claim: [one, two]"),
        "must be text, not a list",
    ),
    (
        "duplicate ids",
        MINIMAL + MINIMAL[MINIMAL.index("  - id: fact-one") :],
        "duplicate id `fact-one`",
    ),
    ("unknown ref", MINIMAL.replace("ref: src-a", "ref: src-b"), "no source has the id `src-b`"),
    (
        "unknown topic",
        MINIMAL.replace("topic: dose", "topic: doses"),
        "`doses` is not one of the allowed values",
    ),
    (
        "unknown status",
        MINIMAL.replace("status: supported", "status: proven"),
        "`proven` is not one of the allowed values",
    ),
    (
        "python tag",
        "facts: !!python/object/apply:os.system ['echo hi']\n",
        "tag !!python/object/apply:os.system is not allowed",
    ),
    ("two documents", MINIMAL + "---\n" + MINIMAL, "more than one YAML document"),
]


@pytest.mark.parametrize(
    ("text", "expected"), [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN]
)
def test_broken_file_exits_3_naming_file_and_problem(
    invoke: Invoke, fact_file: MakeFile, text: str, expected: str
) -> None:
    path = fact_file(text)
    out = invoke("dose", "--json", "--data", str(path))
    assert out.code == 3
    assert out.stdout == ""
    assert str(path) in out.stderr and expected in out.stderr
    assert "Traceback" not in out.stderr


def test_syntax_error_gives_line_and_column(invoke: Invoke, fact_file: MakeFile) -> None:
    path = fact_file("facts:\n  - id: a\n    claim: [unclosed\n")
    assert f"{path}:4:1: error: YAML syntax error" in invoke("validate", str(path)).stdout


def test_bytes_that_are_not_utf8(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(MINIMAL.replace("One milligram", "Un milligramme \xe0").encode("latin-1"))
    out = invoke("dose", "--data", str(path))
    assert out.code == 3 and f"{path}:9:" in out.stderr
    assert "not valid UTF-8 (byte 0xe0)" in out.stderr


def test_missing_path_and_directory(invoke: Invoke, tmp_path: Path) -> None:
    missing = invoke("dose", "--data", str(tmp_path / "nope.yaml"))
    assert missing.code == 3 and "no such file" in missing.stderr
    directory = invoke("dose", "--data", str(tmp_path))
    assert directory.code == 3 and "is a directory" in directory.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file; see the staged test below")
def test_file_without_read_permission(invoke: Invoke, minimal_file: Path) -> None:
    minimal_file.chmod(0)
    unreadable = invoke("dose", "--data", str(minimal_file))
    assert unreadable.code == 3 and "permission denied" in unreadable.stderr


def test_unreadable_file_is_a_data_error(
    invoke: Invoke, minimal_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The permission error as the operating system raises it for a file without read
    permission (root, which runs CI, may read any file, so the refusal is staged)."""
    real_open = open

    def refusing_open(path: object, *args: object, **kwargs: object) -> object:
        if str(path) == str(minimal_file):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", refusing_open)
    out = invoke("dose", "--data", str(minimal_file))
    assert out.code == 3 and "permission denied" in out.stderr
    assert str(minimal_file) in out.stderr


def test_python_tag_runs_nothing(invoke: Invoke, fact_file: MakeFile, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    for tag in (
        "!!python/object/apply:os.system",
        "!!python/object/new:os.system",
        "!!python/name:os.system",
    ):
        path = fact_file(f"facts: {tag} ['touch {marker}']\nsources: []\n")
        assert invoke("validate", str(path)).code == 3
        assert invoke("dose", "--data", str(path)).code == 3
    assert not marker.exists()


BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_alias_bomb_is_rejected_quickly_with_flat_memory(fact_file: MakeFile) -> None:
    path = fact_file(BILLION_LAUGHS)
    started = time.perf_counter()
    out = run_process(["dose", "--data", str(path)], timeout=30)
    elapsed = time.perf_counter() - started
    assert out.code == 3 and "alias bomb" in out.stderr
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert peak_kib < 300 * 1024  # a billion "lol"s would need tens of gigabytes
    assert elapsed < 20  # generous: a real expansion would never finish


def test_deep_nesting_is_rejected_without_crashing(fact_file: MakeFile) -> None:
    path = fact_file("facts: " + "[" * 200_000 + "]" * 200_000 + "\n")
    out = run_process(["dose", "--data", str(path)])
    assert out.code == 3 and "nests deeper than 64 levels" in out.stderr


def test_very_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.truncate(300 * 1024 * 1024)  # sparse: no disk used
    out = run_process(["dose", "--data", str(path)], timeout=30)
    assert out.code == 3 and "the file is too large" in out.stderr


def test_large_valid_file_is_answered(invoke: Invoke, fact_file: MakeFile) -> None:
    path = fact_file(many_facts(5000, "Dose fact number {i}."))
    out = invoke("dose", "--json", "--limit", "2", "--data", str(path))
    assert out.code == 0 and len(out.json()) == 2


# -- validate reports every problem ----------------------------------------------------------

MANY_PROBLEMS = """\
sources:
  - id: src-a
    title: A trial
    kind: trail
facts:
  - id: Bad_Id
    topic: dose
    claim: One.
    status: supported
    sources: [{ref: src-a}]
  - id: two
    topic: dose
    status: disputed
    claim: Two.
    sources: [{ref: src-z}]
    related: [three]
    colour: red
"""


def test_validate_lists_every_problem_with_file_line_field_and_hint(
    invoke: Invoke, fact_file: MakeFile
) -> None:
    path = fact_file(MANY_PROBLEMS)
    out = invoke("validate", str(path))
    assert out.code == 3
    lines = out.stdout.splitlines()
    expected = [
        (
            4,
            "sources[0] (src-a).kind",
            "`trail` is not one of the allowed values",
            "Did you mean `trial`?",
        ),
        (6, "facts[0] (Bad_Id).id", "`Bad_Id` does not have the expected form", "lowercase slug"),
        (11, "facts[1] (two)", "missing required field `note`", "Contested and disputed"),
        (15, "facts[1] (two).sources[0].ref", "no source has the id `src-z`", "Did you mean"),
        (16, "facts[1] (two).related[0]", "no fact has the id `three`", "Fix the id"),
        (17, "facts[1] (two).colour", "unknown field `colour`", "Known fields:"),
    ]
    for line, field, message, hint in expected:
        match = [x for x in lines if x.startswith(f"{path}:{line}: error: {field}: {message}")]
        assert match, (line, field, lines)
        assert "Hint:" in match[0] and hint in match[0]
    assert "6 error(s), 0 warning(s)" in out.stderr


def test_validate_json_lists_problems(
    invoke: Invoke, fact_file: MakeFile, check_shape: Callable[[object, str], None]
) -> None:
    problems = invoke("validate", str(fact_file(MANY_PROBLEMS)), "--json").json()
    assert len(problems) == 6
    for problem in problems:
        check_shape(problem, "problem")


def test_validate_warns_about_uncited_source_but_passes(
    invoke: Invoke, fact_file: MakeFile
) -> None:
    path = fact_file(
        MINIMAL.replace("sources:\n", "sources:\n  - {id: spare, title: S, kind: review}\n", 1)
    )
    out = invoke("validate", str(path))
    assert out.code == 0
    assert "warning: sources[0] (spare): source `spare` is not cited by any fact" in out.stdout


def test_validate_bundled_data_passes(invoke: Invoke) -> None:
    out = invoke("validate", "data/facts.yaml")
    assert out.code == 0 and out.stdout == ""
    assert "data/facts.yaml: valid (" in out.stderr


def test_validate_several_files_together_and_a_missing_one(
    invoke: Invoke, fact_file: MakeFile, tmp_path: Path
) -> None:
    sources = fact_file("sources: [{id: s, title: T, kind: review}]\n")
    facts = fact_file(
        "facts: [{id: f, topic: safety, claim: Fine., status: claimed, sources: [{ref: s}]}]\n"
    )
    assert invoke("validate", str(sources), str(facts)).code == 0
    out = invoke("validate", str(sources), str(facts), str(tmp_path / "gone.yaml"))
    assert out.code == 3 and "gone.yaml: error: no such file" in out.stdout


def test_established_on_commercial_sources_alone_is_an_error(
    invoke: Invoke, fact_file: MakeFile
) -> None:
    path = fact_file(
        MINIMAL.replace("kind: trial", "kind: commercial").replace(
            "status: supported", "status: established"
        )
    )
    out = invoke("validate", str(path))
    assert out.code == 3 and "commercial or advocacy sources alone" in out.stdout


def test_impossible_date_and_effect_outside_interval(invoke: Invoke, fact_file: MakeFile) -> None:
    text = MINIMAL.replace(
        "    tags: [milligram]\n",
        """\
    tags: [milligram]
    date: 2023-02-30
    study: {name: S, type: trial, year: 2023, design: d, result: r, verdict: benefit,
            effect: {measure: MD, estimate: 1.5, ci_low: -1, ci_high: 1}}
""",
    )
    out = invoke("validate", str(fact_file(text)))
    assert "`2023-02-30` is not a date that exists" in out.stdout
    assert "the estimate must lie between ci_low and ci_high" in out.stdout


def test_yaml_gotchas_are_reported(invoke: Invoke, fact_file: MakeFile) -> None:
    text = MINIMAL + "yes: 1\nfacts: []\n"
    out = invoke("validate", str(fact_file(text)))
    assert "key `yes` is read as bool" in out.stdout
    assert "duplicate key `facts`" in out.stdout


def test_data_error_message_is_capped_and_points_to_validate(
    invoke: Invoke, fact_file: MakeFile
) -> None:
    path = fact_file(many_facts(15, topic="nope"))
    out = invoke("dose", "--data", str(path))
    assert out.code == 3
    assert "cannot use the fact base: 15 problem(s)" in out.stderr
    assert f"5 more: run `ldnfacts validate {path}`" in out.stderr
