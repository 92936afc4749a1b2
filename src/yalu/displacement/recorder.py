"""What a run keeps of each day: one recorder for every loop that steps the engine.

`run_case` (FLEE cases) and `run_scenario` (DPRK scenarios) both step a `State` day by day;
each calls `DailyRecorder.record` once a day and `DailyRecorder.output` at the end, so a
run's output has the same shape and meaning whichever loop produced it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from yalu.displacement.network import Network
from yalu.displacement.state import State
from yalu.models.displacement import Counts, RunOutput, SimSettings


@dataclass(slots=True)
class DailyRecorder:
    """Per-day arrays of one run, filled in place.

    Attributes:
        population: agents at each location at the end of each day, shape (days, L).
        in_transit: agents on links at the end of each day, shape (days,).
        spawned: agents created each day, shape (days,).
        debt: refugee debt carried after each day, shape (days,).
    """

    population: Counts
    in_transit: Counts
    spawned: Counts
    debt: Counts

    @classmethod
    def for_run(cls, days: int, locations: int) -> DailyRecorder:
        """Return an empty recorder for `days` days of `locations` locations."""
        return cls(
            population=np.zeros((days, locations), dtype=np.int64),
            in_transit=np.zeros(days, dtype=np.int64),
            spawned=np.zeros(days, dtype=np.int64),
            debt=np.zeros(days, dtype=np.int64),
        )

    def record(
        self, day: int, state: State, network: Network, *, spawned: int = 0, debt: int = 0
    ) -> None:
        """Keep the end of `day`: who is where, who is travelling, spawned and debt."""
        self.population[day] = state.population(network)
        self.in_transit[day] = state.in_transit
        self.spawned[day] = spawned
        self.debt[day] = debt

    def output(self, *, seed: int | None, settings: SimSettings) -> RunOutput:
        """Return the run's output (the recorder's arrays, not copies)."""
        return RunOutput(
            self.population, self.in_transit, self.spawned, self.debt, seed=seed, settings=settings
        )
