"""Where the bundled data, the schemas and the cache live.

Kept free of heavy imports: every command asks it where the fact files are.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
SCHEMA_DIR = PACKAGE_DIR / "schema"
FACTS_SCHEMA = SCHEMA_DIR / "facts.schema.json"
OUTPUT_SCHEMA = SCHEMA_DIR / "output.schema.json"
#: The word lists shipped in the package (read as files: `importlib.resources` would cost
#: about 4 ms of imports on every check, for a package that is always a directory).
VOCAB_DIR = PACKAGE_DIR / "vocab"

#: Environment variable naming fact files to use instead of the bundled one.
DATA_ENV = "LDNFACTS_DATA"


def bundled_data_path() -> Path:
    """The fact base shipped with the tool.

    A wheel carries it inside the package (`ldnfacts/data/facts.yaml`); a source checkout
    or an editable install keeps the one copy at `data/facts.yaml`, which is the file
    people edit.
    """
    installed = PACKAGE_DIR / "data" / "facts.yaml"
    if installed.is_file():
        return installed
    return PACKAGE_DIR.parent / "data" / "facts.yaml"


def data_paths(cli_paths: Sequence[str] | None, environ: Mapping[str, str]) -> list[str]:
    """Fact files to read: `--data` options, else `LDNFACTS_DATA`, else the bundled base."""
    if cli_paths:
        return list(cli_paths)
    from_env = [p for p in environ.get(DATA_ENV, "").split(os.pathsep) if p]
    if from_env:
        return from_env
    return [str(bundled_data_path())]


def cache_dir(environ: Mapping[str, str]) -> Path:
    """The user's cache folder for ldnfacts, never beside the data.

    `XDG_CACHE_HOME` wins on every platform; otherwise each platform's convention.
    """
    xdg = environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "ldnfacts"
    if sys.platform == "win32":
        local = environ.get("LOCALAPPDATA")
        if local:
            return Path(local) / "ldnfacts" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ldnfacts"
    return Path.home() / ".cache" / "ldnfacts"


def describe(data_files: Sequence[str], environ: Mapping[str, str]) -> dict[str, Any]:
    """Every location ldnfacts uses, for `ldnfacts paths`."""
    from ldnfacts.store import cache_path, fts5_available

    return {
        "data": [os.path.abspath(p) for p in data_files],
        "bundled_data": str(bundled_data_path()),
        "facts_schema": str(FACTS_SCHEMA),
        "output_schema": str(OUTPUT_SCHEMA),
        "cache_dir": str(cache_dir(environ)),
        "cache_file": str(cache_path(data_files, environ)),
        "fts5": fts5_available(),
    }
