"""Each fact file's parsed and checked content, kept in the cache between runs.

Parsing YAML and checking it against the schema is most of a cold build. A base is often
a large file that rarely changes beside a small one that is being edited; so each file's
content is kept on its own, and a rebuild re-reads only the files that changed. The
checks across files (unique ids, references that resolve) run over the kept summaries.

An entry is keyed by the file's absolute path and checked as black's cache does: first
its stamps (size, mtime, ctime, inode, device), and when they differ but the size is the
same, the content's digest. A file that was touched or checked out unchanged is
recognised by its digest and re-stamped, never re-parsed. A file changed within
`RACY_WINDOW_NS` of being read is compared by digest until it is older.

Only files without problems of their own are kept, and only when they are part of a base
of several files: a file used alone is indexed alone, and that index is all a later run
needs (keeping its entry too would cost a tenth of its first run, to save a parse only if
it is later used with other files). A file with problems is read again on every run,
until it is fixed. Entries of files that no longer exist are dropped whenever a
new entry is written. Entries are SQLite rows holding JSON (never pickle), so a
tampered entry can at worst give wrong text; a damaged one is read again from the file.
Writing an entry is best effort: a locked or read-only cache only costs time.

This module imports nothing heavy at load time: `store` uses `is_corruption` on every run.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ldnfacts import __version__

if TYPE_CHECKING:
    from ldnfacts.crossfile import Outline, Summary
    from ldnfacts.errors import Problem

#: Bump when what an entry holds changes; older entries are then read again.
ENTRY_FORMAT = 3
#: Files changed this close to being read are verified by content until they are older.
RACY_WINDOW_NS = 2_000_000_000
#: The per-file entries of every fact base share one file in the cache folder.
FILE_NAME = "fact-files.db"

#: The stamps of each file kept, apart from its content: re-stamping a touched file then
#: rewrites a row of a few dozen bytes, not the megabytes of its content (17 ms for a
#: 10,000-fact file here, paid by the first rebuild after every `touch`).
_SCHEMA = (
    "CREATE TABLE entries (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, "
    "ctime_ns INTEGER, ino INTEGER, dev INTEGER, digest TEXT, racy INTEGER, format TEXT)",
    "CREATE TABLE contents (path TEXT PRIMARY KEY, outline TEXT, summary TEXT, data TEXT)",
)
#: The layout of the tables above, in SQLite's `user_version`; a file of another layout
#: is emptied and laid out again.
_LAYOUT = 2

#: SQLite's primary result codes for a damaged file: SQLITE_CORRUPT, SQLITE_NOTADB.
_CORRUPT_CODES = {11, 26}
#: Extended codes that mean the same: a short read of a truncated file, a corrupt index.
_CORRUPT_EXTENDED = {522, 779, 1035}
_CORRUPT_MESSAGES = ("file is not a database", "malformed", "database disk image")


def entry_format() -> str:
    """What an entry's validity depends on: this module's format, the version, and the
    rules (the schema and the checks' code), so that an edited rule reads files again."""
    from ldnfacts import crossfile, validation
    from ldnfacts.paths import FACTS_SCHEMA

    rules = crc_of_files((FACTS_SCHEMA, validation.__file__, crossfile.__file__))
    return f"{ENTRY_FORMAT}:{__version__}:{rules:08x}"


def crc_of_files(paths: Iterable[str | Path]) -> int:
    """A CRC-32 of the files' contents, one after another: what a cached or shipped file
    derived from code and word lists is stamped with (this cache's entries, the schema's
    compiled check, the compiled claim subjects, what a check keeps)."""
    import zlib

    digest = 0
    for path in paths:
        with open(path, "rb") as handle:
            digest = zlib.crc32(handle.read(), digest)
    return digest


def is_corruption(error: BaseException) -> bool:
    """Whether a sqlite3 error means a damaged database file (rebuild it), as opposed to
    a busy database, a bad query or a full disk (which a rebuild would not cure)."""
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None and (code & 0xFF in _CORRUPT_CODES or code in _CORRUPT_EXTENDED):
        return True
    text = str(error).lower()
    return any(message in text for message in _CORRUPT_MESSAGES)


def signature(st: os.stat_result) -> tuple[int, int, int, int, int]:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


#: Digests computed in this process, by path and stamps: a touched file is compared by
#: content with the index first and then, when another file changed, with its entry. Only
#: files older than the racy window are remembered: their stamps are trusted as the
#: index trusts them.
_DIGESTS: dict[tuple[str, tuple[int, int, int, int, int]], str] = {}


def digest_of(path: str) -> str:
    """The content digest kept for a file (the same as `yamlfile.read_fact_file`'s)."""
    import hashlib  # OpenSSL's loader costs 3 ms: only runs that hash a file pay it

    st = os.stat(path)
    key = (os.path.abspath(path), signature(st))
    found = _DIGESTS.get(key)
    if found is None:
        content = hashlib.blake2b(digest_size=16)
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):  # memory stays flat
                content.update(chunk)
        found = content.hexdigest()
        if not is_racy(st, time.time_ns()):
            _DIGESTS[key] = found
    return found


