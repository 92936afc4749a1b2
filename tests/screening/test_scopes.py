"""`Scope` filters entries before scoring; `top_reason` says why the best candidate is a match."""

import pytest

from tests.paths import FIXTURES
from yalu.core.errors import InputError, NotFoundError
from yalu.formats import read_list
from yalu.models.screening import Query
from yalu.screening.ingest import ingest
from yalu.screening.scopes import Scope, parse_scope
from yalu.screening.service import LoadedIndex, load_active_index, screen_queries
from yalu.screening.store import Store
from yalu.screening.top_reason import top_reason

UN = FIXTURES / "screening" / "un_three.xml"
SDN = FIXTURES / "screening" / "ofac_sdn_small"


@pytest.fixture
def loaded(store: Store) -> LoadedIndex:
    ingest(read_list(UN), store)
    ingest(read_list(SDN), store)
    return load_active_index(store)


def test_parse_scope_reads_names_and_codes() -> None:
    scope = parse_scope(
        lists=[" un_sc", "", "un_sc"], program="DPRK", schema="Vessel", country="North Korea"
    )
    assert scope == Scope(lists=("un_sc",), program="dprk", schema="Vessel", country="kp")
    assert scope.describe() == "lists un_sc; programme dprk; type Vessel; country KP"
    assert parse_scope().is_everything and parse_scope().describe() == ""


def test_parse_scope_refuses_unknown_values_in_one_line() -> None:
    with pytest.raises(InputError, match=r"list 'eu_fsf' is not in use\. Choose among un_sc"):
        parse_scope(lists=["eu_fsf"], known_lists=["un_sc"])
    with pytest.raises(InputError, match="unknown type 'Robot'"):
        parse_scope(schema="Robot")


def test_a_scope_finds_the_best_candidates_among_its_entries(
    loaded: LoadedIndex, store: Store
) -> None:
    query = Query(name="Korea Ryonbong General Corporation", id="q1")
    (everything,) = screen_queries(loaded, [query], threshold=0.84, limit=5)
    assert {m.list for m in everything.matches} == {"un_sc", "ofac_sdn"}
    (ofac,) = screen_queries(
        loaded, [query], threshold=0.84, limit=5, scope=Scope(lists=("ofac_sdn",)), store=store
    )
    assert {m.list for m in ofac.matches} == {"ofac_sdn"}
    assert ofac.matches[0].entity_id == "9347"
    assert all(len(group.entries) == 1 for group in ofac.groups)  # un_sc is out of scope


def test_an_empty_scope_is_not_found(loaded: LoadedIndex) -> None:
    with pytest.raises(NotFoundError, match=r"in scope \(type Aircraft\)"):
        list(
            screen_queries(
                loaded, [Query(name="Kim")], threshold=0.8, limit=5, scope=Scope(schema="Aircraft")
            )
        )


def test_the_programme_option_replaces_the_scopes(loaded: LoadedIndex) -> None:
    query = Query(name="Chon Ma San Korea Ryonbong")
    scope = Scope(lists=("ofac_sdn",), program="nonproliferation")
    (found,) = screen_queries(loaded, [query], threshold=0.84, limit=5, scope=scope)
    assert "9347" in {m.entity_id for m in found.matches}  # under nonproliferation
    (dprk,) = screen_queries(loaded, [query], threshold=0.84, limit=5, scope=scope, program="dprk")
    assert {(m.list, m.entity_id) for m in dprk.matches} == {("ofac_sdn", "23729")}


def test_top_reason_for_a_match_a_miss_and_nothing(loaded: LoadedIndex) -> None:
    query = Query(name="Kang Chol", passport_number="472234895")
    (hit,) = screen_queries(loaded, [query], threshold=0.84, limit=3)
    said = top_reason("Kang Chol", hit.matches, threshold=0.84)
    assert said.startswith("The top candidate, KANG Chol Su (ofac_sdn 21733), is a match: score")
    assert "(48% of word weight aligned); helped most: identifier +0.52 (PASSPORT" in said
    (miss,) = screen_queries(
        loaded, [Query(name="Kang Chol Su", birth_date="1980-05-05")], threshold=0.99, limit=3
    )
    said = top_reason("Kang Chol Su", miss.matches, threshold=0.99)
    assert "is not a match" in said and "below the threshold 0.99" in said
    assert "held it back: birth_date -" in said
    assert (
        top_reason("Zz", (), threshold=0.8)
        == "No candidate: no list entry in scope resembles 'Zz'."
    )
