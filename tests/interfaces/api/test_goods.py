import csv
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.interfaces.api.server import SHIPMENTS, add_key, bearer
from yalu.core.config import load_settings
from yalu.formats import read_list
from yalu.interfaces.api import create_app
from yalu.interfaces.cli.app import app as cli_app
from yalu.screening.ingest import ingest
from yalu.screening.store import open_store

SAMPLE_LIST = SHIPMENTS.parent / "sample_list.ftm.json"
HEADER = SHIPMENTS.read_text().splitlines()[0]


@pytest.fixture
def goods_client(isolated_database: Path) -> TestClient:
    """A client over a store holding the docs' sample list (the store `goods check` uses)."""
    url = f"sqlite:///{isolated_database}"
    with open_store(url) as store:
        ingest(read_list(SAMPLE_LIST), store)
    key = add_key(url, "goods-analyst", "analyst")
    return TestClient(create_app(load_settings(database_url=url)), headers=bearer(key))


def shipment_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(SHIPMENTS.read_text())))


def test_uploaded_csv_gets_the_same_verdicts_as_the_cli(goods_client: TestClient) -> None:
    with SHIPMENTS.open("rb") as handle:
        response = goods_client.post(
            "/goods/check", files={"file": ("shipments.csv", handle, "text/csv")}
        )
    assert response.status_code == 200, response.text
    cli = CliRunner().invoke(cli_app, ["goods", "check", str(SHIPMENTS), "--format", "json"])
    assert cli.exit_code == 0, cli.output
    assert response.json() == json.loads(cli.stdout)
    verdicts = {line["id"]: line["verdict"] for line in response.json()}
    assert {"prohibited", "over_cap", "review", "clear"} == set(verdicts.values())
    vessel = next(line for line in response.json() if line["id"] == "S-014")["reasons"][0]
    assert vessel["kind"] == "vessel" and vessel["entity"]["id"] == "17069"


def test_json_lines_and_raw_csv_give_the_same_verdicts_as_the_upload(
    goods_client: TestClient,
) -> None:
    raw = goods_client.post(
        "/goods/check", content=SHIPMENTS.read_bytes(), headers={"content-type": "text/csv"}
    )
    as_json = goods_client.post("/goods/check", json={"lines": shipment_rows()})
    assert raw.status_code == as_json.status_code == 200
    assert raw.json() == as_json.json()
    assert [line["id"] for line in raw.json()] == [f"S-{i:03d}" for i in range(1, 18)]


def test_json_lines_accept_numbers_and_omitted_columns(goods_client: TestClient) -> None:
    line = {"id": "N1", "date": "2019-02-01", "hs_code": "2710.19", "origin": "CN"}
    line |= {"destination": "KP", "quantity": 20000, "unit": "t", "value": 1.1e7}
    (verdict,) = goods_client.post("/goods/check", json={"lines": [line]}).json()
    assert verdict["id"] == "N1" and verdict["verdict"] in ("clear", "review", "over_cap")
    assert verdict["cap_consumed_pct"] > 0


def test_threshold_decides_whether_a_misspelt_party_matches(goods_client: TestClient) -> None:
    line = {"id": "T1", "date": "2019-06-20", "hs_code": "8429.52", "origin": "CN"}
    line |= {"destination": "CN", "importer": "Korea Ryongbong General Corporation"}
    csv_text = f"{HEADER}\n" + ",".join(str(line.get(c, "")) for c in HEADER.split(",")) + "\n"

    def party_hits(threshold: str) -> list[dict]:  # type: ignore[type-arg]
        response = goods_client.post(
            "/goods/check",
            content=csv_text.encode(),
            headers={"content-type": "text/csv"},
            params={"threshold": threshold},
        )
        (verdict,) = response.json()
        return [r["entity"] for r in verdict["reasons"] if "entity" in r]

    (loose,) = party_hits("0.75")
    (strict,) = party_hits("0.99")
    assert loose["id"] == strict["id"] == "KPe.002"
    assert loose["is_match"] is True and strict["is_match"] is False


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("X1,2019-01-01,27.1,oil,CN,KP,,,,,1,t,1", "upload.csv:2: HS code '27.1' has 3 digits"),
        ("X1,2019-01-01,2710,oil,CN,KP,,,,,1,hogshead,1", "upload.csv:2: unit 'hogshead'"),
    ],
)
def test_bad_upload_row_is_422_naming_the_file_and_line(
    goods_client: TestClient, row: str, message: str
) -> None:
    files = {"file": ("upload.csv", f"{HEADER}\n{row}\n".encode(), "text/csv")}
    response = goods_client.post("/goods/check", files=files)
    assert response.status_code == 422
    assert response.json()["error"] == "ShipmentFormatError"
    assert response.json()["detail"].startswith(message), response.json()["detail"]


