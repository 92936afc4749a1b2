"""How good a simulation is on a case: ensemble ARD with its bands, baselines and skill.

`assess(scenario, runs, seed)` is what `yalu simulate validate` (and any other interface)
calls. It runs, through one seeded-run mapper call:

* `runs` runs with the scenario's own rule parameters: their spread is the chance alone;
* with `runs` >= 2 and parameter uncertainty on, `runs` more runs with the same seeds
  whose rule parameters are drawn from `UNCERTAIN_RULES`: their spread adds what is not
  known about the rules, so that band is never zero-width when the rules are uncertain;

and scores both, and the three naive baselines, against the observed camp counts. The mean
ARD and the skill score are those of the scenario's own parameters.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np

from yalu.core.errors import CaseFormatError
from yalu.core.parallel import Parallelism, map_jobs
from yalu.core.progress import ProgressCallback
from yalu.displacement.baselines import BASELINES, BaselineScores, score_baselines
from yalu.displacement.ensemble import EnsembleScore, run_one, score_runs, seeded_jobs
from yalu.displacement.run import Scenario
from yalu.displacement.uncertainty import UNCERTAIN_RULES, UncertainRule
from yalu.models.displacement import RunOutput

KINDS = ("rescaled", "raw")
"""The two ARD variants, in report order."""


@dataclass(frozen=True, slots=True)
class Assessment:
    """An ensemble's scores on a case, beside the naive baselines.

    Attributes:
        scenario: what ran (its own rule parameters).
        seed: the root seed.
        outputs: the runs with the scenario's own rule parameters, in seed order.
        scores: their ARDs.
        sampled: ARDs of the runs with drawn rule parameters (None: not run).
        drawn: each sampled run's drawn rule parameters, in seed order.
        baselines: the naive baselines' ARDs.
    """

    scenario: Scenario
    seed: int
    outputs: tuple[RunOutput, ...]
    scores: EnsembleScore
    sampled: EnsembleScore | None
    drawn: tuple[Mapping[str, float], ...]
    baselines: BaselineScores

    def mean(self, kind: str = "rescaled") -> float:
        """Return the mean ARD of the runs with the scenario's own parameters."""
        return float(np.mean(getattr(self.scores, kind)))

    def skill(self, kind: str = "rescaled") -> float:
        """Return 1 - mean ARD / best baseline ARD (1 perfect, <= 0 no better than naive)."""
        return self.baselines.skill(self.mean(kind), kind)

    def summary(self) -> dict[str, object]:
        """Return every figure as plain data (the `--json` document)."""
        figures: dict[str, object] = {
            "case": self.scenario.case.name,
            "seed": self.seed,
            "runs": len(self.scores.runs),
            "hasten": int(self.scenario.effective_settings.hasten),
        }
        for kind in KINDS:
            values = getattr(self.scores, kind)
            best_name, best_ard = self.baselines.best(kind)
            entry: dict[str, object] = {
                "mean": self.mean(kind),
                "band90": list(self.scores.band(values)),
                "per_run": [float(v) for v in values],
                "skill": self.skill(kind),
                "best_baseline": {"name": best_name, "ard": best_ard},
            }
            if self.sampled is not None:
                sampled = getattr(self.sampled, kind)
                entry["band90_with_rule_uncertainty"] = list(self.sampled.band(sampled))
                entry["per_run_with_rule_uncertainty"] = [float(v) for v in sampled]
            figures[kind] = entry
        figures["baselines"] = {
            name: {kind: float(getattr(self.baselines.scores[name], kind)) for kind in KINDS}
            for name in BASELINES
        }
        if self.sampled is not None:
            figures["drawn_rules"] = [dict(values) for values in self.drawn]
        return figures


def assess(
    scenario: Scenario,
    runs: int,
    seed: int,
    *,
    rule_uncertainty: bool = True,
    uncertain_rules: tuple[UncertainRule, ...] = UNCERTAIN_RULES,
    parallelism: Parallelism | None = None,
    on_progress: ProgressCallback | None = None,
) -> Assessment:
    """Run and score an ensemble of `scenario` and the naive baselines on its case.

    Args:
        scenario: what to run (its `uncertain_rules` are ignored: see `rule_uncertainty`).
        runs: ensemble size (>= 1).
        seed: root seed; run i of both ensembles uses child seed i.
        rule_uncertainty: with `runs` >= 2, also run the ensemble with drawn rule
            parameters.
        uncertain_rules: the parameters drawn and their ranges.
        parallelism: where the runs go; results do not depend on it.
        on_progress: called with the number of runs done (of `planned_runs`).

    Raises:
        CaseFormatError: the case has no observed camp data or no camps.
        NetworkError: the Dask scheduler cannot be reached or is lost.
    """
    case = scenario.case
    if case.observed is None or not case.camp_names:
        raise CaseFormatError(
            "case has no observed camp data to validate against",
            path=case.path,
            hint="Add source_data/ with data_layout.csv and a series per camp",
        )
    fixed = replace(scenario, uncertain_rules=())
    jobs = seeded_jobs(seed, runs, fixed)
    sampling = rule_uncertainty and runs >= 2 and bool(uncertain_rules)
    varied = replace(scenario, uncertain_rules=uncertain_rules)
    if sampling:
        jobs += seeded_jobs(seed, runs, varied)
    outputs = map_jobs(run_one, jobs, parallelism, on_progress=on_progress)
    own, drawn_runs = outputs[:runs], outputs[runs:]
    drawn = tuple(varied.for_run(int(job[-1]))[2] for job in jobs[runs:])
    return Assessment(
        scenario=fixed,
        seed=seed,
        outputs=tuple(own),
        scores=score_runs(fixed, own),
        sampled=score_runs(varied, drawn_runs) if sampling else None,
        drawn=drawn,
        baselines=score_baselines(scenario.case, scenario.effective_settings),
    )


def planned_runs(runs: int, *, rule_uncertainty: bool = True) -> int:
    """Return how many runs `assess` makes (for a progress bar)."""
    return runs * 2 if rule_uncertainty and runs >= 2 and UNCERTAIN_RULES else runs
