"""The keys every list of the app moves with besides the arrows: j, k, g and G."""

from __future__ import annotations

from textual.binding import Binding


def list_motion_bindings(prefix: str) -> list[Binding]:
    """j and k as ↓ and ↑, g and G to the top and bottom, for an ``OptionList``; their ids
    (``<prefix>_down``, ``_up``, ``_first``, ``_last``) name them in the user's keymap."""
    # fmt: off
    return [
        Binding("j", "cursor_down", "Down", show=False, id=f"{prefix}_down",
                tooltip="Move down the list, as ↓ does"),
        Binding("k", "cursor_up", "Up", show=False, id=f"{prefix}_up",
                tooltip="Move up the list, as ↑ does"),
        Binding("g", "first", "First", show=False, id=f"{prefix}_first", tooltip="Go to the top"),
        Binding("G", "last", "Last", show=False, id=f"{prefix}_last", tooltip="Go to the bottom"),
    ]
    # fmt: on
