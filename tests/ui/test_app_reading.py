"""The reading screen driven as a reader drives it: keys, clicks, sync, filter, paging, widths."""

from __future__ import annotations

import random

import pytest
from conftest import make_app
from ui_support import (
    PANDA_FILES,
    SETTINGS,
    THEME,
    assert_selection_visible,
    comparison_of,
    frozen_comparison,
    row_on_screen,
    selected,
    story_of,
    twelve,
    with_conflict,
)

from compare.export import sentence_ref
from compare.load import load_sources
from compare.pipeline import analyse, compare_texts, label_analysis
from compare.results import Label
from tui.app import SynopsisApp
from tui.screens.coverage import CoverageScreen
from tui.screens.export import ExportDialog
from tui.screens.help import HelpScreen
from tui.widgets.lens import Lens, under
from tui.widgets.source_bar import SourceBar

WIDE = (160, 45)
SHORT = (160, 24)
NARROW = (80, 24)


async def test_opens_on_the_first_claim_with_every_pane_headed() -> None:
    app = make_app(articles=4)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        reader = app.reader
        assert reader.selected == story_of(app).first_claim()
        assert [p.display for p in reader.panes.values()] == [True] * 4
        header = reader.panes["A"].header
        assert header.active and "selected" in header.status
        assert "claim group" in app.reader.query_one(Lens).text
        assert_selection_visible(app)


async def test_down_j_up_k_step_through_the_claims() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        story = story_of(app)
        first = selected(app)
        second = story.step_claim(first, 1)
        assert second is not None
        third = story.step_claim(second, 1)
        await pilot.press("down")
        assert app.reader.selected == second
        await pilot.press("j")
        assert app.reader.selected == third
        await pilot.press("up")
        assert app.reader.selected == second
        await pilot.press("k")
        assert app.reader.selected == first


async def test_home_and_end_jump_to_the_first_and_last_claim() -> None:
    app = make_app()
    async with app.run_test(size=SHORT) as pilot:
        await pilot.pause()
        claims = story_of(app).claims("A")
        await pilot.press("end")
        assert app.reader.selected == ("A", claims[-1])
        assert_selection_visible(app)
        await pilot.press("g")
        assert app.reader.selected == ("A", claims[0])
        await pilot.press("G")
        assert app.reader.selected == ("A", claims[-1])
        await pilot.press("home")
        assert app.reader.selected == ("A", claims[0])


async def test_moving_past_the_last_claim_keeps_the_selection() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("end")
        last = app.reader.selected
        await pilot.press("down", "j")
        assert app.reader.selected == last


async def test_source_keys_move_to_the_neighbouring_article() -> None:
    app = make_app(articles=4)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        for key, expected in (
            ("tab", "B"),
            ("right", "C"),
            ("shift+tab", "B"),
            ("left", "A"),
            ("left", "D"),
        ):
            await pilot.press(key)
            assert selected(app)[0] == expected, key
            assert_selection_visible(app)


async def test_switching_source_lands_on_the_counterpart_when_there_is_one() -> None:
    app = make_app(articles=4)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        story = story_of(app)
        ref = selected(app)
        counterpart = story.counterparts(ref).get("B")
        assert counterpart is not None, "fixture: the first claim of A is told in B"
        await pilot.press("tab")
        assert app.reader.selected == counterpart.ref


async def test_digits_jump_to_that_source() -> None:
    app = make_app(articles=6)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        for digit in (3, 6, 1, 5, 2, 4):
            await pilot.press(str(digit))
            assert selected(app)[0] == "ABCDEF"[digit - 1]
            assert_selection_visible(app)


async def test_a_digit_past_the_last_source_changes_nothing() -> None:
    app = make_app(articles=3)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        before = app.reader.selected
        await pilot.press("9")
        assert app.reader.selected == before


