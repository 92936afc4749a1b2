import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.paths import FIXTURES
from yalu.core.actor import cli_actor
from yalu.interfaces.cli.app import app
from yalu.models.screening import Query
from yalu.screening.audit import read_screenings
from yalu.screening.score import DEFAULT_THRESHOLD
from yalu.screening.store import Store

SCREENING = FIXTURES / "screening"
UN = SCREENING / "un_three.xml"
SDN = SCREENING / "ofac_sdn_small"
NAMES = SCREENING / "names.csv"

runner = CliRunner()


def yalu(*args: str | Path, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(arg) for arg in args], input=stdin)


def assert_one_line_error(result, code: int, start: str) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, result.output
    assert result.stderr.startswith(f"error: {start}"), result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output
    return str(result.stderr)


@pytest.fixture
def loaded() -> None:
    result = yalu("lists", "load", UN, SDN)
    assert result.exit_code == 0, result.output


def test_screen_one_name_prints_both_lists_with_explanations(loaded: None) -> None:
    result = yalu("screen", "Korea Ryonbong General Corporation")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # One row for the one corporation, naming both lists' entries on consecutive lines.
    assert sum("MATCH" in line for line in lines) == 1
    assert any("un_sc" in line and "KPe.002" in line for line in lines)
    assert any("ofac_sdn" in line and "9347" in line for line in lines)
    assert "name +1.00" in result.stdout and "grouped: " in result.stdout
    assert f"threshold {DEFAULT_THRESHOLD}" in result.stdout


def test_screen_writes_an_audit_row(loaded: None, isolated_database: Path) -> None:
    yalu("screen", "Chon Ma San", "--imo-number", "IMO 8660313", "--threshold", "0.8")
    with Store(isolated_database) as store:
        (record,) = read_screenings(store)
    assert record.query == Query(name="Chon Ma San", id="1", imo_number="IMO 8660313")
    assert record.threshold == 0.8
    assert {v.source for v in record.list_versions} == {"un_sc", "ofac_sdn"}
    assert record.results[0].entity_id == "23729"
    assert record.results[0].is_match
    assert "IMO 8660313" in record.results[0].explanation
    assert record.actor == cli_actor()


def test_screen_file_jsonl_keeps_input_order_ids_and_extra_columns(loaded: None) -> None:
    result = yalu("screen", "--input", NAMES, "--format", "jsonl", "--limit", "3")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["id"] for row in rows] == ["A1", "A2", "A3"]
    assert [row["ref"] for row in rows] == ["PO-1001", "PO-1002", "PO-1003"]
    assert list(rows[0]) == ["id", "name", "ref", "matches"]
    first = rows[0]["matches"][0]
    assert list(first) == [
        *("entity_id", "list", "schema", "name", "score", "match", "explanation"),
        *("lists", "regimes", "entries", "grouped_because"),
    ]
    assert {entry["entity_id"] for entry in first["entries"]} == {"KPe.002", "9347"}
    assert sorted(first["lists"]) == ["ofac_sdn", "un_sc"] and first["grouped_because"]
    assert rows[1]["matches"][0]["entity_id"] == "23729"
    assert all(len(row["matches"]) <= 3 for row in rows)
    scores = [m["score"] for m in rows[0]["matches"]]
    assert scores == sorted(scores, reverse=True)
    assert not any(m["match"] for m in rows[2]["matches"])


def test_screen_file_to_csv_output_file(loaded: None, tmp_path: Path) -> None:
    out = tmp_path / "results.csv"
    result = yalu("screen", "--input", NAMES, "--format", "csv", "--output", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0]["id"] == "A1" and rows[0]["ref"] == "PO-1001"
    assert rows[0]["match"] == "yes"
    assert {"rank", "entity_id", "list", "score", "explanation"} <= set(rows[0])


def test_screen_stdin_to_json_array(loaded: None) -> None:
    result = yalu("screen", "--input", "-", "--format", "json", stdin="name\nYun Ho Jin\n")
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["id"] == "1"
    assert row["matches"][0]["entity_id"] == "KPi.001"


def test_screen_against_list_files_needs_no_store(isolated_database: Path) -> None:
    result = yalu("screen", "Chon Ma San", "--list-file", SDN, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["matches"][0]["entity_id"] == "23729"
    assert not isolated_database.exists()


def test_screen_without_lists_says_to_load_them() -> None:
    result = yalu("screen", "Kim Chol")
    assert_one_line_error(
        result,
        1,
        "no sanctions lists are loaded. Run `yalu lists load PATH` with list files, "
        "or `yalu lists update` online.",
    )


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (["screen", ""], "the name to screen is empty. Pass a name"),
        (["screen", "   "], "the name to screen is empty"),
        (["screen", "?!"], "the name '?!' has no letters or digits"),
        (["screen", "Kim", "--schema", "Ship"], "unknown schema 'Ship'. Use one of Person,"),
        (["screen", "Kim", "--nationality", "Atlantis"], "unknown nationality 'Atlantis'"),
        (["screen", "Kim", "--format", "xml"], "unknown format 'xml'. Use one of table,"),
        (["screen", "Kim", "--threshold", "2"], "setting 'match_threshold' is invalid"),
        (["screen"], "nothing to screen. Pass a name"),
        (["screen", "Kim", "--input", str(NAMES)], "give either a NAME or --input FILE"),
        (["screen", "--input", str(NAMES), "--schema", "Person"], "--schema applies to a single"),
    ],
)
def test_bad_query_is_a_one_line_input_error(args: list[str], start: str) -> None:
    assert_one_line_error(yalu(*args), 2, start)


def test_names_file_without_name_column_names_file_line_and_fix(loaded: None) -> None:
    path = SCREENING / "names_without_name.csv"
    message = assert_one_line_error(
        yalu("screen", "--input", path), 2, f"{path}:1: the header has no 'name' column"
    )
    assert "(found: id, company, country)" in message
    assert "Add a header row with a 'name' column" in message


def test_names_file_row_with_unknown_schema_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("name,schema\nKim Chol,Person\nChon Ma San,Boat\n", encoding="utf-8")
    assert_one_line_error(yalu("screen", "--input", path), 2, f"{path}:3: unknown schema 'Boat'")


def test_names_file_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "names.csv"
    assert_one_line_error(yalu("screen", "--input", missing), 2, f"{missing}: no such file")


def test_unwritable_output_is_a_one_line_error(loaded: None, tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "dir" / "out.csv"
    result = yalu("screen", "Kim Chol", "--format", "csv", "--output", out)
    assert_one_line_error(result, 2, f"{out}: cannot write the output")


def test_names_file_that_is_not_utf8_names_its_line_and_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_bytes("name\nKim Chol\nJos\u00e9 Kim\n".encode("latin-1"))
    message = assert_one_line_error(
        yalu("screen", "--input", path), 2, f"{path}:3: not UTF-8 text: byte 0xE9"
    )
    assert "at byte offset 17 (column 4). Save the file as UTF-8 CSV." in message


def test_names_on_stdin_that_are_not_utf8_name_the_line_and_byte_offset() -> None:
    result = runner.invoke(app, ["screen", "--input", "-"], input=b"name\n\xffKim\n")
    assert_one_line_error(result, 2, "<stdin>:2: not UTF-8 text: byte 0xFF at byte offset 5")
