"""Naive forecasts a simulation must beat, scored like it, and the skill score against them.

Each baseline starts, as FLEE does, from the observed day-0 count of every camp and then
splits each day's new arrivals (FLEE's data-driven spawn count for the day, `spawn_schedule`)
across the camps by a fixed rule; nobody ever leaves a camp:

* `uniform`: equal shares;
* `day0_share`: in proportion to each camp's observed day-0 count (equal shares when every
  camp starts empty);
* `gravity`: in proportion to sum over the day's conflict zones z of population(z) /
  shortest route distance(z, camp) in km (equal shares when no conflict zone reaches a
  camp).

They use nothing a simulation does not also get: the day-0 counts, the daily totals, the
network and the conflicts. The skill score of a model is `1 - ARD_model / ARD_best`, with
`ARD_best` the lowest ARD of the three: 0 means no better than the best one-line rule,
1 is perfect, negative is worse than a naive rule.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from yalu.displacement.events import build_conflict_schedule, initial_conflicts
from yalu.displacement.network import Network, build_network
from yalu.displacement.observed import observed_on_days, spawn_schedule
from yalu.displacement.validate import ValidationScore, score
from yalu.models.displacement import Case, FloatArray, SimSettings

BASELINES: tuple[str, ...] = ("uniform", "day0_share", "gravity")
"""Names of the naive baselines, in report order."""
BASELINE_LABELS: Mapping[str, str] = {
    "uniform": "uniform",
    "day0_share": "day-0 share",
    "gravity": "gravity",
}


@dataclass(frozen=True, slots=True)
class BaselineScores:
    """Each baseline's ARD on a case.

    Attributes:
        scores: baseline name -> both ARD variants, in `BASELINES` order.
    """

    scores: Mapping[str, ValidationScore]

    def best(self, kind: str = "rescaled") -> tuple[str, float]:
        """Return (name, ARD) of the baseline with the lowest `kind` ARD."""
        name = min(self.scores, key=lambda n: float(getattr(self.scores[n], kind)))
        return name, float(getattr(self.scores[name], kind))

    def skill(self, model_ard: float, kind: str = "rescaled") -> float:
        """Return 1 - model_ard / best baseline ARD (1 perfect, <= 0 no better than naive)."""
        _, best = self.best(kind)
        return 1.0 - model_ard / best if best > 0.0 else float("-inf")


def baseline_counts(case: Case, settings: SimSettings, name: str) -> FloatArray:
    """Return a baseline's camp counts, shape (days, camps) in `Case.camp_names` order.

    Raises:
        ValueError: the case has no observed data, or `name` is not one of `BASELINES`.
    """
    if case.observed is None:
        raise ValueError(f"case {case.name} has no observed data for baselines")
    if name not in _SHARES:
        raise ValueError(f"unknown baseline {name!r}; use one of {', '.join(BASELINES)}")
    hasten = max(int(settings.hasten), 1)
    days = case.length_days
    start = observed_on_days(case.observed, case.camp_names, [0], hasten)[0]
    new = spawn_schedule(case.observed, days, hasten=hasten, rules=settings.spawn).new_agents
    shares = _SHARES[name](case, hasten, start)
    counts = np.empty((days, start.size))
    level = start.astype(np.float64)
    for day in range(days):
        level = level + new[day] * shares[day]
        counts[day] = level
    return counts


def score_baselines(case: Case, settings: SimSettings) -> BaselineScores:
    """Score every baseline against the observed camp counts with FLEE's ARD.

    Raises:
        ValueError: the case has no observed data or no camps.
    """
    if case.observed is None or not case.camp_names:
        raise ValueError(f"case {case.name} has no observed camp data to validate against")
    hasten = max(int(settings.hasten), 1)
    observed = observed_on_days(case.observed, case.camp_names, np.arange(case.length_days), hasten)
    return BaselineScores(
        {name: score(baseline_counts(case, settings, name), observed) for name in BASELINES}
    )


def _uniform(case: Case, hasten: int, start: FloatArray) -> FloatArray:
    """Equal shares every day."""
    return np.full((case.length_days, start.size), 1.0 / max(start.size, 1))


def _day0_share(case: Case, hasten: int, start: FloatArray) -> FloatArray:
    """Shares of the observed day-0 counts (equal shares if all are 0)."""
    total = float(start.sum())
    share = start / total if total > 0 else np.full(start.size, 1.0 / max(start.size, 1))
    return np.broadcast_to(share, (case.length_days, start.size))


def _gravity(case: Case, hasten: int, start: FloatArray) -> FloatArray:
    """Shares by population of the day's conflict zones over route distance to each camp."""
    network = build_network(case, awareness_level=1, hasten=hasten)
    camps = case.camp_indices
    inverse = np.zeros((network.size, camps.size))
    for j, camp in enumerate(camps.tolist()):
        km = _route_km_from(network, camp)
        reachable = np.isfinite(km) & (km > 0)
        inverse[reachable, j] = 1.0 / km[reachable]
    population = network.population.astype(np.float64)
    schedule = build_conflict_schedule(case, network)
    intensity = initial_conflicts(case, network)
    shares = np.empty((case.length_days, camps.size))
    for day in range(case.length_days):
        if day < schedule.intensity.shape[0]:
            intensity = intensity.copy()
            starting = schedule.starts[day]
            intensity[schedule.columns[starting]] = schedule.intensity[day, starting]
            intensity[schedule.columns[schedule.ends[day]]] = 0.0
        weight = (population * (intensity > 0)) @ inverse
        total = float(weight.sum())
        shares[day] = weight / total if total > 0 else 1.0 / max(camps.size, 1)
    return shares


def _route_km_from(network: Network, origin: int) -> FloatArray:
    """Return the shortest route distance in km from `origin` to every location (inf: none)."""
    km = np.full(network.size, np.inf)
    km[origin] = 0.0
    queue = [(0.0, origin)]
    while queue:
        here_km, here = heapq.heappop(queue)
        if here_km > km[here]:
            continue
        for link in range(int(network.link_offsets[here]), int(network.link_offsets[here + 1])):
            there = int(network.link_end[link])
            distance = here_km + float(network.link_km[link])
            if distance < km[there]:
                km[there] = distance
                heapq.heappush(queue, (distance, there))
    return km


_SHARES: Mapping[str, Callable[[Case, int, FloatArray], FloatArray]] = {
    "uniform": _uniform,
    "day0_share": _day0_share,
    "gravity": _gravity,
}
