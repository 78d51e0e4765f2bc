"""Fit the recalibration layer (``compare/scoring/calibration.py``) leave-one-story-out.

    python training/fit_calibration.py [--method static] [--coverage DIR] [--write]

Reads the stories under ``../shared/data/coverage`` in place (third-party text: never copied into
the project). For every story it scores all claim pairs with the layer switched off and takes the
layer's inputs; pairs the gold calls the same claim (shared, either, paraphrase, conflict) are
positives; pairs the gold calls different claims of one story are negatives (weighted
``HARD_WEIGHT``), and so is every pair with a claim the gold says no other article makes. Our own
sample sets (``samples/``, invented) are always among the training stories too, read the same
way from their gold.

The layer is an L2-regularised logistic regression fitted by Newton's method (deterministic: no
seed, no shuffling). Its operating point, a shift of the intercept, is chosen from ``SHIFTS``
at the default ``paraphrase_at``, scored with the corpus's own ``score.py``: the layer may not
find fewer same-claim pairs than the scorer alone does on the training stories, and among the
shifts that keep that recall it takes the one with the most unique claims right less false
links (the layer is there to stop wrong links, not to trade found ones away).

Leave-one-story-out: for each story, the layer and its shift are fitted on the other stories
and the story left out is scored; those figures say what to expect on stories the layer has not
seen. ``--write`` then fits on every story and writes ``compare/models/calibration_<method>.json``
with the leave-one-story-out and in-sample figures beside the coefficients.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.coverage import (  # noqa: E402
    COLUMNS,
    corpus_dir,
    load_scorer,
    mean_figures,
    no_corpus,
    print_table,
    stories,
    story_sources,
)
from compare.export import json_document  # noqa: E402
from compare.load import load_sources  # noqa: E402
from compare.pipeline import Analysis, analyse, label_analysis  # noqa: E402
from compare.results import Document  # noqa: E402
from compare.scoring.calibration import INPUTS, Calibration  # noqa: E402
from compare.settings import DEFAULTS, METHODS  # noqa: E402

POSITIVE_KINDS = ("shared", "either", "paraphrase", "conflict")
HARD_WEIGHT = 5.0
"""Weight of a gold negative (same story, same names, another claim) against a pair with a
claim no other article makes: the hard negatives are few, and they are the ones that matter."""
L2 = 10.0
"""Penalty on the standardised weights (the sum of squares times this, over the weighted
count): with a few hundred positives the layer must stay close to the scorer it recalibrates."""
SHIFTS = (-0.5, -0.25, 0.0, 0.25, 0.5, 0.75, 1.0)
"""Intercept shifts tried for the operating point (log-odds added to every pair)."""


@dataclass
class Story:
    """One story's documents, gold and, with the layer off, its pairs' inputs and labels."""

    name: str
    documents: list[Document]
    gold: dict
    inputs: np.ndarray
    target: np.ndarray
    """1 positive, 0 negative, -1 not annotated."""
    weight: np.ndarray


def _norm(scorer: ModuleType, text: str) -> str:
    return str(scorer.norm(text))


SAMPLES = ROOT / "samples"
"""Our own invented story sets: always among the training stories, so the layer also keeps
what the scorer gets right on clean copy (their figures are tested in tests/engine)."""


def sample_gold(folder: Path) -> tuple[list[str], dict]:
    """A sample set's files and its gold in the coverage corpus's form."""
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))

    def ref(item: list[str]) -> dict:
        return {"file": item[0], "text": item[1]}

    pairs = [
        {"a": ref(a), "b": ref(b), "kind": kind}
        for key, kind in (
            ("shared", "shared"),
            ("paraphrased", "paraphrase"),
            ("must_not_link", "negative"),
        )
        for a, b in gold[key]
    ]
    files = sorted(p.name for p in folder.glob("*.md"))
    return [str(folder / f) for f in files], {
        "files": files,
        "pairs": pairs,
        "unique": [ref(item) for item in gold["unique"]],
        "non_claims": [],
    }


def read_story(folder: Path, scorer: ModuleType, method: str, *, sample: bool = False) -> Story:
    """Score one story with the layer off and label its pairs from the gold."""
    if sample:
        sources, gold = sample_gold(folder)
    else:
        sources = story_sources(folder)
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    documents = list(load_sources(sources).documents)
    analysis = analyse(documents, settings=DEFAULTS.with_changes(method=method), calibrate=False)
    inputs = analysis.scores.calibration_inputs
    assert inputs is not None
    names = [Path(d.source).name for d in documents]
    texts = [_norm(scorer, analysis.sentences[a][s].text) for a, s in analysis.claim_refs]

    def claims_of(ref: dict) -> list[int]:
        article = names.index(ref["file"])
        wanted = _norm(scorer, ref["text"])
        return [
            c
            for c, (a, _) in enumerate(analysis.claim_refs)
            if a == article and texts[c] and (texts[c] in wanted or wanted in texts[c])
        ]

    kind: dict[tuple[int, int], str] = {}
    for pair in gold["pairs"]:
        for i in claims_of(pair["a"]):
            for j in claims_of(pair["b"]):
                key = (min(i, j), max(i, j))
                # The gold may mark parts of the same two sentences both ways (one part
                # restated, another only alike): the two claims then do tell one thing.
                if kind.get(key) not in POSITIVE_KINDS:
                    kind[key] = pair["kind"]
    unique = {c for ref in gold["unique"] for c in claims_of(ref)}
    target = np.full(len(inputs), -1, dtype=np.int8)
    weight = np.zeros(len(inputs))
    for row, (i, j) in enumerate(
        zip(analysis.scores.left.tolist(), analysis.scores.right.tolist(), strict=True)
    ):
        found = kind.get((min(i, j), max(i, j)))
        if found in POSITIVE_KINDS:
            target[row], weight[row] = 1, 1.0
        elif found == "negative":
            target[row], weight[row] = 0, HARD_WEIGHT
        elif i in unique or j in unique:
            target[row], weight[row] = 0, 1.0
    return Story(folder.name, documents, gold, inputs, target, weight)


def fit_layer(stories_in: list[Story], method: str) -> Calibration:
    """L2 logistic regression on the annotated pairs of the given stories (Newton's method)."""
    x = np.concatenate([s.inputs[s.target >= 0] for s in stories_in])
    y = np.concatenate([s.target[s.target >= 0] for s in stories_in]).astype(np.float64)
    w = np.concatenate([s.weight[s.target >= 0] for s in stories_in])
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.column_stack(((x - mean) / scale, np.ones(len(x))))
    beta = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], L2 / w.sum())
    penalty[-1] = 0.0  # the intercept is not shrunk
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(z @ beta)))
        gradient = z.T @ (w * (p - y)) / w.sum() + penalty * beta
        hessian = (z * (w * p * (1 - p))[:, None]).T @ z / w.sum() + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return Calibration(method, mean, scale, beta[:-1], float(beta[-1]))


