"""Small hand-made cases for engine tests (no files: `Case` values built in memory)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np

from yalu.models.displacement import (
    Case,
    Closure,
    ConflictTable,
    Location,
    MoveRules,
    Route,
    SimSettings,
)


def place(
    name: str,
    kind: str = "town",
    *,
    country: str = "Home",
    population: int = 0,
    capacity: int | None = None,
    conflict_date: int = 0,
) -> Location:
    """Return a location with dummy coordinates."""
    return Location(
        name,
        name,
        country,
        0.0,
        0.0,
        kind,
        conflict_date,
        population,  # type: ignore[arg-type]
        capacity,
    )


def make_case(
    locations: list[Location],
    routes: list[tuple[str, str, float]],
    *,
    days: int = 10,
    closures: tuple[Closure, ...] = (),
    conflicts: dict[str, list[float]] | None = None,
    move: MoveRules | None = None,
) -> Case:
    """Return a case without observed data (nothing spawns unless tests place agents)."""
    table = None
    if conflicts:
        names = tuple(conflicts)
        table = ConflictTable(names, np.array([conflicts[n] for n in names], float).T)
    return Case(
        name="tiny",
        path=Path("tiny"),
        start_date=date(2020, 1, 1),
        length_days=days,
        locations=tuple(locations),
        routes=tuple(Route(a, b, km) for a, b, km in routes),
        closures=closures,
        conflicts=table,
        settings=SimSettings(move=move or MoveRules()),
    )
