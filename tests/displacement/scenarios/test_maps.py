"""The map: Natural Earth coast, borders and rivers, crossings sized by flow, labels apart."""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np
import pytest

from yalu.displacement.ensemble import child_seeds
from yalu.displacement.scenarios.catalog import load_named
from yalu.displacement.scenarios.charts import pyplot
from yalu.displacement.scenarios.ensemble import run_jobs
from yalu.displacement.scenarios.maps import FRAME, map_layers, marker_area
from yalu.displacement.scenarios.tables import ScenarioTables, tables_of
from yalu.models.displacement import Case
from yalu.models.scenarios import Crossing


def test_layers_hold_the_coast_the_borders_and_both_rivers() -> None:
    layers = map_layers()
    land = {layer.name for layer in layers if layer.kind == "land"}
    assert land == {"North Korea", "China", "South Korea", "Russia", "Japan"}
    borders = {layer.name for layer in layers if layer.kind == "border"}
    assert {"China - Russia", "South Korea - North Korea"} <= borders
    rivers = {layer.name: np.vstack(layer.rings) for layer in layers if layer.kind == "river"}
    assert set(rivers) == {"Yalu (Amnok)", "Tumen"}
    yalu, tumen = rivers["Yalu (Amnok)"], rivers["Tumen"]
    # the Yalu runs from its mouth at Sinuiju to Mount Paektu; the Tumen from there to the sea
    assert np.hypot(*(yalu[0] - (124.4, 40.1))) < 0.2
    assert np.hypot(*(yalu[-1] - (128.08, 41.99))) < 0.2
    assert tumen[:, 0].max() > 130.6 and len(yalu) > 100 and len(tumen) > 80
    korea = next(layer for layer in layers if layer.name == "North Korea")
    coast_points = sum(len(ring) for ring in korea.rings)
    assert coast_points > 1000  # a 1:10m coastline, not a sketch


@pytest.fixture(scope="module")
def drawn(dprk_case: Case, crossings: tuple[Crossing, ...]) -> tuple[Any, ScenarioTables]:
    from yalu.displacement.scenarios.maps import draw_map

    spec = load_named("dprk-collapse", dprk_case, crossings, days=60)
    tables = tables_of(run_jobs([(spec, s) for s in child_seeds(8, 2)], dprk_case))
    figure = draw_map(tables)
    figure.canvas.draw()
    yield figure, tables
    pyplot().close(figure)


def _label_boxes(figure: Any) -> list[Any]:
    renderer = figure.canvas.get_renderer()
    ax = figure.axes[0]
    return [t.get_window_extent(renderer) for t in ax.texts if t.get_visible() and t.get_text()]


def test_no_two_labels_overlap(drawn: tuple[Any, ScenarioTables]) -> None:
    figure, _ = drawn
    boxes = _label_boxes(figure)
    assert len(boxes) >= 15
    for one, other in itertools.combinations(boxes, 2):
        assert not one.overlaps(other)


def test_labels_keep_off_the_crossing_markers_and_name_the_busy_crossings(
    drawn: tuple[Any, ScenarioTables],
) -> None:
    figure, tables = drawn
    ax = figure.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert any(t.startswith("Sinuiju-Dandong: ") for t in texts)
    assert any(t.startswith("Hyesan-Changbai: ") for t in texts)
    assert "Yalu (Amnok)" in texts and "Tumen" in texts
    run = tables.runs[0]
    places = {loc.name: loc for loc in run.case.locations}
    totals = np.mean([r.arrivals.sum(axis=0) for r in tables.runs], axis=0)
    scale = figure.dpi / 72.0
    for crossing, total in zip(run.crossings, totals, strict=True):
        a, b = places[crossing.origin], places[crossing.destination]
        x, y = (a.longitude + b.longitude) / 2, (a.latitude + b.latitude) / 2
        if total <= 0 or x > FRAME[1]:
            continue
        cx, cy = ax.transData.transform((x, y))
        radius = math.sqrt(marker_area(float(total), float(totals.max())) / math.pi) * scale
        for box in _label_boxes(figure):
            nearest_x = min(max(cx, box.x0), box.x1)
            nearest_y = min(max(cy, box.y0), box.y1)
            assert math.hypot(nearest_x - cx, nearest_y - cy) >= radius * 0.95


def test_marker_area_grows_with_the_people_crossed() -> None:
    assert marker_area(0, 100) < marker_area(50, 100) < marker_area(100, 100)
    assert marker_area(100, 100) == pytest.approx(2 * marker_area(50, 100) - marker_area(0, 100))
