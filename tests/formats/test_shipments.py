import io
import json
from pathlib import Path

import numpy as np
import pytest

from yalu.core.errors import ShipmentFormatError
from yalu.formats.shipments import (
    SHIPMENT_COLUMNS,
    read_shipments,
    write_verdicts_csv,
    write_verdicts_json,
)
from yalu.models.goods import LineVerdict, Reason

HEADER = ",".join(SHIPMENT_COLUMNS)
GOOD = "A1,2019-02-01,2710.19,diesel,CN,KP,Seller,Buyer,,,20000,t,100"


def write(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "shipments.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_reads_and_normalises_a_line(tmp_path: Path) -> None:
    batch = read_shipments(
        write(tmp_path, GOOD, "A2,2019-02-02,0303 11,fish,North Korea,China,,,,IMO 1234567,1,kg,")
    )
    assert batch.ids == ["A1", "A2"]
    assert [batch.hs_values[c] for c in batch.hs_code] == ["271019", "030311"]
    assert [batch.countries[c] for c in batch.origin] == ["cn", "kp"]
    assert [batch.units[c] for c in batch.unit] == ["t", "kg"]
    assert batch.vessels[batch.vessel[1]] == ("", "1234567")
    assert np.isnan(batch.value_usd[1]) and batch.quantity[0] == 20000


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "A2,2019-02-01,303.11,fish,KP,CN,,,,,1,t,1",
            r"shipments.csv:3: HS code '303.11' has 5 digits.*column hs_code",
        ),
        (
            "A2,2019-02-01,0303,fish,KP,CN,,,,,1,barrels of fun,1",
            r"shipments.csv:3: unit 'barrels of fun' is unknown",
        ),
        (
            "A2,01/02/2019,0303,fish,KP,CN,,,,,1,t,1",
            r"shipments.csv:3: date '01/02/2019' is not an ISO date",
        ),
        (
            "A2,2019-02-01,0303,fish,Atlantis,CN,,,,,1,t,1",
            r"shipments.csv:3: country 'Atlantis' is not recognised",
        ),
        (
            "A2,2019-02-01,0303,fish,KP,CN,,,,,lots,t,1",
            r"shipments.csv:3: quantity 'lots' is not a number >= 0",
        ),
        ("A2,2019-02-01,0303,fish,KP,CN,,,,,5,,1", r"shipments.csv:3: quantity has no unit"),
        ("A1,2019-02-01,0303,fish,KP,CN,,,,,5,t,1", r"shipments.csv:3: id 'A1' repeats line 2"),
        (",2019-02-01,0303,fish,KP,CN,,,,,5,t,1", r"shipments.csv:3: id is blank"),
    ],
)
def test_bad_row_gives_one_line_error_with_its_line(tmp_path: Path, row: str, message: str) -> None:
    with pytest.raises(ShipmentFormatError, match=message) as info:
        read_shipments(write(tmp_path, GOOD, row))
    assert "\n" not in str(info.value)


def test_missing_column_is_named(tmp_path: Path) -> None:
    header = HEADER.replace(",vessel_imo", "")
    with pytest.raises(ShipmentFormatError, match=r"shipments.csv:1: missing column 'vessel_imo'"):
        read_shipments(write(tmp_path, "A1,2019-02-01,2710,x,CN,KP,S,B,,1,t,1", header=header))


def test_writers_emit_one_record_per_line_in_order() -> None:
    reason = Reason("data", "review", "origin is blank")
    lines = [LineVerdict("b", "review", (reason,), 2), LineVerdict("a", "clear", (), 3)]
    out = io.StringIO()
    write_verdicts_json(lines, out)
    data = json.loads(out.getvalue())
    assert [d["id"] for d in data] == ["b", "a"]
    assert data[0]["reasons"] == [
        {"kind": "data", "effect": "review", "message": "origin is blank"}
    ]
    out = io.StringIO()
    write_verdicts_csv(lines, out)
    assert out.getvalue().splitlines()[1:] == [
        "b,2,review,,yes,data: origin is blank",
        "a,3,clear,,yes,",
    ]
