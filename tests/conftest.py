"""Shared test fixtures: where ../shared lives, and an isolated yalu home per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from tests.paths import SHARED_DATA

# CI runs the same examples every time (a red CI must mean a change broke something);
# developers' runs stay random, so new counter-examples keep turning up locally.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


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
