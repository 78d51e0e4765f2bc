"""Step 4, score pairs: the calibrated probability that two claims say the same thing.

Per claim, :func:`prepare_claims` (``claims``) computes once what the features need (normalised
words, stems weighted by IDF over the claims being compared, n-grams, facts, embeddings). Then
:func:`score_pairs` scores every candidate pair of one comparison in chunks with a small model
trained on MRPC and STS-B train only (``training/train_scorer.py``), which has two heads:

* ``same``, fitted to MRPC's paraphrase labels: the probability of a pair judged on its own;
* ``similarity``, fitted to STS-B's graded scores.

Inside a comparison every claim has candidates in each other article, and coverage of one story
shares names, numbers and topic words everywhere, so closeness only counts relative to the rest:
the probability becomes the graded head plus its margin over both claims' neighbourhoods, as in
margin-based bitext mining (:func:`combine`), and a long verbatim run lifts it (a reused quote is
the same claim) unless it only names someone with their title (``name_runs``). Claims that
disagree on a figure are judged by their facts first (``conflicts``): a plausible misreport is
scored with the figure set aside, figures of two different things keep the pair from the margin.
Only the margin constants and the verbatim floor were chosen on the sample story sets; every
learned coefficient comes from the MRPC/STS-B train splits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from ..runner import AUTO, Runner, spans
from ..settings import Method
from . import features as F
from .attribution import REPORT_FLOOR, set_frames_aside
from .calibration import FEATURE_COLUMNS, Calibration, calibration_inputs, feature_columns
from .claims import (
    SPELLING_FAMILIES,
    PreparedClaims,
    Scorer,
    prepare_claims,
    quoting_claims,
    read_one_way,
    resolved_method,
)
from .conflicts import VERDICTS, FigureUnits, figure_units, figure_verdicts, judge_figures
from .fact_comparison import (
    LEGAL_STAGES,
    disagreeing_charges,
    disagreeing_tallies,
    instances_named,
    legal_stage,
    other_instances,
)
from .facts import FactSet
from .name_runs import name_only_runs

__all__ = [
    "Method",
    "PairScores",
    "PreparedClaims",
    "Scorer",
    "prepare_claims",
    "resolved_method",
    "score_pairs",
]

CHUNK = 16_384
"""Pairs per feature chunk: bounds memory (gathering both claims' 384-float embeddings costs
~3 KB a pair, so ~60 MB a chunk) while keeping numpy's per-call overhead small."""

# The margin and verbatim-floor constants below (and NEIGHBOURHOOD_PAD) change results but are
# not user settings (compare/settings.py): they shape the log-odds that the shipped calibration
# layer was fitted on (training/fit_calibration.py), so one tuned alone would decalibrate every
# link; they change only with a refit. (Settings.as_dict() is also written into every export.)
MARGIN_NEIGHBOURS = 4
"""How many of a claim's best candidates in the other article form its neighbourhood."""
MARGIN_MIN_CANDIDATES = 4
"""A claim needs this many candidates in the other article before its neighbourhood is trusted;
with fewer (a two-line brief, or pairs scored in isolation as in MRPC) the pair keeps the
model's own probability."""
MARGIN_WEIGHT = 1.0
"""Log-odds added per unit of margin (0 turns the correction off)."""
MARGIN_OFFSET: dict[str, float] = {"lexical": 0.0, "static": 0.0, "transformer": 0.5}
"""Margin (in log-odds) at which a pair is neither raised nor lowered, per method. Chosen on the
sample story sets (``benchmarks/paraphrase.py``): MiniLM's graded head is more generous to
same-story sentences, so it needs a clearer lead over the neighbourhood before a link."""
VERBATIM_FLOOR_WORDS = 7.0
"""Inside a comparison, a copied run longer than this many words lifts the probability above one
half (one unit of log-odds per extra word): a reused quote inside a longer sentence is the same
claim."""
VERBATIM_FLOOR_SHARE = 0.55
"""...and so does a copied run covering more than this share of the shorter claim (runs of at
least ``VERBATIM_FLOOR_MIN_WORDS``), rising 15 log-odds per unit of share."""
VERBATIM_FLOOR_MIN_WORDS = 4
VERBATIM_FLOOR_SLOPE = 15.0
"""Log-odds gained per unit of share above ``VERBATIM_FLOOR_SHARE``."""
_FACTS_DISAGREE = F.LEXICAL_FEATURES.index("facts_disagree_any")


