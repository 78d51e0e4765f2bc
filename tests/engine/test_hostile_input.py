"""Hostile input (issue #13): nothing a file, a stream or a file name holds can crash the command,
exhaust memory, drive the terminal, reach a spreadsheet as a formula or a Markdown viewer as HTML,
or make an export replace something that is not a regular file.

Everything here is real: real files, FIFOs, devices, pipes and child processes. The web cases
(a bad charset, a server dripping its headers) live in ``test_web.py`` beside its local server;
the app's cases in ``tests/ui/test_app_hostile.py``.
"""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import json
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare import load
from compare.errors import SourceError, SynopsisError, visible
from compare.export import (
    CSV_TEXT_COLUMNS,
    FORMAT_INFO,
    FORMATS,
    FORMULA_STARTS,
    markdown_text,
    render,
    write_atomic,
)
from compare.load import is_synopsis_export, load_document, load_sources
from compare.pipeline import compare_sources
from compare.results import Comparison
from compare.settings import Settings
from tests.conftest import ROOT

LEXICAL = Settings(method="lexical")
STORY = ROOT / "tests/engine/data/golden_story"
ARTICLE = (
    "# Bridge reopens\n\nThe Harbor Bridge reopened on Tuesday after a two-year repair. "
    "The work cost $41 million, the city said. Traffic was light in the morning.\n"
)
MEMORY_CAP = 3 * 1024**3
"""Address space a child command may use: far more than a comparison needs, far less than an
unbounded read of /dev/zero would take (without the limit it ends in a MemoryError)."""


ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MALLOC_ARENA_MAX": "2"}
"""Numerical libraries reserve address space per core: keep the cap meaningful on any machine."""


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def synopsis(
    *args: str, stdin: object = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[bytes]:
    """The real command in a child process, its memory capped, its output as bytes."""
    result = subprocess.run(
        [sys.executable, "-m", "compare.cli", *args],
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        cwd=cwd,
        timeout=300,
        check=False,
        preexec_fn=_capped,
        env={**os.environ, "PYTHONPATH": str(ROOT), **ONE_THREAD},
    )
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    return result


def lines_of(stderr: bytes) -> list[str]:
    return stderr.decode("utf-8").splitlines()


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    result, problems = compare_sources([str(STORY)], settings=LEXICAL)
    assert problems == ()
    return result


# --------------------------------------------------------------------------------------------
# Size: every kind of source stops at the limit, with one line


def test_dev_zero_stops_at_the_limit_with_one_line() -> None:
    result = synopsis("--export", "-", "--format", "csv", "/dev/zero")
    assert result.returncode == 2
    assert lines_of(result.stderr) == [
        "synopsis: error: /dev/zero: is larger than 50 MB, the limit for one article"
    ]


def test_dev_zero_beside_an_article_is_skipped_and_the_article_compared(good: Path) -> None:
    result = synopsis(
        "--export", "-", "--format", "csv", "--table", "summary", "/dev/zero", str(good)
    )
    assert result.returncode == 0
    assert "synopsis: skipped /dev/zero: is larger than 50 MB" in result.stderr.decode()
    assert len(result.stdout.decode().splitlines()) == 2  # the header and the one article


def test_standard_input_from_dev_zero_stops_at_the_limit() -> None:
    with open("/dev/zero", "rb") as zero:
        result = synopsis("--export", "-", "--format", "csv", "-", stdin=zero)
    assert result.returncode == 2
    assert lines_of(result.stderr) == [
        "synopsis: error: standard input: is larger than 50 MB, the limit for one article"
    ]


def _feed(path_or_fd: str | int, data: bytes) -> threading.Thread:
    """Write data into a FIFO or a pipe from a thread, until the reader stops reading."""

    def write() -> None:
        try:
            with open(path_or_fd, "wb") as stream:
                for start in range(0, len(data), 65536):
                    stream.write(data[start : start + 65536])
        except (BrokenPipeError, OSError):
            pass  # the reader stopped at its limit and closed its end

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    """A 1 MB limit, so that the streams below stay small and quick."""
    monkeypatch.setattr(load, "MAX_SOURCE_BYTES", 1_000_000)
    return 1_000_000


def test_a_fifo_stops_at_the_limit(tmp_path: Path, small_limit: int) -> None:
    fifo = tmp_path / "stream.md"
    os.mkfifo(fifo)
    writer = _feed(str(fifo), b"The bridge is open. " * (2 * small_limit // 20))
    with pytest.raises(SourceError, match="is larger than 1 MB, the limit for one article"):
        load_document(str(fifo))
    writer.join(60)


def test_a_pipe_on_standard_input_stops_at_the_limit(small_limit: int) -> None:
    read_end, write_end = os.pipe()
    writer = _feed(write_end, b"The bridge is open. " * (2 * small_limit // 20))
    with open(read_end, "rb") as stream:
        loaded = load_sources(["-"], stdin=stream)
    writer.join(60)
    assert loaded.documents == ()
    assert [str(problem) for problem in loaded.problems] == [
        "standard input: is larger than 1 MB, the limit for one article"
    ]


def test_a_stream_just_under_the_limit_is_read(tmp_path: Path, small_limit: int) -> None:
    fifo = tmp_path / "stream.md"
    os.mkfifo(fifo)
    body = ARTICLE.encode() * (small_limit // len(ARTICLE) - 1)
    writer = _feed(str(fifo), body)
    document = load_document(str(fifo))
    writer.join(60)
    assert document.title == "Bridge reopens"


def test_ctrl_c_stops_the_command_reading_an_endless_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "endless.md"
    os.mkfifo(fifo)
    child = subprocess.Popen(
        [sys.executable, "-m", "compare.cli", "--export", "-", "--format", "csv", str(fifo)],
        cwd=ROOT,
        env={**os.environ, **ONE_THREAD},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_capped,
    )
    try:
        with open(fifo, "wb") as stream:  # opens once the command has opened the FIFO to read
            stream.write(b"The bridge is open. " * 1000)
            stream.flush()
            child.send_signal(signal.SIGINT)
            while child.poll() is None:  # keep it fed: the read never ends by itself
                stream.write(b"The bridge is open. " * 1000)
    except BrokenPipeError:
        pass  # the command stopped reading
    _, stderr = child.communicate(timeout=120)
    assert child.returncode == 130
    assert b"Traceback" not in stderr
    assert stderr.decode().splitlines() == ["synopsis: interrupted"]


# --------------------------------------------------------------------------------------------
# Control characters: never raw on the terminal, stripped from article text


ESCAPES = "x\x1b]2;TITLE\x07\x1b[2J\x9b31m.md"
"""Retitles the terminal, clears the screen, and a one-character CSI (U+009B)."""


def _no_controls(text: str) -> None:
    raw = [c for c in text if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F]
    assert raw == [], raw


def test_escape_sequences_in_a_file_name_never_reach_stderr(tmp_path: Path, good: Path) -> None:
    hostile = tmp_path / ESCAPES
    hostile.write_bytes(b"")  # empty: skipped, and named in the message
    result = synopsis("--export", "-", "--format", "csv", str(hostile), str(good))
    assert result.returncode == 0
    stderr = result.stderr.decode()
    _no_controls(stderr)
    assert f"skipped {tmp_path}/x␛]2;TITLE␇␛[2J�31m.md: holds no text" in stderr


def test_escape_sequences_in_a_file_name_never_reach_the_printed_summary(
    tmp_path: Path,
) -> None:
    hostile = tmp_path / ESCAPES
    hostile.write_text(ARTICLE, encoding="utf-8")
    result = synopsis(str(hostile))  # no terminal: the summary table is printed
    assert result.returncode == 0
    _no_controls(result.stdout.decode())
    _no_controls(result.stderr.decode())
    assert "x␛\\]2;TITLE␇␛\\[2J�31m.md" in result.stdout.decode()


def test_an_error_quoting_an_export_path_shows_its_controls(tmp_path: Path, good: Path) -> None:
    result = synopsis("--export", str(tmp_path / "no\x1b[2J" / "out.csv"), str(good))
    assert result.returncode == 2
    _no_controls(result.stderr.decode())
    assert "no␛[2J" in result.stderr.decode()


def test_escape_sequences_in_an_argument_never_reach_argparse_errors() -> None:
    hostile = "--\x1b]2;TITLE\x07\x1b[2J.md"  # a file name a shell glob passed as an option
    result = synopsis("--export", "-", "--format", "csv", str(STORY), hostile)
    assert result.returncode == 2
    _no_controls(result.stderr.decode())
    assert "--␛]2;TITLE␇␛[2J.md" in result.stderr.decode()


@pytest.mark.parametrize("suffix", [".md", ".txt", ".html"])
def test_c0_and_c1_controls_in_article_text_are_stripped(
    tmp_path: Path, good: Path, suffix: str
) -> None:
    controls = "\x9b\x9d\x9c\x1b\x85\x07\x90"
    hostile = tmp_path / f"hostile{suffix}"
    text = (
        f"# Bridge {controls}31m reopens\n\nThe Harbor{controls} Bridge reopened on Tuesday "
        "after a two-year repair. The work cost $41 million, the city said.\n"
    )
    if suffix == ".html":
        paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines()[2:] * 4)
        text = (
            f"<html><head><title>Bridge {controls}31m reopens</title></head><body><article>"
            f"<h1>Bridge {controls}31m reopens</h1>{paragraphs}</article></body></html>"
        )
    hostile.write_text(text, encoding="utf-8")
    result, problems = compare_sources([str(hostile), str(good)], settings=LEXICAL)
    assert problems == ()
    assert result.articles[0].title.endswith("Bridge 31m reopens")  # .txt keeps its "# "
    for fmt in FORMATS:
        output = render(result, fmt)  # type: ignore[arg-type]
        _no_controls(output)
        assert "Harbor Bridge reopened" in output


def test_visible_shows_every_control_as_one_symbol() -> None:
    assert visible("a\x1b[2J\x07\x9b\x7f\r\n\udcff") == "a␛[2J␇�␡␍␊�"
    assert visible("line\nnext\tcell\x1b", lines=True) == "line\nnext\tcell␛"


@given(st.text())
def test_visible_keeps_the_length_and_leaves_nothing_unprintable(text: str) -> None:
    shown = visible(text)
    assert len(shown) == len(text)
    _no_controls(shown.replace("\n", "").replace("\t", ""))
    shown.encode("utf-8")  # lone surrogates are gone too


# --------------------------------------------------------------------------------------------
# File names that are not UTF-8


def _undecodable(tmp_path: Path) -> Path:
    name = os.fsdecode(b"caf\xe9-\xff\xfe.md")  # Latin-1 bytes: surrogate escapes in Python
    path = tmp_path / name
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_file_name_that_is_not_utf8_exports_to_a_file(
    tmp_path: Path, good: Path, fmt: str
) -> None:
    odd = _undecodable(tmp_path)
    target = tmp_path / f"out.{fmt}"
    table = {"csv": ("--table", "summary"), "md": ("--table", "all")}.get(fmt, ())
    result = synopsis("--export", str(target), *table, str(odd), str(good))
    assert result.returncode == 0
    text = target.read_text(encoding="utf-8")  # valid UTF-8
    if fmt == "json":
        assert json.loads(text)["articles"][0]["path"] == str(odd)  # exactly as given
    elif fmt == "jsonl":  # the settings line, then the comparison's line
        assert json.loads(text.splitlines()[1])["articles"][0]["path"] == str(odd)
    elif fmt != "html":  # the HTML page does not show paths
        assert "caf�-��.md" in text


def test_a_file_name_that_is_not_utf8_exports_to_standard_output(
    tmp_path: Path, good: Path
) -> None:
    odd = _undecodable(tmp_path)
    for fmt in FORMATS:
        result = synopsis("--export", "-", "--format", fmt, str(odd), str(good))
        assert result.returncode == 0
        result.stdout.decode("utf-8")


# --------------------------------------------------------------------------------------------
# CSV: no formula reaches a spreadsheet


FORMULAS = (
    '=HYPERLINK("http://attacker.invalid","click")',
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "\tTab first",
    "\rCarriage return first",
    "＝1+1",
)


def _with_texts(comparison: Comparison, title: str, source: str, text: str) -> Comparison:
    """The comparison with the first article's title, source and every sentence replaced."""
    first = comparison.articles[0]
    sentences = tuple(dataclasses.replace(s, text=text) for s in first.sentences)
    first = dataclasses.replace(
        first, title=title, source=source, outlet=text, date=text, sentences=sentences
    )
    return dataclasses.replace(comparison, articles=(first, *comparison.articles[1:]))


def _csv_tables(comparison: Comparison) -> dict[str, list[dict[str, str]]]:
    """Every CSV table of a comparison (one file each), as dicts."""
    return {
        name: _csv_rows(render(comparison, "csv", table=name))["table"]
        for name in ("summary", "claims", "matrix")
    }


def _csv_rows(text: str) -> dict[str, list[dict[str, str]]]:
    """Each table of a CSV export (titled ``# name`` when there are several) as dicts."""
    tables: dict[str, list[dict[str, str]]] = {}
    name, header = "table", None
    for row in csv.reader(io.StringIO(text, newline="")):
        if not row:
            continue
        if len(row) == 1 and row[0].startswith("# "):
            name, header = row[0][2:], None
        elif header is None:
            header = row
            tables[name] = []
        else:
            tables[name].append(dict(zip(header, row, strict=True)))
    return tables


@pytest.mark.parametrize("formula", FORMULAS)
def test_formulas_in_titles_names_and_texts_are_neutralised_in_every_csv_table(
    comparison: Comparison, formula: str
) -> None:
    hostile = _with_texts(comparison, formula, formula, formula)
    tables = _csv_tables(hostile)
    assert set(tables) == {"summary", "claims", "matrix"}
    for name, rows in tables.items():
        for row in rows:
            for cell in row.values():
                assert not cell.startswith(FORMULA_STARTS), (name, cell)
    summary = tables["summary"][0]
    for column in ("title", "source", "outlet", "date"):  # the text, with at most a quote
        assert summary[column].removeprefix("'") == visible(formula, lines=True)


def test_our_own_numbers_stay_numbers_in_csv(comparison: Comparison) -> None:
    hostile = _with_texts(comparison, "-5 degrees", "-1.md", "-3 people were hurt.")
    tables = _csv_tables(hostile)
    for row in tables["summary"]:
        for column in ("claims", "shared", "uniqueness", "unique_share"):
            float(row[column])
    for row in tables["claims"]:
        int(row["index"])
        if row["score"]:
            assert 0.0 <= float(row["score"]) <= 1.0
    assert tables["claims"][0]["text"] == "'-3 people were hurt."


def test_the_neutralised_csv_columns_are_the_text_columns_from_the_input() -> None:
    assert CSV_TEXT_COLUMNS == {
        "summary": ("title", "source", "outlet", "date"),
        "claims": ("conflict", "text"),
        "matrix": ("claim",),
    }


# --------------------------------------------------------------------------------------------
# Markdown: no live HTML, no link, no broken table


def test_html_in_names_and_texts_is_escaped_in_markdown(comparison: Comparison) -> None:
    hostile = _with_texts(
        comparison, "e<t>.txt", "<img src=x onerror=alert(1)>.md", "<svg onload=alert(1)> & co"
    )
    text = render(hostile, "md")
    assert "<svg" not in text and "<img" not in text and "e<t>" not in text
    assert "&lt;svg onload=alert(1)&gt; &amp; co" in text
    assert "e&lt;t&gt;.txt" in text


def test_links_and_emphasis_in_texts_show_as_written_in_markdown() -> None:
    assert markdown_text("[click](javascript:alert(1))") == "\\[click\\](javascript:alert(1))"
    assert markdown_text("<http://x.invalid>") == "&lt;http://x.invalid&gt;"
    assert markdown_text("**bold** `code` _it_ snake_case") == (
        "\\*\\*bold\\*\\* \\`code\\` \\_it\\_ snake_case"
    )


@pytest.mark.parametrize("name", ["a\rb.md", "a\nb.md", "a\r\nb.md", "a|b.md", "a\u2028b.md"])
def test_a_line_break_or_pipe_in_a_file_name_never_breaks_a_markdown_table(
    comparison: Comparison, name: str
) -> None:
    hostile = _with_texts(comparison, name, name, name)
    _markdown_tables_hold(render(hostile, "md"), hostile)


def _markdown_tables_hold(text: str, comparison: Comparison) -> None:
    """Every table row is one line with as many unescaped pipes as its header."""
    lines = text.split("\n")
    assert "\r" not in text
    for header_at, line in enumerate(lines):
        if not line.startswith("| article |") and not line.startswith("| group |"):
            continue
        cells = _cells(line)
        row_at = header_at + 2
        while row_at < len(lines) and lines[row_at]:
            assert lines[row_at].startswith("| ") and lines[row_at].endswith(" |"), lines[row_at]
            assert _cells(lines[row_at]) == cells, lines[row_at]
            row_at += 1
    assert text.count("\n- **") == len(comparison.articles)


def _cells(line: str) -> int:
    count, escaped = 0, False
    for char in line:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            count += 1
    return count


# --------------------------------------------------------------------------------------------
# Any Unicode through every export


any_text = st.text(st.characters(codec=None, exclude_categories=()), min_size=0, max_size=40)
"""Any code point: controls, C1, lone surrogates, combining marks, markup, right-to-left."""


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=any_text, source=any_text, text=any_text.filter(lambda t: t.strip()))
def test_any_unicode_goes_through_every_export(
    comparison: Comparison, title: str, source: str, text: str
) -> None:
    hostile = _with_texts(comparison, title, source, text)
    for fmt in FORMATS:
        output = render(hostile, fmt)  # type: ignore[arg-type]
        output.encode("utf-8")  # writable as it is
        _no_controls(output)
        if fmt in ("json", "jsonl"):
            document = json.loads(output.splitlines()[1] if fmt == "jsonl" else output)
            first = document["articles"][0]
            assert (first["title"], first["path"]) == (title, source)  # lossless
            assert {s["text"] for s in first["sentences"]} == {text}
        elif fmt == "md":
            _markdown_tables_hold(output, hostile)
            assert "<" not in output.replace("<!--", "")
        elif fmt == "csv":
            for rows in _csv_tables(hostile).values():
                for row in rows:
                    assert not any(cell.startswith(FORMULA_STARTS) for cell in row.values())
        else:
            assert html.escape(visible(title, lines=True)) in output


@pytest.mark.parametrize("fmt", FORMATS)
def test_surrogates_in_a_name_write_to_a_file_in_every_format(
    comparison: Comparison, tmp_path: Path, fmt: str
) -> None:
    name = os.fsdecode(b"\xff\xfe-\x1b[2J.md")
    hostile = _with_texts(comparison, name, name, "A claim \udcff here.")
    target = write_atomic(tmp_path / f"out.{fmt}", render(hostile, fmt))  # type: ignore[arg-type]
    target.read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Our own exports are never read back as articles


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("report.md", ()),
        ("report.html", ()),
        ("report.txt", ("--format", "csv", "--table", "summary")),
        ("report.markdown", ("--format", "json")),
        ("summary.md", ("--format", "md", "--table", "summary")),
    ],
)
def test_an_export_written_into_the_input_folder_is_not_read_back(
    tmp_path: Path, name: str, extra: tuple[str, ...]
) -> None:
    folder = tmp_path / "story"
    shutil.copytree(STORY, folder)
    first = synopsis("--export", "-", "--format", "json", "--method", "lexical", str(folder))
    assert synopsis("--export", str(folder / name), *extra, str(folder)).returncode == 0
    again = synopsis("--export", "-", "--format", "json", "--method", "lexical", str(folder))
    assert again.returncode == 0
    assert f"skipped {folder / name}: is an export written by synopsis, not an article" in (
        again.stderr.decode()
    )
    before, after = json.loads(first.stdout), json.loads(again.stdout)
    assert [a["path"] for a in after["articles"]] == [a["path"] for a in before["articles"]]
    assert [a["shares"] for a in after["articles"]] == [a["shares"] for a in before["articles"]]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("table", ["summary", "claims", "matrix", "all"])
def test_every_export_is_recognised(comparison: Comparison, fmt: str, table: str) -> None:
    if (not FORMAT_INFO[fmt].tables and table != "all") or (fmt == "csv" and table == "all"):  # type: ignore[index]
        return  # JSON, JSON Lines and HTML hold every table; a CSV file holds one
    assert is_synopsis_export(render(comparison, fmt, table=table).encode())  # type: ignore[arg-type]


def test_articles_are_not_mistaken_for_exports() -> None:
    for path in [*STORY.iterdir(), *(ROOT / "samples/harbor-bridge").glob("*.md")]:
        assert not is_synopsis_export(path.read_bytes())
    assert not is_synopsis_export(b"# synopsis comparison\n\nA story about synopses.\n")


# --------------------------------------------------------------------------------------------
# What an export may replace


def test_force_never_replaces_a_fifo(tmp_path: Path, good: Path) -> None:
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    result = synopsis("--export", str(fifo), "--force", str(good))
    assert result.returncode == 2
    assert lines_of(result.stderr)[-1] == (
        f"synopsis: error: {fifo}: is a FIFO (named pipe), not a regular file: synopsis only "
        "writes exports to regular files (use --export - to write to standard output)"
    )
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(tmp_path.iterdir()) == sorted([good, fifo])  # no temporary file left either


@pytest.fixture
def device(tmp_path: Path) -> Iterator[Path]:
    """A character device of our own (a copy of /dev/null's numbers), where one can be made."""
    node = tmp_path / "out.csv"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError) as error:
        pytest.skip(f"cannot make a device node here ({error})")
    yield node


def test_force_never_replaces_a_character_device(device: Path, good: Path) -> None:
    with pytest.raises(SynopsisError, match="is a device, not a regular file"):
        write_atomic(device, "text", force=True)
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_dangling_symlink_is_not_replaced_without_force(tmp_path: Path, good: Path) -> None:
    link = tmp_path / "out.csv"
    link.symlink_to(tmp_path / "missing.csv")
    result = synopsis("--export", str(link), str(good))
    assert result.returncode == 2
    assert "already exists (a symbolic link to a missing file; use --force" in (
        result.stderr.decode()
    )
    assert link.is_symlink() and not (tmp_path / "missing.csv").exists()
    assert synopsis("--export", str(link), "--force", str(good)).returncode == 0
    assert not link.is_symlink() and link.read_text(encoding="utf-8").startswith("article,")


def test_force_still_replaces_a_regular_file_and_a_symlink_to_one(
    tmp_path: Path, good: Path
) -> None:
    plain = tmp_path / "plain.csv"
    plain.write_text("old", encoding="utf-8")
    linked = tmp_path / "linked.csv"
    linked.symlink_to(plain)
    for target in (plain, linked):
        assert synopsis("--export", str(target), "--force", str(good)).returncode == 0
        assert target.read_text(encoding="utf-8").startswith("article,")


# --------------------------------------------------------------------------------------------
# SIGTERM while an export is written


SIGTERM_DURING_WRITE = """
import os, signal, sys
real_fsync = os.fsync
def fsync_then_terminated(fd):
    os.kill(os.getpid(), signal.SIGTERM)  # a real SIGTERM, while the temporary file is open
    real_fsync(fd)
os.fsync = fsync_then_terminated
from compare.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_sigterm_during_an_export_leaves_no_temporary_file(tmp_path: Path, good: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", SIGTERM_DURING_WRITE, "--export", str(out / "x.csv"), str(good)],
        cwd=ROOT,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 128 + signal.SIGTERM
    assert b"Traceback" not in result.stderr
    assert result.stderr.decode().splitlines()[-1] == "synopsis: terminated"
    assert list(out.iterdir()) == []


def test_line_and_paragraph_separators_never_split_a_json_lines_record() -> None:
    """U+2028, U+2029 and U+0085 end a line for Python's ``splitlines`` (and for some JSON
    Lines readers): inside a record they are escaped, so each line is one whole record. (Loading
    turns them into line breaks; a title given by a program can still hold them.)"""
    from dataclasses import replace

    from compare.export import render
    from compare.pipeline import compare_texts

    comparison = compare_texts(
        [
            "The ferry resumed service on Monday, the port said.\n",
            "The port said the ferry resumed service on Monday.\n",
        ]
    )
    title = "Ferry\u2028back\u2029on\x85Monday"
    first = replace(comparison.articles[0], title=title)
    comparison = replace(comparison, articles=(first, *comparison.articles[1:]))
    lines = render(comparison, "jsonl").splitlines()
    assert len(lines) == 2  # the header, then the comparison as one story
    record = json.loads(lines[1])
    assert record["articles"][0]["title"] == title
