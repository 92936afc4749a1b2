"""Score a simulation against observed camp counts with FLEE's averaged relative difference.

For each day t, with camps c, `OBS(t) = int(sum_c obs_c(t))` and `SIM(t) = sum_c sim_c(t)`:

* raw:      `E(t)  = sum_c |sim_c(t)  - obs_c(t)| / max(OBS(t), 1)`
* rescaled: `E'(t) = sum_c |sim'_c(t) - obs_c(t)| / max(OBS(t), 1)` with
  `sim'_c(t) = trunc(sim_c(t) * OBS(t) / SIM(t))` (0 when SIM(t) = 0), as FLEE's
  `plot_flee_output.py`; with `truncate=False`, the float rescaling of
  `CalculateDiagnostics.py`.

The ARD is the mean of E(t) (or E'(t)) over all days; 0 is perfect, lower is better. The
rescaled score ignores how many people reached camps and measures only their distribution.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from yalu.models.displacement import FloatArray

__all__ = ["ValidationScore", "ard", "daily_errors", "rescale_to_observed", "score"]

ArrayLike = npt.ArrayLike


def _as_matrices(sim: ArrayLike, obs: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Return (days, camps) float arrays, checking that the shapes agree."""
    sim_array = np.asarray(sim, dtype=np.float64)
    obs_array = np.asarray(obs, dtype=np.float64)
    if sim_array.ndim != 2 or sim_array.shape != obs_array.shape:
        raise ValueError(
            f"sim and obs must both be (days, camps) arrays; got {sim_array.shape} and "
            f"{obs_array.shape}"
        )
    return sim_array, obs_array


def rescale_to_observed(sim: ArrayLike, obs: ArrayLike, *, truncate: bool = True) -> FloatArray:
    """Scale each day's simulated camp counts to that day's observed camp total.

    Args:
        sim: shape (days, camps), simulated camp populations.
        obs: shape (days, camps), observed camp populations.
        truncate: truncate each rescaled count to an integer, as FLEE's plot script.

    Returns:
        Shape (days, camps); rows where the simulation has nobody in camps are 0.
    """
    sim_array, obs_array = _as_matrices(sim, obs)
    observed_total = np.trunc(obs_array.sum(axis=1, keepdims=True))
    simulated_total = sim_array.sum(axis=1, keepdims=True)
    safe = np.where(simulated_total > 0, simulated_total, 1.0)
    # Multiply before dividing: for whole-number inputs both products are exact, so scaling
    # sim by an integer factor gives bit-identical results.
    rescaled = np.where(simulated_total > 0, (sim_array * observed_total) / safe, 0.0)
    return np.trunc(rescaled) if truncate else rescaled


def daily_errors(
    sim: ArrayLike, obs: ArrayLike, *, rescaled: bool = True, truncate: bool = True
) -> FloatArray:
    """Return E(t) (raw) or E'(t) (rescaled) for every day.

    Args:
        sim: shape (days, camps).
        obs: shape (days, camps).
        rescaled: rescale the simulation to the observed total first.
        truncate: with `rescaled`, truncate the rescaled counts (FLEE's plot script).

    Returns:
        Shape (days,), each >= 0.

    Raises:
        ValueError: the shapes differ or are not two-dimensional.
    """
    sim_array, obs_array = _as_matrices(sim, obs)
    if rescaled:
        sim_array = rescale_to_observed(sim_array, obs_array, truncate=truncate)
    denominator = np.maximum(np.trunc(obs_array.sum(axis=1)), 1.0)
    errors: FloatArray = np.abs(sim_array - obs_array).sum(axis=1) / denominator
    return errors


def ard(sim: ArrayLike, obs: ArrayLike, rescaled: bool = True, *, truncate: bool = True) -> float:
    """Return the averaged relative difference over all days (0 = perfect).

    Args:
        sim: shape (days, camps), simulated camp populations.
        obs: shape (days, camps), observed camp populations.
        rescaled: the papers' score (True) or the raw one (False).
        truncate: truncate rescaled counts as FLEE's plot script (False: float rescaling).

    Raises:
        ValueError: the shapes differ, are not two-dimensional, or there are no days.
    """
    errors = daily_errors(sim, obs, rescaled=rescaled, truncate=truncate)
    if errors.size == 0:
        raise ValueError("cannot score zero days")
    return float(errors.mean())


@dataclass(frozen=True, slots=True)
class ValidationScore:
    """Both ARD variants of one run, with their per-day errors.

    Attributes:
        rescaled: mean of `rescaled_per_day` (the score the FLEE papers quote).
        raw: mean of `raw_per_day`.
        rescaled_per_day: shape (days,), E'(t).
        raw_per_day: shape (days,), E(t).
        truncated: whether rescaled counts were truncated (FLEE's plot script).
    """

    rescaled: float
    raw: float
    rescaled_per_day: FloatArray
    raw_per_day: FloatArray
    truncated: bool = True


def score(sim: ArrayLike, obs: ArrayLike, *, truncate: bool = True) -> ValidationScore:
    """Compute both ARD variants of a run.

    Args:
        sim: shape (days, camps), simulated camp populations.
        obs: shape (days, camps), observed camp populations (see `observed_on_days`).
        truncate: truncate rescaled counts as FLEE's plot script.

    Raises:
        ValueError: the shapes differ, are not two-dimensional, or there are no days.
    """
    rescaled_days = daily_errors(sim, obs, rescaled=True, truncate=truncate)
    raw_days = daily_errors(sim, obs, rescaled=False)
    if raw_days.size == 0:
        raise ValueError("cannot score zero days")
    return ValidationScore(
        rescaled=float(rescaled_days.mean()),
        raw=float(raw_days.mean()),
        rescaled_per_day=rescaled_days,
        raw_per_day=raw_days,
        truncated=truncate,
    )
