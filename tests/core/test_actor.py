import pytest

from yalu.core.actor import cli_actor


def test_cli_actor_names_the_operating_system_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOGNAME", "analyst7")
    assert cli_actor() == "cli:analyst7"
