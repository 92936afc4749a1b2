import datetime as dt

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from yalu.goods.caps import period_bounds, period_index, running_totals
from yalu.models.goods import CapLimit, CapSpec

CRUDE = CapSpec((CapLimit(4_000_000, "bbl"),), dt.date(2017, 12, 22), 12, 7.619)

amounts = st.lists(st.floats(0, 1e7, allow_nan=False), min_size=1, max_size=60)


@given(amounts, st.data())
def test_running_totals_are_additive_within_each_period(values, data) -> None:  # type: ignore[no-untyped-def]
    periods = np.array(
        data.draw(st.lists(st.integers(0, 3), min_size=len(values), max_size=len(values)))
    )
    array = np.array(values)
    run = running_totals(np.arange(len(values)), array, periods)
    for period in set(periods.tolist()):
        mask = periods == period
        assert run.running[mask] == pytest.approx(np.cumsum(array[mask]), rel=1e-9, abs=1e-6)
        assert run.running[mask][-1] == pytest.approx(array[mask].sum(), rel=1e-9, abs=1e-6)


@given(amounts)
def test_splitting_a_period_in_two_files_adds_up_to_the_whole(values) -> None:  # type: ignore[no-untyped-def]
    array = np.array(values)
    cut = len(values) // 2
    zeros = np.zeros(len(values), dtype=np.int64)
    whole = running_totals(np.arange(len(values)), array, zeros).running[-1]
    first = running_totals(np.arange(cut), array[:cut], zeros[:cut]).running
    second = running_totals(np.arange(len(values) - cut), array[cut:], zeros[cut:]).running
    parts = (first[-1] if cut else 0.0) + second[-1]
    assert whole == pytest.approx(parts, rel=1e-9, abs=1e-6)


def test_nan_amounts_count_as_zero() -> None:
    run = running_totals(np.arange(3), np.array([1.0, np.nan, 2.0]), np.zeros(3, dtype=np.int64))
    assert run.running.tolist() == [1.0, 1.0, 3.0]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2017-12-21", -1),
        ("2017-12-22", 0),
        ("2018-12-21", 0),
        ("2018-12-22", 1),
        ("2019-06-01", 1),
    ],
)
def test_crude_periods_run_from_22_december(day: str, expected: int) -> None:
    assert period_index(np.array([day], dtype="datetime64[D]"), CRUDE).tolist() == [expected]


def test_period_bounds_cover_twelve_months() -> None:
    assert period_bounds(CRUDE, 1) == (dt.date(2018, 12, 22), dt.date(2019, 12, 21))
