"""The story list: one row per story of a big folder, with its size, outlets, dates and labels."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Literal

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from compare.results import LABEL_SYMBOLS, LABELS

from ..corpus import StorySummary
from ..text import one_line
from .list_keys import list_motion_bindings
from .styles import component_styles

StoryOrder = Literal["size", "given", "latest"]
"""The biggest stories first, in the order of their first article, or the latest first."""
STORY_ORDERS: dict[StoryOrder, str] = {
    "size": "most articles first",
    "given": "order given",
    "latest": "latest first",
}


def story_of(option_id: str) -> int:
    """The story number of a row's option id."""
    return int(option_id.removeprefix("story-"))


def date_span(summary: StorySummary) -> str:
    """``2026-01-03 – 01-05``: the first day in full, the last without what it repeats."""
    first, last = summary.first_date, summary.last_date
    if first is None or last is None:
        return "no dates"
    if first == last:
        return first
    if first[:4] == last[:4]:
        return f"{first} – {last[5:]}"
    return f"{first} – {last}"


class StoryList(OptionList):
    """One row per story: number, articles, outlets, dates, label counts and typical title.

    Enter (or a click) posts ``OptionSelected``, for the screen to open that story.
    """

    # fmt: off
    BINDINGS: ClassVar[list[BindingType]] = [
        *list_motion_bindings("stories"),
        Binding("enter", "select", "Open story", id="open_story",
                tooltip="Read the story under the cursor, its articles side by side"),
        Binding(
            "o", "cycle_order", "Sort", id="sort_stories",
            tooltip="Sort the stories: most articles first, order given, latest first",
        ),
    ]
    # fmt: on

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"story-list--{label}" for label in LABELS),
        "story-list--muted",
    }

    order: reactive[StoryOrder] = reactive("size", init=False)
    """How the rows are sorted."""

    def __init__(
        self,
        summaries: Sequence[StorySummary],
        current: int | None = None,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.summaries = tuple(summaries)
        self.current = current
        """The story open in the reader, where the cursor starts."""
        self._number_width = max(5, len(str(len(self.summaries) - 1)))
        dated = any(s.first_date for s in self.summaries)
        self._dates_width = max(len(date_span(s)) for s in self.summaries) if dated else 0
        """Dates and outlets are columns only when some article's metadata gives them."""
        self._outlets = any(s.outlets for s in self.summaries)
        self._count_width = {
            label: len(str(max((s.counts[label] for s in self.summaries), default=0)))
            for label in LABELS
        }

    def on_mount(self) -> None:
        self._fill(self.current)

    def header(self) -> Content:
        """The column titles, aligned with the rows."""
        counts = "".join(
            LABEL_SYMBOLS[label].ljust(self._count_width[label] + 2) for label in LABELS
        )
        outlets = "  outlets" if self._outlets else ""
        dates = f"  {'dates'.ljust(self._dates_width)}" if self._dates_width else ""
        return Content(
            f"{'story'.rjust(self._number_width)}  articles{outlets}{dates}  {counts} title"
        )

    def highlighted_story(self) -> int | None:
        option = self.highlighted_option
        return story_of(option.id) if option is not None and option.id else None

    def watch_order(self) -> None:
        self._fill(self.highlighted_story())

    def action_cycle_order(self) -> None:
        orders = list(STORY_ORDERS)
        self.order = orders[(orders.index(self.order) + 1) % len(orders)]

    def _fill(self, keep: int | None) -> None:
        """List the stories in the current order, the cursor on ``keep`` (else the top)."""
        self.set_options(self._rows())
        if not self.option_count:
            return
        index = 0
        if keep is not None:
            index = self.get_option_index(f"story-{keep}")
        self.highlighted = index

    def _rows(self) -> list[Option]:
        summaries = list(self.summaries)
        if self.order == "size":
            summaries.sort(key=lambda s: (-s.articles, s.story))
        elif self.order == "latest":  # undated stories last, in the order given
            summaries.sort(key=lambda s: s.last_date or "", reverse=True)
        return [Option(self._prompt(s), id=f"story-{s.story}") for s in summaries]

    def _prompt(self, summary: StorySummary) -> Content:
        style = component_styles(self)
        outlets = str(summary.outlets) if summary.outlets else "·"
        return Content.assemble(
            str(summary.story).rjust(self._number_width),
            f"  {summary.articles:>8}",
            f"  {outlets:>7}" if self._outlets else "",
            "  " if self._dates_width else "",
            Content.styled(
                date_span(summary).ljust(self._dates_width) if self._dates_width else "",
                style("story-list--muted") if summary.first_date is None else "",
            ),
            "  ",
            *(
                Content.styled(
                    f"{LABEL_SYMBOLS[label]}{summary.counts[label]}".ljust(
                        self._count_width[label] + 2
                    ),
                    style(f"story-list--{label}"),
                )
                for label in LABELS
            ),
            " ",
            one_line(summary.title),
        )
