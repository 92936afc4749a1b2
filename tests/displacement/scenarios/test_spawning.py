"""Outflow schedules are exact: whole people, summing to the parameter, by the profile."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from yalu.displacement.scenarios.spawning import daily_profile, outflow_schedule, split_exactly
from yalu.models.displacement import Case
from yalu.models.scenarios import Outflow


@given(
    total=st.integers(0, 10**8), weights=st.lists(st.floats(0.001, 1000), min_size=1, max_size=50)
)
def test_split_exactly_sums_to_the_total_and_stays_within_one_of_exact(
    total: int, weights: list[float]
) -> None:
    array = np.array(weights)
    counts = split_exactly(total, array)
    assert int(counts.sum()) == total
    assert np.all(np.abs(counts - total * array / array.sum()) < 1.0 + 1e-6)


def test_profile_rises_over_the_ramp_then_halves_each_half_life() -> None:
    profile = daily_profile(
        Outflow("collapse", 1, duration_days=100, ramp_days=10, half_life_days=20), 120
    )
    assert np.isclose(profile.sum(), 1.0)
    assert np.all(np.diff(profile[:10]) > 0)
    assert np.isclose(profile[30] / profile[10], 0.5)
    assert np.all(profile[100:] == 0)


def test_famine_origins_are_the_only_places_people_leave(dprk_case: Case) -> None:
    outflow = Outflow("famine", 5000, origins=("Hyesan", "Musan"), duration_days=30)
    schedule = outflow_schedule(outflow, dprk_case, 40)
    index = dprk_case.location_index
    left = schedule.leave.sum(axis=0)
    assert left[index["Hyesan"]] + left[index["Musan"]] == 5000
    assert left[index["Hyesan"]] > left[index["Musan"]]  # by population


def test_a_shorter_run_keeps_the_daily_pace(dprk_case: Case) -> None:
    outflow = Outflow("collapse", 1_000_000, duration_days=120, ramp_days=14, half_life_days=30)
    full = outflow_schedule(outflow, dprk_case, 180)
    short = outflow_schedule(outflow, dprk_case, 30)
    assert int(full.leave.sum()) == 1_000_000
    assert np.array_equal(short.leave, full.leave[:30])
