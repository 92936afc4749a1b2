from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from tests.displacement.builders import make_case, place
from tests.paths import FIXTURES, SHARED_CASES
from yalu.displacement.baselines import (
    BASELINES,
    BaselineScores,
    baseline_counts,
    score_baselines,
)
from yalu.displacement.observed import observed_on_days, spawn_schedule
from yalu.displacement.validate import ValidationScore
from yalu.formats.flee import read_case
from yalu.models.displacement import ObservedData, Series

TINY = FIXTURES / "flee" / "tiny_case"


@pytest.mark.parametrize("name", BASELINES)
def test_each_baseline_starts_from_day0_and_places_every_new_arrival(name: str) -> None:
    case = read_case(TINY)
    assert case.observed is not None
    counts = baseline_counts(case, case.settings, name)
    start = observed_on_days(case.observed, case.camp_names, [0])[0]
    new = spawn_schedule(case.observed, case.length_days).new_agents
    np.testing.assert_allclose(counts.sum(axis=1), start.sum() + np.cumsum(new))
    assert (np.diff(counts, axis=0) >= -1e-9).all()  # nobody ever leaves a camp


def _two_camps(km_a: float, km_b: float, day0: tuple[float, float]) -> object:
    case = make_case(
        [place("War", "conflict_zone", population=1000), place("A", "camp"), place("B", "camp")],
        [("War", "A", km_a), ("War", "B", km_b)],
        days=3,
    )
    series = {
        "A": Series(np.array([0, 2]), np.array([day0[0], day0[0] + 30])),
        "B": Series(np.array([0, 2]), np.array([day0[1], day0[1] + 30])),
    }
    total = Series(np.array([0]), np.array([0.0]))
    return replace(case, observed=ObservedData(total=total, camps=series))


def test_gravity_splits_arrivals_by_inverse_route_distance() -> None:
    case = _two_camps(100.0, 300.0, (0.0, 0.0))
    counts = baseline_counts(case, case.settings, "gravity")  # type: ignore[arg-type]
    # 60 new arrivals over two days: 3/4 to A (1/100 against 1/300)
    np.testing.assert_allclose(counts[-1], [45.0, 15.0])


def test_day0_share_follows_the_first_counts_and_uniform_splits_evenly() -> None:
    case = _two_camps(100.0, 100.0, (30.0, 10.0))
    share = baseline_counts(case, case.settings, "day0_share")  # type: ignore[arg-type]
    uniform = baseline_counts(case, case.settings, "uniform")  # type: ignore[arg-type]
    np.testing.assert_allclose(share[-1], [30.0 + 45.0, 10.0 + 15.0])
    np.testing.assert_allclose(uniform[-1], [30.0 + 30.0, 10.0 + 30.0])


def test_day0_share_with_empty_camps_splits_evenly() -> None:
    case = _two_camps(100.0, 300.0, (0.0, 0.0))
    counts = baseline_counts(case, case.settings, "day0_share")  # type: ignore[arg-type]
    np.testing.assert_allclose(counts[-1], [30.0, 30.0])


def test_unknown_baseline_is_refused() -> None:
    case = read_case(TINY)
    with pytest.raises(ValueError, match="unknown baseline 'median'"):
        baseline_counts(case, case.settings, "median")


def _score(value: float) -> ValidationScore:
    errors = np.array([value])
    return ValidationScore(value, value, errors, errors)


def test_skill_is_one_minus_the_ratio_to_the_best_baseline() -> None:
    scores = BaselineScores({"uniform": _score(0.8), "day0_share": _score(0.4)})
    assert scores.best() == ("day0_share", 0.4)
    assert scores.skill(0.1) == pytest.approx(0.75)
    assert scores.skill(0.4) == pytest.approx(0.0)
    assert scores.skill(0.6) < 0


PUBLISHED = [  # best baseline and its rescaled ARD, ../shared/data/flee-cases/README.md
    ("mali2012", 10, "day0_share", 0.452),
    ("burundi2015", 10, "uniform", 0.743),
    ("car2013", 20, "uniform", 0.769),
    ("mali2017_adm1", 10, "day0_share", 0.087),
]


@pytest.mark.shared_data
@pytest.mark.parametrize(("name", "hasten", "best", "ard"), PUBLISHED)
def test_baselines_on_the_shared_cases_match_the_published_figures(
    name: str, hasten: int, best: str, ard: float
) -> None:
    case = read_case(Path(SHARED_CASES / name))
    scores = score_baselines(case, replace(case.settings, hasten=hasten))
    found, value = scores.best()
    assert found == best
    assert value == pytest.approx(ard, abs=0.0015)
