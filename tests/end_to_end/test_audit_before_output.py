"""Every result shown has its audit row, even when the process is killed or the name is bad.

Real processes: `python -m yalu screen` with bytes on its command line, and a screening of
thousands of names killed with SIGKILL while it writes its output.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.paths import REPO, SHARED_LISTS
from yalu.screening.audit import read_screenings
from yalu.screening.store import open_store


def run_yalu(database: Path, *args: str | bytes, **env: str) -> subprocess.Popen[bytes]:
    environment = {
        **os.environ,
        "YALU_DATABASE_URL": f"sqlite:///{database}",
        "PYTHONPATH": str(REPO / "src"),
        **env,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "yalu", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
    )


def audit_rows(database: Path) -> int:
    with open_store(f"sqlite:///{database}") as store:
        row = store.connection.execute("SELECT count(*) AS n FROM screenings").fetchone()
        assert row is not None
        return int(row["n"])


@pytest.fixture
def watchlist_db(tmp_path: Path) -> Path:
    listed = tmp_path / "watchlist.csv"
    listed.write_text("name,nationality\nKIM Jong Un,KP\nRI Pyong Chol,KP\n", encoding="utf-8")
    database = tmp_path / "y.sqlite3"
    load = run_yalu(database, "lists", "load", str(listed))
    assert load.wait(timeout=120) == 0
    return database


@pytest.mark.parametrize("encoding", ["", "ascii", "latin-1"])
def test_a_name_with_a_byte_that_is_not_utf8_is_screened_audited_and_printed(
    watchlist_db: Path, encoding: str
) -> None:
    screen = run_yalu(
        watchlist_db,
        "screen",
        b"Kim Jong Un \xff",
        "--format",
        "jsonl",
        **({"PYTHONIOENCODING": encoding} if encoding else {}),
    )
    stdout, stderr = screen.communicate(timeout=120)
    assert screen.returncode == 0, stderr
    assert b"Traceback" not in stderr
    assert b"the name holds bytes that are not UTF-8" in stderr
    (result,) = [json.loads(line) for line in stdout.decode("utf-8").splitlines()]
    assert result["name"] == "Kim Jong Un \ufffd"
    assert result["matches"][0]["name"] == "KIM Jong Un"
    assert result["matches"][0]["match"] is True
    with open_store(f"sqlite:///{watchlist_db}") as store:
        (row,) = read_screenings(store)
    assert row.query.name == "Kim Jong Un \ufffd"
    assert row.has_match


def test_korean_output_is_utf8_whatever_the_locale_says(watchlist_db: Path) -> None:
    screen = run_yalu(
        watchlist_db, "screen", "김정은", "--format", "json", PYTHONIOENCODING="ascii"
    )
    stdout, stderr = screen.communicate(timeout=120)
    assert screen.returncode == 0, stderr
    assert json.loads(stdout.decode("utf-8"))[0]["name"] == "김정은"


@pytest.mark.shared_data
def test_a_screening_killed_mid_run_has_shown_no_result_without_its_audit_row(
    tmp_path: Path,
) -> None:
    database = tmp_path / "y.sqlite3"
    assert (
        run_yalu(database, "lists", "load", str(SHARED_LISTS / "UN_consolidated.xml")).wait(
            timeout=300
        )
        == 0
    )
    names = tmp_path / "names.csv"
    names.write_text(
        "name\n" + "".join(f"Kim Chol {i}\nAhmad Shah {i}\n" for i in range(3000)),
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    screen = run_yalu(
        database, "screen", "--input", str(names), "--format", "jsonl", "--output", str(out)
    )
    deadline = time.monotonic() + 120
    while not (out.exists() and out.stat().st_size) and time.monotonic() < deadline:
        time.sleep(0.005)
    screen.send_signal(signal.SIGKILL)
    screen.wait(timeout=60)
    shown = out.read_bytes().count(b"\n")  # complete result lines only
    assert shown >= 1
    assert audit_rows(database) >= shown
