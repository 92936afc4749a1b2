"""Reviewed decisions: an analyst's verdict on one candidate of one subject, and its effect.

`record_decision` is the one function that writes the `decisions` table. The table is
append-only: a new decision on the same subject and entry is a new row, and the latest row
is in force. A decision records the fingerprint of the list entry as it was reviewed
(`diff.entity_fingerprint`), and applies only while the entry still says the same: once the
list changes the entry, the candidate is open again.

A decision applies to the subject with the same id and the same name (whitespace and case
aside): a batch row or monitored subject with that id. Renaming a subject, or reusing its id
for another name, screens it afresh.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from typing import cast

from yalu.core.errors import InputError, NotFoundError
from yalu.models.screening import VERDICTS, Decision, Entity, Match, Query, Verdict
from yalu.screening.alerts import acknowledge_alerts, alerted_name, candidate_lists
from yalu.screening.codec import decode_entity
from yalu.screening.database import Row
from yalu.screening.diff import comparable_text, entity_fingerprint
from yalu.screening.store import Store
from yalu.screening.subjects import MAX_ID_CHARS, delete_match, get_subject

MAX_REASON_CHARS = 2000
"""Longest reason accepted."""
_CHUNK = 500
_AUDIT_BATCH = 200


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    """One stored decision.

    Attributes:
        entity_digest: the entry's fingerprint when reviewed ("" if it was off the list).
        acknowledged: open alerts this decision closed when recorded.
    """

    id: int
    subject_id: str
    subject_name: str
    list: str
    entity_id: str
    entity_name: str
    entity_digest: str
    verdict: Verdict
    reason: str
    by: str
    at: str
    acknowledged: int = 0

    @property
    def key(self) -> tuple[str, str, str]:
        """Return (subject id, list, entity id)."""
        return (self.subject_id, self.list, self.entity_id)

    @property
    def decision(self) -> Decision:
        """Return the decision as screening results show it."""
        return Decision(self.verdict, self.reason, self.by, self.at)

    def to_json(self) -> dict[str, object]:
        """Return the decision as `yalu monitor decisions --format json` and the API give it."""
        return {
            "decision_id": self.id,
            "subject_id": self.subject_id,
            "subject_name": self.subject_name,
            "list": self.list,
            "entity_id": self.entity_id,
            "entity_name": self.entity_name,
            "verdict": self.verdict,
            "reason": self.reason,
            "by": self.by,
            "at": self.at,
        }


def _record(row: Row) -> DecisionRecord:
    return DecisionRecord(
        id=int(row["id"]),
        subject_id=row["subject_id"],
        subject_name=row["subject_name"],
        list=row["list"],
        entity_id=row["entity_id"],
        entity_name=row["entity_name"],
        entity_digest=row["entity_digest"],
        verdict=cast(Verdict, row["verdict"]),
        reason=row["reason"],
        by=row["decided_by"],
        at=row["decided_at"],
    )


def check_verdict(verdict: str) -> Verdict:
    """Return `verdict` when it is one of VERDICTS.

    Raises:
        InputError: it is not.
    """
    if verdict not in VERDICTS:
        raise InputError(f"unknown verdict '{verdict}'", hint="Use " + " or ".join(VERDICTS))
    return cast(Verdict, verdict)


def _check_text(value: str, what: str, most: int) -> str:
    text = " ".join(value.split())
    if not text:
        raise InputError(f"the {what} is empty", hint=f"Give the {what}")
    if len(text) > most:
        raise InputError(
            f"the {what} is {len(text):,} characters long",
            hint=f"Keep it to {most:,} characters",
        )
    return text


def active_entries(store: Store, entity_id: str) -> list[Entity]:
    """Return the entries with this id on the active version of every list."""
    rows = store.connection.execute(
        "SELECT e.data FROM entities e JOIN list_versions v ON v.id = e.version_id"
        " WHERE v.is_active = 1 AND e.entity_id = ? ORDER BY v.source, e.position",
        (entity_id,),
    )
    return [decode_entity(json.loads(row["data"])) for row in rows]


def _like(text: str) -> str:
    """Return a LIKE pattern finding `text` anywhere, escaped with backslashes."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def screened_subject(store: Store, subject_id: str, entity_id: str) -> tuple[str, set[str]]:
    """Return the name and candidate lists of the newest screening of this id with this entry.

    Returns ("", set()) when the audit trail holds no such screening.
    """
    pattern = _like(f'"entity_id": {json.dumps(entity_id, ensure_ascii=False)}')
    below: int | None = None
    while True:
        bound, params = ("", ()) if below is None else (" AND id < ?", (below,))
        sql = (
            "SELECT id, query, results FROM screenings WHERE results LIKE ? ESCAPE '\\'"
            f"{bound} ORDER BY id DESC LIMIT ?"
        )
        with closing(store.connection.execute(sql, (pattern, *params, _AUDIT_BATCH))) as cur:
            rows = cur.fetchall()
        if not rows:
            return "", set()
        below = int(rows[-1]["id"])
        for row in rows:
            query = json.loads(row["query"])
            if query.get("id") != subject_id:
                continue
            lists = {r["list"] for r in json.loads(row["results"]) if r["entity_id"] == entity_id}
            if lists:
                return str(query.get("name", "")), lists


