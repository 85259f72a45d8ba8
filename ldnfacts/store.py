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
  hash until it is old enough for its stamps to be trusted.
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
from functools import lru_cache
from pathlib import Path
from typing import Any

from ldnfacts import __version__
from ldnfacts.model import TOPICS
from ldnfacts.paths import cache_dir
from ldnfacts.records import JSONObject, sort_date, stored_fact, stored_source

#: Bump when the layout of the index changes; old indexes are then ignored.
FORMAT = 3
#: Files changed this close to indexing are verified by content until they are older.
RACY_WINDOW_NS = 2_000_000_000
#: Searchable fields of a fact, with the weight a match in each carries in BM25 ranking:
#: the claim, its tags, its note, its names (id, study name and condition, conditions) and
#: the sources it cites (ids, titles, authors, journal, publisher, DOI, PMID, PMCID, NCT).
FIELD_WEIGHTS = (("claim", 4.0), ("tags", 3.0), ("note", 1.0), ("names", 3.0), ("cites", 1.0))
FIELDS = tuple(name for name, _ in FIELD_WEIGHTS)
_BM25 = "bm25(fact_fts, {})".format(", ".join(str(w) for _, w in FIELD_WEIGHTS))
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
CREATE TABLE terms (term TEXT PRIMARY KEY, facts INTEGER) WITHOUT ROWID;
CREATE TABLE vocabulary (word TEXT PRIMARY KEY, facts INTEGER, spelling TEXT) WITHOUT ROWID;
CREATE INDEX vocabulary_spelling ON vocabulary (spelling);
CREATE TABLE conditions (condition TEXT, fact INTEGER, PRIMARY KEY (condition, fact))
    WITHOUT ROWID;
"""
#: The word index: SQLite FTS5 over the analysed text (`words.tokens`), so that questions
#: and facts go through the same analyser; contentless, since the facts are kept as JSON.
_FTS_SCHEMA = """
CREATE VIRTUAL TABLE fact_fts USING fts5(claim, tags, note, names, cites, content='',
    tokenize="unicode61 remove_diacritics 0 tokenchars '.'");
"""
#: The analysed text of each fact, by field: read back for the facts a question is scored
#: on (coverage, explanations, BM25 of candidates). `impacts` lists, for every term, the
#: facts where it weighs most (its top IMPACTS by one-term BM25), so that a question with very
#: common words is scored on those candidates instead of on half the base.
_TEXT_SCHEMA = """
CREATE TABLE fact_text (rowid INTEGER PRIMARY KEY, claim TEXT, tags TEXT, note TEXT,
    names TEXT, cites TEXT);
