"""Reading the audit trail back: filters, limit, newest first, and one row by id."""

from typing import Any

import pytest

from yalu.core.errors import InputError, NotFoundError
from yalu.models.audit import ListUsed, ScreeningRecord
from yalu.models.screening import Match, Query
from yalu.screening.audit import add_screenings, get_screening, new_screening, read_screenings
from yalu.screening.store import Store, open_store


def audit_row(name: str, *, is_match: bool, score: float = 0.9) -> ScreeningRecord:
    """Return an audit record for `name` with one candidate, a match or not."""
    candidate = Match(
        entity_id="KPi.001",
        list="un_sc",
        schema="Person",
        name="YUN HO JIN",
        query_name=name,
        score=score,
        is_match=is_match,
        caption="YUN HO JIN",
    )
    return new_screening(
        Query(name=name, id="1"),
        [candidate],
        [ListUsed(1, "un_sc", "2026-02-27")],
        threshold=0.84,
        limit=5,
        actor="alice",
        code_digest="c0de",
    )


@pytest.fixture
def store(store: Store) -> Store:
    """Return a store (on each backend) whose trail holds, oldest first: ids 1..4."""
    add_screenings(
        store,
        [
            audit_row("Yun Ho Jin", is_match=True, score=1.0),  # 1
            audit_row("Maria Gonzalez", is_match=False, score=0.3),  # 2
            audit_row("Ким Чол", is_match=True),  # 3
            audit_row("YUN HO-JIN", is_match=False, score=0.8),  # 4
        ],
    )
    return store


def ids(records: list[Any]) -> list[int]:
    return [record.id for record in records]


def test_read_screenings_returns_newest_first(store: Store) -> None:
    assert ids(read_screenings(store)) == [4, 3, 2, 1]


def test_read_screenings_limit_keeps_the_newest(store: Store) -> None:
    assert ids(read_screenings(store, 2)) == [4, 3]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ho jin", [1]),
        ("YUN", [4, 1]),
        ("  gonzalez ", [2]),
        ("кИМ", [3]),  # case folding beyond ASCII
        ("Kim Chol", []),
        ("", [4, 3, 2, 1]),
    ],
)
def test_name_filter_keeps_names_containing_the_text_in_any_case(
    store: Store, text: str, expected: list[int]
) -> None:
    assert ids(read_screenings(store, name=text)) == expected


def test_matches_only_keeps_screenings_with_a_candidate_at_the_threshold(store: Store) -> None:
    assert ids(read_screenings(store, matches_only=True)) == [3, 1]


def test_filters_combine_and_limit_counts_kept_rows(store: Store) -> None:
    assert ids(read_screenings(store, 1, name="yun", matches_only=True)) == [1]


def test_has_match_reads_the_stored_verdicts(store: Store) -> None:
    assert {r.id: r.has_match for r in read_screenings(store)} == {
        1: True,
        2: False,
        3: True,
        4: False,
    }


def test_limit_below_one_is_refused(store: Store) -> None:
    with pytest.raises(InputError, match="limit 0 is below 1"):
        read_screenings(store, 0)


def test_get_screening_returns_the_row_with_its_results(store: Store) -> None:
    record = get_screening(store, 3)
    assert record.query == Query(name="Ким Чол", id="1")
    assert record.results[0].explanation == "'Ким Чол' ~ 'YUN HO JIN'"
    assert record.list_versions == (ListUsed(1, "un_sc", "2026-02-27"),)
    assert (record.actor, record.code_digest) == ("alice", "c0de")


def test_get_screening_of_an_unknown_id_says_where_to_find_ids(store: Store) -> None:
    with pytest.raises(NotFoundError) as caught:
        get_screening(store, 42)
    assert str(caught.value) == (
        "no screening 42 in the audit trail. `yalu audit list` shows the ids."
    )


def test_empty_trail_reads_as_no_rows(database_url: str) -> None:
    with open_store(database_url) as empty:
        assert read_screenings(empty) == []
        assert read_screenings(empty, name="x", matches_only=True) == []


def test_filters_read_the_trail_in_batches_newest_first(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yalu.screening.audit as audit

    monkeypatch.setattr(audit, "READ_BATCH", 1)  # every row is its own batch
    assert [r.id for r in read_screenings(store, 10, name="yun")] == [4, 1]
    assert [r.id for r in read_screenings(store, 1, matches_only=True)] == [3]
    assert [r.id for r in read_screenings(store, 10, matches_only=True)] == [3, 1]
    assert [r.id for r in read_screenings(store, 3)] == [4, 3, 2]
