"""The coverage overview: which article tells which claim group; Enter jumps there in the panes."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static

from ..story import Story
from ..widgets.coverage_matrix import CoverageMatrix


class CoverageScreen(ModalScreen[int | None]):
    """Returns the id of the claim group chosen, or None when closed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,c,q", "close", "Close", key_display="esc", id="close_coverage"),
        Binding(
            "enter", "jump", "Jump to claim", key_display="⏎", priority=True, id="jump_to_claim"
        ),
    ]

    def __init__(self, story: Story, current_group: int | None) -> None:
        super().__init__(id="coverage")
        self.story = story
        self.current_group = current_group

    def compose(self) -> ComposeResult:
        groups = self.story.comparison.groups
        matrix = CoverageMatrix(self.story, id="coverage-matrix")
        with Vertical(id="coverage-box") as box:
            box.border_title = (
                f"Coverage · {len(groups)} claim groups × {len(self.story.ids)} articles"
            )
            box.border_subtitle = "= shared  ≈ paraphrased  + unique  · absent"
            yield Static(matrix.header(), id="coverage-header", markup=False)
            yield matrix
        yield Footer()

    def on_mount(self) -> None:
        matrix = self.query_one(CoverageMatrix)
        matrix.focus()
        if self.current_group is not None:
            self.call_after_refresh(self._highlight_current)

    def _highlight_current(self) -> None:
        matrix = self.query_one(CoverageMatrix)
        try:
            matrix.highlighted = matrix.get_option_index(f"group-{self.current_group}")
        except Exception:  # the group list changed under us: leave the cursor at the top
            return
        matrix.scroll_to_highlight(top=False)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_jump(self) -> None:
        matrix = self.query_one(CoverageMatrix)
        if matrix.highlighted is not None:
            self._choose(matrix.highlighted)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def _choose(self, index: int) -> None:
        option_id = self.query_one(CoverageMatrix).get_option_at_index(index).id or ""
        self.dismiss(int(option_id.removeprefix("group-")))
