"""Labelling in several threads at once, as the app does when the reader re-labels quickly:
each thread must get exactly the comparison it would get alone."""

from __future__ import annotations

import json
import threading
from functools import cache

from compare.export import json_document
from compare.load import load_sources
from compare.pipeline import Analysis, analyse, label_analysis
from compare.settings import DEFAULTS
from tests.conftest import SAMPLES

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

        def run(job: tuple[str, float]) -> None:
            try:
                results[job] = exported(analysis(job[0]), job[1])
            except BaseException as error:  # reported below, with the job that raised it
                errors.append(error)

        threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert results == alone
