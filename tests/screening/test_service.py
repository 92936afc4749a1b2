from pathlib import Path

import pytest

from tests.paths import FIXTURES
from yalu.core.errors import NotFoundError
from yalu.formats import read_list
from yalu.models.screening import Query
from yalu.screening.audit import read_screenings
from yalu.screening.ingest import ingest
from yalu.screening.service import (
    build_file_index,
    index_cache_key,
    load_active_index,
    matching_code_digest,
    screen_queries,
)
from yalu.screening.store import Store

UN = FIXTURES / "screening" / "un_three.xml"
SDN = FIXTURES / "screening" / "ofac_sdn_small"


@pytest.fixture
def store(store: Store) -> Store:
    """Return a store (on each backend) holding the three-entry UN list."""
    ingest(read_list(UN), store)
    return store


def test_index_is_built_once_then_read_from_the_cache(store: Store) -> None:
    first = load_active_index(store)
    second = load_active_index(store)
    assert (first.was_cached, second.was_cached) == (False, True)
    assert len(second.index) == 3
    assert second.describe_lists() == "un_sc@2026-02-27"


def test_loading_a_list_invalidates_the_cached_index(store: Store) -> None:
    load_active_index(store)
    ingest(read_list(SDN), store)
    reloaded = load_active_index(store)
    assert not reloaded.was_cached
    assert reloaded.entity_count == 6


def test_damaged_cache_is_rebuilt_not_fatal(store: Store) -> None:
    store.write_index_cache(index_cache_key(store.active_versions()), b"not a pickle")
    loaded = load_active_index(store)
    assert not loaded.was_cached
    assert len(loaded.index) == 3


def test_no_lists_is_not_found_with_the_fix(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.sqlite3") as empty, pytest.raises(NotFoundError) as caught:
        load_active_index(empty)
    assert "yalu lists load PATH" in str(caught.value)


def test_screening_keeps_input_order_and_writes_one_audit_row_each(store: Store) -> None:
    queries = [Query(name="Yun Ho Jin", id="a"), Query(name="Korea Ryonbong", id="b")]
    seen: list[int] = []
    results = list(
        screen_queries(
            load_active_index(store),
            queries,
            threshold=0.8,
            limit=2,
            store=store,
            on_progress=seen.append,
        )
    )
    assert [r.query.id for r in results] == ["a", "b"]
    assert results[0].matches[0].entity_id == "KPi.001"
    assert results[0].has_match
    assert seen == [1, 2]
    records = read_screenings(store)
    assert [r.query.id for r in records] == ["b", "a"]
    assert records[0].list_versions[0].source == "un_sc"
    assert records[0].limit == 2
    assert records[0].actor.startswith("cli:")  # no actor given: the command line's user
    assert records[0].code_digest == matching_code_digest()


def test_screening_list_files_directly_records_nothing(store: Store) -> None:
    loaded = build_file_index([SDN])
    (result,) = screen_queries(loaded, [Query(name="Chon Ma San")], threshold=0.8, limit=1)
    assert result.matches[0].entity_id == "23729"
    assert loaded.lists[0].id == 0
    assert read_screenings(store) == []


def test_index_cache_key_covers_every_matching_module() -> None:
    import pkgutil

    import yalu.screening as package
    from yalu.screening.service import MATCHING_MODULES

    # Modules that hold the store, I/O or the audit trail do not shape the index.
    not_matching = {
        "audit",
        "chain",
        "chain_store",
        "codec",
        "database",
        "freshness",
        "ingest",
        "key_store",
        "keys",
        "queries",
        "replay",
        "service",
        "store",
        "update",
        # monitoring (issue 14): subjects, list deltas, alerts and decisions
        "alerts",
        "decisions",
        "diff",
        "monitor",
        "subjects",
        "webhook",
        "same_entity",  # links are built from the entities on each load, not cached
        "programs",
        "guards",
        "lifecycle",
        "verdict_audit",
        "verify",
        "batch",  # where queries are scored, not how
        "query_file",  # how a names file is read (issue 17), not how names match
        "chunked_reviews",  # when decisions are read, not what they decide
        "file_cache",  # where a list file's index is kept, not what it holds
        # the workbench (issue 19): filters choose entries, the index of each is built anew
        "entries",
        "scopes",
        "by_example",
        "list_summary",
        "top_reason",
        "compiled",  # which build of the matcher runs, not what it computes
    }
    matching = {m.name for m in pkgutil.iter_modules(package.__path__)} - not_matching
    assert {module.__name__.rsplit(".", 1)[1] for module in MATCHING_MODULES} == matching
