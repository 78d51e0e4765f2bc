"""How synopsis scales: corpora of 50, 200 and 2,000 synthetic articles, exported end to end.

Run: ``python benchmarks/scale.py`` (``--sizes 50 200`` for a quicker look). Each size runs in a
child process so its peak memory (resident set size) is its own. For each corpus it prints the
wall time of load → compare → JSON export, the peak memory, how many claim pairs were scored,
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
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ALL_PAIRS_FEASIBLE = 3_000_000
"""Cross pairs up to which the all-pairs comparison is also run, for recall and speed-up."""


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
    started = time.perf_counter()
    analysis, _ = load_and_compare(sources, settings=DEFAULTS)
    comparison = label_analysis(analysis, DEFAULTS)
    write_atomic(folder.with_suffix(".json"), render(comparison, "json"), force=True)
    seconds = time.perf_counter() - started

    article_of = np.fromiter((a for a, _ in analysis.claim_refs), dtype=np.int64)
    scored = len(analysis.scores.left)
    all_pairs = count_cross_pairs(article_of)
    result: dict[str, object] = {
        "articles": articles,
        "claims": len(analysis.claim_refs),
        "seconds": round(seconds, 2),
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

        exhaustive = DEFAULTS.with_changes(all_pairs_up_to=all_pairs)
        indexed_started = time.perf_counter()
        analyse(analysis.documents, settings=DEFAULTS)
        indexed_seconds = time.perf_counter() - indexed_started
        all_started = time.perf_counter()
        full = analyse(analysis.documents, settings=exhaustive)
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
    result["peak_mb"] = round(usage.ru_maxrss / 1024, 1)  # ru_maxrss is in KiB on Linux
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
