"""A day's decisions and hop rounds compiled with numba: `step.py`'s numpy path as loops.

Imported only through `yalu.displacement.kernel`, so numba is never needed at import time.
The functions make the same draws, in the same order, with the same algorithms as the
numpy path (`Generator.binomial` here is numba's port of NumPy's, and `_multinomial` is
NumPy's conditional-binomial multinomial), so a seed gives the same output on both paths.
The only possible difference is the rounding of a capacity-weighted probability row's sum,
which could change a draw only if a uniform fell within a few ULPs of a threshold.
"""

from __future__ import annotations

import numba
import numpy as np

_jit = numba.njit(cache=True, nogil=True)


@_jit
def _multinomial(rng, n, probs, out):  # type: ignore[no-untyped-def]
    """Fill `out` with a multinomial draw of `n` over `probs`, as NumPy's Generator does."""
    out[:] = 0
    remaining = 1.0
    left = n
    last = probs.size - 1
    for j in range(last):
        out[j] = rng.binomial(left, probs[j] / remaining)
        left -= out[j]
        if left <= 0:
            break
        remaining -= probs[j]
    if left > 0:
        out[last] = left


@_jit
def _factors(population, cap, buffer_share, smooth):  # type: ignore[no-untyped-def]
    """Return capacity multipliers (`rules.capacity_multipliers`) for every location."""
    factor = np.ones(population.size)
    for loc in range(population.size):
        size = cap[loc]
        if size < 1.0:
            continue
        here = float(population[loc])
        if smooth:
            factor[loc] = min(max(1.0 - here / size, 0.0), 1.0)
            continue
        buffer = buffer_share * size
        if here <= buffer:
            continue
        if here >= size:
            factor[loc] = 0.0
        else:
            span = max(size - buffer, 1e-12)
            factor[loc] = min(max(1.0 - (here - buffer) / span, 0.0), 1.0)
    return factor


@_jit
def _row(tables, origin, powered, use_factor, out):  # type: ignore[no-untyped-def]
    """Fill `out` with path probabilities at `origin` (`rules.row_probabilities`).

    `powered` is each location's capacity factor raised to `weight_power`.
    """
    base, end, candidate, count = tables
    total = 0.0
    for c in range(out.size):
        weight = base[origin, c]
        if use_factor:
            weight = weight * powered[end[origin, c]]
        out[c] = weight
        total += weight
    for c in range(out.size):
        if total > 0.0:
            out[c] = out[c] / total
        else:
            out[c] = candidate[origin, c] / max(count[origin], 1)


@_jit
def _leave(rng, count, chance):  # type: ignore[no-untyped-def]
    """Return a Binomial(count, chance) draw; chances of 0 or 1 draw nothing (`draws`)."""
    if chance >= 1.0:
        return count
    if chance > 0.0:
        return rng.binomial(count, chance)
    return 0


@_jit
def _categorical(rng, count, probs, out):  # type: ignore[no-untyped-def]
    """Fill `out` with one category per person from one uniform each (`draws`)."""
    out[:] = 0
    last = probs.size - 1
    while probs[last] <= 0.0 and last > 0:
        last -= 1
    for _ in range(count):
        uniform = rng.random()
        running = 0.0
        column = 0
        while column < probs.size:
            running += probs[column]
            if running > uniform:
                break
            column += 1
        out[min(column, last)] += 1


@_jit
def _path_draws(rng, counts, probs, small_group):  # type: ignore[no-untyped-def]
    """Return one multinomial draw per row: small rows first, then the others (`draws`)."""
    picks = np.zeros(probs.shape, np.int64)
    for g in range(counts.size):
        if counts[g] <= small_group:
            _categorical(rng, counts[g], probs[g], picks[g])
    for g in range(counts.size):
        if counts[g] > small_group:
            _multinomial(rng, counts[g], probs[g], picks[g])
    return picks


