"""Read one fact file as plain data, safely, remembering where every value came from.

PyYAML's loaders build objects recursively (libyaml's composer crashes the interpreter on
a few hundred thousand nested brackets) and expand aliases without limit. Here values are
built from libyaml's event stream with an explicit stack, so that:

- only plain YAML types are produced (text, numbers, booleans, null, lists, mappings):
  any other tag, `!!python/...` included, is reported and nothing it names is touched;
- nesting is capped, and aliases may not expand the document past a budget, so an
  "alias bomb" is rejected after reading a few hundred bytes, with flat memory;
- duplicate keys and keys that YAML reads as non-text (`yes:`, `1:`) are reported;
- the line of every key and list item is kept, for messages that point at the field.

This module imports PyYAML and is loaded only when a fact file must be parsed: answers
from an up-to-date cache never import it.
"""

from __future__ import annotations

import hashlib
import math
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from ldnfacts.errors import DataError, Problem

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Bigger than any plausible fact base (100,000 facts take about 40 MB).
MAX_FILE_BYTES = 256 * 1024 * 1024
#: A fact file nests six levels deep; anything past this is a mistake or an attack.
MAX_DEPTH = 64
#: Aliases may add at most this many values beyond ten times the document's own size.
ALIAS_BUDGET = 100_000

_YAML_TAG = "tag:yaml.org,2002:"
_TAG_HINT = "fact files hold plain text, numbers, lists and mappings; remove the tag"
_SEQ_TAG = _YAML_TAG + "seq"
_MAP_TAG = _YAML_TAG + "map"


@dataclass
class FactFile:
    """A parsed fact file: its data, where each value sits, and what was wrong with it."""

    path: str
    data: Any
    digest: str
    stat: os.stat_result
    problems: list[Problem] = field(default_factory=list)
    #: id(container) -> (line of the container, {key: line} or [line of each item])
    positions: dict[int, tuple[int, Any]] = field(default_factory=dict, repr=False)

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """The line of the value at `path` (keys and indexes), or of its nearest parent."""
        node = self.data
        entry = self.positions.get(id(node))
        line = entry[0] if entry else None
        for step in path:
            entry = self.positions.get(id(node))
            if entry is None:
                break
            try:
                line = entry[1][step]
                node = node[step]
            except (KeyError, IndexError, TypeError):
                break
        return line


def read_fact_file(path: str) -> FactFile:
    """Parse `path`; raise DataError when it cannot be read as YAML at all.

    Problems that leave the rest of the file readable (a bad tag, a duplicate key) are
    collected in `FactFile.problems` so that `ldnfacts validate` can list them all.
    """
    st, raw = _read_bytes(path)
    text = _decode(path, raw)
    fact_file = FactFile(
        path=path, data=None, digest=hashlib.blake2b(raw, digest_size=16).hexdigest(), stat=st
    )
    _Builder(fact_file).build(text)
    return fact_file


def _fatal(
    path: str, message: str, hint: str = "", line: int | None = None, column: int | None = None
) -> DataError:
    return DataError([Problem(path, line, column, "", message, hint)])


def _read_bytes(path: str) -> tuple[os.stat_result, bytes]:
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise _fatal(
                path,
                "this is a directory, not a fact file",
                "give the path of a .yaml fact file, such as data/facts.yaml",
            )
        if not stat.S_ISREG(st.st_mode):
            raise _fatal(path, "this is not a regular file", "save the facts to a .yaml file")
        if st.st_size > MAX_FILE_BYTES:
            raise _fatal(
                path,
                f"the file is too large ({st.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,})",
                "split the facts over several files",
            )
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise _fatal(
            path, "no such file", "check the path given to --data or LDNFACTS_DATA"
        ) from None
    except PermissionError:
        raise _fatal(
            path,
            "the file cannot be read: permission denied",
            "make the file readable (chmod +r) or use another copy",
        ) from None
    except IsADirectoryError:
        raise _fatal(
            path, "this is a directory, not a fact file", "give the path of a .yaml fact file"
        ) from None
    except OSError as error:
        raise _fatal(path, f"the file cannot be read: {error.strerror or error}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise _fatal(path, "the file is too large", "split the facts over several files")
    return st, raw


def _decode(path: str, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise _fatal(
            path,
            f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x})",
            "save the file as UTF-8 text",
            line,
            column,
        ) from None


def _line_text(text: str, line: int) -> str:
    """Line `line` (0-based) of `text`, found without splitting the whole text."""
    start = 0
    for _ in range(line):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)]


