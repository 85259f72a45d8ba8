"""A page as text: plain text, Markdown or a saved HTML page, with its block structure.

`check` reports claims by character offsets into the text this module produces: for plain
text that is the input itself, so `text == input[start:end]`; Markdown loses its markup and
HTML becomes the text a reader sees. HTML is read with the standard library's
`html.parser` (a real tokenizer, tolerant of broken markup, no dependency); scripts,
styles, navigation, headers, footers, asides and forms are dropped, and every block element
ends a block, so a heading or a list item never runs into the next sentence.

Blocks carry a kind: `heading` (a title, not a statement), `item` (a list item) or
`paragraph`. Binary or undecodable input, and input over `MAX_BYTES`, are errors naming the
file.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

#: Input larger than this is refused: a long web page is well under 1 MB of HTML.
MAX_BYTES = 5 * 1024 * 1024

#: Elements whose content is not part of what the page says.
_DROP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "canvas",
        "iframe",
        "object",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "textarea",
        "head",
        "menu",
        "dialog",
    }
)
#: Elements that never have content or an end tag.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "caption", "summary", "legend"})
_ITEMS = frozenset({"li", "dt", "dd"})
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "table",
        "thead",
        "tbody",
        "tr",
        "td",
        "th",
        "ul",
        "ol",
        "dl",
        "figure",
        "figcaption",
        "address",
        "details",
        "body",
        "html",
        "br",
        "hr",
    }
    | _HEADINGS
    | _ITEMS
)
#: `role` values that mark navigation and page furniture.
_DROP_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "menu"})


class InputError(Exception):
    """A page that cannot be read as text; the message names the file."""


class Block:
    """A heading, list item or paragraph of a page's text: where it starts and ends."""

    __slots__ = ("end", "kind", "start")

    def __init__(self, start: int, end: int, kind: str) -> None:
        self.start = start
        self.end = end
        self.kind = kind  # "heading" | "item" | "paragraph"


class Page:
    """A page read as text, with its blocks."""

    __slots__ = ("blocks", "format", "name", "text")

    def __init__(self, name: str, format: str, text: str, blocks: list[Block]) -> None:
        self.name = name
        #: "text", "markdown" or "html".
        self.format = format
        self.text = text
        self.blocks = blocks


def read_page(path: str, fmt: str | None = None) -> Page:
    """The page in the file at `path` (`-` for standard input)."""
    import sys

    name = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            data = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            with open(path, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder, not a file") from None
    except OSError as error:
        raise InputError(f"{name}: cannot read: {error.strerror or error}") from None
    return page_from_bytes(data, name, fmt)


def page_from_bytes(data: bytes, name: str, fmt: str | None = None) -> Page:
    """Decode and convert; `fmt` is guessed from the name, then the content, when None."""
    if len(data) > MAX_BYTES:
        raise InputError(
            f"{name}: larger than {MAX_BYTES // (1024 * 1024)} MB; check one page at a time"
        )
    text = decode(data, name)
    return page_from_text(text, name, fmt or guess_format(name, text))


def decode(data: bytes, name: str) -> str:
    """UTF-8 text (a BOM is dropped); binary data is an error, not mojibake."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary data, not text; give a text, Markdown or HTML file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        declared = _declared_charset(data)
        if declared:
            try:
                return data.decode(declared)
            except (LookupError, UnicodeDecodeError):
                pass
        raise InputError(
            f"{name}: not UTF-8 text (byte {error.start}); save the page as UTF-8"
        ) from None


def _declared_charset(data: bytes) -> str | None:
    found = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4096], re.IGNORECASE)
    return found.group(1).decode("ascii") if found else None


def guess_format(name: str, text: str) -> str:
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lower.endswith((".md", ".markdown", ".mdown")):
        return "markdown"
    if lower.endswith(".txt"):
        return "text"
    head = text.lstrip()[:512].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or re.search(
        r"<(body|p|div|article)[\s>]", head
    ):
        return "html"
    return "text"


def page_from_text(text: str, name: str, fmt: str) -> Page:
    if fmt == "html":
        return _html_page(text, name)
    if fmt == "markdown":
        return _markdown_page(text, name)
    return Page(name, "text", text, text_blocks(text))


# -- plain text ----------------------------------------------------------------------------


#: A list item's marker: `-`, `*`, `+`, `•`, `1.`, `1)`, `(i)`, `a)`.
@lru_cache(maxsize=1)
def _line_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A list marker opening a line; end punctuation closing one. Compiled on first use,
    as are Markdown's patterns: an HTML page needs neither (they take about 1 ms)."""
    return (
        re.compile(r"[ \t]*(?:[-*+•▪\u2013]|\d{1,3}[.)]|\([ivx\d]{1,5}\)|[a-z][.)])[ \t]+"),
        re.compile(r"[.!?:;…][\"'\u201d\u2019)\]]*$"),
    )


def text_blocks(text: str) -> list[Block]:
    """Blocks of plain text: paragraphs end at blank lines; a line starting with a list
    marker starts an item; a lone short line without end punctuation is a heading."""
    blocks: list[Block] = []
    current: list[tuple[int, int]] = []  # (start, end) of each line of the open block
    kind = "paragraph"

    def close() -> None:
        nonlocal current, kind
        if current:
            start, end = current[0][0], current[-1][1]
            if kind == "paragraph" and len(current) == 1 and _looks_like_heading(text[start:end]):
                kind = "heading"
            blocks.append(Block(start, end, kind))
        current, kind = [], "paragraph"

    position = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        start, end = position, position + len(body)
        position += len(line)
        stripped = body.strip()
        if not stripped:
            close()
            continue
        marker = _line_patterns()[0].match(body)
        if marker and len(body) > marker.end():
            close()
            kind = "item"
            start += marker.end()
        else:
            start += len(body) - len(body.lstrip())
        end -= len(body) - len(body.rstrip())
        current.append((start, end))
    close()
    return blocks


def _looks_like_heading(line: str) -> bool:
    return not _line_patterns()[1].search(line.strip()) and len(line.split()) <= 14


# -- Markdown ------------------------------------------------------------------------------


class _Markdown:
    """Markdown's syntax, as much of it as changes the text a page renders to."""

    __slots__ = ("emphasis", "fence", "heading", "html", "image", "link", "quote", "refdef", "rule")

    def __init__(
        self,
        heading: re.Pattern[str],
        fence: re.Pattern[str],
        quote: re.Pattern[str],
        rule: re.Pattern[str],
        image: re.Pattern[str],
        link: re.Pattern[str],
        refdef: re.Pattern[str],
        emphasis: re.Pattern[str],
        html: re.Pattern[str],
    ) -> None:
        self.heading = heading
        self.fence = fence
        self.quote = quote
        self.rule = rule
        self.image = image
        self.link = link
        self.refdef = refdef
        self.emphasis = emphasis
        self.html = html


@lru_cache(maxsize=1)
def _markdown() -> _Markdown:
    return _Markdown(
        heading=re.compile(r"[ \t]{0,3}#{1,6}[ \t]+"),
        fence=re.compile(r"[ \t]{0,3}(```|~~~)"),
        quote=re.compile(r"[ \t]{0,3}(>[ \t]?)+"),
        rule=re.compile(r"[ \t]{0,3}([-*_][ \t]*){3,}$"),
        image=re.compile(r"!\[([^\]]*)\]\([^)]*\)"),
        link=re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]"),
        refdef=re.compile(r"[ \t]{0,3}\[[^\]]+\]:\s"),
        emphasis=re.compile(r"(\*\*|__|\*|_|`|~~)(?=\S)(.+?)(?<=\S)\1"),
        html=re.compile(r"<!--.*?-->|</?[A-Za-z][^>]*>", re.DOTALL),
    )


