"""The report: one offline HTML file and a PDF, with the map, series, tables and note."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from yalu.displacement.scenarios.pipeline import ScenarioRequest, run_request
from yalu.displacement.scenarios.sensitivity import closing_note


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    folder = tmp_path_factory.mktemp("collapse")
    request = ScenarioRequest("dprk-collapse", days=40, runs=3, seed=5, workers=1)
    return folder, run_request(request, folder)


def test_report_is_one_offline_html_file_with_every_section(result: tuple[Path, object]) -> None:
    folder, _ = result
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert "<script" not in page
    assert not re.search(r'(src|href)="https?:', page)
    assert page.count("data:image/png;base64,") == 2
    for heading in (
        "Map",
        "Time series",
        "Assumptions and sources",
        "Lever sensitivity",
        "Closing note",
        "Accounting",
    ):
        assert f"<h2>{heading}" in page
    assert "Bank of Korea" in page
    assert "close Sinuiju-Dandong" in page and "forced repatriation" in page


def test_pdf_is_written(result: tuple[Path, object]) -> None:
    folder, _ = result
    assert (folder / "report.pdf").read_bytes()[:5] == b"%PDF-"


def test_tables_are_long_and_add_up(result: tuple[Path, object]) -> None:
    folder, _ = result
    with (folder / "accounts.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3 * 40
    for row in rows:
        stocks = sum(
            int(row[k]) for k in ("still_home", "in_transit", "arrived", "in_camps", "repatriated")
        )
        assert stocks == int(row["start_population"])
    with (folder / "crossings.csv").open(encoding="utf-8") as handle:
        crossing = list(csv.DictReader(handle))
    assert {r["crossing"] for r in crossing} >= {"Sinuiju-Dandong", "Rason-Hunchun"}
    assert all(int(r["arrivals"]) <= int(r["capacity"]) for r in crossing)
    header = (folder / "populations.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("day,date,location,kind,population")
    bands = (folder / "bands.csv").read_text(encoding="utf-8")
    assert "crossed_china" in bands and "in_jilin" in bands


def test_sensitivity_says_what_each_lever_does(result: tuple[Path, object]) -> None:
    _, outcome = result
    rows = {row.lever: row for row in outcome.sensitivity}  # type: ignore[attr-defined]
    assert rows["baseline"].change_crossed == 0
    assert rows["close Sinuiju-Dandong"].change_early < 0
    assert rows["relief camps inside the DPRK"].in_camps > 0
    assert rows["forced repatriation"].in_china < rows["baseline"].in_china
    assert rows["fence the Chinese border"].peak_daily < rows["baseline"].peak_daily
    note = closing_note(list(outcome.sensitivity))  # type: ignore[attr-defined]
    assert "Closing one crossing" in note and "Forced repatriation" in note
