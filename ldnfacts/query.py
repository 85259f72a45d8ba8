"""Find facts: by topic, by question, by standing; rank them; explain a miss.

Two ways to match, both through the one analyser in `words` and the vocabulary file:

- **A question is ranked** (`search`, `Query(ranked=True)`): filler words are ignored, the
  rest are matched by stem and through the vocabulary, and facts are ranked by how many of
  the question's subjects they match, then by BM25 over claim, tags, note, names and cited
  sources (`store.FIELD_WEIGHTS`). Words too common to be a subject (ldn, naltrexone,
  dose... the vocabulary's `generic` list) help ranking but never qualify a fact alone.
- **Terms narrow** (topic commands): every term must match.

SAFETY FIRST (the lead rule): when a question names a concept whose vocabulary entry has
`lead` tags -- every opioid, drug or brand, asks `is it safe` -- the facts carrying those
tags come first, in the order of the tags (opioids: the contraindication, then precipitated
withdrawal), before the ranked answer. Only facts matching more of the question's other
subjects than the lead facts do stay before them (`imodium for diarrhoea`: the fact on
opioid antidiarrhoeals); for a named drug they must be about the drug too, and at most
DRUG_LEAD_AFTER of them, so the contraindication stays in the top 3. The rule holds for
topic listings too (there, lead facts always come first).

RANKING: facts are ordered by how well they cover the question (`_Coverage`: per subject,
its rarity, literal or through the vocabulary, in the fact's own text or only in cited
titles), BM25 settling near ties.

NOT COVERED: when the subject words of a question are unknown to the base even after the
vocabulary and spelling correction (`ldn hair loss`), no facts are returned: facts that
only match generic words would not be an answer. `miss_message` says what is missing and
what the base covers.
"""

from __future__ import annotations

import weakref
from collections.abc import Set
from typing import Any

from ldnfacts.listings import condition_key
from ldnfacts.records import JSONObject
from ldnfacts.store import FactStore, occurrences, own_terms

#: At most this many facts carrying one lead tag are moved to the front.
LEAD_PER_TAG = 2
#: A ranked search scores this many BM25 candidates per fact asked for (all when no limit).
CANDIDATES_PER_RESULT = 40
MIN_CANDIDATES = 400


class Query:
    """What is asked: a topic, terms or a question, filters, a limit."""

    __slots__ = (
        "conditions",
        "counted",
        "explain",
        "limit",
        "ranked",
        "statuses",
        "terms",
        "topic",
    )

    def __init__(
        self,
        topic: str | None = None,
        terms: tuple[str, ...] = (),
        statuses: tuple[str, ...] = (),
        limit: int | None = None,
        ranked: bool = False,
        conditions: tuple[str, ...] = (),
        explain: bool = True,
        counted: bool = True,
    ) -> None:
        self.topic = topic
        #: One whole question or several words: the two are treated identically.
        self.terms = terms
        self.statuses = statuses
        self.limit = limit
        #: Rank a question, best first (search); otherwise every term must match and facts
        #: come in their natural order (topic listings).
        self.ranked = ranked
        #: Only facts about one of these conditions (`fibromyalgia`, `multiple sclerosis`...).
        self.conditions = conditions
        #: Fill `Answer.matches` (words, fields, score of each fact); off saves time.
        self.explain = explain
        #: Count every fact matching a subject for `Answer.total`; off (a check shows no
        #: total) saves a query, and the total is then what was scored.
        self.counted = counted


class Answer:
    """What `find` found; filled in step by step (a plain class, not a dataclass: see
    `claims.Claim`)."""

    __slots__ = (
        "corrections",
        "facts",
        "ignored",
        "matches",
        "scores",
        "suggestions",
        "total",
        "uncovered",
    )

    def __init__(
        self,
        facts: list[JSONObject],
        total: int,
        scores: list[float] | None = None,
        uncovered: list[str] | None = None,
    ) -> None:
        self.facts = facts
        #: How many facts matched before `--limit` cut the list.
        self.total = total
        #: For a miss: terms that match nothing anywhere, with words the data knows
        #: instead.
        self.suggestions: dict[str, list[str]] = {}
        #: Parallel to `facts`: the score of each (higher is better; 0 for plain
        #: listings).
        self.scores: list[float] = scores if scores is not None else []
        #: Parallel to `facts`: how each matched (`match` object: words, fields, score,
        #: lead).
        self.matches: list[JSONObject] = []
        #: Words corrected before searching: typed -> used (`dreems` -> `dreams`).
        self.corrections: dict[str, str] = {}
        #: Subjects of the question the base knows nothing about (`hair loss`).
        self.uncovered: list[str] = uncovered if uncovered is not None else []
        #: Words ignored as filler.
        self.ignored: list[str] = []


_VOCABULARIES: dict[str, Any] = {}
_METAS: weakref.WeakKeyDictionary[FactStore, dict[str, str]] = weakref.WeakKeyDictionary()


def _meta(store: FactStore) -> dict[str, str]:
    """The index's meta table, read once per store."""
    if store not in _METAS:
        _METAS[store] = store.meta()
    found: dict[str, str] = _METAS[store]
    return found


