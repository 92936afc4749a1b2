"""The audit trail of goods and supply verdicts: one stored row per shipment line or supplier.

`yalu goods check`, `yalu supply check` and `POST /goods/check` screen each party (written
to the screening trail by `audit.add_screenings`) and then give each line or supplier a
verdict. `add_verdicts` writes those verdicts, with the list versions and the rulebook they
were decided with, in one transaction, before they are shown: a verdict is shown only once
its row is durable.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, cast

from yalu.core.errors import InputError
from yalu.models.audit import ListUsed
from yalu.screening.codec import decode_list_used, encode_list_used
from yalu.screening.store import Store

VerdictKind = Literal["shipment", "supplier"]
"""A shipment line (`goods check`) or a supplier (`supply check`)."""


@dataclass(frozen=True, slots=True)
class VerdictRecord:
    """One stored verdict.

    Attributes:
        file: the file checked (its name), or `lines` for JSON sent to the API.
        line: the line of that file the shipment or supplier came from.
        subject: the shipment line's or the supplier's id.
        details: the verdict as the JSON output shows it (reasons or signals, cited rules,
            list hits).
        list_versions: the list versions the parties were screened against, as in
            `screenings.list_versions`.
        rules_version: the rulebook (or labour-exposure data) version.
    """

    id: int
    checked_at: str
    actor: str
    kind: VerdictKind
    file: str
    line: int
    subject: str
    verdict: str
    details: dict[str, Any]
    list_versions: tuple[ListUsed, ...]
    rules_version: str


def add_verdicts(
    store: Store,
    verdicts: Iterable[dict[str, Any]],
    *,
    kind: VerdictKind,
    file: str,
    list_versions: Sequence[ListUsed],
    rules_version: str,
    actor: str,
    checked_at: str | None = None,
) -> int:
    """Append one chained row per verdict in one transaction; return how many were written.

    Args:
        store: the open screening store.
        verdicts: JSON objects with at least `id`, `line` and `verdict`, as
            `formats.shipments.verdict_to_dict` and `formats.suppliers.exposure_to_dict`
            return them.
        kind: "shipment" or "supplier".
        file: the file checked (its name), or `lines` for JSON sent to the API.
        list_versions: the lists the parties were screened against
            (`service.lists_used`).
        rules_version: the rulebook's or labour data's version.
        actor: who checked (`cli:<user>`, or the API caller).
        checked_at: ISO time in UTC; now by default.

    Raises:
        StoreError: the database failed; no row was written.
    """
    when = checked_at or datetime.now(UTC).isoformat(timespec="seconds")
    used = json.dumps([encode_list_used(item) for item in list_versions], ensure_ascii=False)
    written = 0
    with store.transaction():
        for item in verdicts:
            store.append_chained(
                "goods_verdicts",
                {
                    "checked_at": when,
                    "actor": actor,
                    "kind": kind,
                    "file": file,
                    "line": int(item.get("line") or 0),
                    "subject": str(item["id"]),
                    "verdict": str(item["verdict"]),
                    "details": json.dumps(item, ensure_ascii=False),
                    "list_versions": used,
                    "rules_version": rules_version,
                },
            )
            written += 1
    return written


def read_verdicts(
    store: Store, limit: int = 100, *, kind: VerdictKind | None = None
) -> list[VerdictRecord]:
    """Return the latest stored verdicts, newest first, optionally of one kind.

    Raises:
        InputError: `limit` is below 1.
    """
    if limit < 1:
        raise InputError(f"limit {limit} is below 1", hint="Ask for at least one verdict")
    where, params = ("WHERE kind = ? ", (kind,)) if kind else ("", ())
    rows = store.connection.execute(
        f"SELECT * FROM goods_verdicts {where}ORDER BY id DESC LIMIT ?", (*params, limit)
    ).fetchall()
    return [
        VerdictRecord(
            id=row["id"],
            checked_at=row["checked_at"],
            actor=row["actor"],
            kind=cast(VerdictKind, row["kind"]),
            file=row["file"],
            line=row["line"],
            subject=row["subject"],
            verdict=row["verdict"],
            details=json.loads(row["details"]),
            list_versions=tuple(
                decode_list_used(item) for item in json.loads(row["list_versions"])
            ),
            rules_version=row["rules_version"],
        )
        for row in rows
    ]
