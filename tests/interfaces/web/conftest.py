"""Web fixtures: TestClients signed in to the pages, over a store with or without lists.

`client` and `empty_client` are signed in as an admin through the real sign-in form (and
also carry the admin key, for the API routes some tests call); their form posts add the
session's CSRF token, as the page's hidden field does. `sign_in` does the same for any key.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.interfaces.api.server import add_key, bearer, load_fixture_lists
from yalu.core.config import load_settings
from yalu.interfaces.api import create_app


class PageClient(TestClient):
    """A TestClient with a session; `post` adds its CSRF token to form data."""

    csrf_token = ""

    def post(self, url: Any, *args: Any, data: Any = None, **kwargs: Any) -> Any:  # type: ignore[override]
        if isinstance(data, dict) and "csrf_token" not in data:
            data = {**data, "csrf_token": self.csrf_token}
        return super().post(url, *args, data=data, **kwargs)


def signin_token(html: str) -> str:
    """Return the sign-in form's hidden token."""
    found = re.search(r'name="signin_token" value="([^"]+)"', html)
    assert found, "the sign-in form has no token"
    return found.group(1)


def csrf_token(html: str) -> str:
    """Return a page's CSRF token (the sign-out form carries it on every page)."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no CSRF token"
    return found.group(1)


def sign_in(client: PageClient, key: str, next_path: str = "/") -> PageClient:
    """Sign `client` in with `key` through the form; keep the session's CSRF token."""
    form = client.get("/signin")
    signed_in = client.post(
        "/signin",
        data={"key": key, "signin_token": signin_token(form.text), "next": next_path},
        follow_redirects=False,
    )
    assert signed_in.status_code == 303, signed_in.text
    page = client.get(signed_in.headers["location"])
    client.csrf_token = csrf_token(page.text)
    return client


def admin_client(url: str, **settings: Any) -> PageClient:
    """Return a client signed in as a new admin over `url`, with any other `settings`."""
    key = add_key(url, "page-admin", "admin")
    app = create_app(load_settings(database_url=url, **settings))
    return sign_in(PageClient(app, headers=bearer(key)), key)


@pytest.fixture
def client(isolated_database: Path) -> PageClient:
    """Return a signed-in admin client whose database holds the UN and OFAC fixture lists."""
    return admin_client(load_fixture_lists(isolated_database))


@pytest.fixture
def empty_client(isolated_database: Path) -> PageClient:
    """Return a signed-in admin client over a database with no list loaded."""
    return admin_client(f"sqlite:///{isolated_database}")