@dataclass(frozen=True, slots=True, eq=False)
class PairScores:
    """Scores of the candidate pairs, aligned with the ``left``/``right`` index arrays."""

    left: np.ndarray
    """int32 claim indices (into the prepared texts)."""
    right: np.ndarray
    """int32 claim indices."""
    probability: np.ndarray
    """float32 in [0, 1]: probability that both claims say the same thing. Judged alone (no
    neighbourhood), the MRPC-calibrated head; inside a comparison, the graded head with its margin
    over both claims' neighbourhoods and the verbatim floor (see the module docstring)."""
    verbatim_words: np.ndarray
    """int32: longest run of consecutive normalised words both claims share."""
    verbatim_share: np.ndarray
    """float32: ``verbatim_words`` over the word count of the shorter claim."""
    similarity: np.ndarray
    """float32 in [0, 1]: graded similarity (the STS-B head, ~score/5), before any margin; for a
    misreported figure inside a comparison, with the figure set aside (``conflicts``)."""
    base_probability: np.ndarray
    """float32: the MRPC-calibrated ``same`` head alone, whatever the neighbourhood (likewise)."""
    name_only_run: np.ndarray
    """bool: the longest copied run only names someone with their title ("Dr. Lena Okafor, the
    city's chief bridge engineer"): it is no evidence of a copied claim (``name_runs``)."""
    facts_disagree: np.ndarray
    """bool: the claims state some fact of one kind differently (a looser test than
    :func:`compare.scoring.fact_comparison.find_conflicts`, so conflicts need only be looked for
    where it holds)."""
    quoted_words: np.ndarray | None = None
    """int32: words of the longest quotation of one claim that the other repeats word for word
    (0 where none): a reused quote is copying however short the rest of the run."""
    aligned: np.ndarray | None = None
    """bool: the pair holds the sentences in one place of a statement two articles quote, aligned
    in order (``statements``): linked whatever its probability."""
    calibration_inputs: np.ndarray | None = None
    """Only when scored with ``calibrate=False``: the rows the recalibration layer reads
    (``calibration.INPUTS``), for fitting it (``training/fit_calibration.py``)."""


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return (0.5 * (1.0 + np.tanh(0.5 * x))).astype(np.float32)


NEIGHBOURHOOD_PAD = -2.0
"""Similarity log-odds assumed for claims of the other article that were not candidates (the
index left them out as too different): about the median log-odds of a pair of unrelated claims
(-2.06 over all pairs of a 50-article synthetic corpus). With all pairs scored it is never used."""


