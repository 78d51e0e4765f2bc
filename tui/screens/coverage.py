"""The coverage overview: pick the articles to read, see which of them tell which claim group.

The upper list holds every article with its uniqueness and counts; the matrix under it has one
row per claim group and a column per picked article. Space picks (an article, or every article
telling a claim group), ``r`` reads the picked articles side by side, Enter on a claim group
reads them at that claim.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import var
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static

from ..story import OVERVIEW_FIRST_ABOVE, READ_AT_LEAST, READ_AT_MOST, Story, pick_problem
from ..widgets.article_picker import PICK_ORDERS, ArticlePicker, article_of
from ..widgets.coverage_matrix import GROUP_ORDERS, CoverageMatrix, group_of

Focus = Literal["articles", "groups"]

SHOW_PICKED = 12
"""How many picked ids the status line spells out before it says how many more."""


@dataclass(frozen=True, slots=True)
class OverviewChoice:
    """What the reader chose in the overview."""

    picked: tuple[str, ...] | None
    """The articles to read side by side, in the order given; None for every article."""
    group: int | None = None
    """The claim group to jump to, if one was chosen."""


class CoverageScreen(ModalScreen[OverviewChoice | None]):
    """Returns the articles to read and the claim group chosen, or None when closed."""

    # fmt: off
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,c,q", "close", "Close", key_display="esc", id="close_coverage",
            tooltip="Back to the panes, reading what was read before",
        ),
        Binding(
            "r", "read_picked", "Read picked", id="read_picked",
            tooltip=f"Read the picked articles side by side ({READ_AT_LEAST} to {READ_AT_MOST}; "
            "with none picked, every article while there are few)",
        ),
        Binding(
            "x", "clear_picks", "Clear picks", id="clear_picks", tooltip="Unpick every article"
        ),
    ]
    # fmt: on

    picked: var[frozenset[str]] = var(frozenset(), init=False)
    """The articles picked so far (applied to the panes only when the reader reads them)."""

    def __init__(
        self,
        story: Story,
        current_group: int | None,
        *,
        reason: str | None = None,
        focus: Focus = "groups",
    ) -> None:
        super().__init__(id="coverage")
        self.story = story
        self.current_group = current_group
        self.reason = reason
        """Why the overview opened by itself (too many articles for the panes), if it did."""
        self.first_focus = focus
        self.set_reactive(CoverageScreen.picked, frozenset(story.picked or ()))

    def compose(self) -> ComposeResult:
        groups = self.story.comparison.groups
        total = len(self.story.all_ids)
        picker = ArticlePicker(self.story, self.picked, id="article-picker")
        matrix = CoverageMatrix(self.story, self._columns(), id="coverage-matrix")
        with Vertical(id="coverage-box") as box:
            box.border_title = f"Coverage · {len(groups)} claim groups × {total} articles"
            stories = {a.story for a in self.story.comparison.articles if a.story is not None}
            if len(stories) == 1:  # one story of a big folder
                box.border_title = f"Story {stories.pop()} · " + box.border_title
            box.border_subtitle = "= shared  ≈ paraphrased  + unique  · absent  [✓] picked"
            yield Static(self._status(), id="coverage-note", markup=False)
            yield Static(picker.header(), id="picker-header", markup=False)
            yield picker
            yield Static(matrix.header(), id="coverage-header", markup=False)
            yield matrix
        yield Footer()

    def on_mount(self) -> None:
        self._retitle()
        self.watch(self.query_one(ArticlePicker), "order", self._retitle, init=False)
        self.watch(self.query_one(CoverageMatrix), "order", self._retitle, init=False)
        if self.first_focus == "articles":
            self.query_one(ArticlePicker).focus()
        else:
            self.query_one(CoverageMatrix).focus()
        if self.current_group is not None:
            matrix = self.query_one(CoverageMatrix)
            self.call_after_refresh(matrix.highlight_group, self.current_group)

    # -- picking ------------------------------------------------------------------------------

    def _in_order(self, picked: frozenset[str]) -> tuple[str, ...]:
        return tuple(a for a in self.story.all_ids if a in picked)

    def _columns(self) -> tuple[str, ...]:
        """The picked articles; with none picked, every article while there are few."""
        if self.picked:
            return self._in_order(self.picked)
        return self.story.all_ids if len(self.story.all_ids) <= OVERVIEW_FIRST_ABOVE else ()

    def _status(self) -> str:
        total = len(self.story.all_ids)
        parts = [self.reason] if self.reason else []
        count = len(self.picked)
        if count:
            ids = self._in_order(self.picked)
            more = f" and {count - SHOW_PICKED} more" if count > SHOW_PICKED else ""
            parts.append(f"✓ {count} picked: {', '.join(ids[:SHOW_PICKED])}{more}")
            problem = pick_problem(count, total)
            parts.append(problem or "r reads them side by side")
        elif total <= OVERVIEW_FIRST_ABOVE:
            parts.append(
                f"reading all {total} articles; space picks {READ_AT_LEAST} to {READ_AT_MOST} "
                "of them to read only those, r reads them"
            )
        else:
            parts.append(
                f"none picked yet: space picks {READ_AT_LEAST} to {READ_AT_MOST} (an article, "
                "or on a claim group every article that tells it), r reads them"
            )
        return " · ".join(parts)

    def _retitle(self) -> None:
        """Say in each list's header how it is sorted."""
        picker = self.query_one(ArticlePicker)
        matrix = self.query_one(CoverageMatrix)
        self.query_one("#picker-header", Static).update(
            picker.header() + f"   · {PICK_ORDERS[picker.order]} (o sorts)"
        )
        self.query_one("#coverage-header", Static).update(
            matrix.header() + f"   · {GROUP_ORDERS[matrix.order]} (o sorts)"
        )

    def watch_picked(self, picked: frozenset[str]) -> None:
        self.query_one(ArticlePicker).show_picked(picked)
        self.query_one(CoverageMatrix).show_columns(self._columns())
        self.query_one("#coverage-note", Static).update(self._status())
        self._retitle()

    @on(ArticlePicker.OptionSelected, "#article-picker")
    def _toggle_article(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        article_id = article_of(event.option.id or "")
        self.picked = self.picked ^ {article_id}

    @on(CoverageMatrix.TellersPicked)
    def _toggle_tellers(self, message: CoverageMatrix.TellersPicked) -> None:
        tellers = frozenset(self.story.tellers(message.group))
        self.picked = self.picked - tellers if tellers <= self.picked else self.picked | tellers

    def action_clear_picks(self) -> None:
        self.picked = frozenset()

    # -- leaving ----------------------------------------------------------------------------------

    def _problem(self) -> str | None:
        """Why the picked articles cannot be read side by side, or None when they can."""
        return pick_problem(len(self.picked), len(self.story.all_ids))

    def _reading(self) -> tuple[str, ...] | None:
        """The picked articles in the order given, or None (none picked) for every article."""
        return self._in_order(self.picked) if self.picked else None

    def action_read_picked(self) -> None:
        problem = self._problem()
        if problem is not None:
            self.notify(problem, title="Read picked", severity="warning", markup=False)
            return
        self.dismiss(OverviewChoice(self._reading()))

    def action_close(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected, "#coverage-matrix")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        group_id = group_of(event.option.id or "")
        problem = self._problem()
        if problem is not None:
            self.notify(problem, title="Jump to claim", severity="warning", markup=False)
            return
        reading = self._reading()
        in_view = reading or self.story.all_ids
        if not any(article_id in in_view for article_id in self.story.tellers(group_id)):
            self.notify(
                f"No picked article tells claim group {group_id}: "
                "space picks the articles that do.",
                title="Jump to claim",
                severity="warning",
            )
            return
        self.dismiss(OverviewChoice(reading, group_id))
