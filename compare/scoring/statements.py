"""Step 4, once pairs are scored: a statement two outlets quote is aligned sentence by sentence.

A company's or an official's statement is quoted at length, and each outlet quotes it
differently: one whole, one in two pieces, one with the wording smoothed ("We are all hands on
deck to make sure all traffic is served without errors" against "Our team is fully engaged to
ensure all traffic is processed without issues"). Split into sentences, the pieces of such a
statement score low against each other, since each is short and the whole story names the same
company. Yet where two quoted passages already agree in order on two sentences or more, the
sentence in the same place of each is the same sentence of the statement, as in bitext
alignment. So inside two such passages the sentences are aligned in order (a monotone
alignment, gaps allowed), and an aligned pair whose log-odds reach ``ALIGNED_AT`` and that sits
next to an anchor is linked; sentences the alignment leaves over (the part only one outlet
quotes) stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

import numpy as np

from ..split import SplitSentence, quotes_open_after

ANCHOR_AT: Final = 0.5
"""A sentence pair at least this likely (the default link threshold) anchors the alignment."""
MIN_ANCHORS: Final = 2
"""Two quoted passages are one statement when at least this many of their sentence pairs are
anchors, in order: one shared sentence is a quote reused, two in order are a statement."""
ALIGNED_AT: Final = -2.0
"""Log-odds an aligned pair needs: the place in the statement stands for the rest. Not fitted:
it keeps a pair the scorer finds more unlike than alike (a probability of 0.12) out, and on the
six real stories of ``../shared/data/coverage`` (``training/README.md``) the pairs it links
all lie between -1.5 and -0.3."""

_QUOTE_MARK = re.compile(r"[“”\"]|(?:^|\s)['‘]\w|\w[.,!?]['’](?:\s|$)")
"""A double quotation mark, or a single one opening before a word or closing after a stop."""


def quoted_passages(sentences: Sequence[SplitSentence]) -> list[int | None]:
    """Per sentence, the number of the quoted passage it belongs to, None outside any.

    A passage is a run of consecutive sentences that each hold a quotation mark or sit inside
    a quotation still open: a statement quoted whole, or in pieces one after another ("...,
    saying, 'We saw ...' They were quick to add, 'We do not yet know ...'").
    """
    passage: list[int | None] = []
    number = 0
    straight_open = False
    curly_depth = 0
    previous_line = None
    previous_quoted = False
    for sentence in sentences:
        if sentence.line != previous_line:  # a quotation left open does not run on for ever
            straight_open, curly_depth = False, 0
        text = sentence.text
        quoted = straight_open or curly_depth > 0 or bool(_QUOTE_MARK.search(text))
        if quoted and not previous_quoted:
            number += 1
        passage.append(number if quoted else None)
        straight_open, curly_depth = quotes_open_after(text, straight_open, curly_depth)
        previous_line, previous_quoted = sentence.line, quoted
    return passage


def aligned_pairs(
    sentences: Sequence[Sequence[SplitSentence]],
    claim_refs: Sequence[tuple[int, int]],
    left: np.ndarray,
    right: np.ndarray,
    probability: np.ndarray,
) -> np.ndarray:
    """Per scored pair, whether it is aligned inside a statement two articles quote (see the
    module docstring) and is not already an anchor."""
    aligned = np.zeros(len(left), dtype=bool)
    # Each claim's passage as one number over the comparison (-1: none), and its size.
    passage = np.full(len(claim_refs), -1, dtype=np.int64)
    numbers: dict[tuple[int, int], int] = {}
    found = [quoted_passages(article) for article in sentences]
    for claim, (article, index) in enumerate(claim_refs):
        number = found[article][index]
        if number is not None:
            passage[claim] = numbers.setdefault((article, number), len(numbers))
    size = np.bincount(passage[passage >= 0], minlength=len(numbers))
    in_statement = np.zeros(len(claim_refs), dtype=bool)
    in_statement[passage >= 0] = size[passage[passage >= 0]] > 1
    rows = np.flatnonzero(in_statement[left] & in_statement[right])
    if not len(rows):
        return aligned
    first = np.minimum(passage[left[rows]], passage[right[rows]])
    second = np.maximum(passage[left[rows]], passage[right[rows]])
    width = len(numbers)
    key = first * width + second
    anchored = probability[rows] >= ANCHOR_AT
    keys, counts = np.unique(key[anchored], return_counts=True)
    statements = set(keys[counts >= MIN_ANCHORS].tolist())
    if not statements:
        return aligned
    members: dict[int, list[int]] = {}
    for claim in np.flatnonzero(in_statement).tolist():
        members.setdefault(int(passage[claim]), []).append(claim)
    row_of: dict[tuple[int, int], int] = {}
    for row, k in zip(rows.tolist(), key.tolist(), strict=True):
        if k in statements:
            row_of[int(left[row]), int(right[row])] = row_of[int(right[row]), int(left[row])] = row
    with np.errstate(divide="ignore"):
        log_odds = np.log(probability) - np.log1p(-probability)
    for k in sorted(statements):
        one, other = members[k // width], members[k % width]
        at = np.array([[row_of.get((x, y), -1) for y in other] for x in one], dtype=np.int64)
        path = _monotone_path(np.where(at >= 0, log_odds[at], -np.inf))
        anchor = [bool(probability[at[i, j]] >= ANCHOR_AT) for i, j in path]
        if sum(anchor) < MIN_ANCHORS:
            continue
        for k, (i, j) in enumerate(path):
            if not anchor[k] and _beside_an_anchor(anchor, k):
                aligned[at[i, j]] = True
    return aligned


def _beside_an_anchor(anchor: list[bool], k: int) -> bool:
    """Whether the ``k``-th pair of an alignment has an anchor just before or after it: the
    place in a statement is known next to what both outlets quote alike, not along a chain of
    weak pairs."""
    return (k > 0 and anchor[k - 1]) or (k + 1 < len(anchor) and anchor[k + 1])


def _monotone_path(log_odds: np.ndarray) -> list[tuple[int, int]]:
    """The in-order alignment of two passages' sentences (gaps allowed) that maximises the sum
    of what each aligned pair has above ``ALIGNED_AT``; pairs under it are never aligned."""
    n, m = log_odds.shape
    gain = log_odds - ALIGNED_AT
    best = np.zeros((n + 1, m + 1))
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            diagonal = best[i - 1, j - 1] + gain[i - 1, j - 1] if gain[i - 1, j - 1] > 0 else -1.0
            best[i, j] = max(best[i - 1, j], best[i, j - 1], diagonal)
    path: list[tuple[int, int]] = []
    i, j = n, m
    while i and j:
        if gain[i - 1, j - 1] > 0 and best[i, j] == best[i - 1, j - 1] + gain[i - 1, j - 1]:
            path.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i, j] == best[i - 1, j]:
            i -= 1
        else:
            j -= 1
    return path[::-1]
