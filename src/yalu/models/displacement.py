"""Plain typed data for displacement simulation: a FLEE case, its settings and a run's output.

Everything here is a frozen slotted dataclass or a named numpy array type; no I/O happens in
this module. `yalu.formats.flee` reads and writes these values; the `yalu.displacement` engine
consumes a `Case` and produces `DailyPopulations`.

Conventions:
    * Days are integer offsets from `Case.start_date` (day 0 is the start date).
    * Populations, capacities and observed counts are stored at full scale; the engine and
      the validation code divide by `SimSettings.hasten` where FLEE does.
    * Location order is the order of `locations.csv`; arrays indexed by location use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal, get_args

import numpy as np
import numpy.typing as npt

Counts = npt.NDArray[np.int64]
"""Whole numbers of people, e.g. shape (days, locations) or (days,)."""
IntArray = npt.NDArray[np.int64]
"""Integer values that are not head counts (day offsets, indices)."""
FloatArray = npt.NDArray[np.float64]
"""Real values: intensities, interpolated observations, errors."""

LocationKind = Literal[
    "conflict_zone", "town", "camp", "idpcamp", "forward", "marker", "flood_zone"
]
LOCATION_KINDS: tuple[str, ...] = get_args(LocationKind)
"""Accepted `location_type` values; FLEE's "default" is read as "town"."""

ClosureKind = Literal["country", "location", "link", "camp", "idpcamp", "remove_forced_redirection"]
CLOSURE_KINDS: tuple[str, ...] = get_args(ClosureKind)


@dataclass(frozen=True, slots=True)
class Location:
    """One row of `locations.csv`.

    Attributes:
        name: unique name, as used by routes, closures, conflicts and data_layout.csv.
        region: administrative region (free text).
        country: country name; the first location's country is the "home" country.
        latitude: degrees north.
        longitude: degrees east.
        kind: location type.
        conflict_date: day offset when a conflict zone starts (0 if empty in the file).
        population: residents at day 0 (0 for camps).
        capacity: camp capacity in people (None = unlimited, and for non-camps).
        attributes: extra columns by header name (e.g. "capacity_per_day").
    """

    name: str
    region: str
    country: str
    latitude: float
    longitude: float
    kind: LocationKind
    conflict_date: int = 0
    population: int = 0
    capacity: int | None = None
    attributes: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_camp(self) -> bool:
        """Return True for camps and IDP camps."""
        return self.kind in ("camp", "idpcamp")


@dataclass(frozen=True, slots=True)
class Route:
    """One row of `routes.csv`: an undirected link between two locations.

    Attributes:
        start: first location name.
        end: second location name.
        distance_km: travel distance, > 0.
        forced_redirection: FLEE's redirection flag, as read (0 = none; 1 and 2 say which
            end agents are redirected towards).
        attributes: extra columns by header name.
    """

    start: str
    end: str
    distance_km: float
    forced_redirection: int = 0
    attributes: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Closure:
    """One row of `closures.csv`, applied on `start_day` and reversed on `end_day`.

    Attributes:
        kind: what closes (see `ClosureKind`).
        name1: country or location name.
        name2: second country or location name (ignored by "location" and camp kinds).
        start_day: day offset when the closure starts.
        end_day: day offset when it is reversed (-1 or beyond the run = never).
    """

    kind: ClosureKind
    name1: str
    name2: str
    start_day: int
    end_day: int


@dataclass(frozen=True, slots=True)
class ConflictTable:
    """The wide table of `conflicts.csv`.

    Attributes:
        location_names: conflict columns, in file order.
        intensity: shape (days, len(location_names)); row d is day d (0 = no conflict).
    """

    location_names: tuple[str, ...]
    intensity: FloatArray

    @property
    def days(self) -> int:
        """Return the number of day rows."""
        return int(self.intensity.shape[0])


@dataclass(frozen=True, slots=True)
class RegistrationCorrection:
    """One row of `registration_corrections.csv`.

    Points of `camp`'s series dated before `date` are multiplied by
    value(date) / value(previous point).

    Attributes:
        camp: camp name.
        date: date of the data point where the new registration level starts.
        mode: third column as written ("normalize" in all known cases, "" if absent).
    """

    camp: str
    date: date
    mode: str = "normalize"


@dataclass(frozen=True, slots=True)
class Series:
    """A dated observed series, as day offsets from the case start date.

    Attributes:
        days: shape (n,), non-decreasing (FLEE's merge can repeat a day); may be negative
            (before the start).
        values: shape (n,), counts (floats after merges and corrections).
    """

    days: IntArray
    values: FloatArray


