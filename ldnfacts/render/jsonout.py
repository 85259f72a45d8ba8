"""JSON and JSON Lines: UTF-8, exact text, nothing a terminal would obey.

Both formats print the same objects (`schema/output.schema.json`); JSON as one indented
array or object, JSON Lines as one compact object per line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import orjson

from ldnfacts.records import JSONObject
from ldnfacts.render import Renderers
from ldnfacts.safe_text import json_safe
from ldnfacts.views import CheckedPages, FactDetails, FactList


def dump_json(value: Any) -> str:
    """Indented JSON, one document, ending in a newline.

    orjson writes it: the standard library's indenting encoder is pure Python (85 ms for
    the 3 MB of a large `dose --json`, against 4 ms). Its output is the standard library's
    byte for byte (same separators, escapes and key order) once its floats are written as
    Python writes them (`_python_floats`). What orjson refuses, such as a lone surrogate
    from an undecodable argument or an integer beyond 64 bits, the standard library writes.
    One difference is left: orjson writes NaN and infinities as `null`, the standard
    library as `NaN` and `Infinity`, which are not JSON; no fact file can hold them (YAML's
    `.nan` and `.inf` are refused or read as text) and nothing computes them.
    """
    try:
        dumped = _python_floats(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode() + "\n")
    except orjson.JSONEncodeError:
        dumped = json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    return json_safe(dumped)


#: orjson and Python's `repr` write the same shortest digits for every float, but orjson
#: writes 1e-05 to 1e-04 as `0.00001`... and the exponents -6 to -9 with one digit
#: (`1.5e-7`). In indented JSON a number ends its line (before an optional comma): inside
#: a string a line end is always escaped, so only numbers can match.
_ONE_DIGIT_EXPONENT = re.compile(r"e-(\d)(?=,?\n)")
_FOUR_ZEROS = re.compile(r"0\.0000(\d)(\d*)(?=,?\n)")


def _python_floats(dumped: str) -> str:
    """orjson's indented output with its floats written as `repr` writes them."""
    dumped = _ONE_DIGIT_EXPONENT.sub(r"e-0\1", dumped)
    return _FOUR_ZEROS.sub(_four_zeros_as_exponent, dumped)


def _four_zeros_as_exponent(match: re.Match[str]) -> str:
    """`0.0000123` as `1.23e-05`; left alone when the zero is part of a longer number."""
    start = match.start()
    if start and (match.string[start - 1].isdigit() or match.string[start - 1] == "."):
        return match.group()
    first, rest = match.group(1), match.group(2)
    return f"{first}.{rest}e-05" if rest else f"{first}e-05"


def dump_jsonl(value: Any) -> str:
    """One compact JSON object per line: each item of a list, or the one object given."""
    items = value if isinstance(value, list) else [value]
    return "".join(json_safe(json.dumps(item, ensure_ascii=False)) + "\n" for item in items)


def listed_facts(view: FactList) -> list[JSONObject]:
    """Fact objects, each with its `match` object added when `--explain` asked for it."""
    if not view.matches:
        return view.facts
    return [{**fact, "match": match} for fact, match in zip(view.facts, view.matches, strict=True)]


def detailed_facts(view: FactDetails) -> list[JSONObject]:
    """Fact objects with the facts linked to each under `linked`."""
    return [{**fact, "linked": view.linked.get(fact["id"], [])} for fact in view.facts]


def claim_objects(view: CheckedPages) -> list[JSONObject]:
    """One object per claim sentence of every page, in document order (`$defs/check`)."""
    from ldnfacts.claims import claim_objects as of_report

    return [claim for report in view.reports for claim in of_report(report)]


def _renderers(dump: Callable[[Any], str]) -> Renderers:
    """One table for both formats: the same objects, written by `dump`."""
    return {
        "facts": lambda env, view: env.out(dump(listed_facts(view))),
        "details": lambda env, view: env.out(dump(detailed_facts(view))),
        "studies": lambda env, view: env.out(dump(view.studies)),
        "sources": lambda env, view: env.out(dump(view.sources)),
        "topics": lambda env, view: env.out(dump(view.topics)),
        "document": lambda env, view: env.out(dump(view.value)),
        "claims": lambda env, view: env.out(dump(claim_objects(view))),
    }


JSON = _renderers(dump_json)
JSONL = _renderers(dump_jsonl)