def test_bad_json_line_is_422_naming_its_index(goods_client: TestClient) -> None:
    lines = [shipment_rows()[0], {**shipment_rows()[1], "unit": "hogshead"}]
    response = goods_client.post("/goods/check", json={"lines": lines})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("lines[1]: unit 'hogshead' is unknown")


@pytest.mark.parametrize(
    ("kwargs", "status", "start"),
    [
        ({"json": {"lines": [{"date": "2019-01-01"}]}}, 422, "lines.0.id: Field required"),
        ({"json": {"lines": []}}, 422, "lines: List should have at least 1 item"),
        ({"content": b"x", "headers": {"content-type": "image/png"}}, 415, "this route does not"),
        # text/plain is what a cross-site form can send without a preflight (issue 16)
        ({"content": b"id\n", "headers": {"content-type": "text/plain"}}, 415, "this route"),
        ({"files": {"other": ("a.csv", b"id\n")}}, 422, "the upload has no 'file' field"),
        (
            {"files": {"file": ("a.csv", b"\xff\xfe")}},
            422,
            "a.csv:1: not UTF-8 text: byte 0xFF at byte offset 0",
        ),
        (
            {
                "content": b"id\n",
                "headers": {"content-type": "text/csv"},
                "params": {"threshold": 2},
            },
            422,
            "threshold '2' is not a number in 0..1",
        ),
    ],
)
def test_malformed_goods_request_is_one_line(
    goods_client: TestClient, kwargs: dict[str, object], status: int, start: str
) -> None:
    response = goods_client.post("/goods/check", **kwargs)  # type: ignore[arg-type]
    assert response.status_code == status, response.text
    assert response.json()["detail"].startswith(start), response.json()["detail"]


def test_goods_check_without_lists_is_404(empty_client: TestClient) -> None:
    response = empty_client.post("/goods/check", json={"lines": shipment_rows()[:1]})
    assert response.status_code == 404
    assert response.json()["detail"].startswith("no sanctions lists are loaded")


def test_parties_screened_by_goods_checks_are_in_the_audit_trail(
    goods_client: TestClient, isolated_database: Path
) -> None:
    from yalu.screening.audit import read_screenings

    with SHIPMENTS.open("rb") as handle:
        response = goods_client.post(
            "/goods/check", files={"file": ("shipments.csv", handle, "text/csv")}
        )
    assert response.status_code == 200, response.text
    with open_store(f"sqlite:///{isolated_database}") as store:
        after_api = read_screenings(store, limit=1000)
    cli = CliRunner().invoke(cli_app, ["goods", "check", str(SHIPMENTS), "--format", "json"])
    assert cli.exit_code == 0, cli.output
    with open_store(f"sqlite:///{isolated_database}") as store:
        after_cli = read_screenings(store, limit=1000)
    assert after_api and len(after_cli) == 2 * len(after_api)
    vessel = [r for r in after_api if any(m.entity_id == "17069" for m in r.results)]
    assert vessel and vessel[0].results[0].is_match
    assert all(r.list_versions and r.threshold == 0.84 for r in after_api)
    assert {r.actor for r in after_api} == {"goods-analyst"}  # the key's name
    assert all(r.actor.startswith("cli:") for r in after_cli[: len(after_api)])
