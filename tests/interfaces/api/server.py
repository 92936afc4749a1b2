"""Test helpers: a store loaded from the screening fixtures, and a real `yalu serve` process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.paths import FIXTURES
from yalu.formats import read_list
from yalu.screening.ingest import ingest
from yalu.screening.keys import create_key
from yalu.screening.service import load_active_index
from yalu.screening.store import open_store

UN = FIXTURES / "screening" / "un_three.xml"
SDN = FIXTURES / "screening" / "ofac_sdn_small"
SERVE = [sys.executable, "-m", "yalu", "serve", "--host", "127.0.0.1"]
SHIPMENTS = Path(__file__).resolve().parents[3] / "docs" / "samples" / "shipments.csv"


def load_fixture_lists(database: Path) -> str:
    """Load the UN and OFAC screening fixtures into `database`; return its URL."""
    url = f"sqlite:///{database}"
    with open_store(url) as store:
        for path in (UN, SDN):
            ingest(read_list(path), store)
        load_active_index(store)
    return url


def add_key(database_url: str, name: str, role: str) -> str:
    """Create an API key in the database (as an admin would) and return it."""
    with open_store(database_url) as store:
        return create_key(store, name, role, actor="cli:test").token


def bearer(key: str) -> dict[str, str]:
    """Return the header that carries `key`."""
    return {"Authorization": f"Bearer {key}"}


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Server:
    """A running `yalu serve`: its base URL, its database and the file its stderr goes to."""

    url: str
    log: Path
    database_url: str


@contextmanager
def running_server(database_url: str, folder: Path, *, log_json: bool = True) -> Iterator[Server]:
    """Run `python -m yalu serve` on a free port until the block ends.

    Waits for `GET /health` (at most 600 polls); fails with the server's stderr if it dies,
    unless another process took its port first (tests run in parallel): then it tries
    another, three times in all.
    """
    env = {**os.environ, "YALU_DATABASE_URL": database_url, "YALU_LOG_JSON": str(int(log_json))}
    for attempt in range(3):
        port = free_port()
        log = folder / f"serve-{port}.log"
        command = [*SERVE, "--port", str(port)]
        with log.open("wb") as stderr:
            process = subprocess.Popen(
                command, env=env, cwd=folder, stdout=subprocess.DEVNULL, stderr=stderr
            )
        url = f"http://127.0.0.1:{port}"
        try:
            if _answers(process, url, log, retry=attempt < 2):
                yield Server(url, log, database_url)
                return
        finally:
            _stop(process)


def _answers(process: subprocess.Popen[bytes], url: str, log: Path, *, retry: bool) -> bool:
    """Wait until the server answers `GET /health`; False if it lost its port and may retry."""
    for _ in range(600):
        if process.poll() is not None:
            if retry and "address already in use" in log.read_text():
                return False
            raise AssertionError(f"yalu serve exited {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return True
        except httpx.TransportError:
            time.sleep(0.05)
    raise AssertionError(f"yalu serve did not answer on {url}:\n{log.read_text()}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
