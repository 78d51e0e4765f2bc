"""Real coverage end to end: stories from ../shared/data/coverage, compared as the CLI does and
scored by the corpus's own score.py. The corpus is third-party text read in place; without it
(a checkout with no ../shared beside it) these tests are skipped and say why."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from benchmarks.coverage import corpus_dir, load_scorer, score_story, stories
from benchmarks.formats import SHAPES, score_shaped

CORPUS = corpus_dir()
needs_corpus = pytest.mark.skipif(
    CORPUS is None, reason="no ../shared/data/coverage beside this checkout (real-coverage corpus)"
)

FLOORS = {
    "nvidia-q3-fy2026-results": {
        "positive_recall": 0.65,
        "paraphrase_recall": 0.55,
        "unique_accuracy": 0.6,
        "non_claim_accuracy": 0.95,
        "shared_label_accuracy": 0.95,
    },
}
"""A little under what the engine reaches on one story with shared copy, paraphrase, conflicts
and page furniture (benchmarks/coverage.py prints the figures for every story)."""
CEILINGS = {"nvidia-q3-fy2026-results": {"negative_false_link_rate": 0.2}}


@needs_corpus
@pytest.mark.parametrize("story", sorted(FLOORS))
def test_one_real_story_end_to_end_reaches_its_floors(story: str) -> None:
    assert CORPUS is not None
    figures, why = score_story(CORPUS / story, load_scorer(CORPUS))
    for key, floor in FLOORS[story].items():
        assert figures[key] is not None and figures[key] >= floor, (key, figures, why)
    for key, ceiling in CEILINGS[story].items():
        assert figures[key] is not None and figures[key] <= ceiling, (key, figures, why)


@needs_corpus
def test_page_furniture_and_copied_quotes_on_every_real_story() -> None:
    """Every story's headings, bylines, captions and the like are never claims, and reused
    copy (quotes repeated in fragments included) is labelled shared."""
    assert CORPUS is not None
    scorer = load_scorer(CORPUS)
    for story in stories(CORPUS):
        figures, why = score_story(story, scorer)
        assert figures["non_claim_accuracy"] >= 0.9, (story.name, [w for w in why if "non_cl" in w])
        shared = figures["shared_label_accuracy"]
        assert shared is None or shared >= 0.9, (story.name, [w for w in why if "shared" in w])


@needs_corpus
@pytest.mark.parametrize("shape", [s for s in SHAPES if s != "as saved"])
def test_a_real_story_saved_another_way_scores_as_saved(shape: str) -> None:
    """The same pages with Windows line ends, blank lines between paragraphs or wrapped at a
    width (benchmarks/formats.py) give the same figures as the pages as saved."""
    assert CORPUS is not None
    story = CORPUS / "hurricane-melissa-jamaica-2025-10-28"
    scorer = load_scorer(CORPUS)
    assert score_shaped(story, SHAPES[shape], scorer) == score_shaped(
        story, SHAPES["as saved"], scorer
    )


def test_loading_a_corpus_scorer_leaves_no_bytecode_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The corpus is read in place: importing its score.py must not write a __pycache__ there,
    even where Python would write one (our own stand-in score.py, in a temporary folder)."""
    (tmp_path / "score.py").write_text("def score(export, gold):\n    return {}, []\n")
    monkeypatch.setattr("sys.dont_write_bytecode", False)
    scorer = load_scorer(tmp_path)
    assert scorer.score({}, {}) == ({}, [])
    assert not (tmp_path / "__pycache__").exists()
    assert sys.dont_write_bytecode is False  # put back as it was
