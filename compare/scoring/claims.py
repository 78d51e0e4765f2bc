"""Step 4, score pairs (first): what is worked out once per claim, before any pair is scored.

The one way claims are prepared: the comparison's own (:func:`prepare_claims`, which also loads
the trained :class:`Scorer`) and rewordings of some of them that are scored again
(:func:`prepare_rewordings`, for ``conflicts``) go through :func:`claim_features` alike, so a
rewording is featurised, embedded and weighed exactly as the claim it rewrites.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from ..settings import Method
from . import features as F
from .embedding import Embedder, get_embedder, static_embedder
from .name_runs import NamingWords, naming_words_of

__all__ = [
    "PreparedClaims",
    "Scorer",
    "claim_features",
    "prepare_claims",
    "prepare_rewordings",
    "quoting_claims",
    "resolved_method",
]


class Scorer:
    """The trained two-headed model read from ``compare/models/scorer_<method>.npz``.

    Standardise, optional tanh hidden layer, then one logistic head per output.
    """

    def __init__(self, arrays: dict[str, np.ndarray], method: str) -> None:
        self.method = method
        self.mean = arrays["mean"].astype(np.float32)
        self.inv_scale = (1.0 / arrays["scale"]).astype(np.float32)
        self.w1 = arrays["w1"].astype(np.float32) if "w1" in arrays else None
        self.b1 = arrays["b1"].astype(np.float32) if "b1" in arrays else None
        self.w_same = arrays["w_same"].astype(np.float32)
        self.b_same = float(arrays["b_same"][0])
        self.w_sim = arrays["w_sim"].astype(np.float32)
        self.b_sim = float(arrays["b_sim"][0])
        self.inputs = len(self.mean)

    @classmethod
    @cache
    def load(cls, method: str) -> Scorer:
        """Load (once) the committed coefficients for a method."""
        path = resources.files("compare").joinpath("models").joinpath(f"scorer_{method}.npz")
        with path.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
            return cls({k: data[k] for k in data.files}, method)

    def logits(self, features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Log-odds of the ``same`` head and of the ``similarity`` head."""
        if features.shape[1] != self.inputs:
            raise ValueError(
                f"{self.method} scorer wants {self.inputs} features, got {features.shape[1]}"
            )
        h = (features - self.mean) * self.inv_scale
        if self.w1 is not None and self.b1 is not None:
            h = np.tanh(h @ self.w1 + self.b1)
        return h @ self.w_same + self.b_same, h @ self.w_sim + self.b_sim


@dataclass(frozen=True, slots=True, eq=False)
class PreparedClaims:
    """Per-claim work done once per comparison; pass to :func:`score_pairs`."""

    texts: tuple[str, ...]
    article_of: np.ndarray
    """int32 article number of each claim."""
    method: str
    """The method that actually runs: ``lexical``, ``static`` or ``transformer``."""
    features: F.ClaimFeatures
    scorer: Scorer
    naming: NamingWords
    """Each claim's words that only name someone, to tell copied runs that copy nothing else."""
    embedder: Embedder | None = None
    """What embedded the claims, to embed rewordings of them the same way (``conflicts``)."""
    quoting: np.ndarray | None = None
    """bool per claim: it holds a quotation mark, so it may repeat another's quotation."""
    spelling_forms: np.ndarray | None = None
    """int32 per claim: which spellings of a figure, initials, a month or a time it uses
    (``spelling_forms``)."""


def prepare_claims(
    texts: Sequence[str],
    article_of: Sequence[int] | np.ndarray,
    *,
    method: Method = "auto",
) -> PreparedClaims:
    """Precompute every per-claim input of the scorer.

    Args:
        texts: All claims of the comparison, every article's.
        article_of: Article number of each claim (claims of one article are never paired).
        method: ``lexical`` (wording only), ``static`` (the shipped static embeddings, numpy
            only), ``transformer`` (MiniLM via ``synopsis[transformer]``), or ``auto``: static
            when the shipped model and its coefficients load, else lexical. ``auto`` never picks
            the transformer, so the default needs no torch.

    Returns:
        The prepared claims.

    Raises:
        RuntimeError: ``static`` or ``transformer`` was named and is not available.
        ValueError: ``texts`` and ``article_of`` differ in length, or the method is unknown.
    """
    if len(texts) != len(article_of):
        raise ValueError(f"{len(texts)} texts but {len(article_of)} article numbers")
    texts = F.uncensored(texts)  # scored as written out; sentences keep their own text
    embedder = get_embedder(method)
    resolved = embedder.name if embedder is not None else "lexical"
    try:
        scorer = Scorer.load(resolved)
    except (FileNotFoundError, OSError, KeyError):
        if method != "auto":
            raise RuntimeError(f"no trained scorer for method {resolved!r}") from None
        embedder, resolved, scorer = None, "lexical", Scorer.load("lexical")
    claims = claim_features(texts, embedder, soft_alignment=embedder is not None)
    return PreparedClaims(
        texts,
        np.asarray(article_of, dtype=np.int32),
        resolved,
        claims,
        scorer,
        naming_words_of(texts, claims),
        embedder,
        quoting_claims(texts),
        spelling_forms(texts),
    )


