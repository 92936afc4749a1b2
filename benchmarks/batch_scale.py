"""Batch screening at scale: `yalu screen --input` as a user runs it, on 1 and 2 workers and Dask.

    .venv/bin/python benchmarks/batch_scale.py                        # 100,000 rows, every setup
    .venv/bin/python benchmarks/batch_scale.py --rows 100000 1000000  # and a million
    .venv/bin/python benchmarks/batch_scale.py --rows 20000 --setups cold workers1   # quick

Builds an FtM list file of the shared UN and OFAC SDN lists (about 10,000 entities) and a
book of names (`batch_data.py`, seeded), then runs `yalu screen --list-file LISTS --input
BOOK --format jsonl --output FILE` as a subprocess per setup, timing the whole command
(process start, index build or cache read, screening, audit-free output) and sampling the
proportional memory (PSS) of its whole process tree (the command, its forked workers, a
local Dask cluster) with psutil, from a thread that keeps its own cost under 2% of a core
(every 0.2 s at first, every second or two once the tree holds a built index). Setups:

* `cold`: no flags, empty index cache: every core, the index built from the file.
* `cold-pure`: the same with `YALU_PURE_PYTHON=1`: the matcher's sources run, not the
  modules `setup.py` compiled with mypyc.
* `warm`: no flags, the index read from the cache (`index_cache_dir`) as on a second run.
* `workers1`: `--workers 1`, warm cache.
* `workers2`: `--workers 2`, warm cache.
* `dask2`: `--dask --workers 2`, a local Dask cluster of 2 workers, warm cache.

Prints queries/s, wall time, peak memory, the CPU time of the whole process tree (its
`getrusage` children's total) and of the command's own process alone (the writer: it builds
or reads the index, reads the book and writes the rows its workers score, group and render;
sampled with the memory, so it misses the last second or two), whether each output is
byte-identical to the first setup's, the scaling efficiency of 2 workers over 1, and a
projection (a linear model fitted to the measured runs, stated as such) for 10 and 50
million rows on N workers. Timings on a shared machine are noisy: the load average is
printed with them.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import platform
import resource
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from batch_data import write_book, write_list_file

YALU = Path(sys.executable).parent / "yalu"
SETUPS = {
    "cold": [],
    "cold-pure": [],
    "warm": [],
    "workers1": ["--workers", "1"],
    "workers2": ["--workers", "2"],
    "dask2": ["--dask", "--workers", "2"],
}
PURE_PYTHON = {"cold-pure": "1"}
"""`YALU_PURE_PYTHON` per setup: `cold-pure` runs the matcher's sources, not what
`setup.py` compiled."""
BOOK_SEED = 20261204
SAMPLE_S = 0.2
SAMPLER_SHARE = 0.02
"""At most this share of one core goes to sampling memory: a sample of a process tree of
1 GiB walks its page tables (about 35 ms here, on the cores the command is using), so the
pause after a sample is at least `1 / SAMPLER_SHARE` times its length. Sampling every
0.2 s took a sixth of a core and slowed a 2-core run by a fifth (52.9 s against 43.2 s
unwatched, 100,000 rows cold)."""


@dataclass
class Run:
    setup: str
    rows: int
    wall_s: float
    peak_mib: float
    digest: str
    cpu_s: float
    """CPU time (user and system) of the command and every process it waited for."""
    writer_cpu_s: float
    """CPU time of the command's own process, last sampled."""

    @property
    def per_s(self) -> float:
        return self.rows / self.wall_s


def _tree_pss(process: psutil.Process) -> int:
    """Return the proportional set size of a process and its descendants, in bytes.

    PSS, not RSS: pages a forked worker shares with its parent count once in the sum.
    """
    total = 0
    for member in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            total += member.memory_full_info().pss
    return total


class _Sampler(threading.Thread):
    """Sample a command's tree memory and own CPU time until `done` is set.

    A thread, so that the command's end is timed when it comes, not after a pause.
    """

    def __init__(self, process: psutil.Process) -> None:
        super().__init__(daemon=True)
        self.process = process
        self.done = threading.Event()
        self.peak = 0
        self.writer_cpu_s = 0.0

    def run(self) -> None:
        while not self.done.is_set():
            sampled = time.perf_counter()
            # The command may end (and be reaped) during a sample.
            with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                self.peak = max(self.peak, _tree_pss(self.process))
                times = self.process.cpu_times()
                self.writer_cpu_s = times.user + times.system
            took = time.perf_counter() - sampled
            self.done.wait(max(SAMPLE_S, took / SAMPLER_SHARE))


