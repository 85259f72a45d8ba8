"""How text becomes searchable words: ONE analyser for the index and for questions.

The same steps run on every fact when the index is built and on every question:

- fold case and accents (`Rodríguez` = `rodriguez`);
- split into words; a decimal number is one word (`4.5`, not `4` and `5`), thousands
  separators go (`1,000` = `1000`), a number glued to its unit is split (`4.5mg` = `4.5 mg`);
  a hyphenated or slashed word also yields its parts joined (`BEST-ED` -> `best`, `ed`,
  `bested`; `ME/CFS` -> `me`, `cfs`, `mecfs`); a DOI is also kept whole;
- drop stopwords (`can`, `I`, `with`...: the list is in `vocab/vocabulary.json`);
- fold British and American spelling (`randomised` = `randomized`, `diarrhoea` = `diarrhea`,
  `colour` = `color`) and word endings (`approved` = `approval`, `dreams` = `dream`,
  `stopping` = `stop`) with a small suffix stemmer.

Questions also go through the vocabulary (`vocab/vocabulary.json`, documented in the
README): what people say (`tramadol`, `Lyrica`, `how long`, `ME/CFS`) is mapped to what the
facts say (`opioid`, `pregabalin`, `week`, `chronic fatigue syndrome`). A fact file may add
entries under its top-level `vocabulary` key.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from ldnfacts.paths import VOCAB_DIR

VOCABULARY_FILE = VOCAB_DIR / "vocabulary.json"

_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_SIMPLE = re.compile(r"[a-z ]*")
_DOI = re.compile(r"\b10\.\d{4,9}/\S+", re.IGNORECASE)
#: What makes a chunk of several parts a compound (`BEST-ED`, `ME/CFS`), not a number.
_COMPOUND_MARK = re.compile(r"[-/]")
#: A word this long or longer, when it is not a number, also matches words it begins.
PREFIX_MIN = 5


def fold(text: str) -> str:
    """Lower-case and strip accents, so `Rodríguez` and `rodriguez` compare equal."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def normalise(word: str) -> str:
    """British spellings as American ones: `randomised` -> `randomized`, `diarrhoea` ->
    `diarrhea`, `colour` -> `color`, `anaemia` -> `anemia`. Applied to both sides, so the
    mapping needs to be consistent, not pretty."""
    if len(word) < 5 or not word.isalpha():
        return word
    if "is" in word:
        word = re.sub(r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations|er|ers)$", r"iz\1", word)
    if "ys" in word:
        word = re.sub(r"(?<=[a-z]{3})yse(d|s)?$", r"yze\1", word)
    if "our" in word:
        word = re.sub(r"(?<=[a-z]{2})our(s|ed|ing|able|ite|ites)?$", r"or\1", word)
    if "ae" in word or "oe" in word:
        word = re.sub(r"(?<=[a-z])[ao]e(?=[a-z])", "e", word)
    return word


#: Derivational endings, longest first, with the shortest stem each may leave.
_SUFFIXES = (
    ("ization", 4),
    ("ation", 4),
    ("ition", 4),
    ("ement", 4),
    ("ment", 4),
    ("ness", 4),
    ("ingly", 3),
    ("edly", 3),
    ("ing", 3),
    ("ity", 4),
    ("ive", 4),
    ("ize", 4),
    ("ate", 4),
    ("iz", 4),
    ("at", 4),
    ("ally", 4),
    ("ly", 4),
    ("ed", 3),
    ("al", 4),
    ("ic", 4),
)
_VOWEL = re.compile(r"[aeiouy]")
#: Every ending of `_SUFFIXES`, for a quick test of whether any may apply.
_ENDINGS = tuple(suffix for suffix, _ in _SUFFIXES)


