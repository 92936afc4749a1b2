"""yalu's named engine options: where yalu departs from FLEE's rules, and how to go back.

`EngineOptions()` holds yalu's defaults, chosen by leave-one-case-out over the five shared
validation cases (`benchmarks/flee_loco.py`); `FLEE_OPTIONS` reproduces FLEE. The numbers,
and the effect of each option, are in docs/explanation/simulation-rules.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from yalu.core.errors import ConfigError


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """Named yalu options; `FLEE_OPTIONS` reproduces FLEE, the defaults validate better.

    Set them in a `yalu:` section of simsetting.yml or with `--option NAME=VALUE`. The
    defaults were chosen by leave-one-case-out over mali2012, burundi2015, car2013,
    mali2017_adm1 and nigeria2016_adm1 (docs/explanation/simulation-rules.md).

    Attributes:
        duplicate_redirected_routes: read a route with a non-zero forced_redirection twice,
            as FLEE's reader does (doubling its weight).
        day0_reduces_capacity: subtract the day-0 camp population from camp capacity, as
            FLEE does (day-0 residents then count twice against capacity). yalu: False.
        min_awareness_level: agents look at least this many link steps ahead, whatever
            `awareness_level` says. FLEE: 0 (the setting alone decides); yalu: 3.
        next_hop_choice: choose only the next link, weighting each by the best path that
            starts with it, and decide again at every stop (FLEE 1/2's rule) instead of
            committing to a whole path (FLEE 3).
        smooth_capacity: a camp's pull falls linearly with occupancy from empty to full
            (1 - residents / capacity) instead of FLEE's 1 up to `capacity_buffer`, then a
            steep fall to 0 at capacity.
        full_camp_occupancy: a mover whose chosen path ends at a camp fuller than this
            share of its capacity stays put. 0 = FLEE's test (FLEE's capacity factor below
            0.5, i.e. more than (1 + capacity_buffer) / 2 full); yalu: 0.5.
        full_camp_room: apply `full_camp_occupancy` to the room a camp had on day 0: it
            turns movers away once newcomers fill that share of the places that were free,
            so a camp that starts near capacity still takes its share of the new arrivals.
            FLEE: False (occupancy of the whole capacity); yalu: True.
        stay_in_camps: people who reached a camp stay there (its daily move chance is 0)
            instead of leaving with `camp_movechance` (FLEE's 0.001 a day, which empties a
            camp by almost a third in a year). FLEE: False; yalu: True.
        kin_attraction: a camp's score is multiplied by (1 + people there) to this power,
            so that newcomers follow those already there (0 = off, FLEE and yalu).
    """

    duplicate_redirected_routes: bool = True
    day0_reduces_capacity: bool = False
    min_awareness_level: float = 3.0
    next_hop_choice: bool = False
    smooth_capacity: bool = False
    full_camp_occupancy: float = 0.5
    full_camp_room: bool = True
    stay_in_camps: bool = True
    kin_attraction: float = 0.0


FLEE_OPTIONS = EngineOptions(
    day0_reduces_capacity=True,
    min_awareness_level=0.0,
    smooth_capacity=False,
    full_camp_occupancy=0.0,
    full_camp_room=False,
    stay_in_camps=False,
    kin_attraction=0.0,
)
"""Options under which yalu follows FLEE's rules exactly (the documented baseline)."""


def parse_options(values: Mapping[str, object], base: EngineOptions | None = None) -> EngineOptions:
    """Return `base` (or the defaults) with `values` applied, converting strings.

    Raises:
        ConfigError: an unknown option name or a value of the wrong type.
    """
    options = base or EngineOptions()
    known = {f.name: f for f in fields(EngineOptions)}
    changes: dict[str, object] = {}
    for name, raw in values.items():
        key = name.replace("-", "_")
        if key not in known:
            raise ConfigError(
                f"unknown engine option '{name}'", hint=f"Use one of: {', '.join(known)}"
            )
        current = getattr(options, key)
        try:
            changes[key] = _convert(raw, type(current))
        except ValueError as exc:
            raise ConfigError(
                f"option {name}={raw!r} is not a {type(current).__name__}",
                hint="Use true/false for switches and a number otherwise",
            ) from exc
    return replace(options, **changes)  # type: ignore[arg-type]


def _convert(raw: object, kind: type) -> object:
    """Convert `raw` (often a string) to bool or float."""
    if kind is bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int | float) and raw in (0, 1):
            return bool(raw)
        text = str(raw).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise ValueError(text)
    return float(raw)  # type: ignore[arg-type]
