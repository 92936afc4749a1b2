"""The screening audit trail: one stored row per screened query, never a log line.

Each row keeps who screened, when, the query as given, the list versions searched, the
threshold and limit, every candidate with its score, verdict and features, and the digest of
the matching code, so a decision can be reviewed and replayed later (`replay.py`). Rows are
written through `Store.append_chained`, so each joins the tamper-evident chain
(`verify.verify_trail` checks it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from yalu.core.errors import InputError, NotFoundError
from yalu.models.audit import CandidateRow, ListUsed, ScreeningRecord
from yalu.models.screening import Match, Query
from yalu.screening.chain import Value
from yalu.screening.codec import (
    decode_candidates,
    decode_list_used,
    decode_query,
    encode_candidates,
    encode_list_used,
    encode_query,
)
from yalu.screening.database import Row
from yalu.screening.store import Store

__all__ = [
    "ListUsed",
    "ScreeningRecord",
    "add_screenings",
    "get_screening",
    "new_screening",
    "read_screenings",
]


def new_screening(
    query: Query,
    matches: Sequence[Match],
    lists: Sequence[ListUsed],
    *,
    threshold: float,
    limit: int,
    actor: str,
    code_digest: str,
    screened_at: str = "",
    rows: Sequence[CandidateRow] = (),
) -> ScreeningRecord:
    """Return the record of one screened query, not yet written (id 0).

    Args:
        query: what was screened.
        matches: its candidates, best first.
        lists: the list versions searched.
        threshold: score at or above which a candidate was a match.
        limit: the most candidates kept.
        actor: who screened (an API key's name, or `cli:<os user>`).
        code_digest: the matching code's digest (`service.matching_code_digest`).
        screened_at: ISO time, UTC; "" stamps it when written.
        rows: where each match was shown (`codec.candidate_rows`), one per match; empty
            when the candidates were not grouped into rows.
    """
    return ScreeningRecord(
        id=0,
        screened_at=screened_at,
        actor=actor,
        query=query,
        list_versions=tuple(lists),
        threshold=threshold,
        limit=limit,
        results=tuple(matches),
        code_digest=code_digest,
        rows=tuple(rows),
    )


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _values(record: ScreeningRecord, now: str) -> dict[str, Value]:
    return {
        "screened_at": record.screened_at or now,
        "actor": record.actor,
        "query": _dumps(encode_query(record.query)),
        "list_versions": _dumps([encode_list_used(item) for item in record.list_versions]),
        "threshold": float(record.threshold),
        "match_limit": int(record.limit),
        "results": _dumps(encode_candidates(record)),
        "code_digest": record.code_digest,
    }


def add_screenings(store: Store, records: Iterable[ScreeningRecord]) -> list[int]:
    """Append audit rows, each with its chain link, in one transaction.

    Args:
        store: the open screening store.
        records: screenings made with `new_screening` (their `id` is ignored).

    Returns:
        the ids of the new rows, in order.

    Raises:
        StoreError: the database failed; no row was written.
    """
    now = datetime.now(UTC).isoformat(timespec="seconds")
    pending = [_values(record, now) for record in records]
    with store.transaction():
        return [store.append_chained("screenings", values) for values in pending]


READ_BATCH = 500
"""Audit rows read at a time while filtering (`read_screenings`)."""


def read_screenings(
    store: Store,
    limit: int = 100,
    *,
    name: str | None = None,
    matches_only: bool = False,
    before_id: int | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[ScreeningRecord]:
    """Return the latest audit rows, newest first, optionally filtered and paged.

    Filters run in Python on rows read newest first, `READ_BATCH` at a time, stopping once
    `limit` rows are kept: memory stays bounded on a long trail (a PostgreSQL cursor would
    otherwise fetch every row), and case folding works for every script and the same on
    SQLite and PostgreSQL (SQLite's `lower` only folds ASCII).

    Args:
        store: the open screening store.
        limit: most rows returned, at least 1.
        name: keep rows whose query name contains this text, ignoring case (and the
            surrounding spaces of `name`); None or blank keeps every row.
        matches_only: keep rows where at least one candidate reached the threshold.
        before_id: read only rows numbered below this (the next page of a trail read
            newest first: pass the last id of the previous page).
        actor: keep rows screened by exactly this key name (or `cli:<user>`).
        since: keep rows screened on or after this ISO day (`2026-12-01`).
        until: keep rows screened on or before this ISO day.

    Raises:
        InputError: `limit` is below 1.
    """
    if limit < 1:
        raise InputError(f"limit {limit} is below 1", hint="Ask for at least one screening")
    needle = (name or "").strip().casefold()
    who = (actor or "").strip()
    first, last = (since or "").strip(), (until or "").strip()
    found: list[ScreeningRecord] = []
    below: int | None = before_id  # the smallest id read so far
    while len(found) < limit:
        rows = store.read_latest("screenings", below_id=below, limit=READ_BATCH)
        if not rows:
            break
        below = rows[-1]["id"]
        for row in rows:
            if needle and needle not in _query_name(row).casefold():
                continue
            record = record_from_row(row)
            if matches_only and not record.has_match:
                continue
            if who and record.actor != who:
                continue
            day = record.screened_at[:10]
            if first and day < first:  # rows are read newest first: all the rest are older
                return found
            if last and day > last:
                continue
            found.append(record)
            if len(found) == limit:
                break
    return found


_MAX_ID = 2**63


def get_screening(store: Store, record_id: int) -> ScreeningRecord:
    """Return the audit row numbered `record_id`.

    Raises:
        NotFoundError: no audit row has this id.
    """
    row = None
    if 0 < record_id < _MAX_ID:  # a larger number is no id, not a database error
        row = store.read_row("screenings", record_id)
    if row is None:
        raise NotFoundError(
            f"no screening {record_id} in the audit trail",
            hint="`yalu audit list` shows the ids",
        )
    return record_from_row(row)


def _query_name(row: Row) -> str:
    return str(json.loads(row["query"]).get("name", ""))


def record_from_row(row: Row) -> ScreeningRecord:
    """Return the typed record of a `screenings` row."""
    results, rows = decode_candidates(json.loads(row["results"]))
    return ScreeningRecord(
        id=int(row["id"]),
        screened_at=row["screened_at"],
        actor=row["actor"],
        query=decode_query(json.loads(row["query"])),
        list_versions=tuple(decode_list_used(item) for item in json.loads(row["list_versions"])),
        threshold=float(row["threshold"]),
        limit=int(row["match_limit"]),
        results=results,
        code_digest=row["code_digest"],
        rows=rows,
    )
