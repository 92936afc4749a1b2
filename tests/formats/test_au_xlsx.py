import datetime
from pathlib import Path

import openpyxl
import pytest

from tests.paths import SHARED_LISTS
from yalu.core.errors import ListFormatError
from yalu.formats import detect_format, read_list
from yalu.formats.au_xlsx import read_au_xlsx
from yalu.models.screening import Entity, Identifier, ListSnapshot

AU = SHARED_LISTS / "au_dfat_consolidated_2024-11.xlsx"
HEADER = [
    "Reference",
    "Name of Individual or Entity",
    "Type",
    "Name Type",
    "Date of Birth",
    "Place of Birth",
    "Citizenship",
    "Address",
    "Additional Information",
    "Listing Information",
    "Committees",
    "Control Date",
]


def write_workbook(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    """Write a one-sheet workbook with openpyxl, as DFAT's is laid out."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def row(reference: object, name: str, name_type: str, **cells: object) -> list[object]:
    values = {"Type": "Individual", "Committees": "Autonomous (DPRK)", **cells}
    return [
        reference
        if column == "Reference"
        else name
        if column.startswith("Name of")
        else name_type
        if column == "Name Type"
        else values.get(column)
        for column in HEADER
    ]


@pytest.fixture(scope="module")
def real() -> ListSnapshot:
    if not AU.is_file():
        pytest.fail(f"{AU} is missing: clone the repository next to shared/")
    return read_au_xlsx(AU)


@pytest.fixture(scope="module")
def by_id(real: ListSnapshot) -> dict[str, Entity]:
    return {entity.id: entity for entity in real.entities}


@pytest.mark.shared_data
def test_rows_are_grouped_by_reference_number_into_entities(real: ListSnapshot) -> None:
    assert (real.source, real.format) == ("au_dfat", "au_xlsx")
    assert len(real.entities) == 3062  # 9,553 name rows
    assert real.published == "" and real.version.startswith("sha256 ")
    assert real.newest_entry == "2024-11-11"  # the latest Control Date


@pytest.mark.shared_data
def test_dprk_designations_count_as_the_file_has_them(real: ListSnapshot) -> None:
    dprk = [e for e in real.entities if any(r.startswith("dprk/") for r in e.regimes)]
    autonomous = [e for e in dprk if "dprk/autonomous" in e.regimes]
    assert (len(dprk), len(autonomous)) == (211, 56)


@pytest.mark.shared_data
def test_aka_and_original_script_rows_become_names_of_one_entity(
    by_id: dict[str, Entity],
) -> None:
    komid = by_id["1113"]
    assert komid.names == (
        "Korea Mining Development Trading Corporation",
        "Changgwang Sinyong Corporation",
        "External Technology General Corporation",
        "DPRKN Mining Development Trading Cooperation",
        "KOMID",
    )
    assert (komid.schema, komid.regimes, komid.listed_on) == (
        "Organization",
        ("dprk/1718",),
        "2009-04-24",
    )
    assert by_id["2"].names[1] == "محمد حسن أخوند"


@pytest.mark.shared_data
def test_autonomous_dprk_entries_with_their_facts(by_id: dict[str, Entity]) -> None:
    parsek, pyon = by_id["7798"], by_id["7791"]
    assert parsek.names == ("Parsek LLC",) and parsek.countries == ("ru",)
    assert parsek.identifiers == (
        Identifier("tax", "7714789249"),
        Identifier("registration", "62817565"),
        Identifier("registration", "109774656366"),
    )
    assert (pyon.schema, pyon.birth_dates, pyon.nationalities) == (
        "Person",
        ("1964-09-16",),
        ("kp",),
    )
    assert pyon.programs == ("Autonomous (DPRK)",) and pyon.regimes == ("dprk/autonomous",)


@pytest.mark.shared_data
def test_imo_number_and_enumerated_addresses(by_id: dict[str, Entity]) -> None:
    company = by_id["3164"]
    assert Identifier("imo", "5342883") in company.identifiers
    assert len(company.addresses) == 2 and company.addresses[0].startswith("817 Haeun")
    assert company.listed_on == "2016-03-02"  # "Listed on: 2 Mar. 2016 (amended ...)"


def test_case_and_space_variants_and_blank_rows_are_read(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "regulation8_consolidated.xlsx",
        [
            row(
                12,
                "Kim Chol",
                "Primary Name ",
                Type="individual",
                **{
                    "Date of Birth": "a) 16/11/1977; b) 16 Nov 1974",
                    "Citizenship": "Russian and Ukrainian",
                    "Committees": "1718 (DPRK)  ",
                },
            ),
            [None] * len(HEADER),
            row("12a", "Kim Cheol", "Aka ", Type="Individual ", Committees="1718 (DPRK)"),
            row(
                13,
                "Ocean Star",
                "primary name",
                Type="Entity ",
                **{
                    "Date of Birth": datetime.datetime(1964, 9, 16),
                    "Committees": "Autonomous (Thematic – Corruption)",
                    "Control Date": datetime.datetime(2024, 1, 2),
                },
            ),
        ],
    )
    assert detect_format(path) == "au_xlsx"
    snapshot = read_list(path)
    kim, star = snapshot.entities
    assert (kim.id, kim.schema, kim.names) == ("12", "Person", ("Kim Chol", "Kim Cheol"))
    assert kim.birth_dates == ("1977-11-16", "1974-11-16")
    assert kim.nationalities == ("ru", "ua")
    assert kim.regimes == ("dprk/1718",)
    assert (star.schema, star.regimes) == ("Organization", ("corruption/autonomous",))
    assert snapshot.newest_entry == "2024-01-02"


def test_renamed_column_is_named_with_the_fix(tmp_path: Path) -> None:
    header = [("Regime" if name == "Committees" else name) for name in HEADER]
    path = write_workbook(tmp_path / "list.xlsx", [row(1, "Kim Chol", "Primary Name")], header)
    with pytest.raises(ListFormatError) as caught:
        read_list(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:1: missing column Committees (the first row names: ")
    assert "Regime" in message and "download regulation8_consolidated.xlsx again" in message


def test_reference_that_is_not_a_number_names_its_row(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "list.xlsx", [row(1, "A", "Primary Name"), row("x1", "B", "aka")]
    )
    with pytest.raises(ListFormatError, match=r"list.xlsx:3: Reference 'x1' does not start"):
        read_list(path)


@pytest.mark.shared_data
def test_truncated_workbook_is_refused_in_one_line(tmp_path: Path) -> None:
    cut = tmp_path / "regulation8_consolidated.xlsx"
    cut.write_bytes(AU.read_bytes()[:400_000])
    with pytest.raises(ListFormatError) as caught:
        read_list(cut)
    message = str(caught.value)
    assert message.startswith(f"{cut}: not a complete Excel workbook (BadZipFile")
    assert "\n" not in message and message.endswith("download it again.")
