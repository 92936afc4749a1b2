from pathlib import Path

import pytest

from tests.paths import FIXTURES
from yalu.core.errors import ListFormatError
from yalu.formats.plain_csv import read_plain_csv
from yalu.models.screening import Identifier

LISTS = FIXTURES / "lists"


def test_every_optional_column_is_read() -> None:
    person, ship, company = read_plain_csv(LISTS / "plain.csv").entities
    assert person.id == "W1"
    assert person.names == ("Ri Chol Ung", "리철웅", "Ri Chol-ung")
    assert (person.schema, person.birth_dates) == ("Person", ("1964-03-19",))
    assert (person.nationalities, person.countries) == (("kp",), ("cn",))
    assert person.identifiers == (Identifier("passport", "654310175"),)
    assert ship.schema == "Vessel"
    assert ship.identifiers[0].normalized == "9066978"
    assert (company.schema, company.countries) == ("Organization", ("kp",))


def test_source_is_the_file_stem_and_ids_default_to_row_numbers(tmp_path: Path) -> None:
    watchlist = tmp_path / "Watchlist.csv"
    watchlist.write_text("name\nRi Chol Ung\nPak Il Kyu\n")
    snapshot = read_plain_csv(watchlist)
    assert snapshot.source == "watchlist"
    assert [entity.id for entity in snapshot.entities] == ["1", "2"]
    assert snapshot.entities[0].schema == "LegalEntity"


def test_missing_name_column_names_file_line_1_and_fix() -> None:
    path = LISTS / "plain_without_name.csv"
    with pytest.raises(ListFormatError) as caught:
        read_plain_csv(path)
    assert str(caught.value) == (
        f"{path}:1: no 'name' column in the header. "
        "Make the first line a header with a name column, e.g. name,aliases,country."
    )


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Ri,Robot", r"x.csv:3: unknown schema 'Robot' \(column schema\). Use one of Person"),
        ("Ri,Person,extra", r"x.csv:3: expected 2 cells as in the header, found 3"),
        (",Person", r"x.csv:3: the name is empty \(column name\)"),
    ],
)
def test_bad_rows_name_their_line(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "x.csv"
    path.write_text(f"name,schema\nKim,Person\n{row}\n")
    with pytest.raises(ListFormatError, match=message):
        read_plain_csv(path)


def test_unknown_country_and_bad_date_name_their_column(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("name,nationality\nKim,Narnia\n")
    with pytest.raises(ListFormatError, match=r"x.csv:2: unknown country 'Narnia' \(column"):
        read_plain_csv(path)
    path.write_text("name,birth_date\nKim,last spring\n")
    with pytest.raises(ListFormatError, match=r"x.csv:2: birth date 'last spring' is not"):
        read_plain_csv(path)


def test_header_without_rows_is_zero_entries() -> None:
    with pytest.raises(ListFormatError, match=r"no entries found\. The file may be truncated"):
        read_plain_csv(LISTS / "plain_header_only.csv")


def test_semicolon_separated_export_is_read(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_text('name;country;aliases\nRi Chol Ung;KP;"Ri Chol-ung;RCU"\n')
    (entity,) = read_plain_csv(path).entities
    assert entity.names == ("Ri Chol Ung", "Ri Chol-ung", "RCU")
    assert entity.countries == ("kp",)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("name,country\nKim Chol,KP\nRi Ung,KP\nKim Chol,KP\n", r":4: the row repeats line 2"),
        ("name,country\nKim Chol,KP\nNAME,Country\n", r":3: the row repeats the header"),
    ],
)
def test_a_repeated_row_or_header_is_refused_naming_its_line(
    tmp_path: Path, rows: str, message: str
) -> None:
    path = tmp_path / "watchlist.csv"
    path.write_text(rows, encoding="utf-8")
    with pytest.raises(ListFormatError, match=message):
        read_plain_csv(path)
