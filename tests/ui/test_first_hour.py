"""What a newcomer meets in the first hour (issue 14): the export dialog, numbering, small
terminals, the header, and the keys readers of side-by-side tools expect."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_app
from textual.widgets import Input, RadioButton
from ui_support import comparison_of, frozen_comparison, selected, settle, story_of

from compare import export
from compare.results import LABEL_SYMBOLS
from tui.screens.export import ExportDialog
from tui.widgets.lens import Lens, under

WIDE = (160, 45)


async def test_export_dialog_follows_the_extension_typed(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.query_one("#format-csv", RadioButton).value
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.pause()
        assert app.screen.query_one("#format-html", RadioButton).value, "the selector follows"
        await pilot.click("#export-ok")
        await pilot.pause()
        assert app.screen is app.reader
        titles = [n.title for n in app._notifications]
        assert "Exported HTML" in titles, titles
    assert target.read_text(encoding="utf-8") == export.render(comparison_of(app), "html")


async def test_choosing_a_format_changes_the_extension_of_a_typed_name(tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        path = app.screen.query_one("#export-path", Input)
        path.value = str(tmp_path / "report.csv")
        await pilot.pause()
        await pilot.click("#format-json")
        await pilot.pause()
        assert path.value == str(tmp_path / "report.json")
        await pilot.press("ctrl+s")
        await pilot.pause()
    json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))


async def test_a_name_without_extension_keeps_the_selected_format(tmp_path: Path) -> None:
    target = tmp_path / "notes"
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.click("#format-md")
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.pause()
        note = str(app.screen.query_one("#export-note").render())
        assert "Markdown will be written" in note
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert target.read_text(encoding="utf-8").startswith("# synopsis comparison")


async def test_export_dialog_remembers_the_last_export(tmp_path: Path) -> None:
    target = tmp_path / "mine.md"
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.click("#table-summary")
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert target.exists()
        await pilot.press("e")
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.query_one("#export-path", Input).value == str(target)
        assert app.screen.query_one("#format-md", RadioButton).value
        assert app.screen.query_one("#table-summary", RadioButton).value


async def test_the_app_numbers_sentences_as_every_export_does() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        rows = {
            f"{row['article']}:{row['index']}": row for row in export.claim_rows(comparison_of(app))
        }
        for _ in range(4):
            await pilot.press("j")
        article, index = app.reader.selected
        row = rows[f"{article}:{index}"]
        assert row["best_match"], "a claim with a counterpart"
        header = app.reader.panes[article].header.status
        assert f"selected {article}:{index} " in header
        best = str(row["best_match"])
        other = app.reader.panes[best.split(":")[0]].header.status
        assert f"counterpart {best} " in other
        lens = app.reader.query_one(Lens).text
        assert f"▌{article}:{index}" in lens and f"╏{best}" in lens


async def test_pane_header_and_lens_give_a_counterpart_the_same_label() -> None:
    app = make_app(articles=6)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        for _ in range(8):
            story = story_of(app)
            lens = app.reader.query_one(Lens).text
            for counterpart in story.counterparts(selected(app)).values():
                match = counterpart.match
                if match is None:
                    continue
                symbol = LABEL_SYMBOLS[match.label]
                status = app.reader.panes[counterpart.article].header.status
                if match.via == "group":
                    assert status.endswith(f"via group {under(match.score)}"), status
                    assert f"their own score {under(match.score)})" in lens
                    continue
                assert f"{symbol} {match.score:.2f}" in status
                assert status.endswith(" in statement") == (match.via == "statement"), status
                assert f"{symbol} {match.label} {match.score:.2f}" in lens
            await pilot.press("j")


async def test_every_table_as_csv_goes_to_one_file_each(tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.click("#table-all")
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "story.csv")
        await pilot.pause()
        note = str(app.screen.query_one("#export-note").render())
        assert "story-summary.csv, story-claims.csv, story-matrix.csv" in note
        await pilot.press("ctrl+s")
        await pilot.pause()
        comparison = comparison_of(app)
    for table in ("summary", "claims", "matrix"):
        text = (tmp_path / f"story-{table}.csv").read_text(encoding="utf-8")
        assert text == export.render(comparison, "csv", table=table)
    assert not (tmp_path / "story.csv").exists()


async def test_csv_for_excel_from_the_dialog(tmp_path: Path) -> None:
    target = tmp_path / "excel.csv"
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.click("#export-excel")
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert target.read_bytes().startswith(b"\xef\xbb\xbfarticle,index,")


NARROW = (80, 24)


async def test_at_80_by_24_the_lens_shows_the_best_counterpart_and_scrolls() -> None:
    app = make_app(articles=6)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert app.reader.per_page == 1
        lens = app.reader.query_one(Lens)
        ref = selected(app)
        counterparts = story_of(app).counterparts(ref)
        best = max(counterparts.values(), key=lambda c: c.match.score if c.match else 0.0)
        height = lens.scrollable_content_region.height
        in_view = lens.text.splitlines()[:height]
        assert any(line.startswith(f"╏{best.article}:{best.index}") for line in in_view), in_view
        assert "more lines (PgUp/PgDn)" in str(lens.border_title)
        await pilot.press("pagedown")
        assert lens.scroll_y > 0
        assert "above" in str(lens.border_title)
        await pilot.press("pageup")
        assert lens.scroll_y == 0


async def test_side_by_side_the_lens_still_opens_on_the_selected_claim() -> None:
    app = make_app(articles=4)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        article, index = selected(app)
        text = comparison_of(app).sentence(article, index).text
        lens_lines = app.reader.query_one(Lens).text.splitlines()
        assert lens_lines[0].startswith(f"▌{article}:{index}")
        assert text.split()[0] in lens_lines[1]


def _footer_keys(app: object) -> dict[str, object]:
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    footer = app.reader.query_one(Footer)  # type: ignore[attr-defined]
    return {key.description or key.action: key for key in footer.query(FooterKey)}


async def test_the_footer_keeps_help_and_quit_in_view_at_80_and_100_columns() -> None:
    for width in (80, 100):
        app = make_app()
        async with app.run_test(size=(width, 24)) as pilot:
            await pilot.pause()
            keys = _footer_keys(app)
            for name in ("Help", "Quit"):
                region = keys[name].region  # type: ignore[attr-defined]
                assert region.width and region.right <= width, (width, name, region)
            # ^p would be drawn over the cut keys: it stays in the help and the palette.
            assert not any(k.has_class("-command-palette") for k in keys.values())  # type: ignore[attr-defined]


async def test_a_pinned_article_stays_while_the_others_page_beside_it() -> None:
    app = make_app(articles=6)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        reader = app.reader
        assert reader.per_page == 2 and selected(app)[0] == "A"
        await pilot.press("t")
        assert reader.pinned == "A"
        for expected in ("B", "C", "D", "E", "F"):
            await pilot.press("right")
            await pilot.pause()
            assert selected(app)[0] == expected
            shown = [a for a, pane in reader.panes.items() if pane.display]
            assert shown == ["A", expected], shown
            assert "A pinned" in str(reader.query_one("#sources").render())
        await pilot.press("t")  # t pins the active article, F, in A's place
        assert reader.pinned == "F"
        await pilot.press("t")  # and again unpins it
        assert reader.pinned is None
        order = [pane.article.id for pane in reader.query_one("#panes").children]  # type: ignore[attr-defined]
        assert order == sorted(order)


async def test_pinning_in_one_pane_says_why_it_cannot() -> None:
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("t")
        assert app.reader.pinned is None
        assert any("two panes side by side" in n.message for n in app._notifications)


async def test_the_top_line_gives_the_method_and_threshold_and_follows_them() -> None:
    from ui_support import PANDA_FILES, SETTINGS, THEME

    from tui.app import SynopsisApp

    app = SynopsisApp(PANDA_FILES[:3], SETTINGS)
    app.theme = THEME
    async with app.run_test(size=NARROW) as pilot:
        await settle(app, pilot)
        bar = app.reader.query_one("#sources")
        assert f"lexical ≥{SETTINGS.paraphrase_at:.2f}" in str(bar.render())
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert f"lexical ≥{SETTINGS.paraphrase_at + 0.05:.2f}" in str(bar.render())


async def test_m_says_why_the_transformer_method_is_skipped() -> None:
    from ui_support import PANDA_FILES, SETTINGS, THEME

    from compare.scoring.embedding import transformer_available
    from tui.app import SynopsisApp

    if transformer_available():
        pytest.skip("the transformer extra is installed here: nothing is skipped")
    # The cycle follows settings.METHODS: lexical, static, then transformer, skipped here.
    app = SynopsisApp(PANDA_FILES[:3], SETTINGS)
    app.theme = THEME
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        for _ in range(2):  # lexical -> static, then static -> (transformer) -> lexical
            await pilot.press("m")
            await settle(app, pilot)
        assert app.analysis is not None and app.analysis.method == "lexical"
        notes = [n.message for n in app._notifications]
        assert any(
            "transformer method is skipped" in n and '"synopsis[transformer]"' in n for n in notes
        ), notes


async def test_j_and_k_move_in_the_coverage_overview() -> None:
    from textual.widgets import OptionList

    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        matrix = app.screen.focused
        assert isinstance(matrix, OptionList)
        start = matrix.highlighted or 0
        await pilot.press("j", "j")
        assert matrix.highlighted == start + 2
        await pilot.press("k")
        assert matrix.highlighted == start + 1
        await pilot.press("G")
        assert matrix.highlighted == matrix.option_count - 1
        await pilot.press("g")
        assert matrix.highlighted == 0


async def test_picked_mode_counts_the_other_tellers_as_the_overview_does() -> None:
    from ui_support import frozen_comparison

    from tui.story import Story

    comparison = frozen_comparison(6)
    app = make_app(comparison)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await app.reader.read_articles(("A", "B", "C"))
        await pilot.pause()
        story = Story(comparison, ("A", "B", "C"))
        checked = 0
        for index in story.claims("A"):
            app.reader.selected = ("A", index)
            await pilot.pause()
            group = story.group(("A", index))
            assert group is not None
            others = [a for a in story.tellers(group.id) if a not in ("A", "B", "C")]
            lens = app.reader.query_one(Lens).text
            if others:
                noun = "article" if len(others) == 1 else "articles"
                assert f"also told by {len(others)} other {noun}" in lens
                checked += 1
            else:
                assert "also told by" not in lens
        assert checked


async def test_slash_finds_words_in_the_claims_and_n_goes_round_the_matches() -> None:
    from tui.screens.search import SearchScreen

    app = make_app(articles=4)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        found = story_of(app).find("grapes")
        assert len(found) >= 2, "fixture: several articles tell of the grapes"
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"GRAPES", "enter")
        await pilot.pause()
        assert app.screen is app.reader
        assert selected(app) == found[0]
        text = comparison_of(app).sentence(*found[0]).text
        assert "grapes" in text.lower()
        for expected in [*found[1:], found[0]]:  # n goes on, and round to the first
            await pilot.press("n")
            assert selected(app) == expected
        await pilot.press("N")
        assert selected(app) == found[-1]
        await pilot.press("slash")
        await pilot.press("ctrl+u", *"no such words", "enter")  # ctrl+u clears the line
        await pilot.pause()
        assert selected(app) == found[-1]
        assert any("No claim holds" in n.message for n in app._notifications)


async def test_copy_puts_the_claim_and_its_source_on_the_clipboard() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        article_id, index = selected(app)
        await pilot.press("C")
        article = comparison_of(app).article(article_id)
        copied = app.clipboard
        assert copied.startswith(article.sentences[index].text + "\n— ")
        assert f"{article_id}:{index}" in copied and article.source in copied


async def test_o_opens_the_article_web_page(monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    comparison = frozen_comparison(4)
    url = "https://news.example.org/panda"
    first = dataclasses.replace(comparison.articles[0], url=url)
    app = make_app(dataclasses.replace(comparison, articles=(first, *comparison.articles[1:])))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        assert opened == [url]
        await pilot.press("right", "o")  # B was read from a file
        assert opened == [url]
        assert any("no web page to open" in n.message for n in app._notifications)


async def test_the_theme_chosen_is_remembered_for_the_next_run() -> None:
    from ui_support import SETTINGS

    from tui.app import SynopsisApp

    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
    again = SynopsisApp(comparison=frozen_comparison(4), settings=SETTINGS)
    assert again.theme == "nord"
