"""Observed series: reading, FLEE's merge, corrections, interpolation and spawn targets."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.paths import FIXTURES, SHARED_CASES
from yalu.core.errors import CaseFormatError
from yalu.displacement.observed import (
    apply_registration_correction,
    initial_camp_populations,
    interpolate_series,
    merge_series_exact,
    merge_series_flee,
    observed_on_days,
    read_series,
    spawn_schedule,
)
from yalu.formats.flee import read_case
from yalu.models.displacement import ObservedData, Series, SpawnRules

TINY = FIXTURES / "flee" / "tiny_case"
START = date(2020, 1, 1)


def _series(days: list[int], values: list[float]) -> Series:
    return Series(np.array(days, dtype=np.int64), np.array(values, dtype=np.float64))


def test_read_series_skips_headers_comments_and_empty_counts(tmp_path: Path) -> None:
    path = tmp_path / "camp.csv"
    path.write_text(
        "DateTime,count\n2020-01-01,5\n#2020-01-02,6\n2020-01-03,\n\n2020-01-04,8\n",
        encoding="utf-8",
    )
    series = read_series(path, START)
    assert series.days.tolist() == [0, 3]
    assert series.values.tolist() == [5.0, 8.0]


def test_read_series_keeps_a_headerless_first_row(tmp_path: Path) -> None:
    path = tmp_path / "camp.csv"
    path.write_text("2019-12-31,7\n2020-01-02,9\n", encoding="utf-8")
    assert read_series(path, START).days.tolist() == [-1, 1]


def test_read_series_without_data_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "camp.csv"
    path.write_text("DateTime,count\n2020-01-01,\n", encoding="utf-8")
    with pytest.raises(CaseFormatError, match=r"camp.csv: observed data file has no dated"):
        read_series(path, START)


def test_flee_merge_adds_next_value_and_drops_the_tail() -> None:
    first = _series([0, 4, 10], [100, 200, 300])
    second = _series([2, 6], [10, 20])
    merged = merge_series_flee(first, second)
    assert merged.days.tolist() == [0, 2, 4, 6]
    assert merged.values.tolist() == [100, 210, 210, 320]


def test_flee_merge_repeats_last_point_when_second_runs_longer() -> None:
    merged = merge_series_flee(_series([0, 2], [100, 200]), _series([0, 5, 7], [1, 2, 3]))
    assert merged.days.tolist() == [0, 2, 2]
    assert merged.values.tolist() == [101, 201, 201]


def test_exact_merge_sums_interpolated_series_on_all_dates() -> None:
    merged = merge_series_exact(_series([0, 4, 10], [100, 200, 300]), _series([2, 6], [10, 20]))
    assert merged.days.tolist() == [0, 2, 4, 6, 10]
    np.testing.assert_allclose(merged.values, [110, 160, 215, 200 + 100 / 3 + 20, 320])


def test_registration_correction_rescales_points_before_the_switch() -> None:
    series = _series([-2, 3, 5, 9], [40, 50, 80, 100])
    corrected = apply_registration_correction(series, 5, path=Path("r.csv"), line=1, camp="C")
    assert corrected.values.tolist() == [64, 80, 80, 100]
    again = apply_registration_correction(corrected, 5, path=Path("r.csv"), line=1, camp="C")
    assert again.values.tolist() == corrected.values.tolist()


@pytest.mark.parametrize(("day", "where"), [(4, "no data point"), (0, "only the first")])
def test_registration_correction_off_the_series_names_file_and_line(day: int, where: str) -> None:
    series = _series([0, 3, 5], [40, 50, 80])
    with pytest.raises(CaseFormatError, match=rf"^r.csv:7: .*{where}"):
        apply_registration_correction(series, day, path=Path("r.csv"), line=7, camp="C")


@pytest.mark.parametrize("day", [-3, -5])
def test_registration_correction_before_the_start_off_the_series_changes_nothing(
    day: int, caplog: pytest.LogCaptureFixture
) -> None:
    series = _series([-5, -1, 5], [40, 50, 80])
    corrected = apply_registration_correction(series, day, path=Path("r.csv"), line=7, camp="C")
    assert corrected.values.tolist() == [40, 50, 80]
    assert "r.csv:7: registration correction for 'C' is dated before the start" in caplog.text


def test_registration_correction_after_a_zero_count_keeps_the_points(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # mali2017_adm1's Mentao: 0 on 2017-06-01, then 6,103 at the level-2 switch
    series = _series([-214, -92, 30], [0, 6103, 5852])
    corrected = apply_registration_correction(series, -92, path=Path("r.csv"), line=3, camp="M")
    assert corrected.values.tolist() == [0, 6103, 5852]
    assert np.isfinite(corrected.values).all()
    assert "r.csv:3: registration correction for 'M' follows a count of 0" in caplog.text


def test_tiny_case_observed_values_match_the_fixture_readme() -> None:
    case = read_case(TINY)
    assert case.observed is not None
    observed = observed_on_days(case.observed, case.camp_names, range(10))
    assert observed[:, 0].tolist() == [100, 155, 210, 210, 210, 265, 320, 320, 320, 320]
    assert observed[:, 1].tolist() == [70, 73, 76, 80, 80, 80, 85, 90, 95, 100]
    assert initial_camp_populations(case.observed, case.camp_names).tolist() == [100, 70]


def test_hasten_divides_before_truncating() -> None:
    series = _series([0, 10], [0, 1000])
    # day 3: 0.3 * 333.33... = 99.99..., truncated to 99 as FLEE does
    assert interpolate_series(series, [0, 3, 10, 20], hasten=3).tolist() == [0, 99, 333, 333]


def test_tiny_case_spawn_schedule_matches_the_fixture_readme() -> None:
    case = read_case(TINY)
    assert case.observed is not None
    schedule = spawn_schedule(case.observed, case.length_days)
    assert schedule.new_agents.tolist() == [0, 58, 58, 4, 0, 55, 60, 5, 5, 5]
    assert schedule.raw[0] == 100 + 70 + 150  # day 0 counts the total row too
    assert schedule.raw_cumulative[-1] == 320 + 250
    assert schedule.debt.tolist() == [0] * 10


def test_falling_data_becomes_debt_paid_from_later_increases() -> None:
    observed = ObservedData(
        total=_series([0], [0]), camps={"A": _series([0, 1, 2, 3, 4], [10, 30, 20, 25, 40])}
    )
    schedule = spawn_schedule(observed, 5)
    assert schedule.raw.tolist() == [10, 20, -10, 5, 15]
    assert schedule.new_agents.tolist() == [0, 20, 0, 0, 10]
    assert schedule.debt.tolist() == [0, 0, 10, 5, 0]


def test_without_insert_day0_day_zero_spawns_the_raw_count() -> None:
    observed = ObservedData(total=_series([0], [7]), camps={"A": _series([0], [10])})
    rules = SpawnRules(insert_day0=False)
    assert spawn_schedule(observed, 2, rules=rules).new_agents.tolist() == [17, 0]
    total_only = SpawnRules(sum_from_camps=False)
    assert spawn_schedule(observed, 2, rules=total_only).raw.tolist() == [7, 0]


def _reference_value(days: list[int], values: list[float], day: int) -> int:
    """Evaluate FLEE's interpolation rule by walking the points one by one."""
    if day <= days[0]:
        return int(values[0])
    for i in range(1, len(days)):
        if day < days[i]:
            fraction = float(day - days[i - 1]) / float(days[i] - days[i - 1])
            return int(values[i - 1] + fraction * float(values[i] - values[i - 1]))
    return int(values[-1])


