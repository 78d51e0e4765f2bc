"""The app end to end on real sources: loading in a worker, failures, live thresholds, export."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from conftest import make_app
from textual.widgets import Input
from ui_support import PANDA_FILES, SETTINGS, THEME, assert_selection_visible, comparison_of, settle

import compare.pipeline as pipeline
from compare import export
from compare.cli import main as cli_main
from tui.app import SynopsisApp
from tui.screens.confirm import ConfirmScreen
from tui.screens.export import ExportDialog
from tui.widgets.loading import FailurePanel, LoadingPanel
from tui.widgets.source_bar import SourceBar

WIDE = (160, 45)


def sources_app(sources: list[str] | None = None) -> SynopsisApp:
    app = SynopsisApp(PANDA_FILES if sources is None else sources, SETTINGS)
    app.theme = THEME
    return app


async def test_first_paint_is_immediate_and_comparing_happens_in_a_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()
    real = pipeline.load_documents

    def held(*args: object, **kwargs: object) -> object:
        assert threading.current_thread() is not threading.main_thread()
        on_progress = kwargs.get("on_progress")
        if callable(on_progress):
            on_progress("loading", 1, 4)
        release.wait(10)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "load_documents", held)
    app = sources_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause(0.2)
        assert app.reader.query(LoadingPanel), "the progress display is the first paint"
        assert "reading sources (1/4)" in str(app.reader.query_one("#loading-stage").render())
        before = app.reader.selected
        await pilot.press("j", "tab", "f")  # keys while loading do nothing, and break nothing
        assert before is None and app.reader.selected is None
        release.set()
        await settle(app, pilot)
        assert not app.reader.query(LoadingPanel)
        assert len(app.reader.panes) == len(PANDA_FILES)
        assert_selection_visible(app)


async def test_an_unreadable_source_is_explained_not_a_traceback() -> None:
    app = sources_app(["no/such/article.md"])
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        panel = app.reader.query_one(FailurePanel)
        assert "no/such/article.md" in panel.reason
        assert app.reader.query_one(SourceBar).message == "nothing to show"
        await pilot.press("j", "e", "c")  # nothing to navigate: no crash
        assert app.screen is app.reader
        await pilot.press("q")
    assert app.return_code == 2


async def test_a_skipped_source_is_reported_and_the_rest_compared() -> None:
    app = sources_app([*PANDA_FILES[:3], "no/such/article.md"])
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        assert len(app.reader.panes) == 3
        assert any("no/such/article.md" in n.message for n in app._notifications)


async def test_an_engine_crash_is_shown_as_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("scorer fell over")

    monkeypatch.setattr(pipeline, "analyse", broken)
    app = sources_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        assert "scorer fell over" in app.reader.query_one(FailurePanel).reason


async def test_brackets_move_the_paraphrase_threshold_and_relabel_in_place() -> None:
    app = sources_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        analysis = app.analysis
        panes = dict(app.reader.panes)
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert app.settings.paraphrase_at == pytest.approx(SETTINGS.paraphrase_at + 0.05)
        assert app.analysis is analysis, "re-labelled, not re-scored"
        assert app.reader.panes == panes, "panes updated in place, not rebuilt"
        assert any("paraphrase threshold 0.55" in n.message for n in app._notifications)
        assert comparison_of(app).settings.paraphrase_at == pytest.approx(0.55)
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(app, pilot)
        assert app.settings.paraphrase_at == pytest.approx(SETTINGS.paraphrase_at - 0.05)
        assert_selection_visible(app)


async def test_m_switches_method_scores_once_and_switching_back_only_relabels() -> None:
    app = sources_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        first = app.analysis  # the tests score lexically (SETTINGS): the next method is static
        assert first is not None and first.method == "lexical"
        await pilot.press("m")
        await settle(app, pilot)
        notes = [n.message for n in app._notifications]
        assert app.analysis is not None and app.analysis.method == "static", notes
        assert comparison_of(app).method_used == "static"
        assert app.analysis.documents is first.documents, "sources are not loaded again"
        await pilot.press("m")  # back to lexical (no transformer extra here): kept, not re-scored
        await settle(app, pilot)
        assert app.analysis is first
        assert any("Method lexical" in n.message for n in app._notifications)
        assert_selection_visible(app)


async def test_brackets_explain_when_there_is_no_analysis() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket")
        assert any("Thresholds can change only" in n.message for n in app._notifications)


async def _export(pilot: object, app: SynopsisApp, path: Path, fmt: str, table: str) -> None:
    await pilot.press("e")  # type: ignore[attr-defined]
    assert isinstance(app.screen, ExportDialog)
    await pilot.click(f"#format-{fmt}")  # type: ignore[attr-defined]
    if fmt in ("csv", "md"):
        await pilot.click(f"#table-{table}")  # type: ignore[attr-defined]
    app.screen.query_one("#export-path", Input).value = str(path)
    await pilot.click("#export-ok")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


@pytest.mark.parametrize(("fmt", "table"), [("csv", "claims"), ("json", "all")])
async def test_export_dialog_writes_what_the_cli_writes(
    fmt: str, table: str, tmp_path: Path
) -> None:
    from_app = tmp_path / f"app.{fmt}"
    from_cli = tmp_path / f"cli.{fmt}"
    arguments = ["--export", str(from_cli), "--method", SETTINGS.method, *PANDA_FILES]
    if fmt in ("csv", "md"):
        arguments[2:2] = ["--table", table]
    assert cli_main(arguments) == 0
    app = sources_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await _export(pilot, app, from_app, fmt, table)
        assert app.screen is app.reader
        assert any(str(from_app) in n.message for n in app._notifications)
    assert from_app.read_text(encoding="utf-8") == from_cli.read_text(encoding="utf-8")


async def test_export_asks_before_replacing_a_file(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    target.write_text("keep me", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await _export(pilot, app, target, "csv", "claims")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert target.read_text(encoding="utf-8") == "keep me"
        await _export(pilot, app, target, "csv", "claims")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        expected = export.render(comparison_of(app), "csv", table="claims")
        assert target.read_text(encoding="utf-8") == expected


async def test_export_dialog_suggests_a_name_that_follows_the_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        path = app.screen.query_one("#export-path", Input)
        assert path.value == "synopsis-claims.csv"
        await pilot.click("#format-html")
        assert path.value == "synopsis.html"
        await pilot.click("#format-md")
        await pilot.click("#table-summary")
        assert path.value == "synopsis-summary.md"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert (tmp_path / "synopsis-summary.md").read_text(encoding="utf-8") == export.render(
        comparison_of(app), "md", table="summary"
    )


async def test_export_to_a_missing_folder_is_an_error_notification(tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await _export(pilot, app, tmp_path / "missing" / "x.csv", "csv", "claims")
        assert app.screen is app.reader
        assert any(n.severity == "error" for n in app._notifications)


async def test_sample_story_opens_and_reads(tmp_path: Path) -> None:
    from ui_support import ROOT

    folder = ROOT / "samples" / "harbor-bridge"
    if not folder.is_dir():
        pytest.skip("samples not written yet")
    app = SynopsisApp([str(folder)], SETTINGS)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        assert len(app.reader.panes) == 5
        for key in ("j", "j", "tab", "enter", "u", "s", "p", "f", "j", "f", "f", "f", "end"):
            await pilot.press(key)
            assert_selection_visible(app)


async def test_relabelling_twice_quickly_lands_the_last_request_not_a_stale_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first re-labelling is made slow, so it finishes after the second: the superseded
    worker must stay quiet, and the second press must count from the first."""
    real = pipeline.label_analysis
    slow_started = threading.Event()

    def label_slowly_at_055(analysis, settings=pipeline.DEFAULTS, **kwargs):  # type: ignore[no-untyped-def]
        if settings.paraphrase_at == pytest.approx(0.55):
            slow_started.set()
            threading.Event().wait(0.8)
        return real(analysis, settings, **kwargs)

    app = sources_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        monkeypatch.setattr(pipeline, "label_analysis", label_slowly_at_055)
        await pilot.press("right_square_bracket")
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert slow_started.is_set()
        assert app.settings.paraphrase_at == pytest.approx(SETTINGS.paraphrase_at + 0.10)
        assert comparison_of(app).settings.paraphrase_at == pytest.approx(0.60)


async def test_a_threshold_changed_while_a_method_is_scored_keeps_the_new_method(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`m` starts scoring with the next method; `]` pressed before that lands supersedes the
    worker, and must still land on the new method (scored by the newer request), not re-label
    the old method's scores under settings that name the new one."""
    real = pipeline.analyse
    scoring_started = threading.Event()

    def analyse_slowly(documents, **kwargs):  # type: ignore[no-untyped-def]
        if not scoring_started.is_set():
            scoring_started.set()
            threading.Event().wait(0.8)
        return real(documents, **kwargs)

    app = sources_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        assert app.analysis is not None and app.analysis.method == "lexical"
        monkeypatch.setattr(pipeline, "analyse", analyse_slowly)
        await pilot.press("m")
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert scoring_started.is_set()
        assert app.settings.method == "static"
        assert app.settings.paraphrase_at == pytest.approx(SETTINGS.paraphrase_at + 0.05)
        assert app.analysis is not None and app.analysis.method == "static"
        assert comparison_of(app).method_used == "static"
        assert comparison_of(app).settings.paraphrase_at == pytest.approx(
            SETTINGS.paraphrase_at + 0.05
        )
