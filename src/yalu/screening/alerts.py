"""Alerts: what a list update changed for a monitored subject, kept until a decision.

Three kinds: `new_match` (a match the subject did not have), `changed_match` (a match whose
list entry changed) and `delisted` (a match whose entry was removed). An alert is `open`
until a reviewed decision on its subject and entry acknowledges it. When a webhook was set
at the time, its `delivery` is `pending` until `webhook.deliver_alerts` has posted it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from typing import Any, Literal, cast, get_args

from yalu.core.errors import InputError
from yalu.screening.database import Row
from yalu.screening.store import Store

AlertKind = Literal["new_match", "changed_match", "delisted"]
ALERT_KINDS: tuple[str, ...] = get_args(AlertKind)
AlertStatus = Literal["open", "acknowledged"]
Delivery = Literal["none", "pending", "delivered"]
"""Webhook delivery: none configured when raised, waiting (and retried), or done."""

MAX_LIMIT = 100_000
"""Most alerts one read returns."""


@dataclass(frozen=True, slots=True)
class NewAlert:
    """An alert to raise: the subject, the list entry, and what happened to it."""

    subject_id: str
    subject_name: str
    kind: AlertKind
    list: str
    entity_id: str
    entity_name: str
    score: float
    list_version: str
    version_id: int
    fields: tuple[str, ...] = ()
    """For `changed_match`: the entry's fields that changed (`diff.EntityChange.fields`)."""


@dataclass(frozen=True, slots=True)
class Alert:
    """A stored alert.

    Attributes:
        alert_id: its number, in the order raised.
        score: the subject's score against the entry (for `delisted`, the last one).
        list_version: the version that raised it, as `yalu lists status` shows it.
        created: when it was raised (ISO time, UTC).
        status: `open`, or `acknowledged` by the decision `decision_id`.
    """

    alert_id: int
    subject_id: str
    subject_name: str
    kind: AlertKind
    list: str
    entity_id: str
    entity_name: str
    score: float
    list_version: str
    created: str
    status: AlertStatus
    fields: tuple[str, ...] = ()
    decision_id: int | None = None
    delivery: Delivery = "none"

    def to_json(self) -> dict[str, Any]:
        """Return the alert as `yalu monitor alerts --format json`, the API and webhook give it."""
        return {
            "alert_id": self.alert_id,
            "subject_id": self.subject_id,
            "subject_name": self.subject_name,
            "kind": self.kind,
            "list": self.list,
            "entity_id": self.entity_id,
            "entity_name": self.entity_name,
            "score": round(self.score, 4),
            "list_version": self.list_version,
            "created": self.created,
            "status": self.status,
            "fields": list(self.fields),
            "decision_id": self.decision_id,
        }


def _alert(row: Row) -> Alert:
    return Alert(
        alert_id=int(row["id"]),
        subject_id=row["subject_id"],
        subject_name=row["subject_name"],
        kind=cast(AlertKind, row["kind"]),
        list=row["list"],
        entity_id=row["entity_id"],
        entity_name=row["entity_name"],
        score=float(row["score"]),
        list_version=row["list_version"],
        created=row["created"],
        status=cast(AlertStatus, row["status"]),
        fields=tuple(json.loads(row["fields"])),
        decision_id=row["decision_id"],
        delivery=cast(Delivery, row["delivery"]),
    )


def add_alerts(
    store: Store, alerts: Sequence[NewAlert], *, created: str, notify: bool
) -> list[Alert]:
    """Store new open alerts, in order; call inside a transaction.

    Args:
        store: the open screening store.
        alerts: what to raise.
        created: the time they are raised (ISO, UTC).
        notify: a webhook is set: mark each alert `pending` delivery.
    """
    delivery: Delivery = "pending" if notify else "none"
    stored: list[Alert] = []
    for alert in alerts:
        row = store.connection.execute(
            "INSERT INTO alerts (subject_id, subject_name, kind, list, entity_id, entity_name,"
            " score, list_version, version_id, fields, created, status, delivery)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?) RETURNING id",
            (
                alert.subject_id,
                alert.subject_name,
                alert.kind,
                alert.list,
                alert.entity_id,
                alert.entity_name,
                round(alert.score, 4),
                alert.list_version,
                alert.version_id,
                json.dumps(list(alert.fields)),
                created,
                delivery,
            ),
        ).fetchone()
        if row is None:  # pragma: no cover - RETURNING always yields the new row
            raise InputError("the database returned no id for a new alert")
        stored.append(
            Alert(
                alert_id=int(row["id"]),
                subject_id=alert.subject_id,
                subject_name=alert.subject_name,
                kind=alert.kind,
                list=alert.list,
                entity_id=alert.entity_id,
                entity_name=alert.entity_name,
                score=round(alert.score, 4),
                list_version=alert.list_version,
                created=created,
                status="open",
                fields=alert.fields,
                delivery=delivery,
            )
        )
    return stored


