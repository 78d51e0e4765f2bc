"""A big folder compared story by story, as the app holds it: each story's comparison, and a
summary to list it by (no Textual).

The engine compares a corpus of ``STORIES_FROM`` articles or more one story at a time
(``compare/stories.py``); the app keeps every story's comparison with the corpus's article ids
and claim group numbers, so what the reader sees matches the exports line for line. A story
re-labelled on its own (the threshold and method keys re-label only the story open) replaces its
comparison here; :meth:`Corpus.whole` puts the stories back together, as the command line
writes them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from compare.results import LABELS, Comparison, Document, Label
from compare.settings import Settings
from compare.stories import StoryResult, assemble, renumbered, story_members, with_groups_from

_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_SMALL_WORDS = frozenset(
    ("a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "is", "it", "of", "on",
     "or", "over", "the", "to", "with", "after", "before")
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class StorySummary:
    """What the story list shows of one story."""

    story: int
    """The story's number (from 0, in the order of its first article), as exports record it."""
    title: str
    """The headline most like the story's other headlines: a real title, the story's gist."""
    articles: int
    outlets: int
    """Distinct outlets named by the articles' metadata (0 when none names one)."""
    first_date: str | None
    last_date: str | None
    counts: dict[Label, int]
    """Claims of each label across the story's articles."""
    ids: tuple[str, ...]
    """The story's article ids, in the order given."""


def typical_title(titles: Sequence[str]) -> str:
    """The title that shares the most words with the others (the first, on a tie).

    A story's most common headline words read as a jumble; the headline most like the rest is a
    sentence a reader recognises, and it is the story's gist rather than one outlet's angle.
    """
    if len(titles) <= 2:
        return titles[0] if titles else ""
    words = [{w.casefold() for w in _TITLE_WORD.findall(title)} - _SMALL_WORDS for title in titles]
    common = Counter(word for title in words for word in title)
    scores = [sum(common[w] - 1 for w in title) for title in words]
    return titles[max(range(len(titles)), key=lambda n: (scores[n], -n))]


class Corpus:
    """Every story of a big folder, compared on its own, with the corpus's ids."""

    def __init__(
        self,
        documents: Sequence[Document],
        stories: Sequence[int],
        results: Iterable[StoryResult],
    ) -> None:
        self.documents = tuple(documents)
        self.stories = tuple(stories)
        """Each document's story number."""
        self.members = story_members(self.stories)
        """The document numbers of each story."""
        self.comparisons: dict[int, Comparison] = {}
        """Each story's comparison, with the corpus's article ids and claim group numbers."""
        for result in results:
            self.store(result)

    def __len__(self) -> int:
        return len(self.members)

    def store(self, result: StoryResult) -> None:
        """Keep a story's (new) comparison."""
        self.store_comparison(
            result.story,
            Comparison(result.articles, result.groups, result.settings, result.method_used),
        )

    def store_comparison(self, story: int, comparison: Comparison) -> None:
        """Keep a story's comparison re-labelled on its own (with the corpus's ids)."""
        self.comparisons[story] = comparison
        self.__dict__.pop("summaries", None)

    def documents_of(self, story: int) -> tuple[Document, ...]:
        return tuple(self.documents[n] for n in self.members[story])

    def renumber(self, story: int, comparison: Comparison) -> Comparison:
        """A story's comparison made on its own (ids A, B, …) given the corpus's ids, its group
        numbers starting where the story's did."""
        from compare.pipeline import corpus_ids

        ids = corpus_ids(self.members[story])
        before = self.comparisons.get(story)
        offset = before.groups[0].id - 1 if before is not None and before.groups else 0
        result = renumbered(story, comparison, ids, offset)
        return Comparison(result.articles, result.groups, result.settings, result.method_used)

    def stale(self, settings: Settings) -> list[int]:
        """The stories labelled under other settings than these."""
        return [s for s, c in sorted(self.comparisons.items()) if c.settings != settings]

    def whole(self) -> Comparison:
        """Every story in one comparison, claim groups numbered story after story."""
        results = []
        offset = 0
        for story, comparison in sorted(self.comparisons.items()):
            result = StoryResult(
                story,
                comparison.articles,
                comparison.groups,
                comparison.settings,
                comparison.method_used,
            )
            results.append(with_groups_from(result, offset))
            offset += len(comparison.groups)
        return assemble(results)

    @cached_property
    def summaries(self) -> tuple[StorySummary, ...]:
        """One summary per story, in story order (recomputed after :meth:`store`)."""
        return tuple(self._summary(story) for story in range(len(self.members)))

    def _summary(self, story: int) -> StorySummary:
        comparison = self.comparisons[story]
        articles = comparison.articles
        dates = sorted(a.date[:10] for a in articles if a.date)
        return StorySummary(
            story=story,
            title=typical_title([a.title for a in articles]),
            articles=len(articles),
            outlets=len({a.outlet for a in articles if a.outlet}),
            first_date=dates[0] if dates else None,
            last_date=dates[-1] if dates else None,
            counts={label: sum(a.counts.of(label) for a in articles) for label in LABELS},
            ids=tuple(a.id for a in articles),
        )
