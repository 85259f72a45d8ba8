"""Writing the index `store` reads: a full build, or an update in place of the changed files.

A full build parses nothing itself: it takes each file's checked content (`filecache`),
analyses every fact's text with the one analyser (`words`), and writes the tables `store`
reads, a batch of facts at a time so that memory stays flat. An update replaces the rows
of the facts that changed, moves the counts by what left and came, and redoes the rankings
of the terms those facts hold; it answers exactly as a full build of the same files does
(`tests/test_incremental.py` compares every table).

An update is written in place, in one transaction under SQLite's rollback journal: readers
hold a read transaction for their whole run (`store.FactStore`), so each answers from one
state of the index, and a run killed mid-update leaves a journal that the next writer rolls
back. Copying a 30 MB index to update the copy cost a tenth of an edit's run. When the
index cannot be written in place (a reader kept it busy past `WRITE_WAIT_S`, a read-only
file), the copy is updated instead and renamed over it, as a full build is.

Only `store.rebuild` imports this module: a run that answers from an up-to-date index never
loads it.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from itertools import chain
from pathlib import Path
from typing import Any

from ldnfacts import __version__, store
from ldnfacts.filecache import signature
from ldnfacts.model import TOPICS
from ldnfacts.records import JSONObject, stored_date, stored_fact, stored_source
from ldnfacts.store import (
    FIELD_WEIGHTS,
    FIELDS,
    FORMAT,
    IMPACTS,
    IN_LIST_MAX,
    RACY_WINDOW_NS,
    Groups,
    by_impact,
    pack_rowids,
    term_groups,
    unpack_rowids,
)

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (position INTEGER PRIMARY KEY, path TEXT, size INTEGER, mtime_ns INTEGER,
                    ctime_ns INTEGER, ino INTEGER, dev INTEGER, digest TEXT, racy INTEGER,
                    meta TEXT, vocabulary TEXT);
CREATE TABLE sources (id TEXT PRIMARY KEY, position INTEGER, file INTEGER, cited_by INTEGER,
                      json TEXT);
CREATE TABLE facts (rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, topic TEXT, status TEXT,
                    has_study INTEGER, file INTEGER, json TEXT);
CREATE TABLE related (fact INTEGER, other TEXT);
CREATE TABLE terms (term TEXT PRIMARY KEY, facts INTEGER) WITHOUT ROWID;
CREATE TABLE vocabulary (word TEXT PRIMARY KEY, facts INTEGER, spelling TEXT) WITHOUT ROWID;
CREATE TABLE topic_words (topic TEXT, word TEXT, facts INTEGER, PRIMARY KEY (topic, word))
    WITHOUT ROWID;
CREATE TABLE conditions (condition TEXT, fact INTEGER, PRIMARY KEY (condition, fact))
    WITHOUT ROWID;
"""
#: Secondary indexes, created once the tables are filled (quicker than keeping them up
#: while inserting).
_INDEXES = """
CREATE INDEX sources_file ON sources (file);
CREATE INDEX facts_topic ON facts (topic, status);
CREATE INDEX facts_file ON facts (file);
CREATE INDEX related_other ON related (other);
CREATE INDEX vocabulary_spelling ON vocabulary (spelling);
"""
#: The word index: SQLite FTS5 over the analysed text (`words.tokens`), so that questions
#: and facts go through the same analyser; contentless, since the facts are kept as JSON.
_FTS_SCHEMA = """
CREATE VIRTUAL TABLE fact_fts USING fts5(claim, tags, note, names, cites, content='',
    tokenize="unicode61 remove_diacritics 0 tokenchars '.'");
"""
#: The analysed text of each fact, by field: read back for the facts a question is scored
#: on (coverage, explanations, BM25 of candidates). `impacts` lists, for every term of more
#: than IMPACTS facts, the facts where it weighs most (its top IMPACTS by one-term BM25,
#: best first, packed as `term_groups` packs them), so that a question with very common
#: words is scored on those candidates instead of on half the base.
_TEXT_SCHEMA = """
CREATE TABLE fact_text (rowid INTEGER PRIMARY KEY, claim TEXT, tags TEXT, note TEXT,
    names TEXT, cites TEXT, words TEXT);
CREATE TABLE impacts (term TEXT PRIMARY KEY, facts BLOB) WITHOUT ROWID;
CREATE TABLE term_groups (term TEXT, tf REAL, length INTEGER, facts BLOB,
    PRIMARY KEY (term, tf, length)) WITHOUT ROWID;
"""


def fact_fields(fact: JSONObject, cites: str) -> tuple[str, ...]:
    """The searchable text of a fact, by field (see FIELD_WEIGHTS); `cites` is that of the
    sources it cites (`cited_text`)."""
    study = fact.get("study") or {}
    names = [fact["id"], str(study.get("name") or ""), str(study.get("condition") or "")]
    names.extend(str(c) for c in fact.get("conditions") or [])
    return (
        fact["claim"],
        " ".join(fact["tags"]),
        fact.get("note") or "",
        " ".join(n for n in names if n),
        cites,
    )


