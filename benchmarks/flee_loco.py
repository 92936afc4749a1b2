"""Choose yalu's default rules by leave-one-case-out over FLEE's validation cases.

For every candidate rule set (`GRID`, every combination of yalu's named engine options and
the distance power), run each case with a few seeds and score the rescaled ARD. Then, for
each case, pick the candidate whose *worst* skill (1 - ARD / best naive baseline ARD) on
the *other* cases is highest, and report its ARD on the held-out case: the score a case the
rules were not chosen on can expect. The default rules are the candidate picked the same
way on all cases; `ablation` switches each of its mechanisms back to FLEE's in turn to show
its effect. The criterion uses only the naive baselines, never FLEE's scores.

Used by ``flee_side_by_side.py`` (which prints both tables); runnable alone::

    .venv/bin/python benchmarks/flee_loco.py --seeds 1 2 --json benchmarks/results/loco.json
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import statistics
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from yalu.displacement import EngineOptions, parse_options, run_case
from yalu.displacement.baselines import score_baselines
from yalu.displacement.observed import observed_on_days
from yalu.displacement.validate import ard
from yalu.formats.flee import read_case
from yalu.models.displacement import Case

CASES_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "flee-cases"
HASTEN = {
    "mali2012": 10,
    "burundi2015": 10,
    "car2013": 20,
    "mali2017_adm1": 10,
    "nigeria2016_adm1": 100,
}
"""FabFlee's population scale-down per case (the same for FLEE, yalu and the baselines)."""


@dataclass(frozen=True)
class Candidate:
    """One rule set: engine options plus move-rule numbers, with a short label."""

    options: Mapping[str, float]
    move: Mapping[str, float] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """Return `name=value` pairs, options first."""
        pairs = [*self.options.items(), *self.move.items()]
        return " ".join(f"{k}={v:g}" for k, v in pairs)


GRID: Mapping[str, Sequence[float]] = {
    "stay_in_camps": (0.0, 1.0),
    "full_camp_room": (0.0, 1.0),
    "full_camp_occupancy": (0.5, 0.6),
    "smooth_capacity": (0.0, 1.0),
    "kin_attraction": (0.0, 0.5),
    "min_awareness_level": (2.0, 3.0),
    "distance_power": (1.0, 1.5),
}
"""The candidate grid: every combination is one candidate."""
MOVE_KEYS = ("distance_power",)
"""Grid keys that are simsetting.yml move rules (the rest are engine options)."""


def candidates(grid: Mapping[str, Sequence[float]] = GRID) -> list[Candidate]:
    """Return every combination of the grid as a candidate."""
    keys = list(grid)
    found = []
    for values in itertools.product(*(grid[k] for k in keys)):
        chosen = dict(zip(keys, values, strict=True))
        move = {k: chosen.pop(k) for k in MOVE_KEYS if k in chosen}
        found.append(Candidate(chosen, move))
    return found


@dataclass
class Scores:
    """Rescaled ARD (mean over seeds) by candidate label and case, plus the baselines."""

    ard: dict[str, dict[str, float]] = field(default_factory=dict)
    best_baseline: dict[str, float] = field(default_factory=dict)

    def skill(self, label: str, case: str) -> float:
        """Return 1 - ARD / best baseline ARD of a candidate on a case."""
        return 1.0 - self.ard[label][case] / self.best_baseline[case]


def load_case(name: str, cases_dir: Path = CASES_DIR) -> Case:
    """Read a shared case with its FabFlee hasten."""
    case = read_case(cases_dir / name)
    return replace(case, settings=replace(case.settings, hasten=HASTEN.get(name, 1)))


def score_candidate(case: Case, candidate: Candidate, seeds: Iterable[int]) -> float:
    """Return the mean rescaled ARD of `candidate` on `case` over `seeds`."""
    assert case.observed is not None
    settings = replace(case.settings, move=replace(case.settings.move, **candidate.move))
    options = parse_options(candidate.options, EngineOptions())
    days = range(case.length_days)
    observed = observed_on_days(case.observed, case.camp_names, days, settings.hasten)
    values = []
    for seed in seeds:
        output = run_case(case, seed, settings=settings, options=options)
        values.append(ard(output.population[:, case.camp_indices], observed))
    return statistics.fmean(values)


