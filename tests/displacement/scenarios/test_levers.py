"""Levers change what they should: capacities, camps, repatriation, attraction."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from yalu.core.errors import ScenarioError
from yalu.displacement.scenarios.accounting import accounts_of
from yalu.displacement.scenarios.catalog import load_named
from yalu.displacement.scenarios.levers import compile_levers, matching_crossings
from yalu.displacement.scenarios.simulation import ScenarioRun, run_scenario
from yalu.displacement.scenarios.spawning import outflow_schedule
from yalu.models.displacement import Case, Closure
from yalu.models.scenarios import (
    Crossing,
    CrossingLimit,
    DayRange,
    Levers,
    ReliefCamp,
    Repatriation,
    Resettlement,
    RouteOpening,
)


def _collapse(
    case: Case, crossings: tuple[Crossing, ...], levers: Levers, days: int = 60
) -> ScenarioRun:
    spec = load_named("dprk-collapse", case, crossings, days=days)
    return run_scenario(replace(spec, levers=levers, uncertainty=()), case, 11)


def test_fencing_the_chinese_border_scales_every_chinese_capacity(
    crossings: tuple[Crossing, ...],
) -> None:
    daily = compile_levers(
        Levers(limits=(CrossingLimit("china", 0.25, DayRange(10, 19)),)), crossings, 30
    )
    china = np.array([c.kind == "china" for c in crossings])
    base = np.array([c.capacity_per_day for c in crossings])
    assert np.array_equal(daily.capacity[15, china], base[china] // 4)
    assert np.array_equal(daily.capacity[5, china], base[china])
    assert np.array_equal(daily.capacity[20, china], base[china])
    assert daily.capacity[:, ~china].max() == 0


def test_opening_then_limiting_combines(crossings: tuple[Crossing, ...]) -> None:
    levers = Levers(
        openings=(RouteOpening("russia", 1000),), limits=(CrossingLimit("Tumangang-Khasan", 0.5),)
    )
    daily = compile_levers(levers, crossings, 5)
    index = [c.name for c in crossings].index("Tumangang-Khasan")
    assert daily.capacity[:, index].tolist() == [500] * 5


def test_unknown_crossing_is_rejected(crossings: tuple[Crossing, ...]) -> None:
    with pytest.raises(ScenarioError, match="unknown crossing 'Sinuiju-Beijing'"):
        matching_crossings("Sinuiju-Beijing", crossings)


def test_a_closed_crossing_passes_nobody_on_its_closed_days(
    dprk_case: Case, crossings: tuple[Crossing, ...]
) -> None:
    run = _collapse(
        dprk_case,
        crossings,
        Levers(limits=(CrossingLimit("Sinuiju-Dandong", 0.0, DayRange(0, 29)),)),
    )
    index = [c.name for c in crossings].index("Sinuiju-Dandong")
    assert run.arrivals[:30, index].sum() == 0
    assert run.arrivals[30:, index].sum() > 0


def test_capacity_caps_daily_arrivals(dprk_case: Case, crossings: tuple[Crossing, ...]) -> None:
    run = _collapse(dprk_case, crossings, Levers(limits=(CrossingLimit("china", 0.01),)))
    china = np.array([c.kind == "china" for c in crossings])
    caps = np.array([c.capacity_per_day // 100 for c in crossings])
    assert np.all(run.arrivals[:, china] <= caps[china])
    assert run.arrivals[:, china].max() == caps[china].max()


def test_relief_camps_hold_people_and_lower_arrivals_in_china(
    dprk_case: Case, crossings: tuple[Crossing, ...]
) -> None:
    base = accounts_of(_collapse(dprk_case, crossings, Levers()))
    camps = Levers(camps=(ReliefCamp("Sinuiju", 200_000), ReliefCamp("Hyesan", 100_000)))
    with_camps = accounts_of(_collapse(dprk_case, crossings, camps))
    assert with_camps.in_camps[-1] > 100_000
    assert with_camps.crossed_china[-1] < base.crossed_china[-1]


def test_forced_repatriation_lowers_people_in_china(
    dprk_case: Case, crossings: tuple[Crossing, ...]
) -> None:
    base = accounts_of(_collapse(dprk_case, crossings, Levers()))
    sent = accounts_of(_collapse(dprk_case, crossings, Levers(repatriation=(Repatriation(0.02),))))
    assert sent.repatriated[-1] > 0
    assert sent.in_china[-1] < base.in_china[-1] - sent.repatriated[-1] // 2


def test_opening_the_dmz_sends_people_south(
    dprk_case: Case, crossings: tuple[Crossing, ...]
) -> None:
    run = _collapse(dprk_case, crossings, Levers(openings=(RouteOpening("dmz"),)))
    index = [c.name for c in crossings].index("Kaesong-Munsan")
    assert run.arrivals[:, index].sum() > 0
    closed = _collapse(dprk_case, crossings, Levers())
    assert closed.arrivals[:, index].sum() == 0


def test_a_road_closed_in_the_case_closes_it_in_the_scenario(
    dprk_case: Case, crossings: tuple[Crossing, ...]
) -> None:
    cut = replace(
        dprk_case, closures=(*dprk_case.closures, Closure("location", "Manpo", "", 0, -1))
    )
    spec = load_named("dprk-collapse", cut, crossings, days=60)
    run = run_scenario(spec, cut, 2)
    own = outflow_schedule(spec.outflow, cut, 60).leave[:, cut.location_index["Manpo"]].sum()
    through_manpo = run.arrivals[:, [c.name for c in crossings].index("Manpo-Ji'an")].sum()
    assert 0 < through_manpo <= own
    base = _collapse(dprk_case, crossings, Levers())
    assert base.arrivals[:, [c.name for c in crossings].index("Manpo-Ji'an")].sum() > own


def test_resettlement_moves_people_on_from_china_only(
    dprk_case: Case, crossings: tuple[Crossing, ...]
) -> None:
    base = accounts_of(_collapse(dprk_case, crossings, Levers()))
    run = _collapse(dprk_case, crossings, Levers(resettlement=(Resettlement(0.02, DayRange(20)),)))
    moved = accounts_of(run)
    assert moved.moved_on[19] == 0 and moved.moved_on[-1] > 0
    assert moved.in_china[-1] < base.in_china[-1]
    china = {i for i, loc in enumerate(run.case.locations) if loc.country == "China"}
    assert all(int(n) == 0 for i, n in enumerate(run.moved_on_from) if i not in china)
    assert int(run.moved_on_from.sum()) == int(moved.moved_on[-1])