def cited_text(refs: Iterable[str], sources: Mapping[str, JSONObject]) -> str:
    """The searchable text of the sources `refs` names: ids, titles, authors, journal,
    publisher and identifiers."""
    cites = []
    for ref in refs:
        source = sources.get(ref) or {}
        cites.append(ref)
        cites.extend(
            str(source.get(k) or "")
            for k in ("title", "journal", "publisher", "doi", "pmid", "pmcid", "nct")
        )
        cites.extend(str(a) for a in source.get("authors") or [])
    return " ".join(c for c in cites if c)


# -- writing the index ----------------------------------------------------------------------
#
# Row ids encode the natural order, so that an edit to one file leaves every other file's
# row ids as they were and the index can be updated in place of being rewritten: from the
# high bits down, the topic's rank, the date of an approval fact (year, month, day; 0 for
# other topics and for a precision not given, as the dates' text sorts), the file's
# position and the fact's position in its file. Everything stays below 2**53, so a row id
# is exact as a float too. A base beyond the layout's limits (more than 128 files, more
# than a million facts in one file) gets dense row ids in the same order, and every edit
# then rewrites it.

_TOPIC_SHIFT = 50
_DATE_SHIFT = 27
_FILE_SHIFT = 20
MAX_FILES = 1 << (_DATE_SHIFT - _FILE_SHIFT)
MAX_FACTS_PER_FILE = 1 << _FILE_SHIFT
#: An update in place rewrites the changed files' rows; when they hold more than this
#: share of the facts, a full build is as quick.
_UPDATE_SHARE = 0.5


def _date_key(date: str | None) -> int:
    """A number that sorts as the ISO date text (YYYY, YYYY-MM or YYYY-MM-DD) does."""
    parts = (date or "9999").split("-")
    if len(parts) > 3 or any(not p.isdigit() for p in parts):
        raise ValueError(date)
    year, month, day = (int(p) for p in [*parts, "0", "0"][:3])
    if not (len(parts[0]) == 4 and month <= 12 and day <= 31):
        raise ValueError(date)
    return year << 9 | month << 5 | day


def _row_id(fact: JSONObject, position: int, index: int) -> int:
    """The row id of a fact, as written or as stored (a bare year reads the same)."""
    key = _date_key(stored_date(fact)) if fact["topic"] == "approval" else 0
    return (
        _TOPIC_RANK[fact["topic"]] << _TOPIC_SHIFT
        | key << _DATE_SHIFT
        | position << _FILE_SHIFT
        | index
    )


_TOPIC_RANK = {topic: rank for rank, topic in enumerate(TOPICS)}


class _Counted:
    """Each field's analysed texts met so far, counted: (length, {term: weighted count})
    by text, for each field (a text's weight depends on its field)."""

    __slots__ = ("fields",)

    def __init__(self) -> None:
        self.fields: tuple[dict[str, tuple[int, dict[str, float]]], ...] = tuple(
            {} for _ in FIELD_WEIGHTS
        )


class _Analysed:
    """What the index keeps of one fact's text: the analysed fields, their length in
    terms and each term's weighted frequency in them (whose keys are the fact's terms),
    and the words as written (for spelling and completion)."""

    __slots__ = ("fields", "frequencies", "length", "words")

    def __init__(self, fields: tuple[str, ...], seen: frozenset[str], counted: _Counted):
        self.fields = fields
        self.length, self.frequencies = _frequencies(fields, counted)
        self.words = seen


#: The analyser keeps at most this many texts' analyses: the text of a source repeats in
#: every fact citing it, a fact's own text rarely repeats; memory must stay flat.
_TEXTS_KEPT = 20_000


class _Analyser:
    """Analyses facts' text; a text met again (sources repeat across facts) is analysed
    once, while it is among the last `_TEXTS_KEPT` texts."""

    def __init__(self, sources: Mapping[str, JSONObject]) -> None:
        from ldnfacts.words import bundled_stopwords

        self.sources = sources
        self.stopwords = bundled_stopwords()
        self._texts: dict[str, tuple[str, frozenset[str]]] = {}
        #: The text of the sources cited, by the ids cited: many facts cite the same.
        self._cited: dict[tuple[str, ...], str] = {}
        self.counted = _Counted()

    def _analyse(self, text: str) -> tuple[str, frozenset[str]]:
        """A text's index terms, joined, and its words as written."""
        from ldnfacts.words import terms_of, words

        if len(self._texts) >= _TEXTS_KEPT:
            self._texts.clear()
            self._cited.clear()
            self.counted = _Counted()
        stop = self.stopwords
        analysed = words(text)
        found = self._texts[text] = (
            " ".join(terms_of(analysed, stop)),
            frozenset(
                w.surface
                for w in analysed
                if not w.joined and w.surface not in stop and w.surface.isalpha()
            ),
        )
        return found

    def fact(self, fact: JSONObject) -> _Analysed:
        refs = tuple(ref["ref"] for ref in fact["sources"])
        cites = self._cited.get(refs)
        if cites is None:
            cites = self._cited[refs] = cited_text(refs, self.sources)
        texts = self._texts
        analysed = [texts.get(text) or self._analyse(text) for text in fact_fields(fact, cites)]
        return _Analysed(
            tuple(terms for terms, _ in analysed),
            frozenset().union(*(seen for _, seen in analysed)),
            self.counted,
        )


