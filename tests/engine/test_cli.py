"""The synopsis command as a user runs it: exports, standard output, errors and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from compare.cli import main
from tests.conftest import ROOT

STORY = str(ROOT / "tests/engine/data/golden_story")


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run the real command in a child process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "compare.cli", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("suffix", [".csv", ".md", ".json", ".html"])
def test_export_writes_the_format_of_the_extension(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"out{suffix}"
    assert main(["--export", str(target), STORY]) == 0
    text = target.read_text(encoding="utf-8")
    expected_start = {".csv": "article,", ".md": "# synopsis", ".json": "{", ".html": "<!DOCTYPE"}
    assert text.startswith(expected_start[suffix])


def test_export_to_stdout_needs_a_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--export", "-", STORY]) == 2
    assert "--format" in capsys.readouterr().err


def test_export_to_stdout_with_format_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--export", "-", "--format", "csv", "--table", "summary", STORY]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("article,title,source")
    assert [line[0] for line in lines[1:]] == ["A", "B", "C"]


def test_existing_export_is_kept_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("keep me", encoding="utf-8")
    result = run("--export", str(target), STORY)
    assert result.returncode == 2
    assert b"already exists" in result.stderr and b"Traceback" not in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    assert run("--export", str(target), "--force", STORY).returncode == 0
    assert json.loads(target.read_text(encoding="utf-8"))["articles"][0]["id"] == "A"


def test_missing_source_alone_is_an_error_in_one_line() -> None:
    result = run("--export", "-", "--format", "json", "no/such/file.md")
    assert result.returncode == 2
    assert (
        result.stderr.decode().strip() == "synopsis: error: no/such/file.md: no such file or folder"
    )


def test_skipped_source_is_named_and_the_rest_compared() -> None:
    result = run("--export", "-", "--format", "json", STORY, "no/such/file.md")
    assert result.returncode == 0
    assert b"skipped no/such/file.md: no such file or folder" in result.stderr
    assert len(json.loads(result.stdout)["articles"]) == 3


def test_standard_input_is_an_article() -> None:
    article = (
        b"# Piped\n\nThe Riverton council voted 7-2 on Tuesday to build a pedestrian bridge.\n"
    )
    result = run("--export", "-", "--format", "json", STORY, "-", stdin=article)
    assert result.returncode == 0, result.stderr
    articles = json.loads(result.stdout)["articles"]
    assert articles[-1]["path"] == "-" and articles[-1]["title"] == "Piped"


def test_without_a_terminal_the_summary_is_printed() -> None:
    result = run(STORY)
    assert result.returncode == 0
    assert b"| article | title |" in result.stdout


def test_bad_threshold_is_refused_by_the_parser() -> None:
    result = run("--paraphrase-at", "1.5", STORY)
    assert result.returncode == 2
    assert b"not between 0 and 1" in result.stderr


def test_jobs_must_be_a_positive_whole_number() -> None:
    result = run("--jobs", "0", STORY)
    assert result.returncode == 2
    assert b"less than 1" in result.stderr and b"Traceback" not in result.stderr


def test_export_is_the_same_on_one_process_and_on_two(tmp_path: Path) -> None:
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    assert main(["--jobs", "1", "--export", str(one), STORY]) == 0
    assert main(["--jobs", "2", "--export", str(two), STORY]) == 0
    assert one.read_bytes() == two.read_bytes()


def test_unknown_extension_is_an_error() -> None:
    result = run("--export", "out.docx", STORY)
    assert result.returncode == 2 and b"extension" in result.stderr


def test_installed_console_script_runs() -> None:
    script = Path(sys.executable).with_name("synopsis")
    if not script.exists():
        pytest.skip("synopsis is not installed in this environment")
    result = subprocess.run(
        [str(script), "--version"], capture_output=True, check=False, env=os.environ
    )
    assert result.returncode == 0 and result.stdout.startswith(b"synopsis ")
