"""One simulated day of movement, on counts of exchangeable agents.

Agents that share a location and a plan are interchangeable under FLEE's rules, so the
state holds counts, not agents: `resident` people per location (no plan), `pending` people
waiting at the start of a hop of a planned multi-link path (awareness level >= 2), and
`on_link` people on a hop with `c` more daily travel updates before they arrive. A link of
`km` kilometres needs `floor(km / speed) + 1` updates, because FLEE advances an agent by the
full speed on every update, arrival needs progress strictly beyond the link length, and an
agent that arrives with part of its daily budget left decides again at once.

A day follows FLEE's order: everybody not travelling decides (binomial draws by move
chance, multinomial draws over candidate paths), then everybody travelling is advanced once
and those who arrive with budget left decide and travel again, in rounds, until nobody has
budget left. The work per day depends on the size of the network, not on the number of
agents.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from yalu.displacement.network import BoolArray, Network
from yalu.displacement.rules import (
    ChoiceTable,
    Rules,
    capacity_multipliers,
    choice_probabilities,
    choice_table,
    conflict_decay,
    full_camps,
    location_scores,
    next_hop_weights,
    open_paths,
    path_weights,
    row_probabilities,
)
from yalu.models.displacement import Counts, FloatArray, IntArray

MERGE_ABOVE = 32
"""Merging costs a sort; below this many groups drawing them separately is cheaper."""
MAX_HOP_ROUNDS = 10_000
"""Guard against zero-length link cycles; real networks need a handful of rounds."""


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
class _Day:
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


Groups = tuple[IntArray, FloatArray, Counts]
"""(key, km moved today, count): key is a location for plain agents, a hop otherwise."""


def step(state: State, network: Network, rules: Rules, day: int, rng: np.random.Generator) -> State:
    """Return the state after one day of decisions and travel; agents are conserved."""
    updates, last_km = travel_updates(network, rules)
    decay = conflict_decay(rules, day, state.onset)
    scores = location_scores(rules, network, state.is_camp, state.intensity, decay)
    path_open = open_paths(network, state.link_open)
    candidates = path_open
    if rules.options.next_hop_choice:
        candidates = next_hop_weights(network, np.ones(path_open.size), path_open)[1]
    d = _Day(
        network=network,
        rules=rules,
        rng=rng,
        resident=state.resident.copy(),
        pending=state.pending.copy(),
        on_link=state.on_link.copy(),
        movechance=state.movechance,
        scores=scores,
        capacity=state.capacity,
        is_camp=state.is_camp,
        link_open=state.link_open,
        path_open=path_open,
        updates=updates,
        last_km=last_km,
        choices=choice_table(rules, network, scores, candidates),
        all_open=bool(state.link_open.all()),
    )
    everyone = np.arange(network.size)
    waiting = np.flatnonzero(d.pending)
    movers = _decide(d, _groups(everyone, d.resident), _groups(waiting, d.pending))
    arrivals = _advance_travellers(d)
    more = _enter(d, movers)
    arrivals = _concat(arrivals, more)
    for _ in range(MAX_HOP_ROUNDS):
        if arrivals[0].size == 0:
            break
        plain, planned = _arrive(d, arrivals)
        arrivals = _enter(d, _decide(d, plain, planned))
    return replace(state, resident=d.resident, pending=d.pending, on_link=d.on_link)


def _groups(keys: IntArray, counts: Counts) -> Groups:
    """Return groups for `keys` with today's km moved at 0, skipping empty ones."""
    keep = counts[keys] > 0
    chosen = keys[keep]
    return chosen, np.zeros(chosen.size), counts[chosen].copy()


def _concat(a: Groups, b: Groups) -> Groups:
    """Return the groups of `a` followed by those of `b`."""
    return (
        np.concatenate((a[0], b[0])),
        np.concatenate((a[1], b[1])),
        np.concatenate((a[2], b[2])),
    )


def _merge(groups: Groups) -> Groups:
    """Return `groups` with equal (key, km moved) pairs added together (fewer draws)."""
    keys, moved, counts = groups
    if keys.size < MERGE_ABOVE:
        return groups
    order = np.lexsort((moved, keys))
    keys, moved, counts = keys[order], moved[order], counts[order]
    first = np.ones(keys.size, dtype=bool)
    first[1:] = (keys[1:] != keys[:-1]) | (moved[1:] != moved[:-1])
    starts = np.flatnonzero(first)
    return keys[starts], moved[starts], np.add.reduceat(counts, starts)


