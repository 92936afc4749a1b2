"""Plain typed data for DPRK displacement scenarios: crossings, outflows, levers, benchmarks.

A scenario file (YAML) is parsed into a `ScenarioSpec`; the scenario runner in
`yalu.displacement.scenarios` turns it into day-by-day arrays. Day ranges are inclusive day
offsets from the scenario's start date (day 0 is the start date).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, get_args

CrossingKind = Literal["china", "russia", "dmz", "sea"]
CROSSING_KINDS: tuple[str, ...] = get_args(CrossingKind)
"""Crossing groups a lever can name instead of one crossing (plus "all")."""

OutflowKind = Literal["collapse", "expulsion", "famine"]
OUTFLOW_KINDS: tuple[str, ...] = get_args(OutflowKind)

InputName = Literal[
    "outflow.total",
    "outflow.start_day",
    "outflow.duration_days",
    "outflow.ramp_days",
    "outflow.half_life_days",
    "crossing_capacity",
    "behaviour.cross_chance",
    "behaviour.border_movechance",
    "behaviour.interior_intensity",
    "move.max_move_speed",
    "move.default_movechance",
]
INPUT_NAMES: tuple[str, ...] = get_args(InputName)
"""Inputs a scenario may declare uncertain (see `UncertainInput`)."""

Distribution = Literal["uniform", "log-uniform"]
DISTRIBUTIONS: tuple[str, ...] = get_args(Distribution)

BenchmarkRole = Literal["validation", "input"]
BENCHMARK_ROLES: tuple[str, ...] = get_args(BenchmarkRole)


@dataclass(frozen=True, slots=True)
class Crossing:
    """A border or sea crossing: a route of the case with a daily capacity.

    Attributes:
        name: e.g. "Sinuiju-Dandong".
        origin: the DPRK location people cross from.
        destination: the foreign location they arrive at.
        kind: china, russia, dmz or sea.
        capacity_per_day: people per day the crossing passes when open (>= 0).
        is_open: open at day 0 unless a lever changes it.
        mode: road, rail, river or sea (free text, for reports).
    """

    name: str
    origin: str
    destination: str
    kind: CrossingKind
    capacity_per_day: int
    is_open: bool = True
    mode: str = ""


@dataclass(frozen=True, slots=True)
class DayRange:
    """Inclusive range of day offsets; `end` None means to the end of the run."""

    start: int = 0
    end: int | None = None

    def last(self, days: int) -> int:
        """Return the last day covered in a run of `days` days."""
        return days - 1 if self.end is None else min(self.end, days - 1)


@dataclass(frozen=True, slots=True)
class CrossingLimit:
    """Closure or fencing: multiply the capacity of crossings by `capacity_factor`.

    Attributes:
        target: a crossing name, a crossing kind ("china" = the whole Chinese border) or "all".
        capacity_factor: 0 closes, 1 leaves the capacity unchanged (0..1).
        days: when the limit holds.
    """

    target: str
    capacity_factor: float
    days: DayRange = DayRange()


@dataclass(frozen=True, slots=True)
class RouteOpening:
    """Open crossings that are closed by default (Russian border, sea routes, the DMZ).

    Attributes:
        target: a crossing name or kind.
        capacity_per_day: replaces the case's capacity when given (>= 0).
        days: when the crossings are open.
    """

    target: str
    capacity_per_day: int | None = None
    days: DayRange = DayRange()


@dataclass(frozen=True, slots=True)
class Repatriation:
    """Chinese forced repatriation: a daily share of North Koreans in China sent back.

    Attributes:
        rate_per_day: share of those in China repatriated each day (0..1).
        days: when it happens.
    """

    rate_per_day: float
    days: DayRange = DayRange()


@dataclass(frozen=True, slots=True)
class ReliefCamp:
    """A relief camp inside the DPRK next to a border town (China's preferred option).

    Attributes:
        at: the DPRK location the camp stands beside.
        capacity: people it holds (>= 0).
        days: when it is open.
    """

    at: str
    capacity: int
    days: DayRange = DayRange()


@dataclass(frozen=True, slots=True)
class RefugeeStatus:
    """A refugee-status policy: multiply the daily chance of crossing into China.

    Attributes:
        attractiveness: 1 = crossers treated as illegal economic migrants (the baseline);
            above 1 = refugee status makes China more attractive; below 1 = less (>= 0).
        days: when the policy holds.
    """

    attractiveness: float
    days: DayRange = DayRange()


@dataclass(frozen=True, slots=True)
class Resettlement:
    """Onward movement to third countries: a daily share of North Koreans in China leaves.

    South Korea's route for North Koreans in China runs through third countries; a
    resettlement programme (or a tolerated onward route) takes people out of China.

    Attributes:
        rate_per_day: share of those in China who move on each day (0..1).
        days: when it happens.
    """

    rate_per_day: float
    days: DayRange = DayRange()


@dataclass(frozen=True, slots=True)
class Levers:
    """Every policy lever of a scenario (each a list, applied in order)."""

    limits: tuple[CrossingLimit, ...] = ()
    openings: tuple[RouteOpening, ...] = ()
    repatriation: tuple[Repatriation, ...] = ()
    camps: tuple[ReliefCamp, ...] = ()
    refugee_status: tuple[RefugeeStatus, ...] = ()
    resettlement: tuple[Resettlement, ...] = ()


@dataclass(frozen=True, slots=True)
class Outflow:
    """Who leaves home, from where and when.

    Attributes:
        kind: collapse (everywhere, front-loaded), expulsion (state-organised release at the
            border at a steady rate) or famine (slow outflow from chosen provinces).
        total: people leaving home over the run (>= 0); the run's outflow equals it exactly.
        origins: locations people leave (empty = every DPRK location with people).
        start_day: first day of the outflow.
        duration_days: days over which it spreads (>= 1).
        ramp_days: days of linear rise before the decline (collapse and famine).
        half_life_days: half-life of the decline after the ramp (None = flat).
        release_at: expulsion only: border locations where the state releases people.
        groups: expulsion only: who is released (labels for the report).
    """

    kind: OutflowKind
    total: int
    origins: tuple[str, ...] = ()
    start_day: int = 0
    duration_days: int = 180
    ramp_days: int = 0
    half_life_days: float | None = None
    release_at: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Behaviour:
    """How displaced people act at and away from the border.

    Attributes:
        cross_chance: daily chance that someone waiting at an open crossing crosses (0..1).
        border_movechance: daily chance to leave a border town with an open crossing (0..1).
        interior_intensity: conflict intensity given to DPRK locations without an open
            crossing; it lowers their attraction (FLEE's conflict_weight ** intensity).
    """

    cross_chance: float = 0.5
    border_movechance: float = 0.05
    interior_intensity: float = 1.0


@dataclass(frozen=True, slots=True)
class Benchmark:
    """A published range a result is compared with.

    Attributes:
        metric: "in_china_final", "crossed_china", "crossed_all" or "outflow".
        low: lower end (people).
        high: upper end (people).
        source: citation.
        role: "validation" when the figure is independent of every input; "input" when it
            was used to set an input, so that agreeing with it is true by construction and
            proves nothing (the report says so).
    """

    metric: str
    low: float
    high: float
    source: str
    role: BenchmarkRole = "validation"


@dataclass(frozen=True, slots=True)
class UncertainInput:
    """An input known only within a range: every run of an ensemble draws its own value.

    Attributes:
        name: what is drawn (one of `INPUT_NAMES`). `crossing_capacity` is a factor on
            each crossing's capacity, drawn independently for every crossing; the others
            replace the scenario's value of the same name (`move.*` are FLEE move rules).
        low: lower end of the range, in the input's unit.
        high: upper end (>= low).
        distribution: "uniform", or "log-uniform" (uniform in the logarithm, for ranges
            spanning a factor of several; needs low > 0).
        source: where the range comes from, or why it is an assumption.
    """

    name: InputName
    low: float
    high: float
    distribution: Distribution = "uniform"
    source: str = ""


@dataclass(frozen=True, slots=True)
class Assumption:
    """One row of the report's assumptions table."""

    name: str
    value: str
    source: str


@dataclass(frozen=True, slots=True)
class ScenarioSpec:
    """A whole scenario file.

    Attributes:
        name: e.g. "dprk-collapse".
        title: one line for reports.
        description: a paragraph.
        start_date: day 0.
        days: run length (>= 1).
        outflow: who leaves home.
        behaviour: movement near the border.
        levers: policy levers.
        runs: default ensemble size (>= 1).
        seed: default seed.
        benchmarks: published ranges to check.
        assumptions: rows of the assumptions table (with sources).
        uncertainty: inputs each run draws from a range (empty: every input fixed).
    """

    name: str
    title: str
    start_date: date
    days: int
    outflow: Outflow
    description: str = ""
    behaviour: Behaviour = Behaviour()
    levers: Levers = Levers()
    runs: int = 1
    seed: int = 1
    benchmarks: tuple[Benchmark, ...] = ()
    assumptions: tuple[Assumption, ...] = field(default_factory=tuple)
    uncertainty: tuple[UncertainInput, ...] = ()
