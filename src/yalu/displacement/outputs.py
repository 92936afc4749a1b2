"""Write what a simulation run produced: tables, FLEE's out.csv and camp plots.

* `populations.csv` / `populations.parquet`: one row per day and location — `day`, `date`,
  `location`, `kind`, `population` (agents there at the end of the day) and `observed`
  (FLEE's interpolated UNHCR count for camps, empty elsewhere). The parquet file's schema
  metadata records the case name and the run's seed.
* `out.csv`: the columns FLEE's `run.py` prints, so FLEE's own plotting scripts read it.
* `camps.png` (matplotlib) and `camps.html` (plotly): simulated vs observed population of
  every camp. `camps.html` loads one shared `plotly.min.js` written beside it (no network
  needed) and shows at most 8 series: the largest camps, simulated and observed, and the
  rest summed as "other camps". Colours are Okabe and Ito's colour-blind-safe palette.
  Both need the `plot` extra.

Dates follow FLEE: the row for day d carries `start_date + d + 1`, the date at the end of
the simulated day. Populations and observed counts are in agents (divided by `hasten`).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from yalu.core.optional import require
from yalu.displacement.observed import observed_on_days, spawn_schedule
from yalu.models.displacement import Case, DailyPopulations, FloatArray

__all__ = [
    "OutputFiles",
    "out_csv_header",
    "plot_camps_html",
    "plot_camps_png",
    "populations_table",
    "write_out_csv",
    "write_outputs",
    "write_populations",
]


def _dates(case: Case, days: int) -> list[date]:
    """Return FLEE's row dates: the end of each simulated day."""
    return [case.start_date + timedelta(days=d + 1) for d in range(days)]


def _observed(case: Case, run: DailyPopulations) -> FloatArray | None:
    """Return observed counts (days, camps), or None when the case has no data."""
    if case.observed is None:
        return None
    return observed_on_days(case.observed, case.camp_names, range(run.days), run.settings.hasten)


def _check_shape(case: Case, run: DailyPopulations) -> None:
    if run.population.ndim != 2 or run.population.shape[1] != len(case.locations):
        raise ValueError(
            f"population has shape {run.population.shape}; expected (days, "
            f"{len(case.locations)}) for case {case.name!r}"
        )


def populations_table(case: Case, run: DailyPopulations) -> pa.Table:
    """Return the long table of populations per day and location (see module docstring)."""
    _check_shape(case, run)
    days, count = run.population.shape
    observed = _observed(case, run)
    observed_full = np.full((days, count), -1, dtype=np.int64)
    if observed is not None:
        observed_full[:, case.camp_indices] = observed.astype(np.int64)
    mask = np.broadcast_to(observed_full < 0, (days, count)).ravel()
    table = pa.table(
        {
            "day": pa.array(np.repeat(np.arange(days, dtype=np.int64), count)),
            "date": pa.array(np.repeat(np.array(_dates(case, days), dtype="datetime64[D]"), count)),
            "location": pa.array([loc.name for loc in case.locations] * days, pa.string()),
            "kind": pa.array([loc.kind for loc in case.locations] * days, pa.string()),
            "population": pa.array(run.population.astype(np.int64).ravel()),
            "observed": pa.array(observed_full.ravel(), mask=mask),
        }
    )
    metadata = {"case": case.name, "seed": "" if run.seed is None else str(run.seed)}
    return table.replace_schema_metadata(metadata)


def write_populations(case: Case, run: DailyPopulations, folder: Path) -> tuple[Path, Path]:
    """Write populations.csv and populations.parquet into `folder`; return both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    table = populations_table(case, run)
    parquet_path = folder / "populations.parquet"
    pq.write_table(table, parquet_path)
    csv_path = folder / "populations.csv"
    columns = table.to_pydict()
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(table.column_names)
        for row in zip(*(columns[name] for name in table.column_names), strict=True):
            writer.writerow(["" if value is None else value for value in row])
    return csv_path, parquet_path


def out_csv_header(camp_names: Sequence[str]) -> list[str]:
    """Return the column names of FLEE's out.csv for these camps."""
    header = ["Day", "Date"]
    for name in camp_names:
        header += [f"{name} sim", f"{name} data", f"{name} error"]
    return [
        *header,
        "Total error",
        "refugees in camps (UNHCR)",
        "total refugees (simulation)",
        "raw UNHCR refugee count",
        "refugees in camps (simulation)",
        "refugee_debt",
    ]


def _relative_error(simulated: int, observed: int) -> float:
    """Return |sim/obs - 1|, or 0 when nothing is observed (FLEE's `rel_error`)."""
    return 0.0 if observed < 0.00001 else abs(simulated / observed - 1.0)


def write_out_csv(case: Case, run: DailyPopulations, path: Path) -> Path:
    """Write FLEE's out.csv for a run.

    `raw UNHCR refugee count` is recomputed from the observed data (FLEE's cumulative daily
    difference, see `spawn_schedule`); when it is not positive FLEE writes zeros for the
    error, UNHCR, raw and debt columns, and so does this.

    Raises:
        ValueError: the case has no observed data, or the run's shape does not fit the case.
    """
    _check_shape(case, run)
    observed = _observed(case, run)
    if observed is None or case.observed is None:
        raise ValueError(f"case {case.name!r} has no observed data to compare with")
    hasten = run.settings.hasten
    raw = spawn_schedule(
        case.observed, run.days, hasten=hasten, rules=run.settings.spawn
    ).raw_cumulative
    camps = run.population[:, case.camp_indices].astype(np.int64)
    data = observed.astype(np.int64)
    totals = run.total_agents
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(out_csv_header(case.camp_names))
        for day, when in enumerate(_dates(case, run.days)):
            row: list[object] = [day, when.isoformat()]
            for sim, obs in zip(camps[day].tolist(), data[day].tolist(), strict=True):
                row += [sim, obs, _relative_error(sim, obs)]
            in_camps = int(camps[day].sum())
            if raw[day] > 0:
                total_error = float(np.abs(camps[day] - data[day]).sum()) / float(raw[day])
                row += [total_error, int(data[day].sum()), int(totals[day]), int(raw[day])]
                row += [in_camps, int(run.debt[day])]
            else:
                row += [0.0, 0, int(totals[day]), 0, in_camps, 0]
            writer.writerow(row)
    return path


