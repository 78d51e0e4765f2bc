"""The pair scorer: range, identity, symmetry, verbatim runs, margin, reproducible training."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare.scoring import features as F
from compare.scoring import pairs
from compare.settings import DEFAULTS
from tests.conftest import modules_loaded_by

ROOT = Path(__file__).resolve().parents[2]

BRIDGE = [
    "The city closed the Kessel Street bridge on Tuesday after inspectors found a cracked girder.",
    "Mayor Dana Whitcombe said the bridge would stay shut until engineers finish their review.",
    "About 38,000 vehicles cross the bridge on an average weekday.",
    "A free ferry will run between Kessel Point and the Old Market pier every 20 minutes.",
    "Repairs could take six to nine months, the city's chief engineer said.",
]
BRIDGE_OTHER = [
    "Inspectors found a cracked girder, so the city shut the Kessel Street bridge on Tuesday.",
    "The bridge will remain closed until engineers complete their review, Whitcombe said.",
    "On a typical weekday some 38,000 vehicles use the bridge.",
    "Boats will shuttle commuters from Kessel Point to the Old Market pier every 20 minutes.",
    "The chief engineer estimates repairs will take six to nine months.",
]


def score(
    texts: list[str], article_of: list[int], pairs_: list[tuple[int, int]], method: str = "auto"
):
    prepared = pairs.prepare_claims(texts, article_of, method=method)  # type: ignore[arg-type]
    left = np.array([p[0] for p in pairs_], dtype=np.int32)
    right = np.array([p[1] for p in pairs_], dtype=np.int32)
    return pairs.score_pairs(prepared, left, right)


@pytest.mark.parametrize("method", ["lexical", "static", "auto"])
def test_identical_claims_link_and_are_fully_verbatim(method: str) -> None:
    text = "The river is expected to crest at 24.5 feet at Greyford late Thursday."
    result = score([text, text, "Short one.", "Short one."], [0, 1, 0, 1], [(0, 1), (2, 3)], method)
    assert (result.probability >= max(DEFAULTS.paraphrase_at, DEFAULTS.shared_at)).all()
    np.testing.assert_array_equal(result.verbatim_share, [1.0, 1.0])
    assert result.verbatim_words.tolist() == [13, 2]


@pytest.mark.parametrize("method", ["lexical", "static"])
def test_unrelated_claims_score_low(method: str) -> None:
    result = score(
        [
            "The vaccine cut RSV hospitalizations by 84% among adults over 60.",
            "Ferry boats leave Kessel Point for the Old Market pier every 20 minutes.",
        ],
        [0, 1],
        [(0, 1)],
        method,
    )
    assert result.probability[0] < 0.1
    assert result.verbatim_words[0] <= 1


def test_paraphrase_beats_same_story_neighbours() -> None:
    """Inside a comparison, each claim's rewording outranks the rest of the other article."""
    texts = BRIDGE + BRIDGE_OTHER
    article_of = [0] * 5 + [1] * 5
    grid = [(i, 5 + j) for i in range(5) for j in range(5)]
    result = score(texts, article_of, grid, "static")
    probability = result.probability.reshape(5, 5)
    assert (probability.argmax(axis=1) == np.arange(5)).all()
    assert (np.diag(probability) >= DEFAULTS.paraphrase_at).mean() >= 0.8
    off_diagonal = probability[~np.eye(5, dtype=bool)]
    assert (off_diagonal < DEFAULTS.paraphrase_at).all()


def test_quote_inside_longer_sentence_is_a_long_verbatim_run() -> None:
    quote = "Nobody is going to drive across that bridge until our engineers tell me it is safe."
    longer = (
        'Speaking outside City Hall, Whitcombe told reporters: "Nobody is going to drive across '
        'that bridge until our engineers tell me it is safe," and then left.'
    )
    result = score([quote, longer], [0, 1], [(0, 1)], "lexical")
    assert result.verbatim_words[0] == 16
    assert result.verbatim_share[0] == pytest.approx(1.0)