def _neighbourhood(
    logits: np.ndarray,
    claim: np.ndarray,
    other_article: np.ndarray,
    article_size: np.ndarray | None,
    *,
    k: int,
    minimum: int,
) -> np.ndarray:
    """Mean of the k best logits of each (claim, other article) group; NaN if too few.

    With ``article_size`` (the candidate index scored only some pairs), a claim's neighbourhood
    is judged on the whole other article: its claims that were not candidates count at
    ``NEIGHBOURHOOD_PAD``, since the index only leaves out claims unlike this one, so the
    margin stays close to what scoring all pairs gives. Without it, only candidates count.

    Vectorised: groups are found by sorting on the key alone (integers, and often in order
    already); only the few groups with more than k pairs sort their logits.
    """
    n = len(logits)
    key = claim.astype(np.int64) * (int(other_article.max(initial=0)) + 1) + other_article
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    starts = np.ones(n, dtype=bool)
    starts[1:] = sorted_key[1:] != sorted_key[:-1]
    group = np.cumsum(starts) - 1
    first = np.flatnonzero(starts)
    size = np.diff(np.append(first, n))
    small = size[group] <= k  # every logit of these groups is among their k best
    sums = np.bincount(group[small], weights=logits[order][small], minlength=len(first))
    sums = sums.astype(np.float64)  # with no weights at all, bincount counts in integers
    crowded = np.flatnonzero(~small)
    if len(crowded):
        ranked = crowded[np.lexsort((-logits[order][crowded], group[crowded]))]
        rank = np.arange(len(ranked)) - np.searchsorted(group[ranked], group[ranked])
        top = ranked[rank < k]
        sums += np.bincount(group[top], weights=logits[order][top], minlength=len(first))
    counted = size if article_size is None else article_size[other_article[order][first]]
    wanted = np.minimum(counted, k)
    missing = np.maximum(wanted - np.minimum(size, k), 0)
    means = (sums + NEIGHBOURHOOD_PAD * missing) / np.maximum(wanted, 1)
    means[counted < minimum] = np.nan
    result = np.empty(n, dtype=np.float64)
    result[order] = means[group]
    return result


def neighbourhood_logits(
    signal: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    article_of: np.ndarray,
    *,
    k: int = MARGIN_NEIGHBOURS,
    minimum: int = MARGIN_MIN_CANDIDATES,
    partial: bool = False,
) -> np.ndarray:
    """Per pair, the mean of both claims' neighbourhoods (NaN where neither side has one).

    A claim's neighbourhood in an article is the mean of its ``k`` best ``signal`` values over its
    candidates there (the pair itself included), as in margin-based bitext mining. Claims must be
    numbered article by article, as a comparison numbers them, and pairs list their earlier claim
    first: then all of a claim's candidates in one article sit on the same side of its pairs.
    """
    z = signal.astype(np.float64)
    article_size = np.bincount(article_of) if partial else None
    n_left = _neighbourhood(z, left, article_of[right], article_size, k=k, minimum=minimum)
    n_right = _neighbourhood(z, right, article_of[left], article_size, k=k, minimum=minimum)
    both = np.stack((n_left, n_right))
    counted = (~np.isnan(both)).sum(axis=0)
    total = np.nansum(both, axis=0)
    return np.divide(total, counted, out=np.full(len(z), np.nan), where=counted > 0)


def has_neighbourhood(
    left: np.ndarray,
    right: np.ndarray,
    article_of: np.ndarray,
    *,
    minimum: int = MARGIN_MIN_CANDIDATES,
    partial: bool = False,
) -> np.ndarray:
    """Where :func:`neighbourhood_logits` will not be NaN, known before any score (no sort)."""
    if partial:
        size = np.bincount(article_of)
        return (size[article_of[right]] >= minimum) | (size[article_of[left]] >= minimum)
    articles = int(article_of.max(initial=0)) + 1
    sides = []
    for claim, other in ((left, right), (right, left)):
        key = claim.astype(np.int64) * articles + article_of[other]
        _, where, counts = np.unique(key, return_inverse=True, return_counts=True)
        sides.append(counts[where] >= minimum)
    return sides[0] | sides[1]


