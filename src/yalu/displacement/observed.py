"""Observed UNHCR data as FLEE uses it: per-day camp counts and the daily spawn target.

Reading, merging and correcting the series happens in `yalu.formats.flee.source` (re-exported
here); this module turns `ObservedData` into arrays:

* `interpolate_series` / `observed_on_days`: FLEE's value on day t — counts divided by
  `hasten`, linear interpolation between the bracketing points, truncated to an integer;
  the first value before the first point and the last value after the last.
* `spawn_schedule`: FLEE's data-driven spawning, day by day (see `SpawnSchedule`).

Everything here is a pure function of its arguments, so the engine can call it once per run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from yalu.formats.flee.source import (
    MERGERS,
    MergeMethod,
    apply_registration_correction,
    merge_series_exact,
    merge_series_flee,
    read_observed,
    read_series,
)
from yalu.models.displacement import (
    Counts,
    FloatArray,
    IntArray,
    ObservedData,
    Series,
    SpawnRules,
)

__all__ = [
    "MERGERS",
    "MergeMethod",
    "SpawnSchedule",
    "apply_registration_correction",
    "initial_camp_populations",
    "interpolate_series",
    "merge_series_exact",
    "merge_series_flee",
    "observed_on_days",
    "read_observed",
    "read_series",
    "spawn_schedule",
]


def interpolate_series(series: Series, days: Sequence[int] | IntArray, hasten: int = 1) -> Counts:
    """Return FLEE's observed value on each of `days` (truncated to whole people).

    As FLEE does, the points are walked in file order: on day t the value is interpolated
    between the first point after the first one dated later than t and the point just
    before it in the file. For dates in order that is plain linear interpolation; a point
    dated out of order (nigeria2016_adm1's Cameroon series has 2018-04-30 after 2019-02-28)
    is used where FLEE uses it.

    Args:
        series: dated counts (days may repeat, as after FLEE's merge, or be out of order).
        days: day offsets to evaluate.
        hasten: divide counts by this first (FLEE's population scale-down), >= 1.

    Returns:
        Shape (len(days),), int64.
    """
    when = np.asarray(days, dtype=np.int64)
    points = series.days
    values = series.values / float(hasten)
    later = points[None, 1:] > when[:, None]
    upper = later.argmax(axis=1) + 1 if points.size > 1 else np.zeros(when.size, np.int64)
    lower = np.maximum(upper - 1, 0)
    span = (points[upper] - points[lower]).astype(np.float64)
    span[span <= 0] = 1.0
    fraction = (when - points[lower]).astype(np.float64) / span
    inner = values[lower] + fraction * (values[upper] - values[lower])
    result = np.where(later.any(axis=1), inner, values[-1])
    result = np.where(when <= points[0], values[0], result)
    truncated: Counts = np.trunc(result).astype(np.int64)
    return truncated


def observed_on_days(
    observed: ObservedData,
    camp_names: Sequence[str],
    days: Sequence[int] | IntArray,
    hasten: int = 1,
) -> FloatArray:
    """Return observed counts per day and camp, as FLEE compares them with the simulation.

    Args:
        observed: the case's observed data.
        camp_names: columns, usually `Case.camp_names` (locations.csv order).
        days: day offsets (usually `range(length_days)`).
        hasten: FLEE's scale-down factor.

    Returns:
        Shape (len(days), len(camp_names)), whole numbers stored as float64.

    Raises:
        KeyError: a camp has no series.
    """
    columns = [interpolate_series(observed.camps[name], days, hasten) for name in camp_names]
    if not columns:
        return np.zeros((len(np.asarray(days)), 0), dtype=np.float64)
    return np.stack(columns, axis=1).astype(np.float64)


def initial_camp_populations(
    observed: ObservedData, camp_names: Sequence[str], hasten: int = 1
) -> Counts:
    """Return the agents FLEE places in each camp on day 0 when `insert_day0` is on.

    FLEE also lowers each camp's capacity by this number (day-0 residents count twice
    against capacity); that is the engine's business.
    """
    first_day: Counts = observed_on_days(observed, camp_names, [0], hasten)[0].astype(np.int64)
    return first_day


@dataclass(frozen=True, slots=True)
class SpawnSchedule:
    """FLEE's data-driven spawning for a whole run.

    Attributes:
        new_agents: shape (days,), agents to spawn at conflict zones on day t (0 on day 0
            when `insert_day0` is on: the camps are filled instead).
        raw: shape (days,), FLEE's daily difference of the data (may be negative). On day 0
            it is the sum of the day-0 values of *every* data_layout row, the total row
            included (FLEE's quirk), or the total row alone without `sum_from_camps`.
        raw_cumulative: shape (days,), running sum of `raw` (out.csv's
            `raw UNHCR refugee count`).
        debt: shape (days,), refugee debt after day t (>= 0): a fall in the data is not
            removed from the model but owed against later increases.
    """

    new_agents: Counts
    raw: Counts
    raw_cumulative: Counts
    debt: Counts


def spawn_schedule(
    observed: ObservedData,
    length_days: int,
    *,
    hasten: int = 1,
    rules: SpawnRules | None = None,
) -> SpawnSchedule:
    """Compute how many agents FLEE spawns each day from the observed data.

    On day t > 0 the target is the sum over every data_layout.csv row after the first
    (camps, and any extra rows) of value(t) - value(t-1), each value truncated as in
    `interpolate_series`; without `sum_from_camps`, the total row's difference. Then
    `new = target - debt`; a negative `new` becomes the debt and nothing spawns; a positive
    one clears the debt.

    Args:
        observed: the case's observed data.
        length_days: number of simulated days.
        hasten: FLEE's scale-down factor.
        rules: spawning rules (only `insert_day0` and `sum_from_camps` matter here).

    Returns:
        The schedule, one entry per day.
    """
    rules = rules or SpawnRules()
    days = np.arange(length_days, dtype=np.int64)
    if rules.sum_from_camps:
        names = list(observed.camps)
        by_row = observed_on_days(observed, names, days, hasten).astype(np.int64)
        level = by_row.sum(axis=1)
        total0 = int(interpolate_series(observed.total, [0], hasten)[0])
        day0 = int(level[0]) + total0 if length_days else 0
    else:
        level = interpolate_series(observed.total, days, hasten)
        day0 = int(level[0]) if length_days else 0
    raw = np.zeros(length_days, dtype=np.int64)
    if length_days:
        raw[0] = day0
        raw[1:] = np.diff(level)
    new_agents = np.zeros(length_days, dtype=np.int64)
    debt = np.zeros(length_days, dtype=np.int64)
    owed = 0
    for t in range(length_days):
        new = int(raw[t]) - owed
        if rules.insert_day0 and t == 0:
            new = 0
        if new < 0:
            owed, new = -new, 0
        elif owed > 0:
            owed = 0
        new_agents[t] = new
        debt[t] = owed
    return SpawnSchedule(new_agents, raw, np.cumsum(raw).astype(np.int64), debt)
