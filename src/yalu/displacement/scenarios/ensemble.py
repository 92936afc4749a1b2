"""Many seeded runs of a scenario (in sequence, in local processes or on Dask); 90% bands."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from yalu.core.parallel import LOCAL_DASK, Parallelism, map_jobs
from yalu.core.progress import ProgressCallback
from yalu.displacement.ensemble import seeded_jobs
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
    calls = [(spec, case, seed) for spec, seed in jobs]
    return map_jobs(run_scenario, calls, Parallelism(workers=workers), on_progress=on_progress)


def run_scenario_ensemble(
    spec: ScenarioSpec,
    case: Case,
    runs: int,
    seed: int,
    *,
    use_dask: bool | str | None = False,
    on_progress: ProgressCallback | None = None,
) -> list[ScenarioRun]:
    """Run `spec` `runs` times with child seeds of `seed` (run i alone: `child_seeds`[i]).

    `use_dask` is True (or "local") for a local Dask cluster, or a scheduler address.

    Raises:
        MissingExtraError: `use_dask` without the `dask` extra.
        NetworkError: the Dask scheduler cannot be reached or is lost.
        ScenarioError: the scenario names something the case lacks.
    """
    address = (LOCAL_DASK if use_dask is True else use_dask) or None
    jobs = seeded_jobs(seed, runs, spec, case)
    return map_jobs(run_scenario, jobs, Parallelism(dask=address), on_progress=on_progress)
