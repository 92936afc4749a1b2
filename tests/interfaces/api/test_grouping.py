"""`POST /screen` and `/screen/batch`: one row per party, and the `program` filter."""

from fastapi.testclient import TestClient

RYONBONG = "Korea Ryonbong General Corporation"


def test_one_row_names_both_lists_entries_with_their_programmes(client: TestClient) -> None:
    row = client.post("/screen", json={"name": RYONBONG}).json()["matches"][0]
    assert sorted(row["lists"]) == ["ofac_sdn", "un_sc"]
    entries = {entry["list"]: entry for entry in row["entries"]}
    assert entries["un_sc"]["entity_id"] == "KPe.002"
    assert entries["un_sc"]["regimes"] == ["dprk/1718"]
    assert entries["ofac_sdn"]["programs"] == ["NPWMD"]
    assert row["grouped_because"] and row["explanation"].endswith(row["grouped_because"][0])


def test_program_filters_single_and_batch_screening(client: TestClient) -> None:
    single = client.post("/screen", json={"name": RYONBONG, "program": "dprk"}).json()
    batch = client.post(
        "/screen/batch", json={"queries": [{"name": RYONBONG}], "program": "nonproliferation"}
    ).json()
    assert single["matches"][0]["lists"] == ["un_sc"]
    assert batch[0]["matches"][0]["lists"] == ["ofac_sdn"]


def test_a_programme_without_entries_is_404_and_an_unknown_one_422(client: TestClient) -> None:
    absent = client.post("/screen", json={"name": RYONBONG, "program": "cuba"})
    unknown = client.post("/screen", json={"name": RYONBONG, "program": "dprk/un"})
    assert absent.status_code == 404
    assert absent.json() == {
        "error": "NotFoundError",
        "detail": "no entry of the lists in use is under programme 'cuba'. "
        "Screen without a programme, or load a list that has it.",
    }
    assert unknown.status_code == 422
    assert unknown.json()["detail"] == (
        "unknown programme 'dprk/un'. Use the family or one of dprk/1718, dprk/autonomous."
    )
