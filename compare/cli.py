"""The ``synopsis`` command's engine side: read the arguments, export a comparison, and hand
over to the app when one is given (``tui.cli`` is the console script; it passes the app in, so
the engine never imports the screen)."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import NoReturn, TextIO

from .demos import DEFAULT_DEMO, demo_folder, demo_names
from .errors import SynopsisError, visible
from .export import (
    DEFAULT_TABLE,
    FORMAT_INFO,
    FORMATS,
    TABLES,
    Format,
    Table,
    check_export_path,
    export_files,
    format_for_path,
    render,
    stream_jsonl,
    write_atomic,
    write_lines_atomic,
)
from .results import Document
from .runner import Runner
from .settings import DEFAULTS, METHODS, STORIES_FROM, Settings
from .version import __version__

EXAMPLES = """\
examples:
  synopsis --demo                                  open the app on a bundled story
  synopsis samples/harbor-bridge                   open the app on a story set
  synopsis a.md b.txt https://example.org/story    mix files and web pages
  synopsis --export report.html samples/harbor-bridge
  synopsis --export - --format csv --table summary samples/harbor-bridge
"""


class _Parser(argparse.ArgumentParser):
    """argparse, with control characters of the arguments it quotes shown as symbols (a file
    name starting with ``-`` that holds escape sequences reaches its error message)."""

    def error(self, message: str) -> NoReturn:
        super().error(visible(message))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="synopsis",
        description="Compare several articles about one story: what all sources say, "
        "what each one copied, reworded or added on its own.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help="article files (.txt, .md, .html), folders of them, URLs, or - for standard input",
    )
    parser.add_argument(
        "--demo",
        nargs="?",
        const=DEFAULT_DEMO,
        metavar="STORY",
        help=f"compare a bundled story set instead of sources, from any folder (default "
        f"{DEFAULT_DEMO}; also {', '.join(n for n in demo_names() if n != DEFAULT_DEMO)})",
    )
    out = parser.add_argument_group("export (writes the comparison and exits, no app)")
    out.add_argument(
        "--export",
        metavar="PATH",
        help="file to write (format from its extension), or - for stdout",
    )
    out.add_argument("--format", choices=FORMATS, help="export format (needed with --export -)")
    out.add_argument(
        "--table",
        choices=TABLES,
        help="which table: summary, claims, matrix or all (CSV and Markdown; default claims "
        "for CSV, all for Markdown; all as CSV writes one file per table: out.csv "
        "gives out-summary.csv, out-claims.csv and out-matrix.csv)",
    )
    out.add_argument("--force", action="store_true", help="overwrite an existing export file")
    out.add_argument(
        "--excel",
        action="store_true",
        help="CSV for Excel: begin with a UTF-8 byte order mark, so Excel on Windows reads "
        "curly quotes, dashes and accents right",
    )
    tune = parser.add_argument_group("matching (defaults in compare/settings.py)")
    tune.add_argument(
        "--method",
        choices=METHODS,
        default=DEFAULTS.method,
        help="similarity signal (default: %(default)s)",
    )
    tune.add_argument(
        "--paraphrase-at",
        type=_unit_float,
        default=DEFAULTS.paraphrase_at,
        metavar="P",
        help="probability from which two claims count as the same claim (default: %(default)s)",
    )
    tune.add_argument(
        "--shared-at",
        type=_unit_float,
        default=DEFAULTS.shared_at,
        metavar="S",
        help="share of a claim copied word for word that makes it shared (default: %(default)s)",
    )
    tune.add_argument(
        "--verbatim-words",
        type=int,
        default=DEFAULTS.verbatim_words,
        metavar="N",
        help="a copied run this long is shared even in a longer sentence (default: %(default)s)",
    )
    parser.add_argument(
        "--sort",
        choices=("given", "date"),
        default="given",
        help="article order (default: as given)",
    )
    parser.add_argument(
        "--refresh", action="store_true", help="fetch URLs again instead of using the cache"
    )
    parser.add_argument(
        "--jobs",
        type=_positive_int,
        default=None,
        metavar="N",
        help="processes to use, in the app too (default: every core for work big enough to "
        "need them); the result is the same whatever N is",
    )
    big = parser.add_argument_group("large corpora")
    big.add_argument(
        "--stories",
        choices=("auto", "on", "off"),
        default="auto",
        help=f"group the articles into stories and compare each story on its own: auto (from "
        f"{STORIES_FROM} articles), on or off (default: %(default)s)",
    )
    big.add_argument(
        "--cluster",
        metavar="ADDRESS",
        help="run the stories on a Dask cluster: a scheduler's address (tcp://host:8786), or "
        "local for worker processes here (--jobs of them); needs synopsis[dask]",
    )
    parser.add_argument("--version", action="version", version=f"synopsis {__version__}")
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is less than 1")
    return value


def _unit_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 1")
    return value


class StderrProgress:
    """A one-line progress bar with counts and time left, redrawn at most ten times a second."""

    WIDTH = 24

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.stage = ""
        self.started = time.monotonic()
        self.drawn = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage != self.stage:
            self.stage, self.started = stage, now
        elif now - self.drawn < 0.1 and done < total:
            return
        self.drawn = now
        fraction = done / total if total else 1.0
        filled = round(fraction * self.WIDTH)
        elapsed = now - self.started
        left = (
            f", {elapsed / fraction - elapsed:.0f} s left"
            if 0 < fraction < 1 and elapsed > 1
            else ""
        )
        bar = "█" * filled + "·" * (self.WIDTH - filled)
        self.stream.write(f"\r{stage:>9} {bar} {done:,}/{total:,}{left}\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\r\x1b[K")
        self.stream.flush()


class Terminated(BaseException):
    """SIGTERM arrived: raised in the main thread so that files being written are cleaned up
    (a BaseException, like KeyboardInterrupt, so that no `except Exception` swallows it)."""


@contextmanager
def sigterm_as_exception() -> Iterator[None]:
    """Turn SIGTERM into :class:`Terminated` while the command runs.

    By default SIGTERM ends the process on the spot, leaving an export's temporary file behind;
    as an exception it unwinds like Ctrl-C does, through every ``finally``. Forked workers
    inherit the handler, so it only raises in this process and lets a worker die as usual.
    """
    owner = os.getpid()

    def handler(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != owner:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise Terminated

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (an embedding program): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def say(line: str) -> None:
    """One line on standard error, every control character of the input shown as a symbol."""
    print("\n".join(visible(part) for part in line.split("\n")), file=sys.stderr)


def unknown_option(parser: argparse.ArgumentParser, extra: Sequence[str]) -> str:
    """One line for arguments the parser did not take: the closest option for a typo."""
    options = [o for action in parser._actions for o in action.option_strings if o.startswith("--")]
    for argument in extra:
        if argument.startswith("-") and argument != "-":
            name = argument.split("=", 1)[0]
            import difflib  # only for a mistyped option

            close = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]}?" if close else " (synopsis --help lists them)"
            return f"unknown option {name}{hint}"
    return f"unrecognized arguments: {' '.join(extra)}"


OpenApp = Callable[[list[str], Settings, str, bool, Runner, str], int]
"""Opens the reading app on sources (with settings, sort order, refresh, the runner made from
``--jobs`` and the ``--stories`` choice) and returns its exit status. The engine never imports
the app: ``tui.cli`` passes this in."""


def main(argv: Sequence[str] | None = None, *, open_app: OpenApp | None = None) -> int:
    """Run the command; return the exit status (0 ok, 2 bad input or nothing to compare).

    Args:
        argv: The arguments (default: the process's).
        open_app: What opens the app at a terminal when no export is asked for; without it
            (the engine on its own, ``python -m compare.cli``), the summary table is printed.
    """
    parser = build_parser()
    # Known arguments first: a mistyped option must not turn its value into a source.
    args, extra = parser.parse_known_args(argv)
    if extra:
        say(f"synopsis: error: {unknown_option(parser, extra)}")
        return 2
    try:
        return _run(args, open_app)
    except SynopsisError as error:
        say(f"synopsis: error: {error}")
        return 2
    except KeyboardInterrupt:
        say("synopsis: interrupted")
        return 130
    except Terminated:
        say("synopsis: terminated")
        return 128 + signal.SIGTERM
    except BrokenPipeError:  # `synopsis ... | head` closed the pipe: not an error worth a word
        sys.stderr.close()
        return 0


def _run(args: argparse.Namespace, open_app: OpenApp | None) -> int:
    if args.demo is not None:
        if args.sources:
            raise SynopsisError("give either sources or --demo, not both")
        args.sources = [str(demo_folder(args.demo))]
    if not args.sources:
        raise SynopsisError("name the articles to compare (files, folders, URLs), or try --demo")
    settings = Settings(
        paraphrase_at=args.paraphrase_at,
        shared_at=args.shared_at,
        verbatim_words=args.verbatim_words,
        method=args.method,
    )
    runner = Runner(jobs=args.jobs)  # the one place --jobs becomes where work runs
    if args.cluster is not None and args.export is None:
        raise SynopsisError("--cluster runs an export: give --export too")
    if args.export is None:
        if open_app is not None and sys.stdout.isatty() and sys.stdin.isatty():
            _check_sources_for_app(args.sources)
            return open_app(
                list(args.sources), settings, args.sort, args.refresh, runner, args.stories
            )
        # Not at a terminal (a pipe, a script, CI): print the summary table instead of the app.
        args.export, args.format = "-", args.format or "md"
        args.table = args.table or "summary"
    with sigterm_as_exception():  # not in the app: Textual restores the terminal its own way
        return _export(args, settings, runner)


def _export(args: argparse.Namespace, settings: Settings, runner: Runner) -> int:
    """Compare the sources and write (or print) the export the arguments ask for."""
    fmt = args.format or (None if args.export == "-" else format_for_path(args.export))
    if fmt is None:
        raise SynopsisError(f"--export - needs --format ({', '.join(FORMATS)})")
    info = FORMAT_INFO[fmt]
    if args.table and not info.tables:
        raise SynopsisError(f"--table applies to CSV and Markdown; {fmt} holds every table")
    if args.excel and fmt != "csv":
        raise SynopsisError(f"--excel applies to CSV; {fmt} is not opened by spreadsheets")
    table = args.table or DEFAULT_TABLE[fmt]
    if args.export == "-" and fmt == "csv" and table == "all":
        raise SynopsisError(
            "standard output holds one CSV table: choose --table summary, claims or matrix "
            "(with a file name, --table all writes one file per table)"
        )
    files = [] if args.export == "-" else export_files(args.export, fmt, table)
    for path, _ in files:  # a file that cannot be written is said before the work, not after
        check_export_path(path, force=args.force, probe=True)
    if args.cluster is None:
        return _compare_and_write(args, settings, runner, runner, fmt, table, files)
    from .cluster import cluster_runner

    with cluster_runner(args.cluster, workers=args.jobs) as on_cluster:
        return _compare_and_write(args, settings, runner, on_cluster, fmt, table, files)


def _compare_and_write(
    args: argparse.Namespace,
    settings: Settings,
    runner: Runner,
    stories_runner: Runner,
    fmt: Format,
    table: Table,
    files: list[tuple[Path, Table]],
) -> int:
    """Load, group, compare and write: JSON Lines story by story, other formats at the end.

    ``stories_runner`` runs the stories (a Dask cluster's, with ``--cluster``); everything
    else runs on ``runner``: a step whose pieces share one big piece of data (the articles to
    encode as JSON, a whole corpus's claims) would send all of it with every task.
    """
    from .pipeline import article_id, compare_loaded, load_documents, story_numbers

    progress = StderrProgress(sys.stderr) if sys.stderr.isatty() else None
    try:
        documents, problems = load_documents(
            args.sources, sort=args.sort, refresh=args.refresh, on_progress=progress
        )
        stories = story_numbers(documents, args.stories, on_progress=progress)
        if FORMAT_INFO[fmt].streams and stories is not None:
            _stream(args, documents, stories, settings, stories_runner, progress)
            comparison = None
        else:
            comparison = compare_loaded(
                documents,
                stories,
                settings=settings,
                on_progress=progress,
                runner=runner if stories is None else stories_runner,
            )
            if progress:
                progress("writing", 0, 1)
            texts = [
                render(comparison, fmt, table=part, runner=runner, excel=args.excel)
                for part in ([table] if args.export == "-" else [part for _, part in files])
            ]
    finally:
        if progress:
            progress.close()
    for problem in problems:
        say(f"synopsis: skipped {problem}")
    for number, document in enumerate(documents):
        for note in document.notes:
            say(f"synopsis: note: {article_id(number)} ({document.source}): {note}")
    if len(documents) == 1:
        say("synopsis: note: only one article: every claim is unique")
    if comparison is None:
        if args.export != "-":
            say(f"synopsis: wrote {args.export} ({len(documents)} articles)")
        return 0
    if args.export == "-":
        sys.stdout.write(texts[0])
        sys.stdout.flush()
        return 0
    for (path, _), text in zip(files, texts, strict=True):
        written = write_atomic(path, text, force=args.force)
        say(f"synopsis: wrote {written} ({len(comparison.articles)} articles)")
    return 0


def _stream(
    args: argparse.Namespace,
    documents: Sequence[Document],
    stories: Sequence[int],
    settings: Settings,
    runner: Runner,
    progress: StderrProgress | None,
) -> None:
    """Write a JSON Lines export story by story as the stories finish (never held whole)."""
    from .pipeline import compare_by_story, stage_progress

    results = compare_by_story(
        documents,
        stories,
        settings=settings,
        runner=runner,
        on_progress=stage_progress(progress, "stories"),
    )
    lines = stream_jsonl(results, articles=len(documents), stories=max(stories) + 1)
    if args.export == "-":
        for line in lines:
            sys.stdout.write(line)
        sys.stdout.flush()
    else:
        write_lines_atomic(args.export, lines, force=args.force)


def _check_sources_for_app(sources: Sequence[str]) -> None:
    """Fail before the app takes the terminal when there is nothing it could read.

    Raises:
        SynopsisError: standard input was named (the app needs the terminal), or no source
            names anything to read.
    """
    if "-" in sources:
        raise SynopsisError(
            "standard input (-) cannot be read while the app uses the terminal: "
            "save the text to a file, or use --export"
        )
    from .load import expand_sources

    readable, problems = expand_sources(sources)
    if not readable:
        if len(problems) == 1:
            raise SynopsisError(str(problems[0]))
        raise SynopsisError("no source could be loaded:\n  " + "\n  ".join(map(str, problems)))


if __name__ == "__main__":
    sys.exit(main())
