import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.interfaces.api.server import SDN, UN, add_key, bearer
from yalu.core.config import Settings, load_settings
from yalu.formats import read_list
from yalu.interfaces.api import create_app
from yalu.interfaces.cli.app import app as cli_app
from yalu.screening.audit import read_screenings
from yalu.screening.ingest import ingest
from yalu.screening.store import Store, open_store

RYONBONG = "Korea Ryonbong General Corporation"
MATCH_KEYS = ["entity_id", "list", "schema", "name", "score", "match", "explanation"]
ROW_KEYS = [*MATCH_KEYS, "lists", "regimes", "entries", "grouped_because"]


def test_screen_one_name_returns_un_and_ofac_matches_with_explanations(
    client: TestClient,
) -> None:
    response = client.post("/screen", json={"name": RYONBONG})
    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["id", "name", "matches"]
    assert body["id"] == "1" and body["name"] == RYONBONG
    assert all(list(match) == ROW_KEYS for match in body["matches"])
    top = {(e["list"], e["entity_id"]) for m in body["matches"] if m["match"] for e in m["entries"]}
    assert {("un_sc", "KPe.002"), ("ofac_sdn", "9347")} <= top
    assert "name +1.00" in body["matches"][0]["explanation"]


def test_screen_json_is_what_the_cli_prints_for_the_same_query(
    client: TestClient, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("YALU_DATABASE_URL", settings.database_url)
    options = {"schema": "Vessel", "imo_number": "IMO 8660313"}
    api = client.post("/screen", json={"name": "Chon Ma San", **options}).json()
    args = ["screen", "Chon Ma San", "--schema", "Vessel", "--imo-number", "IMO 8660313"]
    cli = CliRunner().invoke(cli_app, [*args, "--format", "jsonl"])
    assert cli.exit_code == 0, cli.output
    assert api == json.loads(cli.stdout)
    assert api["matches"][0]["entity_id"] == "23729"


def test_screen_threshold_and_limit_override_the_settings(client: TestClient) -> None:
    body = client.post("/screen", json={"name": RYONBONG, "threshold": 1.0, "limit": 1}).json()
    assert len(body["matches"]) == 1
    near = {"name": "Korea Ryongbong General Corporation", "limit": 1}
    default = client.post("/screen", json=near).json()["matches"][0]
    strict = client.post("/screen", json={**near, "threshold": 0.95}).json()["matches"][0]
    assert default["entity_id"] == strict["entity_id"] == "9347"
    assert default["score"] == strict["score"] < 0.95
    assert default["match"] is True and strict["match"] is False


def test_screen_writes_one_audit_row_per_query(client: TestClient, isolated_database: Path) -> None:
    client.post("/screen", json={"name": RYONBONG, "id": "PO-7", "threshold": 0.9})
    with Store(isolated_database) as store:
        (record,) = read_screenings(store)
    assert record.query.id == "PO-7"
    assert record.threshold == 0.9
    assert {v.source for v in record.list_versions} == {"un_sc", "ofac_sdn"}
    assert record.actor == "test-admin"  # the name of the client's key


def test_batch_keeps_order_and_numbers_queries_without_an_id(client: TestClient) -> None:
    queries = [{"name": "Chon Ma San", "imo_number": "8660313"}, {"name": RYONBONG, "id": "B"}]
    response = client.post("/screen/batch", json={"queries": queries, "limit": 2})
    assert response.status_code == 200
    results = response.json()
    assert [r["id"] for r in results] == ["1", "B"]
    assert results[0]["matches"][0]["entity_id"] == "23729"
    assert all(len(r["matches"]) <= 2 for r in results)


def test_lists_shows_the_active_versions(client: TestClient) -> None:
    body = client.get("/lists").json()
    assert [item["source"] for item in body["lists"]] == ["ofac_sdn", "un_sc"]
    assert body["entity_count"] == 6
    assert body["lists"][1]["version"] == "2026-02-27T00:00:09.554Z"
    sdn, un = body["lists"]
    assert un["published"] == "2026-02-27T00:00:09.554Z" and un["age_days"] >= 280
    assert un["warning"].startswith("un_sc: published 2026-02-27")
    assert sdn["version"].startswith("sha256 ") and sdn["published"] == ""
    assert sdn["age_days"] is None and "publication date unknown" in sdn["warning"]
    assert sdn["label"].startswith(sdn["version"] + ", loaded ")


def test_lists_is_empty_before_any_load(empty_client: TestClient) -> None:
    assert empty_client.get("/lists").json() == {"lists": [], "entity_count": 0}


def test_health_answers_ok(empty_client: TestClient) -> None:
    assert empty_client.get("/health").json()["status"] == "ok"


def test_openapi_describes_every_endpoint(empty_client: TestClient) -> None:
    paths = empty_client.get("/openapi.json").json()["paths"]
    assert {"/screen", "/screen/batch", "/lists", "/health", "/goods/check"} <= set(paths)
    assert "/" not in paths


def test_a_list_loaded_while_serving_is_used_without_a_restart(
    isolated_database: Path,
) -> None:
    url = f"sqlite:///{isolated_database}"
    with open_store(url) as store:
        ingest(read_list(UN), store)
    key = add_key(url, "analyst", "analyst")
    client = TestClient(create_app(load_settings(database_url=url)), headers=bearer(key))
    before = client.post("/screen", json={"name": RYONBONG}).json()["matches"]
    with open_store(url) as store:
        ingest(read_list(SDN), store)
    # The next request starts a rebuild aside and is answered from the index in use; the
    # new index is swapped in once built (issue 16: a reload never stalls requests).
    during = client.post("/screen", json={"name": RYONBONG})
    assert during.status_code == 200
    state = client.app.state.screening  # type: ignore[attr-defined]
    assert state.holder.rebuilding is not None
    state.holder.rebuilding.join(timeout=120)
    after = client.post("/screen", json={"name": RYONBONG}).json()["matches"]
    assert {m["list"] for m in before} == {"un_sc"}
    assert ("ofac_sdn", "9347") in {(m["list"], m["entity_id"]) for m in after}
