"""The tamper-evident trail on both backends: what `verify_trail` notices, and what it cannot."""

import threading

import pytest

import yalu.screening.store as store_module
from tests.paths import FIXTURES
from yalu.formats import read_list
from yalu.models.screening import Query
from yalu.screening.audit import add_screenings, new_screening
from yalu.screening.chain import GENESIS, ChainLink, content_sha256
from yalu.screening.ingest import ingest
from yalu.screening.store import Store, open_store
from yalu.screening.verify import verify_trail

UN = FIXTURES / "screening" / "un_three.xml"


def screen(store: Store, *names: str) -> list[int]:
    records = [
        new_screening(Query(name=n), [], [], threshold=0.8, limit=5, actor="alice", code_digest="")
        for n in names
    ]
    return add_screenings(store, records)


@pytest.fixture
def trail(store: Store) -> Store:
    """A store holding, in chain order: list version 1, screenings 1, 2 and 3."""
    ingest(read_list(UN), store, actor="cli:alice")
    screen(store, "Yun Ho Jin", "Maria Gonzalez", "Kim Chol")
    return store


def sql(store: Store, statement: str, params: tuple[object, ...] = ()) -> None:
    store.connection.execute(statement, params)


def test_an_untouched_trail_verifies_with_its_count_and_head(trail: Store) -> None:
    report = verify_trail(trail)
    assert report.is_intact
    assert report.rows_checked == 4
    assert report.tables == (("list_versions", 1), ("screenings", 3))
    assert report.head is not None and report.head.seq == 4
    assert report.head == trail.chain_head()


def test_one_changed_column_names_the_row(trail: Store) -> None:
    sql(trail, "UPDATE screenings SET actor = 'mallory' WHERE id = 2")
    report = verify_trail(trail)
    assert [(p.kind, p.table, p.record_id) for p in report.problems] == [
        ("changed", "screenings", 2)
    ]
    assert (
        report.problems[0].message == "screenings row 2 was changed after it was written (link 3)"
    )


def test_a_changed_score_inside_the_results_json_is_noticed(trail: Store) -> None:
    sql(trail, "UPDATE screenings SET threshold = 0.99 WHERE id = 1")
    assert [p.record_id for p in verify_trail(trail).problems] == [1]


def test_a_deleted_row_is_named_as_removed(trail: Store) -> None:
    sql(trail, "DELETE FROM screenings WHERE id = 1")
    (problem,) = verify_trail(trail).problems
    assert (problem.kind, problem.record_id) == ("removed", 1)
    assert problem.message == "screenings row 1 was removed"


def test_a_row_inserted_without_a_link_is_named(trail: Store) -> None:
    sql(
        trail,
        "INSERT INTO screenings (screened_at, query, list_versions, threshold, match_limit,"
        " results) VALUES ('2026-01-01T00:00:00+00:00', '{\"name\": \"X\"}', '[]', 0.8, 5, '[]')",
    )
    (problem,) = verify_trail(trail).problems
    assert (problem.kind, problem.table, problem.record_id) == ("inserted", "screenings", 4)


def test_a_deleted_link_breaks_the_chain_there(trail: Store) -> None:
    sql(trail, "DELETE FROM trail_chain WHERE seq = 2")
    problems = verify_trail(trail).problems
    assert problems[0].kind == "broken"
    assert problems[0].message.startswith("chain link 2 removed: link 3 does not follow")
    assert (problems[1].kind, problems[1].record_id) == ("inserted", 1)


def test_an_edited_link_is_noticed(trail: Store) -> None:
    sql(trail, "UPDATE trail_chain SET content_sha256 = ? WHERE seq = 3", ("0" * 64,))
    (problem,) = verify_trail(trail).problems
    assert problem.message == "chain link 3 was edited: its hash does not match its fields"


def test_changed_list_entities_are_noticed(trail: Store) -> None:
    sql(trail, "UPDATE entities SET caption = 'SOMEONE ELSE' WHERE position = 0")
    (problem,) = verify_trail(trail).problems
    assert (problem.table, problem.record_id) == ("list_versions", 1)
    assert "its stored entities were changed, removed or added" in problem.message


def test_activating_another_version_is_not_a_change(trail: Store) -> None:
    ingest(read_list(UN), trail, actor="cli:alice")  # version 2 replaces version 1
    assert verify_trail(trail).is_intact