def _advance_travellers(d: _Day) -> Groups:
    """Give every agent already on a link its first travel update of the day."""
    arriving = d.on_link[:, 1].copy() if d.on_link.shape[1] > 1 else np.zeros(0, np.int64)
    d.on_link[:, :-1] = d.on_link[:, 1:]
    d.on_link[:, -1] = 0
    d.on_link[:, 0] = 0
    hops = np.flatnonzero(arriving)
    return hops, d.last_km[d.network.hop_link[hops]], arriving[hops]


def _enter(d: _Day, movers: Groups) -> Groups:
    """Put movers on their hop and give them one update; return those who arrive at once."""
    hops, moved, counts = movers
    links = d.network.hop_link[hops]
    left = d.updates[links] - 1
    stays = left > 0
    np.add.at(d.on_link, (hops[stays], left[stays]), counts[stays])
    done = ~stays
    return hops[done], moved[done] + d.last_km[links[done]], counts[done]


def _arrive(d: _Day, arrivals: Groups) -> tuple[Groups, Groups]:
    """Place arrivals; return those with budget left as (plain, planned) groups.

    An agent whose link closed while it travelled goes back to the link's start and stops
    for the day, as in FLEE.
    """
    net = d.network
    hops, moved, counts = arrivals
    links = net.hop_link[hops]
    if not d.all_open:
        closed = ~d.link_open[links]
        np.add.at(d.resident, net.link_start[links[closed]], counts[closed])
        hops, moved, counts, links = hops[~closed], moved[~closed], counts[~closed], links[~closed]
    following = net.hop_next[hops]
    done = following < 0
    ends = net.link_end[links]
    np.add.at(d.resident, ends[done], counts[done])
    np.add.at(d.pending, following[~done], counts[~done])
    budget = moved < d.rules.max_move_speed
    plain = _merge((ends[done & budget], moved[done & budget], counts[done & budget]))
    planned = (following[~done & budget], moved[~done & budget], counts[~done & budget])
    return plain, planned


def _decide(d: _Day, plain: Groups, planned: Groups) -> Groups:
    """Draw who leaves and along which path; return movers as (hop, km moved, count)."""
    net = d.network
    population = d.resident + np.bincount(
        net.hop_start, weights=d.pending, minlength=net.size
    ).astype(np.int64)
    factor = capacity_multipliers(d.rules, population, d.capacity)
    full_camp = full_camps(d.rules, d.is_camp, population, d.capacity)
    first = _choose_paths(d, plain, factor, full_camp)
    if planned[0].size == 0:
        return first
    return _concat(first, _follow_plans(d, planned, full_camp))


def _choose_paths(d: _Day, plain: Groups, factor: FloatArray, full_camp: BoolArray) -> Groups:
    """Draw movers among plain agents and their paths; a full destination camp keeps them."""
    net, rng = d.network, d.rng
    where, moved, counts = plain
    leaving = rng.binomial(counts, d.movechance[where]) * (d.choices.count[where] > 0)
    some = leaving > 0
    where, moved, leaving = where[some], moved[some], leaving[some]
    if where.size == 0:
        return where, moved, leaving
    np.subtract.at(d.resident, where, leaving)
    picks = rng.multinomial(leaving, _probabilities(d, where, factor))
    rows, cols = np.nonzero(picks)
    paths = net.path_table[where[rows], cols]
    chosen = picks[rows, cols]
    blocked = full_camp[net.path_end[paths]]
    np.add.at(d.resident, where[rows[blocked]], chosen[blocked])
    go = ~blocked
    return net.path_first_hop[paths[go]], moved[rows[go]], chosen[go]


def _probabilities(d: _Day, where: IntArray, factor: FloatArray) -> FloatArray:
    """Return path probabilities for agents deciding at `where`, shape (G, D)."""
    if not d.rules.options.next_hop_choice:
        return row_probabilities(d.rules, d.choices, where, factor)
    weights = path_weights(d.rules, d.network, d.scores, factor, d.path_open)
    weights, candidates = next_hop_weights(d.network, weights, d.path_open)
    probs, _ = choice_probabilities(d.network, weights, candidates)
    return probs[where]


def _follow_plans(d: _Day, planned: Groups, full_camp: BoolArray) -> Groups:
    """Move agents with a plan on (FLEE forces the move); drop plans that cannot go on."""
    net = d.network
    hops, moved, counts = planned
    np.subtract.at(d.pending, hops, counts)
    blocked = ~d.link_open[net.hop_link[hops]] | full_camp[net.path_end[net.hop_path[hops]]]
    np.add.at(d.resident, net.hop_start[hops[blocked]], counts[blocked])
    go = ~blocked
    return hops[go], moved[go], counts[go]
