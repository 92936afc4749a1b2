"""Map a picklable function over independent jobs: in this process, in local processes, on Dask.

`map_jobs(function, jobs, parallelism)` returns `[function(*job) for job in jobs]`, in job
order, whichever way it ran; only the wall time differs. It reports completed jobs to one
progress callback as they finish (mesa's `batch_run` has the same shape). Jobs must not
depend on each other or on shared mutable state, and `function` must be importable by name
(a module-level function), so that a worker process or a Dask worker can run it.

* `Parallelism()`: one job after another in this process.
* `Parallelism(workers=N)`: N local processes (`concurrent.futures`, forkserver start, so
  the children never inherit a running thread).
* `Parallelism(dask="local")`: a local Dask cluster of `workers` processes (all cores when
  `workers` is 1); `Parallelism(dask="tcp://host:8786")`: an existing Dask distributed
  scheduler. An argument object that several jobs share (the case, say) is sent to each
  worker once. Dask re-runs the jobs of a worker that is lost; a scheduler that cannot be
  reached, or is lost during the run, is one `NetworkError`.

`map_partitions(function, items, parallelism, shared=...)` is the streaming form for long
batches (screening a file of names): it yields `function(shared, partition, *args)` for
consecutive partitions of `items`, in order. `items` may be an iterator: partitions are cut
from it only as workers free up, with a few per worker in flight, so memory does not grow
with the input. `shared` (the search index) reaches each worker once for the whole run:
local workers are forked after it is built and inherit it; on Dask it is scattered to every
worker once, and each partition is submitted as it is read.

Dask is an optional dependency (`pip install 'yalu[dask]'`), imported only when asked for.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any, TypeVar

from yalu.core.errors import ConfigError, NetworkError
from yalu.core.optional import require
from yalu.core.progress import ProgressCallback

Result = TypeVar("Result")
Job = tuple[Any, ...]
"""Positional arguments of one call."""

LOCAL_DASK = "local"
"""`Parallelism.dask` value asking for a local Dask cluster."""
CONNECT_TIMEOUT_S = 10
"""Seconds to wait for a Dask scheduler before giving up."""
_NOT_SCATTERED = (int, float, str, bool, type(None), list, tuple, dict, set)
"""Arguments sent with each job: small values, and collections Dask would split up."""
PARTITION_SIZE = 500
"""Items per partition in `map_partitions` (default)."""
IN_FLIGHT_PER_WORKER = 3
"""Partitions queued per worker in `map_partitions`: enough to keep it busy, few in memory."""
PARENT_CHECK_S = 1.0
"""How often a local worker checks that the process that started it is still there."""
_SHARED: dict[int, Any] = {}
"""What forked workers inherit, by token: set before the pool forks, read in the child."""
_ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?[\w.\-\[\]:]*[\w\]]:\d{1,5}$")


@dataclass(frozen=True, slots=True)
class Parallelism:
    """How a batch of jobs runs; results never depend on it.

    Attributes:
        workers: local processes (1: in this process); for a local Dask cluster, its
            worker processes (1: one per core).
        dask: None (no Dask), `LOCAL_DASK` for a local cluster, or a scheduler address
            such as `tcp://10.0.0.5:8786`.
    """

    workers: int = 1
    dask: str | None = None

    def __post_init__(self) -> None:
        """Check the worker count and the scheduler address.

        Raises:
            ConfigError: fewer than one worker, or an address that is not host:port.
        """
        if self.workers < 1:
            raise ConfigError(f"workers is {self.workers}", hint="Use 1 or more")
        if self.dask not in (None, LOCAL_DASK) and not _ADDRESS.match(str(self.dask)):
            raise ConfigError(
                f"Dask scheduler address {self.dask!r} is not host:port",
                hint="Give e.g. tcp://10.0.0.5:8786, or leave the address out for a local cluster",
            )

    @property
    def where(self) -> str:
        """Return a short description: `this process`, `4 processes`, `Dask at ...`."""
        if self.dask == LOCAL_DASK:
            return "a local Dask cluster"
        if self.dask is not None:
            return f"the Dask scheduler at {self.dask}"
        return "this process" if self.workers == 1 else f"{self.workers} local processes"


def map_jobs(
    function: Callable[..., Result],
    jobs: Sequence[Job],
    parallelism: Parallelism | None = None,
    *,
    on_progress: ProgressCallback | None = None,
) -> list[Result]:
    """Return `function(*job)` for every job, in job order.

    Args:
        function: a module-level function (picklable by name).
        jobs: positional arguments of each call.
        parallelism: where to run (default: in this process, one job after another).
        on_progress: called with the number of jobs completed so far.

    Raises:
        MissingExtraError: Dask was asked for and is not installed.
        NetworkError: the Dask scheduler cannot be reached or was lost during the run.
    """
    plan = parallelism or Parallelism()
    if plan.dask is not None:
        return _on_dask(function, jobs, plan, on_progress)
    if plan.workers <= 1 or len(jobs) <= 1:
        results = []
        for done, job in enumerate(jobs, start=1):
            results.append(function(*job))
            if on_progress is not None:
                on_progress(done)
        return results
    return _in_processes(function, jobs, plan.workers, on_progress)


def all_cores() -> int:
    """Return the number of cores this process may run on (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def map_partitions(
    function: Callable[..., Result],
    items: Iterable[Any],
    parallelism: Parallelism | None = None,
    *,
    shared: Any,
    args: tuple[Any, ...] = (),
    partition_size: int = PARTITION_SIZE,
    on_progress: ProgressCallback | None = None,
) -> Iterator[Result]:
    """Yield `function(shared, partition, *args)` for each partition of `items`, in order.

    Partitions are consecutive lists of `partition_size` items (the last may be shorter),
    read from `items` only when a worker has room for them, so an iterator is never read
    whole. The results do not depend on where they ran; a batch of one partition runs here.

    Args:
        function: a module-level function (picklable by name).
        items: what to partition (small, picklable values such as queries); any iterable.
        parallelism: where to run (default: in this process).
        shared: an object every call reads and none changes, sent once per worker.
        args: further positional arguments of every call (small values).
        partition_size: items per partition.
        on_progress: called with the number of items whose partition was yielded.

    Raises:
        MissingExtraError: Dask was asked for and is not installed.
        NetworkError: the Dask scheduler cannot be reached or was lost during the run.
    """
    plan = parallelism or Parallelism()
    sizes: deque[int] = deque()
    parts = _partitions(iter(items), max(1, partition_size), sizes)
    if plan.dask is not None:
        results = _partitions_on_dask(function, parts, plan, shared, args)
    else:
        ahead = list(islice(parts, 2))  # a second partition is worth forking for
        parts = chain(ahead, parts)
        if plan.workers > 1 and len(ahead) > 1:
            results = _partitions_in_processes(function, parts, plan.workers, shared, args)
        else:
            results = (function(shared, part, *args) for part in parts)
    done = 0
    for result in results:
        done += sizes.popleft()
        yield result
        if on_progress is not None:
            on_progress(done)


def _partitions(items: Iterator[Any], size: int, sizes: deque[int]) -> Iterator[list[Any]]:
    """Yield consecutive lists of `size` items (the last may be shorter), read on demand.

    The length of each partition is appended to `sizes` as it is read, so the caller can
    count items as results come back in order.
    """
    while part := list(islice(items, size)):
        sizes.append(len(part))
        yield part


def _exit_with_parent(parent: int | None = None) -> None:
    """End this worker once its parent process is gone (a pool's initializer).

    Killed outright (SIGKILL, the OOM killer), a batch cannot shut its pool down, and its
    workers would wait for work forever, each holding its copy of the index. A process
    that forks its workers itself passes its id as `parent`: a worker asking for it after
    the fork gets its new parent's if the batch was killed in between, and never ends.
    Without `parent`, the worker's parent now (a forkserver, which ends with the batch).
    """
    parent = os.getppid() if parent is None else parent

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(1)

    threading.Thread(target=watch, name="yalu-parent-watch", daemon=True).start()


def _call_shared(function: Callable[..., Result], token: int, *job: Any) -> Result:
    """Run `function(shared, *job)` in a forked worker, with the `shared` it inherited."""
    return function(_SHARED[token], *job)


def _partitions_in_processes(
    function: Callable[..., Result],
    parts: Iterator[list[Any]],
    workers: int,
    shared: Any,
    args: tuple[Any, ...],
) -> Iterator[Result]:
    """Yield each partition's result, run in `workers` forked processes that share `shared`.

    The workers are forked once `shared` is registered, so they inherit it without a copy;
    `gc.freeze` keeps the collector of each child from touching (and so copying) the
    parent's objects. A partition is read from `parts` only when fewer than
    `IN_FLIGHT_PER_WORKER` per worker are queued.
    """
    token = id(shared)
    _SHARED[token] = shared
    gc.freeze()
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_exit_with_parent,
        initargs=(os.getpid(),),
    )
    try:
        pending: deque[Future[Result]] = deque()
        for part in parts:
            pending.append(pool.submit(_call_shared, function, token, part, *args))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _SHARED.pop(token, None)
        gc.unfreeze()


