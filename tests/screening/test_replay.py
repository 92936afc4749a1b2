"""Replaying recorded screenings against the list versions they used, and against today's."""

from pathlib import Path

import pytest

from tests.paths import FIXTURES
from yalu.core.errors import NotFoundError
from yalu.formats import read_list
from yalu.models.screening import Query
from yalu.screening.audit import add_screenings, get_screening
from yalu.screening.guards import LoadGuards
from yalu.screening.ingest import ingest
from yalu.screening.replay import replay_object, replay_screening
from yalu.screening.service import load_active_index, screen_queries
from yalu.screening.store import Store

UN = FIXTURES / "screening" / "un_three.xml"
SDN = FIXTURES / "screening" / "ofac_sdn_small"


def newer_un(folder: Path) -> Path:
    """Write a later UN version from which KPi.001 (Yun Ho-jin) was removed."""
    text = UN.read_text(encoding="utf-8")
    text = text.replace("2026-02-27T00:00:09.554Z", "2026-03-06T00:00:00.000Z")
    start, end = (
        text.index("    <INDIVIDUAL>"),
        text.index("</INDIVIDUAL>") + len("</INDIVIDUAL>\n"),
    )
    text = text[:start] + text[end:]
    path = folder / "un_newer.xml"
    path.write_text(text, encoding="utf-8")
    return path


def screen(store: Store, name: str) -> int:
    list(
        screen_queries(
            load_active_index(store),
            [Query(name=name, id="1")],
            threshold=0.84,
            limit=3,
            store=store,
            actor="alice",
        )
    )
    return store.chain_head().record_id  # type: ignore[union-attr]


@pytest.fixture
def screened(store: Store, tmp_path: Path) -> tuple[Store, int]:
    """Screen Yun Ho Jin against UN v1 and OFAC, then load a newer UN version."""
    ingest(read_list(UN), store)
    ingest(read_list(SDN), store)
    record_id = screen(store, "Yun Ho Jin")
    ingest(read_list(newer_un(tmp_path)), store, guards=LoadGuards(allow_shrink=True))
    return store, record_id


def test_replay_against_the_recorded_versions_is_identical(screened: tuple[Store, int]) -> None:
    store, record_id = screened
    replay = replay_screening(store, record_id)
    assert replay.is_identical, replay.changes
    assert replay.changes == () and replay.reasons == ()
    assert [item.id for item in replay.lists] == [2, 1]  # ofac_sdn, un_sc v1: not the new one
    assert replay.results[0].entity_id == "KPi.001" and replay.results[0].score == 1.0
    assert replay_object(replay)["identical"] is True


def test_replay_against_current_lists_shows_what_changed_and_why(
    screened: tuple[Store, int],
) -> None:
    store, record_id = screened
    replay = replay_screening(store, record_id, against="current")
    assert not replay.is_identical
    removed = {change.before.entity_id: change for change in replay.changes if change.before}
    assert removed["KPi.001"].kind == "removed"
    assert removed["KPi.001"].description == (
        "un_sc KPi.001 'YUN HO-JIN': no longer a candidate (was score 1.0000, MATCH)"
    )
    assert replay.reasons == (
        "un_sc changed: version 1 (2026-02-27T00:00:09.554Z) → version 3 "
        "(2026-03-06T00:00:00.000Z)",
    )


def test_a_different_matching_code_digest_is_given_as_the_reason(
    screened: tuple[Store, int],
) -> None:
    store, record_id = screened
    store.connection.execute(
        "UPDATE screenings SET code_digest = ? WHERE id = ?", ("0" * 64, record_id)
    )
    replay = replay_screening(store, record_id)
    assert replay.is_identical  # same result: the change did not matter here
    assert replay.reasons[0].startswith("the matching code changed since (digest 000000000000")


def test_an_altered_stored_result_is_not_reproduced(screened: tuple[Store, int]) -> None:
    store, record_id = screened
    record = get_screening(store, record_id)
    row = store.read_row("screenings", record_id)
    assert row is not None
    forged = str(row["results"]).replace('"score": 1.0', '"score": 0.5', 1)
    store.connection.execute("UPDATE screenings SET results = ? WHERE id = ?", (forged, record_id))
    replay = replay_screening(store, record_id)
    assert not replay.is_identical
    assert replay.changes[0].description == "un_sc KPi.001 'YUN HO-JIN': score 0.5000 → 1.0000"
    assert "stored row or the stored entities were altered" in replay.reasons[0]
    assert record.results[0].score == 1.0


def test_a_screening_whose_list_version_is_gone_cannot_be_replayed_as_recorded(
    store: Store,
) -> None:
    ingest(read_list(UN), store)
    record_id = screen(store, "Yun Ho Jin")
    store.connection.execute("DELETE FROM list_versions WHERE id = 1")
    with pytest.raises(NotFoundError, match=r"list version 1 .* is no longer in the store"):
        replay_screening(store, record_id)


def test_goods_party_screenings_replay_too(store: Store) -> None:
    from yalu.screening.service import party_screener

    ingest(read_list(SDN), store)
    written: list[int] = []
    screen_party = party_screener(
        load_active_index(store),
        threshold=0.84,
        limit=5,
        audit=lambda record: written.extend(add_screenings(store, [record])),
        actor="bob",
    )
    screen_party(Query(name="Chon Ma San", schema="Vessel"))
    assert replay_screening(store, written[0]).is_identical
