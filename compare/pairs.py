"""Step 4, score pairs (PLACEHOLDER by the lead: lexical only; to be replaced by the calibrated scorer)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cpdist

Method = Literal["auto", "lexical", "static", "transformer"]
_TOKEN = re.compile(r"\w+(?:[.,'’]\w+)*")


@dataclass(frozen=True, slots=True)
class PairScores:
    left: np.ndarray
    right: np.ndarray
    probability: np.ndarray
    verbatim_words: np.ndarray
    verbatim_share: np.ndarray


@dataclass(frozen=True, slots=True)
class PreparedClaims:
    texts: tuple[str, ...]
    normalised: tuple[str, ...]
    tokens: tuple[tuple[str, ...], ...]
    article_of: np.ndarray
    method: str


def prepare_claims(
    texts: Sequence[str], article_of: Sequence[int], *, method: Method = "auto"
) -> PreparedClaims:
    tokens = tuple(tuple(_TOKEN.findall(t.lower())) for t in texts)
    return PreparedClaims(
        tuple(texts),
        tuple(" ".join(t) for t in tokens),
        tokens,
        np.asarray(article_of, dtype=np.int32),
        "lexical",
    )


def resolved_method(prepared: PreparedClaims) -> str:
    return prepared.method


def _longest_run(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    best = 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0] * (len(b) + 1)
        for j, y in enumerate(b, start=1):
            if x == y:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def score_pairs(prepared: PreparedClaims, left: np.ndarray, right: np.ndarray) -> PairScores:
    left = np.asarray(left, dtype=np.int32)
    right = np.asarray(right, dtype=np.int32)
    a = [prepared.normalised[i] for i in left]
    b = [prepared.normalised[j] for j in right]
    ratio = cpdist(a, b, scorer=fuzz.token_set_ratio, dtype=np.float32) / 100.0 if a else np.zeros(0, np.float32)
    runs = np.array(
        [_longest_run(prepared.tokens[i], prepared.tokens[j]) for i, j in zip(left, right, strict=True)],
        dtype=np.int32,
    )
    shorter = np.array(
        [max(1, min(len(prepared.tokens[i]), len(prepared.tokens[j]))) for i, j in zip(left, right, strict=True)],
        dtype=np.float32,
    )
    share = (runs / shorter).astype(np.float32) if len(runs) else np.zeros(0, np.float32)
    probability = np.clip((ratio - 0.45) / 0.4, 0.0, 1.0).astype(np.float32)
    probability = np.maximum(probability, np.minimum(1.0, share * 1.2)).astype(np.float32)
    return PairScores(left, right, probability, runs, share)
