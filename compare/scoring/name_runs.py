"""Step 4, score pairs (continued): a copied run that only names who speaks copies no claim.

Coverage quotes the same people and introduces them the same way, so "Dr. Lena Okafor, the city's
chief bridge engineer," turns up word for word in sentences that report different things she
said. A long copied run is otherwise good evidence of reuse (``pairs.verbatim_floor``, the
``shared`` label), so a run made only of a name, its titles and its apposition
(``fact_extraction.name_phrases``), give or take function words, must not count as one: the
rest of the sentence has to agree for the pair to link.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import features as F
from .fact_extraction import name_phrases
from .facts import FactSet

# Not user settings: they bound a test of the text, which the calibration saw as it is.
NAME_RUN_MIN_WORDS = 3
"""Shorter copied runs are not checked: they make no link on their own (see ``shared_min_words``
in ``compare/settings.py`` and ``pairs.VERBATIM_FLOOR_MIN_WORDS``)."""
NAME_RUN_MAX_WORDS = 16
"""Longer copied runs always carry more than a name and its apposition."""


def naming_words(text: str, facts: FactSet) -> list[bool]:
    """Per word of the claim (as the scorer splits it), whether it only names or introduces
    someone or something: a word of a name phrase, or a function word."""
    matches = F.word_matches(text)
    if len(F.normalise(text)) != len(text):  # normalising moved offsets: no safe mapping
        return [False] * len(matches)
    phrases = name_phrases(text, facts)
    return [
        m.group() in F.STOPWORDS or any(s <= m.start() and m.end() <= e for s, e in phrases)
        for m in matches
    ]


@dataclass(frozen=True, slots=True, eq=False)
class NamingWords:
    """Per claim, its words with every word that does more than name someone made unmatchable,
    and its longest stretch of naming words: all :func:`name_only_runs` needs of one claim."""

    words: F.Ragged
    stretch: np.ndarray
    """int32 longest stretch of naming words in each claim."""


def naming_words_of(texts: Sequence[str], claims: F.ClaimFeatures) -> NamingWords:
    """Work out each claim's naming words once (once per text: wire copy repeats them).

    Args:
        texts: The claims, as scored.
        claims: Their prepared features (words, facts).
    """
    unmatchable = int(claims.words.values.max(initial=0)) + 1
    # The first claim with each text stands for it (rows are numbered by first appearance).
    _, first_claim = np.unique(claims.text_row, return_index=True)
    rows: list[list[int]] = []
    stretch: list[int] = []
    for claim in first_claim.tolist():
        start, stop = claims.words.offsets[claim : claim + 2].tolist()
        ids = claims.words.values[start:stop].tolist()
        flags = naming_words(texts[claim], claims.facts[claim])
        if len(flags) != len(ids):
            flags = [False] * len(ids)
        # Each other word gets an id of its own, so no copied run goes through it.
        rows.append(
            [
                w if keep else unmatchable + start + k
                for k, (w, keep) in enumerate(zip(ids, flags, strict=True))
            ]
        )
        stretch.append(_longest_stretch(flags))
    table = F.Ragged.from_rows(rows)
    row_of = claims.text_row
    return NamingWords(table.take(row_of), np.array(stretch, dtype=np.int32)[row_of])


def name_only_runs(
    naming: NamingWords, left: np.ndarray, right: np.ndarray, runs: np.ndarray
) -> np.ndarray:
    """Per pair, whether its longest copied run only names and introduces someone.

    The longest run that keeps to naming words (every other word made unmatchable) is as long
    as the longest copied run exactly when a longest copied run is made of naming words only.

    Args:
        naming: From :func:`naming_words_of`.
        left: Claim indices.
        right: Claim indices, same length.
        runs: Longest copied run of each pair, in words (``features.longest_runs``).

    Returns:
        bool array aligned with the pairs.
    """
    result = np.zeros(len(left), dtype=bool)
    # A run of naming words fits in each claim's longest stretch of them: a cheap first cut.
    fits = np.minimum(naming.stretch[left], naming.stretch[right])
    check = np.flatnonzero(
        (runs >= NAME_RUN_MIN_WORDS) & (runs <= NAME_RUN_MAX_WORDS) & (runs <= fits)
    )
    if len(check):
        naming_runs = F.longest_runs(naming.words, left[check], right[check])
        result[check] = naming_runs >= runs[check]
    return result


def _longest_stretch(flags: list[bool]) -> int:
    best = current = 0
    for flag in flags:
        current = current + 1 if flag else 0
        best = max(best, current)
    return best
