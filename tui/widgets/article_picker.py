"""The article picker: every article with its uniqueness and counts, a mark on those picked."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, Literal

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from compare.results import LABEL_SYMBOLS, LABELS, Article

from ..story import Story
from ..text import one_line
from .article_pane import share_bar
from .list_keys import list_motion_bindings
from .styles import component_styles

PickOrder = Literal["given", "uniqueness", "claims"]
"""Articles in the order given, the most unique first, or those with the most claims first."""
PICK_ORDERS: dict[PickOrder, str] = {
    "given": "order given",
    "uniqueness": "most unique first",
    "claims": "most claims first",
}
PICKED_MARK = "[✓]"
UNPICKED_MARK = "[ ]"
BAR_WIDTH = 10


def article_of(option_id: str) -> str:
    """The article id of a row's option id."""
    return option_id.removeprefix("article-")


class ArticlePicker(OptionList):
    """One row per article: pick mark, id, uniqueness, share bar, label counts and title.

    Space (or a click) posts ``OptionSelected`` for the screen to pick or unpick the article;
    the screen owns the picked set and hands it back with ``show_picked``.
    """

    # fmt: off
    BINDINGS: ClassVar[list[BindingType]] = [
        *list_motion_bindings("articles"),
        Binding(
            "space", "select", "Pick", id="pick_article",
            tooltip="Pick the article under the cursor, or unpick it",
        ),
        Binding(
            "enter", "screen.read_picked", "Read picked", show=False, id="read_from_list",
            tooltip="Read the picked articles side by side",
        ),
        Binding(
            "o", "cycle_order", "Sort", id="sort_articles",
            tooltip="Sort the articles: order given, most unique first, most claims first",
        ),
    ]
    # fmt: on

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-picker--picked",
        *(f"article-picker--{label}" for label in LABELS),
        "article-picker--muted",
    }

    order: reactive[PickOrder] = reactive("given", init=False)
    """How the rows are sorted."""

    def __init__(self, story: Story, picked: Iterable[str] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self.picked: frozenset[str] = frozenset(picked)
        """The articles marked as picked."""
        self._id_width = max(len(article_id) for article_id in story.all_ids)
        articles = story.comparison.articles
        self._count_width = {
            label: len(str(max(a.counts.of(label) for a in articles))) for label in LABELS
        }
        self._story_width = (
            max(len("story"), *(len(str(a.story)) for a in articles))
            if story.comparison.has_stories
            else 0
        )
        """A big folder's articles say their story (the column is left out otherwise)."""

    def on_mount(self) -> None:
        self.add_options(self._rows())
        if self.option_count:
            self.highlighted = 0

    def header(self) -> Content:
        """The column titles, aligned with the rows."""
        counts = "".join(
            LABEL_SYMBOLS[label].ljust(self._count_width[label] + 2) for label in LABELS
        )
        story = f"{'story'.rjust(self._story_width)}  " if self._story_width else ""
        return Content(
            f"{' ' * len(PICKED_MARK)} {'id'.ljust(self._id_width)}  {story}unique  "
            f"{'shares'.ljust(BAR_WIDTH)}  {counts} title"
        )

    def show_picked(self, picked: Iterable[str]) -> None:
        """Mark these articles as picked (only the rows that changed are redrawn)."""
        picked = frozenset(picked)
        changed = picked ^ self.picked
        self.picked = picked
        for article_id in changed:
            self.replace_option_prompt(
                f"article-{article_id}", self._prompt(self.story.article(article_id))
            )

    def highlighted_article(self) -> str | None:
        """The id of the article under the cursor."""
        option = self.highlighted_option
        return article_of(option.id) if option is not None and option.id else None

    def watch_order(self) -> None:
        # The cursor goes to the top, where the new order puts the articles worth a look.
        self.set_options(self._rows())
        if self.option_count:
            self.highlighted = 0

    def action_cycle_order(self) -> None:
        orders = list(PICK_ORDERS)
        self.order = orders[(orders.index(self.order) + 1) % len(orders)]

    def _rows(self) -> list[Option]:
        articles = list(self.story.comparison.articles)
        if self.order == "uniqueness":
            articles.sort(key=lambda a: -a.uniqueness)
        elif self.order == "claims":
            articles.sort(key=lambda a: -a.counts.claims)
        return [Option(self._prompt(article), id=f"article-{article.id}") for article in articles]

    def _prompt(self, article: Article) -> Content:
        style = component_styles(self)
        picked = article.id in self.picked
        mark = style("article-picker--picked") if picked else style("article-picker--muted")
        counts = article.counts
        bar = share_bar(article, BAR_WIDTH)
        return Content.assemble(
            Content.styled(PICKED_MARK if picked else UNPICKED_MARK, mark),
            " ",
            Content.styled(article.id.ljust(self._id_width), mark if picked else ""),
            f"  {article.story:>{self._story_width}}" if self._story_width else "",
            f"  {article.uniqueness:>6.0%}  ",
            *(Content.styled(glyphs, style(f"article-picker--{label}")) for label, glyphs in bar),
            " " * (BAR_WIDTH - sum(len(glyphs) for _, glyphs in bar)),
            "  ",
            *(
                Content.styled(
                    f"{LABEL_SYMBOLS[label]}{counts.of(label)}".ljust(self._count_width[label] + 2),
                    style(f"article-picker--{label}"),
                )
                for label in LABELS
            ),
            " ",
            one_line(article.title),
        )
