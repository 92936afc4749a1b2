from yalu.models.screening import Match, Query
from yalu.screening.audit import add_screenings, read_screenings
from yalu.screening.codec import encode_match, encode_query
from yalu.screening.store import Store


def test_audit_rows_keep_query_versions_and_explained_results(store: Store) -> None:
    match = Match(
        entity_id="8801",
        list="ofac_sdn",
        schema="Vessel",
        name="CHON MA SAN",
        query_name="CHON MA SAN",
        score=0.97,
        is_match=True,
        caption="CHON MA SAN",
        list_version="2021",
    )
    query = Query(name="Chon Ma San", imo_number="8660313", extra=(("ref", "A1"),))
    add_screenings(
        store,
        [
            {
                "query": encode_query(query),
                "list_versions": [{"id": 1, "source": "ofac_sdn", "version": "2021"}],
                "threshold": 0.85,
                "limit": 5,
                "results": [encode_match(match)],
            }
        ],
    )
    (record,) = read_screenings(store)
    assert record.query == {"name": "Chon Ma San", "imo_number": "8660313", "extra": {"ref": "A1"}}
    assert record.list_versions[0]["version"] == "2021"
    assert (record.threshold, record.limit) == (0.85, 5)  # a double on PostgreSQL too
    assert record.results[0]["score"] == 0.97
    assert record.results[0]["explanation"] == "'CHON MA SAN' ~ 'CHON MA SAN'"