def combine(
    same: np.ndarray,
    similarity: np.ndarray,
    neighbourhood: np.ndarray,
    *,
    weight: float = MARGIN_WEIGHT,
    offset: float = 0.0,
) -> np.ndarray:
    """Final log-odds of each pair from the model's two heads and the neighbourhood.

    Without a neighbourhood (pairs judged one by one, like MRPC) the answer is the ``same``
    head, fitted to MRPC's binary labels. Inside a comparison, the graded ``similarity`` head is
    used with its margin added: ``z + weight * (z - neighbourhood - offset)``. On same-story
    samples the graded head plus margin separates same-claim from same-story pairs far better
    (AUC 0.98 against 0.92 for the MRPC head), because MRPC calls a pair different whenever one
    side adds a detail, which is exactly how coverage of one story rewrites a claim.

    Args:
        same: ``same``-head log-odds.
        similarity: ``similarity``-head log-odds.
        neighbourhood: From :func:`neighbourhood_logits` on ``similarity`` (NaN = none).
        weight: Log-odds added per unit of margin.
        offset: Margin at which nothing moves.

    Returns:
        Log-odds.
    """
    margin = similarity - neighbourhood - offset
    with np.errstate(invalid="ignore"):
        inside = similarity + weight * margin
    return np.where(np.isnan(neighbourhood), same, inside)


def verbatim_floor(runs: np.ndarray, share: np.ndarray) -> np.ndarray:
    """Lowest log-odds a pair can have given the words it copies (see ``VERBATIM_FLOOR_*``)."""
    by_words = runs - VERBATIM_FLOOR_WORDS
    by_share = np.where(
        runs >= VERBATIM_FLOOR_MIN_WORDS,
        (share - VERBATIM_FLOOR_SHARE) * VERBATIM_FLOOR_SLOPE,
        -np.inf,
    )
    return np.maximum(by_words, by_share)


