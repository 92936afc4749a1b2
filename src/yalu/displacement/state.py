"""The engine's state: counts of agents by location, plan and link, plus day-varying flags.

`State` is what a run carries from day to day; `Day` is the working set of one day's
decision and hop rounds, shared by the numpy path (`yalu.displacement.step`) and the
compiled kernel (`yalu.displacement.kernel`). See `yalu.displacement.step` for how a day
changes the state.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from yalu.displacement.network import BoolArray, Network
from yalu.displacement.rules import ChoiceTable, Rules
from yalu.models.displacement import Counts, FloatArray, IntArray


@dataclass(frozen=True, slots=True)
class State:
    """Counts of agents plus the day-varying properties of locations and links.

    Attributes:
        resident: agents at each location without a plan, shape (L,).
        pending: agents at a hop's start, planning to take it, shape (J,).
        on_link: agents on each hop by travel updates left (column c >= 1), shape (J, C).
        movechance: daily chance to leave each location, shape (L,).
        intensity: conflict intensity (0 = none), shape (L,).
        onset: day the current conflict started (-1 = before day 0), shape (L,).
        is_camp: camp flag (camp closures turn camps into towns), shape (L,).
        capacity: capacity after hasten and day-0 reduction (-1 = unlimited), shape (L,).
        link_open: False while a closure holds a link, shape (E,).
        debt: FLEE's refugee debt: decreases in observed totals not yet offset.
        day0: people placed in each location on day 0 (camps' observed counts), shape
            (L,); None before they are placed (`full_camp_room` measures room from it).
    """

    resident: Counts
    pending: Counts
    on_link: Counts
    movechance: FloatArray
    intensity: FloatArray
    onset: IntArray
    is_camp: BoolArray
    capacity: IntArray
    link_open: BoolArray
    debt: int = 0
    day0: Counts | None = None

    def population(self, network: Network) -> Counts:
        """Return agents present at each location (resident or pending), shape (L,)."""
        waiting = np.bincount(network.hop_start, weights=self.pending, minlength=network.size)
        return self.resident + waiting.astype(np.int64)

    @property
    def in_transit(self) -> int:
        """Return the number of agents on links."""
        return int(self.on_link.sum())

    @property
    def total(self) -> int:
        """Return every agent in the state."""
        return int(self.resident.sum() + self.pending.sum() + self.on_link.sum())


def travel_updates(network: Network, rules: Rules) -> tuple[IntArray, FloatArray]:
    """Return per link the daily updates needed to arrive and the km covered on the last."""
    speed = rules.max_move_speed
    full_days = np.floor(network.link_km / speed)
    return full_days.astype(np.int64) + 1, network.link_km - full_days * speed


@dataclass(slots=True)
class Day:
    """Everything one day's rounds share; arrays are updated in place."""

    network: Network
    rules: Rules
    rng: np.random.Generator
    resident: Counts
    pending: Counts
    on_link: Counts
    movechance: FloatArray
    scores: FloatArray
    capacity: IntArray
    is_camp: BoolArray
    link_open: BoolArray
    path_open: BoolArray
    updates: IntArray
    last_km: FloatArray
    choices: ChoiceTable
    all_open: bool
    move_chance: FloatArray
    """Daily move chance, 0 where no path leads away."""
    crowded_above: FloatArray
    """Residents above which a location's capacity factor drops below 1."""
    full_above: FloatArray
    """Residents above which a camp turns away movers who chose it (inf: never)."""
    free_probs: FloatArray
    """Path probabilities by origin with every capacity factor at 1, shape (L, D)."""
