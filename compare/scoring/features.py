"""Per-claim precomputation and vectorised pair features for the pair scorer.

Everything that depends on one claim alone (normalised text, word and stem ids, n-grams, numbers
and names, embeddings) is computed once in :func:`prepare`; :func:`pair_features` then turns a
chunk of claim pairs into a feature matrix with array operations only (sorted-key intersections
instead of Python sets), because a comparison can have millions of candidate pairs.

Every feature is symmetric in the two claims (min/max, shared/union), so the learned scorer gives
the same probability for (a, b) and (b, a).
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain, pairwise
from typing import cast

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel
from rapidfuzz.process import cpdist

from ..nltk_light import import_nltk_module
from .fact_comparison import compare_facts
from .fact_extraction import extract_facts
from .facts import FactSet
from .lexicon import words
from .numbers import figures_and_labels, labelled_numbers

_WORD = re.compile(r"\w+(?:[.,'\u2019]\w+)*")
_CAPITALISED = re.compile(r"\b[A-Z][\w'\u2019.-]*")
_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)

STOPWORDS: frozenset[str] = words("stop_words")
"""Function words (NLTK's English list, which needs a download, plus reporting verbs such as
"said" that every news sentence carries and so say nothing about which claim it is)."""

LEXICAL_FEATURES: tuple[str, ...] = (
    "ratio",
    "token_sort_ratio",
    "token_set_ratio",
    "stem_dice_idf",
    "stem_cover_short_idf",
    "stem_cover_long_idf",
    "stem_jaccard",
    "bigram_dice",
    "trigram_dice",
    "verbatim_share",
    "verbatim_words",
    "length_ratio",
    "short_length",
    "numbers_any",
    "numbers_jaccard",
    "numbers_conflict",
    "numbers_unmatched",
    "names_any",
    "names_jaccard",
    "names_conflict",
    "names_unmatched",
    "word_lcs_ratio",
    "unmatched_stems_min",
    "unmatched_stems_max",
    "negation_mismatch",
    "facts_agree",
    "facts_disagree",
    "facts_disagree_any",
)
"""Names of the columns :func:`pair_features` returns before any embedding columns."""

SEMANTIC_FEATURES: tuple[str, ...] = (
    "cosine",
    "soft_cover_min",
    "soft_cover_max",
    "soft_f1",
    "soft_unmatched_min",
    "soft_unmatched_max",
)
"""Columns that follow the lexical ones when embeddings are available: sentence cosine, then a
soft word alignment (each content word's best cosine to the other claim's words, IDF-weighted,
as in BERTScore)."""

# Not user settings: the committed scorers were trained on these features (their fingerprint in
# compare/models/scorer_*.json changes with them), so changing one means retraining.
SOFT_WORDS = 24
"""Content words per claim kept for the soft alignment (highest IDF first)."""
SOFT_MATCH = 0.6
"""Word cosine below which a content word counts as having no counterpart."""
SOFT_BUCKET_WIDTH = 6
"""Pairs are aligned in groups of claims that fill about as many word slots (this many apart)."""
_NEGATIONS: frozenset[str] = words("negations")


@dataclass(frozen=True, slots=True)
class Ragged:
    """Variable-length integer rows stored flat (CSR).

    Row ``i`` is ``values[offsets[i] : offsets[i + 1]]``.
    """

    values: np.ndarray
    offsets: np.ndarray

    @classmethod
    def from_rows(cls, rows: Sequence[Sequence[int]]) -> Ragged:
        lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
        offsets = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        values = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=int(offsets[-1]))
        return cls(values, offsets)

    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    def take(self, rows: np.ndarray) -> Ragged:
        """The given rows, in the given order (repeats allowed), as a new table."""
        _, values, _ = self.gather(rows)
        lengths = self.offsets[rows + 1] - self.offsets[rows]
        offsets = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        return Ragged(values, offsets)

    def gather(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Concatenate the given rows: (which input position each value came from, values, pos).

        ``pos`` is each value's position inside its own row.
        """
        starts = self.offsets[rows]
        lengths = self.offsets[rows + 1] - starts
        total = int(lengths.sum())
        owner = np.repeat(np.arange(len(rows), dtype=np.int64), lengths)
        first = np.cumsum(lengths) - lengths
        pos = np.arange(total, dtype=np.int64) - np.repeat(first, lengths)
        return owner, self.values[np.repeat(starts, lengths) + pos], pos


