"""Read and write FLEE's `simsetting.yml` as `SimSettings`.

FLEE reads each value with `int(...)`, `float(...)` or `bool(...)` and silently ignores keys
it does not know, so a file FLEE runs may spell things several ways. yalu reads every
spelling FLEE runs (`ALTERNATIVE_KEYS`, `read_value`):

* numbers written as text (`max_move_speed: "200"`), and whole-number settings written
  with a fraction (`awareness_level: 1.5` is 1, as FLEE's `int()` makes it; logged);
* switches written as 0/1 or as quoted words (`start_on_foot: "False"`): yalu reads the
  word's meaning and logs a warning, since FLEE's `bool("False")` is True;
* `conflict_spawn_decay` as a list or as a mapping from step number to multiplier;
* both spellings of keys FLEE has renamed (`empty_camps_on_day0` / `EmptyCampsOnDay0`,
  FLEE's own `camps_are_sicks` / `camps_are_sinks`).

Keys yalu does not know are logged with the nearest known spelling; a value neither FLEE
nor yalu can read (`awareness_level: high`) is refused with the file and line.
"""

from __future__ import annotations

import difflib
import logging
import math
from collections.abc import Mapping
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import Any

import yaml

from yalu.core.errors import CaseFormatError
from yalu.formats.input_file import read_utf8
from yalu.models.displacement import MoveRules, SimSettings, SpawnRules

logger = logging.getLogger(__name__)

SECTIONS = ("log_levels", "spawn_rules", "move_rules", "optimisations")

# Keys FLEE reads that yalu keeps (in `extra`) without modelling them.
_OTHER_KEYS: Mapping[str, frozenset[str]] = {
    "": frozenset({"number_of_steps", "conflict_input_file", "yalu", *SECTIONS}),
    "log_levels": frozenset(
        {"agent", "link", "camp", "init", "conflict", "idp_totals", "granularity"}
    ),
    "spawn_rules": frozenset(
        {
            "conflict_zone_spawning_only",
            "flood_zone_spawning_only",
            "camps_are_sicks",
            "camps_are_sinks",
            "read_from_agents_csv_file",
            "flood_driven_spawning",
            "flood_driven_spawn_mode",
            "EmptyCampsOnDay0",
            "empty_camps_on_day0",
            "average_social_connectivity",
            "starvation_driven_spawning",
        }
    ),
    "move_rules": frozenset(
        {
            "max_crossing_speed",
            "use_v1_rules",
            "stay_close_to_home",
            "home_distance_power",
            "use_pop_for_loc_weight",
            "pop_power_for_loc_weight",
            "movechance_pop_base",
            "movechance_pop_scale_factor",
            "ChildrenAvoidHazards",
            "BoysTakeRisk",
            "MatchCampEthnicity",
            "MatchTownEthnicity",
            "MatchConflictEthnicity",
            "flood_rules",
        }
    ),
    "optimisations": frozenset({"hasten"}),
}


def _lines_of(text: str) -> dict[tuple[str, str], int]:
    """Map (section, key) and ("", section) to 1-based line numbers in the YAML text."""
    lines: dict[tuple[str, str], int] = {}
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return lines
    if not isinstance(root, yaml.MappingNode):
        return lines
    for key_node, value_node in root.value:
        section = str(key_node.value)
        lines[("", section)] = key_node.start_mark.line + 1
        if isinstance(value_node, yaml.MappingNode):
            for sub_key, _ in value_node.value:
                lines[(section, str(sub_key.value))] = sub_key.start_mark.line + 1
    return lines


_WORDS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}


