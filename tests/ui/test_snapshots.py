"""SVG snapshots of the states that matter, on the frozen fixture comparison with the theme pinned.

Refresh after an intended change with ``pytest --snapshot-update tests/ui`` and look at the
SVGs in ``__snapshots__``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_app
from ui_support import many_comparison

WIDE = (160, 45)


@pytest.fixture(autouse=True)
def _empty_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The export dialog looks for the suggested file in the working folder.
    monkeypatch.chdir(tmp_path)


def test_opening_view(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(articles=4), terminal_size=WIDE)


def test_claim_selected_with_lens(snap_compare) -> None:  # type: ignore[no-untyped-def]
    # The third claim of A is told in B, level with it, and missing from C and D.
    assert snap_compare(make_app(articles=4), terminal_size=WIDE, press=["j", "j"])


def test_filter_on(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(articles=4), terminal_size=WIDE, press=["f", "f", "f"])


def test_coverage_overview(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(articles=6), terminal_size=WIDE, press=["c"])


def test_export_dialog(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(articles=4), terminal_size=WIDE, press=["e"])


def test_eighty_columns(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(articles=4), terminal_size=(80, 24), press=["j"])


def test_paged_many_articles(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(articles=6), terminal_size=WIDE, press=["5"])


def test_picking_among_many_articles(snap_compare) -> None:  # type: ignore[no-untyped-def]
    # Sixty articles open on the overview; sorted most unique first, the top three picked.
    app = make_app(many_comparison())
    assert snap_compare(
        app, terminal_size=WIDE, press=["o", "space", "down", "space", "down", "space"]
    )