@dataclass(frozen=True, slots=True)
class ClaimFeatures:
    """What :func:`pair_features` needs about each claim, computed once per comparison."""

    normalised: tuple[str, ...]
    """Lowercased words joined by single spaces (punctuation dropped): the rapidfuzz input."""
    sorted_words: tuple[str, ...]
    """The same words sorted, so plain ``ratio`` on them equals ``token_sort_ratio``."""
    word_set: tuple[str, ...]
    """The distinct words, sorted: ``token_set_ratio`` reads only the set of words, and this
    way splits and sorts fewer of them for every pair."""
    words: Ragged
    """Word ids in reading order (for verbatim runs)."""
    word_count: np.ndarray
    stems: Ragged
    """Distinct content-word stem ids, sorted."""
    stem_idf: np.ndarray
    """IDF of every stem id over the claims being compared."""
    stem_mass: np.ndarray
    """Sum of each claim's stem IDFs."""
    bigrams: Ragged
    trigrams: Ragged
    numbers: Ragged
    names: Ragged
    word_seqs: tuple[str | tuple[int, ...], ...]
    """Word ids for rapidfuzz's sequence (LCS) scorer, one character per id: a string reaches
    its C++ core without converting a tuple for every pair, and only equality counts (tuples
    if there are more distinct words than characters)."""
    negated: np.ndarray
    """Whether each claim holds a negation word."""
    facts: tuple[FactSet, ...]
    """The fact layer's numbers, amounts, dates and names of each claim."""
    text_row: np.ndarray
    """int64 row of each claim's exact text among the distinct texts, numbered in order of first
    appearance: claims with one text (wire copy) share every per-claim input."""
    embeddings: np.ndarray | None = None
    """Unit rows, or ``None`` when scoring on wording alone."""
    soft_words: np.ndarray | None = None
    """[claims, SOFT_WORDS] row of ``soft_table`` for each claim's content words (0: padding)."""
    soft_table: np.ndarray | None = None
    """[distinct words + 1, dims] unit word vectors; row 0 is zeros, for padding."""
    soft_weights: np.ndarray | None = None
    """[claims, SOFT_WORDS] IDF of those words (0 for padding)."""
    text_id: np.ndarray | None = None
    """Same id for claims whose normalised text is the same (a cheap identity test per pair)."""
    stem_vocabulary: Mapping[str, int] | None = None
    """Stem id of every stem seen, so texts prepared later can be weighed alike (``idf_from``)."""
    fact_key: np.ndarray | None = None
    """Same id for claims whose facts compare alike (``FactSet.comparison_key``), -1 for claims
    without facts: rewordings keep their facts, so a pair of such keys is compared once."""


@cache
def _stemmer() -> object:
    # Through nltk_light: a plain ``import nltk`` costs over a second (see that module).
    snowball = import_nltk_module("stem.snowball", bare=("stem", "corpus"), corpus__stopwords=None)
    return snowball.SnowballStemmer("english")


@cache
def stem(word: str) -> str:
    """The Snowball stem of a lowercased word, worked out once per process: the stories of a
    big corpus are prepared one after another and share most of their words."""
    return cast(str, _stemmer().stem(word))  # type: ignore[attr-defined]


