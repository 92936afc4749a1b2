"""Where new displaced people appear: data-driven (FLEE's default) or conflict-driven.

* Data-driven: the number of new agents per day comes from the observed camp totals
  (`yalu.displacement.observed.spawn_schedule`); they start at conflict zones drawn with
  probability proportional to population x intensity x decay, one multinomial draw per day.
* Conflict-driven (`spawn_rules.conflict_driven_spawning`): each conflict zone produces
  `displaced_per_conflict_day` x intensity agents a day ("constant"), a Poisson draw with that
  mean ("poisson"), or that fraction of its population ("pop_ratio").
* `insert_day0`: on day 0 each camp receives its observed count directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import numpy as np

from yalu.core.errors import ConfigError
from yalu.displacement.network import Network
from yalu.displacement.rules import Rules, conflict_decay
from yalu.displacement.state import State
from yalu.models.displacement import Counts, FloatArray, IntArray

SPAWN_MODES = ("constant", "poisson", "pop_ratio")


def spawn_weights(network: Network, state: State, rules: Rules, day: int) -> FloatArray:
    """Return each location's spawn weight: population x intensity x decay in conflicts."""
    decay = conflict_decay(rules, day, state.onset)
    population = network.population.astype(np.float64)
    return np.where(state.intensity > 0.0, population * state.intensity * decay, 0.0)


def place_new_agents(
    state: State, network: Network, rules: Rules, count: int, day: int, rng: np.random.Generator
) -> tuple[State, int]:
    """Add `count` agents at conflict zones by spawn weight; return the state and how many.

    With no conflict zone carrying weight nobody can be placed and 0 is returned (FLEE stops
    with an assertion there).
    """
    weights = spawn_weights(network, state, rules, day)
    total = float(weights.sum())
    if count <= 0 or total <= 0.0:
        return state, 0
    placed = rng.multinomial(count, weights / total)
    return replace(state, resident=state.resident + placed), int(count)


def conflict_driven_counts(
    network: Network, state: State, spec: Mapping[str, object], rng: np.random.Generator
) -> Counts:
    """Return new agents per location under conflict-driven spawning.

    Args:
        network: the case network (populations already divided by hasten).
        state: current state (conflict intensities).
        spec: FLEE's `conflict_driven_spawning` section: `spawn_mode` and
            `displaced_per_conflict_day`.
        rng: random source (Poisson mode only).

    Raises:
        ConfigError: an unknown spawn mode or a non-numeric rate.
    """
    mode = str(spec.get("spawn_mode", "constant")).lower()
    default_rate = 0.01 if mode == "pop_ratio" else 500
    try:
        rate = float(spec.get("displaced_per_conflict_day", default_rate))  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            "spawn_rules.conflict_driven_spawning.displaced_per_conflict_day is not a number",
            hint="Use a number such as 500 (or 0.01 with spawn_mode pop_ratio)",
        ) from exc
    intensity = np.where(state.intensity > 0.0, state.intensity, 0.0)
    if mode == "constant":
        return np.asarray(np.trunc(rate * intensity), dtype=np.int64)
    if mode == "pop_ratio":
        return np.asarray(np.trunc(rate * network.population * intensity), dtype=np.int64)
    if mode == "poisson":
        drawn: Counts = rng.poisson(rate * intensity).astype(np.int64)
        return drawn
    raise ConfigError(
        f"unknown conflict spawn_mode '{mode}'", hint=f"Use one of: {', '.join(SPAWN_MODES)}"
    )


def insert_day0(
    state: State, camps: IntArray, counts: Counts, *, reduce_capacity: bool = True
) -> State:
    """Place each camp's day-0 observed count in it, lowering its capacity by as much (FLEE).

    Args:
        state: the empty initial state.
        camps: location indices of the camps, shape (C,).
        counts: people per camp, shape (C,).
        reduce_capacity: subtract `counts` from the camps' capacities, as FLEE does.
    """
    resident = state.resident.copy()
    np.add.at(resident, camps, counts)
    capacity = state.capacity.copy()
    if reduce_capacity:
        limited = capacity[camps] >= 0
        capacity[camps[limited]] -= counts[limited]
    day0 = np.zeros_like(resident)
    np.add.at(day0, camps, counts)
    return replace(state, resident=resident, capacity=capacity, day0=day0)
