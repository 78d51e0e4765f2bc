"""The top line: app name, every source by id (click to switch), page, sync and filter state."""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from compare.results import LABEL_SYMBOLS

from .styles import component_styles


class SourceBar(Widget):
    """Shows which sources are on screen and which one is active; doubles as the source switcher.

    Each id is a link to the screen's ``go_to_source`` action, so a click switches source.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "source-bar--app",
        "source-bar--active",
        "source-bar--visible",
        "source-bar--hidden",
        "source-bar--state",
    }

    ids: reactive[tuple[str, ...]] = reactive(())
    """Every article id read, in order (the picked ones, when some are)."""
    total: reactive[int] = reactive(0)
    """How many articles the comparison has, picked or not."""
    active: reactive[str] = reactive("")
    """The id of the article whose pane holds the selection."""
    on_screen: reactive[tuple[str, ...]] = reactive(())
    """The ids of the articles on screen."""
    page: reactive[tuple[int, int]] = reactive((1, 1))
    """The page on screen and the number of pages."""
    pinned: reactive[str | None] = reactive(None)
    """The article kept on screen while the others page beside it, or None."""
    sync: reactive[bool] = reactive(True)
    """Whether the other panes follow the selection."""
    label_filter: reactive[str | None] = reactive(None)
    """The one label the panes show, or None for all."""
    scoring: reactive[str] = reactive("")
    """The similarity method and paraphrase threshold the labels come from (``static ≥0.50``)."""
    story: reactive[str] = reactive("")
    """Which story of a big folder is read (``story 7 of 42``); empty for one comparison."""
    message: reactive[str] = reactive("")
    """Shown instead of the sources while there are none (loading, failure)."""

    def render(self) -> Content:
        style = component_styles(self)
        parts: list[Content | str] = [Content.styled(" synopsis ", style("source-bar--app")), " "]
        if not self.ids:
            parts.append(self.message)
            return Content.assemble(*parts)
        for position, article_id in enumerate(self.ids):
            if article_id == self.active:
                name = "source-bar--active"
                text = f"▸{article_id}◂"
            elif article_id in self.on_screen:
                name, text = "source-bar--visible", f" {article_id} "
            else:
                name, text = "source-bar--hidden", f" {article_id} "
            action = f"screen.go_to_source({position})"
            parts.append(Content.styled(text, style(name)).stylize(f"@click={action}"))
        current, pages = self.page
        shown = self.on_screen
        span = f"{shown[0]}–{shown[-1]}" if len(shown) > 1 else (shown[0] if shown else "-")
        if self.pinned and len(shown) > 1:  # the pinned one, then the others on the page
            others = shown[1:]
            span = f"{shown[0]} + " + (
                f"{others[0]}–{others[-1]}" if len(others) > 1 else others[0]
            )
        where = (
            f"source {self.ids.index(self.active) + 1} of {len(self.ids)}"
            if len(shown) == 1
            else f"{span} of {len(self.ids)} articles"
        )
        if self.total > len(self.ids):
            where += f" (picked of {self.total})"
        if self.story:
            where = f"{self.story} · {where}"
        if pages > 1 and len(shown) > 1:
            where += f" · page {current}/{pages}"
        if self.pinned:
            where += f" · {self.pinned} pinned"
        label = self.label_filter
        filter_text = f"only {LABEL_SYMBOLS[label]} {label}" if label else "all labels"  # type: ignore[index]
        scoring = f" · {self.scoring}" if self.scoring else ""
        state = f"  {where}{scoring} · sync {'on' if self.sync else 'off'} · {filter_text}"
        parts.append(Content.styled(state, style("source-bar--state")))
        return Content.assemble(*parts)