def _check(value: object, default: object, key: str, *, path: Path, line: int | None) -> object:
    """Return `value` read as `default`'s type, accepting every spelling FLEE runs.

    Raises:
        CaseFormatError: neither FLEE nor yalu can read `value` as that type.
    """
    expected: str
    where = f"{path}:{line or '?'}"
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in _WORDS:
            meaning = _WORDS[value.strip().lower()]
            logger.warning(
                "%s: %s is the text %r, read as %s (FLEE reads any non-empty text as true); "
                "write it unquoted",
                where,
                key,
                value,
                str(meaning).lower(),
            )
            return meaning
        expected = "true or false"
    elif isinstance(default, int):
        number = _as_number(value)
        if number is not None and math.isfinite(number):
            if not float(number).is_integer():
                logger.warning(
                    "%s: %s is %r, read as %d as FLEE's int() does", where, key, value, int(number)
                )
            return int(number)
        expected = "a whole number"
    elif isinstance(default, float):
        number = _as_number(value)
        if number is not None and math.isfinite(number):
            return float(number)
        expected = "a finite number"
    else:
        return value
    raise CaseFormatError(
        f"{key} is {value!r}, not {expected}", path=path, line=line, hint=f"e.g. {key}: {default}"
    )


def _as_number(value: object) -> float | None:
    """Return `value` as a number when FLEE's int()/float() would read it, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def _warn_unknown(section: str, key: str, known: set[str], path: Path, line: int | None) -> None:
    """Log a warning naming an unknown key and its nearest known spelling."""
    guess = difflib.get_close_matches(key, sorted(known), n=1)
    hint = f"; did you mean {guess[0]!r}?" if guess else ""
    where = f"{section}.{key}" if section else key
    logger.warning("%s:%s: unknown setting %s is ignored%s", path, line or "?", where, hint)


def _read_rules(
    data: Mapping[str, Any],
    section: str,
    default: MoveRules | SpawnRules,
    lines: dict[tuple[str, str], int],
    path: Path,
) -> tuple[dict[str, object], dict[str, object]]:
    """Split one section into values for `default`'s fields and everything else."""
    field_names = {f.name for f in fields(default)}
    known = field_names | set(_OTHER_KEYS[section])
    values: dict[str, object] = {}
    other: dict[str, object] = {}
    for key, value in data.items():
        key = str(key)
        line = lines.get((section, key))
        if key not in field_names:
            if key not in known:
                _warn_unknown(section, key, known, path, line)
            other[key] = value
            continue
        if key == "conflict_spawn_decay":
            values[key] = _read_decay(value, path=path, line=line)
        elif key == "conflict_driven_spawning":
            if value is not None and not isinstance(value, Mapping):
                raise CaseFormatError(
                    "conflict_driven_spawning is not a mapping",
                    path=path,
                    line=line,
                    hint="Give spawn_mode and displaced_per_conflict_day under it",
                )
            values[key] = dict(value) if value is not None else None
        else:
            values[key] = _check(value, getattr(default, key), key, path=path, line=line)
    return values, other


def _read_decay(value: object, *, path: Path, line: int | None) -> tuple[float, ...] | None:
    """Validate conflict_spawn_decay: a list of numbers, a mapping step -> number, or null.

    FLEE indexes the value by step number, so a mapping with the keys 0, 1, 2, ... works
    there as a list does.
    """
    if value is None:
        return None
    if isinstance(value, Mapping):
        steps = {_as_number(key): item for key, item in value.items()}
        if set(steps) == {float(i) for i in range(len(steps))}:
            value = [steps[float(i)] for i in range(len(steps))]
    if isinstance(value, list) and all(_as_number(v) is not None for v in value):
        return tuple(float(v) for v in value)
    raise CaseFormatError(
        "conflict_spawn_decay is not a list of numbers",
        path=path,
        line=line,
        hint="e.g. conflict_spawn_decay: [1.0, 0.5, 0.25]",
    )


