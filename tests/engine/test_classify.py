"""Claim, heading or boilerplate, driven by tests/engine/data/classification_cases.json and,
for real pages' furniture in context, furniture_cases.json (invented lines in real shapes)."""

from __future__ import annotations

import pytest

from compare.classify import classify, classify_all
from compare.load import document_from_blocks, parse_plain
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
