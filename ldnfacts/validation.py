"""Check fact files against the schema and against each other; report every problem.

The shape of a fact file is defined once, in `schema/facts.schema.json`, and checked with
the `jsonschema` library. What a schema cannot say is checked here: ids unique across all
files, every `ref` and `related` resolving, dates that exist, effect estimates inside their
intervals, sources' `checked` days that exist and are not in the future, and that no fact
is `established` or `supported` on commercial or advocacy sources alone.

Each problem names the file, line and field, says what is wrong and how to fix it.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from ldnfacts.errors import Problem
from ldnfacts.model import INTERESTED_KINDS, SETTLED
from ldnfacts.paths import FACTS_SCHEMA
from ldnfacts.yamlfile import FactFile

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
    return Draft202012Validator(inline_references(facts_schema()))


def check_files(files: list[FactFile]) -> list[Problem]:
    """Every problem in `files`, read together as one fact base, in file and line order."""
    problems: list[Problem] = []
    for fact_file in files:
        problems.extend(fact_file.problems)
        problems.extend(_schema_problems(fact_file))
    problems.extend(_cross_file_problems(files))
    order = {f.path: i for i, f in enumerate(files)}
    problems.sort(key=lambda p: (order.get(p.file, 0), p.line or 0))
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


def _cross_file_problems(files: list[FactFile]) -> Iterator[Problem]:
    source_kinds: dict[str, str] = {}
    source_where: dict[str, str] = {}
    fact_where: dict[str, str] = {}
    cited: set[str] = set()
    for fact_file in files:
        for index, source in _entries(fact_file, "sources"):
            yield from _duplicate(fact_file, "sources", index, source, source_where)
            if isinstance(source.get("id"), str):
                source_kinds.setdefault(source["id"], str(source.get("kind")))
            yield from _checked_problems(fact_file, ["sources", index, "checked"], source)
    for fact_file in files:
        for index, fact in _entries(fact_file, "facts"):
            yield from _duplicate(fact_file, "facts", index, fact, fact_where)
    for fact_file in files:
        for index, fact in _entries(fact_file, "facts"):
            yield from _fact_problems(fact_file, index, fact, source_kinds, fact_where, cited)
    for fact_file in files:
        for index, source in _entries(fact_file, "sources"):
            if isinstance(source.get("id"), str) and source["id"] not in cited:
                yield Problem(
                    fact_file.path,
                    fact_file.line_of(["sources", index]),
                    None,
                    field_name(fact_file.data, ["sources", index]),
                    f"source `{source['id']}` is not cited by any fact",
                    "cite it from a fact or remove it",
                    severity="warning",
                )


def _duplicate(
    fact_file: FactFile, key: str, index: int, entry: dict[str, Any], where: dict[str, str]
) -> Iterator[Problem]:
    """Report an id seen before; remember where each id was first defined."""
    ident = entry.get("id")
    if not isinstance(ident, str):
        return
    if ident in where:
        yield _problem(
            fact_file,
            [key, index, "id"],
            f"duplicate id `{ident}`",
            f"ids must be unique across all fact files; the first is at "
            f"{where[ident]}: give this one another id",
        )
    else:
        where[ident] = f"{fact_file.path}:{fact_file.line_of([key, index])}"


def _fact_problems(
    fact_file: FactFile,
    index: int,
    fact: dict[str, Any],
    source_kinds: dict[str, str],
    fact_ids: dict[str, str],
    cited: set[str],
) -> Iterator[Problem]:
    base: list[str | int] = ["facts", index]
    refs = _list(fact.get("sources"))
    kinds = []
    for ref_index, ref in enumerate(refs):
        name = ref.get("ref") if isinstance(ref, dict) else None
        if not isinstance(name, str):
            continue
        cited.add(name)
        if name in source_kinds:
            kinds.append(source_kinds[name])
        else:
            yield _problem(
                fact_file,
                [*base, "sources", ref_index, "ref"],
                f"no source has the id `{name}`",
                _did_you_mean(name, source_kinds) + "Add the source to `sources:` "
                "or fix the spelling",
            )
    status = fact.get("status")
    if status in SETTLED and kinds and set(kinds) <= set(INTERESTED_KINDS):
        yield _problem(
            fact_file,
            [*base, "status"],
            f"a fact cannot be `{status}` on commercial or advocacy sources alone",
            "cite a regulator's label or the trials, or set `status: claimed`",
        )
    related = _list(fact.get("related"))
    for rel_index, other in enumerate(related):
        if not isinstance(other, str):
            continue
        if other == fact.get("id"):
            yield _problem(
                fact_file,
                [*base, "related", rel_index],
                "a fact cannot be related to itself",
                "remove this entry",
            )
        elif other not in fact_ids:
            yield _problem(
                fact_file,
                [*base, "related", rel_index],
                f"no fact has the id `{other}`",
                _did_you_mean(other, fact_ids) + "Fix the id or remove it",
            )
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
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"Did you mean `{close[0]}`? " if close else ""