def _syntax_error(path: str, text: str, error: Any) -> DataError:
    """libyaml's complaint, said as the author would fix it: a tab in the indentation and
    a quote never closed are named, and the latter located where the quote opened."""
    mark = error.problem_mark or error.context_mark
    if mark is not None:
        line = _line_text(text, mark.line)
        indentation = line[: len(line) - len(line.lstrip(" \t-"))]
        at_mark = line[mark.column : mark.column + 1]
        if "\t" in indentation or at_mark == "\t" or "tab character" in str(error.problem):
            column = line.index("\t") + 1 if "\t" in line else mark.column + 1
            return _fatal(
                path,
                "tabs are not allowed in YAML indentation; use spaces",
                "replace the tabs at the start of this line with spaces: YAML reads nesting "
                "from the number of spaces",
                mark.line + 1,
                column,
            )
    opened = error.context_mark
    if opened is not None and error.context == "while scanning a quoted scalar":
        quote = _line_text(text, opened.line)[opened.column : opened.column + 1] or "quote"
        return _fatal(
            path,
            f"the quote {quote} opened here is never closed",
            f"end the text with a matching {quote}, or remove the opening one",
            opened.line + 1,
            opened.column + 1,
        )
    context = f" ({error.context})" if error.context else ""
    return _fatal(
        path,
        f"YAML syntax error: {error.problem}{context}",
        "check the indentation and quoting on this line; text containing ': ' or "
        "starting with a special character needs quotes",
        mark.line + 1 if mark else None,
        mark.column + 1 if mark else None,
    )


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else tag


class _Frame:
    """A list or mapping being filled from events."""

    __slots__ = (
        "anchor",
        "container",
        "is_map",
        "key",
        "key_line",
        "line",
        "lines",
        "rejected",
        "size",
    )

    def __init__(self, is_map: bool, anchor: str | None, rejected: bool, line: int) -> None:
        self.is_map = is_map
        self.container: Any = {} if is_map else []
        self.anchor = anchor
        self.rejected = rejected
        self.line = line
        self.size = 1
        self.key: str | None = None
        self.key_line = line
        self.lines: Any = {} if is_map else []


