"""The fact store as a check reads it: each read made once, a small base held in memory.

A check asks search one question per claim sentence, and search repeats the same reads
for every question - the analysed text of the facts it scores, the facts and sources it
answers with, whether a term is known, how many facts hold a term. The index does not
change during a check, so `HeldStore` makes each read once and shares what it read (the
objects are never changed).

A base of at most `IN_MEMORY_FACTS` facts (or any base indexed without FTS5, which only
memory can answer for) is also held whole, read once: every term
with the facts holding it and how often, weighted by field (BM25's term frequency), and
each fact's length. Search's full-text queries are then answered from memory, exactly as
SQLite FTS5 answers them - which facts match an expression, and their BM25 score with the
field weights (k1 1.2, b 0.75, FTS5's own formula in its order of operations; with
whole-number field weights the scores are the same numbers to the last bit) - instead of
one FTS5 query per sentence,
which was the largest part of a check's time. Only the expressions search writes are read
this way (quoted words and phrases, a word's beginning `"word"*`, a field filter
`{tags} :`, joined by OR); anything else, and any topic or standing filter, goes to FTS5.
`tests/test_heldstore.py` holds the two to the same answers for every query the golden
texts make.

A held base also says which facts hold a word (or any of several, or a phrase) in their
own text and in what they cite (`term_rows`, `phrase_rows`): search's coverage of a
question is then weighed phrase by phrase over the facts holding each, and the matcher
finds the facts whose claim says a word group once for all facts
(`query._Coverage.held_groups`, `claims._Matcher._sayers`). The test then holds a check
on a held base to the same matches as on a large one, for every golden text.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar

from ldnfacts import heldsnapshot, kept
from ldnfacts.records import JSONObject
from ldnfacts.store import BM25_B, BM25_K1, FIELD_WEIGHTS, FactStore, occurrences, own_terms

Key = TypeVar("Key")
Value = TypeVar("Value")

#: A base of at most this many facts is held in memory during a check.
IN_MEMORY_FACTS = 5_000

#: One part of an FTS5 expression as search writes it: a parenthesis, `OR`, a column
#: filter `{tags} :`, or a quoted phrase maybe followed by `*`.
_PART = re.compile(r'[ ]*(?:(\()|(\))|(OR)\b|\{([a-z]+)\}[ ]*:|"([^"]*)"(\*)?)')
#: An index term as FTS5's tokenizer (unicode61, `.` a token character) reads it: letters
#: and digits, a point between them, in lower case.
_TERM = re.compile(r"[^\W_]+(?:\.[^\W_]+)*")
_WEIGHTS = dict(FIELD_WEIGHTS)
#: The scores equal FTS5's to the bit only for whole-number field weights: FTS5 adds a
#: field's weight once per occurrence, in order, and sums of whole numbers are exact in
#: any order. With other weights the base is not held, and FTS5 answers.
_WHOLE_WEIGHTS = all(float(weight).is_integer() for _, weight in FIELD_WEIGHTS)


class _Phrase(NamedTuple):
    """One phrase of an expression, as FTS5 reads it."""

    terms: tuple[str, ...]
    #: A beginning (`"microglia"*`): any term it begins.
    prefix: bool = False
    #: Matched only in this field (`{tags} : "opioid"`), or in any.
    column: str | None = None


def or_phrases(expression: str) -> list[_Phrase] | None:
    """The phrases of an expression that joins quoted words and phrases by OR, a phrase
    maybe a word's beginning or limited to one field (what search writes), in order; None
    for any other expression. A quoted text must be index terms parted by single spaces,
    so that FTS5 reads it as the same terms."""
    found: list[_Phrase] = []
    at, depth = 0, 0
    expect_phrase = True
    column: str | None = None
    stop = len(expression.rstrip())
    while at < stop:
        part = _PART.match(expression, at)
        if part is None:
            return None
        opening, closing, joiner, field, quoted, star = part.groups()
        if opening is not None and expect_phrase and column is None:
            depth += 1
        elif closing is not None and not expect_phrase and depth:
            depth -= 1
        elif joiner is not None and not expect_phrase:
            expect_phrase = True
        elif field is not None and expect_phrase and column is None and field in _WEIGHTS:
            column = field
        elif quoted is not None and expect_phrase and quoted.split(" "):
            terms = tuple(quoted.split(" "))
            if (star is not None and len(terms) > 1) or not all(map(_is_term, terms)):
                return None
            found.append(_Phrase(terms, star is not None, column))
            expect_phrase, column = False, None
        else:
            return None
        at = part.end()
    return found if found and depth == 0 and not expect_phrase else None


@lru_cache(maxsize=4096)
def _is_term(text: str) -> bool:
    """Is `text` one index term as FTS5 reads it? (Once per word a run asks about.)"""
    return _TERM.fullmatch(text) is not None and text == text.lower()


class HeldStore(FactStore):
    """A `FactStore` whose reads are made once; see the module's documentation."""

    def __init__(self, store: FactStore) -> None:
        super().__init__(store._db, store.location)
        self._texts: dict[int, dict[str, list[str]]] = {}
        self._term_sets: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
        self._records: dict[int, JSONObject] = {}
        self._knows: dict[tuple[str, bool], bool] = {}
        self._frequencies: dict[str, int] = {}
        self._starting: dict[tuple[str, int], list[tuple[str, int]]] = {}
        self._facts: dict[int, JSONObject] = {}
        self._sources: dict[str, JSONObject] = {}
        #: The held base (`postings`): every term with the facts holding it, the terms
        #: sorted, the facts' average length in terms, and the facts matching each phrase.
        self._postings: dict[str, dict[int, float]] | None = None
        self._lengths: dict[int, int] = {}
        #: Each term with the facts holding it in their own fields, and in what they cite.
        self._own_rows: dict[str, list[int]] = {}
        self._cited_rows: dict[str, list[int]] = {}
        self._sorted: list[str] = []
        self._rows_held = 0
        self._average = 1.0
        self._matched: dict[_Phrase, dict[int, float]] = {}
        self._parts: dict[_Phrase, dict[int, float]] = {}
        #: The facts holding any of some terms (`term_rows`), or a phrase (`phrase_rows`),
        #: in their own fields and in what they cite.
        self._term_rows: dict[frozenset[str], tuple[frozenset[int], frozenset[int]]] = {}
        self._phrase_rows: dict[tuple[str, ...], tuple[frozenset[int], frozenset[int]]] = {}
        self._parsed: dict[str, list[_Phrase] | None] = {}
        #: Row ids of the facts read, by id.
        self._rowid_of: dict[str, int] = {}
        #: Tables others derive from the held base (`derived`), and whether this run
        #: built anything the snapshot it read lacks (`keep`).
        self._derived: dict[str, Any] = {}
        self._unsaved = False
        #: The index build and code what this store reads stands for (`read_as`).
        self._stamp = ""

    def postings(self) -> dict[str, dict[int, float]] | None:
        """For a base of at most `IN_MEMORY_FACTS` facts, or any base indexed without
        FTS5 (search then reads every fact's text too): every index term with the facts
        holding it, each with the term's count in the fact weighted by field (BM25's term
        frequency), read once, so that no word needs a query. Read from the snapshot the
        last check kept (`heldsnapshot`) when there is one, else built."""
        if self._postings is None:
            self._postings = {}
            snapshot = heldsnapshot.load(self, self.read_as())
            if snapshot is not None and self._holds(snapshot["rows"]):
                self._take(snapshot)
            else:
                self._build()
        return self._postings or None

    def read_as(self) -> str:
        """The index build and code what this store reads stands for (`kept.stamp`), read
        once, at the first call: before anything else is read from the index."""
        if not self._stamp:
            self._stamp = kept.stamp(self)
        return self._stamp

    def unchanged(self) -> bool:
        """Is the index still as `read_as` names it? Not when another process updated it
        while this store read it: then what was read may mix two builds, and nothing is
        kept for the next check."""
        return kept.stamp(self) == self.read_as()

    def _holds(self, rows: int) -> bool:
        """Is a base of `rows` facts held in memory?"""
        without_fts5 = self.meta().get("fts5") != "1"  # only memory can answer then
        return (rows <= IN_MEMORY_FACTS or without_fts5) and _WHOLE_WEIGHTS

    def _build(self) -> None:
        rowids = self.listing(None, ())
        if not self._holds(len(rowids)):
            return
        postings: dict[str, dict[int, float]] = {}
        length = 0
        for rowid, fields in self.texts(rowids).items():
            size = 0
            for name, terms in fields.items():
                weight = _WEIGHTS[name]
                size += len(terms)
                holding = self._cited_rows if name == "cites" else self._own_rows
                for term in terms:
                    held = postings.setdefault(term, {})
                    held[rowid] = held.get(rowid, 0.0) + weight
                    rows = holding.get(term)
                    if rows is None:
                        holding[term] = [rowid]
                    elif rows[-1] != rowid:  # each fact once: its fields come together
                        rows.append(rowid)
            self._lengths[rowid] = size
            length += size
        self._postings = postings
        self._sorted = sorted(postings)
        self._rows_held = len(rowids)
        self._average = length / len(rowids) if rowids else 1.0
        self._unsaved = True

    def _take(self, snapshot: dict[str, Any]) -> None:
        """Hold the base as a snapshot kept it."""
        self._texts.update(snapshot["texts"])
        self._postings = snapshot["postings"]
        self._lengths = snapshot["lengths"]
        self._sorted = snapshot["sorted"]
        self._average = snapshot["average"]
        self._rows_held = snapshot["rows"]
        self._records.update(snapshot["records"])
        self._own_rows = snapshot["own_rows"]
        self._cited_rows = snapshot["cited_rows"]
        self._rowid_of.update(snapshot["rowid_of"])
        self._derived.update(snapshot["derived"])

    def derived(self, name: str, build: Callable[[], Value], fit: Callable[[Any], bool]) -> Value:
        """A table derived from the held base alone, never from a page (the matcher's
        reading of every fact's claim): as the snapshot kept it when `fit` finds it of the
        right shape, or built now and kept with it."""
        self.postings()
        if name not in self._derived or not fit(self._derived[name]):
            self._derived[name] = build()
            self._unsaved = True
        return self._derived[name]  # type: ignore[no-any-return]

    def keep(self) -> None:
        """Keep the held base for the next check, when this one built any of it: every
        fact's record is read for it."""
        if not self._unsaved or not self._postings:
            return
        rowids = self.listing(None, ())
        self.records(rowids)
        if not self.unchanged():
            return
        snapshot = {
            "texts": self._texts,
            "postings": self._postings,
            "lengths": self._lengths,
            "sorted": self._sorted,
            "average": self._average,
            "rows": self._rows_held,
            "records": self._records,
            "rowid_of": self._rowid_of,
            "own_rows": self._own_rows,
            "cited_rows": self._cited_rows,
            "derived": self._derived,
        }
        heldsnapshot.save(self, snapshot, self.read_as())
        self._unsaved = False

    def _phrases(self, match: str) -> list[_Phrase] | None:
        """`or_phrases(match)` when the base is held, read once per expression."""
        if match not in self._parsed:
            self._parsed[match] = or_phrases(match) if self.postings() is not None else None
        return self._parsed[match]

    def _starting_with(self, prefix: str) -> list[str]:
        """Held terms beginning with `prefix`, in order."""
        return starting_with(self._sorted, prefix)

    # -- full-text queries: from memory when the base is held ------------------------------

    def ranked(
        self,
        match: str,
        topic: str | None = None,
        statuses: Sequence[str] = (),
        limit: int | None = None,
        natural: bool = False,
    ) -> list[tuple[int, float]]:
        phrases = None if topic or statuses else self._phrases(match)
        if phrases is None:
            return super().ranked(match, topic, statuses, limit, natural)
        scored = self._bm25(phrases)
        scored.sort(key=(lambda item: item[0]) if natural else (lambda item: (-item[1], item[0])))
        return scored[:limit] if limit is not None else scored

    def matching(self, match: str) -> set[int]:
        phrases = self._phrases(match)
        if phrases is None:
            return super().matching(match)
        return set().union(*(self._frequency(p).keys() for p in phrases))

    def count(self, match: str, topic: str | None = None, statuses: Sequence[str] = ()) -> int:
        phrases = None if topic or statuses else self._phrases(match)
        if phrases is None:
            return super().count(match, topic, statuses)
        return len(self.matching(match))

    def _bm25(self, phrases: list[_Phrase]) -> list[tuple[int, float]]:
        """(row id, score) of every fact matching a phrase: FTS5's bm25() with the field
        weights (fts5_aux.c: the same operations in the same order; each phrase's weighted
        frequency is a sum of whole numbers, exact in any order), negated back as
        `FactStore.ranked` does, so higher is better."""
        scored: dict[int, float] = {}
        for phrase in phrases:
            # a phrase a fact lacks adds 0.0 in FTS5: leaving it out sums the same
            for rowid, part in self._bm25_parts(phrase).items():
                scored[rowid] = scored.get(rowid, 0.0) + part
        return list(scored.items())

    def _bm25_parts(self, phrase: _Phrase) -> dict[int, float]:
        """What a phrase adds to the BM25 score of each fact holding it (it depends on the
        phrase and the fact alone), computed once per phrase."""
        if phrase not in self._parts:
            found = self._frequency(phrase)
            weight = math.log((self._rows_held - len(found) + 0.5) / (len(found) + 0.5))
            weight = weight if weight > 0.0 else 1e-6
            parts = self._parts[phrase] = {}
            for rowid, freq in found.items():
                norm = BM25_K1 * (1 - BM25_B + BM25_B * self._lengths[rowid] / self._average)
                parts[rowid] = weight * ((freq * (BM25_K1 + 1.0)) / (freq + norm))
        return self._parts[phrase]

    def _frequency(self, phrase: _Phrase) -> dict[int, float]:
        """Per fact holding a phrase (the base held): how often, each time weighted by
        its field - a word or any word a beginning begins from the postings, words in a
        row within one field or a phrase limited to one field from the facts' terms."""
        if phrase in self._matched:
            return self._matched[phrase]
        postings = self._postings or {}
        (first, *rest) = phrase.terms
        found: dict[int, float] = {}
        if phrase.prefix:
            for word in self._starting_with(first):
                for rowid, freq in postings[word].items():
                    found[rowid] = found.get(rowid, 0.0) + freq
        else:
            found = dict(postings.get(first, {}))
        if rest or phrase.column:
            rows = set(found).intersection(*(postings.get(t, ()) for t in rest))
            found = {}
            for rowid, fields in self.texts(sorted(rows)).items():
                freq = 0.0
                for name, terms in fields.items():
                    if phrase.column in (None, name):
                        freq += _WEIGHTS[name] * _instances(terms, phrase)
                if freq:
                    found[rowid] = freq
        self._matched[phrase] = found
        return found

    # -- each read once -----------------------------------------------------------------

    def texts(self, rowids: Sequence[int]) -> dict[int, dict[str, list[str]]]:
        return _read_once(self._texts, rowids, super().texts)

    def term_rows(self, terms: frozenset[str]) -> tuple[frozenset[int], frozenset[int]] | None:
        if self.postings() is None:
            return None
        if terms not in self._term_rows:
            self._term_rows[terms] = (
                frozenset().union(*(self._own_rows.get(term, ()) for term in terms)),
                frozenset().union(*(self._cited_rows.get(term, ()) for term in terms)),
            )
        return self._term_rows[terms]

    def phrases_count(self, phrases: list[tuple[tuple[str, ...], bool]]) -> int | None:
        if self.postings() is None or not all(_is_term(t) for terms, _ in phrases for t in terms):
            return None  # FTS5 reads other terms its own way
        found = [self._frequency(_Phrase(terms, prefix)).keys() for terms, prefix in phrases]
        return len(set().union(*found))

    def phrase_rows(self, terms: tuple[str, ...]) -> tuple[frozenset[int], frozenset[int]] | None:
        if self.postings() is None:
            return None
        if terms not in self._phrase_rows:
            phrase = _Phrase(terms)
            own: set[int] = set()
            cites: set[int] = set()
            for rowid, fields in self.texts(sorted(self._frequency(phrase))).items():
                for name, field_terms in fields.items():
                    if _instances(field_terms, phrase):
                        (cites if name == "cites" else own).add(rowid)
            self._phrase_rows[terms] = (frozenset(own), frozenset(cites))
        return self._phrase_rows[terms]

    def term_sets(self, rowid: int) -> tuple[frozenset[str], frozenset[str]]:
        if rowid not in self._term_sets:
            fields = self.texts([rowid]).get(rowid, {})
            self._term_sets[rowid] = (own_terms(fields), frozenset(fields.get("cites") or ()))
        return self._term_sets[rowid]

    def records(self, rowids: Sequence[int]) -> list[JSONObject]:
        missing = [r for r in dict.fromkeys(rowids) if r not in self._records]
        if missing:
            stored = self.facts(missing)
            present = [r for r in missing if r in stored]
            self._records.update(zip(present, super().records(present), strict=True))
        return [self._records[r] for r in rowids if r in self._records]

    def facts(self, rowids: Iterable[int]) -> dict[int, JSONObject]:
        def read(missing: list[int]) -> dict[int, JSONObject]:
            found = super(HeldStore, self).facts(missing)
            self._rowid_of.update((fact["id"], rowid) for rowid, fact in found.items())
            return found

        return _read_once(self._facts, rowids, read)

    def rowid_map(self, fact_ids: Iterable[str]) -> dict[str, int]:
        wanted = set(fact_ids)
        missing = wanted - self._rowid_of.keys()
        if missing:
            self._rowid_of.update(super().rowid_map(missing))
        return {i: self._rowid_of[i] for i in wanted if i in self._rowid_of}

    def sources(self, ids: Iterable[str] | None = None) -> dict[str, JSONObject]:
        if ids is None:
            return super().sources(None)
        return _read_once(self._sources, ids, super().sources)

    def knows(self, term: str, prefix: bool = False) -> bool:
        if (term, prefix) not in self._knows and self._postings:
            there = bool(self._starting_with(term)) if prefix else term in self._postings
            self._knows[term, prefix] = there
        if (term, prefix) not in self._knows:
            self._knows[term, prefix] = super().knows(term, prefix)
        return self._knows[term, prefix]

    def frequencies(self, terms: Sequence[str]) -> dict[str, int]:
        if self._postings:
            return {t: len(self._postings[t]) for t in terms if t in self._postings}
        missing = [t for t in dict.fromkeys(terms) if t not in self._frequencies]
        if missing:
            found = super().frequencies(missing)
            self._frequencies.update({t: found.get(t, -1) for t in missing})
        return {t: self._frequencies[t] for t in terms if self._frequencies[t] >= 0}

    def terms_starting(self, prefix: str, limit: int = 50) -> list[tuple[str, int]]:
        if (prefix, limit) not in self._starting:
            if self._postings:
                counted = [(t, len(self._postings[t])) for t in self._starting_with(prefix)]
                counted.sort(key=lambda item: (-item[1], item[0]))
                self._starting[prefix, limit] = counted[:limit]
            else:
                self._starting[prefix, limit] = super().terms_starting(prefix, limit)
        return list(self._starting[prefix, limit])


def starting_with(terms: list[str], prefix: str) -> list[str]:
    """The terms of the sorted list `terms` that begin with `prefix`, in order."""
    at = bisect_left(terms, prefix)
    found = []
    while at < len(terms) and terms[at].startswith(prefix):
        found.append(terms[at])
        at += 1
    return found


def _read_once(
    kept: dict[Key, Value], wanted: Iterable[Key], read: Callable[[list[Key]], dict[Key, Value]]
) -> dict[Key, Value]:
    """What `read` gives for the wanted keys, in their order: one call for those not yet
    in `kept`, which keeps them."""
    keys = list(wanted)
    missing = [key for key in dict.fromkeys(keys) if key not in kept]
    if missing:
        kept.update(read(missing))
    return {key: kept[key] for key in keys if key in kept}


def _instances(terms: list[str], phrase: _Phrase) -> int:
    """How many times FTS5 finds a phrase in a field's terms: each term a beginning
    begins, or each place the words stand in a row."""
    if phrase.prefix:
        return sum(1 for term in terms if term.startswith(phrase.terms[0]))
    return occurrences(terms, phrase.terms)
