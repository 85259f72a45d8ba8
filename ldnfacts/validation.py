"""Check fact files against the schema and against each other; report every problem.

The shape of a fact file is defined once, in `schema/facts.schema.json`. It is checked
first by the schema compiled with `fastjsonschema` (fast, stops at the first error) and,
only when that finds a problem, by `jsonschema`, which lists every error with its path.
What a schema cannot say is checked here: ids unique across all
files, every `ref` and `related` resolving, dates that exist, effect estimates inside their
intervals, sources' `checked` days that exist and are not in the future, and that no fact
is `established` or `supported` on commercial or advocacy sources alone.

Each problem names the file, line and field, says what is wrong and how to fix it.

Checks of one file on its own (`file_problems`) are separate from checks across files
(`crossfile`), which read only what the cache keeps of every valid file, so an edit
re-reads only the edited file. Work per problem is bounded: "did you mean" looks at a
bounded list of candidates (`suggest.IdIndex`), so a file with 30,000 broken references
is checked in seconds.
"""

from __future__ import annotations

import datetime
import difflib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cache
from itertools import chain
from typing import TYPE_CHECKING, Any

from ldnfacts.crossfile import problems_across, summarize
from ldnfacts.errors import Problem
from ldnfacts.paths import FACTS_SCHEMA
from ldnfacts.yamlfile import FactFile

if TYPE_CHECKING:  # jsonschema is imported only when fastjsonschema finds a problem
    from jsonschema import Draft202012Validator, ValidationError

_TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a mapping",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}

_FIELD_HINTS = {
    "note": "contested and disputed facts need a `note:` saying why the evidence disagrees",
    "sources": "cite at least one source: `sources: [{ref: some-source-id, locator: ...}]`",
    "claim": "state the claim in your own words: `claim: ...`",
    "status": "add `status:` (established, supported, claimed, contested or disputed)",
}


_SOURCE_NOTE_HINT = (
    "commercial and advocacy sources need a `note:` saying what the party sells or promotes"
)


