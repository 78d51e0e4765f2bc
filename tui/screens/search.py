"""The search line: what to find in the claims, typed at the bottom of the screen."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class SearchScreen(ModalScreen[str | None]):
    """Returns the text to find (Enter), or None (Escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel_search"),
    ]

    def __init__(self, last: str = "") -> None:
        super().__init__(id="search")
        self.last = last

    def compose(self) -> ComposeResult:
        yield Label("Find in the claims (Enter finds, n / N next and previous, Esc cancels)")
        yield Input(self.last, placeholder="words to find", id="search-input")

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
