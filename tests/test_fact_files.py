"""Broken fact files: exit 3, a message naming the file, line and field, and never a traceback.
`ldnfacts validate` reports every problem in a file, each with a hint."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import BUNDLED, MINIMAL, Invoke, many_facts, run_process

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
    process = subprocess.Popen(
        [sys.executable, "-m", "ldnfacts", "dose", "--data", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    stderr = process.stderr.read().decode("utf-8")
    # this child's own peak, not the largest child pytest ever ran (RUSAGE_CHILDREN)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    assert process.returncode == 3 and "alias bomb" in stderr
    assert usage.ru_maxrss < 300 * 1024  # KiB: a billion "lol"s would need tens of gigabytes
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
    assert "6 errors, 0 warnings" in out.stderr


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
    assert "cannot use the fact base: 15 problems" in out.stderr
    assert f"and 5 more: run `ldnfacts validate {path}`" in out.stderr


# -- messages that say how to fix it -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("facts:\n\t- id: a\n", 2, 1),
        ("facts:\n  - id: a\n\t  topic: dose\n", 3, 1),
        ("facts:\n  -\tid: a\n    topic: dose\n", 2, 4),
        ("facts:\n  - id: a\n    sources:\n\t\t- ref: x\n", 4, 1),
    ],
    ids=["list item", "mapping key", "after the dash", "nested"],
)
def test_tab_in_indentation_is_named(
    invoke: Invoke, fact_file: MakeFile, text: str, line: int, column: int
) -> None:
    path = fact_file(text)
    out = invoke("validate", str(path))
    assert out.code == 3
    assert out.stdout.startswith(
        f"{path}:{line}:{column}: error: tabs are not allowed in YAML indentation; use spaces."
    )
    assert "cannot start any token" not in out.stdout


@pytest.mark.parametrize("quote", ['"', "'"])
def test_unclosed_quote_points_where_it_opened(
    invoke: Invoke, fact_file: MakeFile, quote: str
) -> None:
    text = MINIMAL.replace("claim: One milligram is a dose.", f"claim: {quote}One milligram")
    path = fact_file(text)
    out = invoke("dose", "--data", str(path))
    assert out.code == 3
    assert f"{path}:9:12: error: the quote {quote} opened here is never closed." in out.stderr
    assert "end of stream" not in out.stderr


EXTENSION = """\
facts:
  - id: mine-one
    topic: dose
    claim: My own note on dosing.
    status: claimed
    sources: [{ref: fda-naltrexone-label}]
    related: [dose-standard-50mg]
"""


def test_validate_checks_an_extension_with_the_bundled_base(
    invoke: Invoke, fact_file: MakeFile
) -> None:
    """A personal file citing bundled sources is checked with the base it extends (and the
    output says so), not reported as broken; the command it suggests works."""
    path = fact_file(EXTENSION)
    out = invoke("validate", str(path))
    assert out.code == 0 and out.stdout == ""
    assert f"checked together with the bundled base ({BUNDLED})" in out.stderr
    together = f"{BUNDLED}{os.pathsep}{path}"
    assert f"LDNFACTS_DATA={together} ldnfacts dose" in out.stderr
    used = invoke("dose", "--json", env={"LDNFACTS_DATA": together})
    assert used.code == 0 and "mine-one" in {f["id"] for f in used.json()}


def test_validate_of_a_file_in_use_checks_the_base_in_use(
    invoke: Invoke, fact_file: MakeFile
) -> None:
    path = fact_file(EXTENSION)
    env = {"LDNFACTS_DATA": f"{BUNDLED}{os.pathsep}{path}"}
    out = invoke("validate", str(path), env=env)
    assert out.code == 0
    assert f"checked together with the other fact files in use: {BUNDLED}" in out.stderr


def test_validate_keeps_real_errors_of_an_extension(invoke: Invoke, fact_file: MakeFile) -> None:
    path = fact_file(EXTENSION.replace("related: [dose-standard-50mg]", "related: [dose-nope]"))
    out = invoke("validate", str(path))
    assert out.code == 3
    assert out.stdout.count("error:") == 1 and "no fact has the id `dose-nope`" in out.stdout


def test_validate_of_a_standalone_file_adds_nothing(invoke: Invoke, fact_file: MakeFile) -> None:
    path = fact_file(MINIMAL.replace("ref: src-a", "ref: src-b"))
    out = invoke("validate", str(path))
    assert out.code == 3 and "checked together" not in out.stderr
    assert "no source has the id `src-b`" in out.stdout


def test_query_error_hint_names_every_file_in_use(invoke: Invoke, fact_file: MakeFile) -> None:
    """The suggested `validate` reads the files as the query did, so it reports the same
    problems and no false ones."""
    broken = "".join(
        f"  - {{id: mine-{i}, topic: dose, claim: C., status: claimed, sources: [{{ref: nope}}]}}\n"
        for i in range(12)
    )
    bad = fact_file("facts:\n" + broken)
    env = {"LDNFACTS_DATA": f"{BUNDLED}{os.pathsep}{bad}"}
    out = invoke("dose", env=env)
    assert out.code == 3
    assert f"and 2 more: run `ldnfacts validate {BUNDLED} {bad}` for the full list" in out.stderr
    again = invoke("validate", str(BUNDLED), str(bad))
    assert again.code == 3 and again.stdout.count("error:") == 12


def test_validate_max_lists_the_first_problems_and_counts_the_rest(
    invoke: Invoke, fact_file: MakeFile
) -> None:
    path = fact_file(many_facts(15, topic="nope"))
    out = invoke("validate", "--max", "4", str(path))
    assert out.code == 3 and out.stdout.count("error:") == 4
    assert "and 11 more: run without --max to list them all" in out.stderr
    assert len(invoke("validate", "--max", "4", "--json", str(path)).json()) == 4
    assert invoke("validate", str(path)).stdout.count("error:") == 15


def test_validate_of_the_files_in_use_adds_nothing(invoke: Invoke, fact_file: MakeFile) -> None:
    """The base in use that cites bundled ids it lacks is broken as queries read it: validate
    says so rather than checking it with a base the queries do not read."""
    path = fact_file(EXTENSION)
    out = invoke("validate", env={"LDNFACTS_DATA": str(path)})
    assert out.code == 3 and "checked together" not in out.stderr
    assert out.stdout.count("error:") == 2


def test_validate_reads_each_file_once(
    invoke: Invoke, fact_file: MakeFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ldnfacts import yamlfile

    path = fact_file(EXTENSION)
    read: list[str] = []
    real = yamlfile.read_fact_file

    def counting(name: str) -> object:
        read.append(name)
        return real(name)

    monkeypatch.setattr(yamlfile, "read_fact_file", counting)
    assert invoke("validate", str(path)).code == 0
    assert read.count(str(path)) == 1
