from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from yalu.core.errors import ConfigError
from yalu.displacement.options import FLEE_OPTIONS, EngineOptions, parse_options
from yalu.displacement.rules import Rules, capacity_multipliers, full_thresholds
from yalu.models.displacement import MoveRules, SimSettings, SpawnRules


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
    settings = SimSettings(move=MoveRules(awareness_level=3))
    assert Rules.from_settings(settings, EngineOptions()).awareness_level == 3
    assert Rules.from_settings(SimSettings(), EngineOptions()).awareness_level == 2
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
