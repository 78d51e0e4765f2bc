"""Sentence splitting, driven by tests/engine/data/segmentation_cases.json."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from compare.load import parse_markdown, parse_plain
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


LISTS = [
    pytest.param(
        "Outage trackers showed reports for many services, including:\n"
        "• Fernmail\n• Quillnote\n• Harbor Maps (web)\n\nUsers complained online.",
        [
            "Outage trackers showed reports for many services, including: Fernmail, Quillnote,"
            " Harbor Maps (web)",
            "Users complained online.",
        ],
        id="short bullets after a colon join the sentence that lists them",
    ),
    pytest.param(
        "The council set out its plan:\n\n- The bridge closes on Monday.\n"
        "- Ferries run every 20 minutes.",
        [
            "The council set out its plan:",
            "The bridge closes on Monday.",
            "Ferries run every 20 minutes.",
        ],
        id="bullets that are sentences stay claims of their own",
    ),
    pytest.param(
        "Related:\n\n- Harbor Maps\n- Fernmail",
        ["Related:", "Harbor Maps", "Fernmail"],
        id="a one-word lead is no sentence: a related list is left to the classifier",
    ),
    pytest.param(
        "The mayor named three priorities:\n\n- repairs to the north approach span\n"
        "- a new ferry pier",
        [
            "The mayor named three priorities:",
            "repairs to the north approach span",
            "a new ferry pier",
        ],
        id="longer items are phrases of their own",
    ),
    pytest.param(
        "Shops on the list include:\n\n- Reyna's Bakery",
        ["Shops on the list include:", "Reyna's Bakery"],
        id="one item is no list",
    ),
]


@pytest.mark.parametrize(("text", "sentences"), LISTS)
@pytest.mark.parametrize("parse", [parse_plain, parse_markdown], ids=["text", "markdown"])
def test_short_list_items_join_the_sentence_that_introduces_them(
    text: str, sentences: list[str], parse: Callable[[str], list[Block]]
) -> None:
    assert [s.text for s in split_blocks(parse(text))] == sentences
