"""Check a page: find the sentences that make a claim the fact base covers, and match each
to the facts, with the same analyser and ranking as `search`.

The pipeline, each step testable on its own:

1. `pagetext` turns the input into text and blocks; `sentences` splits the blocks.
2. A sentence is a *claim* when it names a subject the base covers and states something.
   Subjects are the search vocabulary's drugs, drug classes and conditions
   (`vocab/vocabulary.json`) and the mechanisms and outcomes in `vocab/claims.json`, each
   active only while the fact base's index uses its words. A sentence states something
   when it is not a question, does not open with a call to action ("Join us", "Get in
   touch") and, if it is a heading, carries a statement verb. A sentence starting with a
   pronoun ("It was first approved in 1984") borrows the subject of the sentence before
   it in the same block.
3. Each claim is searched as one question: `query.find(store, Query(terms=(question,),
   ranked=True, limit=CANDIDATES, explain=False))`, exactly what `ldnfacts search` runs
   (same analyser, same BM25 ranking, same order). The question is the sentence's word
   groups the base knows, each once; words found in more than half the facts
   ("naltrexone", "dose") are left out when rarer ones remain, as they tell no fact from
   another. Fractions in figures are read as the facts write them (`1/10th` -> `a tenth`).
4. Weak matches are dropped, by a rule that looks at no one sentence: a fact is kept only
   if it says enough of what the sentence says. The sentence's words are the search
   analyser's groups (filler dropped, phrases the vocabulary knows taken whole). Each group
   weighs its inverse document frequency in the base, so "naltrexone" (in most facts)
   counts for little and "serenity" (in one) for much; words the base never uses are left
   to search's own rule for uncovered subjects (`ldn hair loss` finds nothing), and count
   a quarter of their weight in what the sentence says (`UNKNOWN_SHARE`). A group is
   *shared* when the fact's claim or tags, as the index analysed them, or its id past the
   topic (`dose-low-is-tenth`: the headline its author gave it) hold it (search's
   matching: phrases whole, a long word matching the words it begins). A kept fact shares
   `MIN_SHARED` groups or more, worth at least two words each found in one fact in 12
   (`RARE_SHARE`), and its *coverage* - the geometric mean of the shared weight's share of
   the sentence and of the fact's claim, a cosine over weighted word sets - is at least
   `MIN_COVERAGE`. At most `TOP` facts are kept, in search's order; `score` is search's
   BM25 score. A word said twice in two forms (`inhibiting`, `inhibition`) counts once.
   A *short* claim ("LDN has no side effects", "LDN is completely safe"), whose words
   together carry less than the rule asks, can still be matched by a fact that states it:
   coverage at least `SAME_CLAIM`, a shared word that tells facts apart, the same
   denial (`no`, `zero`, `without`, `rare`: `negations` in `vocab/claims.json`) or none,
   and the same things named (drugs, conditions, topics, subjects).
5. A sentence carrying several claims ("LDN lowers inflammation in the nervous system, and
   it improves sleep") is also cut into clauses (`clauses`: at `;`, `:`, commas, dashes and
   clause-opening conjunctions, each clause naming a subject or referring back to the
   sentence's with "it"/"they"). Each clause is held to the same rule against the
   sentence's search answer (one search per sentence), so a short fact stating one of the
   claims is not drowned by the others. The whole sentence's matches come first (at most
   `TOP`), then the clauses' taken in turn, up to `TOP_CLAUSES` facts.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from functools import lru_cache
from typing import Any

from ldnfacts import claimweights
from ldnfacts.heldstore import HeldStore, starting_with
from ldnfacts.pagetext import Page
from ldnfacts.paths import VOCAB_DIR
from ldnfacts.query import Query, find
from ldnfacts.records import JSONObject
from ldnfacts.sentences import Sentence, split
from ldnfacts.store import FactStore
from ldnfacts.words import PREFIX_MIN, fold, tokens

#: Facts asked of the ranking for each claim, before weak ones are dropped.
CANDIDATES = 10
#: Words found in more than this share of the facts ("naltrexone", "dose") are left out
#: of the question sent to search: they tell no fact from another, and would have search
#: score most of the base for every sentence.
COMMON = 0.5
#: What a word the fact base never uses counts of its weight in what a sentence says
#: (`_Matcher.said_weight`). Measured on the golden texts and the seeds (README, Check a
#: page): a quarter removed six wrong matches on the independent texts, for two right ones.
UNKNOWN_SHARE = 0.25
#: Facts reported per claim, at most ...
TOP = 3
#: ... or for a sentence of several clauses (see `clauses`).
TOP_CLAUSES = 5
#: A clause names at least this many content words.
CLAUSE_WORDS = 3
#: A kept fact shares at least this many of the sentence's word groups ...
MIN_SHARED = 2
#: ... carrying at least as much information as two words each found in one fact in
#: `RARE_SHARE` of the base (inverse document frequency, in nats) ...
RARE_SHARE = 0.08
#: The weight that asks for: what the shared groups (or, short of it, a short claim's
#: words) must carry (`may_match`, `_coverable`, `_coverage`).
RARE_WEIGHT = 2 * math.log(1 / RARE_SHARE)
#: ... and its coverage - the geometric mean of the shared weight's share of the
#: sentence and its share of the fact - is at least this.
MIN_COVERAGE = 0.3
#: A short claim, whose words carry less information than a match must share, is matched
#: only by a fact that states it: coverage at least this, and `_Matcher._states`.
SAME_CLAIM = 0.5
#: Vocabulary concepts of these kinds say what is asked or how, not about what (see
#: `_Matcher.named`).
UNNAMED_KINDS = ("intent", "filler")
#: Vocabulary concepts of these kinds bring their `lead` facts to a claim as warnings ...
WARNING_KINDS = ("drug", "drug-class")
#: ... at most this many.
WARNINGS = 2
#: The index fields that say what a fact claims.
CLAIM_FIELDS = ("claim", "tags")
#: Vocabulary concepts of these kinds are claim subjects.
SUBJECT_KINDS = ("drug", "drug-class", "condition", "shorthand", "topic")

#: Words by which a clause refers to the sentence's subject ("why you never heard of it").
_BACK_REFERENCES = frozenset(["it", "its", "they", "them", "their"])
_PRONOUN_START = re.compile(r"(it|this|they|these|its|that|such|the drug|the medication)\b")
_WORD = re.compile(r"[^\W_]+")


class Claim:
    """One claim sentence of a page, with what matched it (filled in by `check_page`).
    A plain class, as the other records filled in step by step: a dataclass compiles its
    methods at every start (README, Speed)."""

    __slots__ = ("end", "facts", "kind", "start", "text", "warnings")

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        kind: str,
        facts: list[JSONObject] | None = None,
        warnings: list[JSONObject] | None = None,
    ) -> None:
        self.text = text
        self.start = start
        self.end = end
        #: heading, item or paragraph.
        self.kind = kind
        #: Matched facts, best first, each with an added `score` and `coverage`.
        self.facts: list[JSONObject] = facts if facts is not None else []
        #: Safety facts the claim must be read with, whatever it says: for a sentence
        #: naming an opioid, who must not take LDN and the withdrawal it can set off
        #: (`warnings`).
        self.warnings: list[JSONObject] = warnings if warnings is not None else []


class CheckReport:
    """A page checked: its claim sentences, each with the facts that match it."""

    __slots__ = ("claims", "format", "sentences", "source", "text", "url")

    def __init__(
        self,
        source: str,
        format: str,
        text: str,
        sentences: int,
        claims: list[Claim],
        url: str | None = None,
    ) -> None:
        self.source = source
        self.format = format
        #: The text the offsets point into.
        self.text = text
        self.sentences = sentences
        self.claims = claims
        self.url = url

    @property
    def matched(self) -> list[Claim]:
        return [c for c in self.claims if c.facts]

    @property
    def covered(self) -> list[Claim]:
        """Claims the base has something on: matched facts or a safety warning."""
        return [c for c in self.claims if c.facts or c.warnings]

    def standings(self) -> dict[str, int]:
        """How many claims are best matched by a fact of each standing."""
        from ldnfacts.model import STATUSES

        counts = dict.fromkeys(STATUSES, 0)
        for claim in self.matched:
            counts[claim.facts[0]["status"]] += 1
        return counts


class Vocabulary:
    """The claim vocabulary (`vocab/claims.json`), read and analysed."""

    __slots__ = (
        "amounts",
        "calls_to_action",
        "fractions",
        "ldn_names",
        "negations",
        "said",
        "stopwords",
        "subjects",
        "units",
        "verbs",
    )

    def __init__(
        self,
        subjects: tuple[tuple[str, ...], ...],
        said: dict[tuple[str, ...], str],
        verbs: frozenset[str],
        calls_to_action: tuple[tuple[str, ...], ...],
        stopwords: frozenset[str],
        fractions: dict[str, str],
        ldn_names: frozenset[tuple[str, ...]],
        negations: frozenset[str],
        amounts: dict[str, str],
        units: dict[str, str],
    ) -> None:
        #: Subject phrases as index-term tuples.
        self.subjects = subjects
        #: Each subject phrase as written in the word lists.
        self.said = said
        self.verbs = verbs
        self.calls_to_action = calls_to_action
        #: Words that never count towards a match, on top of search's stopwords.
        self.stopwords = stopwords
        #: Denominators said as words (`10` -> `tenth`).
        self.fractions = fractions
        #: The subject phrases naming LDN itself, which nearly every fact is about.
        self.ldn_names = ldn_names
        #: Words by which a sentence denies something (`no`, `without`, `zero`).
        self.negations = negations
        #: Numbers and units said as words (`four` -> `4`, `milligrams` -> `mg`).
        self.amounts = amounts
        self.units = units


def plain_words(text: str) -> list[str]:
    """Folded words, nothing dropped (for openers and verbs, which search ignores)."""
    return _WORD.findall(fold(text))


def negated(text: str) -> bool:
    """Does the text deny something ("no side effects", "does not cause", "zero risk")?"""
    said = plain_words(text.replace("n't", " not").replace("n\u2019t", " not"))
    return not vocabulary().negations.isdisjoint(said)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The word lists of `vocab/claims.json` and the search vocabulary's subjects."""
    data = json.loads((VOCAB_DIR / "claims.json").read_text(encoding="utf-8"))
    compiled = _compiled_subjects()
    said = {tuple(terms): phrase for phrase, terms in compiled["said"]}
    subjects = {s for s in said if sum(len(w) for w in s) >= 2}
    return Vocabulary(
        subjects=tuple(sorted(s for s in subjects if s)),
        said=said,
        verbs=frozenset(plain_words(" ".join(data["statement_verbs"]))),
        calls_to_action=tuple(tuple(plain_words(p)) for p in data["calls_to_action"]),
        stopwords=frozenset(fold(w) for w in data["stopwords"]),
        fractions={str(k): str(v) for k, v in data["fractions"].items()},
        ldn_names=frozenset(tuple(terms) for terms in compiled["ldn_names"]),
        negations=frozenset(fold(w) for w in data["negations"]),
        amounts={str(k): str(v) for k, v in data["amounts"].items()},
        units={str(k): str(v) for k, v in data["units"].items()},
    )


