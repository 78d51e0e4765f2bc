"""The coverage matrix: one row per claim group, one column per article read (or picked)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from textual.binding import Binding, BindingType
from textual.content import Content, Span
from textual.message import Message
from textual.reactive import reactive
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from compare.results import LABEL_SYMBOLS, LABELS, ClaimGroup, Label

from ..story import Story
from ..text import shown
from .list_keys import list_motion_bindings
from .styles import component_styles

ABSENT = "·"
LABEL_WIDTH = 14

GroupOrder = Literal["story", "told"]
"""Claim groups in story order, or the most widely told first."""
GROUP_ORDERS: dict[GroupOrder, str] = {"story": "story order", "told": "most told first"}


class CoverageMatrix(OptionList):
    """Rows are claim groups; a cell holds that article's label mark, · if absent.

    The columns are the articles given to ``show_columns`` (the ones picked, or every article
    when there are few); the ``told`` column counts every article that tells the claim.
    """

    # fmt: off
    BINDINGS: ClassVar[list[BindingType]] = [
        *list_motion_bindings("groups"),
        Binding(
            "enter", "select", "Jump to claim", key_display="⏎", id="jump_to_claim",
            tooltip="Read the picked articles (or all) at this claim group",
        ),
        Binding(
            "space", "pick_tellers", "Pick its articles", id="pick_tellers",
            tooltip="Pick every article that tells this claim group; again to unpick them",
        ),
        Binding(
            "o", "cycle_order", "Sort", id="sort_groups",
            tooltip="Sort the claim groups: story order, most told first",
        ),
    ]
    # fmt: on

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"coverage-matrix--{label}" for label in LABELS),
        "coverage-matrix--absent",
        "coverage-matrix--muted",
    }

    @dataclass
    class TellersPicked(Message):
        """The reader asked to pick (or unpick) every article that tells a claim group."""

        group: int

    order: reactive[GroupOrder] = reactive("story", init=False)
    """How the rows are sorted."""

    def __init__(
        self, story: Story, columns: Sequence[str] | None = None, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.story = story
        self.columns: tuple[str, ...] = story.ids if columns is None else tuple(columns)
        """The articles with a column, in story order."""
        groups = story.comparison.groups
        self._id_width = max((len(str(group.id)) for group in groups), default=1)
        self._told_width = max(4, len(str(len(story.all_ids))))
        self._column_width = max(len(article_id) for article_id in story.all_ids) + 1
        self._labels: dict[int, dict[str, Label | None]] = {
            group.id: {m.article: story.sentence((m.article, m.index)).label for m in group.members}
            for group in groups
        }
        """Each claim group's label in each article that tells it."""

    def on_mount(self) -> None:
        self.add_options(self._rows())
        if self.option_count:
            self.highlighted = 0

    def show_columns(self, columns: Sequence[str]) -> None:
        """Give these articles the columns (rebuilds the rows, keeping the cursor's group)."""
        columns = tuple(columns)
        if columns != self.columns:
            self.columns = columns
            self._rebuild()

    def watch_order(self) -> None:
        # The cursor goes to the top, where the new order puts the most widely told claims.
        self._rebuild()
        if self.option_count:
            self.highlighted = 0

    def action_cycle_order(self) -> None:
        orders = list(GROUP_ORDERS)
        self.order = orders[(orders.index(self.order) + 1) % len(orders)]

    def action_pick_tellers(self) -> None:
        group = self.highlighted_group()
        if group is not None:
            self.post_message(self.TellersPicked(group))

    def highlighted_group(self) -> int | None:
        """The id of the claim group under the cursor."""
        option = self.highlighted_option
        return group_of(option.id) if option is not None and option.id else None

    def highlight_group(self, group_id: int) -> None:
        """Put the cursor on a claim group's row."""
        try:
            self.highlighted = self.get_option_index(f"group-{group_id}")
        except Exception:  # the group list changed under us: leave the cursor where it is
            return
        self.scroll_to_highlight(top=False)

    def _rebuild(self) -> None:
        if not self.is_mounted:
            return
        current = self.highlighted_group()
        self.set_options(self._rows())
        if current is not None:
            self.highlight_group(current)
        elif self.option_count:
            self.highlighted = 0

    def header(self) -> Content:
        """The column titles, aligned with the rows."""
        columns = "".join(a.ljust(self._column_width) for a in self.columns)
        told = "told".rjust(self._told_width)
        return Content(
            f"{'#'.rjust(self._id_width)}  {'group'.ljust(LABEL_WIDTH)}{told}  {columns}"
            " first telling"
        )

    def _rows(self) -> list[Option]:
        groups = self.story.comparison.groups
        if self.order == "told":
            groups = tuple(sorted(groups, key=lambda g: (-told_by(g), g.id)))
        # Styles looked up once, rows built as text plus spans: a style look-up per cell (or
        # assembling a Content per cell) made a thousand claim groups by thirty columns slow.
        style = component_styles(self)
        styles = {name: style(f"coverage-matrix--{name}") for name in (*LABELS, "absent", "muted")}
        return [self._row(group, styles) for group in groups]

    def _row(self, group: ClaimGroup, styles: dict[str, Style]) -> Option:
        story = self.story
        width = self._column_width
        text = f"{str(group.id).rjust(self._id_width)}  "
        spans: list[Span] = []

        def add(piece: str, style: str | None) -> None:
            nonlocal text
            if style is not None:
                spans.append(Span(len(text), len(text) + len(piece), styles[style]))
            text += piece

        add(f"{LABEL_SYMBOLS[group.label]} {group.label}".ljust(LABEL_WIDTH), group.label)
        add(f"{told_by(group)}".rjust(self._told_width) + "  ", "muted")
        labels = self._labels[group.id]
        for article_id in self.columns:
            label = labels.get(article_id)
            if label is None:
                add(ABSENT.ljust(width), "absent")
            else:
                add(LABEL_SYMBOLS[label].ljust(width), label)
        first = group.members[0]
        add(f" {first.article}: ", "muted")
        add(shown(story.sentence((first.article, first.index)).text), None)
        return Option(Content(text, spans), id=f"group-{group.id}")


def told_by(group: ClaimGroup) -> int:
    """How many articles tell the group's claim: a page that tells it twice counts once."""
    return len(group.tellers)


def group_of(option_id: str) -> int:
    """The claim group id of a row's option id."""
    return int(option_id.removeprefix("group-"))
