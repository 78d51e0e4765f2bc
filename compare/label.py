"""Step 6, label: decide which scored pairs are links, label every claim, score every article."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .results import Counts, Label, Shares
from .settings import Settings

if TYPE_CHECKING:
    from .pairs import PairScores


@dataclass(frozen=True, slots=True)
class Link:
    """A pair of claims judged to say the same thing."""

    left: int
    right: int
    score: float
    label: Label
    verbatim_words: int


def find_links(scores: PairScores, settings: Settings) -> list[Link]:
    """Keep the pairs that say the same thing, and tell copied wording from paraphrase.

    A pair is linked when its probability reaches ``paraphrase_at``, or when it copies enough
    words to count as shared on its own (a quote reused inside a longer, different sentence).
    """
    left, right, probability = scores.left, scores.right, scores.probability
    verbatim_words, verbatim_share = scores.verbatim_words, scores.verbatim_share
    copied_run = verbatim_words >= settings.shared_min_words
    shared = copied_run & (
        (verbatim_words >= settings.verbatim_words) | (verbatim_share >= settings.shared_at)
    )
    linked = shared | (probability >= settings.paraphrase_at)
    return [
        Link(
            int(left[k]),
            int(right[k]),
            float(probability[k]),
            "shared" if shared[k] else "paraphrased",
            int(verbatim_words[k]),
        )
        for k in np.flatnonzero(linked)
    ]


def claim_labels(n_claims: int, links: Sequence[Link]) -> list[Label]:
    """A claim is shared if any link is, paraphrased if it has any link, else unique."""
    labels: list[Label] = ["unique"] * n_claims
    for link in links:
        for claim in (link.left, link.right):
            if link.label == "shared" or labels[claim] == "unique":
                labels[claim] = link.label
    return labels


def links_by_claim(links: Sequence[Link]) -> dict[int, list[tuple[int, Link]]]:
    """For each claim, its (other claim, link) pairs, strongest first."""
    table: dict[int, list[tuple[int, Link]]] = defaultdict(list)
    for link in links:
        table[link.left].append((link.right, link))
        table[link.right].append((link.left, link))
    for entries in table.values():
        entries.sort(key=lambda entry: (entry[1].label != "shared", -entry[1].score, entry[0]))
    return table


def group_label(members: Sequence[int], labels: Sequence[Label]) -> Label:
    """The strongest label of a group's members: shared, then paraphrased, then unique.

    A group of one is not always unique: its claim may link to a claim that joined another
    group (one claim per article per group), and the row must not hide that link.
    """
    found = {labels[m] for m in members}
    return next(label for label in ("shared", "paraphrased", "unique") if label in found)


def article_scores(
    word_counts: Sequence[int], labels: Sequence[Label], non_claims: int
) -> tuple[Counts, Shares]:
    """Count an article's claims by label and weigh each label by the words it covers."""
    counts = {"shared": 0, "paraphrased": 0, "unique": 0}
    words = {"shared": 0, "paraphrased": 0, "unique": 0}
    for count, label in zip(word_counts, labels, strict=True):
        counts[label] += 1
        words[label] += count
    total = sum(words.values())
    shares = Shares(**{label: words[label] / total for label in words}) if total else Shares()
    return Counts(**counts, non_claims=non_claims), shares
