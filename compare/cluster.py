"""Where Dask plugs in: ``--cluster`` becomes a runner whose executor is a Dask client.

Nothing else of the engine knows of Dask. The runner hands the client's executor (the shape of
``concurrent.futures.Executor``) the same module-level tasks it would give its own processes;
Dask schedules them on its workers. Installed with the optional extra ``synopsis[dask]``.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import SynopsisError, visible
from .runner import Runner, available_cores

LOCAL = "local"
"""``--cluster local``: a Dask cluster of worker processes on this machine."""
CONNECT_SECONDS = 10
"""How long to try to reach a scheduler before saying it cannot be reached."""


@contextmanager
def cluster_runner(address: str, *, workers: int | None = None) -> Iterator[Runner]:
    """A runner that runs spread work on a Dask cluster, for as long as the ``with`` lasts.

    Args:
        address: A scheduler's address (``tcp://host:8786``), or ``local`` for a
            ``LocalCluster`` of worker processes here, one thread each, no dashboard.
        workers: With ``local``, how many worker processes (default: one per core).

    Raises:
        SynopsisError: Dask is not installed, or the scheduler cannot be reached.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise SynopsisError("--cluster needs Dask: pip install 'synopsis[dask]'") from None
    if address == LOCAL:
        with warnings.catch_warnings():
            # No dashboard, but the scheduler still serves its health routes, on port 8787 if
            # free and on another one, with a warning, if not: that is no news for the reader.
            warnings.filterwarnings("ignore", "Port .* is already in use", UserWarning)
            cluster = LocalCluster(
                n_workers=workers or available_cores(),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
        try:
            with Client(cluster) as client:
                yield Runner(executor=client.get_executor())
        finally:
            cluster.close()
        return
    try:
        client = Client(address, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError, TypeError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise SynopsisError(
            f"cannot reach the Dask scheduler at {visible(address)} ({visible(reason)})"
        ) from None
    with client:
        yield Runner(executor=client.get_executor())