def prepare_rewordings(prepared: PreparedClaims, texts: Sequence[str]) -> F.ClaimFeatures:
    """Features of claims rewritten for a second look (``conflicts`` sets figures aside), made
    as the comparison's own: the same embedder and soft alignment, its words weighed by its IDF.

    Args:
        prepared: The comparison's prepared claims.
        texts: The rewritten texts.

    Returns:
        Their features, to score pairs among them with ``prepared.scorer``.
    """
    return claim_features(
        texts,
        prepared.embedder,
        soft_alignment=prepared.features.soft_table is not None,
        idf_from=prepared.features,
    )


RESCORE_CHUNK = 16_384
"""Pairs featurised at a time when rescoring, as ``pairs.CHUNK``: bounds memory."""


def score_rewordings(
    prepared: PreparedClaims, texts: Sequence[str], first: np.ndarray, second: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Both heads' log-odds of the pairs (texts[first[k]], texts[second[k]]) of rewritten
    claims, weighed as the comparison's own: a second look at pairs by the rules that set part
    of a claim aside (``conflicts``, ``attribution``)."""
    claims = prepare_rewordings(prepared, texts)
    same = np.empty(len(first), dtype=np.float32)
    similar = np.empty(len(first), dtype=np.float32)
    for start in range(0, len(first), RESCORE_CHUNK):
        rows = slice(start, start + RESCORE_CHUNK)
        x, _, _ = F.pair_features(claims, first[rows], second[rows])
        same[rows], similar[rows] = prepared.scorer.logits(x)
    return same, similar


def claim_features(
    texts: Sequence[str],
    embedder: Embedder | None,
    *,
    soft_alignment: bool,
    idf_from: F.ClaimFeatures | None = None,
) -> F.ClaimFeatures:
    """What the scorer reads of each claim: :func:`features.prepare`, with each distinct text
    embedded once and, for the soft word alignment, the shipped static model's word vectors.

    Args:
        texts: The claims.
        embedder: What embeds them, or None to score on wording alone.
        soft_alignment: Align content words by their vectors (the embedding methods' features).
        idf_from: Claims prepared earlier whose IDF weights to reuse (see ``features.prepare``).
    """
    embeddings = _embed_once_per_text(embedder, texts) if embedder is not None else None
    words = static_embedder() if soft_alignment else None
    return F.prepare(
        texts,
        embeddings=embeddings,
        word_vectors=words.word_vectors if words else None,
        idf_from=idf_from,
    )


def _embed_once_per_text(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """Embed each distinct text once: wire copy repeats sentences across many articles."""
    distinct = list(dict.fromkeys(texts))
    if len(distinct) == len(texts):
        return embedder.embed(list(texts))
    row_of = {text: row for row, text in enumerate(distinct)}
    return embedder.embed(distinct)[[row_of[text] for text in texts]]


def resolved_method(prepared: PreparedClaims) -> str:
    """Which method actually ran (``auto`` resolved to ``static`` or ``lexical``)."""
    return prepared.method


_QUOTE_MARKS = ('"', "“", "”")


_MONTHS = {
    "jan": "January", "feb": "February", "aug": "August", "sep": "September",
    "sept": "September", "oct": "October", "nov": "November", "dec": "December",
}  # fmt: skip
"""The months news style shortens before a day ("Sept. 17"); March to July are never short."""


def _undotted(match: re.Match[str]) -> str:
    return match.group().replace(".", "")


def _month_in_full(match: re.Match[str]) -> str:
    written = match.group().rstrip(".")
    return _MONTHS.get(written.lower(), written)


def _clock(match: re.Match[str]) -> str:
    return f" {match.group().strip()[0].lower()}m"


Reading = str | Callable[[re.Match[str]], str]
"""How a spelling is read: one fixed text, or a function of what matched ("Sept." → "September")."""

SPELLINGS: tuple[tuple[str, str, Reading], ...] = (
    # Figures, in any case: "4%", "4 per cent", "4 percent", "4 pct"; "$65 billion",
    # "US$65 billion", "$65bn", "$65 bln"; "$1.2 million", "$1.2m"; "$4 trillion", "$4tn".
    ("percent", r"(?i:(?<=\d)\s*%)", " percent"),
    ("percent", r"(?i:\bper\s+cent\b)", "percent"),  # British, Canadian
    ("percent", r"(?i:\bpercent\b)", "percent"),
    ("percent", r"(?i:\bpct\b)", "percent"),  # wire shorthand
    ("dollar", r"(?i:\b(?:US|U\.S\.|C|A|NZ|S|HK)\$)", "$"),  # Asian and Canadian outlets
    ("dollar", r"(?i:(?<![\w$.])\$)", "$"),
    ("billion", r"(?i:(?<=\d)\s*(?:bn|bln)\b)", " billion"),
    ("billion", r"(?i:(?<=\d)\s*billion\b)", " billion"),
    ("million", r"(?i:(?<=\d)\s*(?:mln|mn)\b)", " million"),
    ("million", r"(?i:(?<=\d)m\b)", " million"),  # British: "£1.2m", "$65m"
    ("million", r"(?i:(?<=\d)\s*million\b)", " million"),
    ("trillion", r"(?i:(?<=\d)\s*(?:tn|trn)\b)", " trillion"),
    ("trillion", r"(?i:(?<=\d)\s*trillion\b)", " trillion"),
    # Initials with and without full stops, as American and British outlets write them.
    ("initials", r"\b(?:U\.S\.(?:A\.)?|U\.K\.|U\.N\.|E\.U\.|D\.C\.|U\.A\.E\.)(?!\$)",
     _undotted),
    ("initials", r"\b(?:USA?|UK|UN|EU|DC|UAE)\b(?!\$)", _undotted),  # not "US$65 billion"
    # A month before its day, short in news style and in full elsewhere.
    ("month", r"\b(?:Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.?(?=\s+\d)", _month_in_full),
    ("month", r"\b(?:January|February|August|September|October|November|December)(?=\s+\d)",
     _month_in_full),
    # The hour's half of the day: "9 a.m.", "9 am", "9am", "9 AM".
    ("clock", r"(?<=\d)\s*[aApP]\.[mM]\.", _clock),
    ("clock", r"(?<=\d)\s+[aApP][mM]\b", _clock),
    ("clock", r"(?<=\d)[aApP][mM]\b", _clock),
)  # fmt: skip
"""Ways one thing is written, by kind, each with the one way it is read when two claims write
it differently: wire copy rewritten for another market respells figures, initials, dates and
times and is still copy."""
SPELLING_FORMS = re.compile("|".join(f"({pattern})" for _, pattern, _ in SPELLINGS))
_KINDS: tuple[str, ...] = tuple(dict.fromkeys(kind for kind, _, _ in SPELLINGS))
SPELLING_FAMILIES: tuple[int, ...] = tuple(
    sum(1 << k for k, (kind, _, _) in enumerate(SPELLINGS) if kind == one) for one in _KINDS
)
"""The bits of :func:`spelling_forms` that spell one kind of thing (a percentage, a dollar
sign, billions, millions, initials, a month, a clock time). A pair respells something when both
claims spell one of these kinds, and differently."""
_HINTS: dict[str, tuple[str, str]] = {
    "percent": (r"%|cent|pct", ""),
    "dollar": (r"\$", ""),
    "billion": (r"bn|bln|billion", ""),
    "million": (r"mln|mn\b|million|\dm\b", ""),
    "trillion": (r"tn\b|trn|trillion", ""),
    "initials": ("", r"U\.|US|UK|UN|EU|E\.U|DC|D\.C|UAE"),
    "month": ("", r"Jan|Feb|Aug|Sep|Oct|Nov|Dec"),
    "clock": (r"\d\s?[ap]\.?m\b", ""),
}
"""Per kind, what a text holds (lower-cased, as written) before that kind's spellings are
worth looking for: most claims hold none."""
_KIND_FORMS: tuple[tuple[re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str], int], ...]
_KIND_FORMS = tuple(
    (
        re.compile(_HINTS[kind][0]) if _HINTS[kind][0] else None,
        re.compile(_HINTS[kind][1]) if _HINTS[kind][1] else None,
        re.compile("|".join(f"({p})" for k, p, _ in SPELLINGS if k == kind)),
        next(n for n, (k, _, _) in enumerate(SPELLINGS) if k == kind),
    )
    for kind in _KINDS
)
"""Each kind's hints, its spellings as one pattern, and the bit of its first spelling."""
_LOWER_HINT = re.compile("|".join(lower for lower, _ in _HINTS.values() if lower))
_CASED_HINT = re.compile("|".join(cased for _, cased in _HINTS.values() if cased))
"""Any hint of any kind: two searches that pass over most claims at once."""


def spelling_forms(texts: Sequence[str]) -> np.ndarray:
    """int32 per claim: a bit for each spelling of :data:`SPELLINGS` it uses (0: none), so the
    pairs whose two claims write something differently are found without reading their
    texts."""
    forms = np.zeros(len(texts), dtype=np.int32)
    for k, text in enumerate(texts):
        lowered = text.lower()
        if not (_LOWER_HINT.search(lowered) or _CASED_HINT.search(text)):
            continue
        for lower_hint, cased_hint, pattern, first in _KIND_FORMS:
            if not (
                (lower_hint is not None and lower_hint.search(lowered))
                or (cased_hint is not None and cased_hint.search(text))
            ):
                continue
            for match in pattern.finditer(text):
                forms[k] |= 1 << (first + (match.lastindex or 1) - 1)
    return forms


def read_one_way(text: str) -> str:
    """The text with every spelling of :data:`SPELLINGS` written the one way."""
    return SPELLING_FORMS.sub(_read, text)


def _read(match: re.Match[str]) -> str:
    reading = SPELLINGS[(match.lastindex or 1) - 1][2]
    return reading if isinstance(reading, str) else reading(match)


def quoting_claims(texts: Sequence[str]) -> np.ndarray:
    """bool per claim: it holds a quotation mark, so it may repeat another's quotation."""
    return np.fromiter((any(q in t for q in _QUOTE_MARKS) for t in texts), bool, len(texts))