#: The JSON of the facts and sources kept in the index: no spaces (a tenth of its size).
_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _fact_row(rowid: int, position: int, fact: JSONObject) -> tuple[object, ...]:
    return (
        rowid,
        fact["id"],
        fact["topic"],
        fact["status"],
        fact["study"] is not None,
        position,
        _compact(fact),
    )


def _insert_facts(
    db: sqlite3.Connection,
    fts: bool,
    items: Sequence[tuple[int, int, JSONObject, _Analysed]],
) -> None:
    """Rows of facts: (row id, file position, stored fact, analysed text) each."""
    text_rows = [(rowid, *a.fields) for rowid, _, _, a in items]
    if fts:
        db.executemany(
            f"INSERT INTO fact_fts (rowid, {', '.join(FIELDS)}) VALUES (?,?,?,?,?,?)", text_rows
        )
    db.executemany(
        f"INSERT INTO fact_text (rowid, {', '.join(FIELDS)}, words) VALUES (?,?,?,?,?,?,?)",
        [
            (*row, " ".join(sorted(a.words)))
            for row, (_, _, _, a) in zip(text_rows, items, strict=True)
        ],
    )
    db.executemany(
        "INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?)",
        (_fact_row(rowid, position, fact) for rowid, position, fact, _ in items),
    )
    db.executemany(
        "INSERT INTO related VALUES (?, ?)",
        ((rowid, other) for rowid, _, fact, _ in items for other in fact["related"]),
    )
    db.executemany(
        "INSERT INTO conditions VALUES (?, ?)",
        sorted(
            (condition, rowid) for rowid, _, fact, _ in items for condition in _conditions_of(fact)
        ),
    )


class _Counts:
    """How many facts hold each word within a topic (and so each word), cite each source
    and, unless counted otherwise, hold each term: counted a batch of facts at a time."""

    def __init__(self) -> None:
        self.terms: Counter[str] = Counter()
        self.by_topic: dict[str, Counter[str]] = {}
        self.cited_by: Counter[str] = Counter()

    def add(
        self, items: Sequence[tuple[int, int, JSONObject, _Analysed]], terms: bool = True
    ) -> _Counts:
        # one update per batch and counter: each update call costs more than counting
        # one fact's words
        by_topic: dict[str, list[frozenset[str]]] = {}
        for _, _, fact, analysed in items:
            by_topic.setdefault(fact["topic"], []).append(analysed.words)
        for topic, words in by_topic.items():
            self.by_topic.setdefault(topic, Counter()).update(chain.from_iterable(words))
        if terms:
            self.terms.update(chain.from_iterable(a.frequencies for _, _, _, a in items))
        self.cited_by.update(
            chain.from_iterable({ref["ref"] for ref in f["sources"]} for _, _, f, _ in items)
        )
        return self

    def words(self) -> Counter[str]:
        """How many facts hold each word (each fact has one topic)."""
        found: Counter[str] = Counter()
        for counts in self.by_topic.values():
            found.update(counts)
        return found

    def topic_words(self) -> dict[tuple[str, str], int]:
        return {
            (topic, word): n
            for topic, counts in self.by_topic.items()
            for word, n in counts.items()
        }


def _file_extras(f: Any) -> tuple[str | None, str | None]:
    """A file's own `meta` and `vocabulary` entries, as JSON (None when absent)."""
    meta = f.data.get("meta")
    extra = f.data.get("vocabulary")
    return (
        json.dumps(meta, ensure_ascii=False) if isinstance(meta, dict) else None,
        json.dumps(extra, ensure_ascii=False) if isinstance(extra, dict) else None,
    )


#: Facts are analysed and written this many at a time: memory stays flat at any size.
_BATCH = 2_000


