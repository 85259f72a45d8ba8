"""The checks across fact files: ids unique across all files, references that resolve,
no fact settled on commercial or advocacy sources alone, sources that some fact cites.

They read no file. Each file is described twice: by its `Summary` (every fact's ids and
references, column by column, to locate a problem) and by its `Outline` (the same
reduced to sets, to tell quickly that there is none). The cache keeps both with a file's
entry; a run reads every file's outline and a file's summary only when the quick look
finds something to locate. So an edit beside an unchanged file of 10,000 facts adds a
list of ids and a few small sets to the check, not 10,000 facts' columns.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Any

from ldnfacts.errors import Problem
from ldnfacts.model import INTERESTED_KINDS, SETTLED
from ldnfacts.suggest import IdIndex

if TYPE_CHECKING:
    from ldnfacts.yamlfile import FactFile


@dataclass
class Summary:
    """What the checks across files need from one file: its sources' ids, kinds and lines;
    its facts' ids, statuses and the ids each cites, by position, column by column (None,
    or an empty list, where an entry is not a mapping or has no such field). It is plain
    JSON, so the cache keeps it with the file's entry and an unchanged file is never parsed
    again to check the others.

    The facts' lines are looked up only for a problem: in the parsed file while it is at
    hand, else in the file read again (a valid base never pays for them)."""

    path: str
    #: [id, kind, line] of each source
    sources: list[list[Any]]
    #: Each fact's id, status, cited source ids (`ref`s) and related fact ids.
    ids: list[str | None]
    statuses: list[str | None]
    refs: list[list[str | None]]
    related: list[list[str | None]]
    #: The parsed file, for the lines of problems (None: read again when one is found).
    file: FactFile | None = field(default=None, repr=False, compare=False)

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """The line of the value at `path` (keys and indexes), as `FactFile.line_of`."""
        if self.file is None:
            from ldnfacts.errors import DataError
            from ldnfacts.yamlfile import read_fact_file

            try:
                self.file = read_fact_file(self.path)
            except DataError:
                return None
        return self.file.line_of(path)

    def outline(self) -> Outline:
        named = [
            (status, [r for r in refs if r is not None])
            for status, refs in zip(self.statuses, self.refs, strict=True)
        ]
        return Outline(
            self.path,
            self.sources,
            [ident for ident in self.ids if ident is not None],
            sorted(set(chain.from_iterable(named_refs for _, named_refs in named))),
            sorted({r for related in self.related for r in related if r is not None}),
            any(map(operator.contains, self.related, self.ids)),
            [
                list(refs)
                for refs in sorted(
                    {
                        tuple(sorted(set(refs)))
                        for status, refs in named
                        if status in SETTLED and refs
                    }
                )
            ],
        )

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _SUMMARY_COLUMNS}

    @classmethod
    def from_json(cls, value: Any, path: str) -> Summary:
        if not (
            isinstance(value, dict)
            and all(isinstance(value.get(name), list) for name in _SUMMARY_COLUMNS)
            and len({len(value[name]) for name in _SUMMARY_COLUMNS[1:]}) == 1
            and all(isinstance(s, list) and len(s) == 3 for s in value["sources"])
            and all(isinstance(ids, list) for ids in chain(value["refs"], value["related"]))
        ):
            raise ValueError("not a summary")
        return cls(path, *(value[name] for name in _SUMMARY_COLUMNS))


_SUMMARY_COLUMNS = ("sources", "ids", "statuses", "refs", "related")


@dataclass
class Outline:
    """A file's `Summary` reduced to what tells whether the base may have an error across
    files: lists and sets, a few dozen items beside the file's ids."""

    path: str
    #: [id, kind, line] of each source, as in the summary
    sources: list[list[Any]]
    #: The facts' ids, duplicates kept, facts without an id left out.
    ids: list[str]
    #: The source ids that some fact cites; the fact ids that some fact is related to.
    cited: list[str]
    related: list[str]
    #: Whether a fact is related to itself (or one without an id names no id).
    self_related: bool
    #: The distinct sets of sources that some established or supported fact cites.
    settled_refs: list[list[str]]

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _OUTLINE_FIELDS}

    @classmethod
    def from_json(cls, value: Any, path: str) -> Outline:
        if not (
            isinstance(value, dict)
            and all(isinstance(value.get(name), list) for name in _OUTLINE_FIELDS[:-2])
            and isinstance(value.get("self_related"), bool)
            and isinstance(value.get("settled_refs"), list)
            and all(isinstance(s, list) and len(s) == 3 for s in value["sources"])
            and all(isinstance(refs, list) for refs in value["settled_refs"])
        ):
            raise ValueError("not an outline")
        return cls(path, *(value[name] for name in _OUTLINE_FIELDS))


