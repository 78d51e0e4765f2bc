"""Picking the articles to read in the coverage overview, as a reader with many articles does."""

from __future__ import annotations

from dataclasses import replace

from conftest import make_app
from ui_support import (
    MANY_COUNT,
    assert_selection_visible,
    frozen_comparison,
    many_comparison,
    selected,
    story_of,
)

from compare.results import Comparison
from tui.app import SynopsisApp
from tui.screens.coverage import CoverageScreen
from tui.screens.reader import ReaderScreen
from tui.story import OVERVIEW_FIRST_ABOVE, READ_AT_MOST, Story
from tui.widgets.article_picker import ArticlePicker
from tui.widgets.coverage_matrix import CoverageMatrix
from tui.widgets.lens import Lens
from tui.widgets.source_bar import SourceBar

WIDE = (160, 45)

_MANY: Comparison | None = None


def many() -> Comparison:
    """The sixty-article comparison, thawed once for all the tests here."""
    global _MANY
    if _MANY is None:
        _MANY = many_comparison()
    return _MANY


def overview(app: SynopsisApp) -> CoverageScreen:
    screen = app.screen
    assert isinstance(screen, CoverageScreen), f"expected the overview, got {screen!r}"
    return screen


def note(app: SynopsisApp) -> str:
    return str(overview(app).query_one("#coverage-note").render())


def messages(app: SynopsisApp) -> str:
    return " | ".join(n.message for n in app._notifications)


async def pick_rows(pilot: object, rows: list[int]) -> None:
    """Pick the article list's rows at these positions (the cursor starts on row 0)."""
    here = 0
    for row in rows:
        await pilot.press(*["down"] * (row - here), "space")  # type: ignore[attr-defined]
        here = row


async def test_more_than_fifty_articles_open_on_the_overview_and_say_why() -> None:
    assert MANY_COUNT > OVERVIEW_FIRST_ABOVE
    app = make_app(many())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = overview(app)
        assert isinstance(app.focused, ArticlePicker)
        assert f"{MANY_COUNT} articles: pick the ones to read side by side" in note(app)
        assert screen.query_one(ArticlePicker).option_count == MANY_COUNT
        assert app.reader.panes == {}, "no pane is built before the reader picks"
        # Closed with nothing picked: the reader says what to do, and a reopens the overview.
        await pilot.press("escape")
        await pilot.pause()
        reader = app.reader
        assert app.screen is reader
        assert "too many to read side by side" in str(reader.query_one("#pick-hint").render())
        assert reader.check_action("next_claim", ()) is None  # greyed out: nothing to navigate
        await pilot.press("j", "tab")  # do nothing, break nothing
        await pilot.press("a")
        assert isinstance(app.focused, ArticlePicker)
        assert "pick the ones to read" in note(app)


async def test_picking_three_and_reading_shows_exactly_those_panes() -> None:
    app = make_app(many())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pick_rows(pilot, [0, 2, 4])
        assert overview(app).picked == {"A", "C", "E"}
        assert "✓ 3 picked: A, C, E" in note(app)
        await pilot.press("r")
        await pilot.pause()
        reader = app.reader
        assert app.screen is reader
        assert list(reader.panes) == ["A", "C", "E"]
        assert [a for a, p in reader.panes.items() if p.display] == ["A", "C", "E"]
        assert list(reader.query_one("#panes").children) == list(reader.panes.values())
        assert reader.query_one(SourceBar).ids == ("A", "C", "E")
        assert not reader.query("#pick-hint")
        assert selected(app)[0] == "A"
        assert_selection_visible(app)
        # Re-labelled results (new thresholds) keep the picked articles and the selection.
        before = selected(app)
        reader.update_comparison(many())
        assert story_of(app).ids == ("A", "C", "E")
        assert list(reader.panes) == ["A", "C", "E"]
        assert reader.selected == before


async def test_picking_one_explains_that_reading_needs_two() -> None:
    app = make_app(many())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("space", "r")
        assert overview(app).picked == {"A"}
        assert "Pick at least 2 articles to read side by side: 1 picked." in messages(app)
        assert "Pick at least 2" in note(app)
        await pilot.press("down", "space", "r")
        await pilot.pause()
        assert list(app.reader.panes) == ["A", "B"]


async def test_reading_none_or_more_than_twelve_is_explained() -> None:
    app = make_app(many())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        assert "Pick 2 to 12 articles" in messages(app)
        # The most widely told claim group: space picks every article that tells it.
        widest = max(many().groups, key=lambda g: len(g.members))
        count = len(widest.members)
        assert count > READ_AT_MOST, "fixture: some claim is told by more than twelve articles"
        await pilot.press("tab")
        overview(app).query_one(CoverageMatrix).highlight_group(widest.id)
        await pilot.press("space", "r")
        assert isinstance(app.screen, CoverageScreen)
        assert (
            f"At most 12 articles can be read side by side: {count} picked, "
            f"unpick {count - READ_AT_MOST}." in messages(app)
        )
        await pilot.press("x")
        assert overview(app).picked == frozenset()


