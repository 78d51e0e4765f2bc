"""The legend line: what each mark in the panes means, always on screen."""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.widget import Widget

from compare.results import LABEL_GLOSSES, LABEL_SYMBOLS, LABELS, Label

from .styles import component_styles

MEANINGS: dict[Label, str] = {label: f"{label} ({LABEL_GLOSSES[label]})" for label in LABELS}
SHORT_BELOW = 130
"""Narrower than this, the legend drops its glosses so that it fits on one line."""


class Legend(Widget):
    """One line: = shared, ≈ paraphrased, + unique, ! conflict, the selection bars, dimmed text."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"legend--{label}" for label in LABELS),
        "legend--conflict",
        "legend--selected",
        "legend--counterpart",
        "legend--muted",
    }

    DEFAULT_CSS = """
    Legend { height: 1; }
    """

    def render(self) -> Content:
        style = component_styles(self)
        if self.size.width < SHORT_BELOW:
            return self._short()
        parts: list[Content | str] = [" "]
        for label, meaning in MEANINGS.items():
            parts += [
                Content.styled(f"{LABEL_SYMBOLS[label]} {meaning}", style(f"legend--{label}")),
                "  ",
            ]
        parts += [
            Content.styled("! facts disagree", style("legend--conflict")),
            "  ",
            Content.styled("▌", style("legend--selected")),
            "selected  ",
            Content.styled("╏", style("legend--counterpart")),
            "counterpart  ",
            Content.styled("dim: heading / byline", style("legend--muted")),
            "  ",
            Content.styled("? all keys", style("legend--muted")),
        ]
        return Content.assemble(*parts)

    def _short(self) -> Content:
        style = component_styles(self)
        parts: list[Content | str] = [Content.styled(" ? keys ", style("legend--muted"))]
        for label in MEANINGS:
            parts += [
                Content.styled(f"{LABEL_SYMBOLS[label]} {label}", style(f"legend--{label}")),
                " ",
            ]
        parts += [
            Content.styled("! conflict", style("legend--conflict")),
            " ",
            Content.styled("▌", style("legend--selected")),
            "selected ",
            Content.styled("╏", style("legend--counterpart")),
            "counterpart",
        ]
        return Content.assemble(*parts)