def record_decision(
    store: Store,
    *,
    subject_id: str,
    entity_id: str,
    verdict: str,
    reason: str,
    by: str,
    at: str,
    list_name: str | None = None,
) -> DecisionRecord:
    """Record an analyst's verdict on one candidate of one subject, and acknowledge its alerts.

    The subject is a monitored subject with this id, or else the newest screened row (batch
    row, API query) with this id that had this entry among its candidates. A false positive
    also leaves the subject's recorded matches, so it raises no alert until the entry
    changes.

    Args:
        store: the open screening store.
        subject_id: the subject's id (`id` column).
        entity_id: the list entry's id.
        verdict: `false_positive` or `true_match`.
        reason: why, in the analyst's words (at most MAX_REASON_CHARS).
        by: who decides (`cli:<os user>`, an API key's name).
        at: when (ISO time, UTC).
        list_name: the list, needed only when the entry id is on several lists.

    Raises:
        InputError: an unknown verdict, a blank or over-long reason or id, or an entry id on
            several lists without `list_name`.
        NotFoundError: no monitored subject or screening has this id with this entry.
        StoreError: the database failed; nothing was written.
    """
    checked = check_verdict(verdict)
    reason = _check_text(reason, "reason", MAX_REASON_CHARS)
    subject_id = _check_text(subject_id, "subject id", MAX_ID_CHARS)
    entity_id = _check_text(entity_id, "entity id", MAX_ID_CHARS)
    name, lists = _subject_and_lists(store, subject_id, entity_id)
    entries = {entry.source: entry for entry in active_entries(store, entity_id)}
    chosen = _choose_list(subject_id, entity_id, lists, list_name)
    entry = entries.get(chosen)
    digest = entity_fingerprint(entry) if entry is not None else ""
    entity_name = (
        entry.caption if entry is not None else alerted_name(store, subject_id, chosen, entity_id)
    )
    with store.transaction():
        row_id = store.append_chained(
            "decisions",
            {
                "subject_id": subject_id,
                "subject_name": name,
                "list": chosen,
                "entity_id": entity_id,
                "entity_name": entity_name,
                "entity_digest": digest,
                "verdict": checked,
                "reason": reason,
                "decided_by": by,
                "decided_at": at,
            },
        )
        row = store.read_row("decisions", row_id)
        if row is None:  # pragma: no cover - the row was written just above
            raise InputError("the database returned no decision for the new id")
        record = _record(row)
        closed = acknowledge_alerts(store, record.key, record.id)
        if checked == "false_positive":
            delete_match(store, record.key)
    return replace(record, acknowledged=closed)


def _subject_and_lists(store: Store, subject_id: str, entity_id: str) -> tuple[str, set[str]]:
    """Return the subject's name and the lists where it met this entry id."""
    subject = get_subject(store, subject_id)
    if subject is not None:
        lists = candidate_lists(store, subject_id, entity_id)
        lists.update(entry.source for entry in active_entries(store, entity_id))
        if lists:
            return subject.name, lists
    name, lists = screened_subject(store, subject_id, entity_id)
    if not name:
        raise NotFoundError(
            f"no monitored subject or screened row has the id '{subject_id}' "
            f"with the candidate {entity_id}",
            hint="Screen the subject with its id (yalu screen --input, id column) or add it "
            "with `yalu monitor add`, then review a candidate it was shown",
        )
    return name, lists


