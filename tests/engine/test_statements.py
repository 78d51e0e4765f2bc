"""A statement two outlets quote is aligned sentence by sentence (compare/scoring/statements.py).

The statement and the coverage around it are invented, in the shape of real coverage of an
outage: one outlet quotes four sentences of a company's statement, another quotes it with
reworded sentences and one sentence more.
"""

from __future__ import annotations

import numpy as np

from compare.load import document_from_blocks, parse_markdown
from compare.pipeline import analyse, compare_texts
from compare.scoring.statements import (
    ALIGNED_AT,
    _monotone_path,
    aligned_pairs,
    quoted_passages,
)
from compare.split import SplitSentence

FIRST = (
    "# Rail ticket sites fail across the region\n"
    "\n"
    "Ticket sites for three rail operators failed on Monday morning after an outage "
    "at Northline, the booking platform they share.\n"
    "\n"
    "Passengers queued at station counters in Leeds, York and Hull while the sites "
    "were down.\n"
    "\n"
    "Northline said in a statement, “We saw a sharp rise in failed logins on our "
    "booking service from 07:10 GMT. That rise stopped some ticket purchases from "
    "completing. We do not yet know what caused the rise in failed logins. Every "
    "engineer we have is working to bring bookings back to normal.”\n"
    "\n"
    "The regional transport authority said it would review the contract with "
    "Northline next year.\n"
)

SECOND = (
    "# Northline outage halts rail bookings\n"
    "\n"
    "An outage at booking platform Northline stopped passengers buying rail tickets "
    "online on Monday.\n"
    "\n"
    "“We detected a surge of unsuccessful logins on our booking service starting at "
    "07:10 GMT. This caused some ticket purchases to fail before completion. We "
    "currently do not know why failed logins surged. Our team is fully engaged to "
    "make sure every booking goes through without errors. We will publish a full "
    "incident report on our status page within a week.”\n"
    "\n"
    "Station staff sold paper tickets at counters for most of the morning.\n"
    "\n"
    "A spokesperson for one operator said refunds would be paid automatically.\n"
)

STAFFED = "Every engineer we have is working to bring bookings back to normal.”"
FOCUSED = "Our team is fully engaged to make sure every booking goes through without errors."
REPORT = "We will publish a full incident report on our status page within a week.”"


def _sentence(comparison, article: int, text: str):  # type: ignore[no-untyped-def]
    return next(s for s in comparison.articles[article].sentences if s.text == text)


def test_a_statement_quoted_whole_is_cut_into_its_sentences() -> None:
    comparison = compare_texts([FIRST, SECOND])
    texts = [s.text for s in comparison.articles[1].sentences]
    assert FOCUSED in texts and REPORT in texts


def test_a_reworded_sentence_in_its_place_in_a_statement_is_linked_by_the_alignment() -> None:
    documents = [
        document_from_blocks(parse_markdown(text), source=f"<text {name}>")
        for name, text in (("A", FIRST), ("B", SECOND))
    ]
    analysis = analyse(documents)
    claim = {analysis.sentences[a][s].text: c for c, (a, s) in enumerate(analysis.claim_refs)}
    scores = analysis.scores
    row = next(
        k
        for k in range(len(scores.left))
        if {int(scores.left[k]), int(scores.right[k])} == {claim[STAFFED], claim[FOCUSED]}
    )
    # The scorer alone would not link the pair: its place in the statement does.
    assert scores.probability[row] < 0.5
    assert scores.aligned is not None and scores.aligned[row]
    comparison = compare_texts([FIRST, SECOND])
    staffed = _sentence(comparison, 0, STAFFED)
    focused = _sentence(comparison, 1, FOCUSED)
    match = next(m for m in staffed.matches if (m.article, m.index) == ("B", focused.index))
    assert match.via == "statement" and match.label == "paraphrased"


def test_the_sentence_only_one_outlet_quotes_stays_unique() -> None:
    comparison = compare_texts([FIRST, SECOND])
    assert _sentence(comparison, 1, REPORT).label == "unique"


def test_one_shared_sentence_is_not_a_statement() -> None:
    """A quote reused once is no anchor pair: the passage around it is not aligned."""
    second = SECOND.replace(
        "This caused some ticket purchases to fail before completion. ", ""
    ).replace("We detected a surge of unsuccessful logins", "We saw a sharp rise in failed logins")
    second = second.replace("We currently do not know why failed logins surged. ", "")
    documents = [
        document_from_blocks(parse_markdown(text), source=f"<text {name}>")
        for name, text in (("A", FIRST), ("B", second))
    ]
    analysis = analyse(documents)
    assert analysis.scores.aligned is not None
    assert not analysis.scores.aligned.any()


def test_quoted_passages_run_over_consecutive_quoting_sentences() -> None:
    sentences = [
        SplitSentence("The firm said on Monday that sales fell.", "paragraph", False, 0),
        SplitSentence("In a statement it said, 'We saw a spike.", "paragraph", False, 1),
        SplitSentence("That caused errors.'", "paragraph", False, 1),
        SplitSentence("It added, 'We do not know why.'", "paragraph", False, 1),
        SplitSentence("Shares fell 3% in early trading.", "paragraph", False, 1),
        SplitSentence("“We are sorry.", "paragraph", False, 2),
        SplitSentence("It will not happen again.”", "paragraph", False, 2),
    ]
    assert quoted_passages(sentences) == [None, 1, 1, 1, None, 2, 2]


def test_a_quotation_left_open_ends_with_its_line() -> None:
    sentences = [
        SplitSentence("“We are sorry.", "paragraph", False, 0),
        SplitSentence("Shares fell 3% in early trading.", "paragraph", False, 1),
    ]
    assert quoted_passages(sentences) == [1, None]


def test_the_alignment_keeps_order_and_skips_what_one_side_lacks() -> None:
    log_odds = np.array(
        [
            [5.0, -6.0, -6.0, -6.0],
            [-6.0, 3.0, -6.0, -6.0],
            [-6.0, -6.0, -6.0, ALIGNED_AT + 0.5],  # the second passage has a sentence more
            [-6.0, -1.0, -6.0, -6.0],  # out of order: never aligned
        ]
    )
    assert _monotone_path(log_odds) == [(0, 0), (1, 1), (2, 3)]


def test_a_pair_under_the_bar_is_never_aligned() -> None:
    log_odds = np.array([[5.0, -6.0], [-6.0, ALIGNED_AT - 0.1]])
    assert _monotone_path(log_odds) == [(0, 0)]


def test_only_pairs_next_to_an_anchor_are_linked_by_their_place() -> None:
    """Two quoted passages agree on their first two sentences, then run on with weak pairs in
    order: the weak pair next to an anchor is linked, those further along the chain are not."""
    passage = [
        SplitSentence(f"“Sentence {n} of the statement.", "paragraph", False, 0)
        if n == 0
        else SplitSentence(f"Sentence {n} of the statement.", "paragraph", False, 0)
        for n in range(5)
    ]
    sentences = [passage, passage]
    claim_refs = [(a, n) for a in (0, 1) for n in range(5)]
    left = np.arange(5)
    right = np.arange(5, 10)  # the diagonal: sentence n of one against sentence n of the other
    probability = np.array([0.9, 0.9, 0.3, 0.3, 0.3])
    aligned = aligned_pairs(sentences, claim_refs, left, right, probability)
    assert aligned.tolist() == [False, False, True, False, False]
