"""The scenario map: coast, borders and rivers, the model's roads, crossings sized by flow.

The base layers come from a small GeoJSON shipped with yalu (`data/map/korea.geojson`,
extracted from Natural Earth by `scripts/build_dprk_map_layers.py`; public domain, see
`data/map/SOURCES.md`), so drawing the map needs no network. Labels are placed by
textalloc so that none overlaps another label or a marked place; a label with no free
spot is left out rather than drawn over another (the crossings table lists every figure).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

from yalu.core.optional import require
from yalu.displacement.scenarios.charts import OKABE_ITO, pyplot
from yalu.displacement.scenarios.flows import destination_regions
from yalu.displacement.scenarios.tables import ScenarioTables

FRAME = (122.8, 133.4, 36.9, 44.0)
"""West, east, south, north edges (degrees): North Korea, NE China, Primorsky, Seoul."""
ASPECT_LATITUDE = 40.5
SEA, LAND, HOME_LAND = "#dbe8f1", "#efeee9", "#f7ecdc"
BORDER, RIVER, ROAD, REGION = "#3d3d3d", "#1f6fb2", "#a8a8a8", "#7a4a00"
KIND_COLOURS = {
    "china": OKABE_ITO[0],
    "russia": OKABE_ITO[2],
    "dmz": OKABE_ITO[1],
    "sea": OKABE_ITO[4],
}
KIND_LABELS = {"china": "to China", "russia": "to Russia", "dmz": "across the DMZ", "sea": "by sea"}
MARKER_PADDING = 1.1
"""Labels keep this many marker radii (plus a point) away from a marker's centre."""
CITY_LABEL_POPULATION = 500_000
"""Places with more people than this are labelled (crossing towns are named by crossings)."""


@dataclass(frozen=True, slots=True)
class Layer:
    """One feature of the shipped map layers."""

    kind: str
    name: str
    rings: tuple[np.ndarray, ...]


def map_layers() -> list[Layer]:
    """Return the shipped land, border and river features (coordinates: lon, lat)."""
    path = resources.files("yalu.displacement.scenarios") / "data" / "map" / "korea.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        Layer(
            f["properties"]["layer"],
            f["properties"]["name"],
            tuple(_rings(f["geometry"])),
        )
        for f in data["features"]
    ]


def _rings(geometry: dict[str, Any]) -> Iterator[np.ndarray]:
    """Yield each line or polygon outline of a GeoJSON geometry as an (n, 2) array."""
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "LineString":
        yield np.array(coords)
    elif kind in ("MultiLineString", "Polygon"):
        for part in coords if kind == "MultiLineString" else coords[:1]:
            yield np.array(part)
    elif kind == "MultiPolygon":
        for polygon in coords:
            yield np.array(polygon[0])


