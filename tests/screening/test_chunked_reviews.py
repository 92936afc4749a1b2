"""A stream of queries screened in small chunks prints what the whole list prints, decisions too."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

from tests.paths import FIXTURES
from yalu.core.parallel import Parallelism
from yalu.formats import read_list
from yalu.interfaces.cli.render_screening import write_json
from yalu.models.screening import Query
from yalu.screening.batch import PARTITION_QUERIES
from yalu.screening.decisions import record_decision
from yalu.screening.ingest import ingest
from yalu.screening.monitor import add_subjects
from yalu.screening.service import LoadedIndex, load_active_index, screen_queries
from yalu.screening.store import Store

SMALL = FIXTURES / "lists" / "monitor"
THRESHOLD = 0.84
ROWS = 2 * PARTITION_QUERIES + 123
"""More than two partitions, so two workers fork; the reviewed subject is in a late chunk."""
REVIEWED_ROW = ROWS - 40
NAMES = ("Pak Ji Song", "Kim Chol", "Ri Song Ho", "Maria Lopez", "Acme Shipping Ltd")


def _queries() -> Iterator[Query]:
    """Yield the book lazily: varied names, the reviewed subject (S1) near the end."""
    for row in range(ROWS):
        if row == REVIEWED_ROW:
            yield Query(name="Pak Ji Song", id="S1")
        else:
            yield Query(name=f"{NAMES[row % len(NAMES)]} {row % 7 or ''}".strip(), id=f"r{row}")


def _jsonl(loaded: LoadedIndex, store: Store, queries: object, **options: object) -> str:
    out = io.StringIO()
    results = screen_queries(
        loaded,
        queries,  # type: ignore[arg-type]
        threshold=THRESHOLD,
        limit=3,
        store=store,
        **options,  # type: ignore[arg-type]
    )
    write_json(results, out, lines=True)
    return out.getvalue()


@pytest.mark.parametrize("workers", [1, 2])
def test_small_chunks_of_a_stream_print_the_bytes_of_the_whole_list(
    store: Store, workers: int
) -> None:
    ingest(read_list(SMALL / "un_small_v1.xml"), store)
    (subject,) = [q for q in _queries() if q.id == "S1"]
    add_subjects(store, [subject], threshold=THRESHOLD, at="t0", by="tester")
    record_decision(
        store,
        subject_id="S1",
        entity_id="KPi.911",
        verdict="false_positive",
        reason="Our Pak Ji Song is a South Korean student born 2001",
        by="cli:analyst",
        at="2026-01-05T10:00:00+00:00",
    )
    loaded = load_active_index(store, use_cache=False)
    plan = Parallelism(workers=workers)
    whole = _jsonl(loaded, store, list(_queries()), parallelism=Parallelism())
    chunked = _jsonl(loaded, store, _queries(), parallelism=plan, chunk_size=7)
    assert chunked == whole
    lines = chunked.splitlines()
    assert [line.split('"', 4)[3] for line in lines] == [q.id for q in _queries()]
    assert '"false_positive"' in lines[REVIEWED_ROW]  # the late chunk's decision applied
    assert '"false_positive"' not in "".join(lines[:REVIEWED_ROW])
