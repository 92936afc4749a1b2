"""The charts of a scenario report: daily series, needs and the lever comparison.

Every chart follows `charts`: Okabe-Ito colours, at most 8 series (the rest grouped as
"other"), both axes labelled with their unit. Lines are the mean over the runs and the
shading their 90% band. The map is drawn by `maps`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from yalu.displacement.scenarios.charts import (
    OKABE_ITO,
    OTHER_COLOUR,
    label_axes,
    plot_band,
    pyplot,
    thousands,
    top_indices,
    top_series,
)
from yalu.displacement.scenarios.comparison import COMPARED, LeverEffect
from yalu.displacement.scenarios.ensemble import band_of
from yalu.displacement.scenarios.metrics import BY_NAME
from yalu.displacement.scenarios.needs import STANDARDS
from yalu.displacement.scenarios.tables import ScenarioTables, day_dates

DATE_LABEL = "date (end of day)"


def _dates_axis(fig: Any) -> None:
    """Slant the date labels of every axis so they never overlap."""
    fig.autofmt_xdate(rotation=30)


def draw_series(tables: ScenarioTables) -> Any:
    """Return a 2x2 figure: arrivals a day, people by region, inside the DPRK, crossings."""
    plt = pyplot()
    run = tables.runs[0]
    dates = day_dates(run)
    fig, axes = plt.subplots(2, 2, figsize=(10.0, 7.2), sharex=True)
    plot_band(axes[0, 0], dates, tables.daily_china_arrivals(), "into China", OKABE_ITO[0])
    axes[0, 0].set_title("Arrivals in China per day", fontsize=9)
    label_axes(axes[0, 0], "", "people per day")
    present = np.array([f.present for f in tables.flows], dtype=np.float64)
    kept, rest = top_indices(present.mean(axis=0).max(axis=0), limit=6)
    for k, i in enumerate(kept):
        band = band_of(present[:, :, i])
        plot_band(axes[0, 1], dates, band, tables.flows[0].regions[i], OKABE_ITO[k])
    if rest:
        band = band_of(present[:, :, rest].sum(axis=2))
        plot_band(axes[0, 1], dates, band, f"other ({len(rest)})", OTHER_COLOUR)
    axes[0, 1].set_title("People present by destination region", fontsize=9)
    label_axes(axes[0, 1], "", "people")
    inside = (
        ("stranded in the DPRK", "stranded", OKABE_ITO[1]),
        ("in DPRK relief camps", "in_camps", OKABE_ITO[3]),
        ("sent back (total)", "repatriated", OKABE_ITO[4]),
        ("moved on to third countries (total)", "moved_on", OKABE_ITO[2]),
    )
    for label, name, colour in inside:
        if tables.series(name).max(initial=0) > 0:
            plot_band(axes[1, 0], dates, tables.band(name), label, colour)
    axes[1, 0].set_title("Inside the DPRK, sent back, moved on", fontsize=9)
    label_axes(axes[1, 0], DATE_LABEL, "people")
    crossed = np.mean([f.crossed for f in tables.flows], axis=0).T
    for name, values, colour in top_series(tables.flows[0].crossings, crossed, limit=8):
        axes[1, 1].plot(dates, values, color=colour, lw=1.4, label=name)
    axes[1, 1].set_title("People crossed by crossing (running total, mean)", fontsize=9)
    label_axes(axes[1, 1], DATE_LABEL, "people")
    for ax in axes.ravel():
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=6.5, loc="best")
    _dates_axis(fig)
    fig.tight_layout()
    return fig


def draw_needs(tables: ScenarioTables) -> Any:
    """Return the needs chart: people present by region, with daily water on a second axis."""
    plt = pyplot()
    dates = day_dates(tables.runs[0])
    fig, ax = plt.subplots(figsize=(10.0, 4.6))
    needs = list(tables.needs)
    kept, rest = top_indices(np.array([n.people.mean.max() for n in needs]), limit=8)
    for k, i in enumerate(kept):
        plot_band(ax, dates, needs[i].people, needs[i].region, OKABE_ITO[k])
    if rest:
        grouped = np.sum([needs[i].people.mean for i in rest], axis=0)
        ax.plot(dates, grouped, color=OTHER_COLOUR, lw=1.2, label=f"other ({len(rest)})")
    label_axes(ax, DATE_LABEL, "people present")
    ax.set_title("People present by destination region, and the water they need", fontsize=9)
    water = STANDARDS[0]
    twin = ax.twinx()
    low, high = ax.get_ylim()
    twin.set_ylim(water.total(np.array(low)), water.total(np.array(high)))
    twin.set_ylabel(
        f"water, {water.total_unit[0]} ({water.per_person:g} {water.unit} a person)",
        fontsize=8,
    )
    twin.tick_params(labelsize=7)
    twin.yaxis.set_major_formatter(thousands())
    if kept:
        ax.legend(fontsize=6.5, loc="upper left")
    _dates_axis(fig)
    fig.tight_layout()
    return fig


def draw_levers(effects: Sequence[LeverEffect]) -> Any:
    """Return the lever chart: each lever's change against the baseline, three panels."""
    plt = pyplot()
    height = 1.6 + 0.32 * len(effects)
    fig, axes = plt.subplots(1, len(COMPARED), figsize=(10.0, height), sharey=True)
    names = [e.variant.lever for e in effects]
    rows = np.arange(len(effects))[::-1]
    for ax, metric, colour in zip(axes, COMPARED, OKABE_ITO, strict=False):
        for row, effect in zip(rows, effects, strict=True):
            mean, low, high = effect.change(metric)
            ax.plot([low, high], [row, row], color=colour, lw=2.2, alpha=0.55)
            ax.plot([mean], [row], "o", color=colour, ms=4.5)
        ax.axvline(0, color="#444", lw=0.8)
        ax.set_title(f"{BY_NAME[metric].label}", fontsize=9)
        ax.set_xlabel("change against the baseline (people)", fontsize=8)
        ax.xaxis.set_major_formatter(thousands(signed=True))
        ax.tick_params(labelsize=7)
        ax.grid(axis="x", alpha=0.25, lw=0.5)
        for label in ax.get_xticklabels():
            label.set_rotation(30)
    axes[0].set_yticks(rows, names, fontsize=7.5)
    axes[0].set_ylabel("lever (ranked by its cut in arrivals in China)", fontsize=8)
    fig.tight_layout()
    return fig