points = st.lists(
    st.tuples(st.integers(-50, 400), st.integers(0, 10**6)), min_size=1, max_size=12
).map(sorted)


@given(points, st.lists(st.integers(-60, 450), min_size=1, max_size=20), st.integers(1, 20))
def test_interpolation_matches_the_point_by_point_rule(
    pairs: list[tuple[int, int]], days: list[int], hasten: int
) -> None:
    series = _series([d for d, _ in pairs], [v for _, v in pairs])
    scaled = [v / hasten for _, v in pairs]
    expected = [_reference_value([d for d, _ in pairs], scaled, day) for day in days]
    assert interpolate_series(series, days, hasten).tolist() == expected


unordered = st.lists(
    st.tuples(st.integers(-50, 400), st.integers(0, 10**6)), min_size=1, max_size=12
)


@given(unordered, st.lists(st.integers(-60, 450), min_size=1, max_size=20), st.integers(1, 20))
def test_points_out_of_date_order_are_walked_in_file_order_as_flee_does(
    pairs: list[tuple[int, int]], days: list[int], hasten: int
) -> None:
    # nigeria2016_adm1's Cameroon series lists 2018-04-30 after 2019-02-28
    series = _series([d for d, _ in pairs], [v for _, v in pairs])
    scaled = [v / hasten for _, v in pairs]
    expected = [_reference_value([d for d, _ in pairs], scaled, day) for day in days]
    assert interpolate_series(series, days, hasten).tolist() == expected


@given(
    st.dictionaries(st.sampled_from("ABCD"), points, min_size=1),
    st.integers(1, 60),
    st.integers(1, 5),
)
def test_spawned_agents_follow_the_camp_total_up_to_the_debt(
    camps: dict[str, list[tuple[int, int]]], length: int, hasten: int
) -> None:
    observed = ObservedData(
        total=_series([0], [0]),
        camps={name: _series([d for d, _ in p], [v for _, v in p]) for name, p in camps.items()},
    )
    schedule = spawn_schedule(observed, length, hasten=hasten)
    level = observed_on_days(observed, list(camps), range(length), hasten).sum(axis=1)
    assert np.all(schedule.new_agents >= 0) and np.all(schedule.debt >= 0)
    assert schedule.new_agents.sum() - schedule.debt[-1] == level[-1] - level[0]
    assert math.isclose(schedule.raw_cumulative[-1], level[-1])


@pytest.mark.shared_data
def test_mali_starts_with_its_corrected_camp_counts(shared_data: Path) -> None:
    case = read_case(SHARED_CASES / "mali2012")
    assert case.observed is not None
    first = initial_camp_populations(case.observed, case.camp_names)
    schedule = spawn_schedule(case.observed, case.length_days)
    final = observed_on_days(case.observed, case.camp_names, [case.length_days - 1]).sum()
    assert first.sum() + schedule.new_agents.sum() - schedule.debt[-1] == final
