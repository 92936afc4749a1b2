"""A real Dask cluster on loopback for the tests: `dask scheduler` and `dask worker` processes.

Both commands come from the project's environment (the `dask` extra). The scheduler listens
on 127.0.0.1 at a port it picks and writes its address to a scheduler file; each worker is a
separate `dask worker` process (one process, one thread) under its own nanny, which restarts
a worker process that dies. The repository root is on the workers' PYTHONPATH, so a job may
be a function of a test module. `stop` ends exactly the processes this object started.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.paths import REPO

DASK = Path(sys.executable).parent / "dask"
START_TIMEOUT_S = 60.0


class DaskCluster:
    """One scheduler and `workers` workers; `address` is the scheduler's tcp:// address."""

    def __init__(self, workers: int = 2) -> None:
        self.workers = workers
        self.root = Path(tempfile.mkdtemp(prefix="yalu-dask-"))
        self.scheduler: subprocess.Popen[bytes] | None = None
        self.worker_processes: list[subprocess.Popen[bytes]] = []
        self.address = ""

    def start(self) -> None:
        """Start the scheduler, then the workers; return once every worker has joined."""
        scheduler_file = self.root / "scheduler.json"
        self.scheduler = self._spawn(
            "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
            "--scheduler-file", str(scheduler_file), log="scheduler.log",
        )  # fmt: skip
        self.address = str(
            self._wait_for(lambda: json.loads(scheduler_file.read_text())["address"])
        )
        for i in range(self.workers):
            worker = self._spawn(
                "worker", self.address, "--nworkers", "1", "--nthreads", "1",
                "--no-dashboard", "--host", "127.0.0.1", "--name", f"w{i}",
                log=f"worker{i}.log",
            )  # fmt: skip
            self.worker_processes.append(worker)
        self._wait_for(self._all_joined)

    def stop(self) -> None:
        """Stop the workers and the scheduler this cluster started."""
        for process in [*self.worker_processes, self.scheduler]:
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in [*self.worker_processes, self.scheduler]:
            if process is not None:
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()

    def kill_scheduler(self) -> None:
        """Kill the scheduler process at once (as a crash would)."""
        assert self.scheduler is not None
        self.scheduler.kill()
        self.scheduler.wait()

    def _spawn(self, *args: str, log: str) -> subprocess.Popen[bytes]:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        sink = (self.root / log).open("wb")
        return subprocess.Popen([str(DASK), *args], stdout=sink, stderr=sink, env=env, cwd=REPO)

    def _all_joined(self) -> bool:
        from distributed import Client

        with Client(self.address, timeout="10s") as client:
            return len(client.scheduler_info()["workers"]) >= self.workers

    @staticmethod
    def _wait_for(probe: object) -> object:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                value = probe()  # type: ignore[operator]
                if value:
                    return value
            except (OSError, ValueError, KeyError):
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("the Dask test cluster did not start in time")
            time.sleep(0.3)
