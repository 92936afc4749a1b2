from pathlib import Path

import pytest

from tests.paths import FIXTURES, SHARED_LISTS
from yalu.core.errors import ListFormatError
from yalu.formats import detect_format

LISTS = FIXTURES / "lists"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("un_three.xml", "un_xml"),
        ("ofac_sdn", "ofac_sdn"),
        ("ofac_sdn/sdn.csv", "ofac_sdn"),
        ("ofac_sdn/alt.csv", "ofac_sdn"),
        ("ofac_cons", "ofac_cons"),
        ("ofac_cons/cons_prim.csv", "ofac_cons"),
        ("csl_small.csv", "us_csl"),
        ("dpl_small.txt", "bis_dpl"),
        ("entities.ftm.json", "ftm_json"),
        ("plain.csv", "csv"),
        ("plain_without_name.csv", "csv"),
    ],
)
def test_fixture_formats_are_detected_from_content(name: str, expected: str) -> None:
    assert detect_format(LISTS / name) == expected


def test_detection_ignores_misleading_file_names(tmp_path: Path) -> None:
    disguised = tmp_path / "sanctions.csv"
    disguised.write_bytes((LISTS / "un_three.xml").read_bytes())
    assert detect_format(disguised) == "un_xml"


def test_sdn_rows_in_a_cons_named_file_are_read_as_consolidated(tmp_path: Path) -> None:
    renamed = tmp_path / "cons_prim.csv"
    renamed.write_bytes((LISTS / "ofac_sdn" / "sdn.csv").read_bytes())
    assert detect_format(renamed) == "ofac_cons"


def test_semicolon_separated_header_is_plain_csv(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_text("Name;Country\nRi Chol Ung;KP\n")
    assert detect_format(path) == "csv"


def test_unrecognised_content_asks_for_an_explicit_format() -> None:
    with pytest.raises(ListFormatError, match=r"README.md:1: cannot tell .* Pass the format"):
        detect_format(LISTS / "README.md")


@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("UN_consolidated.xml", "un_xml"),
        ("ofac_sdn_2021", "ofac_sdn"),
        ("ofac_sdn_2021/sdn.csv", "ofac_sdn"),
        ("ofac_cons_nonsdn_2025", "ofac_cons"),
        ("ofac_cons_nonsdn_2025/cons_prim.csv", "ofac_cons"),
        ("us_csl_2023.csv", "us_csl"),
        ("bis_dpl_2022.txt", "bis_dpl"),
        ("bis_dpl_2023.txt", "bis_dpl"),
        ("eu_fsf_sample.xml", "eu_xml"),
        ("uk_sanctions_list_sample.xml", "uk_xml"),
        ("au_dfat_consolidated_2024-11.xlsx", "au_xlsx"),
        ("ca_sema_2020-04.xml", "ca_xml"),
        ("ca_sema_sample.xml", "ca_xml"),
    ],
)
def test_every_real_list_file_is_detected(shared_data: Path, name: str, expected: str) -> None:
    assert detect_format(SHARED_LISTS / name) == expected


def test_xml_of_another_schema_is_not_taken_for_a_list(tmp_path: Path) -> None:
    other = tmp_path / "feed.xml"
    other.write_text('<?xml version="1.0"?><rss version="2.0"><channel/></rss>\n')
    with pytest.raises(ListFormatError, match=r"feed.xml:1: cannot tell .* eu_xml, uk_xml"):
        detect_format(other)
