"""The fact base as a SQLite index kept in the user's cache folder.

Parsing and validating YAML costs far more than answering a question, and grows with the
base; an index answers in the same few milliseconds at 100 or 100,000 facts. So the first
run after a fact file changes parses and validates it and writes an index; later runs
open the index and never import PyYAML or jsonschema.

The index must never give a wrong answer:

- It is keyed on the fact files' paths and checked against each file's size, mtime,
  ctime, inode and device on every run; any edit changes the ctime, which no tool can set.
  A file changed within two seconds of being indexed ("racy", as git calls it: a second
  edit in the same clock tick could leave every stamp equal) is also compared by content
  hash until it is old enough for its stamps to be trusted. A file whose stamps changed
  but whose size did not is compared by content hash too: a `touch` or a checkout that
  left the content as it was only re-stamps the index.
- A rebuild re-reads only the files that changed: each file's checked content is kept in
  the cache on its own (`filecache`), and the checks across files run over those.
- It is written to a temporary file and renamed into place, so concurrent runs each see
  a complete index or none; the last rename wins and all agree.
- A corrupt, truncated or foreign file is treated as absent and rebuilt.
- If the cache folder cannot be written the index is built in memory: slower, still right.

Only SQLite and JSON are read from the cache (never pickle), so a tampered cache can at
worst produce wrong text, which the renderers still print inertly.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import zlib
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

from ldnfacts import __version__
from ldnfacts.filecache import digest_of, is_corruption, is_racy, signature
from ldnfacts.model import TOPICS
from ldnfacts.paths import cache_dir
from ldnfacts.records import JSONObject, sort_date, stored_fact, stored_source

#: Bump when the layout of the index changes; old indexes are then ignored.
FORMAT = 1
#: Files changed this close to indexing are verified by content until they are older.
RACY_WINDOW_NS = 2_000_000_000
#: Text fields of a fact, with the weight a match in each carries in ranking.
FIELD_WEIGHTS = (("claim", 3), ("tags", 2), ("note", 1))
#: SQLite's smallest limit on bound parameters is 999.
_CHUNK = 900

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (position INTEGER PRIMARY KEY, path TEXT, size INTEGER, mtime_ns INTEGER,
                    ctime_ns INTEGER, ino INTEGER, dev INTEGER, digest TEXT, racy INTEGER);
CREATE TABLE sources (id TEXT PRIMARY KEY, position INTEGER, cited_by INTEGER, json TEXT);
CREATE TABLE facts (rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, topic TEXT, status TEXT,
                    has_study INTEGER, json TEXT);
CREATE INDEX facts_topic ON facts (topic, status);
CREATE TABLE related (fact INTEGER, other TEXT);
CREATE INDEX related_other ON related (other);
CREATE TABLE postings (token TEXT, fact INTEGER, weight INTEGER, PRIMARY KEY (token, fact))
    WITHOUT ROWID;
CREATE TABLE vocabulary (word TEXT PRIMARY KEY, facts INTEGER) WITHOUT ROWID;
"""


class CacheCorrupt(Exception):
    """The index failed while being read: treat it as absent, rebuild it, try again."""

    def __init__(self, path: str, error: Exception) -> None:
        super().__init__(f"{path}: {error}")
        self.path = path


