"""The averaged relative difference (ARD) as FLEE's postprocessing computes it."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from yalu.displacement.validate import ard, daily_errors, rescale_to_observed, score

counts = hnp.arrays(
    np.int64,
    hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=8),
    elements=st.integers(0, 10**6),
)


def test_hand_computed_day_errors() -> None:
    sim = np.array([[30, 10], [0, 0]])
    obs = np.array([[20, 20], [5, 5]])
    # day 0 raw: (10 + 10) / 40; rescaled: SIM 40 = OBS 40, same
    # day 1 raw: 10 / 10; rescaled: SIM 0 -> sim' = 0, same error
    assert daily_errors(sim, obs, rescaled=False).tolist() == [0.5, 1.0]
    assert daily_errors(sim, obs, rescaled=True).tolist() == [0.5, 1.0]
    assert ard(sim, obs, rescaled=False) == 0.75


def test_rescaling_removes_a_wrong_total_but_keeps_a_wrong_split() -> None:
    obs = np.array([[100, 100]])
    assert ard(np.array([[50, 50]]), obs, rescaled=True) == 0.0
    assert ard(np.array([[50, 50]]), obs, rescaled=False) == 0.5
    assert ard(np.array([[60, 0]]), obs, rescaled=True) == 1.0


def test_everyone_in_the_wrong_camp_scores_two() -> None:
    assert ard(np.array([[0, 10]]), np.array([[10, 0]]), rescaled=False) == 2.0


def test_rescaled_counts_are_truncated_unless_asked_for_floats() -> None:
    sim = np.array([[1, 2]])
    obs = np.array([[5, 5]])
    assert rescale_to_observed(sim, obs).tolist() == [[3.0, 6.0]]
    np.testing.assert_allclose(rescale_to_observed(sim, obs, truncate=False), [[10 / 3, 20 / 3]])


def test_shapes_must_agree() -> None:
    with pytest.raises(ValueError, match="both be"):
        ard(np.zeros((3, 2)), np.zeros((3, 3)))


def test_score_reports_both_variants() -> None:
    result = score(np.array([[50, 50], [0, 100]]), np.array([[100, 100], [100, 100]]))
    assert result.rescaled_per_day.tolist() == [0.0, 1.0]
    assert result.raw_per_day.tolist() == [0.5, 0.5]
    assert (result.rescaled, result.raw, result.truncated) == (0.5, 0.5, True)


@given(counts)
def test_perfect_simulation_scores_zero(observed: np.ndarray) -> None:
    assert ard(observed, observed, rescaled=True) == 0.0
    assert ard(observed, observed, rescaled=False) == 0.0
    assert ard(observed, observed, rescaled=True, truncate=False) == 0.0


@given(counts, st.data(), st.integers(1, 1000))
def test_rescaled_score_ignores_the_simulated_total(
    observed: np.ndarray, data: st.DataObject, factor: int
) -> None:
    simulated = data.draw(
        hnp.arrays(np.int64, observed.shape, elements=st.integers(0, 10**5)), label="sim"
    )
    base = daily_errors(simulated, observed, rescaled=True)
    scaled = daily_errors(simulated * factor, observed, rescaled=True)
    assert scaled.tolist() == base.tolist()
    base_float = ard(simulated, observed, truncate=False)
    assert ard(simulated * factor, observed, truncate=False) == pytest.approx(base_float)


@given(counts, st.data())
def test_errors_are_non_negative_and_at_most_two_when_rescaled(
    observed: np.ndarray, data: st.DataObject
) -> None:
    simulated = data.draw(hnp.arrays(np.int64, observed.shape, elements=st.integers(0, 10**6)))
    errors = daily_errors(simulated, observed, rescaled=True)
    assert np.all(errors >= 0)
    assert np.all(errors <= 2.0 + 1e-12)
