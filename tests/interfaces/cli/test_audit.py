"""`yalu audit list|show` through the real CLI, over a store loaded from the fixture lists."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.paths import FIXTURES
from yalu.core.actor import cli_actor
from yalu.interfaces.cli.app import app

UN = FIXTURES / "screening" / "un_three.xml"
SDN = FIXTURES / "screening" / "ofac_sdn_small"

runner = CliRunner()
FORMATS = "Use one of table, csv, json, jsonl."


def yalu(*args: str | Path):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(arg) for arg in args])


def assert_one_line_error(result, code: int, message: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, result.output
    assert result.stderr == f"error: {message}\n"
    assert "Traceback" not in result.output


def table_rows(stdout: str) -> list[list[str]]:
    """Return the cells of each table line that has cells (the first line of each row)."""
    return [
        [cell.strip() for cell in line.strip("│").split("│")]
        for line in stdout.splitlines()
        if line.startswith("│")
    ]


@pytest.fixture
def screened() -> None:
    """Load the UN and OFAC fixtures, then screen three names (audit ids 1, 2, 3)."""
    for args in (
        ("lists", "load", UN, SDN),
        ("screen", "Chon Ma San", "--imo-number", "IMO 8660313"),
        ("screen", "Maria Gonzalez Lopez"),
        ("screen", "Yun Ho Jin", "--nationality", "KP"),
    ):
        result = yalu(*args)
        assert result.exit_code == 0, result.output


def test_audit_list_shows_each_query_with_its_top_candidate_newest_first(
    screened: None,
) -> None:
    result = yalu("audit", "list")
    assert result.exit_code == 0, result.output
    assert "screened at (UTC)" in result.stdout
    rows = [row for row in table_rows(result.stdout) if row[0]]
    assert [row[0] for row in rows] == ["3", "2", "1"]
    chon = rows[2]
    assert chon[2] == cli_actor()
    assert chon[3] == "Chon Ma San"
    assert chon[4].startswith("ofac_sdn@sha256:")
    assert chon[5] == "CHON MA SAN (ofac_sdn)"
    assert chon[6] == "1.00"
    assert chon[7] == "yes"
    maria = rows[1]
    assert maria[3] == "Maria Gonzalez Lopez"
    assert maria[7] == ""


def test_audit_list_name_filter_ignores_case(screened: None) -> None:
    result = yalu("audit", "list", "--name", "yun ho", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["query"]["name"] for row in rows] == ["Yun Ho Jin"]


def test_audit_list_matches_only_drops_clear_screenings(screened: None) -> None:
    result = yalu("audit", "list", "--matches-only", "--format", "json")
    assert result.exit_code == 0, result.output
    names = [row["query"]["name"] for row in json.loads(result.stdout)]
    assert names == ["Yun Ho Jin", "Chon Ma San"]


def test_audit_list_limit_keeps_the_newest(screened: None) -> None:
    result = yalu("audit", "list", "--limit", "1", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["id"] == 3


def test_audit_list_json_holds_full_records(screened: None) -> None:
    result = yalu("audit", "list", "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [record["id"] for record in records] == [3, 2, 1]
    chon = records[2]
    assert list(chon) == [
        "id",
        "screened_at",
        "actor",
        "query",
        "list_versions",
        "threshold",
        "limit",
        "results",
        "code_digest",
    ]
    assert chon["actor"] == cli_actor()
    assert len(chon["code_digest"]) == 64
    assert chon["query"] == {"name": "Chon Ma San", "id": "1", "imo_number": "IMO 8660313"}
    assert {v["source"] for v in chon["list_versions"]} == {"un_sc", "ofac_sdn"}
    assert chon["results"][0]["entity_id"] == "23729"
    assert chon["results"][0]["features"][0]["name"] == "name"


def test_audit_show_prints_facts_lists_threshold_and_explanation(screened: None) -> None:
    result = yalu("audit", "show", "1")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "query       Chon Ma San" in lines
    assert f"screened by {cli_actor()}" in lines
    assert "facts       id 1, imo_number IMO 8660313" in lines
    assert "threshold   0.84" in lines
    assert "limit       5" in lines
    assert any(line.startswith("lists       ofac_sdn sha256 ") for line in lines)
    assert any(line.startswith("verdict     MATCH (1 of") for line in lines)
    assert "name: 'Chon Ma San' ~ 'CHON MA SAN'" in result.stdout
    assert "identifier +1.00: IMO 8660313 is on the list: an equal IMO number decides" in (
        result.stdout
    )
    assert "23729" in result.stdout


def test_audit_show_of_a_clear_screening_says_so(screened: None) -> None:
    result = yalu("audit", "show", "2")
    assert result.exit_code == 0, result.output
    assert "verdict     clear (no candidate at or above the threshold)" in result.stdout
    assert "MATCH" not in result.stdout


def test_audit_show_json_is_the_stored_record(screened: None) -> None:
    result = yalu("audit", "show", "3", "--format", "json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["id"] == 3
    assert record["query"]["nationality"] == "kp"
    assert record["results"][0]["entity_id"] == "KPi.001"
    assert record["results"][0]["match"] is True


def test_audit_show_unknown_id_is_one_line_error(screened: None) -> None:
    result = yalu("audit", "show", "42")
    assert_one_line_error(
        result, 1, "no screening 42 in the audit trail. `yalu audit list` shows the ids."
    )
    assert result.stdout == ""


def test_audit_list_on_an_empty_trail_says_so_and_exits_0() -> None:
    result = yalu("audit", "list")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == (
        "The audit trail is empty: nothing has been screened through the store yet.\n"
    )


def test_audit_list_json_on_an_empty_trail_is_an_empty_array() -> None:
    result = yalu("audit", "list", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []


def test_audit_list_with_filters_matching_nothing_says_so(screened: None) -> None:
    result = yalu("audit", "list", "--name", "Nobody")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == "No screening matches these filters.\n"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["list", "--format", "xml"], 2, f"unknown format 'xml'. {FORMATS}"),
        (["show", "1", "--format", "xlsx"], 2, f"unknown format 'xlsx'. {FORMATS}"),
        (["list", "--limit", "0"], 2, "limit 0 is below 1. Ask for at least one screening."),
    ],
)
def test_audit_mistakes_are_one_line_errors(args: list[str], code: int, message: str) -> None:
    assert_one_line_error(yalu("audit", *args), code, message)
