"""Uncertain inputs: drawn per run from its own seed, inside their ranges, giving real bands."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from yalu.displacement.ensemble import child_seeds
from yalu.displacement.scenarios.catalog import load_named, scenario_names
from yalu.displacement.scenarios.ensemble import run_jobs
from yalu.displacement.scenarios.simulation import run_scenario
from yalu.displacement.scenarios.tables import tables_of
from yalu.displacement.scenarios.uncertainty import draw_inputs
from yalu.models.displacement import Case
from yalu.models.scenarios import Crossing, UncertainInput


def test_every_draw_lies_inside_its_range_and_log_uniform_spreads_over_decades() -> None:
    items = (
        UncertainInput("outflow.total", 300_000, 3_000_000, "log-uniform"),
        UncertainInput("behaviour.cross_chance", 0.3, 0.7),
        UncertainInput("crossing_capacity", 0.5, 2.0, "log-uniform"),
    )
    totals = []
    for seed in range(400):
        drawn = draw_inputs(items, 13, np.random.default_rng(seed))
        total = drawn.values["outflow.total"]
        assert 300_000 <= total <= 3_000_000 and total == int(total)
        assert 0.3 <= drawn.values["behaviour.cross_chance"] <= 0.7
        assert drawn.capacity_factor.shape == (13,)
        assert np.all((drawn.capacity_factor >= 0.5) & (drawn.capacity_factor <= 2.0))
        totals.append(total)
    below_million = np.mean(np.array(totals) < 948_683)  # the geometric middle
    assert 0.4 < below_million < 0.6  # uniform in the logarithm, not in people


def test_a_seed_gives_the_same_draws_and_another_seed_other_draws(
    dprk_case: Case, crossings: tuple[Crossing, ...]
) -> None:
    spec = load_named("dprk-collapse", dprk_case, crossings, days=10)
    one, again, other = (run_scenario(spec, dprk_case, s) for s in (5, 5, 6))
    assert one.inputs.values == again.inputs.values
    assert np.array_equal(one.arrivals, again.arrivals)
    assert one.inputs.values != other.inputs.values


def test_each_run_leaves_home_exactly_its_drawn_outflow(
    dprk_case: Case, crossings: tuple[Crossing, ...]
) -> None:
    spec = load_named("dprk-collapse", dprk_case, crossings)
    spec = replace(spec, days=125)
    for seed in child_seeds(11, 3):
        run = run_scenario(spec, dprk_case, seed)
        assert int(run.left_home.sum()) == int(run.inputs.values["outflow.total"])


def test_draws_are_the_same_in_one_process_or_two(
    dprk_case: Case, crossings: tuple[Crossing, ...]
) -> None:
    spec = load_named("dprk-famine-1990s", dprk_case, crossings, days=40)
    jobs = [(spec, seed) for seed in child_seeds(3, 3)]
    alone = run_jobs(jobs, dprk_case, workers=1)
    pooled = run_jobs(jobs, dprk_case, workers=2)
    for a, b in zip(alone, pooled, strict=True):
        assert a.inputs.values == b.inputs.values
        assert np.array_equal(a.inputs.capacity_factor, b.inputs.capacity_factor)
        assert np.array_equal(a.output.population, b.output.population)


@pytest.mark.parametrize("name", ["dprk-collapse", "dprk-engineered-expulsion"])
def test_the_band_of_arrivals_is_wide_when_the_outflow_is_uncertain(
    dprk_case: Case, crossings: tuple[Crossing, ...], name: str
) -> None:
    spec = load_named(name, dprk_case, crossings, days=150)
    tables = tables_of(run_jobs([(spec, s) for s in child_seeds(2, 6)], dprk_case))
    band = tables.metric("crossed_china")
    assert band.high[0] - band.low[0] > 0.05 * band.mean[0]
    fixed = replace(spec, uncertainty=())
    same = tables_of(run_jobs([(fixed, s) for s in child_seeds(2, 6)], dprk_case))
    left = same.metric("left_home")
    assert left.low[0] == left.high[0]  # with fixed inputs the outflow is exact


def test_move_rule_draws_reach_the_engine(dprk_case: Case, crossings: tuple[Crossing, ...]) -> None:
    spec = load_named("dprk-collapse", dprk_case, crossings, days=5)
    run = run_scenario(spec, dprk_case, 9)
    assert run.case.settings.move.max_move_speed == run.inputs.values["move.max_move_speed"]
    assert run.case.settings.move.default_movechance == pytest.approx(
        run.inputs.values["move.default_movechance"]
    )


def test_every_shipped_scenario_declares_its_uncertain_outflow_with_a_source(
    dprk_case: Case, crossings: tuple[Crossing, ...]
) -> None:
    for name in scenario_names():
        spec = load_named(name, dprk_case, crossings)
        names = {u.name for u in spec.uncertainty}
        assert {"outflow.total", "crossing_capacity", "move.max_move_speed"} <= names
        assert all(u.source for u in spec.uncertainty)
