"""How a checked page is printed, except on a terminal (`render/check_terminal.py`).

- plain: one line per claim sentence, tab-separated: start, end, standing of the best fact
  (`not-covered` when none), the matched fact ids best first, the ids of its safety
  warnings, the sentence;
- JSON / JSON Lines: `claims.claim_objects`, described in `schema/output.schema.json`
  (`$defs/check`);
- markdown: a report to paste into an article, each claim with the facts that bear on it
  and numbered citations;
- claimreview: schema.org ClaimReview JSON-LD, one per claim a fact matches.

No Rich here, so pipes and JSON start fast.
"""

from __future__ import annotations

from typing import Any

from ldnfacts.claims import CheckReport
from ldnfacts.environment import Environment
from ldnfacts.model import DISCLAIMER, STATUSES
from ldnfacts.records import JSONObject, all_links
from ldnfacts.render import Renderers
from ldnfacts.render.plain import _row
from ldnfacts.views import CheckedPages

NOT_COVERED = "not-covered"

#: ClaimReview's `ratingValue`: 5 for the standing closest to settled, 1 for the farthest.
RATING_VALUES = {status: 5 - i for i, status in enumerate(STATUSES)}


def summary(report: CheckReport) -> str:
    """`7 claims in page.html: 2 established, 1 disputed; 3 not covered by the fact base.`"""
    counts = report.standings()
    parts = [f"{n} {status}" for status, n in counts.items() if n]
    uncovered = len(report.claims) - len(report.covered)
    warned = sum(1 for claim in report.claims if claim.warnings)
    text = f"{len(report.claims)} claim{'s' if len(report.claims) != 1 else ''} in {report.source}"
    if parts:
        text += ": " + ", ".join(parts)
    if uncovered:
        text += f"{';' if parts else ':'} {uncovered} not covered by the fact base"
    if warned:
        text += f"; {warned} with a safety warning"
    return text + "."


def plain(report: CheckReport) -> str:
    return "".join(
        _row(
            (
                claim.start,
                claim.end,
                claim.facts[0]["status"] if claim.facts else NOT_COVERED,
                ",".join(f["id"] for f in claim.facts),
                ",".join(f["id"] for f in claim.warnings),
                claim.text,
            )
        )
        for claim in report.claims
    )


def markdown(report: CheckReport) -> str:
    """Each claim quoted, then the facts that bear on it with numbered footnotes."""
    from ldnfacts.render.markdown import Footnotes, escape

    notes = Footnotes()
    lines = [f"## Claims in {escape(report.source)}", ""]
    for number, claim in enumerate(report.claims, start=1):
        lines.append(f"{number}. > {escape(claim.text)}")
        for fact in claim.warnings:
            lines.append(
                f"   - **Safety** ({fact['status']}): {escape(fact['claim'])} `{fact['id']}`"
            )
        if not claim.facts:
            lines.append("   - *The fact base has nothing on this claim.*")
        for fact in claim.facts:
            lines.append(
                f"   - **{fact['status'].upper()}**: {escape(fact['claim'])} "
                f"{notes.marks(fact)} `{fact['id']}`"
            )
            if fact["note"]:
                lines.append(f"     *Why:* {escape(fact['note'])}")
        lines.append("")
    legend = "; ".join(f"**{s.upper()}**: {meaning}" for s, meaning in STATUSES.items())
    return "\n".join(
        [
            *lines,
            f"*{escape(summary(report))}*",
            "",
            f"*Standings* - {legend}.",
            "",
            *notes.references,
            "",
            f"*{DISCLAIMER}*",
            "",
        ]
    )


def claim_reviews(report: CheckReport) -> list[dict[str, Any]]:
    """schema.org ClaimReview objects for the claims a fact matches, in document order.

    The best-matching fact rates the claim: its standing is the rating's `alternateName`,
    its note (or, without one, its claim) the `ratingExplanation`, and its sources the
    review's `citation`. With `--url`, `itemReviewed.appearance` says where the claim was
    made.
    """
    reviews = []
    for claim in report.matched:
        fact = claim.facts[0]
        item: dict[str, Any] = {"@type": "Claim"}
        if report.url:
            item["appearance"] = {"@type": "CreativeWork", "url": report.url}
        reviews.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "claimReviewed": claim.text,
                "reviewBody": fact["claim"],
                "reviewRating": {
                    "@type": "Rating",
                    "alternateName": fact["status"],
                    "ratingExplanation": fact["note"] or fact["claim"],
                    "ratingValue": RATING_VALUES[fact["status"]],
                    "bestRating": 5,
                    "worstRating": 1,
                },
                "itemReviewed": item,
                "author": {"@type": "Organization", "name": "ldnfacts"},
                "citation": [_work(source) for source in fact["sources"]],
            }
        )
    return reviews


def _work(source: JSONObject) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "name": source["title"]}
    links = all_links(source)
    if links:
        work["url"] = links[0]
    if source.get("year"):
        work["datePublished"] = str(source["year"])
    return work


def _claim_reviews(env: Environment, view: CheckedPages) -> None:
    from ldnfacts.render.jsonout import dump_json

    env.out(dump_json([review for report in view.reports for review in claim_reviews(report)]))


CLAIMREVIEW: Renderers = {"claims": _claim_reviews}
