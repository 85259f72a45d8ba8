"""Check a page: find the sentences that make a claim the fact base covers, and match each
to the facts, with the same analyser and ranking as `search`.

The pipeline, each step testable on its own:

1. `pagetext` turns the input into text and blocks; `sentences` splits the blocks.
2. A sentence is a *claim* when it names a subject the base covers - a drug, condition,
   mechanism or outcome word from `vocab/claims.json` that the index knows - and states
   something: it is not a question, does not open with a call to action ("Join us",
   "Get in touch"), and, if it is a heading, carries a statement verb. A sentence starting
   with a pronoun ("It was first approved in 1984") borrows the subject of the sentence
   before it in the same block.
3. Each claim is searched as one query: `query.find(store, Query(terms=(sentence,),
   ranked=True, limit=CANDIDATES))`, exactly what `ldnfacts search` runs.
4. Weak matches are dropped, by a rule that looks at no one sentence: a fact is kept only
   if it says enough of what the sentence says. Each content word (stopwords out) weighs
   its inverse document frequency in the base, so "naltrexone" (in most facts) counts for
   little and "serenity" (in one) for much, and a word the base never uses ("hair") weighs
   the most, against any match. A kept fact shares `MIN_SHARED` content words or more with
   the sentence, worth at least two words found in one fact in 12 (`RARE_SHARE`); covers
   `MIN_OF_SENTENCE` of the sentence's weight or has `MIN_OF_FACT` of its own weight in the
   sentence (a sentence listing four claims still matches the fact stating one of them);
   and scores at least `SCORE_FLOOR` of the best candidate. At most `TOP` facts are kept,
   best first.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ldnfacts.pagetext import Page
from ldnfacts.query import Answer, Query, find
from ldnfacts.records import JSONObject
from ldnfacts.sentences import Sentence, split
from ldnfacts.store import FactStore
from ldnfacts.words import fold, surface_words, term_alternatives, tokens

#: Facts asked of the ranking for each claim, before weak ones are dropped.
CANDIDATES = 10
#: Facts reported per claim, at most.
TOP = 3
#: A kept fact shares at least this many content words with the sentence ...
MIN_SHARED = 2
#: ... carrying at least as much information as two words each found in one fact in
#: `RARE_SHARE` of the base (inverse document frequency, in nats) ...
RARE_SHARE = 0.08
#: ... accounts for at least this share of the sentence's content weight, or the sentence
#: holds at least `MIN_OF_FACT` of the fact's ...
MIN_OF_SENTENCE = 0.3
MIN_OF_FACT = 0.3
#: ... and scores at least this share of the best candidate's score.
SCORE_FLOOR = 0.6

_PRONOUN_START = re.compile(r"(it|this|they|these|its|that|such|the drug|the medication)\b")


@dataclass
class Claim:
    text: str
    start: int
    end: int
    #: heading, item or paragraph.
    kind: str
    #: Matched facts, best first, each with an added `score` and `coverage`.
    facts: list[JSONObject] = field(default_factory=list)


@dataclass
class CheckReport:
    source: str
    format: str
    #: The text the offsets point into.
    text: str
    sentences: int
    claims: list[Claim]
    url: str | None = None

    @property
    def matched(self) -> list[Claim]:
        return [c for c in self.claims if c.facts]

    def standings(self) -> dict[str, int]:
        """How many claims are best matched by a fact of each standing."""
        from ldnfacts.model import STATUSES

        counts = dict.fromkeys(STATUSES, 0)
        for claim in self.matched:
            counts[claim.facts[0]["status"]] += 1
        return counts


@dataclass(frozen=True)
class Vocabulary:
    #: Subject phrases as token tuples.
    subjects: tuple[tuple[str, ...], ...]
    verbs: frozenset[str]
    calls_to_action: tuple[tuple[str, ...], ...]
    stopwords: frozenset[str]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The word lists in `vocab/claims.json`, folded and stemmed like search terms."""
    data = json.loads(resources.files("ldnfacts").joinpath("vocab/claims.json").read_text())
    subjects = {tuple(tokens(p)) for group in data["subjects"].values() for p in group}
    return Vocabulary(
        subjects=tuple(sorted(s for s in subjects if s)),
        verbs=frozenset(surface_words(" ".join(data["statement_verbs"]))),
        calls_to_action=tuple(tuple(surface_words(p)) for p in data["calls_to_action"]),
        stopwords=frozenset(_stopwords(data["stopwords"])),
    )


