import gc
import sys

import pytest
from typer.testing import CliRunner

from yalu.interfaces.cli.app import app, run

runner = CliRunner()


def test_help_lists_groups() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "config" in result.output


def test_bad_setting_gives_one_line_error_and_exit_2(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("YALU_MATCH_LIMIT", "0")
    result = runner.invoke(app, ["config", "show"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: setting 'match_limit' is invalid")
    assert "Traceback" not in result.output


def test_what_a_command_leaves_is_frozen_before_the_interpreter_exits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The interpreter's last collection skips frozen objects: a built index is not walked.
    monkeypatch.setattr(sys, "argv", ["yalu", "--version"])
    gc.unfreeze()
    try:
        with pytest.raises(SystemExit):
            run()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
