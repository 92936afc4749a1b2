"""The JSON examples in docs/how-to/api.md are what the API answers today."""

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

DOC = Path(__file__).resolve().parents[3] / "docs" / "how-to" / "api.md"
TEXT = DOC.read_text()

# `$ curl -s -w ' %{http_code}\n' http://127.0.0.1:PORT/PATH -H '...json' [\ newline] -d 'BODY'`
# followed by the answer and its status on one line.
ONE_LINE = re.compile(
    r"\$ curl -s -w ' %\{http_code\}\\n' http://127\.0\.0\.1:(\d+)(/\S+) "
    r"-H 'Content-Type: application/json'(?: \\\n\s+)? -d '(.+?)'\n(\{.*\}) (\d{3})\n"
)
PRETTY = re.compile(
    r"\$ curl -s http://127\.0\.0\.1:8765(/\S+) -H 'Content-Type: application/json' \\\n"
    r"\s+-d '(.+?)' \| python3 -m json\.tool --indent 2\n(\{\n.*?\n\})\n",
    flags=re.S,
)
EXAMPLES = ONE_LINE.findall(TEXT)


def test_the_doc_has_examples_to_check() -> None:
    assert len(EXAMPLES) >= 4
    assert PRETTY.search(TEXT)


@pytest.mark.parametrize(("port", "path", "body", "answer", "status"), EXAMPLES)
def test_documented_error_answers_match(
    request: pytest.FixtureRequest, port: str, path: str, body: str, answer: str, status: str
) -> None:
    # The docs' second server (port 8766) has an empty database.
    http: TestClient = request.getfixturevalue("empty_client" if port == "8766" else "client")
    response = http.post(path, content=body, headers={"content-type": "application/json"})
    assert response.status_code == int(status)
    assert response.json() == json.loads(answer)


def test_documented_screening_answer_matches(client: TestClient) -> None:
    match = PRETTY.search(TEXT)
    assert match is not None
    path, body, answer = match.groups()
    response = client.post(path, content=body, headers={"content-type": "application/json"})
    assert response.json() == json.loads(answer)
