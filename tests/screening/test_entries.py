"""`find_entry`: one entry of an active list, its version and the same party on other lists."""

import pytest

from tests.paths import FIXTURES
from yalu.core.errors import NotFoundError
from yalu.formats import read_list
from yalu.screening.entries import find_entry
from yalu.screening.ingest import ingest
from yalu.screening.service import LoadedIndex, load_active_index
from yalu.screening.store import Store

UN = FIXTURES / "screening" / "un_three.xml"
SDN = FIXTURES / "screening" / "ofac_sdn_small"


@pytest.fixture
def loaded(store: Store) -> LoadedIndex:
    ingest(read_list(UN), store)
    ingest(read_list(SDN), store)
    return load_active_index(store)


def test_an_entry_comes_with_its_list_version_and_the_same_party_elsewhere(
    loaded: LoadedIndex,
) -> None:
    entry = find_entry(loaded, "un_sc", "KPe.002")
    assert entry.entity.caption == "KOREA RYONBONG GENERAL CORPORATION"
    assert entry.list_version.source == "un_sc"
    assert entry.list_version.version == "2026-02-27T00:00:09.554Z"
    assert [(e.source, e.id) for e in entry.same_party] == [("ofac_sdn", "9347")]
    assert len(entry.reasons) == 1 and "the same names" in entry.reasons[0]


def test_the_link_reads_the_same_from_the_other_side(loaded: LoadedIndex) -> None:
    entry = find_entry(loaded, "ofac_sdn", "9347")
    assert [(e.source, e.id) for e in entry.same_party] == [("un_sc", "KPe.002")]


def test_an_entry_of_no_other_list_has_no_same_party(loaded: LoadedIndex) -> None:
    entry = find_entry(loaded, "ofac_sdn", "23729")  # the vessel CHON MA SAN
    assert entry.entity.schema == "Vessel" and entry.same_party == () and entry.reasons == ()


@pytest.mark.parametrize(
    ("source", "entity_id", "said"),
    [
        ("un_sc", "KPe.999", "list 'un_sc' has no entry 'KPe.999'"),
        ("eu_fsf", "1", "no list 'eu_fsf' is in use. The lists in use are: ofac_sdn, un_sc"),
        ("un_sc", "x" * 500, "no such list entry"),
    ],
)
def test_unknown_lists_and_entries_are_not_found_in_one_line(
    loaded: LoadedIndex, source: str, entity_id: str, said: str
) -> None:
    with pytest.raises(NotFoundError) as caught:
        find_entry(loaded, source, entity_id)
    assert said in str(caught.value) and "\n" not in str(caught.value)
