"""`POST /match/{dataset}`: OpenSanctions' matching API (yente) answered by yalu."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
from fastapi.testclient import TestClient

from tests.interfaces.api.server import add_key, load_fixture_lists, running_server
from yalu.interfaces.api.match_schemas import EXAMPLE_REQUEST
from yalu.screening.audit import read_screenings
from yalu.screening.store import Store

ClientAs = Callable[[str], TestClient]

# The batch of yente's client example (examples/match_api.py) and its documented query
# parameters, as a client of api.opensanctions.org sends them.
YENTE_EXAMPLE_BATCH = {
    "queries": {
        "q1": {
            "schema": "Person",
            "properties": {
                "name": ["Arkadiii Romanovich Rotenberg", "Ротенберг Аркадий"],
                "birthDate": ["1951"],
            },
        },
        "q2": {
            "schema": "Company",
            "properties": {"name": ["Stroygazmontazh"], "jurisdiction": ["Russia"]},
        },
    }
}
YENTE_EXAMPLE_PARAMS = {"algorithm": "best", "fuzzy": "false"}
RESULT_KEYS = {
    "id",
    "caption",
    "schema",
    "properties",
    "datasets",
    "referents",
    "target",
    "first_seen",
    "last_seen",
    "last_change",
    "score",
    "match",
    "explanations",
}


def assert_yente_shape(body: dict[str, Any], keys: set[str], limit: int = 5) -> None:
    """Check the fields yente's `EntityMatchResponse` has, with their types."""
    assert set(body) == {"responses", "limit"} and body["limit"] == limit
    assert set(body["responses"]) == keys
    for answer in body["responses"].values():
        assert set(answer) == {"status", "results", "total", "query"}
        assert answer["status"] == 200
        assert answer["total"] == {"value": len(answer["results"]), "relation": "eq"}
        assert set(answer["query"]) == {"id", "schema", "properties"}
        for result in answer["results"]:
            assert set(result) == RESULT_KEYS
            assert isinstance(result["score"], float) and isinstance(result["match"], bool)
            assert all(isinstance(v, list) for v in result["properties"].values())
            for feature in result["explanations"].values():
                assert set(feature) == {"detail", "score", "query", "candidate"}


def test_examples_are_screened_with_their_facts(client: TestClient) -> None:
    response = client.post("/match/sanctions", json=EXAMPLE_REQUEST)
    assert response.status_code == 200
    body = response.json()
    assert_yente_shape(body, {"q1", "q2"})
    person = body["responses"]["q1"]["results"][0]
    assert person["id"] == "ofac_sdn:21733" and person["match"] is True
    assert person["properties"]["passportNumber"] == ["472234895"]
    assert person["explanations"]["birth_date"]["detail"] == "1969-02-13 ~ 1969-02-13"
    assert person["explanations"]["name"]["query"] == "Kang Chol Su"
    company = body["responses"]["q2"]["results"][0]
    assert company["datasets"] == ["ofac_sdn", "un_sc"]
    assert company["referents"] == ["un_sc:KPe.002"]
    understood = body["responses"]["q2"]["query"]["properties"]
    assert understood == {
        "name": ["Korea Ryonbong General Corporation"],
        "jurisdiction": ["North Korea"],
    }


def test_every_name_is_screened_and_audited(client: TestClient, isolated_database: Path) -> None:
    client.post("/match/sanctions", json=EXAMPLE_REQUEST)
    with Store(isolated_database) as store:
        names = sorted(record.query.name for record in read_screenings(store))
    assert names == ["Kang Chol Su", "Korea Ryonbong General Corporation", "강철수"]


