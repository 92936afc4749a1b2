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

from dataclasses import replace

import numpy as np

from yalu.displacement.draws import leave_draws, path_draws
from yalu.displacement.kernel import Kernel, compiled_rounds, run_compiled
from yalu.displacement.network import BoolArray, Network
from yalu.displacement.rules import (
    Rules,
    capacity_multipliers,
    choice_probabilities,
    choice_table,
    conflict_decay,
    crowding_thresholds,
    full_thresholds,
    kin_scores,
    location_scores,
    next_hop_weights,
    open_paths,
    path_weights,
    row_probabilities,
)
from yalu.displacement.state import Day, State, travel_updates
from yalu.models.displacement import Counts, FloatArray, IntArray

__all__ = ["MAX_HOP_ROUNDS", "State", "step", "travel_updates"]

MERGE_ABOVE = 32
"""Merging costs a sort; below this many groups drawing them separately is cheaper."""
MAX_HOP_ROUNDS = 10_000
"""Guard against zero-length link cycles; real networks need a handful of rounds."""


Groups = tuple[IntArray, FloatArray, Counts]
"""(key, km moved today, count): key is a location for plain agents, a hop otherwise."""


def step(
    state: State,
    network: Network,
    rules: Rules,
    day: int,
    rng: np.random.Generator,
    *,
    kernel: Kernel = "auto",
) -> State:
    """Return the state after one day of decisions and travel; agents are conserved.

    `kernel` picks the implementation of the day's rounds (`yalu.displacement.kernel`); all
    give the same output for the same generator state. `next_hop_choice` always uses numpy.
    """
    updates, last_km = travel_updates(network, rules)
    decay = conflict_decay(rules, day, state.onset)
    scores = location_scores(rules, network, state.is_camp, state.intensity, decay)
    scores = kin_scores(rules, scores, state.is_camp, state.population(network))
    path_open = open_paths(network, state.link_open)
    candidates = path_open
    if rules.options.next_hop_choice:
        candidates = next_hop_weights(network, np.ones(path_open.size), path_open)[1]
    choices = choice_table(rules, network, scores, candidates)
    everyone = np.arange(network.size)
    d = Day(
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
        choices=choices,
        all_open=bool(state.link_open.all()),
        move_chance=state.movechance * (choices.count > 0),
        crowded_above=crowding_thresholds(rules, state.capacity),
        full_above=full_thresholds(rules, state.is_camp, state.capacity, state.day0),
        free_probs=row_probabilities(rules, choices, everyone, np.ones(network.size)),
    )
    compiled = None if rules.options.next_hop_choice else compiled_rounds(kernel)
    if compiled is not None:
        run_compiled(compiled, d, merge_above=MERGE_ABOVE, max_rounds=MAX_HOP_ROUNDS)
        return replace(state, resident=d.resident, pending=d.pending, on_link=d.on_link)
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


def _advance_travellers(d: Day) -> Groups:
    """Give every agent already on a link its first travel update of the day."""
    arriving = d.on_link[:, 1].copy() if d.on_link.shape[1] > 1 else np.zeros(0, np.int64)
    d.on_link[:, :-1] = d.on_link[:, 1:]
    d.on_link[:, -1] = 0
    d.on_link[:, 0] = 0
    hops = np.flatnonzero(arriving)
    return hops, d.last_km[d.network.hop_link[hops]], arriving[hops]


def _enter(d: Day, movers: Groups) -> Groups:
    """Put movers on their hop and give them one update; return those who arrive at once."""
    hops, moved, counts = movers
    links = d.network.hop_link[hops]
    left = d.updates[links] - 1
    stays = left > 0
    np.add.at(d.on_link, (hops[stays], left[stays]), counts[stays])
    done = ~stays
    return hops[done], moved[done] + d.last_km[links[done]], counts[done]


def _arrive(d: Day, arrivals: Groups) -> tuple[Groups, Groups]:
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


def _decide(d: Day, plain: Groups, planned: Groups) -> Groups:
    """Draw who leaves and along which path; return movers as (hop, km moved, count)."""
    net = d.network
    where, moved, counts = plain
    leaving = leave_draws(d.rng, counts, d.move_chance[where])
    some = leaving > 0
    if planned[0].size == 0 and not some.any():
        return planned
    population = d.resident + np.bincount(
        net.hop_start, weights=d.pending, minlength=net.size
    ).astype(np.int64)
    full_camp = population > d.full_above
    leavers = (where[some], moved[some], leaving[some])
    first = _choose_paths(d, leavers, population, full_camp)
    if planned[0].size == 0:
        return first
    return _concat(first, _follow_plans(d, planned, full_camp))


def _choose_paths(d: Day, leavers: Groups, population: Counts, full_camp: BoolArray) -> Groups:
    """Draw the paths of leavers; a full destination camp keeps them where they are."""
    net = d.network
    where, moved, leaving = leavers
    if where.size == 0:
        return leavers
    picks = path_draws(d.rng, leaving, _probabilities(d, where, population))
    np.subtract.at(d.resident, where, leaving)
    rows, cols = np.nonzero(picks)
    paths = net.path_table[where[rows], cols]
    chosen = picks[rows, cols]
    if not full_camp.any():
        return net.path_first_hop[paths], moved[rows], chosen
    blocked = full_camp[net.path_end[paths]]
    np.add.at(d.resident, where[rows[blocked]], chosen[blocked])
    go = ~blocked
    return net.path_first_hop[paths[go]], moved[rows[go]], chosen[go]


def _probabilities(d: Day, where: IntArray, population: Counts) -> FloatArray:
    """Return path probabilities for agents deciding at `where`, shape (G, D).

    While no location is past the point where capacity starts to matter, the day's
    capacity-free probabilities are reused.
    """
    if not (d.rules.options.smooth_capacity or (population > d.crowded_above).any()):
        return d.free_probs[where]
    factor = capacity_multipliers(d.rules, population, d.capacity)
    if not d.rules.options.next_hop_choice:
        return row_probabilities(d.rules, d.choices, where, factor)
    weights = path_weights(d.rules, d.network, d.scores, factor, d.path_open)
    weights, candidates = next_hop_weights(d.network, weights, d.path_open)
    probs, _ = choice_probabilities(d.network, weights, candidates)
    return probs[where]


def _follow_plans(d: Day, planned: Groups, full_camp: BoolArray) -> Groups:
    """Move agents with a plan on (FLEE forces the move); drop plans that cannot go on."""
    net = d.network
    hops, moved, counts = planned
    np.subtract.at(d.pending, hops, counts)
    blocked = ~d.link_open[net.hop_link[hops]] | full_camp[net.path_end[net.hop_path[hops]]]
    np.add.at(d.resident, net.hop_start[hops[blocked]], counts[blocked])
    go = ~blocked
    return hops[go], moved[go], counts[go]
