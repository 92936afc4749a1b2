"""Rollback to an earlier version and prune of old ones, on SQLite and PostgreSQL."""

from pathlib import Path

import pytest

from yalu.core.errors import InputError, NotFoundError
from yalu.models.audit import ListUsed
from yalu.models.screening import Entity, ListSnapshot, Query
from yalu.screening.audit import add_screenings, new_screening
from yalu.screening.guards import LoadGuards
from yalu.screening.ingest import ingest
from yalu.screening.lifecycle import cited_version_ids, prune, rollback
from yalu.screening.store import ListVersion, Store, open_store
from yalu.screening.verdict_audit import add_verdicts
from yalu.screening.verify import verify_trail

ANY_SIZE = LoadGuards(allow_shrink=True)


def load(store: Store, version: str, count: int = 3, source: str = "un_sc") -> ListVersion:
    snapshot = ListSnapshot(
        source=source,
        version=version,
        entities=tuple(
            Entity(id=f"{source}-{i}", schema="Person", names=(f"Kim {i}",), source=source)
            for i in range(count)
        ),
        path=f"/lists/{source}-{version}",
        format="un_xml",
        published=version,
    )
    return ingest(snapshot, store, guards=ANY_SIZE).loaded


def cite(store: Store, *versions: ListVersion) -> None:
    used = [ListUsed(v.id, v.source, v.version) for v in versions]
    record = new_screening(
        Query(name="Kim"), [], used, threshold=0.8, limit=5, actor="alice", code_digest=""
    )
    add_screenings(store, [record])


def active_version_text(store: Store, source: str = "un_sc") -> str:
    active = store.active_version(source)
    assert active is not None
    return active.version


def test_rollback_defaults_to_the_version_before_the_active_one(store: Store) -> None:
    first, second, third = (load(store, f"2026-0{m}-01") for m in (1, 2, 3))
    report = rollback(store, "un_sc")
    assert (report.active.id, report.replaced.id) == (second.id, third.id)
    assert report.active.is_active and not report.replaced.is_active
    assert "un_sc is back to version 2026-02-01" in report.summary
    assert rollback(store, "un_sc").active.id == first.id  # again: one further back
    assert [v.id for v in store.active_versions()] == [first.id]


@pytest.mark.parametrize("wanted", ["id", "2026-01-01", "2026-01"])
def test_rollback_to_a_version_by_id_text_or_its_start(store: Store, wanted: str) -> None:
    first = load(store, "2026-01-01")
    load(store, "2026-02-01")
    load(store, "2026-03-01")
    rollback(store, "un_sc", str(first.id) if wanted == "id" else wanted)
    assert active_version_text(store) == "2026-01-01"


def test_rollback_refusals_are_one_line_and_change_nothing(store: Store) -> None:
    load(store, "2026-01-01")
    with pytest.raises(NotFoundError, match="un_sc has no version older than the active one"):
        rollback(store, "un_sc")
    load(store, "2026-01-15")
    load(store, "2026-02-01")
    with pytest.raises(InputError, match=r"'2026-01' matches 2 versions of un_sc \(ids "):
        rollback(store, "un_sc", "2026-01")
    with pytest.raises(InputError, match="is already active"):
        rollback(store, "un_sc", "2026-02-01")
    with pytest.raises(NotFoundError, match="un_sc has no version '1999'"):
        rollback(store, "un_sc", "1999")
    with pytest.raises(NotFoundError, match="no version of 'eu_fsf' is active"):
        rollback(store, "eu_fsf")
    assert active_version_text(store) == "2026-02-01"


def test_prune_keeps_the_active_and_newest_versions_of_each_list(store: Store) -> None:
    un = [load(store, f"2026-0{m}-01", count=200) for m in range(1, 6)]
    sdn = [load(store, f"2026-0{m}-02", source="ofac_sdn") for m in (1, 2)]
    rollback(store, "un_sc", str(un[1].id))  # the active version is now an old one
    report = prune(store, keep=2, actor="cli:test")
    assert sorted(v.id for v in report.deleted) == [un[0].id, un[2].id, un[3].id]
    assert report.entity_count == 600
    left = sorted(v.id for v in store.versions())
    assert left == sorted([un[1].id, un[4].id, *(v.id for v in sdn)])
    assert list(store.entities([un[0].id])) == []
    assert store.entity_ids(un[4].id) == [f"un_sc-{i}" for i in range(200)]
    assert prune(store, keep=2, actor="cli:test").deleted == ()


def test_prune_keeps_versions_that_audit_rows_cite_unless_forced(store: Store) -> None:
    old, cited_by_screening, cited_by_verdict, _ = (
        load(store, f"2026-0{m}-01") for m in (1, 2, 3, 4)
    )
    cite(store, cited_by_screening)
    add_verdicts(
        store,
        [{"id": "S-1", "line": 2, "verdict": "clear"}],
        kind="shipment",
        file="shipments.csv",
        list_versions=[ListUsed(cited_by_verdict.id, "un_sc", cited_by_verdict.version)],
        rules_version="2026-01",
        actor="cli:test",
    )
    assert cited_version_ids(store) == {cited_by_screening.id, cited_by_verdict.id}
    report = prune(store, keep=1, actor="cli:test")
    assert [v.id for v in report.deleted] == [old.id]
    assert sorted(v.id for v in report.kept_cited) == [cited_by_screening.id, cited_by_verdict.id]
    forced = prune(store, keep=1, actor="cli:test", force=True)
    assert sorted(v.id for v in forced.deleted) == [cited_by_screening.id, cited_by_verdict.id]
    assert len(store.versions()) == 1


def test_prune_keeps_at_least_one_version(store: Store) -> None:
    with pytest.raises(InputError, match="--keep 0 would delete every version"):
        prune(store, keep=0, actor="cli:test")


def test_prune_gives_the_space_back_on_sqlite(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'y.sqlite3'}") as store:
        for month in range(1, 6):
            load(store, f"2026-0{month}-01", count=3000)
        report = prune(store, keep=1, actor="cli:test")
    assert report.size_before is not None and report.size_after is not None
    assert report.size_after < report.size_before / 3
    assert (tmp_path / "y.sqlite3").stat().st_size == report.size_after


def test_a_pruned_trail_still_verifies_and_names_who_pruned(store: Store) -> None:
    versions = [load(store, f"2026-0{m}-01") for m in (1, 2, 3)]
    report = prune(store, keep=1, actor="cli:pruner")
    assert [v.id for v in report.deleted] == [versions[1].id, versions[0].id]
    trail = verify_trail(store)
    assert trail.is_intact, trail.problems
    assert trail.retired == 2
    retired = store.connection.execute(
        "SELECT record_id, actor, reason FROM trail_retirements ORDER BY record_id"
    ).fetchall()
    assert [(r["record_id"], r["actor"], r["reason"]) for r in retired] == [
        (versions[0].id, "cli:pruner", "pruned: keep 1"),
        (versions[1].id, "cli:pruner", "pruned: keep 1"),
    ]
