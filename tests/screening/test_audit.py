"""Writing the audit trail: typed records in, the same records out, on both backends."""

from yalu.models.audit import ListUsed
from yalu.models.screening import Feature, Match, Query
from yalu.screening.audit import add_screenings, new_screening, read_screenings
from yalu.screening.store import Store

VESSEL_MATCH = Match(
    entity_id="8801",
    list="ofac_sdn",
    schema="Vessel",
    name="CHON MA SAN",
    query_name="CHON MA SAN",
    score=0.97,
    is_match=True,
    features=(Feature("identifier", 0.0, "IMO 8660313 on the list"),),
    caption="CHON MA SAN",
    list_version="2021",
)


def test_audit_rows_keep_who_query_versions_and_explained_results(store: Store) -> None:
    query = Query(name="Chon Ma San", imo_number="8660313", extra=(("ref", "A1"),))
    record = new_screening(
        query,
        [VESSEL_MATCH],
        [ListUsed(1, "ofac_sdn", "2021")],
        threshold=0.85,
        limit=5,
        actor="alice",
        code_digest="ab" * 32,
    )
    assert add_screenings(store, [record]) == [1]
    (read,) = read_screenings(store)
    assert read.query == query
    assert read.list_versions == (ListUsed(1, "ofac_sdn", "2021"),)
    assert (read.threshold, read.limit) == (0.85, 5)  # a double on PostgreSQL too
    assert read.results == (VESSEL_MATCH,)
    assert read.results[0].explanation == (
        "'CHON MA SAN' ~ 'CHON MA SAN'; identifier +0.00 (IMO 8660313 on the list)"
    )
    assert (read.actor, read.code_digest) == ("alice", "ab" * 32)
    assert read.screened_at.endswith("+00:00")


def test_each_audit_row_gets_a_chain_link_in_write_order(store: Store) -> None:
    records = [
        new_screening(Query(name=name), [], [], threshold=0.8, limit=1, actor="a", code_digest="")
        for name in ("One", "Two")
    ]
    first, second = add_screenings(store, records)
    link_one = store.chain_link_of("screenings", first)
    link_two = store.chain_link_of("screenings", second)
    assert link_one is not None and link_two is not None
    assert link_two.previous_sha256 == link_one.link_sha256
    assert store.chain_head() == link_two
