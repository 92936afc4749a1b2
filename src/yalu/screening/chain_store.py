"""The store's chained, append-only tables: write a row and its chain link in one step.

`Store` inherits these methods. Call them inside `Store.transaction()` so the row and its
link commit together; the chain is locked for the rest of the transaction (a PostgreSQL
advisory lock; SQLite's `BEGIN IMMEDIATE` already serialises writers), so two processes
never link to the same previous link.

To put a new table in the trail (decisions, goods verdicts...):

    with store.transaction():
        row_id = store.append_chained("decisions", {"subject_id": ..., "actor": ..., ...})

and add the table's name to `chain.CHAINED_TABLES`. The table needs an integer `id`
primary key; every column written is covered by the hash, so write each row once and never
update it (a column that must change later is left out, as `is_active` of list versions).

To delete a chained row on purpose (pruning old list versions and their entities), retire
it first, in the same transaction:

    with store.transaction():
        store.retire_chained("list_versions", version_id, actor=..., reason="pruned")
        ... DELETE the row (and its entities) ...

The retirement is itself a chained row, so `verify_trail` accepts the row's absence (and its
missing entities) and still catches a retirement added or removed behind yalu's back.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime

from yalu.core.errors import StoreError
from yalu.screening.chain import (
    GENESIS,
    ChainLink,
    Value,
    check_identifier,
    content_sha256,
)
from yalu.screening.database import Database, Row

_CHAIN_COLUMNS = (
    "seq, record_table, record_id, columns, content_sha256, previous_sha256, link_sha256"
)


def link_from_row(row: Row) -> ChainLink:
    """Return the `ChainLink` of a `trail_chain` row (fields as stored, not re-checked)."""
    return ChainLink(
        seq=int(row["seq"]),
        table=str(row["record_table"]),
        record_id=int(row["record_id"]),
        columns=tuple(str(row["columns"]).split(",")),
        content_sha256=str(row["content_sha256"]),
        previous_sha256=str(row["previous_sha256"]),
        link_sha256=str(row["link_sha256"]),
    )


class ChainedTables:
    """Append rows to chained tables and read them and their links back."""

    _db: Database
    _chain_tip: ChainLink | None = None
    """The last link this connection wrote in the current transaction (it holds the lock)."""
    _in_chain_transaction: bool = False

    @contextmanager
    def chain_transaction(self) -> Iterator[None]:
        """Mark a write transaction (`Store.transaction`): its appends may reuse their tip."""
        self._in_chain_transaction, self._chain_tip = True, None
        try:
            yield
        finally:
            self._in_chain_transaction, self._chain_tip = False, None

    def transaction(self) -> AbstractContextManager[None]:  # pragma: no cover - Store's
        """Run the block in one write transaction (defined by `Store`)."""
        raise NotImplementedError

    def append_chained(self, table: str, values: Mapping[str, Value]) -> int:
        """Insert one row into `table` and link it into the chain; call inside a transaction.

        Args:
            table: a table with an integer `id` primary key.
            values: the columns to write (all of them covered by the chain), by name.

        Returns:
            the new row's id.

        Raises:
            StoreError: the database failed.
            ValueError: a table or column name is not a plain identifier.
        """
        names = [check_identifier(name) for name in values]
        marks = ", ".join("?" for _ in names)
        inserted = self._db.execute(
            f"INSERT INTO {check_identifier(table)} ({', '.join(names)})"
            f" VALUES ({marks}) RETURNING id",
            tuple(values.values()),
        ).fetchone()
        if inserted is None:  # pragma: no cover - RETURNING always yields the new row
            raise StoreError(f"the database returned no id for the new {table} row")
        row_id = int(inserted["id"])
        self.chain_row(table, row_id, columns=names)
        return row_id

    def chain_row(
        self, table: str, row_id: int, *, columns: Sequence[str] | None = None
    ) -> ChainLink:
        """Link the row `row_id` of `table`, as it is now, at the head of the chain.

        Call inside the transaction that wrote the row.

        Args:
            table: the row's table.
            row_id: its `id`.
            columns: the columns to cover; None covers every column except `id`.

        Returns:
            the new link.

        Raises:
            StoreError: the row does not exist, or the database failed.
        """
        row = self.read_row(table, row_id)
        if row is None:
            raise StoreError(f"cannot chain {table} row {row_id}: it does not exist")
        names = (
            [check_identifier(name) for name in columns]
            if columns is not None
            else [str(name) for name in row.keys() if name != "id"]  # noqa: SIM118 (sqlite3.Row)
        )
        head = self._chain_tip
        if head is None:
            self._db.lock_chain()
            head = self.chain_head()
        link = ChainLink.make(
            seq=head.seq + 1 if head is not None else 1,
            table=table,
            record_id=row_id,
            columns=names,
            content_sha256=content_sha256(row, names),
            previous_sha256=head.link_sha256 if head is not None else GENESIS,
        )
        self._db.execute(
            f"INSERT INTO trail_chain ({_CHAIN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                link.seq,
                link.table,
                link.record_id,
                ",".join(link.columns),
                link.content_sha256,
                link.previous_sha256,
                link.link_sha256,
            ),
        )
        if self._in_chain_transaction:  # the lock is held until the transaction ends
            self._chain_tip = link
        return link

    def chain_head(self) -> ChainLink | None:
        """Return the last link of the chain, or None when the chain is empty."""
        row = self._db.execute(
            f"SELECT {_CHAIN_COLUMNS} FROM trail_chain ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        return link_from_row(row) if row is not None else None

    def chain_links(self, *, after_seq: int = 0, limit: int = 1000) -> list[ChainLink]:
        """Return up to `limit` links after `after_seq`, in chain order."""
        rows = self._db.execute(
            f"SELECT {_CHAIN_COLUMNS} FROM trail_chain WHERE seq > ? ORDER BY seq LIMIT ?",
            (after_seq, limit),
        ).fetchall()
        return [link_from_row(row) for row in rows]

    def chain_link_of(self, table: str, row_id: int) -> ChainLink | None:
        """Return the link covering row `row_id` of `table`, or None."""
        row = self._db.execute(
            f"SELECT {_CHAIN_COLUMNS} FROM trail_chain WHERE record_table = ? AND record_id = ?",
            (table, row_id),
        ).fetchone()
        return link_from_row(row) if row is not None else None

    def chain_link_by_hash(self, link_sha256: str) -> ChainLink | None:
        """Return the link whose `link_sha256` is this (a head published earlier), or None."""
        row = self._db.execute(
            f"SELECT {_CHAIN_COLUMNS} FROM trail_chain WHERE link_sha256 = ?", (link_sha256,)
        ).fetchone()
        return link_from_row(row) if row is not None else None

    def unchained_ids(self, table: str, *, limit: int = 100) -> list[int]:
        """Return the ids of rows of `table` that no link covers (at most `limit`, by id)."""
        name = check_identifier(table)
        rows = self._db.execute(
            f"SELECT id FROM {name} t WHERE NOT EXISTS (SELECT 1 FROM trail_chain c"
            " WHERE c.record_table = ? AND c.record_id = t.id) ORDER BY id LIMIT ?",
            (table, limit),
        ).fetchall()
        return [int(row["id"]) for row in rows]

    def read_row(self, table: str, row_id: int) -> Row | None:
        """Return the row `row_id` of `table`, or None."""
        return self._db.execute(
            f"SELECT * FROM {check_identifier(table)} WHERE id = ?", (row_id,)
        ).fetchone()

    def read_rows(self, table: str, ids: Sequence[int]) -> dict[int, Row]:
        """Return the rows of `table` with these ids (missing ones left out), by id."""
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        rows = self._db.execute(
            f"SELECT * FROM {check_identifier(table)} WHERE id IN ({marks})", tuple(ids)
        ).fetchall()
        return {int(row["id"]): row for row in rows}

    def read_latest(self, table: str, *, below_id: int | None, limit: int) -> list[Row]:
        """Return up to `limit` rows of `table`, newest (highest id) first, below `below_id`."""
        name = check_identifier(table)
        if below_id is None:
            return self._db.execute(
                f"SELECT * FROM {name} ORDER BY id DESC LIMIT ?", (limit,)
            ).fetchall()
        return self._db.execute(
            f"SELECT * FROM {name} WHERE id < ? ORDER BY id DESC LIMIT ?", (below_id, limit)
        ).fetchall()

    def retire_chained(self, table: str, row_id: int, *, actor: str, reason: str) -> int:
        """Record that row `row_id` of `table` is deleted on purpose; call before deleting it.

        Args:
            table: the chained row's table.
            row_id: its id.
            actor: who retires it (`cli:<os user>` or a key's name).
            reason: why, in a few words (`pruned: keep 3 versions`).

        Returns:
            the id of the retirement row (itself chained).

        Raises:
            StoreError: the row was never chained, was already retired, or the database
                failed.
        """
        if self.chain_link_of(table, row_id) is None:
            raise StoreError(f"cannot retire {table} row {row_id}: it is not in the chain")
        return self.append_chained(
            "trail_retirements",
            {
                "record_table": check_identifier(table),
                "record_id": row_id,
                "retired_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "actor": actor,
                "reason": reason,
            },
        )

    def retired_rows(self) -> set[tuple[str, int]]:
        """Return `(table, id)` of every row retired with `retire_chained`."""
        rows = self._db.execute("SELECT record_table, record_id FROM trail_retirements")
        return {(str(row["record_table"]), int(row["record_id"])) for row in rows}

    def adopt_unchained(self, tables: Mapping[str, Sequence[str] | None]) -> int:
        """Link every row of `tables` that has no link yet, table by table, by id.

        Used once, when the chain starts on a database that already holds rows; they are
        vouched for as they are at that moment.

        Args:
            tables: each table, with the columns to cover (None: every column but `id`).

        Returns:
            how many rows were linked.
        """
        count = 0
        for table, columns in tables.items():
            for row_id in _all_ids(self._db, table):
                if self.chain_link_of(table, row_id) is None:
                    self.chain_row(table, row_id, columns=columns)
                    count += 1
        return count


def _all_ids(db: Database, table: str) -> Iterator[int]:
    rows = db.execute(f"SELECT id FROM {check_identifier(table)} ORDER BY id").fetchall()
    for row in rows:
        yield int(row["id"])
