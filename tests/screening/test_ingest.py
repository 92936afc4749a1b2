import pytest

from yalu.core.errors import ListFormatError, StoreError
from yalu.models.screening import Entity, ListSnapshot
from yalu.screening.ingest import ingest
from yalu.screening.store import Store


def person(index: int) -> Entity:
    return Entity(
        id=f"KPi.{index:03d}", schema="Person", names=(f"Ri Chol {index}",), source="un_sc"
    )


def snapshot(count: int, version: str = "2026-02-27") -> ListSnapshot:
    return ListSnapshot(
        source="un_sc",
        version=version,
        entities=tuple(person(i) for i in range(count)),
        path="/lists/UN_consolidated.xml",
        format="un_xml",
        published=version,
    )


def test_ingest_loads_a_new_active_version_and_reports_progress(store: Store) -> None:
    seen: list[int] = []
    report = ingest(snapshot(2500), store, on_progress=seen.append)
    assert report.loaded.is_active
    assert report.loaded.entity_count == 2500
    assert report.replaced is None
    assert seen == [1000, 2000, 2500]
    assert store.active_versions() == [report.loaded]
    assert "un_sc 2026-02-27: 2500 entities" in report.summary


def test_second_ingest_replaces_the_first_and_says_so(store: Store) -> None:
    first = ingest(snapshot(3, "2026-01-01"), store)
    second = ingest(snapshot(4, "2026-02-27"), store)
    assert second.replaced == first.loaded
    assert "replaces version 2026-01-01" in second.summary
    assert [v.version for v in store.active_versions()] == ["2026-02-27"]


def test_empty_list_is_refused_and_last_good_version_stays(store: Store) -> None:
    good = ingest(snapshot(3), store)
    with pytest.raises(ListFormatError) as caught:
        ingest(snapshot(0, "2026-03-01"), store)
    message = str(caught.value)
    assert message.startswith("/lists/UN_consolidated.xml: the list holds no entities")
    assert "previous version of un_sc (2026-02-27" in message
    assert store.active_versions() == [store.version(good.loaded.id)]
    assert len(store.versions()) == 1


def test_failure_mid_ingest_rolls_back_and_keeps_last_good_version(store: Store) -> None:
    good = ingest(snapshot(3), store)

    def fail_at_2000(done: int) -> None:
        if done >= 2000:
            raise StoreError("simulated disk full")

    with pytest.raises(StoreError, match="simulated disk full"):
        ingest(snapshot(5000, "2026-03-01"), store, on_progress=fail_at_2000)
    assert [v.id for v in store.versions()] == [good.loaded.id]
    assert store.active_version("un_sc") == good.loaded
    assert len(list(store.entities([good.loaded.id]))) == 3
    total = store.connection.execute("SELECT count(*) AS n FROM entities").fetchone()["n"]
    assert total == 3
