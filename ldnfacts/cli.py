"""The `ldnfacts` command line, for embedders and tests: `from ldnfacts.cli import app`.

The application lives in `app` (command list, global options), each command in its own
module under `commands/`, the shared options in `options`, the run-render-exit skeleton in
`runner`, and each output format under `render/`. The console script is `launch.main`.
"""

from ldnfacts.app import app

__all__ = ["app"]
