"""How synopsis scales: corpora of 50, 200 and 2,000 synthetic articles, exported end to end.

Run: ``python benchmarks/scale.py`` (``--sizes 50 200`` for a quicker look). Each size runs in a
child process so its peak memory is its own (worker processes included: their proportional set
sizes are sampled and summed). For each corpus it prints the wall time of load → compare → JSON
export on every core, the peak memory, how many claim pairs were scored,
and, where scoring every pair is feasible, the share of the all-pairs links the index keeps and
the speed-up over all-pairs measured in the same run. Past that, the all-pairs time is estimated
from the scoring rate measured on the same corpus and said to be an estimate. The last line is
JSON for the largest corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ALL_PAIRS_FEASIBLE = 3_000_000
"""Cross pairs up to which the all-pairs comparison is also run, for recall and speed-up."""


def _pss_kb(pid: int) -> int:
    """Proportional set size of one process: shared pages split between their sharers, so the
    sum over a forked pool is the memory it really holds (resident sizes would count the pages
    workers inherit once per worker)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child_pid in map(int, children):
            found += [child_pid, *_descendants(child_pid)]
    return found


class MemorySampler(threading.Thread):
    """Samples the summed PSS of this process and its worker processes until stopped."""

    def __init__(self, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.every, self.peak_kb, self.stopped = every, 0, threading.Event()

    def run(self) -> None:
        me = os.getpid()
        while not self.stopped.wait(self.every):
            total = sum(_pss_kb(pid) for pid in [me, *_descendants(me)])
            self.peak_kb = max(self.peak_kb, total)


def child(articles: int, folder: Path) -> dict[str, object]:
    """Runs in the child: time the real export path, then all-pairs when feasible."""
    import numpy as np

    from benchmarks.corpus import write_corpus
    from compare.candidates import count_cross_pairs
    from compare.export import render, write_atomic
    from compare.label import find_links
    from compare.pipeline import label_analysis, load_and_compare
    from compare.settings import DEFAULTS

    write_corpus(folder, articles)
    sources = [str(folder)]
    sampler = MemorySampler()
    sampler.start()
    started = time.perf_counter()
    analysis, _ = load_and_compare(sources, settings=DEFAULTS)
    comparison = label_analysis(analysis, DEFAULTS)
    write_atomic(folder.with_suffix(".json"), render(comparison, "json"), force=True)
    seconds = time.perf_counter() - started
    sampler.stopped.set()
    sampler.join()

    article_of = np.fromiter((a for a, _ in analysis.claim_refs), dtype=np.int64)
    scored = len(analysis.scores.left)
    all_pairs = count_cross_pairs(article_of)
    result: dict[str, object] = {
        "articles": articles,
        "claims": len(analysis.claim_refs),
        "seconds": round(seconds, 2),
        "peak_mb_all_processes": round(sampler.peak_kb / 1024, 1),
        "pairs_scored": scored,
        "all_pairs": all_pairs,
    }

    def links(scores) -> set[tuple[int, int]]:
        return {(link.left, link.right) for link in find_links(scores, DEFAULTS)}

    if scored == all_pairs:
        result |= {
            "recall_vs_all_pairs": 1.0,
            "speedup_vs_all_pairs": 1.0,
            "note": "all pairs scored",
        }
    elif all_pairs <= ALL_PAIRS_FEASIBLE:
        from compare.pipeline import analyse
        from compare.runner import Runner, available_cores

        # Both on every core, so the speed-up is the index's alone.
        cores = Runner(jobs=available_cores())
        exhaustive = DEFAULTS.with_changes(all_pairs_up_to=all_pairs)
        indexed_started = time.perf_counter()
        analyse(analysis.documents, settings=DEFAULTS, runner=cores)
        indexed_seconds = time.perf_counter() - indexed_started
        all_started = time.perf_counter()
        full = analyse(analysis.documents, settings=exhaustive, runner=cores)
        all_seconds = time.perf_counter() - all_started
        wanted = links(full.scores)
        kept = links(analysis.scores) & wanted
        result |= {
            "recall_vs_all_pairs": round(len(kept) / len(wanted), 4) if wanted else 1.0,
            "speedup_vs_all_pairs": round(all_seconds / indexed_seconds, 1),
            "all_pairs_seconds": round(all_seconds, 1),
        }
    else:
        rate = scored / max(seconds, 1e-9)  # pairs per second of the whole indexed run
        result |= {
            "recall_vs_all_pairs": None,
            "speedup_vs_all_pairs": round(all_pairs / scored, 1),
            "note": f"all pairs ({all_pairs:,}) infeasible: speed-up estimated as pairs avoided "
            f"(all pairs would take ~{all_pairs / rate / 3600:.1f} h at this run's rate)",
        }
    return result


def run_size(articles: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / f"corpus-{articles}"
        process = subprocess.Popen(
            [sys.executable, __file__, "--child", str(articles), str(folder)],
            stdout=subprocess.PIPE,
            cwd=ROOT,
        )
        assert process.stdout is not None
        output = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"the {articles}-article run failed (exit {process.returncode})")
    result = json.loads(output.decode().strip().splitlines()[-1])
    # ru_maxrss (KiB on Linux) is the largest single process; with worker processes the peak
    # is the larger of that and the sampled sum of every process's proportional set size.
    result["peak_mb"] = max(round(usage.ru_maxrss / 1024, 1), result["peak_mb_all_processes"])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200, 2000])
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(int(args.child[0]), Path(args.child[1]))))
        return
    last: dict[str, object] = {}
    for size in args.sizes:
        last = run_size(size)
        recall = last["recall_vs_all_pairs"]
        recall_text = "n/a" if recall is None else f"{recall:.4f}"
        print(
            f"{last['articles']:>5} articles {last['claims']:>6} claims  "
            f"{last['seconds']:>7.1f} s  peak {last['peak_mb']:>7.1f} MB  "
            f"scored {last['pairs_scored']:>10,} of {last['all_pairs']:>13,} pairs  "
            f"recall vs all-pairs {recall_text}  speed-up {last['speedup_vs_all_pairs']}x"
            + (f"  ({last['note']})" if "note" in last else "")
        )
    keys = ("articles", "seconds", "peak_mb", "recall_vs_all_pairs", "speedup_vs_all_pairs")
    print(json.dumps({key: last[key] for key in keys}))


if __name__ == "__main__":
    main()
