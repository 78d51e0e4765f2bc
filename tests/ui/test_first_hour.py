"""What a newcomer meets in the first hour (issue 14): the export dialog, numbering, small
terminals, the header, and the keys readers of side-by-side tools expect."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import make_app
from textual.widgets import Input, RadioButton

from ui_support import comparison_of, selected, story_of

from compare import export
from compare.results import LABEL_SYMBOLS
from tui.screens.export import ExportDialog
from tui.widgets.lens import Lens

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
                assert status.endswith(f"{symbol} {match.score:.2f}"), status
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
