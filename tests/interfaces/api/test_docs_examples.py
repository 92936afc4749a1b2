"""The JSON examples in docs/how-to/api.md are what the API answers today, key by key."""

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.interfaces.api.server import add_key, bearer
from yalu.core.config import load_settings
from yalu.interfaces.api import create_app

DOC = Path(__file__).resolve().parents[3] / "docs" / "how-to" / "api.md"
TEXT = DOC.read_text()

# `$ curl -s -w ' %{http_code}\n' http://127.0.0.1:PORT/PATH [-H "Authorization: Bearer $VAR"]
# -H '...json' [\ newline] -d 'BODY'` followed by the answer and its status on one line.
ONE_LINE = re.compile(
    r"\$ curl -s -w ' %\{http_code\}\\n' http://127\.0\.0\.1:(\d+)(/\S+) "
    r"(?:-H \"Authorization: Bearer \$(\w+)\" )?"
    r"-H 'Content-Type: application/json'(?: \\\n\s+)? -d '(.+?)'\n(\{.*\}) (\d{3})\n"
)
PRETTY = re.compile(
    r"\$ curl -s http://127\.0\.0\.1:8765(/\S+) -H \"Authorization: Bearer \$YALU_KEY\" "
    r"-H 'Content-Type: application/json' \\\n"
    r"\s+-d '(.+?)' \| python3 -m json\.tool --indent 2\n(\{\n.*?\n\})\n",
    flags=re.S,
)
EXAMPLES = ONE_LINE.findall(TEXT)
ROLES = {"YALU_KEY": "analyst", "AUDITOR_KEY": "auditor", "REVIEWER_KEY": "reviewer"}


def test_the_doc_has_examples_to_check() -> None:
    assert len(EXAMPLES) >= 6
    assert {variable for _, _, variable, *_ in EXAMPLES} == {"", *ROLES}
    assert PRETTY.search(TEXT)


@pytest.fixture
def empty_analyst(isolated_database: Path) -> TestClient:
    url = f"sqlite:///{isolated_database}"
    key = add_key(url, "alice", "analyst")
    return TestClient(create_app(load_settings(database_url=url)), headers=bearer(key))


@pytest.mark.parametrize(("port", "path", "variable", "body", "answer", "status"), EXAMPLES)
def test_documented_error_answers_match(
    request: pytest.FixtureRequest,
    port: str,
    path: str,
    variable: str,
    body: str,
    answer: str,
    status: str,
) -> None:
    # The docs' second server (port 8766) has an empty database.
    if port == "8766":
        http: TestClient = request.getfixturevalue("empty_analyst")
    else:
        client_as: Callable[[str], TestClient] = request.getfixturevalue("client_as")
        http = client_as(ROLES[variable]) if variable else TestClient(client_as("admin").app)
    response = http.post(path, content=body, headers={"content-type": "application/json"})
    assert response.status_code == int(status)
    assert response.json() == json.loads(answer)


def test_documented_screening_answer_matches(client_as: Callable[[str], TestClient]) -> None:
    match = PRETTY.search(TEXT)
    assert match is not None
    path, body, answer = match.groups()
    response = client_as("analyst").post(
        path, content=body, headers={"content-type": "application/json"}
    )
    assert response.json() == json.loads(answer)
