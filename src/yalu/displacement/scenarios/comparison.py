"""What each lever does, with a band: every variant runs on the ensemble's own seeds.

Each variant adds one lever to the scenario and runs on the seeds of the ensemble's first
runs. A seed fixes the run's uncertain inputs (outflow, timing, capacities, movement
parameters), so the variant and the baseline run on that seed differ only by the lever
(common random numbers): the band of their differences says how much the lever's effect
depends on what nobody knows. Levers are ranked by their mean effect on arrivals in China.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from yalu.displacement.scenarios.ensemble import BAND
from yalu.displacement.scenarios.levers import compile_levers
from yalu.models.displacement import FloatArray
from yalu.models.scenarios import (
    Crossing,
    CrossingLimit,
    Levers,
    RefugeeStatus,
    ReliefCamp,
    Repatriation,
    Resettlement,
    RouteOpening,
    ScenarioSpec,
)

COMPARED = ("crossed_china", "peak_camp_places", "peak_stranded")
"""The metrics the lever chart shows (see `metrics.METRICS`)."""
REPATRIATION_RATE = 0.01
"""Daily share sent back in the forced-repatriation variant."""
RESETTLEMENT_RATE = 0.01
"""Daily share moving on to third countries in the resettlement variant."""
CAMP_SHARE = 0.25
"""Relief camps variant: total camp capacity as a share of the outflow."""


@dataclass(frozen=True, slots=True)
class Variant:
    """One lever to try.

    Attributes:
        lever: short name ("close Sinuiju-Dandong").
        detail: what changes.
        unit: what the lever is counted in ("day of closure", "camp place").
        units: how many of them the variant uses.
        change: adds the lever to a scenario's levers.
    """

    lever: str
    detail: str
    unit: str
    units: float
    change: Callable[[Levers], Levers]


def _closing(name: str) -> Callable[[Levers], Levers]:
    """Return a change that closes crossing `name` for the whole run."""

    def change(levers: Levers) -> Levers:
        return replace(levers, limits=(*levers.limits, CrossingLimit(name, 0.0)))

    return change


def lever_variants(spec: ScenarioSpec, crossings: tuple[Crossing, ...]) -> list[Variant]:
    """Return the levers the comparison tries on `spec`."""
    levers = compile_levers(spec.levers, crossings, spec.days)
    days = float(spec.days)
    open_china = [
        c
        for i, c in enumerate(crossings)
        if c.kind == "china" and levers.capacity[:, i].max(initial=0) > 0
    ]
    variants = [
        Variant(f"close {c.name}", "closed the whole run", "day of closure", days, _closing(c.name))
        for c in open_china
    ]
    sites = list(dict.fromkeys(c.origin for c in open_china))
    each = max(int(spec.outflow.total * CAMP_SHARE) // max(len(sites), 1), 1)
    variants += [
        Variant(
            "fence the Chinese border",
            "every Chinese crossing at 25% capacity",
            "day of fencing",
            days,
            lambda lv: replace(lv, limits=(*lv.limits, CrossingLimit("china", 0.25))),
        ),
        Variant(
            "relief camps inside the DPRK",
            f"a camp of {each:,} beside each of {len(sites)} border towns",
            "camp place",
            float(each * len(sites)),
            lambda lv: replace(lv, camps=(*lv.camps, *(ReliefCamp(s, each) for s in sites))),
        ),
        Variant(
            "forced repatriation",
            f"{REPATRIATION_RATE:.0%} of those in China sent back a day",
            "day",
            days,
            lambda lv: replace(
                lv, repatriation=(*lv.repatriation, Repatriation(REPATRIATION_RATE))
            ),
        ),
        Variant(
            "refugee status in China",
            "crossing chance into China x 1.5",
            "day",
            days,
            lambda lv: replace(lv, refugee_status=(*lv.refugee_status, RefugeeStatus(1.5))),
        ),
        Variant(
            "resettlement from China",
            f"{RESETTLEMENT_RATE:.0%} of those in China move on to third countries a day",
            "day",
            days,
            lambda lv: replace(
                lv, resettlement=(*lv.resettlement, Resettlement(RESETTLEMENT_RATE))
            ),
        ),
        Variant(
            "open Russia and the sea",
            "Russian border and sea routes at capacity",
            "day",
            days,
            lambda lv: replace(
                lv, openings=(*lv.openings, RouteOpening("russia"), RouteOpening("sea"))
            ),
        ),
    ]
    return variants


def variant_jobs(
    spec: ScenarioSpec, variants: Sequence[Variant], seeds: Sequence[int]
) -> list[tuple[ScenarioSpec, int]]:
    """Return one (scenario with the lever, seed) job per variant and seed, variant-major."""
    return [
        (replace(spec, levers=variant.change(spec.levers)), seed)
        for variant in variants
        for seed in seeds
    ]


@dataclass(frozen=True, slots=True)
class LeverEffect:
    """One lever's effect on every metric, per seed.

    Attributes:
        variant: the lever tried.
        values: metric -> the variant's value on each seed.
        changes: metric -> variant minus baseline on each seed.
    """

    variant: Variant
    values: dict[str, FloatArray]
    changes: dict[str, FloatArray]

    def change(self, metric: str) -> tuple[float, float, float]:
        """Return the mean change of `metric` and its 90% band over the seeds."""
        values = self.changes[metric]
        low, high = np.percentile(values, BAND)
        return float(values.mean()), float(low), float(high)

    def percent(self, metric: str) -> float | None:
        """Return the mean change in % of the baseline's mean (None when that is 0)."""
        base = float((self.values[metric] - self.changes[metric]).mean())
        return None if base == 0 else 100.0 * float(self.changes[metric].mean()) / base


def lever_effects(
    variants: Sequence[Variant],
    baseline: Sequence[Mapping[str, float]],
    runs: Sequence[Mapping[str, float]],
) -> list[LeverEffect]:
    """Return the effects, ranked by mean change in arrivals in China (largest cut first).

    Args:
        variants: the levers tried.
        baseline: the baseline's metrics on each seed.
        runs: every variant's metrics, variant-major (len(variants) x len(baseline)).
    """
    seeds = len(baseline)
    effects = []
    for k, variant in enumerate(variants):
        mine = runs[k * seeds : (k + 1) * seeds]
        values = {m: np.array([r[m] for r in mine]) for m in mine[0]}
        base = {m: np.array([r[m] for r in baseline]) for m in mine[0]}
        effects.append(LeverEffect(variant, values, {m: values[m] - base[m] for m in values}))
    return sorted(effects, key=lambda e: e.change("crossed_china")[0])