def index_vocabulary(store: FactStore) -> Any:
    """The bundled vocabulary with the fact files' additions, as compiled into the index
    (re-read from the vocabulary file when that has changed since)."""
    import json

    from ldnfacts.words import Vocabulary, vocabulary, vocabulary_stamp

    meta = _meta(store)
    key = f"{store.location}\0{meta.get('built_at_ns')}"
    if key not in _VOCABULARIES:
        compiled = json.loads(meta.get("compiled_vocabulary") or "{}")
        if compiled.get("stamp") == vocabulary_stamp():
            _VOCABULARIES[key] = Vocabulary.from_json(compiled)
        else:
            extra = meta.get("vocabulary")
            _VOCABULARIES[key] = vocabulary().merged(json.loads(extra) if extra else None)
    return _VOCABULARIES[key]


def known_in(store: FactStore, alternative: tuple[str, ...]) -> bool:
    """Does the base use every term of `alternative` (a long word: or a word it begins)?"""
    from ldnfacts.words import PREFIX_MIN

    return all(
        store.knows(t) or (len(t) >= PREFIX_MIN and t.isalpha() and store.knows(t, prefix=True))
        for t in alternative
    )


def match_expression(group: Any, known_only: Any = None) -> str:
    """The FTS5 expression for a group: any alternative; a word of five letters or more
    also matches words it begins (`microglia` -> `microglial`), an exact match counting
    twice."""
    parts = [
        '"' + " ".join(terms) + ('"*' if prefix else '"')
        for terms, prefix in group_phrases(group, known_only)
    ]
    return "(" + " OR ".join(parts) + ")" if parts else ""


def group_phrases(group: Any, known_only: Any = None) -> list[tuple[tuple[str, ...], bool]]:
    """The phrases of `match_expression`, in its order: each alternative (for which
    `known_only` holds, if given), and after a word of five letters or more the word's
    beginning; as (terms, whether a beginning)."""
    from ldnfacts.words import PREFIX_MIN

    found = []
    for alternative in group.alternatives:
        if known_only is not None and not known_only(alternative):
            continue
        found.append((alternative, False))
        if len(alternative) == 1 and len(alternative[0]) >= PREFIX_MIN and alternative[0].isalpha():
            found.append((alternative, True))
    return found


def _correct(store: FactStore, groups: list[Any], vocab: Any, ignored: list[str]) -> dict[str, str]:
    """Replace single unknown words by the nearest known word, if one is close enough.
    Filler words are candidates too: a mistyped filler word (`shoud`) becomes filler and
    is ignored, never an unknown subject."""
    from ldnfacts.words import (
        SWAP_ONLY,
        allowed_edits,
        closest,
        fold,
        parse,
        vocabulary_words,
    )

    corrections: dict[str, str] = {}
    dropped: list[int] = []
    for index, group in enumerate(groups):
        if group.concept is not None or len(group.alternatives) != 1:
            continue
        word = fold(group.said)
        swap_only = len(word) == SWAP_ONLY and word.isalpha()
        if known_in(store, group.alternatives[0]) or not (allowed_edits(word) or swap_only):
            continue
        distance = allowed_edits(word)
        candidates = store.spelling_candidates(word, distance)
        candidates += [
            (w, 0)
            for w in (*vocabulary_words(vocab), *vocab.stopwords)
            if w[:1] == word[:1] and abs(len(w) - len(word)) <= distance and w.isalpha()
        ]
        better = closest(word, candidates)
        if better:
            replaced, _ = parse(better, vocab)
            corrections[group.said] = better
            if replaced:
                replaced[0].position, replaced[0].size = group.position, group.size
                groups[index] = replaced[0]
            else:  # a filler word, mistyped
                dropped.append(index)
                ignored.append(better)
    for index in reversed(dropped):
        del groups[index]
    return corrections


def _unknown_runs(store: FactStore, groups: list[Any], known: dict[int, bool]) -> list[list[Any]]:
    """Phrases of plain subject words next to each other in the question (`brain fog`,
    `covid vaccine injury`) that hold a word the base does not know: an unknown word makes
    its whole phrase unknown, since the known words only qualify it. But known words that
    the base itself holds as a phrase (`autoimmune disease`) are a subject of their own,
    which an unknown word beside them (`cures`) never swallows."""
    plain = sorted(
        (
            g
            for g in groups
            if g.concept is None
            and not g.generic
            and g.position >= 0
            and (g.said.replace(" ", "").isalpha() or not known[id(g)])
        ),
        key=lambda g: g.position,
    )  # a known number or identifier (`38258677`) is specific: never part of a phrase
    runs: list[list[Any]] = []
    for group in plain:
        if runs and runs[-1][-1].position + runs[-1][-1].size == group.position:
            runs[-1].append(group)
        else:
            runs.append([group])
    unknown_runs: list[list[Any]] = []
    for run in runs:
        if all(known[id(g)] for g in run):
            continue
        kept = {
            id(g) for part in _known_parts(run, known) if _base_phrase(store, part) for g in part
        }
        unknown_runs.append([g for g in run if id(g) not in kept])
    unplaced = [g for g in groups if g.position < 0 and not g.generic and not known[id(g)]]
    return unknown_runs + [[g] for g in unplaced]


def _known_parts(run: list[Any], known: dict[int, bool]) -> list[list[Any]]:
    """The stretches of two or more known words in a run."""
    parts: list[list[Any]] = [[]]
    for group in run:
        if known[id(group)] and len(group.alternatives) == 1:
            parts[-1].append(group)
        elif parts[-1]:
            parts.append([])
    return [part for part in parts if len(part) > 1]


