"""The ``synopsis`` console script: the command of ``compare.cli``, with the app to open.

The engine's command reads the arguments and exports; opening the app is the one thing it
cannot do itself, since ``compare`` never imports the screen. This module sits on the app's side
of that line and hands the app in.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from compare.cli import main as command
from compare.runner import Runner
from compare.settings import Settings


def open_app(
    sources: list[str], settings: Settings, sort: str, refresh: bool, runner: Runner, stories: str
) -> int:
    """Open the reading app on the sources; Textual loads only now."""
    from .app import run

    return run(sources, settings, sort=sort, refresh=refresh, runner=runner, stories=stories)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``synopsis``: the app at a terminal, else the export or the summary."""
    return command(argv, open_app=open_app)


if __name__ == "__main__":
    sys.exit(main())
