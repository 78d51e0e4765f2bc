"""Near misses (``compare.closest``): the closest claim of each other article a claim is not
linked to, checked against every scored pair of a real comparison of a sample set."""

from __future__ import annotations

from functools import cache

import pytest

from compare.closest import NEAR_MISS_AT, ClosestClaims
from compare.load import load_sources
from compare.pipeline import Analysis, analyse
from compare.settings import DEFAULTS

SETTINGS = DEFAULTS.with_changes(method="lexical")
"""Wording alone: no model files, the same scores on every machine."""


@cache
def analysis_of(sample: str) -> Analysis:
    return analyse(load_sources([f"samples/{sample}"]).documents, settings=SETTINGS)


def expected_near_misses(
    analysis: Analysis, claim: int, below: float, skip: frozenset[int]
) -> list[tuple[int, int, float]]:
    """The same answer worked out the slow way: every pair of the claim, best per article."""
    refs = analysis.claim_refs
    best: dict[int, tuple[float, int]] = {}
    scores = analysis.scores
    for left, right, score in zip(
        scores.left.tolist(), scores.right.tolist(), scores.probability.tolist(), strict=True
    ):
        if claim not in (left, right) or not NEAR_MISS_AT <= score < below:
            continue
        other_article, other_index = refs[right if left == claim else left]
        if other_article in skip:
            continue
        known = best.get(other_article)
        if known is None or (score, -other_index) > (known[0], -known[1]):
            best[other_article] = (score, other_index)
    return [(a, best[a][1], best[a][0]) for a in sorted(best)]


@pytest.mark.parametrize("sample", ["harbor-bridge", "flood-warning"])
def test_near_misses_are_each_other_articles_best_claim_under_the_threshold(sample: str) -> None:
    analysis = analysis_of(sample)
    closest = ClosestClaims(analysis)
    below = SETTINGS.paraphrase_at
    shown = 0
    for claim, (article, index) in enumerate(analysis.claim_refs):
        for skip in (frozenset({article}), frozenset({article, (article + 1) % 3})):
            got = closest.near_misses(article, index, below=below, skip=skip)
            assert [(m.article, m.index, m.score) for m in got] == expected_near_misses(
                analysis, claim, below, skip
            )
            shown += len(got)
    assert shown > 0, "the sample gives no near miss: the check above checked nothing"


def test_a_sentence_that_is_no_claim_has_no_near_misses() -> None:
    analysis = analysis_of("harbor-bridge")
    claims = set(analysis.claim_refs)
    heading = next(
        (a, s)
        for a, sentences in enumerate(analysis.sentences)
        for s in range(len(sentences))
        if (a, s) not in claims
    )
    assert ClosestClaims(analysis).near_misses(*heading, below=0.5) == ()
