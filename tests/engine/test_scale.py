"""Big comparisons: the candidate index, scoring each distinct text pair once, worker processes.

The speed itself is measured in ``benchmarks/scale.py``; here, what the speed-ups must never
change: the index keeps what all-pairs finds, and the answers do not depend on the number of
processes or on how often a sentence is repeated.
"""

from __future__ import annotations

import gc
import json
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from threadpoolctl import threadpool_info

from benchmarks.corpus import generate, write_corpus
from compare.align import align_groups
from compare.candidates import count_cross_pairs, nearest_pairs
from compare.cli import main
from compare.label import Links, claim_labels, find_links, rank_links
from compare.load import document_from_blocks, parse_markdown
from compare.pipeline import Analysis, analyse, label_analysis
from compare.results import Document
from compare.runner import PROCESSES_FROM, Pool, Runner, can_fork, collector_paused
from compare.scoring import features as F
from compare.scoring import pairs
from compare.scoring.fact_comparison import compare_facts
from compare.settings import DEFAULTS


@cache
def corpus(articles: int) -> tuple[Document, ...]:
    return tuple(
        document_from_blocks(parse_markdown(article.text), source=article.name)
        for article in generate(articles, seed=7)
    )


@cache
def analysed(articles: int, *, indexed: bool, workers: int) -> Analysis:
    documents = corpus(articles)
    settings = DEFAULTS.with_changes(all_pairs_up_to=0 if indexed else 10**9)
    return analyse(documents, settings=settings, runner=Runner(jobs=workers))


def linked_pairs(analysis: Analysis) -> set[tuple[int, int]]:
    return {(link.left, link.right) for link in find_links(analysis.scores, DEFAULTS)}


def test_index_keeps_at_least_99_percent_of_all_pairs_links() -> None:
    everything = analysed(24, indexed=False, workers=1)
    indexed = analysed(24, indexed=True, workers=1)
    article_of = np.array([a for a, _ in everything.claim_refs])
    assert len(everything.scores.left) == count_cross_pairs(article_of)
    assert len(indexed.scores.left) < len(everything.scores.left) / 2  # the index did prune
    wanted = linked_pairs(everything)
    kept = linked_pairs(indexed) & wanted
    assert len(wanted) > 500
    assert len(kept) / len(wanted) >= 0.99


@pytest.mark.skipif(not can_fork(), reason="worker processes are forked on Linux only")
def test_worker_processes_give_the_same_comparison_as_one_process() -> None:
    alone = analysed(24, indexed=True, workers=1)
    spread = analysed(24, indexed=True, workers=2)
    for name in ("left", "right", "probability", "verbatim_words", "similarity"):
        np.testing.assert_array_equal(getattr(alone.scores, name), getattr(spread.scores, name))
    assert alone.facts == spread.facts
    assert alone.sentences == spread.sentences and alone.kinds == spread.kinds
    assert label_analysis(alone, runner=Runner(jobs=1)) == label_analysis(
        spread, runner=Runner(jobs=2)
    )


@pytest.mark.skipif(not can_fork(), reason="worker processes are forked on Linux only")
def test_scoring_in_chunks_over_two_workers_changes_no_score() -> None:
    analysis = analysed(24, indexed=True, workers=1)
    texts = [analysis.sentences[a][s].text for a, s in analysis.claim_refs]
    article_of = [a for a, _ in analysis.claim_refs]
    prepared = pairs.prepare_claims(texts, article_of)
    left, right = analysis.scores.left, analysis.scores.right
    alone = pairs.score_pairs(
        prepared, left, right, partial=True, runner=Runner(jobs=1), chunk_size=997
    )
    spread = pairs.score_pairs(
        prepared, left, right, partial=True, runner=Runner(jobs=2), chunk_size=997
    )
    np.testing.assert_array_equal(alone.probability, spread.probability)
    np.testing.assert_array_equal(alone.verbatim_share, spread.verbatim_share)
    # Matrix products of other shapes round differently in the last bits, nothing more.
    whole = pairs.score_pairs(prepared, left, right, partial=True, runner=Runner(jobs=1))
    np.testing.assert_allclose(whole.probability, spread.probability, atol=1e-6)


