"""Uncertain inputs: every run of an ensemble draws its own values from the scenario's ranges.

A scenario's `uncertainty:` section lists the inputs nobody knows to better than a range
(the outflow's size and timing, crossing capacities, the movement rules' parameters), each
with a range, a distribution and a source. `run_scenario` draws them from the run's own
seed before it starts, so a run is reproduced alone from its seed, and an ensemble gives
the same result whichever mapper runs it (in sequence, in processes or on Dask). Bands
over the ensemble then reflect both what is unknown and the model's own chance.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from yalu.models.displacement import Case, FloatArray
from yalu.models.scenarios import Crossing, ScenarioSpec, UncertainInput

INPUT_BOUNDS: dict[str, tuple[float, float | None]] = {
    "outflow.total": (0.0, None),
    "outflow.start_day": (0.0, None),
    "outflow.duration_days": (1.0, None),
    "outflow.ramp_days": (0.0, None),
    "outflow.half_life_days": (1e-9, None),
    "crossing_capacity": (0.0, None),
    "behaviour.cross_chance": (0.0, 1.0),
    "behaviour.border_movechance": (0.0, 1.0),
    "behaviour.interior_intensity": (0.0, 10.0),
    "move.max_move_speed": (1e-9, None),
    "move.default_movechance": (0.0, 1.0),
}
"""The values each input may take (None: no upper bound)."""
WHOLE_INPUTS = frozenset(
    ("outflow.total", "outflow.start_day", "outflow.duration_days", "outflow.ramp_days")
)
"""Inputs drawn as whole numbers (people, days)."""
INPUT_LABELS = {
    "outflow.total": ("people leaving home", "people"),
    "outflow.start_day": ("first day of the outflow", "day"),
    "outflow.duration_days": ("length of the outflow", "days"),
    "outflow.ramp_days": ("rise of the outflow", "days"),
    "outflow.half_life_days": ("half-life of the outflow's decline", "days"),
    "crossing_capacity": ("crossing capacity, factor on each crossing", "x"),
    "behaviour.cross_chance": ("daily chance to cross when waiting at a crossing", "/day"),
    "behaviour.border_movechance": ("daily chance to leave a border town", "/day"),
    "behaviour.interior_intensity": ("conflict intensity of the interior", ""),
    "move.max_move_speed": ("FLEE: longest distance travelled in a day", "km/day"),
    "move.default_movechance": ("FLEE: daily chance to leave an ordinary town", "/day"),
}
"""What each input means and its unit, for reports."""


@dataclass(frozen=True, slots=True)
class DrawnInputs:
    """The values one run drew.

    Attributes:
        values: input name -> value, for every uncertain input but `crossing_capacity`.
        capacity_factor: factor on each crossing's capacity, in case order (1 when fixed).
    """

    values: dict[str, float] = field(default_factory=dict)
    capacity_factor: FloatArray = field(default_factory=lambda: np.ones(0))

    def as_rows(self, crossings: Sequence[Crossing]) -> list[tuple[str, float]]:
        """Return (input, value) pairs; capacity factors as `crossing_capacity:NAME`."""
        rows = list(self.values.items())
        if self.capacity_factor.size and not np.all(self.capacity_factor == 1.0):
            rows += [
                (f"crossing_capacity:{c.name}", float(f))
                for c, f in zip(crossings, self.capacity_factor, strict=True)
            ]
        return rows


def _draw(item: UncertainInput, rng: np.random.Generator, size: int) -> FloatArray:
    """Return `size` values of `item` (uniform or log-uniform between low and high)."""
    share = rng.random(size)
    if item.distribution == "log-uniform" and item.high > item.low:
        low, high = math.log(item.low), math.log(item.high)
        values: FloatArray = np.exp(low + share * (high - low))
    else:
        values = item.low + share * (item.high - item.low)
    return values


def draw_inputs(
    uncertainty: Sequence[UncertainInput], crossings: int, rng: np.random.Generator
) -> DrawnInputs:
    """Draw every uncertain input once, in the order the scenario lists them.

    Args:
        uncertainty: the scenario's uncertain inputs.
        crossings: how many crossings the case has (one capacity factor each).
        rng: the run's own generator for inputs.
    """
    values: dict[str, float] = {}
    factor = np.ones(crossings)
    for item in uncertainty:
        if item.name == "crossing_capacity":
            factor = _draw(item, rng, crossings)
            continue
        value = float(_draw(item, rng, 1)[0])
        values[item.name] = float(round(value)) if item.name in WHOLE_INPUTS else value
    return DrawnInputs(values, factor)


def apply_inputs(
    spec: ScenarioSpec, case: Case, crossings: tuple[Crossing, ...], drawn: DrawnInputs
) -> tuple[ScenarioSpec, Case, tuple[Crossing, ...]]:
    """Return the scenario, case and crossings with the drawn values in place."""
    outflow = {k.split(".", 1)[1]: v for k, v in drawn.values.items() if k.startswith("outflow.")}
    for name in WHOLE_INPUTS & {f"outflow.{k}" for k in outflow}:
        key = name.split(".", 1)[1]
        outflow[key] = int(outflow[key])
    behaviour = {
        k.split(".", 1)[1]: v for k, v in drawn.values.items() if k.startswith("behaviour.")
    }
    move: dict[str, Any] = {
        k.split(".", 1)[1]: v for k, v in drawn.values.items() if k.startswith("move.")
    }
    spec = replace(
        spec,
        outflow=replace(spec.outflow, **outflow),  # type: ignore[arg-type]
        behaviour=replace(spec.behaviour, **behaviour),
    )
    if move:
        settings = case.settings
        case = replace(case, settings=replace(settings, move=replace(settings.move, **move)))
    if drawn.capacity_factor.size == len(crossings):
        crossings = tuple(
            replace(c, capacity_per_day=round(c.capacity_per_day * float(f)))
            for c, f in zip(crossings, drawn.capacity_factor, strict=True)
        )
    return spec, case, crossings


def without_input(spec: ScenarioSpec, name: str) -> ScenarioSpec:
    """Return `spec` with input `name` fixed at the scenario's own value."""
    return replace(spec, uncertainty=tuple(u for u in spec.uncertainty if u.name != name))
