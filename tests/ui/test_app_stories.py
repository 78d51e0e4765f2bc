"""A big folder in the app, story by story (issue 15), as a reader of a month of coverage uses it.

A generated corpus (``benchmarks/corpus.py``, whose stories are known) is written to disk and
opened with ``stories_from`` lowered, so a few dozen articles take the path a folder of
``STORIES_FROM`` articles takes: the story list first, one story at a time in the reader.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Input, RadioButton
from ui_support import SETTINGS, THEME, assert_selection_visible, comparison_of, settle

from benchmarks.corpus import write_corpus
from compare.cli import main as cli_main
from compare.pipeline import compare_by_story, load_documents
from compare.stories import find_stories, story_members
from tui.app import SynopsisApp
from tui.screens.coverage import CoverageScreen
from tui.screens.export import ExportDialog
from tui.screens.reader import ReaderScreen
from tui.screens.stories import StoriesScreen
from tui.widgets.article_picker import ArticlePicker
from tui.widgets.source_bar import SourceBar
from tui.widgets.story_list import StoryList

WIDE = (160, 45)
ARTICLES = 30
STORIES_FROM = 10
"""Low enough that the generated folder is compared story by story, as 200 articles are."""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Thirty generated articles (seven stories of three to five), written once."""
    path = tmp_path_factory.mktemp("stories-app") / "month"
    write_corpus(path, ARTICLES, seed=7)
    return path


@pytest.fixture(scope="module")
def truth(folder: Path) -> list[list[str]]:
    """The article ids of each story, as the engine groups the folder."""
    from compare.pipeline import article_id

    documents, _ = load_documents([str(folder)])
    members = story_members(find_stories(documents))
    assert len(members) > 3, "the generated folder should hold several stories"
    return [[article_id(n) for n in story] for story in members]


def stories_app(folder: Path) -> SynopsisApp:
    app = SynopsisApp([str(folder)], SETTINGS, stories_from=STORIES_FROM)
    app.theme = THEME
    return app


def story_list(app: SynopsisApp) -> StoryList:
    assert isinstance(app.screen, StoriesScreen), f"expected the story list, got {app.screen!r}"
    return app.screen.query_one(StoryList)


async def open_row(app: SynopsisApp, pilot: object, row: int) -> int:
    """Open the story on a row of the story list; return its number."""
    stories = story_list(app)
    stories.highlighted = row
    story = stories.highlighted_story()
    assert story is not None
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(app, pilot)
    return story


async def test_a_big_folder_lists_its_stories_and_reads_one_at_a_time(
    folder: Path, truth: list[list[str]]
) -> None:
    app = stories_app(folder)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        stories = story_list(app)
        assert stories.option_count == len(truth)
        # Every story is listed with its number of articles, the biggest first.
        rows = [str(stories.get_option_at_index(n).prompt) for n in range(stories.option_count)]
        counts = [int(row.split()[1]) for row in rows]
        assert counts == sorted(counts, reverse=True)
        assert sorted(counts) == sorted(len(ids) for ids in truth)
        for row in rows:
            number, articles = (int(x) for x in row.split()[:2])
            assert articles == len(truth[number])
        assert "articles" in str(app.screen.query_one("#stories-header").render())
        assert f"{ARTICLES} articles in {len(truth)} stories" in str(
            app.screen.query_one("#stories-note").render()
        )

        biggest = stories.highlighted_story()
        await pilot.press("o")  # the order given: story numbers as the exports give them
        assert stories.highlighted_story() == biggest, "the cursor keeps its story"
        assert [
            int(str(stories.get_option_at_index(n).prompt).split()[0])
            for n in range(stories.option_count)
        ] == list(range(len(truth)))
        await pilot.press("o", "o")  # back to the biggest first
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Keys in the story list" in str(app.screen.query_one("#help-keys").render())
        await pilot.press("escape")
        await pilot.pause()

        story = await open_row(app, pilot, 0)
        reader = app.reader
        assert app.screen is reader
        assert tuple(reader.panes) == tuple(truth[story]), "the story's articles, corpus ids"
        assert all(a.story == story for a in comparison_of(app).articles)
        assert f"story {story} of {len(truth)}" in str(reader.query_one(SourceBar).render())
        assert_selection_visible(app)
        await pilot.press("j", "right", "s")  # reading works as in any comparison
        assert_selection_visible(app)

        # The picker inside a story says each article's story.
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, CoverageScreen)
        assert f"Story {story}" in app.screen.query_one("#coverage-box").border_title
        picker = app.screen.query_one(ArticlePicker)
        assert "story" in str(picker.header())
        first = str(picker.get_option_at_index(0).prompt).split()
        assert first[2:4] == [truth[story][0], str(story)]
        await pilot.press("escape")

        # b goes back to the list, the cursor on the story read; esc comes back to it.
        await pilot.press("b")
        await pilot.pause()
        assert story_list(app).highlighted_story() == story
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is reader and tuple(reader.panes) == tuple(truth[story])

        # Another story replaces the panes.
        await pilot.press("b")
        await pilot.pause()
        other = await open_row(app, pilot, stories.option_count - 1)
        assert other != story
        assert tuple(reader.panes) == tuple(truth[other])
        assert f"story {other} of" in str(reader.query_one(SourceBar).render())
        assert_selection_visible(app)