def test_rewriting_the_chain_to_the_end_is_only_caught_by_a_published_head(
    trail: Store,
) -> None:
    published = trail.chain_head()
    assert published is not None
    sql(trail, "UPDATE screenings SET actor = 'mallory' WHERE id = 3")  # the newest row
    row = trail.read_row("screenings", 3)
    assert row is not None
    old = trail.chain_link_of("screenings", 3)
    assert old is not None
    forged = ChainLink.make(
        seq=old.seq,
        table=old.table,
        record_id=old.record_id,
        columns=old.columns,
        content_sha256=content_sha256(row, old.columns),
        previous_sha256=old.previous_sha256,
    )
    sql(
        trail,
        "UPDATE trail_chain SET content_sha256 = ?, link_sha256 = ? WHERE seq = ?",
        (forged.content_sha256, forged.link_sha256, forged.seq),
    )
    assert verify_trail(trail).is_intact  # consistent again: the chain alone cannot tell
    assert trail.chain_link_by_hash(published.link_sha256) is None  # the published head can


def test_the_first_link_follows_the_genesis_hash(trail: Store) -> None:
    first = trail.chain_links(limit=1)[0]
    assert first.previous_sha256 == GENESIS
    assert (first.table, first.record_id) == ("list_versions", 1)


def test_writers_on_separate_connections_never_fork_the_chain(
    trail: Store, database_url: str
) -> None:
    def write(name: str) -> None:
        with open_store(database_url) as own:
            for number in range(5):
                screen(own, f"{name} {number}")

    threads = [threading.Thread(target=write, args=(f"writer {i}",)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    report = verify_trail(trail)
    assert report.is_intact, report.problems
    assert report.rows_checked == 4 + 15


def test_rows_written_before_the_chain_join_it_when_it_starts(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = store_module.MIGRATIONS
    monkeypatch.setattr(store_module, "MIGRATIONS", original[:2])  # yalu before the chain
    with open_store(database_url) as old:
        sql(
            old,
            "INSERT INTO list_versions (source, version, format, path, loaded_at,"
            " entity_count, is_active) VALUES ('un_sc', 'v1', 't', 'p', '2026-01-01', 0, 1)",
        )
        old.connection.execute(
            "INSERT INTO screenings (screened_at, query, list_versions, threshold, match_limit,"
            " results) VALUES ('2026-01-01T00:00:00+00:00', '{\"name\": \"Old\"}', '[]', 0.8,"
            " 5, '[]')"
        )
    monkeypatch.setattr(store_module, "MIGRATIONS", original)
    with open_store(database_url) as upgraded:
        report = verify_trail(upgraded)
        assert report.is_intact
        assert report.tables == (("list_versions", 1), ("screenings", 1))
        screen(upgraded, "New")
        assert verify_trail(upgraded).rows_checked == 3


def test_a_row_retired_before_it_is_pruned_may_be_gone(trail: Store) -> None:
    ingest(read_list(UN), trail, actor="cli:alice")  # version 2; version 1 may be pruned
    with trail.transaction():
        trail.retire_chained("list_versions", 1, actor="cli:alice", reason="pruned: keep 1")
        sql(trail, "DELETE FROM list_versions WHERE id = 1")  # its entities go with it
    report = verify_trail(trail)
    assert report.is_intact, report.problems
    assert report.retired == 1
    assert ("trail_retirements", 1) in report.tables


def test_retiring_only_the_entities_of_a_version_is_accepted(trail: Store) -> None:
    with trail.transaction():
        trail.retire_chained("list_versions", 1, actor="cli:alice", reason="entities pruned")
        sql(trail, "DELETE FROM entities WHERE version_id = 1")
    assert verify_trail(trail).is_intact


def test_a_retirement_removed_behind_yalus_back_is_caught(trail: Store) -> None:
    with trail.transaction():
        trail.retire_chained("screenings", 2, actor="cli:alice", reason="test")
        sql(trail, "DELETE FROM screenings WHERE id = 2")
    sql(trail, "DELETE FROM trail_retirements")
    kinds = [(p.kind, p.table) for p in verify_trail(trail).problems]
    assert ("removed", "screenings") in kinds and ("removed", "trail_retirements") in kinds


def test_only_chained_rows_can_be_retired(trail: Store) -> None:
    from yalu.core.errors import StoreError

    with pytest.raises(StoreError, match="cannot retire screenings row 99: it is not in the"):
        trail.retire_chained("screenings", 99, actor="cli:alice", reason="test")
