"""A `yalu lists load A B` killed with SIGKILL never leaves lists of two different loads.

Real processes, real signals: the load runs as `python -m yalu -v lists load`, and the test
kills it once the log says the first list is written and the second is being written (still
inside the one transaction), and at fixed moments after it starts. Afterwards the store holds
either every old version or every new one.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.paths import FIXTURES, REPO, SHARED_LISTS
from yalu.screening.store import open_store

OLD = (FIXTURES / "screening" / "un_three.xml", FIXTURES / "screening" / "ofac_sdn_small")
NEW = (SHARED_LISTS / "UN_consolidated.xml", SHARED_LISTS / "ofac_sdn_2021")
FIRST_WRITTEN = "wrote un_sc (1003 entities); 1 more lists to write before the commit"


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'y.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))


def start_load(database_url: str, *paths: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "YALU_DATABASE_URL": database_url, "PYTHONPATH": str(REPO / "src")}
    return subprocess.Popen(
        [sys.executable, "-m", "yalu", "-v", "lists", "load", *map(str, paths)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def active_ids(database_url: str) -> tuple[dict[str, int], int, int]:
    """Return {source: active version id}, the number of versions and of entity rows."""
    with open_store(database_url) as store:
        count = store.connection.execute("SELECT count(*) AS n FROM entities").fetchone()
        assert count is not None
        versions = store.versions()
        return {v.source: v.id for v in store.active_versions()}, len(versions), count["n"]


@pytest.mark.shared_data
def test_a_load_killed_mid_transaction_keeps_every_old_list(database_url: str) -> None:
    load = start_load(database_url, *OLD)
    assert load.wait(timeout=120) == 0
    old = active_ids(database_url)
    load = start_load(database_url, *NEW)
    assert load.stderr is not None
    for line in load.stderr:
        if FIRST_WRITTEN in line:
            load.send_signal(signal.SIGKILL)
            break
    assert load.wait(timeout=60) == -signal.SIGKILL
    assert active_ids(database_url) == old  # un_sc was written, but never committed


@pytest.mark.shared_data
@pytest.mark.parametrize("after_s", [1.0, 2.5, 4.0])
def test_a_load_killed_at_any_moment_leaves_all_old_or_all_new_lists(
    tmp_path: Path, after_s: float
) -> None:
    database_url = f"sqlite:///{tmp_path / 'y.sqlite3'}"
    assert start_load(database_url, *OLD).wait(timeout=120) == 0
    old_active, old_versions, old_entities = active_ids(database_url)
    load = start_load(database_url, *NEW)
    time.sleep(after_s)
    load.send_signal(signal.SIGKILL)
    load.wait(timeout=60)
    active, versions, entities = active_ids(database_url)
    if active == old_active:
        assert (versions, entities) == (old_versions, old_entities)
    else:  # the commit came first: both lists are new
        assert versions == old_versions + 2 and entities == old_entities + 1003 + 8976
        assert all(active[source] > old_active[source] for source in old_active)
