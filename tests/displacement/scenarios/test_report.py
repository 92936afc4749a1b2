"""The report and its tables: bands, a flow table that adds up, needs, levers, an offline page."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import pytest

from yalu.displacement.scenarios.needs import STANDARDS
from yalu.displacement.scenarios.pipeline import ScenarioRequest, ScenarioResult, run_request


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ScenarioResult]:
    folder = tmp_path_factory.mktemp("collapse")
    request = ScenarioRequest("dprk-collapse", days=40, runs=4, seed=5, workers=1, lever_runs=2)
    return folder, run_request(request, folder)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_report_is_one_offline_html_page_with_every_section(
    result: tuple[Path, ScenarioResult],
) -> None:
    folder, _ = result
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert "<script" not in page
    assert not re.search(r'(src|href)="https?:', page)
    assert page.count("data:image/png;base64,") == 4  # needs, map, series, levers
    for heading in (
        "At a glance",
        "What is uncertain",
        "Published figures",
        "Where people are: the flow table",
        "What people need (Sphere minimum standards)",
        "Map",
        "Over time",
        "What the levers do",
        "Assumptions and sources",
    ):
        assert f". {heading}</h2>" in page
    assert "The Sphere Handbook" in page and "Water supply standard 2.1" in page
    assert "Natural Earth" in page
    assert "agreement is true by construction" in page
    assert "close Sinuiju-Dandong" in page and "forced repatriation" in page
    assert "Table 1.</b>" in page and "Figure 1.</b>" in page


def test_arrivals_have_a_band_of_non_zero_width(result: tuple[Path, ScenarioResult]) -> None:
    _, outcome = result
    band = outcome.tables.metric("crossed_china")
    assert band.high[0] - band.low[0] > 0.05 * band.mean[0]


def test_every_day_of_every_run_of_the_flow_table_adds_up(
    result: tuple[Path, ScenarioResult],
) -> None:
    folder, outcome = result
    rows = _rows(folder / "flows.csv")
    assert len(rows) == 4 * 40
    start = outcome.tables.flows[0].start_population
    for row in rows:
        crossed = sum(int(v) for k, v in row.items() if k.startswith("crossed:"))
        present = sum(int(v) for k, v in row.items() if k.startswith("present:"))
        assert int(row["still_home"]) + int(row["left_home"]) == start
        assert int(row["crossed_total"]) == crossed
        assert int(row["left_home"]) == int(row["in_transit"]) + int(row["in_camps"]) + crossed
        assert crossed == present + sum(
            int(row[k]) for k in ("on_roads_abroad", "repatriated", "moved_on")
        )
    assert any(int(r["crossed_total"]) > 0 for r in rows)


def test_needs_follow_the_sphere_standards_per_region_and_day(
    result: tuple[Path, ScenarioResult],
) -> None:
    folder, _ = result
    by_key: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    for row in _rows(folder / "needs.csv"):
        by_key[(row["day"], row["region"])][row["quantity"]] = float(row["mean"])
    assert {region for _, region in by_key} >= {"Liaoning, China", "Jilin, China"}
    water, food, shelter, _ = STANDARDS
    for values in by_key.values():
        people, places = values["people present"], values["camp places"]
        assert values["water"] == pytest.approx(people * 15 / 1000, abs=0.2)
        assert values["food"] == pytest.approx(people * 2100 / 1e6, abs=0.2)
        assert values["covered shelter"] == pytest.approx(places * 3.5, abs=0.5)
    assert water.per_person == 15 and food.per_person == 2100 and shelter.per_person == 3.5


def test_every_run_records_what_it_drew_and_its_metrics(
    result: tuple[Path, ScenarioResult],
) -> None:
    folder, outcome = result
    drawn = [r for r in _rows(folder / "inputs.csv") if r["input"] == "outflow.total"]
    metrics = _rows(folder / "metrics.csv")
    assert len(drawn) == len(metrics) == 4
    seeds = [r.seed for r in outcome.tables.runs]
    assert [int(r["seed"]) for r in metrics] == seeds
    assert len({r["value"] for r in drawn}) == 4


def test_levers_are_ranked_by_their_cut_in_arrivals_with_bands(
    result: tuple[Path, ScenarioResult],
) -> None:
    _, outcome = result
    means = [e.change("crossed_china")[0] for e in outcome.effects]
    assert means == sorted(means)
    effects = {e.variant.lever: e for e in outcome.effects}
    assert effects["forced repatriation"].change("in_china_end")[0] < 0
    assert effects["resettlement from China"].change("moved_on")[0] > 0
    assert effects["close Sinuiju-Dandong"].change("crossed_china_early")[0] < 0
    fence = effects["fence the Chinese border"]
    assert fence.change("peak_stranded")[0] > 0
    assert all(len(v) == 2 for v in fence.changes.values())  # two seeds each


def test_pdf_is_typeset_with_headings_tables_and_figures(
    result: tuple[Path, ScenarioResult],
) -> None:
    from pypdf import PdfReader

    folder, _ = result
    reader = PdfReader(folder / "report.pdf")
    first = reader.pages[0].extract_text()
    assert "Regime collapse" in first and "1. At a glance" in first and "Table 1." in first
    fonts = set()
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert "/Helvetica" in fonts and "/Helvetica-Bold" in fonts
    assert not any("Courier" in f for f in fonts)  # no monospace text pages
    text = "".join(page.extract_text() for page in reader.pages)
    assert all(f"Figure {n}." in text for n in range(1, 5))
    assert "page 2" in text