def test_a_copy_with_censored_words_is_still_a_long_verbatim_run() -> None:
    """Content farms censor words ad filters flag ("s*x", "pr*stitution"): written out as the
    other claims write them, the copied sentence is still copied word for word."""
    original = (
        "The singer was acquitted of sex trafficking but convicted of transportation to engage "
        "in prostitution, the jury found on Wednesday."
    )
    censored = original.replace("sex", "s*x").replace("prostitution", "pr*stitution")
    result = score([original, censored], [0, 1], [(0, 1)], "lexical")
    assert result.verbatim_words[0] == len(original.split())


@pytest.mark.parametrize(
    ("written", "respelled"),
    [
        ("4 percent", "4 per cent"),
        ("4 percent", "4%"),
        ("4 percent", "4 pct"),
        ("$65 billion", "US$65 billion"),
        ("$65 billion", "$65bn"),
        ("$1.2 million", "C$1.2 mln"),
        ("$1.2 million", "$1.2m"),
        ("$4 trillion", "$4tn"),
        ("U.S. sales", "US sales"),
        ("sales in the U.K.", "sales in the UK"),
        ("results on Sept. 17", "results on September 17"),
        ("results on Dec 2", "results on December 2"),
        ("results at 9 a.m.", "results at 9am"),
        ("results at 4 p.m.", "results at 4 PM"),
    ],
)
def test_a_copy_that_respells_a_figure_initials_a_date_or_a_time_is_still_a_long_verbatim_run(
    written: str, respelled: str
) -> None:
    """Wire copy rewritten for another market writes "4 percent" as "4 per cent" or "4%",
    "$65 billion" as "US$65 billion" or "$65bn", "U.S." as "US", "Sept. 17" as "September 17"
    and "9 a.m." as "9am": the copied sentence is still copied word for word, and the scorer's
    own features stay as trained."""
    original = (
        f"Shares of the company rose after it reported {written} in extended trading on "
        "Wednesday, the exchange said."
    )
    copy = original.replace(written, respelled)
    result = score([original, copy], [0, 1], [(0, 1)], "lexical")
    words = len(F.words_of(original))
    assert result.verbatim_words[0] == words  # every spelling read as the first one
    assert result.verbatim_share[0] == pytest.approx(1.0)
    prepared = pairs.prepare_claims([original, copy], [0, 1], method="lexical")
    _, plain_runs, _ = F.pair_features(prepared.features, np.array([0]), np.array([1]))
    assert plain_runs[0] < words, "the trained features read the runs unfolded"


@pytest.mark.parametrize(
    "text",
    [
        "The US$65 billion deal closed in the U.S. at 9am on Sept. 17.",
        "US officials met UN envoys in D.C. on December 2 at 4 PM, the E.U. said.",
        "Let us know: the team came at 9 am, up 4 per cent, or $1.2 mln.",
        "No spelling of any kind here.",
    ],
)
def test_the_spellings_a_claim_is_marked_with_are_those_read_one_way(text: str) -> None:
    """Pairs are picked by each claim's marks (found kind by kind, after cheap substring
    hints) and read again by one pattern: both must see the same spellings."""
    from compare.scoring.claims import SPELLING_FORMS, spelling_forms

    marked = 0
    for match in SPELLING_FORMS.finditer(text):
        marked |= 1 << ((match.lastindex or 1) - 1)
    assert int(spelling_forms([text])[0]) == marked


def test_a_copy_that_respells_a_figure_is_labelled_shared() -> None:
    from tests.engine.test_conflicts import _link

    original = "Shares of Lumen Tools rose 4 percent in extended trading after the results."
    link = _link({"a": original, "b": original.replace("4 percent", "4 per cent")})
    assert link is not None and link.label == "shared"


