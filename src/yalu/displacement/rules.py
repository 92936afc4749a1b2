"""FLEE's movement rules as array operations: move chances, location scores, path weights.

Each function applies one rule to every location or candidate path at once. `Rules` holds
the numbers from `simsetting.yml` (`MoveRules`, `SpawnRules`) plus yalu's named engine
options (`EngineOptions`, see `yalu.displacement.options`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields

import numpy as np

from yalu.core.errors import ConfigError
from yalu.displacement.network import (
    CAMP,
    CONFLICT,
    FORWARD,
    IDPCAMP,
    MARKER,
    BoolArray,
    Network,
)
from yalu.displacement.options import EngineOptions, parse_options
from yalu.models.displacement import (
    Counts,
    FloatArray,
    IntArray,
    MoveRules,
    SimSettings,
    SpawnRules,
)

_FLEE = MoveRules()
"""FLEE's defaults, the one place their numbers are written."""
_FLEE_SPAWN = SpawnRules()


@dataclass(frozen=True, slots=True)
class Rules:
    """Every number the engine needs from the settings, flattened.

    Attributes mirror `MoveRules` (FLEE's names, without the section) plus the spawn decay,
    the scale-down factor `hasten` and `options`.
    """

    conflict_movechance: float = _FLEE.conflict_movechance
    default_movechance: float = _FLEE.default_movechance
    camp_movechance: float = _FLEE.camp_movechance
    idpcamp_movechance: float = _FLEE.idpcamp_movechance
    max_move_speed: float = _FLEE.max_move_speed
    camp_weight: float = _FLEE.camp_weight
    foreign_weight: float = _FLEE.foreign_weight
    conflict_weight: float = _FLEE.conflict_weight
    awareness_level: int = _FLEE.awareness_level
    capacity_buffer: float = _FLEE.capacity_buffer
    capacity_scaling: float = _FLEE.capacity_scaling
    softening: float = _FLEE.softening
    weight_softening: float = _FLEE.weight_softening
    distance_power: float = _FLEE.distance_power
    weight_power: float = _FLEE.weight_power
    spawn_decay: tuple[float, ...] | None = None
    spawn_decay_interval: int = _FLEE_SPAWN.conflict_spawn_decay_interval
    hasten: int = 1
    options: EngineOptions = field(default_factory=EngineOptions)

    @classmethod
    def from_settings(cls, settings: SimSettings, options: EngineOptions | None = None) -> Rules:
        """Build rules from `settings`; options from its `yalu:` section unless given.

        Raises:
            ConfigError: a rule yalu cannot reproduce exactly is switched on.
        """
        move = settings.move
        refused = {
            "move_rules.avoid_short_stints": move.avoid_short_stints,
            "move_rules.start_on_foot": move.start_on_foot,
            "spawn_rules.take_from_population": settings.spawn.take_from_population,
        }
        for name, is_on in refused.items():
            if is_on:
                raise ConfigError(
                    f"{name} is not supported by yalu's engine", hint="Set it to False"
                )
        if options is None:
            section = settings.extra.get("yalu")
            options = parse_options(section if isinstance(section, Mapping) else {})
        shared = {f.name for f in fields(cls)} & {f.name for f in fields(type(move))}
        values = {name: getattr(move, name) for name in shared}
        values["awareness_level"] = max(move.awareness_level, int(options.min_awareness_level))
        return cls(
            **values,
            spawn_decay=settings.spawn.conflict_spawn_decay,
            spawn_decay_interval=settings.spawn.conflict_spawn_decay_interval,
            hasten=max(int(settings.hasten), 1),
            options=options,
        )


def base_movechances(network: Network, rules: Rules) -> FloatArray:
    """Return each location's daily move chance by kind, before any conflict starts.

    Conflict zones with a later `conflict_date` start as towns, as in FLEE; camps keep
    their people under `stay_in_camps`.
    """
    kind = network.kind
    chance = np.full(network.size, rules.default_movechance)
    chance[kind == CAMP] = camp_movechance(rules)
    chance[kind == IDPCAMP] = rules.idpcamp_movechance
    chance[(kind == FORWARD) | (kind == MARKER)] = 1.0
    chance[(kind == CONFLICT) & (network.conflict_date <= 0)] = rules.conflict_movechance
    return chance


def camp_movechance(rules: Rules) -> float:
    """Return a camp's daily move chance: 0 under `stay_in_camps`, else `camp_movechance`."""
    return 0.0 if rules.options.stay_in_camps else rules.camp_movechance