def _base_phrase(store: FactStore, part: list[Any]) -> bool:
    """Whether some fact says these words as one phrase."""
    if _meta(store).get("fts5") != "1":
        return False
    phrase = " ".join(t for g in part for t in g.alternatives[0])
    return store.count(f'"{phrase}"') > 0


def _asks(group: Any) -> bool:
    """Whether a group says what is asked (an intent: `is it safe`, `how long`), not
    what about."""
    return group.concept is not None and group.concept.kind == "intent"


def _subject_weight(group: Any) -> int:
    """How surely a known group is what a question is about: a thing the vocabulary
    knows (`fentanyl`, `long covid`) counts 2, a plain word 1; the intents of a question
    (`is it safe`, `how long`) count 1 together, so that an unknown noun beside them
    (`is ldn safe for dogs`) is the subject, and is not covered."""
    return 2 if group.concept is not None and group.concept.kind != "intent" else 1


def find(store: FactStore, query: Query) -> Answer:
    """The facts answering `query`, as documented fact objects, with scores and how each
    matched; see the module's documentation for the rules."""
    text = " ".join(query.terms)
    if not text.strip():
        rowids = _scoped_listing(store, query)
        answer = _answer(store, rowids, query.limit, [0.0] * len(rowids))
        answer.matches = [{"score": 0.0, "words": [], "fields": {}, "lead": False}] * len(
            answer.facts
        )
        return answer
    from ldnfacts.words import parse  # the analyser, only for a question or terms

    vocab = index_vocabulary(store)
    groups, ignored = parse(text, vocab)
    corrections = _correct(store, groups, vocab, ignored)
    if corrections:  # read the corrected question again: `starts to wrok` is a phrase
        import re

        from ldnfacts.words import fold

        corrected = fold(text)
        for typed, used in corrections.items():
            corrected = re.sub(rf"\b{re.escape(fold(typed))}\b", used, corrected)
        groups, ignored = parse(corrected, vocab)
    known = {id(g): any(known_in(store, alt) for alt in g.alternatives) for g in groups}
    if query.ranked:
        answer = _rank(store, query, groups, known)
    else:
        answer = _narrow(store, query, groups, known)
    answer.corrections = corrections
    answer.ignored = ignored
    return answer


def _scoped_listing(store: FactStore, query: Query) -> list[int]:
    rowids = store.listing(query.topic, query.statuses)
    if query.conditions:
        allowed = store.with_conditions([condition_key(c) for c in query.conditions])
        rowids = [r for r in rowids if r in allowed]
    return rowids


def _in_conditions(store: FactStore, query: Query, scored: list[tuple[int, float]]) -> Any:
    if not query.conditions:
        return scored
    allowed = store.with_conditions([condition_key(c) for c in query.conditions])
    return [(r, s) for r, s in scored if r in allowed]


def _narrow(store: FactStore, query: Query, groups: list[Any], known: dict[int, bool]) -> Answer:
    """Topic listings: every group must match; natural order, lead facts first."""
    if not groups:
        rowids = _scoped_listing(store, query)
        return _answer(store, rowids, query.limit, [0.0] * len(rowids))
    missing = [g for g in groups if not known[id(g)]]
    if missing:
        answer = Answer(facts=[], total=0)
        answer.suggestions = {g.said: suggest(store, g.said) for g in missing}
        return answer
    if _meta(store).get("fts5") == "1":
        match = " AND ".join(match_expression(g, lambda alt: known_in(store, alt)) for g in groups)
        scored = store.ranked(match, query.topic, query.statuses, natural=True)
    else:  # no FTS5: the same rule, by reading the analysed text of every fact in scope
        scope = store.listing(query.topic, query.statuses)
        texts = store.texts(scope)
        check = _Bm25(_meta(store), _phrases(store, groups))
        wanted = {id(g) for g in groups}
        scored = [(r, 0.0) for r in scope if r in texts and check.matched(texts[r]) >= wanted]
    scored = _in_conditions(store, query, scored)
    scored, lead = _lead_first(store, query, groups, scored, within=True)
    rowids = [r for r, _ in scored]
    answer = _answer(store, rowids, query.limit, [s for _, s in scored])
    if query.explain:
        answer.matches = explain(store, answer, groups, lead)
    return answer


