from pathlib import Path

import pytest

from tests.paths import FIXTURES
from yalu.core.errors import InputError
from yalu.formats import READERS, read_list

LISTS = FIXTURES / "lists"


def test_registry_offers_every_documented_format() -> None:
    assert set(READERS) == {
        "un_xml",
        "eu_xml",
        "uk_xml",
        "au_xlsx",
        "ca_xml",
        "ofac_sdn",
        "ofac_cons",
        "us_csl",
        "bis_dpl",
        "ftm_json",
        "csv",
    }


@pytest.mark.parametrize(
    ("name", "fmt", "source"),
    [
        ("un_three.xml", "un_xml", "un_sc"),
        ("ofac_sdn", "ofac_sdn", "ofac_sdn"),
        ("ofac_cons", "ofac_cons", "ofac_cons"),
        ("csl_small.csv", "us_csl", "us_csl"),
        ("dpl_small.txt", "bis_dpl", "bis_dpl"),
        ("entities.ftm.json", "ftm_json", "example"),
        ("plain.csv", "csv", "plain"),
    ],
)
def test_read_list_detects_and_records_format_and_source(name: str, fmt: str, source: str) -> None:
    snapshot = read_list(str(LISTS / name))
    assert (snapshot.format, snapshot.source) == (fmt, source)
    assert snapshot.entities
    assert all(entity.source == source for entity in snapshot.entities)
    assert all(entity.source_version == snapshot.version for entity in snapshot.entities)


def test_explicit_format_overrides_detection() -> None:
    snapshot = read_list(LISTS / "ofac_sdn", format="ofac_cons")
    assert snapshot.source == "ofac_cons"


def test_unknown_format_name_lists_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"unknown list format 'seco_xml'. Use one of: au_xlsx"):
        read_list(LISTS / "plain.csv", format="seco_xml")


def test_read_list_gives_every_entity_its_regimes() -> None:
    snapshot = read_list(LISTS / "un_three.xml")
    assert {entity.regimes for entity in snapshot.entities} == {("dprk/1718",)}
