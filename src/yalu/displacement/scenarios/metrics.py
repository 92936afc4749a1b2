"""The figures a planner compares, one value per run: arrivals, peak camp places, stranded.

`metrics.csv` holds them for every run of an ensemble (run, seed, one column each), so
two output folders can be compared later (`yalu simulate compare RUN_A RUN_B`) without
running anything again.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from yalu.displacement.scenarios.flows import FlowTable
from yalu.displacement.scenarios.simulation import ScenarioRun


@dataclass(frozen=True, slots=True)
class Metric:
    """A per-run figure: its column name, a label for reports, and its meaning."""

    name: str
    label: str
    meaning: str


METRICS = (
    Metric("left_home", "left home", "people who left home over the run"),
    Metric("crossed_china", "arrivals in China", "people who crossed into China"),
    Metric("crossed_china_early", "arrivals in China, early", "crossed into China early on"),
    Metric("crossed_all", "crossed any border", "people who crossed any border"),
    Metric("in_china_end", "in China at the end", "people in Chinese places on the last day"),
    Metric(
        "peak_camp_places",
        "peak camp places",
        "the most camp places needed on one day: everybody abroad, and in DPRK relief camps",
    ),
    Metric("peak_stranded", "peak stranded", "the most people stranded in the DPRK on one day"),
    Metric("stranded_end", "stranded at the end", "people stranded in the DPRK on the last day"),
    Metric("in_camps_end", "in DPRK camps at the end", "people in relief camps inside the DPRK"),
    Metric("repatriated", "repatriated", "people sent back from China"),
    Metric("moved_on", "moved on", "people who moved on from China to third countries"),
)
BY_NAME = {m.name: m for m in METRICS}
MAX_METRICS_BYTES = 50_000_000
"""metrics.csv files larger than this are refused (an ensemble writes a few KB)."""


def early_days(days: int) -> int:
    """Return the early window: 30 days, or a year for runs over a year."""
    return min(30 if days <= 365 else 365, days)


def camp_places(flow: FlowTable, camp_share: float) -> np.ndarray:
    """Return camp places needed per day.

    Everybody abroad (in places or on the road) times `camp_share`, plus the people in
    relief camps inside the DPRK.
    """
    abroad = flow.present.sum(axis=1) + flow.on_roads_abroad
    places: np.ndarray = abroad * camp_share + flow.in_camps
    return places


def run_metrics(run: ScenarioRun, flow: FlowTable, camp_share: float) -> dict[str, float]:
    """Return every metric of one run."""
    is_china = np.array([c.kind == "china" for c in run.crossings])
    china = np.cumsum(run.arrivals[:, is_china].sum(axis=1))
    china_regions = [i for i, r in enumerate(flow.regions) if r.endswith(", China")]
    stranded = run.output.population[:, _stranded_mask(run)].sum(axis=1)
    return {
        "left_home": float(flow.left_home[-1]),
        "crossed_china": float(china[-1]),
        "crossed_china_early": float(china[early_days(run.spec.days) - 1]),
        "crossed_all": float(flow.crossed_total[-1]),
        "in_china_end": float(flow.present[-1, china_regions].sum()),
        "peak_camp_places": float(camp_places(flow, camp_share).max(initial=0)),
        "peak_stranded": float(stranded.max(initial=0)),
        "stranded_end": float(stranded[-1]),
        "in_camps_end": float(flow.in_camps[-1]),
        "repatriated": float(flow.repatriated[-1]),
        "moved_on": float(flow.moved_on[-1]),
    }


def _stranded_mask(run: ScenarioRun) -> np.ndarray:
    """Return which locations hold stranded people: DPRK places that are not camps."""
    home = run.case.locations[0].country
    return np.array([loc.country == home and not loc.is_camp for loc in run.case.locations])


def write_metrics(rows: Sequence[Mapping[str, float]], seeds: Sequence[int], path: Path) -> Path:
    """Write one row per run: run, seed, then every metric."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["run", "seed", *(m.name for m in METRICS)])
        for k, (row, seed) in enumerate(zip(rows, seeds, strict=True), start=1):
            writer.writerow([k, seed, *(round(row[m.name]) for m in METRICS)])
    return path
