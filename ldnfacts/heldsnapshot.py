"""The held base kept beside the index (`INDEX.held`), read by a check instead of built.

A check of a base small enough to hold (`heldstore.IN_MEMORY_FACTS`) holds it whole: each
fact's analysed text and record, every term with the facts holding it, and what the
matcher derives from the facts' claims (`HeldStore.derived`). For the bundled 160 facts,
building that from the index took some 20 ms of every check, an eighth of a check of a
10 KB page. It depends on the index and the code alone, never on the page, so the first
check of an index keeps it here and the next checks of the same index read it back, in
about 5 ms.

The format is `marshal`, Python's own format for compiled modules. JSON was measured
first: loading the postings alone took longer than building them (3.7 ms against 3.4 ms),
as it parses text into the same objects. pickle is never used: it runs code the file
names. marshal builds only values (and code objects, which nothing here calls), and the
file is checked before it is used:

- its header names the format, the stamp (`kept.stamp`: the index build and the code that
  derives the tables) and the Python version, since marshal's format is Python's;
- a CRC-32 of the payload catches a damaged file;
- the tables are checked to be of the kinds expected, entry by entry at the first level.

Anything else, and the file is ignored and written again. These checks are against
damage, not against an adversary: a file forged to pass them can make a check answer
wrongly or fail, as a forged index can (and marshal, like the compiled modules Python
reads from the same kind of place, is not made to read hostile data); it takes write
access to the user's own cache folder, and deleting the folder (`ldnfacts paths`) mends it.
"""

from __future__ import annotations

import marshal
import sys
import zlib
from typing import Any

from ldnfacts import kept
from ldnfacts.store import FactStore

#: A kept file larger than this is ignored (some 3 KB a fact: the largest base held,
#: `heldstore.IN_MEMORY_FACTS` facts, fits four times over).
MAX_BYTES = 64 << 20

SUFFIX = "held"

#: The first line of the file.
MAGIC = b"ldnfacts held base 1\n"

#: Each table, the kind of value it is, and for a mapping or list the kind of its entries.
TABLES: dict[str, tuple[type, type | None]] = {
    "texts": (dict, dict),
    "postings": (dict, dict),
    "lengths": (dict, int),
    "sorted": (list, str),
    "average": (float, None),
    "rows": (int, None),
    "records": (dict, dict),
    "rowid_of": (dict, int),
    "own_rows": (dict, list),
    "cited_rows": (dict, list),
    "derived": (dict, None),
}


def _header(stamp: str) -> bytes:
    python = "{}.{}".format(*sys.version_info[:2])
    return MAGIC + f"{stamp} python {python} marshal {marshal.version}\n".encode()


def load(store: FactStore, stamp: str) -> dict[str, Any] | None:
    """The tables kept for this index as `stamp` (`kept.stamp`) names it, or None when
    there are none fit to use."""
    path = kept.path_beside(store, SUFFIX)
    content = None if path is None else kept.read(path, MAX_BYTES)
    header = _header(stamp)
    if content is None or not content.startswith(header):
        return None
    crc, _, payload = content[len(header) :].partition(b"\n")
    if crc != b"%08x" % zlib.crc32(payload):
        return None
    try:
        tables = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    return tables if _fit(tables) else None


def _fit(tables: object) -> bool:
    """Are these the tables, each of its kind, with entries of theirs?"""
    if not isinstance(tables, dict) or tables.keys() != TABLES.keys():
        return False
    for name, (kind, entry) in TABLES.items():
        table = tables[name]
        exact = type(table) is kind  # not a subclass
        if not exact:
            return False
        values = table.values() if kind is dict else table
        if entry is not None and not set(map(type, values)) <= {entry}:  # (at C speed)
            return False
    return True


def save(store: FactStore, tables: dict[str, Any], stamp: str) -> None:
    """Keep `tables`, read from the index as `stamp` names it, for the next check of
    this index (best effort; not when larger than `load` would read)."""
    path = kept.path_beside(store, SUFFIX)
    if path is not None and _fit(tables):
        payload = marshal.dumps(tables)
        content = _header(stamp) + b"%08x\n" % zlib.crc32(payload) + payload
        if len(content) <= MAX_BYTES:
            kept.write(path, content)
