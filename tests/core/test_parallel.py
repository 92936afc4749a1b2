"""map_jobs: the same results in job order whether jobs run here, in processes or on Dask."""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import psutil
import pytest

from tests.dask_cluster import DaskCluster
from yalu.core.errors import ConfigError, NetworkError
from yalu.core.parallel import (
    IN_FLIGHT_PER_WORKER,
    Parallelism,
    _exit_with_parent,
    map_jobs,
    map_partitions,
)


def draw(shared: dict[str, int], seed: int) -> list[float]:
    """Return a few draws of a generator seeded by `seed`, offset by a shared value."""
    rng = np.random.default_rng(seed)
    return [shared["offset"] + float(x) for x in rng.random(3)]


def die_once(marker: str, seed: int) -> int:
    """Kill this worker process the first time any worker runs it; then return `seed`."""
    path = Path(marker)
    if not path.exists():
        path.write_text("died once", encoding="utf-8")
        os._exit(1)
    return seed


def kill_scheduler(pid: int) -> int:
    """Kill the scheduler process `pid`, then wait as a long job would."""
    os.kill(pid, signal.SIGKILL)
    time.sleep(60)
    return pid


def log_an_error_as_dask_does(seed: int) -> int:
    """Log an error on a Dask worker's own logger, as a failed heartbeat does at shutdown."""
    logging.getLogger("distributed.worker").error("heartbeat %d failed", seed)
    return seed


JOBS_SHARED = {"offset": 10}
JOBS = [(JOBS_SHARED, seed) for seed in range(7)]
EXPECTED = [draw(JOBS_SHARED, seed) for seed in range(7)]


def test_processes_give_the_sequential_results_in_job_order() -> None:
    done: list[int] = []
    assert map_jobs(draw, JOBS, Parallelism(workers=2), on_progress=done.append) == EXPECTED
    assert done == list(range(1, 8))


def test_a_local_dask_cluster_gives_the_sequential_results() -> None:
    done: list[int] = []
    results = map_jobs(draw, JOBS, Parallelism(workers=2, dask="local"), on_progress=done.append)
    assert results == EXPECTED
    assert done == list(range(1, 8))


def test_a_local_clusters_own_error_logs_stay_off_the_console(
    capfd: pytest.CaptureFixture[str],
) -> None:
    # A worker that loses the closing scheduler logs a traceback; the run still succeeded.
    plan = Parallelism(workers=2, dask="local")
    assert map_jobs(log_an_error_as_dask_does, [(0,), (1,), (2,)], plan) == [0, 1, 2]
    assert "failed" not in capfd.readouterr().err


def test_a_real_scheduler_gives_the_sequential_results(dask_cluster: str) -> None:
    assert map_jobs(draw, JOBS, Parallelism(dask=dask_cluster)) == EXPECTED


def test_a_lost_worker_is_retried_by_dask(dask_cluster: str, tmp_path: Path) -> None:
    marker = str(tmp_path / "died")
    jobs = [(marker, seed) for seed in range(4)]
    assert map_jobs(die_once, jobs, Parallelism(dask=dask_cluster)) == [0, 1, 2, 3]
    assert Path(marker).read_text(encoding="utf-8") == "died once"


def test_a_scheduler_lost_during_the_run_is_one_network_error() -> None:
    cluster = DaskCluster(workers=1)
    try:
        cluster.start()
        assert cluster.scheduler is not None
        started = time.monotonic()
        with pytest.raises(NetworkError) as caught:
            map_jobs(kill_scheduler, [(cluster.scheduler.pid,)], Parallelism(dask=cluster.address))
        assert time.monotonic() - started < 45
    finally:
        cluster.stop()
    message = str(caught.value)
    assert message.startswith(f"lost the Dask scheduler at {cluster.address} during the run")
    assert "\n" not in message


def test_an_unreachable_scheduler_is_one_network_error() -> None:
    with pytest.raises(
        NetworkError, match=r"^cannot reach the Dask scheduler at tcp://127.0.0.1:9\."
    ):
        map_jobs(draw, JOBS, Parallelism(dask="tcp://127.0.0.1:9"))


@pytest.mark.parametrize("address", ["tcp://", "scheduler", "http://host:port"])
def test_an_address_that_is_not_host_and_port_is_refused(address: str) -> None:
    with pytest.raises(ConfigError, match="is not host:port"):
        Parallelism(dask=address)


def test_workers_are_at_least_one() -> None:
    with pytest.raises(ConfigError, match="workers is 0"):
        Parallelism(workers=0)


def offset_part(shared: dict[str, int], part: list[int], factor: int) -> list[int]:
    """Return each item times `factor`, plus a shared offset (one partition's job)."""
    return [shared["offset"] + item * factor for item in part]


