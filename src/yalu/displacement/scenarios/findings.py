"""Short sentences a briefing can quote: the headline figures and what each lever does.

Every claim is read from the numbers of the run (never written in advance), with its band.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from yalu.displacement.scenarios.comparison import LeverEffect
from yalu.displacement.scenarios.metrics import early_days
from yalu.displacement.scenarios.needs import DPRK_CAMPS, ON_ROADS, STANDARDS
from yalu.displacement.scenarios.report_tables import banded, n, percent, signed
from yalu.displacement.scenarios.tables import ScenarioTables, day_dates

SMALL_PERCENT = 1.0
"""A change of arrivals below this (in %) counts as no change."""


def _metric(tables: ScenarioTables, name: str) -> str:
    band = tables.metric(name)
    return banded(float(band.mean[0]), float(band.low[0]), float(band.high[0]))


def at_a_glance(tables: ScenarioTables) -> list[str]:
    """Return the headline sentences: who leaves, who arrives where, peak needs."""
    spec = tables.runs[0].spec
    flows = tables.flows
    crossed = np.mean([f.crossed[-1] for f in flows], axis=0)
    lines = [
        f"{_metric(tables, 'left_home')} people leave home over {spec.days} days; "
        f"{_metric(tables, 'crossed_china')} cross into China and "
        f"{_metric(tables, 'crossed_all')} cross any border (mean and 90% band over "
        f"{len(tables.runs)} runs)."
    ]
    if crossed.sum() > 0:
        top = int(np.argmax(crossed))
        lines.append(
            f"The busiest crossing is {flows[0].crossings[top]}, with "
            f"{100 * crossed[top] / crossed.sum():.0f}% of the people who cross."
        )
    regions = [r for r in tables.needs if r.region not in (ON_ROADS, DPRK_CAMPS)]
    if regions:
        region = regions[0]
        day = region.peak_day
        date = day_dates(tables.runs[0])[day].isoformat()
        water, food = (region.need(s) for s in STANDARDS[:2])
        lines.append(
            f"Most people arrive in {region.region}: up to {n(region.people.mean[day])} "
            f"present (90% band {n(region.people.low[day])}–{n(region.people.high[day])}) "
            f"around {date}, needing {n(water.mean[day])} m³ of water and "
            f"{n(food.mean[day])} million kcal of food a day (Sphere minimum standards)."
        )
    lines.append(
        f"At the peak {_metric(tables, 'peak_camp_places')} camp places are needed in all "
        f"regions together, and up to {_metric(tables, 'peak_stranded')} people are "
        "stranded inside North Korea."
    )
    if spec.uncertainty:
        lines.append(
            f"The bands are wide on purpose: each run draws {len(spec.uncertainty)} "
            "uncertain inputs (listed below with their sources), so the bands show what "
            "nobody knows as well as the model's chance."
        )
    return lines


def lever_notes(effects: Sequence[LeverEffect], days: int) -> list[str]:
    """Return one sentence per lever, in rank order, saying what it does to arrivals."""
    window = early_days(days)
    notes = []
    for effect in effects:
        name = effect.variant.lever
        mean, low, high = effect.change("crossed_china")
        pct = effect.percent("crossed_china") or 0.0
        early = effect.percent("crossed_china_early") or 0.0
        stranded = effect.change("peak_stranded")[0]
        band = f"{signed(mean)} ({signed(low)} to {signed(high)}, {percent(pct)})"
        label = name[0].upper() + name[1:]
        if all(not np.any(change) for change in effect.changes.values()):
            notes.append(f"{label} changes nothing in these runs: nobody it would affect.")
            continue
        if name.startswith("close ") and abs(pct) < SMALL_PERCENT:
            if early <= -5.0:
                text = (
                    f"{label} delays arrivals more than it prevents them: {percent(early)} in "
                    f"the first {window} days, {percent(pct)} over the run, as people redirect "
                    f"to other crossings; the peak number stranded changes by {signed(stranded)}."
                )
            else:
                text = (
                    f"{label} barely changes arrivals ({band}): people cross elsewhere; the "
                    f"peak number stranded changes by {signed(stranded)}."
                )
        else:
            text = f"{label} ({effect.variant.detail}): arrivals in China {band}"
            text += f"; peak stranded {signed(stranded)}"
            camps = effect.change("peak_camp_places")[0]
            text += f"; peak camp places {signed(camps)}."
        if low < 0 < high and abs(pct) >= SMALL_PERCENT:
            text += " Its band includes no effect at all."
        notes.append(text)
    return notes
