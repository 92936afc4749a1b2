from pathlib import Path

import pytest

from tests.paths import FIXTURES, SHARED_LISTS
from yalu.core.errors import ListFormatError
from yalu.formats.un_xml import read_un_xml
from yalu.models.screening import Entity, Identifier, ListSnapshot

LISTS = FIXTURES / "lists"


@pytest.fixture(scope="module")
def three() -> dict[str, Entity]:
    return {entity.id: entity for entity in read_un_xml(LISTS / "un_three.xml").entities}


def test_snapshot_records_source_and_date_generated() -> None:
    snapshot = read_un_xml(LISTS / "un_three.xml")
    assert (snapshot.source, snapshot.version, snapshot.format) == (
        "un_sc",
        "2024-05-01T00:00:00.000Z",
        "un_xml",
    )
    assert [entity.id for entity in snapshot.entities] == ["KPi.901", "KPe.902", "KPe.903"]


def test_person_names_keep_published_order_then_good_alias_then_hangul(
    three: dict[str, Entity],
) -> None:
    person = three["KPi.901"]
    assert person.schema == "Person"
    assert person.names == ("RI CHOL UNG", "Ri Chol-ung", "리철웅")


def test_low_quality_alias_is_weak(three: dict[str, Entity]) -> None:
    assert three["KPi.901"].weak_aliases == ("Mr Ri",)


def test_exact_date_and_year_range_become_iso_birth_dates(three: dict[str, Entity]) -> None:
    assert three["KPi.901"].birth_dates == ("1964-03-19", "1966", "1967")


def test_documents_become_identifiers_with_issuing_country(three: dict[str, Entity]) -> None:
    assert three["KPi.901"].identifiers == (
        Identifier("passport", "654310175", "kp"),
        Identifier("national_id", "123-456", None),
    )


def test_nationality_and_address_country_become_iso_codes(three: dict[str, Entity]) -> None:
    person = three["KPi.901"]
    assert (person.nationalities, person.countries) == (("kp",), ("cn",))
    assert person.addresses == ("Beijing, China",)


def test_list_type_prefix_and_resolution_are_programs(three: dict[str, Entity]) -> None:
    assert three["KPe.902"].programs == ("DPRK", "KPe", "1718")


def test_listing_date_and_comments_are_kept(three: dict[str, Entity]) -> None:
    organization = three["KPe.902"]
    assert organization.listed_on == "2009-04-24"
    assert organization.notes == "Defense conglomerate."


def test_entity_with_aka_alias_is_an_organization(three: dict[str, Entity]) -> None:
    organization = three["KPe.902"]
    assert organization.schema == "Organization"
    assert organization.names[1] == "KOREA YONBONG GENERAL CORPORATION"


def test_entity_named_like_a_ship_with_imo_in_comments_is_a_vessel(
    three: dict[str, Entity],
) -> None:
    ship = three["KPe.903"]
    assert ship.is_vessel
    assert ship.identifiers == (Identifier("imo", "9066978"),)


def test_truncated_xml_names_file_and_line() -> None:
    path = LISTS / "un_truncated.xml"
    with pytest.raises(ListFormatError) as caught:
        read_un_xml(path)
    assert caught.value.line == 41
    assert str(caught.value).startswith(f"{path}:41: malformed XML")
    assert "may be truncated" in str(caught.value)


def test_xml_of_another_kind_is_rejected(tmp_path: Path) -> None:
    other = tmp_path / "feed.xml"
    other.write_text("<rss><channel/></rss>")
    with pytest.raises(ListFormatError, match=r"feed.xml:1: root element is <rss>"):
        read_un_xml(other)


def test_list_with_zero_entries_is_rejected(tmp_path: Path) -> None:
    empty = tmp_path / "un.xml"
    empty.write_text('<CONSOLIDATED_LIST dateGenerated="x"><INDIVIDUALS/></CONSOLIDATED_LIST>')
    with pytest.raises(ListFormatError, match=r"no entries found\. The file may be truncated"):
        read_un_xml(empty)


def test_entry_without_reference_number_is_rejected(tmp_path: Path) -> None:
    broken = tmp_path / "un.xml"
    broken.write_text(
        "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>7</DATAID>"
        "<FIRST_NAME>RI</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"
    )
    with pytest.raises(ListFormatError, match="DATAID 7 has no REFERENCE_NUMBER"):
        read_un_xml(broken)


@pytest.fixture(scope="module")
def real_un() -> ListSnapshot:
    return read_un_xml(SHARED_LISTS / "UN_consolidated.xml")


@pytest.mark.shared_data
def test_real_un_list_has_730_individuals_and_273_entities(real_un: ListSnapshot) -> None:
    schemas = [entity.schema for entity in real_un.entities]
    assert schemas.count("Person") == 730
    assert len(schemas) - schemas.count("Person") == 273
    assert real_un.version == "2026-02-27T00:00:09.554Z"


@pytest.mark.shared_data
def test_real_un_list_has_155_dprk_entries(real_un: ListSnapshot) -> None:
    assert sum("DPRK" in entity.programs for entity in real_un.entities) == 155


@pytest.mark.shared_data
def test_real_un_ryonbong_has_its_aliases_and_pyongyang_address(real_un: ListSnapshot) -> None:
    ryonbong = next(entity for entity in real_un.entities if entity.id == "KPe.002")
    assert ryonbong.names == (
        "KOREA RYONBONG GENERAL CORPORATION",
        "KOREA YONBONG GENERAL CORPORATION",
        "LYONGAKSAN GENERAL TRADING CORPORATION",
    )
    assert ryonbong.countries == ("kp",)


@pytest.mark.shared_data
def test_real_un_ship_owner_keeps_imo_company_number(real_un: ListSnapshot) -> None:
    owner = next(entity for entity in real_un.entities if entity.id == "KPe.056")
    assert owner.schema == "Organization"
    assert Identifier("imo", "5571322") in owner.identifiers


@pytest.mark.shared_data
def test_real_un_entries_all_have_ids_and_names(real_un: ListSnapshot) -> None:
    ids = [entity.id for entity in real_un.entities]
    assert len(set(ids)) == len(ids)
    assert all(entity.names and entity.names[0] for entity in real_un.entities)