@pytest.mark.parametrize(
    ("texts", "written"),
    [
        (
            ["He faced s*x trafficking charges.", "Sex trafficking, the jury said; six counts."],
            "He faced sex trafficking charges.",
        ),
        (["S*x and more.", "sex sex six"], "Sex and more."),
        (["A f**k, 5*3 and *note.", "fork fork flick note"], "A fork, 5*3 and *note."),
        (["Charged with r*cketeering.", "nothing like it"], "Charged with r*cketeering."),
    ],
    ids=[
        "the comparison's most frequent word of that shape",
        "a capital kept",
        "two stars are two letters; figures and leading stars are no censored word",
        "left as it is when no claim writes it out",
    ],
)
def test_censored_words_are_written_out_from_the_comparison(texts: list[str], written: str) -> None:
    assert F.uncensored(texts)[0] == written


@pytest.mark.parametrize(
    ("a", "b", "run"),
    [
        ("a b c d e", "x a b c y d e", 3),
        ("a a a b a a", "a a a b a a", 6),
        ("the the the", "the", 1),
        ("", "anything at all", 0),
        ("one two three", "three two one", 1),
        ("A, B; c!", "a b c", 3),
    ],
)
def test_longest_runs_on_crafted_cases(a: str, b: str, run: int) -> None:
    claims = F.prepare([a, b])
    runs = F.longest_runs(claims.words, np.array([0, 1]), np.array([1, 0]))
    assert runs.tolist() == [run, run]


def _brute_longest_run(a: list[str], b: list[str]) -> int:
    best = 0
    for i in range(len(a)):
        for j in range(len(b)):
            k = 0
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            best = max(best, k)
    return best


words = st.lists(
    st.sampled_from(["the", "bridge", "closed", "on", "friday", "city", "27"]), max_size=12
)


@settings(max_examples=60, deadline=None)
@given(st.lists(words, min_size=2, max_size=6))
def test_longest_runs_match_brute_force(rows: list[list[str]]) -> None:
    texts = [" ".join(r) for r in rows]
    claims = F.prepare(texts)
    left, right = np.triu_indices(len(texts), k=1)
    runs = F.longest_runs(claims.words, left, right)
    expected = [_brute_longest_run(rows[i], rows[j]) for i, j in zip(left, right, strict=True)]
    assert runs.tolist() == expected


sentences = st.text(
    alphabet=st.sampled_from(list("abcdefghij KLMN0123456789.,'$%\"-")), min_size=0, max_size=60
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(sentences, min_size=2, max_size=8), st.sampled_from(["lexical", "static"]))
def test_probability_in_range_and_symmetric(texts: list[str], method: str) -> None:
    article_of = [i % 2 for i in range(len(texts))]
    left, right = np.triu_indices(len(texts), k=1)
    keep = np.array(article_of)[left] != np.array(article_of)[right]
    left, right = left[keep], right[keep]
    prepared = pairs.prepare_claims(texts, article_of, method=method)  # type: ignore[arg-type]
    forward = pairs.score_pairs(prepared, left, right)
    backward = pairs.score_pairs(prepared, right, left)
    for result in (forward, backward):
        assert result.probability.dtype == np.float32
        assert ((result.probability >= 0) & (result.probability <= 1)).all()
        assert ((result.similarity >= 0) & (result.similarity <= 1)).all()
        assert ((result.verbatim_share >= 0) & (result.verbatim_share <= 1)).all()
    np.testing.assert_allclose(forward.probability, backward.probability, atol=1e-5)
    np.testing.assert_array_equal(forward.verbatim_words, backward.verbatim_words)


def test_chunking_does_not_change_scores() -> None:
    texts = BRIDGE + BRIDGE_OTHER
    article_of = [0] * 5 + [1] * 5
    left, right = np.meshgrid(np.arange(5), np.arange(5, 10), indexing="ij")
    prepared = pairs.prepare_claims(texts, article_of)
    whole = pairs.score_pairs(prepared, left.ravel(), right.ravel())
    pieces = pairs.score_pairs(prepared, left.ravel(), right.ravel(), chunk_size=3)
    np.testing.assert_allclose(whole.probability, pieces.probability, atol=1e-6)


