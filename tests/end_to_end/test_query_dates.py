"""A typed birth date is read whole or refused, in every interface (issue 11 item 4).

`yalu screen "Kim Chol" --birth-date 01/05/1964` used to be read as "born 01/0" and lose the
match (-0.20); `not-a-date` through the API turned a 1.00 MATCH into 0.80 (issue 16 item 7).
KANG Chol Su in the fixture lists was born 13 Feb 1969.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.interfaces.api.server import load_fixture_lists
from tests.interfaces.web.conftest import admin_client
from yalu.interfaces.cli.app import app

NAME = "Kang Chol Su"
ENTITY = "21733"
FORMS = "Write it as YYYY-MM-DD, YYYY-MM or YYYY"

runner = CliRunner()


def yalu(*args: str | Path):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(arg) for arg in args])


@pytest.fixture
def lists(isolated_database: Path) -> str:
    return load_fixture_lists(isolated_database)


@pytest.fixture
def client(lists: str) -> TestClient:
    return admin_client(lists)


def top(matches: list[dict[str, object]]) -> dict[str, object]:
    (match,) = [m for m in matches if m["entity_id"] == ENTITY]
    return match


@pytest.mark.parametrize("typed", ["13/02/1969", "02/13/1969", "1969-02-13", "13 Feb 1969"])
def test_cli_reads_an_unambiguous_date_whole(lists: str, typed: str) -> None:
    result = yalu("screen", NAME, "--birth-date", typed, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    match = top(json.loads(result.stdout)["matches"])
    assert "birth date +0.06 (1969-02-13 ~ 1969-02-13)" in str(match["explanation"])
    assert match["match"] is True


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("01/05/1964", "birth date '01/05/1964' could be 1964-05-01 (day/month) or 1964-01-05"),
        ("not-a-date", "birth date 'not-a-date' is not a date"),
    ],
)
def test_cli_refuses_an_ambiguous_or_unreadable_date_in_one_line(
    lists: str, typed: str, problem: str
) -> None:
    result = yalu("screen", "Kim Chol", "--birth-date", typed)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"error: {problem}")
    assert FORMS in result.stderr and result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_names_file_with_an_ambiguous_date_names_file_and_line(lists: str, tmp_path: Path) -> None:
    names = tmp_path / "names.csv"
    names.write_text("name,birth_date\nKang Chol Su,13/02/1969\nKim Chol,01/05/1964\n", "utf-8")
    result = yalu("screen", "--input", names)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(
        f"error: {names}:3: birth date '01/05/1964' could be 1964-05-01 (day/month) or "
        "1964-01-05 (month/day) (column birth_date). " + FORMS
    )


def test_api_reads_a_date_whole_and_refuses_one_it_cannot_read(client: TestClient) -> None:
    body = client.post("/screen", json={"name": NAME, "birth_date": "13/02/1969"}).json()
    assert "birth date +0.06 (1969-02-13 ~ 1969-02-13)" in str(top(body["matches"])["explanation"])

    exact = client.post("/screen", json={"name": NAME}).json()
    assert top(exact["matches"])["match"] is True
    response = client.post("/screen", json={"name": NAME, "birth_date": "not-a-date"})
    assert response.status_code == 422  # never a silent -0.20
    assert response.json() == {
        "error": "InputError",
        "detail": f"birth date 'not-a-date' is not a date. {FORMS} (1964-05-01, 1964-05, 1964); "
        "DD/MM/YYYY and MM/DD/YYYY are read only when the day is above 12.",
    }


def test_api_batch_names_the_query_with_the_ambiguous_date(client: TestClient) -> None:
    queries = [{"name": NAME}, {"name": "Kim Chol", "birth_date": "01/05/1964"}]
    response = client.post("/screen/batch", json={"queries": queries})
    assert response.status_code == 422
    assert response.json()["detail"].startswith(
        "queries[1]: birth date '01/05/1964' could be 1964-05-01 (day/month)"
    )


def test_page_shows_the_date_error_and_keeps_the_form(client: TestClient) -> None:
    response = client.post("/", data={"name": "Kim Chol", "birth_date": "01/05/1964"})
    assert response.status_code == 422
    assert "birth date &#39;01/05/1964&#39; could be 1964-05-01 (day/month)" in response.text
    assert 'value="01/05/1964"' in response.text
    assert '<tr class="is-match">' not in response.text
