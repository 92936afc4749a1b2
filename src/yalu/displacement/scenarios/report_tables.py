"""The tables of a scenario report, as text cells (numbers with bands and units).

Each function reads the ensemble and returns one `Table`; `report` puts them in order.
A band is written "mean (low–high)", the 90% band over the runs.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from yalu.displacement.scenarios.accounting import metric_value
from yalu.displacement.scenarios.comparison import LeverEffect
from yalu.displacement.scenarios.ensemble import Band
from yalu.displacement.scenarios.flows import median_run
from yalu.displacement.scenarios.metrics import BY_NAME, early_days
from yalu.displacement.scenarios.needs import SPHERE, STANDARDS
from yalu.displacement.scenarios.report_model import Table
from yalu.displacement.scenarios.tables import ScenarioTables, day_dates
from yalu.displacement.scenarios.uncertainty import INPUT_LABELS

REGION_COLUMNS = 4
"""Destination regions given their own column in the flow table (the rest: "other")."""
CROSSING_COLUMNS = 6


def n(value: float) -> str:
    """Return a whole number with thousands separators (never "-0")."""
    return f"{round(float(value)):,}"


def banded(mean: float, low: float, high: float) -> str:
    """Return "mean (low–high)"."""
    return f"{n(mean)} ({n(low)}–{n(high)})"


def band_at(band: Band, day: int) -> str:
    """Return a band's text on one day."""
    return banded(float(band.mean[day]), float(band.low[day]), float(band.high[day]))


def key_figures(tables: ScenarioTables) -> Table:
    """Return the headline figures with their 90% bands."""
    spec = tables.runs[0].spec
    rows = []
    for name in (
        "left_home",
        "crossed_china",
        "crossed_all",
        "in_china_end",
        "peak_camp_places",
        "peak_stranded",
        "stranded_end",
        "in_camps_end",
        "repatriated",
        "moved_on",
    ):
        band = tables.metric(name)
        metric = BY_NAME[name]
        meaning = metric.meaning
        if name == "crossed_china_early":
            meaning += f" (first {early_days(spec.days)} days)"
        rows.append((metric.label, band_at(band, 0), meaning))
    return Table(
        "Key figures (mean and 90% band over the runs; people)",
        ("figure", "people: mean (90% band)", "meaning"),
        tuple(rows),
    )


def uncertain_inputs(tables: ScenarioTables) -> Table:
    """Return the uncertain inputs: range, distribution, values drawn, source."""
    spec = tables.runs[0].spec
    rows = []
    for item in spec.uncertainty:
        meaning, unit = INPUT_LABELS[item.name]
        if item.name == "crossing_capacity":
            drawn = np.concatenate([r.inputs.capacity_factor for r in tables.runs])
        else:
            drawn = np.array([r.inputs.values[item.name] for r in tables.runs])
        digits = 0 if abs(item.high) >= 100 else 2
        rows.append(
            (
                f"{meaning} ({item.name})",
                f"{item.low:,.{digits}f}–{item.high:,.{digits}f} {unit}".strip(),
                item.distribution,
                f"{float(drawn.min()):,.{digits}f}–{float(drawn.max()):,.{digits}f}",
                item.source,
            )
        )
    return Table(
        "Uncertain inputs: every run draws its own value",
        ("input", "range", "distribution", "drawn in these runs", "source"),
        tuple(rows),
        "Crossing capacity: each crossing draws its own factor on the case's capacity.",
        wide=(4,),
    )


