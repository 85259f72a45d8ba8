"""JSON and JSON Lines: UTF-8, exact text, nothing a terminal would obey.

Both formats print the same objects (`schema/output.schema.json`); JSON as one indented
array or object, JSON Lines as one compact object per line.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ldnfacts.records import JSONObject
from ldnfacts.render import Renderers
from ldnfacts.safe_text import json_safe
from ldnfacts.views import CheckedPages, FactDetails, FactList


def dump_json(value: Any) -> str:
    """Indented JSON, one document, ending in a newline."""
    return json_safe(json.dumps(value, ensure_ascii=False, indent=2)) + "\n"


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
