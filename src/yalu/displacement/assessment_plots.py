"""Plots of an assessment: each camp's simulated band, observed counts and best baseline.

`plot_assessment(result, folder)` writes `camps.png` (matplotlib) and `camps.html` (plotly,
JavaScript inline, no network needed). Every panel shows one camp: the ensemble's mean and
90% band, the observed UNHCR count and the best naive baseline; the title carries the ARD
and the skill score. Both need the `plot` extra.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from yalu.core.optional import require
from yalu.displacement.assessment import Assessment
from yalu.displacement.baselines import BASELINE_LABELS, baseline_counts
from yalu.displacement.observed import observed_on_days
from yalu.models.displacement import FloatArray


@dataclass(frozen=True, slots=True)
class CampSeries:
    """What each panel draws, shape (days, camps) each."""

    dates: list[date]
    names: tuple[str, ...]
    mean: FloatArray
    low: FloatArray
    high: FloatArray
    observed: FloatArray
    baseline: FloatArray
    baseline_name: str
    title: str


def camp_series(result: Assessment) -> CampSeries:
    """Return the series and title of `result`'s plots."""
    scenario = result.scenario
    case, settings = scenario.case, scenario.effective_settings
    assert case.observed is not None  # an assessment exists only for observed cases
    runs = np.stack([out.population[:, case.camp_indices] for out in result.outputs])
    days = runs.shape[1]
    low, high = np.percentile(runs, (5.0, 95.0), axis=0)
    name, best = result.baselines.best("rescaled")
    label = BASELINE_LABELS[name]
    title = (
        f"{case.name}: rescaled ARD {result.mean('rescaled'):.3f}, skill "
        f"{result.skill('rescaled'):.2f} over the best baseline ({label}, {best:.3f})"
    )
    return CampSeries(
        dates=[case.start_date + timedelta(days=d + 1) for d in range(days)],
        names=case.camp_names,
        mean=runs.mean(axis=0),
        low=low,
        high=high,
        observed=observed_on_days(case.observed, case.camp_names, range(days), settings.hasten),
        baseline=baseline_counts(case, settings, name),
        baseline_name=label,
        title=title,
    )


def plot_assessment(result: Assessment, folder: Path) -> tuple[Path, Path]:
    """Write camps.png and camps.html into `folder`; return both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    series = camp_series(result)
    return _png(series, folder / "camps.png"), _html(series, folder / "camps.html")


def _png(series: CampSeries, path: Path) -> Path:
    """Draw one panel per camp with matplotlib."""
    matplotlib = require("matplotlib", extra="plot", purpose="PNG plots need matplotlib")
    matplotlib.use("Agg")
    pyplot = require("matplotlib.pyplot", extra="plot", purpose="PNG plots need matplotlib")
    count = len(series.names)
    columns = min(3, max(1, count))
    rows = max(1, -(-count // columns))
    figure, axes = pyplot.subplots(
        rows, columns, figsize=(5 * columns, 3 * rows), squeeze=False, sharex=True
    )
    for i, axis in enumerate(axes.ravel()):
        if i >= count:
            axis.set_visible(False)
            continue
        axis.fill_between(series.dates, series.low[:, i], series.high[:, i], alpha=0.3)
        axis.plot(series.dates, series.mean[:, i], label="simulated (mean, 90% band)")
        axis.plot(series.dates, series.observed[:, i], "--", label="observed (UNHCR)")
        axis.plot(series.dates, series.baseline[:, i], ":", label=series.baseline_name)
        axis.set_title(series.names[i])
        axis.tick_params(axis="x", labelrotation=45, labelbottom=i + columns >= count)
    axes.ravel()[0].legend(fontsize="small")
    figure.suptitle(series.title)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    pyplot.close(figure)
    return path


def _html(series: CampSeries, path: Path) -> Path:
    """Write a self-contained interactive plot with plotly."""
    graph_objects = require("plotly.graph_objects", extra="plot", purpose="HTML plots need plotly")
    figure = graph_objects.Figure()
    labels = [d.isoformat() for d in series.dates]
    for i, name in enumerate(series.names):
        band_x = labels + labels[::-1]
        band_y = np.concatenate((series.high[:, i], series.low[:, i][::-1]))
        figure.add_trace(
            graph_objects.Scatter(
                x=band_x, y=band_y, fill="toself", name=f"{name} 90% band", opacity=0.3
            )
        )
        figure.add_trace(graph_objects.Scatter(x=labels, y=series.mean[:, i], name=f"{name} mean"))
        figure.add_trace(
            graph_objects.Scatter(
                x=labels, y=series.observed[:, i], name=f"{name} observed", line={"dash": "dash"}
            )
        )
        figure.add_trace(
            graph_objects.Scatter(
                x=labels,
                y=series.baseline[:, i],
                name=f"{name} {series.baseline_name}",
                line={"dash": "dot"},
            )
        )
    figure.update_layout(title=series.title, xaxis_title="date", yaxis_title="agents")
    figure.write_html(path, include_plotlyjs=True, full_html=True)
    return path