class FactStore:
    """Read access to an indexed fact base. Row ids give the natural order of facts:
    by topic, approval history by date, otherwise as written in the files."""

    def __init__(self, db: sqlite3.Connection, location: str) -> None:
        self._db = db
        self.location = location

    def _rows(self, sql: str, args: Sequence[object] = ()) -> list[Any]:
        """Run a query; a damaged index file surfaces as CacheCorrupt, never as a crash."""
        try:
            return self._db.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as error:
            if is_corruption(error):
                raise CacheCorrupt(self.location, error) from error
            raise

    def _json(self, text: str) -> Any:
        try:
            return json.loads(text)
        except ValueError as error:
            raise CacheCorrupt(self.location, error) from error

    def meta(self) -> dict[str, str]:
        return dict(self._rows("SELECT key, value FROM meta"))

    def facts(self, rowids: Iterable[int]) -> dict[int, JSONObject]:
        """Stored facts by row id."""
        found: dict[int, JSONObject] = {}
        ids = list(rowids)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for rowid, text in self._rows(
                f"SELECT rowid, json FROM facts WHERE rowid IN ({marks})", chunk
            ):
                found[rowid] = self._json(text)
        return found

    def listing(self, topic: str | None, statuses: Sequence[str]) -> list[int]:
        """Row ids of the facts in a topic (or all), in natural order."""
        sql, args = "SELECT rowid FROM facts WHERE 1", []
        if topic:
            sql, args = sql + " AND topic = ?", [topic]
        if statuses:
            sql += f" AND status IN ({','.join('?' * len(statuses))})"
            args.extend(statuses)
        return [row[0] for row in self._rows(sql + " ORDER BY rowid", args)]

    def matches(self, token: str) -> dict[int, int]:
        """Facts with a word beginning with `token`, and how well each matches.

        A match in the claim outweighs one in the tags, which outweighs one in the note;
        a whole-word match outweighs a prefix.
        """
        rows = self._rows(
            "SELECT fact, max(weight * 2 + (token = ?)) FROM postings "
            "WHERE token >= ? AND token < ? GROUP BY fact",
            (token, token, token + "\U0010ffff"),
        )
        return dict(rows)

    def _chunked(self, sql: str, values: Sequence[object]) -> list[Any]:
        """Run `sql`, whose `{marks}` stands for an IN list, over `values` in chunks that
        stay within SQLite's limit on bound parameters."""
        rows: list[Any] = []
        for start in range(0, len(values), _CHUNK):
            chunk = values[start : start + _CHUNK]
            rows.extend(self._rows(sql.format(marks=",".join("?" * len(chunk))), chunk))
        return rows

    def rowid_map(self, fact_ids: Iterable[str]) -> dict[str, int]:
        """Row ids of the given facts that exist, by id."""
        wanted = sorted(set(fact_ids))
        return dict(self._chunked("SELECT id, rowid FROM facts WHERE id IN ({marks})", wanted))

    def rowids_of(self, fact_ids: Sequence[str]) -> list[int]:
        """Row ids of the given facts, in the order given; unknown ids are left out."""
        found = self.rowid_map(fact_ids)
        return [found[f] for f in fact_ids if f in found]

    def referrers_of(self, fact_ids: Iterable[str]) -> dict[str, list[int]]:
        """For each of `fact_ids`, the row ids of facts listing it among their related
        facts, in natural order: one query for all of them (chunked)."""
        found: dict[str, list[int]] = {}
        rows = self._chunked(
            "SELECT other, fact FROM related WHERE other IN ({marks}) ORDER BY fact",
            sorted(set(fact_ids)),
        )
        for other, fact in sorted(rows, key=lambda row: row[1]):
            found.setdefault(other, []).append(fact)
        return found

    def existing_ids(self, candidates: Iterable[str]) -> list[str]:
        """Those of `candidates` that are fact ids (chunked)."""
        wanted = sorted(set(candidates))
        return [
            row[0] for row in self._chunked("SELECT id FROM facts WHERE id IN ({marks})", wanted)
        ]

    def ids_around(self, name: str, limit: int = 6) -> list[str]:
        """Up to `limit` fact ids on each side of `name` in sorted order, and the ids that
        share its longest prefixes: a bounded list of look-alike candidates."""
        found = [
            row[0]
            for row in self._rows(
                "SELECT id FROM facts WHERE id < ? ORDER BY id DESC LIMIT ?", (name, limit)
            )
        ]
        found += [
            row[0]
            for row in self._rows(
                "SELECT id FROM facts WHERE id >= ? ORDER BY id LIMIT ?", (name, limit)
            )
        ]
        for cut in range(len(name) - 1, 0, -1):
            if len(found) >= 4 * limit:
                break
            found += self.ids_starting(name[:cut], limit)
        return list(dict.fromkeys(found))

    def fact_ids(self) -> list[str]:
        return [row[0] for row in self._rows("SELECT id FROM facts ORDER BY rowid")]

    def referrers(self, fact_id: str) -> list[int]:
        """Row ids of facts that list `fact_id` among their related facts."""
        return [
            row[0]
            for row in self._rows(
                "SELECT fact FROM related WHERE other = ? ORDER BY fact", (fact_id,)
            )
        ]

    def sources(self, ids: Iterable[str] | None = None) -> dict[str, JSONObject]:
        """Stored sources by id (all of them when `ids` is None), in file order."""
        if ids is None:
            rows = self._rows("SELECT id, json FROM sources ORDER BY position")
            return {sid: self._json(text) for sid, text in rows}
        rows = self._chunked("SELECT id, json FROM sources WHERE id IN ({marks})", sorted(set(ids)))
        return {sid: self._json(text) for sid, text in rows}

    def citation_counts(self) -> dict[str, int]:
        return dict(self._rows("SELECT id, cited_by FROM sources"))

    def vocabulary(self) -> list[str]:
        return [row[0] for row in self._rows("SELECT word FROM vocabulary ORDER BY word")]

    def words_starting(self, prefix: str, limit: int = 100) -> list[str]:
        """Words of the base beginning with `prefix`, most used first (for completion)."""
        return [
            row[0]
            for row in self._rows(
                "SELECT word FROM vocabulary WHERE word >= ? AND word < ? "
                "ORDER BY facts DESC, word LIMIT ?",
                (prefix, prefix + "\U0010ffff", limit),
            )
        ]

    def ids_starting(self, prefix: str, limit: int = 100) -> list[str]:
        """Fact ids beginning with `prefix` (for completion)."""
        return [
            row[0]
            for row in self._rows(
                "SELECT id FROM facts WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
                (prefix, prefix + "\U0010ffff", limit),
            )
        ]

    def status_counts(self) -> list[tuple[str, str, int]]:
        """(topic, status, number of facts) for every pair that occurs."""
        return list(self._rows("SELECT topic, status, count(*) FROM facts GROUP BY topic, status"))

    def studies(self) -> list[int]:
        """Row ids of facts that carry structured study results, in natural order."""
        return [
            row[0] for row in self._rows("SELECT rowid FROM facts WHERE has_study ORDER BY rowid")
        ]