async def test_relabelling_inside_a_story_relabels_it_and_other_stories_follow_when_opened(
    folder: Path, truth: list[list[str]]
) -> None:
    app = stories_app(folder)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        story = await open_row(app, pilot, 0)
        panes = dict(app.reader.panes)
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert app.settings.paraphrase_at == pytest.approx(SETTINGS.paraphrase_at + 0.05)
        relabelled = comparison_of(app)
        assert relabelled.settings.paraphrase_at == pytest.approx(0.55)
        assert tuple(a.id for a in relabelled.articles) == tuple(truth[story])
        assert app.reader.panes == panes, "panes updated in place, not rebuilt"
        assert any(
            f"Story {story}: method lexical, paraphrase threshold 0.55" in n.message
            for n in app._notifications
        )
        # The same labels the command line gives that story at 0.55.
        documents, _ = load_documents([str(folder)])
        expected = next(
            r
            for r in compare_by_story(
                documents,
                find_stories(documents),
                settings=SETTINGS.with_changes(paraphrase_at=0.55),
            )
            if r.story == story
        )
        assert [[s.label for s in a.sentences] for a in relabelled.articles] == [
            [s.label for s in a.sentences] for a in expected.articles
        ]
        scored = app.analysis
        assert scored is not None
        await pilot.press("left_square_bracket")  # the story's scores are kept: no re-scoring
        await settle(app, pilot)
        assert app.analysis is scored
        assert comparison_of(app).settings.paraphrase_at == pytest.approx(0.50)
        await pilot.press("right_square_bracket")
        await settle(app, pilot)

        # The list says the other stories are still labelled as before; one opened follows.
        await pilot.press("b")
        await pilot.pause()
        assert "re-labelled when opened" in str(app.screen.query_one("#stories-note").render())
        other = await open_row(app, pilot, 1)
        assert other != story
        assert comparison_of(app).settings.paraphrase_at == pytest.approx(0.55)
        assert all(a.story == other for a in comparison_of(app).articles)
        assert_selection_visible(app)

        # The method key scores the story open with the next method, and back only re-labels.
        lexical = app.analysis
        await pilot.press("m")
        await settle(app, pilot)
        assert comparison_of(app).method_used == "static"
        assert tuple(a.id for a in comparison_of(app).articles) == tuple(truth[other])
        await pilot.press("m")
        await settle(app, pilot)
        assert app.analysis is lexical
        assert comparison_of(app).method_used == "lexical"


async def export_as(app: SynopsisApp, pilot: object, path: Path, *, whole: bool) -> None:
    await pilot.press("e")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    dialog = app.screen
    assert isinstance(dialog, ExportDialog)
    dialog.query_one("#scope-whole" if whole else "#scope-story", RadioButton).value = True
    await pilot.pause()  # type: ignore[attr-defined]
    dialog.query_one("#export-path", Input).value = str(path)
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]
    await settle(app, pilot)


async def test_export_in_a_story_writes_that_story_or_every_story_as_the_command_line_does(
    folder: Path, truth: list[list[str]], tmp_path: Path
) -> None:
    app = stories_app(folder)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        story = await open_row(app, pilot, 0)
        await pilot.press("e")
        await pilot.pause()
        note = str(app.screen.query_one("#export-note").render())
        assert f"Only story {story}'s {len(truth[story])} articles" in note
        await pilot.press("escape")

        await export_as(app, pilot, tmp_path / "story.json", whole=False)
        written = json.loads((tmp_path / "story.json").read_text(encoding="utf-8"))
        assert [a["id"] for a in written["articles"]] == truth[story]
        assert {a["story"] for a in written["articles"]} == {story}

        # Every story: what `synopsis FOLDER --export FILE` writes, even after a re-labelling
        # of the story open (the others are then compared again with the same settings).
        await pilot.press("right_square_bracket")
        await app.workers.wait_for_complete()
        await export_as(app, pilot, tmp_path / "all.json", whole=True)
        assert any(n.message.startswith("Every story (") for n in app._notifications)
        cli = [str(folder), "--export", str(tmp_path / "cli.json"), "--method", "lexical"]
        assert cli_main([*cli, "--paraphrase-at", "0.55", "--stories", "on"]) == 0
        from_app = (tmp_path / "all.json").read_text(encoding="utf-8")
        assert from_app == (tmp_path / "cli.json").read_text(encoding="utf-8")
        assert len(json.loads(from_app)["articles"]) == ARTICLES


async def test_a_small_folder_has_no_story_list_and_no_stories_key(folder: Path) -> None:
    app = SynopsisApp([str(folder)], SETTINGS)  # 30 articles: far below STORIES_FROM
    app.theme = THEME
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        assert app.corpus is None
        assert not isinstance(app.screen, StoriesScreen)
        assert isinstance(app.screen_stack[0], ReaderScreen)
        assert app.reader.check_action("stories", ()) is False, "hidden, not greyed out"
        await pilot.press("b")  # does nothing, breaks nothing
        assert not isinstance(app.screen, StoriesScreen)


@pytest.mark.parametrize(
    ("choice", "stories_from", "listed"),
    [("on", 1_000, True), ("off", STORIES_FROM, False)],
    ids=["on-below-the-size", "off-above-it"],
)
async def test_the_stories_option_reaches_the_app(
    folder: Path, choice: str, stories_from: int, listed: bool
) -> None:
    """``--stories on`` groups a folder smaller than the size, ``off`` compares a bigger one
    whole: the app follows the option as an export does."""
    app = SynopsisApp([str(folder)], SETTINGS, stories=choice, stories_from=stories_from)
    app.theme = THEME
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        assert (app.corpus is not None) is listed
        assert isinstance(app.screen, StoriesScreen) is listed
