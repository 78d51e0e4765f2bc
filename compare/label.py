"""Step 6, label: decide which scored pairs are links, label every claim, score every article."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .results import LABELS, Counts, Label, Shares, strongest
from .settings import Settings

if TYPE_CHECKING:
    from .scoring.pairs import PairScores


@dataclass(frozen=True, slots=True)
class Link:
    """A pair of claims judged to say the same thing."""

    left: int
    right: int
    score: float
    label: Label
    verbatim_words: int


@dataclass(frozen=True, slots=True, eq=False)
class Links:
    """Every linked pair of a comparison as parallel arrays: big corpora have millions."""

    left: np.ndarray
    """int32 claim numbers."""
    right: np.ndarray
    score: np.ndarray
    """float32 probability that both claims say the same thing."""
    shared: np.ndarray
    """bool: the pair reuses wording (else it is a paraphrase)."""
    verbatim_words: np.ndarray
    """int32 longest run of words both claims share."""
    facts_disagree: np.ndarray
    """bool: the claims state some fact differently; only these can hold a conflict."""
    aligned: np.ndarray | None = None
    """bool: linked only by its place in a statement both articles quote (None: none is)."""

    def __len__(self) -> int:
        return len(self.left)

    def __iter__(self) -> Iterator[Link]:
        for left, right, score, shared, words in zip(
            self.left.tolist(),
            self.right.tolist(),
            self.score.tolist(),
            self.shared.tolist(),
            self.verbatim_words.tolist(),
            strict=True,
        ):
            yield Link(left, right, score, "shared" if shared else "paraphrased", words)


def find_links(scores: PairScores, settings: Settings) -> Links:
    """Keep the pairs that say the same thing, and tell copied wording from paraphrase.

    A pair is linked when its probability reaches ``paraphrase_at``, or when it copies enough
    words to count as shared on its own (a quote reused inside a longer, different sentence).
    A quotation of at least ``shared_min_words`` words that the other claim repeats whole is
    copying too, however short. A copied run that only names someone with their title never
    counts as copying: the rest of the sentence must agree (see ``name_runs``). A sentence in
    its place in a statement two articles quote is linked too (``scores.aligned``).
    """
    verbatim_words, verbatim_share = scores.verbatim_words, scores.verbatim_share
    copied_run = (verbatim_words >= settings.shared_min_words) & ~scores.name_only_run
    shared = copied_run & (
        (verbatim_words >= settings.verbatim_words) | (verbatim_share >= settings.shared_at)
    )
    if scores.quoted_words is not None:  # a quotation repeated whole is copy
        shared |= (scores.quoted_words >= settings.shared_min_words) & ~scores.name_only_run
    reached = shared | (scores.probability >= settings.paraphrase_at)
    # A sentence in its place in a statement both articles quote is linked by that place.
    aligned = None if scores.aligned is None else scores.aligned & ~reached
    linked = np.flatnonzero(reached if aligned is None else reached | aligned)
    return Links(
        left=scores.left[linked],
        right=scores.right[linked],
        score=scores.probability[linked],
        shared=shared[linked],
        verbatim_words=verbatim_words[linked],
        facts_disagree=scores.facts_disagree[linked],
        aligned=None if aligned is None else aligned[linked],
    )


_LABEL_OF_CODE: tuple[Label, ...] = ("unique", "paraphrased", "shared")


def claim_labels(n_claims: int, links: Links) -> list[Label]:
    """A claim is shared if any link is, paraphrased if it has any link, else unique."""
    code = np.zeros(n_claims, dtype=np.int8)
    strength = (1 + links.shared).astype(np.int8)
    np.maximum.at(code, links.left, strength)
    np.maximum.at(code, links.right, strength)
    return [_LABEL_OF_CODE[c] for c in code.tolist()]


@dataclass(frozen=True, slots=True, eq=False)
class RankedLinks:
    """Each claim's links, shared first, then strongest, as flat arrays (see :func:`rank_links`).

    Claim ``c``'s entries are ``other[first[c] : first[c + 1]]`` (the claims it links to) and
    ``link`` likewise (their numbers in :class:`Links`).
    """

    other: np.ndarray
    link: np.ndarray
    first: np.ndarray


def rank_links(links: Links, n_claims: int, *, limit: int | None = None) -> RankedLinks:
    """Order every claim's links: shared first, then strongest, then by the other claim.

    Args:
        links: From :func:`find_links`.
        n_claims: How many claims the comparison has.
        limit: Keep at most this many per claim (the first in that order).
    """
    count = len(links)
    claim = np.concatenate((links.left, links.right)).astype(np.int64)
    other = np.concatenate((links.right, links.left)).astype(np.int64)
    link = np.concatenate((np.arange(count), np.arange(count)))
    order = np.lexsort((other, -links.score[link], ~links.shared[link], claim))
    claim, other, link = claim[order], other[order], link[order]
    first = np.searchsorted(claim, np.arange(n_claims + 1))
    if limit is not None:
        rank = np.arange(len(claim)) - first[claim]
        keep = rank < limit
        claim, other, link = claim[keep], other[keep], link[keep]
        first = np.searchsorted(claim, np.arange(n_claims + 1))
    return RankedLinks(other, link, first)


def group_counterparts_without_link(
    groups: Sequence[Sequence[int]], links: Links, article_of: np.ndarray, room: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``(claims, others)``: ``other`` tells the claim in another article of the claim's group,
    and the claim links to no member of that article in the group.

    Groups merge when most of the pairs between them are linked, and a claim no group took
    joins its strongest link's (``align_groups``), so a group can hold two claims whose own
    pair stays under the threshold: the group says they tell the same thing, and the app shows
    each as the other's counterpart. Only claims with ``room`` (matches they may still list)
    are looked at; where an article tells the claim twice, both tellings are listed and the
    caller keeps one.
    """
    empty = np.zeros(0, dtype=np.int64)
    big = [np.asarray(members, dtype=np.int64) for members in groups if len(members) > 2]
    if not big:  # a group of two is one link
        return empty, empty
    group_of = np.full(len(article_of), -1, dtype=np.int64)
    for number, members in enumerate(big):
        group_of[members] = number
    left, right = links.left.astype(np.int64), links.right.astype(np.int64)
    inside = (group_of[left] >= 0) & (group_of[left] == group_of[right])
    left, right = left[inside], right[inside]
    n_articles = int(article_of.max()) + 1
    covered = np.sort(
        np.concatenate(
            (left * n_articles + article_of[right], right * n_articles + article_of[left])
        )
    )
    claims, others = [], []
    for members in big:
        asking = members[room[members] > 0]
        if len(asking):
            claim = np.repeat(asking, len(members))
            other = np.tile(members, len(asking))
            apart = article_of[claim] != article_of[other]
            claims.append(claim[apart])
            others.append(other[apart])
    if not claims:
        return empty, empty
    claim, other = np.concatenate(claims), np.concatenate(others)
    if not len(covered):
        return claim, other
    wanted = claim * n_articles + article_of[other]
    at = np.minimum(np.searchsorted(covered, wanted), len(covered) - 1)
    unlinked = covered[at] != wanted
    return claim[unlinked], other[unlinked]


def group_label(members: Sequence[int], labels: Sequence[Label]) -> Label:
    """The strongest label of a group's members: shared, then paraphrased, then unique.

    A group of one is not always unique: its claim may link to a claim that joined another
    group (one claim per article per group), and the row must not hide that link.
    """
    return strongest(labels[m] for m in members)


def article_scores(
    word_counts: Sequence[int], labels: Sequence[Label], non_claims: int
) -> tuple[Counts, Shares]:
    """Count an article's claims by label and weigh each label by the words it covers."""
    counts = dict.fromkeys(LABELS, 0)
    words = dict.fromkeys(LABELS, 0)
    for count, label in zip(word_counts, labels, strict=True):
        counts[label] += 1
        words[label] += count
    total = sum(words.values())
    shares = Shares(**{label: words[label] / total for label in words}) if total else Shares()
    return Counts(**counts, non_claims=non_claims), shares