def score_all(
    names: Sequence[str], pool: Sequence[Candidate], seeds: Sequence[int], *, log: Any = None
) -> Scores:
    """Score every candidate and the baselines on every case."""
    scores = Scores()
    for name in names:
        case = load_case(name)
        scores.best_baseline[name] = score_baselines(case, case.settings).best()[1]
        for i, candidate in enumerate(pool):
            value = score_candidate(case, candidate, seeds)
            scores.ard.setdefault(candidate.label, {})[name] = value
            if log is not None:
                print(f"{name} {i + 1}/{len(pool)} {value:.4f} {candidate.label}", file=log)
    return scores


def pick(scores: Scores, cases: Sequence[str]) -> str:
    """Return the label whose lowest skill over `cases` is highest (ties: best mean skill)."""

    def worst_then_mean(label: str) -> tuple[float, float]:
        skills = [scores.skill(label, case) for case in cases]
        return min(skills), statistics.fmean(skills)

    return max(scores.ard, key=worst_then_mean)


def leave_one_out(scores: Scores, names: Sequence[str]) -> list[dict[str, Any]]:
    """For each case, the candidate picked on the others and its held-out ARD."""
    rows = []
    for held in names:
        others = [name for name in names if name != held]
        label = pick(scores, others)
        rows.append(
            {
                "case": held,
                "picked_on": others,
                "rules": label,
                "ard": scores.ard[label][held],
                "skill": scores.skill(label, held),
                "best_baseline": scores.best_baseline[held],
            }
        )
    return rows


def render_loco(rows: Sequence[Mapping[str, Any]], flee: Mapping[str, float]) -> str:
    """Return the leave-one-case-out table as text (`flee`: FLEE's ARD by case, if run)."""
    lines = [
        "held-out case     ARD    skill  FLEE   best baseline  beats  rules picked on the others"
    ]
    for row in rows:
        reference = flee.get(row["case"])
        target = row["best_baseline"] if reference is None else min(reference, row["best_baseline"])
        verdict = "both" if reference is not None else "base"
        verdict = verdict if row["ard"] < target else "NO"
        shown = "-" if reference is None else f"{reference:.3f}"
        lines.append(
            f"{row['case']:17s} {row['ard']:.3f}  {row['skill']:5.2f}  {shown:5s}  "
            f"{row['best_baseline']:13.3f}  {verdict:5s}  {row['rules']}"
        )
    return "\n".join(lines)


def ablation(
    scores: Scores, names: Sequence[str], chosen: str
) -> list[tuple[str, dict[str, float]]]:
    """Return the chosen rules' ARD by case, then with each mechanism set back to FLEE's."""
    values = dict(pair.split("=") for pair in chosen.split())
    flee_like = {
        "stay_in_camps": "0",
        "full_camp_room": "0",
        "smooth_capacity": "0",
        "kin_attraction": "0",
        "min_awareness_level": "2",
        "distance_power": "1",
    }
    rows = [("chosen rules", dict(scores.ard[chosen]))]
    for key, off in flee_like.items():
        if key not in values or values[key] == off:
            continue
        varied = " ".join(f"{k}={off if k == key else v}" for k, v in values.items())
        if varied in scores.ard:
            rows.append((f"without {key} ({key}={off})", dict(scores.ard[varied])))
    return rows


def render_ablation(rows: Sequence[tuple[str, Mapping[str, float]]], names: Sequence[str]) -> str:
    """Return the ablation table as text."""
    head = "rules".ljust(44) + "".join(f"{name[:12]:>13s}" for name in names)
    lines = [head]
    for label, values in rows:
        lines.append(label.ljust(44) + "".join(f"{values[name]:13.3f}" for name in names))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Score the grid and print the leave-one-case-out table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1])
    parser.add_argument("--cases", nargs="+", default=list(HASTEN))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    scores = score_all(args.cases, candidates(), args.seeds, log=sys.stderr)
    rows = leave_one_out(scores, args.cases)
    print(render_loco(rows, {}))
    chosen = pick(scores, args.cases)
    print(f"\nrules picked on all cases: {chosen}")
    print(render_ablation(ablation(scores, args.cases, chosen), args.cases))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "rows": rows,
            "chosen": chosen,
            "ard": scores.ard,
            "best_baseline": scores.best_baseline,
        }
        args.json.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
