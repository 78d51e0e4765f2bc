"""Step 1b, stories: a big folder is many stories; find them, then compare each on its own.

Claims of different stories are never the same claim, so a month of coverage (tens of thousands
of articles) is first cut into stories and each story is compared alone: the pairs to score
grow with the square of a story, not of the corpus, and the stories spread over the runner's
processes (or a Dask cluster, through ``Runner(executor=...)``).

How articles are grouped (measured by ``benchmarks/stories.py``): each article is read as the
names and figures of its title and text (capitalised words that are not common English words,
numbers as written), weighted by TF-IDF (log term counts), so what a story is about (who,
where, how much), rare in the corpus and repeated within the story, carries the similarity, and
the vocabulary of a kind of event (every bridge closure says "girder"), does not. Two
articles are linked when that cosine reaches :data:`~compare.settings.STORY_LINK_AT` (and, when
both carry a date, they are at most :data:`~compare.settings.STORY_DAYS` days apart); a story
is a connected group of linked articles. Words in more than :data:`MAX_POSTINGS` articles (or
:data:`MAX_POSTINGS_SHARE` of them) are left out: they cannot tell stories apart and would make
the product quadratic.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

import numpy as np

from .results import Article, ClaimGroup, Comparison, Document, Match, Member, recorded_settings
from .settings import STORY_DAYS, STORY_LINK_AT, Settings

READ_WORDS = 1_000
"""Words of an article read after its title (its whole text, for most articles): a story's
articles shuffle the same facts into different orders, so a short lead would miss most of them."""
MAX_POSTINGS = 400
MAX_POSTINGS_SHARE = 0.02
"""A word in more articles than the larger of these two is too common to tell stories apart."""
BLOCK_ROWS = 2_048
"""Rows of the similarity product computed at once: bounds memory on big corpora."""

_WORD = re.compile(r"[A-Z][A-Za-z'’-]*[A-Za-z]|\d[\d,.]*\d|\d")


def story_text(document: Document) -> str:
    """What an article is grouped by: its title and its first :data:`READ_WORDS` words."""
    words: list[str] = []
    for block in document.blocks:
        words += block.text.split()
        if len(words) >= READ_WORDS:
            break
    return document.title + "\n" + " ".join(words[:READ_WORDS])


def find_stories(
    documents: Sequence[Document],
    *,
    link_at: float = STORY_LINK_AT,
    days: int | None = STORY_DAYS,
) -> tuple[int, ...]:
    """The story number of each document: stories numbered in the order of their first article.

    Args:
        documents: The articles, in the order given.
        link_at: TF-IDF cosine of titles and leads from which two articles are linked.
        days: Two dated articles further apart than this are never linked (``None``: no window).

    Returns:
        One story number per document, from 0; articles of one story share it.
    """
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    n = len(documents)
    if n < 2:
        return (0,) * n
    rows, terms, counts = _term_matrix([story_text(d) for d in documents])
    df = np.bincount(terms) if len(terms) else np.zeros(0, np.int64)
    cap = max(MAX_POSTINGS, int(MAX_POSTINGS_SHARE * n))
    # Smoothed (as scikit-learn does): a word in every article still counts, so a corpus of
    # one story stays one story.
    idf = (np.log((1 + n) / (1 + df)) + 1).astype(np.float32)
    weights = (1 + np.log(counts)) * idf[terms]
    # Norms over every word (a long lead with nothing in common stays far), products over the
    # words rare enough to tell stories apart.
    norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=n)).astype(np.float32)
    keep = (df[terms] >= 2) & (df[terms] <= cap)
    rows, terms, weights = (
        rows[keep],
        terms[keep],
        weights[keep] / np.maximum(norms[rows[keep]], 1e-9),
    )
    matrix = sparse.csr_matrix((weights, (rows, terms)), shape=(n, len(df)), dtype=np.float32)
    transposed = matrix.T.tocsr()
    days_of = _days(documents) if days is not None else None
    lefts: list[np.ndarray] = []
    rights: list[np.ndarray] = []
    for start in range(0, n, BLOCK_ROWS):
        block = (matrix[start : start + BLOCK_ROWS] @ transposed).tocoo()
        left = block.row.astype(np.int64) + start
        right = block.col.astype(np.int64)
        linked = (block.data >= link_at) & (left < right)
        left, right = left[linked], right[linked]
        if days_of is not None:
            a, b = days_of[left], days_of[right]
            near = (a < 0) | (b < 0) | (np.abs(a - b) <= days)
            left, right = left[near], right[near]
        lefts.append(left)
        rights.append(right)
    left, right = np.concatenate(lefts), np.concatenate(rights)
    graph = sparse.coo_matrix((np.ones(len(left), np.int8), (left, right)), shape=(n, n))
    _, component = connected_components(graph, directed=False)
    # Number stories by their first article, so the numbering follows the order given.
    first: dict[int, int] = {}
    return tuple(first.setdefault(int(c), len(first)) for c in component)


def _days(documents: Sequence[Document]) -> np.ndarray:
    """Each document's date as a day number (-1 when unknown)."""
    found = np.full(len(documents), -1, dtype=np.int64)
    for number, document in enumerate(documents):
        if document.date:
            with suppress(ValueError):  # a date we cannot read is no date
                found[number] = date.fromisoformat(document.date[:10]).toordinal()
    return found


