"""Every other text input (FLEE cases, scenarios, rulebooks) is decoded strictly, in one line."""

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.paths import FIXTURES
from yalu.core.errors import ConfigError
from yalu.goods.rules import load_rulebook
from yalu.interfaces.cli.app import app

CASE = FIXTURES / "flee" / "tiny_case"
runner = CliRunner()


def with_bad_byte(path: Path, line: int) -> int:
    """Put the byte 0xFF at the start of `line` (1-based); return its byte offset."""
    data = path.read_bytes()
    offset = 0
    for _ in range(line - 1):
        offset = data.index(b"\n", offset) + 1
    path.write_bytes(data[:offset] + b"\xff" + data[offset:])
    return offset


@pytest.mark.parametrize(
    "name", ["input_csv/locations.csv", "input_csv/routes.csv", "source_data/refugees.csv",
             "simsetting.yml"],
)  # fmt: skip
def test_a_flee_case_file_that_is_not_utf8_is_one_line(tmp_path: Path, name: str) -> None:
    case = tmp_path / "case"
    shutil.copytree(CASE, case)
    offset = with_bad_byte(case / name, 2)
    if "source_data" in name:
        command = ["simulate", "validate", str(case)]
    else:
        command = ["simulate", "run", str(case), "--output", str(tmp_path / "out")]
    result = runner.invoke(app, command)
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"error: {case / name}:2: not UTF-8 text: byte 0xFF at byte offset {offset} "
        "(column 1). Save the file as UTF-8.\n"
    )


def test_a_scenario_file_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    scenario = tmp_path / "scenario.yml"
    scenario.write_bytes(b"name: test\n\xe9\n")
    result = runner.invoke(app, ["simulate", "run", str(scenario), "--output", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(
        f"error: {scenario}:2: not UTF-8 text: byte 0xE9 at byte offset 11 (column 1)."
    )


def test_a_rulebook_that_is_not_utf8_is_a_config_error(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_bytes(b"rules: []\n# \xff\n")
    with pytest.raises(ConfigError, match=r"rules.yaml:2: not UTF-8 text: byte 0xFF"):
        load_rulebook(rules)
