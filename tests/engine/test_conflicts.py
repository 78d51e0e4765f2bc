"""Figures two claims disagree on: the verdict from the facts, and links in a small comparison.

Cases are data: ``fact_cases.json`` pairs that carry a ``verdict`` (misreport, distinct, unsure,
none) and ``link_cases.json``, where each pair sits among unrelated claims in two articles and
must be linked, or not, as its note says.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.pipeline import compare_texts
from compare.scoring import pairs
from compare.scoring.conflicts import (
    VERDICTS,
    figure_units,
    figure_verdict,
    figure_verdicts,
    set_aside,
)
from compare.scoring.fact_comparison import instances_named, other_instances
from compare.scoring.fact_extraction import extract_facts, hedged_span
from tests.conftest import load_cases

VERDICT_CASES = [c for c in load_cases("fact_cases.json") if "verdict" in c]
LINKS = load_cases("link_cases.json")


def test_case_files_cover_every_verdict() -> None:
    assert {c["verdict"] for c in VERDICT_CASES} == {"misreport", "distinct", "unsure", "none"}
    assert any(c["linked"] is True for c in LINKS["cases"])
    assert any(c["linked"] is False for c in LINKS["cases"])


@pytest.mark.parametrize("case", [pytest.param(c, id=c["note"][:50]) for c in VERDICT_CASES])
def test_figure_verdict_case(case: dict[str, Any]) -> None:
    a, b = extract_facts(case["a"]), extract_facts(case["b"])
    assert figure_verdict(a, b)[0] == case["verdict"], case["note"]
    assert figure_verdict(b, a)[0] == case["verdict"], "the verdict depends on the order"


def test_coded_verdicts_match_the_verdict_of_each_pair_whose_facts_disagree() -> None:
    """The scoring workers code the verdicts (``figure_verdicts``); the cases must read alike."""
    facts = [extract_facts(text) for c in VERDICT_CASES for text in (c["a"], c["b"])]
    left = np.arange(0, len(facts), 2)
    right = left + 1
    looked_at = np.arange(len(left)) % 3 != 0  # the rest stand for pairs whose facts agree
    codes = figure_verdicts(facts, figure_units(facts), left, right, where=looked_at)
    expected = [
        figure_verdict(facts[i], facts[j])[0] if wanted else "none"
        for i, j, wanted in zip(left, right, looked_at, strict=True)
    ]
    assert [VERDICTS[code] for code in codes] == expected
    assert {"misreport", "distinct", "unsure"} <= set(expected)


def _link(case: dict[str, Any]):  # type: ignore[no-untyped-def]
    """The pair's link when it sits among unrelated claims of two articles, or None."""
    fillers = LINKS["fillers"]
    first = "# One story\n\n" + "\n\n".join([*fillers["a"][:2], case["a"], *fillers["a"][2:]])
    second = "# The same story\n\n" + "\n\n".join([*fillers["b"][:3], case["b"], *fillers["b"][3:]])
    comparison = compare_texts([first, second])
    a = next(s for s in comparison.articles[0].sentences if s.text == case["a"])
    b_text = case.get("b_part", case["b"])  # the sentence of a statement the case is about
    b = next(s for s in comparison.articles[1].sentences if s.text == b_text)
    assert a.kind == b.kind == "claim", "a case sentence was not taken for a claim"
    return next((m for m in a.matches if (m.article, m.index) == ("B", b.index)), None)


@pytest.mark.parametrize("case", [pytest.param(c, id=c["note"][:50]) for c in LINKS["cases"]])
def test_link_case(case: dict[str, Any]) -> None:
    link = _link(case)
    if case["linked"] is not None:
        assert (link is not None) == case["linked"], case["note"]
    if link is None:
        return
    if "label" in case:
        assert link.label == case["label"], case["note"]
    if "shared" in case:
        assert (link.label == "shared") == case["shared"], case["note"]
    if "conflict" in case:
        assert [list(pair) for pair in link.conflict] == case["conflict"], case["note"]


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        ("The company tested the spray in roughly 4,800 volunteers.", "roughly 4,800"),
        ("It costs as much as $20 million.", "as much as $20 million"),
        ("Up to 20 people died.", "Up to 20"),
        ("Shares closed up more than 14%.", "more than 14%"),
        ("Support stood at ~6%.", "~6%"),
        ("Police said exactly 20 people came.", "20"),
        ("It was roughly, we think, 20 people.", "20"),
    ],
)
def test_a_figure_is_set_aside_with_its_hedge(text: str, hedged: str) -> None:
    (fact,) = [f for f in extract_facts(text).facts if f.kind != "name"]
    start, stop = hedged_span(text, fact)
    assert text[start:stop] == hedged
    assert set_aside(text, [fact]) == text[:start] + "some" + text[stop:]


