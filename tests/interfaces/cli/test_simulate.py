from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.paths import SHARED_CASES
from yalu.interfaces.cli.app import app

runner = CliRunner()
MALI = str(SHARED_CASES / "mali2012")

pytestmark = pytest.mark.shared_data


def test_run_writes_outputs_and_records_seed_and_settings(tmp_path: Path) -> None:
    out = tmp_path / "mali"
    result = runner.invoke(
        app,
        [
            "simulate",
            "run",
            MALI,
            "--hasten",
            "20",
            "--seed",
            "5",
            "--output",
            str(out),
            "--no-plots",
        ],
    )
    assert result.exit_code == 0, result.output
    record = json.loads((out / "run.json").read_text())
    assert record["seed"] == 5
    assert record["settings"]["hasten"] == 20
    assert record["options"]["duplicate_redirected_routes"] is True
    assert (out / "out.csv").read_text().startswith("Day,Date,")
    assert (out / "populations.parquet").is_file()


def test_run_twice_with_same_seed_writes_identical_tables(tmp_path: Path) -> None:
    for name in ("a", "b"):
        result = runner.invoke(
            app,
            [
                "simulate",
                "run",
                MALI,
                "--hasten",
                "20",
                "--seed",
                "9",
                "--output",
                str(tmp_path / name),
                "--no-plots",
            ],
        )
        assert result.exit_code == 0, result.output
    first = (tmp_path / "a" / "populations.csv").read_text()
    assert first == (tmp_path / "b" / "populations.csv").read_text()


def test_validate_prints_ard_bands_and_skill_beside_the_baselines() -> None:
    result = runner.invoke(
        app, ["simulate", "validate", MALI, "--hasten", "10", "--runs", "3", "--seed", "1"]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "mali2012: 3 runs, seed 1, hasten 10, rules yalu"
    assert lines[1].split() == ["ARD", "90%", "band", "+", "rule", "ranges", "skill", "best",
                                "baseline"]  # fmt: skip
    rescaled = lines[2].split()
    assert rescaled[0] == "rescaled"
    assert 0.0 < float(rescaled[1]) < 0.3
    assert 0.0 < float(rescaled[4]) < 1.0  # skill: better than every naive baseline
    assert rescaled[5:7] == ["day-0", "share"]
    assert lines[3].startswith("raw ")
    assert lines[4].startswith("baselines (rescaled / raw ARD): uniform 0.")


def test_validate_json_has_per_run_scores_skill_and_baselines() -> None:
    result = runner.invoke(
        app,
        [
            *("simulate", "validate", MALI, "--hasten", "20", "--runs", "2", "--seed", "3"),
            *("--format", "json"),
        ],
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert len(figures["rescaled"]["per_run"]) == 2
    assert 0.0 < figures["rescaled"]["mean"] < 1.0
    best = figures["rescaled"]["best_baseline"]
    assert figures["rescaled"]["skill"] == pytest.approx(
        1 - figures["rescaled"]["mean"] / best["ard"]
    )
    assert len(figures["rescaled"]["per_run_with_rule_uncertainty"]) == 2
    assert len(figures["drawn_rules"]) == 2
    assert set(figures["baselines"]) == {"uniform", "day0_share", "gravity"}


def test_validate_plots_show_the_band_observed_and_best_baseline(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["simulate", "validate", MALI, "--hasten", "20", "--runs", "2", "--seed", "3",
         "--plots", str(tmp_path)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (tmp_path / "camps.png").read_bytes().startswith(b"\x89PNG")
    html = (tmp_path / "camps.html").read_text(encoding="utf-8")
    assert "skill" in html
    assert "Fassala-Mbera day-0 share" in html


def test_mali2017_adm1_runs_and_prints_ard_and_skill() -> None:
    case = str(SHARED_CASES / "mali2017_adm1")
    result = runner.invoke(app, ["simulate", "validate", case, "--hasten", "10", "--seed", "2"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("mali2017_adm1: 1 run, seed 2, hasten 10, rules yalu\n")
    assert "day-0 share 0.08" in result.stdout


def test_unknown_engine_option_is_a_one_line_error_with_exit_2() -> None:
    result = runner.invoke(app, ["simulate", "validate", MALI, "--option", "warp_speed=1"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: unknown engine option 'warp_speed'")
    assert "Traceback" not in result.output


def test_missing_case_folder_is_a_one_line_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["simulate", "validate", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_flee_rules_and_settings_section_set_the_recorded_options(tmp_path: Path) -> None:
    settings = tmp_path / "simsetting.yml"
    settings.write_text(
        "move_rules:\n  awareness_level: 1\noptimisations:\n  hasten: 20\n"
        "yalu:\n  next_hop_choice: true\n",
        encoding="utf-8",
    )
    out = tmp_path / "run"
    result = runner.invoke(
        app,
        [
            "simulate",
            "run",
            MALI,
            "--settings",
            str(settings),
            "--flee-rules",
            "--seed",
            "1",
            "--output",
            str(out),
            "--no-plots",
            "--option",
            "full_camp_occupancy=0.7",
        ],
    )
    assert result.exit_code == 0, result.output
    options = json.loads((out / "run.json").read_text())["options"]
    assert options["min_awareness_level"] == 0.0  # from --flee-rules
    assert options["next_hop_choice"] is True  # from the yalu: section
    assert options["full_camp_occupancy"] == 0.7  # from --option


def test_dask_on_a_single_case_run_is_refused_in_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["simulate", "run", MALI, "--output", str(tmp_path), "--dask"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: --dask applies to scenarios only. Pass a scenario name, e.g. dprk-collapse.\n"
    )
