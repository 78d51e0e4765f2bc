"""Paraphrase benchmark: MRPC test accuracy/F1, STS-B test Spearman and pairs/s per method.

Run: ``python benchmarks/paraphrase.py`` (the data lives in ``../shared/data`` beside the
checkout; ``--data`` to point elsewhere). For every method that can run here (``transformer``
only where ``synopsis[transformer]`` is installed) it prints MRPC test accuracy and F1 of
``probability >= 0.5``, STS-B test Spearman of the graded ``similarity`` output (and, for
reference, of ``probability``), and claim pairs scored per second on one core. Then, with
``samples/*/gold.json`` present, the share of gold same-claim pairs (shared + paraphrased) and of
must-not-link pairs at or above the default link threshold. The last line is one JSON object for
the default method.

The test splits are only read here; nothing was trained or tuned on them.
"""

from __future__ import annotations

import os

# One core, as the target says: set before numpy loads its BLAS.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from train_scorer import DATA, f1, read_mrpc, read_stsb, spearman  # noqa: E402

from compare.candidates import all_cross_pairs  # noqa: E402
from compare.scoring import pairs  # noqa: E402
from compare.settings import DEFAULTS  # noqa: E402

Rows = list[tuple[str, str, float]]


def score_rows(rows: Rows, method: str) -> tuple[pairs.PairScores, str]:
    """Score labelled pairs as one comparison: side one is article 0, side two article 1."""
    texts: list[str] = []
    index: dict[tuple[int, str], int] = {}

    def intern(side: int, text: str) -> int:
        key = (side, text)
        if key not in index:
            index[key] = len(texts)
            texts.append(text)
        return index[key]

    left = np.array([intern(0, r[0]) for r in rows], dtype=np.int32)
    right = np.array([intern(1, r[1]) for r in rows], dtype=np.int32)
    article_of = [side for side, _ in index]
    prepared = pairs.prepare_claims(texts, article_of, method=method)  # type: ignore[arg-type]
    return pairs.score_pairs(prepared, left, right), pairs.resolved_method(prepared)


def throughput(
    texts: list[str], method: str, *, articles: int = 4, claims: int = 800
) -> tuple[float, float]:
    """Pairs/s of ``score_pairs`` over every cross pair of a synthetic comparison (best of 3),
    and claims/s of ``prepare_claims`` (once, models already loaded)."""
    texts = texts[:claims]
    article_of = np.arange(len(texts)) % articles
    pairs.prepare_claims(texts[:10], article_of[:10], method=method)  # type: ignore[arg-type]
    started = time.perf_counter()
    prepared = pairs.prepare_claims(texts, article_of, method=method)  # type: ignore[arg-type]
    prepare_rate = len(texts) / (time.perf_counter() - started)
    left, right = all_cross_pairs(article_of)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        pairs.score_pairs(prepared, left, right)
        best = min(best, time.perf_counter() - started)
    return len(left) / best, prepare_rate


def _claim(
    item: list[str],
    files: list[str],
    sentences: tuple[tuple[object, ...], ...],
    claim_of: dict[tuple[int, int], int],
) -> int | None:
    """Claim index of a gold (file, snippet); None when the sentence is not taken for a claim."""
    file, snippet = item
    article = files.index(file)
    found = [s for s, sentence in enumerate(sentences[article]) if snippet in sentence.text]  # type: ignore[attr-defined]
    return claim_of.get((article, found[0])) if len(found) == 1 else None