def is_racy(st: os.stat_result, now_ns: int) -> bool:
    return max(st.st_mtime_ns, st.st_ctime_ns) >= now_ns - RACY_WINDOW_NS


class Entry:
    """One fact file's checked content, as the index writer reads it (like `FactFile`).

    A cached entry's content and summary are read from the cache only when asked for: an
    update of the index reads only the changed files' content, and the checks across
    files only outlines, unless they find a problem to locate."""

    def __init__(
        self,
        path: str,
        stat: os.stat_result,
        digest: str,
        outline: Outline,
        *,
        data: Any = None,
        summary: Summary | None = None,
        kept: tuple[FileCache, str] | None = None,
    ) -> None:
        self.path = path
        self.stat = stat
        self.digest = digest
        self.outline = outline
        self._data = data
        self._summary = summary
        #: Where the content is kept, and the digest of its text, until it is read.
        self._kept = kept

    @property
    def data(self) -> Any:
        if self._data is None and self._kept is not None:
            cache, text_digest = self._kept
            try:
                self._data = cache.content(self.path, text_digest)
            finally:
                cache.close()
            if self._data is None:
                self._read_again()
        return self._data

    @property
    def summary(self) -> Summary:
        if self._summary is None and self._kept is not None:
            cache = self._kept[0]
            try:
                self._summary = cache.summary(self.path)
            finally:
                cache.close()
            if self._summary is None:
                self._read_again()
        assert self._summary is not None
        return self._summary

    def forget_lines(self) -> None:
        """Drop the parsed file kept for the lines of problems, once there are none."""
        if self._summary is not None:
            self._summary.file = None

    def _read_again(self) -> None:
        """The kept entry is damaged: read the file, whose digest matched, again."""
        fresh, found = parse(self.path)
        self._data, self._summary = fresh.data, fresh.summary
        if not found and self._kept is not None:
            cache = self._kept[0]
            try:
                cache.store(fresh, time.time_ns())
            finally:
                cache.close()


