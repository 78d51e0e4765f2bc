"""Shared test helpers: where the repository's data lives."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
ENGINE_DATA = Path(__file__).resolve().parent / "engine" / "data"


def load_cases(name: str) -> list[dict]:
    """Read a data-driven test case file from tests/engine/data."""
    return json.loads((ENGINE_DATA / name).read_text(encoding="utf-8"))