def test_repeated_sentences_score_as_if_each_pair_were_featurised_alone() -> None:
    texts = [
        "The bridge will reopen on Monday, the mayor said.",
        "Inspectors found a cracked girder on Tuesday.",
        "The bridge will reopen on Monday, the mayor said.",
        "Inspectors found a cracked girder on Tuesday.",
        "Mayor Whitcombe said the bridge would reopen Monday.",
        "A cracked girder was found by inspectors on Tuesday.",
        "The bridge will reopen on Monday, the mayor said.",
    ]
    article_of = [0, 0, 1, 1, 2, 2, 3]
    prepared = pairs.prepare_claims(texts, article_of)
    left, right = (
        np.array(side, dtype=np.int32)
        for side in zip(
            *[
                (i, j)
                for i in range(len(texts))
                for j in range(i + 1, len(texts))
                if article_of[i] != article_of[j]
            ],
            strict=True,
        )
    )
    scored = pairs.score_pairs(prepared, left, right, runner=Runner(jobs=1))
    features, runs, _ = F.pair_features(prepared.features, left, right)
    same, similar = prepared.scorer.logits(features)
    np.testing.assert_allclose(scored.base_probability, 1 / (1 + np.exp(-same)), atol=1e-6)
    np.testing.assert_allclose(scored.similarity, 1 / (1 + np.exp(-similar)), atol=1e-6)
    np.testing.assert_array_equal(scored.verbatim_words, runs)


def test_fact_agreement_compared_once_per_alike_pair_equals_comparing_every_pair() -> None:
    """Rewordings keep their facts: ``_fact_agreement`` compares each pair of alike fact sets
    once and must give what comparing every pair gives."""
    analysis = analysed(24, indexed=True, workers=1)
    texts = [analysis.sentences[a][s].text for a, s in analysis.claim_refs]
    claims = F.prepare(texts)
    left, right = analysis.scores.left.astype(np.int64), analysis.scores.right.astype(np.int64)
    assert len(np.unique(claims.fact_key)) < len(set(texts))  # some fact sets are alike
    agree, disagree, any_disagree = F._fact_agreement(claims, left, right)
    each = np.array(
        [compare_facts(claims.facts[i], claims.facts[j]) for i, j in zip(left, right, strict=True)]
    )
    np.testing.assert_array_equal(agree, np.minimum(each[:, 0], 3) / 3)
    np.testing.assert_array_equal(disagree, np.minimum(each[:, 1], 2) / 2)
    np.testing.assert_array_equal(any_disagree, each[:, 1] > 0)
    assert any_disagree.any()


def offset(data: int, piece: int) -> int:
    return data + piece


def test_a_pool_runs_background_tasks_and_ordered_maps_given_its_data() -> None:
    with Pool(1000, processes=2) as pool:
        assert pool.in_processes == can_fork()
        total = pool.submit(sum, range(1000))
        shifted = list(pool.map(offset, range(-50, 0)))
        assert total.result() == 499500
    assert shifted == list(range(950, 1000))


def test_workers_leave_blas_threads_and_the_collector_as_they_found_them() -> None:
    """While workers fill the cores this process keeps one BLAS thread, and the frozen objects
    it shares with them are thawed on the way out."""
    before = [pool["num_threads"] for pool in threadpool_info()]
    with Pool(0, processes=2) as pool:
        assert list(pool.map(offset, [1, 2])) == [1, 2]
        if can_fork():
            assert all(pool["num_threads"] == 1 for pool in threadpool_info())
            assert gc.get_freeze_count() > 0
    assert [pool["num_threads"] for pool in threadpool_info()] == before
    assert gc.get_freeze_count() == 0


