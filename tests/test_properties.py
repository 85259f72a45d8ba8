"""Generated inputs: whatever the file or the query, a valid answer or a clean data error.

Examples per test come from the Hypothesis profile in conftest (`HYPOTHESIS_PROFILE=ci`
runs more). The cache folder is shared by all examples of a test on purpose: it must stay
right across many different files.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ldnfacts import crossfile
from ldnfacts.cli import app

from .conftest import MINIMAL

Shape = Callable[[Any, str], None]
FIXTURES_OK = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def run_on_file(content: bytes, *args: str) -> tuple[int, str, str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.yaml"
        path.write_bytes(content)
        code, out, err = run(*args, "--data", str(path))
        if code == 3:
            assert str(path) in err  # the message names the file
        return code, out, err


def assert_clean(code: int, out: str, err: str, check_shape: Shape) -> None:
    assert code in (0, 1, 3), (code, err)
    assert "internal error" not in err and "Traceback" not in err
    if code != 3:
        facts = json.loads(out)
        for fact in facts:
            check_shape(fact, "fact")
    else:
        assert out == ""


@FIXTURES_OK
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_as_a_fact_file(check_shape: Shape, content: bytes) -> None:
    assert_clean(*run_on_file(content, "safety", "--json"), check_shape)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@FIXTURES_OK
@given(json_values)
def test_arbitrary_yaml_documents(check_shape: Shape, document: object) -> None:
    content = yaml.safe_dump(document, allow_unicode=True).encode("utf-8")
    assert_clean(*run_on_file(content, "dose", "--json"), check_shape)


FIELDS = [
    "id",
    "topic",
    "claim",
    "status",
    "tags",
    "note",
    "date",
    "related",
    "values",
    "study",
    "sources",
]


@FIXTURES_OK
@given(field=st.sampled_from(FIELDS), value=json_values)
def test_a_valid_file_with_one_field_replaced(
    check_shape: Shape, field: str, value: object
) -> None:
    """Near-valid files, where mistakes are likeliest: one field of a fact set to anything."""
    document = yaml.safe_load(MINIMAL)
    document["facts"][0][field] = value
    content = yaml.safe_dump(document, allow_unicode=True).encode("utf-8")
    code, out, err = run_on_file(content, "dose", "--json")
    assert_clean(code, out, err, check_shape)
    if code == 0:
        assert json.loads(out)[0]["id"] == document["facts"][0]["id"]


@FIXTURES_OK
@given(text=st.text(min_size=1, max_size=200))
def test_arbitrary_claim_text_round_trips_through_json(check_shape: Shape, text: str) -> None:
    document = yaml.safe_load(MINIMAL)
    document["facts"][0]["claim"] = text
    content = yaml.safe_dump(document, allow_unicode=True).encode("utf-8")
    code, out, err = run_on_file(content, "dose", "--json")
    assert_clean(code, out, err, check_shape)
    if code == 0:
        # exactly what the file says; YAML itself reads U+0085 and U+2028 as line breaks
        meant = yaml.load(content, Loader=yaml.CSafeLoader)["facts"][0]["claim"]
        assert json.loads(out)[0]["claim"] == meant
        assert all(ch not in out for ch in "\x1b\x9b\u202e")


@FIXTURES_OK
@given(terms=st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=3))
def test_arbitrary_unicode_query_terms(check_shape: Shape, terms: list[str]) -> None:
    code, out, err = run("search", "--json", "--", *terms)  # terms may start with "-"
    assert_clean(code, out, err, check_shape)
    assert (code == 0) == bool(json.loads(out))


# -- the checks across files: the quick look over outlines never misses an error -----------

_IDS = st.sampled_from(["a", "b", "c", "d", None])
_SUMMARY = st.builds(
    lambda sources, facts: crossfile.Summary(
        "generated.yaml",
        [[ident, kind, 1] for ident, kind in sources],
        [f[0] for f in facts],
        [f[1] for f in facts],
        [f[2] for f in facts],
        [f[3] for f in facts],
    ),
    st.lists(st.tuples(_IDS, st.sampled_from(["trial", "commercial", "advocacy"])), max_size=3),
    st.lists(
        st.tuples(
            _IDS,
            st.sampled_from(["established", "claimed", None]),
            st.lists(_IDS, max_size=3),
            st.lists(_IDS, max_size=3),
        ),
        max_size=4,
    ),
)


@given(st.lists(_SUMMARY, min_size=1, max_size=3))
def test_the_quick_check_across_files_finds_what_the_full_one_does(
    summaries: list[crossfile.Summary],
) -> None:
    kinds: dict[str, str] = {}
    for summary in summaries:
        for ident, kind, _line in summary.sources:
            if ident is not None:
                kinds.setdefault(ident, kind)
    errors = crossfile._errors(summaries, kinds)
    found = crossfile.problems_across(summaries)
    assert [p for p in found if p.severity == "error"] == errors
    # what the cache keeps, read back, answers the same
    kept = [crossfile.Outline.from_json(s.outline().to_json(), s.path) for s in summaries]
    assert crossfile.cross_file_problems(kept, lambda: summaries) == found