news_like = st.lists(
    st.sampled_from(
        ["Acme", "Zenith", "in Ohio", "in Michigan", "rose", "fell", "1,200 jobs", "1,500 jobs",
         "every 20 minutes", "eight minutes", "about 40 families", "55 families", "$2.1 million",
         "$2.4 million", "on Tuesday", "on Wednesday", "Ruiz said", "Lee said", "17%", "71%",
         "the plant", "will hire", "."]
    ),
    max_size=10,
).map(" ".join)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(news_like, news_like)
def test_verdict_does_not_depend_on_the_order(left: str, right: str) -> None:
    a, b = extract_facts(left), extract_facts(right)
    forward, backward = figure_verdict(a, b), figure_verdict(b, a)
    assert forward[0] == backward[0]
    assert sorted(forward[1], key=str) == sorted(((y, x) for x, y in backward[1]), key=str)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(0, 3), min_size=2, max_size=30),
    st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29)), max_size=80),
    st.booleans(),
)
def test_pairs_with_a_neighbourhood_are_known_before_scoring(
    articles: list[int], candidates: list[tuple[int, int]], partial: bool
) -> None:
    """The rule only judges pairs inside a comparison: those the margin will have a say on."""
    article_of = np.array(articles, dtype=np.int32)
    found = [(i, j) for i, j in candidates if max(i, j) < len(articles)]
    found = [(i, j) for i, j in found if article_of[i] != article_of[j]]
    left = np.array([i for i, _ in found], dtype=np.int32)
    right = np.array([j for _, j in found], dtype=np.int32)
    signal = np.linspace(-3.0, 3.0, len(left))
    scored = pairs.neighbourhood_logits(signal, left, right, article_of, partial=partial)
    known = pairs.has_neighbourhood(left, right, article_of, partial=partial)
    assert known.tolist() == (~np.isnan(scored)).tolist()


@pytest.mark.parametrize(
    ("a", "b", "different"),
    [
        ("Hurricane Oriel hit the coast in 2009.", "Hurricane Tamsin hit the coast today.", True),
        ("Tropical Storm Wen stalled over the bay.", "Tropical Storm Pell stalled there.", True),
        ("Hurricane Tamsin made landfall at noon.", "Hurricane Tamsin came ashore.", False),
        ("Hurricane Tamsin beat Hurricane Oriel.", "Hurricane Oriel hit in 2009.", False),
        ("Hurricane Oriel hit in 2009.", "Tamsin, unlike Oriel, stalled offshore.", False),
        ("Hurricane Oriel hit in 2009.", "Typhoon Tamsin hit the islands.", False),
        ("President Alma Reyes spoke.", "President Tomas Berg spoke.", False),
        ("The Storm Prediction Center warned of hail.", "Storm Ciaran brought hail.", False),
    ],
    ids=[
        "two hurricanes",
        "two-word kind",
        "one storm",
        "one names both",
        "the other names it bare",
        "two kinds",
        "titles are no kind",
        "an office named for storms",
    ],
)
def test_claims_about_two_named_storms_are_about_different_things(
    a: str, b: str, different: bool
) -> None:
    named_a, named_b = (instances_named(extract_facts(text)) for text in (a, b))
    assert other_instances(named_a, named_b, a.lower(), b.lower()) is different
    assert other_instances(named_b, named_a, b.lower(), a.lower()) is different


def test_two_names_one_article_gives_a_body_and_its_part_are_no_conflict() -> None:
    """One outlet names the authority and its board side by side; another says the board acted
    where a third says the authority did: two names for who acted, not two accounts. Two
    companies no article names together still conflict over who builds the terminal."""
    comparison = compare_texts(
        [
            "Port vote\n\nThe Riverton Harbor Authority said its Port Board would meet again in "
            "March.\n\nThe Port Board approved the new ferry terminal on Monday by a vote of "
            "seven to two.",
            "Terminal approved\n\nThe Riverton Harbor Authority approved the new ferry terminal on "
            "Monday by a vote of seven to two.",
            "Terminal plan\n\nAcme Corp. will build the new ferry terminal on the north quay, the "
            "city said on Monday.",
            "Terminal builder\n\nGlobex Inc. will build the new ferry terminal on the north quay, "
            "the city said on Monday.",
        ]
    )
    vote, plan = comparison.article("A").sentences[2], comparison.article("C").sentences[1]
    assert [(m.article, m.conflict) for m in vote.matches] == [("B", ())]
    assert [(m.article, m.conflict) for m in plan.matches] == [
        ("D", (("Acme Corp.", "Globex Inc."),))
    ]
