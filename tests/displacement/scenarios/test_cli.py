"""`yalu simulate scenarios` and `yalu simulate run SCENARIO` through the command line."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.paths import FIXTURES
from yalu.interfaces.cli.app import app

runner = CliRunner()


def test_scenarios_lists_the_three_shipped_scenarios() -> None:
    result = runner.invoke(app, ["simulate", "scenarios", "--format", "json"])
    assert result.exit_code == 0, result.output
    names = [row["name"] for row in json.loads(result.stdout)]
    assert names == ["dprk-collapse", "dprk-engineered-expulsion", "dprk-famine-1990s"]


def test_scenarios_copy_to_writes_an_editable_case(tmp_path: Path) -> None:
    result = runner.invoke(app, ["simulate", "scenarios", "--copy-to", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "dprk" / "input_csv" / "routes.csv").is_file()
    assert (tmp_path / "dprk" / "sources.csv").is_file()
    assert (tmp_path / "dprk-collapse.yml").is_file()


def test_run_collapse_with_levers_writes_tables_and_report(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "simulate",
            "run",
            "dprk-collapse",
            "--output",
            str(out),
            "--days",
            "30",
            "--runs",
            "2",
            "--outflow",
            "400000",
            "--close",
            "china=0.5@5-20",
            "--camp",
            "Sinuiju=20000",
            "--repatriate",
            "0.01",
            "--open",
            "dmz=1000",
            "--refugee-status",
            "1.2",
            "--no-sensitivity",
            "--no-pdf",
            "--workers",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    with (out / "accounts.csv").open(encoding="utf-8") as handle:
        last = list(csv.DictReader(handle))[-1]
    left = int(last["start_population"]) - int(last["still_home"])
    assert 0 < left < 400_000  # 30 days of a 120-day outflow
    assert f"outflow {left:,}" in result.stdout
    assert (out / "report.html").is_file() and not (out / "report.pdf").exists()
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["spec"]["outflow"]["total"] == 400_000
    assert record["spec"]["levers"]["camps"][0]["at"] == "Sinuiju"
    camps = (out / "camps.csv").read_text(encoding="utf-8")
    assert "Sinuiju relief camp" in camps


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("crossing: Sinuiju-Dandong", "crossing: Sinuiju-Beijing", "unknown crossing"),
        ("capacity: 5000", "capacity: -5000", "-5000 is out of range"),
        ("days: [5, 20]", "days: [5, 400]", "day range 5-400 is outside the run"),
    ],
)
def test_malformed_scenario_file_gives_one_line_and_exit_2(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    text = (
        "name: bad\ntitle: Bad\ndays: 30\noutflow: {kind: collapse, total: 10}\n"
        "levers:\n  close:\n    - crossing: Sinuiju-Dandong\n      capacity_factor: 0\n"
        "      days: [5, 20]\n  camps:\n    - at: Hyesan\n      capacity: 5000\n"
    )
    path = tmp_path / "bad.yml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    result = runner.invoke(app, ["simulate", "run", str(path), "--output", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}:")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "o").exists()


def test_bad_lever_option_gives_one_line_and_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["simulate", "run", "dprk-collapse", "--output", str(tmp_path), "--camp", "Sinuiju=-1"]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("error: command line: levers.camps[0].capacity: -1")
    assert result.stderr.count("\n") == 1


def test_scenario_options_are_refused_for_a_flee_case(tmp_path: Path) -> None:
    case = FIXTURES / "flee" / "tiny_case"
    result = runner.invoke(
        app, ["simulate", "run", str(case), "--output", str(tmp_path), "--close", "china=0"]
    )
    assert result.exit_code == 2
    assert "--close applies to scenarios only" in result.stderr


def test_flee_case_still_runs_through_simulate_run(tmp_path: Path) -> None:
    case = FIXTURES / "flee" / "tiny_case"
    result = runner.invoke(
        app, ["simulate", "run", str(case), "--output", str(tmp_path), "--seed", "1", "--no-plots"]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "populations.csv").is_file()


def test_misspelt_scenario_name_says_so_and_lists_the_scenarios(tmp_path: Path) -> None:
    result = runner.invoke(app, ["simulate", "run", "dprk-colapse", "--output", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: 'dprk-colapse' is neither a scenario nor a case")
    assert "dprk-collapse" in result.stderr
    assert result.stderr.count("\n") == 1
