"""Run a pure function over chunks of work on every core, when the work is big enough to pay.

Worker processes are forked, so they inherit the (large, read-only) prepared claims without
pickling them; only the small chunk descriptions go out and the small result arrays come back.
Where fork is unavailable or unsafe (macOS and Windows start processes by spawning), or for small
jobs, the chunks run in this process: results are the same either way, only the time differs.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

Chunk = TypeVar("Chunk")
Result = TypeVar("Result")

_shared: Any = None
"""What the forked workers read: set just before the pool forks, cleared after."""


def available_cores() -> int:
    """Cores this process may run on (the scheduler's affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Fork is the start method that shares memory for free; Linux is where it is safe."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _run(task: tuple[Callable[[Any, Any], Any], Any]) -> Any:
    function, chunk = task
    return function(_shared, chunk)


def map_chunks(
    function: Callable[[Any, Chunk], Result],
    shared: object,
    chunks: Sequence[Chunk],
    *,
    workers: int,
) -> Iterator[Result]:
    """Yield ``function(shared, chunk)`` for every chunk, in order.

    Args:
        function: A module-level function (workers receive it by reference).
        shared: Read-only data every chunk needs; forked workers inherit it.
        chunks: Small descriptions of the work (index arrays, say).
        workers: Processes to use; 1 (or no fork) runs everything here.
    """
    global _shared
    if workers <= 1 or len(chunks) < 2 or not can_fork():
        for chunk in chunks:
            yield function(shared, chunk)
        return
    _shared = shared
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(min(workers, len(chunks))) as pool:
            yield from pool.imap(_run, [(function, chunk) for chunk in chunks])
    finally:
        _shared = None
