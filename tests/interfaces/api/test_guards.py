"""Limits and HTTP hygiene of a real `yalu serve` on 127.0.0.1 (issue 16 items 3, 4 and 7).

Each test was a defect the issue measured: a 200 MB body read into memory, a 100,000-character
name screened for a minute, no load shedding, no Host check, cross-site and `text/plain`
POSTs accepted, no framing or sniffing headers, server paths in `/lists` and in 500s, a
world-readable database, `/health` saying ok over a broken database.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.interfaces.api.server import (
    Server,
    add_key,
    bearer,
    load_fixture_lists,
    running_server,
)

RYONBONG = {"name": "Korea Ryonbong General Corporation"}
LONG_NAME = "Kim " * 25_000  # 100,000 characters


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, str]]:
    folder = tmp_path_factory.mktemp("guards")
    url = load_fixture_lists(folder / "yalu.sqlite3")
    key = add_key(url, "guard-analyst", "analyst")
    os.environ.pop("YALU_ALLOWED_HOSTS", None)  # the default: bound host and loopback names
    with running_server(url, folder) as server:
        yield server, key


def test_a_200_mb_body_is_refused_at_once_without_being_read(served: tuple[Server, str]) -> None:
    server, key = served
    port = int(server.url.rsplit(":", 1)[1])
    head = (
        "POST /screen HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer {key}\r\nContent-Length: {200 * 1024 * 1024}\r\n\r\n"
    )
    begun = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
        raw.sendall(head.encode() + b'{"name": "' + b"a" * 65536)  # no more is ever sent
        answer = _read_until_closed(raw)
    assert time.perf_counter() - begun < 10
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert '"error":"InputError"' in answer and "larger than 1,048,576 bytes" in answer


def _read_until_closed(raw: socket.socket) -> str:
    """Return what the server sends until it closes the connection (413 closes it).

    A server that closes with body bytes unread resets the connection: the answer sent
    before the reset is still read first, then the reset ends the answer like a close.
    """
    received = b""
    try:
        while chunk := raw.recv(65536):
            received += chunk
    except ConnectionResetError:
        pass
    return received.decode()


def test_a_streamed_body_is_counted_and_cut_at_the_limit(served: tuple[Server, str]) -> None:
    server, key = served

    def chunks() -> Iterator[bytes]:
        yield b'{"name": "'
        for _ in range(4096):  # 256 MiB if it were all read
            yield b"a" * 65536

    with httpx.Client(base_url=server.url, timeout=60) as http:
        response = http.post(
            "/screen",
            content=chunks(),
            headers={**bearer(key), "Content-Type": "application/json"},
        )
    assert response.status_code == 413
    assert response.json()["error"] == "InputError"


def test_a_100000_character_name_is_refused_at_once(served: tuple[Server, str]) -> None:
    server, key = served
    with httpx.Client(base_url=server.url, timeout=60, headers=bearer(key)) as http:
        begun = time.perf_counter()
        one = http.post("/screen", json={"name": LONG_NAME})
        batch = http.post("/screen/batch", json={"queries": [{"name": "Kim Chol"}] * 1001})
        took = time.perf_counter() - begun
    assert one.status_code == 422
    assert list(one.json()) == ["error", "detail"]
    assert one.json()["detail"].startswith("the name is 100,000 characters long")
    assert batch.status_code == 422
    assert batch.json()["detail"].startswith("queries: the batch holds 1,001 queries")
    assert took < 10


def test_the_cli_refuses_a_100000_character_name_in_one_line(served: tuple[Server, str]) -> None:
    server, _ = served
    env = {**os.environ, "YALU_DATABASE_URL": server.database_url}
    done = subprocess.run(
        [sys.executable, "-m", "yalu", "screen", LONG_NAME],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: the name is 100,000 characters long")


def test_another_host_is_refused_and_loopback_names_are_served(served: tuple[Server, str]) -> None:
    server, _ = served
    with httpx.Client(base_url=server.url, timeout=30) as http:
        rebound = http.get("/health", headers={"Host": "attacker.example:8000"})
        local = http.get("/health", headers={"Host": "localhost"})
    assert rebound.status_code == 400
    assert rebound.json()["error"] == "InputError"
    assert "attacker.example" in rebound.json()["detail"]
    assert local.status_code == 200


def test_cross_site_and_text_plain_posts_are_refused(served: tuple[Server, str]) -> None:
    server, key = served
    with httpx.Client(base_url=server.url, timeout=30, headers=bearer(key)) as http:
        cross = http.post("/screen", json=RYONBONG, headers={"Origin": "https://evil.example"})
        fetched = http.post("/screen", json=RYONBONG, headers={"Sec-Fetch-Site": "cross-site"})
        plain = http.post(
            "/screen", content=b'{"name": "Kim Chol"}', headers={"Content-Type": "text/plain"}
        )
        goods_plain = http.post(
            "/goods/check", content=b"id\n1\n", headers={"Content-Type": "text/plain"}
        )
        upload_cross = http.post(
            "/goods/check",
            files={"file": ("s.csv", b"id\n")},
            headers={"Origin": "https://evil.example"},
        )
        signin_cross = http.post(
            "/signin", data={"key": "x"}, headers={"Origin": "https://evil.example"}
        )
        same = http.post("/screen", json=RYONBONG, headers={"Origin": server.url})
    for refused in (cross, fetched, upload_cross, signin_cross):
        assert refused.status_code == 403
        assert refused.json()["error"] == "PermissionDeniedError"
    for wrong_type in (plain, goods_plain):
        assert wrong_type.status_code == 415
        assert wrong_type.json()["detail"].startswith("this route does not take a 'text/plain'")
    assert same.status_code == 200


def test_every_answer_carries_the_security_headers(served: tuple[Server, str]) -> None:
    server, key = served
    with httpx.Client(base_url=server.url, timeout=30) as http:
        answers = [
            http.get("/health"),
            http.get("/signin"),
            http.post("/screen", json=RYONBONG, headers=bearer(key)),
            http.get("/no-such-page"),
            http.get("/static/style.css"),
        ]
    for answer in answers:
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "no-referrer"
    assert answers[3].status_code == 404
    assert list(answers[3].json()) == ["error", "detail"]


def test_lists_name_files_never_server_paths(served: tuple[Server, str]) -> None:
    server, key = served
    with httpx.Client(base_url=server.url, timeout=30, headers=bearer(key)) as http:
        lists = http.get("/lists").json()["lists"]
    assert {item["path"] for item in lists} == {"un_three.xml", "ofac_sdn_small"}
    assert "/" not in str([item["path"] for item in lists])


def test_body_parse_errors_use_the_documented_shape(served: tuple[Server, str]) -> None:
    server, key = served
    with httpx.Client(base_url=server.url, timeout=30, headers=bearer(key)) as http:
        broken_json = http.post(
            "/screen", content=b'{"name": ', headers={"Content-Type": "application/json"}
        )
        broken_form = http.post(
            "/goods/check",
            content=b"--x\r\nnot a part",
            headers={"Content-Type": "multipart/form-data; boundary=x"},
        )
    for answer in (broken_json, broken_form):
        assert 400 <= answer.status_code < 500, answer.text
        assert list(answer.json()) == ["error", "detail"], answer.text


def test_health_and_ready_say_what_the_server_can_do(
    served: tuple[Server, str], tmp_path: Path
) -> None:
    server, _ = served
    with httpx.Client(base_url=server.url, timeout=30) as http:
        health = http.get("/health").json()
        ready = http.get("/ready")
    assert health["status"] == "ok" and health["database"] == "readable"
    assert ready.status_code == 200
    assert ready.json()["status"] == "ready" and ready.json()["lists"] == 2
    empty = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    add_key(empty, "someone", "analyst")
    with running_server(empty, tmp_path) as bare, httpx.Client(base_url=bare.url) as http:
        not_ready = http.get("/ready")
    assert not_ready.status_code == 503
    assert not_ready.json() == {
        "error": "NotReadyError",
        "detail": "no sanctions list is loaded. Run `yalu lists load PATH`.",
    }


def test_the_database_file_is_created_private(tmp_path: Path) -> None:
    database = tmp_path / "new.sqlite3"
    load_fixture_lists(database)
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    for sibling in tmp_path.glob("new.sqlite3-*"):  # journal, -wal, -shm if any remain
        assert stat.S_IMODE(sibling.stat().st_mode) & 0o077 == 0


def test_requests_beyond_the_limits_are_shed_503_and_429(tmp_path: Path) -> None:
    url = load_fixture_lists(tmp_path / "yalu.sqlite3")
    key = add_key(url, "busy", "analyst")
    env = {"YALU_MAX_CONCURRENT_REQUESTS": "1", "YALU_KEY_REQUESTS_PER_MINUTE": "3"}
    old = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        with running_server(url, tmp_path) as server:
            with httpx.Client(base_url=server.url, timeout=60, headers=bearer(key)) as http:
                statuses = [http.post("/screen", json=RYONBONG) for _ in range(4)]
            shed = _two_at_once(server.url)
    finally:
        for name, value in old.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    assert [answer.status_code for answer in statuses] == [200, 200, 200, 429]
    assert int(statuses[3].headers["retry-after"]) >= 1
    assert statuses[3].json()["error"] == "RateLimitedError"
    assert shed == 503


def _two_at_once(url: str) -> int:
    """Hold one slow request open (an unfinished body); return the status of the next ones.

    Asks again while the slow one may not have reached the server yet (a busy machine).
    """
    port = int(url.rsplit(":", 1)[1])
    head = (
        "POST /screen HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Content-Length: 100\r\n\r\n{"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=30) as slow:
        slow.sendall(head.encode())
        for _ in range(40):  # until the server reads its body: one request in flight
            second = httpx.get(f"{url}/lists", timeout=30)
            if second.status_code == 503:
                break
            time.sleep(0.25)
        health = httpx.get(f"{url}/health", timeout=30)
    assert health.status_code == 200  # never shed
    assert second.headers.get("retry-after") == "1"
    return second.status_code


def test_a_request_over_its_time_budget_is_answered_503(tmp_path: Path) -> None:
    url = load_fixture_lists(tmp_path / "yalu.sqlite3")
    key = add_key(url, "patient", "analyst")
    old = os.environ.get("YALU_REQUEST_TIMEOUT_S")
    os.environ["YALU_REQUEST_TIMEOUT_S"] = "0.05"
    try:
        with running_server(url, tmp_path) as server:
            names = [{"name": f"Kim Chol {number}"} for number in range(1000)]
            with httpx.Client(base_url=server.url, timeout=120, headers=bearer(key)) as http:
                begun = time.perf_counter()
                slow = http.post("/screen/batch", json={"queries": names})
                took = time.perf_counter() - begun
                health = http.get("/health")
    finally:
        if old is None:
            os.environ.pop("YALU_REQUEST_TIMEOUT_S", None)
        else:
            os.environ["YALU_REQUEST_TIMEOUT_S"] = old
    assert slow.status_code == 503, slow.text
    assert slow.json()["error"] == "OverloadedError"
    assert slow.json()["detail"].startswith("the request was not answered within 0.05 s")
    assert slow.headers["retry-after"] == "1"
    assert took < 5  # answered at the budget, not when the batch is done
    assert health.status_code == 200
