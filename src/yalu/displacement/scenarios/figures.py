"""Figures of a scenario report, drawn with matplotlib from the case's own coordinates.

The map is a plain longitude/latitude plot (scaled by cos(latitude)) of the case's places,
roads and crossings: no web tiles, no network access.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from yalu.core.optional import require
from yalu.displacement.scenarios.tables import ScenarioTables, day_dates

COUNTRY_COLOURS = {
    "North Korea": "#b2182b",
    "China": "#2166ac",
    "Russia": "#5aae61",
    "South Korea": "#e08214",
    "Japan": "#8073ac",
}
MAP_LONGITUDES = (123.0, 133.0)
MAP_LATITUDES = (37.2, 43.6)
"""The map's frame: the Korean peninsula's north, NE China and Primorsky (Niigata is off it)."""
KIND_COLOURS = {"china": "#2166ac", "russia": "#5aae61", "dmz": "#e08214", "sea": "#8073ac"}


def pyplot() -> Any:
    """Return matplotlib.pyplot on the non-interactive Agg backend."""
    matplotlib = require("matplotlib", extra="plot", purpose="Scenario reports need matplotlib")
    matplotlib.use("Agg")
    return require("matplotlib.pyplot", extra="plot")


def draw_map(tables: ScenarioTables) -> Any:
    """Return a figure: places, roads, and crossings sized by arrivals (run mean)."""
    plt = pyplot()
    run = tables.runs[0]
    places = {loc.name: loc for loc in run.case.locations}
    fig, ax = plt.subplots(figsize=(9.0, 6.5))
    for route in run.case.routes:
        a, b = places[route.start], places[route.end]
        ax.plot(
            [a.longitude, b.longitude], [a.latitude, b.latitude], color="#bbbbbb", lw=0.8, zorder=1
        )
    totals = np.mean([r.arrivals.sum(axis=0) for r in tables.runs], axis=0)
    is_open = run.capacity.max(axis=0) > 0
    for crossing, total, open_ in zip(run.crossings, totals, is_open, strict=True):
        a, b = places[crossing.origin], places[crossing.destination]
        ax.plot(
            [a.longitude, b.longitude],
            [a.latitude, b.latitude],
            color=KIND_COLOURS[crossing.kind],
            lw=2.0,
            ls="-" if open_ else ":",
            zorder=2,
        )
        if total > 0:
            ax.scatter(
                [(a.longitude + b.longitude) / 2],
                [(a.latitude + b.latitude) / 2],
                s=20 + 400 * math.sqrt(total / max(totals.max(), 1)),
                alpha=0.35,
                color=KIND_COLOURS[crossing.kind],
                zorder=3,
            )
        if total > 0.05 * totals.sum():
            ax.annotate(
                f"{crossing.name}\n{total:,.0f}",
                ((a.longitude + b.longitude) / 2, (a.latitude + b.latitude) / 2),
                fontsize=6,
                xytext=(4, 4),
                textcoords="offset points",
            )
    for loc in run.case.locations:
        size = 8 + 60 * math.sqrt(loc.population / 8e6)
        ax.scatter(
            [loc.longitude],
            [loc.latitude],
            s=size,
            zorder=4,
            color=COUNTRY_COLOURS.get(loc.country, "#444444"),
            marker="^" if loc.is_camp else "o",
        )
        if loc.population > 500_000 or loc.is_camp:
            ax.annotate(
                loc.name,
                (loc.longitude, loc.latitude),
                fontsize=6,
                xytext=(3, -8),
                textcoords="offset points",
            )
    for country, colour in COUNTRY_COLOURS.items():
        ax.scatter([], [], color=colour, label=country, s=20)
    ax.legend(loc="lower left", fontsize=7, title="places (size: population)", title_fontsize=7)
    ax.set_xlim(*MAP_LONGITUDES)
    ax.set_ylim(*MAP_LATITUDES)
    ax.annotate(
        "to Niigata (Japan) ->",
        (MAP_LONGITUDES[1], 40.3),
        fontsize=7,
        ha="right",
        color=COUNTRY_COLOURS["Japan"],
    )
    ax.set_aspect(1 / math.cos(math.radians(40.5)))
    ax.set_xlabel("longitude (°E)")
    ax.set_ylabel("latitude (°N)")
    ax.set_title("Crossings (solid: open at some point; dotted: closed) and arrivals", fontsize=9)
    ax.grid(alpha=0.2)
    fig.tight_layout()
    return fig


def _band(ax: Any, dates: list[Any], band: Any, label: str, colour: str) -> None:
    """Plot a mean line with its 90% band."""
    ax.plot(dates, band.mean, color=colour, label=label, lw=1.4)
    ax.fill_between(dates, band.low, band.high, color=colour, alpha=0.2, lw=0)


def draw_series(tables: ScenarioTables) -> Any:
    """Return a 2x2 figure of daily series (mean and 90% band over the runs)."""
    plt = pyplot()
    run = tables.runs[0]
    dates = day_dates(run)
    fig, axes = plt.subplots(2, 2, figsize=(10.0, 7.0), sharex=True)
    _band(axes[0, 0], dates, tables.daily_china_arrivals(), "arrivals in China per day", "#2166ac")
    axes[0, 0].set_title("Arrivals in China per day", fontsize=9)
    _band(axes[0, 1], dates, tables.band("in_jilin"), "Jilin", "#2166ac")
    _band(axes[0, 1], dates, tables.band("in_liaoning"), "Liaoning", "#d6604d")
    axes[0, 1].set_title("People in Jilin and Liaoning", fontsize=9)
    _band(axes[1, 0], dates, tables.band("stranded"), "stranded inside the DPRK", "#b2182b")
    _band(axes[1, 0], dates, tables.band("in_camps"), "in relief camps", "#e08214")
    _band(axes[1, 0], dates, tables.band("repatriated"), "repatriated (total)", "#542788")
    axes[1, 0].set_title("Inside the DPRK and sent back", fontsize=9)
    mean_arrivals = np.mean([r.arrivals for r in tables.runs], axis=0).cumsum(axis=0)
    for i, crossing in enumerate(run.crossings):
        if mean_arrivals[-1, i] > 0:
            axes[1, 1].plot(dates, mean_arrivals[:, i], lw=1.2, label=crossing.name)
    axes[1, 1].set_title("Arrivals per crossing (cumulative, mean)", fontsize=9)
    for ax in axes.ravel():
        ax.legend(fontsize=6)
        ax.grid(alpha=0.2)
        ax.ticklabel_format(axis="y", style="plain")
        ax.tick_params(labelsize=7)
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig
