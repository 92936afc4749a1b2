"""`GET /lists/{source}/diff`, `GET /alerts`, `POST /decisions` and `GET /decisions`."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.interfaces.api.server import add_key, bearer, running_server
from tests.paths import FIXTURES
from yalu.core.config import load_settings
from yalu.formats import read_list
from yalu.interfaces.api import create_app
from yalu.screening.ingest import ingest
from yalu.screening.monitor import add_subjects, rescreen
from yalu.screening.store import open_store
from yalu.screening.subjects import read_subjects_text

SMALL = FIXTURES / "lists" / "monitor"


def _monitored_store(database: Path) -> str:
    """Monitor three subjects across both small list versions; return the database URL."""
    url = f"sqlite:///{database}"
    with open_store(url) as store:
        ingest(read_list(SMALL / "un_small_v1.xml"), store)
        book = "id,name\nS1,Pak Ji Song\nS2,Ryu Myong Ho\nS3,Kim Su Gwang\n"
        add_subjects(store, read_subjects_text(book, "book.csv"), threshold=0.84, at="t", by="t")
        ingest(read_list(SMALL / "un_small_v2.xml"), store)
        rescreen(store, threshold=0.84, created="2026-01-05T10:00:00+00:00")
    return url


@pytest.fixture
def client(isolated_database: Path) -> TestClient:
    url = _monitored_store(isolated_database)
    key = add_key(url, "test-admin", "admin")
    return TestClient(create_app(load_settings(database_url=url)), headers=bearer(key))


def test_diff_defaults_to_the_active_version_against_the_one_before(client: TestClient) -> None:
    response = client.get("/lists/un_sc/diff")
    assert response.status_code == 200
    body = response.json()
    assert (body["source"], body["from"], body["to"]) == (
        "un_sc",
        "2025-01-10T00:00:00.000Z",
        "2025-03-14T00:00:00.000Z",
    )
    assert body["added"] == [{"entity_id": "KPi.914", "name": "KIM SU GWANG"}]
    assert body["removed"] == [{"entity_id": "KPi.913", "name": "RYU MYONG HO"}]
    assert body["changed"] == [
        {
            "entity_id": "KPi.911",
            "name": "PAK JI SONG",
            "fields": ["birth_dates"],
            "changes": {"birth_dates": {"added": ["1976-04-12"], "removed": []}},
        }
    ]
    back = client.get("/lists/un_sc/diff", params={"from": "2025-03-14", "to": "2025-01-10"})
    assert back.json()["added"] == [{"entity_id": "KPi.913", "name": "RYU MYONG HO"}]


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        ("/lists/eu_fsf/diff", "the list eu_fsf was never loaded"),
        ("/lists/un_sc/diff?from=1999-01-01", "the list un_sc has no version '1999-01-01'"),
    ],
)
def test_diff_of_an_unknown_list_or_version_is_404(
    client: TestClient, path: str, detail: str
) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["error"] == "NotFoundError"
    assert response.json()["detail"].startswith(detail)


def test_alerts_in_order_raised_and_only_open_ones(client: TestClient) -> None:
    alerts = client.get("/alerts").json()
    assert [(a["subject_id"], a["kind"], a["entity_id"]) for a in alerts] == [
        ("S1", "changed_match", "KPi.911"),
        ("S3", "new_match", "KPi.914"),
        ("S2", "delisted", "KPi.913"),
    ]
    assert alerts[0]["fields"] == ["birth_dates"]
    assert alerts[0]["list_version"] == "2025-03-14T00:00:00.000Z"
    assert client.get("/alerts", params={"after_id": alerts[1]["alert_id"]}).json() == [alerts[2]]
    decided = client.post(
        "/decisions",
        json={
            "subject_id": "S3",
            "entity_id": "KPi.914",
            "verdict": "true_match",
            "reason": "same birth date",
        },
    )
    assert decided.status_code == 201
    open_alerts = client.get("/alerts", params={"open": "true"}).json()
    assert [a["subject_id"] for a in open_alerts] == ["S1", "S2"]
    acknowledged = client.get("/alerts", params={"subject_id": "S3"}).json()[0]
    assert (acknowledged["status"], acknowledged["decision_id"]) == (
        "acknowledged",
        decided.json()["decision_id"],
    )


def test_a_decision_is_shown_on_the_next_screening_of_that_subject(client: TestClient) -> None:
    body = {
        "subject_id": "S1",
        "entity_id": "KPi.911",
        "verdict": "false_positive",
        "reason": "Our Pak Ji Song was born in 2001",
    }
    decided = client.post("/decisions", json=body)
    assert decided.status_code == 201
    record = decided.json()
    assert (record["list"], record["subject_name"], record["by"]) == (
        "un_sc",
        "Pak Ji Song",
        "test-admin",
    )
    screened = client.post("/screen", json={"name": "Pak Ji Song", "id": "S1"}).json()
    candidate = screened["matches"][0]
    assert (candidate["entity_id"], candidate["match"]) == ("KPi.911", False)
    assert candidate["decision"] == {
        "verdict": "false_positive",
        "reason": "Our Pak Ji Song was born in 2001",
        "by": "test-admin",
        "at": record["at"],
    }
    other = client.post("/screen", json={"name": "Pak Ji Song", "id": "S7"}).json()
    assert "decision" not in other["matches"][0] and other["matches"][0]["match"] is True
    audited = client.get("/screenings", params={"limit": 2}).json()
    assert audited[1]["results"][0]["decision"]["verdict"] == "false_positive"
    assert "decision" not in audited[0]["results"][0]
    trail = client.get("/decisions", params={"subject_id": "S1"}).json()
    assert [d["decision_id"] for d in trail] == [record["decision_id"]]


def test_only_reviewers_decide_and_each_decision_joins_the_chain(isolated_database: Path) -> None:
    url = _monitored_store(isolated_database)
    app = create_app(load_settings(database_url=url))
    body = {"subject_id": "S1", "entity_id": "KPi.911", "verdict": "true_match", "reason": "r"}
    as_analyst = TestClient(app, headers=bearer(add_key(url, "ana", "analyst")))
    as_reviewer = TestClient(app, headers=bearer(add_key(url, "rev", "reviewer")))
    as_auditor = TestClient(app, headers=bearer(add_key(url, "aud", "auditor")))
    refused = as_analyst.post("/decisions", json=body)
    assert refused.status_code == 403 and refused.json()["error"] == "PermissionDeniedError"
    assert as_analyst.get("/decisions").status_code == 403
    assert as_reviewer.post("/decisions", json=body).json()["by"] == "rev"
    assert [d["by"] for d in as_auditor.get("/decisions").json()] == ["rev"]
    verified = as_auditor.get("/trail/verify").json()
    assert verified["intact"] is True
    assert verified["tables"]["decisions"] == 1
    with open_store(url) as store, store.transaction():
        store.connection.execute("UPDATE decisions SET decided_by = 'someone else'")
    assert as_auditor.get("/trail/verify").json()["intact"] is False


@pytest.mark.parametrize(
    ("body", "status", "detail"),
    [
        ({"verdict": "maybe"}, 422, "unknown verdict 'maybe'"),
        ({"reason": " "}, 422, "the reason is empty"),
        ({"color": "red"}, 422, "color: Extra inputs are not permitted"),
        ({"subject_id": "S9"}, 404, "no monitored subject or screened row has the id 'S9'"),
    ],
)
def test_bad_decisions_are_one_line_json_errors(
    client: TestClient, body: dict[str, str], status: int, detail: str
) -> None:
    base = {"subject_id": "S1", "entity_id": "KPi.911", "verdict": "true_match", "reason": "r"}
    response = client.post("/decisions", json={**base, **body})
    assert response.status_code == status
    assert set(response.json()) == {"error", "detail"}
    assert response.json()["detail"].startswith(detail)


def test_alerts_over_real_http(isolated_database: Path, tmp_path: Path) -> None:
    url = _monitored_store(isolated_database)
    auditor = bearer(add_key(url, "audrey", "auditor"))
    with running_server(url, tmp_path) as server:
        alerts = f"{server.url}/alerts"
        response = httpx.get(alerts, params={"open": "true", "limit": 2}, headers=auditor)
        too_many = httpx.get(alerts, params={"limit": 5000}, headers=auditor)
    assert response.status_code == 200
    assert [a["kind"] for a in response.json()] == ["changed_match", "new_match"]
    assert too_many.status_code == 422
