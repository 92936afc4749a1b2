"""Account capped commodities over their periods: unit conversion and running totals.

Amounts are summed in input order within each period (a calendar year for refined
petroleum under 2397 para 5, twelve months from 22 December for crude under para 4), so the
running total on a line is the sum of that line and every earlier line of the same period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from yalu.models.goods import CapSpec, Floats, ShipmentBatch

Periods = npt.NDArray[np.int64]

LITRES_PER_BARREL = 158.987294928
"""One US oil barrel is 42 US gallons, exactly 158.987294928 litres."""
_TONNES_PER = {"t": 1.0, "kg": 0.001, "lb": 0.00045359237}
_BARRELS_PER = {
    "bbl": 1.0,
    "l": 1 / LITRES_PER_BARREL,
    "m3": 1000 / LITRES_PER_BARREL,
    "gal": 1 / 42,
}


def to_cap_unit(batch: ShipmentBatch, unit: str, tonnes_to_barrels: float | None) -> Floats:
    """Return each line's amount in a cap's unit ("bbl", "t" or "usd"); NaN if not convertible.

    Mass converts to barrels (and barrels to mass) with `tonnes_to_barrels`; counts, lengths
    and areas never convert.
    """
    if unit == "usd":
        return batch.value_usd.copy()
    factors = np.full(len(batch.units), np.nan)
    for index, name in enumerate(batch.units):
        factors[index] = _factor(name, unit, tonnes_to_barrels)
    amounts: Floats = batch.quantity * factors[batch.unit]
    return amounts


def _factor(source: str, target: str, tonnes_to_barrels: float | None) -> float:
    per_barrel = tonnes_to_barrels or np.nan
    if target == "bbl":
        if source in _BARRELS_PER:
            return _BARRELS_PER[source]
        if source in _TONNES_PER:
            return _TONNES_PER[source] * per_barrel
    if target == "t":
        if source in _TONNES_PER:
            return _TONNES_PER[source]
        if source in _BARRELS_PER:
            return _BARRELS_PER[source] / per_barrel
    return np.nan


def period_index(dates: npt.NDArray[np.datetime64], spec: CapSpec) -> Periods:
    """Return the number of whole periods between the cap's anchor and each date.

    A period starts on the anchor's day of month, every `spec.period_months` months.
    """
    months = dates.astype("datetime64[M]")
    day = (dates - months).astype(np.int64) + 1
    month_number = months.astype(np.int64)  # months since 1970-01
    anchor_month = (spec.anchor.year - 1970) * 12 + spec.anchor.month - 1
    elapsed = month_number - anchor_month - (day < spec.anchor.day)
    periods: Periods = np.floor_divide(elapsed, spec.period_months)
    return periods


def period_bounds(spec: CapSpec, index: int) -> tuple[dt.date, dt.date]:
    """Return the first and last day of period `index` of a cap."""
    start = _add_months(spec.anchor, index * spec.period_months)
    end = _add_months(spec.anchor, (index + 1) * spec.period_months) - dt.timedelta(days=1)
    return start, end


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, day.day)


@dataclass(frozen=True, slots=True)
class RunningTotals:
    """Running totals of one cap limit on the lines it covers (aligned with `rows`)."""

    rows: npt.NDArray[np.intp]
    periods: Periods
    amounts: Floats
    running: Floats


def running_totals(rows: npt.NDArray[np.intp], amounts: Floats, periods: Periods) -> RunningTotals:
    """Sum `amounts` in row order within each period (NaN amounts count as 0).

    Args:
        rows: line indexes covered by the cap, ascending.
        amounts: each covered line's amount in the cap unit (same length as rows).
        periods: each covered line's period index (same length as rows).
    """
    clean = np.nan_to_num(amounts, nan=0.0)
    order = np.argsort(periods, kind="stable")
    sorted_periods = periods[order]
    cumulative = np.cumsum(clean[order])
    starts = np.flatnonzero(np.r_[True, sorted_periods[1:] != sorted_periods[:-1]])
    before = np.r_[0.0, cumulative][starts]
    group = np.searchsorted(starts, np.arange(order.size), side="right") - 1
    running = np.empty_like(cumulative)
    running[order] = cumulative - before[group]
    return RunningTotals(rows=rows, periods=periods, amounts=amounts, running=running)