def stem(word: str) -> str:
    """A light suffix stemmer: `approved`, `approval`, `approves` -> `approv`; `dreams` ->
    `dream`; `stopping` -> `stop`; `microglia`, `microglial` -> `microgli`. Numbers and
    words with digits are left alone."""
    if not word.isalpha() or len(word) < 4:
        return word
    if (word.endswith("ies") and len(word) > 4) or (word.endswith("ied") and len(word) > 4):
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for _ in range(2):
        if not word.endswith(_ENDINGS):
            break
        for suffix, shortest in _SUFFIXES:
            if word.endswith(suffix):
                rest = word[: -len(suffix)]
                if len(rest) >= shortest and _VOWEL.search(rest):
                    if suffix in ("ing", "ed", "ingly", "edly") and (
                        len(rest) > 3 and rest[-1] == rest[-2] and rest[-1] not in "lsz"
                    ):
                        rest = rest[:-1]  # stopping -> stopp -> stop
                    word = rest
                    break
        else:
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    if word.endswith("ia") and len(word) > 5:
        word = word[:-1]  # microglia ~ microglial, insomnia ~ insomniac
    return word


@lru_cache(maxsize=1)
def _compound_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """What splits a text that is not plain words: chunks, where a chunk splits, a number
    glued to its unit. Compiled on first use: a question in plain words never needs them
    (they take about 0.5 ms to compile)."""
    return (
        # runs of letters and digits, held together by hyphens, slashes, apostrophes and
        # by the point or comma of a number
        # (a typographic apostrophe is read as `'`: see `words`)
        re.compile(r"[^\W_]+(?:[-/.,'][^\W_]+)*"),
        # hyphen, slash, apostrophe; a point or comma not between digits
        re.compile(r"[-/']|(?<!\d)[.,]|[.,](?!\d)"),
        re.compile(
            r"(\d+(?:\.\d+)?)(mg|mcg|µg|μg|ug|g|kg|ml|mm|cm|h|hr|hrs|x|wk|wks|weeks?|days?|months?)"
        ),
    )


@lru_cache(maxsize=8192)
def term(word: str) -> str:
    """The index form of one folded word."""
    if "," in word:
        if _THOUSANDS.fullmatch(word):
            return word.replace(",", "")
        return word.replace(",", ".")  # 4,5 mg written the European way
    return stem(normalise(word))


class Word:
    """One word of a text: as written (folded), and its index form. A plain class (see
    `views`): an index build makes one for every word of every fact, and a slotted class is
    made quickest."""

    __slots__ = ("joined", "part", "parts", "surface", "term")

    def __init__(
        self, surface: str, term: str, joined: bool = False, parts: int = 0, part: bool = False
    ) -> None:
        self.surface = surface
        self.term = term
        #: An extra word: a compound's parts joined (`bested`), or a whole DOI.
        self.joined = joined
        #: For a joined compound, how many parts it joins.
        self.parts = parts
        #: A part of a hyphenated or slashed compound: kept even if a stopword (`BEST-ED`).
        self.part = part


def words(text: str) -> list[Word]:
    """Every word of `text`, stopwords included, with the extra joined forms of compounds
    and whole DOIs."""
    folded = fold(text)
    if _SIMPLE.fullmatch(folded):  # plain words only: the common case, made quick
        return [Word(w, term(w)) for w in folded.split()]
    found: list[Word] = []
    if "10." in folded:  # every DOI starts so
        found.extend(
            Word(doi, "doi" + re.sub(r"[^0-9a-z]", "", doi), joined=True)
            for doi in (m.group(0).rstrip(".,;)") for m in _DOI.finditer(folded))
        )
    chunks, split, number_unit = _compound_patterns()
    # a typographic apostrophe is one, read as `'`: a pattern class holding `\u2019`
    # takes three times longer to compile
    for chunk in chunks.findall(folded.replace("\u2019", "'")):
        if chunk.isalpha():  # one plain word: nothing to split
            found.append(Word(chunk, term(chunk)))
            continue
        parts: list[str] = []
        for part in split.split(chunk):
            if not part:
                continue
            unit = number_unit.fullmatch(part)
            parts.extend(unit.groups() if unit else [part])
        compound = len(parts) > 1 and _COMPOUND_MARK.search(chunk) is not None
        found.extend(Word(p, term(p), part=compound) for p in parts)
        if compound:
            joined = "".join(parts)
            found.append(Word(joined, term(joined), joined=True, parts=len(parts)))
    return found


def surface_words(text: str) -> list[str]:
    """The folded words of a text as a reader spells them, stopwords left out (for
    completion and spelling correction)."""
    stop = bundled_stopwords()
    return [w.surface for w in words(text) if not w.joined and w.surface not in stop]


