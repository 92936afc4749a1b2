"""The scenarios shipped with yalu (`data/scenarios/*.yml`) and loading one by name or path."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from yalu.core.errors import NotFoundError
from yalu.displacement.scenarios.schema import load_scenario
from yalu.models.displacement import Case
from yalu.models.scenarios import Crossing, ScenarioSpec


def scenarios_folder() -> Path:
    """Return the folder of the shipped scenario files."""
    return Path(str(resources.files("yalu.displacement.scenarios") / "data" / "scenarios"))


def scenario_names() -> tuple[str, ...]:
    """Return the names of the shipped scenarios, sorted."""
    return tuple(sorted(path.stem for path in scenarios_folder().glob("*.yml")))


def scenario_file(name_or_path: str) -> Path:
    """Return the file of a shipped scenario name, or `name_or_path` if it is a file.

    Raises:
        NotFoundError: neither a shipped name nor an existing file.
    """
    path = Path(name_or_path)
    if path.suffix in (".yml", ".yaml") and path.is_file():
        return path
    shipped = scenarios_folder() / f"{name_or_path}.yml"
    if shipped.is_file():
        return shipped
    raise NotFoundError(
        f"unknown scenario {name_or_path!r}",
        hint=f"Use one of: {', '.join(scenario_names())}; or a path to a .yml file",
    )


def load_named(
    name_or_path: str, case: Case, crossings: tuple[Crossing, ...], *, days: int | None = None
) -> ScenarioSpec:
    """Load a shipped scenario by name, or a scenario file by path, checked against `case`."""
    return load_scenario(scenario_file(name_or_path), case, crossings, days=days)