def published(tables: ScenarioTables, role: str) -> Table:
    """Return the benchmarks of one role ("validation" or "input") against the runs."""
    spec = tables.runs[0].spec
    rows = []
    for bench in spec.benchmarks:
        if bench.role != role:
            continue
        values = [
            metric_value(a, r, bench.metric)
            for a, r in zip(tables.accounts, tables.runs, strict=True)
        ]
        inside = sum(bench.low <= v <= bench.high for v in values)
        rows.append(
            (
                bench.metric.replace("_", " "),
                f"{n(min(values))}–{n(max(values))}",
                f"{n(bench.low)}–{n(bench.high)}",
                f"{inside} of {len(values)} runs inside",
                bench.source,
            )
        )
    caption = (
        "Compared with independent published figures (a validation)"
        if role == "validation"
        else "Published figures used to set an input: agreement is true by construction"
    )
    return Table(
        caption,
        ("figure", "runs (people)", "published (people)", "result", "source"),
        tuple(rows),
        wide=(4,),
    )


def _week_rows(days: int) -> list[int]:
    """Return the days the flow tables show: every week (every 30 days past 210 days)."""
    step = 7 if days <= 210 else 30
    rows = list(range(step - 1, days, step))
    return rows if rows and rows[-1] == days - 1 else [*rows, days - 1]


def flow_rows(tables: ScenarioTables) -> Table:
    """Return the flow table of the median run, week by week; every row adds up."""
    k = median_run(tables.flows)
    flow, run = tables.flows[k], tables.runs[k]
    dates = day_dates(run)
    peaks = flow.present.max(axis=0)
    order = [int(i) for i in np.argsort(-peaks, kind="stable") if peaks[i] > 0]
    kept, rest = order[:REGION_COLUMNS], order[REGION_COLUMNS:]
    header = [
        "date",
        "still home",
        "left home",
        "in transit (DPRK)",
        "in DPRK camps",
        "crossed",
        *(f"in {flow.regions[i]}" for i in kept),
    ]
    header += ["in other regions"] if rest else []
    header += ["on roads abroad", "sent back", "moved on"]
    rows = []
    for day in _week_rows(run.spec.days):
        cells = [
            flow.still_home[day],
            flow.left_home[day],
            flow.in_transit[day],
            flow.in_camps[day],
            flow.crossed_total[day],
            *(flow.present[day, i] for i in kept),
        ]
        cells += [flow.present[day, rest].sum()] if rest else []
        cells += [flow.on_roads_abroad[day], flow.repatriated[day], flow.moved_on[day]]
        rows.append((dates[day].isoformat(), *(n(v) for v in cells)))
    return Table(
        f"Flow table, run {k + 1} (the median run), people at the end of the day",
        tuple(header),
        tuple(rows),
        "Every row adds up: start population = still home + left home; left home = in "
        "transit + in DPRK camps + crossed; crossed = people in regions abroad + on roads "
        "abroad + sent back + moved on. flows.csv has every day of every run.",
    )


def crossing_rows(tables: ScenarioTables) -> Table:
    """Return people crossed per crossing (running total), week by week, median run."""
    k = median_run(tables.flows)
    flow, run = tables.flows[k], tables.runs[k]
    dates = day_dates(run)
    final = flow.crossed[-1]
    order = [int(i) for i in np.argsort(-final, kind="stable") if final[i] > 0]
    kept, rest = order[:CROSSING_COLUMNS], order[CROSSING_COLUMNS:]
    header = ["date", *(flow.crossings[i] for i in kept)]
    header += ["other crossings"] if rest else []
    header += ["all crossings"]
    rows = []
    for day in _week_rows(run.spec.days):
        cells = [flow.crossed[day, i] for i in kept]
        cells += [flow.crossed[day, rest].sum()] if rest else []
        rows.append((dates[day].isoformat(), *(n(v) for v in [*cells, flow.crossed_total[day]])))
    return Table(
        f"People crossed by crossing, running total, run {k + 1} (people)",
        tuple(header),
        tuple(rows),
        "crossings.csv has arrivals and capacity per crossing and day for every run.",
    )


def sphere_standards() -> Table:
    """Return the Sphere standards used, with their references."""
    return Table(
        "Sphere minimum standards used",
        ("need", "per person", "applies to", "standard"),
        tuple(
            (s.quantity, f"{s.per_person:,g} {s.unit}", s.applies_to, s.reference)
            for s in STANDARDS
        ),
        f"Source: {SPHERE}.",
        wide=(3,),
    )


