"""What the renderers print: whole figures at every width, pipes that close early, Markdown
that cannot be hijacked, studies grouped by kind, counts in good English."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ldnfacts import safe_text
from ldnfacts.model import TOPICS
from ldnfacts.render.jsonout import dump_json
from ldnfacts.render.layout import pack, share
from ldnfacts.render.markdown import escape
from ldnfacts.render.studies import dose_text, effect_units, group_of
from ldnfacts.render.terminal import primary_link
from ldnfacts.safe_text import json_safe

from .conftest import Invoke, run_process

# -- a reader that stops early (`| head -1`) ----------------------------------------------------


def _big_base(path: Path, count: int = 400) -> Path:
    """A fact file whose every format is far larger than a pipe's buffer (64 KiB)."""
    sources = "".join(
        f"  - {{id: s-{i}, title: Source number {i} about naltrexone, kind: trial, "
        f'authors: ["Doe, J.", "et al."], year: 2020, doi: "10.1000/x{i}", '
        f"url: https://example.org/{i}}}\n"
        for i in range(count)
    )
    facts = "".join(
        f"  - {{id: f-{i}, topic: dose, claim: Naltrexone fact {i} {'x ' * 100}., "
        f"status: claimed, sources: [{{ref: s-{i}, locator: Table {i}}}]}}\n"
        for i in range(count)
    )
    path.write_text(f"sources:\n{sources}facts:\n{facts}", encoding="utf-8")
    return path


PIPED = [["dose", "--format", fmt] for fmt in ("table", "plain", "json", "jsonl", "markdown")] + [
    ["sources", "--format", fmt] for fmt in ("table", "markdown", "csl-json", "bibtex")
]


@pytest.mark.parametrize("args", PIPED, ids=" ".join)
def test_every_format_piped_to_head_exits_0(tmp_path: Path, args: list[str]) -> None:
    path = _big_base(tmp_path / "big.yaml")
    assert run_process(["dose", "--data", str(path), "--json"]).code == 0  # index it first
    command = " ".join([sys.executable, "-m", "ldnfacts", *args, "--data", str(path)])
    result = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command} | head -1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("\n") and result.stderr == ""


# -- whole figures, ids and links at every width -----------------------------------------------

WIDTHS = [60, 80, 120, 200]
#: What a terminal shows of the output: colour codes and OSC 8 link wrappers removed.
_ESCAPES = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\")


def screen(stdout: str) -> list[str]:
    return _ESCAPES.sub("", stdout).splitlines()


def tokens(lines: list[str]) -> set[str]:
    """Every whitespace-separated token of every line, as printed."""
    return {token for line in lines for token in line.split()}


def assert_within_one_line(lines: list[str], piece: str) -> None:
    """`piece` (which may contain spaces) is printed whole, on one line."""
    squeezed = [" ".join(line.split()) for line in lines]
    assert any(piece in line for line in squeezed), f"{piece!r} is cut or missing"


@pytest.fixture(scope="module")
def studies() -> list[dict[str, Any]]:
    result = run_process(["evidence", "--json"])
    found: list[dict[str, Any]] = json.loads(result.stdout)
    assert len(found) >= 10
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_evidence_prints_every_figure_id_and_link_whole(
    invoke: Invoke, studies: list[dict[str, Any]], width: int
) -> None:
    out = invoke("evidence", tty=True, env={"COLUMNS": str(width)})
    assert out.code == 0
    lines = screen(out.stdout)
    printed = tokens(lines)
    assert "…" not in out.stdout
    for fact in studies:
        study = fact["study"]
        words = " ".join(
            [study["name"], study["design"], study["result"], str(study["year"]), study["verdict"]]
        ).split()
        assert not set(words) - printed, f"words cut at {width} columns"
        if study["participants"]:
            assert str(study["participants"]) in printed
        if dose_text(study):
            assert_within_one_line(lines, dose_text(study))
        for unit in effect_units(study["effect"]):
            assert_within_one_line(lines, unit)  # "(95% CI -0.95 to 0.27)" whole
        assert fact["id"] in printed
        for source in fact["sources"]:
            assert primary_link(source) in printed
    too_wide = [line for line in lines if len(line) > width]
    assert all(len(line.split()) == 1 for line in too_wide)  # only a link wider than all


