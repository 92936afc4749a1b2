"""Run one seeded FLEE 3.1 validation case and write its daily camp counts as JSON.

This script is executed *inside* the separate FLEE virtual environment
(``.venv-flee``, ``pip install flee==3.1``) by ``flee_side_by_side.py``; it is not
imported by yalu and never runs in the main environment.  It drives FLEE's Python API
in the order of FLEE's ``runscripts/run.py``: settings, geography, observed data,
day-0 camp residents, then one ``evolve`` per day.  Unlike ``run.py`` it seeds
``random`` and ``numpy.random`` (FLEE never seeds itself), reads the conflict file
explicitly (FLEE 3.1 does not read it on its own) and writes JSON instead of CSV.

Usage::

    .venv-flee/bin/python benchmarks/flee_driver.py CASE_DIR SETTINGS_YML SEED OUT_JSON \
        [--spawn-from-total]

``SETTINGS_YML`` is a copy of the case's ``simsetting.yml`` with ``optimisations.hasten``
set (the parent writes it to a temporary directory).  Run it from an empty working
directory: FLEE 3.1 looks for ``input_csv/demographics_*.csv`` in the current directory.
FLEE's diagnostics go to stderr; the parent sends them to a log file.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from flee import InputGeography, flee, spawning
from flee.datamanager import handle_refugee_data, read_period
from flee.SimulationSettings import SimulationSettings


def _parse_args(argv: list[str]) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case_dir", type=Path)
    parser.add_argument("settings", type=Path)
    parser.add_argument("seed", type=int)
    parser.add_argument("out_json", type=Path)
    parser.add_argument(
        "--spawn-from-total",
        action="store_true",
        help="spawn from refugees.csv differences (FLEE 3.1's run.py default) instead of "
        "from the sum of the camp series (current FLEE default, sum_from_camps: True)",
    )
    return parser.parse_args(argv)


def run_case(
    case_dir: Path, settings: Path, seed: int, *, sum_from_camps: bool = True
) -> dict[str, Any]:
    """Run one FLEE simulation of ``case_dir`` and return its daily series.

    Returns a dict with ``camps`` (names, locations.csv order), ``sim`` and ``obs``
    (per day, per camp agent counts and FLEE's interpolated observed counts),
    ``agents`` (all agents alive per day), ``days``, ``hasten`` and ``sim_seconds``
    (wall time from reading the case to the last day, imports excluded).
    """
    random.seed(seed)
    np.random.seed(seed)
    t0 = time.perf_counter()
    input_dir = case_dir / "input_csv"
    data_dir = case_dir / "source_data"
    start_date, days = read_period.read_conflict_period(str(input_dir / "sim_period.csv"))

    SimulationSettings.ReadFromYML(str(settings))
    SimulationSettings.ConflictInputFile = str(input_dir / "conflicts.csv")
    hasten = SimulationSettings.optimisations["PopulationScaleDownFactor"]

    eco = flee.Ecosystem()
    geo = InputGeography.InputGeography()
    geo.ReadConflictInputCSV(SimulationSettings.ConflictInputFile)
    geo.ReadLocationsFromCSV(str(input_dir / "locations.csv"))
    geo.ReadLinksFromCSV(str(input_dir / "routes.csv"))
    geo.ReadClosuresFromCSV(str(input_dir / "closures.csv"))
    eco, loc_map = geo.StoreInputGeographyInEcosystem(eco)

    table = handle_refugee_data.RefugeeTable(
        csvformat="generic",
        data_directory=str(data_dir),
        start_date=start_date,
        data_layout="data_layout.csv",
        population_scaledown_factor=hasten,
    )
    table.ReadL1Corrections(str(input_dir / "registration_corrections.csv"))

    camps = eco.get_camp_names()
    for name in camps:
        spawning.add_initial_refugees(eco, table, loc_map[name])

    sim: list[list[int]] = []
    obs: list[list[int]] = []
    agents: list[int] = []
    for t in range(days):
        geo.AddNewConflictZones(eco, t)
        spawning.spawn_daily_displaced(eco, t, table, SumFromCamps=sum_from_camps)
        spawning.refresh_spawn_weights(eco)
        eco.enact_border_closures(t)
        eco.evolve()
        sim.append([loc_map[name].numAgents for name in camps])
        obs.append([table.get_field(name, t) for name in camps])
        agents.append(eco.numAgents())
    return {
        "camps": camps,
        "sim": sim,
        "obs": obs,
        "agents": agents,
        "days": days,
        "hasten": hasten,
        "sum_from_camps": sum_from_camps,
        "sim_seconds": time.perf_counter() - t0,
    }


def main(argv: list[str]) -> int:
    """Run the case, add seed, peak RSS and FLEE version, write ``out_json``."""
    args = _parse_args(argv)
    result = run_case(
        args.case_dir.resolve(),
        args.settings.resolve(),
        args.seed,
        sum_from_camps=not args.spawn_from_total,
    )
    import flee as flee_pkg

    result["seed"] = args.seed
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["flee_version"] = getattr(flee_pkg, "__version__", None) or _dist_version()
    result["python"] = sys.version.split()[0]
    args.out_json.write_text(json.dumps(result), encoding="utf-8")
    return 0


def _dist_version() -> str:
    """Installed FLEE distribution version (FLEE 3.1 has no ``__version__``)."""
    from importlib.metadata import version

    return version("flee")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
