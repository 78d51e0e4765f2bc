"""The app's navigation model and word diff, without Textual: fast, synchronous."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ui_support import frozen_comparison, with_conflict

from tui.story import OVERVIEW_FIRST_ABOVE, READ_AT_LEAST, READ_AT_MOST, Story, pick_problem
from tui.worddiff import changed_spans, own_spans, words


@pytest.fixture(scope="module")
def story() -> Story:
    return Story(frozen_comparison())


def test_claims_are_in_reading_order_and_only_claims(story: Story) -> None:
    for article_id in story.ids:
        claims = story.claims(article_id)
        assert list(claims) == sorted(claims)
        assert all(story.sentence((article_id, i)).is_claim for i in claims)


def test_label_filter_keeps_only_that_label(story: Story) -> None:
    for article_id in story.ids:
        for label in ("shared", "paraphrased", "unique"):
            assert all(
                story.sentence((article_id, i)).label == label
                for i in story.claims(article_id, label)
            )


def test_counterparts_are_group_members_first_one_per_other_article(story: Story) -> None:
    for group in story.comparison.groups:
        for member in group.members:
            found = story.counterparts((member.article, member.index))
            assert member.article not in found
            for other in group.members:
                if other.article != member.article:
                    assert found[other.article].ref == (other.article, other.index)
                    assert found[other.article].in_group


def test_counterparts_are_symmetric_within_a_group(story: Story) -> None:
    for group in story.comparison.groups:
        for a in group.members:
            for b in group.members:
                if a.article != b.article:
                    assert story.counterparts((b.article, b.index))[a.article].ref == (
                        a.article,
                        a.index,
                    )


def test_step_claim_stops_at_the_ends(story: Story) -> None:
    claims = story.claims("A")
    assert story.step_claim(("A", claims[0]), -1) is None
    assert story.step_claim(("A", claims[-1]), 1) is None
    assert story.step_claim(("A", claims[0]), 1) == ("A", claims[1])


def test_next_of_label_anywhere_walks_every_claim_of_the_label_once_per_round(story: Story) -> None:
    start = story.first_claim("unique")
    assert start is not None
    every = {(a, i) for a in story.ids for i in story.claims(a, "unique")}
    seen, ref = [start], start
    for _ in range(len(every) - 1):
        following = story.next_of_label_anywhere(ref, "unique")
        assert following is not None
        seen.append(ref := following)
    assert set(seen) == every
    assert story.next_of_label_anywhere(ref, "unique") == start  # wraps round
    assert story.next_of_label_anywhere(start, "unique", -1) == ref  # and back


def test_cycle_visits_each_member_of_a_group_and_returns(story: Story) -> None:
    group = max(story.comparison.groups, key=lambda g: len(g.members))
    start = (group.members[0].article, group.members[0].index)
    visited, ref = [start], start
    for _ in range(len(group.members)):
        following = story.cycle(ref)
        assert following is not None
        visited.append(ref := following)
    assert visited[-1] == start
    assert {m for m in visited} == {(m.article, m.index) for m in group.members}


def test_cycle_on_a_unique_claim_has_nowhere_to_go(story: Story) -> None:
    ref = story.first_claim("unique")
    assert ref is not None and story.cycle(ref) is None


def test_conflicts_are_listed() -> None:
    story = Story(with_conflict(frozen_comparison(), "A", 2, ("Sunday", "Saturday")))
    other = story.sentence(("A", 2)).matches[0].article
    assert story.conflicts(("A", 2)) == ((other, "Sunday", "Saturday"),)


def test_a_picked_story_keeps_to_its_articles(story: Story) -> None:
    picked = Story(story.comparison, ["E", "B", "C"])
    assert picked.ids == ("B", "C", "E")  # in the order given, whatever the picking order
    assert picked.all_ids == story.ids
    for article_id in picked.ids:
        for index in picked.claims(article_id):
            ref = (article_id, index)
            counterparts = picked.counterparts(ref)
            assert set(counterparts) <= {"B", "C", "E"} - {article_id}
            # Counterparts are the full story's, minus those out of view.
            assert counterparts == {
                a: c for a, c in story.counterparts(ref).items() if a in picked.ids
            }
            # Tellers as "told by" and the coverage overview count them: the claim group's
            # articles (a direct link to a claim grouped apart does not make a teller).
            group = story.group(ref)
            tellers = {m.article for m in (group.members if group else ())}
            assert picked.told_elsewhere(ref) == len(tellers - {"B", "C", "E"})
            cycled = picked.cycle(ref)
            assert cycled is None or cycled[0] in picked.ids
    total = sum(story.article(a).counts.claims for a in picked.ids)
    assert sum(picked.label_counts().values()) == total
    assert Story(story.comparison).told_elsewhere(("A", story.claims("A")[0])) == 0


def test_pick_problem_names_the_limits() -> None:
    assert pick_problem(0, OVERVIEW_FIRST_ABOVE) is None  # none picked: read them all
    assert "Pick 2 to 12" in (pick_problem(0, OVERVIEW_FIRST_ABOVE + 1) or "")
    assert "at least 2" in (pick_problem(READ_AT_LEAST - 1, 60) or "")
    assert pick_problem(1, 1) is None  # the one article there is
    assert all(pick_problem(n, 60) is None for n in range(READ_AT_LEAST, READ_AT_MOST + 1))
    assert "unpick 3" in (pick_problem(READ_AT_MOST + 3, 60) or "")


def test_word_diff_marks_what_differs() -> None:
    text = "Keepers coaxed the animal down with grapes."
    other = "Keepers lured the animal down with a bowl of grapes."
    marked = [text[a:b] for a, b in changed_spans(text, other)]
    assert marked == ["coaxed"]
    back = [other[a:b] for a, b in changed_spans(other, text)]
    assert back == ["lured", "a", "bowl", "of"]


def test_word_diff_ignores_case_and_edge_punctuation() -> None:
    assert changed_spans("The Zoo, said.", "the zoo said") == ()


def test_own_spans_are_words_no_other_telling_has() -> None:
    text = "Pip escaped on Sunday morning"
    spans = own_spans(text, ["Pip escaped on Sunday", "Pip escaped Sunday morning"])
    assert spans == ()
    spans = own_spans(text, ["Pip escaped", "Pip left on Sunday"])
    assert [text[a:b] for a, b in spans] == ["morning"]


@given(st.text(max_size=80), st.text(max_size=80))
def test_word_diff_spans_are_words_of_the_text(text: str, other: str) -> None:
    spans = changed_spans(text, other)
    starts = {span for _, span in words(text)}
    assert set(spans) <= starts
    assert changed_spans(text, text) == ()