def test_a_dataset_names_one_list_and_filters_narrow_it(client: TestClient) -> None:
    body = client.post("/match/un_sc", json=EXAMPLE_REQUEST).json()
    company = body["responses"]["q2"]["results"][0]
    assert company["id"] == "un_sc:KPe.002" and company["datasets"] == ["un_sc"]
    assert body["responses"]["q1"]["results"] == []  # KANG Chol Su is on the OFAC list only
    excluded = client.post(
        "/match/default", json=EXAMPLE_REQUEST, params={"exclude_dataset": "ofac_sdn"}
    ).json()
    assert excluded["responses"]["q2"]["results"][0]["id"] == "un_sc:KPe.002"
    no_person = client.post(
        "/match/default",
        json=EXAMPLE_REQUEST,
        params={"exclude_schema": "Person", "exclude_entity_ids": "9347", "limit": "1"},
    ).json()
    assert no_person["responses"]["q1"]["results"] == [] and no_person["limit"] == 1
    assert no_person["responses"]["q2"]["results"][0]["id"] != "ofac_sdn:9347"


def test_unreadable_values_are_left_out_of_the_query_echo(client: TestClient) -> None:
    example = {
        "schema": "Person",
        "properties": {"name": ["Kang Chol Su"], "nationality": ["Narnia"], "birthDate": ["soon"]},
    }
    body = client.post("/match/sanctions", json={"queries": {"x": example}}).json()
    assert body["responses"]["x"]["query"]["properties"] == {"name": ["Kang Chol Su"]}


@pytest.mark.parametrize(
    ("dataset", "body", "status", "detail"),
    [
        ("eu", EXAMPLE_REQUEST, 404, "no dataset 'eu'. Use default, sanctions, or one list in use"),
        ("sanctions", {"queries": {}}, 422, "no queries were given."),
        (
            "sanctions",
            {"queries": {"a": {"schema": "Thing", "properties": {"name": ["x"]}}}},
            422,
            "queries.a: schema 'Thing' cannot be screened.",
        ),
        (
            "sanctions",
            {"queries": {"a": {"schema": "Person", "properties": {"birthDate": ["1951"]}}}},
            422,
            "queries.a: the example has no name.",
        ),
    ],
)
def test_bad_requests_are_one_line_errors(
    client: TestClient, dataset: str, body: dict[str, Any], status: int, detail: str
) -> None:
    response = client.post(f"/match/{dataset}", json=body)
    assert response.status_code == status
    assert response.json()["detail"].startswith(detail)


def test_an_auditor_may_not_match(client_as: ClientAs) -> None:
    response = client_as("auditor").post("/match/sanctions", json=EXAMPLE_REQUEST)
    assert response.status_code == 403


def test_yentes_client_example_runs_against_yalu_serve_unchanged(tmp_path: Path) -> None:
    url = load_fixture_lists(tmp_path / "yalu.sqlite3")
    api_key = add_key(url, "yente-client", "analyst")
    with running_server(url, tmp_path) as server:
        # What examples/match_api.py does, with the URL pointed at yalu:
        headers = {"Authorization": f"Apikey {api_key}"}
        response = requests.post(
            server.url + "/match/sanctions",
            json=YENTE_EXAMPLE_BATCH,
            headers=headers,
            params=YENTE_EXAMPLE_PARAMS,
            timeout=60,
        )
        response.raise_for_status()
        responses = response.json().get("responses")
        example_2_response = responses.get("q2")
        assert example_2_response["query"]["properties"] == {
            "name": ["Stroygazmontazh"],
            "jurisdiction": ["Russia"],
        }
        for result in example_2_response["results"]:
            assert result["match"] is False  # nobody on the DPRK fixtures is Stroygazmontazh
        assert_yente_shape(response.json(), {"q1", "q2"})
        # The same client, asking about a party the lists do hold:
        found = requests.post(
            server.url + "/match/sanctions",
            json=EXAMPLE_REQUEST,
            headers=headers,
            params=YENTE_EXAMPLE_PARAMS,
            timeout=60,
        )
        found.raise_for_status()
        assert found.json()["responses"]["q2"]["results"][0]["match"] is True
