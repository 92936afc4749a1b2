from pathlib import Path

import pytest

from tests.paths import SHARED_LISTS
from yalu.core.errors import ListFormatError
from yalu.formats import read_list
from yalu.formats.eu_xml import read_eu_xml
from yalu.models.screening import Entity, Identifier

pytestmark = pytest.mark.shared_data

EU = SHARED_LISTS / "eu_fsf_sample.xml"


@pytest.fixture(scope="module")
def entries() -> dict[str, Entity]:
    return {entity.id: entity for entity in read_eu_xml(EU).entities}


def test_every_sanction_entity_is_read_with_the_generation_time_as_version() -> None:
    snapshot = read_eu_xml(EU)
    assert (snapshot.source, snapshot.format, len(snapshot.entities)) == ("eu_fsf", "eu_xml", 17)
    assert snapshot.version == snapshot.published == "2026-08-05T16:47:04.449+02:00"
    assert sum(entity.schema == "Person" for entity in snapshot.entities) == 10


def test_the_one_dprk_entry_is_chongchongang_with_its_imo_number(
    entries: dict[str, Entity],
) -> None:
    dprk = [entity for entity in entries.values() if "PRK" in entity.programs]
    assert [entity.id for entity in dprk] == ["EU.4198.83"]
    company = dprk[0]
    assert company.schema == "Organization"
    assert company.names[0] == "Chongchongang Shipping Company"
    assert Identifier("imo", "5342883") in company.identifiers
    assert company.countries == ("kp",)
    assert company.regimes == ("dprk",)  # no UN reference number: the file does not say


def test_un_reference_number_is_read_as_the_un_lists_spelling(entries: dict[str, Entity]) -> None:
    badi = entries["EU.4801.12"]
    assert badi.same_as == ("un_sc:LYi.028",)
    assert badi.regimes == ("libya/1970",)


def test_latin_name_is_put_before_an_arabic_first_alias(entries: dict[str, Entity]) -> None:
    assert entries["EU.367.96"].names[:2] == ("Abdul Manan Agha", "عبد المنان آغا")


def test_birth_dates_take_the_gregorian_date_and_year_ranges(entries: dict[str, Entity]) -> None:
    assert entries["EU.3092.36"].birth_dates == ("1982-04-18", "1982-04-19")
    assert entries["EU.2909.48"].birth_dates == ("1960", "1961-08")
    assert entries["EU.10436.68"].birth_dates[0] == "1960"


def test_identification_types_become_identifier_kinds_and_dashes_are_dropped(
    entries: dict[str, Entity],
) -> None:
    assert entries["EU.3092.36"].identifiers == (
        Identifier("national_id", "1028745097", "sa"),
        Identifier("passport", "F654645", "sa"),
    )
    assert entries["EU.2417.3"].identifiers == ()  # its registration number is "-"


def test_eu_only_regimes_are_autonomous(entries: dict[str, Entity]) -> None:
    assert entries["EU.8060.95"].regimes == ("ukraine/autonomous",)
    assert entries["EU.367.96"].regimes == ("isil-al-qaida/1267",)


def test_truncated_file_names_its_line(tmp_path: Path) -> None:
    cut = tmp_path / "fsf.xml"
    cut.write_bytes(EU.read_bytes()[:20000])
    with pytest.raises(
        ListFormatError, match=r"fsf.xml:\d+: malformed XML .*\(column \d+\)"
    ) as caught:
        read_list(cut)
    assert "download it again" in str(caught.value)


def test_xml_of_another_schema_says_which_file_to_pass(tmp_path: Path) -> None:
    with pytest.raises(ListFormatError) as caught:
        read_eu_xml(SHARED_LISTS / "UN_consolidated.xml")
    assert "UN_consolidated.xml:1: root element is <CONSOLIDATED_LIST>, not the FSF" in str(
        caught.value
    )
    assert "xmlFullSanctionsList_1_1" in str(caught.value)


def test_a_remark_printed_twice_is_kept_once(tmp_path: Path) -> None:
    # A line repeated inside an entry (the fuzz tests' `duplicate_line`) must not change it.
    lines = EU.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "<remark>" in line)
    doubled = tmp_path / "eu.xml"
    doubled.write_text("".join([*lines[: at + 1], *lines[at:]]), encoding="utf-8")
    assert read_eu_xml(doubled).entities == read_eu_xml(EU).entities