def gold_figures(method: str, threshold: float) -> dict[str, float] | None:
    """Same-claim and must-not-link pairs at or above ``threshold`` over the sample story sets."""
    from compare.gold import load_gold
    from compare.label import find_links
    from compare.load import load_sources
    from compare.pipeline import analyse

    folders = sorted(p.parent for p in (ROOT / "samples").glob("*/gold.json"))
    if not folders:
        return None
    # [probability >= threshold, linked by the engine (adds the verbatim rule), total]
    hits = {k: [0, 0, 0] for k in ("same", "shared", "paraphrased", "must_not_link")}
    for folder in folders:
        gold = load_gold(folder)
        documents = load_sources([str(folder)]).documents
        settings = DEFAULTS.with_changes(method=method)
        analysis = analyse(documents, settings=settings)
        files = [Path(d.source).name for d in documents]
        claim_of = {ref: k for k, ref in enumerate(analysis.claim_refs)}
        scores = analysis.scores
        lookup: dict[tuple[int, int], float] = {}
        for k in range(len(scores.left)):
            left, right = int(scores.left[k]), int(scores.right[k])
            lookup[(left, right)] = lookup[(right, left)] = float(scores.probability[k])
        links = find_links(scores, settings)
        linked = {(x.left, x.right) for x in links} | {(x.right, x.left) for x in links}
        for name in ("shared", "paraphrased", "must_not_link"):
            items: list[list[list[str]]] = gold.get(name, [])  # type: ignore[assignment]
            for x, y in items:
                a = _claim(x, files, analysis.sentences, claim_of)
                b = _claim(y, files, analysis.sentences, claim_of)
                # A sentence the classifier did not take for a claim is never linked.
                p = 0.0 if a is None or b is None else lookup.get((a, b), 0.0)
                for bucket in (name, "same") if name != "must_not_link" else (name,):
                    hits[bucket][0] += p >= threshold
                    hits[bucket][1] += (a, b) in linked
                    hits[bucket][2] += 1
    figures: dict[str, float] = {}
    for key, (above, engine, total) in hits.items():
        if total:
            figures[key] = above / total
            figures[f"{key}_linked"] = engine / total
            figures[f"{key}_pairs"] = total
    return figures


def main() -> None:
    """Print every method's figures, then one JSON line for the default method."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument(
        "--method", action="append", choices=["lexical", "static", "transformer", "auto"]
    )
    parser.add_argument("--no-samples", action="store_true", help="skip the sample gold figures")
    args = parser.parse_args()

    mrpc = read_mrpc("test", args.data)
    stsb = read_stsb("test", args.data)
    speed_texts = list(dict.fromkeys(t for row in mrpc for t in row[:2]))
    methods = args.method or ["lexical", "static", "transformer", "auto"]
    threshold = DEFAULTS.paraphrase_at
    results: dict[str, dict[str, float]] = {}
    for method in methods:
        try:
            mrpc_scores, resolved = score_rows(mrpc, method)
        except RuntimeError as error:
            print(f"{method:12s} skipped: {error}")
            continue
        gold = np.array([r[2] for r in mrpc]) == 1
        predicted = mrpc_scores.probability >= 0.5
        sts_scores, _ = score_rows(stsb, method)
        sts_gold = np.array([r[2] for r in stsb])
        pair_rate, claim_rate = throughput(speed_texts, method)
        figures = {
            "mrpc_accuracy": float(np.mean(predicted == gold)),
            "mrpc_f1": f1(predicted, gold),
            "stsb_spearman": spearman(sts_scores.similarity, sts_gold),
            "stsb_spearman_probability": spearman(sts_scores.probability, sts_gold),
            "pairs_per_second": pair_rate,
            "claims_prepared_per_second": claim_rate,
        }
        results[method] = figures
        print(
            f"{method:12s} ({resolved:11s}) MRPC acc {figures['mrpc_accuracy'] * 100:5.1f}%"
            f"  F1 {figures['mrpc_f1'] * 100:5.1f}  STS-B Spearman {figures['stsb_spearman']:.3f}"
            f" (probability {figures['stsb_spearman_probability']:.3f})"
            f"  {pair_rate:,.0f} pairs/s ({claim_rate:,.0f} claims/s prepared)",
            flush=True,
        )
        if not args.no_samples:
            sample = gold_figures(method, threshold)
            if sample:
                print(
                    f"{'':12s} samples, probability >= {threshold:.2f}: same claim "
                    f"{sample['same'] * 100:.0f}% of {sample['same_pairs']:.0f} (shared "
                    f"{sample['shared'] * 100:.0f}%, paraphrased "
                    f"{sample['paraphrased'] * 100:.0f}%)"
                    f", must-not-link {sample['must_not_link'] * 100:.0f}% of "
                    f"{sample['must_not_link_pairs']:.0f}; linked by the engine: same claim "
                    f"{sample['same_linked'] * 100:.0f}%, must-not-link "
                    f"{sample['must_not_link_linked'] * 100:.0f}%",
                    flush=True,
                )
                figures.update({f"samples_{k}": v for k, v in sample.items()})
    default = results.get("auto") or results.get("static") or next(iter(results.values()))
    keys = ("mrpc_accuracy", "mrpc_f1", "stsb_spearman", "pairs_per_second")
    print(json.dumps({k: round(default[k], 4) for k in keys}))


if __name__ == "__main__":
    main()
