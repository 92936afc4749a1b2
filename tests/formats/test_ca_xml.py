from pathlib import Path

import pytest

from tests.paths import SHARED_LISTS
from yalu.core.errors import ListFormatError
from yalu.formats import read_list
from yalu.formats.ca_xml import read_ca_xml
from yalu.models.screening import Entity, Identifier

pytestmark = pytest.mark.shared_data

OLD = SHARED_LISTS / "ca_sema_2020-04.xml"
NEW = SHARED_LISTS / "ca_sema_sample.xml"


@pytest.fixture(scope="module")
def bilingual() -> dict[str, Entity]:
    return {entity.id: entity for entity in read_ca_xml(NEW).entities}


def test_older_layout_gives_every_record_and_no_dprk_entry() -> None:
    snapshot = read_ca_xml(OLD)
    assert (snapshot.source, snapshot.format, len(snapshot.entities)) == ("ca_sema", "ca_xml", 1369)
    assert len({entity.id for entity in snapshot.entities}) == 1369
    assert not [e for e in snapshot.entities if any(r.startswith("dprk") for r in e.regimes)]
    assert snapshot.published == "" and snapshot.version.startswith("sha256 ")
    first = snapshot.entities[0]
    assert (first.id, first.schema, first.names) == (
        "Burma/1/1",
        "Organization",
        ("Air Bagan", "Air Bagan Holdings Pte. Ltd", "Air Bagan Limited"),
    )


def test_bilingual_layout_reads_the_same_fields(bilingual: dict[str, Entity]) -> None:
    assert len(bilingual) == 16
    person = bilingual["Russia/1, Part 1/1520"]
    assert person.names == (
        "Roman Viktorovich TROTSENKO",
        "Roman Victorovich Trocenko",
        "Роман Викторович Троценко",
    )
    assert person.birth_dates == ("1970-09-12",)
    assert person.listed_on == "2025-06-13"
    assert person.regimes == ("russia/autonomous",)


def test_ship_with_imo_is_a_vessel_and_its_build_year_is_no_birth_date(
    bilingual: dict[str, Entity],
) -> None:
    ship = bilingual["Russia/1.1/634"]
    assert (ship.schema, ship.names, ship.birth_dates) == ("Vessel", ("Dmitry Mendeleev",), ())
    assert ship.identifiers == (Identifier("imo", "9888182"),)
    assert "built: 2021" in ship.notes


def test_quirky_cells(bilingual: dict[str, Entity]) -> None:
    assert bilingual["JVCFOR/-/54"].birth_dates == ("1972-08-10", "1972-08-11")
    assert bilingual["JVCFOR/-/54"].regimes == ("human-rights/autonomous", "corruption/autonomous")
    assert bilingual["Russia/1, Part 1/1114"].birth_dates == ()  # "Sep-99"
    irgc = bilingual["Iran/1, Part 1/136"]
    assert irgc.names[:2] == (
        "Islamic Revolutionary Guard Corps",
        "Corps des Gardiens de la Révolution islamique",
    )
    dagalo = bilingual["Sudan/Part 1/1"]
    assert "Abdul Rahim Dagalo" in dagalo.names and "عبدالرحيم دقلو" in dagalo.names
    assert bilingual["Russia/1, Part 2/401"].names[-1].startswith("Общество")


def test_newest_listing_date_is_kept_but_no_publication_date() -> None:
    snapshot = read_ca_xml(NEW)
    assert (snapshot.published, snapshot.newest_entry) == ("", "2026-06-12")


def test_truncated_file_names_its_line(tmp_path: Path) -> None:
    cut = tmp_path / "sema-lmes.xml"
    cut.write_bytes(OLD.read_bytes()[:5000])
    with pytest.raises(ListFormatError, match=r"sema-lmes.xml:\d+: malformed XML .*\(column \d+\)"):
        read_list(cut)


def test_xml_of_another_schema_says_which_file_to_pass() -> None:
    with pytest.raises(ListFormatError, match=r"root element is <Designations>, not <data-set>"):
        read_ca_xml(SHARED_LISTS / "uk_sanctions_list_sample.xml")