#: The subject phrases analysed (`compile_subjects`), shipped beside the word lists so
#: that a check need not analyse some 800 sayings on every run (6 ms, a twentieth of a
#: check). It is read only while the word lists, the analyser and this module it came
#: from are unchanged (`subjects_inputs`); otherwise the subjects are compiled on the spot.
#: `python -m tests.test_check --update` writes it again; a test holds it up to date.
COMPILED_SUBJECTS = VOCAB_DIR / "claims.compiled.json"


def compile_subjects() -> dict[str, Any]:
    """The subject phrases of `vocab/claims.json` and of the search vocabulary's concepts,
    each as index terms (`said`: phrase and terms, the first phrase of each analysis),
    and the names of LDN itself."""
    from ldnfacts.words import bundled_concepts

    data = json.loads((VOCAB_DIR / "claims.json").read_text(encoding="utf-8"))
    phrases = {p: tuple(tokens(p)) for group in data["subjects"].values() for p in group}
    for concept in bundled_concepts():
        if concept.kind in SUBJECT_KINDS:
            for saying in concept.says:
                analysed = tuple(tokens(saying))
                # a saying that filler words would shrink (`get high`, `the runs`) is no
                # subject
                if len(analysed) == len(plain_words(saying)):
                    phrases.setdefault(saying, analysed)
    said: dict[tuple[str, ...], str] = {}
    for phrase, analysed in phrases.items():
        said.setdefault(analysed, phrase)
    return {
        "inputs": subjects_inputs(),
        "said": [[phrase, list(analysed)] for analysed, phrase in said.items()],
        "ldn_names": [tokens(p) for p in data["subjects"]["ldn"]],
    }


