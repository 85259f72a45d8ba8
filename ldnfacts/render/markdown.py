"""Markdown that pastes cleanly into a document: facts with numbered citations.

Text from the data is escaped, so a claim cannot open a link, an image, raw HTML or a
table of its own; control characters are shown as escapes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ldnfacts.environment import Environment
from ldnfacts.model import DISCLAIMER, STATUSES
from ldnfacts.records import JSONObject, all_links
from ldnfacts.render import Renderers, counted
from ldnfacts.render.plain import identifiers
from ldnfacts.render.studies import dose_text, effect_text, grouped
from ldnfacts.safe_text import printable, url_text
from ldnfacts.views import CheckedPages

_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~$!#])")


def escape(text: object) -> str:
    return _SPECIAL.sub(r"\\\1", printable(str(text)))


def reference(source: JSONObject) -> str:
    """A source as a bibliography line with its links."""
    parts = []
    authors = source.get("authors") or []
    if authors:
        names = escape(", ".join(authors))  # an incomplete list already ends in "et al."
        parts.append(names if names.endswith(".") else names + ".")
    parts.append(f"*{escape(source['title'])}*.")
    venue = ", ".join(
        escape(v)
        for v in (source.get("journal") or source.get("publisher"), source.get("year"))
        if v
    )
    if venue:
        parts.append(venue + ".")
    known = identifiers(source)
    if known:
        parts.append(escape(known) + ".")
    parts.extend(f"<{url_text(url)}>" for url in all_links(source))
    parts.append(f"({escape(source['kind'])})")
    return " ".join(parts)


class Footnotes:
    """Numbered footnotes for the sources facts cite: each source once, numbered in order of
    first citation; a locator stands apart from the sentence (`[^4] (in: Results)`)."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.references: list[str] = []

    def marks(self, fact: JSONObject) -> str:
        """`[^1] (in: Table 2); [^3]`: the footnote marks for a fact's sources."""
        marks = []
        for source in fact["sources"]:
            if source["id"] not in self.numbers:
                self.numbers[source["id"]] = len(self.numbers) + 1
                self.references.append(f"[^{self.numbers[source['id']]}]: {reference(source)}")
            locator = f" (in: {escape(source['locator'])})" if source["locator"] else ""
            marks.append(f"[^{self.numbers[source['id']]}]{locator}")
        return "; ".join(marks)


def facts(records: Sequence[JSONObject], linked: Sequence[JSONObject] = ()) -> str:
    """A bulleted list of facts, standing first, citations as numbered footnotes."""
    notes = Footnotes()
    lines = []
    for fact in [*records, *linked]:
        date = f" ({escape(fact['date'])})" if fact["date"] else ""
        lines.append(
            f"- **{fact['status'].upper()}**{date}: {escape(fact['claim'])} "
            f"{notes.marks(fact)} `{fact['id']}`"
        )
        if fact["note"]:
            lines.append(f"  - *Why:* {escape(fact['note'])}")
        if fact["related"]:
            lines.append(f"  - *Related:* {', '.join(f'`{r}`' for r in fact['related'])}")
    legend = "; ".join(f"**{s.upper()}**: {meaning}" for s, meaning in STATUSES.items())
    return "\n".join(
        [*lines, "", f"*Standings* - {legend}.", "", *notes.references, "", f"*{DISCLAIMER}*", ""]
    )


def sources(records: Sequence[JSONObject]) -> str:
    """A numbered bibliography."""
    lines = [
        f"{i}. {reference(s)} Cited by {counted(s['cited_by'], 'fact')}."
        for i, s in enumerate(records, start=1)
    ]
    return "\n".join([*lines, ""])


def topics(records: Sequence[JSONObject], conditions: Sequence[JSONObject] = ()) -> str:
    lines = ["| Topic | Facts | What it covers |", "| --- | ---: | --- |"]
    lines += [f"| {t['topic']} | {t['facts']} | {escape(t['description'])} |" for t in records]
    if conditions:
        lines += ["", "| Condition | Facts |", "| --- | ---: |"]
        lines += [f"| {escape(c['condition'])} | {c['facts']} |" for c in conditions]
    return "\n".join([*lines, ""])


def evidence(records: Sequence[JSONObject], title: str) -> str:
    """The studies as one Markdown table per group (trials, then reviews), each in year
    order, under a heading naming the condition, with citations below."""
    lines = [f"## {escape(title)}", ""]
    for heading, group in grouped(records):
        lines += [
            f"### {heading}",
            "",
            "| Year | Study | Design | n | Dose | Result | Verdict | Effect |",
            "| --- | --- | --- | ---: | --- | --- | --- | --- |",
        ]
        for fact in group:
            s = fact["study"]
            lines.append(
                " | ".join(
                    [
                        f"| {s['year']}",
                        f"{escape(s['name'])} `{fact['id']}`",
                        escape(s["design"]),
                        str(s.get("participants") or ""),
                        dose_text(s),
                        escape(s["result"]),
                        s["verdict"],
                        escape(effect_text(s.get("effect"))) + " |",
                    ]
                )
            )
        lines.append("")
    cited = {src["id"]: src for fact in records for src in fact["sources"]}
    refs = [f"- `{sid}`: {reference(src)}" for sid, src in cited.items()]
    return "\n".join([*lines, *refs, "", f"*{DISCLAIMER}*", ""])


def _claims(env: Environment, view: CheckedPages) -> None:
    from ldnfacts.render import check

    env.out("\n".join(check.markdown(report) for report in view.reports))


RENDERERS: Renderers = {
    "facts": lambda env, view: env.out(facts(view.facts)),
    "details": lambda env, view: env.out(facts(view.facts, view.all_linked())),
    "studies": lambda env, view: env.out(evidence(view.studies, view.title())),
    "sources": lambda env, view: env.out(sources(view.sources)),
    "topics": lambda env, view: env.out(topics(view.topics, view.conditions)),
    "claims": _claims,
}
