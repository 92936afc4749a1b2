"""Read YAML keeping the line of every value, so errors can point at `file:line`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from yalu.core.errors import ScenarioError

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
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScenarioError("cannot read the scenario file", path=path,
                            hint="Check the path, or run `yalu simulate scenarios`") from exc  # fmt: skip
    try:
        node = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ScenarioError(f"not valid YAML: {getattr(exc, 'problem', exc)}", path=path,
                            line=line, hint="Fix the indentation or quoting") from exc  # fmt: skip
    lines: dict[Key, int] = {}
    if node is None:
        return {}, lines
    return _convert(node, (), lines), lines
