"""Train the pair scorer's coefficients on MRPC train and STS-B train only, reproducibly.

Usage (from the repository root; the data lives in ``../shared/data`` beside the checkout)::

    .venv/bin/python training/train_scorer.py                      # lexical + static
    /work/buildvenv/bin/python training/train_scorer.py --method transformer
    .venv/bin/python training/train_scorer.py --cv                 # also 5-fold CV figures

Each method gets one small model over :func:`compare.scoring.features.pair_features`: features are
standardised, pass through a tanh hidden layer and feed two logistic heads. The ``same`` head is
fitted to MRPC's binary paraphrase labels: it is the probability for pairs judged one by one.
The ``similarity`` head is fitted to STS-B's 0-5 scores (soft targets score/5): a graded
similarity, which ``compare.scoring.pairs`` combines with each claim's neighbourhood inside a
comparison. Each head has its own networks (see :class:`Recipe`), averaged over five seeds.

Training is full-batch Adam from seeded initialisations in float64 on one BLAS thread, so the
same data and seed give bit-identical coefficients (the SHA-256 printed and written to
``scorer_<method>.json`` can be compared). Test splits are read only to drop training pairs that
share a sentence with them; choices were made by 5-fold cross-validation on the train splits and
on STS-B dev.
"""

from __future__ import annotations

import os

# One BLAS thread: summation order, and so the last bits of every coefficient, can depend on the
# thread count, and the committed coefficients must come out bit for bit the same anywhere.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from compare.scoring import features as F  # noqa: E402
from compare.scoring.embedding import get_embedder, static_embedder  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
MODELS = ROOT / "compare" / "models"


@dataclass(frozen=True, slots=True)
class Config:
    """Model shape and regularisation for one method."""

    hidden: int
    """Tanh units in the shared hidden layer; 0 for two plain logistic regressions."""
    decay: float
    """L2 penalty on every weight matrix (not biases), per training pair."""
    epochs: int
    learning_rate: float = 0.01
    sts_weight: float = 1.0
    """Weight of the STS-B loss against the MRPC loss."""
    mrpc_weight: float = 1.0
    """Weight of the MRPC loss."""


@dataclass(frozen=True, slots=True)
class Recipe:
    """How one method's scorer is made: a network per head, each averaged over seeds.

    Both networks see both datasets (multi-task), with different weights: the ``same`` head's
    network leans on MRPC, the ``similarity`` head's weighs STS-B fully. Averaging the log-odds
    of several seeds' networks equals one wider network, so the result is saved as one.
    """

    same: Config
    similarity: Config
    seeds: int = 5


_SAME = Config(hidden=8, decay=3e-3, epochs=400, sts_weight=0.3)
_SIMILARITY = Config(hidden=8, decay=3e-3, epochs=400, sts_weight=1.0)
RECIPES: dict[str, Recipe] = {
    "lexical": Recipe(_SAME, _SIMILARITY),
    "static": Recipe(_SAME, _SIMILARITY),
    "transformer": Recipe(_SAME, _SIMILARITY),
}
"""Chosen by 5-fold cross-validation on the train splits (MRPC accuracy for ``same``) and STS-B
dev Spearman (for ``similarity``): hidden 4/8/16/32, decay 1e-4..1e-2, epochs 250..1000,
STS-B weight 0..1, one seed or five."""


# --------------------------------------------------------------------------- data


def read_mrpc(split: str, data: Path = DATA) -> list[tuple[str, str, float]]:
    """MRPC rows (sentence 1, sentence 2, label 0/1); the file has a BOM and CRLF."""
    rows = []
    with open(data / "mrpc" / f"msr_paraphrase_{split}.txt", encoding="utf-8-sig") as handle:
        next(handle)
        for line in handle:
            parts = line.rstrip("\r\n").split("\t")
            rows.append((parts[3], parts[4], float(parts[0])))
    return rows


