"""API fixtures: settings over a store loaded from the fixture lists, and keyed TestClients.

`client` and `empty_client` carry an admin key (every permission); `client_as(role)` makes a
client whose key has one role, named after it (`analyst-1`, ...).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.interfaces.api.server import add_key, bearer, load_fixture_lists
from yalu.core.config import Settings, load_settings
from yalu.interfaces.api import create_app

ADMIN = "test-admin"


@pytest.fixture
def settings(isolated_database: Path) -> Settings:
    """Return settings whose database holds the UN and OFAC fixture lists."""
    return load_settings(database_url=load_fixture_lists(isolated_database))


@pytest.fixture
def client(settings: Settings) -> TestClient:
    """Return a TestClient over `create_app(settings)`, carrying an admin key."""
    key = add_key(settings.database_url, ADMIN, "admin")
    return TestClient(create_app(settings), headers=bearer(key))


@pytest.fixture
def client_as(settings: Settings) -> Callable[[str], TestClient]:
    """Return a maker of TestClients over one app, each with a new key of the given role."""
    app = create_app(settings)
    numbers = itertools.count(1)

    def make(role: str) -> TestClient:
        key = add_key(settings.database_url, f"{role}-{next(numbers)}", role)
        return TestClient(app, headers=bearer(key))

    return make


@pytest.fixture
def empty_client(isolated_database: Path) -> TestClient:
    """Return a TestClient over a database with no list loaded, carrying an admin key."""
    url = f"sqlite:///{isolated_database}"
    key = add_key(url, ADMIN, "admin")
    return TestClient(create_app(load_settings(database_url=url)), headers=bearer(key))
