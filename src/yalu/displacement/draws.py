"""The engine's two random draws, made cheaply and in a fixed order (numpy path).

* Who leaves a group of `n` people with move chance `p`: Binomial(n, p). Chances of exactly
  1 (conflict zones, forwarding hubs) and 0 need no draw.
* Which candidate path each leaver takes: Multinomial(n, probabilities of the row). Most
  groups are small (half of them are one person), and NumPy draws a multinomial as one
  binomial per category, so rows of at most `SMALL_GROUP` people draw one uniform per
  person instead and take the category where the running sum of probabilities passes it.

Both give exactly the distributions of the plain draws. The compiled kernel
(`yalu.displacement._numba_rounds`) makes the same draws in the same order: first the
uniforms of the small rows, person by person in row order, then the multinomials of the
other rows in row order.
"""

from __future__ import annotations

import numpy as np

from yalu.models.displacement import Counts, FloatArray

SMALL_GROUP = 16
"""Rows with at most this many people draw one uniform per person (see module docstring)."""


def leave_draws(rng: np.random.Generator, counts: Counts, chance: FloatArray) -> Counts:
    """Return Binomial(counts, chance) draws; chances of 0 or 1 draw nothing."""
    leaving: Counts = np.where(chance >= 1.0, counts, 0)
    some = (chance > 0.0) & (chance < 1.0)
    if some.any():
        leaving[some] = rng.binomial(counts[some], chance[some])
    return leaving


def path_draws(rng: np.random.Generator, counts: Counts, probs: FloatArray) -> Counts:
    """Return one Multinomial(counts[g], probs[g]) draw per row g, shape (G, D).

    Rows of at most `SMALL_GROUP` people draw one uniform per person first (in row order);
    the other rows then draw with `Generator.multinomial`.
    """
    picks: Counts = np.zeros(probs.shape, dtype=np.int64)
    small = counts <= SMALL_GROUP
    rows = np.flatnonzero(small)
    if rows.size:
        picks[rows] = _categorical_rows(rng, counts[rows], probs[rows])
    if rows.size < counts.size:
        big = ~small
        picks[big] = rng.multinomial(counts[big], probs[big])
    return picks


def _categorical_rows(rng: np.random.Generator, counts: Counts, probs: FloatArray) -> Counts:
    """Return per-row category counts from one uniform per person, shape (G, D).

    A person takes the first category whose running sum of probabilities exceeds its
    uniform; rounding that leaves the uniform above the last sum gives the row's last
    category with a positive probability.
    """
    groups, width = probs.shape
    person_row = np.repeat(np.arange(groups), counts)
    uniform = rng.random(person_row.size)
    running = np.cumsum(probs, axis=1)
    column = (running[person_row] <= uniform[:, None]).sum(axis=1)
    last_positive = width - 1 - np.argmax(probs[:, ::-1] > 0.0, axis=1)
    column = np.minimum(column, last_positive[person_row])
    flat = np.bincount(person_row * width + column, minlength=groups * width)
    out: Counts = flat.reshape(groups, width).astype(np.int64)
    return out
