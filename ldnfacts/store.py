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
- A full build is written to a temporary file and renamed into place, so concurrent runs
  each see a complete index or none; the last rename wins and all agree. An update of
  the changed files is one transaction in place (`indexer.update_in_place`), and each run
  reads inside one read transaction (`FactStore.hold`), so it too is seen whole or not.
- A corrupt, truncated or foreign file is treated as absent and rebuilt.
- If the cache folder cannot be written the index is built in memory: slower, still right.

Only SQLite and JSON are read from the cache (never pickle), so a tampered cache can at
worst produce wrong text, which the renderers still print inertly.

This module reads the index and decides when it must be written; `indexer` writes it (a
full build, or an update in place of the changed files).
"""

from __future__ import annotations

import gc
import json
import os
import sqlite3
import sys
import time
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from functools import lru_cache
from pathlib import Path
from typing import Any

from ldnfacts import __version__
from ldnfacts.filecache import digest_of, is_corruption, is_racy, signature
from ldnfacts.paths import cache_dir
from ldnfacts.records import JSONObject, fact_records

#: Bump when the layout of the index changes; old indexes are then ignored.
FORMAT = 6
#: Files changed this close to indexing are verified by content until they are older.
RACY_WINDOW_NS = 2_000_000_000
#: Searchable fields of a fact, with the weight a match in each carries in BM25 ranking:
#: the claim, its tags, its note, its names (id, study name and condition, conditions) and
#: the sources it cites (ids, titles, authors, journal, publisher, DOI, PMID, PMCID, NCT).
FIELD_WEIGHTS = (("claim", 4.0), ("tags", 3.0), ("note", 1.0), ("names", 3.0), ("cites", 1.0))
FIELDS = tuple(name for name, _ in FIELD_WEIGHTS)
_BM25 = "bm25(fact_fts, {})".format(", ".join(str(w) for _, w in FIELD_WEIGHTS))
#: IN lists are split to this many values: SQLite's smallest limit on parameters is 999.
IN_LIST_MAX = 900

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


def occurrences(terms: list[str], phrase: Sequence[str]) -> int:
    """How many times the words of `phrase` stand in a row in a field's `terms`, as FTS5
    counts a phrase (for search's scoring outside FTS5 and a held base's)."""
    first = phrase[0]
    places = terms.count(first)  # at C speed; most fields hold none
    if not places:
        return 0
    rest = list(phrase[1:])
    found, at = 0, 0
    for _ in range(places):  # each place the first word stands, found at C speed
        at = terms.index(first, at) + 1
        found += terms[at : at + len(rest)] == rest
    return found


def own_terms(fields: Mapping[str, list[str]]) -> frozenset[str]:
    """The terms of a fact's own fields (`FactStore.texts`): all but what it cites."""
    return frozenset(t for name, terms in fields.items() if name != "cites" for t in terms)