def write_index(db: sqlite3.Connection, files: Sequence[Any], started_ns: int) -> None:
    from ldnfacts.words import spelling_key

    fts = store.fts5_available()
    # pages twice SQLite's default: a smaller file (facts' JSON and texts overflow fewer
    # pages), quicker to write and to copy for an update
    db.execute("PRAGMA page_size = 8192")
    db.executescript(_SCHEMA + _TEXT_SCHEMA + (_FTS_SCHEMA if fts else ""))
    keyed, layout = _natural_order(files)
    sources = [
        (position << 32 | index, position, stored_source(raw))
        for position, f in enumerate(files)
        for index, raw in enumerate(f.data.get("sources") or [])
    ]
    analyser = _Analyser({s["id"]: s for _, _, s in sources})
    counts = _Counts()
    groups: Groups = {}
    total = 0
    for start in range(0, len(keyed), _BATCH):
        items = []
        for rowid, position, index in keyed[start : start + _BATCH]:
            fact = stored_fact(files[position].data["facts"][index])
            items.append((rowid, position, fact, analyser.fact(fact)))
        _insert_facts(db, fts, items)
        counts.add(items, terms=False)  # the groups count them
        total += _group(groups, items)
    db.executemany(
        "INSERT INTO terms VALUES (?, ?)",
        ((term, sum(map(len, groups[term].values()))) for term in sorted(groups)),
    )
    db.executemany(
        "INSERT INTO vocabulary VALUES (?, ?, ?)",
        ((w, n, spelling_key(w)) for w, n in sorted(counts.words().items())),
    )
    db.executemany(
        "INSERT INTO topic_words VALUES (?, ?, ?)",
        ((topic, word, n) for (topic, word), n in sorted(counts.topic_words().items())),
    )
    db.executemany(
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?)",
        (
            (
                s["id"],
                order,
                position,
                counts.cited_by.get(s["id"], 0),
                _compact(s),
            )
            for order, position, s in sources
        ),
    )
    db.executemany(
        "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (_file_row(position, f, started_ns) for position, f in enumerate(files)),
    )
    _write_impacts(db, groups, impacts_average(total / len(keyed) if keyed else 1.0))
    db.executescript(_INDEXES)
    _write_meta(db, fts, layout, total, len(keyed), started_ns, "build", {})
    db.commit()


def _natural_order(files: Sequence[Any]) -> tuple[list[tuple[int, int, int]], str]:
    """(row id, file position, index in the file) of every fact, in natural order, and
    the layout of the row ids: "sparse" (see above) or, beyond its limits, "dense"."""
    placed = [
        (position, index, raw)
        for position, f in enumerate(files)
        for index, raw in enumerate(f.data.get("facts") or [])
    ]
    try:
        if len(files) > MAX_FILES or any(index >= MAX_FACTS_PER_FILE for _, index, _ in placed):
            raise ValueError("beyond the row id layout")
        return sorted(
            (_row_id(raw, position, index), position, index) for position, index, raw in placed
        ), "sparse"
    except ValueError:
        placed.sort(
            key=lambda p: (
                _TOPIC_RANK[p[2]["topic"]],
                (stored_date(p[2]) or "9999") if p[2]["topic"] == "approval" else "",
            )
        )
        return [
            (rowid, position, index) for rowid, (position, index, _) in enumerate(placed, start=1)
        ], "dense"


def _file_row(position: int, f: Any, started_ns: int) -> tuple[object, ...]:
    return (
        position,
        os.path.abspath(f.path),
        *signature(f.stat),
        f.digest,
        int(max(f.stat.st_mtime_ns, f.stat.st_ctime_ns) >= started_ns - RACY_WINDOW_NS),
        *_file_extras(f),
    )


def _write_meta(
    db: sqlite3.Connection,
    fts: bool,
    layout: str,
    total: int,
    count: int,
    started_ns: int,
    how: str,
    previous: Mapping[str, str],
) -> None:
    """The index's meta rows, from its tables (the same after a build and an update but
    for `built_at_ns` and `built_by`: "build" or "update"). An update keeps the `previous`
    compiled vocabulary while the vocabularies it was compiled from are the same."""
    from ldnfacts.words import vocabulary, vocabulary_stamp

    extras = db.execute("SELECT meta, vocabulary FROM files ORDER BY position").fetchall()
    base_meta: JSONObject = next((json.loads(meta) for meta, _ in extras if meta is not None), {})
    average = total / count if count else 1.0
    user_vocabulary = _user_vocabulary([json.loads(v) for _, v in extras if v is not None])
    user_json = json.dumps(user_vocabulary, ensure_ascii=False)
    compiled = previous.get("compiled_vocabulary")
    if not (
        compiled
        and previous.get("vocabulary") == user_json
        and json.loads(compiled).get("stamp") == vocabulary_stamp()
    ):
        compiled = json.dumps(vocabulary().merged(user_vocabulary).to_json(), ensure_ascii=False)
    facts = db.execute("SELECT count(*) FROM facts").fetchone()[0]
    sources = db.execute("SELECT count(*) FROM sources").fetchone()[0]
    db.execute("DELETE FROM meta")
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("format", str(FORMAT)),
            ("version", __version__),
            ("built_at_ns", str(started_ns)),
            ("built_by", how),
            ("facts", str(facts)),
            ("sources", str(sources)),
            ("base", json.dumps(base_meta, ensure_ascii=False)),
            ("vocabulary", user_json),
            ("compiled_vocabulary", compiled),
            ("fts5", str(int(fts))),
            ("average_length", repr(average)),
            ("length_total", str(total)),
            ("impacts_average", repr(impacts_average(average))),
            ("layout", layout),
        ],
    )


def _conditions_of(fact: JSONObject) -> set[str]:
    """The conditions a fact is about: its `conditions`, and its study's `condition` when
    that names a known condition (a personal file may give only the study's)."""
    from ldnfacts.model import CONDITIONS

    found = {str(c) for c in fact.get("conditions") or []}
    study_condition = str((fact.get("study") or {}).get("condition") or "")
    if study_condition in CONDITIONS:
        found.add(study_condition)
    return found