def _choose_list(subject_id: str, entity_id: str, lists: set[str], wanted: str | None) -> str:
    if wanted:
        if wanted not in lists:
            raise NotFoundError(
                f"subject '{subject_id}' has no candidate {entity_id} on the list {wanted}",
                hint="Use one of " + ", ".join(sorted(lists)),
            )
        return wanted
    if len(lists) > 1:
        raise InputError(
            f"the id {entity_id} is on several lists ({', '.join(sorted(lists))})",
            hint="Say which with --list",
        )
    return next(iter(lists))


def read_decisions(
    store: Store, *, subject_id: str | None = None, limit: int = 1000
) -> list[DecisionRecord]:
    """Return decisions in the order recorded (oldest first), optionally of one subject."""
    where, params = ("WHERE subject_id = ? ", (subject_id,)) if subject_id else ("", ())
    sql = f"SELECT * FROM decisions {where}ORDER BY id LIMIT ?"
    with closing(store.connection.execute(sql, (*params, limit))) as cursor:
        return [_record(row) for row in cursor.fetchall()]


def latest_decisions(
    store: Store,
    *,
    subject_ids: Iterable[str] = (),
    entries: Iterable[tuple[str, str]] = (),
) -> dict[tuple[str, str, str], DecisionRecord]:
    """Return the decision in force per (subject id, list, entity id).

    Args:
        store: the open screening store.
        subject_ids: read the decisions on these subjects...
        entries: ...and those on these (list, entity id) entries.
    """
    statements: list[tuple[str, list[str]]] = []
    for chunk in _chunks(sorted(set(subject_ids))):
        statements.append((f"subject_id IN ({', '.join('?' * len(chunk))})", chunk))
    for list_name, entity_ids in _by_list(entries).items():
        for chunk in _chunks(entity_ids):
            marks = ", ".join("?" * len(chunk))
            statements.append((f"list = ? AND entity_id IN ({marks})", [list_name, *chunk]))
    rows: dict[int, DecisionRecord] = {}
    for where, params in statements:
        for row in store.connection.execute(f"SELECT * FROM decisions WHERE {where}", params):
            rows[int(row["id"])] = _record(row)
    # Later decisions replace earlier ones.
    return {record.key: record for _, record in sorted(rows.items())}


EntryLookup = Callable[[str, str], Entity | None]
"""Returns the current entry of (list, entity id), or None when it is off the list."""


def entry_lookup(entities: Iterable[Entity]) -> EntryLookup:
    """Return a lookup of entries by (list, entity id), built on first use."""
    table: dict[tuple[str, str], Entity] = {}
    source = iter(entities)

    def find(list_name: str, entity_id: str) -> Entity | None:
        if not table:
            for entity in source:
                table.setdefault((entity.source, entity.id), entity)
        return table.get((list_name, entity_id))

    return find


def apply_decisions(
    query: Query,
    matches: Sequence[Match],
    decisions: dict[tuple[str, str, str], DecisionRecord],
    find: EntryLookup,
) -> list[Match]:
    """Return `matches` with each decision in force on this subject applied.

    A decision is in force when it was made for this subject id and name and the entry
    still says what it said then. A false positive is then no match, a true match is one.
    """
    if not decisions or not query.id:
        return list(matches)
    reviewed = []
    name = comparable_text(query.name)
    for match in matches:
        record = decisions.get((query.id, match.list, match.entity_id))
        if record is not None and comparable_text(record.subject_name) == name:
            entry = find(match.list, match.entity_id)
            if entry is not None and entity_fingerprint(entry) == record.entity_digest:
                match = replace(
                    match, decision=record.decision, is_match=record.verdict == "true_match"
                )
        reviewed.append(match)
    return reviewed


def _chunks(items: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield list(items[start : start + _CHUNK])


def _by_list(entries: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for list_name, entity_id in sorted(set(entries)):
        grouped.setdefault(list_name, []).append(entity_id)
    return grouped


Reviewer = Callable[[Query, Sequence[Match]], list[Match]]
"""Applies the decisions in force to one query's candidates."""


def decision_reviewer(
    store: Store | None, entities: Sequence[Entity], queries: Sequence[Query]
) -> Reviewer:
    """Return what applies the decisions on `queries` (by id) to their candidates.

    Args:
        store: where decisions are; None (list files, no store) applies none.
        entities: the entries screened against, to tell whether a reviewed one changed.
        queries: the queries about to be screened.
    """
    if store is None:
        return lambda query, matches: list(matches)
    decisions = latest_decisions(store, subject_ids=[query.id for query in queries if query.id])
    find = entry_lookup(entities)
    return lambda query, matches: apply_decisions(query, matches, decisions, find)
