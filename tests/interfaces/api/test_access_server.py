"""Keys and roles enforced by a real `yalu serve` on 127.0.0.1, spoken to over HTTP.

The keys are made with the real `yalu keys create` command against the served database,
and revoked with `yalu keys revoke`, while the server runs.
"""

import os
import re
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest

from tests.interfaces.api.server import Server, bearer, load_fixture_lists, running_server

RYONBONG = {"name": "Korea Ryonbong General Corporation"}
WRONG_KEY = "yalu_0123456789ab_" + "x" * 43


def yalu(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real `yalu` command on the served database."""
    env = {**os.environ, "YALU_DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "-m", "yalu", *args], env=env, capture_output=True, text=True, check=False
    )


def create_key(database_url: str, name: str, role: str) -> str:
    made = yalu(database_url, "keys", "create", name, "--role", role)
    assert made.returncode == 0, made.stderr
    return made.stdout.splitlines()[-1]  # the key, alone on the last line


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("access")
    url = load_fixture_lists(folder / "yalu.sqlite3")
    with running_server(url, folder) as running:
        yield running


@pytest.fixture(scope="module")
def keys(server: Server) -> dict[str, str]:
    return {
        "alice": create_key(server.database_url, "alice", "analyst"),
        "olga": create_key(server.database_url, "olga", "auditor"),
    }


def test_keys_create_prints_the_key_alone_on_the_last_line(keys: dict[str, str]) -> None:
    assert re.fullmatch(r"yalu_[0-9a-f]{12}_[A-Za-z0-9_-]{43}", keys["alice"])
    assert keys["alice"] != keys["olga"]


def test_no_key_and_a_wrong_key_are_401(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        missing = http.post("/screen", json=RYONBONG)
        wrong = http.post("/screen", json=RYONBONG, headers=bearer(WRONG_KEY))
        health = http.get("/health")
    assert missing.status_code == wrong.status_code == 401
    assert missing.json()["error"] == wrong.json()["error"] == "AuthenticationError"
    assert missing.json()["detail"].startswith("this request carries no API key.")
    assert wrong.json()["detail"].startswith("the API key is unknown or revoked.")
    assert WRONG_KEY not in wrong.text
    assert wrong.headers["www-authenticate"].startswith("Bearer")
    assert health.status_code == 200  # the one route without a key


def test_roles_decide_who_screens_and_who_reads_the_trail(
    server: Server, keys: dict[str, str]
) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        analyst_screens = http.post("/screen", json=RYONBONG, headers=bearer(keys["alice"]))
        auditor_screens = http.post("/screen", json=RYONBONG, headers=bearer(keys["olga"]))
        analyst_reads = http.get("/screenings", headers=bearer(keys["alice"]))
        auditor_reads = http.get("/screenings", headers=bearer(keys["olga"]))
    assert analyst_screens.status_code == 200
    assert analyst_screens.json()["matches"][0]["match"] is True
    assert auditor_screens.status_code == 403
    assert auditor_screens.json() == {
        "error": "PermissionDeniedError",
        "detail": "the auditor role may not screen names. "
        "Ask an admin for a key with a role that may.",
    }
    assert analyst_reads.status_code == 403
    assert analyst_reads.json()["error"] == "PermissionDeniedError"
    assert auditor_reads.status_code == 200
    row = auditor_reads.json()[0]
    assert row["query"]["name"] == RYONBONG["name"]
    assert row["actor"] == "alice"


def test_the_page_without_a_session_redirects_to_sign_in(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        page = http.get("/audit?name=kim")
        screen = http.post("/", data={"name": "Kim"})
    assert page.status_code == 303
    assert page.headers["location"] == "/signin?next=/audit%3Fname%3Dkim"
    assert screen.status_code == 303
    assert screen.headers["location"] == "/signin?next=/"


def test_a_revoked_key_is_refused_on_its_next_request(server: Server) -> None:
    key = create_key(server.database_url, "temp-analyst", "analyst")
    with httpx.Client(base_url=server.url, timeout=30, headers=bearer(key)) as http:
        before = http.post("/screen", json=RYONBONG)
        revoked = yalu(server.database_url, "keys", "revoke", "temp-analyst")
        after = http.post("/screen", json=RYONBONG)
    assert before.status_code == 200
    assert revoked.returncode == 0, revoked.stderr
    assert after.status_code == 401


def test_a_session_ends_when_its_key_is_revoked(server: Server) -> None:
    key = create_key(server.database_url, "temp-reader", "auditor")
    with httpx.Client(base_url=server.url, timeout=30) as browser:
        form = browser.get("/signin")
        token = re.search(r'name="signin_token" value="([^"]+)"', form.text)
        assert token is not None
        signed_in = browser.post(
            "/signin", data={"key": key, "signin_token": token.group(1), "next": "/audit"}
        )
        assert signed_in.status_code == 303 and signed_in.headers["location"] == "/audit"
        assert browser.get("/audit").status_code == 200
        assert yalu(server.database_url, "keys", "revoke", "temp-reader").returncode == 0
        after = browser.get("/audit")
    assert after.status_code == 303
    assert after.headers["location"].startswith("/signin")


def test_behind_a_tls_proxy_the_session_cookie_is_secure(server: Server) -> None:
    key = create_key(server.database_url, "proxied", "analyst")
    # uvicorn trusts X-Forwarded-Proto from 127.0.0.1, as from a proxy on the same host.
    proxy = {"X-Forwarded-Proto": "https"}
    with httpx.Client(base_url=server.url, timeout=30, headers=proxy) as http:
        form = http.get("/signin")
        signin_cookie = form.headers["set-cookie"]
        token = re.search(r'name="signin_token" value="([^"]+)"', form.text)
        assert token is not None
        value = signin_cookie.split(";")[0].split("=", 1)[1]
        signed_in = http.post(
            "/signin",
            data={"key": key, "signin_token": token.group(1)},
            headers={"Cookie": f"__Host-yalu_signin={value}"},
        )
    assert signin_cookie.startswith("__Host-yalu_signin=")
    session = next(
        c for c in signed_in.headers.get_list("set-cookie") if c.startswith("__Host-yalu_session=")
    )
    attributes = {part.strip().lower() for part in session.split(";")[1:]}
    assert {"httponly", "secure", "samesite=strict", "path=/"} <= attributes
