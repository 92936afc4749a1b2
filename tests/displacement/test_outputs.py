"""Output files of a run: long tables, FLEE's out.csv and the camp plots."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest

from tests.paths import FIXTURES
from yalu.displacement.observed import observed_on_days
from yalu.displacement.outputs import (
    out_csv_header,
    populations_table,
    write_out_csv,
    write_outputs,
    write_populations,
)
from yalu.displacement.validate import ard
from yalu.formats.flee import read_case
from yalu.models.displacement import Case, DailyPopulations

TINY = FIXTURES / "flee" / "tiny_case"


@pytest.fixture
def case() -> Case:
    return read_case(TINY)


@pytest.fixture
def run(case: Case) -> DailyPopulations:
    """A made-up run: camp counts are the observed ones plus 10 in CampNorth from day 5."""
    assert case.observed is not None
    days = case.length_days
    population = np.zeros((days, len(case.locations)), dtype=np.int64)
    camps = observed_on_days(case.observed, case.camp_names, range(days)).astype(np.int64)
    camps[5:, 0] += 10
    population[:, case.camp_indices] = camps
    population[:, 0] = np.arange(days)  # agents waiting in Origin
    return DailyPopulations(
        population=population,
        in_transit=np.full(days, 3, dtype=np.int64),
        spawned=np.zeros(days, dtype=np.int64),
        debt=np.zeros(days, dtype=np.int64),
        seed=42,
        settings=case.settings,
    )


def test_out_csv_has_flee_columns_in_locations_order(
    case: Case, run: DailyPopulations, tmp_path: Path
) -> None:
    path = write_out_csv(case, run, tmp_path / "out.csv")
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == out_csv_header(case.camp_names)
    assert list(rows[0])[2:5] == ["CampNorth sim", "CampNorth data", "CampNorth error"]
    assert len(rows) == case.length_days
    assert rows[0]["Date"] == "2020-01-02"  # the end of day 0, as FLEE labels it
    last = rows[-1]
    assert (int(last["CampNorth sim"]), int(last["CampNorth data"])) == (330, 320)
    assert float(last["CampNorth error"]) == pytest.approx(10 / 320)
    assert int(last["refugees in camps (UNHCR)"]) == 420
    assert int(last["refugees in camps (simulation)"]) == 430
    assert int(last["total refugees (simulation)"]) == 430 + 9 + 3
    assert int(last["raw UNHCR refugee count"]) == 570
    assert float(last["Total error"]) == pytest.approx(10 / 570)


def test_out_csv_sim_and_data_columns_give_the_same_ard(
    case: Case, run: DailyPopulations, tmp_path: Path
) -> None:
    path = write_out_csv(case, run, tmp_path / "out.csv")
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    sim = np.array([[int(r[f"{c} sim"]) for c in case.camp_names] for r in rows])
    obs = np.array([[int(r[f"{c} data"]) for c in case.camp_names] for r in rows])
    expected = ard(run.population[:, case.camp_indices], obs, rescaled=False)
    assert ard(sim, obs, rescaled=False) == expected > 0


def test_parquet_round_trip_keeps_every_row(
    case: Case, run: DailyPopulations, tmp_path: Path
) -> None:
    _, parquet_path = write_populations(case, run, tmp_path)
    table = pq.read_table(parquet_path)
    assert table.equals(populations_table(case, run))
    assert table.num_rows == case.length_days * len(case.locations)
    assert table.schema.metadata[b"seed"] == b"42"
    rows = table.to_pylist()
    camp_south_day9 = next(r for r in rows if r["day"] == 9 and r["location"] == "CampSouth")
    assert camp_south_day9["observed"] == 100
    assert camp_south_day9["date"] == date(2020, 1, 11)
    origin = next(r for r in rows if r["day"] == 4 and r["location"] == "Origin")
    assert (origin["population"], origin["observed"], origin["kind"]) == (4, None, "conflict_zone")


def test_populations_csv_leaves_observed_empty_outside_camps(
    case: Case, run: DailyPopulations, tmp_path: Path
) -> None:
    csv_path, _ = write_populations(case, run, tmp_path)
    with csv_path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["day", "date", "location", "kind", "population", "observed"]
    assert rows[0]["observed"] == ""
    assert rows[2] == {
        "day": "0",
        "date": "2020-01-02",
        "location": "CampNorth",
        "kind": "camp",
        "population": "100",
        "observed": "100",
    }


def test_run_of_the_wrong_width_is_refused(case: Case, run: DailyPopulations) -> None:
    narrow = DailyPopulations(run.population[:, :2], run.in_transit, run.spawned, run.debt)
    with pytest.raises(ValueError, match="expected"):
        populations_table(case, narrow)


def test_write_outputs_draws_png_and_html_sharing_one_local_plotly_script(
    case: Case, run: DailyPopulations, tmp_path: Path
) -> None:
    files = write_outputs(case, run, tmp_path / "run")
    assert files.png is not None and files.html is not None and files.out_csv is not None
    assert files.png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    html = files.html.read_text(encoding="utf-8")
    assert "CampSouth observed" in html
    sources = re.findall(r'<script[^>]*\bsrc="([^"]+)"', html)
    assert sources == ["plotly.min.js"]  # one shared local script, no CDN
    assert (tmp_path / "run" / "plotly.min.js").stat().st_size > 1_000_000
    assert len(html) < 100_000  # the library is not inlined


def test_camps_html_shows_at_most_eight_series_and_groups_the_rest(
    run: DailyPopulations, tmp_path: Path
) -> None:
    import numpy as np

    from yalu.displacement.outputs import MAX_SERIES, _largest_camps

    simulated = np.arange(1, 15, dtype=float)[None, :] * np.ones((5, 14))
    shown, grouped = _largest_camps(simulated, simulated)
    assert len(shown) * 2 + (2 if grouped else 0) <= MAX_SERIES
    assert shown == [13, 12, 11] and sorted(grouped) == list(range(11))
    shown, grouped = _largest_camps(simulated[:, :4], None)
    assert (shown, grouped) == ([3, 2, 1, 0], [])
