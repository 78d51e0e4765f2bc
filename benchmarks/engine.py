"""Print the engine's wall time and peak memory for each sample set and a 50-article corpus.

Run: ``python benchmarks/engine.py``. Times are the best of three runs (machines here are
shared and noisy); peak memory is what Python and NumPy allocate during one run (tracemalloc,
measured in a separate run so its overhead does not distort the times).
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import SAMPLES, write_corpus
from compare.export import FORMATS, render
from compare.load import load_sources
from compare.pipeline import compare_documents


def best_time(work: Callable[[], object], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def peak_mb(work: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def measure(name: str, folder: Path) -> None:
    documents = load_sources([str(folder)]).documents
    claims = 0

    def compare() -> None:
        nonlocal claims
        comparison = compare_documents(documents)
        claims = sum(a.counts.claims for a in comparison.articles)

    comparison = compare_documents(documents)  # warm caches (Punkt, models) once, as the app does

    def export() -> None:
        for fmt in FORMATS:
            render(comparison, fmt)

    compare_s, export_s = best_time(compare), best_time(export)
    compare_mb, export_mb = peak_mb(compare), peak_mb(export)
    print(
        f"{name:<22} {len(documents):>4} articles {claims:>6} claims  "
        f"compare {compare_s * 1000:8.1f} ms  {compare_mb:7.1f} MB   "
        f"export (4 formats) {export_s * 1000:7.1f} ms  {export_mb:6.1f} MB"
    )


def main() -> None:
    started = time.perf_counter()
    load_sources([str(next(SAMPLES.iterdir()))])  # import and Punkt set-up, reported apart
    print(f"loading one sample set, first time: {(time.perf_counter() - started) * 1000:.0f} ms")
    for folder in sorted(p for p in SAMPLES.iterdir() if p.is_dir()):
        measure(folder.name, folder)
    with tempfile.TemporaryDirectory() as scratch:
        write_corpus(Path(scratch), 50)
        measure("synthetic-50", Path(scratch))


if __name__ == "__main__":
    main()
