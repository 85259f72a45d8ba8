"""Look-alike ids ("did you mean"), with bounded work per question.

`difflib.get_close_matches` compares a name with every known id: with 10,000 ids and
30,000 unknown names that is 300 million comparisons. Here each question looks at a
bounded set of candidates and only those are ranked by `difflib`:

- ids one edit away (a letter missing, extra, wrong or two letters swapped), found through
  an index of each id with one letter deleted (the "symmetric delete" method of SymSpell);
  the index is built once, on the first question, in time proportional to the ids' length;
- failing those, the ids next to the name in sorted order, which share its longest prefix
  (a name cut short, or a different ending).

At most `CANDIDATES` ids are ranked per question, whatever the number of ids.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Iterable

#: At most this many ids are ranked for one name.
CANDIDATES = 40
#: At most this many of the ids one edit away are ranked by difflib.
RANKED = 6
#: Ids taken on each side of the name in sorted order.
NEIGHBOURS = 3
#: Longer names are looked up by sorted order only (their deletions would cost too much).
MAX_DELETE_LENGTH = 64


def _deletions(word: str) -> Iterable[str]:
    return (word[:i] + word[i + 1 :] for i in range(len(word)))


def _shared_prefix(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length


class IdIndex:
    """Known ids, ready for bounded look-alike questions."""

    def __init__(self, ids: Iterable[str]) -> None:
        self._sorted = sorted(set(ids))
        self._deletes: dict[str, list[str]] | None = None
        #: Names asked about already: a typo is often repeated.
        self._asked: dict[str, list[str]] = {}

    def __len__(self) -> int:
        return len(self._sorted)

    def _delete_index(self) -> dict[str, list[str]]:
        if self._deletes is None:
            deletes: dict[str, list[str]] = {}
            for ident in self._sorted:
                if len(ident) > MAX_DELETE_LENGTH:
                    continue
                for key in {ident, *_deletions(ident)}:
                    bucket = deletes.setdefault(key, [])
                    if len(bucket) < CANDIDATES:
                        bucket.append(ident)
            self._deletes = deletes
        return self._deletes

    def _one_edit_away(self, name: str) -> list[str]:
        """Ids sharing a one-letter deletion with `name` (at most two edits from it),
        those exactly one letter longer or shorter first, then by shared prefix."""
        exact: dict[str, None] = {}
        found: dict[str, None] = {}
        if len(name) <= MAX_DELETE_LENGTH:
            deletes = self._delete_index()
            for ident in deletes.get(name, ()):
                exact[ident] = None  # `name` with a letter missing, or `name` itself
            for key in _deletions(name):
                for ident in deletes.get(key, ()):
                    (exact if ident == key else found)[ident] = None  # a letter too many
                if len(exact) + len(found) >= CANDIDATES:
                    break
        near = sorted(exact, key=lambda ident: -_shared_prefix(ident, name))
        near += sorted(
            (ident for ident in found if ident not in exact),
            key=lambda ident: (-_shared_prefix(ident, name), abs(len(ident) - len(name))),
        )
        return near[:CANDIDATES]

    def candidates(self, name: str) -> list[str]:
        """At most CANDIDATES ids that may look like `name`: those one edit away when
        there are any (difflib ranks the closest few), else the ids beside it in sorted
        order."""
        near = self._one_edit_away(name)
        if near:
            return near[:RANKED]
        where = bisect.bisect_left(self._sorted, name)
        return self._sorted[max(0, where - NEIGHBOURS) : where + NEIGHBOURS]

    def close(self, name: str, n: int = 1, cutoff: float = 0.6) -> list[str]:
        """Up to `n` ids most like `name`, best first. Ids a letter or two away need no
        ranking by difflib beyond their few candidates."""
        if name not in self._asked:
            self._asked[name] = best_matches(name, self.candidates(name), n, cutoff)
        return self._asked[name][:n]


#: The characters of a fact id (a lowercase slug).
SLUG_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-"


def one_edit(name: str, alphabet: str) -> list[str]:
    """Every string one edit from `name` (a letter deleted, swapped with the next, replaced
    or inserted), as Norvig's spelling corrector builds them: about 75 x len(name)."""
    if len(name) > MAX_DELETE_LENGTH:
        return []
    splits = [(name[:i], name[i:]) for i in range(len(name) + 1)]
    edits = [a + b[1:] for a, b in splits if b]
    edits += [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    edits += [a + c + b[1:] for a, b in splits if b for c in alphabet]
    edits += [a + c + b for a, b in splits for c in alphabet]
    return list(dict.fromkeys(edits))


def best_matches(
    name: str, candidates: Iterable[str], n: int = 1, cutoff: float = 0.6
) -> list[str]:
    """`difflib.get_close_matches` over a bounded list of candidates."""
    return difflib.get_close_matches(name, list(dict.fromkeys(candidates)), n=n, cutoff=cutoff)
