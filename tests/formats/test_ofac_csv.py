import hashlib
import os
import shutil
from pathlib import Path

import pytest

from tests.paths import FIXTURES, SHARED_LISTS
from yalu.core.errors import InputError, ListFormatError
from yalu.formats.ofac_csv import read_ofac_csv, to_person_name
from yalu.models.screening import Entity, Identifier, ListSnapshot

LISTS = FIXTURES / "lists"


@pytest.fixture(scope="module")
def sdn() -> dict[str, Entity]:
    return {entity.id: entity for entity in read_ofac_csv(LISTS / "ofac_sdn").entities}


def test_directory_and_primary_file_give_the_same_entities() -> None:
    from_directory = read_ofac_csv(LISTS / "ofac_sdn")
    from_file = read_ofac_csv(LISTS / "ofac_sdn" / "sdn.csv")
    assert from_directory.entities == from_file.entities
    assert from_directory.source == "ofac_sdn"


def test_sibling_file_path_reads_its_whole_set(tmp_path: Path) -> None:
    shutil.copytree(LISTS / "ofac_sdn", tmp_path, dirs_exist_ok=True)
    shutil.copytree(LISTS / "ofac_cons", tmp_path, dirs_exist_ok=True)
    assert read_ofac_csv(tmp_path / "alt.csv").source == "ofac_sdn"
    consolidated = read_ofac_csv(tmp_path / "cons_alt.csv")
    assert (consolidated.source, len(consolidated.entities)) == ("ofac_cons", 2)


def test_sdn_types_map_to_schemas(sdn: dict[str, Entity]) -> None:
    assert [sdn[key].schema for key in ("9001", "9002", "9003")] == [
        "Organization",
        "Person",
        "Vessel",
    ]


@pytest.mark.parametrize(
    ("published", "expected"),
    [("KIM, Jong Un", "KIM Jong Un"), ("RI, Chol-ung", "RI Chol-ung"), ("PAEK MA", "PAEK MA")],
)
def test_person_names_drop_the_surname_comma(published: str, expected: str) -> None:
    assert to_person_name(published) == expected


def test_person_aliases_come_from_alt_file_without_comma(sdn: dict[str, Entity]) -> None:
    assert sdn["9002"].names == ("KIM Chol Ung", "RI Chol-ung")


def test_alt_file_aliases_are_strong_and_remark_aliases_weak(sdn: dict[str, Entity]) -> None:
    assert sdn["9001"].names == (
        "KOREA RYONBONG GENERAL CORPORATION",
        "KOREA YONBONG GENERAL CORPORATION",
        "LYONGAKSAN GENERAL TRADING CORPORATION",
    )
    assert sdn["9001"].weak_aliases == ("KRGC", "RYONBONG")


def test_programs_are_split_on_bracket_separator(sdn: dict[str, Entity]) -> None:
    assert sdn["9001"].programs == ("NPWMD", "DPRK")


def test_remarks_give_dates_nationality_and_documents(sdn: dict[str, Entity]) -> None:
    person = sdn["9002"]
    assert person.birth_dates == ("1964-03-19", "1966")
    assert person.nationalities == ("kp",)
    assert person.identifiers == (
        Identifier("passport", "654310175", "kp"),
        Identifier("national_id", "55 123", "kp"),
    )


def test_remarks_continue_in_the_comments_file(sdn: dict[str, Entity]) -> None:
    assert sdn["9002"].notes.endswith("Linked To: KOREA RYONBONG GENERAL CORPORATION.")


def test_vessel_gets_imo_mmsi_and_flag_country(sdn: dict[str, Entity]) -> None:
    ship = sdn["9003"]
    assert ship.identifiers == (Identifier("imo", "9066978"), Identifier("mmsi", "445123000"))
    assert ship.countries == ("kp",)


def test_address_file_gives_addresses_and_countries(sdn: dict[str, Entity]) -> None:
    assert sdn["9002"].addresses == ("Dandong, China",)
    assert sdn["9002"].countries == ("cn",)


def test_consolidated_newest_entry_is_latest_listing_or_effective_date() -> None:
    snapshot = read_ofac_csv(LISTS / "ofac_cons")
    assert (snapshot.source, snapshot.newest_entry) == ("ofac_cons", "2022-03-26")
    assert snapshot.published == ""  # a listing date is not the list's publication date
    bank = snapshot.entities[0]
    assert bank.listed_on == "2022-02-24"
    assert bank.identifiers == (Identifier("tax", "7744001497", "ru"),)


def test_sdn_version_is_the_digest_of_every_file_of_the_set_never_a_file_date(
    tmp_path: Path,
) -> None:
    shutil.copytree(LISTS / "ofac_sdn", tmp_path / "set")
    names = ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")
    files = [tmp_path / "set" / name for name in names]
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in files)).hexdigest()
    before = read_ofac_csv(files[0])
    assert (before.version, before.digest, before.published) == (
        f"sha256 {digest[:12]}",
        digest,
        "",
    )
    assert {entity.source_version for entity in before.entities} == {before.version}
    os.utime(files[0], (1_600_000_000, 1_600_000_000))  # a copy's date changes nothing
    assert read_ofac_csv(files[0]).version == before.version
    # a changed sibling is a new version
    files[1].write_bytes(files[1].read_bytes()[:-1] + b'9001,9,"aka","EXTRA NAME",-0- \r\n\x1a')
    assert read_ofac_csv(files[0]).version != before.version


