"""Claim, heading or boilerplate, driven by tests/engine/data/classification_cases.json."""

from __future__ import annotations

import pytest

from compare.classify import classify
from compare.split import SplitSentence
from tests.conftest import load_cases

CASES = load_cases("classification_cases.json")


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_classification_case(case: dict) -> None:
    sentence = SplitSentence(case["text"], case["block"], case["alone"])
    assert classify(sentence) == case["kind"]
