"""Many seeded runs of one scenario, anywhere (`yalu.core.parallel`), and their scores.

Every ensemble in yalu runs through `map_jobs(function, seeded_jobs(seed, runs, ...))`: the
runs' seeds come from one `numpy.random.SeedSequence(seed).spawn(runs)`, each run is a pure
function of its arguments and its seed, and `map_jobs` returns the results in run order
whether the runs went one after another, to local processes or to a Dask cluster. Run i of
an ensemble is reproduced alone by `run_one(scenario, child_seeds(seed, runs)[i])`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from yalu.core.parallel import Job, Parallelism, map_jobs
from yalu.core.progress import ProgressCallback
from yalu.displacement.observed import observed_on_days
from yalu.displacement.run import Scenario, run_case
from yalu.displacement.validate import ValidationScore, score
from yalu.models.displacement import FloatArray, RunOutput

BAND = (5.0, 95.0)
"""Percentiles of the reported 90% band."""


def child_seeds(seed: int | None, runs: int) -> list[int]:
    """Return one independent 63-bit seed per run, derived with `SeedSequence.spawn`."""
    children = np.random.SeedSequence(seed).spawn(runs)
    return [int(child.generate_state(1, np.uint64)[0] >> np.uint64(1)) for child in children]


def seeded_jobs(seed: int | None, runs: int, *arguments: Any) -> list[Job]:
    """Return `runs` jobs `(*arguments, child seed)`, the seeds from one SeedSequence."""
    return [(*arguments, child) for child in child_seeds(seed, runs)]


def run_one(scenario: Scenario, seed: int) -> RunOutput:
    """Run `scenario` once with `seed` (a plain picklable function for workers).

    With `scenario.uncertain_rules` the run first draws its rule parameters from a stream
    of `seed`, so the run is still a function of the scenario and the seed alone.
    """
    settings, options, _ = scenario.for_run(seed)
    return run_case(scenario.case, seed, settings=settings, options=options)


def run_ensemble(
    scenario: Scenario,
    runs: int,
    seed: int | None = None,
    *,
    parallelism: Parallelism | None = None,
    on_progress: ProgressCallback | None = None,
) -> list[RunOutput]:
    """Run `scenario` `runs` times with child seeds of `seed`; outputs in seed order.

    Args:
        scenario: what to run.
        runs: number of runs (>= 1).
        seed: root seed (None: fresh entropy; each output still records its own seed).
        parallelism: where the runs go (default: one after another in this process); the
            outputs do not depend on it.
        on_progress: called with the number of runs completed.

    Raises:
        MissingExtraError: Dask asked for without the `dask` extra installed.
        NetworkError: the Dask scheduler cannot be reached or is lost.
    """
    jobs = seeded_jobs(seed, runs, scenario)
    return map_jobs(run_one, jobs, parallelism, on_progress=on_progress)


@dataclass(frozen=True, slots=True)
class EnsembleScore:
    """ARD of every run of an ensemble, with mean and 90% band.

    Attributes:
        runs: one score per run, in seed order.
        seeds: the runs' seeds.
    """

    runs: tuple[ValidationScore, ...]
    seeds: tuple[int | None, ...]

    @property
    def rescaled(self) -> FloatArray:
        """Return the rescaled ARD of each run."""
        return np.array([run.rescaled for run in self.runs])

    @property
    def raw(self) -> FloatArray:
        """Return the raw ARD of each run."""
        return np.array([run.raw for run in self.runs])

    @staticmethod
    def band(values: FloatArray) -> tuple[float, float]:
        """Return the 5th and 95th percentiles of `values`."""
        low, high = np.percentile(values, BAND)
        return float(low), float(high)


def score_runs(scenario: Scenario, outputs: Sequence[RunOutput]) -> EnsembleScore:
    """Score each run's camp populations against the observed data with FLEE's ARD.

    Raises:
        ValueError: the case has no observed data or no camps.
    """
    case = scenario.case
    if case.observed is None or not case.camp_names:
        raise ValueError(f"case {case.name} has no observed camp data to validate against")
    hasten = max(int(scenario.effective_settings.hasten), 1)
    days = np.arange(case.length_days)
    observed = observed_on_days(case.observed, case.camp_names, days, hasten)
    camps = case.camp_indices
    scores = tuple(score(output.population[:, camps], observed) for output in outputs)
    return EnsembleScore(scores, tuple(output.seed for output in outputs))