def test_primary_file_alone_is_read_without_siblings(tmp_path: Path) -> None:
    lone = tmp_path / "sdn.csv"
    lone.write_bytes((LISTS / "ofac_sdn" / "sdn.csv").read_bytes())
    snapshot = read_ofac_csv(lone)
    assert snapshot.entities[0].names == ("KOREA RYONBONG GENERAL CORPORATION",)
    assert snapshot.entities[0].weak_aliases == ("KRGC", "RYONBONG")


def test_row_with_wrong_column_count_names_file_line_and_fix() -> None:
    path = LISTS / "ofac_wrong_columns.csv"
    with pytest.raises(ListFormatError) as caught:
        read_ofac_csv(path)
    assert str(caught.value) == (
        f"{path}:1: expected 12 columns, found 11. "
        "The file may be truncated or not a list file; download it again."
    )


def test_sibling_row_with_non_numeric_ent_num_names_its_line(tmp_path: Path) -> None:
    shutil.copytree(LISTS / "ofac_sdn", tmp_path / "set")
    alt = tmp_path / "set" / "alt.csv"
    alt.write_bytes(alt.read_bytes()[:-1] + b'x9,1,"aka","BAD",-0- \r\n\x1a')
    with pytest.raises(ListFormatError, match=r"alt.csv:4: ent_num 'x9' is not a number"):
        read_ofac_csv(tmp_path / "set")


def test_directory_without_ofac_files_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"directory holds no OFAC list file\. It needs sdn\.csv"):
        read_ofac_csv(tmp_path)


@pytest.fixture(scope="module")
def real_sdn() -> ListSnapshot:
    return read_ofac_csv(SHARED_LISTS / "ofac_sdn_2021")


@pytest.mark.shared_data
def test_real_sdn_has_8976_entries_and_joins_every_alias(real_sdn: ListSnapshot) -> None:
    assert len(real_sdn.entities) == 8976
    strong = sum(len(entity.names) - 1 for entity in real_sdn.entities)
    weak = sum(len(entity.weak_aliases) for entity in real_sdn.entities)
    assert strong >= 11_900  # alt.csv's 11,911 rows, a few repeating a name of their entry
    assert weak >= 2_400  # the quoted a.k.a. and f.k.a. items of Remarks


@pytest.mark.shared_data
def test_real_sdn_has_about_413_dprk_entries(real_sdn: ListSnapshot) -> None:
    dprk = {"DPRK", "DPRK2", "DPRK3", "DPRK4", "DPRK-NKSPEA"}
    count = sum(bool(dprk & set(entity.programs)) for entity in real_sdn.entities)
    assert 400 <= count <= 430


@pytest.mark.shared_data
def test_real_sdn_ryonbong_has_aliases_and_pyongyang(real_sdn: ListSnapshot) -> None:
    ryonbong = next(entity for entity in real_sdn.entities if entity.id == "9347")
    assert ryonbong.names == (
        "KOREA RYONBONG GENERAL CORPORATION",
        "KOREA YONBONG GENERAL CORPORATION",
        "LYONGAKSAN GENERAL TRADING CORPORATION",
    )
    assert ryonbong.countries == ("kp",)


@pytest.mark.shared_data
def test_real_sdn_dprk_vessel_has_imo_number(real_sdn: ListSnapshot) -> None:
    ship = next(entity for entity in real_sdn.entities if entity.id == "17069")
    assert (ship.caption, ship.schema) == ("CHONG CHON GANG", "Vessel")
    assert Identifier("imo", "7937317") in ship.identifiers


@pytest.mark.shared_data
def test_real_sdn_vessels_nearly_all_have_imo_numbers(real_sdn: ListSnapshot) -> None:
    vessels = [entity for entity in real_sdn.entities if entity.is_vessel]
    with_imo = [v for v in vessels if any(i.kind == "imo" for i in v.identifiers)]
    assert len(vessels) == 406
    assert len(with_imo) >= 0.9 * len(vessels)


@pytest.mark.shared_data
def test_real_sdn_remarks_cut_at_1000_characters_are_continued(real_sdn: ListSnapshot) -> None:
    li = next(entity for entity in real_sdn.entities if entity.id == "28264")
    assert "Phone Number 8613314257947" in li.notes
    assert Identifier("national_id", "210302198701102136", "cn") in li.identifiers


@pytest.mark.shared_data
def test_real_consolidated_list_has_442_entries() -> None:
    snapshot = read_ofac_csv(SHARED_LISTS / "ofac_cons_nonsdn_2025")
    assert (snapshot.source, len(snapshot.entities)) == ("ofac_cons", 442)
