"""Citations a writer can drop into Zotero, Pandoc or LaTeX."""

from __future__ import annotations

from bibtexparser.entrypoint import parse_string

from .conftest import Invoke


def test_bibtex_parses_with_one_entry_per_source(invoke: Invoke) -> None:
    text = invoke("sources", "--format", "bibtex").stdout
    library = parse_string(text)
    assert library.failed_blocks == []
    sources = invoke("sources", "--json").json()
    assert [e.key for e in library.entries] == [s["id"] for s in sources]


def test_bibtex_article_fields(invoke: Invoke) -> None:
    text = invoke("sources", "final-2024", "--format", "bibtex").stdout
    (entry,) = parse_string(text).entries
    fields = {name: field.value for name, field in entry.fields_dict.items()}
    assert entry.entry_type == "article"
    assert fields["author"] == "Bruun, K. D. and Christensen, R. and Amris, K. and others"
    assert fields["doi"] == "10.1016/S2665-9913(23)00278-3"
    assert fields["pages"] == "e31--e39" and fields["year"] == "2024"
    assert "NCT04270877" in fields["note"]


def test_bibtex_escapes_tex_specials(invoke: Invoke) -> None:
    text = invoke("sources", "ologunowa", "--format", "bibtex").stdout
    assert r"Journal of Pain \& Palliative Care Pharmacotherapy" in text
    commercial = invoke("sources", "--kind", "commercial", "--format", "bibtex").stdout
    sellers = invoke("sources", "--kind", "commercial", "--json").json()
    assert len(sellers) >= 2 and commercial.count("@misc{") == len(sellers)
    assert r"\url{https://agelessrx.com}" in commercial


def test_csl_json_items(invoke: Invoke) -> None:
    items = {i["id"]: i for i in invoke("sources", "--format", "csl-json").json()}
    final = items["final-2024"]
    assert final["type"] == "article-journal"
    assert final["author"][0] == {"family": "Bruun", "given": "K. D."}
    assert len(final["author"]) == 3  # "et al." is not an author
    assert final["issued"] == {"date-parts": [[2024]]}
    assert final["container-title"] == "The Lancet Rheumatology"
    assert final["DOI"] == "10.1016/S2665-9913(23)00278-3" and final["PMID"] == "38258677"
    assert items["innova-registry"]["URL"] == "https://clinicaltrials.gov/study/NCT04739995"
    assert items["ldn-102-video"]["type"] == "webpage"


def test_markdown_bibliography_and_fact_footnotes(invoke: Invoke) -> None:
    bibliography = invoke("sources", "--format", "markdown").stdout
    assert bibliography.startswith("1. ")
    assert "<https://doi.org/10.1002/art.37734>" in bibliography
    facts = invoke("safety", "vivid", "--format", "markdown").stdout
    assert "- **SUPPORTED**: Vivid dreams" in facts
    assert "[^1]: " in facts and "<https://pubmed.ncbi.nlm.nih.gov/19453963/>" in facts
    assert facts.rstrip().endswith(
        "*Information, not medical advice. Talk to a clinician "
        "before starting or stopping any medicine.*"
    )