def compiled_subjects_text() -> str:
    """`COMPILED_SUBJECTS` as it should be written: one phrase a line, for readable diffs."""
    compiled = compile_subjects()
    lines = [f'{{"inputs": {json.dumps(compiled["inputs"])},', '"said": [']
    said = [json.dumps(entry, ensure_ascii=False) for entry in compiled["said"]]
    lines.append(",\n".join(said))
    lines.append("],")
    lines.append(f'"ldn_names": {json.dumps(compiled["ldn_names"], ensure_ascii=False)}}}')
    return "\n".join(lines) + "\n"


def subjects_inputs() -> str:
    """A digest of what the subjects are compiled from: the word lists, the analyser and
    the rules here (`SUBJECT_KINDS`, `compile_subjects`)."""
    from ldnfacts import words
    from ldnfacts.filecache import crc_of_files

    paths = (VOCAB_DIR / "claims.json", VOCAB_DIR / "vocabulary.json", words.__file__, __file__)
    return f"{crc_of_files(paths):08x}"


def _compiled_subjects() -> dict[str, Any]:
    """The shipped compiled subjects when up to date, else compiled now."""
    try:
        shipped = json.loads(COMPILED_SUBJECTS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        shipped = None
    if isinstance(shipped, dict) and shipped.get("inputs") == subjects_inputs():
        return shipped
    return compile_subjects()


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
        taken = {fact["id"] for fact in claim.facts}
        claim.warnings = [f for f in matcher.warnings(text) if f["id"] not in taken]
        claims.append(claim)
    matcher.keep()
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
    """The subject phrases `text` names that the fact base knows (once per text)."""
    if text not in matcher.subjects:
        matcher.subjects[text] = [
            phrase
            for phrase in dict.fromkeys(named_subjects(tokens(text)))
            if matcher.known(phrase)
        ]
    return matcher.subjects[text]


def named_subjects(terms: list[str]) -> list[tuple[str, ...]]:
    """The subject phrases in a text's index terms, left to right, the longest phrase
    first at each place (`low dose naltrexone` before `naltrexone`); a phrase's word of
    `PREFIX_MIN` letters or more matches a term it begins (`microglia`, `microglial`), as
    search matches words."""
    by_first = _subjects_by_first_word()
    found = []
    i = 0
    while i < len(terms):
        term = terms[i]
        firsts = [term] + [term[:k] for k in range(PREFIX_MIN, len(term))]
        starting = [p for first in firsts if first in by_first for p in by_first[first]]
        if not starting:  # most words start no subject
            i += 1
            continue
        candidates = sorted(starting, key=lambda p: (-len(p), p))
        for phrase in candidates:
            if all(
                i + k < len(terms) and _begins(terms[i + k], w, PREFIX_MIN)
                for k, w in enumerate(phrase)
            ):
                found.append(phrase)
                i += len(phrase)
                break
        else:
            i += 1
    return found


def _begins(term: str, word: str, prefix_min: int) -> bool:
    return term == word or (len(word) >= prefix_min and word.isalpha() and term.startswith(word))


@lru_cache(maxsize=1)
def _subjects_by_first_word() -> dict[str, list[tuple[str, ...]]]:
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in vocabulary().subjects:
        by_first.setdefault(phrase[0], []).append(phrase)
    return by_first


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
    said = plain_words(stripped)
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
        from ldnfacts.query import index_vocabulary

        store = store if isinstance(store, HeldStore) else HeldStore(store)
        store.read_as()  # before anything is read: what is kept is stamped so (`keep`)
        self.store = store
        self.vocab = index_vocabulary(store)
        self.total = max(1, len(store.fact_ids()))
        self._df: dict[tuple[tuple[str, ...], ...], int] = {}
        self._weights: dict[tuple[tuple[str, ...], ...], float] = {}
        self._known: dict[tuple[str, ...], bool] = {}
        #: Each fact's claim weight: kept from earlier checks of this index, or computed.
        self._fact_weights: dict[str, float] = claimweights.load(store, store.read_as())
        self._kept_weights = len(self._fact_weights)
        self._fact_fields: dict[str, list[list[str]]] = {}
        #: Each fact's claim, tag and headline terms, sorted (`_may_hold`).
        self._fact_terms: dict[str, list[str]] = {}
        self._shared: dict[tuple[str, str], bool] = {}
        #: A held base's claim terms, each with the facts holding it (`_sayers`).
        self._said_by: dict[str, set[str]] = {}
        self._said_terms: list[str] = []
        self._sayers_of: dict[str, frozenset[str]] = {}
        #: The word groups of a sentence that each fact says (`_sharing`), by sentence.
        self._shared_by_text: dict[str, dict[str, list[Any]] | None] = {}
        self._parsed: dict[str, list[Any]] = {}
        self._groups: dict[str, list[Any]] = {}
        self._ranked: dict[str, list[tuple[JSONObject, float]]] = {}
        self._matches: dict[str, list[JSONObject]] = {}
        #: The subject phrases of each text seen (`subject_words`).
        self.subjects: dict[str, list[tuple[str, ...]]] = {}

    def known(self, phrase: tuple[str, ...]) -> bool:
        """Does the base use every term of `phrase` (as search decides)?"""
        if phrase not in self._known:
            from ldnfacts.query import known_in

            self._known[phrase] = known_in(self.store, phrase)
        return self._known[phrase]

    def df(self, alternatives: list[tuple[str, ...]]) -> int:
        """How many facts match any of `alternatives`, as search would match them."""
        key = tuple(alternatives)
        if key not in self._df:
            from ldnfacts.query import group_phrases, match_expression
            from ldnfacts.words import Group

            group = Group("", list(alternatives))
            counted = self.store.phrases_count(group_phrases(group, self.known))
            if counted is None:  # not held: the index counts
                expression = match_expression(group, self.known)
                counted = self.store.count(expression) if expression else 0
            self._df[key] = counted
        return self._df[key]

    def weight(self, alternatives: list[tuple[str, ...]]) -> float:
        """Inverse document frequency: rare words say more; unknown words the most."""
        key = tuple(alternatives)
        if key not in self._weights:
            self._weights[key] = math.log((self.total + 1) / (self.df(alternatives) + 0.5))
        return self._weights[key]

    def groups(self, text: str) -> list[Any]:
        """The sentence's word groups, as search parses it, our extra stopwords out, each
        once: a word said twice in two forms (`effects`, `effective`; `inhibiting`,
        `inhibition`) is one group, since search matches both forms alike and the second
        says nothing new."""
        if text not in self._groups:
            stop = vocabulary().stopwords
            unique: dict[tuple[tuple[str, ...], ...], Any] = {}
            for g in self._parse(text):
                if g.said not in stop and len(g.said) > 1:
                    unique.setdefault(tuple(g.alternatives), g)
            words = [alts[0][0] for alts in unique if len(alts) == 1 and len(alts[0]) == 1]
            self._groups[text] = [
                g
                for alts, g in unique.items()
                if len(alts) > 1
                or len(alts[0]) > 1
                or not any(w != alts[0][0] and _begins(alts[0][0], w, PREFIX_MIN) for w in words)
            ]
        return self._groups[text]

    def fact_weight(self, fact: JSONObject) -> float:
        """What a fact claims, as the weight of its claim's word groups."""
        if fact["id"] not in self._fact_weights:
            unique = {tuple(g.alternatives): g for g in self.groups(fact["claim"])}
            self._fact_weights[fact["id"]] = sum(self.weight(alt) for alt in map(list, unique))
        return self._fact_weights[fact["id"]]

    def keep(self) -> None:
        """Keep what this check derived from the base alone for the next check: the claim
        weights, if it computed new ones, and the held base (`HeldStore.keep`)."""
        if len(self._fact_weights) > self._kept_weights and self.store.unchanged():
            claimweights.save(self.store, self._fact_weights, self.store.read_as())
            self._kept_weights = len(self._fact_weights)
        self.store.keep()

    def fact_fields(self, fact: JSONObject) -> list[list[str]]:
        """What a fact claims, as the index holds it: its claim's terms and its tags', and
        the words of its id past the topic, a headline its author gave it."""
        if fact["id"] not in self._fact_fields:
            self._read_fields([fact["id"]])
        return self._fact_fields[fact["id"]]

    def _read_fields(self, fact_ids: list[str]) -> None:
        """Read the analysed claim and tags of facts from the index, in one query."""
        wanted = [i for i in dict.fromkeys(fact_ids) if i not in self._fact_fields]
        if not wanted:
            return
        by_rowid = self.store.rowid_map(wanted)
        texts = self.store.texts(list(by_rowid.values()))
        for fact_id in wanted:
            fields = texts.get(by_rowid.get(fact_id, -1), {})
            # the id past its topic is the fact's headline (`mech-two-mechanisms-autoimmune`)
            headline = tokens(" ".join(fact_id.split("-")[1:]))
            claimed = [*(fields.get(name, []) for name in CLAIM_FIELDS), headline]
            self._fact_fields[fact_id] = claimed
            self._fact_terms[fact_id] = sorted({t for terms in claimed for t in terms})

    def shares(self, fact: JSONObject, group: Any) -> bool:
        """Does a fact (its claim or a tag) say `group`, as search matches words?"""
        sayers = self._sayers(group)
        if sayers is not None:
            return fact["id"] in sayers
        key = (fact["id"], group.said)
        if key not in self._shared:
            fields = self.fact_fields(fact)
            every = self._fact_terms[fact["id"]]
            self._shared[key] = any(
                _contains(terms, alt)
                for alt in group.alternatives
                if _may_hold(every, alt[0])
                for terms in fields
            )
        return self._shared[key]

    def _sayers(self, group: Any) -> frozenset[str] | None:
        """For a held base (`HeldStore.postings`), the facts that say `group` (`shares`),
        found once for all the facts: the same test turned around, from the group's words
        to the facts whose claim, tags or headline hold them. None for a base too large to
        hold: then each fact is tested as it comes up."""
        if self.store.postings() is None:
            return None
        if not self._said_by:
            every_fact = self.store.derived(
                "claim_terms", self._every_fact_fields, _claim_terms_fit
            )
            self._fact_fields.update(every_fact["fields"])
            self._fact_terms.update(every_fact["terms"])
            for fact_id, every in self._fact_terms.items():
                for term in every:
                    if term in self._said_by:
                        self._said_by[term].add(fact_id)
                    else:
                        self._said_by[term] = {fact_id}
            self._said_terms = sorted(self._said_by)
        if group.said not in self._sayers_of:
            found: set[str] = set()
            for alternative in group.alternatives:
                holding: set[str] | None = None
                for word in alternative:
                    facts = set().union(*(self._said_by[t] for t in self._said_as(word)))
                    holding = facts if holding is None else holding & facts
                if holding and len(alternative) > 1:  # the words in a row, in one field
                    fields = self._fact_fields
                    holding = {
                        f for f in holding if any(_contains(t, alternative) for t in fields[f])
                    }
                found |= holding or set()
            self._sayers_of[group.said] = frozenset(found)
        return self._sayers_of[group.said]

    def _every_fact_fields(self) -> dict[str, dict[str, Any]]:
        """`fact_fields` and their sorted terms for every fact of the base."""
        self._read_fields(self.store.fact_ids())
        return {"fields": dict(self._fact_fields), "terms": dict(self._fact_terms)}

    def _said_as(self, word: str) -> list[str]:
        """The facts' claim terms that match `word` (`_contains`: a long word also matches
        the words it begins)."""
        if len(word) < PREFIX_MIN or not word.isalpha():
            return [word] if word in self._said_by else []
        return starting_with(self._said_terms, word)

    def question(self, text: str) -> str:
        """The sentence as search's question: its word groups the base knows, in order,
        each once, our extra stopwords out.

        Search answers nothing when a question's unknown words outweigh its known ones
        (`ldn hair loss`); a sentence is longer than a question and full of words no fact
        uses ("therefore", "alleviating"), so they are left out here and weighed instead by
        the coverage rule, which a sentence about hair loss cannot meet."""
        known = [g for g in self.groups(text) if any(self.known(a) for a in g.alternatives)]
        telling = [g for g in known if self.df(g.alternatives) <= COMMON * self.total]
        return " ".join(g.said for g in telling or known)

    def _parse(self, text: str) -> list[Any]:
        if text not in self._parsed:
            from ldnfacts.words import parse

            self._parsed[text] = parse(searchable(text), self.vocab)[0]
        return self._parsed[text]

    def rank(self, text: str, limit: int = CANDIDATES) -> list[tuple[JSONObject, float]]:
        """Search's answer to the sentence: (fact, score), best first."""
        question = self.question(text)
        if question not in self._ranked:
            answer = find(
                self.store,
                Query(terms=(question,), ranked=True, limit=limit, explain=False, counted=False),
            )
            self._ranked[question] = list(zip(answer.facts, answer.scores, strict=True))
        return self._ranked[question]

    def match(self, text: str) -> list[JSONObject]:
        """The strong matches for a sentence, best first (a repeated sentence is looked up
        once). A sentence of several clauses is matched whole and clause by clause: the
        whole sentence's matches (the surest) come first, then the clauses' in turn, up to
        `TOP_CLAUSES` facts; a clause
        that only refers back to the sentence's subject is matched with that subject."""
        if text not in self._matches:
            parts = clauses(text, self)
            if len(parts) > 1:
                said = vocabulary().said
                subject = " ".join(said[p] for p in subject_words(text, self))
                parts = [p if subject_words(p, self) else f"{p} {subject}" for p in parts]
            if not self.may_match(text) or not any(map(self._coverable, {text, *parts})):
                self._matches[text] = []
            elif len(parts) == 1:
                self._matches[text] = self._match(text, self.rank(text))[:TOP]
            else:
                ranked = self.rank(text, CANDIDATES * len(parts))
                whole = self._match(text, ranked[:CANDIDATES])[:TOP]
                taken = {fact["id"] for fact in whole}
                each = [self._match(p, ranked) for p in parts]
                more = _merge([[f for f in e if f["id"] not in taken] for e in each], TOP_CLAUSES)
                self._matches[text] = (whole + more)[:TOP_CLAUSES]
        return [dict(fact) for fact in self._matches[text]]

    def warnings(self, text: str) -> list[JSONObject]:
        """Search's safety-first rule, kept for claims: when a sentence names a drug whose
        vocabulary entry has lead tags (every opioid, brand and opioid remedy), the facts
        carrying those tags - who must not take LDN, the withdrawal it sets off - go with
        the claim, whether it says the combination is safe or not. They are not matches:
        they do not give the claim a standing, so "fine with tramadol" is never shown as
        established."""
        tags = {
            tag
            for group in self.groups(text)
            if group.concept is not None and group.concept.kind in WARNING_KINDS
            for tag in group.concept.lead
        }
        if not tags:
            return []
        lead = [fact for fact, _ in self.rank(text) if tags & set(fact["tags"])]
        return [dict(fact) for fact in lead[:WARNINGS]]

    def may_match(self, text: str) -> bool:
        """Can any fact match `text` strongly? Not when its words the base knows are fewer
        than `MIN_SHARED`, or carry less information than the rule asks of shared words
        and none of them tells facts apart (a short claim, see `_states`): then search is
        not asked at all."""
        known = [g for g in self.groups(text) if self.df(g.alternatives)]
        worth = sum(self.weight(g.alternatives) for g in known)
        return len(known) >= MIN_SHARED and (
            worth >= RARE_WEIGHT or any(self.telling(g) for g in known)
        )

    def _coverable(self, text: str) -> bool:
        """Does some fact of the base cover `text` strongly (`_coverage`)? A fact search
        does not rank among the candidates is never kept, so when none of the whole base
        covers the sentence, search need not be asked: nothing it answers would be kept.
        Found through the facts saying each word group (`_sayers`) for a held base; for a
        base too large to hold, always True (search is asked)."""
        sharing = self._sharing(text)
        if sharing is None:
            return True
        groups = self.groups(text)
        total = self.said_weight(groups)
        # what `_coverage` asks before it reads the fact: enough shared groups, weighing
        # what the rule asks (or the sentence is a short claim), and their share of the
        # sentence (with a thousandth of slack: these are bounds, the rule decides)
        least = 0.999 * MIN_COVERAGE**2 * total
        candidates = []
        for fact_id, shared in sharing.items():
            if len(shared) >= MIN_SHARED:
                common = sum(self.weight(g.alternatives) for g in shared)
                if (common >= RARE_WEIGHT or total < RARE_WEIGHT) and common >= least:
                    candidates.append(fact_id)
        if not candidates or total <= 0:
            return False
        by_rowid = self.store.rowid_map(candidates)
        facts = self.store.records([by_rowid[i] for i in sorted(candidates) if i in by_rowid])
        return any(self._coverage(fact, text, groups, total) is not None for fact in facts)

    def _sharing(self, text: str) -> dict[str, list[Any]] | None:
        """For a held base, the sentence's word groups that each fact says (`shares`), by
        fact id, from the facts saying each group (`_sayers`); None for a base too large
        to hold."""
        if text not in self._shared_by_text:
            found: dict[str, list[Any]] = {}
            for group in self.groups(text):
                sayers = self._sayers(group)
                if sayers is None:  # a base too large to hold
                    self._shared_by_text[text] = None
                    break
                for fact_id in sayers:
                    found.setdefault(fact_id, []).append(group)
            else:
                self._shared_by_text[text] = found
        return self._shared_by_text[text]

    def telling(self, group: Any) -> bool:
        """Does the group tell facts apart (found in at most `COMMON` of them)?"""
        return 0 < self.df(group.alternatives) <= COMMON * self.total

    def _match(self, text: str, ranked: list[tuple[JSONObject, float]]) -> list[JSONObject]:
        """The facts of search's answer `ranked` that match `text` strongly, in order."""
        if not ranked:
            return []
        groups = self.groups(text)
        total = self.said_weight(groups)
        self._read_fields([fact["id"] for fact, _ in ranked])
        kept = []
        for fact, score in ranked:
            coverage = self._coverage(fact, text, groups, total)
            if coverage is not None:
                kept.append({**fact, "score": round(score, 4), "coverage": round(coverage, 3)})
        # The fact whose claim itself says most of what the sentence says comes first:
        # search ranks answers to a question, but a page's claim is best matched by its
        # paraphrase, not by a fact that shares the words through its tags.
        said = {fact["id"]: self.said_in_claim(fact, groups) for fact in kept}
        kept.sort(key=lambda fact: (-said[fact["id"]], -fact["coverage"]))
        return kept

    def _coverage(
        self, fact: JSONObject, text: str, groups: list[Any], total: float
    ) -> float | None:
        """How much of the sentence `text` (its `groups`, weighing `total`) the fact says,
        when enough for a strong match; None when not (the rule: module documentation)."""
        sharing = self._sharing(text)
        if sharing is not None:
            shared = sharing.get(fact["id"], [])
        else:
            shared = [g for g in groups if self.shares(fact, g)]
        if len(shared) < MIN_SHARED or total <= 0 or not self.in_claim(fact, shared):
            return None
        common = sum(self.weight(g.alternatives) for g in shared)
        own = self.fact_weight(fact)
        coverage = math.sqrt(min(1.0, common / total) * min(1.0, common / own)) if own else 0
        if common < RARE_WEIGHT and not (
            total < RARE_WEIGHT and coverage >= SAME_CLAIM and self._states(fact, text, shared)
        ):
            return None
        return coverage if coverage >= MIN_COVERAGE else None

    def said_weight(self, groups: list[Any]) -> float:
        """What a sentence says, as the weight of its word groups: a word the base never
        uses counts `UNKNOWN_SHARE` of its weight. It cannot be shared, and whether the
        base covers it at all is search's rule for uncovered subjects; but a sentence
        whose words are mostly ones no fact uses ("Capsules keep at room temperature")
        says little that any fact says, and its few known words ("keep") must not make a
        match on their own."""
        return sum(
            self.weight(g.alternatives) * (1.0 if self.df(g.alternatives) else UNKNOWN_SHARE)
            for g in groups
        )

    def _states(self, fact: JSONObject, text: str, shared: list[Any]) -> bool:
        """Does a fact state a short claim - one whose words carry less information than
        the rule asks of a match ("LDN has no side effects", "LDN is completely safe")?
        Then the fact must share a word that tells facts apart, deny (or call rare) what
        the sentence does and nothing else (`negations`), and name the same things (drugs,
        conditions, topics, subjects: `named`). So "LDN is safe" is matched by "LDN is a
        safe and well-tolerated treatment", not by "LDN is safe in pregnancy" nor by "LDN
        has no side effects", and "LDN has side effects" not by "side effects are rare"."""
        return (
            any(self.telling(g) for g in shared)
            and negated(text) == negated(fact["claim"])
            and self.named(fact["claim"]) == self.named(text)
        )

    def named(self, text: str) -> set[str]:
        """What a text is about, by name: the vocabulary concepts it says (what is asked,
        such as safety, aside) and the subject phrases of `vocab/claims.json` it says, the
        names of LDN itself aside (`ldn`, `low dose naltrexone`)."""
        ldn_names = vocabulary().ldn_names
        concepts = {
            g.concept.name
            for g in self.groups(text)
            if g.concept is not None and g.concept.kind not in UNNAMED_KINDS
        }
        for phrase in subject_words(text, self):
            concept = self.vocab.phrases.get(phrase)
            if concept is None and phrase not in ldn_names:
                concepts.add(" ".join(phrase))
            elif concept is not None and concept.kind not in UNNAMED_KINDS:
                concepts.add(concept.name)
        return concepts

    def in_claim(self, fact: JSONObject, shared: list[Any]) -> bool:
        """Does the fact's claim or headline say one of the shared groups? A fact sharing
        words only through its tags is about the sentence's subject, it does not state it."""
        fields = self.fact_fields(fact)
        return any(
            _contains(terms, alt)
            for g in shared
            for alt in g.alternatives
            for terms in (fields[0], fields[-1])
        )

    def said_in_claim(self, fact: JSONObject, groups: list[Any]) -> float:
        """The weight of the sentence's word groups that the fact's claim sentence holds."""
        claim_terms = self.fact_fields(fact)[0]
        return sum(
            self.weight(g.alternatives)
            for g in groups
            if any(_contains(claim_terms, alt) for alt in g.alternatives)
        )


def _claim_terms_fit(table: Any) -> bool:
    """Is a kept `claim_terms` table of the shape `_every_fact_fields` builds: each fact's
    fields (lists of terms) and sorted terms (a list)?"""
    if not isinstance(table, dict) or table.keys() != {"fields", "terms"}:
        return False
    fields, terms = table["fields"], table["terms"]
    return (
        isinstance(fields, dict)
        and isinstance(terms, dict)
        and set(map(type, terms.values())) <= {list}
        and all(
            isinstance(claimed, list) and set(map(type, claimed)) <= {list}
            for claimed in fields.values()
        )
    )


def _merge(lists: list[list[JSONObject]], cap: int) -> list[JSONObject]:
    """Facts from each list in turn, each list's best not yet taken, at most `cap`."""
    out: list[JSONObject] = []
    seen: set[str] = set()
    queues = [list(facts) for facts in lists]
    while any(queues) and len(out) < cap:
        for queue in queues:
            while queue and queue[0]["id"] in seen:
                queue.pop(0)
            if queue:
                seen.add(queue[0]["id"])
                out.append(queue.pop(0))
    return out[:cap]


def _may_hold(every: list[str], first: str) -> bool:
    """Can a fact whose terms are `every` (sorted) hold a phrase starting with `first`?
    (The term itself, or for a long word one it begins: the first term not before it.)"""
    at = bisect_left(every, first)
    if at == len(every):
        return False
    return every[at] == first or (
        len(first) >= PREFIX_MIN and first.isalpha() and every[at].startswith(first)
    )


def _contains(terms: list[str], phrase: tuple[str, ...]) -> bool:
    """Does `terms` hold `phrase`, a word of `PREFIX_MIN` letters or more also matching the
    words it begins (search's rule)?"""
    if len(phrase) == 1:  # most phrases: one word, tested at C speed
        (wanted,) = phrase
        if len(wanted) >= PREFIX_MIN and wanted.isalpha():
            return any(found.startswith(wanted) for found in terms)
        return wanted in terms

    begins = [len(wanted) >= PREFIX_MIN and wanted.isalpha() for wanted in phrase]
    size = len(phrase)
    first = phrase[0]
    return any(
        (found.startswith(first) if begins[0] else found == first)
        and all(
            terms[i + k] == phrase[k] or (begins[k] and terms[i + k].startswith(phrase[k]))
            for k in range(1, size)
        )
        for i, found in enumerate(terms[: max(0, len(terms) - size + 1)])
    )


#: Where a sentence may part into clauses: `;`, `:`, a comma, a dash, or a conjunction
#: opening a clause.
_CLAUSE_BREAK = re.compile(
    r"\s*[;:,]\s+|\s+[-\u2013\u2014]\s+|\s+(?=(?:and|while|whereas|but|which)\s)", re.I
)


def clauses(text: str, matcher: _Matcher | None = None) -> list[str]:
    """The clauses of a sentence that each say something: the sentence cut at `;`, `:`,
    commas, dashes and clause-opening conjunctions, a piece with fewer than `CLAUSE_WORDS`
    content words or (given the matcher) neither naming a subject the base knows nor
    referring back to one (`it`, `they`) joined to the piece after it (the last to the one
    before). A sentence with one such clause is its own only clause."""
    stop = vocabulary().stopwords
    spans: list[tuple[int, int]] = []
    at = 0
    for m in _CLAUSE_BREAK.finditer(text):
        spans.append((at, m.start()))
        at = m.end()
    spans.append((at, len(text)))
    found: list[tuple[int, int]] = []
    first: int | None = None
    for start, end in spans:
        first = start if first is None else first
        pending = text[first:end]
        said = plain_words(pending)
        if len([w for w in said if w not in stop]) >= CLAUSE_WORDS and (
            matcher is None
            or subject_words(pending, matcher)
            or not _BACK_REFERENCES.isdisjoint(said)
        ):
            found.append((first, end))
            first = None
    if first is not None and found:
        found[-1] = (found[-1][0], len(text))
    if len(found) < 2:
        return [text]
    return [text[start:end].strip() for start, end in found]


_NUMBER_UNIT = re.compile(r"(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d)")
#: What `_NUMBER_UNIT` needs to match at all, a digit, looked for first (`searchable`
#: does the same for a fraction's slash and an amount's unit): most sentences hold none,
#: and the search for it is ten times quicker.
_DIGIT = re.compile(r"\d")


_FRACTION = re.compile(r"(?<![\w/.])1\s*/\s*(\d+)(?:st|nd|rd|th)?\b")


def searchable(text: str) -> str:
    """The sentence as a query, written as the facts write it: a fraction in figures is
    said in words (`1/10th` -> `a tenth`, `vocab/claims.json` "fractions"), an amount in
    words is said in figures (`four and a half milligrams` -> `4.5 mg`, "amounts" and
    "units"), and a number glued to its unit is parted (`50mg` -> `50 mg`)."""
    names = vocabulary().fractions

    def said(m: re.Match[str]) -> str:
        name = names.get(m.group(1))
        return f"a {name}" if name else m.group(0)

    if "/" in text:
        text = _FRACTION.sub(said, text)
    text = _in_figures(text)
    return _NUMBER_UNIT.sub(" ", text) if _DIGIT.search(text) else text


def _in_figures(text: str) -> str:
    """Amounts of a unit said in words, in figures: only before a unit, so that "one of
    the researchers" stays as it is."""
    vocab = vocabulary()

    def figures(m: re.Match[str]) -> str:
        number = vocab.amounts[m.group(1).lower()] if m.group(1) else m.group(2)
        if m.group(3):
            number = f"{number}.5" if "." not in number else number
        unit = m.group(4).lower()
        return f"{number} {vocab.units.get(unit, unit)}"

    amount, unit = _amount_patterns()
    return amount.sub(figures, text) if unit.search(text) else text


@lru_cache(maxsize=1)
def _amount_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A number in words or figures, maybe `and a half`, then a unit `_in_figures` knows;
    and the unit alone, with the same flags: the amount needs it, and it is looked for
    first (most sentences name no unit)."""
    vocab = vocabulary()
    numbers = "|".join(sorted(vocab.amounts, key=len, reverse=True))
    units = "|".join(sorted({*vocab.units, *vocab.units.values()}, key=len, reverse=True))
    return (
        re.compile(
            rf"\b(?:({numbers})|(\d+(?:\.\d+)?))(\s+and\s+a\s+half)?\s+({units})\b",
            re.IGNORECASE,
        ),
        re.compile(rf"(?:{units})\b", re.IGNORECASE),
    )


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
        "warnings": claim.warnings,
    }


def claim_objects(report: CheckReport) -> list[dict[str, Any]]:
    return [claim_object(c, report) for c in report.claims]