def read_alerts(
    store: Store,
    *,
    open_only: bool = False,
    subject_id: str | None = None,
    after_id: int = 0,
    limit: int = MAX_LIMIT,
) -> list[Alert]:
    """Return alerts in the order raised (oldest first), optionally only open ones.

    Args:
        store: the open screening store.
        open_only: only alerts no decision has acknowledged yet.
        subject_id: only this subject's alerts.
        after_id: only alerts numbered above this (to read page by page).
        limit: at most this many, 1 to `MAX_LIMIT`.

    Raises:
        InputError: `limit` is outside 1..MAX_LIMIT.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(
            f"limit {limit} is outside 1..{MAX_LIMIT:,}", hint="Ask for fewer alerts at a time"
        )
    where, params = ["id > ?"], [after_id]
    if open_only:
        where.append("status = 'open'")
    if subject_id is not None:
        where.append("subject_id = ?")
        params.append(subject_id)  # type: ignore[arg-type]
    sql = f"SELECT * FROM alerts WHERE {' AND '.join(where)} ORDER BY id LIMIT ?"
    with closing(store.connection.execute(sql, (*params, limit))) as cursor:
        return [_alert(row) for row in cursor.fetchall()]


def count_open_alerts(store: Store) -> int:
    """Return how many alerts no decision has acknowledged yet."""
    sql = "SELECT count(*) AS n FROM alerts WHERE status = 'open'"
    with closing(store.connection.execute(sql)) as cursor:
        row = cursor.fetchone()
    return int(row["n"]) if row is not None else 0


def candidate_lists(store: Store, subject_id: str, entity_id: str) -> set[str]:
    """Return the lists of the alerts raised for this subject and entity id."""
    rows = store.connection.execute(
        "SELECT DISTINCT list FROM alerts WHERE subject_id = ? AND entity_id = ?",
        (subject_id, entity_id),
    )
    return {row["list"] for row in rows}


def alerted_name(store: Store, subject_id: str, list_name: str, entity_id: str) -> str:
    """Return the entry name of the latest alert on this subject and entry, or ""."""
    row = store.connection.execute(
        "SELECT entity_name FROM alerts WHERE subject_id = ? AND list = ? AND entity_id = ?"
        " ORDER BY id DESC LIMIT 1",
        (subject_id, list_name, entity_id),
    ).fetchone()
    return str(row["entity_name"]) if row is not None else ""


def acknowledge_alerts(store: Store, key: tuple[str, str, str], decision_id: int) -> int:
    """Acknowledge the open alerts of (subject id, list, entity id) with a decision.

    Call inside a transaction. Returns how many alerts it closed.
    """
    subject_id, list_name, entity_id = key
    row = store.connection.execute(
        "SELECT count(*) AS n FROM alerts WHERE status = 'open'"
        " AND subject_id = ? AND list = ? AND entity_id = ?",
        key,
    ).fetchone()
    store.connection.execute(
        "UPDATE alerts SET status = 'acknowledged', decision_id = ?"
        " WHERE status = 'open' AND subject_id = ? AND list = ? AND entity_id = ?",
        (decision_id, subject_id, list_name, entity_id),
    )
    return int(row["n"]) if row is not None else 0


def pending_alerts(store: Store, *, limit: int = 1000) -> list[Alert]:
    """Return alerts waiting for webhook delivery, oldest first."""
    sql = "SELECT * FROM alerts WHERE delivery = 'pending' ORDER BY id LIMIT ?"
    with closing(store.connection.execute(sql, (limit,))) as cursor:
        return [_alert(row) for row in cursor.fetchall()]


def record_delivery(store: Store, alert_id: int, *, delivered: bool, error: str = "") -> None:
    """Count one delivery attempt of an alert: done, or failed with `error` (one line)."""
    with store.transaction():
        store.connection.execute(
            "UPDATE alerts SET delivery_attempts = delivery_attempts + 1, delivery_error = ?,"
            " delivery = ? WHERE id = ?",
            (error[:500], "delivered" if delivered else "pending", alert_id),
        )
