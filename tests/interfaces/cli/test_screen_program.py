"""`yalu screen --program`: screen within one sanctions programme."""

import json

from typer.testing import CliRunner

from tests.paths import FIXTURES
from yalu.interfaces.cli.app import app

runner = CliRunner()
UN = FIXTURES / "screening" / "un_three.xml"
SDN = FIXTURES / "screening" / "ofac_sdn_small"


def yalu(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def test_program_keeps_the_entries_under_it_and_says_so_in_the_title() -> None:
    assert yalu("lists", "load", str(UN), str(SDN)).exit_code == 0
    table = yalu("screen", "Korea Ryonbong General Corporation", "--program", "DPRK")
    assert table.exit_code == 0, table.output
    assert "programme dprk" in table.stdout and "9347" not in table.stdout
    lines = yalu("screen", "Korea Ryonbong General Corporation", "--program", "dprk", "-f", "jsonl")
    row = json.loads(lines.stdout)["matches"][0]
    assert (row["lists"], row["regimes"]) == (["un_sc"], ["dprk/1718"])


def test_unknown_programme_is_one_line_and_exit_2() -> None:
    result = yalu("screen", "Kim Chol", "--program", "north-korea")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: unknown programme 'north-korea'. Use a family such as")
    assert result.stderr.count("\n") == 1


def test_programme_no_loaded_entry_is_under_is_exit_1() -> None:
    assert yalu("lists", "load", str(UN)).exit_code == 0
    result = yalu("screen", "Kim Chol", "--program", "iran")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (  # after any list-age warning
        "error: no entry of the lists in use is under programme 'iran'. "
        "Screen without a programme, or load a list that has it."
    )