ITEMS = list(range(23))
PARTS = [offset_part(JOBS_SHARED, ITEMS[i : i + 5], 3) for i in range(0, 23, 5)]


@pytest.mark.parametrize("plan", [Parallelism(), Parallelism(workers=2)])
def test_partitions_come_back_in_order_with_progress_in_items(plan: Parallelism) -> None:
    done: list[int] = []
    results = map_partitions(
        offset_part,
        ITEMS,
        plan,
        shared=JOBS_SHARED,
        args=(3,),
        partition_size=5,
        on_progress=done.append,
    )
    assert list(results) == PARTS
    assert done == [5, 10, 15, 20, 23]


@pytest.mark.parametrize("workers", [1, 2])
def test_partitions_are_read_from_an_iterator_only_a_few_ahead(workers: int) -> None:
    read: list[int] = []

    def items() -> Iterator[int]:
        for item in range(1_000):
            read.append(item)
            yield item

    results = map_partitions(
        offset_part, items(), Parallelism(workers=workers), shared=JOBS_SHARED, args=(1,),
        partition_size=5,
    )  # fmt: skip
    first = next(results)
    ahead = 2 + workers * IN_FLIGHT_PER_WORKER  # partitions: the look-ahead and those queued
    assert first == offset_part(JOBS_SHARED, [0, 1, 2, 3, 4], 1)
    assert 5 <= len(read) <= 5 * ahead
    rest = list(results)
    assert [first, *rest] == [offset_part(JOBS_SHARED, list(range(i, i + 5)), 1)
                              for i in range(0, 1_000, 5)]  # fmt: skip


def test_partitions_on_a_real_scheduler_come_back_in_order(dask_cluster: str) -> None:
    results = map_partitions(
        offset_part,
        ITEMS,
        Parallelism(dask=dask_cluster),
        shared=JOBS_SHARED,
        args=(3,),
        partition_size=5,
    )
    assert list(results) == PARTS
    streamed = map_partitions(
        offset_part,
        iter(ITEMS),
        Parallelism(dask=dask_cluster),
        shared=JOBS_SHARED,
        args=(3,),
        partition_size=5,
    )
    assert list(streamed) == PARTS


def test_forked_workers_find_the_shared_object_they_inherited() -> None:
    shared = {"offset": os.getpid()}
    parts = list(map_partitions(offset_part, ITEMS, Parallelism(workers=2), shared=shared,
                                args=(0,), partition_size=5))  # fmt: skip
    assert parts == [[os.getpid()] * len(part) for part in PARTS]


WORKERS_THEN_WAIT = """
import sys, time
from yalu.core.parallel import Parallelism, map_partitions

def wait(shared, part):
    time.sleep(600)
    return part

for _ in map_partitions(wait, range(8), Parallelism(workers=2), shared=None, partition_size=1):
    pass
"""


def test_workers_end_when_the_process_that_forked_them_is_killed() -> None:
    # Killed outright (SIGKILL, the OOM killer), a batch must not leave its workers behind
    # holding their copy of the index.
    batch = subprocess.Popen([sys.executable, "-c", WORKERS_THEN_WAIT])
    try:
        deadline = time.monotonic() + 60
        workers = psutil.Process(batch.pid).children()
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
            workers = psutil.Process(batch.pid).children()
        assert len(workers) == 2
    finally:
        batch.kill()
        batch.wait(timeout=30)
    alive = _still_running(workers, timeout=30)
    for worker in alive:
        worker.kill()
    assert alive == []


def _watch_a_parent_already_gone() -> None:
    try:
        _exit_with_parent(parent=-1)  # no process has this id: the parent is gone already
    except BaseException:
        os._exit(2)  # not the watch's exit (1)
    time.sleep(60)


def test_a_worker_whose_batch_died_before_it_looked_ends() -> None:
    # The batch may be killed between forking a worker and the worker's first look at its
    # parent; the worker then compares with the id the batch gave it, and ends.
    worker = multiprocessing.get_context("fork").Process(target=_watch_a_parent_already_gone)
    worker.start()
    worker.join(timeout=30)
    assert worker.exitcode == 1


def _still_running(processes: list[psutil.Process], timeout: float) -> list[psutil.Process]:
    # A process that has exited counts as ended even when it lingers as a zombie: an orphan
    # is reaped by whatever PID 1 is, and in a container that may never happen.
    deadline = time.monotonic() + timeout
    while True:
        running = [p for p in processes if _is_running(p)]
        if not running or time.monotonic() > deadline:
            return running
        time.sleep(0.05)


def _is_running(process: psutil.Process) -> bool:
    try:
        status: str = process.status()
    except psutil.NoSuchProcess:
        return False
    return bool(status != psutil.STATUS_ZOMBIE)