def shifted(layer: Calibration, shift: float) -> Calibration:
    return Calibration(layer.method, layer.mean, layer.scale, layer.weights, layer.bias + shift)


def figures_with(story: Story, layer: Calibration | None, scorer: ModuleType, method: str) -> dict:
    """The story compared as the CLI does, with this layer (None: none), scored by score.py."""
    settings = DEFAULTS.with_changes(method=method)
    calibrate: bool | Calibration = layer if layer is not None else False
    analysis: Analysis = analyse(story.documents, settings=settings, calibrate=calibrate)
    export = json.loads(json.dumps(json_document(label_analysis(analysis, settings))))
    figures, _ = scorer.score(export, story.gold)
    return dict(figures)


def pair_auc(story: Story, layer: Calibration) -> float:
    """ROC AUC of the layer's log-odds over the story's gold same-claim pairs against its gold
    hard negatives: a steadier reading than the coverage figures, which move when a pair near
    the threshold crosses it and takes a claim group's pairs with it."""
    z = layer.log_odds(story.inputs)
    pos = z[story.target == 1]
    neg = z[(story.target == 0) & (story.weight == HARD_WEIGHT)]
    if not len(pos) or not len(neg):
        return float("nan")
    ranks = np.concatenate([pos, neg]).argsort(kind="stable").argsort() + 1.0
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def _mean(rows: list[dict], key: str) -> float:
    values = [r[key] for r in rows if r.get(key) is not None]
    return float(np.mean(values)) if values else 0.0