def score_pairs(
    prepared: PreparedClaims,
    left: np.ndarray,
    right: np.ndarray,
    *,
    chunk_size: int = CHUNK,
    margin_weight: float = MARGIN_WEIGHT,
    partial: bool = False,
    runner: Runner = AUTO,
    on_progress: Callable[[int, int], None] | None = None,
    calibrate: bool | Calibration = True,
) -> PairScores:
    """Score candidate pairs: all candidate pairs of one comparison in one call.

    The margin compares each pair with the claims' other candidates, so pass every candidate at
    once rather than in separate calls; a claim with fewer than ``MARGIN_MIN_CANDIDATES``
    candidates in the other article is scored on its own (the MRPC-calibrated head).

    The model sees only the two texts, so each distinct pair of texts is featurised once: wire
    copy prints one sentence in many articles, and big corpora repeat most pairs many times.

    Args:
        prepared: From :func:`prepare_claims`.
        left: Claim indices; ``left[i]`` and ``right[i]`` should be of different articles.
        right: Claim indices, same length.
        chunk_size: Pairs featurised at a time (memory bound).
        margin_weight: Strength of the neighbourhood correction.
        partial: The pairs are an index's candidates, not every cross-article pair: judge each
            neighbourhood on the whole other article (see :func:`_neighbourhood`).
        runner: Where the chunks are featurised (its ``"score"`` step, sized by the number of
            pairs). The scores are the same wherever they run.
        on_progress: Called with (pairs done, pairs) as chunks finish.
        calibrate: Recalibrate pairs inside a comparison on real coverage with the shipped
            layer (``calibration``), or with the one given; False keeps the scorer's
            probability and records the layer's inputs instead.

    Returns:
        Scores aligned with ``left``/``right``.
    """
    left = np.ascontiguousarray(left, dtype=np.int32)
    right = np.ascontiguousarray(right, dtype=np.int32)
    if left.shape != right.shape:
        raise ValueError("left and right must have the same length")
    distinct_left, distinct_right, back = _distinct_text_pairs(prepared.features, left, right)
    n_distinct = len(distinct_left)
    chunks = spans(n_distinct, chunk_size)
    same = np.empty(n_distinct, dtype=np.float32)
    similar = np.empty(n_distinct, dtype=np.float32)
    runs = np.empty(n_distinct, dtype=np.int32)
    share = np.empty(n_distinct, dtype=np.float32)
    disagree = np.empty(n_distinct, dtype=bool)
    verdicts = np.empty(n_distinct, dtype=np.int8)
    name_only = np.empty(n_distinct, dtype=bool)
    quoted = np.empty(n_distinct, dtype=np.int32)
    layer = calibrate if isinstance(calibrate, Calibration) else None
    if calibrate is True:
        layer = Calibration.load(prepared.method)
    # The layer's feature columns are reduced to one number a pair in the workers; only a
    # fitting run (calibrate=False) keeps them whole.
    width = len(FEATURE_COLUMNS) if calibrate is False else 1
    columns = np.empty((n_distinct, width), dtype=np.float32)
    column_weights = layer.column_weights if layer is not None else None
    work: _ScoringWork = (
        prepared,
        figure_units(prepared.features.facts),
        distinct_left,
        distinct_right,
        calibrate is False,
        column_weights,
    )
    for (start, stop), scored in zip(
        chunks, runner.map("score", len(left), _score_chunk, work, chunks), strict=True
    ):
        same[start:stop], similar[start:stop], runs[start:stop], share[start:stop] = scored[:4]
        disagree[start:stop], verdicts[start:stop], name_only[start:stop] = scored[4:7]
        quoted[start:stop], columns[start:stop] = scored[7], scored[8]
        if on_progress:
            on_progress(len(left) * stop // max(n_distinct, 1), len(left))
    name_only, quoted = name_only[back], quoted[back]
    same, similar, runs, share = same[back], similar[back], runs[back], share[back]
    disagree = disagree[back]
    inside = has_neighbourhood(left, right, prepared.article_of, partial=partial)
    verdicts = verdicts[back]
    # Two storms named, one on each side, a case's charges at two stages, or a share against an
    # amount: distinct things, whatever their figures.
    two_stages = inside & _other_stages(prepared, left, right)
    measures = inside & measures_apart_of(prepared.features.facts, left, right)
    apart = inside & _other_instances(prepared, left, right)
    verdicts[two_stages | measures | apart] = VERDICTS.index("distinct")
    figures = judge_figures(
        prepared, left, right, verdicts=verdicts, inside=inside, same=same, similar=similar
    )
    same, similar = figures.same, figures.similar
    neighbourhood = neighbourhood_logits(similar, left, right, prepared.article_of, partial=partial)
    offset = MARGIN_OFFSET.get(prepared.method, 0.0)
    z = combine(same, similar, neighbourhood, weight=margin_weight, offset=offset)
    heads_and_margin = z.copy()
    # Figures of two different things: no margin lifts the pair, and either head's doubt, judging
    # it on its own, is enough (the MRPC head alone takes a template filled twice for a match).
    distinct = figures.distinct
    z[distinct] = np.minimum(z[distinct], np.minimum(same[distinct], similar[distinct]))
    # A plea and a verdict on the same charges read alike to both heads ("pleaded not guilty
    # to wire fraud", "found not guilty of wire fraud"); they are two claims all the same.
    z[two_stages] = np.minimum(z[two_stages], OTHER_STAGE_LOG_ODDS)
    # Inside a comparison a long copied run is reuse; pairs judged alone (MRPC) keep the model's
    # view, since there high-overlap pairs that differ in one detail are the norm. A run that only
    # names someone with their title copies no claim.
    # Nor does a run copied from a press release's template ("For the quarter, GAAP and non-GAAP
    # ... were") into two lines that measure different things.
    floored = inside & ~name_only & ~measures
    floor = verbatim_floor(runs[floored], share[floored])
    z[floored] = np.maximum(z[floored], floor)
    # A run that only names someone copies no claim: the layer does not see it as copy either.
    copied, copied_share = np.where(name_only, 0, runs), np.where(name_only, 0.0, share)
    inputs = None
    if calibrate is False:  # a fitting run: keep the layer's inputs, whole
        inputs = calibration_inputs(
            z, same, similar, neighbourhood, columns[back], copied, copied_share
        )
    elif layer is not None and inside.any():
        recalibrated = layer.log_odds_from(
            z[inside],
            same[inside],
            similar[inside],
            neighbourhood[inside],
            columns[back[inside], 0],
            copied[inside],
            copied_share[inside],
        ).astype(z.dtype)
        # Where the facts disagree, the fact rules above have judged the pair: a misreport keeps
        # its rescored odds, and the layer may lower any other such pair but never raise it.
        # Copied runs keep their floor.
        judged = disagree[inside] | distinct[inside]
        recalibrated = np.where(judged, np.minimum(recalibrated, z[inside]), recalibrated)
        recalibrated = np.where(figures.misreport[inside], z[inside], recalibrated)
        z[inside] = recalibrated
    # Two things one person said are two claims: a pair of reported speech loses what the
    # frames alone gave it (``attribution``). Copied runs keep their floor.
    z = set_frames_aside(
        prepared,
        left,
        right,
        z,
        looked_at=inside & (z > REPORT_FLOOR),
        before=heads_and_margin,
        combine_heads=lambda s, m, rows: combine(
            s, m, neighbourhood[rows], weight=margin_weight, offset=offset
        ),
    )
    z[floored] = np.maximum(z[floored], floor)
    probability = _sigmoid(z)
    # The same sentence twice says the same thing whatever the model thinks of short texts.
    claims = prepared.features
    if claims.text_id is not None:
        identical = (claims.text_id[left] == claims.text_id[right]) & (claims.word_count[left] > 0)
        probability[identical] = np.maximum(probability[identical], 0.99)
    return PairScores(
        left=left,
        right=right,
        probability=probability,
        verbatim_words=runs,
        verbatim_share=share,
        similarity=_sigmoid(similar),
        base_probability=_sigmoid(same),
        name_only_run=name_only,
        facts_disagree=disagree | _unscored_facts_disagree(claims.facts, left, right),
        quoted_words=quoted,
        calibration_inputs=inputs,
    )


def _other_instances(prepared: PreparedClaims, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Per pair, whether the claims are about two named things of one kind
    (:func:`~compare.scoring.fact_comparison.other_instances`): no margin lifts them, as for
    figures of two different things."""
    found = np.zeros(len(left), dtype=bool)
    named = [instances_named(facts) for facts in prepared.features.facts]
    has = np.fromiter((bool(n) for n in named), dtype=bool, count=len(named))
    if has.sum() < 2:
        return found
    lowered = [text.lower() if n else "" for text, n in zip(prepared.texts, named, strict=True)]
    for k in np.flatnonzero(has[left] & has[right]).tolist():
        i, j = int(left[k]), int(right[k])
        found[k] = other_instances(named[i], named[j], lowered[i], lowered[j])
    return found


def measures_apart_of(facts: Sequence[FactSet], left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Per pair, whether each claim gives money or shares and the two give none of a kind in
    common: only percentages against only amounts ("gross margins were 73.4% and 73.6%"
    against "earnings per share were both $1.30"). A press release's lines share one template,
    and outlets restate each; two that measure different things are two claims. Worked out on
    arrays: every candidate pair is asked."""
    kinds = [{f.kind for f in claim.facts} for claim in facts]
    amount = np.fromiter(("amount" in k for k in kinds), dtype=bool, count=len(kinds))
    share = np.fromiter(("percent" in k for k in kinds), dtype=bool, count=len(kinds))
    given = amount | share
    return (
        given[left] & given[right] & ~(amount[left] & amount[right]) & ~(share[left] & share[right])
    )


OTHER_STAGE_LOG_ODDS = -2.0
"""The most two claims that name charges at two stages of a case may score (probability 0.12):
under any threshold, still a near miss the lens can show."""


def _other_stages(prepared: PreparedClaims, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Per pair, whether the claims name charges at two stages of a case: what someone was
    charged with, or pleaded not guilty to, against what a jury decided on those charges.
    Court coverage names the same charges in both, and they are two claims. Each claim that
    names a charge has its stage (:func:`~compare.scoring.fact_comparison.legal_stage`) read
    once; 0 where it names none or its stage is not one."""
    facts, texts = prepared.features.facts, prepared.texts
    stage = np.zeros(len(facts), dtype=np.int8)
    for claim, claim_facts in enumerate(facts):
        if claim_facts.charges:
            found = legal_stage(texts[claim])
            stage[claim] = 0 if found is None else LEGAL_STAGES.index(found) + 1
    a, b = stage[left], stage[right]
    return (a > 0) & (b > 0) & (a != b)


def _unscored_facts_disagree(
    facts: Sequence[FactSet], left: np.ndarray, right: np.ndarray
) -> np.ndarray:
    """Per pair, whether the claims name different criminal charges or give different scores
    or votes (``disagreeing_charges``, ``disagreeing_tallies``).

    Neither is a feature of the scorer, so the scorer's own test of disagreeing facts misses
    them; conflicts are only looked for where either says facts disagree.
    """
    found = np.zeros(len(left), dtype=bool)
    held = np.fromiter((bool(f.charges or f.tallies) for f in facts), dtype=bool, count=len(facts))
    if held.sum() < 2:
        return found
    for k in np.flatnonzero(held[left] & held[right]).tolist():
        a, b = facts[left[k]], facts[right[k]]
        found[k] = bool(disagreeing_charges(a, b) or disagreeing_tallies(a, b))
    return found


def _distinct_text_pairs(
    claims: F.ClaimFeatures, left: np.ndarray, right: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One representative claim pair per distinct (unordered) pair of texts.

    Returns (left, right, back): ``back[i]`` is the row of pair ``i``'s representative. Every
    feature is symmetric, so the text pair's order does not matter.
    """
    # Each claim's id is the first claim with its text (rows are numbered in order of first
    # appearance, so np.unique finds them in row order): the id is its representative.
    _, first_claim = np.unique(claims.text_row, return_index=True)
    text_id = first_claim[claims.text_row]
    size = max(len(text_id), 1)
    a, b = text_id[left], text_id[right]
    distinct, back = np.unique(np.minimum(a, b) * size + np.maximum(a, b), return_inverse=True)
    return (distinct // size).astype(np.int32), (distinct % size).astype(np.int32), back


_ScoringWork = tuple[
    PreparedClaims,
    list[FigureUnits],
    np.ndarray,
    np.ndarray,
    bool,
    "np.ndarray | None",
]
"""What every scoring task reads: the prepared claims, their figures' units, the distinct pairs,
whether to keep the layer's columns whole, and the layer's column weights."""


def _score_chunk(work: _ScoringWork, bounds: tuple[int, int]) -> tuple[np.ndarray, ...]:
    """For one chunk of pairs (runs in a worker): both heads' log-odds, verbatim runs and
    shares, whether facts disagree, the figure verdicts, whether the run only names someone, the
    longest quotation repeated whole, and the calibration layer's feature columns (whole for a
    fitting run, else summed with the layer's weights). All depend on the two texts alone, so
    they are worked out once per distinct text pair."""
    prepared, units, left, right, keep_columns, column_weights = work
    left, right = left[bounds[0] : bounds[1]], right[bounds[0] : bounds[1]]
    x, run, share = F.pair_features(prepared.features, left, right)
    if prepared.spelling_forms is not None:
        run, share = respelled_runs(
            prepared.texts, left, right, run, share, prepared.spelling_forms
        )
    same, similar = prepared.scorer.logits(x)
    disagree = x[:, _FACTS_DISAGREE] > 0
    verdicts = figure_verdicts(prepared.features.facts, units, left, right, where=disagree)
    name_only = name_only_runs(prepared.naming, left, right, run)
    quoted = quoted_runs(prepared.texts, left, right, run, prepared.quoting)
    if keep_columns:
        columns = feature_columns(x)
    elif column_weights is not None:
        columns = (feature_columns(x).astype(np.float64) @ column_weights)[:, None]
    else:
        columns = np.zeros((len(left), 1), dtype=np.float32)
    return same, similar, run, share, disagree, verdicts, name_only, quoted, columns


def respelled_runs(
    texts: Sequence[str],
    left: np.ndarray,
    right: np.ndarray,
    runs: np.ndarray,
    shares: np.ndarray,
    forms: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Verbatim runs and shares with every figure, set of initials, month and clock time read
    one way however it is written ("4%" / "4 per cent", "US$65 billion" / "$65bn", "U.S." /
    "US", "Sept. 17" / "September 17", "9 a.m." / "9am"), so a copy that only respells them for
    another market stays a copy.

    Only pairs whose claims both spell one kind of thing (``SPELLING_FAMILIES``), and spell it
    differently, are read again, and a run only grows. The scorer's own features keep the runs
    they were trained on; the copied-run floor, the layer and the labels read these.
    """
    mine, theirs = forms[left], forms[right]
    differ = np.zeros(len(left), dtype=bool)
    for family in SPELLING_FAMILIES:
        here, there = mine & family, theirs & family
        differ |= (here != 0) & (there != 0) & (here != there)
    respelled = np.flatnonzero(differ)
    if not len(respelled):
        return runs, shares
    # The claims' folded words as one table of word ids, their runs found as every pair's are.
    claims, rows = np.unique(
        np.concatenate([left[respelled], right[respelled]]), return_inverse=True
    )
    ids: dict[str, int] = {}
    words = F.Ragged.from_rows(
        [
            [ids.setdefault(w, len(ids)) for w in _words_read_one_way(texts[c])]
            for c in claims.tolist()
        ]
    )
    mine_row, their_row = rows[: len(respelled)], rows[len(respelled) :]
    folded = F.longest_runs(words, mine_row, their_row)
    shorter = np.maximum(1, np.minimum(words.lengths()[mine_row], words.lengths()[their_row]))
    grew = folded > runs[respelled]
    runs, shares = runs.copy(), shares.copy()
    runs[respelled[grew]] = folded[grew]
    shares[respelled[grew]] = np.maximum(shares[respelled[grew]], folded[grew] / shorter[grew])
    return runs, shares


@cache
def _words_read_one_way(text: str) -> tuple[str, ...]:
    """The claim's words, spelling folded and every respelling of ``SPELLINGS`` read one way."""
    return tuple(F.spelling_key(w) for w in F.words_of(read_one_way(text)))


_QUOTATION = re.compile(r'"([^"]+)"')


@cache
def _quotations(text: str) -> tuple[str, ...]:
    """The claim's quotations as folded words, each padded with spaces for a containment test."""
    return tuple(
        f" {' '.join(F.spelling_key(w) for w in F.words_of(q))} "
        for q in _QUOTATION.findall(F.normalise(text))
    )


@cache
def _folded(text: str) -> str:
    return f" {' '.join(F.spelling_key(w) for w in F.words_of(text))} "


def quoted_runs(
    texts: Sequence[str],
    left: np.ndarray,
    right: np.ndarray,
    runs: np.ndarray,
    quoting: np.ndarray | None = None,
) -> np.ndarray:
    """Per pair, the words of the longest quotation of either claim that the other repeats
    whole (spelling and quote marks folded), 0 where none.

    Outlets quote a statement in fragments of five or six words ("downside risks to employment
    have risen"), shorter than the run that makes a pair shared by itself; a quotation repeated
    whole is still copy. Only pairs that share a run of two words and where a claim holds a
    quotation mark (``quoting``, per claim; worked out here when not given) are looked at.
    """
    found = np.zeros(len(left), dtype=np.int32)
    if quoting is None:
        quoting = quoting_claims(texts)
    for k in np.flatnonzero((runs >= 2) & (quoting[left] | quoting[right])).tolist():
        a, b = texts[left[k]], texts[right[k]]
        for quoting_text, other in ((a, b), (b, a)):
            folded = _folded(other)
            for quote in _quotations(quoting_text):
                if quote in folded:
                    found[k] = max(found[k], quote.count(" ") - 1)
    return found
