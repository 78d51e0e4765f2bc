"""The recalibration layer fitted on real coverage: where it may and may not move a pair."""

from __future__ import annotations

from functools import cache

import numpy as np

from compare.load import load_sources
from compare.pipeline import Analysis, analyse
from compare.results import Document
from compare.scoring.calibration import FEATURE_COLUMNS, INPUTS, Calibration
from compare.scoring.pairs import measures_apart_of
from tests.conftest import SAMPLES


@cache
def documents() -> tuple[Document, ...]:
    return tuple(load_sources([str(SAMPLES / "vaccine-trial")]).documents)


def constant(log_odds: float) -> Calibration:
    """A layer that ignores its inputs and answers the same log-odds for every pair."""
    n = len(INPUTS)
    return Calibration("static", np.zeros(n), np.ones(n), np.zeros(n), log_odds)


@cache
def scored(calibrate: bool | float) -> Analysis:
    layer = calibrate if isinstance(calibrate, bool) else constant(calibrate)
    return analyse(documents(), calibrate=layer)


def test_the_shipped_layer_loads_for_the_default_method() -> None:
    layer = Calibration.load("static")
    assert layer is not None and layer.weights.shape == (len(INPUTS),)


def test_without_the_layer_its_inputs_are_recorded_one_row_per_pair() -> None:
    scores = scored(False).scores
    assert scores.calibration_inputs is not None
    assert scores.calibration_inputs.shape == (len(scores.left), len(INPUTS))
    assert scored(True).scores.calibration_inputs is None


def test_the_layer_never_raises_a_pair_whose_facts_disagree_or_measure_two_things() -> None:
    """Where the fact rules have judged a pair (its facts disagree, or one claim gives only
    shares and the other only amounts), the layer may lower it but never raise it."""
    before, after = scored(False).scores, scored(20.0).scores
    facts = scored(False).facts
    disagree = before.facts_disagree
    apart = measures_apart_of(facts, before.left, before.right)
    judged = disagree | apart
    assert disagree.any() and apart.any() and (~judged).any()
    assert np.all(after.probability[judged] <= before.probability[judged] + 1e-6)
    assert np.all(after.probability[~judged] > 0.99)  # elsewhere the layer decides


def test_a_copied_run_keeps_its_floor_whatever_the_layer_says() -> None:
    before, after = scored(False).scores, scored(-20.0).scores
    copied = (before.verbatim_words >= 12) & ~before.name_only_run
    assert copied.any()
    assert np.all(after.probability[copied] > 0.5)


def test_a_misreported_figure_keeps_the_odds_the_fact_rules_gave_it() -> None:
    analysis = scored(-20.0)
    texts = [analysis.sentences[a][s].text for a, s in analysis.claim_refs]
    scores = analysis.scores
    misreport = [
        k
        for k, (i, j) in enumerate(zip(scores.left.tolist(), scores.right.tolist(), strict=True))
        if {"8,400", "4,800"} <= {w for t in (texts[i], texts[j]) for w in t.split()}
        and "volunteers" in texts[i] + texts[j]
    ]
    assert misreport
    before = scored(False).scores.probability[misreport]
    assert np.allclose(scores.probability[misreport], before)
    assert np.all(before >= 0.5)


def test_the_layer_summed_input_by_input_equals_the_layer_on_whole_rows() -> None:
    layer = Calibration.load("static")
    assert layer is not None
    rows = np.random.default_rng(3).normal(size=(50, len(INPUTS)))
    columns = rows[:, 4 : 4 + len(FEATURE_COLUMNS)]
    neighbourhood = rows[:, 2] - rows[:, 3]  # similar - margin
    summed = layer.log_odds_from(
        rows[:, 0],
        rows[:, 1],
        rows[:, 2],
        neighbourhood,
        columns @ layer.column_weights,
        rows[:, -2],
        rows[:, -1],
    )
    assert np.allclose(summed, layer.log_odds(rows), rtol=1e-9, atol=1e-9)


def test_pair_auc_ranks_gold_pairs_against_hard_negatives_only() -> None:
    from training.fit_calibration import HARD_WEIGHT, Story, pair_auc

    inputs = np.zeros((6, len(INPUTS)))
    inputs[:, 0] = [3.0, 2.0, 1.0, 0.0, 5.0, -1.0]  # the layer below reads only log_odds
    target = np.array([1, 1, 0, 0, 0, -1], dtype=np.int8)
    weight = np.array([1.0, 1.0, HARD_WEIGHT, HARD_WEIGHT, 1.0, 0.0])
    story = Story("s", [], {}, inputs, target, weight)
    unit = np.zeros(len(INPUTS))
    unit[0] = 1.0
    layer = Calibration("static", np.zeros(len(INPUTS)), np.ones(len(INPUTS)), unit, 0.0)
    # Both positives above both hard negatives; the easy negative scored 5.0 is not counted.
    assert pair_auc(story, layer) == 1.0
    flipped = Calibration("static", layer.mean, layer.scale, -unit, 0.0)
    assert pair_auc(story, flipped) == 0.0
