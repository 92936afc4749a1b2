"""`GET /screenings` and `GET /screenings/{id}` over a real store and a real TestClient."""

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from yalu.interfaces.cli.app import app as cli


@pytest.fixture
def screened(client: TestClient) -> TestClient:
    """Screen three names through the API (audit ids 1, 2, 3) and return the client."""
    for body in (
        {"name": "Chon Ma San", "imo_number": "IMO 8660313"},
        {"name": "Maria Gonzalez Lopez"},
        {"name": "Korea Ryonbong General Corporation", "id": "PO-7"},
    ):
        assert client.post("/screen", json=body).status_code == 200
    return client


def test_list_screenings_returns_full_records_newest_first(screened: TestClient) -> None:
    response = screened.get("/screenings")
    assert response.status_code == 200
    records = response.json()
    assert [record["id"] for record in records] == [3, 2, 1]
    korea = records[0]
    assert korea["query"] == {"name": "Korea Ryonbong General Corporation", "id": "PO-7"}
    assert {v["source"] for v in korea["list_versions"]} == {"un_sc", "ofac_sdn"}
    assert {r["entity_id"] for r in korea["results"][:2]} == {"9347", "KPe.002"}
    assert korea["results"][0]["schema"] == "Organization"
    assert korea["results"][0]["match"] is True


def test_list_screenings_filters_by_name_and_matches(screened: TestClient) -> None:
    by_name = screened.get("/screenings", params={"name": "CHON MA"}).json()
    assert [record["query"]["name"] for record in by_name] == ["Chon Ma San"]
    matched = screened.get("/screenings", params={"matches_only": "true"}).json()
    assert [record["id"] for record in matched] == [3, 1]
    newest = screened.get("/screenings", params={"limit": 1}).json()
    assert [record["id"] for record in newest] == [3]


def test_show_screening_returns_features_and_explanation(screened: TestClient) -> None:
    response = screened.get("/screenings/1")
    assert response.status_code == 200
    record = response.json()
    assert record["query"]["imo_number"] == "IMO 8660313"
    top = record["results"][0]
    assert top["entity_id"] == "23729"
    decides = "IMO 8660313 is on the list: an equal IMO number decides the match"
    assert {"name": "identifier", "effect": 1.0, "detail": decides} in top["features"]
    assert top["explanation"].startswith("'Chon Ma San' ~ 'CHON MA SAN'")


@pytest.mark.parametrize("number", ["42", "0", "99999999999999999999999"])
def test_show_unknown_screening_answers_404_with_one_line(
    screened: TestClient, number: str
) -> None:
    response = screened.get(f"/screenings/{number}")
    assert response.status_code == 404
    assert response.json() == {
        "error": "NotFoundError",
        "detail": f"no screening {number} in the audit trail. `yalu audit list` shows the ids.",
    }


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        ("/screenings?limit=0", "query.limit: Input should be greater than or equal to 1."),
        ("/screenings/abc", "path.screening_id: Input should be a valid integer"),
    ],
)
def test_invalid_parameters_answer_422(client: TestClient, path: str, detail: str) -> None:
    response = client.get(path)
    assert response.status_code == 422
    assert response.json()["error"] == "InputError"
    assert response.json()["detail"].startswith(detail)


def test_empty_trail_lists_no_screenings(client: TestClient) -> None:
    response = client.get("/screenings")
    assert response.status_code == 200
    assert response.json() == []


def test_api_answer_is_what_the_cli_prints_as_json(screened: TestClient) -> None:
    # The API's settings and the CLI's environment name the same isolated database.
    printed = CliRunner().invoke(cli, ["audit", "show", "3", "--format", "json"])
    assert printed.exit_code == 0, printed.output
    assert screened.get("/screenings/3").json() == json.loads(printed.stdout)
