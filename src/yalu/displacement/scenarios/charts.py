"""Rules every scenario chart follows: colour-blind-safe colours, at most 8 series, units.

Colours are Okabe and Ito's palette (Color Universal Design, 2008), which stays
distinguishable under the common forms of colour blindness; a chart with more series
than `MAX_SERIES` keeps the largest `MAX_SERIES - 1` and sums the rest into one grey
"other" series. Axes always carry a label with the unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from yalu.core.optional import require

OKABE_ITO = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#E69F00",  # orange
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow (last: faint on white)
)
OTHER_COLOUR = "#999999"
MAX_SERIES = 8
"""Series a chart may show; the rest are grouped as "other"."""


def pyplot() -> Any:
    """Return matplotlib.pyplot on the non-interactive Agg backend.

    Raises:
        MissingExtraError: matplotlib (the `plot` extra) is not installed.
    """
    matplotlib = require("matplotlib", extra="plot", purpose="Scenario reports need matplotlib")
    matplotlib.use("Agg")
    return require("matplotlib.pyplot", extra="plot")


def top_indices(peaks: np.ndarray, limit: int = MAX_SERIES) -> tuple[list[int], list[int]]:
    """Return (kept, grouped) indices: the largest non-zero series and the rest.

    At most `limit` series are shown: `limit - 1` in their own colour (never the faint
    yellow) and, when any remain, one grey "other".
    """
    order = [int(i) for i in np.argsort(-peaks, kind="stable") if peaks[i] > 0]
    if len(order) < limit:
        return order, []
    return order[: limit - 1], order[limit - 1 :]


def top_series(
    names: Sequence[str], values: np.ndarray, limit: int = MAX_SERIES
) -> list[tuple[str, np.ndarray, str]]:
    """Return (name, series, colour) for the largest series; the rest summed as "other".

    Args:
        names: one name per series.
        values: shape (series, days).
        limit: most series returned (the last one "other ..." when any were grouped).
    """
    peaks = values.max(axis=1, initial=0) if values.size else np.zeros(len(names))
    kept, rest = top_indices(peaks, limit)
    result = [(names[i], values[i], OKABE_ITO[k]) for k, i in enumerate(kept)]
    if rest:
        result.append((f"other ({len(rest)})", values[rest].sum(axis=0), OTHER_COLOUR))
    return result


def thousands(signed: bool = False) -> Any:
    """Return a tick formatter printing whole numbers with thousands separators."""
    ticker = require("matplotlib.ticker", extra="plot")
    return ticker.FuncFormatter(lambda v, _: f"{round(v):+,}" if signed else f"{round(v):,}")


def label_axes(ax: Any, x: str, y: str) -> None:
    """Label both axes (with units) and print numbers with thousands separators."""
    ax.set_xlabel(x, fontsize=8)
    ax.set_ylabel(y, fontsize=8)
    ax.yaxis.set_major_formatter(thousands())
    ax.tick_params(labelsize=7)
    ax.grid(alpha=0.25, lw=0.5)


def plot_band(ax: Any, x: Sequence[Any], band: Any, label: str, colour: str) -> None:
    """Plot a mean line and its 90% band (shaded)."""
    ax.plot(x, band.mean, color=colour, label=label, lw=1.5)
    ax.fill_between(x, band.low, band.high, color=colour, alpha=0.18, lw=0)