def _rank(store: FactStore, query: Query, groups: list[Any], known: dict[int, bool]) -> Answer:
    """A question: subjects matched first, then BM25; lead facts before all."""
    if not groups:
        return Answer(facts=[], total=0)
    subjects = [g for g in groups if not g.generic] or groups
    found = [g for g in subjects if known[id(g)]]
    runs = _unknown_runs(store, subjects, known)
    in_runs = {id(g) for run in runs for g in run}
    uncovered = [" ".join(g.said for g in run) for run in runs]
    # a word the vocabulary knows (`fentanyl`) is a surer subject than a plain word
    counted = [g for g in found if id(g) not in in_runs]
    weight = sum(_subject_weight(g) for g in counted if not _asks(g))
    weight += any(_asks(g) for g in counted)  # what is asked counts once, however said
    # a question naming a drug with a lead (every opioid) is always answered: whatever else
    # it asks, the contraindication must show
    named_lead = any(g.lead and not _asks(g) for g in counted)
    if runs and len(in_runs) >= weight and not named_lead:
        return Answer(facts=[], total=0, uncovered=uncovered)
    usable = [g for g in groups if known[id(g)]]

    def check(alt: tuple[str, ...]) -> bool:
        return known_in(store, alt)

    expressions = {id(g): match_expression(g, check) for g in usable}
    everything = " OR ".join(expressions[id(g)] for g in usable)
    cap = None
    if query.limit is not None:
        cap = max(MIN_CANDIDATES, CANDIDATES_PER_RESULT * query.limit)
    phrases = _phrases(store, usable)
    meta = _meta(store)
    with_fts = meta.get("fts5") == "1" and sum(p.hits for p in phrases) <= FTS_SCORED_MAX
    subject_match = " OR ".join(expressions[id(g)] for g in found)
    scored = _candidates(
        store, query, phrases, everything, cap, with_fts, {id(g) for g in found}, subject_match
    )
    scored = _in_conditions(store, query, scored)
    literal = {id(g) for g in usable if _literal_in_base(store, g)}
    weigh = _Coverage(meta, phrases, usable, literal)
    scored, coverage, per_group = _score(store, meta, phrases, scored, found, weigh, with_fts)
    # the best covered first (`_Coverage`); BM25 settles near ties
    top = max((abs(s) for _, s in scored), default=0.0) or 1.0
    scored.sort(key=lambda item: (-(coverage[item[0]] + BM25_SHARE * item[1] / top), item[0]))
    ranking = _Ranking(per_group, weigh, found)
    led, lead = _lead_first(store, query, groups, scored, within=False, ranking=ranking)
    if (
        not query.counted
        or (len(found) == 1 and cap is None)
        or query.conditions
        or _meta(store).get("fts5") != "1"
    ):
        total = len(scored)
    else:
        total = max(store.count(subject_match, query.topic, query.statuses), len(scored))
    total += len({r for r, _ in led} - {r for r, _ in scored})
    rowids = [r for r, _ in led]
    answer = _answer(store, rowids, query.limit, [s for _, s in led])
    answer.total = max(total, len(rowids))
    answer.uncovered = uncovered
    if query.explain:
        answer.matches = explain(store, answer, groups, lead)
    return answer


#: Above this many (estimated) matches, a question is scored on the `impacts` candidates.
FTS_SCORED_MAX = 2_000


#: How much a match counts toward a fact's coverage of a question, by kind of match:
#: the question's own word, or what the vocabulary says it means (`oxycodone` ~ `opioid`;
#: when the base lacks the word itself, what it means counts in full);
#: in the fact's own text, or only in the titles and names of the sources it cites; a
#: word too common to be a subject (`ldn`, `patients`) counts a fraction.
LITERAL, EXPANSION = 1.0, 0.6
OWN_TEXT, CITES_ONLY = 1.0, 0.3
GENERIC_SHARE = 0.2
#: A thing the vocabulary names (a drug, a condition, a topic) is a surer subject than a
#: plain word, as for the not-covered rule; what is asked about it (an intent) is not.
NAMED_SHARE = 1.25
#: What is asked (`is it safe`, `how long`) counts less than what it is asked about: a
#: fact on compounded LDN answers `is compounded LDN safe` before a fact on safety alone.
INTENT_SHARE = 0.7
#: BM25 (relative to the best candidate's) adds at most this much to a fact's coverage:
#: it orders facts that cover the question alike, by where and how often they match.
BM25_SHARE = 0.5
#: Past this IDF every rare word counts the same: one odd word must not outweigh the rest.
IDF_CAP = 2.5
#: A word matching every fact still counts this much (its IDF is clipped here).
MIN_IDF = 0.05


def _score(
    store: FactStore,
    meta: dict[str, str],
    phrases: list[_Phrase],
    scored: list[tuple[int, float]],
    found: list[Any],
    weigh: _Coverage,
    with_fts: bool,
) -> tuple[list[tuple[int, float]], dict[int, float], dict[int, dict[int, float]]]:
    """Score candidates (unless FTS5 did), weigh how well each covers the question
    (`_Coverage`), and drop facts that match no subject."""
    rowids = [r for r, _ in scored]
    held = weigh.held_groups(store, rowids)
    texts = store.texts(rowids) if held is None or not with_fts else {}
    bm25 = None if with_fts else _Bm25(meta, phrases)
    subject_ids = {id(g) for g in found}
    coverage: dict[int, float] = {}
    per_group: dict[int, dict[int, float]] = {}
    rescored = []
    for rowid, score in scored:
        if rowid not in texts and (held is None or bm25 is not None):
            continue  # a fact without analysed text (a damaged index) is not scored
        fields = texts.get(rowid, {})
        groups = held[rowid] if held is not None else weigh.groups(fields, store.term_sets(rowid))
        bm25_score = score if bm25 is None else bm25.score(fields)[0]
        if subject_ids.isdisjoint(groups):
            continue
        per_group[rowid] = groups
        coverage[rowid] = sum(groups.values())
        rescored.append((rowid, bm25_score))
    return rescored, coverage, per_group


