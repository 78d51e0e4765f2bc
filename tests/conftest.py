"""Shared test helpers: where the repository's data lives."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
ENGINE_DATA = Path(__file__).resolve().parent / "engine" / "data"


def modules_loaded_by(code: str, names: tuple[str, ...]) -> list[str]:
    """Run code in a fresh interpreter; return which of the named top-level modules it loaded."""
    import subprocess
    import sys

    probe = f"{code}\nimport sys\nprint(','.join(n for n in {names!r} if n in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return [name for name in result.stdout.strip().split(",") if name]


def load_cases(name: str) -> list[dict]:
    """Read a data-driven test case file from tests/engine/data."""
    return json.loads((ENGINE_DATA / name).read_text(encoding="utf-8"))