def cache_path(paths: Sequence[str], environ: Mapping[str, str]) -> Path:
    """Where the index of this set of fact files lives."""
    key = "\0".join([str(FORMAT), __version__, *(os.path.abspath(p) for p in paths)])
    return (
        cache_dir(environ) / f"facts-{zlib.crc32(key.encode('utf-8', 'surrogatepass')):08x}.sqlite3"
    )


def open_store(paths: Sequence[str], environ: Mapping[str, str]) -> FactStore:
    """An up-to-date index of `paths`, from the cache when it is fresh.

    Raises DataError (exit 3) when a fact file is missing, unreadable or invalid.
    """
    target = cache_path(paths, environ)
    store = _open_cached(target, paths)
    if store is not None:
        return store
    return rebuild(paths, target)


def open_existing(paths: Sequence[str], environ: Mapping[str, str]) -> FactStore | None:
    """The index of `paths` as it is, even if the files changed since; None if there is
    none. For completion, which must answer at once and never rebuild: a suggestion from
    a slightly stale index is better than a frozen shell. Never raises."""
    target = cache_path(paths, environ)
    try:
        if not target.is_file():
            return None
        db = _connect_read_only(target)
    except (OSError, sqlite3.Error):
        return None
    try:
        if _matches_paths(db, paths):
            return FactStore(db, str(target))
    except (OSError, sqlite3.Error, ValueError):
        pass
    db.close()
    return None


def rebuild(paths: Sequence[str], target: Path) -> FactStore:
    """Write a fresh index of the fact files, and open it.

    Files unchanged since an earlier run are taken from the per-file cache; the others are
    parsed and checked. The checks across files run over all of them.
    """
    from ldnfacts import filecache
    from ldnfacts.errors import DataError
    from ldnfacts.validation import cross_file_problems, sort_problems

    started_ns = time.time_ns()
    try:
        files, problems = filecache.load(paths, target.parent)
    except DataError as error:
        raise DataError(error.problems, files=paths) from None
    problems.extend(cross_file_problems([f.summary for f in files]))
    if any(p.severity == "error" for p in problems):
        raise DataError(sort_problems(problems, paths), files=paths)
    temporary = target.with_name(f"{target.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(temporary)
        # A private file renamed into place only when complete: a journal and syncs to
        # disk would protect nothing that the rename does not (a crash leaves a temporary
        # file; a power cut at worst a damaged index, which is rebuilt).
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        try:
            _write_index(db, files, started_ns)
        finally:
            db.close()
        os.replace(temporary, target)
        return FactStore(_connect_read_only(target), str(target))
    except (OSError, sqlite3.Error):
        memory = sqlite3.connect(":memory:")
        _write_index(memory, files, started_ns)
        return FactStore(memory, ":memory:")
    finally:
        with suppress(OSError):
            os.unlink(temporary)  # left only by a failed or interrupted build


def discard(location: str) -> None:
    """Remove a damaged index so that the next open rebuilds it."""
    if location != ":memory:":
        with suppress(OSError):
            os.unlink(location)


def _connect_read_only(path: Path) -> sqlite3.Connection:
    uri = path.resolve().as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True)


#: Kept under its old name for the index writer.
_signature = signature


def _open_cached(target: Path, paths: Sequence[str]) -> FactStore | None:
    """The cached index if it is complete and matches the files exactly, else None."""
    if not target.is_file():
        return None
    try:
        db = _connect_read_only(target)
    except sqlite3.Error:
        return None
    try:
        if _is_fresh(db, target, paths):
            return FactStore(db, str(target))
    except (OSError, sqlite3.Error, ValueError):
        pass  # unreadable or foreign: rebuilt like a missing one
    db.close()
    return None


def _matches_paths(db: sqlite3.Connection, paths: Sequence[str]) -> bool:
    meta = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('format', 'version')"))
    if meta != {"format": str(FORMAT), "version": __version__}:
        return False
    rows = db.execute("SELECT path FROM files ORDER BY position").fetchall()
    return [row[0] for row in rows] == [os.path.abspath(p) for p in paths]


