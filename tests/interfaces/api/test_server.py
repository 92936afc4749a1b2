"""`yalu serve` for real: a uvicorn process on 127.0.0.1, spoken to over HTTP with httpx."""

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.interfaces.api.server import (
    SHIPMENTS,
    Server,
    add_key,
    bearer,
    load_fixture_lists,
    running_server,
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("serve")
    url = load_fixture_lists(folder / "yalu.sqlite3")
    with running_server(url, folder) as running:
        yield running


@pytest.fixture(scope="module")
def key(server: Server) -> str:
    """An analyst's key, made in the served database while the server runs."""
    return add_key(server.database_url, "served-analyst", "analyst")


def test_served_api_screens_and_reports_lists(server: Server, key: str) -> None:
    with httpx.Client(base_url=server.url, timeout=30, headers=bearer(key)) as http:
        screened = http.post("/screen", json={"name": "Korea Ryonbong General Corporation"})
        lists = http.get("/lists")
        empty = http.post("/screen", json={"name": ""})
    assert screened.status_code == 200
    rows = [m for m in screened.json()["matches"] if m["match"]]
    matched = {entry["entity_id"] for m in rows for entry in m["entries"]}
    assert {"KPe.002", "9347"} <= matched
    assert lists.json()["entity_count"] == 6
    assert empty.status_code == 422
    assert empty.json()["detail"].startswith("the name to screen is empty.")


def test_served_goods_check_accepts_an_upload(server: Server, key: str) -> None:
    with SHIPMENTS.open("rb") as handle:
        response = httpx.post(
            f"{server.url}/goods/check",
            files={"file": ("shipments.csv", handle, "text/csv")},
            headers=bearer(key),
            timeout=30,
        )
    assert response.status_code == 200
    assert len(response.json()) == 17


def test_served_page_and_stylesheet_come_from_the_server(server: Server) -> None:
    page = httpx.get(server.url + "/signin", timeout=30)
    assert page.status_code == 200
    assert 'name="key"' in page.text and 'type="password"' in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    css = httpx.get(server.url + "/static/style.css", timeout=30)
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")


def test_serve_logs_json_lines_with_log_json(server: Server) -> None:
    httpx.get(server.url + "/health", timeout=30)
    records = [json.loads(line) for line in server.log.read_text().splitlines() if line.strip()]
    assert records, "yalu serve wrote no logs"
    assert all({"time", "level", "logger", "message"} <= set(r) for r in records)
    assert any(r["logger"] == "uvicorn.access" and "/health" in r["message"] for r in records)


def test_serve_logs_plain_text_by_default(tmp_path: Path) -> None:
    url = load_fixture_lists(tmp_path / "plain.sqlite3")
    with running_server(url, tmp_path, log_json=False) as plain:
        httpx.get(plain.url + "/health", timeout=30)
    text = plain.log.read_text()
    assert "Uvicorn running on http://127.0.0.1:" in text
    assert not text.lstrip().startswith("{")
