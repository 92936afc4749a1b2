"""Ensembles: seeded, the same in one process or several, with a 90% band around the mean."""

from __future__ import annotations

import numpy as np

from yalu.displacement.ensemble import child_seeds
from yalu.displacement.scenarios.catalog import load_named
from yalu.displacement.scenarios.ensemble import run_jobs
from yalu.displacement.scenarios.tables import tables_of
from yalu.models.displacement import Case
from yalu.models.scenarios import Crossing


def test_runs_are_the_same_in_one_process_or_two(
    dprk_case: Case, crossings: tuple[Crossing, ...]
) -> None:
    spec = load_named("dprk-collapse", dprk_case, crossings, days=25)
    jobs = [(spec, seed) for seed in child_seeds(9, 3)]
    alone = run_jobs(jobs, dprk_case, workers=1)
    pooled = run_jobs(jobs, dprk_case, workers=2)
    for a, b in zip(alone, pooled, strict=True):
        assert a.seed == b.seed
        assert np.array_equal(a.arrivals, b.arrivals)
        assert np.array_equal(a.output.population, b.output.population)


def test_band_brackets_the_mean_and_differs_between_seeds(
    dprk_case: Case, crossings: tuple[Crossing, ...]
) -> None:
    spec = load_named("dprk-collapse", dprk_case, crossings, days=25)
    tables = tables_of(run_jobs([(spec, seed) for seed in child_seeds(4, 5)], dprk_case))
    band = tables.band("in_china")
    assert np.all(band.low <= band.mean + 1e-9) and np.all(band.mean <= band.high + 1e-9)
    assert band.high[-1] > band.low[-1]