def _is_fresh(db: sqlite3.Connection, target: Path, paths: Sequence[str]) -> bool:
    if not _matches_paths(db, paths):
        return False
    rows = db.execute(
        "SELECT path, size, mtime_ns, ctime_ns, ino, dev, digest, racy FROM files ORDER BY position"
    ).fetchall()
    restamp: list[tuple[str, os.stat_result]] = []
    for path, *stamps, digest, racy in rows:
        st = os.stat(path)
        if tuple(stamps) == _signature(st):
            if racy and not _settle_racy(target, path, digest):
                return False
        elif stamps[0] == st.st_size and digest_of(path) == digest:
            restamp.append((path, st))  # touched or checked out, content unchanged
        else:
            return False
    if restamp:
        _restamp(target, restamp)
    return True


def _restamp(target: Path, files: list[tuple[str, os.stat_result]]) -> None:
    """Record new stamps for files whose content is the one indexed (best effort)."""
    now_ns = time.time_ns()
    with suppress(sqlite3.Error), sqlite3.connect(target, timeout=0.05) as db:
        db.executemany(
            "UPDATE files SET size = ?, mtime_ns = ?, ctime_ns = ?, ino = ?, dev = ?, racy = ? "
            "WHERE path = ?",
            [(*_signature(st), int(is_racy(st, now_ns)), path) for path, st in files],
        )


def _settle_racy(target: Path, path: str, digest: str) -> bool:
    """Compare a recently changed file by content; once old enough, trust its stamps."""
    if digest_of(path) != digest:
        return False
    st = os.stat(path)
    if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > RACY_WINDOW_NS:
        with suppress(sqlite3.Error), sqlite3.connect(target, timeout=0.05) as db:
            db.execute("UPDATE files SET racy = 0 WHERE path = ?", (path,))
    return True


def _write_index(db: sqlite3.Connection, files: Sequence[Any], started_ns: int) -> None:
    from ldnfacts.words import surface_words, tokens

    db.executescript(_SCHEMA)
    topic_rank = {topic: rank for rank, topic in enumerate(TOPICS)}
    facts = [stored_fact(raw) for f in files for raw in f.data.get("facts") or []]
    facts.sort(
        key=lambda f: (topic_rank[f["topic"]], sort_date(f) if f["topic"] == "approval" else "")
    )
    cited_by: dict[str, int] = {}
    postings: list[tuple[str, int, int]] = []
    vocabulary: dict[str, int] = {}
    for rowid, fact in enumerate(facts, start=1):
        for ref in {ref["ref"] for ref in fact["sources"]}:
            cited_by[ref] = cited_by.get(ref, 0) + 1
        weights: dict[str, int] = {}
        words: set[str] = set()
        for name, weight in FIELD_WEIGHTS:
            value = fact[name]
            text = " ".join(value) if isinstance(value, list) else value or ""
            words.update(surface_words(text))
            for token in tokens(text):
                weights[token] = max(weights.get(token, 0), weight)
        postings.extend((token, rowid, weight) for token, weight in weights.items())
        for word in words:
            vocabulary[word] = vocabulary.get(word, 0) + 1
    db.executemany(
        "INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?)",
        (
            (
                rowid,
                f["id"],
                f["topic"],
                f["status"],
                f["study"] is not None,
                json.dumps(f, ensure_ascii=False),
            )
            for rowid, f in enumerate(facts, start=1)
        ),
    )
    db.executemany(
        "INSERT INTO related VALUES (?, ?)",
        ((rowid, other) for rowid, f in enumerate(facts, start=1) for other in f["related"]),
    )
    db.executemany("INSERT INTO postings VALUES (?, ?, ?)", postings)
    db.executemany("INSERT INTO vocabulary VALUES (?, ?)", vocabulary.items())
    sources = [stored_source(raw) for f in files for raw in f.data.get("sources") or []]
    db.executemany(
        "INSERT INTO sources VALUES (?, ?, ?, ?)",
        (
            (s["id"], position, cited_by.get(s["id"], 0), json.dumps(s, ensure_ascii=False))
            for position, s in enumerate(sources)
        ),
    )
    db.executemany(
        "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                position,
                os.path.abspath(f.path),
                *_signature(f.stat),
                f.digest,
                int(max(f.stat.st_mtime_ns, f.stat.st_ctime_ns) >= started_ns - RACY_WINDOW_NS),
            )
            for position, f in enumerate(files)
        ),
    )
    base_meta: dict[str, Any] = next(
        (f.data["meta"] for f in files if isinstance(f.data.get("meta"), dict)), {}
    )
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("format", str(FORMAT)),
            ("version", __version__),
            ("built_at_ns", str(started_ns)),
            ("facts", str(len(facts))),
            ("sources", str(len(sources))),
            ("base", json.dumps(base_meta, ensure_ascii=False)),
        ],
    )
    db.commit()