def needs_peaks(tables: ScenarioTables) -> Table:
    """Return what each region needs on its busiest day (mean and 90% band), one column each.

    The regions with the most people get a column (`REGION_COLUMNS`); needs.csv has all.
    """
    dates = day_dates(tables.runs[0])
    regions = list(tables.needs)[:REGION_COLUMNS]
    rows: list[tuple[str, ...]] = [
        ("people present", *(band_at(r.people, r.peak_day) for r in regions)),
        ("on (peak date)", *(dates[r.peak_day].isoformat() for r in regions)),
        ("camp places", *(band_at(r.camp_places, r.peak_day) for r in regions)),
    ]
    rows += [
        (
            f"{s.quantity} ({s.total_unit[0]})",
            *(band_at(r.need(s), r.peak_day) for r in regions),
        )
        for s in STANDARDS
    ]
    rows.append(
        (
            "days with 1,000 people or more",
            *(f"{int((r.people.mean >= 1000).sum()):,}" for r in regions),
        )
    )
    return Table(
        "Needs on each region's busiest day (mean and 90% band over the runs)",
        ("need", *(r.region for r in regions)),
        tuple(rows),
        f"Camp places: people present abroad x {tables.camp_share:g} (the share assumed to "
        "need a camp place), plus everybody in relief camps inside the DPRK. needs.csv has "
        "every region, day and need with its band.",
    )


def needs_by_week(tables: ScenarioTables) -> Table:
    """Return people present by region, week by week (mean over the runs)."""
    dates = day_dates(tables.runs[0])
    regions = list(tables.needs)[: REGION_COLUMNS + 1]
    rows = []
    for day in _week_rows(len(dates)):
        people = [float(r.people.mean[day]) for r in regions]
        water = STANDARDS[0].total(np.array(sum(people)))
        rows.append((dates[day].isoformat(), *(n(v) for v in people), n(float(water))))
    return Table(
        "People present by destination region, week by week (mean over the runs)",
        ("date", *(r.region for r in regions), "water, all regions (m³/day)"),
        tuple(rows),
    )


def lever_rows(effects: Sequence[LeverEffect]) -> Table:
    """Return the ranked lever comparison: change in arrivals, camp places, stranded."""
    rows = []
    for effect in effects:
        arrivals = effect.change("crossed_china")
        pct = effect.percent("crossed_china")
        per_unit = arrivals[0] / effect.variant.units if effect.variant.units else 0.0
        rows.append(
            (
                effect.variant.lever,
                effect.variant.detail,
                _signed(*arrivals),
                "n/a" if pct is None else percent(pct),
                _signed(*effect.change("peak_camp_places")),
                _signed(*effect.change("peak_stranded")),
                f"{per_unit:+,.1f} per {effect.variant.unit}",
            )
        )
    seeds = len(next(iter(effects[0].changes.values()))) if effects else 0
    return Table(
        "What each lever changes against the baseline (mean and 90% band over "
        f"{seeds} seeds; people), ranked by the cut in arrivals in China",
        (
            "lever",
            "what changes",
            "arrivals in China",
            "arrivals, % of baseline",
            "peak camp places",
            "peak stranded",
            "arrivals per unit",
        ),
        tuple(rows),
        wide=(1,),
    )


def signed(value: float) -> str:
    """Return a signed whole number with thousands separators (never "-0")."""
    return f"{round(float(value)):+,}"


def percent(value: float) -> str:
    """Return a signed percentage with one decimal (never "-0.0%")."""
    return f"{round(value, 1) + 0.0:+.1f}%"


def _signed(mean: float, low: float, high: float) -> str:
    """Return a signed change with its band: "+1,200 (-300 to +2,500)"."""
    return f"{signed(mean)} ({signed(low)} to {signed(high)})"
