"""`screen_queries` yields a result only once its audit row is committed."""

import pytest

from tests.paths import FIXTURES
from yalu.core.errors import InputError
from yalu.formats import read_list
from yalu.models.screening import Query
from yalu.screening.ingest import ingest
from yalu.screening.service import AUDIT_BATCH, load_active_index, screen_queries
from yalu.screening.store import Store, open_store

UN = FIXTURES / "screening" / "un_three.xml"


def committed_rows(database_url: str) -> int:
    """Count the audit rows another connection sees: only committed ones."""
    with open_store(database_url) as other:
        row = other.connection.execute("SELECT count(*) AS n FROM screenings").fetchone()
        assert row is not None
        return int(row["n"])


def test_each_result_is_yielded_after_its_audit_row_is_committed(
    store: Store, database_url: str
) -> None:
    ingest(read_list(UN), store)
    loaded = load_active_index(store)
    queries = [Query(name=f"Ri Chol {i}", id=str(i)) for i in range(AUDIT_BATCH + 7)]
    results = screen_queries(loaded, queries, threshold=0.8, limit=3, store=store)
    shown = 0
    for _ in results:
        shown += 1
        if shown in (1, AUDIT_BATCH, AUDIT_BATCH + 1, AUDIT_BATCH + 7):
            assert committed_rows(database_url) >= shown
    assert shown == committed_rows(database_url) == AUDIT_BATCH + 7


def test_a_failing_query_shows_nothing_of_its_batch_and_audits_nothing_of_it(
    store: Store, database_url: str
) -> None:
    ingest(read_list(UN), store)
    loaded = load_active_index(store)
    queries = [Query(name="Ri Chol Ung", id="1"), Query(name="  ", id="2")]
    shown = []
    with pytest.raises(InputError):
        for result in screen_queries(loaded, queries, threshold=0.8, limit=3, store=store):
            shown.append(result)
    assert shown == []
    assert committed_rows(database_url) == 0