class FactStore:
    """Read access to an indexed fact base. Row ids give the natural order of facts:
    by topic, approval history by date, otherwise as written in the files."""

    def __init__(self, db: sqlite3.Connection, location: str) -> None:
        self._db = db
        self.location = location
        self._impacts_average: float | None = None

    def hold(self) -> None:
        """Read from this state of the index until `close`: an update committed meanwhile
        in place (`indexer.update_in_place`) waits for the reads to end, so that no
        answer mixes two states of the index."""
        self._db.execute("BEGIN")

    def close(self) -> None:
        self._db.close()

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

    def content_digest(self) -> str:
        """A short hash of the fact files' contents, in order: two copies of a base compare
        equal exactly when their files do, whatever their paths or dates."""
        import hashlib

        digests = [row[0] for row in self._rows("SELECT digest FROM files ORDER BY position")]
        return hashlib.blake2b("\0".join(digests).encode(), digest_size=6).hexdigest()

    def facts(self, rowids: Iterable[int]) -> dict[int, JSONObject]:
        """Stored facts by row id."""
        found: dict[int, JSONObject] = {}
        ids = list(rowids)
        for start in range(0, len(ids), IN_LIST_MAX):
            chunk = ids[start : start + IN_LIST_MAX]
            marks = ",".join("?" * len(chunk))
            for rowid, text in self._rows(
                f"SELECT rowid, json FROM facts WHERE rowid IN ({marks})", chunk
            ):
                found[rowid] = self._json(text)
        return found

    def records(self, rowids: Sequence[int]) -> list[JSONObject]:
        """Documented fact objects (`records.fact_records`) for `rowids`, in that order."""
        stored = self.facts(rowids)
        sources = self.sources({ref["ref"] for f in stored.values() for ref in f["sources"]})
        return fact_records((stored[r] for r in rowids if r in stored), sources)

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
        # the weighted score itself, not FTS5's `rank` (BM25 without the field weights);
        # ties in row order
        order = "fact_fts.rowid" if natural else "2 DESC, fact_fts.rowid"
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
        for start in range(0, len(rowids), IN_LIST_MAX):
            chunk = list(rowids[start : start + IN_LIST_MAX])
            marks = ",".join("?" * len(chunk))
            found.update(
                row[0]
                for row in self._rows(
                    f"SELECT f.rowid FROM facts f WHERE f.rowid IN ({marks}){scope}",
                    [*chunk, *args],
                )
            )
        return found

    def matching(self, match: str) -> set[int]:
        """Row ids of the facts matching an FTS5 expression."""
        return {
            row[0]
            for row in self._rows("SELECT rowid FROM fact_fts WHERE fact_fts MATCH ?", [match])
        }

    def count(self, match: str, topic: str | None = None, statuses: Sequence[str] = ()) -> int:
        scope, args = self._scope(topic, statuses)
        join = " JOIN facts f ON f.rowid = fact_fts.rowid" if scope else ""
        sql = f"SELECT count(*) FROM fact_fts{join} WHERE fact_fts MATCH ?{scope}"
        return int(self._rows(sql, [match, *args])[0][0])

    def condition_counts(self) -> list[tuple[str, str, int]]:
        """(topic, condition, number of facts) for every pair that occurs."""
        return list(
            self._rows(
                "SELECT f.topic, c.condition, count(*) FROM conditions c "
                "JOIN facts f ON f.rowid = c.fact GROUP BY f.topic, c.condition"
            )
        )

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
        for start in range(0, len(ids), IN_LIST_MAX):
            chunk = ids[start : start + IN_LIST_MAX]
            marks = ",".join("?" * len(chunk))
            for row in self._rows(
                f"SELECT rowid, {', '.join(FIELDS)} FROM fact_text WHERE rowid IN ({marks})", chunk
            ):
                found[row[0]] = {
                    name: (text or "").split() for name, text in zip(FIELDS, row[1:], strict=True)
                }
        return found

    def term_sets(self, rowid: int) -> tuple[frozenset[str], frozenset[str]] | None:
        """A fact's terms as sets - those of its own fields, and those of what it cites -
        when this store keeps them; a plain store does not (search builds what one
        question needs), a check's store does (`claims`: one set each, for many
        questions)."""
        return None

    def term_rows(self, terms: frozenset[str]) -> tuple[frozenset[int], frozenset[int]] | None:
        """The facts holding any of `terms` in their own fields, and those holding one in
        what they cite, when this store holds its base (a check's store, `heldstore`); a
        plain store does not (None), and search tests each candidate's terms instead."""
        return None

    def phrases_count(self, phrases: list[tuple[tuple[str, ...], bool]]) -> int | None:
        """How many facts match any of `phrases` ((terms, whether a word's beginning), as
        `query.group_phrases` gives them), when this store holds its base (`heldstore`:
        what `count` of their expression gives, without writing and reading it back);
        None for a plain store."""
        return None

    def phrase_rows(self, terms: tuple[str, ...]) -> tuple[frozenset[int], frozenset[int]] | None:
        """`term_rows` for the words of `terms` standing in a row in one field."""
        return None

    def impacts(self, term: str, limit: int = IMPACTS) -> list[int]:
        """The facts where `term` weighs most, best first."""
        rows = self._rows("SELECT facts FROM impacts WHERE term = ?", (term,))
        if rows:
            return unpack_rowids(rows[0][0])[:limit]
        # a term of at most IMPACTS facts: all of them, ranked from its groups
        groups = term_groups(
            self._rows("SELECT term, tf, length, facts FROM term_groups WHERE term = ?", (term,))
        )
        if not groups:
            return []
        if self._impacts_average is None:
            self._impacts_average = float(self.meta()["impacts_average"])
        return by_impact(groups[term], self._impacts_average)[:limit]

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
                "ORDER BY facts DESC, term LIMIT ?",
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

    def _chunked(self, sql: str, values: Sequence[object]) -> list[Any]:
        """Run `sql`, whose `{marks}` stands for an IN list, over `values` in chunks that
        stay within SQLite's limit on bound parameters."""
        rows: list[Any] = []
        for start in range(0, len(values), IN_LIST_MAX):
            chunk = values[start : start + IN_LIST_MAX]
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

    def words_starting(self, prefix: str, topic: str | None = None, limit: int = 100) -> list[str]:
        """Words of the base beginning with `prefix`, most used first (for completion);
        with a topic, only words of that topic's facts, so a completed word finds a fact."""
        if topic is None:
            sql, args = "SELECT v.word FROM vocabulary v WHERE v.word >= ? AND v.word < ?", []
        else:
            sql = (
                "SELECT v.word FROM topic_words t JOIN vocabulary v ON v.word = t.word "
                "WHERE t.topic = ? AND t.word >= ? AND t.word < ?"
            )
            args = [topic]
        return [
            row[0]
            for row in self._rows(
                f"{sql} ORDER BY v.facts DESC, v.word LIMIT ?",
                (*args, prefix, prefix + "\U0010ffff", limit),
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
    with _collector_paused():
        return _rebuild(paths, target)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: a build makes millions of objects and no
    cycles, and each of the collector's full passes walks all of them (a sixth of a first
    run at 10,000 facts). Reference counting still frees everything as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _rebuild(paths: Sequence[str], target: Path) -> FactStore:
    from ldnfacts import filecache
    from ldnfacts.crossfile import cross_file_problems
    from ldnfacts.errors import DataError
    from ldnfacts.indexer import write_index
    from ldnfacts.validation import sort_problems

    started_ns = time.time_ns()
    try:
        files, problems = filecache.load(paths, target.parent)
    except DataError as error:
        raise DataError(error.problems, files=paths) from None
    problems.extend(
        cross_file_problems([f.outline for f in files], lambda: [f.summary for f in files])
    )
    if any(p.severity == "error" for p in problems):
        raise DataError(sort_problems(problems, paths), files=paths)
    for f in files:
        f.forget_lines()
    temporary = target.with_name(f"{target.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _bring_up_to_date(target, temporary, files, started_ns)
        return FactStore(_connect_read_only(target), str(target))
    except (OSError, sqlite3.Error):
        memory = sqlite3.connect(":memory:")
        write_index(memory, files, started_ns)
        return FactStore(memory, ":memory:")
    finally:
        with suppress(OSError):
            os.unlink(temporary)  # left only by a failed or interrupted build


def _bring_up_to_date(target: Path, temporary: Path, files: Sequence[Any], started_ns: int) -> None:
    """Update the index at `target` in place when it can be; else update a copy of it,
    else build it afresh, and rename the copy or the build into place."""
    from ldnfacts.indexer import update_copy, update_in_place, write_index

    updated = update_in_place(target, files, started_ns)
    if updated:
        return
    if updated is None and update_copy(target, temporary, files, started_ns):
        _replace(temporary, target)
        return
    db = sqlite3.connect(temporary)
    # A private file renamed into place only when complete: a journal and syncs to disk
    # would protect nothing that the rename does not (a crash leaves a temporary file; a
    # power cut at worst a damaged index, which is rebuilt).
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    try:
        write_index(db, files, started_ns)
    finally:
        db.close()
    _replace(temporary, target)


#: The threads unlinking replaced indexes (`_replace`), for `finish_unlinking`.
_UNLINKING: list[Any] = []


def finish_unlinking() -> None:
    """Wait for the replaced indexes to be unlinked. `launch.main` calls it once the answer
    is out, before `os._exit`, which would cut the threads off and leave the old copy."""
    for thread in _UNLINKING:
        thread.join()


def _replace(temporary: Path, target: Path) -> None:
    """Rename the new index into place; the old one is unlinked by a thread.

    Unlinking a file of tens of megabytes frees its blocks at once (17 ms for 30 MB here),
    which would delay the answer: the thread does it while the answer is printed, and the
    process waits for it before it ends (`finish_unlinking`). A file left by a run that was
    killed is removed by the next build of the same index."""
    import threading

    for left in target.parent.glob(f"{target.name}.*.old"):
        with suppress(OSError):
            os.unlink(left)
    old = target.with_name(f"{target.name}.{os.getpid()}.{time.monotonic_ns()}.old")
    try:
        os.link(target, old)
    except OSError:  # no index yet, or no hard links here: the rename unlinks the old one
        os.replace(temporary, target)
        return
    os.replace(temporary, target)
    thread = threading.Thread(target=_unlink, args=(old,))
    thread.start()
    _UNLINKING.append(thread)


def _unlink(path: Path) -> None:
    with suppress(OSError):
        os.unlink(path)


def discard(location: str) -> None:
    """Remove a damaged index so that the next open rebuilds it."""
    if location != ":memory:":
        with suppress(OSError):
            os.unlink(location)


def _connect_read_only(path: Path) -> sqlite3.Connection:
    uri = path.resolve().as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True)


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
        if tuple(stamps) == signature(st):
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
            [(*signature(st), int(is_racy(st, now_ns)), path) for path, st in files],
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


# -- what the reader and the writer share: term groups and their ranking ---------------------

#: For every term, its facts grouped by (weighted frequency of the term, length).
Groups = dict[str, dict[tuple[float, int], list[int]]]


def term_groups(rows: Iterable[Sequence[Any]]) -> Groups:
    """Rows of the `term_groups` table, (term, tf, length, packed row ids), as Groups."""
    groups: Groups = {}
    for term, tf, length, members in rows:
        groups.setdefault(term, {})[tf, length] = unpack_rowids(members)
    return groups


def by_impact(groups: Mapping[tuple[float, int], list[int]], average: float) -> list[int]:
    """The facts of a term's groups, by one-term BM25, best first and equal scores in
    natural order."""
    if len(groups) == 1:
        (members,) = groups.values()
        return members
    scored: dict[float, list[int]] = {}
    for (tf, length), members in groups.items():
        norm = BM25_K1 * (1 - BM25_B + BM25_B * length / average)
        score = tf * (BM25_K1 + 1) / (tf + norm)
        same = scored.get(score)
        scored[score] = members if same is None else sorted(same + members)
    return [rowid for score in sorted(scored, reverse=True) for rowid in scored[score]]


def pack_rowids(rowids: Sequence[int]) -> bytes:
    """Row ids as a blob of 64-bit integers (little-endian), as `term_groups` keeps them."""
    if len(rowids) == 1:  # most groups: written quicker alone
        return rowids[0].to_bytes(8, "little", signed=True)
    from array import array

    packed = array("q", rowids)
    if sys.byteorder != "little":
        packed.byteswap()
    return packed.tobytes()


def unpack_rowids(blob: bytes) -> list[int]:
    """The row ids `pack_rowids` packed."""
    from array import array

    packed = array("q")
    packed.frombytes(blob)
    if sys.byteorder != "little":
        packed.byteswap()
    return packed.tolist()
