"""The command as a newcomer meets it (issue 14): problems said before any work, typos named."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from compare.cli import main
from tests.conftest import ROOT

STORY = str(ROOT / "tests/engine/data/golden_story")


def test_an_existing_export_is_refused_before_the_comparison(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("keep me", encoding="utf-8")
    # A missing source beside a good one: had the comparison run, it would say "skipped".
    assert main(["--export", str(target), STORY, str(tmp_path / "missing.md")]) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "skipped" not in err
    assert err.count("\n") == 1
    assert target.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize(
    ("name", "problem"),
    [("no-folder/out.csv", "does not exist"), ("a-folder", "is a folder")],
)
def test_an_export_path_that_cannot_be_written_is_refused_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, problem: str
) -> None:
    (tmp_path / "a-folder").mkdir()
    target = tmp_path / name
    assert main(["--export", str(target), "--format", "csv", STORY, str(tmp_path / "x.md")]) == 2
    err = capsys.readouterr().err
    assert problem in err and "skipped" not in err


def test_a_mistyped_option_names_the_closest_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--exprot", "out.html", STORY]) == 2
    err = capsys.readouterr().err
    assert err == "synopsis: error: unknown option --exprot; did you mean --export?\n"
    assert main(["--mehtod=lexical", STORY]) == 2
    assert "did you mean --method?" in capsys.readouterr().err
    assert main(["--zzzzzz", STORY]) == 2
    assert "unknown option --zzzzzz (synopsis --help lists them)" in capsys.readouterr().err


def run_in_terminal(*args: str, timeout: float = 60) -> tuple[int | None, str]:
    """Run the console script (``tui.cli``, which can open the app) with a pseudo-terminal for
    input and output, as from a shell.

    Returns the exit status (None if it was still running at the timeout: the app was up, and
    is stopped) and everything it wrote, to the terminal and to standard error.
    """
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", *args],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        cwd=ROOT,
        env={**os.environ, "TERM": "xterm-256color"},
    )
    os.close(terminal)
    output = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        ready, _, _ = select.select([controller], [], [], 0.2)
        if ready:
            try:
                output += os.read(controller, 65536)
            except OSError:
                break
    status: int | None
    try:
        status = process.wait(timeout=max(0.5, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        status = None
        process.kill()
        process.wait()
    try:
        while select.select([controller], [], [], 0.1)[0]:
            chunk = os.read(controller, 65536)
            if not chunk:
                break
            output += chunk
    except OSError:
        pass
    os.close(controller)
    return status, output.decode("utf-8", "replace")


def test_nothing_to_read_fails_before_the_app_opens_with_the_cli_code(tmp_path: Path) -> None:
    status, output = run_in_terminal(str(tmp_path / "missing.md"))
    assert status == 2, output
    assert "missing.md: no such file or folder" in output
    assert "\x1b[?1049h" not in output, "the app took the screen"


def test_standard_input_in_the_app_is_refused_before_it_opens() -> None:
    status, output = run_in_terminal("-")
    assert status == 2, output
    assert "standard input (-) cannot be read while the app uses the terminal" in output


def test_every_table_as_csv_writes_one_file_per_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.csv"
    assert main(["--export", str(target), "--table", "all", "--method", "lexical", STORY]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "out-claims.csv", "out-matrix.csv", "out-summary.csv",
    ]  # fmt: skip
    for name, header in (("summary", "article,title"), ("claims", "article,index"),
                         ("matrix", "group,label,claim")):  # fmt: skip
        text = (tmp_path / f"out-{name}.csv").read_text(encoding="utf-8")
        assert text.startswith(header) and "\n# " not in text
    assert capsys.readouterr().err.count("synopsis: wrote") == 3


def test_every_table_as_csv_on_standard_output_is_a_clear_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--export", "-", "--format", "csv", "--table", "all", STORY]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "one CSV table" in err


def test_one_existing_file_of_three_stops_the_export_before_comparing(tmp_path: Path) -> None:
    (tmp_path / "out-matrix.csv").write_text("keep", encoding="utf-8")
    assert main(["--export", str(tmp_path / "out.csv"), "--table", "all", STORY]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out-matrix.csv"]


def test_excel_csv_begins_with_a_byte_order_mark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "for-excel.csv"
    assert main(["--export", str(target), "--excel", "--method", "lexical", STORY]) == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfarticle,index,")
    assert data.decode("utf-8-sig") == (tmp_path / "for-excel.csv").read_text("utf-8-sig")
    assert main(["--export", str(tmp_path / "x.md"), "--excel", STORY]) == 2
    assert "--excel applies to CSV" in capsys.readouterr().err