def _user_vocabulary(extras: Sequence[Mapping[str, Any]]) -> JSONObject:
    """The `vocabulary` entries of the fact files, merged (see README, Search vocabulary)."""
    merged: JSONObject = {"stopwords": [], "generic": [], "concepts": []}
    for extra in extras:
        for key in merged:
            merged[key].extend(extra.get(key) or [])
    return merged if any(merged.values()) else {}


def _frequencies(fields: Sequence[str], memo: _Counted) -> tuple[int, dict[str, float]]:
    """A fact's analysed length and each term's weighted frequency in it (the weights are
    whole numbers, so the sums are exact whatever their order). `memo` keeps each text's
    counts: the text of a source repeats in every fact citing it."""
    counts = []
    length = 0
    for (_, weight), text, texts in zip(FIELD_WEIGHTS, fields, memo.fields, strict=True):
        if not text:
            continue
        counted = texts.get(text)
        if counted is None:
            found = text.split()
            weighted = {term: weight * n for term, n in Counter(found).items()}
            counted = texts[text] = (len(found), weighted)
        length += counted[0]
        counts.append(counted[1])
    if not counts:
        return length, {}
    # the largest field's counts are copied whole; the others are added term by term
    largest = max(counts, key=len)
    frequencies = dict(largest)
    for weighted in counts:
        if weighted is not largest:
            for term, n in weighted.items():
                frequencies[term] = frequencies.get(term, 0.0) + n
    return length, frequencies


def impacts_average(average: float) -> float:
    """The average length the `impacts` lists are ranked with: the true one to two
    significant digits, so that a small edit leaves the lists of the terms it does not
    touch as they were (the lists only choose the candidates that BM25 then scores)."""
    return float(f"{average:.2g}") if average > 0 else 1.0


def _group(groups: Groups, items: Iterable[tuple[int, int, JSONObject, _Analysed]]) -> int:
    """Add facts to `groups`, in natural order (each group's members stay sorted); return
    their total analysed length.

    A term's score in a fact depends only on its weighted frequency there and on the
    fact's length, so facts are grouped by those two (`term_groups`, kept so that an
    update can redo the lists of the terms it touches) and each group is scored once.
    """
    total = 0
    for rowid, _, _, analysed in items:
        length = analysed.length
        total += length
        for term, tf in analysed.frequencies.items():
            by_group = groups.get(term)
            if by_group is None:
                groups[term] = {(tf, length): [rowid]}
            else:
                members = by_group.get((tf, length))
                if members is None:
                    by_group[tf, length] = [rowid]
                else:
                    members.append(rowid)
    return total


def _write_impacts(db: sqlite3.Connection, groups: Groups, average: float) -> None:
    """Fill `term_groups` and `impacts`."""
    db.executemany(
        "INSERT INTO term_groups VALUES (?, ?, ?, ?)",
        (
            (term, tf, length, pack_rowids(members))
            for term in sorted(groups)
            for (tf, length), members in groups[term].items()
        ),
    )
    db.executemany(
        "INSERT INTO impacts VALUES (?, ?)",
        ((term, pack_rowids(facts)) for term, facts in _impact_lists(groups, average).items()),
    )


def _impact_lists(groups: Groups, average: float) -> dict[str, list[int]]:
    """For every term held by more than IMPACTS facts, in term order, the IMPACTS facts
    where it weighs most by one-term BM25, best first and equal scores in natural order.
    The lists of the other terms are all their facts: `FactStore.impacts` ranks them from
    their groups when asked (most hold one fact, and the lists would be most of the rows)."""
    return {
        term: by_impact(groups[term], average)[:IMPACTS]
        for term in sorted(groups)
        if sum(map(len, groups[term].values())) > IMPACTS
    }


# -- updating the index in place ------------------------------------------------------------


#: How long an update in place waits for readers to finish before it updates a copy.
WRITE_WAIT_S = 0.5


def update_in_place(target: Path, files: Sequence[Any], started_ns: int) -> bool | None:
    """Bring the index at `target` up to date with `files` in one transaction: True when
    done, False when a full build is needed, None when the index cannot be written in
    place (busy, read-only or damaged: `update_copy` decides)."""
    if not target.is_file():
        return False
    return _update_file(target, files, started_ns, private=False)


def update_copy(target: Path, temporary: Path, files: Sequence[Any], started_ns: int) -> bool:
    """Write into `temporary` the index at `target` brought up to date with `files` by
    replacing only the changed files' rows; False (and nothing written) when that cannot
    be done, and a full build is needed."""
    import shutil

    if not target.is_file():
        return False
    try:
        shutil.copyfile(target, temporary)
    except OSError:
        return False
    if _update_file(temporary, files, started_ns, private=True):
        return True
    with suppress(OSError):
        os.unlink(temporary)  # a damaged or foreign index: built afresh
    return False