@cache
def facts_schema() -> dict[str, Any]:
    with open(FACTS_SCHEMA, encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


def inline_references(schema: Any, defs: dict[str, Any] | None = None) -> Any:
    """The schema with every local `$ref` replaced by the definition it names.

    Resolving a reference goes through the `referencing` library on every use; a
    100,000-fact file makes millions of uses, and resolving them was two thirds of the
    validation time. `{"$ref": R, ...}` becomes `{"allOf": [R's definition], ...}`, which
    validates the same. The schema has no recursive definitions, so this terminates.
    """
    if defs is None:
        defs = schema.get("$defs", {})
    if isinstance(schema, list):
        return [inline_references(item, defs) for item in schema]
    if not isinstance(schema, dict):
        return schema
    inlined = {
        key: inline_references(value, defs)
        for key, value in schema.items()
        if key not in ("$ref", "$defs")
    }
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        inlined["allOf"] = [inline_references(defs[name], defs), *inlined.get("allOf", [])]
    return inlined


@cache
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(inline_references(facts_schema()))


def shape_check_code() -> str:
    """The source of `ldnfacts/shape_check.py`: the schema compiled to Python by
    fastjsonschema, which stops at the first error, about twelve times faster than jsonschema
    on a valid file. Its draft-7 keywords are the ones the schema uses;
    `tests/test_scale.py` holds the two validators to the same verdicts, and the module to
    this source.

    It is written once, not compiled on each run (which cost 20 ms, a sixth of an edit's
    run); its errors are never shown (jsonschema explains a rejected file), so it is
    compiled without their details; and with the definitions inlined, which halves the
    time it takes on a file (a call per `$ref` costs more than the check it makes)."""
    import fastjsonschema

    schema = {k: v for k, v in facts_schema().items() if k not in ("$schema", "$id")}
    code = fastjsonschema.compile_to_code(inline_references(schema), detailed_exceptions=False)
    if _FASTJSONSCHEMA_IMPORT not in code:
        raise ValueError("fastjsonschema's code imports other names: see _OWN_EXCEPTION")
    code = code.replace(_FASTJSONSCHEMA_IMPORT, _OWN_EXCEPTION, 1)
    return _SHAPE_CHECK_HEADER.format(schema_digest()) + code


def schema_digest() -> str:
    """A digest of the schema's text, written into `shape_check.py`: a stale module is told
    by it whatever fastjsonschema's version."""
    from ldnfacts.filecache import crc_of_files

    return f"{crc_of_files([FACTS_SCHEMA]):08x}"


_SHAPE_CHECK_HEADER = """\
# Written by ldnfacts.validation.shape_check_code() from schema/facts.schema.json: do not
# edit. After a change to the schema or to fastjsonschema, write it again with
#     .venv/bin/python -m tests.test_scale --update
# schema {}
# mypy: ignore-errors
"""


#: The generated code raises fastjsonschema's exception, and importing fastjsonschema costs
#: 5 ms, more than the check of a small file: the module defines its own instead (it is
#: only caught, never shown; with `detailed_exceptions=False` it takes only a message).
_FASTJSONSCHEMA_IMPORT = (
    "from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException\n"
)
_OWN_EXCEPTION = """\

class JsonSchemaValueException(ValueError):
    \"\"\"The first error found (fastjsonschema's, defined here: see validation.py).\"\"\"


JsonSchemaValuesException = JsonSchemaValueException
"""


def is_valid_shape(data: Any) -> bool:
    """Whether `data` matches the schema, by the fast validator."""
    from ldnfacts import shape_check

    check: Callable[[Any], object] = shape_check.validate
    try:
        check(data)
    except shape_check.JsonSchemaValueException:
        return False
    return True


def check_files(files: list[FactFile]) -> list[Problem]:
    """Every problem in `files`, read together as one fact base, in file and line order."""
    problems: list[Problem] = []
    for fact_file in files:
        problems.extend(file_problems(fact_file))
    problems.extend(problems_across([summarize(f) for f in files]))
    return sort_problems(problems, [f.path for f in files])


@dataclass
class ValidationPlan:
    """What `ldnfacts validate FILE...` checks: the files asked for, and the base they are
    used with, so that references into that base are not reported as errors."""

    paths: list[str]
    #: Files checked beside the ones asked for (empty when none).
    added: list[str]
    #: Says which base was added and why, for the person reading the report.
    note: str = ""
    #: Files already parsed while planning, by path: read each file once.
    parsed: dict[str, FactFile] = field(default_factory=dict)

    def load(self) -> tuple[list[FactFile], list[Problem]]:
        """Every file of the plan, parsed (once), and the problems of those that cannot
        be read at all."""
        from ldnfacts.errors import DataError
        from ldnfacts.yamlfile import read_fact_file

        loaded: list[FactFile] = []
        problems: list[Problem] = []
        for path in self.paths:
            try:
                loaded.append(self.parsed.get(path) or read_fact_file(path))
            except DataError as error:
                problems.extend(error.problems)
        return loaded, problems


def plan_validation(
    asked: Sequence[str], in_use: Sequence[str], bundled: str, environ: Mapping[str, str]
) -> ValidationPlan:
    """The files to check for `validate asked...`.

    - Files that are part of the base in use (`--data`, LDNFACTS_DATA) are checked with
      the whole of it, as every query reads them.
    - A file that cites sources or facts it does not define, which the bundled base
      defines, is checked after the bundled base: that is the base it is meant to extend.
    - Otherwise the files are checked as given, together.
    """
    absolute = [os.path.abspath(p) for p in asked]
    in_use_absolute = [os.path.abspath(p) for p in in_use]
    if set(absolute) <= set(in_use_absolute) and absolute != in_use_absolute:
        others = [p for p, a in zip(in_use, in_use_absolute, strict=True) if a not in absolute]
        return ValidationPlan(
            list(in_use),
            others,
            f"checked together with the other fact files in use: {', '.join(others)}",
        )
    if absolute == in_use_absolute or os.path.abspath(bundled) in absolute:
        return ValidationPlan(list(asked), [])  # checked as the queries read them
    parsed = _parse(asked)
    wanted_sources, wanted_facts = _unresolved(parsed.values())
    alone = ValidationPlan(list(asked), [], parsed=parsed)
    if not (wanted_sources or wanted_facts):
        return alone
    from ldnfacts.errors import DataError
    from ldnfacts.store import open_store

    try:
        base = open_store([bundled], environ)
        found = len(base.sources(wanted_sources)) + len(base.rowid_map(wanted_facts))
    except (DataError, OSError):
        return alone
    if not found:
        return alone
    together = os.pathsep.join([bundled, *asked])
    return ValidationPlan(
        [bundled, *asked],
        [bundled],
        f"checked together with the bundled base ({bundled}), which defines {found} of the "
        f"ids cited; to query them together: LDNFACTS_DATA={together} ldnfacts dose",
        parsed,
    )


def extension_hint(files: Sequence[str], environ: Mapping[str, str]) -> str:
    """For a query that failed on `files`: when they cite ids that only the bundled base
    defines, say that `--data` replaced it and how to use them together; else "".

    Personal files usually extend the bundled base, and "no source has the id" alone
    leads nowhere when the source is right there in the base the person meant to keep.
    """
    from ldnfacts.paths import bundled_data_path

    bundled = str(bundled_data_path())
    if os.path.abspath(bundled) in {os.path.abspath(f) for f in files}:
        return ""
    plan = plan_validation(files, [], bundled, environ)
    if plan.added != [bundled]:
        return ""
    together = os.pathsep.join([bundled, *files])
    return (
        "--data and LDNFACTS_DATA replace the bundled base, which defines ids these files "
        f"cite; to add your files to it instead: LDNFACTS_DATA={together} ldnfacts ..."
    )


def _parse(paths: Sequence[str]) -> dict[str, FactFile]:
    """The files that can be read, by path (the others are reported when loaded)."""
    from ldnfacts.errors import DataError
    from ldnfacts.yamlfile import read_fact_file

    parsed = {}
    for path in paths:
        with suppress(DataError):
            parsed[path] = read_fact_file(path)
    return parsed


def _unresolved(files: Iterable[FactFile]) -> tuple[set[str], set[str]]:
    """Source and fact ids that `files` cite but do not define."""
    outlines = [summarize(f).outline() for f in files]
    sources = {s[0] for outline in outlines for s in outline.sources}
    facts = set(chain.from_iterable(o.ids for o in outlines))
    cited = set(chain.from_iterable(o.cited for o in outlines))
    related = set(chain.from_iterable(o.related for o in outlines))
    return cited - sources, related - facts


def sort_problems(problems: list[Problem], paths: Sequence[str]) -> list[Problem]:
    """Problems in the order of the files given, then by line."""
    order = {path: i for i, path in enumerate(paths)}
    return sorted(problems, key=lambda p: (order.get(p.file, 0), p.line or 0))


def file_problems(fact_file: FactFile) -> list[Problem]:
    """What is wrong with one file on its own: its YAML, its shape, dates and intervals.
    Ids and references, which depend on the other files, are `crossfile`'s."""
    problems = list(fact_file.problems)
    problems.extend(_schema_problems(fact_file))
    for index, source in _entries(fact_file, "sources"):
        problems.extend(_checked_problems(fact_file, ["sources", index, "checked"], source))
    for index, fact in _entries(fact_file, "facts"):
        problems.extend(_own_fact_problems(fact_file, index, fact))
    return problems


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    for json_type, name in _TYPE_NAMES.items():
        if _validator().is_type(value, json_type):
            return name
    return type(value).__name__


def field_name(data: Any, path: Iterable[str | int]) -> str:
    """A readable field path, naming the fact by id: `facts[3] (dose-x).claim`."""
    text = ""
    node = data
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
            try:
                node = node[step]
            except (IndexError, KeyError, TypeError):
                node = None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                text += f" ({node['id']})"
        else:
            text += f".{step}" if text else step
            node = node.get(step) if isinstance(node, dict) else None
    return text


def _schema_problems(fact_file: FactFile) -> Iterator[Problem]:
    if fact_file.data is None and fact_file.problems:
        return  # the top level was rejected already (a disallowed tag)
    if is_valid_shape(fact_file.data):
        return
    for error in _validator().iter_errors(fact_file.data):
        yield from _explain(fact_file, error)


def _problem(fact_file: FactFile, path: list[str | int], message: str, hint: str) -> Problem:
    return Problem(
        fact_file.path,
        fact_file.line_of(path),
        None,
        field_name(fact_file.data, path),
        message,
        hint,
    )


def _explain(fact_file: FactFile, error: ValidationError) -> Iterator[Problem]:
    path: list[str | int] = list(error.absolute_path)
    value: Any = error.instance
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    expected: Any = error.validator_value
    hint = str(schema.get("x-hint", ""))
    kind = error.validator
    if kind == "required":
        match = re.match(r"'(.+)' is a required property", error.message)
        missing = match.group(1) if match else str(expected)
        in_source = bool(path) and path[0] == "sources"
        yield _problem(
            fact_file,
            path,
            f"missing required field `{missing}`",
            _SOURCE_NOTE_HINT
            if in_source and missing == "note"
            else _FIELD_HINTS.get(missing, f"add `{missing}: ...`"),
        )
    elif kind == "additionalProperties":
        known = sorted(schema.get("properties", {}))
        for extra in sorted(set(value) - set(known)):
            suggestion = _did_you_mean(extra, known)
            yield _problem(
                fact_file,
                [*path, extra],
                f"unknown field `{extra}`",
                f"{suggestion}Known fields: {', '.join(known)}",
            )
    elif kind == "type":
        names = [
            _TYPE_NAMES.get(t, t) for t in ([expected] if isinstance(expected, str) else expected)
        ]
        message = f"must be {' or '.join(names)}, not {_type_name(value)}"
        if not path:
            message = f"the top level must be a mapping, not {_type_name(value)}"
        yield _problem(fact_file, path, message, hint)
    elif kind == "enum":
        allowed = [str(v) for v in expected]
        suggestion = _did_you_mean(str(value), allowed)
        yield _problem(
            fact_file,
            path,
            f"`{value}` is not one of the allowed values",
            f"{suggestion}Use one of: {', '.join(allowed)}",
        )
    elif kind in ("pattern", "oneOf", "propertyNames"):
        shown = value if isinstance(value, (str, int, float)) else _type_name(value)
        yield _problem(
            fact_file,
            path,
            f"`{shown}` does not have the expected form",
            hint or "see the schema for the expected form",
        )
    elif kind == "minLength":
        yield _problem(fact_file, path, "must not be empty", hint)
    elif kind == "minItems":
        yield _problem(
            fact_file,
            path,
            f"needs at least {expected} item(s)",
            hint or _FIELD_HINTS.get(str(path[-1]) if path else "", ""),
        )
    elif kind == "anyOf" and not path:
        yield _problem(fact_file, path, "the file has neither `sources:` nor `facts:`", hint)
    else:
        yield _problem(fact_file, path, error.message, hint)


def _entries(fact_file: FactFile, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    data = fact_file.data
    items = data.get(key) if isinstance(data, dict) else None
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield index, item


def _own_fact_problems(fact_file: FactFile, index: int, fact: dict[str, Any]) -> Iterator[Problem]:
    base: list[str | int] = ["facts", index]
    yield from _date_problems(fact_file, [*base, "date"], fact.get("date"))
    study = fact.get("study")
    effect = study.get("effect") if isinstance(study, dict) else None
    if isinstance(effect, dict):
        low, estimate, high = (_number(effect.get(k)) for k in ("ci_low", "estimate", "ci_high"))
        if (
            low is not None
            and estimate is not None
            and high is not None
            and not (low <= estimate <= high)
        ):
            yield _problem(
                fact_file,
                [*base, "study", "effect"],
                "the estimate must lie between ci_low and ci_high",
                "check the order of the interval's ends",
            )


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _number(value: Any) -> float | None:
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    return float(value) if is_number else None


def _date_problems(fact_file: FactFile, path: list[str | int], value: Any) -> Iterator[Problem]:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        yield _problem(
            fact_file, path, f"`{value}` is not a date that exists", "check the day and month"
        )


def _checked_problems(
    fact_file: FactFile, path: list[str | int], source: dict[str, Any]
) -> Iterator[Problem]:
    """A source's `checked` day must exist and must not lie in the future."""
    value = source.get("checked")
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return  # the schema reports a missing or malformed date
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        yield _problem(
            fact_file, path, f"`{value}` is not a date that exists", "check the day and month"
        )
        return
    if day > datetime.date.today():
        yield _problem(
            fact_file,
            path,
            f"`{value}` is in the future",
            "write the day the source's details were actually checked",
        )


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    """For the schema's short lists of field names and allowed values."""
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"Did you mean `{close[0]}`? " if close else ""
