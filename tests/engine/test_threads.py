"""Labelling in several threads at once, as the app does when the reader re-labels quickly:
each thread must get exactly the comparison it would get alone."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from functools import cache
from pathlib import Path

import pytest

from compare.export import json_document
from compare.load import load_sources
from compare.pipeline import Analysis, analyse, label_analysis
from compare.runner import SERIAL, Runner, can_fork, start_method
from compare.settings import DEFAULTS
from tests.conftest import ROOT, SAMPLES

ROUNDS = 12


@cache
def analysis(story: str) -> Analysis:
    return analyse(load_sources([str(SAMPLES / story)]).documents)


def exported(found: Analysis, paraphrase_at: float) -> str:
    comparison = label_analysis(found, DEFAULTS.with_changes(paraphrase_at=paraphrase_at))
    return json.dumps(json_document(comparison))


def test_two_comparisons_labelled_at_once_in_threads_are_each_their_own() -> None:
    jobs = [("harbor-bridge", 0.5), ("vaccine-trial", 0.45), ("harbor-bridge", 0.6)]
    alone = {job: exported(analysis(job[0]), job[1]) for job in jobs}
    for _ in range(ROUNDS):
        results: dict[tuple[str, float], str] = {}
        errors: list[BaseException] = []

        def run(
            job: tuple[str, float],
            results: dict[tuple[str, float], str],
            errors: list[BaseException],
        ) -> None:
            try:
                results[job] = exported(analysis(job[0]), job[1])
            except BaseException as error:  # reported below, with the job that raised it
                errors.append(error)

        threads = [threading.Thread(target=run, args=(job, results, errors)) for job in jobs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert results == alone


@pytest.mark.skipif(not can_fork(), reason="worker processes are started on Linux only")
def test_processes_started_from_a_thread_come_from_a_fork_server_and_agree() -> None:
    """The app compares in a thread worker: forking a threaded process can deadlock, so pools
    opened there start their processes through a fork server, and must give the same result."""
    documents = load_sources([str(SAMPLES / "harbor-bridge")]).documents
    alone = json.dumps(json_document(label_analysis(analyse(documents, runner=SERIAL))))
    found: dict[str, object] = {}

    def run() -> None:
        try:
            found["start"] = start_method()
            two = Runner(jobs=2)
            comparison = label_analysis(analyse(documents, runner=two), runner=two)
            found["json"] = json.dumps(json_document(comparison))
        except BaseException as error:  # reported below
            found["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert "error" not in found, found.get("error")
    assert start_method() == "fork"
    assert found["start"] == "forkserver"
    assert found["json"] == alone


CAPTURED_STDERR_PROBE = """
import io, sys, threading
from compare.runner import Pool

def offset(data, piece):
    return data + piece

class Captured(io.StringIO):  # what an app that captures stderr (Textual) leaves in sys.stderr
    def fileno(self):
        return -1

if __name__ == "__main__":
    found = {}
    def run():
        sys.stderr = Captured()
        try:
            with Pool(10, processes=2) as pool:
                found["result"] = list(pool.map(offset, [1, 2, 3]))
        except BaseException as error:
            found["result"] = repr(error)
        finally:
            sys.stderr = sys.__stderr__
    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    print(found["result"])
"""


@pytest.mark.skipif(not can_fork(), reason="worker processes are started on Linux only")
def test_a_fork_server_starts_from_a_thread_while_stderr_is_captured(tmp_path: Path) -> None:
    """In a fresh process (the fork server starts once per process), as in the app: a thread
    opens a pool while sys.stderr is an object without a descriptor."""
    script = tmp_path / "probe.py"
    script.write_text(CAPTURED_STDERR_PROBE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[11, 12, 13]"
