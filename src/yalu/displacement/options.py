"""yalu's named engine options: where yalu departs from FLEE's rules, and how to go back.

`EngineOptions()` holds yalu's defaults, chosen on the rescaled ARD of mali2012,
burundi2015 and car2013 together; `FLEE_OPTIONS` reproduces FLEE. The numbers are in
docs/explanation/simulation-rules.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from yalu.core.errors import ConfigError


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """Named yalu options; `FLEE_OPTIONS` reproduces FLEE, the defaults validate better.

    Set them in a `yalu:` section of simsetting.yml or with `--option NAME=VALUE`. The
    defaults were chosen on the mean rescaled ARD of mali2012, burundi2015 and car2013
    together (docs/explanation/simulation-rules.md has the numbers).

    Attributes:
        duplicate_redirected_routes: read a route with a non-zero forced_redirection twice,
            as FLEE's reader does (doubling its weight).
        day0_reduces_capacity: subtract the day-0 camp population from camp capacity, as
            FLEE does (day-0 residents then count twice against capacity). yalu: False.
        min_awareness_level: agents look at least this many link steps ahead, whatever
            `awareness_level` says. FLEE: 0 (the setting alone decides); yalu: 2.
        next_hop_choice: choose only the next link, weighting each by the best path that
            starts with it, and decide again at every stop (FLEE 1/2's rule) instead of
            committing to a whole path (FLEE 3).
        smooth_capacity: a camp's pull falls linearly with occupancy from empty to full
            (1 - residents / capacity) instead of FLEE's 1 up to `capacity_buffer`, then a
            steep fall to 0 at capacity.
        full_camp_occupancy: a mover whose chosen path ends at a camp fuller than this
            share of its capacity stays put. 0 = FLEE's test (FLEE's capacity factor below
            0.5, i.e. more than (1 + capacity_buffer) / 2 full); yalu: 0.6.
    """

    duplicate_redirected_routes: bool = True
    day0_reduces_capacity: bool = False
    min_awareness_level: float = 2.0
    next_hop_choice: bool = False
    smooth_capacity: bool = False
    full_camp_occupancy: float = 0.6


FLEE_OPTIONS = EngineOptions(
    day0_reduces_capacity=True,
    min_awareness_level=0.0,
    smooth_capacity=False,
    full_camp_occupancy=0.0,
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
        text = str(raw).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise ValueError(text)
    return float(raw)  # type: ignore[arg-type]