def _stopwords(own: list[str]) -> set[str]:
    """Our list, plus the search analyser's own stopwords when it has them."""
    from ldnfacts import words

    shared = getattr(words, "STOPWORDS", None) or ()
    return {t for w in [*own, *shared] for t in tokens(w)}


# -- the pipeline --------------------------------------------------------------------------


def check_page(store: FactStore, page: Page, url: str | None = None) -> CheckReport:
    """Every claim sentence of `page`, in order, with the facts that match it."""
    sentences = split(page.text, page.blocks)
    matcher = _Matcher(store)
    claims = []
    block_of = _block_index(page, sentences)
    carried = False  # the sentence before, in the same block, was about a subject
    for index, sentence in enumerate(sentences):
        text = page.text[sentence.start : sentence.end]
        inherits = carried and index > 0 and block_of[index - 1] == block_of[index]
        named = bool(subject_words(text, matcher))
        about = is_claim(text, sentence.kind, matcher, inherits, named)
        carried = about or named
        if not about:
            continue
        claim = Claim(text, sentence.start, sentence.end, sentence.kind)
        claim.facts = matcher.match(text)
        claims.append(claim)
    return CheckReport(page.name, page.format, page.text, len(sentences), claims, url)


def check_text(
    store: FactStore, text: str, source: str = "<text>", fmt: str = "text", url: str | None = None
) -> CheckReport:
    """`check_page` for text already in memory."""
    from ldnfacts.pagetext import page_from_text

    return check_page(store, page_from_text(text, source, fmt), url)


def _block_index(page: Page, sentences: list[Sentence]) -> list[int]:
    out, b = [], 0
    for sentence in sentences:
        while b < len(page.blocks) - 1 and page.blocks[b].end <= sentence.start:
            b += 1
        out.append(b)
    return out


def subject_words(text: str, matcher: _Matcher) -> list[tuple[str, ...]]:
    """The subject phrases `text` names that the fact base knows."""
    joined = " " + " ".join(tokens(text)) + " "
    return [
        phrase
        for phrase in dict.fromkeys(_phrase_of(m) for m in _subject_pattern().findall(joined))
        if matcher.known(phrase)
    ]


@lru_cache(maxsize=1)
def _subject_pattern() -> re.Pattern[str]:
    """One pattern for every subject phrase over space-joined tokens; a phrase's word
    matches a token it begins (`microglia` matches `microglial`)."""
    phrases = _ordered_subjects()
    alternatives = [r"\S*\s+".join(re.escape(word) for word in p) + r"\S*" for p in phrases]
    return re.compile(r"(?<=\s)(?:" + "|".join(f"({a})" for a in alternatives) + r")(?=\s)")


@lru_cache(maxsize=1)
def _ordered_subjects() -> list[tuple[str, ...]]:
    """Longest phrases first, so `low dose naltrexone` wins over `naltrexone`."""
    return sorted(vocabulary().subjects, key=lambda p: (-len(p), p))


def _phrase_of(groups: tuple[str, ...]) -> tuple[str, ...]:
    for phrase, group in zip(_ordered_subjects(), groups, strict=True):
        if group:
            return phrase
    raise AssertionError("a match names no phrase")


