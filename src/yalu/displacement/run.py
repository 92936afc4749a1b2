"""Run one case from day 0 to its last day: `run_case(case, seed) -> RunOutput`.

Each day follows FLEE's `run.py`: conflicts of the day start or end, new agents spawn,
closures apply, then everybody moves (`step`). The output records, for every day, who is in
each location and on links, how many were spawned and the refugee debt.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np

from yalu.core.progress import ProgressCallback
from yalu.displacement.events import (
    apply_closures,
    apply_conflicts,
    build_closure_schedule,
    build_conflict_schedule,
    initial_camps,
    initial_conflicts,
)
from yalu.displacement.kernel import Kernel
from yalu.displacement.network import Network, build_network
from yalu.displacement.observed import initial_camp_populations, spawn_schedule
from yalu.displacement.options import EngineOptions, parse_options
from yalu.displacement.recorder import DailyRecorder
from yalu.displacement.rules import Rules, base_movechances
from yalu.displacement.spawn import conflict_driven_counts, insert_day0, place_new_agents
from yalu.displacement.state import State, travel_updates
from yalu.displacement.step import step
from yalu.displacement.uncertainty import UncertainRule, rule_stream, sample_rules
from yalu.models.displacement import Case, Counts, RunOutput, SimSettings

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Scenario:
    """A case with the settings and options to run it with (picklable, for ensembles).

    Attributes:
        case: the case.
        settings: replaces `case.settings` when given.
        options: engine options; None reads the `yalu:` section of the settings.
        uncertain_rules: rule parameters each run draws from its range, from a stream of
            its seed (`yalu.displacement.uncertainty`); empty: every run uses the same.
    """

    case: Case
    settings: SimSettings | None = None
    options: EngineOptions | None = None
    uncertain_rules: tuple[UncertainRule, ...] = ()

    @property
    def effective_settings(self) -> SimSettings:
        """Return the settings the run uses."""
        return self.settings or self.case.settings

    @property
    def effective_options(self) -> EngineOptions:
        """Return the engine options the run uses (given, or the settings' `yalu:` section)."""
        if self.options is not None:
            return self.options
        section = self.effective_settings.extra.get("yalu")
        return parse_options(section if isinstance(section, Mapping) else {})

    def for_run(self, seed: int) -> tuple[SimSettings, EngineOptions, dict[str, float]]:
        """Return the settings and options of run `seed`, with its drawn rule parameters.

        Without `uncertain_rules` these are the scenario's own and nothing is drawn.
        """
        if not self.uncertain_rules:
            return self.effective_settings, self.effective_options, {}
        return sample_rules(
            self.effective_settings, self.effective_options, rule_stream(seed), self.uncertain_rules
        )


def initial_state(network: Network, rules: Rules, case: Case) -> State:
    """Return the empty day-0 state: nobody anywhere, conflicts dated <= 0 active."""
    updates, _ = travel_updates(network, rules)
    width = int(updates.max(initial=1)) + 1
    hops = network.hop_link.size
    return State(
        resident=np.zeros(network.size, dtype=np.int64),
        pending=np.zeros(hops, dtype=np.int64),
        on_link=np.zeros((hops, width), dtype=np.int64),
        movechance=base_movechances(network, rules),
        intensity=initial_conflicts(case, network),
        onset=np.full(network.size, -1, dtype=np.int64),
        is_camp=initial_camps(network),
        capacity=network.capacity.copy(),
        link_open=np.ones(network.link_start.size, dtype=bool),
    )


def run_case(
    case: Case,
    seed: int | None = None,
    on_progress: ProgressCallback | None = None,
    *,
    settings: SimSettings | None = None,
    options: EngineOptions | None = None,
    kernel: Kernel = "auto",
) -> RunOutput:
    """Simulate `case` day by day and return the daily populations.

    Args:
        case: the case to run.
        seed: seed of the run's `numpy.random.Generator` (None: fresh entropy).
        on_progress: called with the number of days done after each day.
        settings: replaces `case.settings` (e.g. another hasten).
        options: engine options (None: the `yalu:` section of the settings, or defaults).
        kernel: implementation of the daily rounds (`yalu.displacement.kernel`); every
            kernel gives the same output for the same seed.

    Raises:
        ConfigError: the settings switch on a rule yalu does not implement.
    """
    settings = settings or case.settings
    rules = Rules.from_settings(settings, options)
    network = build_network(
        case,
        awareness_level=rules.awareness_level,
        hasten=rules.hasten,
        duplicate_redirected=rules.options.duplicate_redirected_routes,
    )
    rng = np.random.default_rng(seed)
    conflicts = build_conflict_schedule(case, network)
    closures = build_closure_schedule(case, network)
    days = case.length_days
    targets = _spawn_targets(case, settings, rules)
    state = initial_state(network, rules, case)
    recorder = DailyRecorder.for_run(days, network.size)
    for day in range(days):
        state = apply_conflicts(state, conflicts, rules, day)
        filled = 0
        if day == 0:
            state, filled = _fill_camps(state, case, settings, rules)
        state, placed = _spawn(state, network, rules, settings, targets, day, rng)
        state = apply_closures(state, closures, rules, day)
        state = step(state, network, rules, day, rng, kernel=kernel)
        debt = 0 if targets is None else int(targets[1][day])
        recorder.record(day, state, network, spawned=filled + placed, debt=debt)
        if on_progress is not None:
            on_progress(day + 1)
    return recorder.output(seed=seed, settings=settings)


def _spawn_targets(case: Case, settings: SimSettings, rules: Rules) -> tuple[Counts, Counts] | None:
    """Return (new agents, debt) per day for data-driven spawning, None otherwise."""
    if settings.spawn.conflict_driven_spawning is not None or case.observed is None:
        return None
    schedule = spawn_schedule(
        case.observed, case.length_days, hasten=rules.hasten, rules=settings.spawn
    )
    return schedule.new_agents, schedule.debt


def _fill_camps(state: State, case: Case, settings: SimSettings, rules: Rules) -> tuple[State, int]:
    """Insert day-0 camp populations when `insert_day0` is on and data exist."""
    if not settings.spawn.insert_day0 or case.observed is None:
        return state, 0
    names = [name for name in case.camp_names if name in case.observed.camps]
    index = case.location_index
    camps = np.array([index[name] for name in names], dtype=np.int64)
    counts = initial_camp_populations(case.observed, names, rules.hasten)
    state = insert_day0(state, camps, counts, reduce_capacity=rules.options.day0_reduces_capacity)
    return state, int(counts.sum())


def _spawn(
    state: State,
    network: Network,
    rules: Rules,
    settings: SimSettings,
    targets: tuple[Counts, Counts] | None,
    day: int,
    rng: np.random.Generator,
) -> tuple[State, int]:
    """Spawn the day's new agents (data-driven or conflict-driven)."""
    spec = settings.spawn.conflict_driven_spawning
    if spec is not None:
        new = conflict_driven_counts(network, state, spec, rng)
        return replace(state, resident=state.resident + new), int(new.sum())
    if targets is None:
        return state, 0
    return place_new_agents(state, network, rules, int(targets[0][day]), day, rng)