def fit_with_shift(
    training: list[Story],
    scorer: ModuleType,
    method: str,
    shifts: tuple[float, ...] = SHIFTS,
    samples: list[Story] | None = None,
) -> tuple[Calibration, float]:
    """Fit on these stories and the samples, and choose the shift that serves these stories
    best (see the module docstring)."""
    layer = fit_layer(training + (samples or []), method)
    without = [figures_with(s, None, scorer, method) for s in training]
    recall_without = _mean(without, "positive_recall")
    scored = []
    for shift in shifts:
        rows = [figures_with(s, shifted(layer, shift), scorer, method) for s in training]
        keeps_recall = _mean(rows, "positive_recall") >= recall_without - 1e-9
        gain = _mean(rows, "unique_accuracy") - _mean(rows, "negative_false_link_rate")
        scored.append((keeps_recall, gain, -abs(shift), shift))
    best = max(scored)[-1] if len(shifts) > 1 else shifts[0]
    return shifted(layer, best), best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--method", choices=[m for m in METHODS if m != "auto"], default="static")
    parser.add_argument("--coverage", help="the corpus folder (default: ../shared/data/coverage)")
    parser.add_argument("--write", action="store_true", help="write compare/models/...json")
    parser.add_argument("--shift", type=float, help="fix the shift instead of choosing it")
    args = parser.parse_args(argv)
    corpus = corpus_dir(args.coverage)
    if corpus is None:
        return no_corpus("training/fit_calibration.py", args.coverage)
    scorer = load_scorer(corpus)
    read = [read_story(folder, scorer, args.method) for folder in stories(corpus)]
    samples = [
        read_story(folder, scorer, args.method, sample=True)
        for folder in sorted(p.parent for p in SAMPLES.glob("*/gold.json"))
    ]
    shifts = SHIFTS if args.shift is None else (args.shift,)
    left_out: dict[str, dict] = {}
    auc: dict[str, float] = {}
    for story in read:
        others = [s for s in read if s is not story]
        layer, shift = fit_with_shift(others, scorer, args.method, shifts, samples)
        left_out[story.name] = figures_with(story, layer, scorer, args.method)
        auc[story.name] = pair_auc(story, layer)
        print(f"left out {story.name}: shift {shift:+.2f}", file=sys.stderr)
    print("Leave-one-story-out (fitted on the other stories, scored on the one left out):")
    print_table(left_out, mean_figures(left_out))
    print(
        "pair-level ROC AUC, gold same-claim pairs against gold hard negatives: "
        + ", ".join(f"{name} {value:.3f}" for name, value in auc.items())
        + f"; mean {np.nanmean(list(auc.values())):.3f}"
    )
    layer, shift = fit_with_shift(read, scorer, args.method, shifts, samples)
    in_sample = {s.name: figures_with(s, layer, scorer, args.method) for s in read}
    print(f"\nIn sample (fitted on all {len(read)} stories, shift {shift:+.2f}):")
    print_table(in_sample, mean_figures(in_sample))
    if args.write:
        out = ROOT / "compare" / "models" / f"calibration_{args.method}.json"
        keys = [key for key, _ in COLUMNS]
        record = {
            "method": args.method,
            "inputs": list(INPUTS),
            "mean": layer.mean.tolist(),
            "scale": layer.scale.tolist(),
            "weights": layer.weights.tolist(),
            "bias": layer.bias,
            "fitted_on": [s.name for s in read] + [f"samples/{s.name}" for s in samples],
            "recipe": {"hard_weight": HARD_WEIGHT, "l2": L2, "shift": shift},
            "leave_one_story_out_mean": {k: mean_figures(left_out)[k] for k in keys},
            "in_sample_mean": {k: mean_figures(in_sample)[k] for k in keys},
        }
        out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