class _Coverage:
    """How well a fact covers a question: per group, the best of its matches, each worth
    the IDF of what matched times the kind of match (LITERAL or EXPANSION, OWN_TEXT or
    CITES_ONLY; GENERIC_SHARE for generic words). Rare, decisive words outweigh many
    common ones, and a word matched only through the vocabulary or a cited title weighs
    less than the question's own word in the fact's own text."""

    def __init__(
        self, meta: dict[str, str], phrases: list[_Phrase], groups: list[Any], literal: set[int]
    ) -> None:
        import math

        rows = int(meta.get("facts") or 1)
        by_id = {id(g): g for g in groups}
        # a group is as rare as its most common way of matching: `fibro` is rare as a
        # word, but the group also matches every `fibromyalgia`
        from ldnfacts.words import FILLER

        hits: dict[int, int] = {}
        for p in phrases:
            hits[p.group] = max(hits.get(p.group, 0), p.hits)
        #: Each phrase, what a match is worth, and for a single term, the terms any of
        #: which is a match (the term, and with `prefix` the longer terms it begins).
        self.phrases: list[tuple[_Phrase, float, frozenset[str] | None]] = []
        for p in phrases:
            group = by_id.get(p.group)
            if group is None:
                continue
            common = min(hits[p.group], rows)
            idf = math.log((rows - common + 0.5) / (common + 0.5))
            worth = min(IDF_CAP, max(MIN_IDF, idf))
            if p.terms not in group.alternatives[: group.own] and p.group in literal:
                worth *= EXPANSION
            if group.concept is not None and group.concept.kind not in ("intent", FILLER):
                worth *= NAMED_SHARE
            elif group.concept is not None:
                worth *= INTENT_SHARE
            if group.generic:
                worth *= GENERIC_SHARE
            keys = None
            if len(p.terms) == 1:
                keys = frozenset((p.terms[0], *(p.seeds if p.prefix else ())))
            self.phrases.append((p, worth, keys))

    def groups(
        self, fields: dict[str, list[str]], kept: tuple[frozenset[str], frozenset[str]] | None
    ) -> dict[int, float]:
        """Per group matched: what the best match is worth. `kept`: the fact's own terms
        and those of what it cites, as sets, when the store keeps them (`term_sets`)."""
        own: Set[str]
        cites: Set[str] | None
        if kept is not None:
            own, cites = kept
        else:
            own = own_terms(fields)
            cites = None  # built only when needed: the longest field
        found: dict[int, float] = {}
        for phrase, worth, keys in self.phrases:
            if found.get(phrase.group, 0.0) >= worth:
                continue
            if (
                not keys.isdisjoint(own)
                if keys is not None
                else self._phrase_in(phrase, own, fields, own_text=True)
            ):
                found[phrase.group] = max(found.get(phrase.group, 0.0), worth * OWN_TEXT)
                continue
            if found.get(phrase.group, 0.0) >= worth * CITES_ONLY:
                continue
            if cites is None:
                cites = set(fields.get("cites") or ())
            if (
                not keys.isdisjoint(cites)
                if keys is not None
                else self._phrase_in(phrase, cites, fields, own_text=False)
            ):
                found[phrase.group] = max(found.get(phrase.group, 0.0), worth * CITES_ONLY)
        return found

    def held_groups(
        self, store: FactStore, rowids: list[int]
    ) -> dict[int, dict[int, float]] | None:
        """`groups` of the facts `rowids` at once, when the store holds its base
        (`term_rows`); None when it does not. Phrase by phrase, each over the facts holding
        it, instead of every phrase for each fact: the same values, and each fact's groups
        in the same order (the phrases are visited in `groups`' order), so the same sums."""
        found: dict[int, dict[int, float]] = {rowid: {} for rowid in rowids}
        candidates = set(rowids)  # a set meets a set at the smaller one's length
        for phrase, worth, keys in self.phrases:
            rows = store.term_rows(keys) if keys is not None else store.phrase_rows(phrase.terms)
            if rows is None:
                return None
            own = rows[0] & candidates
            cites = rows[1] & candidates
            for rowid in own:
                matched = found[rowid]
                if matched.get(phrase.group, 0.0) < worth:
                    matched[phrase.group] = worth * OWN_TEXT
            for rowid in cites - own:
                matched = found[rowid]
                if matched.get(phrase.group, 0.0) < worth * CITES_ONLY:
                    matched[phrase.group] = worth * CITES_ONLY
        return found

    @staticmethod
    def _phrase_in(
        phrase: _Phrase, every: Set[str], fields: dict[str, list[str]], own_text: bool
    ) -> bool:
        """Does a phrase of several terms stand whole in the fact's own text (or in what
        it cites)?"""
        first = phrase.terms[0]
        return first in every and any(
            _count(terms, {first: 1}, phrase.terms, False)
            for name, terms in fields.items()
            if (name != "cites") == own_text
        )


def _literal_in_base(store: FactStore, group: Any) -> bool:
    """Whether the base says the question's own words of a group (`drug screen`), so
    that what the vocabulary says they mean weighs less than they do."""
    for alternative in group.alternatives[: group.own]:
        if not known_in(store, alternative):
            continue
        if len(alternative) == 1 or _meta(store).get("fts5") != "1":
            return True
        if store.count('"' + " ".join(alternative) + '"') > 0:
            return True
    return False


