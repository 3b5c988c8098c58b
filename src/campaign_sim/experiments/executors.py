"""Where runs execute: this process, a local process pool, or a dask.distributed cluster.

All three yield the same :class:`~.runs.EncodedRun` objects (in completion order; the
store sorts them), because a run is a pure function of its spec.  Runs that share their
code paths and run length (parameters, campaigns and seeds may differ) go in *packs*
(:func:`make_packs`), each simulated
as one vectorised model (``runs.run_pack``) with results bit-identical to solo runs, so
small runs do not each pay the fixed cost of a simulated day.  Only a bounded number of
packs is in flight at a time, so memory does not grow with the plan.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from .plan import RunSpec
from .runs import EncodedRun, packable, run_pack_encoded

#: packs queued per worker beyond the one it is running
_QUEUE_PER_WORKER = 2
#: branches simulated together in one pack at most: past about this size a day's fixed cost
#: is a small share of its work, and a larger pack only holds more results back
PACK_BRANCHES = 256


def make_packs(specs: list[RunSpec], workers: int) -> list[list[RunSpec]]:
    """Group runs into packs: same mechanism variants and run length (``runs.packable``), at
    most :data:`PACK_BRANCHES` branches, and, with fewer groups than two per worker, small
    enough that each worker gets at least two packs of a group where the group allows (so both
    cores stay busy to the end).  An ensemble's members, a sweep's and a sensitivity analysis's
    points differ only in parameters and campaigns, so they pack together (8-branch years:
    32 runs a pack, fewer where the plan is small)."""
    groups: dict[str, list[RunSpec]] = {}
    for spec in specs:
        groups.setdefault(packable(spec), []).append(spec)
    packs = []
    # many groups (an ensemble's members, a sweep's points) keep every worker busy by themselves:
    # then each group packs as far as PACK_BRANCHES allows
    many = len(groups) >= 2 * max(workers, 1)
    for group in groups.values():
        branches = max(int(group[0].scenario["run"]["branches"]), 1)
        most = max(PACK_BRANCHES // branches, 1)
        size = most if many else min(most, max(-(-len(group) // (2 * max(workers, 1))), 1))
        packs.extend(group[i : i + size] for i in range(0, len(group), size))
    return packs


def available_cores() -> int:
    """Cores this process may use (respects taskset and container limits)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


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


def _local_pool[T, R](function: Callable[[T], list[R]], items: list[T], workers: int) -> Iterator[R]:
    """``function(item)`` for every item in a process pool, yielding each returned list's
    elements as the items finish; only a few items per worker are in flight at a time."""
    pending: set[Future] = set()
    queue = iter(items)
    limit = workers * (1 + _QUEUE_PER_WORKER)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context())
    finished = False
    try:
        while True:
            for item in queue:
                pending.add(pool.submit(function, item))
                if len(pending) >= limit:
                    break
            if not pending:
                finished = True
                return
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield from future.result()
    finally:
        # interrupted: do not wait for items in flight, their results are not stored anyway
        pool.shutdown(wait=finished, cancel_futures=True)


def _dask[T, R](
    function: Callable[[T], list[R]], items: Callable[[int], list[T]], address: str, key: Callable[[T], str]
) -> Iterator[R]:
    """As :func:`_local_pool` on a dask.distributed cluster; ``items(threads)`` makes the work
    list once the cluster's size is known."""
    from distributed import Client, as_completed

    with Client(address, timeout="30s", set_as_default=False) as client:
        threads = sum(client.nthreads().values()) or 1
        limit = threads * (1 + _QUEUE_PER_WORKER)
        queue = iter(items(threads))
        first = [client.submit(function, i, key=key(i), pure=False) for i in _take(queue, limit)]
        if not first:
            return
        futures = as_completed(first, loop=client.loop)
        for future in futures:
            outputs = future.result()
            future.release()
            for item in _take(queue, 1):
                futures.add(client.submit(function, item, key=key(item), pure=False))
            yield from outputs


def _pack_key(pack: list[RunSpec]) -> str:
    return f"campaign-sim-{pack[0].run_id}-{len(pack)}"


def _take(iterator: Iterator, n: int) -> list:
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
        return _dask(run_pack_encoded, lambda threads: make_packs(specs, threads), cluster, _pack_key)
    workers = workers or available_cores()
    packs = make_packs(specs, workers)
    return run_each(run_pack_encoded, packs, workers)


def run_each[T, R](
    function: Callable[[T], list[R]],
    items: list[T],
    workers: int | None = None,
    cluster: str | None = None,
    key: Callable[[T], str] | None = None,
) -> Iterator[R]:
    """``function(item)`` (a module-level function returning a list) for every item, here, in a
    local process pool or on a dask cluster, yielding the list elements as items finish.

    The one way work leaves this process: experiment runs (:func:`execute`), and the worlds of
    ``claims`` and ``discover``.  ``key`` names an item's task on the cluster (unique per item).
    """
    if cluster:
        name = key or (lambda item: f"campaign-sim-{id(item)}")
        return _dask(function, lambda _threads: items, cluster, name)
    workers = workers or available_cores()
    if workers <= 1 or len(items) <= 1:
        return (out for item in items for out in function(item))
    return _local_pool(function, items, min(workers, len(items)))
