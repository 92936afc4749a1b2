"""`yalu simulate scenarios` and `yalu simulate run SCENARIO` through the command line."""

from __future__ import annotations

import csv
import json
import re
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
    assert re.search(r"left home +[\d,]+ +\([\d,]+-[\d,]+\)", result.stdout)
    assert "Simulating" not in result.stdout  # the progress bar goes to stderr
    assert (out / "report.html").is_file() and not (out / "report.pdf").exists()
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["spec"]["outflow"]["total"] == 400_000
    drawn = {u["name"] for u in record["spec"]["uncertainty"]}
    assert "outflow.total" not in drawn and "outflow.ramp_days" in drawn  # --outflow fixes it
    assert all("outflow.total" not in inputs for inputs in record["inputs"])
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


def _run(folder: Path, *extra: str) -> None:
    result = runner.invoke(
        app,
        [
            "simulate",
            "run",
            "dprk-engineered-expulsion",
            "--output",
            str(folder),
            "--days",
            "30",
            "--runs",
            "3",
            "--no-sensitivity",
            "--no-report",
            "--workers",
            "1",
            *extra,
        ],
    )
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    folder = tmp_path_factory.mktemp("compare")
    _run(folder / "base")
    _run(folder / "repatriate", "--repatriate", "0.05")
    _run(folder / "other-seed", "--seed", "7", "--repatriate", "0.05")
    return folder / "base", folder / "repatriate", folder / "other-seed"


def test_compare_pairs_runs_with_the_same_seeds(two_runs: tuple[Path, Path, Path]) -> None:
    base, repatriate, _ = two_runs
    result = runner.invoke(app, ["simulate", "compare", str(base), str(repatriate), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["paired"] is True and document["paired_runs"] == 3
    metrics = {m["metric"]: m for m in document["metrics"]}
    assert metrics["repatriated"]["a"]["mean"] == 0
    assert metrics["repatriated"]["b_minus_a"]["p5"] > 0
    assert metrics["in_china_end"]["b_minus_a"]["p95"] < 0
    assert metrics["left_home"]["b_minus_a"] == {"mean": 0.0, "p5": 0.0, "p95": 0.0}


def test_compare_prints_a_table_and_says_when_runs_are_unpaired(
    two_runs: tuple[Path, Path, Path],
) -> None:
    base, _, other = two_runs
    result = runner.invoke(app, ["simulate", "compare", str(base), str(other)])
    assert result.exit_code == 0, result.output
    assert "unpaired (no shared seed)" in result.stdout
    assert re.search(r"^repatriated +0 \(0 to 0\) +[\d,]+ ", result.stdout, re.MULTILINE)


def test_compare_refuses_a_folder_that_is_not_a_run_in_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["simulate", "compare", str(tmp_path), str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {tmp_path / 'run.json'}: no such file")
    assert result.stderr.count("\n") == 1


def test_compare_names_the_line_of_a_malformed_metrics_file(
    two_runs: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    base, _, _ = two_runs
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "run.json").write_text((base / "run.json").read_text(encoding="utf-8"))
    lines = (base / "metrics.csv").read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",", ",x", 1)
    (broken / "metrics.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["simulate", "compare", str(base), str(broken)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {broken / 'metrics.csv'}:3: a value is not a number")
