"""How text becomes searchable words: one set of rules for the index and for queries.

Matching is deliberately forgiving in the ways people type: case and accents are ignored
(`Rodriguez` finds `Rodríguez`), a word matches words it begins (`microglia` finds
`microglial`), plurals fold (`trials` finds `trial`), and common shorthands expand to the
words the data uses (`fibro` finds `fibromyalgia`).
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+")

#: Shorthands and spellings people type, mapped to phrases in the fact base's own words. A
#: term matches when it matches itself or any of its expansions; every word of a phrase must
#: match. `tests/test_data.py` checks that every expansion finds something.
ALIASES: dict[str, tuple[str, ...]] = {
    "fibro": ("fibromyalgia",),
    "fm": ("fibromyalgia",),
    "fms": ("fibromyalgia",),
    "cfs": ("chronic fatigue syndrome",),
    "mecfs": ("chronic fatigue syndrome",),
    "treg": ("regulatory t cells",),
    "tregs": ("regulatory t cells",),
    "ntx": ("naltrexone",),
    "rct": ("randomised",),
    "rcts": ("randomised",),
    # the data is written in British spelling; American spellings find it too
    "randomized": ("randomised",),
    "standardized": ("standardised",),
    "diarrhea": ("diarrhoea",),
    "recognizing": ("recognising",),
    "sensitization": ("sensitisation",),
    "sae": ("serious adverse events",),
    "saes": ("serious adverse events",),
    "ae": ("adverse events",),
    "aes": ("adverse events",),
    "nightmares": ("vivid dreams",),
    "liver": ("hepatotoxicity",),
    "endorphins": ("endorphin", "enkephalin"),
    "tlr": ("toll like receptor",),
    "price": ("cost",),
    "cheap": ("cost",),
    "sleep": ("insomnia", "sleep"),
}


def fold(text: str) -> str:
    """Lower-case and strip accents, so `Rodríguez` and `rodriguez` compare equal."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def stem(word: str) -> str:
    """Fold plurals: `studies` -> `study`, `trials` -> `trial`; leave `analysis` alone."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("sses"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def surface_words(text: str) -> list[str]:
    """The folded words of a text, as a reader would spell them."""
    return _WORD.findall(fold(text))


def tokens(text: str) -> list[str]:
    """The index keys of a text: folded and stemmed words."""
    return [stem(w) for w in surface_words(text)]


def term_alternatives(term: str) -> list[list[str]]:
    """The phrases a query term may match: itself and its alias expansions.

    Each phrase is a list of tokens that must all match. A term with no letters or digits
    has no phrase and therefore matches nothing.
    """
    phrases = []
    own = tokens(term)
    if own:
        phrases.append(own)
    folded = "".join(surface_words(term))
    for expansion in ALIASES.get(folded, ()):
        phrase = tokens(expansion)
        if phrase not in phrases:
            phrases.append(phrase)
    return phrases
