"""Step 4a, candidates: which claim pairs are worth scoring.

Small comparisons score every cross-article pair. Past ``all_pairs_up_to`` pairs that stops
scaling (2,000 articles make billions of pairs), so each claim is paired only with its nearest
claims of other articles under a cheap sparse TF-IDF cosine, and the exact scorer runs on those.
Claims that say the same thing nearly always share their rarest words (names, numbers, the
specific nouns), which is what this index ranks by; ``benchmarks/scale.py`` measures how many of
the all-pairs links it keeps.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

import numpy as np

_TOKEN = re.compile(r"[a-z0-9]+")
STEM_LENGTH = 6
"""Words are cut to this many letters: a crude stem ("approved", "approval" → "approv") that is
enough to rank neighbours and costs nothing next to a real stemmer."""
BLOCK_ROWS = 2048
"""Rows of the similarity product computed at once: bounds memory on big corpora."""


def pair_keys(left: np.ndarray, right: np.ndarray, n_claims: int) -> np.ndarray:
    """One int64 key per unordered claim pair: ``low * n_claims + high``."""
    low = np.minimum(left, right).astype(np.int64)
    high = np.maximum(left, right).astype(np.int64)
    return low * n_claims + high


def count_cross_pairs(article_of: np.ndarray) -> int:
    """How many pairs of claims from different articles there are."""
    sizes = np.bincount(np.asarray(article_of)) if len(article_of) else np.zeros(0, np.int64)
    total = int(sizes.sum())
    return (total * total - int((sizes.astype(np.int64) ** 2).sum())) // 2


def all_cross_pairs(article_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (i < j) of claims from different articles, as two index arrays.

    A claim is never compared with a claim of its own article.
    """
    article_of = np.asarray(article_of)
    left, right = np.triu_indices(len(article_of), k=1)
    keep = article_of[left] != article_of[right]
    return left[keep].astype(np.int32), right[keep].astype(np.int32)


