"""The help screen: what the marks mean and every key, read from the bindings themselves."""

from __future__ import annotations

import textwrap
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from compare.results import LABEL_SYMBOLS

from ..story import OVERVIEW_FIRST_ABOVE, READ_AT_LEAST, READ_AT_MOST

READING = """\
Each pane is one article. Every claim carries a mark in the left margin:
  {shared}  shared       another article carries it almost word for word (wire copy, a reused quote)
  {paraphrased}  paraphrased  another article says the same thing in other words
  {unique}  unique       no other article says it
  !  conflict     a linked claim gives a different figure, name or date
Headings, bylines and other boilerplate are dimmed and carry no mark.

The selected claim has a solid bar ▌ in its margin. Its counterpart in each other article has a \
dashed bar ╏ and is scrolled level with it. Its pane header gives the link's label and score, \
"in statement" for a sentence linked by its place in a statement both articles quote, "via \
group" for a claim linked only through its claim group, or says that the article has no \
counterpart.

Sentences are named B:12 (article B, sentence 12, counted from 0 with headings and \
boilerplate), the same number every export gives them.

The lens under the panes shows the selected claim over each counterpart, with the label and score \
(0 to 1) of each link; underlined words differ from the selected claim.

Each pane header gives the article's id, title and uniqueness (the share of its claim words no \
other article has), a bar of its shared █, paraphrased ▓ and unique ░ word shares, and its \
counts of = shared, ≈ paraphrased and + unique claims.

The coverage overview (c, or a for its list of articles) lists every article with its \
uniqueness, share bar and counts (o sorts the list, most unique first), and under it every claim \
group with how many articles tell it and a column per picked article. Space picks an article, \
or on a claim group every article that tells it; r reads the picked ones ({least} to {most}) side \
by side, and Enter on a claim group reads them at that claim. The panes, counterparts and lens \
then keep to the picked articles; the lens says how many other articles also tell a claim. With \
more than {above} articles synopsis opens on this overview.
""".format(**LABEL_SYMBOLS, least=READ_AT_LEAST, most=READ_AT_MOST, above=OVERVIEW_FIRST_ABOVE)


def key_names(binding: Binding, display: str) -> str:
    """All keys of a binding, as the reader types them."""
    keys = [key.strip() for key in binding.key.split(",")]
    names = {"shift+tab": "⇧Tab", "tab": "Tab", "home": "Home", "end": "End", "enter": "Enter"}
    shown = [display] + [names.get(k, k) for k in keys[1:]]
    return " ".join(dict.fromkeys(shown))


def key_row(keys: str, text: str, width: int = 70) -> str:
    """One key and what it does, the text wrapped under itself."""
    lines = textwrap.wrap(text, width) or [""]
    indent = " " * 20
    return "\n".join([f"  {keys:<18}{lines[0]}", *(indent + line for line in lines[1:])])


def explain(binding: Binding) -> str:
    """A binding's description, and its tooltip when it has one."""
    return f"{binding.description}: {binding.tooltip}" if binding.tooltip else binding.description


class HelpScreen(ModalScreen[None]):
    """Legend and key list; any of Escape, ? or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close", key_display="esc", id="close_help"),
    ]

    def compose(self) -> ComposeResult:
        from ..widgets.article_picker import ArticlePicker
        from ..widgets.coverage_matrix import CoverageMatrix
        from .coverage import CoverageScreen
        from .reader import ReaderScreen

        rows: list[str] = []
        seen_digits = False
        for entry in ReaderScreen.BINDINGS:
            assert isinstance(entry, Binding)
            if entry.key.isdigit():
                if not seen_digits:
                    rows.append(key_row("1 … 9", "Go to source 1 to 9 (A to I)"))
                    seen_digits = True
                continue
            rows.append(key_row(key_names(entry, self._display(entry)), explain(entry)))
        rows.append(key_row("^p", "Command palette: every action above, by name"))
        rows += ["", "Keys in the coverage overview (Tab moves between its two lists)"]
        rows += [
            key_row(where + key_names(entry, self._display(entry)), explain(entry))
            for where, entries in (
                ("", CoverageScreen.BINDINGS),
                ("list: ", ArticlePicker.BINDINGS),
                ("groups: ", CoverageMatrix.BINDINGS),
            )
            for entry in entries
            if isinstance(entry, Binding)
        ]
        from ..widgets.story_list import StoryList
        from .stories import StoriesScreen

        rows += ["", "Keys in the story list (a folder of many stories, read one at a time)"]
        rows += [
            key_row(key_names(entry, self._display(entry)), explain(entry))
            for entries in (StoriesScreen.BINDINGS, StoryList.BINDINGS)
            for entry in entries
            if isinstance(entry, Binding)
        ]
        with VerticalScroll(id="help-box") as box:
            box.border_title = "How to read synopsis"
            box.border_subtitle = "esc closes"
            yield Static(Content(READING), id="help-reading")
            yield Static(Content("Keys\n" + "\n".join(rows)), id="help-keys")

    def _display(self, binding: Binding) -> str:
        """How the first key of a binding is shown (its key_display, or Textual's name)."""
        return self.app.get_key_display(binding.with_key(binding.key.split(",")[0]))

    def action_close(self) -> None:
        self.dismiss(None)
