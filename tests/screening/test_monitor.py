"""Monitoring: subjects screened once, re-screened against what each list version changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.paths import FIXTURES
from yalu.core.errors import InputError, NotFoundError
from yalu.formats import read_list
from yalu.models.screening import Query
from yalu.screening.alerts import read_alerts
from yalu.screening.ingest import ingest
from yalu.screening.monitor import add_subjects, rescreen
from yalu.screening.search import ScreeningIndex
from yalu.screening.store import Store
from yalu.screening.subjects import (
    count_subjects,
    read_matches,
    read_subjects_text,
    remove_subjects,
)

SMALL = FIXTURES / "lists" / "monitor"
THRESHOLD = 0.84

MUST_SHOW = """id,name
C-1,Gran Grif
C-2,Fereidoun Abbasi-Davani
C-3,Abu Mohammed al-Jawlani
C-4,Maria Schneider
C-5,Tomasz Wojcik
"""


def _alerts(store: Store) -> set[tuple[str, str, str]]:
    return {(a.subject_id, a.kind, a.entity_id) for a in read_alerts(store)}


@pytest.mark.shared_data
def test_real_un_update_raises_new_match_delisted_and_nothing_for_innocents(
    shared_data: Path, store: Store
) -> None:
    lists = shared_data / "lists"
    add_subjects(
        store, read_subjects_text(MUST_SHOW, "book.csv"), threshold=THRESHOLD, at="t0", by="t"
    )
    ingest(read_list(lists / "un_consolidated_2024-11-30.xml"), store)
    first = rescreen(store, threshold=THRESHOLD, created="t1")
    assert {(a.subject_id, a.kind, a.entity_id) for a in first.alerts} == {
        ("C-3", "new_match", "QDi.317")
    }
    ingest(read_list(lists / "UN_consolidated.xml"), store)
    second = rescreen(store, threshold=THRESHOLD, created="t2")
    assert {(a.subject_id, a.kind, a.entity_id) for a in second.alerts} == {
        ("C-1", "new_match", "HTe.001"),
        ("C-2", "new_match", "IRi.001"),
        ("C-3", "delisted", "QDi.317"),
    }
    (change,) = second.lists
    assert (change.added, change.removed) == (130, 6)
    assert second.entries == change.added + change.changed  # not the whole list
    assert all(a.list_version == "2026-02-27T00:00:09.554Z" for a in second.alerts)
    # Done once: a second run finds nothing new, and the matches are recorded.
    assert rescreen(store, threshold=THRESHOLD, created="t3").alerts == ()
    assert {(m.subject_id, m.entity_id) for m in read_matches(store)} == {
        ("C-1", "HTe.001"),
        ("C-2", "IRi.001"),
    }


def test_adding_subjects_records_current_matches_without_alerts(store: Store) -> None:
    ingest(read_list(SMALL / "un_small_v1.xml"), store)
    report = add_subjects(
        store,
        read_subjects_text("id,name\nS1,Pak Ji Song\nS2,Anna Nielsen\n", "book.csv"),
        threshold=THRESHOLD,
        at="t0",
        by="tester",
    )
    assert (report.added, report.replaced, report.matching) == (2, 0, 1)
    assert [(m.subject_id, m.entity_id) for m in read_matches(store)] == [("S1", "KPi.911")]
    assert read_alerts(store) == []
    assert rescreen(store, threshold=THRESHOLD, created="t1").alerts == ()


def test_changed_entry_raises_changed_match_with_its_fields(store: Store) -> None:
    ingest(read_list(SMALL / "un_small_v1.xml"), store)
    book = "id,name\nS1,Pak Ji Song\nS2,Haegumgang Trading Corporation\nS3,Ryu Myong Ho\n"
    add_subjects(store, read_subjects_text(book, "b.csv"), threshold=THRESHOLD, at="t0", by="t")
    ingest(read_list(SMALL / "un_small_v2.xml"), store)
    run = rescreen(store, threshold=THRESHOLD, created="t1")
    by_subject = {a.subject_id: a for a in run.alerts}
    assert set(by_subject) == {"S1", "S3"}  # KPe.912 only changed its layout
    assert (by_subject["S1"].kind, by_subject["S1"].fields) == ("changed_match", ("birth_dates",))
    assert (by_subject["S3"].kind, by_subject["S3"].entity_id) == ("delisted", "KPi.913")
    assert run.entries == 2  # KPi.911 changed, KPi.914 added


def test_a_list_loaded_with_no_subjects_is_not_screened_later(store: Store) -> None:
    ingest(read_list(SMALL / "un_small_v1.xml"), store)
    run = rescreen(store, threshold=THRESHOLD, created="t1")
    assert (run.subjects, run.alerts) == (0, ())
    add_subjects(
        store,
        read_subjects_text("id,name\nS1,Pak Ji Song\n", "b.csv"),
        threshold=THRESHOLD,
        at="t",
        by="t",
    )
    assert rescreen(store, threshold=THRESHOLD, created="t2").alerts == ()


def test_subjects_added_before_any_list_get_new_match_on_first_load(store: Store) -> None:
    report = add_subjects(
        store,
        read_subjects_text("id,name\nS1,Kim Su Gwang\n", "b.csv"),
        threshold=THRESHOLD,
        at="t",
        by="t",
    )
    assert not report.screened
    ingest(read_list(SMALL / "un_small_v2.xml"), store)
    (alert,) = rescreen(store, threshold=THRESHOLD, created="t1").alerts
    assert (alert.kind, alert.entity_id, alert.status) == ("new_match", "KPi.914", "open")


def test_replacing_and_removing_subjects(store: Store) -> None:
    ingest(read_list(SMALL / "un_small_v1.xml"), store)
    add_subjects(
        store,
        read_subjects_text("id,name\nS1,Pak Ji Song\n", "b.csv"),
        threshold=THRESHOLD,
        at="t",
        by="t",
    )
    report = add_subjects(
        store,
        read_subjects_text("id,name\nS1,Anna Nielsen\n", "b.csv"),
        threshold=THRESHOLD,
        at="t",
        by="t",
    )
    assert (report.added, report.replaced, report.matching) == (0, 1, 0)
    assert read_matches(store) == []
    with pytest.raises(NotFoundError, match="no monitored subject has the id 'S9'"):
        remove_subjects(store, ["S1", "S9"])
    assert count_subjects(store) == 1  # all or nothing
    assert remove_subjects(store, ["S1"]) == 1
    assert count_subjects(store) == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name\nKim\n", "book.csv:1: the header has no 'id' column"),
        ("id,name\nA,Kim\n,Ri\n", "book.csv:3: the subject has no id"),
        ("id,name\nA,Kim\nB,Ri\nA,Pak\n", "book.csv:4: the id 'A' is also on line 2"),
        ("id,name\nA,\n", "book.csv:2: the name to screen is empty"),
        ("id,name\n" + "x" * 201 + ",Kim\n", "book.csv:2: the id is 201 characters long"),
    ],
)
def test_bad_subject_files_are_refused_with_file_and_line(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        read_subjects_text(text, "book.csv")
    assert str(caught.value).startswith(message)


def test_delta_index_scores_each_entry_exactly_as_the_whole_index_does() -> None:
    entities = [
        *read_list(SMALL / "un_small_v2.xml").entities,
        *read_list(FIXTURES / "lists" / "ofac_sdn").entities,
        *read_list(FIXTURES / "lists" / "un_three.xml").entities,
    ]
    whole = ScreeningIndex.build(entities)
    delta = ScreeningIndex.build(entities[:2], weigh_as=whole)
    alone = ScreeningIndex.build(entities[:2])
    query = Query("Kim Su Chol", id="1")
    expected = {m.entity_id: m.score for m in whole.screen(query, limit=50)}
    found = {m.entity_id: m.score for m in delta.screen(query, limit=50)}
    assert found and all(found[key] == expected[key] for key in found)
    # Indexed alone, rarer words weigh differently: the scores would not be comparable.
    assert {m.entity_id: m.score for m in alone.screen(query, limit=50)} != found


def test_two_runs_at_once_raise_each_alert_once(store: Store, database_url: str) -> None:
    from yalu.screening.store import open_store

    add_subjects(
        store,
        read_subjects_text("id,name\nS1,Kim Su Gwang\nS2,Anna Nielsen\n", "b.csv"),
        threshold=THRESHOLD,
        at="t",
        by="t",
    )
    ingest(read_list(SMALL / "un_small_v2.xml"), store)
    other_runs = []

    def run_another_first(done: int) -> None:
        if done == 1:  # while this run screens, another process brings everything up to date
            with open_store(database_url) as other:
                other_runs.append(rescreen(other, threshold=THRESHOLD, created="other"))

    late = rescreen(store, threshold=THRESHOLD, created="late", on_progress=run_another_first)
    (first,) = other_runs
    assert [a.kind for a in first.alerts] == ["new_match"]
    assert late.alerts == ()
    assert [(a.subject_id, a.created) for a in read_alerts(store)] == [("S1", "other")]
