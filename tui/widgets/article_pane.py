"""One article's pane: a header with its scores, and its sentences drawn line by line."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import ClassVar, Literal

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from compare.results import LABEL_SYMBOLS, LABELS, Article, Label, Sentence

from ..text import one_line, shown
from .lines import hanging, to_strip
from .styles import component_styles

BAR_GLYPHS: dict[Label, str] = {"shared": "█", "paraphrased": "▓", "unique": "░"}
"""Each share of the bar has its own glyph, so the bar reads without colour too."""

SELECTED_BAR = "▌"
COUNTERPART_BAR = "╏"
CONFLICT_MARK = "!"

Mark = Literal["selected", "counterpart", "hover", ""]


def share_bar(article: Article, width: int) -> list[tuple[Label, str]]:
    """The article's shared / paraphrased / unique word shares as runs of glyphs, ``width`` wide.

    Every share above zero gets at least one cell, so a small share never vanishes.
    """
    shares = article.shares
    values: dict[Label, float] = {
        "shared": shares.shared,
        "paraphrased": shares.paraphrased,
        "unique": shares.unique,
    }
    total = sum(values.values())
    if total <= 0:
        return []
    cells = {label: round(value / total * width) for label, value in values.items()}
    for label, value in values.items():
        if value > 0 and cells[label] == 0:
            cells[label] = 1
    while sum(cells.values()) > width:  # rounding small shares up may overflow: trim the largest
        largest = max(cells, key=lambda label: cells[label])
        cells[largest] -= 1
    return [(label, BAR_GLYPHS[label] * count) for label, count in cells.items() if count]


class PaneHeader(Widget):
    """Id, title, uniqueness and share bar of an article, and how it relates to the selection."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "pane-header--id",
        "pane-header--active-id",
        "pane-header--active",
        *(f"pane-header--{label}" for label in LABELS),
        "pane-header--status",
        "pane-header--missing",
    }

    status: reactive[str] = reactive("")
    """One line on the selection: where this article's counterpart is, or that it has none."""
    missing: reactive[bool] = reactive(False)
    """True when this article has no counterpart of the selected claim."""
    active: reactive[bool] = reactive(False)
    """True when this pane holds the selection."""

    BAR_WIDTH = 10

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article

    def set_article(self, article: Article) -> None:
        """Show new scores for the same article (after re-labelling)."""
        self.article = article
        self.refresh()

    def render(self) -> Content:
        article = self.article
        style = component_styles(self)
        width = self.size.width
        badge = style("pane-header--active-id" if self.active else "pane-header--id")
        title = Content.assemble(
            " ", Content.styled(f" {article.id} ", badge), " ", one_line(article.title)
        )
        counts = article.counts
        bar = Content.assemble(
            *(
                Content.styled(glyphs, style(f"pane-header--{label}"))
                for label, glyphs in share_bar(article, self.BAR_WIDTH)
            )
        )
        marks = [
            Content.styled(
                f"{LABEL_SYMBOLS[label]}{counts.of(label)} ", style(f"pane-header--{label}")
            )
            for label in LABELS
        ]
        scores = Content.assemble(f" unique {article.uniqueness:4.0%} ", bar, "  ", *marks)
        status_style = style("pane-header--missing" if self.missing else "pane-header--status")
        status = Content.assemble(" ", Content.styled(self.status, status_style))
        lines = [title, scores, status]
        if self.active:
            active = style("pane-header--active")
            lines = [
                (
                    line.truncate(width, ellipsis=True)
                    + Content(" " * max(0, width - line.cell_length))
                ).stylize_before(active)
                for line in lines
            ]
        return Content("\n").join(lines)


