"""Every JSON route's OpenAPI request example is served, and a real app accepts it."""

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from yalu.interfaces.api.openapi_examples import REQUEST_EXAMPLES

ClientAs = Callable[[str], TestClient]


def test_every_json_body_route_has_an_example(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    with_json = {
        (method, path)
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if "application/json" in operation.get("requestBody", {}).get("content", {})
    }
    assert with_json == set(REQUEST_EXAMPLES)
    for method, path in with_json:
        content = document["paths"][path][method]["requestBody"]["content"]
        assert content["application/json"]["example"] == REQUEST_EXAMPLES[(method, path)]


@pytest.mark.parametrize(("method", "path"), sorted(REQUEST_EXAMPLES))
def test_each_example_is_accepted(client_as: ClientAs, method: str, path: str) -> None:
    admin = client_as("admin")
    if path == "/decisions":  # a decision is on a candidate the subject was shown
        admin.post("/screen/batch", json=REQUEST_EXAMPLES[("post", "/screen/batch")])
    url = path.replace("{dataset}", "sanctions")
    response = admin.request(method.upper(), url, json=REQUEST_EXAMPLES[(method, path)])
    assert response.status_code in (200, 201), response.text
