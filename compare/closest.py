"""Near misses: for a claim, the closest claim of each other article it was not linked to.

On real coverage the engine links about two in three same-claim pairs; the rest, mostly a claim
reworded inside a longer sentence, stay below the threshold, and some of them are still the
best-scoring claim of the other article. So the app's lens shows that claim, marked as not
linked, where an article has no counterpart: a reader checks a "unique" claim against its
likeliest telling elsewhere instead of reading the whole article. Nothing here changes a
label, a group or an export. ``benchmarks/near_misses.py`` measures it on real coverage.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .pipeline import Analysis

NEAR_MISS_AT = 0.2
"""The lowest probability shown as a near miss. Measured on the six real stories of
``../shared/data/coverage`` (default settings, ``benchmarks/near_misses.py --at``): at 0.2 a
claim gets 0.69 near misses, 17 of the 55 same-claim pairs with no match among them, and
of the near misses the gold annotates 17 are the same claim, 10 look-alikes and 23 pair a claim
told nowhere else; at 0.1, 1.35 a claim (24 of 55; 24 / 17 / 64); at 0.3, 0.37 (11 of 55;
11 / 5 / 8).
"""


@dataclass(frozen=True, slots=True)
class NearMiss:
    """The closest claim of another article, not linked to the claim asked about."""

    article: int
    """The other article's number (0 for the first article compared)."""
    index: int
    """The claim's sentence index in that article."""
    score: float
    """Calibrated probability that both claims say the same thing (under the threshold)."""


class ClosestClaims:
    """Each claim's best-scoring claim per other article, from an analysis's scored pairs.

    Built on the first question (one sort of the pairs), then each answer reads only the pairs
    of one claim.
    """

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self._claim_of = {ref: claim for claim, ref in enumerate(analysis.claim_refs)}

    @cached_property
    def _by_claim(self) -> tuple[np.ndarray, np.ndarray, list[int]]:
        scores = self.analysis.scores
        ends = np.concatenate((scores.left, scores.right))
        others = np.concatenate((scores.right, scores.left))
        probability = np.concatenate((scores.probability, scores.probability))
        order = np.argsort(ends, kind="stable")
        bounds = np.searchsorted(ends[order], np.arange(len(self._claim_of) + 1)).tolist()
        return others[order], probability[order], bounds

    def near_misses(
        self,
        article: int,
        index: int,
        *,
        below: float,
        skip: frozenset[int] = frozenset(),
        at: float = NEAR_MISS_AT,
    ) -> tuple[NearMiss, ...]:
        """The closest claim of each other article, in article order, scored at least ``at``
        and under ``below`` (the link threshold).

        Args:
            article: The claim's article number...
            index: ...and sentence index.
            below: Pairs scored at this or above are links, not near misses.
            skip: Articles to leave out (those that already tell the claim).
            at: The lowest probability worth showing.
        """
        claim = self._claim_of.get((article, index))
        if claim is None:
            return ()
        others, probability, bounds = self._by_claim
        refs = self.analysis.claim_refs
        best: dict[int, NearMiss] = {}
        start, stop = bounds[claim], bounds[claim + 1]
        for other, score in zip(
            others[start:stop].tolist(), probability[start:stop].tolist(), strict=True
        ):
            if not at <= score < below:
                continue
            other_article, other_index = refs[other]
            if other_article in skip:
                continue
            found = best.get(other_article)
            if found is None or (score, -other_index) > (found.score, -found.index):
                best[other_article] = NearMiss(other_article, other_index, score)
        return tuple(best[a] for a in sorted(best))
