from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from tests.displacement.builders import make_case, place
from tests.paths import SHARED_CASES
from yalu.core.errors import CaseFormatError
from yalu.displacement import Scenario, run_ensemble, score_runs
from yalu.displacement.assessment import assess, planned_runs
from yalu.formats.flee import read_case
from yalu.models.displacement import Case


@pytest.fixture(scope="module")
def mali() -> Scenario:
    case = read_case(Path(SHARED_CASES / "mali2012"))
    return Scenario(case, replace(case.settings, hasten=20))


@pytest.mark.shared_data
def test_assessment_scores_the_plain_ensemble_and_a_wider_band_with_rule_ranges(
    mali: Scenario,
) -> None:
    done: list[int] = []
    result = assess(mali, 4, 11, on_progress=done.append)
    assert done[-1] == planned_runs(4) == 8
    plain = score_runs(mali, run_ensemble(mali, 4, 11))
    np.testing.assert_allclose(result.scores.rescaled, plain.rescaled)
    assert result.sampled is not None
    low, high = result.sampled.band(result.sampled.rescaled)
    seeds_low, seeds_high = result.scores.band(result.scores.rescaled)
    assert high - low > seeds_high - seeds_low > 0
    assert len({tuple(sorted(d.items())) for d in result.drawn}) == 4


@pytest.mark.shared_data
def test_assessment_summary_has_skill_against_the_best_baseline(mali: Scenario) -> None:
    summary = assess(mali, 1, 3).summary()
    rescaled = summary["rescaled"]
    assert isinstance(rescaled, dict)
    best = rescaled["best_baseline"]
    assert best["name"] == "day0_share"
    assert rescaled["skill"] == pytest.approx(1 - rescaled["mean"] / best["ard"])
    assert "band90_with_rule_uncertainty" not in rescaled  # one run: no second ensemble
    assert set(summary["baselines"]) == {"uniform", "day0_share", "gravity"}  # type: ignore[arg-type]


def test_a_case_without_observed_data_cannot_be_assessed() -> None:
    case: Case = make_case([place("A", "conflict_zone"), place("B", "camp")], [("A", "B", 10)])
    with pytest.raises(CaseFormatError, match="no observed camp data"):
        assess(Scenario(case), 2, 1)
