"""Files a check keeps beside the index for the next check: where they go, what they
depend on, and how they are written.

A check derives some tables from the fact base alone, never from the page it reads: each
fact's claim weight (`claimweights`) and the held base (`heldsnapshot`). The next check
of the same index reads them back instead of deriving them again. Each file names what
it was derived from (`stamp`): the index build, and the code and word lists that derive
it. A rebuilt index or another version of the rules makes the file stale; it is then
ignored and written again.

Writing is best effort (a read-only cache only costs time), through a private file
renamed into place, so that concurrent checks never read half a file.
"""

from __future__ import annotations

import os
from contextlib import suppress
from functools import lru_cache
from pathlib import Path

from ldnfacts import __version__
from ldnfacts.store import FactStore


def path_beside(store: FactStore, suffix: str) -> Path | None:
    """`INDEX.suffix` beside the index; None for an index in memory."""
    if store.location == ":memory:":
        return None
    return Path(f"{store.location}.{suffix}")


def stamp(store: FactStore) -> str:
    """What a kept file depends on: the index build, and the code and word lists that
    parse, weigh and hold the facts. A check reads it before it reads the base, and keeps
    nothing when it has changed by the time the check is done (another process updated
    the index meanwhile): the kept tables would mix two builds."""
    built = store.meta().get("built_at_ns", "")
    return f"{__version__}:{_rules():08x}:{built}"


@lru_cache(maxsize=1)
def _rules() -> int:
    """A digest of the code and word lists that derive the kept tables (read once per
    run: a check reads and writes them with the same stamp)."""
    from ldnfacts import claims, heldstore, query, store, words
    from ldnfacts.filecache import crc_of_files
    from ldnfacts.paths import VOCAB_DIR

    return crc_of_files(
        (
            claims.__file__,
            words.__file__,
            query.__file__,  # how a group is matched (`match_expression`) ...
            heldstore.__file__,  # ... and counted and held in a held base ...
            store.__file__,  # ... with `occurrences` for a phrase
            VOCAB_DIR / "claims.json",
            VOCAB_DIR / "vocabulary.json",  # its stopwords
        )
    )


def write(path: Path, content: bytes) -> None:
    """Write `content` to `path` through a private file renamed into place (best effort:
    a file that cannot be written is left as it was)."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(content)
        os.replace(temporary, path)
    except OSError:
        with suppress(OSError):
            os.unlink(temporary)


def read(path: Path, max_bytes: int) -> bytes | None:
    """The file's content, or None when it is missing, unreadable or over `max_bytes`."""
    try:
        with open(path, "rb") as handle:
            content = handle.read(max_bytes + 1)
    except OSError:
        return None
    return content if len(content) <= max_bytes else None