async def test_label_keys_jump_to_the_next_claim_of_that_label_and_shifted_ones_back() -> None:
    app = make_app(articles=6)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        story = story_of(app)
        steps: tuple[tuple[str, Label, int], ...] = (
            ("u", "unique", 1), ("u", "unique", 1), ("s", "shared", 1),
            ("p", "paraphrased", 1), ("U", "unique", -1), ("S", "shared", -1),
            ("P", "paraphrased", -1), ("p", "paraphrased", 1),
        )  # fmt: skip
        for key, label, step in steps:
            expected = story.next_of_label_anywhere(selected(app), label, step)
            await pilot.press(key)
            assert app.reader.selected == expected, key
            assert story.sentence(selected(app)).label == label
            assert_selection_visible(app)


async def test_enter_cycles_through_the_counterparts_across_panes() -> None:
    app = make_app(articles=6)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        story = story_of(app)
        start = selected(app)
        group = story.group(start)
        assert group is not None and len(group.members) >= 3, "fixture: the lead is told thrice"
        seen = [start]
        for _ in group.members:
            await pilot.press("enter")
            seen.append(selected(app))
            assert_selection_visible(app)
        assert seen[-1] == start
        assert set(seen) == {(m.article, m.index) for m in group.members}


async def test_enter_on_a_unique_claim_says_there_is_no_counterpart() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("u")
        before = app.reader.selected
        await pilot.press("enter")
        assert app.reader.selected == before
        assert any("no counterpart" in n.message for n in app._notifications)


async def test_selecting_a_shared_claim_scrolls_its_counterpart_level_and_marks_it() -> None:
    app = make_app(articles=4)
    async with app.run_test(size=SHORT) as pilot:
        await pilot.pause()
        reader = app.reader
        story = story_of(app)
        # A shared claim of A whose counterpart in B sits lower in B than it does in A.
        candidates = [
            (i, c.index)
            for i in story.claims("A", "shared")
            if (c := story.counterparts(("A", i)).get("B")) is not None
        ]
        b_view = reader.panes["B"].view
        index, other = max(candidates, key=lambda pair: (b_view.span(pair[1]) or (0, 0))[0])
        while reader.selected != ("A", index):
            await pilot.press("j")
        await pilot.pause()
        b = reader.panes["B"].view
        assert b.counterpart == other
        assert b.on_screen(other)
        assert round(b.scroll_y) > 0, "B had to scroll for this check to mean anything"
        assert row_on_screen(app, "B", other) == row_on_screen(app, "A", index)
        assert "counterpart" in reader.panes["B"].header.status
        assert reader.panes["C"].header.missing == ("C" not in story.counterparts(("A", index)))


async def test_a_pane_without_a_counterpart_says_so() -> None:
    app = make_app(articles=4)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("u")
        reader = app.reader
        for article_id, pane in reader.panes.items():
            if article_id != selected(app)[0]:
                assert pane.header.missing
                assert "no counterpart" in pane.header.status


async def test_sync_off_leaves_the_other_panes_where_they_are() -> None:
    app = make_app(articles=4)
    async with app.run_test(size=SHORT) as pilot:
        await pilot.pause()
        await pilot.press("y")
        assert not app.reader.sync
        assert not app.reader.query_one(SourceBar).sync
        b = app.reader.panes["B"].view
        before = b.scroll_y
        await pilot.press("end")
        await pilot.pause()
        assert b.scroll_y == before
        counterparts = story_of(app).counterparts(selected(app))
        if "B" in counterparts:
            assert b.counterpart == counterparts["B"].index  # still marked, just not scrolled
        await pilot.press("y")
        assert app.reader.sync


async def test_filter_cycles_and_hides_claims_of_other_labels() -> None:
    app = make_app(articles=6)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        reader = app.reader
        story = story_of(app)
        for expected in ("shared", "paraphrased", "unique", None):
            await pilot.press("f")
            assert reader.label_filter == expected
            assert reader.query_one(SourceBar).label_filter == expected
            for article_id, pane in reader.panes.items():
                for sentence in story.article(article_id).sentences:
                    shown = pane.view.is_shown(sentence.index)
                    marked = sentence.index in (pane.view.selected, pane.view.counterpart)
                    if expected is None or sentence.kind == "heading" or marked:
                        assert shown or expected is not None
                    else:
                        assert shown == (sentence.label == expected), (article_id, sentence.index)
            if expected is not None:
                assert story.sentence(selected(app)).label == expected
            assert_selection_visible(app)