def _candidates(
    store: FactStore,
    query: Query,
    phrases: list[_Phrase],
    everything: str,
    cap: int | None,
    with_fts: bool,
    subjects: set[int],
    subject_match: str,
) -> list[tuple[int, float]]:
    """The facts a question is scored on, with FTS5's score when FTS5 ranked them."""
    if with_fts:
        # few matches: SQLite FTS5 ranks them all with bm25(); only those matching a
        # subject are kept to be read and weighed, as `_score` would drop the others (`ldn`
        # alone matches most of the base)
        ranked = store.ranked(everything, query.topic, query.statuses, limit=cap)
        if not subject_match:
            return ranked
        matching = store.matching(subject_match)
        return [(rowid, score) for rowid, score in ranked if rowid in matching]
    # very common words: score the facts where each word weighs most (the index's
    # `impacts` lists) with the same BM25 formula, instead of half the base
    per_seed = max(IMPACTS_PER_RESULT * query.limit, 50) if query.limit else 1_000_000
    pool: dict[int, None] = {}
    seeding = [p for p in phrases if p.group in subjects] or phrases
    for phrase in seeding:
        for term in phrase.seeds[:PREFIX_SEEDS]:
            pool.update(dict.fromkeys(store.impacts(term, per_seed)))
    allowed = store.in_scope(list(pool), query.topic, query.statuses)
    return [(r, 0.0) for r in pool if r in allowed]


#: With `--limit N`, common words are scored on this many of their best facts per N.
IMPACTS_PER_RESULT = 10
#: A word's beginning seeds candidates from at most this many of the words it begins.
PREFIX_SEEDS = 5


class _Phrase:
    """One way a group may match, as FTS5 sees it: a term, a term's beginning, or a
    phrase; with how many facts it matches (estimated from the index's term counts)."""

    __slots__ = ("group", "hits", "prefix", "seeds", "terms")

    def __init__(
        self, group: int, terms: tuple[str, ...], prefix: bool, hits: int, seeds: list[str]
    ) -> None:
        self.group = group
        self.terms = terms
        self.prefix = prefix
        self.hits = hits
        #: Terms whose `impacts` lists seed the candidates.
        self.seeds = seeds


def _phrases(store: FactStore, groups: list[Any]) -> list[_Phrase]:
    from ldnfacts.words import PREFIX_MIN

    found: list[_Phrase] = []
    for group in groups:
        for alternative in group.alternatives:
            if not known_in(store, alternative):
                continue
            counts = store.frequencies(list(alternative))
            if len(alternative) > 1:
                rarest = min(alternative, key=lambda t: counts.get(t, 0))
                found.append(
                    _Phrase(id(group), alternative, False, counts.get(rarest, 0), [rarest])
                )
                continue
            (term,) = alternative
            if term in counts:
                found.append(_Phrase(id(group), alternative, False, counts[term], [term]))
            if len(term) >= PREFIX_MIN and term.isalpha():
                longer = store.terms_starting(term)
                found.append(
                    _Phrase(
                        id(group),
                        alternative,
                        True,
                        sum(n for _, n in longer),
                        [t for t, _ in longer if t != term],
                    )
                )
    return found


class _Bm25:
    """BM25 as SQLite FTS5's bm25() computes it (k1 1.2, b 0.75, field weights applied to
    term frequencies), for facts scored outside FTS5; also says which groups matched."""

    def __init__(self, meta: dict[str, str], phrases: list[_Phrase]) -> None:
        import math

        from ldnfacts.store import FIELD_WEIGHTS

        self.rows = int(meta.get("facts") or 1)
        self.average = float(meta.get("average_length") or 1.0)
        self.weights = dict(FIELD_WEIGHTS)
        self.phrases = [
            (
                p,
                max(1e-6, math.log((self.rows - min(p.hits, self.rows) + 0.5) / (p.hits + 0.5))),
            )
            for p in phrases
        ]

    def matched(self, fields: dict[str, list[str]]) -> set[int]:
        """The groups a fact matches (cheaper than scoring it)."""
        every = {t for terms in fields.values() for t in terms}
        found: set[int] = set()
        for phrase, _ in self.phrases:
            if phrase.group in found:
                continue
            first = phrase.terms[0]
            if len(phrase.terms) == 1:
                # a beginning matches the longer words the index holds (its seeds)
                hit = first in every or (phrase.prefix and any(t in every for t in phrase.seeds))
            else:
                hit = first in every and any(
                    _count(terms, {first: 1}, phrase.terms, False) for terms in fields.values()
                )
            if hit:
                found.add(phrase.group)
        return found

    def score(self, fields: dict[str, list[str]]) -> tuple[float, set[int]]:
        from ldnfacts.store import BM25_B, BM25_K1

        length = sum(len(terms) for terms in fields.values())
        norm = BM25_K1 * (1 - BM25_B + BM25_B * length / self.average)
        counters = {name: _counter(terms) for name, terms in fields.items()}
        total = 0.0
        matched: set[int] = set()
        for phrase, idf in self.phrases:
            tf = 0.0
            for name, terms in fields.items():
                found = _count(terms, counters[name], phrase.terms, phrase.prefix)
                tf += self.weights[name] * found
            if tf:
                matched.add(phrase.group)
                total += idf * tf * (BM25_K1 + 1) / (tf + norm)
        return total, matched