def read_settings(path: Path) -> SimSettings:
    """Read a simsetting.yml.

    Args:
        path: the YAML file.

    Returns:
        Settings with FLEE's defaults for absent keys; unmodelled keys kept in `extra`.

    Raises:
        CaseFormatError: the file is missing, is not YAML mapping sections to mappings, or a
            value has the wrong type.
    """
    if not path.is_file():
        raise CaseFormatError("settings file is missing", path=path, hint="Pass an existing yml")
    text = read_utf8(path, error=CaseFormatError)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise CaseFormatError("settings are not valid YAML", path=path, line=line) from exc
    data = {} if data is None else data
    if not isinstance(data, dict):
        raise CaseFormatError("settings are not a YAML mapping", path=path, line=1)
    lines = _lines_of(text)
    sections: dict[str, Mapping[str, Any]] = {}
    extra: dict[str, object] = {}
    for key, value in data.items():
        key = str(key)
        if key not in _OTHER_KEYS[""]:
            _warn_unknown("", key, set(_OTHER_KEYS[""]), path, lines.get(("", key)))
        if key in SECTIONS and value is not None:
            if not isinstance(value, dict):
                raise CaseFormatError(
                    f"section {key} is not a mapping", path=path, line=lines.get(("", key))
                )
            sections[key] = value
        elif key not in SECTIONS:
            extra[key] = value
    move_values, move_other = _read_rules(
        sections.get("move_rules", {}), "move_rules", MoveRules(), lines, path
    )
    spawn_values, spawn_other = _read_rules(
        sections.get("spawn_rules", {}), "spawn_rules", SpawnRules(), lines, path
    )
    optimisations = dict(sections.get("optimisations", {}))
    hasten = _check(
        optimisations.pop("hasten", 1),
        1,
        "hasten",
        path=path,
        line=lines.get(("optimisations", "hasten")),
    )
    if not isinstance(hasten, int) or hasten < 1:
        raise CaseFormatError(
            f"hasten is {hasten!r}, not a whole number >= 1",
            path=path,
            line=lines.get(("optimisations", "hasten")),
        )
    log_levels = dict(sections.get("log_levels", {}))
    for section, values in (("optimisations", optimisations), ("log_levels", log_levels)):
        for key in values:
            if key not in _OTHER_KEYS[section]:
                known = set(_OTHER_KEYS[section])
                _warn_unknown(section, key, known, path, lines.get((section, key)))
    for key in ("empty_camps_on_day0", "EmptyCampsOnDay0"):
        if spawn_other.get(key) not in (None, False, 0, "false", "False"):
            logger.warning(
                "%s:%s: spawn_rules.%s is not modelled (nor by FLEE 3.1): camps start with "
                "their day-0 counts",
                path,
                lines.get(("spawn_rules", key)) or "?",
                key,
            )
    for name, other in (
        ("log_levels", log_levels),
        ("move_rules", move_other),
        ("spawn_rules", spawn_other),
        ("optimisations", optimisations),
    ):
        if other:
            extra[name] = other
    return SimSettings(
        move=replace(MoveRules(), **move_values),  # type: ignore[arg-type]
        spawn=replace(SpawnRules(), **spawn_values),  # type: ignore[arg-type]
        hasten=hasten,
        extra=extra,
    )


def settings_to_dict(settings: SimSettings) -> dict[str, object]:
    """Return the YAML document for `settings` (every modelled key written explicitly)."""
    move = asdict(settings.move)
    spawn = asdict(settings.spawn)
    if spawn["conflict_spawn_decay"] is not None:
        spawn["conflict_spawn_decay"] = list(spawn["conflict_spawn_decay"])
    if spawn["conflict_driven_spawning"] is None:
        del spawn["conflict_driven_spawning"]
    else:
        spawn["conflict_driven_spawning"] = dict(spawn["conflict_driven_spawning"])
    extra = dict(settings.extra)
    document: dict[str, object] = {}
    if "log_levels" in extra:
        document["log_levels"] = extra.pop("log_levels")
    spawn.update(_as_dict(extra.pop("spawn_rules", {})))
    move.update(_as_dict(extra.pop("move_rules", {})))
    optimisations = {"hasten": settings.hasten, **_as_dict(extra.pop("optimisations", {}))}
    document.update(spawn_rules=spawn, move_rules=move, optimisations=optimisations)
    document.update(extra)
    return document


def _as_dict(value: object) -> dict[str, object]:
    """Return `value` as a dict (an empty one when it is not a mapping)."""
    return {str(k): v for k, v in value.items()} if isinstance(value, Mapping) else {}


def write_settings(settings: SimSettings, path: Path) -> None:
    """Write `settings` as a simsetting.yml that `read_settings` reads back equal."""
    text = yaml.safe_dump(settings_to_dict(settings), sort_keys=False, default_flow_style=False)
    path.write_text(text, encoding="utf-8")
