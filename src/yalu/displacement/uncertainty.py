"""Rule parameters nobody knows exactly, the ranges they are sampled from, and the sampling.

A seeded run shows only the chance in who moves where; the rules' own numbers (how fast
distance discourages a route, how full a camp turns people away, how readily people leave
a town) are known only within a range. An ensemble with parameter uncertainty draws each
run's numbers uniformly within `UNCERTAIN_RULES`, from a stream of the run's own seed, so
its 90% band covers both sources and run i is still reproduced alone from its seed. The
ranges and their reasons are in docs/explanation/simulation-rules.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace

import numpy as np

from yalu.displacement.options import EngineOptions
from yalu.models.displacement import MoveRules, SimSettings


@dataclass(frozen=True, slots=True)
class UncertainRule:
    """One rule parameter and the range its values are drawn from (uniformly).

    Attributes:
        name: `move_rules.<key>` (a simsetting.yml number) or `yalu.<option>` (an engine
            option, `EngineOptions`).
        low: smallest value.
        high: largest value (>= low).
        reason: where the range comes from.
    """

    name: str
    low: float
    high: float
    reason: str


UNCERTAIN_RULES: tuple[UncertainRule, ...] = (
    UncertainRule(
        "move_rules.distance_power",
        1.0,
        1.5,
        "FLEE's 1 and 1.5, the two values the leave-one-case-out grid tries",
    ),
    UncertainRule(
        "move_rules.default_movechance",
        0.2,
        0.4,
        "FLEE's 0.3 give or take a third: a town's daily chance to leave is not measured",
    ),
    UncertainRule(
        "move_rules.max_move_speed",
        200.0,
        360.0,
        "FabFlee's cases use 200 km a day, FLEE's default is 360",
    ),
    UncertainRule(
        "yalu.full_camp_occupancy",
        0.5,
        0.6,
        "the two shares the leave-one-case-out grid tries",
    ),
    UncertainRule(
        "yalu.kin_attraction",
        0.0,
        0.5,
        "leave-one-case-out picks 0 or 0.5 depending on the cases it is chosen on",
    ),
)
"""The rule parameters an ensemble samples, with their ranges."""


def sample_rules(
    settings: SimSettings,
    options: EngineOptions,
    rng: np.random.Generator,
    rules: Sequence[UncertainRule] = UNCERTAIN_RULES,
) -> tuple[SimSettings, EngineOptions, dict[str, float]]:
    """Return settings and options with each uncertain parameter drawn from its range.

    Draws happen in the order of `rules`, one uniform each, so the same generator state
    gives the same values.

    Returns:
        The new settings, the new options, and the drawn values by name.

    Raises:
        ValueError: a name is neither a number of `move_rules` nor an engine option.
    """
    move_names = {f.name for f in fields(MoveRules)}
    option_names = {f.name for f in fields(EngineOptions)}
    moves: dict[str, float] = {}
    chosen: dict[str, float] = {}
    drawn: dict[str, float] = {}
    for rule in rules:
        value = float(rng.uniform(rule.low, rule.high))
        section, _, key = rule.name.partition(".")
        if section == "move_rules" and key in move_names:
            moves[key] = value
        elif section == "yalu" and key in option_names:
            chosen[key] = value
        else:
            raise ValueError(f"{rule.name!r} is not a move_rules number nor an engine option")
        drawn[rule.name] = value
    sampled = replace(settings, move=replace(settings.move, **moves))  # type: ignore[arg-type]
    return sampled, replace(options, **chosen), drawn  # type: ignore[arg-type]


def rule_stream(seed: int) -> np.random.Generator:
    """Return the generator a run's rule parameters are drawn from (not the run's own)."""
    return np.random.default_rng(np.random.SeedSequence(seed).spawn(1)[0])
