"""A team server's flows on PostgreSQL: load a list, screen names, read the audit trail."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.interfaces.api.server import add_key, bearer
from tests.paths import FIXTURES
from yalu.formats import read_list
from yalu.interfaces.cli.app import app
from yalu.screening.ingest import ingest
from yalu.screening.store import open_store

UN = FIXTURES / "screening" / "un_three.xml"

runner = CliRunner()


def yalu(*args: str | Path):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, [str(arg) for arg in args])
    assert result.exit_code == 0, result.output
    return result


def test_load_screen_and_audit_through_the_cli_on_postgresql(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("YALU_DATABASE_URL", postgres_url)
    loaded = yalu("lists", "load", UN)
    assert "Loaded un_sc 2026-02-27T00:00:09.554Z: 3 entities from" in loaded.stdout
    before = yalu("lists", "status").stdout
    assert "un_sc" in before
    truncated = runner.invoke(app, ["lists", "load", str(UN.with_name("un_truncated.xml"))])
    assert truncated.exit_code == 2
    assert "the lists in use are unchanged" in truncated.stderr
    assert yalu("lists", "status").stdout == before

    screened = yalu("screen", "Yun Ho Jin", "--format", "json")
    (best,) = json.loads(screened.stdout)[0]["matches"]
    assert (best["name"], best["list"], best["match"]) == ("YUN HO-JIN", "un_sc", True)
    yalu("screen", "Maria Gonzalez Lopez")

    trail = yalu("audit", "list", "--format", "jsonl")
    rows = [json.loads(line) for line in trail.stdout.splitlines()]
    assert [(row["id"], row["query"]["name"]) for row in rows] == [
        (2, "Maria Gonzalez Lopez"),
        (1, "Yun Ho Jin"),
    ]
    matches = yalu("audit", "list", "--matches-only", "--format", "jsonl")
    assert [json.loads(line)["id"] for line in matches.stdout.splitlines()] == [1]

    with open_store(postgres_url) as store:  # the rows really live in PostgreSQL
        assert store.path.startswith("postgresql://127.0.0.1:")
        assert [v.entity_count for v in store.active_versions()] == [3]


def test_the_api_screens_and_serves_the_audit_trail_from_postgresql(postgres_url: str) -> None:
    from fastapi.testclient import TestClient

    from yalu.core.config import load_settings
    from yalu.interfaces.api import create_app

    with open_store(postgres_url) as store:
        ingest(read_list(UN), store)
    analyst = add_key(postgres_url, "pg-analyst", "analyst")
    auditor = add_key(postgres_url, "pg-auditor", "auditor")
    app = create_app(load_settings(database_url=postgres_url))
    client = TestClient(app, headers=bearer(analyst))
    screened = client.post("/screen", json={"name": "Yun Ho Jin"})
    assert screened.status_code == 200
    assert screened.json()["matches"][0]["entity_id"] == "KPi.001"
    assert client.get("/screenings").status_code == 403
    reader = TestClient(app, headers=bearer(auditor))
    trail = reader.get("/screenings").json()
    assert [(row["id"], row["query"]["name"], row["actor"]) for row in trail] == [
        (1, "Yun Ho Jin", "pg-analyst")
    ]
    assert reader.get("/screenings/1").json()["results"][0]["match"] is True
    assert reader.get("/screenings/2").status_code == 404
