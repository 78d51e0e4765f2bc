"""Sentence splitting, driven by tests/engine/data/segmentation_cases.json."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare.classify import classify
from compare.load import parse_markdown, parse_plain
from compare.results import Block
from compare.split import (
    MAX_SENTENCE_WORDS,
    flattened_table,
    pipe_row,
    split_blocks,
    split_line,
    wrap_width,
)
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


def test_wrapped_lines_and_continuing_pieces_join_into_bounded_pieces() -> None:
    """Joining lines wrapped at a width, and pieces that go on in lower case, still ends in
    sentences no longer than any other: a block of thousands of wrapped lines, or a line of
    thousands of lower-case pieces after one capital, is cut as a runaway sentence is."""
    wrapped = "The port said\n" + "\n".join(["the repairs would take weeks and the ferry"] * 3000)
    continuing = "The start. " + " ".join(["the crowd chanted yes. then it went on."] * 3000)
    for sentences in (split_blocks([Block("paragraph", wrapped)]), split_line(continuing)):
        texts = [s if isinstance(s, str) else s.text for s in sentences]
        assert len(texts) > 100
        assert max(len(t.split()) for t in texts) <= MAX_SENTENCE_WORDS


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


FLAT_TABLE = (
    "Results ($ in thousands, except per-share data) Q2 2026 Q1 2026 Q2 2025 Q/Q Y/Y "
    "Net sales $84,120 $79,305 $70,446 6% 19% "
    "Gross margin 41.2% 40.8% 38.9% 0.4 pts 2.3 pts "
    "Operating costs $21,930 $20,880 $19,015 5% 15% "
    "Net loss per share $(0.12) $(0.15) $(0.31) n/a n/a"
)
"""A results table as text extraction flattens it: a header, then rows of a label and figures."""


def test_a_flattened_results_table_is_cut_into_its_header_and_rows() -> None:
    sentences = split_blocks(parse_plain(f"Lumen Tools reported results.\n{FLAT_TABLE}"))
    assert [(s.text, s.block) for s in sentences[1:]] == [
        (
            "Results ($ in thousands, except per-share data) Q2 2026 Q1 2026 Q2 2025 Q/Q Y/Y",
            "heading",
        ),
        ("Net sales $84,120 $79,305 $70,446 6% 19%", "list_item"),
        ("Gross margin 41.2% 40.8% 38.9% 0.4 pts 2.3 pts", "list_item"),
        ("Operating costs $21,930 $20,880 $19,015 5% 15%", "list_item"),
        ("Net loss per share $(0.12) $(0.15) $(0.31) n/a n/a", "list_item"),
    ]
    assert len({s.line for s in sentences}) == len(sentences), "each row judged as a line"
    assert [classify(s) for s in sentences[1:]] == ["heading"] + ["claim"] * 4


@pytest.mark.parametrize(
    "line",
    [
        pytest.param(
            "Sales rose 6% to $84,120 in the quarter, costs 5% to $21,930, and the loss per "
            "share narrowed to $0.12 from $0.31.",
            id="prose with many figures",
        ),
        pytest.param(
            "Net sales $84,120 $79,305 Gross margin 41.2% 40.8%",
            id="two rows are not enough to call it a table",
        ),
        pytest.param(
            "Scores: Harbor 21 14 Ridge 17 10 Bayside 3 0 after three quarters, officials said.",
            id="figures between words that carry on as a sentence",
        ),
    ],
)
def test_lines_that_are_not_tables_split_as_sentences(line: str) -> None:
    assert flattened_table(line) is None


def test_a_sentence_in_front_of_a_flattened_table_stays_a_claim() -> None:
    sentences = split_blocks(parse_plain(f"Lumen Tools beat forecasts. {FLAT_TABLE}"))
    assert sentences[0].text == "Lumen Tools beat forecasts."
    assert classify(sentences[0]) == "claim"
    assert sentences[1].block == "heading"
    assert [s.block for s in sentences[2:]] == ["list_item"] * 4


PIPE_TABLE = (
    "Lumen Tools reported results on Wednesday.\n"
    "| ($ in thousands) | Q2 2026 | Q1 2026 |\n"
    "|---|---|---|\n"
    "| Net sales | $84,120 | $79,305 |\n"
    "| Net income | $12,480 | $10,215 |\n"
    "The company will hold a call on Thursday."
)
"""A table as trafilatura's text output writes it, pipes and all, between two paragraphs."""


