"""The shipped static model loads with numpy alone and tokenizes exactly as MiniLM's tokenizer."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from compare.scoring import embedding
from tests.conftest import modules_loaded_by

ROOT = Path(__file__).resolve().parents[2]

# Ids recorded from the `tokenizers` library (BertNormalizer + BertPreTokenizer + WordPiece) on the
# shipped vocabulary when the model was built, special tokens off.
RECORDED_IDS = {
    'The mayor said "we will reopen" on Friday.': [
        999, 2667, 1059, 3, 1060, 1100, 1131, 25918, 3, 1009, 4961, 15,
    ],
    "Café naïve résumé — $5.2bn, 45% in 2024-01-02; U.S. O\u2019Neil\u2019s 北京": [
        6671, 14746, 12749, 520, 5, 22, 15, 19, 23703, 13, 2432, 6, 1002, 15801, 1552, 14,
        4893, 14, 5188, 28, 60, 15, 58, 15, 54, 524, 5609, 524, 58, 784, 758,
    ],
    # BERT deletes control characters inside a word rather than splitting there.
    "Treasury\x12s long-range plan": [8840, 1018, 1149, 14, 1849, 1936],
    "unbelievably antidisestablishmentarianism xqzvkw": [
        3898, 7674, 1669, 2570, 5324, 2427, 9524, 3358, 6878, 12605, 2675, 11202, 1967, 63,
        3163, 1483, 1618, 1246, 1863,
    ],
}  # fmt: skip


@pytest.fixture(scope="module")
def static() -> embedding.StaticEmbedder:
    model = embedding.static_embedder()
    assert model is not None, "compare/models/static_vectors.npy did not load"
    return model


@pytest.mark.parametrize("text", sorted(RECORDED_IDS))
def test_tokenizer_matches_recorded_ids(static: embedding.StaticEmbedder, text: str) -> None:
    assert static.tokenizer.encode(text) == RECORDED_IDS[text]


def test_embed_gives_unit_float32_rows(static: embedding.StaticEmbedder) -> None:
    rows = static.embed(["The bridge is closed.", "Der Hund bellt laut.", "", "\u200b \U00013000"])
    assert rows.dtype == np.float32
    assert rows.shape == (4, static.dim)
    norms = np.linalg.norm(rows, axis=1)
    np.testing.assert_allclose(norms[:2], 1.0, atol=1e-5)
    # Nothing known: an all-zero row rather than NaN.
    assert norms[2] == 0.0 and norms[3] == 0.0


def test_similar_sentences_are_closer_than_unrelated(static: embedding.StaticEmbedder) -> None:
    a, b, c = static.embed(
        [
            "The city closed the bridge after engineers found a crack.",
            "Engineers found a crack and the bridge was shut by the city.",
            "The vaccine cut hospitalizations among older adults.",
        ]
    )
    assert float(a @ b) > float(a @ c) + 0.2


def test_word_vectors_are_unit_and_reduced(static: embedding.StaticEmbedder) -> None:
    rows = static.word_vectors(["bridge", "span", "vaccine"])
    assert rows.shape == (3, static.word_dims)
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
    assert rows[0] @ rows[1] > rows[0] @ rows[2]


def test_method_resolution() -> None:
    assert embedding.get_embedder("lexical") is None
    assert isinstance(embedding.get_embedder("auto"), embedding.StaticEmbedder)
    assert isinstance(embedding.get_embedder("static"), embedding.StaticEmbedder)
    with pytest.raises(ValueError):
        embedding.get_embedder("bert")


def test_config_has_provenance_and_no_local_paths() -> None:
    config = embedding.static_config()
    assert config["source_model"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert config["source_model_licence"] == "Apache-2.0"
    text = json.dumps(config)
    assert "/work" not in text and "/home" not in text and "site-packages" not in text


def test_model_files_are_small() -> None:
    folder = ROOT / "compare" / "models"
    total = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    assert total < 25 * 1024 * 1024


def test_loads_and_embeds_without_torch() -> None:
    code = (
        "from compare.scoring.embedding import static_embedder\n"
        "import numpy as np\n"
        "rows = static_embedder().embed(['A plane is taking off.'])\n"
        "assert abs(float(np.linalg.norm(rows[0])) - 1.0) < 1e-5\n"
    )
    heavy = ("torch", "transformers", "tokenizers", "model2vec", "sentence_transformers")
    assert modules_loaded_by(code, heavy) == []


def test_token_vectors_summed_in_numpy_equal_the_sparse_product_bit_for_bit() -> None:
    """The static embedding sums token vectors without SciPy; the sum must be the one the
    sparse product (token counts) @ vectors gives, to the last bit, empty texts included."""
    from scipy import sparse

    from compare.scoring.embedding import _summed_rows, static_embedder

    embedder = static_embedder()
    assert embedder is not None
    texts = [
        "The harbor bridge reopened on Monday after three weeks of repairs.",
        "",
        "zzqx",
        "Officials said the the the repairs cost $4.2 million, more than planned.",
        "Ferry",
    ]
    ids, offsets = embedder.token_ids(texts)
    counts = sparse.csr_matrix(
        (np.ones(len(ids), dtype=np.float32), ids, offsets),
        shape=(len(texts), len(embedder.vectors)),
    )
    expected = np.asarray(counts @ embedder.vectors.astype(np.float32), dtype=np.float32)
    summed = _summed_rows(embedder.vectors, ids, offsets)
    assert summed.dtype == np.float32
    np.testing.assert_array_equal(summed, expected)
    assert not summed[1].any()