class _Builder:
    def __init__(self, fact_file: FactFile) -> None:
        self.file = fact_file
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.stack: list[_Frame] = []
        self.events = 0
        self.expanded = 0
        self.root: Any = None

    def problem(self, line: int, column: int | None, message: str, hint: str = "") -> None:
        self.file.problems.append(Problem(self.file.path, line, column, "", message, hint))

    def build(self, text: str) -> None:
        loader = _Loader(text)
        try:
            self._consume(loader)
        except yaml.MarkedYAMLError as error:
            raise _syntax_error(self.file.path, text, error) from None
        except yaml.reader.ReaderError as error:
            line = text.count("\n", 0, error.position) + 1
            column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
            char = error.character
            code = char if isinstance(char, int) else ord(char[:1] or "?")
            raise _fatal(
                self.file.path,
                f"character U+{code:04X} is not allowed in YAML ({error.reason})",
                "remove the control character",
                line,
                column,
            ) from None
        finally:
            loader.dispose()
        self.file.data = self.root

    def _consume(self, loader: Any) -> None:
        loader.get_event()  # stream start
        event = loader.get_event()
        if isinstance(event, yaml.StreamEndEvent):
            raise _fatal(
                self.file.path,
                "the file is empty",
                "a fact file holds a `sources:` list and a `facts:` list; see "
                "data/facts.yaml for an example",
                1,
                1,
            )
        get_event = loader.get_event
        while True:  # the loop every value of a file goes through, kept quick
            event = get_event()
            kind = type(event)
            if kind is yaml.DocumentEndEvent:
                break
            self.events += 1
            if kind is yaml.ScalarEvent:
                self._scalar(event)
            elif kind is yaml.AliasEvent:
                self._alias(event, event.start_mark.line + 1)
            elif kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                self._open(event, event.start_mark.line + 1)
            else:  # sequence or mapping end
                self._close()
        second = loader.get_event()
        if isinstance(second, yaml.DocumentStartEvent):
            raise _fatal(
                self.file.path,
                "the file holds more than one YAML document",
                "remove the `---` separators: put all facts in one document",
                second.start_mark.line + 1 if second.start_mark else None,
            )

    def _scalar(self, event: Any) -> None:
        line = event.start_mark.line + 1
        tag = event.tag
        value: Any = event.value
        if tag is None or tag == "!":
            tag = _resolve(value, event.implicit)
        stack = self.stack
        frame = stack[-1] if stack else None
        if frame is not None and frame.is_map and frame.key is None:
            if tag != _STR_TAG:
                self._key(event, tag, line)
        elif tag != _STR_TAG:
            value = self._construct(tag, value, line, event.start_mark.column + 1)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        if frame is None:
            self.root = value
            return
        # `_attach`, written out for the most common event: a scalar
        frame.size += 1
        if not frame.is_map:
            frame.container.append(value)
            frame.lines.append(line)
        elif frame.key is None:
            frame.key = value
            frame.key_line = line
        else:
            self._set(frame, value)

    def _key(self, event: Any, tag: str, line: int) -> None:
        """Report a key that YAML reads as something other than text (`yes:`, `1:`); it
        is kept as the text written."""
        text: str = event.value
        kind = _tag_name(tag)[2:]
        self.problem(
            line,
            event.start_mark.column + 1,
            f"key `{text}` is read as {kind}, not as text",
            f'quote it: "{text}":',
        )

    def _construct(self, tag: str, text: str, line: int, column: int) -> Any:
        if tag == _YAML_TAG + "timestamp":
            return text  # dates stay as the ISO text the author wrote
        constructor = _SCALAR_CONSTRUCTORS.get(tag)
        if constructor is None:
            self.problem(
                line,
                column,
                f"tag {_tag_name(tag)} is not allowed",
                _TAG_HINT,
            )
            return None
        try:
            value = constructor(_SCALARS, yaml.ScalarNode(tag, text))
        except (ValueError, yaml.YAMLError):
            self.problem(
                line,
                column,
                f"`{text}` is not a valid {_tag_name(tag)} value",
                "remove the tag or fix the value",
            )
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.problem(
                line, column, f"`{text}` is not a finite number", "write an ordinary number"
            )
            return None
        return value

    def _alias(self, event: Any, line: int) -> None:
        name = event.anchor
        if any(frame.anchor == name for frame in self.stack):
            raise _fatal(
                self.file.path,
                f"alias *{name} refers to a list or mapping that contains it",
                "remove the recursive alias",
                line,
            )
        if name not in self.anchors:
            self.problem(
                line,
                event.start_mark.column + 1,
                f"alias *{name} has no anchor",
                f"define &{name} before using *{name}",
            )
            self._attach(None, 1, line)
            return
        value, size = self.anchors[name]
        self.expanded += size
        if self.expanded > ALIAS_BUDGET + 10 * self.events:
            raise _fatal(
                self.file.path,
                "aliases expand the document far beyond its size (an 'alias bomb')",
                "write the values out instead of nesting aliases",
                line,
            )
        if self._expecting_key():
            self.problem(line, None, "an alias cannot be a mapping key", "write the key out")
            value = f"*{name}"
        self._attach(value, size, line)

    def _open(self, event: Any, line: int) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise _fatal(
                self.file.path,
                f"the data nests deeper than {MAX_DEPTH} levels",
                "a fact file needs only a few levels; check the brackets",
                line,
            )
        is_map = isinstance(event, yaml.MappingStartEvent)
        rejected = False
        if event.tag not in (None, "!", _MAP_TAG if is_map else _SEQ_TAG):
            self.problem(
                line,
                event.start_mark.column + 1,
                f"tag {_tag_name(event.tag)} is not allowed",
                _TAG_HINT,
            )
            rejected = True
        if self._expecting_key():
            self.problem(
                line,
                event.start_mark.column + 1,
                "a list or mapping cannot be a mapping key",
                "use text as the key",
            )
        self.stack.append(_Frame(is_map, event.anchor, rejected, line))

    def _close(self) -> None:
        frame = self.stack.pop()
        line = frame.line
        value = None if frame.rejected else frame.container
        if value is not None:
            self.file.positions[id(value)] = (line, frame.lines)
        if frame.anchor:
            self.anchors[frame.anchor] = (value, frame.size)
        if self.stack and self._expecting_key():
            value = f"<complex key at line {line}>"
        self._attach(value, frame.size, line)

    def _expecting_key(self) -> bool:
        return bool(self.stack) and self.stack[-1].is_map and self.stack[-1].key is None

    def _attach(self, value: Any, size: int, line: int) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        frame.size += size
        if not frame.is_map:
            frame.container.append(value)
            frame.lines.append(line)
        elif frame.key is None:
            frame.key = value
            frame.key_line = line
        else:
            self._set(frame, value)

    def _set(self, frame: _Frame, value: Any) -> None:
        """Give the key read last its value."""
        key = frame.key
        container = frame.container
        if key in container:
            self.problem(
                frame.key_line,
                None,
                f"duplicate key `{key}` (first at line {frame.lines[key]})",
                "keep one of them",
            )
        else:
            container[key] = value
            frame.lines[key] = frame.key_line
        frame.key = None


#: A resolver and constructor for plain scalars only; nothing else is ever constructed.
_RESOLVER: Any = yaml.resolver.Resolver()
_STR_TAG = _YAML_TAG + "str"
#: The first characters of the plain scalars YAML may read as something other than text.
_RESOLVED_FIRST = frozenset(key for key in _RESOLVER.yaml_implicit_resolvers if key)


def _resolve(value: str, implicit: tuple[bool, bool]) -> str:
    """The tag of an untagged scalar, as `_RESOLVER.resolve` gives it; quicker for the
    common case, a quoted scalar or one whose first character no pattern starts with."""
    if implicit[0] and (not value or value[0] in _RESOLVED_FIRST):
        return str(_RESOLVER.resolve(yaml.ScalarNode, value, implicit))
    return _STR_TAG


_SCALARS: Any = yaml.constructor.SafeConstructor()
_SCALAR_CONSTRUCTORS: dict[str, Any] = {
    _YAML_TAG + "null": yaml.constructor.SafeConstructor.construct_yaml_null,
    _YAML_TAG + "bool": yaml.constructor.SafeConstructor.construct_yaml_bool,
    _YAML_TAG + "int": yaml.constructor.SafeConstructor.construct_yaml_int,
    _YAML_TAG + "float": yaml.constructor.SafeConstructor.construct_yaml_float,
}