def _term_matrix(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(text, term id, count) for every name and figure of every text.

    A name is a capitalised word that is not a common English word ("The", "But" at the start
    of a sentence are not); a figure is a number as written ("1,800", "2.1").
    """
    stop = _stop_words()
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    terms: list[int] = []
    counts: list[int] = []
    for number, text in enumerate(texts):
        seen = Counter(w for w in _WORD.findall(text) if len(w) > 1 and w.lower() not in stop)
        for word in sorted(seen):  # sorted: term ids must not depend on string hashing
            rows.append(number)
            terms.append(vocabulary.setdefault(word, len(vocabulary)))
            counts.append(seen[word])
    return (
        np.asarray(rows, dtype=np.int64),
        np.asarray(terms, dtype=np.int64),
        np.asarray(counts, dtype=np.float32),
    )


@cache
def _stop_words() -> frozenset[str]:
    from .split import word_list

    return word_list("english_common_words.txt")


def story_members(stories: Sequence[int]) -> list[list[int]]:
    """The document numbers of each story, in story order."""
    members: list[list[int]] = [[] for _ in range(max(stories, default=-1) + 1)]
    for number, story in enumerate(stories):
        members[story].append(number)
    return members


# ---------------------------------------------------------------------------------------------
# Comparing each story on its own.


@dataclass(frozen=True, slots=True)
class StoryResult:
    """One story compared: its articles and claim groups with global ids and group numbers."""

    story: int
    articles: tuple[Article, ...]
    groups: tuple[ClaimGroup, ...]
    settings: Settings
    """The settings of the story's comparison (the same for every story)."""
    method_used: str
    """The method that scored it (the same for every story)."""

    def recorded_settings(self) -> dict[str, object]:
        """The settings as exports record them."""
        return recorded_settings(self.settings, self.method_used)


StoryPiece = tuple[tuple[int, tuple[int, ...], tuple[Document, ...]], ...]
"""Stories sent to one task: (story number, global document numbers, documents)."""

ARTICLES_PER_STORY_TASK = 40
"""Articles of the stories sent to a worker at once: enough to pay for the round trip, few
enough that the stories spread evenly over the processes."""


def renumbered(story: int, comparison: Comparison, ids: dict[str, str], offset: int) -> StoryResult:
    """A story's comparison with the corpus's article ids and group numbers."""

    def match(m: Match) -> Match:
        return replace(m, article=ids[m.article])

    articles = tuple(
        replace(
            article,
            id=ids[article.id],
            story=story,
            sentences=tuple(
                replace(
                    s,
                    group=None if s.group is None else s.group + offset,
                    matches=tuple(map(match, s.matches)),
                )
                for s in article.sentences
            ),
        )
        for article in comparison.articles
    )
    groups = tuple(
        ClaimGroup(
            group.id + offset,
            group.label,
            tuple(Member(ids[m.article], m.index) for m in group.members),
        )
        for group in comparison.groups
    )
    return StoryResult(story, articles, groups, comparison.settings, comparison.method_used)


def with_groups_from(result: StoryResult, offset: int) -> StoryResult:
    """The same story with its claim groups numbered from ``offset + 1``.

    A story re-labelled on its own (the app's threshold keys) may find more or fewer groups
    than before: the corpus's numbering is made consecutive again before it is assembled.
    """
    shift = offset - (result.groups[0].id - 1 if result.groups else offset)
    if not shift:
        return result
    articles = tuple(
        replace(
            article,
            sentences=tuple(
                s if s.group is None else replace(s, group=s.group + shift)
                for s in article.sentences
            ),
        )
        for article in result.articles
    )
    groups = tuple(replace(group, id=group.id + shift) for group in result.groups)
    return replace(result, articles=articles, groups=groups)


def assemble(results: Iterable[StoryResult]) -> Comparison:
    """One comparison of the whole corpus from its stories, articles in the order given."""
    articles: list[Article] = []
    groups: list[ClaimGroup] = []
    first: StoryResult | None = None
    for result in results:
        articles += result.articles
        groups += result.groups
        first = first or result
    if first is None:
        raise ValueError("no stories to assemble")
    articles.sort(key=lambda article: _number_of(article.id))
    return Comparison(tuple(articles), tuple(groups), first.settings, first.method_used)


def _number_of(article: str) -> int:
    """The inverse of :func:`compare.pipeline.article_id`."""
    number = 0
    for char in article:
        number = number * 26 + (ord(char) - ord("A") + 1)
    return number - 1
