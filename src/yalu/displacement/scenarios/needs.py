"""What the people who arrive need, per destination region and day, by Sphere minimum standards.

People present in a region need water and food every day; camp places (people present
times the share assumed to need one, 1 by default: China does not let North Koreans
settle) need covered living space and site area. People travelling between places abroad
(FLEE's rules keep them moving between towns) count as one more row, and so do relief
camps inside North Korea. Needs are proportional to people, so their 90% band is the people's
band times the standard.

Source of every standard: The Sphere Handbook: Humanitarian Charter and Minimum
Standards in Humanitarian Response, 4th edition, Sphere Association, Geneva, 2018.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

from yalu.displacement.scenarios.ensemble import Band, band_of
from yalu.displacement.scenarios.flows import FlowTable, safe_cell

SPHERE = (
    "The Sphere Handbook: Humanitarian Charter and Minimum Standards in Humanitarian "
    "Response, 4th edition, Sphere Association, Geneva, 2018"
)
DPRK_CAMPS = "Relief camps, North Korea"
"""The region name of relief camps inside North Korea."""
ON_ROADS = "On roads abroad"
"""The 'region' of people travelling between places abroad (they need water and food too)."""


@dataclass(frozen=True, slots=True)
class Standard:
    """A Sphere minimum standard: so much per person (or per camp place).

    Attributes:
        quantity: what is needed ("water", "food", ...).
        per_person: amount per person, in `unit`.
        unit: unit of the per-person amount ("litres/day").
        total_unit: unit of regional totals and the divisor from per-person units.
        applies_to: "people" (everybody present) or "camp places".
        reference: the standard's place in the Handbook.
    """

    quantity: str
    per_person: float
    unit: str
    total_unit: tuple[str, float]
    applies_to: Literal["people", "camp places"]
    reference: str

    def total(self, people: np.ndarray) -> np.ndarray:
        """Return the need of `people` in `total_unit`."""
        result: np.ndarray = people * self.per_person / self.total_unit[1]
        return result


STANDARDS = (
    Standard(
        "water",
        15.0,
        "litres/day",
        ("m³/day", 1000.0),
        "people",
        "Water supply standard 2.1: at least 15 litres per person per day for drinking "
        "and domestic hygiene",
    ),
    Standard(
        "food",
        2100.0,
        "kcal/day",
        ("million kcal/day", 1e6),
        "people",
        "Food security and nutrition, food assistance standard 6.1 and its annex on "
        "nutritional requirements: 2,100 kcal per person per day",
    ),
    Standard(
        "covered shelter",
        3.5,
        "m²",
        ("m²", 1.0),
        "camp places",
        "Shelter and settlement standard 3: at least 3.5 m² of covered living space per person",
    ),
    Standard(
        "site area",
        45.0,
        "m²",
        ("hectares", 10_000.0),
        "camp places",
        "Shelter and settlement standard 2: 45 m² per person in camp-type settlements, "
        "including household plots",
    ),
)


@dataclass(frozen=True, slots=True)
class RegionNeeds:
    """People present in one region and the camp places they need, over the ensemble.

    Attributes:
        region: "Region, Country", or `DPRK_CAMPS`.
        people: mean and 90% band of people present per day.
        camp_places: mean and 90% band of camp places needed per day.
    """

    region: str
    people: Band
    camp_places: Band

    def need(self, standard: Standard) -> Band:
        """Return the daily need for `standard`, in its total unit."""
        base = self.people if standard.applies_to == "people" else self.camp_places
        return Band(standard.total(base.mean), standard.total(base.low), standard.total(base.high))

    @property
    def peak_day(self) -> int:
        """Return the day (0-based) with the most people present on average."""
        return int(np.argmax(self.people.mean))


def needs_of(flows: Sequence[FlowTable], camp_share: float = 1.0) -> list[RegionNeeds]:
    """Return the needs of every region anybody reaches (and of relief camps, if used).

    Args:
        flows: the flow table of every run.
        camp_share: share of the people present abroad who need a camp place (0..1).
    """
    regions = flows[0].regions
    present = np.array([f.present for f in flows], dtype=np.float64)
    found = []
    for i, region in enumerate(regions):
        people = present[:, :, i]
        if people.max(initial=0) > 0:
            found.append(RegionNeeds(region, band_of(people), band_of(people * camp_share)))
    roads = np.array([f.on_roads_abroad for f in flows], dtype=np.float64)
    if roads.max(initial=0) > 0:
        found.append(RegionNeeds(ON_ROADS, band_of(roads), band_of(roads * camp_share)))
    camps = np.array([f.in_camps for f in flows], dtype=np.float64)
    if camps.max(initial=0) > 0:
        found.append(RegionNeeds(DPRK_CAMPS, band_of(camps), band_of(camps)))
    return sorted(found, key=lambda n: -float(n.people.mean.max()))


def write_needs(needs: Sequence[RegionNeeds], dates: Sequence[str], path: Path) -> Path:
    """Write needs per day and region (long format): quantity, unit, mean, p5, p95."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["day", "date", "region", "quantity", "unit", "mean", "p5", "p95"])
        for region in needs:
            series = [
                ("people present", "people", region.people),
                ("camp places", "places", region.camp_places),
            ]
            series += [(s.quantity, s.total_unit[0], region.need(s)) for s in STANDARDS]
            for quantity, unit, band in series:
                for day, date in enumerate(dates):
                    writer.writerow(
                        [
                            day,
                            date,
                            safe_cell(region.region),
                            quantity,
                            unit,
                            round(float(band.mean[day]), 1),
                            round(float(band.low[day]), 1),
                            round(float(band.high[day]), 1),
                        ]
                    )
    return path
