"""Where runs execute: this process, a local process pool, or a dask.distributed cluster.

All three yield the same :class:`~.runs.EncodedRun` objects (in completion order; the
store sorts them), because a run is a pure function of its spec.  Only a bounded
number of runs is in flight at a time, so memory does not grow with the plan.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from .plan import RunSpec
from .runs import EncodedRun, run_encoded

#: runs queued per worker beyond the one it is running
_QUEUE_PER_WORKER = 2


def available_cores() -> int:
    """Cores this process may use (respects taskset and container limits)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _in_process(specs: list[RunSpec]) -> Iterator[EncodedRun]:
    for spec in specs:
        yield run_encoded(spec)


def _pool_context() -> multiprocessing.context.BaseContext:
    """forkserver: workers fork from a clean server that has imported the model and loaded its
    compiled kernels once (``warm``).

    Plain fork would copy this process's threads (progress bar, Arrow pools); spawn would
    import the model again in every worker.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():  # pragma: no cover
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["campaign_sim.experiments.runs", "campaign_sim.experiments.warm"])
    return ctx


def _local_pool(specs: list[RunSpec], workers: int) -> Iterator[EncodedRun]:
    pending: set[Future] = set()
    queue = iter(specs)
    limit = workers * (1 + _QUEUE_PER_WORKER)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context())
    finished = False
    try:
        while True:
            for spec in queue:
                pending.add(pool.submit(run_encoded, spec))
                if len(pending) >= limit:
                    break
            if not pending:
                finished = True
                return
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
    finally:
        # interrupted: do not wait for runs in flight, they are not stored anyway
        pool.shutdown(wait=finished, cancel_futures=True)


def _dask(specs: list[RunSpec], address: str) -> Iterator[EncodedRun]:
    from distributed import Client, as_completed

    with Client(address, timeout="30s", set_as_default=False) as client:
        threads = sum(client.nthreads().values()) or 1
        limit = threads * (1 + _QUEUE_PER_WORKER)
        queue = iter(specs)
        first = [
            client.submit(run_encoded, s, key=f"campaign-sim-{s.run_id}", pure=False)
            for s in _take(queue, limit)
        ]
        if not first:
            return
        futures = as_completed(first, loop=client.loop)
        for future in futures:
            output = future.result()
            future.release()
            for spec in _take(queue, 1):
                futures.add(client.submit(run_encoded, spec, key=f"campaign-sim-{spec.run_id}", pure=False))
            yield output


def _take(iterator: Iterator[RunSpec], n: int) -> list[RunSpec]:
    out = []
    for item in iterator:
        out.append(item)
        if len(out) >= n:
            break
    return out


def execute(
    specs: list[RunSpec], workers: int | None = None, cluster: str | None = None
) -> Iterator[EncodedRun]:
    """Run every spec and yield the outputs as they finish.

    ``cluster`` (a dask.distributed scheduler address) wins over ``workers``; one
    local worker runs in this process, more use a process pool.
    """
    if cluster:
        return _dask(specs, cluster)
    workers = workers or available_cores()
    if workers <= 1 or len(specs) <= 1:
        return _in_process(specs)
    return _local_pool(specs, min(workers, len(specs)))
