"""The coverage matrix: one row per claim group, one column per article."""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from compare.results import LABEL_SYMBOLS, ClaimGroup

from ..story import Story
from .styles import component_styles

ABSENT = "·"
LABEL_WIDTH = 14


class CoverageMatrix(OptionList):
    """Rows are claim groups in story order; a cell holds that article's label mark, · if absent."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "coverage-matrix--shared",
        "coverage-matrix--paraphrased",
        "coverage-matrix--unique",
        "coverage-matrix--absent",
        "coverage-matrix--muted",
    }

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self._id_width = (
            max(len(str(group.id)) for group in story.comparison.groups)
            if story.comparison.groups
            else 1
        )
        self._column_width = max(len(article_id) for article_id in story.ids) + 1

    def on_mount(self) -> None:
        self.add_options(self._row(group) for group in self.story.comparison.groups)

    def header(self) -> Content:
        """The column titles, aligned with the rows."""
        columns = "".join(a.ljust(self._column_width) for a in self.story.ids)
        return Content(
            f"{'#'.rjust(self._id_width)}  {'group'.ljust(LABEL_WIDTH)}{columns} first telling"
        )

    def _row(self, group: ClaimGroup) -> Option:
        style = component_styles(self)
        story = self.story
        cells: list[Content | str] = [
            f"{str(group.id).rjust(self._id_width)}  ",
            Content.styled(
                f"{LABEL_SYMBOLS[group.label]} {group.label}".ljust(LABEL_WIDTH),
                style(f"coverage-matrix--{group.label}"),
            ),
        ]
        for article_id in story.ids:
            member = group.member_in(article_id)
            label = story.sentence((member.article, member.index)).label if member else None
            if label is None:
                cells.append(
                    Content.styled(
                        ABSENT.ljust(self._column_width), style("coverage-matrix--absent")
                    )
                )
            else:
                cells.append(
                    Content.styled(
                        LABEL_SYMBOLS[label].ljust(self._column_width),
                        style(f"coverage-matrix--{label}"),
                    )
                )
        first = group.members[0]
        text = story.sentence((first.article, first.index)).text
        cells.append(Content.styled(f" {first.article}: ", style("coverage-matrix--muted")))
        cells.append(text)
        return Option(Content.assemble(*cells), id=f"group-{group.id}")
