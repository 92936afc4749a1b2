"""The screening audit trail: one stored row per screened query, never a log line.

Each row keeps the query as given, the list versions searched, the threshold and limit, and
every candidate with its score, verdict and features, so a decision can be reviewed later.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from yalu.screening.store import Store


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


def read_screenings(store: Store, limit: int = 100) -> list[ScreeningRecord]:
    """Return the latest audit rows, newest first."""
    rows = store.connection.execute(
        "SELECT * FROM screenings ORDER BY id DESC LIMIT ?", (limit,)
    ).fetchall()
    return [
        ScreeningRecord(
            id=row["id"],
            screened_at=row["screened_at"],
            query=json.loads(row["query"]),
            list_versions=json.loads(row["list_versions"]),
            threshold=row["threshold"],
            limit=row["match_limit"],
            results=json.loads(row["results"]),
        )
        for row in rows
    ]
