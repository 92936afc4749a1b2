from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.displacement.builders import make_case, place
from tests.paths import FIXTURES
from yalu.core.errors import ConfigError
from yalu.displacement import run_case
from yalu.displacement.network import build_network
from yalu.displacement.options import FLEE_OPTIONS, EngineOptions, parse_options
from yalu.displacement.rules import (
    Rules,
    base_movechances,
    capacity_multipliers,
    full_thresholds,
    kin_scores,
)
from yalu.formats.flee import read_case
from yalu.models.displacement import MoveRules, SimSettings, SpawnRules


def test_switches_accept_numbers_zero_and_one() -> None:
    options = parse_options({"stay_in_camps": 0.0, "full_camp_room": 1})
    assert options.stay_in_camps is False
    assert options.full_camp_room is True


def test_options_parse_strings_and_keep_other_values() -> None:
    options = parse_options({"smooth-capacity": "true", "min_awareness_level": "3"})
    assert options.smooth_capacity is True
    assert options.min_awareness_level == 3.0
    assert options.duplicate_redirected_routes is True


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"warp": "1"}, "unknown engine option 'warp'"),
        ({"smooth_capacity": "maybe"}, "is not a bool"),
    ],
)
def test_bad_options_are_config_errors(values: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_options(values)


def test_min_awareness_raises_but_never_lowers_the_setting() -> None:
    settings = SimSettings(move=MoveRules(awareness_level=4))
    assert Rules.from_settings(settings, EngineOptions()).awareness_level == 4
    assert Rules.from_settings(SimSettings(), EngineOptions()).awareness_level == 3
    assert Rules.from_settings(SimSettings(), FLEE_OPTIONS).awareness_level == 1


@pytest.mark.parametrize(
    ("settings", "name"),
    [
        (SimSettings(move=MoveRules(start_on_foot=True)), "move_rules.start_on_foot"),
        (SimSettings(move=MoveRules(avoid_short_stints=True)), "move_rules.avoid_short_stints"),
        (
            SimSettings(spawn=SpawnRules(take_from_population=True)),
            "spawn_rules.take_from_population",
        ),
    ],
)
def test_unsupported_flee_rule_is_refused(settings: SimSettings, name: str) -> None:
    with pytest.raises(ConfigError, match=name):
        Rules.from_settings(settings)


def test_flee_capacity_rule_is_flat_then_falls_to_zero_at_capacity() -> None:
    rules = Rules(options=FLEE_OPTIONS)
    residents = np.array([0, 90, 95, 100, 150, 5])
    capacity = np.array([100, 100, 100, 100, 100, -1])
    factor = capacity_multipliers(rules, residents, capacity)
    assert factor.tolist() == pytest.approx([1.0, 1.0, 0.5, 0.0, 0.0, 1.0])


@given(st.integers(0, 10_000), st.integers(-1, 5_000), st.booleans())
def test_capacity_factor_stays_in_unit_interval(
    residents: int, capacity: int, smooth: bool
) -> None:
    rules = Rules(options=EngineOptions(smooth_capacity=smooth))
    factor = capacity_multipliers(rules, np.array([residents]), np.array([capacity]))
    assert 0.0 <= factor[0] <= 1.0
    if capacity < 1:
        assert factor[0] == 1.0


def test_full_camp_test_follows_flee_or_the_occupancy_option() -> None:
    residents = np.array([94, 96, 61, 59, 500])
    capacity = np.array([100, 100, 100, 100, -1])
    camps = np.ones(5, dtype=bool)
    flee = residents > full_thresholds(Rules(options=FLEE_OPTIONS), camps, capacity)
    assert flee.tolist() == [False, True, False, False, False]
    yalu_rules = Rules(options=EngineOptions(full_camp_occupancy=0.6))
    yalu = residents > full_thresholds(yalu_rules, camps, capacity)
    assert yalu.tolist() == [True, True, True, False, False]


def test_people_in_camps_stay_unless_flee_rules_apply() -> None:
    case = make_case(
        [place("A", "conflict_zone"), place("C", "camp", capacity=10)], [("A", "C", 5)]
    )
    network = build_network(case)
    assert base_movechances(network, Rules()).tolist() == [1.0, 0.0]
    assert base_movechances(network, Rules(options=FLEE_OPTIONS)).tolist() == [1.0, 0.001]


def test_camp_population_never_falls_when_people_stay_in_camps() -> None:
    case = read_case(FIXTURES / "flee" / "tiny_case")
    camps = run_case(case, seed=2).population[:, case.camp_indices].sum(axis=1)
    assert (np.diff(camps) >= 0).all()


def test_full_camp_room_measures_the_share_from_the_day0_residents() -> None:
    is_camp = np.array([True, True, False])
    capacity = np.array([100, 100, -1])
    day0 = np.array([80, 0, 0])
    rules = Rules(options=EngineOptions(full_camp_occupancy=0.5))
    assert full_thresholds(rules, is_camp, capacity, day0).tolist() == [90.0, 50.0, np.inf]
    whole = Rules(options=EngineOptions(full_camp_occupancy=0.5, full_camp_room=False))
    assert full_thresholds(whole, is_camp, capacity, day0).tolist() == [50.0, 50.0, np.inf]
    assert full_thresholds(rules, is_camp, capacity).tolist() == [50.0, 50.0, np.inf]


def test_kin_attraction_raises_the_pull_of_camps_with_people() -> None:
    scores = np.array([1.0, 1.0, 1.0])
    is_camp = np.array([True, True, False])
    here = np.array([3, 0, 99])
    pulled = kin_scores(Rules(options=EngineOptions(kin_attraction=0.5)), scores, is_camp, here)
    assert pulled.tolist() == [2.0, 1.0, 1.0]
    assert kin_scores(Rules(), scores, is_camp, here).tolist() == [1.0, 1.0, 1.0]