def conflict_decay(rules: Rules, day: int, onset: IntArray) -> FloatArray:
    """Return the spawn-decay multiplier of each location `day - onset` days into a conflict."""
    if not rules.spawn_decay:
        return np.ones(onset.shape)
    steps = np.asarray(rules.spawn_decay, dtype=np.float64)
    since = np.maximum(day - onset, 0) // max(rules.spawn_decay_interval, 1)
    decay: FloatArray = steps[np.minimum(since, steps.size - 1)]
    return decay


def location_scores(
    rules: Rules, network: Network, is_camp: BoolArray, intensity: FloatArray, decay: FloatArray
) -> FloatArray:
    """Return each location's score: foreign x camp x conflict_weight^(intensity x decay)."""
    score = np.where(network.is_foreign, rules.foreign_weight, 1.0)
    score = score * np.where(is_camp, rules.camp_weight, 1.0)
    in_conflict = intensity > 0.0
    return np.where(
        in_conflict, score * rules.conflict_weight ** (intensity * decay), score
    ).astype(np.float64)


def capacity_multipliers(rules: Rules, residents: IntArray, capacity: IntArray) -> FloatArray:
    """Return 1 below `capacity_buffer` x capacity, 0 at capacity, linear in between.

    Locations with a scaled capacity below 1 are unlimited (multiplier 1), as in FLEE.
    """
    cap = capacity * rules.capacity_scaling
    limited = cap >= 1.0
    safe_cap = np.where(limited, cap, 1.0)
    if rules.options.smooth_capacity:
        return np.where(limited, np.clip(1.0 - residents / safe_cap, 0.0, 1.0), 1.0)
    buffer = rules.capacity_buffer * safe_cap
    span = np.maximum(safe_cap - buffer, 1e-12)
    linear = np.clip(1.0 - (residents - buffer) / span, 0.0, 1.0)
    full = np.where(residents >= safe_cap, 0.0, linear)
    return np.where(limited & (residents > buffer), full, 1.0)


def crowding_thresholds(rules: Rules, capacity: IntArray) -> FloatArray:
    """Return residents above which each location's capacity factor falls below 1.

    Infinite where capacity is unlimited; 0 for limited locations under `smooth_capacity`.
    """
    cap = capacity * rules.capacity_scaling
    share = 0.0 if rules.options.smooth_capacity else rules.capacity_buffer
    return np.where(cap >= 1.0, share * cap, np.inf)


def full_thresholds(
    rules: Rules, is_camp: BoolArray, capacity: IntArray, day0: Counts | None = None
) -> FloatArray:
    """Return residents above which a camp turns away movers who chose it (see options).

    FLEE's test is its capacity factor below 0.5, i.e. more than (1 + capacity_buffer) / 2
    of capacity; `full_camp_occupancy` > 0 replaces that share. Under `full_camp_room` the
    share applies to the room left by the day-0 residents `day0`:
    day0 + share x (capacity - day0). Infinite for non-camps and unlimited camps.
    """
    share = rules.options.full_camp_occupancy
    if share <= 0.0:
        share = (1.0 + rules.capacity_buffer) / 2.0
    cap = capacity * rules.capacity_scaling
    limit = share * cap
    if rules.options.full_camp_room and day0 is not None:
        limit = day0 + share * np.maximum(cap - day0, 0.0)
    return np.where(is_camp & (cap >= 1.0), limit, np.inf)


def kin_scores(rules: Rules, scores: FloatArray, is_camp: BoolArray, here: Counts) -> FloatArray:
    """Return `scores` with camps' multiplied by (1 + people there)^kin_attraction."""
    if rules.options.kin_attraction <= 0.0:
        return scores
    pull = (1.0 + here.astype(np.float64)) ** rules.options.kin_attraction
    return np.where(is_camp, scores * pull, scores)


def path_weights(
    rules: Rules,
    network: Network,
    scores: FloatArray,
    capacity_factor: FloatArray,
    is_open: BoolArray,
) -> FloatArray:
    """Return each candidate path's weight; 0 for paths using a closed link.

    weight = ((weight_softening + score(end)) / (softening + km)^distance_power
    x capacity_factor(end))^weight_power; with awareness level 0 every open single-link path
    weighs 1 (a random neighbour).
    """
    if rules.awareness_level == 0:
        return is_open.astype(np.float64)
    end = network.path_end
    distance = (rules.softening + network.path_km) ** rules.distance_power
    weight = (rules.weight_softening + scores[end]) / distance * capacity_factor[end]
    return np.where(is_open, weight**rules.weight_power, 0.0)