CREATE TABLE impacts (term TEXT, score REAL, fact INTEGER);
CREATE INDEX impacts_term ON impacts (term, score DESC);
"""
#: How many facts per term `impacts` keeps.
IMPACTS = 200
#: BM25 parameters, as SQLite FTS5's bm25() uses them.
BM25_K1 = 1.2
BM25_B = 0.75


@lru_cache(maxsize=1)
def fts5_available() -> bool:
    """Whether this Python's SQLite has the FTS5 full-text index (most builds do)."""
    db = sqlite3.connect(":memory:")
    try:
        db.execute("CREATE VIRTUAL TABLE probe USING fts5(x)")
        return True
    except sqlite3.Error:
        return False
    finally:
        db.close()


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
            raise CacheCorrupt(self.location, error) from error

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

    def _scope(self, topic: str | None, statuses: Sequence[str]) -> tuple[str, list[object]]:
        sql, args = "", list[object]()
        if topic:
            sql, args = " AND f.topic = ?", [topic]
        if statuses:
            sql += f" AND f.status IN ({','.join('?' * len(statuses))})"
            args.extend(statuses)
        return sql, args

    def ranked(
        self,
        match: str,
        topic: str | None = None,
        statuses: Sequence[str] = (),
        limit: int | None = None,
        natural: bool = False,
    ) -> list[tuple[int, float]]:
        """(row id, score) of the facts matching an FTS5 expression, best first (or in
        natural order); the score is BM25 with the field weights, higher is better."""
        scope, args = self._scope(topic, statuses)
        join = " JOIN facts f ON f.rowid = fact_fts.rowid" if scope else ""
        order = "fact_fts.rowid" if natural else "rank"
        sql = (
            f"SELECT fact_fts.rowid, -{_BM25} FROM fact_fts{join} "
            f"WHERE fact_fts MATCH ?{scope} ORDER BY {order}"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [(row[0], row[1]) for row in self._rows(sql, [match, *args])]

    def in_scope(
        self, rowids: Sequence[int], topic: str | None, statuses: Sequence[str]
    ) -> set[int]:
        """Which of `rowids` are in a topic and have one of `statuses` (all when unset)."""
        if not topic and not statuses:
            return set(rowids)
        scope, args = self._scope(topic, statuses)
        found: set[int] = set()
        for start in range(0, len(rowids), _CHUNK):
            chunk = list(rowids[start : start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            found.update(
                row[0]
                for row in self._rows(
                    f"SELECT f.rowid FROM facts f WHERE f.rowid IN ({marks}){scope}",
                    [*chunk, *args],
                )
            )
        return found

    def count(self, match: str, topic: str | None = None, statuses: Sequence[str] = ()) -> int:
        scope, args = self._scope(topic, statuses)
        join = " JOIN facts f ON f.rowid = fact_fts.rowid" if scope else ""
        sql = f"SELECT count(*) FROM fact_fts{join} WHERE fact_fts MATCH ?{scope}"
        return int(self._rows(sql, [match, *args])[0][0])

    def with_conditions(self, conditions: Sequence[str]) -> set[int]:
        """Row ids of the facts about any of `conditions`, named as in the fact files."""
        wanted = list(conditions)
        marks = ",".join("?" * len(wanted))
        return {
            row[0]
            for row in self._rows(
                f"SELECT fact FROM conditions WHERE condition IN ({marks})", wanted
            )
        }

    def texts(self, rowids: Sequence[int]) -> dict[int, dict[str, list[str]]]:
        """The analysed fields of facts, as lists of terms."""
        found: dict[int, dict[str, list[str]]] = {}
        ids = list(rowids)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in self._rows(
                f"SELECT rowid, {', '.join(FIELDS)} FROM fact_text WHERE rowid IN ({marks})", chunk
            ):
                found[row[0]] = {
                    name: (text or "").split() for name, text in zip(FIELDS, row[1:], strict=True)
                }
        return found

    def impacts(self, term: str, limit: int = IMPACTS) -> list[int]:
        """The facts where `term` weighs most, best first."""
        return [
            row[0]
            for row in self._rows(
                "SELECT fact FROM impacts WHERE term = ? ORDER BY score DESC LIMIT ?",
                (term, limit),
            )
        ]

    def frequencies(self, terms: Sequence[str]) -> dict[str, int]:
        """How many facts hold each term."""
        marks = ",".join("?" * len(terms))
        return dict(self._rows(f"SELECT term, facts FROM terms WHERE term IN ({marks})", terms))

    def terms_starting(self, prefix: str, limit: int = 50) -> list[tuple[str, int]]:
        """Index terms beginning with `prefix` and how many facts hold each, commonest first."""
        return [
            (row[0], row[1])
            for row in self._rows(
                "SELECT term, facts FROM terms WHERE term >= ? AND term < ? "
                "ORDER BY facts DESC LIMIT ?",
                (prefix, prefix + "\U0010ffff", limit),
            )
        ]

    def knows(self, term: str, prefix: bool = False) -> bool:
        """Whether any fact has the index term `term` (or, with `prefix`, one beginning
        with it)."""
        if prefix:
            rows = self._rows(
                "SELECT 1 FROM terms WHERE term >= ? AND term < ? LIMIT 1",
                (term, term + "\U0010ffff"),
            )
        else:
            rows = self._rows("SELECT 1 FROM terms WHERE term = ?", (term,))
        return bool(rows)

    def spelling_candidates(self, word: str, distance: int) -> list[tuple[str, int]]:
        """Words of the base that could be `word` misspelled: same first letter, length
        within `distance`. Looked up by (first letter, length), never a scan."""
        from ldnfacts.words import spelling_key

        keys = [
            spelling_key(word[:1] + "x" * (n - 1))
            for n in range(max(1, len(word) - distance), len(word) + distance + 1)
        ]
        marks = ",".join("?" * len(keys))
        return [
            (row[0], row[1])
            for row in self._rows(
                f"SELECT word, facts FROM vocabulary WHERE spelling IN ({marks})", keys
            )
        ]

    def rowids_of(self, fact_ids: Sequence[str]) -> list[int]:
        """Row ids of the given facts, in the order given; unknown ids are left out."""
        marks = ",".join("?" * len(fact_ids))
        found = dict(
            self._rows(f"SELECT id, rowid FROM facts WHERE id IN ({marks})", list(fact_ids))
        )
        return [found[f] for f in fact_ids if f in found]

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
        wanted = sorted(set(ids))
        marks = ",".join("?" * len(wanted))
        rows = self._rows(f"SELECT id, json FROM sources WHERE id IN ({marks})", wanted)
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


def rebuild(paths: Sequence[str], target: Path) -> FactStore:
    """Parse and validate the fact files, write a fresh index, and open it."""
    from ldnfacts.errors import DataError
    from ldnfacts.validation import check_files
    from ldnfacts.yamlfile import read_fact_file

    started_ns = time.time_ns()
    files = [read_fact_file(p) for p in paths]
    problems = check_files(files)
    if any(p.severity == "error" for p in problems):
        raise DataError(problems)
    temporary = target.with_name(f"{target.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(temporary)
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


def _signature(st: os.stat_result) -> tuple[int, int, int, int, int]:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


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


def _is_fresh(db: sqlite3.Connection, target: Path, paths: Sequence[str]) -> bool:
    meta = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('format', 'version')"))
    if meta != {"format": str(FORMAT), "version": __version__}:
        return False
    rows = db.execute(
        "SELECT path, size, mtime_ns, ctime_ns, ino, dev, digest, racy FROM files ORDER BY position"
    ).fetchall()
    if [row[0] for row in rows] != [os.path.abspath(p) for p in paths]:
        return False
    for path, *stamps, digest, racy in rows:
        if tuple(stamps) != _signature(os.stat(path)):
            return False
        if racy and not _settle_racy(target, path, digest):
            return False
    return True


def _settle_racy(target: Path, path: str, digest: str) -> bool:
    """Compare a recently changed file by content; once old enough, trust its stamps."""
    import hashlib

    content = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):  # memory stays flat
            content.update(chunk)
    if content.hexdigest() != digest:
        return False
    st = os.stat(path)
    if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > RACY_WINDOW_NS:
        with suppress(sqlite3.Error), sqlite3.connect(target, timeout=0.05) as db:
            db.execute("UPDATE files SET racy = 0 WHERE path = ?", (path,))
    return True


def fact_fields(fact: JSONObject, sources: Mapping[str, JSONObject]) -> dict[str, str]:
    """The searchable text of a fact, by field (see FIELD_WEIGHTS)."""
    study = fact.get("study") or {}
    names = [fact["id"], str(study.get("name") or ""), str(study.get("condition") or "")]
    names.extend(str(c) for c in fact.get("conditions") or [])
    cites = []
    for ref in fact["sources"]:
        source = sources.get(ref["ref"]) or {}
        cites.append(ref["ref"])
        cites.extend(
            str(source.get(k) or "")
            for k in ("title", "journal", "publisher", "doi", "pmid", "pmcid", "nct")
        )
        cites.extend(str(a) for a in source.get("authors") or [])
    return {
        "claim": fact["claim"],
        "tags": " ".join(fact["tags"]),
        "note": fact.get("note") or "",
        "names": " ".join(n for n in names if n),
        "cites": " ".join(c for c in cites if c),
    }


def _write_index(db: sqlite3.Connection, files: Sequence[Any], started_ns: int) -> None:
    from ldnfacts.words import spelling_key, tokens, vocabulary, words

    stopwords = vocabulary().stopwords
    fts = fts5_available()
    db.executescript(_SCHEMA + _TEXT_SCHEMA + (_FTS_SCHEMA if fts else ""))
    topic_rank = {topic: rank for rank, topic in enumerate(TOPICS)}
    facts = [stored_fact(raw) for f in files for raw in f.data.get("facts") or []]
    facts.sort(
        key=lambda f: (topic_rank[f["topic"]], sort_date(f) if f["topic"] == "approval" else "")
    )
    sources = [stored_source(raw) for f in files for raw in f.data.get("sources") or []]
    by_id = {s["id"]: s for s in sources}
    cited_by: dict[str, int] = {}
    vocabulary_counts: dict[str, int] = {}
    term_counts: dict[str, int] = {}
    rows: list[tuple[object, ...]] = []
    conditions: set[tuple[str, int]] = set()
    analysed_texts: dict[str, tuple[str, frozenset[str]]] = {}
    for rowid, fact in enumerate(facts, start=1):
        for ref in {ref["ref"] for ref in fact["sources"]}:
            cited_by[ref] = cited_by.get(ref, 0) + 1
        terms: set[str] = set()
        seen: set[str] = set()
        analysed = []
        for text in fact_fields(fact, by_id).values():
            if text not in analysed_texts:  # sources repeat across facts: analyse once
                analysed_texts[text] = (
                    " ".join(tokens(text, stopwords)),
                    frozenset(
                        w.surface
                        for w in words(text)
                        if not w.joined and w.surface not in stopwords and w.surface.isalpha()
                    ),
                )
            field_terms, field_words = analysed_texts[text]
            analysed.append(field_terms)
            terms.update(field_terms.split())
            seen.update(field_words)
        rows.append((rowid, *analysed))
        for term in terms:
            term_counts[term] = term_counts.get(term, 0) + 1
        for word in seen:
            vocabulary_counts[word] = vocabulary_counts.get(word, 0) + 1
        for condition in fact.get("conditions") or []:
            conditions.add((str(condition), rowid))
    for table in ("fact_fts", "fact_text") if fts else ("fact_text",):
        db.executemany(
            f"INSERT INTO {table} (rowid, {', '.join(FIELDS)}) VALUES (?,?,?,?,?,?)", rows
        )
    average = _write_impacts(db, rows)
    db.executemany("INSERT INTO terms VALUES (?, ?)", term_counts.items())
    db.executemany(
        "INSERT INTO vocabulary VALUES (?, ?, ?)",
        ((w, n, spelling_key(w)) for w, n in vocabulary_counts.items()),
    )
    db.executemany("INSERT INTO conditions VALUES (?, ?)", sorted(conditions))
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
            ("vocabulary", json.dumps(_user_vocabulary(files), ensure_ascii=False)),
            (
                "compiled_vocabulary",
                json.dumps(
                    vocabulary().merged(_user_vocabulary(files)).to_json(), ensure_ascii=False
                ),
            ),
            ("fts5", str(int(fts))),
            ("average_length", repr(average)),
        ],
    )
    db.commit()


def _user_vocabulary(files: Sequence[Any]) -> JSONObject:
    """The `vocabulary` entries of the fact files, merged (see README, Search vocabulary)."""
    merged: JSONObject = {"stopwords": [], "generic": [], "concepts": []}
    for f in files:
        extra = f.data.get("vocabulary")
        if isinstance(extra, dict):
            for key in merged:
                merged[key].extend(extra.get(key) or [])
    return merged if any(merged.values()) else {}


def _write_impacts(db: sqlite3.Connection, rows: Sequence[tuple[Any, ...]]) -> float:
    """Fill `impacts` and return the average analysed length of a fact."""
    import heapq

    lengths = [sum(len(text.split()) for text in row[1:]) for row in rows]
    average = (sum(lengths) / len(lengths)) if lengths else 1.0
    weights = [w for _, w in FIELD_WEIGHTS]
    best: dict[str, list[tuple[float, int]]] = {}
    for row, length in zip(rows, lengths, strict=True):
        frequencies: dict[str, float] = {}
        for weight, text in zip(weights, row[1:], strict=True):
            for term in text.split():
                frequencies[term] = frequencies.get(term, 0.0) + weight
        norm = BM25_K1 * (1 - BM25_B + BM25_B * length / average)
        for term, tf in frequencies.items():
            item = (tf * (BM25_K1 + 1) / (tf + norm), -row[0])
            heap = best.setdefault(term, [])
            if len(heap) < IMPACTS:
                heapq.heappush(heap, item)
            elif item > heap[0]:
                heapq.heapreplace(heap, item)
    db.executemany(
        "INSERT INTO impacts VALUES (?, ?, ?)",
        ((term, score, -negative) for term, heap in best.items() for score, negative in heap),
    )
    return average
