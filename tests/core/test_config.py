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


def test_yalu_toml_in_working_directory_is_read_below_environment(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "yalu.toml").write_text("match_threshold = 0.66\nmatch_limit = 7\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("YALU_MATCH_LIMIT", "9")
    settings = load_settings()
    assert settings.match_threshold == 0.66
    assert settings.match_limit == 9


def test_default_threshold_setting_is_the_matchers_documented_default() -> None:
    from yalu.screening.score import DEFAULT_THRESHOLD

    assert load_settings().match_threshold == DEFAULT_THRESHOLD
