"""Charts read: Okabe-Ito colours, at most 8 series with the rest grouped, units on axes."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from yalu.displacement.ensemble import child_seeds
from yalu.displacement.scenarios.catalog import load_named
from yalu.displacement.scenarios.charts import MAX_SERIES, OKABE_ITO, pyplot, top_series
from yalu.displacement.scenarios.ensemble import run_jobs
from yalu.displacement.scenarios.tables import tables_of
from yalu.models.displacement import Case
from yalu.models.scenarios import Crossing


def test_more_than_eight_series_keep_seven_and_group_the_rest_in_grey() -> None:
    values = np.arange(1, 13, dtype=float)[:, None] * np.ones((12, 5))
    names = [f"s{i}" for i in range(1, 13)]
    series = top_series(names, values)
    assert len(series) == MAX_SERIES == 8
    assert [name for name, _, _ in series[:7]] == [f"s{i}" for i in range(12, 5, -1)]
    other_name, other, colour = series[-1]
    assert other_name == "other (5)" and colour == "#999999"
    assert np.allclose(other, values[:5].sum(axis=0))
    assert all(c in OKABE_ITO[:7] for _, _, c in series[:7])


def test_empty_series_are_left_out() -> None:
    values = np.array([[0.0, 0.0], [1.0, 2.0]])
    assert [name for name, _, _ in top_series(["none", "some"], values)] == ["some"]


@pytest.fixture(scope="module")
def figures(dprk_case: Case, crossings: tuple[Crossing, ...]) -> list[Any]:
    from yalu.displacement.scenarios.figures import draw_needs, draw_series

    spec = load_named("dprk-collapse", dprk_case, crossings, days=40)
    tables = tables_of(run_jobs([(spec, s) for s in child_seeds(1, 2)], dprk_case))
    drawn = [draw_series(tables), draw_needs(tables)]
    yield drawn
    for figure in drawn:
        pyplot().close(figure)


def test_every_chart_has_labelled_axes_and_at_most_eight_series(figures: list[Any]) -> None:
    for figure in figures:
        for ax in figure.axes:
            assert ax.get_ylabel(), ax.get_title()
            assert len(ax.get_lines()) <= MAX_SERIES
            for line in ax.get_lines():
                colour = str(line.get_color()).upper()
                assert colour in {c.upper() for c in OKABE_ITO} | {"#999999"}
        bottoms = [ax for ax in figure.axes if ax.get_xlabel()]
        assert bottoms and all("date" in ax.get_xlabel() for ax in bottoms)
    units = " ".join(ax.get_ylabel() for figure in figures for ax in figure.axes)
    assert "people per day" in units and "m³/day" in units
