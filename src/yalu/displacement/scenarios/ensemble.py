"""Many seeded runs of a scenario (in sequence, in local processes or on Dask); 90% bands."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass

import numpy as np

from yalu.core.optional import require
from yalu.core.progress import ProgressCallback
from yalu.displacement.ensemble import child_seeds
from yalu.displacement.scenarios.simulation import ScenarioRun, run_scenario
from yalu.models.displacement import Case, FloatArray
from yalu.models.scenarios import ScenarioSpec

BAND = (5.0, 95.0)
"""Percentiles of the 90% band."""


@dataclass(frozen=True, slots=True)
class Band:
    """Mean and 90% band of a daily series over an ensemble, each shape (days,)."""

    mean: FloatArray
    low: FloatArray
    high: FloatArray


def band_of(series: FloatArray) -> Band:
    """Return the band of `series`, shape (runs, days)."""
    low, high = np.percentile(series, BAND, axis=0)
    return Band(series.mean(axis=0), low, high)


def run_jobs(
    jobs: Sequence[tuple[ScenarioSpec, int]],
    case: Case,
    *,
    workers: int = 1,
    on_progress: ProgressCallback | None = None,
) -> list[ScenarioRun]:
    """Run each (scenario, seed) job; results in job order.

    Args:
        jobs: what to run.
        case: the case every job runs on.
        workers: local processes (1 = in this process); results do not depend on it.
        on_progress: called with the number of jobs done.
    """
    if workers <= 1 or len(jobs) <= 1:
        results = []
        for done, (spec, seed) in enumerate(jobs, start=1):
            results.append(run_scenario(spec, case, seed))
            if on_progress is not None:
                on_progress(done)
        return results
    slots: list[ScenarioRun | None] = [None] * len(jobs)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {
            pool.submit(run_scenario, spec, case, seed): i for i, (spec, seed) in enumerate(jobs)
        }
        for done, future in enumerate(as_completed(futures), start=1):
            slots[futures[future]] = future.result()
            if on_progress is not None:
                on_progress(done)
    return [run for run in slots if run is not None]


def run_scenario_ensemble(
    spec: ScenarioSpec,
    case: Case,
    runs: int,
    seed: int,
    *,
    use_dask: bool = False,
    on_progress: ProgressCallback | None = None,
) -> list[ScenarioRun]:
    """Run `spec` `runs` times with child seeds of `seed` (run i alone: `child_seeds`[i]).

    Raises:
        MissingExtraError: `use_dask` without the `dask` extra.
        ScenarioError: the scenario names something the case lacks.
    """
    seeds = child_seeds(seed, runs)
    if use_dask:
        dask = require("dask", extra="dask", purpose="Ensembles on Dask need dask")
        tasks = [dask.delayed(run_scenario)(spec, case, child) for child in seeds]
        results = list(dask.compute(*tasks, scheduler="processes"))
        if on_progress is not None:
            on_progress(runs)
        return results
    results = []
    for done, child in enumerate(seeds, start=1):
        results.append(run_scenario(spec, case, child))
        if on_progress is not None:
            on_progress(done)
    return results