def read_stsb(split: str, data: Path = DATA) -> list[tuple[str, str, float]]:
    """STS-B rows (sentence 1, sentence 2, score 0-5); tab separated, no quoting."""
    rows = []
    with open(data / "stsb" / f"sts-{split}.csv", encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            rows.append((parts[5], parts[6], float(parts[4])))
    return rows


def _key(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def without_overlap(
    rows: list[tuple[str, str, float]], held_out: Sequence[tuple[str, str, float]]
) -> list[tuple[str, str, float]]:
    """Drop training pairs that reuse a sentence of another benchmark's test split.

    STS-B's MSRpar pairs are MRPC sentences: 525 STS-B train pairs share a sentence with MRPC
    test, and 172 MRPC train pairs with STS-B test. Training on them would leak test labels
    into the other benchmark, so they are left out (compared after lowercasing and dropping
    punctuation).
    """
    seen = {_key(t) for row in held_out for t in row[:2]}
    return [row for row in rows if _key(row[0]) not in seen and _key(row[1]) not in seen]


def training_sets(data: Path = DATA) -> tuple[list, list]:
    """MRPC train and STS-B train, each without pairs that touch the other's test split."""
    mrpc = without_overlap(read_mrpc("train", data), read_stsb("test", data))
    stsb = without_overlap(read_stsb("train", data), read_mrpc("test", data))
    return mrpc, stsb


def featurise(rows: Sequence[tuple[str, str, float]], method: str) -> tuple[np.ndarray, np.ndarray]:
    """Feature matrix and targets for labelled pairs, the way the product computes them.

    The distinct sentences of the set form one collection (IDF is counted over it), as the claims
    of one comparison do at run time.
    """
    texts: list[str] = []
    index: dict[str, int] = {}

    def intern(text: str) -> int:
        if text not in index:
            index[text] = len(texts)
            texts.append(text)
        return index[text]

    left = np.array([intern(r[0]) for r in rows], dtype=np.int64)
    right = np.array([intern(r[1]) for r in rows], dtype=np.int64)
    embedder = get_embedder(method)
    embeddings = embedder.embed(texts) if embedder is not None else None
    words = static_embedder() if embedder is not None else None
    claims = F.prepare(
        texts, embeddings=embeddings, word_vectors=words.word_vectors if words else None
    )
    features, _, _ = F.pair_features(claims, left, right)
    return features.astype(np.float64), np.array([r[2] for r in rows], dtype=np.float64)


# --------------------------------------------------------------------------- model


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def train(
    x_same: np.ndarray,
    y_same: np.ndarray,
    x_sim: np.ndarray,
    y_sim: np.ndarray,
    config: Config,
    *,
    seed: int = 0,
) -> dict[str, np.ndarray]:
    """Fit the two-headed model; returns the arrays ``compare.scoring.pairs`` loads.

    Args:
        x_same: MRPC features; y_same: 0/1 labels.
        x_sim: STS-B features; y_sim: targets in [0, 1].
        config: Shape and regularisation.
        seed: Seeds the initial weights (the only randomness).
    """
    rng = np.random.default_rng(seed)
    both = np.concatenate((x_same, x_sim))
    mean = both.mean(axis=0)
    scale = both.std(axis=0)
    scale[scale < 1e-9] = 1.0
    xs = (x_same - mean) / scale
    xt = (x_sim - mean) / scale
    n_in = xs.shape[1]
    params: dict[str, np.ndarray] = {}
    if config.hidden:
        params["w1"] = rng.normal(0.0, 1.0 / np.sqrt(n_in), size=(n_in, config.hidden))
        params["b1"] = np.zeros(config.hidden)
        width = config.hidden
    else:
        width = n_in
    params["w_same"] = np.zeros(width)
    params["b_same"] = np.array([np.log(y_same.mean() / (1 - y_same.mean()))])
    params["w_sim"] = np.zeros(width)
    params["b_sim"] = np.zeros(1)
    moments = {k: (np.zeros_like(v), np.zeros_like(v)) for k, v in params.items()}
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    ns, nt = len(xs), len(xt)
    for step in range(1, config.epochs + 1):
        grads = {k: np.zeros_like(v) for k, v in params.items()}
        hidden_grad_inputs = []
        for x, y, head, weight, count in (
            (xs, y_same, "same", config.mrpc_weight, ns),
            (xt, y_sim, "sim", config.sts_weight, nt),
        ):
            h = np.tanh(x @ params["w1"] + params["b1"]) if config.hidden else x
            p = _sigmoid(h @ params[f"w_{head}"] + params[f"b_{head}"][0])
            err = (p - y) * (weight / count)  # d(mean BCE)/d(logit)
            grads[f"w_{head}"] += h.T @ err
            grads[f"b_{head}"] += err.sum()
            if config.hidden:
                dh = np.outer(err, params[f"w_{head}"]) * (1.0 - h * h)
                hidden_grad_inputs.append((x, dh))
        for x, dh in hidden_grad_inputs:
            grads["w1"] += x.T @ dh
            grads["b1"] += dh.sum(axis=0)
        for k in params:
            if k.startswith("w"):
                grads[k] += config.decay * params[k]
            m, v = moments[k]
            m *= beta1
            m += (1 - beta1) * grads[k]
            v *= beta2
            v += (1 - beta2) * grads[k] ** 2
            m_hat = m / (1 - beta1**step)
            v_hat = v / (1 - beta2**step)
            params[k] -= config.learning_rate * m_hat / (np.sqrt(v_hat) + eps)
    out = {"mean": mean, "scale": scale, **params}
    return {k: np.asarray(v, dtype=np.float64) for k, v in out.items()}


def fit(
    x_same: np.ndarray,
    y_same: np.ndarray,
    x_sim: np.ndarray,
    y_sim: np.ndarray,
    recipe: Recipe,
    *,
    seed: int = 0,
) -> dict[str, np.ndarray]:
    """Train every network of a recipe and merge them into one two-headed model.

    Network ``k`` of ``n`` for a head contributes its hidden units and ``1/n`` of its head
    weights; the other head gets zeros from those units. Seeds are ``seed .. seed + n - 1``.
    """
    parts = []
    for head, config in (("same", recipe.same), ("sim", recipe.similarity)):
        for k in range(recipe.seeds):
            parts.append((head, train(x_same, y_same, x_sim, y_sim, config, seed=seed + k)))
    first = parts[0][1]
    merged = {"mean": first["mean"], "scale": first["scale"]}
    merged["w1"] = np.concatenate([m["w1"] for _, m in parts], axis=1)
    merged["b1"] = np.concatenate([m["b1"] for _, m in parts])
    for head in ("same", "sim"):
        weights = []
        for owner, m in parts:
            share = 1.0 / recipe.seeds if owner == head else 0.0
            weights.append(m[f"w_{head}"] * share)
        merged[f"w_{head}"] = np.concatenate(weights)
        merged[f"b_{head}"] = np.array(
            [sum(m[f"b_{head}"][0] for owner, m in parts if owner == head) / recipe.seeds]
        )
    return merged


def predict(model: dict[str, np.ndarray], x: np.ndarray, head: str = "same") -> np.ndarray:
    """The trained model's probability for the given head (numpy, same maths as the product)."""
    h = (x - model["mean"]) / model["scale"]
    if "w1" in model:
        h = np.tanh(h @ model["w1"] + model["b1"])
    return _sigmoid(h @ model[f"w_{head}"] + model[f"b_{head}"][0])


def digest(model: dict[str, np.ndarray]) -> str:
    """SHA-256 over the model's arrays in name order: equal digests, identical coefficients."""
    sha = hashlib.sha256()
    for key in sorted(model):
        sha.update(key.encode())
        sha.update(np.ascontiguousarray(model[key], dtype=np.float64).tobytes())
    return sha.hexdigest()


# --------------------------------------------------------------------------- evaluation helpers


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    """Spearman rank correlation (average ranks for ties), numpy only."""

    def ranks(x: np.ndarray) -> np.ndarray:
        order = np.argsort(x, kind="mergesort")
        r = np.empty(len(x))
        r[order] = np.arange(len(x))
        values = x[order]
        start = 0
        for i in range(1, len(x) + 1):
            if i == len(x) or values[i] != values[start]:
                r[order[start:i]] = (start + i - 1) / 2.0
                start = i
        return r

    ra, rb = ranks(np.asarray(a, float)), ranks(np.asarray(b, float))
    return float(np.corrcoef(ra, rb)[0, 1])


def cross_validate(
    x_same: np.ndarray,
    y_same: np.ndarray,
    x_sim: np.ndarray,
    y_sim: np.ndarray,
    recipe: Recipe,
    *,
    folds: int = 5,
    seed: int = 0,
) -> dict[str, float]:
    """MRPC-train and STS-B-train k-fold accuracy/F1/Spearman for one recipe."""
    rng = np.random.default_rng(seed)
    fold_s = rng.permutation(len(x_same)) % folds
    fold_t = rng.permutation(len(x_sim)) % folds
    p_same = np.zeros(len(x_same))
    p_sim = np.zeros(len(x_sim))
    for k in range(folds):
        ts, tt = fold_s != k, fold_t != k
        model = fit(x_same[ts], y_same[ts], x_sim[tt], y_sim[tt], recipe, seed=seed)
        p_same[~ts] = predict(model, x_same[~ts])
        p_sim[~tt] = predict(model, x_sim[~tt], "sim")
    return {
        "mrpc_accuracy": float(np.mean((p_same >= 0.5) == (y_same == 1))),
        "mrpc_f1": f1(p_same >= 0.5, y_same == 1),
        "stsb_spearman": spearman(p_sim, y_sim),
    }


def f1(predicted: np.ndarray, gold: np.ndarray) -> float:
    """F1 of the positive class."""
    tp = float(np.sum(predicted & gold))
    fp = float(np.sum(predicted & ~gold))
    fn = float(np.sum(~predicted & gold))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


# --------------------------------------------------------------------------- main


FINGERPRINT_ROWS: tuple[tuple[str, str, float], ...] = (
    (
        "The plant will cost $1.4 billion, Veridian said.",
        "Veridian put the cost at $1.3 billion.",
        0,
    ),
    ("About 38,000 vehicles cross the bridge each weekday.", "Some 38,000 cars use it daily.", 1),
    ("Gov. Ruiz said on Nov. 20 that 70% of jobs stay.", "Ruiz said 70 percent remain.", 1),
    ("Shares rose 17% to $42.80 on Monday.", "The stock closed up 14.6% at $41.90.", 0),
    ("The river will crest at 24.5 feet Thursday.", "A dog chased a ball in the park.", 0),
)
"""Fixed pairs whose features are recorded with each scorer: if features.py or facts.py change
what they compute, the fingerprint no longer matches and the coefficients must be retrained."""


def fingerprint(method: str) -> str:
    """Digest of the features of :data:`FINGERPRINT_ROWS`, rounded so BLAS noise cannot move it."""
    x, _ = featurise(FINGERPRINT_ROWS, method)
    return hashlib.sha256(np.round(x, 4).astype(np.float64).tobytes()).hexdigest()


def save(method: str, model: dict[str, np.ndarray], recipe: Recipe, out: Path) -> None:
    """Write ``scorer_<method>.npz`` plus a JSON note of how it was made."""
    out.mkdir(parents=True, exist_ok=True)
    np.savez(out / f"scorer_{method}.npz", **model)  # type: ignore[arg-type]
    note = {
        "method": method,
        "features": list(F.LEXICAL_FEATURES)
        + (list(F.SEMANTIC_FEATURES) if method != "lexical" else []),
        "inputs": len(model["mean"]),
        "recipe": {
            "seeds": recipe.seeds,
            **{
                head: {
                    "hidden": c.hidden,
                    "decay": c.decay,
                    "epochs": c.epochs,
                    "learning_rate": c.learning_rate,
                    "sts_weight": c.sts_weight,
                    "mrpc_weight": c.mrpc_weight,
                }
                for head, c in (("same", recipe.same), ("similarity", recipe.similarity))
            },
        },
        "trained_on": (
            "MRPC train and STS-B train, less pairs sharing a sentence with the other's test split"
        ),
        "sha256": digest(model),
        "feature_fingerprint": fingerprint(method),
    }
    (out / f"scorer_{method}.json").write_text(json.dumps(note, indent=2) + "\n")


def main() -> None:
    """Train (and optionally cross-validate) the scorer for each requested method."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--method",
        action="append",
        choices=sorted(RECIPES),
        help="repeatable; default: all but transformer",
    )
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=MODELS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--cv", action="store_true", help="also print 5-fold CV on the train splits"
    )
    args = parser.parse_args()
    methods = args.method or ["lexical", "static"]

    mrpc, stsb = training_sets(args.data)
    print(f"training pairs: MRPC {len(mrpc)}, STS-B {len(stsb)}")
    for method in methods:
        started = time.time()
        x_same, y_same = featurise(mrpc, method)
        x_sim, y_sim = featurise(stsb, method)
        y_sim = y_sim / 5.0
        recipe = RECIPES[method]
        if args.cv:
            print(
                method, "cv", cross_validate(x_same, y_same, x_sim, y_sim, recipe, seed=args.seed)
            )
        model = fit(x_same, y_same, x_sim, y_sim, recipe, seed=args.seed)
        save(method, model, recipe, args.out)
        print(
            f"{method}: {x_same.shape[1]} inputs, sha256 {digest(model)[:16]}, "
            f"{time.time() - started:.1f}s"
        )


if __name__ == "__main__":
    main()
