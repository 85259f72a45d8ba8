"""Split a page's blocks into sentences, with character offsets.

Our own splitter rather than a library: the candidates (NLTK's Punkt, pySBD, spaCy) bring a
model or a large dependency for a job whose hard cases here are few and known - dose units
("4.5 mg. Then"), Latin and title abbreviations ("e.g.", "Dr.", "et al."), decimals,
numbered list items and headings without a period - and they do not know the block
structure `pagetext` has already found. The abbreviations are data
(`vocab/sentences.json`), the rules are below, and `tests/test_check.py` holds each case.

Rules: a sentence never crosses a block (heading, list item, paragraph). Inside a block it
ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets) followed by space, and
before an inline enumeration marker such as `(ii)`, unless
 - the period follows a `never_end` abbreviation (`e.g.`, `Dr.`, `vs.`, `et al.`), or a
   single capital letter (an initial: `J. Smith`);
 - the period follows a `may_end` abbreviation (`mg.`, `etc.`) and the next word does not
   start with a capital letter or a digit;
 - the next character is a lower-case letter (`the U.S. population`).
A decimal point (`4.5`) is never followed by space, so it never ends a sentence.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from ldnfacts.pagetext import Block
from ldnfacts.paths import VOCAB_DIR

#: A sentence's end: its marks, maybe a closing quote or bracket, then space. Found in a
#: copy of the text with the wider marks written in ASCII (`_ascii_marks`): a class
#: mixing ASCII and wider characters takes 0.4 ms to compile, the copy microseconds.
_END = re.compile(r"[.!?]+[\"')\]]*(?=\s)")
#: The wider marks a sentence may end with, each as the ASCII mark `_END` reads.
_WIDE_MARKS = (("\u2026", "."), ("\u201d", '"'), ("\u2019", "'"))
#: An inline enumeration marker, `(ii)` or `(b)`, after space: it starts a new sentence.
_INLINE_ITEM = re.compile(r"(?<=\s)\((?:[ivx]{1,4}|[a-h])\)\s+")
_WORD_BEFORE = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*)\.$")


class Sentence:
    """Where a sentence of a page's text starts and ends."""

    __slots__ = ("end", "kind", "start")

    def __init__(self, start: int, end: int, kind: str) -> None:
        self.start = start
        self.end = end
        #: The kind of block it came from: heading, item or paragraph.
        self.kind = kind


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    data = json.loads((VOCAB_DIR / "sentences.json").read_text(encoding="utf-8"))
    return frozenset(data["never_end"]), frozenset(data["may_end"])


def split(text: str, blocks: list[Block]) -> list[Sentence]:
    """The sentences of `text`, block by block, in order."""
    found: list[Sentence] = []
    for block in blocks:
        for start, end in split_span(text, block.start, block.end):
            found.append(Sentence(start, end, block.kind))
    return found


def split_span(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence in text[start:end], surrounding space trimmed."""
    never, may = _abbreviations()
    spans = []
    begin = start
    for match in _END.finditer(_ascii_marks(text[start:end])):
        stop = start + match.end()
        if not _ends_here(text, start + match.start(), stop, end, never, may):
            continue
        spans.extend(_enumerated(text, begin, stop))
        begin = stop
    spans.extend(_enumerated(text, begin, end))
    trimmed = []
    for a, b in spans:
        left = a + len(text[a:b]) - len(text[a:b].lstrip())
        right = b - (len(text[a:b]) - len(text[a:b].rstrip()))
        if left < right:
            trimmed.append((left, right))
    return trimmed


def _ascii_marks(text: str) -> str:
    """`text` with the wider marks a sentence ends with in ASCII, one character for one,
    so that the offsets stay the same."""
    if not text.isascii():
        for wide, mark in _WIDE_MARKS:
            text = text.replace(wide, mark)
    return text


def _enumerated(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence cut at inline markers: `...action of LDN; (i) Less microglial activation
    (ii) ...` gives one span before the first marker and one after each, markers left out."""
    spans = []
    begin = start
    for marker in _INLINE_ITEM.finditer(text, start, end):
        spans.append((begin, marker.start()))
        begin = marker.end()
    spans.append((begin, end))
    return spans


def _ends_here(
    text: str, mark: int, stop: int, end: int, never: frozenset[str], may: frozenset[str]
) -> bool:
    following = text[stop:end].lstrip()
    if not following:
        return True
    if text[mark] != ".":
        return not following[0].islower()
    before = _WORD_BEFORE.search(text, max(0, mark - 40), mark + 1)
    if before:
        word = before.group(1)
        folded = word.lower()
        phrase = text[max(0, mark - 8) : mark].lower()
        if folded in never or phrase.endswith("et al"):
            return False
        if len(word) == 1 and word.isupper():
            return False  # an initial
        if folded in may:
            return following[0].isupper() or following[0].isdigit()
    return not following[0].islower()
