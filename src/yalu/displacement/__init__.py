"""The displacement engine: FLEE's rules on arrays of counts, seeded and reproducible.

Typical use::

    from yalu.formats.flee import read_case
    from yalu.displacement import Scenario, run_case, run_ensemble, score_runs

    case = read_case(path)
    output = run_case(case, seed=1)                  # one run -> DailyPopulations
    outputs = run_ensemble(Scenario(case), runs=10, seed=1)
    print(score_runs(Scenario(case), outputs).rescaled.mean())
"""

from yalu.displacement.ensemble import (
    EnsembleScore,
    child_seeds,
    run_ensemble,
    run_one,
    score_runs,
    seeded_jobs,
)
from yalu.displacement.network import Network, build_network
from yalu.displacement.options import FLEE_OPTIONS, EngineOptions, parse_options
from yalu.displacement.rules import Rules
from yalu.displacement.run import Scenario, initial_state, run_case
from yalu.displacement.state import State

__all__ = [
    "FLEE_OPTIONS",
    "EngineOptions",
    "EnsembleScore",
    "Network",
    "Rules",
    "Scenario",
    "State",
    "build_network",
    "child_seeds",
    "initial_state",
    "parse_options",
    "run_case",
    "run_ensemble",
    "run_one",
    "score_runs",
    "seeded_jobs",
]