def _update_file(path: Path, files: Sequence[Any], started_ns: int, private: bool) -> bool | None:
    """Run `_update` on the index file at `path` in one transaction: True when done, False
    when a full build is needed, None when the file could not be written. A `private`
    file (a copy no one else reads, renamed into place only when complete) needs no
    journal; the shared index does, so that a run killed mid-way is rolled back."""
    try:
        db = sqlite3.connect(path, timeout=WRITE_WAIT_S, isolation_level=None)
        try:
            if private:
                db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.execute("BEGIN IMMEDIATE")
            if not _update(db, files, started_ns):
                return False  # closing rolls back what was written
            db.execute("COMMIT")
            return True
        finally:
            db.close()
    except (OSError, sqlite3.Error, ValueError, KeyError, TypeError):
        return None


def _old_item(row: Sequence[Any], counted: _Counted) -> tuple[int, int, JSONObject, _Analysed]:
    """A fact as the index holds it, in the form the writer takes."""
    rowid, position, text, *fields, seen = row
    analysed = _Analysed(tuple(fields), frozenset((seen or "").split()), counted)
    return rowid, position, json.loads(text), analysed


def _update(db: sqlite3.Connection, files: Sequence[Any], started_ns: int) -> bool:
    """Replace the rows of the files whose content changed, then recompute what depends on
    the whole base (counts, impacts, meta); the result answers exactly as a full build of
    the same files does (tests/test_cache.py compares them)."""

    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    fts = store.fts5_available()
    if (
        meta.get("format") != str(FORMAT)
        or meta.get("version") != __version__
        or meta.get("layout") != "sparse"
        or meta.get("fts5") != str(int(fts))
    ):
        return False
    old = db.execute("SELECT path, digest FROM files ORDER BY position").fetchall()
    if [path for path, _ in old] != [os.path.abspath(f.path) for f in files]:
        return False
    changed = [
        p for p, (f, (_, digest)) in enumerate(zip(files, old, strict=True)) if f.digest != digest
    ]
    new_facts = [
        (position, index, stored_fact(raw))
        for position in changed
        for index, raw in enumerate(files[position].data.get("facts") or [])
    ]
    if any(index >= MAX_FACTS_PER_FILE for _, index, _ in new_facts):
        return False
    marks = ",".join("?" * len(changed))
    counted = _Counted()
    old_rows = db.execute(
        f"SELECT f.rowid, f.file, f.json, {', '.join('t.' + n for n in FIELDS)}, t.words "
        f"FROM facts f JOIN fact_text t ON t.rowid = f.rowid WHERE f.file IN ({marks}) "
        "ORDER BY f.rowid",
        changed,
    ).fetchall()
    old_items = [_old_item(row, counted) for row in old_rows]
    #: each old fact's JSON as stored: a fact is as it was when its JSON is, byte for byte
    #: (`1 == 1.0 == True` in Python, not in a fact file)
    old_json: dict[int, str] = {row[0]: row[2] for row in old_rows}
    if len(old_items) + len(new_facts) > _UPDATE_SHARE * max(int(meta["facts"]), 1):
        return False
    old_sources: dict[str, str] = dict(
        db.execute(f"SELECT id, json FROM sources WHERE file IN ({marks})", changed).fetchall()
    )
    new_sources = [
        (position << 32 | index, position, stored_source(raw))
        for position in changed
        for index, raw in enumerate(files[position].data.get("sources") or [])
    ]
    by_id = {s["id"]: s for _, _, s in new_sources}
    new_json = {sid: _compact(s) for sid, s in by_id.items()}
    old_cites = _Counts().add(old_items).cited_by
    edited = [
        sid
        for sid in old_sources.keys() | by_id.keys()
        if old_sources.get(sid) != new_json.get(sid)
    ]
    prior: dict[str, int] = dict(
        _chunks(
            db, "SELECT id, cited_by FROM sources WHERE id IN ({marks})", sorted({*edited, *by_id})
        )
    )
    if any(prior.get(sid, 0) > old_cites.get(sid, 0) for sid in edited):
        return False  # a source whose text changed is cited from an unchanged file
    wanted = sorted(
        {ref["ref"] for _, _, fact in new_facts for ref in fact["sources"]} - by_id.keys()
    )
    others = {
        sid: json.loads(text)
        for sid, text in _chunks(db, "SELECT id, json FROM sources WHERE id IN ({marks})", wanted)
    }
    analyser = _Analyser({**others, **by_id})
    new_items, as_stored = _new_items(new_facts, old_items, old_json, set(edited), analyser)
    new_items.sort(key=lambda item: item[0])
    gone_facts, come_facts = _edited(old_items, new_items, as_stored)
    _replace_facts(db, fts, gone_facts, come_facts)
    gone, come = _Counts().add(old_items), _Counts().add(new_items)
    _apply_counts(db, gone, come)
    cites = _delta(gone.cited_by, come.cited_by)
    db.execute(f"DELETE FROM sources WHERE file IN ({marks})", changed)
    db.executemany(
        "UPDATE sources SET cited_by = cited_by + ? WHERE id = ?",
        [(n, sid) for sid, n in sorted(cites.items()) if sid not in by_id],
    )
    db.executemany(
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?)",
        [
            (
                s["id"],
                order,
                position,
                prior.get(s["id"], 0) - old_cites.get(s["id"], 0) + come.cited_by.get(s["id"], 0),
                new_json[s["id"]],
            )
            for order, position, s in new_sources
        ],
    )
    for position, f in enumerate(files):
        racy = max(f.stat.st_mtime_ns, f.stat.st_ctime_ns) >= started_ns - RACY_WINDOW_NS
        stamps = (*signature(f.stat), f.digest, int(racy))
        if position in changed:
            db.execute(
                "UPDATE files SET size = ?, mtime_ns = ?, ctime_ns = ?, ino = ?, dev = ?, "
                "digest = ?, racy = ?, meta = ?, vocabulary = ? WHERE position = ?",
                (*stamps, *_file_extras(f), position),
            )
        else:
            db.execute(
                "UPDATE files SET size = ?, mtime_ns = ?, ctime_ns = ?, ino = ?, dev = ?, "
                "digest = ?, racy = ? WHERE position = ?",
                (*stamps, position),
            )
    total = int(meta["length_total"]) + _update_groups(db, gone_facts, come_facts, meta)
    count = db.execute("SELECT count(*) FROM facts").fetchone()[0]
    _write_meta(db, fts, "sparse", total, count, started_ns, "update", meta)
    return True