@_jit
def _decide(rng, state, net, day, plain, planned, small_group):  # type: ignore[no-untyped-def]
    """Draw who leaves and along which path (`step._decide`); return the movers."""
    resident, pending, _ = state
    path_table, path_end, path_first_hop, hop_link, _, hop_path, hop_start = net
    move_chance, free_probs, tables, link_open, crowded, full_above, cap, params = day
    buffer_share, weight_power, smooth, use_factor = params
    where, moved, counts = plain
    hops, hop_moved, hop_counts = planned
    leaving = np.zeros(where.size, np.int64)
    some = 0
    for g in range(where.size):
        leaving[g] = _leave(rng, counts[g], move_chance[where[g]])
        if leaving[g] > 0:
            some += 1
    width = path_table.shape[1]
    out_key = np.empty(some * width + hops.size, np.int64)
    out_moved = np.empty(out_key.size)
    out_count = np.empty(out_key.size, np.int64)
    if hops.size == 0 and some == 0:
        return out_key[:0], out_moved[:0], out_count[:0]
    population = resident.copy()
    for j in range(pending.size):
        population[hop_start[j]] += pending[j]
    any_full = False
    crowding = smooth
    for loc in range(population.size):
        any_full = any_full or population[loc] > full_above[loc]
        crowding = crowding or population[loc] > crowded[loc]
    powered = _factors(population, cap, buffer_share, smooth) if crowding else cap
    if crowding:
        for loc in range(powered.size):
            powered[loc] = powered[loc] ** weight_power
    rows = np.flatnonzero(leaving)
    probs = np.empty((rows.size, width))
    for i in range(rows.size):
        if crowding:
            _row(tables, where[rows[i]], powered, use_factor, probs[i])
        else:
            probs[i] = free_probs[where[rows[i]]]
    picks = _path_draws(rng, leaving[rows], probs, small_group)
    n = 0
    for i in range(rows.size):
        g = rows[i]
        origin = where[g]
        resident[origin] -= leaving[g]
        for c in range(width):
            if picks[i, c] == 0:
                continue
            path = path_table[origin, c]
            if any_full and population[path_end[path]] > full_above[path_end[path]]:
                resident[origin] += picks[i, c]
                continue
            out_key[n], out_moved[n], out_count[n] = path_first_hop[path], moved[g], picks[i, c]
            n += 1
    for i in range(hops.size):
        hop = hops[i]
        pending[hop] -= hop_counts[i]
        end = path_end[hop_path[hop]]
        if not link_open[hop_link[hop]] or population[end] > full_above[end]:
            resident[hop_start[hop]] += hop_counts[i]
            continue
        out_key[n], out_moved[n], out_count[n] = hop, hop_moved[i], hop_counts[i]
        n += 1
    return out_key[:n], out_moved[:n], out_count[:n]


@_jit
def _enter(state, hop_link, travel, movers):  # type: ignore[no-untyped-def]
    """Put movers on their hop with one update (`step._enter`); return instant arrivals."""
    on_link = state[2]
    updates, last_km = travel
    hops, moved, counts = movers
    keep = np.zeros(hops.size, np.bool_)
    for i in range(hops.size):
        link = hop_link[hops[i]]
        left = updates[link] - 1
        if left > 0:
            on_link[hops[i], left] += counts[i]
        else:
            keep[i] = True
    return hops[keep], moved[keep] + last_km[hop_link[hops[keep]]], counts[keep]


@_jit
def _merge(keys, moved, counts, merge_above):  # type: ignore[no-untyped-def]
    """Add together groups with equal (key, km moved) (`step._merge`)."""
    if keys.size < merge_above:
        return keys, moved, counts
    order = np.argsort(moved, kind="mergesort")
    order = order[np.argsort(keys[order], kind="mergesort")]
    keys, moved, counts = keys[order], moved[order], counts[order]
    n = 0
    for i in range(keys.size):
        if i > 0 and keys[i] == keys[n - 1] and moved[i] == moved[n - 1]:
            counts[n - 1] += counts[i]
            continue
        keys[n], moved[n], counts[n] = keys[i], moved[i], counts[i]
        n += 1
    return keys[:n], moved[:n], counts[:n]


