"""Scaling of the displacement engine: 100 thousand to 25 million agents, 100 days.

A synthetic network (conflict zones, towns, camps with capacities, forwarding hubs and
random routes of 20-600 km) is built in memory; each size places its agents at the conflict
zones on day 0 and runs `step` for 100 days with yalu's default rules, recording daily
populations as `run_case` does (compiled kernel when numba is installed, loaded before the
clock starts). Each size runs in a fresh process so that peak RSS is its own.

    python benchmarks/displacement_scaling.py            # all sizes
    python benchmarks/displacement_scaling.py --agents 1000000
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np

from kernel_warm_up import warm_up
from yalu.displacement.kernel import numba_available
from yalu.displacement.network import build_network
from yalu.displacement.rules import Rules
from yalu.displacement.run import initial_state
from yalu.displacement.step import step
from yalu.models.displacement import Case, Location, MoveRules, Route, SimSettings

SIZES = (100_000, 1_000_000, 5_000_000, 25_000_000)
DAYS = 100
FLEE_AGENT_DAYS_PER_S = 540_000
"""FLEE 3.1's best measured rate on this machine (benchmarks/FLEE_MEASURED.md, mali2012)."""


def synthetic_case(locations: int = 300, seed: int = 0) -> Case:
    """Return a connected random network with every location kind FLEE validates."""
    rng = np.random.default_rng(seed)
    kinds = rng.choice(
        ["conflict_zone", "town", "camp", "forward"], locations, p=[0.15, 0.65, 0.12, 0.08]
    )
    kinds[0] = "conflict_zone"
    places = []
    for i, kind in enumerate(kinds):
        country = "Home" if kind != "camp" else "Away"
        capacity = int(rng.integers(50_000, 2_000_000)) if kind == "camp" else None
        population = int(rng.integers(10_000, 500_000)) if kind != "camp" else 0
        places.append(Location(f"L{i}", "R", country, 0.0, 0.0, kind, 0, population, capacity))
    routes = [
        Route(f"L{i}", f"L{int(rng.integers(0, i))}", float(rng.integers(20, 600)))
        for i in range(1, locations)
    ]
    extra = rng.integers(0, locations, (locations, 2))
    routes += [Route(f"L{a}", f"L{b}", float(rng.integers(20, 600))) for a, b in extra if a != b]
    return Case(
        "synthetic",
        Path("synthetic"),
        date(2020, 1, 1),
        DAYS,
        tuple(places),
        tuple(routes),
        settings=SimSettings(move=MoveRules()),
    )


def measure(agents: int) -> dict[str, float]:
    """Run one size and return its figures."""
    case = synthetic_case()
    rules = Rules.from_settings(case.settings)
    network = build_network(case, awareness_level=rules.awareness_level)
    state = initial_state(network, rules, case)
    weights = np.where(state.intensity > 0, network.population, 0).astype(float)
    rng = np.random.default_rng(1)
    warm_up()  # numba's import and cached machine code are not part of the run
    start = time.perf_counter()
    state = replace(state, resident=rng.multinomial(agents, weights / weights.sum()))
    population = np.zeros((DAYS, network.size), dtype=np.int64)
    for day in range(DAYS):
        state = step(state, network, rules, day, rng)
        population[day] = state.population(network)
    wall = time.perf_counter() - start
    assert state.total == agents
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "agents": agents,
        "wall_s": wall,
        "peak_rss_mib": peak_kib / 1024,
        "paths": float(network.path_origin.size),
    }


def main() -> None:
    """Print one line per size (each measured in its own process)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, help="measure one size in this process")
    args = parser.parse_args()
    if args.agents:
        print(json.dumps(measure(args.agents)))
        return
    print(
        f"# {platform.processor() or platform.machine()}, Python {platform.python_version()},"
        f" numpy {np.__version__}; {DAYS} days, synthetic network of 300 locations;"
        f" kernel {'numba' if numba_available() else 'numpy'}"
    )
    print(f"{'agents':>12} {'wall s':>8} {'peak RSS MiB':>13} {'agent-days/s':>14} {'x FLEE':>8}")
    for size in SIZES:
        out = subprocess.run(
            [sys.executable, __file__, "--agents", str(size)],
            capture_output=True,
            text=True,
            check=True,
        )
        figures = json.loads(out.stdout)
        rate = size * DAYS / figures["wall_s"]
        print(
            f"{size:>12,} {figures['wall_s']:>8.2f} {figures['peak_rss_mib']:>13.0f} "
            f"{rate:>14,.0f} {rate / FLEE_AGENT_DAYS_PER_S:>8,.0f}"
        )


if __name__ == "__main__":
    main()