async def test_navigation_counterparts_and_lens_keep_to_the_picked_articles() -> None:
    app = make_app(many())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        story = Story(many())
        # Three articles that all tell the first claim of A, and one more that tells it too.
        first = story.first_claim()
        assert first is not None
        tellers = story.tellers(story.group(first).id)  # type: ignore[union-attr]
        assert len(tellers) > 4, "fixture: the first claim of A is widely told"
        picked = tellers[:3]
        rows = sorted(story.all_ids.index(a) for a in picked)
        await pick_rows(pilot, rows)
        await pilot.press("r")
        await pilot.pause()
        reader = app.reader
        view = story_of(app)
        assert view.ids == picked
        ref = selected(app)
        assert set(view.counterparts(ref)) == set(picked) - {ref[0]}
        lens = reader.query_one(Lens).text
        assert "told by 3 of 3 picked articles" in lens
        assert f"also told by {len(tellers) - 3} other articles" in lens
        for _ in range(len(picked)):  # Tab goes round the picked articles only
            await pilot.press("tab")
            await pilot.pause()
            assert selected(app)[0] in picked
            assert_selection_visible(app)
        assert selected(app)[0] == picked[0]
        seen = set()
        for _ in range(3):  # Enter cycles through the counterparts in picked articles
            await pilot.press("enter")
            seen.add(selected(app)[0])
        assert seen == set(picked)
        before = reader.selected
        await pilot.press("4")  # there is no fourth article read
        assert reader.selected == before
        for key in ("u", "s", "j", "shift+tab"):
            await pilot.press(key)
            assert selected(app)[0] in picked, key
        await pilot.pause()
        assert_selection_visible(app)


async def test_space_on_a_claim_group_picks_its_tellers_and_enter_reads_them_there() -> None:
    app = make_app(many())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        story = Story(many())
        await pilot.press("tab")  # to the claim groups
        matrix = overview(app).query_one(CoverageMatrix)
        assert app.focused is matrix
        # A claim group told by a few articles: the first with two to twelve tellers.
        group = next(g for g in story.comparison.groups if 2 <= len(g.members) <= READ_AT_MOST)
        matrix.highlight_group(group.id)
        await pilot.press("space")
        assert overview(app).picked == set(story.tellers(group.id))
        assert matrix.columns == tuple(a for a in story.all_ids if a in overview(app).picked)
        await pilot.press("space")  # again: unpicked
        assert overview(app).picked == frozenset()
        await pilot.press("space", "enter")
        await pilot.pause()
        assert app.screen is app.reader
        assert set(story_of(app).ids) == set(story.tellers(group.id))
        ref = selected(app)
        assert story.sentence(ref).group == group.id
        assert_selection_visible(app)


async def test_picking_from_the_overview_works_with_few_articles_too() -> None:
    app = make_app(frozen_comparison(4))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert list(app.reader.panes) == list("ABCD")
        await pilot.press("a")
        assert "reading all 4 articles" in note(app)
        await pick_rows(pilot, [1, 3])
        await pilot.press("enter")  # Enter in the list reads the picked articles too
        await pilot.pause()
        assert list(app.reader.panes) == ["B", "D"]
        assert "(picked of 4)" in app.reader.query_one(SourceBar).render().plain
        assert_selection_visible(app)
        await pilot.press("c")  # the overview opens with the picks made
        assert overview(app).picked == {"B", "D"}
        assert overview(app).query_one(CoverageMatrix).columns == ("B", "D")
        await pilot.press("x", "r")  # none picked: every article again
        await pilot.pause()
        assert list(app.reader.panes) == list("ABCD")
        assert story_of(app).picked is None
        assert_selection_visible(app)


async def test_the_article_list_sorts_by_uniqueness_and_claims() -> None:
    app = make_app(many())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        picker = overview(app).query_one(ArticlePicker)
        articles = many().articles
        await pilot.press("o")
        assert picker.order == "uniqueness"
        first = picker.get_option_at_index(0).id
        assert first == f"article-{max(articles, key=lambda a: a.uniqueness).id}"
        assert "most unique first" in str(overview(app).query_one("#picker-header").render())
        await pilot.press("space")  # picks the row under the cursor, whatever the order
        assert overview(app).picked == {first.removeprefix("article-")}
        await pilot.press("o")
        assert picker.order == "claims"
        most = max(articles, key=lambda a: a.counts.claims)
        assert picker.get_option_at_index(0).id == f"article-{most.id}"


def test_the_pick_key_is_declared_with_a_description() -> None:
    bindings = {b.action: b for b in ReaderScreen.BINDINGS}  # type: ignore[union-attr]
    assert bindings["pick_articles"].key == "a"  # type: ignore[union-attr]
    assert bindings["pick_articles"].description == "Pick articles"  # type: ignore[union-attr]


def test_a_page_that_tells_a_claim_twice_counts_once_as_its_teller() -> None:
    """A page may tell a claim twice, and its group then holds both: the matrix's "told"
    column, like the lens's "told by N of M", counts that page once."""
    from compare.results import ClaimGroup, Member
    from tui.widgets.coverage_matrix import told_by

    twice = ClaimGroup(4, "paraphrased", (Member("A", 2), Member("A", 9), Member("B", 1)))
    assert told_by(twice) == 2
    # The same count picks the group's tellers and says how many are out of view.
    comparison = many()
    widest = max(comparison.groups, key=lambda g: len(g.members))
    first = widest.members[0]
    again = Member(first.article, first.index + 1000)  # a second telling in the same article
    doubled = replace(widest, members=(*widest.members, again))
    groups = tuple(doubled if g.id == widest.id else g for g in comparison.groups)
    story = Story(replace(comparison, groups=groups), picked=(widest.members[1].article, "zz"))
    tellers = story.tellers(widest.id)
    assert len(tellers) == len(set(tellers)) == told_by(doubled) == told_by(widest)
    assert story.told_elsewhere((first.article, first.index)) == told_by(widest) - 1