@_jit
def _arrive(state, links, hop_next, arrivals, speed, merge_above):  # type: ignore[no-untyped-def]
    """Place arrivals (`step._arrive`); return (plain, planned) groups with budget left."""
    resident, pending, _ = state
    hop_link, link_start, link_end, link_open = links
    hops, moved, counts = arrivals
    size = hops.size
    plain_key, plain_moved = np.empty(size, np.int64), np.empty(size)
    plain_count = np.empty(size, np.int64)
    plan_key, plan_moved = np.empty(size, np.int64), np.empty(size)
    plan_count = np.empty(size, np.int64)
    a = b = 0
    for i in range(size):
        link = hop_link[hops[i]]
        if not link_open[link]:
            resident[link_start[link]] += counts[i]
            continue
        following = hop_next[hops[i]]
        if following < 0:
            resident[link_end[link]] += counts[i]
            if moved[i] < speed:
                plain_key[a], plain_moved[a], plain_count[a] = link_end[link], moved[i], counts[i]
                a += 1
        else:
            pending[following] += counts[i]
            if moved[i] < speed:
                plan_key[b], plan_moved[b], plan_count[b] = following, moved[i], counts[i]
                b += 1
    plain = _merge(plain_key[:a], plain_moved[:a], plain_count[:a], merge_above)
    return plain, (plan_key[:b], plan_moved[:b], plan_count[:b])


@_jit
def run_day(rng, state, net, links, travel, day, speed, merge_above, max_rounds, small_group):  # type: ignore[no-untyped-def]
    """Run a day's decisions, first travel update and hop rounds, updating `state` in place.

    Args:
        rng: the run's `numpy.random.Generator`.
        state: (resident, pending, on_link), copies owned by the caller.
        net: (path_table, path_end, path_first_hop, hop_link, hop_next, hop_path, hop_start).
        links: (hop_link, link_start, link_end, link_open).
        travel: (updates, last_km) per link.
        day: (move_chance, free_probs, (base, end, candidate, count), link_open,
            crowded_above, full_above, scaled capacity, (buffer share, weight power,
            smooth, use factor)).
        speed: km a traveller covers per day.
        merge_above: `yalu.displacement.step.MERGE_ABOVE`.
        max_rounds: `yalu.displacement.step.MAX_HOP_ROUNDS`.
        small_group: `yalu.displacement.draws.SMALL_GROUP`.
    """
    resident, pending, on_link = state
    hop_link = net[3]
    where = np.flatnonzero(resident)
    plain = (where, np.zeros(where.size), resident[where].copy())
    waiting = np.flatnonzero(pending)
    planned = (waiting, np.zeros(waiting.size), pending[waiting].copy())
    movers = _decide(rng, state, net, day, plain, planned, small_group)
    width = on_link.shape[1]
    hops = np.flatnonzero(on_link[:, 1]) if width > 1 else np.zeros(0, np.int64)
    first_k, first_m = hops, travel[1][hop_link[hops]]
    first_c = np.empty(hops.size, np.int64)
    for i in range(hops.size):
        first_c[i] = on_link[hops[i], 1]
    for j in range(on_link.shape[0]):
        for c in range(width - 1):
            on_link[j, c] = on_link[j, c + 1]
        on_link[j, width - 1] = 0
        on_link[j, 0] = 0
    more = _enter(state, hop_link, travel, movers)
    arrivals = (
        np.concatenate((first_k, more[0])),
        np.concatenate((first_m, more[1])),
        np.concatenate((first_c, more[2])),
    )
    for _ in range(max_rounds):
        if arrivals[0].size == 0:
            break
        plain, planned = _arrive(state, links, net[4], arrivals, speed, merge_above)
        movers = _decide(rng, state, net, day, plain, planned, small_group)
        arrivals = _enter(state, hop_link, travel, movers)
