"""Copied runs that only name someone with their title: cases from ``name_run_cases.json``."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from compare.scoring import features as F
from compare.scoring.fact_extraction import extract_facts, name_phrases
from compare.scoring.name_runs import name_only_runs, naming_words_of
from tests.conftest import load_cases

CASES = load_cases("name_run_cases.json")


def test_case_file_has_both_answers() -> None:
    assert {c["name_only"] for c in CASES} == {True, False}


@pytest.mark.parametrize("case", [pytest.param(c, id=c["note"][:50]) for c in CASES])
def test_name_run_case(case: dict[str, Any]) -> None:
    texts = [case["a"], case["b"]]
    claims = F.prepare(texts)
    left, right = np.array([0, 1]), np.array([1, 0])
    runs = F.longest_runs(claims.words, left, right)
    assert runs[0] >= 3, "the case should copy a run worth checking"
    got = name_only_runs(naming_words_of(texts, claims), left, right, runs)
    assert got.tolist() == [case["name_only"]] * 2, case["note"]


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        (
            "Dr. Lena Okafor, the city's chief bridge engineer, told the Ledger about it.",
            ["Dr. Lena Okafor, the city's chief bridge engineer", "Ledger"],
        ),
        ("The city's chief bridge engineer, Lena Okafor, said so.",
         ["The city's chief bridge engineer, Lena Okafor"]),
        ("Chief Executive Graham Osei, who took over in 2023, said so.",
         ["Chief Executive Graham Osei"]),
        ("After the storm, Mayor Dana Whitcombe said the bridge would close.",
         ["Mayor Dana Whitcombe"]),
    ],
)  # fmt: skip
def test_name_phrases(text: str, phrases: list[str]) -> None:
    got = [text[start:stop] for start, stop in name_phrases(text, extract_facts(text))]
    assert got == phrases
