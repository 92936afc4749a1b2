"""Where everybody is, every day: the stocks that must add up to the start population.

start population = still home + in transit + arrived + in camps + repatriated + moved on

* still home: census population minus everybody who has left home so far;
* in transit: displaced inside the DPRK outside camps (`stranded`), plus people on DPRK roads;
* arrived: in a foreign location, or on a road abroad;
* in camps: in relief camps inside the DPRK;
* repatriated: sent back from China so far (held by the DPRK, outside the simulation);
* moved on: left China for third countries so far (outside the simulation).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from yalu.displacement.scenarios.simulation import ScenarioRun
from yalu.models.displacement import Counts

STOCKS = ("still_home", "in_transit", "arrived", "in_camps", "repatriated", "moved_on")


@dataclass(frozen=True, slots=True)
class Accounts:
    """Daily stocks of one run, each shape (days,).

    Attributes:
        start_population: people at home on day 0.
        still_home, in_transit, arrived, in_camps, repatriated, moved_on: the six stocks.
        stranded: displaced people inside the DPRK, not in camps or on roads (part of
            in_transit).
        in_china, in_jilin, in_liaoning: people in Chinese locations (resident or waiting).
        crossed_china: cumulative arrivals through Chinese crossings.
        crossed_all: cumulative arrivals through every crossing.
        moved_on: people who moved on from China to third countries so far.
    """

    start_population: int
    still_home: Counts
    in_transit: Counts
    arrived: Counts
    in_camps: Counts
    repatriated: Counts
    stranded: Counts
    in_china: Counts
    in_jilin: Counts
    in_liaoning: Counts
    crossed_china: Counts
    crossed_all: Counts
    moved_on: Counts

    @property
    def residual(self) -> Counts:
        """Return start population minus the sum of the six stocks (0 every day)."""
        total = self.still_home + self.in_transit + self.arrived + self.in_camps
        gone = self.repatriated + self.moved_on
        return np.asarray(self.start_population - total - gone, dtype=np.int64)


def accounts_of(run: ScenarioRun) -> Accounts:
    """Return the daily stocks of `run`."""
    locations = run.case.locations
    home = locations[0].country
    population = run.output.population
    is_home = np.array([loc.country == home for loc in locations])
    is_camp = np.array([loc.is_camp for loc in locations])

    def where(mask: np.ndarray) -> Counts:
        return np.asarray(population[:, mask].sum(axis=1), dtype=np.int64)

    china = np.array([loc.country == "China" for loc in locations])
    region = np.array([loc.region for loc in locations])
    stranded = where(is_home & ~is_camp)
    on_home_roads = run.output.in_transit - run.transit_abroad
    is_china = np.array([c.kind == "china" for c in run.crossings], dtype=bool)
    return Accounts(
        start_population=run.start_population,
        still_home=run.start_population - np.cumsum(run.left_home),
        in_transit=stranded + on_home_roads,
        arrived=where(~is_home) + run.transit_abroad,
        in_camps=where(is_home & is_camp),
        repatriated=np.cumsum(run.repatriated),
        stranded=stranded,
        in_china=where(china),
        in_jilin=where(china & (region == "Jilin")),
        in_liaoning=where(china & (region == "Liaoning")),
        crossed_china=np.cumsum(run.arrivals[:, is_china].sum(axis=1)),
        crossed_all=np.cumsum(run.arrivals.sum(axis=1)),
        moved_on=np.cumsum(run.moved_on),
    )


def metric_value(accounts: Accounts, run: ScenarioRun, metric: str) -> int:
    """Return a benchmark metric at the end of the run (see `schema.METRICS`)."""
    values = {
        "in_china_final": int(accounts.in_china[-1]),
        "crossed_china": int(accounts.crossed_china[-1]),
        "crossed_all": int(accounts.crossed_all[-1]),
        "outflow": int(run.left_home.sum()),
    }
    return values[metric]