_OUTLINE_FIELDS = ("sources", "ids", "cited", "related", "self_related", "settled_refs")


def summarize(fact_file: FactFile) -> Summary:
    data = fact_file.data
    source_list = data.get("sources") if isinstance(data, dict) else None
    sources: list[list[Any]] = []
    if isinstance(source_list, list):
        lines: Any = fact_file.positions.get(id(source_list), (None, []))[1]
        sources = [
            [_text(s.get("id")), str(s.get("kind")), lines[i] if i < len(lines) else None]
            if isinstance(s, dict)
            else [None, None, None]
            for i, s in enumerate(source_list)
        ]
    fact_list = data.get("facts") if isinstance(data, dict) else None
    facts = (
        [f if isinstance(f, dict) else {} for f in fact_list] if isinstance(fact_list, list) else []
    )
    return Summary(
        fact_file.path,
        sources,
        [_text(f.get("id")) for f in facts],
        [_text(f.get("status")) for f in facts],
        [_cited(f.get("sources")) for f in facts],
        [
            [_text(o) for o in f["related"]] if isinstance(f.get("related"), list) else []
            for f in facts
        ],
        fact_file,
    )


def _cited(refs: Any) -> list[str | None]:
    if not isinstance(refs, list):
        return []
    return [
        r["ref"] if isinstance(r, dict) and isinstance(r.get("ref"), str) else None for r in refs
    ]


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _entry_field(key: str, index: int, ident: str | None, *rest: str | int) -> str:
    text = f"{key}[{index}]" + (f" ({ident})" if ident is not None else "")
    for step in rest:
        text += f"[{step}]" if isinstance(step, int) else f".{step}"
    return text


def cross_file_problems(
    outlines: Sequence[Outline], summaries: Callable[[], Sequence[Summary]]
) -> list[Problem]:
    """Ids unique across files, references that resolve, standing against source kinds,
    uncited sources, with bounded work per problem. The outlines tell whether there may
    be an error; only then are the summaries asked for, to find and locate each one."""
    source_kinds: dict[str, str] = {}
    for outline in outlines:
        for ident, kind, _line in outline.sources:
            if ident is not None:
                source_kinds.setdefault(ident, kind)
    cited = set(chain.from_iterable(o.cited for o in outlines))
    if _may_have_errors(outlines, source_kinds, cited):
        problems = _errors(summaries(), source_kinds)
    else:
        problems = []
    for outline in outlines:
        for index, (ident, _kind, line) in enumerate(outline.sources):
            if ident is not None and ident not in cited:
                problems.append(
                    Problem(
                        outline.path,
                        line,
                        None,
                        _entry_field("sources", index, ident),
                        f"source `{ident}` is not cited by any fact",
                        "cite it from a fact or remove it",
                        severity="warning",
                    )
                )
    return problems


def problems_across(summaries: Sequence[Summary]) -> list[Problem]:
    """`cross_file_problems` of files whose summaries are at hand."""
    return cross_file_problems([s.outline() for s in summaries], lambda: summaries)


