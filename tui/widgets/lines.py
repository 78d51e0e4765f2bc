"""Line-API helpers: turn Content lines into cached Strips, and a scrolling view of such lines.

The panes and the lens draw their text with ``render_line`` instead of a widget per sentence:
moving the selection then costs a refresh of a few cached lines, never a CSS pass over hundreds
of widgets, and opening twelve articles mounts twelve widgets, not five hundred.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget


def hanging(prefix: Content, body: Content, width: int) -> list[Content]:
    """Wrap ``body`` beside ``prefix``, later lines indented as far as the prefix is wide."""
    indent = prefix.cell_length
    lines = body.wrap(max(width - indent, 8)) or [Content("")]
    pad = Content(" " * indent)
    return [prefix + lines[0], *(pad + line for line in lines[1:])]


def to_strip(widget: Widget, content: Content, width: int) -> Strip:
    """Render one line of Content in the widget's style, cut or padded to ``width`` cells."""
    segments = content.render_segments(widget.visual_style)
    return Strip(segments).crop_extend(0, width, widget.rich_style)


class ContentLines(ScrollView, can_focus=False):
    """A scrolling view of Content lines that a subclass builds for the current width."""

    DEFAULT_CSS = """
    ContentLines {
        overflow-x: hidden;
        scrollbar-gutter: stable;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._lines: list[Content] = []
        self._strips: dict[int, Strip] = {}

    def build(self, width: int) -> list[Content]:
        """The lines to show at this width (implemented by subclasses)."""
        raise NotImplementedError

    def rebuild(self) -> None:
        """Build the lines again (the content or the width changed)."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        self._lines = self.build(width)
        self._strips.clear()
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    @property
    def text(self) -> str:
        """Everything shown, as plain text (for tests and screen readers)."""
        return "\n".join(line.plain for line in self._lines)

    def on_resize(self) -> None:
        self.rebuild()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:  # a theme change: colours are baked into the built lines
            self.rebuild()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        if line >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        strip = self._strips.get(line)
        if strip is None:
            strip = self._strips[line] = to_strip(self, self._lines[line], width)
        return strip
