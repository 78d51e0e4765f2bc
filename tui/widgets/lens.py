"""The lens: the selected claim over each of its counterparts, with the words that differ marked."""

from __future__ import annotations

import math
from typing import ClassVar

from textual.content import Content

from compare.export import sentence_ref
from compare.results import LABEL_SYMBOLS, LABELS, Sentence

from ..story import Counterpart, Ref, Story
from ..text import shown
from ..worddiff import changed_spans, own_spans
from .lines import ContentLines
from .styles import component_styles

INDENT = 4

EMPTY_HINT = (
    "Select a claim (↑/↓ or a click) to see here how each other article tells it. "
    "Underlined words differ from the selected claim."
)


def plural(count: int) -> str:
    return "article" if count == 1 else "articles"


def merge_spans(text: str, spans: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """Join spans separated only by spaces, so a changed phrase reads as one highlight."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


class Lens(ContentLines):
    """The panel under the panes: the selected claim over each counterpart, changes underlined."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "lens--ref",
        *(f"lens--{label}" for label in LABELS),
        "lens--diff",
        "lens--conflict",
        "lens--muted",
    }

    def __init__(self) -> None:
        super().__init__(id="lens")
        self.border_title = "Lens"
        self._state: tuple[Story, Ref] | None = None
        self.compact = False
        """One pane on screen: the selected claim's text is in the pane above, so the lens
        gives its heading only and the counterparts best first, the best one in view."""

    def set_compact(self, compact: bool) -> None:
        """Switch compact mode (one pane on screen) on or off."""
        if compact != self.compact:
            self.compact = compact
            self.rebuild()

    def page(self, direction: int) -> bool:
        """Scroll a page down (1) or up (-1), keeping one line of context; False at the end."""
        height = self.scrollable_content_region.height
        before = round(self.scroll_y)
        target = max(0, min(before + direction * max(1, height - 1), round(self.max_scroll_y)))
        if target == before:
            return False
        self.scroll_to(y=target, animate=False, immediate=True)
        self._show_position()
        return True

    def show(self, story: Story | None, ref: Ref | None) -> None:
        """Show a claim and its counterparts (None shows the hint)."""
        self._state = (story, ref) if story is not None and ref is not None else None
        self.scroll_to(y=0, animate=False, immediate=True)
        self.rebuild()

    def build(self, width: int) -> list[Content]:
        if self._state is None:
            return Content.styled(EMPTY_HINT, component_styles(self)("lens--muted")).wrap(
                max(width, 10)
            )
        lines: list[Content] = []
        indent = Content(" " * INDENT)
        for heading, body in self._entries(*self._state):
            first, *rest = heading.wrap(max(width, 10))
            lines.append(first)
            if rest:  # a long heading continues under its text, not under the reference
                lines.extend(
                    Content("  ") + line
                    for line in Content(" ").join(rest).wrap(max(width - 2, 10))
                )
            if body.plain:
                lines.extend(indent + line for line in body.wrap(max(width - INDENT, 10)))
        return lines

    def rebuild(self) -> None:
        super().rebuild()
        self._show_position()

    def _show_position(self) -> None:
        """Say in the title how much of the lens is out of view, and the keys that scroll it."""
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        above = top if height else 0
        below = max(0, len(self._lines) - height - top) if height else 0
        parts = []
        if above:
            parts.append(f"↑ {above} above")
        if below:
            parts.append(f"↓ {below} more {'line' if below == 1 else 'lines'}")
        keys = " (PgUp/PgDn)" if parts else ""
        self.border_title = "Lens" + "".join(f" · {part}" for part in parts) + keys

    # -- building -------------------------------------------------------------------------------

    def _label(self, label: str, score: float | None = None, extra: str = "") -> Content:
        symbol = LABEL_SYMBOLS.get(label, "")  # type: ignore[call-overload]
        text = f"{symbol} {label}" + (f" {score:.2f}" if score is not None else "") + extra
        return Content.styled(text, component_styles(self)(f"lens--{label}"))

    def _marked(self, text: str, spans: tuple[tuple[int, int], ...]) -> Content:
        content = Content(shown(text))  # one character for one: the spans still fit
        diff = component_styles(self)("lens--diff")
        for start, end in merge_spans(text, spans):
            content = content.stylize(diff, start, end)
        return content

    def _entries(self, story: Story, ref: Ref) -> list[tuple[Content, Content]]:
        style = component_styles(self)
        sentence = story.sentence(ref)
        counterparts = story.counterparts(ref)
        entries: list[tuple[Content, Content]] = []
        if not sentence.is_claim:
            return [
                (
                    Content.styled(sentence_ref(*ref), style("lens--ref")),
                    Content(shown(sentence.text)),
                )
            ]
        group = story.group(ref)
        told = 1 + sum(1 for c in counterparts.values() if c.in_group)
        read = "picked articles" if story.picked is not None else "articles"
        elsewhere = story.told_elsewhere(ref)
        heading = Content.assemble(
            Content.styled(f"▌{sentence_ref(*ref)}", style("lens--ref")),
            "  ",
            self._label(sentence.label or "unique"),
            Content.styled(
                f"   claim group {group.id if group else '-'} · told by {told} of {len(story.ids)}"
                f" {read}"
                + (f" · also told by {elsewhere} other {plural(elsewhere)}" if elsewhere else "")
                + ("" if counterparts else f" · no counterpart in any other {read[:-1]}"),
                style("lens--muted"),
            ),
        )
        texts = [story.sentence(c.ref).text for c in counterparts.values()]
        if self.compact:  # the claim is in the one pane on screen: its counterparts come first
            entries.append((heading, Content("")))
            ordered = sorted(
                counterparts.values(), key=lambda c: -(c.match.score if c.match else 0.0)
            )
        else:
            entries.append((heading, self._marked(sentence.text, own_spans(sentence.text, texts))))
            ordered = list(counterparts.values())
        for counterpart in ordered:
            entries.append(self._counterpart_entry(story, sentence, counterpart))
        near = story.near_misses(ref)
        for other, score in near:
            entries.append(self._near_miss_entry(story, sentence, other, score))
        missed = {other[0] for other, _ in near}
        missing = [
            a for a in story.ids if a != ref[0] and a not in counterparts and a not in missed
        ]
        if missing and (counterparts or near):
            entries.append(
                (
                    Content.styled(f"  {', '.join(missing)}: no counterpart", style("lens--muted")),
                    Content(""),
                )
            )
        return entries

    def _near_miss_entry(
        self, story: Story, sentence: Sentence, other: Ref, score: float
    ) -> tuple[Content, Content]:
        """An article's closest claim that is not linked: a lead to check, not a counterpart."""
        style = component_styles(self)
        text = story.sentence(other).text
        heading = Content.assemble(
            Content.styled(f"╎{sentence_ref(*other)}", style("lens--ref")),
            "  ",
            Content.styled(f"? closest, not linked {under(score)}", style("lens--muted")),
        )
        return heading, self._marked(text, changed_spans(text, sentence.text))

    def _counterpart_entry(
        self, story: Story, sentence: Sentence, counterpart: Counterpart
    ) -> tuple[Content, Content]:
        style = component_styles(self)
        other = story.sentence(counterpart.ref)
        match = counterpart.match
        if match is not None and match.via == "link":
            verbatim = (
                f" · {match.verbatim_words} words verbatim" if match.verbatim_words >= 4 else ""
            )
            link = self._label(match.label, match.score, verbatim)
        elif match is not None and match.via == "statement":
            link = self._label(match.label, match.score, "")
            link += Content.styled(
                " · in its place in a statement both quote", style("lens--muted")
            )
        else:
            own = f", their own score {under(match.score)}" if match is not None else ""
            link = Content.styled(
                f"linked through the claim group (no direct link{own})", style("lens--muted")
            )
        if not counterpart.in_group:
            link += Content.styled(" · grouped apart", style("lens--muted"))
        parts: list[Content | str] = [
            Content.styled(f"╏{sentence_ref(*counterpart.ref)}", style("lens--ref")),
            "  ",
            link,
        ]
        conflicts = match.conflict if match is not None else ()
        if conflicts:
            values = "; ".join(f"{mine} ≠ {theirs}" for mine, theirs in conflicts)
            parts += ["  ", Content.styled(f"! conflict: {values}", style("lens--conflict"))]
        body = self._marked(other.text, changed_spans(other.text, sentence.text))
        return Content.assemble(*parts), body


def under(score: float) -> str:
    """A score under the threshold, rounded down: 0.498 reads 0.49, never the 0.50 it missed."""
    return f"{math.floor(round(score * 100, 6)) / 100:.2f}"  # 0.29 * 100 is 28.999…
