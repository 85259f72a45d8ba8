"""JSON and JSON Lines: UTF-8, exact text, nothing a terminal would obey."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ldnfacts.safe_text import json_safe


def dump_json(value: Any) -> str:
    """Indented JSON, one document, ending in a newline."""
    return json_safe(json.dumps(value, ensure_ascii=False, indent=2)) + "\n"


def dump_jsonl(items: Iterable[Any]) -> str:
    """One compact JSON object per line."""
    return "".join(json_safe(json.dumps(item, ensure_ascii=False)) + "\n" for item in items)