def test_empty_input() -> None:
    prepared = pairs.prepare_claims([], [])
    result = pairs.score_pairs(prepared, np.zeros(0, np.int32), np.zeros(0, np.int32))
    assert len(result.probability) == 0 and result.probability.dtype == np.float32
    assert pairs.resolved_method(prepared) == "static"


def test_resolved_method_and_errors() -> None:
    assert pairs.resolved_method(pairs.prepare_claims(["a"], [0], method="lexical")) == "lexical"
    with pytest.raises(ValueError):
        pairs.prepare_claims(["a", "b"], [0])


def test_neighbourhood_margin_raises_clear_best_and_lowers_crowd() -> None:
    # Claim 0 has one clear match (1) among four candidates; claim 5 sees four equal ones.
    left = np.array([0, 0, 0, 0, 5, 5, 5, 5])
    right = np.array([1, 2, 3, 4, 1, 2, 3, 4])
    article_of = np.array([0, 1, 1, 1, 1, 0])
    similarity = np.array([1.0, -3.0, -3.0, -3.0, 0.5, 0.5, 0.5, 0.5])
    neighbourhood = pairs.neighbourhood_logits(similarity, left, right, article_of, minimum=4)
    z = pairs.combine(np.zeros(8), similarity, neighbourhood)
    assert z[0] > similarity[0]
    assert z[4] <= similarity[4] + 1e-9
    # Too few candidates: the pair keeps the MRPC head's own answer.
    alone = pairs.neighbourhood_logits(similarity[:1], left[:1], right[:1], article_of)
    assert np.isnan(alone).all()
    assert pairs.combine(np.array([2.0]), similarity[:1], alone)[0] == 2.0


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(0, 3), min_size=2, max_size=24),
    st.lists(st.tuples(st.integers(0, 23), st.integers(0, 23)), max_size=120, unique=True),
    st.booleans(),
    st.booleans(),
    st.data(),
)
def test_neighbourhood_is_the_mean_of_each_claims_best_k_in_the_other_article(
    articles: list[int],
    candidates: list[tuple[int, int]],
    partial: bool,
    every_pair: bool,
    data: st.DataObject,
) -> None:
    """Checked against the definition, pair by pair: crowded groups (more than k candidates in
    one article) and small ones take different paths in ``_neighbourhood``. Claims are numbered
    article by article, as in a comparison, so each pair lists its earlier claim first."""
    article_of = np.array(sorted(articles))
    if every_pair:  # crowds every group of an article with more than k claims
        candidates = [(i, j) for i in range(len(articles)) for j in range(i + 1, len(articles))]
    found = {(min(i, j), max(i, j)) for i, j in candidates if max(i, j) < len(articles)}
    found = sorted((i, j) for i, j in found if article_of[i] != article_of[j])
    left = np.array([i for i, _ in found], dtype=np.int64)
    right = np.array([j for _, j in found], dtype=np.int64)
    signal = np.array(
        data.draw(st.lists(st.integers(-4, 4), min_size=len(found), max_size=len(found))),
        dtype=np.float64,
    )
    k, minimum, pad = pairs.MARGIN_NEIGHBOURS, pairs.MARGIN_MIN_CANDIDATES, pairs.NEIGHBOURHOOD_PAD
    got = pairs.neighbourhood_logits(signal, left, right, article_of, partial=partial)
    sizes = np.bincount(article_of)

    def side(claim: int, other_article: int) -> float:
        values = sorted(
            (
                signal[p]
                for p, (i, j) in enumerate(found)
                if (i == claim and article_of[j] == other_article)
                or (j == claim and article_of[i] == other_article)
            ),
            reverse=True,
        )
        counted = sizes[other_article] if partial else len(values)
        if counted < minimum:
            return float("nan")
        wanted = min(counted, k)
        best = values[:k] + [pad] * (wanted - min(len(values), k))
        return sum(best) / wanted

    for p, (i, j) in enumerate(found):
        sides = [x for x in (side(i, article_of[j]), side(j, article_of[i])) if not np.isnan(x)]
        expected = sum(sides) / len(sides) if sides else float("nan")
        assert np.isclose(got[p], expected, equal_nan=True), (p, got[p], expected)


