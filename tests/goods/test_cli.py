import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.goods.conftest import SAMPLES
from yalu.interfaces.cli.app import app

runner = CliRunner()
LIST = str(SAMPLES / "sample_list.ftm.json")


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [*args, "--list-file", LIST])


def test_goods_check_json_has_one_object_per_line_in_order() -> None:
    result = run("goods", "check", str(SAMPLES / "shipments.csv"), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["id"] for d in data] == [f"S-{i:03d}" for i in range(1, 18)]
    assert {d["verdict"] for d in data} == {"prohibited", "over_cap", "review", "clear"}
    over = next(d for d in data if d["id"] == "S-006")
    cap = next(r for r in over["reasons"] if r["kind"] == "cap")
    assert cap["rule"]["resolution"] == "2397" and cap["rule"]["paragraph"] == "5"
    assert cap["cap"]["running_total"] > cap["cap"]["limit"] == 500000
    clear = next(d for d in data if d["id"] == "S-004")
    assert clear["verdict"] == "clear" and clear["cap_consumed_pct"] == pytest.approx(29.84)
    textiles = next(d for d in data if d["id"] == "S-002")
    rule = textiles["reasons"][0]["rule"]
    assert textiles["verified"] is False and rule["verified"] is False
    assert rule["unverified"] == ["paragraph"] and rule["unverified_why"]
    assert "verification" not in rule  # one field, one meaning
    seafood = next(d for d in data if d["id"] == "S-001")
    rule = seafood["reasons"][0]["rule"]
    assert seafood["verified"] is True and rule["verified"] is True and rule["unverified"] == []
    assert any("paragraph 9 of resolution 2371" in check for check in rule["checked"])
    assert rule["hs_basis"] == "indicative"
    vessel = next(d for d in data if d["id"] == "S-014")["reasons"][0]
    assert vessel["kind"] == "vessel" and vessel["entity"]["id"] == "17069"
    assert vessel["entity"]["list"] == "ofac_sdn" and vessel["entity"]["programs"] == ["DPRK"]
    assert vessel["rule"]["citation"] == "OFAC SDN List program DPRK"


def test_goods_check_against_list_files_writes_no_audit_trail(isolated_database: Path) -> None:
    result = run("goods", "check", str(SAMPLES / "shipments.csv"), "--format", "json")
    assert result.exit_code == 0, result.output
    assert not isolated_database.exists()


def test_goods_check_csv_and_table_show_citations() -> None:
    csv_out = run("goods", "check", str(SAMPLES / "shipments.csv"), "--format", "csv").stdout
    assert csv_out.splitlines()[0] == "id,line,verdict,cap_consumed_pct,verified,reasons"
    assert "UNSC 2375 para 16 (UNVERIFIED: paragraph)" in csv_out
    assert "[unsc-2371-seafood: UNSC 2371 para 9]" in csv_out
    assert "[ofac_sdn-listing: OFAC SDN List program DPRK] [ofac_sdn 17069]" in csv_out
    table = run("goods", "check", str(SAMPLES / "shipments.csv")).stdout
    assert "cap consumed 30%" in table and "17 lines: 6 prohibited" in table


def test_goods_check_writes_a_self_contained_html_report(tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    result = run(
        "goods", "check", str(SAMPLES / "shipments.csv"), "--format", "csv", "--report", str(report)
    )
    assert result.exit_code == 0
    html = report.read_text()
    assert "<style>" in html and "<script" not in html and "<link" not in html
    assert "unsc-2397-5-refined" in html and "UNVERIFIED" in html


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("X1,2019-01-01,27.1,oil,CN,KP,,,,,1,t,1", "shipments.csv:2: HS code '27.1' has 3 digits"),
        (
            "X1,2019-01-01,2710,oil,CN,KP,,,,,1,hogshead,1",
            "shipments.csv:2: unit 'hogshead' is unknown",
        ),
    ],
)
def test_goods_check_bad_row_exits_2_with_one_line(tmp_path: Path, row: str, message: str) -> None:
    header = (SAMPLES / "shipments.csv").read_text().splitlines()[0]
    path = tmp_path / "shipments.csv"
    path.write_text(f"{header}\n{row}\n")
    result = run("goods", "check", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path.parent}/{message}")
    assert len(result.stderr.strip().splitlines()) == 1


def test_goods_check_missing_column_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "shipments.csv"
    path.write_text("id,date,hs_code\nX1,2019-01-01,2710\n")
    result = run("goods", "check", str(path))
    assert result.exit_code == 2
    assert "shipments.csv:1: missing column 'description'" in result.stderr


def test_supply_check_json_and_evidence_packs(tmp_path: Path) -> None:
    evidence = tmp_path / "evidence"
    result = run(
        "supply",
        "check",
        str(SAMPLES / "suppliers.csv"),
        "--format",
        "json",
        "--evidence",
        str(evidence),
        "--report",
        str(tmp_path / "s.html"),
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["id"] for d in data][:3] == ["F-01", "F-02", "F-03"]
    verdicts = {d["id"]: d["verdict"] for d in data}
    assert (
        verdicts["F-02"] == "prohibited"
        and verdicts["F-04"] == "review"
        and verdicts["F-09"] == "clear"
    )
    packs = sorted(p.name for p in evidence.iterdir())
    assert "F-04-160554.md" in packs and "F-09-9403.md" not in packs
    assert "sec. 321(b)" in (evidence / "F-04-160554.md").read_text()
    assert "Evidence packs" in (tmp_path / "s.html").read_text()


def test_supply_check_cycle_exits_2_with_the_row(tmp_path: Path) -> None:
    path = tmp_path / "suppliers.csv"
    path.write_text(
        "id,name,country,region,sector,products_hs,buys_from\nA,Alpha,CN,,x,,B\nB,Beta,CN,,x,,A\n"
    )
    result = run("supply", "check", str(path))
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: {path}:2: buys_from forms a cycle: A -> B -> A (column buys_from). "
        "A supplier cannot buy, directly or indirectly, from its own buyers."
    )


@pytest.mark.parametrize(
    ("command", "sample", "line"),
    [("goods", "shipments.csv", 3), ("supply", "suppliers.csv", 3)],
)
@pytest.mark.parametrize("bad", [b"\xff", b"\xe9", b"\xed\xa0\x80"])  # Latin-1, a surrogate
def test_a_file_that_is_not_utf8_exits_2_naming_line_and_byte_offset(
    tmp_path: Path, command: str, sample: str, line: int, bad: bytes
) -> None:
    data = (SAMPLES / sample).read_bytes()
    second = data.index(b"\n", data.index(b"\n") + 1) + 1  # the start of line 3
    path = tmp_path / sample
    path.write_bytes(data[: second + 3] + bad + data[second + 3 :])
    result = run(command, "check", str(path))
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"error: {path}:{line}: not UTF-8 text: byte 0x{bad[0]:02X} at byte offset "
        f"{second + 3} (column 4). Save the file as UTF-8 (a spreadsheet's 'CSV UTF-8'), "
        "or download it again.\n"
    )