def _new_items(
    new_facts: Sequence[tuple[int, int, JSONObject]],
    old_items: Sequence[tuple[int, int, JSONObject, _Analysed]],
    old_json: Mapping[int, str],
    retexted: set[str],
    analyser: _Analyser,
) -> tuple[list[tuple[int, int, JSONObject, _Analysed]], set[int]]:
    """The changed files' facts as the writer takes them, and the row ids of those stored
    as they were (the same row id and JSON). A fact as it was, citing no source whose text
    changed (`retexted`), is analysed as it was (the analysis depends on nothing else): an
    edit analyses the facts it touched only."""
    old_by_rowid = {item[0]: item for item in old_items}
    placed = [
        (_row_id(fact, position, index), position, fact) for position, index, fact in new_facts
    ]
    as_stored = {rowid for rowid, _, fact in placed if old_json.get(rowid) == _compact(fact)}

    def analysed(rowid: int, fact: JSONObject) -> _Analysed:
        if rowid in as_stored and retexted.isdisjoint(ref["ref"] for ref in fact["sources"]):
            return old_by_rowid[rowid][3]
        return analyser.fact(fact)

    items = [(rowid, position, fact, analysed(rowid, fact)) for rowid, position, fact in placed]
    return items, as_stored


def _edited(
    old_items: Sequence[tuple[int, int, JSONObject, _Analysed]],
    new_items: Sequence[tuple[int, int, JSONObject, _Analysed]],
    as_stored: set[int],
) -> tuple[
    list[tuple[int, int, JSONObject, _Analysed]], list[tuple[int, int, JSONObject, _Analysed]]
]:
    """The changed files' old and new facts less those that stay as they were (the same
    row id, the same stored JSON, `as_stored`, and analysed text): an edit to one fact
    rewrites that fact's rows only."""
    old_by_rowid = {item[0]: item for item in old_items}
    kept = set()
    for rowid, _, _, analysed in new_items:
        old = old_by_rowid.get(rowid)
        if (
            old is not None
            and rowid in as_stored
            and old[3].fields == analysed.fields
            and old[3].words == analysed.words
        ):
            kept.add(rowid)
    return (
        [item for item in old_items if item[0] not in kept],
        [item for item in new_items if item[0] not in kept],
    )


def _replace_facts(
    db: sqlite3.Connection,
    fts: bool,
    old_items: Sequence[tuple[int, int, JSONObject, _Analysed]],
    new_items: Sequence[tuple[int, int, JSONObject, _Analysed]],
) -> None:
    """The changed files' old fact rows out, their new ones in."""
    rowids = [rowid for rowid, _, _, _ in old_items]
    if fts:  # a contentless FTS5 table forgets a row given the values it was indexed with
        db.executemany(
            f"INSERT INTO fact_fts (fact_fts, rowid, {', '.join(FIELDS)}) "
            "VALUES ('delete', ?, ?, ?, ?, ?, ?)",
            [(rowid, *a.fields) for rowid, _, _, a in old_items],
        )
    for table, column in (("fact_text", "rowid"), ("facts", "rowid"), ("related", "fact")):
        _chunks(db, f"DELETE FROM {table} WHERE {column} IN ({{marks}})", rowids)
    db.executemany(
        "DELETE FROM conditions WHERE condition = ? AND fact = ?",
        [(c, rowid) for rowid, _, fact, _ in old_items for c in _conditions_of(fact)],
    )
    _insert_facts(db, fts, new_items)


