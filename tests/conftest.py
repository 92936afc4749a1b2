"""Shared test fixtures: where ../shared lives, and an isolated yalu home per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.paths import SHARED_DATA


@pytest.fixture
def shared_data() -> Path:
    """Return ../shared/data, failing with a clear message when it is not beside the repo."""
    if not SHARED_DATA.is_dir():
        pytest.fail(f"{SHARED_DATA} is missing: clone the repository next to shared/")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def isolated_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the default database at a temporary file so tests never touch the user's."""
    database = tmp_path / "yalu.sqlite3"
    monkeypatch.setenv("YALU_DATABASE_URL", f"sqlite:///{database}")
    return database
