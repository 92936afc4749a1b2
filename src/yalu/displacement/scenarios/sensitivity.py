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
from yalu.displacement.scenarios.ensemble import run_jobs
from yalu.displacement.scenarios.levers import compile_levers
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


def early_days(days: int) -> int:
    """Return the early window the table reports: 30 days, or a year for runs over a year."""
    return min(30 if days <= 365 else 365, days)


@dataclass(frozen=True, slots=True)
class SensitivityRow:
    """One lever's effect on arrivals in China (and where people end up instead).

    Attributes:
        lever: short name ("baseline", "close Sinuiju-Dandong", ...).
        detail: what was changed.
        early_days: length of the early window (`early_days`).
        crossed_early: people who crossed into China in the first `early_days` days.
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
    early_days: int
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


def _closing(name: str) -> Callable[[Levers], Levers]:
    """Return a change that closes crossing `name` for the whole run."""

    def change(levers: Levers) -> Levers:
        return replace(levers, limits=(*levers.limits, CrossingLimit(name, 0.0)))

    return change


def lever_variants(spec: ScenarioSpec, crossings: tuple[Crossing, ...]) -> list[Variant]:
    """Return (name, detail, change) for each lever the sensitivity table tries."""
    levers = compile_levers(spec.levers, crossings, spec.days)
    open_china = [
        c
        for i, c in enumerate(crossings)
        if c.kind == "china" and levers.capacity[:, i].max(initial=0) > 0
    ]
    variants: list[Variant] = [("baseline", "the scenario as given", lambda lv: lv)]
    for crossing in open_china:
        variants.append(
            (
                f"close {crossing.name}",
                "capacity 0 for the whole run",
                _closing(crossing.name),
            )
        )
    variants.append(
        (
            "fence the Chinese border",
            "every Chinese crossing at 25% capacity",
            lambda lv: replace(lv, limits=(*lv.limits, CrossingLimit("china", 0.25))),
        )
    )
    sites = list(dict.fromkeys(c.origin for c in open_china))
    each = max(int(spec.outflow.total * CAMP_SHARE) // max(len(sites), 1), 1)
    variants.append(
        (
            "relief camps inside the DPRK",
            f"a camp of {each:,} beside each of {len(sites)} border towns",
            lambda lv: replace(lv, camps=(*lv.camps, *(ReliefCamp(s, each) for s in sites))),
        )
    )
    variants.append(
        (
            "forced repatriation",
            f"{REPATRIATION_RATE:.0%} of those in China a day",
            lambda lv: replace(
                lv, repatriation=(*lv.repatriation, Repatriation(REPATRIATION_RATE))
            ),
        )
    )
    variants.append(
        (
            "refugee status in China",
            "crossing chance into China x 1.5",
            lambda lv: replace(lv, refugee_status=(*lv.refugee_status, RefugeeStatus(1.5))),
        )
    )
    variants.append(
        (
            "open Russia and the sea",
            "Russian border and sea routes at capacity",
            lambda lv: replace(
                lv, openings=(*lv.openings, RouteOpening("russia"), RouteOpening("sea"))
            ),
        )
    )
    return variants


def variant_specs(
    spec: ScenarioSpec, crossings: tuple[Crossing, ...]
) -> list[tuple[str, str, ScenarioSpec]]:
    """Return (lever, detail, scenario with the lever added) for each variant."""
    return [
        (name, detail, replace(spec, levers=change(spec.levers)))
        for name, detail, change in lever_variants(spec, crossings)
    ]


def sensitivity_rows(
    variants: list[tuple[str, str, ScenarioSpec]], runs: list[ScenarioRun]
) -> list[SensitivityRow]:
    """Return one row per variant from its run (the first variant is the baseline)."""
    rows: list[SensitivityRow] = []
    for (name, detail, _), run in zip(variants, runs, strict=True):
        a = accounts_of(run)
        window = early_days(run.spec.days)
        daily = np.diff(a.crossed_china, prepend=0)
        rows.append(
            SensitivityRow(
                name,
                detail,
                window,
                int(a.crossed_china[window - 1]),
                int(a.crossed_china[-1]),
                int(daily.max(initial=0)),
                int(a.in_china[-1]),
                int(a.stranded.max(initial=0)),
                int(a.in_camps[-1]),
            )
        )
    base = rows[0]
    return [
        replace(
            r,
            change_early=r.crossed_early - base.crossed_early,
            change_crossed=r.crossed_china - base.crossed_china,
        )
        for r in rows
    ]


def sensitivity_table(
    spec: ScenarioSpec,
    case: Case,
    crossings: tuple[Crossing, ...],
    seed: int,
    *,
    workers: int = 1,
    on_progress: ProgressCallback | None = None,
) -> list[SensitivityRow]:
    """Run the baseline and each lever variant once with `seed`; return one row each."""
    variants = variant_specs(spec, crossings)
    runs = run_jobs(
        [(s, seed) for _, _, s in variants], case, workers=workers, on_progress=on_progress
    )
    return sensitivity_rows(variants, runs)


def closing_note(rows: list[SensitivityRow]) -> str:
    """Return a short paragraph saying what the levers do to arrivals in China."""
    if not rows:
        return ""
    base = rows[0]
    parts = [
        f"In the baseline {base.crossed_china:,} people cross into China "
        f"({base.crossed_early:,} in the first {base.early_days} days; at most "
        f"{base.peak_daily:,} a day)."
    ]
    closes = [r for r in rows if r.lever.startswith("close ")]
    if closes:
        biggest = min(closes, key=lambda r: (r.change_early, r.change_crossed))
        spread = "; ".join(
            f"{r.lever[6:]} {_pct(r.change_early_percent)} early, {_pct(r.change_percent)} overall"
            for r in closes
        )
        parts.append(f"Closing one crossing changes arrivals by: {spread}.")
        parts.append(_closure_summary(biggest))
    for name in (
        "fence the Chinese border",
        "relief camps inside the DPRK",
        "forced repatriation",
        "refugee status in China",
        "open Russia and the sea",
    ):
        row = next((r for r in rows if r.lever == name), None)
        if row is not None:
            label = name[0].upper() + name[1:]
            parts.append(
                f"{label} ({row.detail}): arrivals {_pct(row.change_early_percent)} "
                f"in the first {row.early_days} days and {_pct(row.change_percent)} overall; "
                f"{row.in_china:,} in China at the end (baseline {base.in_china:,}), "
                f"up to {row.peak_stranded:,} stranded, {row.in_camps:,} in camps."
            )
    return " ".join(parts)


def _closure_summary(biggest: SensitivityRow) -> str:
    """Return one sentence on the strongest single closure, read from the numbers."""
    early = abs(biggest.change_early_percent or 0.0)
    overall = abs(biggest.change_percent or 0.0)
    if early < 1.0 and overall < 1.0:
        return (
            "No single closure changes arrivals by 1% or more: people redirect to the "
            "other crossings."
        )
    text = f"The largest effect comes from closing {biggest.lever[6:]}"
    if overall < early / 2:
        return text + (
            "; people redirect to the other crossings, so a single closure delays "
            "arrivals more than it prevents them."
        )
    return text + "; people who cannot cross there partly stay inside the DPRK."


def _pct(value: float | None) -> str:
    """Return a change in % as text."""
    return "n/a" if value is None else f"{value:+.1f}%"
