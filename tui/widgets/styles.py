"""Component-class styles for Content spans."""

from __future__ import annotations

from collections.abc import Callable

from textual.style import Style
from textual.widget import Widget


def component_styles(widget: Widget) -> Callable[[str], Style]:
    """Look up a widget's component-class styles by name, as set in app.tcss.

    Partial styles carry only what the component class sets (a colour, bold), not the widget's
    background, so a mark keeps the selection or cursor background it sits on. Textual blends a
    partial background over nothing, which drops an opaque one, so a class that sets an opaque
    background (a badge) gets the full style instead.
    """

    def style(name: str) -> Style:
        styles = widget.get_component_styles(name)
        opaque = styles.has_rule("background") and styles.background.a >= 1
        return widget.get_visual_style(name, partial=not opaque)

    return style
