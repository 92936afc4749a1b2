"""Every loadable real list, EU, UK, Australian and Canadian ones included: one party per row."""

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.interfaces.api.server import add_key, bearer
from tests.paths import SHARED_LISTS
from yalu.core.config import load_settings
from yalu.interfaces.api import create_app
from yalu.interfaces.cli.app import app

pytestmark = [pytest.mark.shared_data, pytest.mark.slow]

EVERY_LIST = (
    "UN_consolidated.xml",
    "ofac_sdn_2021",
    "ofac_cons_nonsdn_2025",
    "bis_dpl_2023.txt",
    "eu_fsf_sample.xml",
    "uk_sanctions_list_sample.xml",
    "au_dfat_consolidated_2024-11.xlsx",
    "ca_sema_2020-04.xml",
)
runner = CliRunner()


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('every') / 'yalu.sqlite3'}"
    environment = {"YALU_DATABASE_URL": url}
    paths = [str(SHARED_LISTS / name) for name in EVERY_LIST]
    result = runner.invoke(app, ["lists", "load", *paths], env=environment)
    assert result.exit_code == 0, result.output
    return environment


def screen(env: dict[str, str], *args: str) -> list[dict]:  # type: ignore[type-arg]
    result = runner.invoke(app, ["screen", *args, "--format", "jsonl"], env=env)
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout)["matches"])


def entries_of(row: dict) -> set[tuple[str, str]]:  # type: ignore[type-arg]
    return {(entry["list"], entry["entity_id"]) for entry in row["entries"]}


def test_ryonbong_is_one_row_naming_the_un_ofac_and_australian_entries(
    env: dict[str, str],
) -> None:
    rows = screen(env, "Korea Ryonbong General Corporation")
    ryonbong = [row for row in rows if ("un_sc", "KPe.002") in entries_of(row)]
    assert len(ryonbong) == 1
    row = ryonbong[0]
    assert sorted(row["lists"]) == ["au_dfat", "ofac_sdn", "un_sc"]
    assert entries_of(row) == {("un_sc", "KPe.002"), ("ofac_sdn", "9347"), ("au_dfat", "1114")}
    assert row["match"] is True and len(row["grouped_because"]) == 2
    assert all("the same names" in reason for reason in row["grouped_because"])
    assert "on 3 lists (" in row["explanation"]
    others = [r for r in rows if r is not row]
    assert not any(entries_of(r) & entries_of(row) for r in others)


def test_chongchongang_finds_the_eu_entry_grouped_by_imo(env: dict[str, str]) -> None:
    row = screen(env, "Chongchongang Shipping Company")[0]
    assert ("eu_fsf", "EU.4198.83") in entries_of(row)
    assert {"un_sc", "ofac_sdn", "au_dfat"} <= set(row["lists"])
    assert any("IMO number 5342883" in reason for reason in row["grouped_because"])


def test_petrel_8_by_name_and_imo_finds_the_uk_ship(env: dict[str, str]) -> None:
    row = screen(env, "PETREL 8", "--schema", "Vessel", "--imo-number", "9562233")[0]
    assert (row["list"], row["entity_id"], row["match"]) == ("uk_fcdo", "DPR0075", True)
    assert row["regimes"] == ["dprk/1718"]


@pytest.mark.parametrize(
    ("name", "entity_id"), [("Parsek LLC", "7798"), ("Pyon Kwang Chol", "7791")]
)
def test_australian_autonomous_dprk_designations_are_found(
    env: dict[str, str], name: str, entity_id: str
) -> None:
    row = screen(env, name)[0]
    assert (row["list"], row["entity_id"], row["match"]) == ("au_dfat", entity_id, True)
    assert row["entries"][0]["programs"] == ["Autonomous (DPRK)"]
    assert row["regimes"] == ["dprk/autonomous"]


def test_program_filter_keeps_dprk_entries_only(env: dict[str, str]) -> None:
    rows = screen(env, "Korea Ryonbong General Corporation", "--program", "dprk")
    assert rows
    for row in rows:
        for entry in row["entries"]:
            assert any(regime.startswith("dprk") for regime in entry["regimes"])
    # OFAC lists Ryonbong under NPWMD (nonproliferation), not a DPRK program.
    assert entries_of(rows[0]) == {("un_sc", "KPe.002"), ("au_dfat", "1114")}
    autonomous = screen(env, "Pyon Kwang Chol", "--program", "dprk/1718")
    assert all(row["entity_id"] != "7791" for row in autonomous)


def test_api_groups_and_filters_like_the_cli(env: dict[str, str]) -> None:
    url = env["YALU_DATABASE_URL"]
    settings = load_settings(database_url=url)
    key = add_key(url, "analyst", "analyst")
    with TestClient(create_app(settings), headers=bearer(key)) as client:
        body = {"name": "Korea Ryonbong General Corporation", "program": "DPRK"}
        answer = client.post("/screen", json=body)
        wrong = client.post("/screen", json={"name": "x", "program": "north-korea"})
    assert answer.status_code == 200
    assert entries_of(answer.json()["matches"][0]) == {("un_sc", "KPe.002"), ("au_dfat", "1114")}
    assert wrong.status_code == 422
    assert wrong.json()["detail"].startswith("unknown programme 'north-korea'.")
