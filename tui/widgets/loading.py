"""What the reader sees before the panes: progress while comparing, or why it failed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, ProgressBar, Static

from ..text import one_line, shown


class LoadingPanel(Vertical):
    """A progress bar with the step under way."""

    def __init__(self, sources: list[str]) -> None:
        super().__init__(id="loading")
        self.sources = sources
        self._last: tuple[str, int, int] | None = None

    def compose(self) -> ComposeResult:
        sources = self.sources[0] if len(self.sources) == 1 else f"{len(self.sources)} sources"
        yield Label(f"Reading and comparing {one_line(sources)}…", id="loading-title", markup=False)
        yield ProgressBar(total=None, show_eta=False, id="loading-bar")
        yield Label("starting", id="loading-stage")

    def on_mount(self) -> None:
        if self._last is not None:  # progress reported before the panel was composed
            self.progress(*self._last)

    def progress(self, stage: str, done: int, total: int) -> None:
        """Show a step of the comparison (total 0: size unknown)."""
        self._last = (stage, done, total)
        bars = self.query(ProgressBar)
        if not bars:  # not composed yet: on_mount shows it
            return
        bar = bars.first()
        if total:
            bar.update(total=total, progress=done)
        else:
            bar.update(total=None)
        steps = {
            "loading": "reading sources",
            "preparing": "reading claims",
            "scoring": "scoring claim pairs",
            "grouping": "grouping articles into stories",
            "stories": "comparing each story (articles done)",
        }
        counted = f" ({done}/{total})" if total else ""
        self.query_one("#loading-stage", Label).update(f"{steps.get(stage, stage)}{counted}")


class FailurePanel(Vertical):
    """Why nothing can be shown, in the engine's words, and what to do next."""

    def __init__(self, reason: str) -> None:
        super().__init__(id="failure")
        self.reason = reason

    def compose(self) -> ComposeResult:
        yield Static("Nothing to compare", id="failure-title")
        yield Static(shown(self.reason), id="failure-reason", markup=False)
        yield Static(
            "Check the paths or URLs and run synopsis again. Press q to quit.", id="failure-hint"
        )
