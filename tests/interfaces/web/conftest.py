"""Web fixtures: a TestClient over a store loaded from the fixture lists, or an empty one."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.interfaces.api.server import load_fixture_lists
from yalu.core.config import load_settings
from yalu.interfaces.api import create_app


@pytest.fixture
def client(isolated_database: Path) -> TestClient:
    """Return a TestClient whose database holds the UN and OFAC fixture lists."""
    url = load_fixture_lists(isolated_database)
    return TestClient(create_app(load_settings(database_url=url)))


@pytest.fixture
def empty_client(isolated_database: Path) -> TestClient:
    """Return a TestClient over a database with no list loaded."""
    return TestClient(create_app(load_settings(database_url=f"sqlite:///{isolated_database}")))