def tokens(text: str, stopwords: frozenset[str] | None = None) -> list[str]:
    """The index terms of a text, in order: stopwords dropped, spellings and endings folded."""
    stop = bundled_stopwords() if stopwords is None else stopwords
    return terms_of(words(text), stop)


def terms_of(analysed: Sequence[Word], stopwords: frozenset[str]) -> list[str]:
    """The index terms of words already analysed: a stopword is dropped unless it is part
    of a hyphenated name (`does-it-work`, `BEST-ED`), which must match whole."""
    return [w.term for w in analysed if w.part or w.surface not in stopwords]


# -- the vocabulary ------------------------------------------------------------------------


class Concept(NamedTuple):
    """Something people say in several ways, and the words the facts use for it."""

    name: str
    kind: str
    says: tuple[str, ...]
    means: tuple[str, ...]
    #: Fact tags whose facts lead the answer whenever this concept is asked about.
    lead: tuple[str, ...] = ()


#: The kind of concept whose phrases are filler (`next week`, `these days`): ignored.
FILLER = "filler"


class Vocabulary(NamedTuple):
    """What questions may say and what it means: the bundled file's entries, with a
    fact file's own added."""

    stopwords: frozenset[str]
    #: Index terms too common in this base to be the subject of a question (ldn, dose...).
    generic: frozenset[str]
    concepts: tuple[Concept, ...]
    #: Phrases people say (as index forms of every word, stopwords kept) -> concept.
    phrases: Mapping[tuple[str, ...], Concept]
    #: For each word a phrase starts with, the words in the longest such phrase: a
    #: question's word is looked up as the start of a phrase only that far.
    reach: Mapping[str, int]

    def merged(self, extra: Mapping[str, Any] | None) -> Vocabulary:
        """This vocabulary with a fact file's `vocabulary` entries added."""
        if not extra:
            return self
        return _build(
            {
                "stopwords": [*self.stopwords, *(extra.get("stopwords") or [])],
                "filler": list(extra.get("filler") or []),
                "generic_terms": [*self.generic],
                "generic": list(extra.get("generic") or []),
                "concepts": [*self.concepts, *(extra.get("concepts") or [])],
            }
        )

    def to_json(self) -> dict[str, Any]:
        """A JSON form that loads without re-analysing every phrase (kept in the index)."""
        index = {id(c): i for i, c in enumerate(self.concepts)}
        return {
            "stamp": vocabulary_stamp(),
            "stopwords": sorted(self.stopwords),
            "generic": sorted(self.generic),
            "concepts": [
                {"name": c.name, "kind": c.kind, "says": c.says, "means": c.means, "lead": c.lead}
                for c in self.concepts
            ],
            "phrases": [[list(key), index[id(c)]] for key, c in self.phrases.items()],
        }

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> Vocabulary:
        concepts = tuple(_concept(c) for c in data["concepts"])
        phrases = {tuple(key): concepts[i] for key, i in data["phrases"]}
        return Vocabulary(
            frozenset(data["stopwords"]),
            frozenset(data["generic"]),
            concepts,
            phrases,
            _reach(phrases),
        )


def vocabulary_stamp() -> str:
    """Changes whenever the bundled vocabulary file does."""
    st = VOCABULARY_FILE.stat()
    return f"{st.st_mtime_ns}:{st.st_size}"


@lru_cache(maxsize=8192)
def _phrase_key(text: str) -> tuple[str, ...]:
    return tuple(w.term for w in _phrase_words(text) if not w.joined)


@lru_cache(maxsize=8192)
def _phrase_words(text: str) -> tuple[Word, ...]:
    """`words` of a vocabulary phrase (a concept's meaning, a phrase said), analysed once
    per run: a check meets the same concepts sentence after sentence, and each of their
    phrases is read three ways (`_phrase_key`, `_meaning_key`, `_concept_alternatives`)."""
    return tuple(words(text))


def _concept(raw: Concept | Mapping[str, Any]) -> Concept:
    if isinstance(raw, Concept):
        return raw
    return Concept(
        name=str(raw["name"]),
        kind=str(raw.get("kind") or "user"),
        says=tuple(str(s) for s in raw.get("says") or ()),
        means=tuple(str(s) for s in raw.get("means") or ()),
        lead=tuple(str(s) for s in raw.get("lead") or ()),
    )