def _train_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "train_scorer", ROOT / "training" / "train_scorer.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_scorer"] = module
    spec.loader.exec_module(module)
    return module


def test_training_is_reproducible_on_a_tiny_seeded_subset() -> None:
    trainer = _train_scorer()
    rng = np.random.default_rng(7)
    pool = BRIDGE + BRIDGE_OTHER
    rows = [(pool[i], pool[(i + 5) % 10], 1.0) for i in range(10)]
    rows += [(pool[i], pool[j], 0.0) for i, j in rng.integers(0, 10, size=(20, 2)) if i != j]
    x, y = trainer.featurise(rows, "lexical")
    config = trainer.Config(hidden=4, decay=1e-3, epochs=30)
    first = trainer.train(x, y, x, y * 0.8, config, seed=3)
    second = trainer.train(x, y, x, y * 0.8, config, seed=3)
    other = trainer.train(x, y, x, y * 0.8, config, seed=4)
    assert trainer.digest(first) == trainer.digest(second)
    assert trainer.digest(first) != trainer.digest(other)
    assert set(first) >= {"mean", "scale", "w1", "b1", "w_same", "b_same", "w_sim", "b_sim"}


@pytest.mark.parametrize("method", ["lexical", "static"])
def test_committed_scorers_were_trained_on_todays_features(method: str) -> None:
    """Fails when features.py or facts.py changed what they compute since the last training.

    Fix: re-run ``python training/train_scorer.py`` (about a minute) and commit compare/models.
    """
    trainer = _train_scorer()
    note = json.loads((ROOT / "compare" / "models" / f"scorer_{method}.json").read_text())
    assert note["feature_fingerprint"] == trainer.fingerprint(method)


def test_committed_scorers_match_feature_layout() -> None:
    lexical = pairs.Scorer.load("lexical")
    static = pairs.Scorer.load("static")
    assert lexical.inputs == len(F.LEXICAL_FEATURES)
    assert static.inputs == len(F.LEXICAL_FEATURES) + len(F.SEMANTIC_FEATURES)


def test_import_pulls_in_neither_torch_nor_textual() -> None:
    heavy = ("torch", "textual", "rich", "sentence_transformers", "tokenizers")
    assert modules_loaded_by("import compare.scoring.pairs", heavy) == []


@pytest.mark.parametrize(
    ("text", "figures", "labels"),
    [
        ("A Category 5 storm with 185 mph winds", {"185"}, {"category 5"}),
        ("Combs was found guilty on Count 3.", set(), {"count 3"}),
        ("The 12 jurors deliberated for 56 minutes.", {"12", "56"}, set()),
        ("Support rose to Level 5% of the vote.", {"5%"}, set()),  # a share is a figure
        ("It fell into category 5 of the list", {"5"}, set()),  # uncapitalised: no name
    ],
)
def test_a_number_after_a_label_noun_is_a_name_not_a_figure(
    text: str, figures: set[str], labels: set[str]
) -> None:
    """ "Category 5" names the storm's class in every article of a story: as a figure it made
    unrelated claims agree; as a name it still tells Category 4 from Category 5."""
    from compare.scoring.numbers import labelled_numbers, numbers_of

    assert numbers_of(text) == figures
    assert labelled_numbers(text) == labels
    names = F.names_of(text, lambda word: word)
    assert labels <= names
