"""Which implementation runs a day's hop rounds: numpy (always there) or compiled (numba).

Both make the same draws in the same order, so a seed gives the same output on either;
the compiled one removes the numpy call overhead of the 10-20 hop rounds of a day, which
dominates a run at FLEE's scale. numba is optional (`pip install numba`); it is imported
the first time a run asks for the compiled kernel, and compiled functions are cached on
disk, so only the very first run on a machine pays the compilation (tens of seconds).
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from typing import Literal, get_args

from yalu.core.errors import ConfigError, MissingExtraError
from yalu.displacement.draws import SMALL_GROUP
from yalu.displacement.state import Day

Kernel = Literal["auto", "numpy", "numba"]
"""`auto`: numba when importable, else numpy; `numpy`/`numba`: that one only."""
KERNELS: tuple[str, ...] = get_args(Kernel)

RoundsFunction = Callable[..., None]
"""`yalu.displacement._numba_rounds.run_day`: updates the day's counts in place."""


@functools.cache
def _compiled() -> RoundsFunction | None:
    """Return the compiled day function, or None when numba is not installed."""
    try:
        module = importlib.import_module("yalu.displacement._numba_rounds")
    except ImportError:
        return None
    run_day: RoundsFunction = module.run_day
    return run_day


def numba_available() -> bool:
    """Return True when the compiled kernel can be used."""
    return _compiled() is not None


def compiled_rounds(kernel: Kernel) -> RoundsFunction | None:
    """Return the compiled day function for `kernel`, or None to use the numpy path.

    Raises:
        ConfigError: `kernel` is not one of `KERNELS`.
        MissingExtraError: `kernel` is "numba" and numba is not installed.
    """
    if kernel not in KERNELS:
        raise ConfigError(f"unknown kernel '{kernel}'", hint=f"Use one of: {', '.join(KERNELS)}")
    if kernel == "numpy":
        return None
    found = _compiled()
    if found is None and kernel == "numba":
        raise MissingExtraError(
            "The compiled displacement kernel needs numba", hint="pip install numba"
        )
    return found


def run_compiled(compiled: RoundsFunction, d: Day, *, merge_above: int, max_rounds: int) -> None:
    """Run a day's decisions and hop rounds with `compiled`, updating `d`'s counts in place.

    Args:
        compiled: the function `compiled_rounds` returned.
        d: the day's arrays (`yalu.displacement.state.Day`).
        merge_above: `yalu.displacement.step.MERGE_ABOVE`.
        max_rounds: `yalu.displacement.step.MAX_HOP_ROUNDS`.
    """
    net, rules, table = d.network, d.rules, d.choices
    params = (
        float(rules.capacity_buffer),
        float(rules.weight_power),
        bool(rules.options.smooth_capacity),
        rules.awareness_level > 0,
    )
    compiled(
        d.rng,
        (d.resident, d.pending, d.on_link),
        (
            net.path_table,
            net.path_end,
            net.path_first_hop,
            net.hop_link,
            net.hop_next,
            net.hop_path,
            net.hop_start,
        ),
        (net.hop_link, net.link_start, net.link_end, d.link_open),
        (d.updates, d.last_km),
        (
            d.move_chance,
            d.free_probs,
            (table.base, table.end, table.candidate, table.count),
            d.link_open,
            d.crowded_above,
            d.full_above,
            d.capacity * float(rules.capacity_scaling),
            params,
        ),
        float(rules.max_move_speed),
        merge_above,
        max_rounds,
        SMALL_GROUP,
    )
