from __future__ import annotations

import numpy as np
import pytest

from tests.paths import FIXTURES
from yalu.displacement import EngineOptions, Scenario, run_one
from yalu.displacement.uncertainty import (
    UNCERTAIN_RULES,
    UncertainRule,
    rule_stream,
    sample_rules,
)
from yalu.formats.flee import read_case
from yalu.models.displacement import SimSettings


def test_drawn_rules_lie_in_their_ranges_and_land_in_settings_and_options() -> None:
    for seed in range(20):
        settings, options, drawn = sample_rules(SimSettings(), EngineOptions(), rule_stream(seed))
        assert set(drawn) == {rule.name for rule in UNCERTAIN_RULES}
        for rule in UNCERTAIN_RULES:
            assert rule.low <= drawn[rule.name] <= rule.high
        assert settings.move.distance_power == drawn["move_rules.distance_power"]
        assert options.full_camp_occupancy == drawn["yalu.full_camp_occupancy"]


def test_the_same_seed_draws_the_same_rules_and_other_seeds_differ() -> None:
    first = sample_rules(SimSettings(), EngineOptions(), rule_stream(7))[2]
    again = sample_rules(SimSettings(), EngineOptions(), rule_stream(7))[2]
    other = sample_rules(SimSettings(), EngineOptions(), rule_stream(8))[2]
    assert first == again
    assert first != other


def test_a_name_that_is_no_rule_is_refused() -> None:
    bad = (UncertainRule("move_rules.warp", 0.0, 1.0, "none"),)
    with pytest.raises(ValueError, match=r"'move_rules\.warp' is not"):
        sample_rules(SimSettings(), EngineOptions(), rule_stream(1), bad)


def test_a_run_with_uncertain_rules_is_reproduced_from_its_seed_alone() -> None:
    case = read_case(FIXTURES / "flee" / "tiny_case")
    widths = (UncertainRule("move_rules.default_movechance", 0.05, 0.95, "test"),)
    scenario = Scenario(case, uncertain_rules=widths)
    first, again = run_one(scenario, 5), run_one(scenario, 5)
    assert np.array_equal(first.population, again.population)
    chances = {scenario.for_run(seed)[0].move.default_movechance for seed in range(5)}
    assert len(chances) == 5