def _may_have_errors(
    outlines: Sequence[Outline], source_kinds: Mapping[str, str], cited: set[str]
) -> bool:
    """False when the base has none of the errors `_errors` finds, as told by set
    operations over the outlines (quick, for a valid base of any size); True when it may
    have one, for `_errors` to find and locate."""
    source_ids = [s[0] for outline in outlines for s in outline.sources if s[0] is not None]
    fact_ids = list(chain.from_iterable(o.ids for o in outlines))
    defined = set(fact_ids)
    if len(set(source_ids)) != len(source_ids) or len(defined) != len(fact_ids):
        return True  # a duplicate id
    if not cited <= source_kinds.keys():
        return True  # a source that does not exist
    if not defined.issuperset(chain.from_iterable(o.related for o in outlines)):
        return True  # a fact that does not exist
    if any(o.self_related for o in outlines):
        return True  # a fact related to itself (or one without an id: looked at closely)
    interested = {sid for sid, kind in source_kinds.items() if kind in INTERESTED_KINDS}
    return bool(interested) and any(
        interested.issuperset(refs) for o in outlines for refs in o.settled_refs
    )


def _errors(summaries: Sequence[Summary], source_kinds: Mapping[str, str]) -> list[Problem]:
    """Every error across files, each located: duplicate ids, references that do not
    resolve, facts related to themselves, settled facts on interested sources alone."""
    problems: list[Problem] = []
    #: Where each id is first defined: the file's summary and the entry's index.
    source_where: dict[str, tuple[Summary, int]] = {}
    fact_where: dict[str, tuple[Summary, int]] = {}
    interested = set(INTERESTED_KINDS)

    def problem(
        summary: Summary, path: list[str | int], field: str, message: str, hint: str
    ) -> None:
        problems.append(Problem(summary.path, summary.line_of(path), None, field, message, hint))

    def duplicate(summary: Summary, key: str, index: int, ident: str | None) -> None:
        if ident is None:
            return
        where = source_where if key == "sources" else fact_where
        first = where.get(ident)
        if first is None:
            where[ident] = (summary, index)
            return
        first_line = first[0].line_of([key, first[1]])
        problem(
            summary,
            [key, index, "id"],
            _entry_field(key, index, ident, "id"),
            f"duplicate id `{ident}`",
            f"ids must be unique across all fact files; the first is at "
            f"{first[0].path}:{first_line}: give this one another id",
        )

    for summary in summaries:
        for index, source in enumerate(summary.sources):
            duplicate(summary, "sources", index, source[0])
    for summary in summaries:
        for index, ident in enumerate(summary.ids):
            duplicate(summary, "facts", index, ident)
    source_index = _LazyIndex(source_kinds)
    fact_index = _LazyIndex(fact_where)
    for summary in summaries:
        columns = zip(summary.ids, summary.statuses, summary.refs, summary.related, strict=True)
        for index, (ident, status, refs, related) in enumerate(columns):
            kinds = []
            for ref_index, name in enumerate(refs):
                if name is None:
                    continue
                kind = source_kinds.get(name)
                if kind is not None:
                    kinds.append(kind)
                    continue
                problem(
                    summary,
                    ["facts", index, "sources", ref_index, "ref"],
                    _entry_field("facts", index, ident, "sources", ref_index, "ref"),
                    f"no source has the id `{name}`",
                    source_index.did_you_mean(name)
                    + "Add the source to `sources:` or fix the spelling",
                )
            if status in SETTLED and kinds and interested.issuperset(kinds):
                problem(
                    summary,
                    ["facts", index, "status"],
                    _entry_field("facts", index, ident, "status"),
                    f"a fact cannot be `{status}` on commercial or advocacy sources alone",
                    "cite a regulator's label or the trials, or set `status: claimed`",
                )
            for rel_index, other in enumerate(related):
                if other is None or (other != ident and other in fact_where):
                    continue
                if other == ident:
                    message, hint = "a fact cannot be related to itself", "remove this entry"
                else:
                    message = f"no fact has the id `{other}`"
                    hint = fact_index.did_you_mean(other) + "Fix the id or remove it"
                problem(
                    summary,
                    ["facts", index, "related", rel_index],
                    _entry_field("facts", index, ident, "related", rel_index),
                    message,
                    hint,
                )
    return problems


class _LazyIndex:
    """An IdIndex built on the first unknown id only: a valid base never pays for it."""

    def __init__(self, ids: Iterable[str]) -> None:
        self._ids = ids
        self._index: IdIndex | None = None

    def did_you_mean(self, name: str) -> str:
        if self._index is None:
            self._index = IdIndex(self._ids)
        close = self._index.close(name)
        return f"Did you mean `{close[0]}`? " if close else ""