def normalise(text: str) -> str:
    """Unicode-normalised, lowercased text with straight quotes."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()


_SPELLING_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(?<=\w{3})is(e|ed|es|ing|ation|ations|er|ers)$", r"iz\1"),  # organise, organize
        (r"(?<=\w{3})ys(e|ed|es|ing)$", r"yz\1"),  # analyse, analyze
        (r"(?<=\w{3})our(s|ed|ing|ite|ites|able|ful)?$", r"or\1"),  # colour, behaviour
        (r"(?<=\w{2})tre(s|d)?$", r"ter\1"),  # centre, metre, theatre
        (r"(?<=[aeiou])ll(ed|ing|er|ers)$", r"l\1"),  # travelled, cancelled, modelling
        (r"^(def|off|lic|pret)ence(s)?$", r"\1ense\2"),  # defence, licence
        (r"(?<=\w)ogue$", "og"),  # catalogue, dialogue
    )
)


@cache
def spelling_key(word: str) -> str:
    """One spelling for British and American variants (centre/center, organise/organize,
    colour/color, travelled/traveled), so a copied sentence with its spelling changed still
    counts as copied. Both sides of a comparison are folded alike, so a fold that also touches
    a word without a variant ("called" → "caled") changes nothing that is compared."""
    for pattern, replacement in _SPELLING_RULES:
        folded = pattern.sub(replacement, word)
        if folded != word:
            return folded
    return word


_CENSORED = re.compile(r"(?<![\w*])([^\W\d_]+)(\*+)([^\W\d_]+)(?![\w*])")
_LETTERS = re.compile(r"[^\W\d_]+")


def uncensored(texts: Sequence[str]) -> tuple[str, ...]:
    """The texts with each word censored by asterisks ("s*x", "pr*stitution": content farms
    censor words that ad filters flag) written out as the comparison's other claims write it,
    one letter per asterisk, the most frequent such word first (ties alphabetical). A censored
    word no other claim writes out is left as it is, and texts without an asterisk cost nothing.
    """
    if not any("*" in text for text in texts):
        return tuple(texts)
    counts: dict[str, int] = {}
    for text in texts:
        for word in _LETTERS.findall(_CENSORED.sub(" ", text)):
            lowered = word.lower()
            counts[lowered] = counts.get(lowered, 0) + 1

    def written_out(match: re.Match[str]) -> str:
        head, stars, tail = match.group(1).lower(), match.group(2), match.group(3).lower()
        size = len(head) + len(stars) + len(tail)
        found = sorted(
            (w for w in counts if len(w) == size and w.startswith(head) and w.endswith(tail)),
            key=lambda w: (-counts[w], w),
        )
        if not found:
            return match.group()
        return found[0].capitalize() if match.group(1)[:1].isupper() else found[0]

    return tuple(_CENSORED.sub(written_out, text) if "*" in text else text for text in texts)


def words_of(text: str) -> list[str]:
    """Lowercased word tokens; "2.5", "1,000" and "o'neil" stay one word."""
    return _WORD.findall(normalise(text))


def word_matches(text: str) -> list[re.Match[str]]:
    """The words of :func:`words_of`, with their offsets in ``normalise(text)``."""
    return list(_WORD.finditer(normalise(text)))


def names_of(text: str, stem: Callable[[str], str] = stem) -> set[str]:
    """Capitalised words other than the sentence's first, lowercased and stemmed, and the
    names a label noun makes with a number ("category 5")."""
    return _capitalised(text, stem) | labelled_numbers(text)


def _capitalised(text: str, stem: Callable[[str], str] = stem) -> set[str]:
    """:func:`names_of` without the labelled numbers (``prepare`` has them from its scan)."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    found: set[str] = set()
    for match in _CAPITALISED.finditer(text):
        if match.start() == 0 or not text[: match.start()].strip(" \"'([-"):
            continue
        word = match.group().strip(".'-").lower()
        if word and word not in STOPWORDS:
            found.add(stem(word))
    return found


class _Ids:
    """Interns strings (or tuples) to dense ids, shared across every claim of a comparison."""

    def __init__(self) -> None:
        self.ids: dict[object, int] = {}

    def __call__(self, item: object) -> int:
        found = self.ids.get(item)
        if found is None:
            found = self.ids[item] = len(self.ids)
        return found