def _counter(terms: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for term in terms:
        counts[term] = counts.get(term, 0) + 1
    return counts


def _count(terms: list[str], counts: dict[str, int], phrase: tuple[str, ...], prefix: bool) -> int:
    if len(phrase) == 1:
        wanted = phrase[0]
        if prefix:
            return sum(n for t, n in counts.items() if t.startswith(wanted))
        return counts.get(wanted, 0)
    if phrase[0] not in counts:
        return 0
    return occurrences(terms, phrase)


class _Ranking:
    """What the lead rule needs to know of a ranked question: per fact scored, the
    groups it matches and what each match is worth."""

    __slots__ = ("coverage", "per_group", "subjects")

    def __init__(
        self,
        per_group: dict[int, dict[int, float]],
        coverage: _Coverage,
        subjects: list[Any],
    ) -> None:
        self.per_group = per_group
        self.coverage = coverage
        self.subjects = subjects


#: A named drug's lead facts (the contraindication) let at most this many facts that
#: answer the rest of the question better go before them: they stay in the top 3.
DRUG_LEAD_AFTER = 2


def _lead_first(
    store: FactStore,
    query: Query,
    groups: list[Any],
    scored: list[tuple[int, float]],
    within: bool,
    ranking: _Ranking | None = None,
) -> tuple[list[tuple[int, float]], set[str]]:
    """The lead rule (see the module's documentation): facts carrying a lead tag of a
    concept the question names go first, in tag order, at most LEAD_PER_TAG per tag.
    `within`: choose only among `scored` (narrowing); otherwise from the whole scope.
    With a `ranking` (questions), a fact that answers the question's other subjects
    better stays before them (`_yield_to`)."""
    tags = list(dict.fromkeys(tag for g in groups for tag in g.lead))
    if not tags:
        return scored, set()
    score_of = dict(scored)
    from ldnfacts.words import tokens

    lead: list[tuple[int, float]] = []
    lead_ids: set[str] = set()
    stopwords = index_vocabulary(store).stopwords
    for tag in tags:
        analysed = tuple(tokens(tag, stopwords))
        if within or _meta(store).get("fts5") != "1":
            pool = [r for r, _ in scored]
            texts = store.texts(pool)
            pool = [r for r in pool if r in texts and _contains(texts[r]["tags"], analysed, 10**6)][
                : LEAD_PER_TAG * 5
            ]
        else:
            tag_match = "{tags} : " + '"' + " ".join(analysed) + '"'
            pool = [r for r, _ in store.ranked(tag_match, query.topic, query.statuses, limit=50)]
            pool.sort(key=lambda r: (r not in score_of, -score_of.get(r, 0.0), r))
        stored = store.facts(pool)
        chosen = [r for r in pool if tag in stored[r]["tags"]][:LEAD_PER_TAG]
        if query.conditions:
            allowed = store.with_conditions([condition_key(c) for c in query.conditions])
            chosen = [r for r in chosen if r in allowed]
        for rowid in chosen:
            if rowid not in dict(lead):
                lead.append((rowid, score_of.get(rowid, 0.0)))
                lead_ids.add(stored[rowid]["id"])
    first = {r for r, _ in lead}
    rest = [(r, s) for r, s in scored if r not in first]
    ahead: list[tuple[int, float]] = []
    if ranking is not None and lead:
        ahead = _yield_to(store, groups, lead, rest, ranking)
        before = {r for r, _ in ahead}
        rest = [(r, s) for r, s in rest if r not in before]
    return ahead + lead + rest, lead_ids


def _yield_to(
    store: FactStore,
    groups: list[Any],
    lead: list[tuple[int, float]],
    rest: list[tuple[int, float]],
    ranking: _Ranking,
) -> list[tuple[int, float]]:
    """The facts that stay before the lead facts: those matching more of the question's
    other subjects (neither generic nor carrying the lead) than any lead fact does, in
    their ranked order. `can I take imodium for diarrhoea` keeps the fact on opioid
    antidiarrhoeals first; `is ldn safe in pregnancy` keeps the pregnancy facts first.
    When the lead comes from a thing named (a drug, not an intent such as `is it safe`),
    the fact must also match that thing, and at most DRUG_LEAD_AFTER facts go first: the
    contraindication stays in the top 3 whenever an opioid is named."""
    leaders = [g for g in groups if g.lead]
    leader_ids = {id(g) for g in leaders}
    others = {id(g) for g in ranking.subjects if id(g) not in leader_ids and not g.generic}
    if not others:
        return []
    named = [id(g) for g in leaders if g.concept is not None and g.concept.kind != "intent"]
    texts = store.texts([r for r, _ in lead if r not in ranking.per_group])
    lead_groups = [
        ranking.per_group.get(r) or ranking.coverage.groups(texts.get(r, {}), store.term_sets(r))
        for r, _ in lead
    ]

    def other_worth(matched: dict[int, float]) -> float:
        return sum(v for k, v in matched.items() if k in others)

    best_lead = max(other_worth(m) for m in lead_groups)
    ahead = [
        (r, s)
        for r, s in rest
        if other_worth(ranking.per_group.get(r, {})) > best_lead
        and all(g in ranking.per_group.get(r, {}) for g in named)
    ]
    return ahead[:DRUG_LEAD_AFTER] if named else ahead


def explain(
    store: FactStore, answer: Answer, groups: list[Any], lead: set[str]
) -> list[JSONObject]:
    """Per fact shown: the question's words it matched, in which fields, its score, and
    whether the lead rule put it first."""
    from ldnfacts.words import PREFIX_MIN, tokens

    rowids = store.rowids_of([f["id"] for f in answer.facts])
    texts = store.texts(rowids)
    stopwords = index_vocabulary(store).stopwords
    said = {id(group): tuple(tokens(group.said, stopwords)) for group in groups}
    found: list[JSONObject] = []
    for fact, score, rowid in zip(answer.facts, answer.scores, rowids, strict=False):
        fields = texts.get(rowid, {})
        words_matched: list[str] = []
        where: dict[str, list[str]] = {}
        for group in groups:
            for alternative in group.alternatives:
                for name, terms in fields.items():
                    if _contains(terms, alternative, PREFIX_MIN):
                        where.setdefault(name, [])
                        own = said[id(group)] == alternative
                        label = group.said if own else f"{group.said} ~ {' '.join(alternative)}"
                        if label not in where[name]:
                            where[name].append(label)
                        if group.said not in words_matched:
                            words_matched.append(group.said)
        found.append(
            {
                "score": round(score, 4),
                "words": words_matched,
                "fields": where,
                "lead": fact["id"] in lead,
            }
        )
    return found


def _contains(terms: list[str], phrase: tuple[str, ...], prefix_min: int) -> bool:
    def same(term: str, wanted: str) -> bool:
        return term == wanted or (
            len(wanted) >= prefix_min and wanted.isalpha() and term.startswith(wanted)
        )

    if len(phrase) == 1:
        return any(same(t, phrase[0]) for t in terms)
    size = len(phrase)
    return any(
        all(same(terms[i + k], phrase[k]) for k in range(size))
        for i in range(len(terms) - size + 1)
    )


def _answer(store: FactStore, rowids: list[int], limit: int | None, scores: list[float]) -> Answer:
    shown = rowids[:limit] if limit else rowids
    return Answer(facts=store.records(shown), total=len(rowids), scores=list(scores[: len(shown)]))


#: What the base covers, said when a question falls outside it.
COVERS = (
    "it covers LDN's dose, how it is said to work, its approval history, what it is said to "
    "treat (above all fibromyalgia) and its safety; see `ldnfacts topics`"
)


def miss_message(query: Query, answer: Answer) -> str:
    """Why nothing was printed, as one sentence for stderr (the CLI adds `ldnfacts: `)."""
    if answer.uncovered:
        subjects = " or ".join(repr(s) for s in answer.uncovered)
        return f"the fact base has nothing on {subjects}; {COVERS}"
    for term, close in answer.suggestions.items():
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        return f"no fact matches {term!r}.{hint}"
    scope = f"{query.topic} " if query.topic else ""
    standing = f" with standing {'/'.join(query.statuses)}" if query.statuses else ""
    about = f" about {'/'.join(query.conditions)}" if query.conditions else ""
    if not query.terms:
        return f"no {scope}fact{standing}{about}"
    if query.ranked and not "".join(query.terms).strip("?!. "):
        return "nothing to search for"
    if query.ranked and answer.total == 0 and not answer.facts and answer.ignored:
        words = " ".join(query.terms)
        if not any(True for _ in answer.matches):
            return f"no {scope}fact{standing}{about} answers: {words}"
    text = f"no {scope}fact{standing}{about} matches all of: {' '.join(query.terms)}"
    if query.topic:
        text += f". Every topic: ldnfacts search {' '.join(query.terms)}"
    return text


def notes(answer: Answer) -> list[str]:
    """Lines for stderr before the answer: spelling corrections (`searching for 'dreams'
    instead of 'dreems'`)."""
    lines = [
        f"searching for {used!r} instead of {typed!r}" for typed, used in answer.corrections.items()
    ]
    if answer.uncovered and answer.facts:
        subjects = " or ".join(repr(s) for s in answer.uncovered)
        lines.append(f"the fact base has nothing on {subjects}; showing facts on the rest")
    return lines


def explain_lines(answer: Answer) -> list[str]:
    """`--explain` in plain and table output: one stderr line per fact shown."""
    lines = []
    for fact, match in zip(answer.facts, answer.matches, strict=False):
        where = "; ".join(f"{name}: {', '.join(said)}" for name, said in match["fields"].items())
        lead = " (safety first)" if match["lead"] else ""
        lines.append(f"{fact['id']}: score {match['score']:.2f}{lead}; {where or 'no words'}")
    return lines


def explained(answer: Answer) -> list[JSONObject]:
    """`--explain` in JSON: each fact with an added `match` object."""
    return [
        dict(fact, match=match) for fact, match in zip(answer.facts, answer.matches, strict=False)
    ]


def suggest(store: FactStore, term: str) -> list[str]:
    """Words in the fact base spelled like `term` (`microglai` -> `microglia`): only close
    ones, from the same first letter, looked up by first letter and length."""
    from ldnfacts.words import allowed_edits, edit_distance, fold

    word = fold(term)
    limit = allowed_edits(word)
    if not limit:
        return []
    close = [
        (edit_distance(word, w, limit), -n, w)
        for w, n in store.spelling_candidates(word, limit)
        if w[:1] == word[:1] and w != word
    ]
    return [w for d, _, w in sorted(close) if d <= limit][:3]
