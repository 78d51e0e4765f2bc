"""Spread big comparisons over every core: forked workers for pure, independent pieces of work.

Workers are forked, so they start with everything this process has loaded (models, prepared
claims) without pickling it; only the small task descriptions go out and the results come back.
Where fork is unavailable or unsafe (macOS and Windows start processes by spawning), for small
jobs, or with ``workers=1``, the same tasks run in this process: results are identical either
way, only the time differs.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from multiprocessing.pool import Pool
from types import TracebackType
from typing import Any, Generic, TypeVar

Chunk = TypeVar("Chunk")
Result = TypeVar("Result")

_shared: Any = None
"""What forked workers read through :func:`shared`: set just before the pool forks."""


def available_cores() -> int:
    """Cores this process may run on (the scheduler's affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Fork is the start method that shares memory for free; Linux is where it is safe."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def spans(count: int, size: int) -> list[tuple[int, int]]:
    """(start, stop) of consecutive pieces of at most ``size`` covering ``range(count)``."""
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def _ignore_interrupts() -> None:
    """Ctrl-C reaches every process of the terminal's group: let the parent alone handle it
    (it stops the pool), instead of every worker printing its own traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def shared() -> Any:
    """The read-only data given to :class:`Workers` (in a worker or in this process alike)."""
    return _shared


class Pending(Generic[Result]):
    """A task started in the background; :meth:`result` waits for it."""

    def __init__(self, get: Callable[[], Result]) -> None:
        self._get = get

    def result(self) -> Result:
        return self._get()


class Workers:
    """A pool of forked workers for one comparison (or this process alone when not worth it).

    Use as a context manager; tasks are module-level functions (sent by reference)::

        with Workers(workers=2, shared=prepared) as pool:
            index = pool.submit(find_candidates, texts)  # starts now, in a worker
            scores = list(pool.map(score_chunk, chunks))  # meanwhile, the rest of the pool
            pairs = index.result()
    """

    def __init__(self, *, workers: int, shared: object = None) -> None:
        self.workers = workers
        self.shared = shared
        self._pool: Pool | None = None

    def __enter__(self) -> Workers:
        global _shared
        _shared = self.shared
        if self.workers > 1 and can_fork():
            context = multiprocessing.get_context("fork")
            self._pool = context.Pool(self.workers, initializer=_ignore_interrupts)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        global _shared
        if self._pool is not None:
            self._pool.terminate() if error is not None else self._pool.close()
            self._pool.join()
            self._pool = None
        _shared = None

    def submit(self, function: Callable[..., Result], *args: Any, **kwargs: Any) -> Pending[Result]:
        """Start ``function(*args, **kwargs)``: in a worker now, or here when asked for."""
        if self._pool is None:
            return Pending(lambda: function(*args, **kwargs))
        started = self._pool.apply_async(function, args, kwargs)
        return Pending(started.get)

    def map(self, function: Callable[[Chunk], Result], chunks: Iterable[Chunk]) -> Iterator[Result]:
        """``function(chunk)`` for every chunk, in order, spread over the workers."""
        if self._pool is None:
            return (function(chunk) for chunk in chunks)
        return self._pool.imap(function, chunks)


def map_chunks(
    function: Callable[[Chunk], Result],
    shared: object,
    chunks: Sequence[Chunk],
    *,
    workers: int,
) -> Iterator[Result]:
    """Yield ``function(chunk)`` for every chunk, in order; ``function`` reads ``shared()``."""
    with Workers(workers=workers if len(chunks) > 1 else 1, shared=shared) as pool:
        yield from pool.map(function, chunks)