class FileCache:
    """The per-file entries in `folder`; every method is best effort."""

    def __init__(self, folder: Path) -> None:
        self.location = folder / FILE_NAME
        self._db: sqlite3.Connection | None = None
        self._opened = False
        self.format = entry_format()

    def _connect(self) -> sqlite3.Connection | None:
        if self._opened:
            return self._db
        self._opened = True
        for _attempt in range(2):
            try:
                self.location.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.location, timeout=2.0)
                db.execute("PRAGMA synchronous = OFF")  # a cache: a lost entry is read again
                if db.execute("PRAGMA user_version").fetchone() != (_LAYOUT,):
                    _lay_out(db)
                db.execute("SELECT count(*) FROM entries, contents WHERE 0").fetchall()
                self._db = db
                return db
            except sqlite3.DatabaseError as error:
                if not is_corruption(error):
                    return None
                with suppress(OSError):
                    os.unlink(self.location)  # damaged: start again
            except OSError:
                return None
        return None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
        self._db, self._opened = None, False

    def _row(self, path: str) -> tuple[Any, ...] | None:
        db = self._connect()
        if db is None:
            return None
        try:
            row: tuple[Any, ...] | None = db.execute(
                "SELECT size, mtime_ns, ctime_ns, ino, dev, digest, racy, format, outline "
                "FROM entries JOIN contents USING (path) WHERE path = ?",
                (path,),
            ).fetchone()
        except sqlite3.DatabaseError as error:
            if is_corruption(error):
                self._discard()
            return None
        return row

    def _discard(self) -> None:
        self.close()
        with suppress(OSError):
            os.unlink(self.location)
        self._opened = True  # no second try within this run

    def _write(self, *statements: tuple[str, Sequence[object]]) -> None:
        """Run the statements in one transaction."""
        db = self._connect()
        if db is None:
            return
        try:
            with db:
                for sql, args in statements:
                    db.execute(sql, args)
        except sqlite3.DatabaseError as error:
            if is_corruption(error):
                self._discard()

    def lookup(self, path: str, st: os.stat_result, now_ns: int) -> Entry | None:
        """The kept entry for `path` if the file's content is the one kept, else None."""
        from ldnfacts.crossfile import Outline

        absolute = os.path.abspath(path)
        row = self._row(absolute)
        if row is None:
            return None
        *stamps, digest, racy, entry_format, outline = row
        if entry_format != self.format or stamps[0] != st.st_size:
            return None
        same_stamps = tuple(stamps) == signature(st)
        if not same_stamps or racy:
            try:
                if digest_of(path) != digest:
                    return None
            except OSError:
                return None
            still_racy = is_racy(st, now_ns)
            if not same_stamps or racy != still_racy:  # touched, or now old enough
                self._write(
                    (
                        "UPDATE entries SET mtime_ns = ?, ctime_ns = ?, ino = ?, dev = ?, "
                        "racy = ? WHERE path = ?",
                        (*signature(st)[1:], int(still_racy), absolute),
                    )
                )
        try:
            kept = json.loads(outline)
            return Entry(
                path,
                st,
                digest,
                Outline.from_json(kept["outline"], path),
                kept=(self, kept["data"]),
            )
        except (KeyError, TypeError, ValueError):
            return None  # a damaged entry: read the file again

    def content(self, path: str, text_digest: str) -> Any:
        """The kept content of `path` if its text has the digest given, else None (the
        entry is damaged, or was replaced since it was looked up)."""
        text = self._kept_text(path, "data")
        if text is None or _text_digest(text) != text_digest:
            return None
        try:
            return json.loads(text)
        except (TypeError, ValueError):
            return None

    def summary(self, path: str) -> Summary | None:
        """The kept summary of `path`, or None if it is damaged."""
        from ldnfacts.crossfile import Summary

        text = self._kept_text(path, "summary")
        try:
            return None if text is None else Summary.from_json(json.loads(text), path)
        except (TypeError, ValueError):
            return None

    def _kept_text(self, path: str, column: str) -> str | None:
        """One column of the kept content of `path` (`data` or `summary`), if any."""
        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute(
                f"SELECT {column} FROM contents WHERE path = ?", (os.path.abspath(path),)
            ).fetchone()
        except sqlite3.DatabaseError:
            return None
        return row[0] if row is not None and isinstance(row[0], str) else None

    def prune(self) -> None:
        """Forget the entries of files that no longer exist (best effort)."""
        db = self._connect()
        if db is None:
            return
        try:
            gone = [
                (path,)
                for (path,) in db.execute("SELECT path FROM entries").fetchall()
                if not os.path.exists(path)
            ]
            if gone:
                with db:
                    db.executemany("DELETE FROM entries WHERE path = ?", gone)
                    db.executemany("DELETE FROM contents WHERE path = ?", gone)
        except sqlite3.DatabaseError as error:
            if is_corruption(error):
                self._discard()

    def store(self, entry: Entry, now_ns: int) -> None:
        data = json.dumps(entry.data, ensure_ascii=False)
        # the content is decoded only when asked for: its digest, kept with the outline
        # (which is decoded on every lookup), tells a damaged one at once
        outline = {"outline": entry.outline.to_json(), "data": _text_digest(data)}
        path = os.path.abspath(entry.path)
        self._write(
            (
                "INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    path,
                    *signature(entry.stat),
                    entry.digest,
                    int(is_racy(entry.stat, now_ns)),
                    self.format,
                ),
            ),
            (
                "INSERT OR REPLACE INTO contents VALUES (?, ?, ?, ?)",
                (
                    path,
                    json.dumps(outline, ensure_ascii=False),
                    json.dumps(entry.summary.to_json(), ensure_ascii=False),
                    data,
                ),
            ),
        )


def _lay_out(db: sqlite3.Connection) -> None:
    """Empty the file and create this layout's tables (once, if two runs race here)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        if db.execute("PRAGMA user_version").fetchone() != (_LAYOUT,):
            for table in ("entries", "contents"):
                db.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in _SCHEMA:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {_LAYOUT}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _text_digest(text: str) -> str:
    import hashlib

    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def load(paths: Sequence[str], folder: Path | None) -> tuple[list[Entry], list[Problem]]:
    """Each file's content, from the cache when the file is unchanged, else parsed and
    checked on its own; with the problems of the files that had to be parsed. The files
    parsed are kept in the cache when there are several (see above).

    Raises DataError for a file that cannot be read as YAML at all.
    """
    cache = FileCache(folder) if folder is not None else None
    keep = len(paths) > 1
    now_ns = time.time_ns()
    entries: list[Entry] = []
    problems: list[Problem] = []
    stored = False
    try:
        for path in paths:
            entry = None
            if cache is not None:
                with suppress(OSError):
                    entry = cache.lookup(path, os.stat(path), now_ns)
            if entry is None:
                entry, found = parse(path)
                problems.extend(found)
                if cache is not None and keep and not found:
                    cache.store(entry, now_ns)
                    stored = True
            entries.append(entry)
        if cache is not None and stored:
            cache.prune()
    finally:
        if cache is not None:
            cache.close()
    return entries, problems


def parse(path: str) -> tuple[Entry, list[Problem]]:
    """Read and check one file on its own."""
    from ldnfacts.crossfile import summarize
    from ldnfacts.validation import file_problems
    from ldnfacts.yamlfile import read_fact_file

    fact_file = read_fact_file(path)
    found = file_problems(fact_file)
    summary = summarize(fact_file)
    entry = Entry(
        path,
        fact_file.stat,
        fact_file.digest,
        summary.outline(),
        data=fact_file.data,
        summary=summary,
    )
    return entry, found
