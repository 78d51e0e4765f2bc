"""Messages the app's parts send one another, each named for what happened."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # the engine's pipeline (numpy and all) loads in the worker, after first paint
    from compare.pipeline import Analysis
    from compare.results import Comparison
    from compare.settings import Settings

    from .corpus import Corpus


@dataclass
class ComparisonProgressed(Message):
    """The background comparison finished a step (``done`` of ``total``; total 0 = unknown)."""

    stage: str
    done: int
    total: int


@dataclass
class ComparisonReady(Message):
    """A comparison is ready to show: the first one, or a re-labelling under new thresholds."""

    comparison: Comparison
    analysis: Analysis | None
    settings: Settings
    problems: tuple[str, ...] = ()
    relabelled: bool = False
    story: int | None = None
    """The story of a big folder this comparison is (None: the one comparison of the sources)."""


@dataclass
class StoriesReady(Message):
    """A big folder was compared story by story: the story list comes first."""

    corpus: Corpus
    settings: Settings
    problems: tuple[str, ...] = ()


@dataclass
class ComparisonFailed(Message):
    """Loading or comparing failed; ``reason`` is a sentence to show the reader as is."""

    reason: str
