"""The synopsis app: loads and compares in a worker, then hands the result to the reader screen."""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import var
from textual.screen import Screen
from textual.worker import get_current_worker

from compare import export
from compare.errors import SynopsisError
from compare.results import LABEL_SYMBOLS, LABELS, Comparison, Document
from compare.runner import AUTO, Runner
from compare.settings import DEFAULTS, STORIES_FROM, Settings

from .messages import ComparisonFailed, ComparisonProgressed, ComparisonReady, StoriesReady
from .preferences import load_preferences, save_preference
from .screens.confirm import ConfirmScreen
from .screens.export import FORMAT_NAMES, CorpusScope, ExportDialog, ExportRequest
from .screens.reader import ReaderScreen
from .text import as_markup, one_line

if TYPE_CHECKING:
    from compare.pipeline import Analysis
    from compare.stories import StoryResult

    from .corpus import Corpus

EXIT_OK = 0
EXIT_NOTHING = 2
"""Return code when nothing could be compared (the same as the CLI's)."""

THRESHOLD_STEP = 0.05


class SynopsisApp(App[int]):
    """Several articles about one story side by side, claim by claim.

    Give either ``sources`` (compared in a worker once the app is on screen) or a ready
    ``comparison`` (shown at once; tests and notebooks). Pass its ``analysis`` too and the
    threshold keys can re-label it without re-scoring.

    Sources of ``stories_from`` articles or more are compared story by story, as the command
    line does: the story list comes first, and the reader shows one story at a time. The
    threshold and method keys then re-label the story open (at once, from its kept scores once
    it has some); every other story takes the new settings when it is opened or exported.
    """

    CSS_PATH = "app.tcss"
    TITLE = "synopsis"

    comparison: var[Comparison | None] = var(None, init=False)
    """The result on screen; None while loading or after a failure."""
    analysis: var[Analysis | None] = var(None, init=False)
    """The scored pairs behind ``comparison``, kept so thresholds can change without re-scoring."""
    settings: var[Settings] = var(DEFAULTS, init=False)
    """The thresholds and method ``comparison`` was labelled with."""

    def __init__(
        self,
        sources: Sequence[str] = (),
        settings: Settings = DEFAULTS,
        *,
        comparison: Comparison | None = None,
        analysis: Analysis | None = None,
        sort: str = "given",
        refresh: bool = False,
        runner: Runner = AUTO,
        stories: str = "auto",
        stories_from: int = STORIES_FROM,
    ) -> None:
        super().__init__()
        self.sources = list(sources)
        self.stories = stories
        """``--stories``: ``auto`` (story by story from ``stories_from`` articles), ``on`` or
        ``off``."""
        self.stories_from = stories_from
        """Articles from which the sources are compared story by story."""
        self.corpus: Corpus | None = None
        """A big folder's stories, once compared story by story; None for one comparison."""
        self.open_story: int | None = None
        """The story in the reader (``comparison`` is its comparison); None before one is."""
        self.runner = runner
        """Where comparisons run: made from ``--jobs`` by the command, as for an export."""
        self.sort = sort
        self.refresh_sources = refresh
        self.set_reactive(SynopsisApp.settings, settings)
        if analysis is not None and comparison is None:
            from compare.pipeline import label_analysis

            comparison = label_analysis(analysis, settings, runner=runner)
        self.set_reactive(SynopsisApp.comparison, comparison)
        self.set_reactive(SynopsisApp.analysis, analysis)
        self._analyses: dict[tuple[int | None, str], Analysis] = {}
        """Each (story, similarity method)'s scores once computed, so switching back only
        re-labels; the story is None for a comparison of every source as one."""
        self._exit_code = EXIT_OK
        saved_theme = load_preferences().get("theme")
        if saved_theme in self.available_themes:
            self.theme = saved_theme
        self._requested: Settings | None = None
        """Settings asked for by a key whose re-labelling has not landed yet."""
        self.last_export: ExportRequest | None = None
        """The last export asked for, so the dialog opens on the same file, format and table."""

    def watch_theme(self, theme: str) -> None:
        """Remember a theme the reader chose (in the palette), for the next run."""
        if self.is_running:
            save_preference("theme", theme)

    def get_default_screen(self) -> Screen:
        return ReaderScreen()

    @property
    def reader(self) -> ReaderScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, ReaderScreen)
        return screen

    def on_mount(self) -> None:
        if self.comparison is not None:
            return
        if not self.sources:
            self.post_message(
                ComparisonFailed("No sources given: name some article files, folders or URLs.")
            )
            return
        self.compare_in_background()

    # -- loading and comparing --------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="compare")
    def compare_in_background(self) -> None:
        """Load, score and label the sources off the event loop, reporting progress as it goes."""
        if "-" in self.sources:
            self.post_message(
                ComparisonFailed(
                    "Standard input (-) cannot be read while the app uses the terminal: "
                    "save the text to a file, or use --export."
                )
            )
            return
        try:
            # Imported here, in the worker: NumPy and the scorers load while the first frame
            # is already on screen.
            from compare import pipeline

            documents, problems = pipeline.load_documents(
                self.sources,
                sort=self.sort,  # type: ignore[arg-type]
                refresh=self.refresh_sources,
                on_progress=self._report_progress,
            )
            stories = pipeline.story_numbers(
                documents,
                self.stories,  # type: ignore[arg-type]
                on_progress=self._report_progress,
                stories_from=self.stories_from,
            )
            if stories is not None:
                self._compare_stories(documents, stories, problems)
                return
            analysis = pipeline.analyse(
                documents,
                settings=self.settings,
                on_progress=self._report_progress,
                runner=self.runner,
            )
            comparison = pipeline.label_analysis(analysis, self.settings, runner=self.runner)
        except SynopsisError as error:
            self.post_message(ComparisonFailed(str(error)))
            return
        except Exception as error:  # never a traceback on screen: say what broke, log the rest
            self.log.error(traceback.format_exc())
            self.post_message(ComparisonFailed(f"Unexpected error while comparing: {error!r}"))
            return
        if get_current_worker().is_cancelled:
            return  # superseded: a thread cannot be stopped, but it can keep quiet
        self.post_message(ComparisonReady(comparison, analysis, self.settings, problems))

    def _compare_stories(
        self, documents: Sequence[Document], stories: Sequence[int], problems: tuple[str, ...]
    ) -> None:
        """Worker side: compare each story on its own, spread over the runner, as the command
        line does; the story list is shown once every story is compared."""
        from compare.pipeline import compare_by_story, stage_progress

        from .corpus import Corpus

        results = list(
            compare_by_story(
                documents,
                stories,
                settings=self.settings,
                runner=self.runner,
                on_progress=stage_progress(self._report_progress, "stories"),
            )
        )
        if get_current_worker().is_cancelled:
            return
        self.post_message(
            StoriesReady(Corpus(documents, stories, results), self.settings, problems)
        )

    def _report_progress(self, stage: str, done: int, total: int) -> None:
        """Called by the engine in the worker thread: hand the step over to the event loop."""
        self.post_message(ComparisonProgressed(stage, done, total))

    def on_comparison_progressed(self, message: ComparisonProgressed) -> None:
        self.reader.show_progress(message.stage, message.done, message.total)

    async def on_comparison_ready(self, message: ComparisonReady) -> None:
        first = self.comparison is None
        if message.settings == self._requested:
            self._requested = None
        self.settings = message.settings
        if message.story is not None:
            assert self.corpus is not None
            self.corpus.store_comparison(message.story, message.comparison)
            if message.story != self.open_story:
                return  # a story the reader left: kept for when it comes back
        self.analysis = message.analysis
        self.comparison = message.comparison
        if first:
            await self.reader.show_comparison(message.comparison)
        else:
            self.reader.update_comparison(message.comparison)
        self._warn_skipped(message.problems)

    async def on_stories_ready(self, message: StoriesReady) -> None:
        """A big folder was compared story by story: list the stories to open one."""
        self.corpus = message.corpus
        self.settings = message.settings
        self.reader.show_stories_ready(len(message.corpus), len(message.corpus.documents))
        self.show_stories()
        self._warn_skipped(message.problems)

    def _warn_skipped(self, problems: tuple[str, ...]) -> None:
        for problem in problems:
            self.notify(
                one_line(problem),
                title="Skipped a source",
                severity="warning",
                timeout=10,
                markup=False,
            )

    def on_comparison_failed(self, message: ComparisonFailed) -> None:
        self._exit_code = EXIT_NOTHING
        self.reader.show_failure(message.reason)

    # -- stories ----------------------------------------------------------------------------------

    def show_stories(self) -> None:
        """Show the story list (over the reader); the story chosen there opens in the reader."""
        from .screens.stories import StoriesScreen

        assert self.corpus is not None
        if isinstance(self.screen, StoriesScreen):
            return
        wanted = self._requested or self.settings
        self.push_screen(StoriesScreen(self.corpus, wanted, self.open_story), self._story_chosen)

    async def _story_chosen(self, story: int | None) -> None:
        if story is not None:
            await self.read_story(story)

    async def read_story(self, story: int) -> None:
        """Open a story in the reader: its comparison at once, re-labelled in a worker when it
        was labelled under other settings than the app's now."""
        corpus = self.corpus
        assert corpus is not None
        comparison = corpus.comparisons[story]
        self.open_story = story
        self.analysis = self._analyses.get((story, comparison.method_used))
        self.comparison = comparison
        await self.reader.show_story(comparison, story, len(corpus))
        wanted = self._requested or self.settings
        if comparison.settings != wanted:
            self._requested = wanted
            self.notify(
                f"Re-labelling story {story} with the current settings "
                f"({wanted.method}, paraphrase threshold {wanted.paraphrase_at:.2f})…",
                title="Story",
                markup=False,
            )
            self.relabel(wanted, self._scored_with(wanted.method), story)

    # -- live thresholds ---------------------------------------------------------------------------

    def change_threshold(self, delta: float) -> None:
        """Move ``paraphrase_at`` by ``delta`` and re-label the kept analysis (no re-scoring).

        Inside a story of a big folder, the story open is re-labelled (scored again the first
        time: the story list's comparisons keep no scores, a story's are small).
        """
        if self.analysis is None and self.open_story is None:
            self.notify(
                "Thresholds can change only when the app compared the sources itself.",
                severity="warning",
                markup=False,
            )
            return
        # From the threshold last asked for, so two quick presses move it twice even before the
        # first re-labelling is on screen.
        base = self._requested or self.settings
        value = round(min(1.0, max(0.0, base.paraphrase_at + delta)), 2)
        if value == base.paraphrase_at:
            self.bell()
            return
        self._requested = base.with_changes(paraphrase_at=value)
        self.relabel(self._requested, self._scored_with(self._requested.method), self.open_story)

    def switch_method(self) -> None:
        """Score with the next similarity method; each method's scores are kept once computed.

        The documents are not loaded again. The first switch to a method scores its pairs (in a
        worker, the panes stay usable); switching back to a method already scored only re-labels.
        """
        if self.analysis is None and self.open_story is None:
            self.notify(
                "The method can change only when the app compared the sources itself.",
                markup=False,
            )
            return
        from compare.scoring.embedding import available_methods

        methods: list[str] = list(available_methods())
        assert self.comparison is not None
        current = self.analysis.method if self.analysis is not None else self.comparison.method_used
        if current not in methods:  # e.g. static fell back to lexical: cycle from the start
            methods.insert(0, current)
        following = methods[(methods.index(current) + 1) % len(methods)]
        if "transformer" not in methods and following == methods[0]:  # it would come next
            self.notify(
                "The transformer method is skipped: its optional extra is not installed "
                '(pip install torch==2.13.0, then pip install "synopsis[transformer]").',
                title="Method",
                timeout=8,
                markup=False,  # the brackets of the extra are text
            )
        if self.analysis is not None:
            self._analyses[self.open_story, current] = self.analysis
        settings = (self._requested or self.settings).with_changes(method=following)
        self._requested = settings
        scored = self._scored_with(following)
        if scored is None:
            self.notify(f"Scoring with the {following} method…", title="Method", markup=False)
        self.relabel(settings, scored, self.open_story)

    def _scored_with(self, method: str) -> Analysis | None:
        """The kept analysis of a similarity method (as asked for, or as it resolved), if any."""
        if self.analysis is not None and method in (self.settings.method, self.analysis.method):
            return self.analysis
        return self._analyses.get((self.open_story, method))

    @work(thread=True, exclusive=True, exit_on_error=False, group="relabel")
    def relabel(
        self, settings: Settings, analysis: Analysis | None, story: int | None = None
    ) -> None:
        """Show the comparison under new settings: label ``analysis`` (the kept scores of their
        method), or score with that method first when there are none yet. The threshold keys and
        the method key share this one worker, so a threshold changed while a method is being
        scored keeps that method (the newer request scores it). Inside a story of a big folder,
        the story open (``story``) is the comparison."""
        if analysis is None:
            from compare.pipeline import analyse

            if story is not None:  # the story asked for, even if the reader has left it
                assert self.corpus is not None
                documents = self.corpus.documents_of(story)
            else:
                assert self.analysis is not None
                documents = self.analysis.documents  # the same documents whatever the method
            try:
                analysis = analyse(documents, settings=settings, runner=self.runner)
            except Exception as error:  # a missing optional model must not take the app down
                self.call_from_thread(
                    self.notify,
                    one_line(f"Cannot switch method: {error}"),
                    severity="error",
                    markup=False,
                )
                return
            # Kept even if superseded: the scores are right, and a later request may want them.
            self._analyses[story, settings.method] = self._analyses[story, analysis.method] = (
                analysis
            )
            if get_current_worker().is_cancelled:
                return
        self._label_and_show(settings, analysis, story)

    def _label_and_show(self, settings: Settings, analysis: Analysis, story: int | None) -> None:
        """Worker side: label, post the result, and say what changed. A worker superseded by a
        newer request (exclusive workers cancel the older one, which a thread cannot stop) posts
        nothing, so a stale comparison never lands after a newer one."""
        from compare.pipeline import label_analysis

        try:
            comparison = label_analysis(analysis, settings, runner=self.runner)
        except SynopsisError as error:
            self.call_from_thread(self.notify, one_line(str(error)), severity="error", markup=False)
            return
        if story is not None:
            assert self.corpus is not None
            comparison = self.corpus.renumber(story, comparison)
        if get_current_worker().is_cancelled:
            return
        self.post_message(
            ComparisonReady(comparison, analysis, settings, relabelled=True, story=story)
        )
        totals = {label: sum(a.counts.of(label) for a in comparison.articles) for label in LABELS}
        counts = ", ".join(f"{LABEL_SYMBOLS[label]} {totals[label]} {label}" for label in LABELS)
        self.call_from_thread(
            self.notify,
            ("Method" if story is None else f"Story {story}: method") + f" {analysis.method}, "
            f"paraphrase threshold {settings.paraphrase_at:.2f}: {counts}",
            title="Re-labelled",
            markup=False,
        )

    # -- export ---------------------------------------------------------------------------------

    def export_stem(self) -> str:
        """A file name stem for exports: the one folder or file compared, else ``synopsis``."""
        if len(self.sources) == 1 and "://" not in self.sources[0] and self.sources[0] != "-":
            name = Path(self.sources[0]).stem
            if name and name not in (".", ".."):
                return name
        return "synopsis"

    def open_export_dialog(self) -> None:
        """Ask what to export; a big folder's dialog also asks: the story open, or all of them."""
        if self.comparison is None and self.corpus is None:
            return
        scope = None
        if self.corpus is not None:
            scope = CorpusScope(
                stories=len(self.corpus),
                articles=len(self.corpus.documents),
                story=self.open_story,
                story_articles=len(self.comparison.articles) if self.comparison else 0,
                stale=len(self.corpus.stale(self._requested or self.settings)),
            )
        self.push_screen(
            ExportDialog(self.export_stem(), last=self.last_export, scope=scope),
            self._export_chosen,
        )

    def _export_chosen(self, request: ExportRequest | None) -> None:
        if request is not None:
            self.last_export = request
            self.write_export(request, force=False)

    def write_export(self, request: ExportRequest, *, force: bool) -> None:
        """Write an export (every table as CSV: one file each); an existing file is replaced
        only after the reader says so. A big folder's whole corpus is written by a worker."""
        files = export.export_files(request.path, request.fmt, request.table)
        # lexists: a symbolic link whose target is missing is there too, and is not replaced
        # without asking.
        existing = [
            one_line(str(path)) for path, _ in files if os.path.lexists(path) and not path.is_dir()
        ]
        if existing and not force:
            names = " and ".join(existing)
            verb = "already exists" if len(existing) == 1 else "already exist"
            question = f"{names} {verb}.\nReplace with the new export?"
            self.push_screen(
                ConfirmScreen(question, yes="Replace", no="Keep it"),
                lambda yes: (
                    self.write_export(request, force=True)
                    if yes
                    else self.notify("Export cancelled; the file was kept.", markup=False)
                ),
            )
            return
        if request.whole and self.corpus is not None:
            self.export_corpus(request, force=force)
            return
        assert self.comparison is not None
        self._write_and_say(self.comparison, request, force=force, notify=self.notify)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def export_corpus(self, request: ExportRequest, *, force: bool) -> None:
        """Write every story of a big folder, as ``synopsis FOLDER --export FILE`` would under
        the app's settings now: stories labelled otherwise are compared again first."""
        corpus = self.corpus
        assert corpus is not None
        settings = self._requested or self.settings
        stale = corpus.stale(settings)
        if stale:
            from compare.pipeline import compare_by_story
            from compare.stories import assemble

            self.call_from_thread(
                self.notify,
                f"{len(stale)} of {len(corpus)} stories were labelled under other settings: "
                "comparing the corpus again before it is written…",
                title="Export",
                markup=False,
            )
            results = list(
                compare_by_story(
                    corpus.documents, corpus.stories, settings=settings, runner=self.runner
                )
            )
            comparison = assemble(results)
            self.call_from_thread(self._store_stories, results)
        else:
            comparison = corpus.whole()
        self._write_and_say(
            comparison,
            request,
            force=force,
            notify=partial(self.call_from_thread, self.notify),
            scope=f"Every story ({len(corpus)}). ",
        )

    def _store_stories(self, results: Iterable[StoryResult]) -> None:
        assert self.corpus is not None
        for result in results:
            self.corpus.store(result)

    def _write_and_say(
        self,
        comparison: Comparison,
        request: ExportRequest,
        *,
        force: bool,
        notify: Callable[..., object],
        scope: str = "",
    ) -> None:
        """Write the export's files and say what was written (or why it failed)."""
        files = export.export_files(request.path, request.fmt, request.table)
        written: list[Path] = []
        try:
            for path, _ in files:  # every file checked before the first is written
                export.check_export_path(path, force=force)
            for path, table in files:
                text = export.render(
                    comparison,
                    request.fmt,
                    table=table,
                    runner=self.runner,
                    excel=request.excel,
                )
                written.append(export.write_atomic(path, text, force=force))
        except SynopsisError as error:
            notify(
                one_line(str(error)),
                title="Export failed",
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        if len(written) > 1:
            shown = ", ".join(one_line(str(path)) for path in written)
            message = f"Wrote each table to its own file: {shown}"
        else:
            what = (
                "every table"
                if not export.FORMAT_INFO[request.fmt].tables or request.table == "all"
                else f"the {request.table} table"
            )
            message = f"Wrote {what} to {one_line(str(written[0]))}"
        notify(scope + message, title=f"Exported {FORMAT_NAMES[request.fmt]}", markup=False)

    # -- the rest -------------------------------------------------------------------------------

    def quit_app(self) -> None:
        self.exit(self._exit_code, return_code=self._exit_code)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every reading action by name in the command palette, from the bindings themselves."""
        yield from super().get_system_commands(screen)
        if not isinstance(screen, ReaderScreen) or screen.story is None:
            return
        seen: set[str] = set()
        for entry in ReaderScreen.BINDINGS:
            assert isinstance(entry, Binding)
            if entry.action in seen or entry.key.isdigit() or entry.action == "quit":
                continue
            if entry.action == "stories" and self.corpus is None:
                continue
            seen.add(entry.action)
            key = self.get_key_display(entry.with_key(entry.key.split(",")[0]))
            help_text = f"{entry.tooltip} ({key})" if entry.tooltip else f"Key: {key}"
            yield SystemCommand(
                entry.description, help_text, partial(screen.run_action, entry.action)
            )
        for article_id in screen.story.ids:
            title = screen.story.article(article_id).title
            yield SystemCommand(
                f"Go to source {article_id}",
                as_markup(title),  # the palette reads a hit's help as markup
                partial(screen.go_to_article, article_id),
                discover=False,
            )
        for label in (None, *LABELS):
            name = (
                "Show all labels"
                if label is None
                else f"Show only {LABEL_SYMBOLS[label]} {label} claims"
            )
            yield SystemCommand(
                f"Filter: {name}", "Filter the panes by label", partial(screen.set_filter, label)
            )


def run(
    sources: list[str],
    settings: Settings = DEFAULTS,
    *,
    sort: str = "given",
    refresh: bool = False,
    runner: Runner = AUTO,
    stories: str = "auto",
) -> int:
    """Open the app on some sources; return the exit status for the shell.

    Args:
        sources: Paths, folders or URLs, in the order to compare.
        settings: Thresholds and method for the comparison.
        sort: ``given`` or ``date``: the order of the articles.
        refresh: Fetch URLs again instead of using the cache.
        runner: Where comparisons run (from ``--jobs``).
        stories: ``--stories``: compare story by story ``on``, never (``off``), or from
            ``STORIES_FROM`` articles (``auto``).

    Returns:
        0 after a normal quit, 2 when nothing could be compared (as the CLI).
    """
    app = SynopsisApp(sources, settings, sort=sort, refresh=refresh, runner=runner, stories=stories)
    result = app.run()
    if app.return_code:
        return app.return_code
    return result or EXIT_OK
