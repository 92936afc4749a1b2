"""Shared test fixtures: ../shared, an isolated yalu home per test, a PostgreSQL server."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests.paths import SHARED_DATA
from tests.postgres_server import PostgresCluster, find_bin_dir

_DATABASE_NUMBERS = itertools.count(1)

# CI runs the same examples every time (a red CI must mean a change broke something);
# developers' runs stay random, so new counter-examples keep turning up locally.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture
def shared_data() -> Path:
    """Return ../shared/data, failing with a clear message when it is not beside the repo."""
    if not SHARED_DATA.is_dir():
        pytest.fail(f"{SHARED_DATA} is missing: clone the repository next to shared/")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def isolated_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the default database at a temporary file so tests never touch the user's."""
    database = tmp_path / "yalu.sqlite3"
    monkeypatch.setenv("YALU_DATABASE_URL", f"sqlite:///{database}")
    monkeypatch.setenv("YALU_INDEX_CACHE_DIR", str(tmp_path / "indexes"))
    # Starlette's TestClient sends `Host: testserver`; the server's default allows only
    # its own address and loopback names (tests/interfaces/api/test_guards.py checks that).
    monkeypatch.setenv("YALU_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1,::1")
    return database


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """Start a throwaway PostgreSQL server for the session; fail if its binaries are missing."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.fail(
            "PostgreSQL server binaries are missing (no /usr/lib/postgresql/*/bin/initdb and "
            "no initdb on PATH): run `make postgres` or `apt-get install postgresql`"
        )
    try:
        cluster = PostgresCluster(bin_dir)
    except LookupError:
        pytest.fail("initdb refuses root and there is no `postgres` user: run `make postgres`")
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def postgres_url(postgres_cluster: PostgresCluster) -> Iterator[str]:
    """Return the URL of a new, empty PostgreSQL database, dropped after the test."""
    import psycopg

    dbname = f"yalu_test_{next(_DATABASE_NUMBERS)}"
    with psycopg.connect(postgres_cluster.url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {dbname}")
    yield postgres_cluster.url_of(dbname)
    with psycopg.connect(postgres_cluster.url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE {dbname} WITH (FORCE)")


@pytest.fixture(scope="session")
def dask_cluster() -> Iterator[str]:
    """Start `dask scheduler` and two `dask worker` processes on loopback; yield the address."""
    from tests.dask_cluster import DaskCluster

    cluster = DaskCluster(workers=2)
    try:
        cluster.start()
        yield cluster.address
    finally:
        cluster.stop()


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--screenshots DIR`: keep the browser tests' screenshots there (default: tmp dirs)."""
    parser.addoption(
        "--screenshots",
        default=None,
        help="Folder for the browser tests' screenshots and PDFs (default: each test's tmp dir)",
    )


@pytest.fixture
def screenshots(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """Return the folder a browser test saves its screenshots to (`--screenshots` or tmp)."""
    chosen = request.config.getoption("--screenshots")
    folder = Path(chosen) if chosen else tmp_path / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
