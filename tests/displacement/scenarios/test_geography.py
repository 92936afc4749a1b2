"""The shipped DPRK case: complete, sourced, with the crossings the issue names."""

from __future__ import annotations

import csv

from yalu.displacement.scenarios.geography import dprk_case_path, haversine_km
from yalu.models.displacement import Case
from yalu.models.scenarios import Crossing

CHINESE = {
    "Sinuiju-Dandong",
    "Manpo-Ji'an",
    "Hyesan-Changbai",
    "Namyang-Tumen",
    "Hoeryong-Sanhe",
    "Musan-Nanping",
    "Onsong-Tumen",
    "Rason-Hunchun",
}


def _sources() -> list[dict[str, str]]:
    with (dprk_case_path() / "sources.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_case_has_every_named_crossing_and_the_closed_routes(
    crossings: tuple[Crossing, ...],
) -> None:
    names = {c.name for c in crossings}
    assert names >= CHINESE
    kinds = {c.kind for c in crossings}
    assert kinds == {"china", "russia", "dmz", "sea"}
    closed = {c.kind for c in crossings if not c.is_open}
    assert closed == {"russia", "dmz", "sea"}
    assert all(c.is_open for c in crossings if c.kind == "china")


def test_case_places_cities_beyond_the_border_and_by_sea(dprk_case: Case) -> None:
    names = {loc.name for loc in dprk_case.locations}
    assert {"Yanji", "Shenyang", "Vladivostok", "Seoul", "Niigata"} <= names
    assert dprk_case.locations[0].country == "North Korea"


def test_dprk_population_is_the_2008_census_household_total(dprk_case: Case) -> None:
    home = sum(loc.population for loc in dprk_case.locations if loc.country == "North Korea")
    assert home == 24_052_231 - 702_372


def test_every_population_coordinate_distance_and_capacity_has_a_source(dprk_case: Case) -> None:
    rows = {(r["table"], r["row"], r["field"]): r for r in _sources()}
    for loc in dprk_case.locations:
        assert rows[("location", loc.name, "population")]["value"] == str(loc.population)
        assert ("location", loc.name, "latitude,longitude") in rows
    for route in dprk_case.routes:
        key = route.attributes.get("crossing") or f"{route.start}-{route.end}"
        assert float(rows[("route", key, "distance_km")]["value"]) == route.distance_km
    assert all(r["basis"] and r["source"] for r in rows.values())


def test_route_distances_are_great_circle_times_a_factor_above_one(dprk_case: Case) -> None:
    places = {loc.name: loc for loc in dprk_case.locations}
    for route in dprk_case.routes:
        direct = haversine_km(places[route.start], places[route.end])
        assert route.distance_km >= min(direct, 1.0) - 0.05
        assert route.distance_km <= max(direct * 1.31, 1.0) + 0.05


def test_haversine_gives_pyongyang_to_sinuiju_about_170_km(dprk_case: Case) -> None:
    places = {loc.name: loc for loc in dprk_case.locations}
    assert 160 < haversine_km(places["Pyongyang"], places["Sinuiju"]) < 185