def _build(data: Mapping[str, Any]) -> Vocabulary:
    stopwords = _stopwords(data)
    generic = set(data.get("generic_terms") or ())
    for word in data.get("generic") or ():
        generic.update(tokens(word, stopwords))
    concepts = tuple(_concept(c) for c in data.get("concepts") or ())
    if data.get("filler"):
        filler = Concept("filler", FILLER, tuple(str(f) for f in data["filler"]), ())
        concepts = (*concepts, filler)
    phrases: dict[tuple[str, ...], Concept] = {}
    for concept in concepts:
        for said in concept.says:
            key = _phrase_key(said)
            if key:
                phrases.setdefault(key, concept)
    return Vocabulary(stopwords, frozenset(generic), concepts, phrases, _reach(phrases))


def _reach(phrases: Iterable[tuple[str, ...]]) -> dict[str, int]:
    reach: dict[str, int] = {}
    for key in phrases:
        reach[key[0]] = max(reach.get(key[0], 0), len(key))
    return reach


def _stopwords(data: Mapping[str, Any]) -> frozenset[str]:
    return frozenset(fold(w) for w in data.get("stopwords") or ())


@lru_cache(maxsize=1)
def _bundled() -> Any:
    with open(VOCABULARY_FILE, encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The bundled vocabulary."""
    return _build(_bundled())


def bundled_concepts() -> tuple[Concept, ...]:
    """The bundled vocabulary's concepts, without analysing their phrases (13 ms)."""
    return tuple(_concept(c) for c in _bundled().get("concepts") or ())


@lru_cache(maxsize=1)
def bundled_stopwords() -> frozenset[str]:
    """The bundled vocabulary's stopwords, without building the rest of it (13 ms): an
    update of the index, and the analysis of a text, need only these."""
    return _stopwords(_bundled())


# -- questions -----------------------------------------------------------------------------


class Group:
    """One thing a question asks about: a word, or a phrase the vocabulary knows, with
    every way the facts may say it. A fact matches the group when it matches any
    alternative; an alternative of several terms is a phrase. (A plain class: a
    dataclass compiles its methods at every start, README, Speed.)"""

    __slots__ = ("alternatives", "concept", "generic", "own", "position", "said", "size")

    def __init__(
        self,
        said: str,
        alternatives: list[tuple[str, ...]],
        concept: Concept | None = None,
        generic: bool = False,
        position: int = -1,
        size: int = 1,
        own: int = 1,
    ) -> None:
        self.said = said
        self.alternatives = alternatives
        self.concept = concept
        self.generic = generic
        #: Where in the question it starts (in words, stopwords counted); neighbours
        #: differ by 1.
        self.position = position
        #: How many words of the question it spans.
        self.size = size
        #: How many of the first alternatives are the question's own words (the rest are
        #: what the vocabulary says they mean: they weigh less in ranking).
        self.own = own

    def __repr__(self) -> str:
        return f"Group({self.said!r}, {self.alternatives!r})"

    @property
    def lead(self) -> tuple[str, ...]:
        return self.concept.lead if self.concept else ()


def parse(text: str, vocab: Vocabulary | None = None) -> tuple[list[Group], list[str]]:
    """The groups a question asks about, and the words it ignored as filler.

    Phrases the vocabulary knows are taken longest first (`long covid` before `long`);
    stopwords are dropped; the rest are single words. A compound (`BEST-ED`) is one group
    matching either the phrase of its parts or its joined form (`bested`); a DOI is one.
    """
    vocab = vocab or vocabulary()
    groups, stream = _doi_groups(fold(text))
    plain = [w for w in stream if not w.joined]
    terms = [w.term for w in plain]
    joined_at: dict[int, list[Word]] = {}
    seen = 0
    for w in stream:
        if w.joined:
            joined_at.setdefault(seen, []).append(w)
        else:
            seen += 1
    ignored: list[str] = []
    owner: list[Group | None] = []  # the group each plain word went into
    position = 0
    while position < len(plain):
        found = None
        for size in range(min(vocab.reach.get(terms[position], 0), len(plain) - position), 0, -1):
            key = tuple(terms[position : position + size])
            if key in vocab.phrases:
                found = (size, vocab.phrases[key])
                break
        if found and found[1].kind == FILLER:  # `next week`, `these days`: no subject
            size = found[0]
            ignored.extend(w.surface for w in plain[position : position + size])
            owner.extend([None] * size)
            position += size
        elif found:
            size, concept = found
            span = " ".join(w.surface for w in plain[position : position + size])
            group: Group | None = next((g for g in groups if g.concept is concept), None)
            if group is None:
                group = concept_group(span, concept, vocab)
                group.position, group.size = position, size
                groups.append(group)
            else:  # `how long until it helps`: one thing asked, said twice
                group.said += f" {span}"
            owner.extend([group] * size)
            position += size
        else:
            word = plain[position]
            position += 1
            if word.surface in vocab.stopwords and not word.part:
                ignored.append(word.surface)
                owner.append(None)
            else:
                group = word_group(word.surface, vocab)
                group.position = position - 1
                groups.append(group)
                owner.append(group)
        if joined_at:  # a compound's joined form, once its parts are read
            for end in sorted(k for k in joined_at if k <= position):
                for joined in joined_at.pop(end):
                    _merge_compound(groups, owner[end - joined.parts : end], joined, vocab)
    return groups, ignored


def _doi_groups(folded: str) -> tuple[list[Group], list[Word]]:
    """A group for each DOI of a folded text, and the words of the rest; looked for only
    when the text holds `10.` (every DOI starts so): the pattern, case-insensitive, tries
    every place of the text."""
    if "10." not in folded:
        return [], words(folded)
    groups = [
        Group(m.group(0), [(w.term,)])
        for m in _DOI.finditer(folded)
        for w in words(m.group(0))
        if w.joined and w.term.startswith("doi")
    ]
    return groups, words(_DOI.sub(" ", folded))


def _merge_compound(
    groups: list[Group], parts: list[Group | None], joined: Word, vocab: Vocabulary
) -> None:
    """Fold the word groups of a compound's parts (`best`, `ed`) and its joined form
    (`bested`) into one group; a compound the vocabulary knows is left to its concept."""
    concept = vocab.phrases.get((joined.term,))
    if concept is not None:
        if not any(g.concept is concept for g in groups):
            groups.append(concept_group(joined.surface, concept, vocab))
        return
    if any(g is not None and g.concept is not None for g in parts):
        return
    members = [g for g in parts if g is not None]
    for member in members:
        groups.remove(member)
    phrase = tuple(t for g in members for t in g.alternatives[0])
    alternatives: list[tuple[str, ...]] = [phrase, (joined.term,)] if phrase else [(joined.term,)]
    groups.append(
        Group(
            " ".join(g.said for g in members) or joined.surface,
            alternatives,
            generic=bool(members) and all(g.generic for g in members),
            position=min((g.position for g in members), default=-1),
            size=max(1, len(members)),
            own=len(alternatives),
        )
    )


def word_group(surface: str, vocab: Vocabulary | None = None) -> Group:
    vocab = vocab or vocabulary()
    own = term(surface)
    return Group(surface, [(own,)], generic=own in vocab.generic)


def concept_group(said: str, concept: Concept, vocab: Vocabulary | None = None) -> Group:
    """A group for a phrase the vocabulary knows: the phrase itself (unless filler words
    were part of it: `how long` must not match `long`) and what the concept means."""
    vocab = vocab or vocabulary()
    alternatives, generic, own_count = _concept_alternatives(
        said, concept, vocab.stopwords, vocab.generic
    )
    return Group(said, list(alternatives), concept, generic, own=own_count)


@lru_cache(maxsize=4096)
def _concept_alternatives(
    said: str, concept: Concept, stopwords: frozenset[str], generic_terms: frozenset[str]
) -> tuple[tuple[tuple[str, ...], ...], bool, int]:
    """`concept_group`'s alternatives, whether all are generic, and how many are the
    phrase's own words: worked out once per phrase and concept (a check meets the same
    concepts sentence after sentence)."""
    alternatives: list[tuple[str, ...]] = []
    said_words = [w for w in _phrase_words(said) if not w.joined]
    if all(w.surface not in stopwords for w in said_words):
        own = tuple(w.term for w in said_words)
        if own:
            alternatives.append(own)
    own_count = len(alternatives)
    for meaning in concept.means:
        # as the facts' prose says it (filler dropped), and as a hyphenated tag does
        # (`time-to-effect` keeps its `to`)
        prose = _meaning_key(meaning, stopwords)
        for phrase in (prose, _phrase_key(meaning)):
            if phrase and phrase not in alternatives and (len(phrase) > 1 or phrase == prose):
                alternatives.append(phrase)
    generic = all(all(t in generic_terms for t in alt) for alt in alternatives)
    return tuple(alternatives), generic, own_count


def meaning_key(meaning: str, vocab: Vocabulary | None = None) -> tuple[str, ...]:
    """The index terms a concept's meaning matches. A phrase of several words that its
    filler words would shrink to one word is dropped: `must not` is not `must`, `does it
    work` is not `work`; such a phrase cannot be matched as said."""
    return _meaning_key(meaning, (vocab or vocabulary()).stopwords)


@lru_cache(maxsize=4096)
def _meaning_key(meaning: str, stopwords: frozenset[str]) -> tuple[str, ...]:
    """`meaning_key`, analysed once: a check meets the same concepts sentence after
    sentence."""
    analysed = _phrase_words(meaning)
    phrase = tuple(terms_of(analysed, stopwords))
    said = [w for w in analysed if not w.joined]
    if len(said) > 1 and len(phrase) < 2:
        return ()
    return phrase


def expansions(vocab: Vocabulary | None = None) -> Iterable[tuple[Concept, str]]:
    """Every (concept, meaning) pair: each must lead to words the data uses."""
    vocab = vocab or vocabulary()
    for concept in vocab.concepts:
        for meaning in concept.means:
            yield concept, meaning


# -- spelling ------------------------------------------------------------------------------


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours costs 1), or limit + 1 once
    it is certainly above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_edits(word: str) -> int:
    """How far a correction may be from what was typed: none for short words (`fog` is not
    `for`), one for up to seven letters (`dreems` -> `dreams`), two beyond."""
    if len(word) < 5 or not word.isalpha():
        return 0
    return 1 if len(word) <= 7 else 2