def candidate_pairs(
    texts: Sequence[str],
    article_of: np.ndarray,
    *,
    all_pairs_up_to: int,
    per_claim: int,
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs to score: all of them when few enough, else each claim's nearest neighbours.

    Args:
        texts: The claims' texts.
        article_of: The article number of each claim.
        all_pairs_up_to: Score every cross-article pair when there are at most this many.
        per_claim: Otherwise, keep this many nearest claims of other articles for each claim.
    """
    if count_cross_pairs(article_of) <= all_pairs_up_to:
        return all_cross_pairs(article_of)
    return nearest_pairs(texts, article_of, per_claim=per_claim)


def nearest_pairs(
    texts: Sequence[str],
    article_of: np.ndarray,
    *,
    per_claim: int,
    min_similarity: float = 0.05,
    max_postings: int = 2_000,
    query_terms: int = 10,
) -> tuple[np.ndarray, np.ndarray]:
    """Each claim's ``per_claim`` most similar claims of other articles (TF-IDF cosine).

    Args:
        texts: The claims' texts.
        article_of: The article number of each claim.
        per_claim: Neighbours kept per claim; the pair list is the union over both ends.
        min_similarity: Pairs below this cosine share almost nothing and are never kept.
        max_postings: Words in more claims than this are too common to tell claims apart and
            would make the product quadratic; they are left out of the index.
        query_terms: Each claim looks for neighbours through its rarest words only ("prefix
            filtering"): claims that say the same thing share some rare word, and common words
            would multiply the work. Ten keeps 99.8% of the all-pairs links on the generated
            corpus of ``tests/engine/test_scale.py`` (eight: 98.97%, once captions stopped
            swallowing the claim above them) for 9% more pairs scored.
    """
    from scipy import sparse  # loaded only for big comparisons: importing it takes a second

    article_of = np.asarray(article_of, dtype=np.int64)
    n = len(texts)
    rows, terms = _term_matrix(texts)
    df = np.bincount(terms) if len(terms) else np.zeros(0, np.int64)
    usable = (df >= 2) & (df <= max_postings)
    keep = usable[terms]
    rows, terms = rows[keep], terms[keep]
    idf = np.log(n / np.maximum(df, 1)).astype(np.float32)
    weights = idf[terms]
    norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=n)).astype(np.float32)
    weights = weights / np.maximum(norms[rows], 1e-9)
    matrix = sparse.csr_matrix((weights, (rows, terms)), shape=(n, len(df)), dtype=np.float32)
    transposed = matrix.T.tocsr()
    # The query side keeps each claim's rarest words: rank terms within a row by idf, descending.
    order = np.lexsort((-idf[terms], rows))
    rank = np.arange(len(order)) - np.searchsorted(rows[order], rows[order], side="left")
    rare = order[rank < query_terms]
    queries = sparse.csr_matrix(
        (weights[rare], (rows[rare], terms[rare])), shape=(n, len(df)), dtype=np.float32
    )

    # A claim's own article may fill some of its top places: a row keeps enough entries to
    # cover that, and only the few entries left are checked for their article.
    room = per_claim + np.bincount(article_of)[article_of]
    lefts: list[np.ndarray] = []
    rights: list[np.ndarray] = []
    for start in range(0, n, BLOCK_ROWS):
        block = queries[start : start + BLOCK_ROWS] @ transposed
        rows = block.shape[0]
        row = np.repeat(np.arange(rows), np.diff(block.indptr))
        row, col, value = _near_top(
            row, block.indices, block.data, room[start : start + rows], rows
        )
        row += start
        col = col.astype(np.int64)
        kept = (value >= min_similarity) & (article_of[row] != article_of[col])
        row, col, value = row[kept], col[kept], value[kept]
        # Rows come sorted (CSR); order each row by descending value with one float key.
        order = np.argsort(row * 4.0 - value, kind="stable")
        row, col = row[order], col[order]
        rank = np.arange(len(row)) - np.searchsorted(row, row, side="left")
        chosen = rank < per_claim
        lefts.append(row[chosen])
        rights.append(col[chosen])
    left = np.concatenate(lefts) if lefts else np.zeros(0, np.int64)
    right = np.concatenate(rights) if rights else np.zeros(0, np.int64)
    keys = pair_keys(left, right, n)
    keys.sort()  # a plain sort and a neighbour test: np.unique hashes first, several times slower
    unique = keys[np.append(True, keys[1:] != keys[:-1])] if len(keys) else keys
    return (unique // n).astype(np.int32), (unique % n).astype(np.int32)


HISTOGRAM_BINS = 64
"""Value bins per row used to find each row's top-k cut without sorting every entry."""


def _near_top(
    row: np.ndarray, col: np.ndarray, value: np.ndarray, room: np.ndarray, rows: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Drop entries that cannot be among their row's ``room[row]`` largest (cheaply, no sort).

    A histogram of each row's values (cosines lie in [0, 1]) gives the lowest bin that still
    holds one of the row's top entries; everything in lower bins goes. What remains is the top
    entries plus at most one bin's worth more, so the exact sort that follows stays small.
    """
    bins = HISTOGRAM_BINS
    level = np.minimum((value * bins).astype(np.int64), bins - 1)
    counts = np.bincount(row * bins + level, minlength=rows * bins).reshape(rows, bins)
    from_top = np.cumsum(counts[:, ::-1], axis=1)[:, ::-1]  # entries in this bin or higher
    # The highest bin at which a row already has its room's worth (0 when it never does).
    enough = from_top >= room[:, None]
    cut = np.where(enough.any(axis=1), bins - 1 - np.argmax(enough[:, ::-1], axis=1), 0)
    keep = level >= cut[row]
    return row[keep], col[keep], value[keep]


def _term_matrix(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(claim, term id) for every distinct stemmed content word of every claim."""
    vocabulary: dict[str, int] = {}
    stop = _stop_words()
    terms_of: dict[str, list[int]] = {}  # wire copy repeats texts: each is read once
    rows: list[int] = []
    terms: list[int] = []
    for number, text in enumerate(texts):
        found = terms_of.get(text)
        if found is None:
            seen = {
                word[:STEM_LENGTH]
                for word in _TOKEN.findall(text.lower())
                if word not in stop and (len(word) > 1 or word.isdigit())
            }
            # Sorted: term ids must not depend on string hashing.
            found = [vocabulary.setdefault(stem, len(vocabulary)) for stem in sorted(seen)]
            terms_of[text] = found
        rows.extend([number] * len(found))
        terms.extend(found)
    return np.asarray(rows, dtype=np.int64), np.asarray(terms, dtype=np.int64)


@cache
def _stop_words() -> frozenset[str]:
    from .split import word_list

    return word_list("english_common_words.txt")
