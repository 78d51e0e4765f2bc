"""The main screen: one pane per article, the lens under them, every reading key bound here.

The per-key path is kept small on purpose. Moving the selection sets plain marks on the panes
that were and are marked (one selection, one counterpart per article), updates the pane headers
whose text changed, rebuilds the lens, and scrolls the panes on screen; each pane then repaints
its visible lines from cached strips. No CSS class changes (a CSS pass over every sentence was
the slow part of an earlier widget-per-sentence design), nothing is mounted or rebuilt, so a
key costs about the same with 2 articles or 12.

A comparison of more than ``OVERVIEW_FIRST_ABOVE`` articles opens on the coverage overview
instead, to pick the articles to read; the panes then show only those (rebuilt once per pick,
never per key), and navigation keeps to them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive, var
from textual.screen import Screen
from textual.widgets import Footer, Static

from compare.closest import ClosestClaims
from compare.export import sentence_ref
from compare.results import LABEL_SYMBOLS, LABELS, Comparison, Label

from ..story import OVERVIEW_FIRST_ABOVE, READ_AT_LEAST, READ_AT_MOST, Counterpart, Ref, Story
from ..widgets.article_pane import ArticlePane, ArticleView
from ..widgets.legend import Legend
from ..widgets.lens import Lens, under
from ..widgets.loading import FailurePanel, LoadingPanel
from ..widgets.source_bar import SourceBar

if TYPE_CHECKING:
    from ..app import SynopsisApp
    from .coverage import Focus, OverviewChoice

NARROW_BELOW = 100
"""Terminals narrower than this show one pane and a source switcher."""
PANE_MIN_WIDTH = 40
MAX_PANES = 4

SOURCE = Binding.Group("Source", compact=True)
CLAIM = Binding.Group("Claim", compact=True)
JUMP = Binding.Group("Next = ≈ +")


TIPS: dict[str, str] = {
    "previous_source": "Make the article to the left active: its counterpart of the selection, "
    "or the claim level with it",
    "next_source": "Make the article to the right active: its counterpart of the selection, "
    "or the claim level with it",
    "previous_claim": "Select the previous claim in this article",
    "next_claim": "Select the next claim in this article",
    "next_label('shared')": "Jump to the next = shared claim, article after article",
    "next_label('paraphrased')": "Jump to the next ≈ paraphrased claim, article after article",
    "next_label('unique')": "Jump to the next + unique claim, article after article",
    "cycle_counterpart": "Move the selection to its counterpart in the next article that has one",
    "cycle_filter": "Show only shared, then paraphrased, then unique claims, then all again",
    "toggle_sync": "Switch synchronized scrolling of the other panes on or off",
    "coverage": "Open the overview of claim groups by article; Enter jumps to a claim, "
    "space picks the articles that tell it",
    "pick_articles": f"Open the overview on the list of articles: space picks {READ_AT_LEAST} to "
    f"{READ_AT_MOST}, r reads only those side by side",
    "export": "Write the comparison as CSV, Markdown, JSON or HTML",
    "stories": "Back to the list of stories (a big folder is read one story at a time)",
    "help": "What the marks mean, and every key",
    "quit": "Leave synopsis",
    "threshold(0.05)": "Fewer, surer links: re-label with paraphrase_at + 0.05 (no re-scoring)",
    "threshold(-0.05)": "More, looser links: re-label with paraphrase_at - 0.05 (no re-scoring)",
    "switch_method": "Score with the next method (static, lexical, transformer); kept once scored",
    "toggle_pin": "Pin the active article to the left pane, and page the others beside it "
    "(again: unpin)",
    "search": "Find words in the claims of the articles read; n and N go to the next and "
    "previous match",
    "search_next(1)": "Go to the next claim holding the words searched for",
    "search_next(-1)": "Go to the previous claim holding the words searched for",
    "copy_claim": "Copy the selected claim, with its article, source and number, to the "
    "clipboard (through the terminal, OSC 52)",
    "open_article": "Open the active article's web page in the browser",
    "lens_page(1)": "Scroll the lens down a page, to the counterparts below",
    "lens_page(-1)": "Scroll the lens up a page",
}
"""Longer descriptions of the bindings, for the help screen, the palette and footer tooltips."""


def key(keys: str, action: str, description: str, **options: Any) -> Binding:
    """A binding with an id (for user keymaps) and its tooltip from TIPS."""
    binding_id = options.pop("id", None) or action.replace("('", "_").replace("')", "")
    return Binding(
        keys, action, description, id=binding_id, tooltip=TIPS.get(action, ""), **options
    )


def panes_per_page(width: int) -> int:
    """How many panes fit side by side: 1 below 100 columns, then one per 40 columns up to 4."""
    if width < NARROW_BELOW:
        return 1
    return max(2, min(MAX_PANES, width // PANE_MIN_WIDTH))


class ReaderScreen(Screen[None], inherit_bindings=False):
    """Articles side by side, claim by claim."""

    # fmt: off
    BINDINGS: ClassVar[list[BindingType]] = [
        # Help and quit first: the footer cuts what does not fit, and these must always show.
        key("question_mark", "help", "Help", key_display="?"),
        key("q", "quit", "Quit"),
        key("left,shift+tab", "previous_source", "Previous source", key_display="←", group=SOURCE),
        key("right,tab", "next_source", "Next source", key_display="→", group=SOURCE),
        key("up,k", "previous_claim", "Previous claim", key_display="↑", group=CLAIM),
        key("down,j", "next_claim", "Next claim", key_display="↓", group=CLAIM),
        key("s", "next_label('shared')", "Next shared claim", group=JUMP),
        key("p", "next_label('paraphrased')", "Next paraphrased claim", group=JUMP),
        key("u", "next_label('unique')", "Next unique claim", group=JUMP),
        key("S", "previous_label('shared')", "Previous shared claim", show=False),
        key("P", "previous_label('paraphrased')", "Previous paraphrased claim", show=False),
        key("U", "previous_label('unique')", "Previous unique claim", show=False),
        key("enter", "cycle_counterpart", "Counterpart"),
        key("f", "cycle_filter", "Filter"),
        key("y", "toggle_sync", "Sync"),
        key("c", "coverage", "Coverage"),
        key("a", "pick_articles", "Pick articles"),
        key("e", "export", "Export"),
        key("b", "stories", "Stories"),
        key("slash", "search", "Search", key_display="/"),
        key("n", "search_next(1)", "Next match", show=False, id="next_match"),
        key("N", "search_next(-1)", "Previous match", show=False, id="previous_match"),
        key("C", "copy_claim", "Copy claim", show=False),
        key("o", "open_article", "Open in browser", show=False),
        key("t", "toggle_pin", "Pin", show=False),
        key("pagedown,shift+down", "lens_page(1)", "Scroll the lens down", key_display="PgDn",
            show=False, id="lens_down"),
        key("pageup,shift+up", "lens_page(-1)", "Scroll the lens up", key_display="PgUp",
            show=False, id="lens_up"),
        key("home,g", "first_claim", "First claim", show=False),
        key("end,G", "last_claim", "Last claim", show=False),
        key("right_square_bracket", "threshold(0.05)", "Raise paraphrase threshold",
            key_display="]", show=False, id="raise_threshold"),
        key("left_square_bracket", "threshold(-0.05)", "Lower paraphrase threshold",
            key_display="[", show=False, id="lower_threshold"),
        key("m", "switch_method", "Switch similarity method", show=False, id="switch_method"),
        *(key(str(n), f"go_to_source({n - 1})", f"Go to source {n}", show=False, id=f"source_{n}")
          for n in range(1, 10)),
    ]
    # fmt: on

    NAVIGATION: ClassVar[frozenset[str]] = frozenset(
        {
            "previous_source", "next_source", "previous_claim", "next_claim", "next_label",
            "previous_label", "cycle_counterpart", "cycle_filter", "toggle_sync",
            "first_claim", "last_claim", "go_to_source", "toggle_pin", "lens_page",
            "search", "search_next", "copy_claim", "open_article",
        }
    )  # fmt: skip
    """Actions that need a selection."""
    WHOLE: ClassVar[frozenset[str]] = frozenset(
        {"coverage", "pick_articles", "export", "threshold"}
    )
    """Actions on the whole comparison: they work before any article is picked."""

    selected: var[Ref | None] = var(None, init=False)
    """The selected claim as (article id, sentence index); None until a comparison is shown."""
    sync: reactive[bool] = reactive(True, init=False)
    """Whether the other panes scroll to keep the selected claim's counterparts level with it."""
    label_filter: reactive[Label | None] = reactive(None, init=False)
    """Show only the claims of this label (plus the selection and its counterparts); None: all."""
    per_page: var[int] = var(MAX_PANES, init=False)
    """How many panes fit side by side in the terminal as it is now."""
    page: var[int] = var(0, init=False)
    """Which group of ``per_page`` articles is on screen (0 for the first)."""
    pinned: var[str | None] = var(None, init=False)
    """The article kept in the left pane while the others page beside it; None: none pinned."""

    def __init__(self) -> None:
        super().__init__(id="reader")
        self.story: Story | None = None
        self.panes: dict[str, ArticlePane] = {}
        self._marked: set[str] = set()
        """Articles whose panes carry a selection or counterpart mark."""
        self._failure: str | None = None
        self._align_pending = False
        self._query = ""
        """The words last searched for (``/``), found again by ``n`` and ``N``."""
        self._closest: ClosestClaims | None = None

    @property
    def synopsis(self) -> SynopsisApp:
        return self.app  # type: ignore[return-value]

    # -- building ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield SourceBar(id="sources")
        comparison = self.synopsis.comparison
        if comparison is not None:
            self._set_story(comparison, first_picked(comparison))
        with Vertical(id="main"):
            if comparison is None:
                yield LoadingPanel(self.synopsis.sources)
            with Horizontal(id="panes"):
                yield from self.panes.values()
            lens = Lens()
            lens.display = comparison is not None
            yield lens
        yield Legend(id="legend")
        yield Footer()

    def on_mount(self) -> None:
        self.per_page = panes_per_page(self.size.width or self.app.size.width)
        self._fit_footer(self.size.width or self.app.size.width)
        bar = self.query_one(SourceBar)
        if self._failure is None:
            bar.message = "reading sources…"
        if self.story is not None:
            self._start()

    def _closest_claims(self, comparison: Comparison) -> ClosestClaims | None:
        """Near misses for the lens, from the analysis the app keeps for this comparison (none
        when it keeps none: a story of a big folder not yet re-labelled)."""
        analysis = self.synopsis.analysis
        if analysis is None or len(analysis.documents) != len(comparison.articles):
            return None
        if self._closest is None or self._closest.analysis is not analysis:
            self._closest = ClosestClaims(analysis)
        return self._closest

    def _set_story(self, comparison: Comparison, picked: tuple[str, ...] | None) -> None:
        self.story = Story(comparison, picked, self._closest_claims(comparison))
        self.panes = {
            article_id: ArticlePane(self.story.article(article_id)) for article_id in self.story.ids
        }

    async def show_comparison(self, comparison: Comparison) -> None:
        """Show a freshly computed comparison (the panes are built once, here)."""
        self._set_story(comparison, first_picked(comparison))
        for loading in self.query(LoadingPanel):
            await loading.remove()
        await self.query_one("#panes").mount_all(self.panes.values())
        self._start()

    async def read_articles(self, picked: tuple[str, ...] | None) -> None:
        """Show only these articles side by side (None: every article), panes rebuilt once.

        The selection stays where it was when its article is still read; else the first claim
        of the first article is selected.
        """
        assert self.story is not None
        reading = self.story.all_ids if picked is None else picked
        keep = self.selected if self.selected is not None and self.selected[0] in reading else None
        self.set_reactive(ReaderScreen.selected, keep)
        self.set_reactive(ReaderScreen.pinned, None)  # the panes are built again, in order
        self._marked = set()
        self._set_story(self.story.comparison, picked)
        for hint in self.query("#pick-hint"):
            await hint.remove()
        panes = self.query_one("#panes")
        await panes.remove_children()
        for pane in self.panes.values():
            pane.view.set_filter(self.label_filter)
        await panes.mount_all(self.panes.values())
        self.page = 0
        if self.label_filter is not None and not self.story.label_counts()[self.label_filter]:
            self.set_reactive(ReaderScreen.label_filter, None)
            for pane in self.panes.values():
                pane.view.set_filter(None)
            self.query_one(SourceBar).label_filter = None
        self._start(keep)

    def show_stories_ready(self, stories: int, articles: int) -> None:
        """A big folder was compared story by story: no panes until a story is opened."""
        for loading in self.query(LoadingPanel):
            loading.remove()
        self.query_one(
            SourceBar
        ).message = f"{articles} articles in {stories} stories (b lists them)"
        self.refresh_bindings()

    async def show_story(self, comparison: Comparison, story: int, stories: int) -> None:
        """Read another story of a big folder: its panes built once, nothing kept of the last."""
        self.set_reactive(ReaderScreen.selected, None)
        self.set_reactive(ReaderScreen.pinned, None)
        self._marked = set()
        self.query_one(SourceBar).story = f"story {story} of {stories}"
        self._set_story(comparison, first_picked(comparison))
        for old in self.query("#pick-hint"):
            await old.remove()
        panes = self.query_one("#panes")
        await panes.remove_children()
        assert self.story is not None
        if self.label_filter is not None and not self.story.label_counts()[self.label_filter]:
            self.set_reactive(ReaderScreen.label_filter, None)
            self.query_one(SourceBar).label_filter = None
        for pane in self.panes.values():
            pane.view.set_filter(self.label_filter)
        await panes.mount_all(self.panes.values())
        self.page = 0
        self._start()

    def update_comparison(self, comparison: Comparison) -> None:
        """Apply re-labelled results in place: same sentences, new labels, links and groups."""
        if self.story is None:
            return
        self.story = Story(comparison, self.story.picked, self._closest_claims(comparison))
        self.query_one(SourceBar).scoring = scoring_text(comparison)
        for article_id, pane in self.panes.items():
            pane.set_article(self.story.article(article_id))
        selected = self.selected
        if selected is not None:
            self._show_selection(selected)

    def show_failure(self, reason: str) -> None:
        """Replace the progress display with why nothing can be shown."""
        self._failure = reason
        for loading in self.query(LoadingPanel):
            loading.remove()
        self.query_one("#main").mount(FailurePanel(reason), before=0)
        self.query_one(Lens).display = False
        self.query_one(SourceBar).message = "nothing to show"
        self.refresh_bindings()

    def show_progress(self, stage: str, done: int, total: int) -> None:
        for loading in self.query(LoadingPanel):
            loading.progress(stage, done, total)

    def _start(self, keep: Ref | None = None) -> None:
        """Show the story's panes (or, with none picked, the overview to pick them from)."""
        assert self.story is not None
        bar = self.query_one(SourceBar)
        bar.ids = self.story.ids
        bar.total = len(self.story.all_ids)
        bar.sync = self.sync
        bar.scoring = scoring_text(self.story.comparison)
        self.refresh_bindings()
        if not self.story.ids:
            self._wait_for_picks()
            return
        self.query_one(Lens).display = True
        self._apply_page(force=True)
        if keep is not None:
            self._show_selection(keep)
            return
        first = self.story.first_claim()
        if first is not None:
            self.selected = first
        else:
            self.query_one(Lens).show(None, None)
            self.notify("No claims were found in these articles.", severity="warning")

    def _wait_for_picks(self) -> None:
        """Too many articles for the panes: say so, and open the overview to pick from."""
        assert self.story is not None
        count = len(self.story.all_ids)
        self.query_one(Lens).display = False
        self.query_one(SourceBar).message = f"{count} articles · none picked yet (a picks)"
        if not self.query("#pick-hint"):
            self.query_one("#main").mount(
                Static(
                    f"{count} articles are too many to read side by side.\n\n"
                    f"Press a to pick {READ_AT_LEAST} to {READ_AT_MOST} of them from the list "
                    "of articles (sorted by uniqueness with o), or c to pick the articles that "
                    "tell a claim group; r then reads the picked articles.",
                    id="pick-hint",
                ),
                before=0,
            )
        self.call_after_refresh(self.open_overview, "articles")

    # -- the selection ---------------------------------------------------------------------------

    def watch_selected(self, old: Ref | None, new: Ref | None) -> None:
        if new is not None:
            self._show_selection(new)

    def _show_selection(self, ref: Ref) -> None:
        story = self.story
        assert story is not None
        paged = self._ensure_visible(ref[0])
        counterparts = story.counterparts(ref)
        marks: dict[str, tuple[int | None, int | None]] = {ref[0]: (ref[1], None)}
        for linked in counterparts.values():
            marks[linked.article] = (None, linked.index)
        for article_id in self._marked - marks.keys():
            self.panes[article_id].view.set_marks(None, None)
        for article_id, (selected_index, counterpart_index) in marks.items():
            self.panes[article_id].view.set_marks(selected_index, counterpart_index)
        self._marked = set(marks)
        label = story.sentence(ref).label
        symbol = LABEL_SYMBOLS[label] if label else ""
        for article_id, pane in self.panes.items():
            header = pane.header
            header.active = article_id == ref[0]
            if article_id == ref[0]:
                header.status = f"▌ selected {sentence_ref(*ref)} {symbol} {label or ''}".rstrip()
                header.missing = False
            elif (counterpart := counterparts.get(article_id)) is not None:
                header.status = (
                    f"╏ counterpart {sentence_ref(*counterpart.ref)} {_how_linked(counterpart)}"
                )
                header.missing = False
            else:
                header.status = f"✕ no counterpart of {sentence_ref(*ref)}"
                header.missing = True
        self.query_one(SourceBar).active = ref[0]
        self.query_one(Lens).show(story, ref)
        if paged:
            # Panes just shown have no size yet: align once the new layout is known.
            self.call_after_refresh(self._align)
        else:
            # The panes lay out their own lines, so positions are known now: aligning at once
            # paints the whole key in a single frame.
            self._align()

    def _align(self) -> None:
        """Scroll the active pane to the selection, and the others to bring counterparts level."""
        ref = self.selected
        if ref is None or self.story is None:
            return
        view = self.panes[ref[0]].view
        span = view.span(ref[1])
        if span is None:
            if not view.size.width and not self._align_pending:
                # The pane has not been laid out yet (just shown): try again after the next frame.
                self._align_pending = True
                self.call_after_refresh(self._align_later)
            return
        start, lines = span
        height = view.scrollable_content_region.height
        top = round(view.scroll_y)
        margin = min(2, max(0, (height - lines) // 2))
        if lines > height - 2 * margin or start < top + margin:
            target = start - margin
        elif start + lines > top + height - margin:
            target = start + lines + margin - height
        else:
            target = top
        target = max(0, min(target, view.max_scroll_y))
        if target != top:
            view.scroll_to(y=target, animate=False, force=True, immediate=True)
        if not self.sync:
            return
        level = start - target
        for counterpart in self.story.counterparts(ref).values():
            pane = self.panes[counterpart.article]
            if not pane.display:
                continue
            other = pane.view
            other_span = other.span(counterpart.index)
            if other_span is None:
                continue
            other_target = max(0, min(other_span[0] - level, other.max_scroll_y))
            if other_target != round(other.scroll_y):
                other.scroll_to(y=other_target, animate=False, force=True, immediate=True)

    def _align_later(self) -> None:
        self._align_pending = False
        self._align()

    # -- paging ------------------------------------------------------------------------------------

    def on_resize(self) -> None:
        self._fit_footer(self.size.width)
        per_page = panes_per_page(self.size.width)
        if per_page != self.per_page:
            self.per_page = per_page
            self._apply_page(force=True)
            self.call_after_refresh(self._align)

    def _fit_footer(self, width: int) -> None:
        """Squeeze the key line on narrow terminals (^p is still listed in the help)."""
        footer = self.query_one(Footer)
        footer.compact = width < 120
        # Below 120 columns the keys fill the line, and ^p would be drawn over the last one.
        palette = width >= 120
        if footer.show_command_palette != palette:
            footer.show_command_palette = palette
            footer.refresh(recompose=True)

    def _paged(self) -> tuple[tuple[str, ...], int]:
        """The articles that page, and how many of them a page shows (beside the pinned one)."""
        assert self.story is not None
        pinned = self.pinned if self.per_page > 1 else None
        if pinned is None:
            return self.story.ids, self.per_page
        return tuple(a for a in self.story.ids if a != pinned), self.per_page - 1

    def _page_of(self, article_id: str) -> int | None:
        """The page that shows an article (None: the pinned one, on every page)."""
        paged, per_page = self._paged()
        if article_id not in paged:
            return None
        return paged.index(article_id) // per_page

    def _ensure_visible(self, article_id: str) -> bool:
        """Turn to the page that shows an article; return whether the page changed."""
        assert self.story is not None
        page = self._page_of(article_id)
        if page is None or page == self.page:
            return False
        self.page = page
        self._apply_page()
        return True

    def _apply_page(self, force: bool = False) -> None:
        story = self.story
        if story is None:
            return
        if force and self.selected is not None:
            page = self._page_of(self.selected[0])
            if page is not None:
                self.page = page
        paged, per_page = self._paged()
        pages = max(1, -(-len(paged) // per_page))
        self.page = min(self.page, pages - 1)
        start = self.page * per_page
        shown = paged[start : start + per_page]
        pinned = self.pinned if len(paged) < len(story.ids) else None
        if pinned is not None:
            shown = (pinned, *shown)
        for article_id, pane in self.panes.items():
            pane.display = article_id in shown
            pane.set_class(article_id == pinned, "-pinned")
        bar = self.query_one(SourceBar)
        bar.on_screen = shown
        bar.pinned = pinned
        bar.page = (self.page + 1, pages)
        self.query_one("#panes").set_class(self.per_page == 1, "-single")
        self.query_one(Lens).set_compact(self.per_page == 1)

    # -- actions -----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "stories":
            return self.synopsis.corpus is not None  # only a big folder has a story list
        if action in self.NAVIGATION and (self.story is None or self.selected is None):
            return None  # shown, greyed out, until there is something to navigate
        if action in self.WHOLE and self.story is None:
            return None
        return True

    def _move(self, ref: Ref | None) -> None:
        if ref is None:
            self.app.bell()
        else:
            self.selected = ref

    def action_next_claim(self) -> None:
        assert self.story is not None and self.selected is not None
        self._move(self.story.step_claim(self.selected, 1, self.label_filter))

    def action_previous_claim(self) -> None:
        assert self.story is not None and self.selected is not None
        self._move(self.story.step_claim(self.selected, -1, self.label_filter))

    def action_first_claim(self) -> None:
        assert self.story is not None and self.selected is not None
        claims = self.story.claims(self.selected[0], self.label_filter)
        self._move((self.selected[0], claims[0]) if claims else None)

    def action_last_claim(self) -> None:
        assert self.story is not None and self.selected is not None
        claims = self.story.claims(self.selected[0], self.label_filter)
        self._move((self.selected[0], claims[-1]) if claims else None)

    def action_next_label(self, label: Label) -> None:
        self._jump_to_label(label, 1)

    def action_previous_label(self, label: Label) -> None:
        self._jump_to_label(label, -1)

    def _jump_to_label(self, label: Label, step: int) -> None:
        assert self.story is not None and self.selected is not None
        target = self.story.next_of_label_anywhere(self.selected, label, step)
        if target is None:
            self.notify(f"No {label} claims in any article.", severity="warning")
            return
        if self.label_filter is not None and self.label_filter != label:
            self.label_filter = None  # the filter would hide where we are going
        self.selected = target

    def action_next_source(self) -> None:
        self._switch_source(1)

    def action_previous_source(self) -> None:
        self._switch_source(-1)

    def _switch_source(self, step: int) -> None:
        assert self.story is not None and self.selected is not None
        ids = self.story.ids
        here = ids.index(self.selected[0])
        self.go_to_article(ids[(here + step) % len(ids)])

    def action_go_to_source(self, position: int) -> None:
        assert self.story is not None
        if position >= len(self.story.ids):
            self.app.bell()
            return
        self.go_to_article(self.story.ids[position])

    def go_to_article(self, article_id: str) -> None:
        """Make another article's pane active.

        The counterpart of the selection there is selected, or else the claim level with it.
        """
        story = self.story
        assert story is not None and self.selected is not None
        ref = self.selected
        if article_id == ref[0]:
            return
        counterpart = story.counterparts(ref).get(article_id)
        target = (
            counterpart.ref if counterpart is not None else self._claim_level_with(ref, article_id)
        )
        if target is None:
            self.notify(f"{article_id} has no claims to select.", severity="warning")
            return
        self.selected = target

    def _claim_level_with(self, ref: Ref, article_id: str) -> Ref | None:
        """The claim of another pane nearest the selection's row, else at the same depth."""
        story = self.story
        assert story is not None
        pane, here = self.panes[article_id], self.panes[ref[0]]
        claims = story.claims(article_id, self.label_filter) or story.claims(article_id)
        if not claims:
            return None
        if pane.display and here.display:
            here_span = here.view.span(ref[1])
            if here_span is not None:
                row = here_span[0] - round(here.view.scroll_y)
                top, height = round(pane.view.scroll_y), pane.view.scrollable_content_region.height
                visible = [
                    (i, span[0] - top)
                    for i in claims
                    if (span := pane.view.span(i)) is not None and top <= span[0] < top + height
                ]
                if visible:
                    nearest = min(visible, key=lambda item: (abs(item[1] - row), item[0]))
                    return (article_id, nearest[0])
        return story.nearest_claim(article_id, story.fraction(ref), self.label_filter)

    def action_cycle_counterpart(self) -> None:
        assert self.story is not None and self.selected is not None
        target = self.story.cycle(self.selected)
        if target is None:
            self.notify("This claim has no counterpart in another article.")
            return
        self.selected = target

    def action_cycle_filter(self) -> None:
        assert self.story is not None
        counts = self.story.label_counts()
        order: list[Label | None] = [None, *LABELS]
        position = order.index(self.label_filter)
        for step in range(1, len(order) + 1):
            candidate = order[(position + step) % len(order)]
            if candidate is None or counts[candidate]:
                self.label_filter = candidate
                return

    def set_filter(self, label: Label | None) -> None:
        """Show only one label's claims (None: all)."""
        self.label_filter = label

    def watch_label_filter(self, old: Label | None, new: Label | None) -> None:
        for pane in self.panes.values():
            pane.view.set_filter(new)
        self.query_one(SourceBar).label_filter = new
        story, ref = self.story, self.selected
        if (
            new is not None
            and story is not None
            and ref is not None
            and story.sentence(ref).label != new
        ):
            target = story.next_of_label(ref, new) or story.next_of_label_anywhere(ref, new, 1)
            if target is not None:
                self.selected = target
                return
        self._align()

    def action_toggle_sync(self) -> None:
        self.sync = not self.sync
        self.notify(f"Synchronized scrolling {'on' if self.sync else 'off'}.")

    def watch_sync(self, sync: bool) -> None:
        self.query_one(SourceBar).sync = sync
        if sync:
            self.call_after_refresh(self._align)

    def action_coverage(self) -> None:
        self.open_overview("groups")

    def action_pick_articles(self) -> None:
        self.open_overview("articles")

    def open_overview(self, focus: Focus = "groups") -> None:
        """Open the coverage overview on the article list or on the claim groups."""
        from .coverage import CoverageScreen

        story = self.story
        assert story is not None
        if isinstance(self.app.screen, CoverageScreen):
            return
        group = story.group(self.selected) if self.selected is not None else None
        reason = (
            f"{len(story.all_ids)} articles: pick the ones to read side by side"
            if not story.ids
            else None
        )
        self.app.push_screen(
            CoverageScreen(story, group.id if group else None, reason=reason, focus=focus),
            self._overview_closed,
        )

    async def _overview_closed(self, choice: OverviewChoice | None) -> None:
        if choice is None or self.story is None:
            return
        if choice.picked != self.story.picked:
            await self.read_articles(choice.picked)
        if choice.group is not None:
            self.jump_to_group(choice.group)

    def jump_to_group(self, group_id: int) -> None:
        """Select a claim group's claim: in the active article if it tells it, else the first."""
        story = self.story
        assert story is not None
        members = [m for m in story.group_by_id(group_id).members if m.article in story.ids]
        if not members:
            self.notify(f"No article read here tells claim group {group_id}.", severity="warning")
            return
        here = self.selected[0] if self.selected else None
        member = next((m for m in members if m.article == here), members[0])
        if (
            self.label_filter is not None
            and story.sentence((member.article, member.index)).label != self.label_filter
        ):
            self.label_filter = None
        self.selected = (member.article, member.index)

    def action_export(self) -> None:
        self.synopsis.open_export_dialog()

    def action_stories(self) -> None:
        self.synopsis.show_stories()

    def action_toggle_pin(self) -> None:
        """Pin the active article to the left pane (or unpin it); the others page beside it."""
        assert self.story is not None and self.selected is not None
        active = self.selected[0]
        if self.pinned == active:
            self.pinned = None
            self.notify(f"{active} unpinned.")
        elif self.per_page < 2:
            self.notify(
                f"Pinning needs two panes side by side: widen the terminal to {NARROW_BELOW} "
                "columns or more.",
                severity="warning",
            )
            return
        else:
            self.pinned = active
            self.notify(f"{active} pinned to the left pane; → and ← page the others beside it.")
        self._apply_page(force=True)
        self.call_after_refresh(self._align)

    def watch_pinned(self, old: str | None, new: str | None) -> None:
        """Keep the pinned pane first, on the left; an unpinned one goes back to its place."""
        if self.story is None:
            return
        container = self.query_one("#panes")
        if old is not None and old in self.panes:
            position = self.story.ids.index(old)
            after = self.story.ids[position - 1] if position else None
            if after is None:
                container.move_child(self.panes[old], before=0)
            else:
                container.move_child(self.panes[old], after=self.panes[after])
        if new is not None and new in self.panes:
            container.move_child(self.panes[new], before=0)

    def action_search(self) -> None:
        from .search import SearchScreen

        self.app.push_screen(SearchScreen(self._query), self._search_for)

    def _search_for(self, query: str | None) -> None:
        if query:
            self._query = query
            self.action_search_next(1)

    def action_search_next(self, step: int) -> None:
        """Select the next (1) or previous (-1) claim holding the words searched for, wrapping."""
        assert self.story is not None and self.selected is not None
        if not self._query:
            self.notify("Nothing searched for yet: / finds words in the claims.")
            return
        found = self.story.find(self._query)
        if not found:
            self.notify(f"No claim holds {self._query!r}.", severity="warning", markup=False)
            return
        here = self.story.position(self.selected[0]), self.selected[1]
        ordered = [((self.story.position(a), i), (a, i)) for a, i in found]
        if step > 0:
            after = [ref for key, ref in ordered if key > here]
            target = after[0] if after else found[0]
        else:
            before = [ref for key, ref in ordered if key < here]
            target = before[-1] if before else found[-1]
        if self.label_filter is not None and self.story.sentence(target).label != self.label_filter:
            self.label_filter = None  # the filter would hide the match
        self.selected = target
        self.notify(
            f"{self._query!r}: match {found.index(target) + 1} of {len(found)} "
            f"({sentence_ref(*target)})",
            timeout=3,
            markup=False,
        )

    def action_copy_claim(self) -> None:
        """Copy the selected claim with where it comes from, ready to paste into notes."""
        assert self.story is not None and self.selected is not None
        article = self.story.article(self.selected[0])
        sentence = self.story.sentence(self.selected)
        about = ", ".join(x for x in (article.outlet, article.author, article.date) if x)
        where = f"{article.title} ({about})" if about else article.title
        text = (
            f"{sentence.text}\n— {sentence_ref(*self.selected)}, {where}, "
            f"{article.url or article.source}"
        )
        self.app.copy_to_clipboard(text)
        self.notify(
            f"Copied {sentence_ref(*self.selected)} with its source (your terminal must allow "
            "programs to set the clipboard, OSC 52).",
            timeout=4,
        )

    def action_open_article(self) -> None:
        """Open the active article's web page, when it was read from one."""
        assert self.story is not None and self.selected is not None
        article = self.story.article(self.selected[0])
        if not article.url:
            self.notify(
                f"{article.id} was read from {article.source}: it has no web page to open.",
                severity="warning",
                markup=False,
            )
            return
        self.app.open_url(article.url)
        self.notify(f"Opening {article.url}", markup=False)

    def action_lens_page(self, direction: int) -> None:
        if not self.query_one(Lens).page(direction):
            self.app.bell()

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_quit(self) -> None:
        self.synopsis.quit_app()

    def action_threshold(self, delta: float) -> None:
        self.synopsis.change_threshold(delta)

    def action_switch_method(self) -> None:
        self.synopsis.switch_method()

    @on(ArticleView.Clicked)
    def _clicked(self, message: ArticleView.Clicked) -> None:
        if self.story is None:
            return
        ref = (message.article, message.index)
        if self.story.sentence(ref).is_claim:
            self.selected = ref


def scoring_text(comparison: Comparison) -> str:
    """The method and paraphrase threshold behind the labels, for the top line: ``static ≥0.50``."""
    return f"{comparison.method_used} ≥{comparison.settings.paraphrase_at:.2f}"


def first_picked(comparison: Comparison) -> tuple[str, ...] | None:
    """What to read at first: every article, or none (to pick) past ``OVERVIEW_FIRST_ABOVE``."""
    return () if len(comparison.articles) > OVERVIEW_FIRST_ABOVE else None


def _how_linked(counterpart: Counterpart) -> str:
    """A pane header's account of a counterpart, as the lens gives it in full: the link's label
    and score; a sentence in its place in a quoted statement says so, since its own score is
    under the threshold; a group member shows its own score rounded down, as the lens does."""
    match = counterpart.match
    if match is None:
        return "via group"
    if match.via == "group":
        return f"via group {under(match.score)}"
    scored = f"{LABEL_SYMBOLS[match.label]} {match.score:.2f}"
    return f"{scored} in statement" if match.via == "statement" else scored
