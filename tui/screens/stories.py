"""The story list: a big folder's stories, the first thing a reader of a month of coverage sees.

A folder of ``STORIES_FROM`` articles or more is compared story by story (claims of different
stories are never the same claim); this screen lists the stories, biggest first, and Enter
opens one in the reader. From the reader, ``b`` comes back here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from ..corpus import Corpus
from ..widgets.story_list import STORY_ORDERS, StoryList, story_of

if TYPE_CHECKING:
    from compare.settings import Settings

    from ..app import SynopsisApp


class StoriesScreen(Screen[int | None]):
    """Returns the story to open, or None to go back to the one open."""

    # fmt: off
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?", id="stories_help",
                tooltip="What the marks mean, and every key"),
        Binding("q", "quit", "Quit", id="stories_quit", tooltip="Leave synopsis"),
        Binding("escape,b", "back", "Back to the story", key_display="esc", id="back_to_story",
                tooltip="Back to the story open in the reader"),
        Binding("e", "export", "Export", id="stories_export",
                tooltip="Write the whole corpus, story by story, as the command line does"),
    ]
    # fmt: on

    def __init__(self, corpus: Corpus, settings: Settings, current: int | None = None) -> None:
        super().__init__(id="stories")
        self.corpus = corpus
        self.settings = settings
        """The settings the app labels with now (stories labelled otherwise are said to be)."""
        self.current = current
        """The story open in the reader, if one is."""

    def compose(self) -> ComposeResult:
        summaries = self.corpus.summaries
        stories = StoryList(summaries, self.current, id="story-list")
        articles = len(self.corpus.documents)
        with Vertical(id="stories-box") as box:
            box.border_title = f"Stories · {len(summaries)} stories in {articles} articles"
            box.border_subtitle = "= shared  ≈ paraphrased  + unique  (claims, across the story)"
            yield Static(self._status(), id="stories-note", markup=False)
            yield Static(stories.header(), id="stories-header", markup=False)
            yield stories
        yield Footer()

    def on_mount(self) -> None:
        stories = self.query_one(StoryList)
        stories.focus()
        self._retitle()
        self.watch(stories, "order", self._retitle, init=False)

    def _status(self) -> str:
        count = len(self.corpus)
        settings = self.settings
        method = next(  # as resolved (auto names the method it chose)
            (c.method_used for c in self.corpus.comparisons.values() if c.settings == settings),
            settings.method,
        )
        parts = [
            f"{len(self.corpus.documents)} articles in {count} stories, each compared on its own "
            f"({method} ≥{settings.paraphrase_at:.2f})",
            "Enter reads a story side by side; b in the reader comes back here",
        ]
        stale = len(self.corpus.stale(settings))
        if stale:
            parts.append(
                f"{stale} stories labelled under earlier settings are re-labelled when opened "
                "or exported"
            )
        return " · ".join(parts)

    def _retitle(self) -> None:
        stories = self.query_one(StoryList)
        self.query_one("#stories-header", Static).update(
            stories.header() + f"   · {STORY_ORDERS[stories.order]} (o sorts)"
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # No story open yet: nothing to go back to.
        return not (action == "back" and self.current is None)

    @on(OptionList.OptionSelected, "#story-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(story_of(event.option.id or ""))

    def action_back(self) -> None:
        if self.current is not None:
            self.dismiss(None)

    def action_export(self) -> None:
        self.synopsis.open_export_dialog()

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_quit(self) -> None:
        self.synopsis.quit_app()

    @property
    def synopsis(self) -> SynopsisApp:
        return self.app  # type: ignore[return-value]
