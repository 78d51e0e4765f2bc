"""Hostile input in the app (issue #13): file names, titles and texts written as Textual markup
(``[@click=app.quit]``, an unclosed ``[bold]``, a stray ``[/]``) or holding escape sequences
reach the screen as text, in the notices, the command palette, the lens, the coverage view and
the export dialog, and never crash the app or run an action.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import stat
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from textual.command import CommandList, CommandPalette
from textual.content import Content
from textual.widgets import Input, Label
from textual.widgets._toast import Toast
from ui_support import SETTINGS, THEME, frozen_comparison, settle

from compare.errors import SourceError, visible
from compare.results import Comparison
from tui.app import SynopsisApp
from tui.messages import ComparisonReady
from tui.screens.confirm import ConfirmScreen
from tui.screens.coverage import CoverageScreen
from tui.screens.export import ExportDialog
from tui.text import as_markup
from tui.widgets.lens import Lens

WIDE = (160, 45)

MARKUP_NAMES = (
    "[@click=app.quit]x.md",
    "[bold]unclosed.md",
    "[@click=app.quit]skipped[bold].md",
    "[$accent]v[link=x.invalid]y.md",
)
"""File names cannot hold the "/" of a closing tag: the titles, texts and export path do."""
TITLE = "[@click=app.quit]Bridge [bold]reopens[/] \\[x] [/]"
SHOWN_TITLE = TITLE.replace("\\[", "[")
"""The title once loaded: Markdown's backslash escape is read as Markdown."""
CLAIM = "The [bold]council[/] voted [@click=app.quit]7-2[/] on Tuesday to build [red]a bridge."
ARTICLE = (
    f"# {TITLE}\n\n{CLAIM} The bridge will cost $12.5 million and opens in 2028.\n\n"
    "Construction will begin in March, the city said.\n"
)
OTHER = (
    "# Footbridge approved\n\nThe council voted 7-2 on Tuesday to build a bridge. "
    "It will cost $12.5 million, officials said. Work begins in March.\n"
)


def _notices(app: SynopsisApp) -> list[str]:
    return [n.message for n in app._notifications]


def _toasts(app: SynopsisApp) -> str:
    """What the notices on screen show, as plain text."""
    return "\n".join(toast.render().plain for toast in app.screen.query(Toast))


def _no_controls(text: str) -> None:
    raw = [c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F]
    assert raw == [], raw


def _lens(app: SynopsisApp) -> str:
    lens = app.reader.query_one(Lens)
    return "\n".join(line.plain for line in lens.build(lens.size.width or 100))


async def _palette_search(pilot: object, app: SynopsisApp, query: str) -> str:
    """Open the command palette, type a query, return the hits as shown, and close it."""
    await pilot.press("ctrl+p")  # type: ignore[attr-defined]
    await pilot.press(*query)  # type: ignore[attr-defined]
    await pilot.pause(0.5)  # type: ignore[attr-defined]
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    hits = palette.query_one(CommandList)
    shown = "\n".join(str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count))
    await pilot.press("escape")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return shown


