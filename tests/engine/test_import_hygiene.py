"""The engine knows nothing of the screen: importing it must not load Textual, Rich or torch."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_importing_the_engine_loads_no_ui_or_torch() -> None:
    code = (
        "import sys, compare, compare.pipeline, compare.export, compare.cli\n"
        "banned = {'textual', 'rich', 'tui', 'torch'}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in banned)\n"
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == ""
