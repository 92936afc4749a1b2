"""Day-by-day changes from the case files: conflicts starting and ending, closures.

Both are precomputed from the case once (`ConflictSchedule`, `ClosureSchedule`) and applied
at the start of each day with a pure function that returns a new `State`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from yalu.core.errors import CaseFormatError
from yalu.displacement.network import CAMP, CONFLICT, IDPCAMP, BoolArray, Network, links_between
from yalu.displacement.rules import Rules, camp_movechance
from yalu.displacement.state import State
from yalu.models.displacement import Case, FloatArray, IntArray

CONFLICT_THRESHOLD = 1e-6
"""Intensities at or below this count as no conflict, as in FLEE."""


@dataclass(frozen=True, slots=True)
class ConflictSchedule:
    """conflicts.csv as per-day starts and ends.

    Attributes:
        columns: location index of each conflicts.csv column, shape (K,).
        intensity: intensity by day and column, shape (T, K).
        starts: True where a column's conflict starts that day, shape (T, K).
        ends: True where it ends that day, shape (T, K).
    """

    columns: IntArray
    intensity: FloatArray
    starts: BoolArray
    ends: BoolArray


def build_conflict_schedule(case: Case, network: Network) -> ConflictSchedule:
    """Return the conflict starts and ends of `case` (none without conflicts.csv)."""
    table = case.conflicts
    index = {name: i for i, name in enumerate(network.names)}
    if table is None:
        empty = np.zeros((0, 0))
        return ConflictSchedule(np.zeros(0, np.int64), empty, empty > 0, empty > 0)
    keep = [k for k, name in enumerate(table.location_names) if name in index]
    columns = np.array([index[table.location_names[k]] for k in keep], dtype=np.int64)
    values = np.asarray(table.intensity, dtype=np.float64)[:, keep]
    active = values > CONFLICT_THRESHOLD
    before = np.vstack((np.zeros((1, active.shape[1]), bool), active[:-1]))
    starts = active & ~before
    ends = ~active & before
    return ConflictSchedule(columns, values, starts, ends)


def initial_conflicts(case: Case, network: Network) -> FloatArray:
    """Return day-0 intensities before conflicts.csv: conflict zones dated <= 0 get 1.0.

    A location's `conflict_intensity` column, when present, replaces the 1.0.
    """
    intensity = np.zeros(network.size)
    for i, location in enumerate(case.locations):
        if network.kind[i] == CONFLICT and location.conflict_date <= 0:
            raw = location.attributes.get("conflict_intensity", "") or "1.0"
            try:
                intensity[i] = float(raw)
            except ValueError as exc:
                raise CaseFormatError(
                    f"conflict_intensity {raw!r} of {location.name} is not a number",
                    path=case.path / "input_csv" / "locations.csv",
                    hint="Use a number such as 1.0",
                ) from exc
    return intensity


def apply_conflicts(state: State, schedule: ConflictSchedule, rules: Rules, day: int) -> State:
    """Start and end the conflicts of `day`; starting sets the conflict move chance."""
    if day >= schedule.intensity.shape[0]:
        return state
    starting = schedule.columns[schedule.starts[day]]
    ending = schedule.columns[schedule.ends[day]]
    if starting.size == 0 and ending.size == 0:
        return state
    intensity, onset, chance = state.intensity.copy(), state.onset.copy(), state.movechance.copy()
    intensity[starting] = schedule.intensity[day, schedule.starts[day]]
    onset[starting] = day
    chance[starting] = rules.conflict_movechance
    intensity[ending] = 0.0
    chance[ending] = rules.default_movechance
    return replace(state, intensity=intensity, onset=onset, movechance=chance)


@dataclass(frozen=True, slots=True)
class ClosureEvent:
    """One change on one day: links to close/open, or a camp to close/reopen."""

    day: int
    links: BoolArray
    camp: int
    is_idp: bool
    closes: bool


def build_closure_schedule(case: Case, network: Network) -> tuple[ClosureEvent, ...]:
    """Return closure events sorted by day (closing and reopening are separate events).

    Link closures close both directions. `remove_forced_redirection` has no event: FLEE's
    movement rules never read the redirection flag.
    """
    names = {name: i for i, name in enumerate(network.names)}
    events: list[ClosureEvent] = []
    no_links = np.zeros(network.link_start.size, dtype=bool)
    for closure in case.closures:
        links, camp = no_links, -1
        if closure.kind == "country":
            country = np.array(network.countries)[network.country]
            links = links_between(network, country == closure.name1, country == closure.name2)
        elif closure.kind == "location" and closure.name1 in names:
            here = np.arange(network.size) == names[closure.name1]
            links = links_between(network, here, np.ones(network.size, bool))
        elif closure.kind == "link" and {closure.name1, closure.name2} <= names.keys():
            a = np.arange(network.size) == names[closure.name1]
            b = np.arange(network.size) == names[closure.name2]
            links = links_between(network, a, b)
        elif closure.kind in ("camp", "idpcamp") and closure.name1 in names:
            camp = names[closure.name1]
        else:
            continue
        idp = closure.kind == "idpcamp"
        events.append(ClosureEvent(closure.start_day, links, camp, idp, closes=True))
        if closure.end_day >= 0:
            events.append(ClosureEvent(closure.end_day, links, camp, idp, closes=False))
    return tuple(sorted(events, key=lambda event: event.day))


def apply_closures(state: State, events: tuple[ClosureEvent, ...], rules: Rules, day: int) -> State:
    """Apply the closure events of `day`, in file order."""
    todays = [event for event in events if event.day == day]
    if not todays:
        return state
    link_open, is_camp = state.link_open.copy(), state.is_camp.copy()
    chance = state.movechance.copy()
    for event in todays:
        link_open[event.links] = not event.closes
        if event.camp >= 0:
            is_camp[event.camp] = not event.closes
            reopened = rules.idpcamp_movechance if event.is_idp else camp_movechance(rules)
            chance[event.camp] = rules.default_movechance if event.closes else reopened
    return replace(state, link_open=link_open, is_camp=is_camp, movechance=chance)


def initial_camps(network: Network) -> BoolArray:
    """Return the day-0 camp flags (camps and IDP camps)."""
    camps: BoolArray = (network.kind == CAMP) | (network.kind == IDPCAMP)
    return camps
