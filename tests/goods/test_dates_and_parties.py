from pathlib import Path

import pytest

from yalu.formats.shipments import SHIPMENT_COLUMNS, read_shipments
from yalu.goods.check import check_shipments
from yalu.goods.rules import load_rulebook

COAL = [
    # id, date, destination, quantity t, value USD
    ("c2016", "2016-06-01", "CN", 1000, 50000),
    ("c2017-cn", "2017-03-01", "CN", 1000, 50000),
    ("c2017-ru-1", "2017-03-02", "RU", 5_000_000, 100_000_000),
    ("c2017-ru-2", "2017-04-01", "RU", 3_000_000, 60_000_000),
    ("c2018", "2018-01-10", "RU", 10, 500),
]


def check(tmp_path: Path, rows: list[str], screen_party):  # type: ignore[no-untyped-def]
    path = tmp_path / "s.csv"
    path.write_text("\n".join([",".join(SHIPMENT_COLUMNS), *rows]) + "\n")
    report = check_shipments(read_shipments(path), load_rulebook(), screen_party)
    return {line.id: line for line in report.lines}, report


@pytest.fixture
def coal(tmp_path: Path, screen_party):  # type: ignore[no-untyped-def]
    rows = [f"{i},{d},2701.12,coal,KP,{dest},,,,,{q},t,{v}" for i, d, dest, q, v in COAL]
    return check(tmp_path, rows, screen_party)


def test_coal_rules_follow_the_dates_of_each_resolution(coal) -> None:  # type: ignore[no-untyped-def]
    lines, _ = coal
    cited = {i: {r.rule.id for r in line.reasons if r.rule} for i, line in lines.items()}
    assert lines["c2016"].verdict == "review" and "unsc-2270-29-coal" in cited["c2016"]
    assert lines["c2017-cn"].verdict == "prohibited" and "prc-2017-02-coal" in cited["c2017-cn"]
    assert lines["c2018"].verdict == "prohibited" and "unsc-2371-8-coal-iron" in cited["c2018"]


def test_coal_cap_counts_tonnes_and_dollars_and_the_lower_limit_bites(coal) -> None:  # type: ignore[no-untyped-def]
    lines, report = coal
    assert lines["c2017-ru-1"].verdict == "clear"
    # 8,000,000 t > 7,500,000 t although USD 160 m < USD 400.9 m
    assert lines["c2017-ru-2"].verdict == "over_cap"
    units = {t.unit: t.total for t in report.cap_totals if t.rule.id == "unsc-2321-26-coal"}
    assert units == {"t": pytest.approx(8_001_000), "usd": pytest.approx(160_050_000)}


def test_unconvertible_cap_quantity_is_reviewed_not_dropped(tmp_path: Path, screen_party) -> None:  # type: ignore[no-untyped-def]
    rows = ["p1,2019-01-05,2710.19,diesel,CN,KP,,,,,40,pcs,1000"]
    lines, report = check(tmp_path, rows, screen_party)
    assert lines["p1"].verdict == "review"
    assert "cannot be expressed in barrels" in lines["p1"].reasons[0].message
    assert report.cap_totals[0].lines == 1 and report.cap_totals[0].total == 0


def test_near_miss_party_name_is_reviewed_and_exact_name_prohibited(
    tmp_path: Path, screen_party
) -> None:  # type: ignore[no-untyped-def]
    rows = [
        "n1,2019-01-05,8471.30,laptops,CN,JP,Korea Ryonbong General Corp,Tokyo Co,,,1,pcs,1",
        "n2,2019-01-05,8471.30,laptops,CN,JP,KOMID,Tokyo Co,,,1,pcs,1",
        "n3,2019-01-05,8471.30,laptops,CN,JP,Shenzhen Electronics,Tokyo Co,,,1,pcs,1",
    ]
    lines, _ = check(tmp_path, rows, screen_party)
    assert lines["n1"].verdict in {"prohibited", "review"}
    assert lines["n1"].reasons[0].hit.entity_id == "KPe.002"
    assert lines["n2"].verdict == "prohibited" and lines["n2"].reasons[0].hit.role == "exporter"
    assert lines["n3"].verdict == "clear"
