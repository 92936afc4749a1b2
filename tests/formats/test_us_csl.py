from pathlib import Path

import pytest

from tests.paths import FIXTURES, SHARED_LISTS
from yalu.core.errors import ListFormatError
from yalu.formats.us_csl import read_us_csl
from yalu.models.screening import Entity, Identifier

LISTS = FIXTURES / "lists"


@pytest.fixture(scope="module")
def csl() -> dict[str, Entity]:
    return {entity.id: entity for entity in read_us_csl(LISTS / "csl_small.csv").entities}


def test_repeated_header_row_is_skipped(csl: dict[str, Entity]) -> None:
    assert sorted(csl) == ["9002", "9003", "abc123"]


def test_individual_has_names_dates_nationality_and_ids(csl: dict[str, Entity]) -> None:
    person = csl["9002"]
    assert person.schema == "Person"
    assert person.names == ("KIM Chol Ung", "RI Chol-ung")
    assert person.birth_dates == ("1964-03-19", "1966")
    assert person.nationalities == ("kp",)
    assert person.identifiers == (
        Identifier("passport", "654310175", "kp"),
        Identifier("national_id", "55 123", "kp"),
    )


def test_source_column_adds_the_short_list_name_to_programs(csl: dict[str, Entity]) -> None:
    assert csl["9002"].programs == ("DPRK3", "SDN")
    assert csl["abc123"].programs == ("EL",)


def test_vessel_ids_give_imo_and_mmsi_and_flag_country(csl: dict[str, Entity]) -> None:
    ship = csl["9003"]
    assert ship.schema == "Vessel"
    assert ship.identifiers == (Identifier("imo", "9066978"), Identifier("mmsi", "445123000"))
    assert ship.countries == ("kp",)


def test_untyped_row_is_guessed_from_its_name(csl: dict[str, Entity]) -> None:
    row = csl["abc123"]
    assert row.schema == "Organization"
    assert row.countries == ("cn",)
    assert row.listed_on == "2020-03-16"


def one_row(tmp_path: Path, **cells: str) -> Entity:
    """Return the entity of a CSL file of one row: `cells` by column, the others empty."""
    header = (LISTS / "csl_small.csv").read_text(encoding="utf-8").splitlines()[0]
    columns = [column.strip('"') for column in header.split(",")]
    assert set(cells) <= set(columns)
    row = ",".join(f'"{cells.get(column, "")}"' for column in columns)
    path = tmp_path / "csl.csv"
    path.write_text(header + "\n" + row + "\n")
    return read_us_csl(path).entities[0]


def test_us_address_ending_in_state_and_zip_is_in_the_us(tmp_path: Path) -> None:
    entity = one_row(
        tmp_path,
        _id="7",
        source="Denied Persons List (DPL) - Bureau of Industry and Security",
        name="JOHN Q EXAMPLE",
        addresses="100 MAIN STREET, EL PASO, TX, 79905",
    )
    assert (entity.schema, entity.countries, entity.programs) == ("Person", ("us",), ("DPL",))


def test_the_and_opening_an_enumerated_alias_is_not_part_of_the_name(tmp_path: Path) -> None:
    entity = one_row(
        tmp_path,
        _id="8",
        source="Entity List (EL) - Bureau of Industry and Security",
        name="China Aerospace Science and Industry Corporation (CASIC) 3rd Academy",
        alt_names="CASIC Third Academy; and  Beijing Power Machinery Institute",
    )
    assert entity.names[1:] == ("CASIC Third Academy", "Beijing Power Machinery Institute")


def test_an_alias_written_inside_the_name_is_a_name_of_its_own(tmp_path: Path) -> None:
    entity = one_row(
        tmp_path,
        _id="9",
        source="Nonproliferation Sanctions (ISN) - State Department",
        type="Individual",
        name="Ri Sung Chol (aka Ri Su'ng-ch'o'l) (DPRK individual)",
    )
    assert entity.names == ("Ri Sung Chol", "Ri Su'ng-ch'o'l")


def test_newest_entry_is_latest_start_date_and_version_the_digest() -> None:
    snapshot = read_us_csl(LISTS / "csl_small.csv")
    assert snapshot.newest_entry == "2020-03-16"
    assert snapshot.version == f"sha256 {snapshot.digest[:12]}"


def test_ids_shared_by_two_lists_are_prefixed_with_list_name(tmp_path: Path) -> None:
    text = (LISTS / "csl_small.csv").read_text(encoding="utf-8")
    last_row = text.strip().splitlines()[-1]
    doubled = tmp_path / "csl.csv"
    doubled.write_text(text + last_row.replace("(EL)", "(MEU)") + "\n", encoding="utf-8")
    ids = [entity.id for entity in read_us_csl(doubled).entities]
    assert ids[-2:] == ["EL:abc123", "MEU:abc123"]


def test_missing_required_column_names_line_1_and_fix(tmp_path: Path) -> None:
    bad = tmp_path / "csl.csv"
    bad.write_text("_id,source,name\n1,x,y\n")
    with pytest.raises(ListFormatError, match=r"csl.csv:1: missing column type. A CSL export"):
        read_us_csl(bad)


def test_truncated_last_row_names_its_line(tmp_path: Path) -> None:
    text = (LISTS / "csl_small.csv").read_text(encoding="utf-8")
    cut = tmp_path / "csl.csv"
    cut.write_text(text[: text.rindex(',"EET"')] + "\n", encoding="utf-8")
    with pytest.raises(ListFormatError, match=r"csl.csv:5: expected 29 columns, found 22"):
        read_us_csl(cut)


@pytest.mark.shared_data
def test_real_csl_file_is_cut_short_and_is_rejected_with_its_line(shared_data: Path) -> None:
    path = SHARED_LISTS / "us_csl_2023.csv"
    with pytest.raises(ListFormatError) as caught:
        read_us_csl(path)
    assert caught.value.line == 4233
    assert "truncated" in str(caught.value)


@pytest.mark.shared_data
def test_real_csl_rows_before_the_cut_all_parse(shared_data: Path, tmp_path: Path) -> None:
    lines = (SHARED_LISTS / "us_csl_2023.csv").read_text(encoding="utf-8").splitlines(True)
    complete = tmp_path / "csl.csv"
    complete.write_text("".join(lines[:4232]), encoding="utf-8")
    entities = read_us_csl(complete).entities
    assert len(entities) == 4226
    ryonbong = next(e for e in entities if e.id == "9347")
    assert ryonbong.names[1:] == (
        "KOREA YONBONG GENERAL CORPORATION",
        "LYONGAKSAN GENERAL TRADING CORPORATION",
    )
    assert len({entity.id for entity in entities}) == len(entities)