async def test_filtered_navigation_stays_on_the_label() -> None:
    app = make_app(articles=4)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("f")  # shared only
        story = story_of(app)
        for _ in range(4):
            await pilot.press("j")
            assert story.sentence(selected(app)).label == "shared"


async def test_many_articles_page_four_at_a_time() -> None:
    app = make_app(articles=6)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        reader = app.reader
        bar = reader.query_one(SourceBar)
        assert reader.per_page == 4
        assert [a for a, p in reader.panes.items() if p.display] == ["A", "B", "C", "D"]
        assert bar.page == (1, 2)
        await pilot.press("5")
        await pilot.pause()
        assert [a for a, p in reader.panes.items() if p.display] == ["E", "F"]
        assert bar.page == (2, 2)
        assert_selection_visible(app)
        await pilot.press("tab", "tab")  # F, then round to A
        await pilot.pause()
        assert selected(app)[0] == "A"
        assert bar.page == (1, 2)


async def test_narrow_terminal_shows_one_pane_and_a_source_switcher() -> None:
    app = make_app(articles=4)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        reader = app.reader
        assert reader.per_page == 1
        assert [a for a, p in reader.panes.items() if p.display] == ["A"]
        await pilot.press("tab")
        await pilot.pause()
        assert [a for a, p in reader.panes.items() if p.display] == ["B"]
        assert_selection_visible(app)
        # The switcher: " synopsis  ▸A◂ B  C …" — click on C.
        text = reader.query_one(SourceBar).render().plain
        await pilot.click(SourceBar, offset=(text.index(" C ") + 1, 0))
        await pilot.pause()
        assert selected(app)[0] == "C"
        assert [a for a, p in reader.panes.items() if p.display] == ["C"]


async def test_resizing_switches_between_panes_and_the_switcher() -> None:
    app = make_app(articles=4)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        assert app.reader.per_page == 1
        assert [a for a, p in app.reader.panes.items() if p.display] == ["B"]
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        assert app.reader.per_page == 4
        assert_selection_visible(app)


async def test_clicking_a_claim_selects_it() -> None:
    app = make_app(articles=4)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        story = story_of(app)
        index = story.claims("C")[-1]
        view = app.reader.panes["C"].view
        row = row_on_screen(app, "C", index) - view.region.y
        await pilot.click(view, offset=(6, row))
        assert app.reader.selected == ("C", index)


async def test_clicking_a_heading_changes_nothing() -> None:
    app = make_app(articles=4)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        before = app.reader.selected
        view = app.reader.panes["B"].view
        await pilot.click(view, offset=(6, row_on_screen(app, "B", 0) - view.region.y))
        assert app.reader.selected == before


async def test_every_claim_carries_a_symbol_and_asides_none() -> None:
    app = make_app(articles=4)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        for article in comparison_of(app).articles:
            view = app.reader.panes[article.id].view
            for sentence in article.sentences:
                gutter = view.line_text(sentence.index)[0][:3]
                expected = {"shared": "=", "paraphrased": "≈", "unique": "+", None: " "}[
                    sentence.label
                ]
                assert gutter[0] == expected


async def test_conflicting_facts_are_marked_and_listed_in_the_lens() -> None:
    comparison = with_conflict(frozen_comparison(4), "A", 2, ("Sunday", "Saturday"))
    app = make_app(comparison)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.reader.selected == ("A", 2)
        assert app.reader.panes["A"].view.line_text(2)[0][:2] == "=!"
        assert "! conflict: Sunday ≠ Saturday" in app.reader.query_one(Lens).text