def run_setup(setup: str, rows: int, lists: Path, book: Path, work: Path) -> Run:
    """Run one setup and return its wall time, peak tree memory and output digest."""
    cache = work / "cache"
    if setup.startswith("cold"):
        shutil.rmtree(cache, ignore_errors=True)
    out = work / f"out-{setup}-{rows}.jsonl"
    command = [str(YALU), "screen", "--list-file", str(lists), "--input", str(book)]
    command += ["--format", "jsonl", "--output", str(out), *SETUPS[setup]]
    env = {**os.environ, "YALU_INDEX_CACHE_DIR": str(cache)}
    env["YALU_PURE_PYTHON"] = PURE_PYTHON.get(setup, "")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with (work / f"stderr-{setup}-{rows}.log").open("wb") as log:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, env=env)
        sampler = _Sampler(psutil.Process(child.pid))
        sampler.start()
        child.wait()
        wall = time.perf_counter() - started
        sampler.done.set()
        sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if child.returncode != 0:
        raise SystemExit(f"{setup}: exit {child.returncode}, see {log.name}")
    digest = hashlib.sha256(out.read_bytes()).hexdigest()[:12]
    out.unlink()
    return Run(setup, rows, wall, sampler.peak / 2**20, digest, cpu, sampler.writer_cpu_s)


def project(runs: list[Run], start_s: float) -> None:
    """Print a linear projection of wall time for 10 and 50 million rows (not a measurement)."""
    one = [r for r in runs if r.setup == "workers1"]
    two = [r for r in runs if r.setup in ("workers2", "warm")]
    if not one or not two:
        print("projection: needs the workers1 and workers2 (or warm) setups")
        return
    largest = max(one, key=lambda r: r.rows)
    per_worker = largest.rows / max(largest.wall_s - start_s, 1e-9)
    paired = max((r for r in two if r.rows == largest.rows), key=lambda r: r.per_s)
    measured = (paired.rows / max(paired.wall_s - start_s, 1e-9)) / (2 * per_worker)
    # Above 1 is the machine's noise (one run each), not workers helping each other.
    efficiency = min(measured, 1.0)
    print(
        f"\nPROJECTION (linear model, not measured): start {start_s:.1f} s, "
        f"{per_worker:.0f} rows/s per worker (workers1, {largest.rows:,} rows), "
        f"scaling efficiency {efficiency:.2f} per added worker (2 workers measured: "
        f"{measured:.2f}, at most 1.00 projected)"
    )
    print(f"{'rows':>12} {'workers':>8} {'projected wall':>16}")
    for rows in (10_000_000, 50_000_000):
        for workers in (2, 8, 32, 128):
            rate = per_worker * (1 + (workers - 1) * efficiency)
            hours = (start_s + rows / rate) / 3600
            print(f"{rows:>12,} {workers:>8} {hours:>14.2f} h")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000])
    parser.add_argument("--setups", nargs="+", choices=list(SETUPS), default=list(SETUPS))
    parser.add_argument("--work", type=Path, default=Path("benchmarks/results/batch_scale"))
    args = parser.parse_args()
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    lists = work / "lists.ftm.json"
    entities = write_list_file(lists)
    print(
        f"machine: {platform.machine()}, {psutil.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 2**30:.1f} GiB, Python {platform.python_version()}"
    )
    print(f"list file: {entities:,} entities (UN 2024-11-30 + OFAC SDN 2021, FtM JSON)")
    runs: list[Run] = []
    tiny = work / "book-10.csv"
    write_book(lists, tiny, 10, BOOK_SEED)
    run_setup("cold", 10, lists, tiny, work)  # fills the cache for the warm setups
    start_s = run_setup("warm", 10, lists, tiny, work).wall_s
    print(f"start-up, warm cache, 10 rows: {start_s:.1f} s")
    print(
        f"\n{'setup':<9} {'rows':>10} {'wall s':>8} {'queries/s':>10} {'peak MiB':>9} "
        f"{'cpu s':>7} {'writer s':>9} {'output':>13} {'load avg':>9}"
    )
    for rows in args.rows:
        book = work / f"book-{rows}.csv"
        write_book(lists, book, rows, BOOK_SEED)
        first = ""
        for setup in args.setups:
            run = run_setup(setup, rows, lists, book, work)
            runs.append(run)
            first = first or run.digest
            same = "same" if run.digest == first else f"DIFF {run.digest}"
            print(
                f"{setup:<9} {rows:>10,} {run.wall_s:>8.1f} {run.per_s:>10.0f} "
                f"{run.peak_mib:>9.0f} {run.cpu_s:>7.1f} {run.writer_cpu_s:>9.1f} {same:>13} "
                f"{os.getloadavg()[0]:>9.2f}",
                flush=True,
            )
    for rows in args.rows:
        one = [r for r in runs if r.rows == rows and r.setup == "workers1"]
        two = [r for r in runs if r.rows == rows and r.setup == "workers2"]
        if one and two:
            print(
                f"scaling efficiency, {rows:,} rows, 2 workers over 1 (whole command): "
                f"{two[0].per_s / (2 * one[0].per_s):.2f}"
            )
    project(runs, start_s)


if __name__ == "__main__":
    main()
