"""Sentence splitting, driven by tests/engine/data/segmentation_cases.json."""

from __future__ import annotations

import pytest

from compare.results import Block
from compare.split import MAX_SENTENCE_WORDS, split_blocks, split_line
from tests.conftest import load_cases

CASES = load_cases("segmentation_cases.json")


@pytest.mark.parametrize("case", CASES, ids=[c["note"] for c in CASES])
def test_segmentation_case(case: dict) -> None:
    found = [s.text for s in split_blocks([Block("paragraph", case["text"])])]
    assert found == case["sentences"]


def test_overlong_sentence_is_cut_into_bounded_pieces() -> None:
    words = ["word"] * (MAX_SENTENCE_WORDS * 2 + 5)
    pieces = split_line(" ".join(words))
    assert [len(p.split()) for p in pieces] == [MAX_SENTENCE_WORDS, MAX_SENTENCE_WORDS, 5]


def test_alone_marks_a_line_standing_on_its_own() -> None:
    sentences = split_blocks([Block("paragraph", "What now?"), Block("paragraph", "One. Two.")])
    assert [s.alone for s in sentences] == [True, False, False]
