"""The `uncertainty:` section of a scenario file: each entry checked, one clear error line."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from yalu.displacement.scenarios.uncertainty import INPUT_BOUNDS, WHOLE_INPUTS
from yalu.displacement.scenarios.yaml_lines import Key, Reader
from yalu.models.displacement import Case
from yalu.models.scenarios import DISTRIBUTIONS, INPUT_NAMES, ScenarioSpec, UncertainInput


def read_uncertain_input(r: Reader, key: Key, item: Mapping[str, Any]) -> UncertainInput:
    """Return one checked entry: a known input, a range inside its bounds, a distribution.

    Raises:
        ScenarioError: an unknown input, a range out of bounds or reversed, an unknown
            distribution, or a log-uniform range reaching 0.
    """
    name = r.choice(item, (*key, "input"), INPUT_NAMES, "")
    floor, ceiling = INPUT_BOUNDS[name]
    whole = name in WHOLE_INPUTS
    low = r.number(item, (*key, "low"), low=floor, high=ceiling, whole=whole)
    high = r.number(item, (*key, "high"), low=low, high=ceiling, whole=whole)
    distribution = r.choice(item, (*key, "distribution"), DISTRIBUTIONS, "uniform")
    if distribution == "log-uniform" and low <= 0:
        r.fail((*key, "low"), "must be above 0 for a log-uniform range", "Use a low above 0")
    return UncertainInput(
        cast(Any, name), low, high, cast(Any, distribution), str(item.get("source", ""))
    )


def check_uncertainty(r: Reader, spec: ScenarioSpec, case: Case) -> None:
    """Refuse an input listed twice, or an outflow larger than its origins' population.

    Raises:
        ScenarioError: at the line of the offending entry.
    """
    seen: set[str] = set()
    for i, item in enumerate(spec.uncertainty):
        if item.name in seen:
            r.fail(("uncertainty", i, "input"), f"{item.name} is listed twice", "Keep one entry")
        seen.add(item.name)
        if item.name == "outflow.total":
            origins = set(spec.outflow.origins)
            home = case.locations[0].country
            people = sum(
                loc.population
                for loc in case.locations
                if loc.country == home and (not origins or loc.name in origins)
            )
            if item.high > people:
                r.fail(
                    ("uncertainty", i, "high"),
                    f"{item.high:,.0f} exceeds the {people:,} people of the outflow's origins",
                    "Lower the range or add origins",
                )
