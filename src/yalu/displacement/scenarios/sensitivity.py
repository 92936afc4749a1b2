"""What each lever does to arrivals in China: one run per lever, same seed as the baseline.

Every variant adds one lever to the scenario's own levers and is run with the baseline's
seed (common random numbers), so differences come from the lever, not from chance.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from yalu.core.progress import ProgressCallback
from yalu.displacement.scenarios.accounting import accounts_of
from yalu.displacement.scenarios.levers import compile_levers
from yalu.displacement.scenarios.ensemble import run_jobs
from yalu.displacement.scenarios.simulation import ScenarioRun
from yalu.models.displacement import Case
from yalu.models.scenarios import (
    Crossing,
    CrossingLimit,
    Levers,
    RefugeeStatus,
    ReliefCamp,
    Repatriation,
    RouteOpening,
    ScenarioSpec,
)

REPATRIATION_RATE = 0.01
"""Daily share sent back in the forced-repatriation variant."""
CAMP_SHARE = 0.25
"""Relief camps variant: total camp capacity as a share of the outflow."""


EARLY_DAYS = 30
"""The sensitivity table also reports crossings in the first this many days."""


@dataclass(frozen=True, slots=True)
class SensitivityRow:
    """One lever's effect on arrivals in China (and where people end up instead).

    Attributes:
        lever: short name ("baseline", "close Sinuiju-Dandong", ...).
        detail: what was changed.
        crossed_early: people who crossed into China in the first `EARLY_DAYS` days.
        crossed_china: people who crossed into China over the whole run.
        peak_daily: the largest number of arrivals into China on one day.
        in_china: people in China on the last day.
        peak_stranded: the most people stranded inside the DPRK on one day.
        in_camps: people in relief camps on the last day.
        change_early: crossed_early minus the baseline's.
        change_crossed: crossed_china minus the baseline's.
    """

    lever: str
    detail: str
    crossed_early: int
    crossed_china: int
    peak_daily: int
    in_china: int
    peak_stranded: int
    in_camps: int
    change_early: int = 0
    change_crossed: int = 0

    @property
    def change_percent(self) -> float | None:
        """Return the change in crossings into China in % of the baseline (None at 0)."""
        base = self.crossed_china - self.change_crossed
        return None if base == 0 else 100.0 * self.change_crossed / base

    @property
    def change_early_percent(self) -> float | None:
        """Return the change in early crossings in % of the baseline (None at 0)."""
        base = self.crossed_early - self.change_early
        return None if base == 0 else 100.0 * self.change_early / base


Variant = tuple[str, str, Callable[[Levers], Levers]]


def lever_variants(spec: ScenarioSpec, crossings: tuple[Crossing, ...]) -> list[Variant]:
    """Return (name, detail, change) for each lever the sensitivity table tries."""
    levers = compile_levers(spec.levers, crossings, spec.days)
    open_china = [c for i, c in enumerate(crossings)
                  if c.kind == "china" and levers.capacity[:, i].max(initial=0) > 0]  # fmt: skip
    variants: list[Variant] = [("baseline", "the scenario as given", lambda lv: lv)]
    for crossing in open_china:
        variants.append((f"close {crossing.name}", "capacity 0 for the whole run",
                         lambda lv, n=crossing.name: replace(
                             lv, limits=(*lv.limits, CrossingLimit(n, 0.0)))))  # fmt: skip
    variants.append(("fence the Chinese border", "every Chinese crossing at 25% capacity",
                     lambda lv: replace(lv, limits=(*lv.limits, CrossingLimit("china", 0.25)))))  # fmt: skip
    sites = list(dict.fromkeys(c.origin for c in open_china))
    each = max(int(spec.outflow.total * CAMP_SHARE) // max(len(sites), 1), 1)
    variants.append(("relief camps inside the DPRK",
                     f"a camp of {each:,} beside each of {len(sites)} border towns",
                     lambda lv: replace(lv, camps=(*lv.camps, *(ReliefCamp(s, each)
                                                                for s in sites)))))  # fmt: skip
    variants.append(("forced repatriation", f"{REPATRIATION_RATE:.0%} of those in China a day",
                     lambda lv: replace(lv, repatriation=(
                         *lv.repatriation, Repatriation(REPATRIATION_RATE)))))  # fmt: skip
    variants.append(("refugee status in China", "crossing chance into China x 1.5",
                     lambda lv: replace(lv, refugee_status=(
                         *lv.refugee_status, RefugeeStatus(1.5)))))  # fmt: skip
    variants.append(("open Russia and the sea", "Russian border and sea routes at capacity",
                     lambda lv: replace(lv, openings=(
                         *lv.openings, RouteOpening("russia"), RouteOpening("sea")))))  # fmt: skip
    return variants


def variant_specs(spec: ScenarioSpec, crossings: tuple[Crossing, ...]
                  ) -> list[tuple[str, str, ScenarioSpec]]:  # fmt: skip
    """Return (lever, detail, scenario with the lever added) for each variant."""
    return [(name, detail, replace(spec, levers=change(spec.levers)))
            for name, detail, change in lever_variants(spec, crossings)]  # fmt: skip


def sensitivity_rows(variants: list[tuple[str, str, ScenarioSpec]],
                     runs: list[ScenarioRun]) -> list[SensitivityRow]:  # fmt: skip
    """Return one row per variant from its run (the first variant is the baseline)."""
    rows: list[SensitivityRow] = []
    for (name, detail, _), run in zip(variants, runs, strict=True):
        a = accounts_of(run)
        early = min(EARLY_DAYS, run.spec.days) - 1
        daily = np.diff(a.crossed_china, prepend=0)
        rows.append(SensitivityRow(name, detail, int(a.crossed_china[early]),
                                   int(a.crossed_china[-1]), int(daily.max(initial=0)),
                                   int(a.in_china[-1]), int(a.stranded.max(initial=0)),
                                   int(a.in_camps[-1])))  # fmt: skip
    base = rows[0]
    return [replace(r, change_early=r.crossed_early - base.crossed_early,
                    change_crossed=r.crossed_china - base.crossed_china) for r in rows]  # fmt: skip


def sensitivity_table(spec: ScenarioSpec, case: Case, crossings: tuple[Crossing, ...],
                      seed: int, *, workers: int = 1,
                      on_progress: ProgressCallback | None = None) -> list[SensitivityRow]:  # fmt: skip
    """Run the baseline and each lever variant once with `seed`; return one row each."""
    variants = variant_specs(spec, crossings)
    runs = run_jobs([(s, seed) for _, _, s in variants], case, workers=workers,
                    on_progress=on_progress)  # fmt: skip
    return sensitivity_rows(variants, runs)


def closing_note(rows: list[SensitivityRow]) -> str:
    """Return a short paragraph saying what the levers do to arrivals in China."""
    if not rows:
        return ""
    base = rows[0]
    parts = [f"In the baseline {base.crossed_china:,} people cross into China "
             f"({base.crossed_early:,} in the first {EARLY_DAYS} days; at most "
             f"{base.peak_daily:,} a day)."]  # fmt: skip
    closes = [r for r in rows if r.lever.startswith("close ")]
    if closes:
        biggest = min(closes, key=lambda r: (r.change_early, r.change_crossed))
        spread = "; ".join(f"{r.lever[6:]} {_pct(r.change_early_percent)} early, "
                           f"{_pct(r.change_percent)} overall" for r in closes)  # fmt: skip
        parts.append(f"Closing one crossing changes arrivals by: {spread}. The largest effect "
                     f"comes from closing {biggest.lever[6:]}; people mostly redirect to the "
                     "other crossings, so a single closure delays arrivals more than it "
                     "prevents them.")  # fmt: skip
    for name in ("fence the Chinese border", "relief camps inside the DPRK",
                 "forced repatriation", "refugee status in China", "open Russia and the sea"):  # fmt: skip
        row = next((r for r in rows if r.lever == name), None)
        if row is not None:
            parts.append(f"{name.capitalize()} ({row.detail}): arrivals {_pct(row.change_early_percent)} "
                         f"in the first {EARLY_DAYS} days and {_pct(row.change_percent)} overall; "
                         f"{row.in_china:,} in China at the end (baseline {base.in_china:,}), "
                         f"up to {row.peak_stranded:,} stranded, {row.in_camps:,} in camps.")  # fmt: skip
    return " ".join(parts)


def _pct(value: float | None) -> str:
    """Return a change in % as text."""
    return "n/a" if value is None else f"{value:+.1f}%"
