"""How synopsis scales: synthetic corpora exported end to end by the real command line.

Run: ``python benchmarks/scale.py --sizes 2000 4000`` (default 50, 200, 2,000). Each corpus is
written once by ``benchmarks/corpus.py``; then ``python -m compare.cli --export out.json FOLDER``
runs in a child process and this process samples the proportional set size of the child and all
its descendants (worker processes, Dask workers), summed, for the peak memory, and times it.

* ``--old PATH``: the same export with the code of another checkout (``git worktree add
  /tmp/old15 9c9843a``), run the same way just before, for an old-vs-new ratio measured on one
  machine in one run.
* ``--format jsonl``: export JSON Lines instead (written story by story).
* ``--cluster-workers 1 2``: the new code on ``--cluster local`` with that many Dask worker
  processes (``synopsis[dask]``), for the speed-up.
* ``--stages``: where the time goes: load, grouping into stories, comparing the stories,
  writing, timed in one child; then the comparison profiled in one process (``--jobs 1``),
  cumulative seconds of the engine's steps.
* ``--index``: the candidate index's figures on one corpus compared whole (its links kept
  against all pairs, its speed-up), as this benchmark measured them before stories.
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
    """The candidate index's figures on one corpus compared whole (``--index``)."""
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


class TreeSampler(threading.Thread):
    """Samples the summed PSS of one process and all its descendants until it ends."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.peak_kb, self.stopped = pid, every, 0, threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            total = sum(_pss_kb(pid) for pid in [self.pid, *_descendants(self.pid)])
            self.peak_kb = max(self.peak_kb, total)


def export_run(code: Path, folder: Path, out: Path, extra: list[str]) -> dict[str, object]:
    """One ``synopsis --export`` of ``folder`` with the code of checkout ``code``, in a child."""
    env = dict(os.environ, PYTHONPATH=str(code))
    command = [sys.executable, "-m", "compare.cli", "--export", str(out), "--force", *extra]
    started = time.perf_counter()
    process = subprocess.Popen(
        [*command, str(folder)], cwd=code, env=env, stderr=subprocess.PIPE, text=True
    )
    sampler = TreeSampler(process.pid)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    sampler.stopped.set()
    sampler.join()
    assert process.stderr is not None
    errors = process.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors}")
    peak = max(sampler.peak_kb, usage.ru_maxrss) / 1024
    return {"seconds": round(seconds, 1), "peak_mb": round(peak), "bytes": out.stat().st_size}


def stages(folder: Path, fmt: str) -> dict[str, float]:
    """Runs in a child: the new code's stages, timed, then one process profiled."""
    import cProfile
    import pstats

    from compare.export import render, stream_jsonl, write_atomic, write_lines_atomic
    from compare.pipeline import compare_by_story, compare_loaded, load_documents, story_numbers
    from compare.runner import SERIAL

    times: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        times[name] = round(now - clock, 2)
        clock = now

    documents, _ = load_documents([str(folder)])
    lap("load")
    stories = story_numbers(documents)
    lap("group into stories")
    out = folder.with_suffix("." + fmt)
    if fmt == "jsonl" and stories is not None:
        results = compare_by_story(documents, stories)
        lines = stream_jsonl(results, articles=len(documents), stories=max(stories) + 1)
        write_lines_atomic(out, lines, force=True)
        lap("compare stories and write (streamed)")
    else:
        comparison = compare_loaded(documents, stories)
        lap("compare stories")
        write_atomic(out, render(comparison, fmt), force=True)  # type: ignore[arg-type]
        lap("write")
    profile = cProfile.Profile()
    profile.enable()
    compare_loaded(documents, stories, runner=SERIAL)
    profile.disable()
    wanted = {
        "find_stories": "group into stories",
        "_split_and_classify": "split and classify",
        "prepare_claims": "prepare claims (features, embeddings)",
        "candidate_pairs": "candidate pairs",
        "score_pairs": "score pairs",
        "label_analysis": "label, align, conflicts",
        "renumbered": "renumber into the corpus",
    }
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    for (_, _, name), (_, _, _, cumulative, _) in stats.items():
        if name in wanted:
            key = f"one process: {wanted[name]}"
            times[key] = round(times.get(key, 0.0) + cumulative, 2)
    times["one process: sum of the steps above"] = round(
        sum(v for k, v in times.items() if k.startswith("one process:")), 2
    )
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200, 2000])
    parser.add_argument("--old", type=Path, help="a checkout of the old code, run beside")
    parser.add_argument("--format", default="json", choices=("json", "jsonl"))
    parser.add_argument("--cluster-workers", type=int, nargs="*", default=[])
    parser.add_argument("--stages", action="store_true")
    parser.add_argument(
        "--whole",
        action="store_true",
        help="also the new code with --stories off: the corpus compared as one, as the old was",
    )
    parser.add_argument("--index", action="store_true", help="the candidate index's figures")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--stages-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(int(args.child[0]), Path(args.child[1]))))
        return
    if args.stages_child:
        print(json.dumps(stages(Path(args.stages_child[0]), args.stages_child[1])))
        return
    if args.index:
        for size in args.sizes:
            print(json.dumps(run_size(size)), flush=True)
        return
    from benchmarks.corpus import write_corpus

    for size in args.sizes:
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch) / f"corpus-{size}"
            write_corpus(folder, size)
            runs: list[tuple[str, Path, list[str]]] = []
            if args.old:
                runs.append(("old", args.old.resolve(), []))
            runs.append(("new", ROOT, []))
            if args.whole:
                runs.append(("new, whole corpus", ROOT, ["--stories", "off"]))
            for workers in args.cluster_workers:
                runs.append(
                    (
                        f"new, Dask {workers} worker(s)",
                        ROOT,
                        ["--cluster", "local", "--jobs", str(workers)],
                    )
                )
            for name, code, extra in runs:
                fmt = "json" if name == "old" else args.format
                out = Path(scratch) / f"out-{len(extra)}-{name[:3]}.{fmt}"
                found = export_run(code, folder, out, extra)
                print(
                    f"{size:>6} articles  {name:<24} {fmt:<5} {found['seconds']:>7.1f} s  "
                    f"peak {found['peak_mb']:>6} MB (all processes)  "
                    f"{found['bytes'] / 1e6:7.1f} MB written",
                    flush=True,
                )
            if args.stages:
                process = subprocess.run(
                    [sys.executable, __file__, "--stages-child", str(folder), args.format],
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                for stage, seconds in json.loads(process.stdout.splitlines()[-1]).items():
                    print(f"{size:>6} articles  stage  {stage:<48} {seconds:>7.2f} s", flush=True)


if __name__ == "__main__":
    main()
