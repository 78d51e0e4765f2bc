"""Five articles end to end, this checkout against another (the code before a change).

Run: ``python benchmarks/startup.py --old PATH`` where PATH is a checkout of the older code
(``git worktree add /tmp/old <commit>``). Each round runs ``python -m compare.cli --export -
--format json`` on the five-article sample once from each checkout, in alternating order, with
the same interpreter and packages, after a warm-up that writes both checkouts' bytecode caches
(a first run compiling every module would time the compiler, not synopsis). It prints the
fastest and the median wall time of each and their ratio; with ``--instructions``, also the
instructions counted by ``valgrind --tool=callgrind`` (repeatable on a busy machine, where wall
times are not). The last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "harbor-bridge"


def command() -> list[str]:
    return [sys.executable, "-m", "compare.cli", "--export", "-", "--format", "json", str(SAMPLE)]


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # caches as an installed package has them
    env.pop("PYTHONPATH", None)
    return env


def run_once(checkout: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        command(), cwd=checkout, env=environment(), check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def instructions(checkout: Path) -> int | None:
    if shutil.which("valgrind") is None:
        return None
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command()],
        cwd=checkout,
        env=environment(),
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"Collected : (\d+)", result.stderr)
    return int(found.group(1)) if found else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, required=True, help="a checkout of the older code")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--instructions", action="store_true", help="also count instructions")
    args = parser.parse_args()
    checkouts = {"old": args.old.resolve(), "new": ROOT}
    for checkout in checkouts.values():  # warm-up: bytecode caches written, files in the cache
        run_once(checkout)
        run_once(checkout)
    times: dict[str, list[float]] = {name: [] for name in checkouts}
    for round_number in range(args.rounds):
        order = list(checkouts) if round_number % 2 == 0 else list(reversed(checkouts))
        for name in order:
            times[name].append(run_once(checkouts[name]))
    figures: dict[str, object] = {}
    print(f"five articles ({SAMPLE.name}) end to end, {args.rounds} alternating rounds")
    for name in checkouts:
        fastest, median = min(times[name]), statistics.median(times[name])
        figures[name] = {"fastest_s": round(fastest, 3), "median_s": round(median, 3)}
        print(f"{name:4} fastest {fastest:6.3f} s   median {median:6.3f} s")
    for key in ("fastest_s", "median_s"):
        old = figures["old"][key]  # type: ignore[index]
        new = figures["new"][key]  # type: ignore[index]
        figures[f"new_over_old_{key[:-2]}"] = round(new / old, 3)
        print(f"new / old ({key[:-2]}): {new / old:.2f}")
    if args.instructions:
        counted = {name: instructions(checkout) for name, checkout in checkouts.items()}
        if None not in counted.values():
            ratio = counted["new"] / counted["old"]  # type: ignore[operator]
            figures["instructions"] = counted | {"new_over_old": round(ratio, 3)}
            print(
                f"instructions: old {counted['old']:,}  new {counted['new']:,}  ratio {ratio:.2f}"
            )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
