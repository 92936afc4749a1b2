"""`screen_queries`: one row per party with every list's entry, programme filters, the audit."""

import pytest

from tests.paths import FIXTURES
from yalu.core.errors import InputError, NotFoundError
from yalu.formats import read_list
from yalu.models.screening import Query
from yalu.screening.audit import read_screenings
from yalu.screening.codec import encode_record
from yalu.screening.ingest import ingest
from yalu.screening.programs import has_program, parse_program
from yalu.screening.service import LoadedIndex, load_active_index, screen_queries
from yalu.screening.store import Store

UN = FIXTURES / "screening" / "un_three.xml"
SDN = FIXTURES / "screening" / "ofac_sdn_small"
RYONBONG = Query(name="Korea Ryonbong General Corporation", id="q1")


@pytest.fixture
def loaded(store: Store) -> LoadedIndex:
    """Return the index over the UN and OFAC fixtures, both loaded in the store."""
    ingest(read_list(UN), store)
    ingest(read_list(SDN), store)
    return load_active_index(store)


def test_both_lists_entries_of_one_corporation_make_one_row(loaded: LoadedIndex) -> None:
    (result,) = screen_queries(loaded, [RYONBONG], threshold=0.84, limit=5)
    first = result.groups[0]
    assert {(e.list, e.entity_id) for e in first.entries} == {
        ("un_sc", "KPe.002"),
        ("ofac_sdn", "9347"),
    }
    assert first.best.is_match and len(first.reasons) == 1
    assert "the same names 'KOREA RYONBONG GENERAL CORPORATION'" in first.reasons[0]
    assert result.matches[: len(first.matches)] == first.matches
    assert len(result.groups) <= 5


def test_the_limit_counts_rows_not_entries(loaded: LoadedIndex) -> None:
    (result,) = screen_queries(loaded, [RYONBONG], threshold=0.84, limit=1)
    assert len(result.groups) == 1 and len(result.groups[0].entries) == 2


def test_the_audit_row_records_each_entry_with_its_row_and_grouping(
    loaded: LoadedIndex, store: Store
) -> None:
    list(screen_queries(loaded, [RYONBONG], threshold=0.84, limit=2, store=store))
    (record,) = read_screenings(store)
    (first, first_row), (second, second_row) = record.candidates[:2]
    assert first_row is not None and second_row is not None
    assert (first_row.row, second_row.row) == (1, 1)
    assert sorted(first_row.lists) == ["ofac_sdn", "un_sc"]
    assert first_row.grouped_because and second_row.grouped_because == ()
    assert {first.entity_id, second.entity_id} == {"KPe.002", "9347"}
    stored = encode_record(record)["results"][:2]
    assert [item["row"] for item in stored] == [1, 1]
    assert stored[1]["grouped_because"] == []


def test_a_programme_keeps_only_its_entries(loaded: LoadedIndex) -> None:
    (result,) = screen_queries(loaded, [RYONBONG], threshold=0.84, limit=5, program="dprk")
    assert result.groups[0].lists == ("un_sc",)  # OFAC lists it under NPWMD
    for group in result.groups:
        assert all(has_program_entry(entry.regimes, "dprk") for entry in group.entries)
    (vessel,) = screen_queries(
        loaded, [Query(name="Chon Ma San")], threshold=0.84, limit=5, program="dprk/autonomous"
    )
    assert [g.best.entity_id for g in vessel.groups] == ["23729"]


def has_program_entry(regimes: tuple[str, ...], family: str) -> bool:
    return any(regime.split("/")[0] == family for regime in regimes)


def test_a_programme_no_entry_is_under_is_not_found(loaded: LoadedIndex) -> None:
    with pytest.raises(NotFoundError, match="no entry of the lists in use is under programme"):
        list(screen_queries(loaded, [RYONBONG], threshold=0.84, limit=5, program="cuba"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DPRK", "dprk"),
        (" dprk/1718 ", "dprk/1718"),
        ("Iran/Autonomous", "iran/autonomous"),
        ("", None),
    ],
)
def test_programmes_are_read_in_any_case(text: str, expected: str | None) -> None:
    assert parse_program(text) == expected


@pytest.mark.parametrize(
    ("text", "hint"),
    [("north korea", "Use a family such as dprk"), ("dprk/un", "dprk/1718, dprk/autonomous")],
)
def test_an_unknown_programme_is_one_line_with_the_choices(text: str, hint: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_program(text)
    assert str(caught.value).startswith(f"unknown programme '{text}'.")
    assert hint in str(caught.value)


def test_a_family_selects_every_regime_of_it() -> None:
    un = read_list(UN).entities[1]
    assert has_program(un, "dprk") and has_program(un, "dprk/1718")
    assert not has_program(un, "dprk/autonomous") and not has_program(un, "iran")
