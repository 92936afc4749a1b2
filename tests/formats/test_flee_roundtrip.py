"""Every FLEE case yalu can hold survives write_case -> read_case."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yalu.formats.flee import read_case, write_case
from yalu.models.displacement import (
    LOCATION_KINDS,
    Case,
    Closure,
    ConflictTable,
    Location,
    MoveRules,
    ObservedData,
    Route,
    Series,
    SimSettings,
    SpawnRules,
)

NAMES = st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,8}", fullmatch=True)
COORDINATES = st.floats(-90, 90, allow_nan=False)


@st.composite
def series(draw: st.DrawFn) -> Series:
    days = draw(st.lists(st.integers(-30, 60), min_size=1, max_size=6, unique=True))
    values = draw(st.lists(st.integers(0, 10**6), min_size=len(days), max_size=len(days)))
    return Series(np.array(sorted(days), dtype=np.int64), np.array(values, dtype=np.float64))


@st.composite
def cases(draw: st.DrawFn) -> Case:
    names = draw(st.lists(NAMES, min_size=2, max_size=6, unique=True))
    locations = []
    for name in names:
        kind = draw(st.sampled_from(LOCATION_KINDS))
        count = draw(st.integers(0, 10**6))
        is_camp = kind in ("camp", "idpcamp")
        locations.append(
            Location(
                name=name,
                region=draw(NAMES),
                country=draw(st.sampled_from(["Aland", "Bland"])),
                latitude=draw(COORDINATES),
                longitude=draw(COORDINATES),
                kind=kind,
                conflict_date=draw(st.integers(0, 50)),
                population=0 if is_camp else count,
                capacity=draw(st.one_of(st.none(), st.just(count))) if is_camp else None,
            )
        )
    pairs = st.tuples(st.sampled_from(names), st.sampled_from(names))
    routes = [
        Route(a, b, draw(st.floats(0.5, 5000)), draw(st.integers(0, 2)))
        for a, b in draw(st.lists(pairs, max_size=6))
    ]
    closures = [
        Closure("link", a, b, draw(st.integers(0, 9)), draw(st.integers(-1, 20)))
        for a, b in draw(st.lists(pairs, max_size=2))
    ]
    length = draw(st.integers(1, 12))
    conflict_names = tuple(draw(st.lists(st.sampled_from(names), unique=True, max_size=3)))
    intensity = draw(
        st.lists(
            st.floats(0, 5, allow_nan=False),
            min_size=length * len(conflict_names),
            max_size=length * len(conflict_names),
        )
    )
    camps = {loc.name: draw(series()) for loc in locations if loc.kind in ("camp", "idpcamp")}
    return Case(
        name="generated",
        path=Path("generated"),
        start_date=draw(st.dates(date(1990, 1, 1), date(2030, 1, 1))),
        length_days=length,
        locations=tuple(locations),
        routes=tuple(routes),
        closures=tuple(closures),
        conflicts=ConflictTable(
            conflict_names,
            np.array(intensity, dtype=np.float64).reshape(length, len(conflict_names)),
        ),
        observed=ObservedData(total=draw(series()), camps=camps),
        settings=SimSettings(
            move=replace(MoveRules(), max_move_speed=draw(st.floats(1, 1000))),
            spawn=replace(SpawnRules(), conflict_spawn_decay=draw(st.none() | st.just((1.0, 0.5)))),
            hasten=draw(st.integers(1, 20)),
        ),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_any_case_survives_write_then_read(case: Case) -> None:
    with tempfile.TemporaryDirectory() as folder:
        write_case(case, Path(folder) / "case")
        back = read_case(Path(folder) / "case")
    assert back.locations == case.locations
    assert back.routes == case.routes
    assert back.closures == case.closures
    assert back.settings == case.settings
    assert (back.start_date, back.length_days) == (case.start_date, case.length_days)
    assert back.conflicts is not None and case.conflicts is not None
    assert back.conflicts.location_names == case.conflicts.location_names
    np.testing.assert_array_equal(back.conflicts.intensity, case.conflicts.intensity)
    assert back.observed is not None and case.observed is not None
    assert list(back.observed.camps) == list(case.observed.camps)
    for name, original in case.observed.camps.items():
        np.testing.assert_array_equal(back.observed.camps[name].days, original.days)
        np.testing.assert_array_equal(back.observed.camps[name].values, original.values)
    np.testing.assert_array_equal(back.observed.total.values, case.observed.total.values)