def next_hop_weights(
    network: Network, weights: FloatArray, is_open: BoolArray
) -> tuple[FloatArray, BoolArray]:
    """Return weights and open flags for choosing only the next link (`next_hop_choice`).

    Each single-link path gets the best weight among open paths starting with its link;
    longer paths get weight 0 and are not candidates.
    """
    first = network.path_links[:, 0]
    best = np.zeros(network.link_start.size)
    np.maximum.at(best, first, np.where(is_open, weights, 0.0))
    single: BoolArray = np.ones(first.size, dtype=bool)
    if network.path_links.shape[1] > 1:
        single = network.path_links[:, 1] < 0
    return np.where(single, best[first], 0.0), np.logical_and(is_open, single)


def open_paths(network: Network, link_open: BoolArray) -> BoolArray:
    """Return True for paths whose every link is open."""
    links = network.path_links
    usable = np.where(links >= 0, link_open[np.maximum(links, 0)], True)
    return np.asarray(usable.all(axis=1), dtype=bool)


def choice_probabilities(
    network: Network, weights: FloatArray, is_open: BoolArray
) -> tuple[FloatArray, BoolArray]:
    """Return per-origin path probabilities (rows of `path_table`) and which origins can move.

    Rows whose open paths all weigh 0 fall back to equal chances among the open paths, as
    FLEE's normalisation does; origins without any open path cannot move.
    """
    table = network.path_table
    valid = table >= 0
    safe = np.maximum(table, 0)
    row_open: BoolArray = np.zeros(table.shape, dtype=bool)
    row_weight: FloatArray = np.zeros(table.shape)
    if is_open.size:
        row_open = valid & is_open[safe]
        row_weight = np.where(row_open, weights[safe], 0.0)
    total = row_weight.sum(axis=1, keepdims=True)
    uniform = row_open / np.maximum(row_open.sum(axis=1, keepdims=True), 1)
    probs: FloatArray = np.where(
        total > 0.0, row_weight / np.where(total > 0.0, total, 1.0), uniform
    )
    return probs, np.asarray(row_open.any(axis=1), dtype=bool)


@dataclass(frozen=True, slots=True)
class ChoiceTable:
    """One day's candidate paths by origin (rows of `Network.path_table`), before capacity.

    Attributes:
        base: path weight with a capacity factor of 1, 0 where not a candidate, shape (L, D).
        end: endpoint of each cell's path (0 where none), shape (L, D).
        candidate: True where the cell is an open candidate path, shape (L, D).
        count: candidates per origin, shape (L,); origins with none cannot move.
    """

    base: FloatArray
    end: IntArray
    candidate: BoolArray
    count: IntArray


def choice_table(
    rules: Rules, network: Network, scores: FloatArray, is_open: BoolArray
) -> ChoiceTable:
    """Return the day's candidate rows; capacity factors are applied per draw."""
    table = network.path_table
    safe = np.maximum(table, 0)
    ones = np.ones(network.size)
    candidate = (table >= 0) & is_open[safe] if is_open.size else np.zeros(table.shape, bool)
    base = path_weights(rules, network, scores, ones, is_open) if is_open.size else ones[:0]
    return ChoiceTable(
        base=np.where(candidate, base[safe] if base.size else 0.0, 0.0),
        end=network.path_end[safe] if is_open.size else np.zeros(table.shape, np.int64),
        candidate=candidate,
        count=candidate.sum(axis=1),
    )


def row_probabilities(
    rules: Rules, table: ChoiceTable, origins: IntArray, factor: FloatArray
) -> FloatArray:
    """Return path probabilities for agents at `origins` given capacity factors, (G, D).

    weight = base x factor(end)^weight_power (awareness 0: factors are ignored); rows whose
    candidates all weigh 0 give equal chances to the candidates, as FLEE does.
    """
    weight = table.base[origins]
    if rules.awareness_level > 0:
        weight = weight * factor[table.end[origins]] ** rules.weight_power
    total = weight.sum(axis=1, keepdims=True)
    uniform = table.candidate[origins] / np.maximum(table.count[origins], 1)[:, None]
    probs: FloatArray = np.where(total > 0.0, weight / np.where(total > 0.0, total, 1.0), uniform)
    return probs
