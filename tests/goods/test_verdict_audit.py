"""Goods and supply verdicts are written to the audit trail, like screenings, before output."""

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.goods.conftest import SAMPLES
from tests.interfaces.api.server import add_key, bearer
from yalu.core.config import load_settings
from yalu.formats import read_list
from yalu.interfaces.api import create_app
from yalu.interfaces.cli.app import app
from yalu.screening.audit import read_screenings
from yalu.screening.ingest import ingest
from yalu.screening.store import ListVersion, open_store
from yalu.screening.verdict_audit import read_verdicts
from yalu.screening.verify import verify_trail

runner = CliRunner()


@pytest.fixture
def loaded(isolated_database: Path) -> ListVersion:
    """Load the docs' sample list into the store `goods check` uses; return its version."""
    with open_store(f"sqlite:///{isolated_database}") as store:
        return ingest(read_list(SAMPLES / "sample_list.ftm.json"), store).loaded


def stored(database: Path) -> tuple[list, list]:  # type: ignore[type-arg]
    with open_store(f"sqlite:///{database}") as store:
        return read_verdicts(store, limit=1000), read_screenings(store, limit=1000)


def test_goods_check_writes_one_verdict_row_per_line(
    loaded: ListVersion, isolated_database: Path
) -> None:
    result = runner.invoke(app, ["goods", "check", str(SAMPLES / "shipments.csv"), "-f", "json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    verdicts, parties = stored(isolated_database)
    assert [(v.subject, v.verdict) for v in reversed(verdicts)] == [
        (line["id"], line["verdict"]) for line in shown
    ]
    first = verdicts[-1]
    assert (first.kind, first.file, first.line) == ("shipment", "shipments.csv", 2)
    assert first.details == shown[0]
    assert first.list_versions[0].id == loaded.id
    assert first.actor.startswith("cli:") and first.rules_version
    assert parties  # the parties are in the screening trail, as before


def test_supply_check_writes_one_verdict_row_per_supplier(
    loaded: ListVersion, isolated_database: Path
) -> None:
    result = runner.invoke(app, ["supply", "check", str(SAMPLES / "suppliers.csv"), "-f", "json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    verdicts, _ = stored(isolated_database)
    assert len(verdicts) == len(shown)
    assert {v.kind for v in verdicts} == {"supplier"}
    by_id = {v.subject: v for v in verdicts}
    for supplier in shown:
        assert by_id[supplier["id"]].verdict == supplier["verdict"]
        assert by_id[supplier["id"]].details == supplier


def test_a_failed_check_shows_nothing_and_audits_nothing(
    loaded: ListVersion, isolated_database: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "suppliers.csv"
    bad.write_text(
        "id,name,country,region,sector,products_hs,buys_from\nF-01,A,CN,,,6201,F-09\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["supply", "check", str(bad)])
    assert result.exit_code == 2 and result.stdout == ""
    assert stored(isolated_database) == ([], [])


def test_the_api_audits_each_verdict_before_answering(
    loaded: ListVersion, isolated_database: Path
) -> None:
    url = f"sqlite:///{isolated_database}"
    key = add_key(url, "customs-desk", "analyst")
    client = TestClient(create_app(load_settings(database_url=url)), headers=bearer(key))
    with (SAMPLES / "shipments.csv").open("rb") as handle:
        response = client.post(
            "/goods/check", files={"file": ("shipments.csv", handle, "text/csv")}
        )
    assert response.status_code == 200, response.text
    verdicts, _ = stored(isolated_database)
    assert [v.details for v in reversed(verdicts)] == response.json()
    assert {(v.file, v.actor) for v in verdicts} == {("shipments.csv", "customs-desk")}
    with open_store(url) as store:
        trail = verify_trail(store)
    assert trail.is_intact and dict(trail.tables)["goods_verdicts"] == len(verdicts)