def _partitions_on_dask(
    function: Callable[..., Result],
    parts: Iterator[list[Any]],
    plan: Parallelism,
    shared: Any,
    args: tuple[Any, ...],
) -> Iterator[Result]:
    """Yield each partition's result, computed on Dask with `shared` scattered once.

    Each partition is submitted as it is read, with a few per worker in flight.
    """
    distributed = require("distributed", extra="dask", purpose="Runs on Dask need dask.distributed")
    with _client(distributed, plan) as client, _dask_errors(distributed, plan):
        handle = client.scatter(shared, broadcast=True, hash=False)
        window = max(2, len(client.scheduler_info()["workers"])) * IN_FLIGHT_PER_WORKER
        pending: deque[Any] = deque()
        for part in parts:
            pending.append(client.submit(function, handle, part, *args, pure=False))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _in_processes(
    function: Callable[..., Result],
    jobs: Sequence[Job],
    workers: int,
    on_progress: ProgressCallback | None,
) -> list[Result]:
    """Run the jobs in `workers` local processes."""
    slots: list[Result | None] = [None] * len(jobs)
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(
        max_workers=min(workers, len(jobs)), mp_context=context, initializer=_exit_with_parent
    ) as pool:
        futures = {pool.submit(function, *job): i for i, job in enumerate(jobs)}
        for done, future in enumerate(as_completed(futures), start=1):
            slots[futures[future]] = future.result()
            if on_progress is not None:
                on_progress(done)
    return [result for result in slots if result is not None]


