"""The flow table: who is where on every day of a run, in columns that add up.

Every day of every run, three identities hold exactly (a test checks each day):

    start population = still home + left home
    left home        = in transit + in camps + crossed (every crossing)
    crossed          = present in each destination region + on roads abroad
                       + repatriated + moved on to third countries

*left home*, *crossed*, *repatriated* and *moved on* are totals so far; the others are
the people there at the end of the day. *In transit* is everybody displaced inside North
Korea outside a relief camp (stranded in a town, or on a road); *present in a region* is
everybody in that region's places abroad (Liaoning and Jilin in China, Primorsky Krai in
Russia, ...); people between two places abroad are *on roads abroad*. A region's
present count can exceed what crossed into it: people move on by road inside the country
they reached.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from yalu.displacement.scenarios.simulation import ScenarioRun
from yalu.models.displacement import Case, Counts


@dataclass(frozen=True, slots=True)
class FlowTable:
    """The daily flow table of one run (all arrays shape (days,) unless stated).

    Attributes:
        start_population: people at home on day 0.
        still_home: people who have not left home.
        left_home: people who have left home so far.
        in_transit: displaced inside the DPRK outside relief camps (towns and roads).
        in_camps: people in relief camps inside the DPRK.
        crossings: crossing names, in case order.
        crossed: people through each crossing so far, shape (days, crossings).
        regions: destination regions abroad, "Region, Country".
        present: people in each region's places, shape (days, regions).
        on_roads_abroad: people on roads between places abroad.
        repatriated: people sent back from China so far.
        moved_on: people who moved on from China to third countries so far.
    """

    start_population: int
    still_home: Counts
    left_home: Counts
    in_transit: Counts
    in_camps: Counts
    crossings: tuple[str, ...]
    crossed: Counts
    regions: tuple[str, ...]
    present: Counts
    on_roads_abroad: Counts
    repatriated: Counts
    moved_on: Counts

    @property
    def crossed_total(self) -> Counts:
        """Return people through every crossing so far."""
        total: Counts = self.crossed.sum(axis=1)
        return total

    def residuals(self) -> dict[str, Counts]:
        """Return each identity's left side minus its right side (0 every day)."""
        return {
            "start population = still home + left home": self.start_population
            - self.still_home
            - self.left_home,
            "left home = in transit + in camps + crossed": self.left_home
            - self.in_transit
            - self.in_camps
            - self.crossed_total,
            "crossed = present abroad + on roads abroad + repatriated + moved on": (
                self.crossed_total
                - self.present.sum(axis=1)
                - self.on_roads_abroad
                - self.repatriated
                - self.moved_on
            ),
        }

    def columns(self) -> dict[str, Counts]:
        """Return every column by name, in table order (crossed and present per item)."""
        named: dict[str, Counts] = {
            "still_home": self.still_home,
            "left_home": self.left_home,
            "in_transit": self.in_transit,
            "in_camps": self.in_camps,
        }
        named |= {f"crossed:{n}": self.crossed[:, i] for i, n in enumerate(self.crossings)}
        named["crossed_total"] = self.crossed_total
        named |= {f"present:{n}": self.present[:, i] for i, n in enumerate(self.regions)}
        named |= {
            "on_roads_abroad": self.on_roads_abroad,
            "repatriated": self.repatriated,
            "moved_on": self.moved_on,
        }
        return named


def destination_regions(case: Case) -> list[tuple[str, np.ndarray]]:
    """Return ("Region, Country", mask over the case's locations) for each region abroad."""
    home = case.locations[0].country
    labels: dict[str, list[int]] = {}
    for i, loc in enumerate(case.locations):
        if loc.country != home:
            labels.setdefault(f"{loc.region}, {loc.country}", []).append(i)
    size = len(case.locations)
    return [(label, np.isin(np.arange(size), index)) for label, index in labels.items()]


def flow_table(run: ScenarioRun) -> FlowTable:
    """Return the daily flow table of `run`."""
    locations = run.case.locations
    home = locations[0].country
    population = run.output.population
    is_home = np.array([loc.country == home for loc in locations])
    is_camp = np.array([loc.is_camp for loc in locations])
    regions = destination_regions(run.case)
    left = np.cumsum(run.left_home)
    present = np.stack([population[:, mask].sum(axis=1) for _, mask in regions], axis=1).astype(
        np.int64
    )
    on_home_roads = run.output.in_transit - run.transit_abroad
    return FlowTable(
        start_population=run.start_population,
        still_home=run.start_population - left,
        left_home=left,
        in_transit=population[:, is_home & ~is_camp].sum(axis=1) + on_home_roads,
        in_camps=population[:, is_home & is_camp].sum(axis=1),
        crossings=tuple(c.name for c in run.crossings),
        crossed=np.cumsum(run.arrivals, axis=0),
        regions=tuple(label for label, _ in regions),
        present=present,
        on_roads_abroad=np.asarray(run.transit_abroad, dtype=np.int64),
        repatriated=np.cumsum(run.repatriated),
        moved_on=np.cumsum(run.moved_on),
    )


def median_run(flows: Sequence[FlowTable]) -> int:
    """Return the index of the run whose final crossings are the ensemble's median."""
    final = np.array([f.crossed_total[-1] for f in flows])
    order = np.argsort(final, kind="stable")
    return int(order[(len(order) - 1) // 2])


def safe_cell(value: object) -> object:
    """Return `value`, with text that a spreadsheet would run as a formula quoted."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write_flows(flows: Sequence[FlowTable], dates: Sequence[str], path: Path) -> Path:
    """Write every run's flow table to `path`: run, day, date, then one column each."""
    names = list(flows[0].columns())
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["run", "day", "date", *(safe_cell(n) for n in names)])
        for k, table in enumerate(flows, start=1):
            columns = np.stack(list(table.columns().values()), axis=1)
            for day, row in enumerate(columns.tolist()):
                writer.writerow([k, day, dates[day], *row])
    return path
