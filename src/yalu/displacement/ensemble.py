"""Many seeded runs of one scenario, sequentially or on Dask, and their validation scores.

Child seeds come from `numpy.random.SeedSequence(seed).spawn(runs)`, so run i of an
ensemble is reproduced alone by `run_one(scenario, seeds[i])`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from yalu.core.optional import require
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


def run_one(scenario: Scenario, seed: int) -> RunOutput:
    """Run `scenario` once with `seed` (a plain picklable function for Dask)."""
    return run_case(scenario.case, seed, settings=scenario.settings, options=scenario.options)


def run_ensemble(
    scenario: Scenario,
    runs: int,
    seed: int | None = None,
    *,
    use_dask: bool = False,
    on_progress: ProgressCallback | None = None,
) -> list[RunOutput]:
    """Run `scenario` `runs` times with child seeds of `seed`.

    Args:
        scenario: what to run.
        runs: number of runs (>= 1).
        seed: root seed (None: fresh entropy; each output still records its own seed).
        use_dask: map the runs on Dask's process scheduler and compute once.
        on_progress: called with the number of runs completed.

    Raises:
        MissingExtraError: `use_dask` without the `dask` extra installed.
    """
    seeds = child_seeds(seed, runs)
    if use_dask:
        dask = require("dask", extra="dask", purpose="Ensembles on Dask need dask")
        tasks = [dask.delayed(run_one)(scenario, child) for child in seeds]
        outputs = list(dask.compute(*tasks, scheduler="processes"))
        if on_progress is not None:
            on_progress(runs)
        return outputs
    outputs = []
    for done, child in enumerate(seeds, start=1):
        outputs.append(run_one(scenario, child))
        if on_progress is not None:
            on_progress(done)
    return outputs


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
