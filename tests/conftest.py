"""Shared test fixtures: where ../shared lives, and an isolated yalu home per test."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SHARED_DATA = SHARED / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def isolated_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the default database at a temporary file so tests never touch the user's."""
    database = tmp_path / "yalu.sqlite3"
    monkeypatch.setenv("YALU_DATABASE_URL", f"sqlite:///{database}")
    return database

