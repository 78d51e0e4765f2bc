"""Claim, heading or boilerplate, driven by tests/engine/data/classification_cases.json and,
for real pages' furniture in context, furniture_cases.json (invented lines in real shapes)."""

from __future__ import annotations

import pytest

from compare.classify import classify, classify_all
from compare.load import document_from_blocks, parse_plain
from compare.pipeline import compare_texts
from compare.split import SplitSentence, split_blocks
from tests.conftest import load_cases

CASES = load_cases("classification_cases.json")


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_classification_case(case: dict) -> None:
    sentence = SplitSentence(case["text"], case["block"], case["alone"])
    assert classify(sentence) == case["kind"]


FURNITURE = load_cases("furniture_cases.json")


@pytest.mark.parametrize("case", FURNITURE, ids=[c["note"][:60] for c in FURNITURE])
def test_page_furniture_case(case: dict) -> None:
    """Real pages' furniture, written as plain text with one paragraph per line (no blank
    lines), as trafilatura and browser copy-paste give it: each listed piece gets its kind."""
    document = document_from_blocks(parse_plain("\n".join(case["lines"])), source="case.txt")
    sentences = split_blocks(document.blocks)
    kinds = classify_all(sentences)
    for snippet, wanted in case["expect"]:
        found = [k for s, k in zip(sentences, kinds, strict=True) if snippet in s.text]
        assert found, f"no sentence holds {snippet!r}: {[s.text for s in sentences]}"
        if wanted == "non-claim":
            assert "claim" not in found, f"{snippet!r} was read as {found}"
        else:
            assert set(found) == {wanted}, f"{snippet!r} was read as {found}, not {wanted}"


def _kinds_of(lines: list[str]) -> list[tuple[str, str]]:
    document = document_from_blocks(parse_plain("\n".join(lines)), source="case.txt")
    sentences = split_blocks(document.blocks)
    return [(s.text, k) for s, k in zip(sentences, classify_all(sentences), strict=True)]


def test_a_claim_the_page_repeats_word_for_word_is_one_claim_and_the_longer_copy_stays() -> None:
    """A summary box over the story repeats its lead with a label in front: the lead is the
    copy. Short sentences said twice and a sentence that adds a clause stay claims."""
    lead = "Dock workers walked out on Tuesday after pay talks with the port authority collapsed."
    longer = lead[:-1] + ", leaving dozens of ships stranded in the bay overnight."
    kinds = _kinds_of(
        [
            "Port strike: " + lead,
            "Nobody was hurt.",
            lead,
            "Nobody was hurt.",
            longer,
            "“We have been patient for two long years,” said union chief Lena Ortiz.",
            "“We have been patient for two long years,” said union chief Lena Ortiz.",
        ]
    )
    assert [k for _, k in kinds] == [
        "claim",
        "claim",
        "boilerplate",
        "claim",
        "claim",
        "claim",
        "boilerplate",
    ]


def test_a_repeated_claim_is_counted_once_in_the_articles_scores() -> None:
    quote = "“We have been patient for two long years,” said union chief Lena Ortiz."
    lead = "Dock workers walked out on Tuesday after pay talks collapsed."
    once = compare_texts([f"Strike\n\n{lead}\n\n{quote}", f"Walkout\n\n{lead}"])
    twice = compare_texts([f"Strike\n\n{lead}\n\n{quote}\n\n{quote}", f"Walkout\n\n{lead}"])
    assert twice.articles[0].counts.unique == once.articles[0].counts.unique == 1
    assert twice.articles[0].uniqueness == once.articles[0].uniqueness
