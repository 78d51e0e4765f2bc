"""One owner per vocabulary: the labels are listed once (``compare.results``), and everything
that shows a label (marks, glosses, every widget's colours in ``app.tcss``) covers each of them.
Adding a label then fails here until each place is given its part."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widget import Widget

import tui.widgets as widgets_package
from compare.results import LABEL_GLOSSES, LABEL_SYMBOLS, LABELS
from tui.widgets.article_pane import ArticleView, PaneHeader
from tui.widgets.article_picker import ArticlePicker
from tui.widgets.coverage_matrix import CoverageMatrix
from tui.widgets.legend import Legend
from tui.widgets.lens import Lens
from tui.widgets.story_list import StoryList

STYLES = (Path(widgets_package.__file__).parent.parent / "app.tcss").read_text(encoding="utf-8")
LABELLED_WIDGETS: tuple[type[Widget], ...] = (
    Legend,
    PaneHeader,
    ArticleView,
    Lens,
    ArticlePicker,
    CoverageMatrix,
    StoryList,
)


def test_every_label_has_a_mark_and_a_gloss_and_marks_are_distinct() -> None:
    assert set(LABEL_SYMBOLS) == set(LABELS)
    assert set(LABEL_GLOSSES) == set(LABELS)
    assert len(set(LABEL_SYMBOLS.values())) == len(LABELS)


def test_every_widget_that_colours_labels_has_a_style_for_each_label_in_the_tcss() -> None:
    for widget in LABELLED_WIDGETS:
        prefixes = {
            name.rsplit("--", 1)[0]
            for name in widget.COMPONENT_CLASSES
            if name.rsplit("--", 1)[-1] in LABELS
        }
        assert prefixes, f"{widget.__name__} names no label class"
        for prefix in prefixes:
            for label in LABELS:
                name = f"{prefix}--{label}"
                assert name in widget.COMPONENT_CLASSES, name
                rule = re.search(rf"\.{re.escape(name)}\s*\{{([^}}]*)\}}", STYLES)
                assert rule is not None, f"app.tcss has no rule for .{name}"
                assert "$" in rule.group(1), f".{name} takes its colour from a theme variable"
