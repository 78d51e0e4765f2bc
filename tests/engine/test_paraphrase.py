"""Loose paraphrase on real coverage (issue #11): invented pairs for every class of miss.

``paraphrase_cases.json`` holds one or more pairs per class counted on the real stories
(``training/README.md``, "Paraphrase recall: the misses"), each placed among unrelated claims
of two articles as in ``test_conflicts.py``. Pairs the engine still misses are known failures:
they xfail strictly, so whoever fixes a class is told to move it to the passing cases. The near
misses (same names, another claim) must stay apart whatever changes.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import load_cases
from tests.engine.test_conflicts import _link

CASES = load_cases("paraphrase_cases.json")["cases"]


def _param(case: dict[str, Any]) -> Any:
    marks = (
        [pytest.mark.xfail(strict=True, reason=f"{case['class']}: known failure")]
        if case.get("known_failure")
        else []
    )
    return pytest.param(case, id=f"{case['class']}: {case['note'][:40]}", marks=marks)


def test_every_class_has_a_case_and_a_near_miss_stays_apart() -> None:
    classes = {c["class"] for c in CASES}
    assert {
        "part of a longer sentence",
        "quotation of several sentences",
        "restated quote",
        "knowledge paraphrase",
        "figures written another way",
        "table row restated",
        "near miss",
    } <= classes
    assert all(c["linked"] is False for c in CASES if c["class"] == "near miss")


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_paraphrase_case(case: dict[str, Any]) -> None:
    linked = _link(case) is not None
    assert linked is case["linked"], case["note"]