def _draw_base(ax: Any) -> list[tuple[float, float, str]]:
    """Draw land, borders and rivers; return (lon, lat, name) anchors for river labels."""
    anchors = []
    for layer in map_layers():
        for ring in layer.rings:
            if layer.kind == "land":
                colour = HOME_LAND if layer.name == "North Korea" else LAND
                ax.fill(ring[:, 0], ring[:, 1], color=colour, ec="#8c8c8c", lw=0.4, zorder=1)
            elif layer.kind == "border":
                ax.plot(ring[:, 0], ring[:, 1], color=BORDER, lw=0.9, ls=(0, (4, 2)), zorder=2)
            else:
                ax.plot(ring[:, 0], ring[:, 1], color=RIVER, lw=1.4, zorder=2)
                middle = ring[len(ring) * 2 // 5]
                anchors.append((float(middle[0]), float(middle[1]), layer.name))
    return anchors


def _compact(people: float) -> str:
    """Return a count as short text: 950, 12,300, 1.2 million."""
    if people >= 1e6:
        return f"{people / 1e6:.1f} million"
    return f"{people:,.0f}" if people < 10_000 else f"{round(people, -2):,.0f}"


def marker_area(people: float, largest: float) -> float:
    """Return a crossing marker's area in points² (area proportional to people)."""
    return 15.0 + 900.0 * people / max(largest, 1.0)


def draw_map(tables: ScenarioTables) -> Any:
    """Return the map figure of an ensemble (crossings sized by mean people crossed)."""
    plt = pyplot()
    run = tables.runs[0]
    places = {loc.name: loc for loc in run.case.locations}
    fig, ax = plt.subplots(figsize=(8.4, 7.4))
    ax.set_facecolor(SEA)
    rivers = _draw_base(ax)
    for route in run.case.routes:
        a, b = places[route.start], places[route.end]
        ax.plot([a.longitude, b.longitude], [a.latitude, b.latitude], color=ROAD, lw=0.6, zorder=3)
    totals = np.mean([r.arrivals.sum(axis=0) for r in tables.runs], axis=0)
    largest = float(totals.max(initial=0))
    is_open = np.max([r.capacity.max(axis=0) for r in tables.runs], axis=0) > 0
    labels: list[Label] = []
    marks: list[tuple[float, float, float]] = []
    named: set[str] = set()
    for i in np.argsort(-totals, kind="stable"):
        crossing, total, open_ = run.crossings[i], float(totals[i]), bool(is_open[i])
        a, b = places[crossing.origin], places[crossing.destination]
        x, y = (a.longitude + b.longitude) / 2, (a.latitude + b.latitude) / 2
        if x > FRAME[1]:
            continue
        colour = KIND_COLOURS[crossing.kind]
        area = marker_area(total, largest) if total > 0 else 25.0
        ax.scatter(
            [x],
            [y],
            s=area,
            facecolor=colour if total > 0 else "white",
            edgecolor=colour,
            alpha=0.75 if total > 0 else 1.0,
            lw=1.0,
            zorder=5,
        )
        marks.append((x, y, area))
        if total > 0 or open_:
            text = f"{crossing.name}: {_compact(total)}"
            labels.append(Label(x, y, text, area, "bold" if total > 0 else "normal", "#111"))
            named |= {crossing.origin, crossing.destination}
    labels += _region_labels(tables)
    labels += [Label(x, y, name, 1.0, "normal", RIVER) for x, y, name in rivers]
    for loc in run.case.locations:
        marks.append((loc.longitude, loc.latitude, 8.0))
        if loc.is_camp or (loc.population > CITY_LABEL_POPULATION and loc.name not in named):
            labels.append(Label(loc.longitude, loc.latitude, loc.name, 8.0, "normal", "#333"))
    dots = [m for m in marks[len(marks) - len(run.case.locations) :]]
    ax.scatter([m[0] for m in dots], [m[1] for m in dots], s=6, color="#333", zorder=4)
    _place_labels(ax, labels, marks)
    _legends(ax, run.crossings, largest, len(tables.runs))
    fig.tight_layout()
    return fig


def _region_labels(tables: ScenarioTables) -> list[Label]:
    """Return one label per region abroad with people at the end, at its fullest place."""
    run = tables.runs[0]
    final = np.mean([r.output.population[-1] for r in tables.runs], axis=0)
    present = np.mean([f.present[-1] for f in tables.flows], axis=0)
    labels = []
    for (region, mask), people in zip(destination_regions(run.case), present, strict=True):
        if people < 1:
            continue
        place = run.case.locations[int(np.argmax(np.where(mask, final, -1.0)))]
        text = f"in {region.split(',')[0]} at the end: {_compact(float(people))}"
        labels.append(Label(place.longitude, place.latitude, text, 8.0, "bold", REGION))
    return labels


@dataclass(frozen=True, slots=True)
class Label:
    """A label to place: anchor (lon, lat), text, the anchor marker's area, style."""

    x: float
    y: float
    text: str
    area: float
    weight: str
    colour: str


def _place_labels(ax: Any, labels: list[Label], marks: list[tuple[float, float, float]]) -> None:
    """Place every label that fits without overlapping another label or a marked place.

    Labels are placed in list order (largest crossings first); one with no free spot
    near its anchor is left out.
    """
    if not labels:
        return
    textalloc = require("textalloc", extra="plot", purpose="Scenario maps need textalloc")
    patheffects = require("matplotlib.patheffects", extra="plot")
    _frame(ax)
    ax.figure.canvas.draw()
    pixels_per_point = ax.figure.dpi / 72.0

    def radius(area: float) -> float:
        """Return a marker's radius, padded, in display pixels (textalloc's unit)."""
        points = math.sqrt(area / math.pi) * MARKER_PADDING + 1.0
        return float(points * pixels_per_point)

    textalloc.allocate(
        ax,
        [label.x for label in labels],
        [label.y for label in labels],
        [label.text for label in labels],
        x_scatter=[m[0] for m in marks],
        y_scatter=[m[1] for m in marks],
        scatter_sizes=[radius(m[2]) for m in marks],
        text_scatter_sizes=[radius(label.area) for label in labels],
        textsize=7,
        fontweight=[label.weight for label in labels],
        textcolor=[label.colour for label in labels],
        linecolor="#777777",
        linewidth=0.5,
        margin=0.003,
        min_distance=0.004,
        max_distance=0.12,
        draw_all=False,
        nbr_candidates=300,
        plot_kwargs={"zorder": 6},
        path_effects=[patheffects.withStroke(linewidth=2.2, foreground="white")],
        zorder=7,
    )


def _legends(ax: Any, crossings: Any, largest: float, runs: int) -> None:
    """Add the legends: crossing kinds, marker sizes, lines."""
    from matplotlib.lines import Line2D

    kinds = list(dict.fromkeys(c.kind for c in crossings))
    handles = [
        Line2D([], [], ls="", marker="o", ms=7, color=KIND_COLOURS[k], label=KIND_LABELS[k])
        for k in kinds
    ]
    handles += [
        Line2D([], [], ls="", marker="o", ms=7, mfc="white", color="#555", label="no one crossed"),
        Line2D([], [], color=RIVER, lw=1.4, label="river"),
        Line2D([], [], color=BORDER, lw=0.9, ls=(0, (4, 2)), label="international border"),
        Line2D([], [], color=ROAD, lw=0.8, label="road of the model (straight)"),
    ]
    first = ax.legend(
        handles=handles, loc="lower right", fontsize=6.5, title="crossings", title_fontsize=7
    )
    ax.add_artist(first)
    if largest <= 0:
        return
    steps = [v for v in (1e3, 1e4, 1e5, 1e6, 3e6) if v <= largest][-3:] or [largest]
    sizes = [
        ax.scatter([], [], s=marker_area(v, largest), color="#777", alpha=0.6, label=_compact(v))
        for v in steps
    ]
    ax.legend(
        handles=sizes,
        loc="upper left",
        fontsize=6.5,
        title=f"people crossed\n(mean of {runs} runs)",
        title_fontsize=7,
        labelspacing=1.2,
        borderpad=0.9,
    )


def _frame(ax: Any) -> None:
    """Set the frame, aspect, graticule labels, scale bar and attribution."""
    ax.set_xlim(FRAME[0], FRAME[1])
    ax.set_ylim(FRAME[2], FRAME[3])
    ax.set_aspect(1 / math.cos(math.radians(ASPECT_LATITUDE)))
    ax.set_xlabel("longitude (°E)", fontsize=8)
    ax.set_ylabel("latitude (°N)", fontsize=8)
    ax.tick_params(labelsize=7)
    ax.grid(color="white", lw=0.4, alpha=0.7)
    degrees = 100.0 / (111.32 * math.cos(math.radians(ASPECT_LATITUDE)))
    x0, y0 = FRAME[1] - 3.9, FRAME[2] + 0.35
    ax.plot([x0, x0 + degrees], [y0, y0], color="#222", lw=2, zorder=6)
    ax.text(x0 + degrees / 2, y0 + 0.08, "100 km", ha="center", fontsize=6.5, zorder=6)
    ax.text(
        FRAME[0] + 0.08,
        FRAME[2] + 0.08,
        "Coast, borders, Yalu and Tumen: Natural Earth 1:10m (public domain). "
        "Crossings at the midpoint of their two towns.",
        fontsize=5.5,
        color="#444",
        zorder=6,
    )