@dataclass(frozen=True, slots=True)
class ObservedData:
    """UNHCR series of a case, after merges and registration corrections, before hasten.

    Attributes:
        total: the `total` row of data_layout.csv (usually refugees.csv).
        camps: one series per data_layout.csv row after `total`, in file order: every camp,
            plus any row naming no location (FLEE still counts it when spawning).
        files: data_layout.csv as read: name -> source file names (for round trips).
    """

    total: Series
    camps: Mapping[str, Series]
    files: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class MoveRules:
    """`move_rules` of simsetting.yml, with FLEE's defaults."""

    conflict_movechance: float = 1.0
    default_movechance: float = 0.3
    camp_movechance: float = 0.001
    idpcamp_movechance: float = 0.1
    max_move_speed: float = 360.0
    max_walk_speed: float = 35.0
    camp_weight: float = 1.0
    foreign_weight: float = 1.0
    conflict_weight: float = 0.25
    awareness_level: int = 1
    capacity_buffer: float = 0.9
    capacity_scaling: float = 1.0
    softening: float = 10.0
    weight_softening: float = 0.0
    distance_power: float = 1.0
    weight_power: float = 1.0
    avoid_short_stints: bool = False
    start_on_foot: bool = False


@dataclass(frozen=True, slots=True)
class SpawnRules:
    """`spawn_rules` of simsetting.yml, with FLEE's defaults.

    Attributes:
        insert_day0: place each camp's day-0 observed count directly in the camp.
        sum_from_camps: daily new agents follow the sum of camp series (not the total row).
        conflict_spawn_decay: multipliers per interval since conflict onset, or None.
        conflict_spawn_decay_interval: days per decay step.
        take_from_population: spawned agents are removed from the origin's population.
        conflict_driven_spawning: FLEE's non-data-driven spawning options, or None (off).
    """

    insert_day0: bool = True
    sum_from_camps: bool = True
    conflict_spawn_decay: tuple[float, ...] | None = None
    conflict_spawn_decay_interval: int = 30
    take_from_population: bool = False
    conflict_driven_spawning: Mapping[str, object] | None = None


@dataclass(frozen=True, slots=True)
class SimSettings:
    """A whole simsetting.yml.

    Attributes:
        move: movement rules.
        spawn: spawning rules.
        hasten: divide populations, capacities and observed counts by this (>= 1).
        extra: every other key as read, by section ("log_levels", "optimisations", ...),
            kept for round trips and for rules yalu does not implement.
    """

    move: MoveRules = field(default_factory=MoveRules)
    spawn: SpawnRules = field(default_factory=SpawnRules)
    hasten: int = 1
    extra: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Case:
    """A complete FLEE case: network, conflicts, observations and settings.

    Attributes:
        name: case name (the folder name).
        path: the case folder.
        start_date: day 0.
        length_days: number of simulated days.
        locations: in locations.csv order.
        routes: in routes.csv order.
        closures: in closures.csv order.
        conflicts: conflicts.csv, or None if the case has none.
        corrections: registration corrections (already applied to `observed`).
        observed: UNHCR data, or None for a case without source_data/.
        settings: simulation settings.
    """

    name: str
    path: Path
    start_date: date
    length_days: int
    locations: tuple[Location, ...]
    routes: tuple[Route, ...]
    closures: tuple[Closure, ...] = ()
    conflicts: ConflictTable | None = None
    corrections: tuple[RegistrationCorrection, ...] = ()
    observed: ObservedData | None = None
    settings: SimSettings = field(default_factory=SimSettings)

    @property
    def location_index(self) -> Mapping[str, int]:
        """Return location name -> index in `locations`."""
        return {location.name: i for i, location in enumerate(self.locations)}

    @property
    def camp_names(self) -> tuple[str, ...]:
        """Return names of camps and IDP camps, in locations.csv order.

        These are the columns FLEE writes to out.csv and validates against (FLEE counts
        every location whose type contains "camp").
        """
        return tuple(loc.name for loc in self.locations if loc.is_camp)

    @property
    def camp_indices(self) -> IntArray:
        """Return indices in `locations` of `camp_names`."""
        return np.array([i for i, loc in enumerate(self.locations) if loc.is_camp], dtype=np.int64)


@dataclass(frozen=True, slots=True)
class DailyPopulations:
    """What one simulation run hands to validation and output writers.

    Row d of every array is the state at the end of simulated day d (d = 0..days-1); FLEE's
    out.csv labels that row with the date start_date + d + 1 day.

    Attributes:
        population: shape (days, locations), agents (displaced people) in each location at
            the end of the day, not on links; the static populations of locations.csv are
            not included.
        in_transit: shape (days,), agents on links at the end of the day.
        spawned: shape (days,), agents created that day (day 0: those inserted in camps).
        debt: shape (days,), refugee debt carried after that day (>= 0).
        seed: the seed the run's Generator was built from (None if not seeded).
        settings: the settings the run used.
    """

    population: Counts
    in_transit: Counts
    spawned: Counts
    debt: Counts
    seed: int | None = None
    settings: SimSettings = field(default_factory=SimSettings)

    @property
    def days(self) -> int:
        """Return the number of simulated days."""
        return int(self.population.shape[0])

    @property
    def total_agents(self) -> Counts:
        """Return agents alive per day: residents plus those on links."""
        return np.asarray(self.population.sum(axis=1) + self.in_transit, dtype=np.int64)


RunOutput = DailyPopulations
"""Alias: the engine's result as seen by output writers."""
