import pytest

from yalu.core.errors import ListFormatError, StoreError
from yalu.models.screening import Entity, ListSnapshot
from yalu.screening.guards import LoadGuards
from yalu.screening.ingest import ingest, ingest_many
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


def other_list(count: int, version: str = "sha256 0000aaaa1111") -> ListSnapshot:
    return ListSnapshot(
        source="ofac_sdn",
        version=version,
        entities=tuple(
            Entity(id=str(9000 + i), schema="Organization", names=(f"Co {i}",), source="ofac_sdn")
            for i in range(count)
        ),
        path="/lists/sdn",
        format="ofac_sdn",
    )


def test_several_lists_load_in_one_transaction_with_one_progress_count(store: Store) -> None:
    seen: list[int] = []
    reports = ingest_many([snapshot(1500), other_list(700)], store, on_progress=seen.append)
    assert [r.loaded.source for r in reports] == ["un_sc", "ofac_sdn"]
    assert seen == [1000, 1500, 2200]
    assert sorted(v.source for v in store.active_versions()) == ["ofac_sdn", "un_sc"]


def test_a_failure_in_the_second_list_leaves_both_lists_as_they_were(store: Store) -> None:
    first = ingest_many([snapshot(3, "2026-01-01"), other_list(3)], store)

    def fail_in_second(done: int) -> None:
        if done > 1500:
            raise StoreError("simulated disk full")

    with pytest.raises(StoreError):
        ingest_many(
            [snapshot(1500, "2026-02-27"), other_list(900, "sha256 bbbb")],
            store,
            on_progress=fail_in_second,
        )
    assert store.active_versions() == sorted((r.loaded for r in first), key=lambda v: v.source)
    assert len(store.versions()) == 2


def test_a_guard_refusal_in_one_list_loads_none(store: Store) -> None:
    ingest_many([snapshot(10, "2026-01-01"), other_list(100)], store)
    before = store.active_versions()
    with pytest.raises(ListFormatError, match=r"ofac_sdn would drop from 100 to 50 entities"):
        ingest_many([snapshot(12, "2026-02-27"), other_list(50, "sha256 cccc")], store)
    assert store.active_versions() == before
    assert len(store.versions()) == 2


def test_a_shrunk_list_loads_with_allow_shrink_and_the_limit_is_a_parameter(store: Store) -> None:
    ingest(snapshot(100, "2026-01-01"), store)
    with pytest.raises(ListFormatError, match="more than the 5% allowed"):
        ingest(snapshot(94, "2026-02-01"), store, guards=LoadGuards(max_shrink=0.05))
    report = ingest(snapshot(50, "2026-02-27"), store, guards=LoadGuards(allow_shrink=True))
    assert report.loaded.is_active and report.loaded.entity_count == 50


def test_a_list_cut_short_is_refused_against_the_stored_version(store: Store) -> None:
    ingest(snapshot(100, "2026-01-01"), store)
    with pytest.raises(ListFormatError, match="holds only the first 95 of the 100 entities"):
        ingest(snapshot(95, "2026-02-01"), store)
    assert store.active_version("un_sc").version == "2026-01-01"  # type: ignore[union-attr]


def test_two_versions_of_one_list_load_in_order_the_second_checked_against_the_first(
    store: Store,
) -> None:
    reports = ingest_many([snapshot(3, "2026-01-01"), snapshot(4, "2026-02-01")], store)
    replaced = reports[1].replaced
    assert replaced is not None and replaced.id == reports[0].loaded.id
    assert active_version_text(store) == "2026-02-01"
    with pytest.raises(ListFormatError, match=r"holds only the first 10 of the 11 entities"):
        ingest_many([snapshot(11, "2026-03-01"), snapshot(10, "2026-04-01")], store)
    assert active_version_text(store) == "2026-02-01"
    assert len(store.versions()) == 2


def active_version_text(store: Store) -> str:
    active = store.active_version("un_sc")
    assert active is not None
    return active.version
