"""The shipped scenarios reproduce the figures the issue asks for, at their defaults."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from yalu.displacement.scenarios.accounting import accounts_of, metric_value
from yalu.displacement.scenarios.catalog import load_named, scenario_names
from yalu.displacement.scenarios.simulation import ScenarioRun, run_scenario
from yalu.displacement.scenarios.uncertainty import without_input
from yalu.models.displacement import Case
from yalu.models.scenarios import Crossing


def _run(name: str, case: Case, crossings: tuple[Crossing, ...], **changes: object) -> ScenarioRun:
    spec = load_named(name, case, crossings)
    return run_scenario(replace(spec, **changes), case, spec.seed)  # type: ignore[arg-type]


def _fixed(name: str, case: Case, crossings: tuple[Crossing, ...]) -> ScenarioRun:
    """Run a shipped scenario with every input at the file's value."""
    return _run(name, case, crossings, uncertainty=())


def test_three_scenarios_ship() -> None:
    assert set(scenario_names()) >= {
        "dprk-collapse",
        "dprk-engineered-expulsion",
        "dprk-famine-1990s",
    }


def test_collapse_total_outflow_equals_its_fixed_parameter(
    dprk_case: Case, crossings: tuple[Crossing, ...]
) -> None:
    run = _fixed("dprk-collapse", dprk_case, crossings)
    assert run.spec.outflow.total == 3_000_000
    assert int(run.left_home.sum()) == 3_000_000
    accounts = accounts_of(run)
    assert accounts.start_population - accounts.still_home[-1] == 3_000_000


@pytest.mark.parametrize("total", [0, 1, 987_654])
def test_collapse_total_outflow_equals_any_parameter(
    dprk_case: Case, crossings: tuple[Crossing, ...], total: int
) -> None:
    spec = load_named("dprk-collapse", dprk_case, crossings, days=60)
    spec = replace(spec, outflow=replace(spec.outflow, total=total, duration_days=45))
    run = run_scenario(without_input(spec, "outflow.total"), dprk_case, 3)
    assert int(run.left_home.sum()) == total
    assert int(run.output.spawned.sum()) == total


def test_collapse_spawns_from_every_province(
    dprk_case: Case, crossings: tuple[Crossing, ...]
) -> None:
    spec = load_named("dprk-collapse", dprk_case, crossings)
    from yalu.displacement.scenarios.spawning import outflow_schedule

    schedule = outflow_schedule(spec.outflow, dprk_case, spec.days)
    left = schedule.leave.sum(axis=0)
    provinces = {loc.region for loc, n in zip(dprk_case.locations, left, strict=False) if n > 0}
    assert len(provinces) == 11


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_expulsion_reproduces_the_mariel_pace_at_the_border_whatever_it_draws(
    dprk_case: Case, crossings: tuple[Crossing, ...], seed: int
) -> None:
    spec = load_named("dprk-engineered-expulsion", dprk_case, crossings)
    run = run_scenario(spec, dprk_case, seed)
    crossed = np.cumsum(run.arrivals.sum(axis=1))
    duration = int(run.inputs.values["outflow.duration_days"])
    assert 153 <= duration <= 194  # five to six months
    assert 112_500 <= crossed[-1] <= 137_500  # about 125,000 (+-10%)
    monthly = np.diff(crossed[: duration - 15 : 30])
    assert monthly.min() > 0.8 * monthly.max()  # a steady pace, not a burst


def test_famine_count_in_china_lands_inside_the_published_range(
    dprk_case: Case, crossings: tuple[Crossing, ...]
) -> None:
    run = _run("dprk-famine-1990s", dprk_case, crossings)
    accounts = accounts_of(run)
    assert 10_000 <= accounts.in_china[-1] <= 300_000  # UNHCR EPAU 2002: a validation
    assert 50_000 <= accounts.crossed_china[-1] <= 150_000  # LA Times 1999: set the input
    roles = {bench.metric: bench.role for bench in run.spec.benchmarks}
    assert roles == {"in_china_final": "validation", "crossed_china": "input"}
    for bench in run.spec.benchmarks:
        assert bench.low <= metric_value(accounts, run, bench.metric) <= bench.high


def test_checks_true_by_construction_are_labelled_inputs(
    dprk_case: Case, crossings: tuple[Crossing, ...]
) -> None:
    for name in ("dprk-collapse", "dprk-engineered-expulsion"):
        spec = load_named(name, dprk_case, crossings)
        assert {bench.role for bench in spec.benchmarks} == {"input"}


def test_expulsion_releases_people_at_the_border_not_at_home(
    dprk_case: Case, crossings: tuple[Crossing, ...]
) -> None:
    spec = load_named("dprk-engineered-expulsion", dprk_case, crossings, days=20)
    run = run_scenario(spec, dprk_case, 1)
    home = [
        i
        for i, loc in enumerate(run.case.locations)
        if loc.country == "North Korea" and loc.name != "Sinuiju"
    ]
    assert int(run.output.population[:, home].sum()) == 0
    names = [c.name for c in run.crossings]
    assert int(run.arrivals.sum()) == int(run.arrivals[:, names.index("Sinuiju-Dandong")].sum())
    assert int(run.arrivals.sum()) > 0
