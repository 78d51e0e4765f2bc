"""How work is run: one :class:`Runner`, made at the entry point from ``--jobs``, passed down.

A comparison's steps cut their work into independent pieces (articles to split, pairs to score,
conflicts to work out, articles to encode) and hand them to ``runner.pool(...)``, which decides,
here and nowhere else, whether the pieces run in this process or in worker processes. Either
way the results are the same, only the time differs; BLAS is held to one thread in every
process so that float sums are done in one order whatever the number of processes.

Tasks are module-level functions ``task(data, piece)``: ``data`` is what the pool was opened
with (prepared claims, fact sets, documents), handed to each worker once when it starts, and
``piece`` is small. Backends:

* **in this process**, for small work or ``--jobs 1``;
* **a process pool**, forked on Linux when started from the main thread (the workers inherit
  ``data`` without pickling it); started through a fork server when the pool is opened from
  another thread (the app's thread workers), since forking a threaded process can deadlock;
* **any** ``concurrent.futures.Executor`` given to the runner (a Dask ``Client.get_executor()``,
  a ``ProcessPoolExecutor``): the seam for running on more than one machine.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from types import MappingProxyType, TracebackType
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from threadpoolctl import ThreadpoolController, threadpool_limits

if TYPE_CHECKING:  # loaded only where a pool or an executor is used
    from concurrent.futures import Executor
    from multiprocessing.pool import Pool as ProcessPool

Piece = TypeVar("Piece")
Result = TypeVar("Result")
Data = TypeVar("Data")

Step = Literal["split", "score", "label", "json", "stories"]
"""The steps that may spread their work over processes."""

PROCESSES_FROM: Mapping[Step, int] = MappingProxyType(
    {
        "split": 500,  # articles to split and classify
        "score": 150_001,  # cross-article claim pairs: from where the candidate index is needed
        "label": 100_000,  # links to label (claim groups align in a worker meanwhile)
        "json": 5_001,  # sentences in a JSON export (small ones are indented, in one piece)
        "stories": 80,  # articles compared story by story (two tasks of ARTICLES_PER_STORY_TASK)
    }
)
"""How much work each step needs before worker processes pay for their start (measured with
``benchmarks/scale.py``; below it, starting them costs more than they save). Not user settings:
they change the time, never the result."""


def available_cores() -> int:
    """Cores this process may run on (the scheduler's affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Fork is the start method that shares memory for free; Linux is where it is safe."""
    import multiprocessing  # here: a small comparison never starts a process

    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def start_method() -> str | None:
    """How a pool opened here starts its processes, or None where none can be started.

    Forked from the main thread; from any other thread through a fork server (a fork copies
    only the calling thread, and a lock another thread held stays locked in the child forever).
    """
    if not can_fork():
        return None
    if threading.current_thread() is threading.main_thread():
        return "fork"
    import multiprocessing

    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else None


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


class Pending(Generic[Result]):
    """A task started in the background; :meth:`result` waits for it."""

    def __init__(self, get: Callable[[], Result]) -> None:
        self._get = get

    def result(self) -> Result:
        return self._get()


@dataclass(frozen=True, slots=True)
class Runner:
    """Where a comparison's work runs: made once from ``--jobs`` and passed down.

    Args:
        jobs: Processes to use. ``None`` (the default) uses every core for work big enough to
            pay for starting them (``PROCESSES_FROM``) and this process otherwise; a number uses
            that many for every step that has more than one piece of work (``1``: this process
            alone).
        executor: Run the pieces on this executor instead of local processes (a Dask
            ``Client.get_executor()``, say). It must accept module-level functions by reference
            and pickle their arguments.
    """

    jobs: int | None = None
    executor: Executor | None = None

    def spreads(self, step: Step, size: int) -> bool:
        """The one decision: whether ``step``'s work of this ``size`` leaves this process."""
        return self.jobs > 1 if self.jobs is not None else size >= PROCESSES_FROM[step]

    def processes(self, step: Step, size: int) -> int:
        """How many local processes ``step`` uses for work of this ``size``."""
        if not self.spreads(step, size):
            return 1
        return self.jobs or available_cores()

    def pool(self, step: Step, size: int, data: Any = None, *, pieces: int = 2) -> Pool:
        """A pool for one step's work; use it as a context manager.

        Args:
            step: Which step (its threshold in ``PROCESSES_FROM``).
            size: How much work, in the step's unit.
            data: Read-only data every task receives as its first argument.
            pieces: How many pieces the work is cut into: one piece never needs a process.
        """
        if pieces > 1 and self.executor is not None and self.spreads(step, size):
            # A cluster's workers are elsewhere: the number of cores here does not matter.
            return Pool(data, executor=self.executor)
        processes = self.processes(step, size) if pieces > 1 else 1
        return Pool(data, processes=processes)

    def map(
        self,
        step: Step,
        size: int,
        task: Callable[[Any, Piece], Result],
        data: Any,
        pieces: Sequence[Piece],
    ) -> Iterator[Result]:
        """Yield ``task(data, piece)`` for every piece, in order."""
        with self.pool(step, size, data, pieces=len(pieces)) as pool:
            yield from pool.map(task, pieces)


AUTO = Runner()
"""Every core for work big enough to need them, this process otherwise: the default."""
SERIAL = Runner(jobs=1)
"""Everything in this process: for callers that are themselves a piece of bigger work."""


class Pool:
    """The processes (or this process) running one step's work.

    Use as a context manager; tasks are module-level functions (sent by reference)::

        with runner.pool("label", len(links), facts) as pool:
            groups = pool.submit(align_groups, ...)  # starts now, in a worker
            conflicts = list(pool.map(conflicts_of, pieces))  # conflicts_of(facts, piece)
            found = groups.result()
    """

    def __init__(
        self, data: Any = None, *, processes: int = 1, executor: Executor | None = None
    ) -> None:
        self.data = data
        self.processes = processes
        self.executor = executor
        self._pool: ProcessPool | None = None
        self._blas: Any = None
        self._frozen = False

    def __enter__(self) -> Pool:
        method = start_method() if self.executor is None and self.processes > 1 else None
        if method is not None:
            if method == "fork":
                # Frozen objects are left alone by the workers' collections, so their pages stay
                # shared instead of being copied into every worker (gc.freeze's docs advise it).
                gc.freeze()
                self._frozen = True
            import multiprocessing

            try:
                if method == "forkserver":
                    _start_fork_server()
                self._pool = multiprocessing.get_context(method).Pool(
                    self.processes, initializer=_start_worker, initargs=(self.data,)
                )
            except BaseException:
                self._unfreeze()
                raise
        # One BLAS thread here too, whatever the number of processes: a threaded BLAS sums in
        # another order than a single thread, and float32 results then differ in the last bit
        # between --jobs 1 and --jobs 2 (seen on another machine of this kind).
        self._blas = _blas_controller().limit(limits=1)
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
        self._unfreeze()
        if self._blas is not None:
            self._blas.restore_original_limits()
            self._blas = None

    def _unfreeze(self) -> None:
        if self._frozen:
            gc.unfreeze()
            self._frozen = False

    @property
    def in_processes(self) -> bool:
        """Whether tasks run outside this process."""
        return self._pool is not None or self.executor is not None

    def submit(self, function: Callable[..., Result], *args: Any, **kwargs: Any) -> Pending[Result]:
        """Start ``function(*args, **kwargs)`` (not given the pool's data): in a worker now, or
        here when its result is asked for."""
        if self.executor is not None:
            future = self.executor.submit(function, *args, **kwargs)
            return Pending(future.result)
        if self._pool is None:
            return Pending(lambda: function(*args, **kwargs))
        started = self._pool.apply_async(function, args, kwargs)
        return Pending(started.get)

    def map(
        self, task: Callable[[Any, Piece], Result], pieces: Iterable[Piece]
    ) -> Iterator[Result]:
        """``task(data, piece)`` for every piece, in order, spread over the processes."""
        if self.executor is not None:
            return self.executor.map(_run_with_blas_pinned, *_with_data(task, self.data, pieces))
        if self._pool is None:
            return (task(self.data, piece) for piece in pieces)
        return self._pool.imap(_WithWorkerData(task), pieces)


_controller: tuple[int, ThreadpoolController] | None = None


def _blas_controller() -> ThreadpoolController:
    """threadpoolctl's view of the BLAS and OpenMP libraries loaded here, found again only
    when a module was imported since: finding them reads every loaded library (a millisecond,
    which a pool opened per step of every story paid a few thousand times on 2,000 articles)."""
    global _controller
    modules = len(sys.modules)
    if _controller is None or _controller[0] != modules:
        _controller = (modules, ThreadpoolController())
    return _controller[1]


_STARTING = threading.Lock()


def _start_fork_server() -> None:
    """Start the fork server (and its resource tracker) with the real standard error.

    They hand their child the descriptor of ``sys.stderr``; an app that captures it (Textual
    does, with an object whose descriptor is -1) would make the start fail with "bad value(s)
    in fds_to_keep". Only then is ``sys.stderr`` put back for the moment of the start.
    """
    from multiprocessing import forkserver

    with _STARTING:
        captured = sys.stderr
        try:
            usable = captured is not None and captured.fileno() >= 0
        except (AttributeError, OSError, ValueError):
            usable = False
        if usable or sys.__stderr__ is None:
            forkserver.ensure_running()
            return
        sys.stderr = sys.__stderr__
        try:
            forkserver.ensure_running()
        finally:
            sys.stderr = captured


def _with_data(
    task: Callable[[Any, Piece], Result], data: Any, pieces: Iterable[Piece]
) -> tuple[list[Callable[[Any, Piece], Result]], list[Any], list[Piece]]:
    """Arguments of ``executor.map`` that send the task and its data with every piece (an
    executor has no initializer to hand the data over once). Lists of one length: a Dask
    client's ``map`` asks each for its length."""
    pieces = list(pieces)
    return [task] * len(pieces), [data] * len(pieces), pieces


def _run_with_blas_pinned(task: Callable[[Any, Piece], Result], data: Any, piece: Piece) -> Result:
    """One piece on an executor's worker, with one BLAS thread as everywhere else."""
    with threadpool_limits(1):
        return task(data, piece)


_worker_data: Any = None
"""In a worker process only: the data its pool was opened with, set by :func:`_start_worker`.
Tasks never read it: :class:`_WithWorkerData` passes it to them as their first argument."""


def _start_worker(data: Any) -> None:
    """Ctrl-C reaches every process of the terminal's group: let the parent alone handle it
    (it stops the pool), instead of every worker printing its own traceback. And one BLAS
    thread per worker: the pool already fills every core, and BLAS threads on top fight over
    them (scoring 2,000 articles took a third longer). ``data`` is the pool's data: a fork
    hands it over without pickling, and a worker the pool starts again gets it too."""
    global _worker_data
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threadpool_limits(1)
    _worker_data = data


class _WithWorkerData(Generic[Piece, Result]):
    """``task`` called in a worker with the worker's data (picklable: the task goes by name)."""

    def __init__(self, task: Callable[[Any, Piece], Result]) -> None:
        self.task = task

    def __call__(self, piece: Piece) -> Result:
        return self.task(_worker_data, piece)