def test_evidence_drops_the_plot_before_cropping(invoke: Invoke) -> None:
    wide = screen(invoke("evidence", tty=True, env={"COLUMNS": "200"}).stdout)
    narrow = screen(invoke("evidence", tty=True, env={"COLUMNS": "60"}).stdout)
    header = next(line for line in wide if line.startswith("Year"))
    assert "Result" in header and "Effect" in header  # figures side by side when they fit
    assert "Result" not in next(line for line in narrow if line.startswith("Year"))
    assert any(line.split()[:1] == ["Effect"] for line in narrow)  # stacked under the row


# -- studies grouped by kind --------------------------------------------------------------------


def _in_groups(studies: list[dict[str, Any]]) -> list[list[str]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for fact in studies:
        groups.setdefault(group_of(fact), []).append(fact)
    return [
        [f["id"] for f in sorted(groups[key], key=lambda f: f["study"]["year"])]
        for key in ("trial", "lab-study", "review")
        if key in groups
    ]


@pytest.mark.parametrize("width", [60, 200])
def test_evidence_table_groups_trials_and_reviews_under_headings(
    invoke: Invoke, studies: list[dict[str, Any]], width: int
) -> None:
    lines = screen(invoke("evidence", tty=True, env={"COLUMNS": str(width)}).stdout)
    headings = [i for i, line in enumerate(lines) if line.split()[:1] in (["Trials"], ["Reviews"])]
    assert len(headings) == 2
    position = {token: i for i, line in enumerate(lines) for token in line.split()}
    for group, start, end in zip(
        _in_groups(studies), headings, [*headings[1:], len(lines)], strict=True
    ):
        rows = [position[fact_id] for fact_id in group]
        assert rows == sorted(rows) and start < rows[0] and rows[-1] < end


def test_evidence_plain_groups_by_a_column_in_group_order(
    invoke: Invoke, studies: list[dict[str, Any]]
) -> None:
    rows = [line.split("\t") for line in invoke("evidence").stdout.splitlines()]
    assert [row[0] for row in rows] == [i for group in _in_groups(studies) for i in group]
    by_id = {f["id"]: f for f in studies}
    assert all(row[10] == group_of(by_id[row[0]]) for row in rows)


def test_evidence_markdown_has_a_heading_per_group(
    invoke: Invoke, studies: list[dict[str, Any]]
) -> None:
    text = invoke("evidence", "--format", "markdown").stdout
    trials, reviews = text.index("### Trials"), text.index("### Reviews and meta-analyses")
    for group, (start, end) in zip(
        _in_groups(studies), [(trials, reviews), (reviews, None)], strict=True
    ):
        section = text[start:end]
        positions = [section.index(f"`{fact_id}`") for fact_id in group]
        assert positions == sorted(positions)


@pytest.fixture(scope="module")
def every_fact() -> list[dict[str, Any]]:
    found = []
    for topic in TOPICS:
        found += json.loads(run_process([topic, "--json"]).stdout)
    return found


def _links(fact: dict[str, Any]) -> list[str]:
    return [
        url
        for source in fact["sources"]
        for url in [*source["links"].values(), source.get("url")]
        if url
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_topic_tables_and_show_print_ids_and_links_whole(
    invoke: Invoke, every_fact: list[dict[str, Any]], width: int
) -> None:
    env = {"COLUMNS": str(width)}
    for topic in TOPICS:
        out = invoke(topic, tty=True, env=env).stdout
        assert "…" not in out
        printed = tokens(screen(out))
        for fact in (f for f in every_fact if f["topic"] == topic):
            assert fact["id"] in printed, f"{fact['id']} cut at {width} columns"
            assert not set(fact["claim"].split()) - printed  # every number of the claim
            assert not set(_links(fact)) - printed, f"a link of {fact['id']} cut at {width}"
    shown = invoke("show", *(f["id"] for f in every_fact), tty=True, env=env).stdout
    printed = tokens(screen(shown))
    assert "…" not in shown
    for fact in every_fact:
        assert fact["id"] in printed and not set(_links(fact)) - printed
        for unit in effect_units((fact["study"] or {}).get("effect")):
            assert_within_one_line(screen(shown), unit)


@pytest.mark.parametrize("width", [60, 80])
def test_source_lines_keep_a_hanging_indent(invoke: Invoke, width: int) -> None:
    lines = screen(invoke("dose", tty=True, env={"COLUMNS": str(width)}).stdout)
    wrapped = 0
    for line, after in itertools.pairwise(lines):
        if "↳" not in line or not after.strip() or after.strip()[0] in "↳h":
            continue
        if after.strip().split()[0].startswith("dose-"):  # the fact's id line
            continue
        wrapped += 1
        assert len(after) - len(after.lstrip()) > line.index("↳"), (line, after)
    assert wrapped >= 2


# -- links a terminal can open, never in a pipe ---------------------------------------------------

_OSC8 = re.compile(r"\x1b\]8;[^;\x1b]*;([^\x1b]*)\x1b\\")


def test_links_are_clickable_on_a_terminal_and_never_in_a_pipe(
    invoke: Invoke, studies: list[dict[str, Any]]
) -> None:
    shown = {primary_link(s) for fact in studies for s in fact["sources"]}
    expected = {link for link in shown if link.startswith("https://")}  # not bare source ids
    terminal = invoke("evidence", tty=True, env={"COLUMNS": "120"}).stdout
    assert set(_OSC8.findall(terminal)) - {""} == expected
    for args in (["evidence", "-f", "table", "--color", "always"], ["show", "trial-final-2024"]):
        assert "\x1b]8" not in invoke(*args, "--format", "table").stdout
    for plain_terminal in ({"NO_COLOR": "1"}, {"TERM": "linux"}):
        assert "\x1b]8" not in invoke("evidence", tty=True, env=plain_terminal).stdout


HOSTILE_LINKS = """\
sources:
  - id: planted
    title: A source whose URL carries a Markdown link and an escape sequence
    kind: commercial
    note: Sells a product (a note is required on commercial sources).
    url: "https://shop.example/a>[trusted](https://evil.example)<b\\e]8;;https://evil.example\\e\\\\"
  - id: sici
    title: A real-looking DOI with angle brackets
    kind: review
    doi: "10.1000/(SICI)1097-4636(199706)35:4<447::AID-JBM4>3.0.CO;2-A"
facts:
  - id: planted-claim
    topic: safety
    claim: A claim citing both.
    status: claimed
    sources: [{ref: planted}, {ref: sici}]
"""


@pytest.fixture
def hostile_links(tmp_path: Path) -> str:
    path = tmp_path / "links.yaml"
    path.write_text(HOSTILE_LINKS, encoding="utf-8")
    return str(path)


def _markdown_links(text: str) -> list[str]:
    from markdown_it import MarkdownIt

    hrefs = []
    for block in MarkdownIt("commonmark").parse(text):
        for token in block.children or []:
            if token.type == "link_open":
                hrefs.append(str(token.attrs["href"]))
    return hrefs


@pytest.mark.parametrize("args", [["safety"], ["sources"], ["show", "planted-claim"]])
def test_markdown_urls_cannot_plant_a_link(
    invoke: Invoke, hostile_links: str, args: list[str]
) -> None:
    text = invoke(*args, "--data", hostile_links, "--format", "markdown").stdout
    hrefs = _markdown_links(text)
    assert hrefs and not [h for h in hrefs if "evil.example" in h.split("%3E")[0]]
    assert "](https://evil.example)" not in text.replace("%5D(", "")
    assert "\x1b" not in text
    doi = "https://doi.org/10.1000/(SICI)1097-4636(199706)35:4%3C447::AID-JBM4%3E3.0.CO;2-A"
    assert doi in hrefs  # the real DOI stays one working link


def test_hostile_urls_are_never_made_clickable(invoke: Invoke, hostile_links: str) -> None:
    out = invoke("show", "planted-claim", "--data", hostile_links, tty=True).stdout
    targets = set(_OSC8.findall(out)) - {""}
    assert targets and not [t for t in targets if "evil" in t or "shop.example" in t]
    visible = _OSC8.sub("", re.sub(r"\x1b\[[0-9;]*m", "", out))
    assert "\x1b" not in visible  # the planted escape is shown as text, not obeyed


# -- Markdown citations -------------------------------------------------------------------------


def test_markdown_locator_is_set_apart_from_the_sentence(invoke: Invoke) -> None:
    facts = invoke("safety", "--json").json()
    text = invoke("safety", "--format", "markdown").stdout
    cited = [(f, s) for f in facts for s in f["sources"] if s["locator"]]
    assert cited
    assert not re.search(r"\[\^\d+\], ", text)  # "[^4], Is it safe to use?" read as prose
    for fact, source in cited:
        line = next(
            x for x in text.splitlines() if x.startswith("- ") and x.endswith(f"`{fact['id']}`")
        )
        locator = re.escape(escape(source["locator"]))
        assert re.search(rf"\[\^\d+\] \(in: {locator}\)", line), line


def test_markdown_author_lists_end_in_one_full_stop_and_say_et_al(invoke: Invoke) -> None:
    sources = invoke("sources", "--json").json()
    text = invoke("sources", "--format", "markdown").stdout
    assert ".." not in text
    cut = [s for s in sources if s["authors"] and s["authors"][-1] == "et al."]
    assert cut
    for source in cut:
        line = next(line for line in text.splitlines() if f"*{escape(source['title'])}*" in line)
        assert ", et al. *" in line


def test_every_export_marks_an_incomplete_author_list(invoke: Invoke) -> None:
    sources = invoke("sources", "--json").json()
    cut = {s["id"] for s in sources if s["authors"] and s["authors"][-1] == "et al."}
    whole = {s["id"] for s in sources if s["authors"]} - cut
    csl = {item["id"]: item for item in invoke("sources", "--format", "csl-json").json()}
    for sid in cut:
        assert csl[sid]["author"][-1] == {"literal": "others"}
    for sid in whole:
        assert {"literal": "others"} not in csl[sid]["author"]
    bibtex = invoke("sources", "--format", "bibtex").stdout
    entries = {e.split(",", 1)[0]: e for e in bibtex.split("@")[1:]}
    for key, entry in entries.items():
        sid = key.split("{", 1)[1]
        assert (" and others}" in entry) == (sid in cut)
    table = " ".join(screen(invoke("sources", tty=True, env={"COLUMNS": "200"}).stdout))
    assert table.count("et al.") >= len(cut)


# -- counts in good English -----------------------------------------------------------------------


def test_counted() -> None:
    from ldnfacts.render import counted

    assert [counted(n, "fact") for n in (0, 1, 2)] == ["0 facts", "1 fact", "2 facts"]
    assert counted(1, "study", "studies") == "1 study" and counted(3, "study", "studies") == (
        "3 studies"
    )


def test_markdown_sources_say_1_fact(invoke: Invoke, minimal_file: Path) -> None:
    text = invoke("sources", "--data", str(minimal_file), "--format", "markdown").stdout
    assert "Cited by 1 fact." in text and "fact(s)" not in text
    bundled = invoke("sources", "--format", "markdown").stdout
    counts = [s["cited_by"] for s in invoke("sources", "--json").json()]
    assert re.findall(r"Cited by (\d+ facts?)\.$", bundled, re.MULTILINE) == [
        f"{n} fact" if n == 1 else f"{n} facts" for n in counts
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_topics_and_sources_tables_print_names_counts_ids_and_links_whole(
    invoke: Invoke, width: int
) -> None:
    env = {"COLUMNS": str(width)}
    out = invoke("topics", tty=True, env=env).stdout
    lines = screen(out)
    assert "…" not in out
    for topic in invoke("topics", "--json").json():
        row = next(line.split() for line in lines if line.split()[:1] == [topic["topic"]])
        assert row[1] == str(topic["facts"])
        for status, number in topic["statuses"].items():
            if len(row) >= 2 + len(topic["statuses"]):  # side by side
                assert row[2 + list(topic["statuses"]).index(status)] == str(number)
            else:
                assert_within_one_line(lines, f"{number} {status}")
        assert not set(topic["description"].split()) - tokens(lines)
    out = invoke("sources", tty=True, env=env).stdout
    printed = tokens(screen(out))
    assert "…" not in out
    for source in invoke("sources", "--json").json():
        assert source["id"] in printed
        assert not {u for u in [*source["links"].values(), source["url"]] if u} - printed


HOSTILE_STUDY = r"""
sources:
  - id: evil
    title: "\e]0;pwned\a title"
    kind: trial
    doi: "10.1000/\e[31mred"
facts:
  - id: evil-study
    topic: symptom
    status: claimed
    claim: "A claim \e[2J that clears the screen."
    sources: [{ref: evil, locator: "\e[5mblink"}]
    study:
      name: "\e]8;;https://evil.example\e\\Study\e]8;;\e\\"
      type: trial
      condition: fibromyalgia
      year: 2020
      design: "\rOVERWRITE \u202edesign"
      participants: 12
      result: "\x9b2J result"
      effect: {measure: MD, estimate: -0.5, ci_low: -1.0, ci_high: 0.1, p: 0.04}
      verdict: mixed
"""


@pytest.mark.parametrize("width", [60, 200])
def test_hostile_study_text_is_inert_in_every_layout(
    invoke: Invoke, tmp_path: Path, width: int
) -> None:
    path = tmp_path / "study.yaml"
    path.write_text(HOSTILE_STUDY, encoding="utf-8")
    for args in (["evidence"], ["show", "evil-study"], ["symptom"], ["sources"]):
        out = invoke(
            *args, "--data", str(path), "--color", "always", tty=True, env={"COLUMNS": str(width)}
        ).stdout
        assert out and not re.search("[\x07\x08\r\x9b\u202e]", out)
        assert set(_OSC8.findall(out)) <= {""}  # the escaped DOI link is never made clickable
        assert "\x1b" not in _OSC8.sub("", re.sub(r"\x1b\[[0-9;]*m", "", out))


def test_pack_and_share() -> None:
    units = ["MD -0.34", "(95% CI -0.95 to 0.27),", "p=0.27"]
    assert pack(units, 40) == ["MD -0.34 (95% CI -0.95 to 0.27), p=0.27"]
    assert pack(units, 24) == ["MD -0.34", "(95% CI -0.95 to 0.27),", "p=0.27"]
    assert pack(units, 5) == units  # a unit wider than the line keeps a line of its own
    assert share([4, 10], [4, 30], [0, 1], 13) is None  # the minimums do not fit
    assert share([4, 10], [4, 30], [0, 1], 20) == [4, 16]
    assert share([4, 10, 10], [4, 12, 50], [0, 1, 1], 100) == [4, 12, 50]  # capped
    widths = share([5, 5], [50, 50], [2, 3], 60)
    assert widths is not None and sum(widths) == 60 and widths[0] < widths[1]


# -- JSON: orjson writes exactly what the standard library wrote ---------------------------------


def _stdlib_json(value: Any) -> str:
    """What `--json` printed before orjson: the standard library's indented JSON."""
    return json_safe(json.dumps(value, ensure_ascii=False, indent=2)) + "\n"


_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(codec=None)),  # lone surrogates and controls included
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)


@given(_json_values)
def test_json_output_is_the_standard_librarys(value: Any) -> None:
    assert dump_json(value) == _stdlib_json(value)


@pytest.mark.parametrize(
    "value",
    [
        [1e-05, -2.5e-05, 9.99e-05, 0.0001, 10.00001, 1.5e-07, -1e-09, 1e-10, 1e16, 0.1, -0.0],
        {"p": 0.00001, "nested": {"ci": [1e-06, 3e-08]}, "empty": {}, "none": []},
        2.5e-05,  # a document that is one number
        ["\udcff lone surrogate"],  # orjson refuses it: the standard library writes it
        {"big": 2**70},  # beyond 64 bits: the standard library too
        ["DEL \x7f C1 \x9b bidi \u202e line \u2028 tab \t nul \x00 é µ 中 🙂"],
    ],
)
def test_json_floats_fallbacks_and_escapes_are_the_standard_librarys(value: Any) -> None:
    assert dump_json(value) == _stdlib_json(value)


# -- json_safe: its shortcut skips only text with nothing to escape -----------------------------


def test_every_character_json_safe_escapes_is_unprintable_and_all_but_del_beyond_ascii() -> None:
    """What makes `json_safe`'s shortcut sound."""
    import re

    everything = "".join(map(chr, range(0x110000)))
    unsafe = re.findall(f"[{safe_text.UNSAFE_IN_JSON}]", everything)
    # DEL, 32 C1 controls, ALM, LRM, RLM, 2 separators and 5 embeddings, 4 isolates
    assert len(unsafe) == 47
    assert not any(char.isprintable() for char in unsafe)
    assert [char for char in unsafe if char.isascii()] == ["\x7f"]


@given(st.text(st.characters(codec=None)), st.booleans())
def test_json_safe_escapes_exactly_the_unsafe_characters(text: str, indented: bool) -> None:
    import re

    dumped = json.dumps({"text": text}, ensure_ascii=False, indent=2 if indented else None)
    searched = re.sub(f"[{safe_text.UNSAFE_IN_JSON}]", lambda m: f"\\u{ord(m.group()):04x}", dumped)
    assert json_safe(dumped) == searched
    assert json.loads(json_safe(dumped)) == {"text": text}


@pytest.mark.parametrize("char", ["\x7f", "\x9b", "\u202e", "\u2028", "\u2066"])
@pytest.mark.parametrize("beside", ["", "é \u2019 中", "\u00a0"])
def test_json_safe_escapes_an_unsafe_character_whatever_is_beside_it(
    char: str, beside: str
) -> None:
    dumped = json.dumps([f"a{char}b {beside}"], ensure_ascii=False, indent=2)
    assert char not in json_safe(dumped)
    assert f"\\u{ord(char):04x}" in json_safe(dumped)


# -- the grid: what Rich's Table.grid drew, without its cost -------------------------------------


def _table_grid(widths: list[int], right: list[int], gap: int) -> Any:
    """The Rich table `render.grid.Grid` stands in for."""
    from rich.table import Table

    table = Table.grid(padding=(0, gap), pad_edge=False)
    for i, width in enumerate(widths):
        table.add_column(width=width, justify="right" if i in right else "left")
    return table


@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize(
    ("widths", "right", "gap"), [([11, 40], [], 2), ([3, 20], [], 1), ([12, 9, 6], [1, 2], 2)]
)
def test_grid_draws_what_rich_table_grid_drew(
    widths: list[int], right: list[int], gap: int, color: bool
) -> None:
    import io

    from rich.console import Console, Group, RenderableType
    from rich.text import Text

    from ldnfacts.render.grid import Grid

    rows: list[list[RenderableType]] = [
        [Text("SUPPORTED", style="bold green"), Text("a claim " * 12, style="bold")],
        [Text("x"), Group(Text("one", style="italic"), Text("https://doi.org/10.1/" + "z" * 60))],
        [Text("Unbreakablewordlongerthanthecolumn", style="red"), ""],
        ["plain str", Text("-10.8\nline two", style="dim"), Text("3")],
        [Text("")],
    ]

    def rendered(grid: Any) -> str:
        out = io.StringIO()
        console = Console(
            file=out, width=120, force_terminal=color, color_system="standard" if color else None
        )
        for row in rows:
            grid.add_row(*row[: len(widths)])
        console.print(grid)
        console.print(Group(Text("nested"), grid))
        return out.getvalue()

    assert rendered(Grid(widths, right, gap)) == rendered(_table_grid(widths, right, gap))
