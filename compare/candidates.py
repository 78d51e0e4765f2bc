"""Step 4a, candidates: which claim pairs are worth scoring (every cross-article pair, for now)."""

from __future__ import annotations

import numpy as np


def all_cross_pairs(article_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (i < j) of claims from different articles, as two index arrays.

    A claim is never compared with a claim of its own article.
    """
    article_of = np.asarray(article_of)
    left, right = np.triu_indices(len(article_of), k=1)
    keep = article_of[left] != article_of[right]
    return left[keep].astype(np.int32), right[keep].astype(np.int32)
