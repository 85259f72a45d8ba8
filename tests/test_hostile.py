"""Hostile text in a valid file never drives the terminal; pipes, signals and locales behave."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from ldnfacts.cli import app

from .conftest import Invoke, many_facts, run_process

# Double-quoted YAML escapes: \e is ESC, \a is BEL, \x9b is the 8-bit CSI.
HOSTILE = r"""
sources:
  - id: evil
    title: "\e]0;pwned-title\a[link=https://evil.example]click[/link] \u202etxt.exe"
    kind: commercial
    note: sells nothing real
facts:
  - id: evil-claim
    topic: safety
    status: claimed
    claim: "\e[31mRED\e[0m [bold red]markup[/] \e]8;;https://evil.example\e\\link\e]8;;\e\\ \rOVERWRITE \x08\x9b2J \u202eevil"
    note: ":smile: \e[2J cleared"
    tags: [evil]
    sources: [{ref: evil, locator: "\e[5mblink"}]
"""  # noqa: E501

#: Characters that let text act on a terminal: ESC, BEL, CR, backspace, 8-bit CSI, bidi.
CONTROL = re.compile("[\x07\x08\r\x9b\u202e]")
#: The only escape sequences allowed in output: SGR colour codes that Rich itself writes.
OWN_SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def hostile(tmp_path: Path) -> str:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    return str(path)


def assert_inert(output: str) -> None:
    assert not CONTROL.search(output), repr(CONTROL.search(output))
    assert "\x1b" not in OWN_SGR.sub("", output)


@pytest.mark.parametrize("fmt", ["table", "plain", "markdown"])
@pytest.mark.parametrize("tty", [True, False])
def test_hostile_claim_prints_escaped(invoke: Invoke, hostile: str, fmt: str, tty: bool) -> None:
    out = invoke("safety", "--data", hostile, "--format", fmt, "--color", "always", tty=tty)
    assert out.code == 0
    assert_inert(out.stdout)
    visible = out.stdout.replace("\\", "")  # markdown adds its own escapes
    assert "x1b[31mRED" in visible
    if fmt != "plain":  # plain lines carry source ids, not titles
        assert "x1b]0;pwned-title" in visible
    assert "[bold red]markup[/]" in visible  # Rich markup printed, not obeyed
    assert "u202eevil" in visible and "rOVERWRITE" in visible


@pytest.mark.parametrize("args", [["show", "evil-claim"], ["sources"], ["search", "evil"]])
def test_hostile_title_and_locator_are_inert_everywhere(
    invoke: Invoke, hostile: str, args: list[str]
) -> None:
    for tty in (True, False):
        out = invoke(*args, "--data", hostile, "--color", "always", tty=tty)
        assert out.code == 0
        assert_inert(out.stdout)
    shown = invoke("show", "evil-claim", "--data", hostile, tty=True).stdout
    assert "x1b]0;pwned-title" in shown and "[link=https://evil.example]click" in shown
    assert ":smile:" in shown  # no emoji substitution from data


def test_json_keeps_hostile_text_exactly_but_escaped(invoke: Invoke, hostile: str) -> None:
    out = invoke("safety", "--data", hostile, "--json")
    assert_inert(out.stdout)
    assert "\x1b" not in out.stdout
    fact = out.json()[0]
    assert fact["claim"].startswith("\x1b[31mRED\x1b[0m [bold red]markup[/]")
    assert "\r" in fact["claim"] and "\x9b2J" in fact["claim"] and "\u202e" in fact["claim"]
    assert fact["sources"][0]["title"].startswith("\x1b]0;pwned-title\x07")
    for line in invoke("safety", "--data", hostile, "--jsonl").stdout.splitlines():
        assert json.loads(line)["id"] == "evil-claim"


def test_citation_exports_are_inert(invoke: Invoke, hostile: str) -> None:
    bibtex = invoke("sources", "--data", hostile, "--format", "bibtex").stdout
    assert_inert(bibtex)
    assert "\x1b" not in bibtex
    assert bibtex.count("{") == bibtex.count("}")
    csl = invoke("sources", "--data", hostile, "--format", "csl-json")
    assert csl.json()[0]["title"].startswith("\x1b]0;")


def test_hostile_terms_and_field_names_in_messages_are_inert(
    invoke: Invoke, tmp_path: Path
) -> None:
    out = invoke("search", "\x1b]0;zqxjv\x07")
    assert out.code == 1 and "\x1b" not in out.stderr and "\x07" not in out.stderr
    path = tmp_path / "bad.yaml"
    path.write_text('facts: [{id: x, "\\e]0;t\\a": 1}]\n', encoding="utf-8")
    problems = invoke("validate", str(path))
    assert "\x1b" not in problems.stdout and "\x07" not in problems.stdout
    assert "unknown field" in problems.stdout


# -- pipes, signals, crashes -----------------------------------------------------------------


def test_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(many_facts(3000, "Naltrexone fact {i} " + "x" * 200 + "."), "utf-8")
    assert run_process(["dose", "--data", str(path), "--limit", "1"]).code == 0  # index it
    shell = (
        f"set -o pipefail; {sys.executable} -m ldnfacts search naltrexone --jsonl "
        f"--data {path} | head -1"
    )
    result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert json.loads(result.stdout)["id"].startswith("f-")
    assert result.stderr == ""


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time a running process has used (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_interrupt_exits_130_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "slow.yaml"
    path.write_text(many_facts(20000), "utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "ldnfacts", "dose", "--data", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Interrupt once the child has spent 0.4 s of CPU (well into reading 20,000 facts),
    # whatever the machine's load: polled, not a fixed sleep.
    while _cpu_seconds(process.pid) < 0.4:
        assert process.poll() is None, "finished before it could be interrupted"
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    leftovers = list((tmp_path / "cache").rglob("*.tmp")) if (tmp_path / "cache").exists() else []
    assert leftovers == []


def test_unexpected_error_is_one_line_and_debug_shows_traceback(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("ldnfacts.query.find", broken)
    out = invoke("dose")
    assert out.code == 70  # never 1, which means "nothing matched"
    assert out.stderr.count("\n") == 1
    assert "internal error (RuntimeError: boom)" in out.stderr and "Reporting a bug" in out.stderr
    debug = invoke("dose", env={"LDNFACTS_DEBUG": "1"})
    assert "Traceback" in debug.stderr and 'raise RuntimeError("boom")' in debug.stderr


def test_pretty_exceptions_never_show_locals() -> None:
    assert app.pretty_exceptions_show_locals is False


def test_crash_in_a_real_process_is_one_line(
    tmp_path: Path, minimal_file: Path, isolated: Path
) -> None:
    """A cache edited by hand into an impossible shape: a crash, reported cleanly."""
    import sqlite3

    assert run_process(["dose", "--data", str(minimal_file)]).code == 0
    (cache_file,) = (isolated / "ldnfacts").glob("*.sqlite3")
    with sqlite3.connect(cache_file) as db:
        db.execute('UPDATE facts SET json = \'{"id": "fact-one"}\'')
    out = run_process(["dose", "--data", str(minimal_file)])
    assert out.code == 70 and "internal error" in out.stderr
    assert "Traceback" not in out.stderr and out.stderr.count("\n") == 1


# -- locales and encodings ----------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["C", "POSIX", "en_US.ISO-8859-1"])
def test_output_is_utf8_whatever_the_locale(locale: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    env.update(LANG=locale, LC_ALL=locale)
    for args, expected in (
        (["dose", "--json"], "1 µg"),
        (["dose"], "1 µg"),
        (["dose", "--format", "table"], "1 µg"),
        (["sources", "rodriguez", "--json"], "Rodríguez-Freire"),
    ):
        result = subprocess.run(
            [sys.executable, "-m", "ldnfacts", *args], capture_output=True, env=env, check=False
        )
        assert result.returncode == 0, result.stderr
        assert expected in result.stdout.decode("utf-8")  # strict: must be valid UTF-8


def test_undecodable_argument_does_not_crash() -> None:
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    result = subprocess.run(
        [sys.executable.encode(), b"-m", b"ldnfacts", b"search", b"\xff\xfe"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr


def test_non_ascii_terms_match(invoke: Invoke) -> None:
    assert invoke("search", "µg", "--json").json()[0]["id"] == "dose-ldn-range-definition"


TerminalRun = Callable[[list[str]], str]


def on_terminal(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run ldnfacts with stdout on a real pseudo-terminal of 100 x 24; exit status and text."""
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    environ = {**os.environ, "TERM": "xterm-256color", **(env or {})}
    environ.pop("COLUMNS", None)
    environ.pop("LINES", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "ldnfacts", *args], stdout=follower, stderr=follower, env=environ
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return process.returncode, b"".join(chunks).decode("utf-8")