async def test_lens_lists_every_member_of_a_group_with_score_and_label() -> None:
    app = make_app(articles=6)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        story = story_of(app)
        ref = selected(app)
        text = app.reader.query_one(Lens).text
        for counterpart in story.counterparts(ref).values():
            assert f"{counterpart.article}:{counterpart.index}" in text
            if counterpart.match is not None:
                assert f"{counterpart.match.label} {counterpart.match.score:.2f}" in text


async def test_coverage_overview_jumps_to_the_chosen_claim_group() -> None:
    app = make_app(articles=4)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        assert isinstance(app.screen, CoverageScreen)
        groups = comparison_of(app).groups
        target = groups[-1]
        await pilot.press("end", "enter")
        assert not isinstance(app.screen, CoverageScreen)
        member = target.members[0]
        assert app.reader.selected == (member.article, member.index)
        assert_selection_visible(app)


async def test_coverage_overview_closes_with_escape() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        before = app.reader.selected
        await pilot.press("c", "escape")
        assert app.screen is app.reader
        assert app.reader.selected == before


async def test_help_lists_the_keys_and_closes() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(s.render()) for s in app.screen.query("Static"))
        for words in ("Next unique claim", "Filter", "Sync", "Coverage", "Export", "Counterpart"):
            assert words in text
        for words in ("Pick articles", "Read picked", "Pick its articles", "Clear picks", "Sort"):
            assert words in text
        assert "With more than 50 articles" in text
        await pilot.press("escape")
        assert app.screen is app.reader


async def test_export_key_opens_the_dialog_and_escape_cancels() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("escape")
        assert app.screen is app.reader


async def test_q_quits() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("q")
    assert app.return_code == 0


async def test_command_palette_offers_the_reading_actions() -> None:
    app = make_app(articles=6)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.reader)}
        for title in (
            "Next claim", "Previous source", "Next unique claim", "Counterpart", "Filter", "Sync",
            "Coverage", "Export", "Help", "Go to source C", "Filter: Show only + unique claims",
        ):  # fmt: skip
            assert title in titles
        expected = story_of(app).next_of_label_anywhere(selected(app), "unique")
        await pilot.press("ctrl+p")
        await pilot.press(*"next unique claim")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.selected == expected


@pytest.mark.parametrize("size", [SHORT, NARROW])
async def test_navigation_never_loses_the_selection(size: tuple[int, int]) -> None:
    keys = ["j", "k", "tab", "shift+tab", "u", "s", "p", "enter", "f", "y", "end", "home", "5", "2"]
    rng = random.Random(20261122)
    app = make_app(articles=6)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for _ in range(30):
            await pilot.press(rng.choice(keys))
            await pilot.pause()
            assert_selection_visible(app)


async def test_twelve_articles_page_and_switch() -> None:
    app = make_app(twelve(frozen_comparison(6)))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        bar = app.reader.query_one(SourceBar)
        assert len(app.reader.panes) == 12
        assert bar.page == (1, 3)
        await pilot.press("9")  # I: the third page
        await pilot.pause()
        assert selected(app)[0] == "I"
        assert bar.page == (3, 3)
        assert [a for a, p in app.reader.panes.items() if p.display] == ["I", "J", "K", "L"]
        for _ in range(4):  # past L and round to A
            await pilot.press("tab")
            await pilot.pause()
            assert_selection_visible(app)
        assert selected(app)[0] == "A"
        assert bar.page == (1, 3)


async def test_a_theme_change_repaints_in_the_new_colours() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        view = app.reader.panes["A"].view
        before = view.render_line(0)
        app.theme = "textual-light"
        await pilot.pause()
        assert view.render_line(0) != before
        assert_selection_visible(app)


async def test_a_single_article_still_reads() -> None:
    app = make_app(articles=1)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("j", "tab", "enter", "u", "f", "c", "escape")
        assert_selection_visible(app)