def test_a_pipe_table_in_plain_text_reads_as_the_same_table_in_markdown() -> None:
    as_text = split_blocks(parse_plain(PIPE_TABLE))
    as_markdown = split_blocks(parse_markdown(PIPE_TABLE.replace("\n|", "\n\n|", 1)))
    read = [(s.text, classify(s)) for s in as_text]
    assert read == [
        ("Lumen Tools reported results on Wednesday.", "claim"),
        ("($ in thousands); Q2 2026; Q1 2026", "heading"),
        ("Net sales; $84,120; $79,305", "claim"),
        ("Net income; $12,480; $10,215", "claim"),
        ("The company will hold a call on Thursday.", "claim"),
    ]
    assert [(s.text, classify(s)) for s in as_markdown] == read


def test_a_table_copied_from_a_browser_reads_as_the_same_table_written_with_pipes() -> None:
    """A browser copies a table's cells with tabs between them, the corner cell empty."""
    with_tabs = PIPE_TABLE.replace("| ($ in thousands) | Q2 2026 | Q1 2026 |", "\tQ2 2026\tQ1 2026")
    with_tabs = with_tabs.replace("|---|---|---|\n", "")
    with_tabs = with_tabs.replace(
        "| Net sales | $84,120 | $79,305 |", "Net sales\t$84,120\t$79,305"
    )
    with_tabs = with_tabs.replace(
        "| Net income | $12,480 | $10,215 |", "Net income\t$12,480\t$10,215"
    )
    read = [(s.text, classify(s)) for s in split_blocks(parse_plain(with_tabs))]
    assert read == [
        ("Lumen Tools reported results on Wednesday.", "claim"),
        ("Q2 2026; Q1 2026", "heading"),
        ("Net sales; $84,120; $79,305", "claim"),
        ("Net income; $12,480; $10,215", "claim"),
        ("The company will hold a call on Thursday.", "claim"),
    ]


def test_a_tabbed_header_row_without_figures_is_the_tables_column_titles() -> None:
    text = "Candidate\tParty\tVotes\nAna Ruiz\tGreen\t48,210\nTom Ek\tCivic\t43,790"
    read = [(s.text, classify(s)) for s in split_blocks(parse_plain(text))]
    assert read == [
        ("Candidate; Party; Votes", "heading"),
        ("Ana Ruiz; Green; 48,210", "claim"),
        ("Tom Ek; Civic; 43,790", "claim"),
    ]


@pytest.mark.parametrize(
    "text",
    ["\tThe council met on Monday.", "Name:\tAna Ruiz\nThe council met on Monday."],
    ids=["an indented paragraph", "one tabbed line alone"],
)
def test_a_tab_alone_makes_no_table(text: str) -> None:
    assert all("; " not in s.text for s in split_blocks(parse_plain(text)))


@pytest.mark.parametrize(
    "line",
    ["| one cell only |", "a | b | c", "Shares rose | fell on Tuesday."],
    ids=["one cell", "no pipe at either end", "a bar inside a sentence"],
)
def test_lines_with_bars_that_are_no_table_row(line: str) -> None:
    assert pipe_row(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "| Net sales " + "| $84,120 " * (MAX_SENTENCE_WORDS * 2) + "|",
        "Net sales "
        + "$84,120 " * (MAX_SENTENCE_WORDS * 2)
        + "Net income $12,480 $10,215 Gross margin 41% 40%",
    ],
    ids=["a row written with pipes", "a row of a flattened table"],
)
def test_a_runaway_table_row_is_cut_into_bounded_pieces(line: str) -> None:
    sentences = split_blocks(parse_plain(line))
    assert max(len(s.text.split()) for s in sentences) <= MAX_SENTENCE_WORDS
    assert sum(len(s.text.split()) for s in sentences) >= MAX_SENTENCE_WORDS * 2


def test_row_labels_of_several_capitalised_words_stay_whole() -> None:
    line = (
        "Segments ($ in thousands) Q2 2026 Q1 2026 Y/Y Cordless Tools $51,215 $41,096 66% "
        "Hand Tools $4,265 $4,287 30% Outdoor Power Equipment $760 $601 56% "
        "Non-GAAP gross margin 43.6% 42.7% 1.0 pts"
    )
    assert flattened_table(line) == (
        "Segments ($ in thousands) Q2 2026 Q1 2026 Y/Y",
        [
            "Cordless Tools $51,215 $41,096 66%",
            "Hand Tools $4,265 $4,287 30%",
            "Outdoor Power Equipment $760 $601 56%",
            "Non-GAAP gross margin 43.6% 42.7% 1.0 pts",
        ],
    )


