"""JSON and JSON Lines: UTF-8, exact text, nothing a terminal would obey.

Both formats print the same objects (`schema/output.schema.json`); JSON as one indented
array or object, JSON Lines as one compact object per line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ldnfacts.records import JSONObject
from ldnfacts.render import Renderers
from ldnfacts.safe_text import json_safe
from ldnfacts.views import FactDetails, FactList


def dump_json(value: Any) -> str:
    """Indented JSON, one document, ending in a newline."""
    return json_safe(json.dumps(value, ensure_ascii=False, indent=2)) + "\n"


def dump_jsonl(items: Iterable[Any]) -> str:
    """One compact JSON object per line."""
    return "".join(json_safe(json.dumps(item, ensure_ascii=False)) + "\n" for item in items)


def listed_facts(view: FactList) -> list[JSONObject]:
    """Fact objects, each with its `match` object added when `--explain` asked for it."""
    if not view.matches:
        return view.facts
    return [{**fact, "match": match} for fact, match in zip(view.facts, view.matches, strict=True)]


def detailed_facts(view: FactDetails) -> list[JSONObject]:
    """Fact objects with the facts linked to each under `linked`."""
    return [{**fact, "linked": view.linked.get(fact["id"], [])} for fact in view.facts]


JSON: Renderers = {
    "facts": lambda env, view: env.out(dump_json(listed_facts(view))),
    "details": lambda env, view: env.out(dump_json(detailed_facts(view))),
    "studies": lambda env, view: env.out(dump_json(view.studies)),
    "sources": lambda env, view: env.out(dump_json(view.sources)),
    "topics": lambda env, view: env.out(dump_json(view.topics)),
    "document": lambda env, view: env.out(dump_json(view.value)),
}

JSONL: Renderers = {
    "facts": lambda env, view: env.out(dump_jsonl(listed_facts(view))),
    "details": lambda env, view: env.out(dump_jsonl(detailed_facts(view))),
    "studies": lambda env, view: env.out(dump_jsonl(view.studies)),
    "sources": lambda env, view: env.out(dump_jsonl(view.sources)),
    "topics": lambda env, view: env.out(dump_jsonl(view.topics)),
    "document": lambda env, view: env.out(
        dump_jsonl(view.value if isinstance(view.value, list) else [view.value])
    ),
}
