from dataclasses import replace
from pathlib import Path

import pytest

from tests.paths import FIXTURES, SHARED_LISTS
from yalu.core.errors import ListFormatError
from yalu.formats.bis_dpl import dpl_id, read_bis_dpl, split_names

LISTS = FIXTURES / "lists"


def test_rows_of_one_entry_merge_into_one_entity_with_all_addresses() -> None:
    entities = read_bis_dpl(LISTS / "dpl_small.txt").entities
    assert len(entities) == 3
    avionics = entities[1]
    assert avionics.schema == "Organization"
    assert avionics.countries == ("ae", "fr")
    assert len(avionics.addresses) == 2


def test_person_without_country_in_a_us_state_is_in_the_us() -> None:
    person = read_bis_dpl(LISTS / "dpl_small.txt").entities[0]
    assert (person.schema, person.countries) == ("Person", ("us",))
    assert person.listed_on == "2022-08-24"


def test_aka_names_are_split_into_aliases() -> None:
    assert split_names("FUYI SUN A/K/A FRANK SUN") == (
        "FUYI SUN A/K/A FRANK SUN",
        "FUYI SUN",
        "FRANK SUN",
    )
    assert split_names("GE SONG TAO (GE)") == ("GE SONG TAO (GE)", "GE SONG TAO", "GE")
    assert split_names("PEARL (A.K.A. NEI-CHIEN CHU) LI")[1:] == ("PEARL LI", "NEI-CHIEN CHU")


def test_ids_are_stable_hashes_of_name_and_effective_date() -> None:
    entity = read_bis_dpl(LISTS / "dpl_small.txt").entities[0]
    assert entity.id == dpl_id("john  q example", "08/24/2022")
    assert entity.id.startswith("dpl-") and len(entity.id) == 16


def test_newest_entry_is_latest_update_ignoring_future_typos() -> None:
    assert read_bis_dpl(LISTS / "dpl_small.txt").newest_entry == "2022-08-29"


def test_row_with_missing_cell_names_its_line(tmp_path: Path) -> None:
    lines = (LISTS / "dpl_small.txt").read_text().splitlines()
    lines[2] = lines[2].rsplit("\t", 1)[0]
    bad = tmp_path / "dpl.txt"
    bad.write_text("\n".join(lines) + "\n")
    with pytest.raises(ListFormatError, match=r"dpl.txt:3: expected 12 columns, found 11"):
        read_bis_dpl(bad)


def test_header_without_name_column_is_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "dpl.txt"
    bad.write_text('"Who"\t"Country"\n"X"\t"US"\n')
    with pytest.raises(ListFormatError, match=r"dpl.txt:1: missing column name, street_address"):
        read_bis_dpl(bad)


@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("name", "count", "newest"),
    [("bis_dpl_2022.txt", 461, "2022-09-02"), ("bis_dpl_2023.txt", 547, "2023-11-28")],
)
def test_real_dpl_files_merge_rows_into_entries(
    shared_data: Path, name: str, count: int, newest: str
) -> None:
    snapshot = read_bis_dpl(SHARED_LISTS / name)
    assert (len(snapshot.entities), snapshot.newest_entry) == (count, newest)
    assert {entity.schema for entity in snapshot.entities} == {"Person", "Organization"}


def test_a_repeated_header_row_is_skipped_like_the_csl_readers(tmp_path: Path) -> None:
    lines = (LISTS / "dpl_small.txt").read_bytes().splitlines(keepends=True)
    doubled = tmp_path / "dpl.txt"
    doubled.write_bytes(b"".join([lines[0], *lines[1:3], lines[0], *lines[3:]]))
    whole = read_bis_dpl(LISTS / "dpl_small.txt")
    assert read_bis_dpl(doubled).entities == tuple(
        replace(entity, source_version=read_bis_dpl(doubled).version) for entity in whole.entities
    )
