"""Sources as CSL-JSON and BibTeX, for Zotero, Pandoc and LaTeX.

CSL-JSON is JSON and keeps text exactly. BibTeX is a text format with its own syntax, so
values are escaped: braces and TeX specials cannot end a field or run a command.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import quote

from ldnfacts.records import JSONObject
from ldnfacts.safe_text import printable

#: Listed last in `authors:` when the list is incomplete.
ET_AL = "et al."

_ARTICLE_KINDS = {
    "trial",
    "review",
    "systematic-review",
    "meta-analysis",
    "observational",
    "case-report",
    "lab-study",
    "letter",
    "interview",
    "survey",
}
_CSL_TYPES = {
    "regulatory": "report",
    "government": "report",
    "guideline": "report",
    "registry": "webpage",
    "commercial": "webpage",
    "advocacy": "webpage",
}


def _split_name(name: str) -> dict[str, str]:
    """`Younger, J.` -> family and given; a name without a comma is kept whole."""
    family, _, given = name.partition(",")
    if not given:
        return {"literal": name.strip()}
    return {"family": family.strip(), "given": given.strip()}


def _is_article(source: JSONObject) -> bool:
    return bool(source.get("journal")) and source["kind"] in _ARTICLE_KINDS


def csl_item(source: JSONObject) -> JSONObject:
    item: JSONObject = {
        "id": source["id"],
        "type": "article-journal"
        if _is_article(source)
        else _CSL_TYPES.get(source["kind"], "document"),
        "title": source["title"],
    }
    authors = [a for a in source.get("authors") or [] if a != ET_AL]
    if authors:
        item["author"] = [_split_name(a) for a in authors]
    if source.get("year"):
        item["issued"] = {"date-parts": [[source["year"]]]}
    for key, csl_key in (
        ("journal", "container-title"),
        ("volume", "volume"),
        ("issue", "issue"),
        ("pages", "page"),
        ("publisher", "publisher"),
        ("doi", "DOI"),
        ("pmid", "PMID"),
        ("pmcid", "PMCID"),
        ("url", "URL"),
        ("note", "note"),
    ):
        if source.get(key):
            item[csl_key] = source[key]
    if source.get("nct"):
        item["number"] = source["nct"]
        item.setdefault("URL", source["links"]["registry"])
    return item


def csl_json(records: Sequence[JSONObject]) -> list[JSONObject]:
    return [csl_item(s) for s in records]


_TEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")
_TEX_REPLACE = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


def tex(text: object) -> str:
    """Text safe inside a BibTeX field: specials escaped, controls made visible."""
    return _TEX_SPECIAL.sub(
        lambda m: _TEX_REPLACE.get(m.group(1), "\\" + m.group(1)), printable(str(text))
    )


def _verbatim(text: str) -> str:
    """A URL or DOI, percent-encoding anything that could end the field."""
    return quote(printable(text), safe="/:?&=#;%()-._~+@,!$*'")


def bibtex_entry(source: JSONObject) -> str:
    fields: list[tuple[str, str]] = []
    authors = source.get("authors") or []
    if authors:
        names = ["others" if a == ET_AL else tex(a) for a in authors]
        fields.append(("author", " and ".join(names)))
    fields.append(("title", "{" + tex(source["title"]) + "}"))
    if _is_article(source):
        kind = "article"
        fields.append(("journal", tex(source["journal"])))
    else:
        kind = "misc"
        if source.get("publisher"):
            fields.append(("publisher", tex(source["publisher"])))
        if source.get("url"):
            fields.append(("howpublished", r"\url{" + _verbatim(source["url"]) + "}"))
    for key, bib_key in (("year", "year"), ("volume", "volume"), ("issue", "number")):
        if source.get(key):
            fields.append((bib_key, tex(source[key])))
    if source.get("pages"):
        fields.append(
            ("pages", tex(str(source["pages"]).replace("\u2013", "-").replace("-", "--")))
        )
    for key in ("doi", "url"):
        if source.get(key):
            fields.append((key, _verbatim(source[key])))
    for key in ("pmid", "pmcid"):
        if source.get(key):
            fields.append((key, tex(source[key])))
    notes = [source.get("note"), source.get("nct") and f"ClinicalTrials.gov {source['nct']}"]
    if any(notes):
        fields.append(("note", tex(" ".join(n for n in notes if n))))
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields)
    return f"@{kind}{{{source['id']},\n{body}\n}}\n"


def bibtex(records: Sequence[JSONObject]) -> str:
    return "\n".join(bibtex_entry(s) for s in records)
