"""Spread big comparisons over every core: forked workers for pure, independent pieces of work,
and Python's cycle collector kept out of the way while millions of small objects are built.

Workers are forked, so they start with everything this process has loaded (models, prepared
claims) without pickling it; only the small task descriptions go out and the results come back.
Where fork is unavailable or unsafe (macOS and Windows start processes by spawning), for small
jobs, or with ``workers=1``, the same tasks run in this process: results are identical either
way, only the time differs.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.pool import Pool
from types import TracebackType
from typing import Any, Generic, TypeVar

from threadpoolctl import threadpool_limits

Chunk = TypeVar("Chunk")
Result = TypeVar("Result")

_shared: Any = None
"""What a worker process reads through :func:`shared`: set in the worker by its initializer,
never in this process."""
_local = threading.local()
"""What tasks run in this process read through :func:`shared`: one value per thread, so two
comparisons labelled at once in the app's threads never read each other's data."""


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


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a comparison builds millions of small objects.

    The engine's results hold no reference cycles, yet every collection walks all live objects:
    on 2,000 articles that took 8 of 55 seconds. Collection resumes, if it was on, on the way
    out. Usable as a decorator.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _start_worker(data: Any) -> None:
    """Ctrl-C reaches every process of the terminal's group: let the parent alone handle it
    (it stops the pool), instead of every worker printing its own traceback. And one BLAS
    thread per worker: the pool already fills every core, and BLAS threads on top fight over
    them (scoring 2,000 articles took a third longer). ``data`` is the pool's shared data: the
    fork hands it over without pickling, and a worker the pool starts again gets it too."""
    global _shared
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threadpool_limits(1)
    _shared = data
    _local.stack = []  # the forking thread's contexts are not this worker's


def shared() -> Any:
    """The read-only data given to :class:`Workers` (in a worker or in this process alike)."""
    stack = getattr(_local, "stack", None)
    return stack[-1][1] if stack else _shared


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
        self._blas: threadpool_limits | None = None

    def __enter__(self) -> Workers:
        stack = getattr(_local, "stack", None)
        if stack is None:
            stack = _local.stack = []
        stack.append((self, self.shared))  # contexts nest (labelling inside a comparison)
        if self.workers > 1 and can_fork():
            # Frozen objects are left alone by the workers' collections, so their pages stay
            # shared instead of being copied into every worker (the advice of gc.freeze's docs).
            gc.freeze()
            try:
                context = multiprocessing.get_context("fork")
                self._pool = context.Pool(
                    self.workers, initializer=_start_worker, initargs=(self.shared,)
                )
            except BaseException:
                gc.unfreeze()
                self._leave()
                raise
        # One BLAS thread here too, whatever the number of workers: a threaded BLAS sums in
        # another order than a single thread, and float32 results then differ in the last bit
        # between --jobs 1 and --jobs 2 (seen on another machine of this kind).
        self._blas = threadpool_limits(1)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.terminate() if error is not None else self._pool.close()
            self._pool.join()
            self._pool = None
            gc.unfreeze()
        if self._blas is not None:
            self._blas.restore_original_limits()
            self._blas = None
        self._leave()

    def _leave(self) -> None:
        """Take this pool's data off the thread's stack (itself, even if a generator that holds
        another pool open finishes out of order)."""
        stack = _local.stack
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][0] is self:
                del stack[k]
                return

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