def _markdown_page(source: str, name: str) -> Page:
    """Markdown as the text it renders to: headings, items and paragraphs as blocks."""
    out = _TextBuilder()
    paragraph: list[str] = []
    in_fence = False

    def flush() -> None:
        if paragraph:
            out.block(" ".join(paragraph), "paragraph")
            paragraph.clear()

    syntax = _markdown()
    for raw in syntax.html.sub(" ", source).splitlines():
        if syntax.fence.match(raw):
            flush()
            in_fence = not in_fence
            continue
        if in_fence or syntax.refdef.match(raw) or syntax.rule.match(raw):
            flush()
            continue
        line = syntax.quote.sub("", raw, count=1)
        if not line.strip():
            flush()
            continue
        heading = syntax.heading.match(line)
        marker = _line_patterns()[0].match(line)
        if heading:
            flush()
            out.block(_md_inline(line[heading.end() :].rstrip("# \t")), "heading")
        elif marker and not re.match(r"[ \t]*[a-z][.)]", line):
            flush()
            paragraph.append(_md_inline(line[marker.end() :]))
            out_kind = "item"
            out.block(" ".join(paragraph), out_kind)
            paragraph.clear()
        else:
            paragraph.append(_md_inline(line.strip()))
    flush()
    return Page(name, "markdown", out.text(), out.blocks)


def _md_inline(text: str) -> str:
    syntax = _markdown()
    text = syntax.image.sub(r"\1", text)
    text = syntax.link.sub(lambda m: m.group(1) or m.group(2), text)
    for _ in range(3):  # nested emphasis
        text = syntax.emphasis.sub(r"\2", text)
    return text.replace("\\", "").strip()


# -- HTML ----------------------------------------------------------------------------------


class _TextBuilder:
    """Collects blocks of text separated by blank lines, remembering where each lies."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[Block] = []

    def block(self, text: str, kind: str) -> None:
        text = " ".join(text.split())
        if not text:
            return
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        self.blocks.append(Block(self.length, self.length + len(text), kind))
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = _TextBuilder()
        self.pending: list[str] = []
        self.kinds: list[str] = []  # open block elements' kinds
        self.dropping: list[str] = []  # open dropped elements

    def _flush(self) -> None:
        if self.pending:
            kind = self.kinds[-1] if self.kinds else "paragraph"
            self.out.block("".join(self.pending), kind)
            self.pending = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping:
            if tag == self.dropping[-1] or (tag in _DROP and tag not in _VOID):
                self.dropping.append(tag)
            return
        values = dict(attrs)
        hidden = (
            "hidden" in values
            or values.get("aria-hidden") == "true"
            or (values.get("role") or "") in _DROP_ROLES
        )
        if (tag in _DROP or hidden) and tag not in _VOID:
            self._flush()
            self.dropping.append(tag)
            return
        if tag in _BLOCKS:
            self._flush()
            if tag not in _VOID:
                kind = "heading" if tag in _HEADINGS else "item" if tag in _ITEMS else None
                self.kinds.append(kind or (self.kinds[-1] if self.kinds else "paragraph"))
        elif tag == "img" and values.get("alt"):
            pass  # alt text describes a picture; it is not a claim the page makes

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag == self.dropping[-1]:
                self.dropping.pop()
            return
        if tag in _BLOCKS and tag not in _VOID:
            self._flush()
            if self.kinds:
                self.kinds.pop()

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.pending.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def _html_page(source: str, name: str) -> Page:
    parser = _HTMLText()
    parser.feed(source)
    parser.close()
    return Page(name, "html", parser.out.text(), parser.out.blocks)