def is_claim(
    text: str,
    kind: str,
    matcher: _Matcher,
    inherits: bool = False,
    named: bool | None = None,
) -> bool:
    """Does this sentence state something about a subject the base covers? (`named`:
    whether it names a subject, when the caller knows already.)"""
    stripped = text.strip()
    if stripped.endswith("?") or not stripped:
        return False
    vocab = vocabulary()
    said = surface_words(stripped)
    if not said:
        return False
    if any(tuple(said[: len(cta)]) == cta for cta in vocab.calls_to_action):
        return False
    if kind == "heading" and not vocab.verbs.intersection(said):
        return False
    if named if named is not None else subject_words(stripped, matcher):
        return True
    return inherits and bool(_PRONOUN_START.match(fold(stripped)))


# -- matching ------------------------------------------------------------------------------


class _Matcher:
    """Ranks facts for a sentence with `query.find`, then keeps only strong matches."""

    def __init__(self, store: FactStore) -> None:
        self.store = store
        self.total = max(1, len(store.fact_ids()))
        self._df: dict[str, int] = {}
        self._postings: dict[str, dict[int, int]] = {}
        self._fact_tokens: dict[str, list[str]] = {}
        self._covers: dict[tuple[str, str], bool] = {}
        self._weights: dict[str, float] = {}
        self._alternatives: dict[str, list[list[str]]] = {}
        self._fact_weights: dict[str, float] = {}
        self._matches: dict[str, list[JSONObject]] = {}
        #: Whether `find` ranks any-word queries and reports scores (search, issue #9).
        self.scored = "scores" in getattr(Answer, "__dataclass_fields__", {})

    def postings(self, token: str) -> dict[int, int]:
        if token not in self._postings:
            self._postings[token] = self.store.matches(token)
        return self._postings[token]

    def df(self, token: str) -> int:
        return len(self.postings(token))

    def known(self, phrase: Iterable[str]) -> bool:
        """Does the base use every word of `phrase`, itself or through a search alias?"""
        return all(
            any(all(self.df(part) for part in alt) for alt in term_alternatives(t)) for t in phrase
        )

    def weight(self, token: str) -> float:
        """Inverse document frequency: rare words say more."""
        if token not in self._weights:
            self._weights[token] = math.log((self.total + 1) / (self.df(token) + 0.5))
        return self._weights[token]

    def fact_weight(self, fact: JSONObject) -> float:
        """What a fact says (its claim and tags), as the sum of its content words' weights."""
        if fact["id"] not in self._fact_weights:
            own = dict.fromkeys(self.fact_tokens(fact))
            self._fact_weights[fact["id"]] = sum(self.weight(t) for t in own if self._counts(t))
        return self._fact_weights[fact["id"]]

    def content(self, text: str) -> list[str]:
        """The sentence's words that carry meaning: stopwords and single letters out."""
        stop = vocabulary().stopwords
        return list(
            dict.fromkeys(t for t in tokens(searchable(text)) if t not in stop and len(t) > 1)
        )

    def rank(self, text: str) -> list[tuple[JSONObject, float]]:
        """The search ranking for the sentence as one query: (fact, score), best first."""
        if not self.scored:
            return self._rank_any_word(text)
        answer = find(self.store, Query(terms=(searchable(text),), ranked=True, limit=CANDIDATES))
        scores = getattr(answer, "scores", ())
        return list(zip(answer.facts, (float(s) for s in scores), strict=True))

    def _rank_any_word(self, text: str) -> list[tuple[JSONObject, float]]:
        """Until `search` ranks by BM25 with OR semantics (and reports `Answer.scores`),
        `find` requires every word: rank here by the same index, any word counting, each
        weighted by the index's own field score and the word's rarity."""
        from ldnfacts.query import records

        totals: dict[int, float] = {}
        for token in self.content(text):
            weight = self.weight(token)
            for alternative in self.alternatives(token):
                for part in alternative:
                    for fact, score in self.postings(part).items():
                        totals[fact] = totals.get(fact, 0.0) + weight * score / len(alternative)
        best = sorted(totals, key=lambda f: (-totals[f], f))[:CANDIDATES]
        return list(zip(records(self.store, best), (totals[f] for f in best), strict=True))

    def fact_tokens(self, fact: JSONObject) -> list[str]:
        """The fact's claim and tags as tokens, sorted and unique."""
        if fact["id"] not in self._fact_tokens:
            said = " ".join([fact["claim"], *fact["tags"]])
            self._fact_tokens[fact["id"]] = sorted(set(tokens(said.replace("-", " "))))
        return self._fact_tokens[fact["id"]]

    def alternatives(self, token: str) -> list[list[str]]:
        if token not in self._alternatives:
            self._alternatives[token] = term_alternatives(token)
        return self._alternatives[token]

    def covers(self, fact: JSONObject, token: str) -> bool:
        """Does the fact use `token` (or an alias of it) as a word or a word's beginning?"""
        key = (fact["id"], token)
        if key not in self._covers:
            own = self.fact_tokens(fact)
            self._covers[key] = any(
                all(_has_prefix(own, part) for part in alternative)
                for alternative in self.alternatives(token)
            )
        return self._covers[key]

    def overlap(self, fact: JSONObject, content: list[str]) -> tuple[float, float, int]:
        """What sentence and fact say in common: the shared words' weight as a share of
        the sentence's weight, as a share of the fact's (claim and tags), and their count."""
        shared = [t for t in content if self.covers(fact, t)]
        said = sum(self.weight(t) for t in content)
        own = self.fact_weight(fact)
        common = sum(self.weight(t) for t in shared)
        if said <= 0 or own <= 0:
            return 0.0, 0.0, len(shared)
        return min(1.0, common / said), min(1.0, common / own), len(shared)

    def _counts(self, token: str) -> bool:
        return token not in vocabulary().stopwords and len(token) > 1

    def coverage(self, fact: JSONObject, content: list[str]) -> tuple[float, int]:
        """The geometric mean of the two shares `overlap` gives (a cosine over weighted
        word sets), so a sentence listing four claims still matches the fact stating one."""
        of_sentence, of_fact, shared = self.overlap(fact, content)
        return math.sqrt(of_sentence * of_fact), shared

    def match(self, text: str) -> list[JSONObject]:
        """The strong matches for a sentence, best first (a repeated sentence is looked up
        once)."""
        if text not in self._matches:
            self._matches[text] = self._match(text)
        return [dict(fact) for fact in self._matches[text]]

    def _match(self, text: str) -> list[JSONObject]:
        ranked = self.rank(text)
        if not ranked:
            return []
        content = self.content(text)
        best = ranked[0][1]
        needed = 2 * math.log(1 / RARE_SHARE)
        kept = []
        for fact, score in ranked:
            of_sentence, of_fact, shared = self.overlap(fact, content)
            information = sum(self.weight(t) for t in content if self.covers(fact, t))
            strong = (
                score >= SCORE_FLOOR * best
                and shared >= MIN_SHARED
                and information >= needed
                and (of_sentence >= MIN_OF_SENTENCE or of_fact >= MIN_OF_FACT)
            )
            if strong:
                coverage = round(math.sqrt(of_sentence * of_fact), 3)
                kept.append({**fact, "score": round(score, 4), "coverage": coverage})
        return kept[:TOP]


def _has_prefix(words: list[str], prefix: str) -> bool:
    """Does a word in the sorted list `words` begin with `prefix`?"""
    i = bisect.bisect_left(words, prefix)
    return i < len(words) and words[i].startswith(prefix)


_NUMBER_UNIT = re.compile(r"(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d)")


def searchable(text: str) -> str:
    """The sentence as a query: a number glued to its unit is parted (`50mg` -> `50 mg`),
    as the facts write it."""
    return _NUMBER_UNIT.sub(" ", text)


# -- output objects ------------------------------------------------------------------------


def claim_object(claim: Claim, report: CheckReport) -> dict[str, Any]:
    """The documented check object: one per claim sentence, in document order."""
    return {
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "kind": claim.kind,
        "source": report.source,
        "covered": bool(claim.facts),
        "status": claim.facts[0]["status"] if claim.facts else None,
        "facts": claim.facts,
    }


def claim_objects(report: CheckReport) -> list[dict[str, Any]]:
    return [claim_object(c, report) for c in report.claims]