def swapped(word: str, candidate: str) -> bool:
    """Whether `candidate` is `word` with two neighbouring letters swapped (`wrok` ->
    `work`): the one slip allowed in a word too short for other corrections."""
    if len(word) != len(candidate) or word == candidate:
        return False
    diff = [i for i, (a, b) in enumerate(zip(word, candidate, strict=True)) if a != b]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and word[diff[0]] == candidate[diff[1]]
        and word[diff[1]] == candidate[diff[0]]
    )


#: Words this long are corrected only for a swap of neighbouring letters.
SWAP_ONLY = 4


def closest(word: str, candidates: Sequence[tuple[str, int]]) -> str | None:
    """The candidate nearest `word` within `allowed_edits`, most used on a tie; candidates
    must share the first letter (people rarely mistype it, and `night` must not become
    `right`)."""
    limit = allowed_edits(word)
    if not limit:
        if len(word) == SWAP_ONLY and word.isalpha():
            swaps = [(-uses, c) for c, uses in candidates if c[:1] == word[:1] and swapped(word, c)]
            return min(swaps)[1] if swaps else None
        return None
    best: tuple[int, int, str] | None = None
    for candidate, uses in candidates:
        if candidate == word or candidate[:1] != word[:1]:
            continue
        distance = edit_distance(word, candidate, limit)
        if distance <= limit:
            key = (distance, -uses, candidate)
            if best is None or key < best:
                best = key
    return best[2] if best else None


def spelling_key(word: str) -> str:
    """Words are indexed for spelling by first letter and length."""
    return f"{word[:1]}{len(word)}"


def vocabulary_words(vocab: Vocabulary | None = None) -> list[str]:
    """Single words the vocabulary knows (drug and brand names...), for spelling."""
    vocab = vocab or vocabulary()
    return sorted(
        {fold(said) for c in vocab.concepts for said in c.says if re.fullmatch(r"[a-z]+", said)}
    )