def test_collector_paused_resumes_collection_even_after_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("stop")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled(), "a collector that was off must stay off"
    finally:
        gc.enable()


def links_by_claim(
    links: Links, n_claims: int, *, limit: int | None = None
) -> list[list[tuple[int, int]]]:
    """Each claim's (other claim, link number) entries, as ``rank_links`` orders them."""
    ranked = rank_links(links, n_claims, limit=limit)
    bounds = ranked.first.tolist()
    entries = list(zip(ranked.other.tolist(), ranked.link.tolist(), strict=True))
    return [entries[bounds[c] : bounds[c + 1]] for c in range(n_claims)]


def test_links_per_claim_put_shared_first_then_strongest_and_respect_the_limit() -> None:
    analysis = analysed(24, indexed=True, workers=1)
    links = find_links(analysis.scores, DEFAULTS)
    table = links_by_claim(links, len(analysis.claim_refs), limit=4)
    busiest = max(range(len(table)), key=lambda claim: len(table[claim]))
    assert len(table[busiest]) == 4
    for entries in table:
        keys = [(not links.shared[k], -links.score[k]) for _, k in entries]
        assert keys == sorted(keys)
    labels = claim_labels(len(analysis.claim_refs), links)
    for claim, entries in enumerate(links_by_claim(links, len(analysis.claim_refs))):
        expected = (
            "unique"
            if not entries
            else "shared"
            if any(links.shared[k] for _, k in entries)
            else "paraphrased"
        )
        assert labels[claim] == expected


def test_groups_hold_every_claim_once_and_every_linked_claim_beside_a_partner() -> None:
    analysis = analysed(24, indexed=True, workers=1)
    links = find_links(analysis.scores, DEFAULTS)
    article_of = [a for a, _ in analysis.claim_refs]
    groups = align_groups(article_of, links.left, links.right, links.score, linkage=0.5)
    members = [claim for group in groups for claim in group]
    assert sorted(members) == list(range(len(article_of)))
    partners: dict[int, set[int]] = {}
    for left, right in zip(links.left.tolist(), links.right.tolist(), strict=True):
        partners.setdefault(left, set()).add(right)
        partners.setdefault(right, set()).add(left)
    for group in groups:
        for claim in group:
            if claim in partners:  # a linked claim is grouped with a claim it links to
                assert partners[claim] & set(group)
            else:
                assert group == [claim]
    assert max(len(group) for group in groups) > 3  # wire copy did join across articles


def test_nearest_pairs_never_pairs_a_claim_with_its_own_article() -> None:
    texts = [f"Council approved plan {n % 5} for the harbour on day {n % 3}." for n in range(60)]
    article_of = np.arange(60) // 6
    left, right = nearest_pairs(texts, article_of, per_claim=5)
    assert len(left) > 0
    assert np.all(article_of[left] != article_of[right])
    assert np.all(left < right)


def test_export_is_byte_identical_with_jobs_1_2_and_the_default(tmp_path: Path) -> None:
    """The README promises the result does not depend on --jobs. The corpus is big enough that
    the default spreads every step over the cores (where there are several) and --jobs 2 runs
    the scoring in more than one chunk."""
    write_corpus(tmp_path / "corpus", 80, seed=7)
    outputs = {}
    for name, jobs in (("one", ["--jobs", "1"]), ("two", ["--jobs", "2"]), ("default", [])):
        target = tmp_path / f"{name}.json"
        assert main([*jobs, "--export", str(target), str(tmp_path / "corpus")]) == 0
        outputs[name] = target.read_bytes()
    claims_per_article = [
        sum(sentence["kind"] == "claim" for sentence in article["sentences"])
        for article in json.loads(outputs["one"])["articles"]
    ]
    cross_pairs = (sum(claims_per_article) ** 2 - sum(n * n for n in claims_per_article)) // 2
    assert cross_pairs >= PROCESSES_FROM["score"]
    assert outputs["two"] == outputs["one"]
    assert outputs["default"] == outputs["one"]