def _camp_series(
    case: Case, run: DailyPopulations
) -> tuple[list[date], FloatArray, FloatArray | None]:
    _check_shape(case, run)
    simulated = run.population[:, case.camp_indices].astype(np.float64)
    return _dates(case, run.days), simulated, _observed(case, run)


CAMP_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000")
"""Okabe-Ito colours (colour-blind safe), then grey for grouped series."""
MAX_SERIES = 8
"""Series one HTML chart shows; smaller camps are summed as "other camps"."""


def _largest_camps(
    simulated: FloatArray, observed: FloatArray | None
) -> tuple[list[int], list[int]]:
    """Return (shown, grouped) camp indices so the chart holds at most `MAX_SERIES` series."""
    per_camp = 1 if observed is None else 2
    order = [int(i) for i in np.argsort(-simulated.max(axis=0), kind="stable")]
    if len(order) * per_camp <= MAX_SERIES:
        return order, []
    keep = MAX_SERIES // per_camp - 1
    return order[:keep], order[keep:]


def plot_camps_png(case: Case, run: DailyPopulations, path: Path) -> Path:
    """Draw each camp's simulated and observed population into a PNG (needs `plot`)."""
    matplotlib = require("matplotlib", extra="plot", purpose="PNG plots need matplotlib")
    matplotlib.use("Agg")
    pyplot = require("matplotlib.pyplot", extra="plot", purpose="PNG plots need matplotlib")
    dates, simulated, observed = _camp_series(case, run)
    names = case.camp_names
    columns = min(3, max(1, len(names)))
    rows = max(1, -(-len(names) // columns))
    figure, axes = pyplot.subplots(
        rows, columns, figsize=(5 * columns, 3 * rows), squeeze=False, sharex=True
    )
    for i, axis in enumerate(axes.ravel()):
        if i >= len(names):
            axis.set_visible(False)
            continue
        axis.plot(dates, simulated[:, i], label="simulated", color=CAMP_COLOURS[0])
        if observed is not None:
            axis.plot(
                dates,
                observed[:, i],
                label="observed (UNHCR)",
                linestyle="--",
                color=CAMP_COLOURS[1],
            )
        axis.set_title(names[i])
        axis.set_ylabel("agents")
        # sharex hides tick labels above the last row; show them above hidden panels too
        axis.tick_params(axis="x", labelrotation=45, labelbottom=i + columns >= len(names))
    axes.ravel()[0].legend()
    figure.suptitle(f"{case.name}: camp populations (agents)")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=100)
    pyplot.close(figure)
    return path


def plot_camps_html(case: Case, run: DailyPopulations, path: Path) -> Path:
    """Write an interactive HTML plot of the largest camps (needs `plot`).

    The page loads `plotly.min.js` from its own folder (written once, shared by every
    page there), and holds at most `MAX_SERIES` series; smaller camps are summed.
    """
    graph_objects = require("plotly.graph_objects", extra="plot", purpose="HTML plots need plotly")
    dates, simulated, observed = _camp_series(case, run)
    shown, grouped = _largest_camps(simulated, observed)
    series = [(case.camp_names[i], [i], CAMP_COLOURS[k]) for k, i in enumerate(shown)]
    if grouped:
        series.append((f"other camps ({len(grouped)})", grouped, "#999999"))
    figure = graph_objects.Figure()
    labels = [d.isoformat() for d in dates]
    for name, camps, colour in series:
        figure.add_trace(
            graph_objects.Scatter(
                x=labels,
                y=simulated[:, camps].sum(axis=1),
                name=f"{name} simulated",
                line={"color": colour},
            )
        )
        if observed is not None:
            figure.add_trace(
                graph_objects.Scatter(
                    x=labels,
                    y=observed[:, camps].sum(axis=1),
                    name=f"{name} observed",
                    line={"dash": "dash", "color": colour},
                )
            )
    figure.update_layout(
        title=f"{case.name}: camp populations (agents; dashed: observed)",
        xaxis_title="date (end of day)",
        yaxis_title="people in the camp (agents)",
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.write_html(path, include_plotlyjs="directory", full_html=True)
    return path


@dataclass(frozen=True, slots=True)
class OutputFiles:
    """Paths written by `write_outputs` (plots are None when not requested)."""

    populations_csv: Path
    populations_parquet: Path
    out_csv: Path | None
    png: Path | None
    html: Path | None


def write_outputs(
    case: Case, run: DailyPopulations, folder: Path, *, plots: bool = True
) -> OutputFiles:
    """Write every output of a run into `folder`.

    Args:
        case: the simulated case.
        run: what the engine produced.
        folder: created if needed.
        plots: also draw camps.png and camps.html (needs the `plot` extra).

    Returns:
        The paths written; out.csv is skipped (None) for a case without observed data.
    """
    csv_path, parquet_path = write_populations(case, run, folder)
    out = write_out_csv(case, run, folder / "out.csv") if case.observed is not None else None
    png = plot_camps_png(case, run, folder / "camps.png") if plots else None
    html = plot_camps_html(case, run, folder / "camps.html") if plots else None
    return OutputFiles(csv_path, parquet_path, out, png, html)
