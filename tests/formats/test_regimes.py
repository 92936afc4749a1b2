from pathlib import Path

import pytest

from tests.paths import SHARED_LISTS
from yalu.formats import read_list
from yalu.formats.regimes import lookup, lookup_words, regimes_of, resolve, vocabulary


def test_every_table_value_names_a_known_family() -> None:
    families = vocabulary().families
    for table, codes in vocabulary().codes.items():
        for values in codes.values():
            for value in values:
                assert value.split("/")[0] in families, (table, value)


@pytest.mark.parametrize(
    ("value", "basis", "expected"),
    [
        ("dprk", "un", "dprk/1718"),
        ("dprk", "autonomous", "dprk/autonomous"),
        ("dprk", "unknown", "dprk"),
        ("russia", "unknown", "russia/autonomous"),
        ("russia", "un", "russia/autonomous"),
        ("isil-al-qaida/1267", "autonomous", "isil-al-qaida/1267"),
    ],
)
def test_a_family_resolves_by_what_the_list_says(value: str, basis: str, expected: str) -> None:
    assert resolve(value, basis) == expected  # type: ignore[arg-type]


def test_ofac_dprk_program_tags_are_the_us_own_dprk_designations() -> None:
    for tag in ("DPRK", "DPRK2", "DPRK3", "DPRK4", "DPRK-NKSPEA"):
        assert regimes_of("ofac_sdn", [tag]) == ("dprk/autonomous",)
    assert regimes_of("un_sc", ["DPRK", "KPe", "1718"]) == ("dprk/1718",)
    assert regimes_of("us_csl", ["NPWMD", "SDN"]) == ("nonproliferation/autonomous",)
    assert regimes_of("bis_dpl", []) == ("export-control/autonomous",)


def test_codes_match_whatever_their_case_spacing_and_dashes() -> None:
    assert lookup("au_dfat", "Thematic – Corruption") == ("corruption",)
    assert lookup("ofac", "caatsa  -  russia") == ("russia",)
    assert lookup_words("uk_fcdo", "The Republic of Guinea-Bissau (Sanctions)") == (
        "guinea-bissau",
    )
    assert lookup_words("uk_fcdo", "The Republic of Guinea (Sanctions)") == ("guinea",)


def test_files_written_with_yalu_vocabulary_keep_it() -> None:
    assert regimes_of("ftm", ["dprk/1718", "Some programme", "iran"]) == ("dprk/1718", "iran")


@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("name", "dprk"),
    [
        ("UN_consolidated.xml", 155),
        ("ofac_sdn_2021", 414),
        ("ofac_cons_nonsdn_2025", 0),
        ("bis_dpl_2023.txt", 0),
        ("eu_fsf_sample.xml", 1),
        ("uk_sanctions_list_sample.xml", 2),
        ("au_dfat_consolidated_2024-11.xlsx", 211),
        ("ca_sema_2020-04.xml", 0),
        ("ca_sema_sample.xml", 0),
    ],
)
def test_every_programme_of_every_real_list_maps_to_the_vocabulary(
    shared_data: Path, name: str, dprk: int
) -> None:
    snapshot = read_list(SHARED_LISTS / name)
    unmapped = {p for e in snapshot.entities if not e.regimes for p in e.programs}
    assert unmapped == set()
    assert sum(any(r.startswith("dprk") for r in e.regimes) for e in snapshot.entities) == dprk
