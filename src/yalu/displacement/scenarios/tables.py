"""Write a scenario ensemble's tables, in the simulator's long format plus its own.

* `populations.csv` / `.parquet`: the simulator's table (run 1), by day and location.
* `crossings.csv`: run, day, date, crossing, kind, arrivals, capacity.
* `accounts.csv`: run, day, date, the five stocks, stranded, in_china, in_jilin,
  in_liaoning, crossed_china, crossed_all, start_population.
* `camps.csv`: run, day, date, camp, population, capacity.
* `bands.csv`: day, date, series, mean, p5, p95 over the ensemble.
* `flows.csv`: run, day, date, the flow table's columns (`flows`), which add up every day.
* `needs.csv`: day, date, region, quantity, unit, mean, p5, p95 (`needs`).
* `metrics.csv`: run, seed, the figures `yalu simulate compare` reads (`metrics`).
* `inputs.csv`: run, seed, input, value: what each run drew (`uncertainty`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from yalu.displacement.outputs import write_populations
from yalu.displacement.scenarios.accounting import Accounts, accounts_of
from yalu.displacement.scenarios.ensemble import Band, band_of
from yalu.displacement.scenarios.flows import FlowTable, flow_table, safe_cell, write_flows
from yalu.displacement.scenarios.metrics import run_metrics, write_metrics
from yalu.displacement.scenarios.needs import RegionNeeds, needs_of, write_needs
from yalu.displacement.scenarios.simulation import ScenarioRun

BAND_SERIES = (
    "crossed_china",
    "in_china",
    "in_jilin",
    "in_liaoning",
    "stranded",
    "in_camps",
    "repatriated",
    "still_home",
    "arrived",
    "moved_on",
)


@dataclass(frozen=True, slots=True)
class ScenarioTables:
    """What the runs of an ensemble add up to, ready for tables and reports.

    Attributes:
        runs: every run, in seed order.
        accounts: each run's daily stocks.
        flows: each run's flow table.
        metrics: each run's figures (`metrics.METRICS`).
        needs: needs per destination region, over the runs.
        camp_share: share of the people abroad assumed to need a camp place.
    """

    runs: tuple[ScenarioRun, ...]
    accounts: tuple[Accounts, ...]
    flows: tuple[FlowTable, ...]
    metrics: tuple[dict[str, float], ...]
    needs: tuple[RegionNeeds, ...]
    camp_share: float = 1.0

    def series(self, name: str) -> np.ndarray:
        """Return one accounts series for every run, shape (runs, days)."""
        return np.array([getattr(a, name) for a in self.accounts], dtype=np.float64)

    def band(self, name: str) -> Band:
        """Return the mean and 90% band of an accounts series."""
        return band_of(self.series(name))

    def daily_china_arrivals(self) -> Band:
        """Return the band of arrivals into China per day."""
        is_china = np.array([c.kind == "china" for c in self.runs[0].crossings])
        per_run = np.array([r.arrivals[:, is_china].sum(axis=1) for r in self.runs], float)
        return band_of(per_run)

    def metric(self, name: str) -> Band:
        """Return the mean and 90% band of a per-run metric (arrays of one value)."""
        return band_of(np.array([[m[name]] for m in self.metrics], dtype=np.float64))


def tables_of(runs: Sequence[ScenarioRun], camp_share: float = 1.0) -> ScenarioTables:
    """Return the accounts, flow tables, metrics and needs of every run.

    Args:
        runs: the ensemble's runs.
        camp_share: share of the people abroad who need a camp place (0..1).
    """
    flows = tuple(flow_table(run) for run in runs)
    return ScenarioTables(
        tuple(runs),
        tuple(accounts_of(run) for run in runs),
        flows,
        tuple(run_metrics(r, f, camp_share) for r, f in zip(runs, flows, strict=True)),
        tuple(needs_of(flows, camp_share)),
        camp_share,
    )


def day_dates(run: ScenarioRun) -> list[date]:
    """Return the simulator's row dates: the end of each simulated day."""
    return [run.spec.start_date + timedelta(days=d + 1) for d in range(run.spec.days)]


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Path:
    """Write a CSV file, quoting text a spreadsheet would run as a formula."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return path


def write_tables(tables: ScenarioTables, folder: Path) -> list[Path]:
    """Write every table into `folder` (created if needed); return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    first = tables.runs[0]
    dates = [d.isoformat() for d in day_dates(first)]
    written = list(write_populations(first.case, first.output, folder))
    crossing_rows = (
        (
            k + 1,
            day,
            dates[day],
            c.name,
            c.kind,
            int(run.arrivals[day, i]),
            int(run.capacity[day, i]),
        )
        for k, run in enumerate(tables.runs)
        for day in range(run.spec.days)
        for i, c in enumerate(run.crossings)
    )
    written.append(
        _write(
            folder / "crossings.csv",
            ["run", "day", "date", "crossing", "kind", "arrivals", "capacity"],
            crossing_rows,
        )
    )
    stock_names = [f.name for f in fields(Accounts) if f.name != "start_population"]
    account_rows = (
        (
            k + 1,
            day,
            dates[day],
            *(int(getattr(a, n)[day]) for n in stock_names),
            a.start_population,
        )
        for k, a in enumerate(tables.accounts)
        for day in range(len(dates))
    )
    written.append(
        _write(
            folder / "accounts.csv",
            ["run", "day", "date", *stock_names, "start_population"],
            account_rows,
        )
    )
    camps = [i for i, loc in enumerate(first.case.locations) if loc.is_camp]
    names = [first.case.locations[i].name for i in camps]
    camp_rows = (
        (
            k + 1,
            day,
            dates[day],
            names[j],
            int(run.output.population[day, i]),
            int(run.levers.camp_capacity[day, j]),
        )
        for k, run in enumerate(tables.runs)
        for day in range(len(dates))
        for j, i in enumerate(camps)
    )
    written.append(
        _write(
            folder / "camps.csv",
            ["run", "day", "date", "camp", "population", "capacity"],
            camp_rows,
        )
    )
    band_rows = []
    for name in BAND_SERIES:
        band = tables.band(name)
        band_rows += [
            (
                day,
                dates[day],
                name,
                round(float(band.mean[day]), 1),
                round(float(band.low[day]), 1),
                round(float(band.high[day]), 1),
            )
            for day in range(len(dates))
        ]
    written.append(
        _write(folder / "bands.csv", ["day", "date", "series", "mean", "p5", "p95"], band_rows)
    )
    written.append(write_flows(tables.flows, dates, folder / "flows.csv"))
    written.append(write_needs(tables.needs, dates, folder / "needs.csv"))
    seeds = [run.seed for run in tables.runs]
    written.append(write_metrics(tables.metrics, seeds, folder / "metrics.csv"))
    input_rows = (
        (k + 1, run.seed, name, round(value, 6))
        for k, run in enumerate(tables.runs)
        for name, value in run.inputs.as_rows(run.crossings)
    )
    written.append(_write(folder / "inputs.csv", ["run", "seed", "input", "value"], input_rows))
    return written
