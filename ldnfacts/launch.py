"""The `ldnfacts` console script.

Kept apart from `cli` so that even an interrupt or a failure while the command line is
being set up ends with a clean exit status instead of a traceback.

The process ends with `os._exit` once stdout and stderr are flushed. Interpreter
finalization (tearing down some three hundred modules) costs about 12 ms on every run,
as much as all of ldnfacts' own work, and there is nothing left for it to do: output is
flushed here, a rebuilt cache is committed and closed before any answer is printed, the
old index a build replaced is unlinked (`store.finish_unlinking`), and ldnfacts
registers no atexit handlers. Tests and embedders call `cli.app` instead.

For the same reason the cyclic garbage collector is off from the start: a run is short,
and what it builds (an index of 10,000 facts included) holds few reference cycles, so the
collector frees almost nothing (the 10,000-fact build peaks 2% higher without it), while
its passes over the objects every import makes cost about 2 ms of each run, most of it
while Python imports Typer.
"""

from __future__ import annotations

import gc
import os
import sys
from contextlib import suppress


def main() -> None:
    gc.disable()
    code = run()
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # a reader that closed the pipe has all it wanted
            stream.flush()
    store = sys.modules.get("ldnfacts.store")  # loaded only by runs that read an index
    if store is not None:
        store.finish_unlinking()
    os._exit(code)


def run() -> int:
    """Run the command line and return its exit status."""
    try:
        from ldnfacts.cli import app

        app(prog_name="ldnfacts")
    except SystemExit as exit_request:
        return exit_status(exit_request.code)
    except KeyboardInterrupt:
        from ldnfacts.errors import ExitCode

        return ExitCode.INTERRUPTED
    except Exception as error:
        from ldnfacts.errors import report_crash

        return report_crash(sys.stderr, error, os.environ)
    return 0


def exit_status(code: object) -> int:
    """What `sys.exit(code)` would have made the process exit with."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1
