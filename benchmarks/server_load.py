"""Load a real `yalu serve` on loopback: throughput, latency, restart and reload stalls.

    .venv/bin/python benchmarks/server_load.py                 # 1, 8, 32, 128 clients, 10 s each
    .venv/bin/python benchmarks/server_load.py --seconds 5 --clients 1 8
    .venv/bin/python benchmarks/server_load.py --database sqlite:///tmp/x.sqlite3  # reuse

Loads the UN list of 2024-11-30 and the OFAC SDN list of 2021 (from `../shared`) into a new
SQLite database, creates an analyst key, and runs `python -m yalu serve` on a free port of
127.0.0.1. Then it measures, with asyncio httpx clients in this process (each client sends
`POST /screen` one after the other, names drawn from a seeded generator so caches do not
flatter the figures):

1. **restart**: the time from starting the server to its first `GET /health`, then the
   wait of each of 32 simultaneous first screenings (max and median);
2. **throughput**: for each client count, screenings/s answered 200, p50/p95/p99 latency,
   and how many were shed (503) or limited (429); the server's CPU time per answer and
   the load generator's CPU use (100% is one core: near it, the generator, not the
   server, bounds the figures, as with httpx at 32 clients and more on 2 cores);
3. **reload**: 8 clients screen while `yalu lists load` loads the newer UN list
   (`UN_consolidated.xml`, a real delta); prints the worst request latency and the longest
   gap without any answer, from the load's start until the server answers with the new list.

The load generator shares the 2 cores with the server, so figures are a floor; the machine
is shared with other jobs, so repeat a run before trusting a difference. The per-key rate
limit is turned off for the run (`YALU_KEY_REQUESTS_PER_MINUTE=0`), since one key drives
all the load; every other setting is the default.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

HERE = Path(__file__).resolve().parent
LISTS = HERE.parent.parent / "shared" / "data" / "lists"
FIRST_LISTS = (LISTS / "un_consolidated_2024-11-30.xml", LISTS / "ofac_sdn_2021")
NEWER_UN = LISTS / "UN_consolidated.xml"

FAMILY = [
    "Kim",
    "Ri",
    "Pak",
    "Choe",
    "Jong",
    "Kang",
    "Cho",
    "Yun",
    "Jang",
    "Han",
    "O",
    "Sin",
    "Hwang",
    "Ryu",
    "Jon",
    "Ko",
    "Mun",
    "Ryang",
    "Son",
]
GIVEN = [
    "Jong Un",
    "Yong Chol",
    "Chol Ho",
    "Myong Hui",
    "Song Il",
    "Kwang Jin",
    "Hyon Su",
    "Un Ju",
    "Tae Sik",
    "Yong Nam",
    "Il Sung",
    "Chang Ho",
    "Sol Ju",
    "Jae Ryong",
    "Sok Chol",
    "Kyong Hui",
    "Yo Jong",
    "Pyong Ho",
    "Thae Bong",
    "Su Gil",
]
WESTERN = ["John Smith", "Maria Garcia", "Ahmed Hassan", "Chen Wei", "Olga Petrova", "Luis Moreno"]
COMPANY = [
    "Ocean",
    "Korea",
    "Ryonbong",
    "Pacific",
    "Mansudae",
    "Golden",
    "Star",
    "Tanchon",
    "Hyoksin",
    "Namgang",
]
KIND = ["Trading Company", "Shipping Co Ltd", "General Corporation", "Bank", "Mining Corp"]


def names(seed: int) -> Iterator[str]:
    """Yield an endless, seeded mix of Korean, Western and company names."""
    rng = random.Random(seed)
    while True:
        roll = rng.random()
        if roll < 0.6:
            yield f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"
        elif roll < 0.8:
            yield f"{rng.choice(COMPANY)} {rng.choice(COMPANY)} {rng.choice(KIND)}"
        else:
            yield f"{rng.choice(WESTERN)} {rng.choice(FAMILY)}"


def yalu(database_url: str, *args: str) -> str:
    """Run the real `yalu` command; return its stdout (fail loudly otherwise)."""
    env = {**os.environ, "YALU_DATABASE_URL": database_url}
    done = subprocess.run(
        [sys.executable, "-m", "yalu", *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"yalu {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(database_url: str, folder: Path) -> Iterator[tuple[str, float, psutil.Process]]:
    """Run `yalu serve`; yield its URL, the seconds until `GET /health` answered, its process."""
    port = free_port()
    env = {
        **os.environ,
        "YALU_DATABASE_URL": database_url,
        "YALU_KEY_REQUESTS_PER_MINUTE": "0",
    }
    command = [sys.executable, "-m", "yalu", "serve", "--port", str(port)]
    log = (folder / f"serve-{port}.log").open("wb")
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            if process.poll() is not None:
                raise SystemExit(f"yalu serve exited {process.returncode}; see {log.name}")
            try:
                if httpx.get(f"{url}/health", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.02)
        yield url, time.perf_counter() - started, psutil.Process(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@dataclass
class Run:
    """What the clients of one run saw."""

    latencies_s: list[float] = field(default_factory=list)
    finished_at: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0


async def client(http: httpx.AsyncClient, key: str, seed: int, until: float, run: Run) -> None:
    """Screen names one after the other until `until` (perf_counter seconds)."""
    headers = {"Authorization": f"Bearer {key}"}
    for name in names(seed):
        if time.perf_counter() >= until:
            return
        begun = time.perf_counter()
        try:
            answer = await http.post("/screen", json={"name": name}, headers=headers)
        except httpx.HTTPError:
            run.errors += 1
            continue
        ended = time.perf_counter()
        run.latencies_s.append(ended - begun)
        run.finished_at.append(ended)
        run.statuses[answer.status_code] = run.statuses.get(answer.status_code, 0) + 1


async def load(url: str, key: str, clients: int, seconds: float, seed: int) -> Run:
    """Run `clients` clients for `seconds`; return what they saw."""
    run = Run()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as http:
        until = time.perf_counter() + seconds
        await asyncio.gather(
            *(client(http, key, seed * 1000 + n, until, run) for n in range(clients))
        )
    return run


def percentile(values: Sequence[float], share: float) -> float:
    """Return the `share` (0..1) percentile of `values` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