class ArticleView(ScrollView, can_focus=False):
    """An article's sentences with a hanging indent: bar, label mark, conflict mark, then text.

    The selection state lives in plain attributes, drawn in ``render_line`` from cached strips,
    so a new selection repaints the lines on screen and nothing else.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"article-view--{label}" for label in LABELS),
        "article-view--conflict",
        "article-view--heading",
        "article-view--boilerplate",
        "article-view--selected",
        "article-view--counterpart",
        "article-view--hover",
        "article-view--bar",
    }

    DEFAULT_CSS = """
    ArticleView {
        overflow: hidden hidden;
    }
    """
    # No scrollbar widgets: the screen scrolls the panes itself (to keep counterparts level) and
    # the wheel is handled below. A scrollbar per pane cost a repaint on every key.

    GUTTER = 3
    """Cells before the text, after the bar: label symbol, conflict mark, space."""

    @dataclass
    class Clicked(Message):
        """The reader clicked a sentence."""

        article: str
        index: int

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article
        self.selected: int | None = None
        """The selected sentence, when it is in this article."""
        self.counterpart: int | None = None
        """This article's counterpart of the selected claim."""
        self.hover: int | None = None
        self.label_filter: Label | None = None
        """Only claims of this label are shown (and headings, the selection, its counterpart)."""
        self._wrapped: dict[int, list[Content]] = {}
        self._blocks: list[tuple[int, int, int]] = []  # (sentence index, first line, line count)
        self._starts: list[int] = []
        self._spans: dict[int, tuple[int, int]] = {}
        self._layout_width = -1
        self._strips: dict[tuple[int, int, Mark], Strip] = {}

    # -- state ------------------------------------------------------------------------------------

    def set_article(self, article: Article) -> None:
        """Show re-labelled results for the same article."""
        self.article = article
        self._invalidate()

    def set_marks(self, selected: int | None, counterpart: int | None) -> None:
        """Mark the selected sentence and/or the counterpart in this article (None: no mark)."""
        if (selected, counterpart) == (self.selected, self.counterpart):
            return
        old = {self.selected, self.counterpart}
        self.selected, self.counterpart = selected, counterpart
        if self.label_filter is not None and any(
            i is not None and not self._matches_filter(i) for i in old | {selected, counterpart}
        ):
            self._relayout()  # a mark shows a sentence the filter would hide, or stops doing so
        self.refresh()

    def set_filter(self, label: Label | None) -> None:
        """Show only one label's claims, or all sentences."""
        if label != self.label_filter:
            self.label_filter = label
            self._relayout()
            self.refresh()

    def _matches_filter(self, index: int) -> bool:
        sentence = self.article.sentences[index]
        return (
            self.label_filter is None
            or sentence.kind == "heading"
            or sentence.label == self.label_filter
        )

    def is_shown(self, index: int) -> bool:
        """Whether a sentence is laid out (not hidden by the label filter)."""
        return index in self._spans if self._layout_width > 0 else self._shown(index)

    def _shown(self, index: int) -> bool:
        return self._matches_filter(index) or index in (self.selected, self.counterpart)

    def _mark(self, index: int) -> Mark:
        if index == self.selected:
            return "selected"
        if index == self.counterpart:
            return "counterpart"
        if index == self.hover:
            return "hover"
        return ""

    # -- layout ------------------------------------------------------------------------------------

    def _invalidate(self) -> None:
        self._wrapped.clear()
        self._strips.clear()
        self._relayout()
        self.refresh()

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            self._layout_width = -1
            return
        if width != self._layout_width:
            self._wrapped.clear()
            self._strips.clear()
        self._layout_width = width
        y = 0
        blocks: list[tuple[int, int, int]] = []
        for sentence in self.article.sentences:
            if not self._shown(sentence.index):
                continue
            height = len(self._lines(sentence, width))
            blocks.append((sentence.index, y, height))
            y += height
        self._blocks = blocks
        self._starts = [start for _, start, _ in blocks]
        self._spans = {index: (start, height) for index, start, height in blocks}
        # Room to scroll past the end, as editors allow: any sentence can then be brought level
        # with its counterpart in a longer pane, even near the end of a short article.
        slack = max(0, self.scrollable_content_region.height - 1)
        self.virtual_size = Size(width, y + slack)

    def on_resize(self) -> None:
        self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:  # a theme change: colours are baked into the cached lines
            self._invalidate()

    def span(self, index: int) -> tuple[int, int] | None:
        """(first line, line count) of a sentence in the scrolled content, if it is laid out."""
        if self._layout_width <= 0:
            self._relayout()
        return self._spans.get(index)

    def line_text(self, index: int) -> list[str]:
        """The lines a sentence is drawn as (gutter marks included, selection bar excluded)."""
        width = self._layout_width if self._layout_width > 0 else 40
        return [line.plain for line in self._lines(self.article.sentences[index], width)]

    def on_screen(self, index: int) -> bool:
        """Whether the whole first line of a sentence is inside the pane's visible rows."""
        span = self.span(index)
        if span is None or not self.size.height:
            return False
        top = round(self.scroll_y)
        return top <= span[0] < top + self.scrollable_content_region.height

    def index_at(self, line: int) -> int | None:
        """The sentence drawn on a line of the scrolled content."""
        position = bisect_right(self._starts, line) - 1
        if position < 0:
            return None
        index, start, height = self._blocks[position]
        return index if line < start + height else None

    # -- drawing --------------------------------------------------------------------------------

    def _lines(self, sentence: Sentence, width: int) -> list[Content]:
        lines = self._wrapped.get(sentence.index)
        if lines is None:
            style = component_styles(self)
            if sentence.label is not None:
                conflict = any(match.conflict for match in sentence.matches)
                gutter = Content.assemble(
                    Content.styled(
                        LABEL_SYMBOLS[sentence.label], style(f"article-view--{sentence.label}")
                    ),
                    Content.styled(CONFLICT_MARK, style("article-view--conflict"))
                    if conflict
                    else " ",
                    " ",
                )
                body = Content(shown(sentence.text))
            else:
                gutter = Content(" " * self.GUTTER)
                body = Content.styled(shown(sentence.text), style(f"article-view--{sentence.kind}"))
            lines = self._wrapped[sentence.index] = hanging(gutter, body, width - 2)
        return lines

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._layout_width:
            self._relayout()
        line = self.scroll_offset.y + y
        position = bisect_right(self._starts, line) - 1
        if position < 0:
            return Strip.blank(width, self.rich_style)
        index, start, height = self._blocks[position]
        if line >= start + height:
            return Strip.blank(width, self.rich_style)
        mark = self._mark(index)
        key = (index, line - start, mark)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._draw(index, line - start, mark, width)
        return strip

    def _draw(self, index: int, row: int, mark: Mark, width: int) -> Strip:
        style = component_styles(self)
        text = self._lines(self.article.sentences[index], width)[row]
        if mark in ("selected", "counterpart"):
            bar = Content.styled(
                SELECTED_BAR if mark == "selected" else COUNTERPART_BAR, style("article-view--bar")
            )
        else:
            bar = Content(" ")
        line = bar + text
        if mark:
            line = (line + Content(" " * max(0, width - line.cell_length))).stylize_before(
                style(f"article-view--{mark}")
            )
        return to_strip(self, line, width)

    def scroll_lines(self, lines: int) -> None:
        """Scroll by some lines (the wheel; overflow is hidden, so this forces the scroll)."""
        self.scroll_to(y=self.scroll_y + lines, animate=False, force=True, immediate=True)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.scroll_lines(3)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.scroll_lines(-3)

    # -- mouse ----------------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        index = self.index_at(self.scroll_offset.y + event.y)
        if index is not None:
            event.stop()
            self.post_message(self.Clicked(self.article.id, index))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self.index_at(self.scroll_offset.y + event.y)
        if index is not None and not self.article.sentences[index].is_claim:
            index = None
        if index != self.hover:
            self.hover = index
            self.refresh()

    def on_leave(self) -> None:
        if self.hover is not None:
            self.hover = None
            self.refresh()


class ArticlePane(Vertical):
    """An article's header over its sentences."""

    def __init__(self, article: Article) -> None:
        super().__init__(id=f"pane-{article.id}", classes="pane")
        self.article = article
        self.header = PaneHeader(article)
        self.view = ArticleView(article)

    def compose(self) -> ComposeResult:
        yield self.header
        yield self.view

    def set_article(self, article: Article) -> None:
        """Apply re-labelled results to the same article in place."""
        self.article = article
        self.header.set_article(article)
        self.view.set_article(article)
