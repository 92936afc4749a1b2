import pytest

from yalu.core.config import load_settings
from yalu.core.errors import ConfigError


def test_flag_beats_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YALU_MATCH_THRESHOLD", "0.6")
    assert load_settings().match_threshold == 0.6
    assert load_settings(match_threshold=0.9).match_threshold == 0.9


def test_invalid_setting_is_a_config_error_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YALU_MATCH_THRESHOLD", "2")
    with pytest.raises(ConfigError, match="match_threshold"):
        load_settings()


def test_default_database_is_sqlite() -> None:
    assert load_settings().database_url.startswith("sqlite:///")
