"""`goods check` and `supply check` on every core print and audit what one process does."""

from __future__ import annotations

import csv
import json
import random
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.goods.conftest import SAMPLES
from yalu.formats import read_list
from yalu.interfaces.cli.app import app
from yalu.screening.audit import read_screenings
from yalu.screening.ingest import ingest
from yalu.screening.store import open_store
from yalu.screening.verdict_audit import read_verdicts

LIST = SAMPLES / "sample_list.ftm.json"
PARTIES = 1_200
"""Distinct names: more than two partitions of `screening.batch.PARTITION_QUERIES`."""

runner = CliRunner()


def _names() -> list[str]:
    """Return listed names, some with two letters swapped, and unlisted company names."""
    listed = [n for e in read_list(LIST).entities for n in (*e.names, *e.weak_aliases)]
    draw = random.Random(5)
    names = []
    for i in range(PARTIES):
        name = draw.choice(listed) if i % 3 == 0 else f"Harbour Trading {i} Company"
        if draw.random() < 0.3 and len(name) > 4:
            at = draw.randrange(len(name) - 1)
            name = name[:at] + name[at + 1] + name[at] + name[at + 2 :]
        names.append(f"{name} {i}" if i % 3 == 0 and i > 60 else name)
    return names


@pytest.fixture
def shipments(tmp_path: Path) -> Path:
    path = tmp_path / "shipments.csv"
    header = (
        "id,date,hs_code,description,origin,destination,exporter,importer,vessel_name,"
        "vessel_imo,quantity,unit,value"
    )
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header.split(","))
        for i, name in enumerate(_names()):
            row = [f"S-{i}", "2019-05-02", "0307.43", "frozen squid", "CN", "CN", name]
            writer.writerow([*row, "Dandong Foods", "", "", "10", "t", "1000"])
    return path


@pytest.fixture
def suppliers(tmp_path: Path) -> Path:
    path = tmp_path / "suppliers.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["id", "name", "country", "region", "sector", "products_hs", "buys_from"])
        for i, name in enumerate(_names()):
            country = "North Korea" if i % 50 == 0 else "Japan"
            writer.writerow([f"F-{i}", name, country, "", "seafood", "0307.43", ""])
    return path


@pytest.fixture
def loaded(isolated_database: Path) -> None:
    with open_store(f"sqlite:///{isolated_database}") as store:
        ingest(read_list(LIST), store)


def _run(database: Path, *args: str) -> tuple[object, list[object], list[object]]:
    """Return the JSON printed, then the audit rows it added (without ids and times)."""
    with open_store(f"sqlite:///{database}") as store:
        screened, judged = len(read_screenings(store, 10**5)), len(read_verdicts(store, 10**5))
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    with open_store(f"sqlite:///{database}") as store:
        screenings = read_screenings(store, 10**5)[: -screened or None]
        verdicts = read_verdicts(store, 10**5)[: -judged or None]
    return (
        json.loads(result.stdout),
        [replace(r, id=0, screened_at="") for r in screenings],
        [replace(v, id=0, checked_at="") for v in verdicts],
    )


@pytest.mark.parametrize("command", ["goods", "supply"])
def test_every_core_prints_and_audits_what_one_process_does(
    command: str, loaded: None, shipments: Path, suppliers: Path, isolated_database: Path
) -> None:
    path = str(shipments if command == "goods" else suppliers)
    alone = _run(isolated_database, command, "check", path, "--workers", "1")
    two = _run(isolated_database, command, "check", path, "--workers", "2")
    by_default = _run(isolated_database, command, "check", path)
    assert len(alone[1]) > 1_000  # each distinct party has an audit row
    assert len(alone[2]) == PARTIES  # each line or supplier has a verdict row
    verdicts = {item["verdict"] for item in alone[0]}  # type: ignore[attr-defined]
    assert {"prohibited", "clear"} <= verdicts
    assert two == alone
    assert by_default == alone