RUN = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WRAP_SENTENCES = [
    "Dock workers walked out on Tuesday after pay talks with the Riverland Port Authority "
    "collapsed late on Monday night. Union leaders said the strike would last 48 hours.",
    "The port handles a third of the country's trade and employs about 4,000 people, according "
    "to the authority's annual report, which was published in March.",
    "Thousands of passengers were stranded at the terminal, where a life-threatening crush was "
    "avoided only after police closed the main gate to Harbour Street shortly before noon.",
    "“We have been patient for two years,” said Lena Ortiz, the union's chief negotiator, who "
    "has led the Calder Bay branch since 2024. “Our patience has run out.”",
    "Ships queued outside the harbour on Tuesday night as the freight terminal on the north "
    "quay fell silent for the first time since a storm closed it in 2029.",
]
"""Paragraphs long enough to wrap several times at any width tried."""

PAGE = [
    "Ferry strike halts traffic in Calder Bay as talks with the Riverland Port Authority collapse",
    "Dock workers walked out on Tuesday after pay talks with the port authority collapsed, union "
    "leaders said on Tuesday evening in Calder Bay, Riverland.",
    "Key points",
    "• The strike began at 6 a.m. and is expected to last 48 hours, halting all Riverland "
    "ferries and the freight terminal on the north quay.\n• Ships queued outside the harbour on "
    "Tuesday night.",
    "Thousands of passengers were stranded at the terminal, where a life-threatening crush was "
    "avoided only after police closed the main gate to Harbour Street shortly before noon.",
    "The port handles a third of the country's trade and employs about 4,000 people, according "
    "to the Riverland Port Authority's annual report, published in March.",
    "“We have been patient for two years,” said Lena Ortiz, the union's chief negotiator. “Our "
    "patience has run out, and the authority knows what it would take to end this.”",
]
"""A page with a paragraph a line (a bullet a line in its list), blank lines between."""


def _wrapped(page: list[str], width: int) -> str:
    """The page as a text-mode browser or a mail client saves it: wrapped at ``width``, each
    list item's lines under its bullet."""
    return "\n\n".join(
        "\n".join(textwrap.fill(line, width) for line in paragraph.split("\n"))
        for paragraph in page
    )


def test_a_page_wrapped_at_a_width_reads_as_the_same_page_with_a_paragraph_per_line() -> None:
    wrapped = _wrapped(PAGE, 72)
    assert wrap_width(block.split("\n") for block in wrapped.split("\n\n")) == max(
        len(line) for line in wrapped.split("\n")
    )
    read = [(s.text, s.block) for s in split_blocks(parse_plain(wrapped))]
    assert read == [(s.text, s.block) for s in split_blocks(parse_plain("\n\n".join(PAGE)))]
    texts = [text for text, _ in read]
    assert texts[0] == PAGE[0], "a headline broken by the width is one line again"
    assert any("a life-threatening crush" in text for text in texts), "a compound word"
    assert "Ships queued outside the harbour on Tuesday night." in texts


def test_a_page_with_a_paragraph_per_line_is_not_read_as_wrapped() -> None:
    """Lines that stop where their paragraph stops: each line is judged on its own, a headline
    over its paragraph included."""
    text = "\n".join(["Ferry strike halts traffic", *PAGE[1:]])
    assert wrap_width(text.split("\n") for _ in [0]) is None
    assert next(s.text for s in split_blocks(parse_plain(text))) == "Ferry strike halts traffic"


@RUN
@given(
    st.lists(st.sampled_from(WRAP_SENTENCES), min_size=8, max_size=12),
    st.integers(min_value=50, max_value=90),
)
def test_wrapping_a_text_at_any_width_never_changes_its_sentences(
    paragraphs: list[str], width: int
) -> None:
    one_per_line = "\n\n".join(paragraphs)
    wrapped = "\n\n".join(textwrap.fill(p, width) for p in paragraphs)
    read = [s.text for s in split_blocks(parse_plain(wrapped))]
    assert read == [s.text for s in split_blocks(parse_plain(one_per_line))]


def test_a_wrapped_line_that_opens_with_a_dash_goes_on_its_sentence() -> None:
    """A dash inside a sentence may land at the start of a wrapped line; only a list's bullet
    or number opens an item of its own."""
    sentence = (
        "Dock workers walked out on Tuesday after pay talks with the port authority collapsed "
        "– the first walkout in forty years – and union leaders said the strike would last "
        "two days."
    )
    wrapped = "\n\n".join([textwrap.fill(sentence, 60)] * 10)
    assert any(line.startswith("– ") for line in wrapped.split("\n"))
    assert [s.text for s in split_blocks(parse_plain(wrapped))] == [sentence] * 10