async def test_markup_in_file_names_and_titles_reaches_every_view_as_text(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / MARKUP_NAMES[0]).write_text(ARTICLE, encoding="utf-8")
    (folder / MARKUP_NAMES[1]).write_text(OTHER, encoding="utf-8")
    (folder / MARKUP_NAMES[2]).write_text("", encoding="utf-8")  # skipped: a notice names it
    (folder / MARKUP_NAMES[3]).write_text(OTHER.replace("Work", "The work"), encoding="utf-8")
    sources = [str(folder / name) for name in MARKUP_NAMES]
    app = SynopsisApp(sources, SETTINGS)
    app.theme = THEME
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(app, pilot)
        assert len(app.reader.panes) == 3

        # The notice of the skipped source: the name as written, no action, no markup error.
        skipped = f"{folder / MARKUP_NAMES[2]}: holds no text (empty or whitespace only)"
        assert skipped in _notices(app)
        assert skipped in _toasts(app)

        # The pane shows the title as written.
        assert SHOWN_TITLE in app.reader.panes["A"].header.render().plain

        # The lens shows the claim as written.
        await pilot.press("g")
        await pilot.pause()
        assert "[bold]council[/] voted [@click=app.quit]7-2[/]" in _lens(app)

        # The palette's "Go to source" hits carry the titles as their help.
        hits = await _palette_search(pilot, app, "go to source a")
        assert SHOWN_TITLE in hits
        assert app.is_running

        # The coverage view lists the claim as written.
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CoverageScreen)
        await pilot.press("escape")
        await pilot.pause()

        # The export dialog, with a path written as markup: written, and reported as written.
        (tmp_path / "[@click=app.quit]out[").mkdir()
        target = tmp_path / "[@click=app.quit]out[/][bold].csv"  # "[/" is the folder above
        await pilot.press("e")
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.pause()
        await pilot.click("#export-ok")
        await pilot.pause()
        assert target.exists()
        assert any(str(target) in message for message in _notices(app))
        assert str(target) in _toasts(app)

        # The dialog's note about an existing file, with the same path typed again.
        await pilot.press("e")
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.pause()
        assert "That file exists" in str(app.screen.query_one("#export-note").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running


async def test_a_single_source_named_with_markup_shows_while_loading(tmp_path: Path) -> None:
    name = tmp_path / "[bold]unclosed [@click=app.quit]x.md"
    name.write_text(ARTICLE, encoding="utf-8")
    app = SynopsisApp([str(name)], SETTINGS)
    app.theme = THEME
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        title = app.reader.query("#loading-title")
        if title:  # the comparison may already be done on a fast machine
            assert str(name) in str(title.first(Label).render())
        await settle(app, pilot)
        assert app.is_running


async def test_escape_sequences_in_a_name_are_shown_as_symbols_in_a_notice(
    tmp_path: Path,
) -> None:
    hostile = tmp_path / "x\x1b]2;TITLE\x07\x1b[2J.md"
    hostile.write_text("", encoding="utf-8")
    good = tmp_path / "good.md"
    good.write_text(OTHER, encoding="utf-8")
    app = SynopsisApp([str(hostile), str(good)], SETTINGS)
    app.theme = THEME
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(app, pilot)
        (notice,) = [n for n in _notices(app) if "holds no text" in n]
        assert "x␛]2;TITLE␇␛[2J.md" in notice
        assert "\x1b" not in _toasts(app) and "\x07" not in _toasts(app)


async def _export_to(pilot: object, app: SynopsisApp, target: Path) -> None:
    await pilot.press("e")  # type: ignore[attr-defined]
    assert isinstance(app.screen, ExportDialog)
    app.screen.query_one("#export-path", Input).value = str(target)
    await pilot.click("#export-ok")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_the_export_asks_before_replacing_a_dangling_symlink(tmp_path: Path) -> None:
    link = tmp_path / "report.csv"
    link.symlink_to(tmp_path / "missing.csv")
    app = SynopsisApp(comparison=frozen_comparison(4), settings=SETTINGS)
    app.theme = THEME
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        await _export_to(pilot, app, link)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert link.is_symlink() and not (tmp_path / "missing.csv").exists()


async def test_the_export_never_replaces_a_fifo_even_when_told_to(tmp_path: Path) -> None:
    fifo = tmp_path / "report.csv"
    os.mkfifo(fifo)
    app = SynopsisApp(comparison=frozen_comparison(4), settings=SETTINGS)
    app.theme = THEME
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        await _export_to(pilot, app, fifo)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert any("is a FIFO (named pipe), not a regular file" in n for n in _notices(app))
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        assert sorted(tmp_path.iterdir()) == [fifo]


# --------------------------------------------------------------------------------------------
# Any Unicode: the notices, the palette, the panes and the lens


def _retitled(comparison: Comparison, title: str, text: str) -> Comparison:
    """Article A with this title and every sentence holding this text."""
    first = comparison.articles[0]
    sentences = tuple(dataclasses.replace(s, text=text) for s in first.sentences)
    first = dataclasses.replace(first, title=title, sentences=sentences)
    return dataclasses.replace(comparison, articles=(first, *comparison.articles[1:]))


async def _show_everything(title: str, text: str, name: str) -> None:
    comparison = _retitled(frozen_comparison(4), title, text)
    app = SynopsisApp(comparison=comparison, settings=SETTINGS)
    app.theme = THEME
    problem = str(SourceError(name, "holds no text (empty or whitespace only)"))
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        app.post_message(
            ComparisonReady(comparison, None, SETTINGS, problems=(problem,), relabelled=True)
        )
        await pilot.pause()
        assert visible(name) in _toasts(app)
        header = app.reader.panes["A"].header.render().plain  # the title, cut to the pane
        _no_controls(header)
        assert header.startswith(f"  A  {visible(title)[:1]}")
        await pilot.press("g")
        await pilot.pause()
        _no_controls(_lens(app))
        _no_controls(_toasts(app))
        hits = await _palette_search(pilot, app, "go to source a")
        assert "Go to source A" in hits
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CoverageScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running


any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=30)
markupish = st.lists(
    st.sampled_from(["[", "]", "[/]", "[@click=app.quit]", "[bold]", "\\", "$accent", "\x1b", "x"]),
    max_size=8,
).map("".join)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # each example runs an app: no shrinking
)
@given(title=any_text | markupish, text=any_text | markupish, name=any_text | markupish)
def test_any_unicode_in_titles_texts_and_names_reaches_the_app_as_text(
    title: str, text: str, name: str
) -> None:
    asyncio.run(_show_everything(title, text, name))


@given(any_text | markupish)
def test_palette_help_reads_back_as_exactly_the_title(title: str) -> None:
    assert Content.from_markup(as_markup(title)).plain == visible(title)
