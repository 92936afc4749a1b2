"""DPRK displacement scenarios: collapse, engineered expulsion, famine, and China's levers.

The shipped FLEE-format case (`data/dprk/`, every number sourced in `sources.csv`) holds
North Korea's provinces and cities, the crossings to China and Russia, the DMZ and sea
routes, and the cities beyond. Scenario files (`data/scenarios/*.yml`) say who leaves
home, when, and which policy levers apply; the engine's `step` moves people, and this
package adds the crossings (capacity per day), relief camps, forced repatriation and the
accounting that must add up every day.

Typical use::

    from pathlib import Path
    from yalu.displacement.scenarios import ScenarioRequest, run_request

    result = run_request(ScenarioRequest("dprk-collapse"), Path("out"))
    print(result.tables.band("crossed_china").mean[-1])
"""

from yalu.displacement.scenarios.accounting import Accounts, accounts_of
from yalu.displacement.scenarios.catalog import load_named, scenario_file, scenario_names
from yalu.displacement.scenarios.geography import (
    copy_dprk_case,
    crossings_of,
    dprk_case_path,
    read_dprk_case,
)
from yalu.displacement.scenarios.options import LeverOptions, levers_from_options
from yalu.displacement.scenarios.pipeline import ScenarioRequest, ScenarioResult, run_request
from yalu.displacement.scenarios.schema import load_scenario
from yalu.displacement.scenarios.sensitivity import SensitivityRow, sensitivity_table
from yalu.displacement.scenarios.simulation import ScenarioRun, run_scenario

__all__ = [
    "Accounts",
    "LeverOptions",
    "ScenarioRequest",
    "ScenarioResult",
    "ScenarioRun",
    "SensitivityRow",
    "accounts_of",
    "copy_dprk_case",
    "crossings_of",
    "dprk_case_path",
    "levers_from_options",
    "load_named",
    "load_scenario",
    "read_dprk_case",
    "run_request",
    "run_scenario",
    "scenario_file",
    "scenario_names",
    "sensitivity_table",
]
