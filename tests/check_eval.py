"""How well `check` does on the seeds and the golden texts; shared by the tests and
`bench/check.py`.

Seed recall. Each fact citing a seed (`ldn-fibro-blog`, `ldn-102-video`) names where in it
the claim is with a `locator`: a heading ("Is it safe to use?"), the opening words of a
paragraph ("So to summarize") or "Closing paragraph". The locator's *section* runs from the
block it names up to the next block that is a heading or starts another locator of the same
seed; "Closing paragraph" is every block after the last block another locator names. The
fact's *sentence* is the claim sentence of that section that shares the most
content-word weight with the fact's claim (the same weights the matcher uses). A seed fact
counts as found when it is among the top 3 facts `check` reports for that sentence.

Golden precision. Each golden text has a hand-written judgement
(`tests/check_cases/NAME.judged.json`): for sentences, by a fragment of their text, the fact
ids that would be a right match (`[]`: nothing in the base should match). Every fact `check`
reports for a judged sentence is right or wrong; precision is right / reported.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ldnfacts.claims import CheckReport, Claim, _Matcher, check_page
from ldnfacts.pagetext import Block, read_page
from ldnfacts.store import FactStore
from ldnfacts.words import fold

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
CASES = Path(__file__).resolve().parent / "check_cases"
#: Which seed file each seed source is.
SEED_SOURCES = {
    "ldn-fibro-blog": "000_268298117484a508.txt",
    "ldn-102-video": "002_84e8be3c2d3481eb.txt",
}
TOP = 3


def seeds_dir() -> Path | None:
    """The shared seeds beside the checkout (../shared/seeds), if present."""
    for candidate in (SEEDS, Path("/work/shared/seeds")):
        if candidate.is_dir():
            return candidate
    return None


@dataclass
class SeedResult:
    fact: str
    source: str
    locator: str
    sentence: str | None
    found: bool
    top: list[str] = field(default_factory=list)
    #: Among all the facts reported for the sentence (up to 5 for one of several clauses).
    reported: bool = False


def _norm(text: str) -> str:
    text = fold(text).replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"^\s*\d+[.)]\s*", "", text)
    return " ".join(text.split())


def _section(text: str, blocks: list[Block], locator: str, others: list[str]) -> tuple[int, int]:
    norm = [_norm(text[b.start : b.end]) for b in blocks]
    if locator == "Closing paragraph":
        # the blocks after the last one any other locator names
        named = [i for i, n in enumerate(norm) if any(n.startswith(_norm(o)) for o in others)]
        first = max((i for i in named), default=len(blocks) - 2) + 1
        first = min(first, len(blocks) - 1)
        return blocks[first].start, blocks[-1].end
    wanted = _norm(locator)
    starts = [i for i, n in enumerate(norm) if n.startswith(wanted)]
    if not starts:
        raise LookupError(f"locator {locator!r} not found")
    first = starts[0]
    stoppers = [_norm(o) for o in others if o != locator]
    last = first
    for i in range(first + 1, len(blocks)):
        if blocks[i].kind == "heading" or any(norm[i].startswith(s) for s in stoppers):
            break
        last = i
    return blocks[first].start, blocks[last].end


def seed_results(store: FactStore, seeds: Path) -> list[SeedResult]:
    from ldnfacts.query import Query, find

    every = find(store, Query()).facts
    matcher = _Matcher(store)
    results = []
    for source, filename in SEED_SOURCES.items():
        page = read_page(str(seeds / filename))
        report = check_page(store, page)
        cited = [
            (fact, ref["locator"])
            for fact in every
            for ref in fact["sources"]
            if ref["id"] == source and ref["locator"]
        ]
        locators = list(dict.fromkeys(loc for _, loc in cited))
        for fact, locator in cited:
            start, end = _section(page.text, page.blocks, locator, locators)
            inside = [c for c in report.claims if c.start >= start and c.end <= end]
            claim = _best_sentence(matcher, fact, inside)
            top = [f["id"] for f in claim.facts[:TOP]] if claim else []
            results.append(
                SeedResult(
                    fact["id"],
                    source,
                    locator,
                    claim.text if claim else None,
                    fact["id"] in top,
                    top,
                    claim is not None and fact["id"] in [f["id"] for f in claim.facts],
                )
            )
    return results


def _best_sentence(matcher: _Matcher, fact: dict[str, Any], claims: list[Claim]) -> Claim | None:
    """The claim sentence sharing the most word-group weight with the fact's claim, tags
    and headline, shared as the matcher decides it (a phrase only where the fact says it
    as one)."""
    best, best_weight = None, 0.0
    for claim in claims:
        weight = sum(
            matcher.weight(g.alternatives)
            for g in matcher.groups(claim.text)
            if matcher.shares(fact, g)
        )
        if weight > best_weight:
            best, best_weight = claim, weight
    return best


def recall(results: list[SeedResult]) -> float:
    return sum(r.found for r in results) / len(results) if results else 0.0


# -- golden texts ------------------------------------------------------------------------


#: The golden texts we wrote and judged ourselves (the 10 KB page the benchmark times is
#: built from these alone, so that its figures stay comparable).
OWN_CASES = (
    "forum-post.txt",
    "news-brief.html",
    "news-item.txt",
    "patient-blog.md",
    "seller-faq.md",
    "seller-page.html",
)
#: Golden texts written by a reviewer who never saw the checker or its output, and judged
#: by another who read the whole fact base but never ran `check`: the fairest measure of
#: how the checker does on pages it was not tuned on.
INDEPENDENT_CASES = ("patient-diary.md", "pharmacy-faq.md", "trial-news.md")


def case_inputs() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if p.suffix in (".txt", ".html", ".md"))


def own_cases() -> list[Path]:
    return [CASES / name for name in OWN_CASES]


def independent_cases() -> list[Path]:
    return [CASES / name for name in INDEPENDENT_CASES]


def case_report(store: FactStore, path: Path) -> CheckReport:
    return check_page(store, read_page(str(path)))


@dataclass
class Judged:
    right: int = 0
    wrong: list[tuple[str, str]] = field(default_factory=list)
    #: Judged sentences with right matches that check did not report as a claim at all.
    missed: list[str] = field(default_factory=list)

    @property
    def reported(self) -> int:
        return self.right + len(self.wrong)


def judge(report: CheckReport, judgement: dict[str, list[str]]) -> Judged:
    """Score the facts reported for each judged sentence against the judgement."""
    out = Judged()
    for fragment, right in judgement.items():
        claims = [c for c in report.claims if fragment in c.text]
        if not claims:
            if right:
                out.missed.append(fragment)
            continue
        for claim in claims:
            for fact in claim.facts:
                if fact["id"] in right:
                    out.right += 1
                else:
                    out.wrong.append((fragment, fact["id"]))
    return out


def judge_cases(store: FactStore, cases: list[Path]) -> tuple[int, int, list[tuple[Path, Judged]]]:
    """Right and wrong matches over `cases`, with each case's judgement."""
    judged = [(case, judge(case_report(store, case), judgement_for(case))) for case in cases]
    return (
        sum(j.right for _, j in judged),
        sum(len(j.wrong) for _, j in judged),
        judged,
    )


def judgement_for(path: Path) -> dict[str, list[str]]:
    judged = path.with_name(path.stem + ".judged.json")
    data: dict[str, list[str]] = json.loads(judged.read_text(encoding="utf-8"))
    return data


def ten_kb_page(folder: Path) -> Path:
    """An HTML page of about 10 KB: the golden texts as paragraphs, repeated."""
    paragraphs = []
    for case in own_cases():
        page = read_page(str(case))
        paragraphs += [page.text[b.start : b.end] for b in page.blocks]
    body = []
    size = 0
    while size < 10_000:
        for text in paragraphs:
            chunk = f"<p>{text}</p>\n"
            body.append(chunk)
            size += len(chunk)
    path = folder / "page-10k.html"
    path.write_text(
        "<html><head><script>var x = 1;</script></head><body><nav>Home Shop</nav>"
        + "".join(body)
        + "</body></html>\n",
        encoding="utf-8",
    )
    return path