async def test_lens_shows_near_misses_only_where_an_article_has_no_counterpart() -> None:
    """With the scored pairs kept, an article without a counterpart shows its closest claim,
    marked as not linked; a comparison shown without its pairs shows none."""
    analysis = analyse(load_sources(PANDA_FILES).documents, settings=SETTINGS)
    app = SynopsisApp(analysis=analysis, settings=SETTINGS)
    app.theme = THEME
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        story = story_of(app)
        claims = [(a, i) for a in story.ids for i in story.claims(a)]
        ref = next((r for r in claims if story.near_misses(r)), None)
        assert ref is not None, "no claim of the fixture articles has a near miss"
        app.reader.selected = ref
        await pilot.pause()
        text = app.reader.query_one(Lens).text
        near = story.near_misses(ref)
        for other, score in near:
            assert f"╎{sentence_ref(*other)}  ? closest, not linked {under(score)}" in text
            assert score < SETTINGS.paraphrase_at
        assert not {other[0] for other, _ in near} & {ref[0], *story.counterparts(ref)}
    bare = make_app(label_analysis(analysis, SETTINGS))
    async with bare.run_test(size=WIDE) as pilot:
        await pilot.pause()
        bare.reader.selected = ref
        await pilot.pause()
        assert story_of(bare).near_misses(ref) == ()
        assert "closest, not linked" not in bare.reader.query_one(Lens).text


async def test_lens_and_header_tell_a_claim_group_counterpart_from_a_direct_link() -> None:
    """A counterpart the claim group holds without a link of its own is shown as such, with
    the pair's own score, and counted in "told by"; a direct link keeps its label and score.
    Its pane header says the same in short."""
    comparison = label_analysis(analyse(load_sources(PANDA_FILES).documents, settings=SETTINGS))
    app = make_app(comparison)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        story = story_of(app)
        claims = [(a, i) for a in story.ids for i in story.claims(a)]
        ref = next(
            (r for r in claims if any(m.via == "group" for m in story.sentence(r).matches)), None
        )
        assert ref is not None, "no claim of the fixture articles has a group counterpart"
        app.reader.selected = ref
        await pilot.pause()
        text = app.reader.query_one(Lens).text
        counterparts = story.counterparts(ref)
        assert f"told by {1 + len(counterparts)} of" in text
        assert any(c.match and c.match.via == "group" for c in counterparts.values())
        for counterpart in counterparts.values():
            match = counterpart.match
            assert match is not None
            shown = f"╏{sentence_ref(*counterpart.ref)}"
            assert shown in text
            status = app.reader.panes[counterpart.article].header.status
            if match.via == "group":
                assert (
                    f"{shown}  linked through the claim group (no direct link, their own score"
                    f" {under(match.score)})" in text
                )
                assert status.endswith(f"via group {under(match.score)}"), status
            else:
                assert f"{shown}  linked through the claim group" not in text
                assert "via group" not in status


async def test_lens_and_header_say_a_statement_sentence_is_linked_by_its_place() -> None:
    """A sentence linked by its place in a statement both articles quote shows its own score
    and why it is linked, though the score is under the threshold, in the lens and, in short,
    in its pane header."""
    from tests.engine.test_statements import FIRST, FOCUSED, SECOND, STAFFED

    comparison = compare_texts([FIRST, SECOND])
    app = make_app(comparison)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        story = story_of(app)
        ref = next(("A", i) for i in story.claims("A") if story.sentence(("A", i)).text == STAFFED)
        app.reader.selected = ref
        await pilot.pause()
        text = app.reader.query_one(Lens).text
        match = next(m for m in story.sentence(ref).matches if m.via == "statement")
        assert story.sentence((match.article, match.index)).text == FOCUSED
        assert match.score < SETTINGS.paraphrase_at
        assert (
            f"╏{sentence_ref(match.article, match.index)}  ≈ paraphrased {match.score:.2f}"
            " · in its place in a statement both quote" in text
        )
        status = app.reader.panes[match.article].header.status
        assert status.endswith(f"≈ {match.score:.2f} in statement"), status


@pytest.mark.parametrize(
    ("score", "shown"), [(0.4978, "0.49"), (0.29, "0.29"), (0.2, "0.20"), (0.0649, "0.06")]
)
def test_scores_under_the_threshold_are_rounded_down(score: float, shown: str) -> None:
    assert under(score) == shown
