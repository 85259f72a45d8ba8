"""Sources as CSL-JSON and BibTeX, for Zotero, Pandoc and LaTeX.

CSL-JSON is JSON and keeps text exactly; an author list the data marks as incomplete
(`et al.`) ends in `{"literal": "others"}` (Pandoc's reading of BibTeX's `and others`).
BibTeX is a text format with its own syntax, so values are escaped: braces and TeX
specials cannot end a field or run a command; incomplete author lists end in `and others`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ldnfacts.environment import Environment
from ldnfacts.model import ARTICLE_KINDS
from ldnfacts.records import JSONObject
from ldnfacts.render import Renderers
from ldnfacts.safe_text import printable, url_text

#: Listed last in `authors:` when the list is incomplete.
ET_AL = "et al."

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
    return bool(source.get("journal")) and source["kind"] in ARTICLE_KINDS


def csl_item(source: JSONObject) -> JSONObject:
    item: JSONObject = {
        "id": source["id"],
        "type": "article-journal"
        if _is_article(source)
        else _CSL_TYPES.get(source["kind"], "document"),
        "title": source["title"],
    }
    authors = source.get("authors") or []
    if authors:
        # An incomplete list ends in `{"literal": "others"}`, as Pandoc writes BibTeX's
        # `and others`; citeproc prints it as "et al.".
        item["author"] = [{"literal": "others"} if a == ET_AL else _split_name(a) for a in authors]
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
    return url_text(text)


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


def cited_sources(facts: Sequence[JSONObject]) -> list[JSONObject]:
    """The sources the given facts cite, each once, in order of first citation."""
    found: dict[str, JSONObject] = {}
    for fact in facts:
        for source in fact["sources"]:
            found.setdefault(source["id"], source)
    return list(found.values())


def _csl(env: Environment, sources: Sequence[JSONObject]) -> None:
    from ldnfacts.render.jsonout import dump_json

    env.out(dump_json(csl_json(sources)))


CSL_JSON: Renderers = {
    "facts": lambda env, view: _csl(env, cited_sources(view.facts)),
    "details": lambda env, view: _csl(env, cited_sources(view.facts)),
    "studies": lambda env, view: _csl(env, cited_sources(view.studies)),
    "sources": lambda env, view: _csl(env, view.sources),
}

BIBTEX: Renderers = {
    "facts": lambda env, view: env.out(bibtex(cited_sources(view.facts))),
    "details": lambda env, view: env.out(bibtex(cited_sources(view.facts))),
    "studies": lambda env, view: env.out(bibtex(cited_sources(view.studies))),
    "sources": lambda env, view: env.out(bibtex(view.sources)),
}