def prepare(
    texts: Sequence[str],
    *,
    embeddings: np.ndarray | None = None,
    word_vectors: Callable[[Sequence[str]], np.ndarray] | None = None,
    idf_texts: Sequence[str] | None = None,
    idf_from: ClaimFeatures | None = None,
) -> ClaimFeatures:
    """Precompute every per-claim input of :func:`pair_features`.

    Args:
        texts: The claims.
        embeddings: Optional unit rows, one per claim.
        word_vectors: Optional function from words to unit rows, for the soft word alignment.
        idf_texts: Texts to count document frequencies over; defaults to ``texts`` themselves,
            so a name that every article repeats weighs little when comparing those articles.
        idf_from: Claims prepared earlier whose IDF weights to reuse (stems they never saw
            weigh as the rarest): for rewordings of their texts, scored as if among them.

    Returns:
        The prepared claims.
    """
    # Wire copy repeats sentences across many articles: do the work once per distinct text, then
    # give every claim its text's row (document frequencies still count every claim).
    first_row: dict[str, int] = {}
    row_of = np.fromiter(
        (first_row.setdefault(text, len(first_row)) for text in texts),
        dtype=np.int64,
        count=len(texts),
    )
    distinct = list(first_row)
    word_ids, stem_ids, ngram_ids, number_ids, name_ids = _Ids(), _Ids(), _Ids(), _Ids(), _Ids()
    words_rows: list[list[int]] = []
    stem_rows: list[list[int]] = []
    bigram_rows: list[list[int]] = []
    trigram_rows: list[list[int]] = []
    number_rows: list[list[int]] = []
    name_rows: list[list[int]] = []
    normalised: list[str] = []
    sorted_words: list[str] = []
    word_sets: list[str] = []
    content_rows: list[list[str]] = []
    negated = np.zeros(len(distinct), dtype=bool)
    # Interning through dict.setdefault keeps this loop, run once per distinct claim, in C.
    word_id, stem_id, ngram_id = word_ids.ids.setdefault, stem_ids.ids.setdefault, ngram_ids.ids
    for k, text in enumerate(distinct):
        words = words_of(text)
        content = list(dict.fromkeys(w for w in words if w not in STOPWORDS))
        content_rows.append(content)
        negated[k] = any(w in _NEGATIONS or w.endswith("n't") for w in words)
        normalised.append(" ".join(words))
        sorted_words.append(" ".join(sorted(words)))
        word_sets.append(" ".join(sorted(set(words))))
        ids = [word_id(spelling_key(w), len(word_ids.ids)) for w in words]
        words_rows.append(ids)
        stem_rows.append(sorted({stem_id(stem(w), len(stem_ids.ids)) for w in content}))
        bigrams = dict.fromkeys(pairwise(ids))  # ids given in reading order
        trigrams = dict.fromkeys(zip(ids, ids[1:], ids[2:], strict=False))
        bigram_rows.append(sorted([ngram_id.setdefault(g, len(ngram_id)) for g in bigrams]))
        trigram_rows.append(sorted([ngram_id.setdefault(g, len(ngram_id)) for g in trigrams]))
        figures, labels = figures_and_labels(text)  # one scan for both
        number_rows.append(sorted(number_ids(n) for n in figures))
        name_rows.append(sorted(name_ids(n) for n in _capitalised(text) | labels))

    stems = Ragged.from_rows(stem_rows)
    if idf_texts is None:
        copies = np.bincount(row_of, minlength=len(distinct)).astype(np.float64)
        df = np.bincount(
            stems.values,
            weights=np.repeat(copies, stems.lengths()),
            minlength=len(stem_ids.ids),
        )
        total = len(texts)
    else:
        df = np.zeros(len(stem_ids.ids), dtype=np.float64)
        for text in idf_texts:
            seen = {stem(w) for w in words_of(text) if w not in STOPWORDS}
            for s in seen:
                found = stem_ids.ids.get(s)
                if found is not None:
                    df[found] += 1
        total = len(idf_texts)
    # Smoothed IDF, never zero: a stem in every claim still counts a little.
    stem_idf = (np.log((total + 1.0) / (df + 1.0)) + 1.0).astype(np.float64)
    stem_vocabulary = cast("dict[str, int]", stem_ids.ids)  # the interner only ever saw stems
    if idf_from is not None:
        stem_idf = _idf_as_in(idf_from, stem_vocabulary)
    stem_mass = np.zeros(len(distinct), dtype=np.float64)
    if len(stems.values):
        np.add.at(
            stem_mass, np.repeat(np.arange(len(distinct)), stems.lengths()), stem_idf[stems.values]
        )
    word_table = Ragged.from_rows(words_rows)
    soft_words = soft_table = soft_weights = None
    if word_vectors is not None:
        soft_words, soft_table, soft_weights = _soft_tables(
            content_rows, word_vectors, lambda w: stem_idf[stem_ids.ids[stem(w)]]
        )
    text_ids = _Ids()
    text_id = np.fromiter((text_ids(t) for t in normalised), dtype=np.int64, count=len(distinct))
    rows = row_of.tolist()
    facts = tuple(extract_facts(text) for text in distinct)
    fact_key = fact_keys(facts)
    sequences: list[str | tuple[int, ...]]
    if len(word_ids.ids) <= sys.maxunicode + 1:
        sequences = ["".join(map(chr, r)) for r in words_rows]
    else:
        sequences = [tuple(r) for r in words_rows]
    return ClaimFeatures(
        normalised=tuple(normalised[r] for r in rows),
        sorted_words=tuple(sorted_words[r] for r in rows),
        word_set=tuple(word_sets[r] for r in rows),
        words=word_table.take(row_of),
        word_count=word_table.lengths().astype(np.int32)[row_of],
        stems=stems.take(row_of),
        stem_idf=stem_idf,
        stem_mass=stem_mass[row_of],
        bigrams=Ragged.from_rows(bigram_rows).take(row_of),
        trigrams=Ragged.from_rows(trigram_rows).take(row_of),
        numbers=Ragged.from_rows(number_rows).take(row_of),
        names=Ragged.from_rows(name_rows).take(row_of),
        word_seqs=tuple(sequences[r] for r in rows),
        negated=negated[row_of],
        facts=tuple(facts[r] for r in rows),
        text_row=row_of,
        embeddings=embeddings,
        soft_words=None if soft_words is None else soft_words[row_of],
        soft_table=soft_table,
        soft_weights=None if soft_weights is None else soft_weights[row_of],
        text_id=text_id[row_of],
        stem_vocabulary=stem_vocabulary,
        fact_key=fact_key[row_of],
    )