def test_real_terminal_gets_table_and_a_pipe_does_not() -> None:
    """Through a real pseudo-terminal, not a simulated one."""
    code, shown = on_terminal(["--no-pager", "dose"])
    assert code == 0
    assert "ESTABLISHED" in shown and "\x1b[" in shown and "Information, not medical" in shown
    piped = run_process(["dose"]).stdout
    assert "\x1b[" not in piped and "ESTABLISHED" not in piped


def test_long_terminal_output_goes_through_the_pager(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    pager = f"{sys.executable} -c \"import sys; open({str(paged)!r}, 'w').write(sys.stdin.read())\""
    code, shown = on_terminal(["search", "--status", "claimed"], {"PAGER": pager})
    assert code == 0
    assert "CLAIMED" in paged.read_text(encoding="utf-8")
    assert "CLAIMED" not in shown  # the pager had it, not the terminal


@pytest.mark.parametrize("env", [{"PAGER": "cat"}, {"PAGER": ""}], ids=["cat", "empty"])
def test_no_pager_when_pager_is_cat_or_empty_or_refused(env: dict[str, str]) -> None:
    code, shown = on_terminal(["search", "--status", "claimed"], env)
    assert code == 0 and "CLAIMED" in shown


def test_short_output_and_no_pager_flag_skip_the_pager(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    pager = f"{sys.executable} -c \"import sys; open({str(paged)!r}, 'w').write('used')\""
    code, shown = on_terminal(["--no-pager", "search", "--status", "claimed"], {"PAGER": pager})
    assert code == 0 and "CLAIMED" in shown
    code, shown = on_terminal(["dose", "--limit", "1"], {"PAGER": pager})
    assert code == 0 and "SUPPORTED" in shown
    assert not paged.exists()
