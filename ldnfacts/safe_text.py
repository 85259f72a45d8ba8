"""Text from a fact file is data, never terminal instructions.

A claim may hold ANSI or OSC escape sequences, carriage returns, bidirectional overrides
or Rich markup. Human output shows them as visible escapes (`\\x1b`), so the data cannot
recolour the terminal, retitle the window, hide text or plant a hyperlink. Rich markup is
never parsed because renderers hand Rich `Text` objects, not markup strings.
"""

from __future__ import annotations

import re
from functools import cache

#: C0 and C1 controls, DEL, bidirectional marks and overrides, and the Unicode line and
#: paragraph separators: everything that can move the cursor, change state or reorder text.
UNSAFE = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"

#: The same set less C0 controls, which `json.dumps` already escapes and whose newline
#: JSON's own indentation uses.
UNSAFE_IN_JSON = UNSAFE.removeprefix("\x00-\x1f")


@cache
def _unsafe(characters: str) -> re.Pattern[str]:
    """The pattern matching any of `characters`, compiled on first use: a class mixing
    Latin-1 and wider characters takes some 300 microseconds to compile, and most runs
    need only one of the two, or neither (`json_safe`'s shortcut)."""
    return re.compile(f"[{characters}]")


#: Escapes for the controls people recognise; the rest become \\xNN or \\uNNNN.
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character shown as an escape, on one line."""
    return _unsafe(UNSAFE).sub(_escape, text)


def json_safe(dumped: str) -> str:
    """Escape, inside already-dumped JSON, the characters `json.dumps` leaves raw.

    `json.dumps(ensure_ascii=False)` escapes C0 controls but writes C1 controls, DEL and
    bidi overrides as raw characters, which a terminal showing the JSON would obey.
    JSON's structure is ASCII, so every match is inside a string and `\\uNNNN` is exact.

    Every character of the set is unprintable (`str.isprintable`), and all but DEL are
    beyond ASCII (a test holds both), so JSON that is ASCII without DEL, or printable but
    for its line ends, is returned as it is, without the search character by character
    (17 million instructions for the 300 KB of a 10 KB page's check).
    """
    if (dumped.isascii() and "\x7f" not in dumped) or dumped.replace("\n", " ").isprintable():
        return dumped
    return _unsafe(UNSAFE_IN_JSON).sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def url_text(url: str) -> str:
    """A URL safe inside a BibTeX `\\url{}` or a Markdown `<...>` autolink: controls made
    visible, then everything that could end the field or the link (`{` `}` `<` `>` `[` `]`
    `\\` `|` backtick, spaces) percent-encoded. Percent signs already there are kept, so a
    URL that is already encoded stays as it is."""
    from urllib.parse import quote

    return quote(printable(url), safe="/:?&=#;%()-._~+@,!$*'")
