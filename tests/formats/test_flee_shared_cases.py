"""Every shared case FLEE 3 runs, yalu reads and runs (../shared/data/flee-cases)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from tests.paths import SHARED_CASES
from yalu.displacement import run_case
from yalu.displacement.observed import observed_on_days
from yalu.formats.flee import read_case

pytestmark = pytest.mark.shared_data

CASES = {
    "mali2012": 10,
    "burundi2015": 10,
    "car2013": 20,
    "mali2017_adm1": 10,
    "nigeria2016_adm1": 100,
}


@pytest.mark.parametrize(("name", "hasten"), CASES.items())
def test_shared_case_reads_and_runs_keeping_every_agent(name: str, hasten: int) -> None:
    case = read_case(Path(SHARED_CASES / name))
    assert case.observed is not None
    assert case.conflicts is not None and case.conflicts.days >= case.length_days
    observed = observed_on_days(case.observed, case.camp_names, range(case.length_days), hasten)
    assert np.isfinite(observed).all() and (observed >= 0).all()
    short = replace(case, length_days=60, settings=replace(case.settings, hasten=hasten))
    output = run_case(short, seed=1)
    assert np.array_equal(output.total_agents, np.cumsum(output.spawned))
    assert output.population[:, case.camp_indices].sum() > 0
