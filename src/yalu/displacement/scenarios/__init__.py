"""DPRK displacement scenarios: collapse, engineered expulsion, famine, and China's levers.

The shipped FLEE-format case (`data/dprk/`, every number sourced in `sources.csv`) holds
North Korea's provinces and cities, the crossings to China and Russia, the DMZ and sea
routes, and the cities beyond. Scenario files (`data/scenarios/*.yml`) say who leaves
home, when, and which policy levers apply; the engine's `step` moves people, and this
package adds the crossings (capacity per day), relief camps, forced repatriation,
resettlement to third countries and the accounting that must add up every day. Each run
draws the scenario's uncertain inputs (outflow, timing, capacities, movement parameters)
from its own seed; reports give every figure a 90% band, a flow table that adds up, the
needs of each destination region by Sphere standards, a map, and what each lever does.

Typical use::

    from pathlib import Path
    from yalu.displacement.scenarios import ScenarioRequest, run_request

    result = run_request(ScenarioRequest("dprk-collapse"), Path("out"))
    print(result.tables.metric("crossed_china").mean[0])
"""

from yalu.displacement.scenarios.accounting import Accounts, accounts_of
from yalu.displacement.scenarios.catalog import load_named, scenario_file, scenario_names
from yalu.displacement.scenarios.comparison import LeverEffect, lever_effects, lever_variants
from yalu.displacement.scenarios.flows import FlowTable, flow_table
from yalu.displacement.scenarios.geography import (
    copy_dprk_case,
    crossings_of,
    dprk_case_path,
    read_dprk_case,
)
from yalu.displacement.scenarios.needs import RegionNeeds, needs_of
from yalu.displacement.scenarios.options import LeverOptions, levers_from_options
from yalu.displacement.scenarios.pipeline import ScenarioRequest, ScenarioResult, run_request
from yalu.displacement.scenarios.schema import load_scenario
from yalu.displacement.scenarios.simulation import ScenarioRun, run_scenario
from yalu.displacement.scenarios.uncertainty import DrawnInputs, draw_inputs

__all__ = [
    "Accounts",
    "DrawnInputs",
    "FlowTable",
    "LeverEffect",
    "LeverOptions",
    "RegionNeeds",
    "ScenarioRequest",
    "ScenarioResult",
    "ScenarioRun",
    "accounts_of",
    "copy_dprk_case",
    "crossings_of",
    "dprk_case_path",
    "draw_inputs",
    "flow_table",
    "lever_effects",
    "lever_variants",
    "levers_from_options",
    "load_named",
    "load_scenario",
    "needs_of",
    "read_dprk_case",
    "run_request",
    "run_scenario",
    "scenario_file",
    "scenario_names",
]
