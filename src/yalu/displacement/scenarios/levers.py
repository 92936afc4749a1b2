"""Policy levers as day-by-day arrays: crossing capacities, repatriation, camps, attraction.

`compile_levers` turns the lever lists of a scenario into arrays indexed by day (and by
crossing or camp). Later entries of a list apply after earlier ones: openings set a
capacity, limits then multiply it, so "fence the Chinese border at 20%" and "close
Sinuiju-Dandong" combine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from yalu.core.errors import ScenarioError
from yalu.models.displacement import Counts, FloatArray
from yalu.models.scenarios import CROSSING_KINDS, Crossing, DayRange, Levers

CAMP_SUFFIX = " relief camp"
"""A camp beside location X is named "X relief camp"."""


@dataclass(frozen=True, slots=True)
class DailyLevers:
    """Levers resolved per day.

    Attributes:
        capacity: people per day each crossing passes, shape (days, crossings).
        attractiveness: multiplier on the chance of crossing into China, shape (days,).
        repatriation: share of those in China sent back each day, shape (days,).
        camp_sites: the DPRK locations that get a relief camp beside them.
        camp_capacity: capacity of each camp by day (0 = closed), shape (days, camps).
        resettlement: share of those in China moving on to third countries each day,
            shape (days,).
    """

    capacity: Counts
    attractiveness: FloatArray
    repatriation: FloatArray
    camp_sites: tuple[str, ...]
    camp_capacity: Counts
    resettlement: FloatArray

    @property
    def camp_names(self) -> tuple[str, ...]:
        """Return the camps' location names."""
        return tuple(site + CAMP_SUFFIX for site in self.camp_sites)


def matching_crossings(target: str, crossings: tuple[Crossing, ...]) -> list[int]:
    """Return indices of the crossings `target` names: a crossing, a kind or "all".

    Raises:
        ScenarioError: `target` names no crossing and no kind.
    """
    if target == "all":
        return list(range(len(crossings)))
    if target in CROSSING_KINDS:
        return [i for i, c in enumerate(crossings) if c.kind == target]
    found = [i for i, c in enumerate(crossings) if c.name.lower() == target.lower()]
    if not found:
        known = ", ".join(c.name for c in crossings)
        raise ScenarioError(
            f"unknown crossing {target!r}",
            hint=f"Use one of: {known}; or a group: {', '.join(CROSSING_KINDS)}, all",
        )
    return found


def _days(days: DayRange, length: int) -> slice:
    """Return the slice of day rows `days` covers."""
    return slice(days.start, days.last(length) + 1)


def compile_levers(levers: Levers, crossings: tuple[Crossing, ...], days: int) -> DailyLevers:
    """Return the daily arrays of `levers` for a run of `days` days.

    Raises:
        ScenarioError: a lever names an unknown crossing.
    """
    base = np.array([c.capacity_per_day if c.is_open else 0 for c in crossings], np.int64)
    capacity = np.tile(base, (days, 1)).astype(np.float64)
    for opening in levers.openings:
        rows = _days(opening.days, days)
        for i in matching_crossings(opening.target, crossings):
            value = opening.capacity_per_day
            capacity[rows, i] = crossings[i].capacity_per_day if value is None else value
    for limit in levers.limits:
        rows = _days(limit.days, days)
        for i in matching_crossings(limit.target, crossings):
            capacity[rows, i] *= limit.capacity_factor
    attractiveness = np.ones(days)
    for status in levers.refugee_status:
        attractiveness[_days(status.days, days)] = status.attractiveness
    repatriation = np.zeros(days)
    for rule in levers.repatriation:
        repatriation[_days(rule.days, days)] = rule.rate_per_day
    resettlement = np.zeros(days)
    for onward in levers.resettlement:
        resettlement[_days(onward.days, days)] = onward.rate_per_day
    sites = tuple(dict.fromkeys(camp.at for camp in levers.camps))
    camp_capacity = np.zeros((days, len(sites)), dtype=np.int64)
    for camp in levers.camps:
        camp_capacity[_days(camp.days, days), sites.index(camp.at)] += camp.capacity
    return DailyLevers(
        capacity=np.floor(capacity).astype(np.int64),
        attractiveness=attractiveness,
        repatriation=repatriation,
        camp_sites=sites,
        camp_capacity=camp_capacity,
        resettlement=resettlement,
    )
