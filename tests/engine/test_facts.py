"""Fact layer: data-driven extraction and conflict cases, plus properties that must always hold."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.scoring.fact_comparison import (
    compare_facts,
    disagreeing_charges,
    disagreeing_tallies,
    find_conflicts,
)
from compare.scoring.fact_extraction import extract_facts
from compare.scoring.facts import Fact, FactSet

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "data" / "fact_cases.json").read_text(encoding="utf-8")
)
PAIR_CASES = [c for c in CASES if "a" in c]
EXTRACT_CASES = [c for c in CASES if "text" in c]


def _params(cases: list[dict[str, Any]], key: str) -> list[Any]:
    """One pytest param per case; known failures xfail strictly, so a fix gets noticed."""
    out = []
    for n, case in enumerate(cases):
        marks = (
            [pytest.mark.xfail(strict=True, reason=case.get("note", "known failure"))]
            if case.get("known_failure")
            else []
        )
        out.append(pytest.param(case, id=f"{n}-{case[key][:40]}", marks=marks))
    return out


def _plain(value: object) -> object:
    """Fact values as JSON writes them: tuples become lists."""
    return list(value) if isinstance(value, tuple) else value


def _same_value(got: object, want: object) -> bool:
    if isinstance(want, (int, float)) and isinstance(got, float):
        return math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12)
    return _plain(got) == want


def test_case_file_covers_enough() -> None:
    assert len(PAIR_CASES) >= 40
    assert len(EXTRACT_CASES) >= 25
    assert any(c["conflicts"] for c in PAIR_CASES)
    assert any(not c["conflicts"] for c in PAIR_CASES)


@pytest.mark.parametrize("case", _params(PAIR_CASES, "a"))
def test_conflict_case(case: dict[str, Any]) -> None:
    a, b = extract_facts(case["a"]), extract_facts(case["b"])
    got = [list(pair) for pair in find_conflicts(a, b)]
    assert got == case["conflicts"], case["note"]
    # Same answer from the other side, pairs swapped.
    back = sorted([y, x] for x, y in find_conflicts(b, a))
    assert back == sorted(case["conflicts"])
    # Every reported conflict is also counted as a disagreement by the scorer feature, or is a
    # charge named differently or a score told two ways (not features: pairs.score_pairs adds
    # them to facts_disagree).
    _, disagree = compare_facts(a, b)
    unscored = len(disagreeing_charges(a, b)) + len(disagreeing_tallies(a, b))
    assert disagree + unscored >= len(case["conflicts"])


@pytest.mark.parametrize("case", _params(EXTRACT_CASES, "text"))
def test_extraction_case(case: dict[str, Any]) -> None:
    facts = extract_facts(case["text"]).facts
    got = [(f.kind, f.text, f.unit) for f in facts]
    want = [(w["kind"], w["text"], w["unit"]) for w in case["facts"]]
    assert got == want, case.get("note", "")
    for fact, w in zip(facts, case["facts"], strict=True):
        assert _same_value(fact.value, w["value"]), (fact, w)
        # The quoted text is exactly where the span says.
        assert case["text"][fact.span[0] : fact.span[1]] == fact.text


def test_compare_counts_agreement_and_disagreement() -> None:
    a = extract_facts("The $1.4 billion plant in Ohio will bring 1,200 jobs by Nov. 20.")
    b = extract_facts("The $1.4 billion plant in Ohio will bring 1,500 jobs by November 20.")
    assert compare_facts(a, b) == (3, 1)
    assert compare_facts(a, extract_facts("Nothing to see here.")) == (0, 0)
    assert compare_facts(FactSet(()), a) == (0, 0)


def test_a_measure_agrees_only_with_the_same_measure_or_a_bare_number() -> None:
    speed = extract_facts("The storm's winds reached 215 mph.")
    distance = extract_facts("The storm's winds reached nearly 200 miles inland.")
    converted = extract_facts("The storm's winds reached 346 km/h.")
    bare = extract_facts("The storm's winds reached 215.")
    jobs, workers = extract_facts("It added 1,200 jobs."), extract_facts("It hired 1,200 workers.")
    assert compare_facts(speed, distance) == (0, 0)  # a speed is no distance
    assert compare_facts(speed, converted) == (1, 0)
    assert compare_facts(speed, bare)[0] == 0  # a bare figure meets the measure converted
    assert compare_facts(converted, extract_facts("It reached 346.")) == (1, 0)
    assert compare_facts(jobs, workers) == (1, 0)  # counts of two nouns still agree


def test_fact_details() -> None:
    (fact,) = extract_facts("It will cost about $1.4 trillion.").facts
    assert fact.kind == "amount"
    assert fact.qualifier == "approx"
    assert fact.precision == pytest.approx(1e11)
    (place,) = extract_facts("They met in Wisconsin.").facts
    assert place.role == "place"
    (org,) = extract_facts("They sued Acme Corp. last week.").facts
    assert org.role == "org"


def test_values_are_frozen_with_slots() -> None:
    facts = extract_facts("Support rose to 17% in Ohio.")
    fact = facts.facts[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        fact.text = "x"  # type: ignore[misc]
    assert not hasattr(fact, "__dict__")
    assert not hasattr(facts, "__dict__")
    # A FactSet rebuilt from its facts compares the same: the derived data is a pure function.
    rebuilt = FactSet(facts.facts)
    assert rebuilt == facts
    assert compare_facts(rebuilt, facts) == compare_facts(facts, facts)


def test_fact_constructed_by_hand() -> None:
    a = FactSet((Fact("percent", "17%", 17.0, "%", 1.0),))
    b = FactSet((Fact("percent", "70%", 70.0, "%", 1.0),))
    assert find_conflicts(a, b) == (("17%", "70%"),)


# ---------------------------------------------------------------------------------------------
# The sample stories' hand-made gold: every annotated conflict is found, and linked pairs that
# the annotators saw no conflict in get none (false conflicts would be shown to readers).

GOLD_FILES = sorted((Path(__file__).parents[2] / "samples").glob("*/gold.json"))


def _gold(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.parent.name)
def test_gold_conflicts_are_found(path: Path) -> None:
    gold = _gold(path)
    for conflict in gold.get("conflicts", []):
        (_, left), (_, right) = conflict["pair"]
        got = find_conflicts(extract_facts(left), extract_facts(right))
        assert sorted(map(list, got)) == sorted(conflict["values"]), (left, right)
    for (_, left), (_, right) in gold.get("non_conflicts", []):
        assert find_conflicts(extract_facts(left), extract_facts(right)) == (), (left, right)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.parent.name)
def test_gold_links_without_conflict_get_none(path: Path) -> None:
    gold = _gold(path)
    conflicting = {
        frozenset((tuple(c["pair"][0]), tuple(c["pair"][1]))) for c in gold.get("conflicts", [])
    }
    for kind in ("shared", "paraphrased"):
        for left, right in gold.get(kind, []):
            if frozenset((tuple(left), tuple(right))) in conflicting:
                continue
            got = find_conflicts(extract_facts(left[1]), extract_facts(right[1]))
            assert got == (), (left[1], right[1])


# ---------------------------------------------------------------------------------------------
# Properties.

_FRAGMENTS = [
    "$1.4 trillion", "1.4 trillion dollars", "$350,000", "€20m", "£3bn", "USD 5 million", "17%",
    "17 percent", "17 per cent", "3.5 percentage points", "1,200", "1200 jobs", "1.2 million",
    "a dozen", "two", "three hundred", "Nov. 20", "November 20, 2026", "20 November", "2026",
    "on Tuesday", "last week", "3 p.m.", "Mayor Ana Ruiz", "Ruiz", "the U.S.", "United States",
    "in Wisconsin", "in Ohio", "Acme Corp.", "The", "But", "Officials", "half of the", "about",
    "more than", "up to", "people", "jobs", "1e400", "$$$", "1,2,3,4", "1.", "(3)", "said", ",",
    ".", "the plant in", "and", "COVID-19", "Boeing 737", "9" * 400, "0." + "0" * 400 + "1",
    "\x00", "\u202e", "\u2019s", "-", "%", "$", "May", "in May", "2026-11-20", "25 basis points",
]  # fmt: skip
news_like = st.lists(st.sampled_from(_FRAGMENTS), max_size=14).map(" ".join)
any_text = st.one_of(st.text(max_size=200), news_like, st.text(alphabet="$€£%.,-:0123456789 eE"))


@settings(max_examples=400, deadline=None)
@given(any_text)
def test_extract_never_raises_and_spans_match(text: str) -> None:
    facts = extract_facts(text)
    for fact in facts.facts:
        assert text[fact.span[0] : fact.span[1]] == fact.text
        if isinstance(fact.value, float):
            assert math.isfinite(fact.value)


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_a_sentence_agrees_with_itself(text: str) -> None:
    facts = extract_facts(text)
    agree, disagree = compare_facts(facts, facts)
    assert disagree == 0
    assert agree == len(facts.facts)
    assert find_conflicts(facts, facts) == ()


@settings(max_examples=400, deadline=None)
@given(news_like, news_like)
def test_comparison_is_symmetric(left: str, right: str) -> None:
    a, b = extract_facts(left), extract_facts(right)
    assert compare_facts(a, b) == compare_facts(b, a)
    forward = sorted(find_conflicts(a, b))
    backward = sorted((y, x) for x, y in find_conflicts(b, a))
    assert forward == backward


def test_every_conflict_between_sample_claims_is_flagged_by_the_disagreement_feature() -> None:
    """The app looks for conflicts only where ``compare_facts`` sees a disagreement: that must
    never hide one, across every pair of sentences of the bundled story sets."""
    from compare.load import load_sources
    from compare.split import split_blocks
    from tests.conftest import SAMPLES

    checked = 0
    for folder in sorted(p for p in SAMPLES.iterdir() if p.is_dir()):
        documents = load_sources([str(folder)]).documents
        sentences = [s.text for doc in documents for s in split_blocks(doc.blocks)]
        facts = [extract_facts(text) for text in sentences]
        for i, a in enumerate(facts):
            for b in facts[i + 1 :]:
                if find_conflicts(a, b):
                    checked += 1
                    assert compare_facts(a, b)[1] > 0
    assert checked > 20


@pytest.mark.parametrize(
    ("cell", "prose", "counts"),
    [
        pytest.param(
            "Net sales $84,120 $79,305 $70,446 6% 19%",
            "Net sales reached $84.12 million, up 19% on the year.",
            (2, 0),
            id="a cell in thousands agrees with the figure in millions",
        ),
        pytest.param(
            "Net income $31,910 $26,422 $19,309",
            "Net income rose to $31.91bn from $19.31bn.",
            (2, 0),
            id="cells in millions agree with figures in billions, a round cell included",
        ),
        pytest.param(
            "Net sales $84,120 $79,305 $70,446",
            "Net sales reached $86.4 million.",
            (0, 1),
            id="a different figure in millions still disagrees",
        ),
        pytest.param(
            "The fee was $5,000.",
            "The fee was $5 million.",
            (0, 1),
            id="a round amount in prose is no table cell",
        ),
    ],
)
def test_table_cells_agree_with_the_same_figure_written_in_millions_or_billions(
    cell: str, prose: str, counts: tuple[int, int]
) -> None:
    a, b = extract_facts(cell), extract_facts(prose)
    assert compare_facts(a, b) == counts
    assert compare_facts(b, a) == counts
