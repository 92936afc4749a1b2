from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from yalu.core.config import Settings, load_settings
from yalu.core.errors import (
    CaseFormatError,
    ConfigError,
    InputError,
    MissingExtraError,
    NotFoundError,
    StoreError,
    YaluError,
)
from yalu.interfaces.api import create_app
from yalu.interfaces.api.errors import status_for


def assert_one_line_error(response, status: int, error: str, start: str) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    body = response.json()
    assert list(body) == ["error", "detail"]
    assert body["error"] == error
    assert body["detail"].startswith(start), body["detail"]
    assert "\n" not in body["detail"] and "Traceback" not in body["detail"]
    return str(body["detail"])


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (InputError("x"), 422),
        (CaseFormatError("x"), 422),
        (ConfigError("x"), 422),
        (NotFoundError("x"), 404),
        (StoreError("x"), 500),
        (MissingExtraError("x"), 501),
        (YaluError("x"), 500),
    ],
)
def test_each_error_class_maps_to_its_status(error: YaluError, status: int) -> None:
    assert status_for(error) == status


def test_empty_name_is_422_with_the_one_line_message(client: TestClient) -> None:
    response = client.post("/screen", json={"name": "   "})
    assert_one_line_error(response, 422, "InputError", "the name to screen is empty.")


def test_missing_name_field_is_422_naming_the_field(client: TestClient) -> None:
    response = client.post("/screen", json={"schema": "Vessel"})
    assert_one_line_error(response, 422, "InputError", "name: Field required.")


@pytest.mark.parametrize(
    ("body", "start"),
    [
        ({"name": "Kim", "schema": "Ship"}, "unknown schema 'Ship'. Use one of Person"),
        ({"name": "Kim", "nationality": "Atlantis"}, "unknown nationality 'Atlantis'"),
        ({"name": "Kim", "threshold": 1.5}, "threshold: Input should be less than or equal to 1"),
        ({"name": "Kim", "limit": 0}, "limit: Input should be greater than or equal to 1"),
        ({"name": "Kim", "birthdate": "1960"}, "birthdate: Extra inputs are not permitted"),
        ({"name": "---"}, "the name '---' has no letters or digits"),
    ],
)
def test_invalid_query_is_422_with_one_line(
    client: TestClient, body: dict[str, object], start: str
) -> None:
    assert_one_line_error(client.post("/screen", json=body), 422, "InputError", start)


def test_batch_error_names_the_query_position(client: TestClient) -> None:
    queries = [{"name": "Kim"}, {"name": ""}]
    response = client.post("/screen/batch", json={"queries": queries})
    assert_one_line_error(response, 422, "InputError", "queries[1]: the name to screen is empty")


def test_empty_batch_is_422(client: TestClient) -> None:
    response = client.post("/screen/batch", json={"queries": []})
    assert_one_line_error(response, 422, "InputError", "queries: List should have at least 1")


def test_screen_without_lists_is_404_saying_how_to_load_them(empty_client: TestClient) -> None:
    response = empty_client.post("/screen", json={"name": "Kim Chol"})
    detail = assert_one_line_error(response, 404, "NotFoundError", "no sanctions lists are loaded.")
    assert "yalu lists load PATH" in detail


def test_unopenable_database_is_500_with_store_error(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    client = TestClient(create_app(load_settings(database_url=f"sqlite:///{folder}")))
    # A well-formed key: checking it needs the database, which cannot be opened.
    response = client.get("/lists", headers={"Authorization": f"Bearer yalu_{'0' * 12}_{'a' * 43}"})
    detail = assert_one_line_error(
        response, 500, "StoreError", "the database cannot be read or written."
    )
    assert str(folder) not in response.text and "a-folder" not in detail  # issue 16: no paths
    health = client.get("/health")
    assert health.status_code == 200
    assert health.json()["database"] == "unreadable"
    assert str(folder) not in health.text


def test_a_bug_is_a_500_that_shows_nothing_of_it(settings: Settings) -> None:
    app = create_app(settings)

    @app.get("/boom", include_in_schema=False)
    def boom() -> None:
        raise RuntimeError("/srv/secret/yalu.sqlite3: SELECT * FROM keys")

    response = TestClient(app, raise_server_exceptions=False).get("/boom")
    assert response.status_code == 500
    assert response.json() == {
        "error": "InternalError",
        "detail": "the server failed. The server's log has the details; try again, or tell "
        "its administrator",
    }
    assert "secret" not in response.text and "SELECT" not in response.text
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
