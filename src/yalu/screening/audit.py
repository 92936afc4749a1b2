"""The screening audit trail: one stored row per screened query, never a log line.

Each row keeps the query as given, the list versions searched, the threshold and limit, and
every candidate with its score, verdict and features, so a decision can be reviewed later.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from yalu.core.errors import InputError, NotFoundError
from yalu.screening.database import Row
from yalu.screening.store import Store, short_version


@dataclass(frozen=True, slots=True)
class ScreeningRecord:
    """One audit row: a screened query, the list versions used and the scored results."""

    id: int
    screened_at: str
    query: dict[str, Any]
    list_versions: list[dict[str, Any]]
    threshold: float
    limit: int
    results: list[dict[str, Any]]
    """Candidates best first, each as `codec.encode_match` wrote it (`"match"` is the verdict)."""

    @property
    def has_match(self) -> bool:
        """Return True when any candidate scored at or above the threshold."""
        return any(result.get("match") is True for result in self.results)

    @property
    def verdict(self) -> str:
        """Return `MATCH (n of m candidates at or above the threshold)` or `clear (...)`."""
        found = sum(1 for result in self.results if result.get("match") is True)
        if not found:
            return "clear (no candidate at or above the threshold)"
        shown = len(self.results)
        plural = "s" if shown != 1 else ""
        return f"MATCH ({found} of {shown} candidate{plural} at or above the threshold)"

    @property
    def top_candidate(self) -> str:
        """Return the best candidate as `CAPTION (list)`, or "" when there was none."""
        if not self.results:
            return ""
        top = self.results[0]
        return f"{top.get('caption') or top.get('name', '')} ({top.get('list', '')})"

    @property
    def screened_at_text(self) -> str:
        """Return the UTC time as read: `2026-11-23 01:49:47` for `2026-11-23T01:49:47+00:00`."""
        return self.screened_at.replace("T", " ").removesuffix("+00:00")

    @property
    def lists_short(self) -> list[str]:
        """Return each list searched as `source@date` (`un_sc@2026-02-27`)."""
        return [
            f"{item.get('source', '')}@{short_version(str(item.get('version', '')))}"
            for item in self.list_versions
        ]


def add_screenings(store: Store, rows: Iterable[dict[str, Any]]) -> int:
    """Append audit rows in one transaction.

    Args:
        store: the open screening store.
        rows: dicts with keys query, list_versions, threshold, limit, results (and
            optionally screened_at, an ISO time; now by default).

    Returns:
        how many rows were written.

    Raises:
        StoreError: the database failed; no row was written.
    """
    now = datetime.now(UTC).isoformat(timespec="seconds")
    values = [
        (
            row.get("screened_at") or now,
            json.dumps(row["query"], ensure_ascii=False),
            json.dumps(row["list_versions"], ensure_ascii=False),
            float(row["threshold"]),
            int(row["limit"]),
            json.dumps(row["results"], ensure_ascii=False),
        )
        for row in rows
    ]
    with store.transaction():
        store.connection.executemany(
            "INSERT INTO screenings"
            " (screened_at, query, list_versions, threshold, match_limit, results)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            values,
        )
    return len(values)


READ_BATCH = 500
"""Audit rows read at a time while filtering (`read_screenings`)."""


def read_screenings(
    store: Store,
    limit: int = 100,
    *,
    name: str | None = None,
    matches_only: bool = False,
) -> list[ScreeningRecord]:
    """Return the latest audit rows, newest first, optionally filtered.

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

    Raises:
        InputError: `limit` is below 1.
    """
    if limit < 1:
        raise InputError(f"limit {limit} is below 1", hint="Ask for at least one screening")
    needle = (name or "").strip().casefold()
    found: list[ScreeningRecord] = []
    below: int | None = None  # the smallest id read so far
    while len(found) < limit:
        where, bounds = ("", ()) if below is None else ("WHERE id < ? ", (below,))
        sql = f"SELECT * FROM screenings {where}ORDER BY id DESC LIMIT ?"
        with closing(store.connection.execute(sql, (*bounds, READ_BATCH))) as cursor:
            rows = cursor.fetchall()
        if not rows:
            break
        below = rows[-1]["id"]
        for row in rows:
            if needle and needle not in _query_name(row).casefold():
                continue
            record = _record(row)
            if matches_only and not record.has_match:
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
        query = "SELECT * FROM screenings WHERE id = ?"
        row = store.connection.execute(query, (record_id,)).fetchone()
    if row is None:
        raise NotFoundError(
            f"no screening {record_id} in the audit trail",
            hint="`yalu audit list` shows the ids",
        )
    return _record(row)


def _query_name(row: Row) -> str:
    return str(json.loads(row["query"]).get("name", ""))


def _record(row: Row) -> ScreeningRecord:
    return ScreeningRecord(
        id=row["id"],
        screened_at=row["screened_at"],
        query=json.loads(row["query"]),
        list_versions=json.loads(row["list_versions"]),
        threshold=row["threshold"],
        limit=row["match_limit"],
        results=json.loads(row["results"]),
    )
