"""API fixtures: settings over a store loaded from the fixture lists, and a TestClient."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.interfaces.api.server import load_fixture_lists
from yalu.core.config import Settings, load_settings
from yalu.interfaces.api import create_app


@pytest.fixture
def settings(isolated_database: Path) -> Settings:
    """Return settings whose database holds the UN and OFAC fixture lists."""
    return load_settings(database_url=load_fixture_lists(isolated_database))


@pytest.fixture
def client(settings: Settings) -> TestClient:
    """Return a TestClient over `create_app(settings)`."""
    return TestClient(create_app(settings))


@pytest.fixture
def empty_client(isolated_database: Path) -> TestClient:
    """Return a TestClient over a database with no list loaded."""
    return TestClient(create_app(load_settings(database_url=f"sqlite:///{isolated_database}")))
