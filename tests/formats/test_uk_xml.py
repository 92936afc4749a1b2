from pathlib import Path

import pytest

from tests.paths import SHARED_LISTS
from yalu.core.errors import ListFormatError
from yalu.formats import read_list
from yalu.formats.uk_xml import read_uk_xml
from yalu.models.screening import Entity, Identifier

pytestmark = pytest.mark.shared_data

UK = SHARED_LISTS / "uk_sanctions_list_sample.xml"


@pytest.fixture(scope="module")
def designations() -> dict[str, Entity]:
    return {entity.id: entity for entity in read_uk_xml(UK).entities}


def test_date_generated_day_first_is_the_version() -> None:
    snapshot = read_uk_xml(UK)
    assert (snapshot.source, snapshot.format, len(snapshot.entities)) == ("uk_fcdo", "uk_xml", 21)
    assert snapshot.version == snapshot.published == "2026-09-07"  # printed 07/09/2026
    assert snapshot.newest_entry == "2026-08-04"


def test_schemas_follow_individual_entity_ship(designations: dict[str, Entity]) -> None:
    kinds = [entity.schema for entity in designations.values()]
    assert (kinds.count("Person"), kinds.count("Organization"), kinds.count("Vessel")) == (14, 5, 2)


def test_the_two_dprk_ships_carry_their_imo_numbers(designations: dict[str, Entity]) -> None:
    dprk = {i: e for i, e in designations.items() if any(r.startswith("dprk") for r in e.regimes)}
    assert sorted(dprk) == ["DPR0075", "DPR0076"]
    petrel = dprk["DPR0075"]
    assert petrel.schema == "Vessel"
    assert petrel.names[0] == "Petrel 8" and "Tian Tai 36" in petrel.names
    assert petrel.identifiers == (Identifier("imo", "9562233"),)  # printed IMO9562233
    assert petrel.countries == ("km",)  # current believed flag: Comoros
    assert petrel.regimes == ("dprk/1718",)  # DesignationSource UN


def test_un_number_in_free_text_is_not_taken_for_the_ships_own(
    designations: dict[str, Entity],
) -> None:
    # "UN Ref KPe.073" in OtherInformation is the UN number of the ship's owner.
    assert designations["DPR0076"].same_as == ()
    assert designations["AFG0001"].same_as == ("un_sc:TAe.010",)


def test_day_first_birth_dates_and_their_placeholders(designations: dict[str, Entity]) -> None:
    assert designations["AQD0262"].birth_dates == ("1958-09",)  # dd/09/1958
    assert designations["RUS1683"].birth_dates == ("1975",)  # 00/00/1975
    assert designations["RUS2701"].birth_dates == ()  # 15/08/19yy
    assert designations["AFG0007"].birth_dates == ("1963", "1972-01-30")


def test_primary_name_first_empty_names_skipped_low_quality_aliases_weak(
    designations: dict[str, Entity],
) -> None:
    kazakov = designations["BEL0174"]  # its first Name is empty
    assert kazakov.names[0] == "Pavel Ivanovich KAZAKOV"
    assert designations["AFG0009"].weak_aliases == ("Mudir",)


def test_business_registration_numbers_are_split_by_label(
    designations: dict[str, Entity],
) -> None:
    assert designations["GAC0072"].identifiers == (
        Identifier("registration", "1247700291200"),
        Identifier("other", "770701001"),
        Identifier("tax", "9707028663"),
    )


def test_uk_and_un_designation_has_both_regimes(designations: dict[str, Entity]) -> None:
    assert designations["GUB0009"].regimes == ("guinea-bissau/2048", "guinea-bissau/autonomous")
    assert designations["GIM0029"].regimes == ("migration/autonomous",)


def test_truncated_file_names_its_line(tmp_path: Path) -> None:
    cut = tmp_path / "UK-Sanctions-List.xml"
    cut.write_bytes(UK.read_bytes()[:30000])
    with pytest.raises(
        ListFormatError, match=r"UK-Sanctions-List.xml:\d+: malformed XML .*\(column \d+\)"
    ):
        read_list(cut)


def test_xml_of_another_schema_says_which_file_to_pass() -> None:
    with pytest.raises(ListFormatError, match=r":1: root element is <data-set>, not <Designat"):
        read_uk_xml(SHARED_LISTS / "ca_sema_sample.xml")