def _on_dask(
    function: Callable[..., Result],
    jobs: Sequence[Job],
    plan: Parallelism,
    on_progress: ProgressCallback | None,
) -> list[Result]:
    """Run the jobs on a Dask cluster, gathering results in job order."""
    distributed = require("distributed", extra="dask", purpose="Runs on Dask need dask.distributed")
    with _client(distributed, plan) as client, _dask_errors(distributed, plan):
        calls = _scatter_shared(client, jobs)
        futures = [client.submit(function, *call, pure=False) for call in calls]
        slots: dict[int, Result] = {}
        index = {future.key: i for i, future in enumerate(futures)}
        for done, future in enumerate(distributed.as_completed(futures), start=1):
            slots[index[future.key]] = future.result()
            if on_progress is not None:
                on_progress(done)
    return [slots[i] for i in range(len(jobs))]


@contextmanager
def _dask_errors(distributed: Any, plan: Parallelism) -> Iterator[None]:
    """Turn a dying worker or a lost scheduler during a run into one `NetworkError`."""
    lost = (OSError, TimeoutError, distributed.CancelledError)
    try:
        yield
    except distributed.KilledWorker as exc:
        raise NetworkError(
            f"Dask workers kept dying while running a job ({exc})",
            hint="Check the workers' memory and logs",
        ) from exc
    except lost as exc:
        raise NetworkError(
            f"lost the Dask scheduler at {plan.dask or LOCAL_DASK} during the run",
            hint="Restart it and run again; results do not depend on where runs ran",
        ) from exc


@contextmanager
def _client(distributed: Any, plan: Parallelism) -> Iterator[Any]:
    """Yield a Dask client: a new local cluster, or one connected to the given scheduler.

    Dask's own log lines (a lost connection logs a traceback) are held back while the
    client lives: the caller reports failures as one `NetworkError`.
    """
    dask = require("dask", extra="dask", purpose="Runs on Dask need dask")
    timeout = f"{CONNECT_TIMEOUT_S}s"
    with _quiet("distributed"), dask.config.set({"distributed.comm.timeouts.connect": timeout}):
        if plan.dask == LOCAL_DASK:
            workers = plan.workers if plan.workers > 1 else (os.cpu_count() or 1)
            cluster = distributed.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                # A worker that loses the closing scheduler logs a traceback at ERROR.
                silence_logs=logging.CRITICAL,
            )
            with cluster, distributed.Client(cluster) as client:
                yield client
            return
        try:
            client = distributed.Client(plan.dask, timeout=timeout)
        except (OSError, TimeoutError) as exc:
            raise NetworkError(
                f"cannot reach the Dask scheduler at {plan.dask}",
                hint="Start it with `dask scheduler` and workers with `dask worker ADDRESS`, "
                "or leave the address out for a local cluster",
            ) from exc
        try:
            yield client
        finally:
            client.close(timeout=CONNECT_TIMEOUT_S)


@contextmanager
def _quiet(name: str) -> Iterator[None]:
    """Hold back records below CRITICAL of logger `name` and its children while running."""
    names = [name, *(n for n in logging.root.manager.loggerDict if n.startswith(name + "."))]
    loggers = [logging.getLogger(n) for n in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _scatter_shared(client: Any, jobs: Sequence[Job]) -> list[Job]:
    """Return the jobs with every argument object used by several jobs sent once to all."""
    uses: dict[int, int] = {}
    for job in jobs:
        for value in job:
            uses[id(value)] = uses.get(id(value), 0) + 1
    shared: dict[int, Any] = {}
    calls = []
    for job in jobs:
        call = []
        for value in job:
            if uses[id(value)] > 1 and not isinstance(value, _NOT_SCATTERED):
                if id(value) not in shared:
                    shared[id(value)] = client.scatter(value, broadcast=True, hash=False)
                call.append(shared[id(value)])
            else:
                call.append(value)
        calls.append(tuple(call))
    return calls
