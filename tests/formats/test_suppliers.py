from pathlib import Path

import pytest

from yalu.core.errors import ShipmentFormatError
from yalu.formats.suppliers import SUPPLIER_COLUMNS, read_suppliers

HEADER = ",".join(SUPPLIER_COLUMNS)


def write(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "suppliers.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_reads_lists_and_normalises_hs(tmp_path: Path) -> None:
    suppliers = read_suppliers(
        write(tmp_path, "A,Alpha,China,Jilin,seafood,0307.43; 1605,", "B,Beta,JP,,trade,1605,A")
    )
    assert suppliers[0].products_hs == ("030743", "1605")
    assert (
        suppliers[1].buys_from == ("A",) and suppliers[1].country == "jp" and suppliers[1].line == 3
    )


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            ("A,Alpha,CN,,x,,B", "B,Beta,CN,,x,,C", "C,Gamma,CN,,x,,A"),
            r"suppliers.csv:2: buys_from forms a cycle: A -> B -> C -> A",
        ),
        (("A,Alpha,CN,,x,,A",), r"suppliers.csv:2: buys_from forms a cycle: A -> A"),
        (("A,Alpha,CN,,x,,", "B,Beta,CN,,x,,Z"), r"suppliers.csv:3: buys_from names 'Z'"),
        (("A,Alpha,CN,,x,27101,",), r"suppliers.csv:2: HS code '27101' has 5 digits"),
        (("A,Alpha,Narnia,,x,,",), r"suppliers.csv:2: country 'Narnia' is not recognised"),
        (("A,Alpha,CN,,x,,", "A,Again,CN,,x,,"), r"suppliers.csv:3: id 'A' repeats line 2"),
    ],
)
def test_bad_graph_gives_one_line_error(
    tmp_path: Path, rows: tuple[str, ...], message: str
) -> None:
    with pytest.raises(ShipmentFormatError, match=message):
        read_suppliers(write(tmp_path, *rows))


def test_missing_column_is_named(tmp_path: Path) -> None:
    with pytest.raises(ShipmentFormatError, match=r"suppliers.csv:1: missing column 'buys_from'"):
        read_suppliers(write(tmp_path, "A,Alpha,CN,,x,", header=HEADER.replace(",buys_from", "")))
