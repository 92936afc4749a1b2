"""Who leaves home, where and when: exact integer outflow schedules.

The daily profile rises linearly for `ramp_days`, then halves every `half_life_days` (or
stays flat), over `duration_days` from `start_day`. The total is split across days and
origins (by population) with the largest-remainder method, so the schedule sums to the
outflow parameter exactly, with no randomness. A run shorter than `start_day +
duration_days` keeps the same daily pace and sees only the days it covers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from yalu.core.errors import ScenarioError
from yalu.models.displacement import Case, Counts, FloatArray
from yalu.models.scenarios import Outflow


@dataclass(frozen=True, slots=True)
class OutflowSchedule:
    """People leaving home and where they first appear, by day and location.

    Attributes:
        leave: people leaving home, shape (days, locations of the case).
        appear: people appearing as displaced, shape (days, locations); equals `leave` except
            for expulsions, where the state releases them at the border.
    """

    leave: Counts
    appear: Counts


def daily_profile(outflow: Outflow, days: int) -> FloatArray:
    """Return the share of the outflow on each day, shape (days,).

    The shares sum to 1 when the run covers the outflow's window, less otherwise.
    """
    first = max(outflow.start_day, 0)
    last = first + max(outflow.duration_days, 1)
    profile = np.zeros(max(days, last))
    offsets = np.arange(last - first, dtype=np.float64)
    shape = np.ones(offsets.size)
    if outflow.ramp_days > 0:
        shape = np.minimum((offsets + 1) / outflow.ramp_days, 1.0)
    if outflow.half_life_days:
        after = np.maximum(offsets - outflow.ramp_days, 0.0)
        shape = shape * 0.5 ** (after / outflow.half_life_days)
    profile[first:last] = shape
    shares: FloatArray = profile[:days] / profile.sum()
    return shares


def split_exactly(total: int, weights: FloatArray) -> Counts:
    """Return whole numbers proportional to `weights` summing to `total` (largest remainder)."""
    flat = weights.ravel() / weights.sum()
    exact = flat * total
    counts = np.floor(exact).astype(np.int64)
    short = total - int(counts.sum())
    if short > 0:
        order = np.argsort(-(exact - counts), kind="stable")
        counts[order[:short]] += 1
    shaped: Counts = counts.reshape(weights.shape)
    return shaped


def _indices(names: tuple[str, ...], case: Case, what: str) -> list[int]:
    """Return location indices of `names`, raising ScenarioError for unknown ones."""
    index = case.location_index
    home = case.locations[0].country
    for name in names:
        if name not in index or case.locations[index[name]].country != home:
            raise ScenarioError(
                f"unknown {what} {name!r}",
                hint="Use a North Korean location of the case's locations.csv",
            )
    return [index[name] for name in names]


def outflow_schedule(outflow: Outflow, case: Case, days: int) -> OutflowSchedule:
    """Return the exact outflow schedule of `outflow` over a run of `days` days.

    Raises:
        ScenarioError: an unknown origin or release point, or more people than live there.
    """
    home = case.locations[0].country
    if outflow.origins:
        origins = _indices(outflow.origins, case, "origin")
    else:
        origins = [
            i for i, loc in enumerate(case.locations) if loc.country == home and loc.population > 0
        ]
    population = np.array([case.locations[i].population for i in origins], dtype=np.float64)
    if outflow.total > population.sum():
        raise ScenarioError(
            f"outflow total {outflow.total} exceeds the {int(population.sum())} people of "
            "its origins",
            hint="Lower outflow.total or add origins",
        )
    profile = daily_profile(outflow, outflow.start_day + outflow.duration_days)
    weights = np.outer(profile, population / population.sum())
    leave = np.zeros((days, len(case.locations)), dtype=np.int64)
    if outflow.total > 0:
        whole = split_exactly(outflow.total, weights)
        kept = min(days, whole.shape[0])
        leave[:kept, origins] = whole[:kept]
    if outflow.kind != "expulsion" or not outflow.release_at:
        return OutflowSchedule(leave, leave)
    release = _indices(outflow.release_at, case, "release point")
    appear = np.zeros_like(leave)
    per_day = leave.sum(axis=1)
    for day in np.flatnonzero(per_day):
        share = split_exactly(int(per_day[day]), np.ones(len(release)))
        appear[day, release] = share
    return OutflowSchedule(leave, appear)