def _idf_as_in(earlier: ClaimFeatures, stems: Mapping[str, int]) -> np.ndarray:
    """IDF of each stem (in id order) as ``earlier`` weighed it; unseen stems as the rarest."""
    known = earlier.stem_vocabulary or {}
    unseen = math.log(len(earlier.normalised) + 1.0) + 1.0  # the smoothed IDF at df = 0
    return np.array(
        [earlier.stem_idf[known[s]] if s in known else unseen for s in stems], dtype=np.float64
    )


def _soft_tables(
    content: list[list[str]],
    word_vectors: Callable[[Sequence[str]], np.ndarray],
    idf: Callable[[str], float],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-claim content-word slots (ids into one word-vector table) and IDF weights.

    Ids rather than vectors per claim: 80,000 claims x 24 slots x 64 floats would be 500 MB.
    """
    vocab = sorted({w for row in content for w in row})
    index = {w: i + 1 for i, w in enumerate(vocab)}
    vectors = word_vectors(vocab) if vocab else np.zeros((0, 1), dtype=np.float32)
    table = np.zeros((len(vocab) + 1, vectors.shape[1]), dtype=np.float32)
    table[1:] = vectors
    known = np.linalg.norm(table, axis=1) > 0
    slots = np.zeros((len(content), SOFT_WORDS), dtype=np.int32)
    weights = np.zeros((len(content), SOFT_WORDS), dtype=np.float32)
    for k, row in enumerate(content):
        # Keep the rarest words when a claim has more than fit: they carry the claim.
        kept = sorted(row, key=lambda w: -idf(w))[:SOFT_WORDS] if len(row) > SOFT_WORDS else row
        slot = 0
        for word in kept:
            if known[index[word]]:
                slots[k, slot] = index[word]
                weights[k, slot] = idf(word)
                slot += 1
    return slots, table, weights


def _soft_alignment(claims: ClaimFeatures, left: np.ndarray, right: np.ndarray) -> list[np.ndarray]:
    """BERTScore-style coverage of each claim's content words by the other's (see SEMANTIC)."""
    table, slots, weight = claims.soft_table, claims.soft_words, claims.soft_weights
    assert table is not None and slots is not None and weight is not None
    n = len(left)
    cover = np.zeros((2, n))
    unmatched = np.zeros((2, n))
    # Words fill each claim's first slots, the rest is padding that changes no sum or maximum:
    # pairs are grouped by how many slots each side fills, and each group compares only those.
    filled = (slots > 0).sum(axis=1)
    width = SOFT_BUCKET_WIDTH
    bucket = (filled[left] // width) * (SOFT_WORDS // width + 1) + filled[right] // width
    order = np.argsort(bucket, kind="stable")
    edges = np.flatnonzero(np.diff(bucket[order])) + 1
    step = 2048  # [step, K, dims] gathers stay a few MB
    pieces = (
        order[start : min(start + step, stop)]
        for group_start, stop in zip(
            np.append(0, edges).tolist(), np.append(edges, n).tolist(), strict=True
        )
        for start in range(group_start, stop, step)
    )
    for sl in pieces:
        wide_a = max(int(filled[left[sl]].max()), 1)
        wide_b = max(int(filled[right[sl]].max()), 1)
        a = np.take(table, slots[left[sl], :wide_a], axis=0)
        b = np.take(table, slots[right[sl], :wide_b], axis=0)
        wa = weight[left[sl], :wide_a]
        wb = weight[right[sl], :wide_b]
        best_a, best_b = _best_matches(np.matmul(a, b.transpose(0, 2, 1)))
        mass_a, mass_b = wa.sum(axis=1), wb.sum(axis=1)
        cover[0, sl] = np.divide(
            (best_a * wa).sum(1), mass_a, out=np.zeros(len(wa)), where=mass_a > 0
        )
        cover[1, sl] = np.divide(
            (best_b * wb).sum(1), mass_b, out=np.zeros(len(wb)), where=mass_b > 0
        )
        unmatched[0, sl] = (wa * (best_a < SOFT_MATCH)).sum(1)
        unmatched[1, sl] = (wb * (best_b < SOFT_MATCH)).sum(1)
    total = cover[0] + cover[1]
    f1 = np.divide(2 * cover[0] * cover[1], total, out=np.zeros(n), where=total > 0)
    return [
        cover.min(axis=0),
        cover.max(axis=0),
        f1,
        np.log1p(unmatched.min(axis=0)) / math.log(31.0),
        np.log1p(unmatched.max(axis=0)) / math.log(31.0),
    ]


def _best_matches(sim: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each word's best similarity to the other claim's words, clipped to [0, 1], both ways.

    An elementwise maximum per word slot: numpy's ``max`` over a short last axis costs five
    times as much. Clipping the maxima equals taking the maxima of clipped values (clipping
    keeps order), and is cheaper on them.
    """
    best_a = sim[:, :, 0].copy()
    for j in range(1, sim.shape[2]):
        np.maximum(best_a, sim[:, :, j], out=best_a)
    best_b = sim[:, 0, :].copy()
    for i in range(1, sim.shape[1]):
        np.maximum(best_b, sim[:, i, :], out=best_b)
    return np.clip(best_a, 0.0, 1.0, out=best_a), np.clip(best_b, 0.0, 1.0, out=best_b)


COSINE_STEP = 512
"""Pairs whose embedding rows are gathered at a time for their cosine: the rows of a whole
chunk of pairs (25 MB a side) leave the cache before they are multiplied."""


def _cosines(embeddings: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Per pair, the dot product of the two claims' unit rows, summed in float32 row by row
    (numpy's own order, so the same bits whatever the step)."""
    found = np.empty(len(left), dtype=embeddings.dtype)
    for start in range(0, len(left), COSINE_STEP):
        u = np.take(embeddings, left[start : start + COSINE_STEP], axis=0)
        v = np.take(embeddings, right[start : start + COSINE_STEP], axis=0)
        np.multiply(u, v, out=u)
        u.sum(axis=1, out=found[start : start + COSINE_STEP])
    return found.astype(np.float64)


def fact_keys(facts: Sequence[FactSet]) -> np.ndarray:
    """Per fact set, an id shared by the sets that compare alike; -1 for an empty set."""
    ids: dict[object, int] = {}
    return np.fromiter(
        (ids.setdefault(f.comparison_key, len(ids)) if f.facts else -1 for f in facts),
        dtype=np.int64,
        count=len(facts),
    )


def _fact_agreement(claims: ClaimFeatures, left: np.ndarray, right: np.ndarray) -> list[np.ndarray]:
    """The fact layer's (agree, disagree) counts, scaled, and whether any disagree."""
    n = len(left)
    agree = np.zeros(n)
    disagree = np.zeros(n)
    facts = claims.facts
    key = claims.fact_key if claims.fact_key is not None else fact_keys(facts)
    a, b = key[left], key[right]
    rows = np.flatnonzero((a >= 0) & (b >= 0))
    if len(rows):
        # Compare each pair of fact keys once (the comparison is symmetric, so unordered).
        a, b = a[rows], b[rows]
        span = int(max(a.max(), b.max())) + 1
        _, first, back = np.unique(
            np.minimum(a, b) * span + np.maximum(a, b), return_index=True, return_inverse=True
        )
        once = rows[first]
        found = np.array(
            [
                compare_facts(facts[i], facts[j])
                for i, j in zip(left[once].tolist(), right[once].tolist(), strict=True)
            ],
            dtype=np.float64,
        ).reshape(-1, 2)
        agree[rows], disagree[rows] = found[back, 0], found[back, 1]
    return [np.minimum(agree, 3.0) / 3.0, np.minimum(disagree, 2.0) / 2.0, (disagree > 0) * 1.0]


def _shared(table: Ragged, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Per pair, how many distinct ids both rows hold."""
    return _shared_counts(table, left, right)[0]


def _shared_counts(
    table: Ragged, left: np.ndarray, right: np.ndarray, weights: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Per pair, how many distinct ids both rows hold, and their summed weight (zeros without
    weights): both from one join, since stems are counted and weighed alike.

    Rows hold distinct ids, so after tagging each id with its pair number an id both sides hold
    appears exactly twice in the sorted concatenation.
    """
    n = len(left)
    if n == 0 or len(table.values) == 0:
        return np.zeros(n, dtype=np.float64), np.zeros(n, dtype=np.float64)
    span = int(table.values.max()) + 1
    owner_l, values_l, _ = table.gather(left)
    owner_r, values_r, _ = table.gather(right)
    keys = np.concatenate((owner_l * span + values_l, owner_r * span + values_r))
    keys.sort(kind="stable")
    both = keys[1:][keys[1:] == keys[:-1]]
    pair = both // span
    counts = np.bincount(pair, minlength=n).astype(np.float64)
    if weights is None:
        return counts, np.zeros(n, dtype=np.float64)
    # bincount with empty weights answers in int64: cast so callers can divide in place.
    return counts, np.bincount(pair, weights=weights[both % span], minlength=n).astype(np.float64)


def longest_runs(words: Ragged, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Longest run of consecutive words the two claims of each pair share verbatim.

    Every position pair (i, j) with the same word is a match; a verbatim run is a chain of matches
    on one diagonal (j - i constant) with consecutive i. Matches are found by a sorted join on
    (pair, word), then runs by sorting on (pair, diagonal, i): all in numpy.
    """
    n = len(left)
    result = np.zeros(n, dtype=np.int32)
    if n == 0 or len(words.values) == 0:
        return result
    span = int(words.values.max()) + 1
    owner_l, values_l, pos_l = words.gather(left)
    owner_r, values_r, pos_r = words.gather(right)
    key_l = owner_l * span + values_l
    key_r = owner_r * span + values_r
    if len(key_r) == 0:
        return result
    order = np.argsort(key_r, kind="stable")
    key_r = key_r[order]
    pos_r = pos_r[order]
    # One search among the distinct right-hand keys (each with where its run starts and how
    # long it is) costs less than a left and a right search among all of them.
    first_r = np.flatnonzero(np.diff(key_r, prepend=-1))
    distinct_r = key_r[first_r]
    found = np.minimum(np.searchsorted(distinct_r, key_l), len(distinct_r) - 1)
    has = distinct_r[found] == key_l
    if not has.any():
        return result
    found = found[has]
    lo = first_r[found]
    count = np.diff(first_r, append=len(key_r))[found]
    m_owner = np.repeat(owner_l[has], count)
    m_i = np.repeat(pos_l[has], count)
    first = np.cumsum(count) - count
    m_j = pos_r[np.repeat(lo, count) + np.arange(int(count.sum())) - np.repeat(first, count)]
    width = int(max(words.lengths().max(), 1)) + 1
    diagonal = m_j - m_i + width
    key = (m_owner * (2 * width + 1) + diagonal) * (width + 1) + m_i
    key.sort()
    starts = np.ones(len(key), dtype=bool)
    starts[1:] = key[1:] != key[:-1] + 1
    run_id = np.cumsum(starts) - 1
    run_length = np.bincount(run_id)
    run_owner = (key[starts] // ((2 * width + 1) * (width + 1))).astype(np.int64)
    np.maximum.at(result, run_owner, run_length.astype(np.int32))
    return result


def _dice(shared: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    total = a + b
    return np.divide(2.0 * shared, total, out=np.zeros_like(shared), where=total > 0)


def _set_agreement(
    table: Ragged, left: np.ndarray, right: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(any on either side, Jaccard, both sides hold one the other lacks, unmatched / 3)."""
    lengths = table.lengths().astype(np.float64)
    a, b = lengths[left], lengths[right]
    shared = _shared(table, left, right)
    union = a + b - shared
    jaccard = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    conflict = ((a - shared) > 0) & ((b - shared) > 0)
    unmatched = np.minimum(union - shared, 3.0) / 3.0
    return (union > 0).astype(np.float64), jaccard, conflict.astype(np.float64), unmatched


def pair_features(
    claims: ClaimFeatures,
    left: np.ndarray,
    right: np.ndarray,
    *,
    with_embeddings: bool = True,
    elementwise: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature matrix for one chunk of pairs.

    Args:
        claims: From :func:`prepare`.
        left: Claim indices.
        right: Claim indices, same length.
        with_embeddings: Append the :data:`SEMANTIC_FEATURES` columns when embeddings exist.
        elementwise: Also append the ``u*v`` and ``|u-v|`` blocks (for experiments: they
            overfit MRPC and cost memory, so the shipped scorers leave them out).

    Returns:
        (features float32 [pairs, columns], verbatim words int32, verbatim share float32). The
        columns follow :data:`LEXICAL_FEATURES`, then with embeddings :data:`SEMANTIC_FEATURES`.
    """
    left = np.asarray(left, dtype=np.int64)
    right = np.asarray(right, dtype=np.int64)
    n = len(left)
    # Indexed by Python ints: indexing a tuple with numpy integers costs twice as much.
    left_rows, right_rows = left.tolist(), right.tolist()
    a_norm = [claims.normalised[i] for i in left_rows]
    b_norm = [claims.normalised[j] for j in right_rows]
    a_sorted = [claims.sorted_words[i] for i in left_rows]
    b_sorted = [claims.sorted_words[j] for j in right_rows]
    columns: list[np.ndarray] = []
    if n:
        columns.append(cpdist(a_norm, b_norm, scorer=fuzz.ratio, dtype=np.float32, workers=1))
        columns.append(cpdist(a_sorted, b_sorted, scorer=fuzz.ratio, dtype=np.float32, workers=1))
        a_set = [claims.word_set[i] for i in left_rows]
        b_set = [claims.word_set[j] for j in right_rows]
        columns.append(
            cpdist(a_set, b_set, scorer=fuzz.token_set_ratio, dtype=np.float32, workers=1)
        )
        columns = [c.astype(np.float64) / 100.0 for c in columns]
    else:
        columns = [np.zeros(0) for _ in range(3)]

    mass_a, mass_b = claims.stem_mass[left], claims.stem_mass[right]
    shared_stems, shared_mass = _shared_counts(claims.stems, left, right, claims.stem_idf)
    columns.append(_dice(shared_mass, mass_a, mass_b))
    small, large = np.minimum(mass_a, mass_b), np.maximum(mass_a, mass_b)
    columns.append(np.divide(shared_mass, small, out=np.zeros(n), where=small > 0))
    columns.append(np.divide(shared_mass, large, out=np.zeros(n), where=large > 0))
    stem_len = claims.stems.lengths().astype(np.float64)
    union = stem_len[left] + stem_len[right] - shared_stems
    columns.append(np.divide(shared_stems, union, out=np.zeros(n), where=union > 0))
    for table in (claims.bigrams, claims.trigrams):
        lengths = table.lengths().astype(np.float64)
        columns.append(_dice(_shared(table, left, right), lengths[left], lengths[right]))

    runs = longest_runs(claims.words, left, right)
    count = claims.word_count.astype(np.float64)
    shorter, longer = np.minimum(count[left], count[right]), np.maximum(count[left], count[right])
    share = np.divide(runs, shorter, out=np.zeros(n), where=shorter > 0)
    columns.append(share)
    columns.append(np.log1p(runs) / math.log(31.0))
    columns.append(np.divide(shorter, longer, out=np.zeros(n), where=longer > 0))
    columns.append(np.log1p(shorter) / math.log(61.0))
    columns.extend(_set_agreement(claims.numbers, left, right))
    columns.extend(_set_agreement(claims.names, left, right))
    if n:
        a_seq = [claims.word_seqs[i] for i in left_rows]
        b_seq = [claims.word_seqs[j] for j in right_rows]
        lcs = cpdist(a_seq, b_seq, scorer=Indel.normalized_similarity, dtype=np.float32, workers=1)
        columns.append(lcs.astype(np.float64))
    else:
        columns.append(np.zeros(0))
    unmatched_a = stem_len[left] - shared_stems
    unmatched_b = stem_len[right] - shared_stems
    columns.append(np.log1p(np.minimum(unmatched_a, unmatched_b)) / math.log(31.0))
    columns.append(np.log1p(np.maximum(unmatched_a, unmatched_b)) / math.log(31.0))
    columns.append((claims.negated[left] != claims.negated[right]) * 1.0)
    columns.extend(_fact_agreement(claims, left, right))
    if with_embeddings and claims.embeddings is not None:
        columns.append(_cosines(claims.embeddings, left, right))
        if claims.soft_table is not None:
            columns.extend(_soft_alignment(claims, left, right))
        else:
            columns.extend(np.zeros(n) for _ in SEMANTIC_FEATURES[1:])

    features = np.stack(columns, axis=1).astype(np.float32) if n else np.zeros((0, len(columns)))
    if elementwise and claims.embeddings is not None:
        u = claims.embeddings[left]
        v = claims.embeddings[right]
        features = np.concatenate((features, u * v, np.abs(u - v)), axis=1)
    return (
        np.asarray(features, dtype=np.float32),
        runs,
        share.astype(np.float32),
    )