def _apply_counts(db: sqlite3.Connection, gone: _Counts, come: _Counts) -> None:
    """Terms, words and topic words: counts moved by what left and what came."""
    from ldnfacts.words import spelling_key

    terms = _delta(gone.terms, come.terms)
    seen = _delta(gone.words(), come.words())
    topic_words = _delta(gone.topic_words(), come.topic_words())
    db.executemany(
        "INSERT INTO terms VALUES (?, ?) "
        "ON CONFLICT (term) DO UPDATE SET facts = facts + excluded.facts",
        sorted(terms.items()),
    )
    db.executemany("DELETE FROM terms WHERE term = ? AND facts <= 0", [(t,) for t in sorted(terms)])
    db.executemany(
        "INSERT INTO vocabulary VALUES (?, ?, ?) "
        "ON CONFLICT (word) DO UPDATE SET facts = facts + excluded.facts",
        [(w, n, spelling_key(w)) for w, n in sorted(seen.items())],
    )
    db.executemany(
        "DELETE FROM vocabulary WHERE word = ? AND facts <= 0", [(w,) for w in sorted(seen)]
    )
    db.executemany(
        "INSERT INTO topic_words VALUES (?, ?, ?) "
        "ON CONFLICT (topic, word) DO UPDATE SET facts = facts + excluded.facts",
        [(t, w, n) for (t, w), n in sorted(topic_words.items())],
    )
    db.executemany(
        "DELETE FROM topic_words WHERE topic = ? AND word = ? AND facts <= 0",
        sorted(topic_words),
    )


def _update_groups(
    db: sqlite3.Connection,
    old_items: Sequence[tuple[int, int, JSONObject, _Analysed]],
    new_items: Sequence[tuple[int, int, JSONObject, _Analysed]],
    meta: Mapping[str, str],
) -> int:
    """Move the changed facts in `term_groups`, and redo the `impacts` lists of the terms
    they touch (of every term, when the length the lists are ranked with moved). Returns
    the change in the facts' total length."""
    moves: dict[tuple[str, float, int], tuple[set[int], list[int]]] = {}
    change = 0
    for items, sign in ((old_items, -1), (new_items, 1)):
        for rowid, _, _, analysed in items:
            length = analysed.length
            change += sign * length
            for term, tf in analysed.frequencies.items():
                out, into = moves.setdefault((term, tf, length), (set(), []))
                (out.add(rowid) if sign < 0 else into.append(rowid))
    for key, (out, into) in sorted(moves.items()):
        row = db.execute(
            "SELECT facts FROM term_groups WHERE term = ? AND tf = ? AND length = ?", key
        ).fetchone()
        members = [r for r in unpack_rowids(row[0]) if r not in out] if row else []
        members = sorted(members + into)
        if members:
            db.execute(
                "INSERT OR REPLACE INTO term_groups VALUES (?, ?, ?, ?)",
                (*key, pack_rowids(members)),
            )
        elif row:
            db.execute("DELETE FROM term_groups WHERE term = ? AND tf = ? AND length = ?", key)
    count = db.execute("SELECT count(*) FROM facts").fetchone()[0]
    total = int(meta["length_total"]) + change
    average = impacts_average(total / count if count else 1.0)
    if average != float(meta["impacts_average"]):
        rows = db.execute("SELECT term, tf, length, facts FROM term_groups").fetchall()
        db.execute("DELETE FROM impacts")
        db.executemany(
            "INSERT INTO impacts VALUES (?, ?)",
            [(t, pack_rowids(f)) for t, f in _impact_lists(term_groups(rows), average).items()],
        )
        return change
    touched = sorted({term for term, _, _ in moves})
    rows = _chunks(
        db, "SELECT term, tf, length, facts FROM term_groups WHERE term IN ({marks})", touched
    )
    lists = _impact_lists(term_groups(rows), average)
    kept = dict(_chunks(db, "SELECT term, facts FROM impacts WHERE term IN ({marks})", touched))
    redo = [
        term for term in touched if term in lists and pack_rowids(lists[term]) != kept.get(term)
    ]
    gone = [term for term in touched if term not in lists]
    _chunks(db, "DELETE FROM impacts WHERE term IN ({marks})", gone)
    db.executemany(
        "INSERT OR REPLACE INTO impacts VALUES (?, ?)", [(t, pack_rowids(lists[t])) for t in redo]
    )
    return change


def _delta(gone: Mapping[Any, int], come: Mapping[Any, int]) -> dict[Any, int]:
    """come - gone, by key, without the zeros."""
    found = {key: come.get(key, 0) - n for key, n in gone.items()}
    found.update((key, n) for key, n in come.items() if key not in gone)
    return {key: n for key, n in found.items() if n}


def _chunks(db: sqlite3.Connection, sql: str, values: Sequence[object]) -> list[Any]:
    """Run `sql`, whose `{marks}` stands for an IN list, over `values` in chunks."""
    rows: list[Any] = []
    for start in range(0, len(values), IN_LIST_MAX):
        chunk = values[start : start + IN_LIST_MAX]
        rows.extend(db.execute(sql.format(marks=",".join("?" * len(chunk))), chunk).fetchall())
    return rows