async def first_answers(url: str, key: str, clients: int) -> list[float]:
    """Send `clients` screenings at once; return each one's wait in seconds."""
    limits = httpx.Limits(max_connections=clients)
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(base_url=url, timeout=300, limits=limits) as http:

        async def one(name: str) -> float:
            begun = time.perf_counter()
            answer = await http.post("/screen", json={"name": name}, headers=headers)
            if answer.status_code != 200:
                print(f"  first answer {answer.status_code}: {answer.text[:200]}")
            return time.perf_counter() - begun

        generator = names(7)
        return list(await asyncio.gather(*(one(next(generator)) for _ in range(clients))))


async def reload_stall(url: str, key: str, database_url: str, seconds: float) -> None:
    """Screen with 8 clients while the newer UN list loads; print the worst stalls."""
    run = Run()
    limits = httpx.Limits(max_connections=8)
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as http:
        before = (await http.get("/lists", headers=headers)).json()
        un_before = sorted((item["source"], item["version"]) for item in before["lists"])
        until = time.perf_counter() + 3600
        tasks = [asyncio.create_task(client(http, key, 500 + n, until, run)) for n in range(8)]
        await asyncio.sleep(2)
        load_started = time.perf_counter()
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "yalu", "lists", "load", str(NEWER_UN),
            env={**os.environ, "YALU_DATABASE_URL": database_url},
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        _, stderr = await process.communicate()
        loaded_at = time.perf_counter()
        if process.returncode != 0:
            print(f"  lists load failed: {stderr.decode()[-300:]}")
        swapped_at = None
        while time.perf_counter() - loaded_at < 120:
            now = (await http.get("/lists", headers=headers)).json()
            un_now = sorted((item["source"], item["version"]) for item in now["lists"])
            if un_now != un_before:
                # /lists reads the store; wait for a screening that used the new index too.
                await asyncio.sleep(seconds)
                swapped_at = time.perf_counter()
                break
            await asyncio.sleep(0.2)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    window = [
        (end - latency, end)
        for latency, end in zip(run.latencies_s, run.finished_at, strict=True)
        if end >= load_started
    ]
    worst = max((end - begin for begin, end in window), default=0.0)
    ends = sorted([load_started, *(end for _, end in window)])
    gap = max((b - a for a, b in itertools.pairwise(ends)), default=0.0)
    print(
        f"  list load took {loaded_at - load_started:.1f} s; {len(window)} answers from its "
        f"start until {seconds:.0f} s after /lists showed the new version"
        + ("" if swapped_at else " (it never did)")
    )
    print(f"  worst request latency {worst:.2f} s; longest gap without an answer {gap:.2f} s")
    print(f"  statuses {dict(sorted(run.statuses.items()))}, transport errors {run.errors}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32, 128])
    parser.add_argument("--seconds", type=float, default=10.0, help="per client count")
    parser.add_argument("--seed", type=int, default=20261204)
    parser.add_argument("--database", help="reuse this database URL (lists already loaded)")
    parser.add_argument("--no-reload", action="store_true", help="skip the reload test")
    args = parser.parse_args(argv)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(f"load average at start: {os.getloadavg()[0]:.2f} (the machine is shared)")
    with tempfile.TemporaryDirectory(prefix="yalu-load-") as scratch:
        folder = Path(scratch)
        database_url = args.database or f"sqlite:///{folder / 'yalu.sqlite3'}"
        if not args.database:
            begun = time.perf_counter()
            for path in FIRST_LISTS:
                yalu(database_url, "lists", "load", str(path))
            print(f"lists loaded in {time.perf_counter() - begun:.1f} s")
        key = yalu(database_url, "keys", "create", f"bench-{os.getpid()}", "--role", "analyst")
        key = key.strip().splitlines()[-1]
        with serving(database_url, folder) as (url, up_s, server):
            waits = asyncio.run(first_answers(url, key, 32))
            print(
                f"restart: /health after {up_s:.2f} s; 32 simultaneous first screenings: "
                f"max {max(waits):.2f} s, median {statistics.median(waits):.2f} s"
            )
            print(
                "clients  screenings/s   p50 ms   p95 ms   p99 ms   200s  503s  429s  other"
                "  server CPU ms/answer  generator CPU %"
            )
            for count in args.clients:
                server_cpu, own_cpu = sum(server.cpu_times()[:2]), time.process_time()
                run = asyncio.run(load(url, key, count, args.seconds, args.seed + count))
                server_cpu = sum(server.cpu_times()[:2]) - server_cpu
                own_share = (time.process_time() - own_cpu) / args.seconds
                ok = run.statuses.get(200, 0)
                other = sum(run.statuses.values()) - ok - run.statuses.get(503, 0)
                other += run.errors - run.statuses.get(429, 0)
                lat = run.latencies_s or [0.0]
                print(
                    f"{count:7d}  {ok / args.seconds:12.1f}  {percentile(lat, 0.5) * 1000:7.0f}  "
                    f"{percentile(lat, 0.95) * 1000:7.0f}  {percentile(lat, 0.99) * 1000:7.0f}  "
                    f"{ok:5d}  {run.statuses.get(503, 0):4d}  {run.statuses.get(429, 0):4d}  "
                    f"{other:5d}  {server_cpu * 1000 / max(1, sum(run.statuses.values())):19.2f}"
                    f"  {own_share * 100:15.0f}"
                )
            if not args.no_reload:
                print("reload: 8 clients while `yalu lists load UN_consolidated.xml` runs")
                asyncio.run(reload_stall(url, key, database_url, 3.0))


if __name__ == "__main__":
    main()
