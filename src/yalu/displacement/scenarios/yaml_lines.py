"""Read YAML keeping the line of every value, and read typed fields with `file:line` errors."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn, cast

import yaml

from yalu.core.errors import ScenarioError
from yalu.formats.input_file import read_utf8
from yalu.models.scenarios import DayRange

Key = tuple[str | int, ...]
"""Where a value sits: ("levers", "close", 0, "crossing")."""


def _convert(node: yaml.Node, key: Key, lines: dict[Key, int]) -> Any:
    """Return the Python value of `node`, recording 1-based lines under `key`."""
    lines[key] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for name_node, value_node in node.value:
            name = str(name_node.value)
            result[name] = _convert(value_node, (*key, name), lines)
            lines[(*key, name)] = name_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*key, i), lines) for i, item in enumerate(node.value)]
    return yaml.safe_load(yaml.serialize(node))


def read_yaml_lines(path: Path) -> tuple[Any, dict[Key, int]]:
    """Return the document in `path` and the line of each key.

    Raises:
        ScenarioError: the file is missing or is not valid YAML.
    """
    if not path.is_file():
        raise ScenarioError(
            "cannot read the scenario file",
            path=path,
            hint="Check the path, or run `yalu simulate scenarios`",
        )
    text = read_utf8(path, error=ScenarioError)
    try:
        node = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ScenarioError(
            f"not valid YAML: {getattr(exc, 'problem', exc)}",
            path=path,
            line=line,
            hint="Fix the indentation or quoting",
        ) from exc
    lines: dict[Key, int] = {}
    if node is None:
        return {}, lines
    return _convert(node, (), lines), lines


class Reader:
    """Typed access to a parsed YAML document, raising one-line errors with the line."""

    def __init__(self, path: Path | str, lines: Mapping[Key, int], days: int = 0) -> None:
        self.path, self.lines, self.days = path, lines, days

    def fail(self, key: Key, problem: str, hint: str) -> NoReturn:
        """Raise ScenarioError at `key`'s line (or the nearest parent's)."""
        where = ".".join(str(k) if isinstance(k, str) else f"[{k}]" for k in key)
        line = next(
            (self.lines[key[:n]] for n in range(len(key), -1, -1) if key[:n] in self.lines), None
        )
        raise ScenarioError(
            f"{where.replace('.[', '[')}: {problem}", path=self.path, line=line, hint=hint
        )

    def number(
        self,
        data: Mapping[str, Any],
        key: Key,
        default: float | None = None,
        *,
        low: float = 0.0,
        high: float | None = None,
        whole: bool = False,
    ) -> float:
        """Return a number in [low, high]; `default` when absent (None: required)."""
        name = cast(str, key[-1])
        if name not in data:
            if default is None:
                self.fail(key, "is missing", f"Add {name}: <number>")
            return default
        value = data[name]
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or (whole and not float(value).is_integer())
        ):
            self.fail(
                key,
                f"{value!r} is not a {'whole ' if whole else ''}number",
                "Use digits, e.g. 1000 or 0.5",
            )
        if value < low or (high is not None and value > high):
            bound = f"between {low:g} and {high:g}" if high is not None else f">= {low:g}"
            self.fail(key, f"{value!r} is out of range", f"Use a value {bound}")
        return float(value)

    def choice(
        self, data: Mapping[str, Any], key: Key, allowed: tuple[str, ...], default: str
    ) -> str:
        """Return `data[key[-1]]` if it is one of `allowed` (`default` when absent)."""
        value = data.get(cast(str, key[-1]), default)
        if value not in allowed:
            self.fail(key, f"{value!r} is not allowed", f"Use one of: {', '.join(allowed)}")
        return cast(str, value)

    def names(self, data: Mapping[str, Any], key: Key) -> tuple[str, ...]:
        """Return a list of strings (empty when absent)."""
        value = data.get(cast(str, key[-1]), [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, "is not a list of names", "Write [Name1, Name2]")
        return tuple(value)

    def mapping(self, value: object, key: Key, known: tuple[str, ...]) -> dict[str, Any]:
        """Return `value` as a mapping with only `known` keys."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(key, "is not a mapping", "Write key: value lines under it")
        for name in value:
            if name not in known:
                self.fail((*key, name), "unknown field", f"Use one of: {', '.join(known)}")
        return value

    def day_range(self, data: Mapping[str, Any], key: Key) -> DayRange:
        """Return a checked inclusive day range (whole run when absent)."""
        raw = data.get("days")
        if raw is None:
            return DayRange()
        last_day = self.days - 1
        if (
            not isinstance(raw, list)
            or len(raw) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in raw)
        ):
            self.fail((*key, "days"), f"{raw!r} is not [first, last]", "Write days: [0, 90]")
        first, last = raw
        if first < 0 or last < first or last > last_day:
            self.fail(
                (*key, "days"),
                f"day range {first}-{last} is outside the run (days 0-{last_day})",
                f"Use 0 <= first <= last <= {last_day}",
            )
        return DayRange(first, last)
