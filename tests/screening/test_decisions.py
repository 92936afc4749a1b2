"""Reviewed decisions: shown on the candidate, clearing a false positive until the entry changes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.paths import FIXTURES
from yalu.core.errors import InputError, NotFoundError
from yalu.formats import read_list
from yalu.models.screening import Query
from yalu.screening.alerts import read_alerts
from yalu.screening.decisions import read_decisions, record_decision
from yalu.screening.ingest import ingest
from yalu.screening.monitor import add_subjects, rescreen
from yalu.screening.service import ScreeningResult, load_active_index, screen_queries
from yalu.screening.store import Store
from yalu.screening.subjects import read_matches, read_subjects_text

SMALL = FIXTURES / "lists" / "monitor"
THRESHOLD = 0.84


def _screen(store: Store, query: Query) -> ScreeningResult:
    loaded = load_active_index(store, use_cache=False)
    (result,) = screen_queries(loaded, [query], threshold=THRESHOLD, limit=5, store=store)
    return result


def _candidate(result: ScreeningResult, entity_id: str) -> object:
    return next(m for m in result.matches if m.entity_id == entity_id)


def test_false_positive_is_shown_cleared_and_reopens_when_the_entry_changes(
    store: Store,
) -> None:
    ingest(read_list(SMALL / "un_small_v1.xml"), store)
    book = read_subjects_text("id,name,nationality\nS1,Pak Ji Song,KR\n", "book.csv")
    add_subjects(store, book, threshold=THRESHOLD, at="t0", by="tester")
    (subject,) = book
    before = _candidate(_screen(store, subject), "KPi.911")
    assert before.is_match and before.decision is None  # type: ignore[attr-defined]

    record = record_decision(
        store,
        subject_id="S1",
        entity_id="KPi.911",
        verdict="false_positive",
        reason="Our Pak Ji Song is a South Korean student born 2001",
        by="cli:analyst",
        at="2026-01-05T10:00:00+00:00",
    )
    assert (record.list, record.subject_name, record.entity_name) == (
        "un_sc",
        "Pak Ji Song",
        "PAK JI SONG",
    )
    assert read_matches(store) == []  # a cleared false positive is no recorded match
    cleared = _screen(store, subject)
    found = _candidate(cleared, "KPi.911")
    assert not found.is_match  # type: ignore[attr-defined]
    assert found.decision.verdict == "false_positive"  # type: ignore[attr-defined]
    assert found.decision.by == "cli:analyst"  # type: ignore[attr-defined]
    assert found.score == before.score  # type: ignore[attr-defined]
    assert not cleared.has_match

    # The entry changes (a second birth date): the candidate is open again, with an alert.
    ingest(read_list(SMALL / "un_small_v2.xml"), store)
    (alert,) = rescreen(store, threshold=THRESHOLD, created="t2").alerts
    assert (alert.subject_id, alert.kind, alert.entity_id) == ("S1", "changed_match", "KPi.911")
    reopened = _candidate(_screen(store, subject), "KPi.911")
    assert reopened.is_match and reopened.decision is None  # type: ignore[attr-defined]


def test_cleared_false_positive_raises_no_alert_when_its_entry_is_removed(store: Store) -> None:
    ingest(read_list(SMALL / "un_small_v1.xml"), store)
    book = read_subjects_text("id,name\nS3,Ryu Myong Ho\n", "book.csv")
    add_subjects(store, book, threshold=THRESHOLD, at="t0", by="t")
    record_decision(
        store,
        subject_id="S3",
        entity_id="KPi.913",
        verdict="false_positive",
        reason="different person",
        by="t",
        at="t1",
    )
    ingest(read_list(SMALL / "un_small_v2.xml"), store)
    assert rescreen(store, threshold=THRESHOLD, created="t2").alerts == ()


def test_a_decision_acknowledges_the_open_alerts_on_its_entry(store: Store) -> None:
    add_subjects(
        store,
        read_subjects_text("id,name\nS1,Kim Su Gwang\n", "b.csv"),
        threshold=THRESHOLD,
        at="t0",
        by="t",
    )
    ingest(read_list(SMALL / "un_small_v2.xml"), store)
    rescreen(store, threshold=THRESHOLD, created="t1")
    assert [a.status for a in read_alerts(store, open_only=True)] == ["open"]
    record = record_decision(
        store,
        subject_id="S1",
        entity_id="KPi.914",
        verdict="true_match",
        reason="same passport",
        by="t",
        at="t2",
    )
    assert record.acknowledged == 1
    assert read_alerts(store, open_only=True) == []
    (alert,) = read_alerts(store)
    assert (alert.status, alert.decision_id) == ("acknowledged", record.id)


def test_batch_row_decision_applies_to_the_same_id_and_name_only(store: Store) -> None:
    ingest(read_list(SMALL / "un_small_v1.xml"), store)
    row = Query("Haegumgang Trading", id="row-7")
    assert _candidate(_screen(store, row), "KPe.912").is_match  # type: ignore[attr-defined]
    record_decision(
        store,
        subject_id="row-7",
        entity_id="KPe.912",
        verdict="false_positive",
        reason="A Busan seafood wholesaler",
        by="api:anonymous",
        at="t1",
    )
    again = _candidate(_screen(store, replace(row, name="HAEGUMGANG  trading")), "KPe.912")
    assert not again.is_match and again.decision is not None  # type: ignore[attr-defined]
    other_id = _candidate(_screen(store, replace(row, id="row-8")), "KPe.912")
    other_name = _candidate(_screen(store, replace(row, name="Haegumgang Trading Corp")), "KPe.912")
    assert other_id.is_match and other_id.decision is None  # type: ignore[attr-defined]
    assert other_name.decision is None  # type: ignore[attr-defined]


def test_true_match_is_a_match_with_its_decision(store: Store) -> None:
    ingest(read_list(SMALL / "un_small_v1.xml"), store)
    subject = Query("Pak Ji Song", id="S1")
    _screen(store, subject)
    record_decision(
        store,
        subject_id="S1",
        entity_id="KPi.911",
        verdict="true_match",
        reason="same date of birth",
        by="t",
        at="t1",
    )
    found = _candidate(_screen(store, subject), "KPi.911")
    assert found.is_match and found.decision.verdict == "true_match"  # type: ignore[attr-defined]
    assert "reviewed true_match by t: same date of birth" in found.explanation  # type: ignore[attr-defined]


def test_an_id_on_two_lists_needs_the_list(store: Store) -> None:
    snapshot = read_list(SMALL / "un_small_v1.xml")
    ingest(snapshot, store)
    copy = tuple(replace(entity, source="un_copy") for entity in snapshot.entities)
    ingest(replace(snapshot, source="un_copy", entities=copy), store)
    add_subjects(
        store,
        read_subjects_text("id,name\nS1,Pak Ji Song\n", "b.csv"),
        threshold=THRESHOLD,
        at="t",
        by="t",
    )
    decide = {"subject_id": "S1", "entity_id": "KPi.911", "reason": "r", "by": "t", "at": "t"}
    with pytest.raises(InputError, match=r"on several lists \(un_copy, un_sc\)\. Say which"):
        record_decision(store, verdict="false_positive", **decide)
    with pytest.raises(NotFoundError, match=r"has no candidate KPi\.911 on the list ofac_sdn"):
        record_decision(store, verdict="false_positive", list_name="ofac_sdn", **decide)
    record = record_decision(store, verdict="false_positive", list_name="un_copy", **decide)
    assert record.list == "un_copy"
    assert [d.id for d in read_decisions(store, subject_id="S1")] == [record.id]


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"verdict": "maybe"}, InputError, "unknown verdict 'maybe'"),
        ({"reason": "   "}, InputError, "the reason is empty"),
        ({"reason": "x" * 2001}, InputError, "the reason is 2,001 characters long"),
        ({"subject_id": "nobody"}, NotFoundError, "no monitored subject or screened row"),
    ],
)
def test_bad_decisions_are_refused_and_nothing_is_written(
    store: Store, changes: dict[str, str], error: type[Exception], message: str
) -> None:
    ingest(read_list(SMALL / "un_small_v1.xml"), store)
    _screen(store, Query("Pak Ji Song", id="S1"))
    decide = {
        "subject_id": "S1",
        "entity_id": "KPi.911",
        "verdict": "false_positive",
        "reason": "r",
        "by": "t",
        "at": "t",
    }
    with pytest.raises(error, match=message):
        record_decision(store, **{**decide, **changes})
    assert read_decisions(store) == []


def test_a_delisted_entry_can_be_reviewed_from_its_alert(store: Store) -> None:
    ingest(read_list(SMALL / "un_small_v1.xml"), store)
    book = read_subjects_text("id,name\nS2,Ryu Myong Ho\n", "book.csv")
    add_subjects(store, book, threshold=THRESHOLD, at="t0", by="t")
    ingest(read_list(SMALL / "un_small_v2.xml"), store)
    (alert,) = rescreen(store, threshold=THRESHOLD, created="t1").alerts
    assert (alert.kind, alert.entity_id) == ("delisted", "KPi.913")
    record = record_decision(
        store,
        subject_id="S2",
        entity_id="KPi.913",
        verdict="true_match",
        reason="Same person; delisted, exit review",
        by="t",
        at="t2",
    )
    assert (record.list, record.entity_name, record.entity_digest) == (
        "un_sc",
        "RYU MYONG HO",
        "",
    )
    assert record.acknowledged == 1
