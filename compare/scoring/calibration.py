"""Step 4, score pairs (last): the link probability recalibrated on real coverage.

The pair scorer learned what "the same sentence" means from MRPC and STS-B. Coverage of one
story asks a harder question: every claim names the same people and companies, and outlets
reword a claim far more loosely than MRPC's paraphrases. A small logistic layer, fitted on real
news stories with sentence-level gold (``training/fit_calibration.py``, which reads
``../shared/data/coverage`` in place), re-weighs what the scorer already knows about a pair
inside a comparison: its log-odds, both heads, its margin over the neighbourhood, sentence
cosine, soft word cover, names and figures, word order and the copied run. Its figures are
reported leave-one-story-out (fitted on the other stories, scored on the one left out), since
more real stories are kept back to check it.

Only pairs inside a comparison are recalibrated: pairs judged one by one (MRPC, STS-B) keep the
scorer's own probability. Copied runs keep their floor and figures of two different things their
cap (``pairs.score_pairs``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from . import features as F

INPUTS: tuple[str, ...] = (
    "log_odds",
    "same",
    "similar",
    "margin",
    "cosine",
    "soft_cover_max",
    "names_jaccard",
    "numbers_jaccard",
    "numbers_conflict",
    "facts_agree",
    "facts_disagree_any",
    "word_lcs_ratio",
    "verbatim_words",
    "verbatim_share",
)
"""What the layer reads per pair: the scorer's final log-odds, its ``same`` and ``similarity``
heads, the margin of the similarity over the neighbourhood, then columns of
:func:`compare.scoring.features.pair_features` by name (zero where the method has no such
column)."""

FEATURE_COLUMNS: tuple[str, ...] = INPUTS[4:12]
"""The :func:`compare.scoring.features.pair_features` columns among the inputs, in order."""


def feature_columns(x: np.ndarray) -> np.ndarray:
    """The inputs' feature columns out of a ``pair_features`` matrix (zeros where missing)."""
    names = F.LEXICAL_FEATURES + F.SEMANTIC_FEATURES
    columns = []
    for name in FEATURE_COLUMNS:
        index = names.index(name)
        columns.append(x[:, index] if index < x.shape[1] else np.zeros(len(x), dtype=np.float32))
    return np.column_stack(columns).astype(np.float32) if columns else np.zeros((len(x), 0))


def margin_of(similar: np.ndarray, neighbourhood: np.ndarray) -> np.ndarray:
    """The similarity's lead over the neighbourhood (0 where there is none)."""
    return np.where(np.isnan(neighbourhood), 0.0, similar - neighbourhood)


def calibration_inputs(
    log_odds: np.ndarray,
    same: np.ndarray,
    similar: np.ndarray,
    neighbourhood: np.ndarray,
    columns: np.ndarray,
    runs: np.ndarray,
    share: np.ndarray,
) -> np.ndarray:
    """One row of :data:`INPUTS` per pair (float64), as the layer and its fitting read them."""
    margin = margin_of(similar, neighbourhood)
    return np.column_stack(
        (log_odds, same, similar, margin, columns, runs.astype(np.float64), share)
    ).astype(np.float64)


@dataclass(frozen=True, slots=True, eq=False)
class Calibration:
    """A fitted logistic layer: standardise the inputs, then one weighted sum."""

    method: str
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float

    def log_odds(self, inputs: np.ndarray) -> np.ndarray:
        """Recalibrated log-odds of each row of :func:`calibration_inputs`."""
        return ((inputs - self.mean) / self.scale) @ self.weights + self.bias

    @property
    def column_weights(self) -> np.ndarray:
        """Per-unit weights of the :data:`FEATURE_COLUMNS`: the workers that build the feature
        matrix reduce those columns to one number a pair, so the parent never holds them."""
        start = INPUTS.index(FEATURE_COLUMNS[0])
        return (self.weights / self.scale)[start : start + len(FEATURE_COLUMNS)]

    def log_odds_from(
        self,
        log_odds: np.ndarray,
        same: np.ndarray,
        similar: np.ndarray,
        neighbourhood: np.ndarray,
        columns_sum: np.ndarray,
        runs: np.ndarray,
        share: np.ndarray,
    ) -> np.ndarray:
        """:meth:`log_odds` of the pairs whose feature columns are already reduced to
        ``columns_sum`` (``columns @ column_weights``): the same sum, one input at a time."""
        unit = self.weights / self.scale
        total = np.full(len(log_odds), self.bias - float(unit @ self.mean))
        margin = margin_of(similar, neighbourhood)
        for name, values in (
            ("log_odds", log_odds),
            ("same", same),
            ("similar", similar),
            ("margin", margin),
            ("verbatim_words", runs),
            ("verbatim_share", share),
        ):
            total += unit[INPUTS.index(name)] * values.astype(np.float64)
        return total + columns_sum

    @classmethod
    @cache
    def load(cls, method: str) -> Calibration | None:
        """The shipped layer for a similarity method, or None where none was fitted."""
        path = resources.files("compare").joinpath("models").joinpath(f"calibration_{method}.json")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        if tuple(data["inputs"]) != INPUTS:
            raise ValueError(f"{path} was fitted on other inputs: refit it")
        return cls(
            method,
            np.asarray(data["mean"], dtype=np.float64),
            np.asarray(data["scale"], dtype=np.float64),
            np.asarray(data["weights"], dtype=np.float64),
            float(data["bias"]),
        )
