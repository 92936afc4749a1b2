"""The store's `api_keys` table: one row per key, holding a salted hash, never the key.

`Store` inherits these methods; `keys.py` holds the logic (making, checking and revoking
keys) and calls them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from yalu.models.access import Role
from yalu.screening.database import Database, Row


@dataclass(frozen=True, slots=True)
class ApiKey:
    """An API key as stored: its name, public id and role, and who created or revoked it.

    Attributes:
        name: what audit rows record as the actor (`alice`, `batch-job`).
        key_id: the public part of the key (`yalu_<key_id>_<secret>`), shown by `keys list`.
        role: analyst, reviewer, auditor or admin.
        secret_hash: `scrypt$N$r$p$salt$hash` of the secret part (see `keys.hash_secret`).
        created_at: ISO time, UTC.
        created_by: who created it (`cli:<os user>` or a key name).
        revoked_at: ISO time of revocation, "" while the key is active.
        revoked_by: who revoked it, "" while active.
    """

    name: str
    key_id: str
    role: Role
    secret_hash: str
    created_at: str
    created_by: str
    revoked_at: str = ""
    revoked_by: str = ""

    @property
    def is_active(self) -> bool:
        """Return True until the key is revoked."""
        return not self.revoked_at


def _key(row: Row) -> ApiKey:
    return ApiKey(
        name=row["name"],
        key_id=row["key_id"],
        role=cast(Role, row["role"]),
        secret_hash=row["secret_hash"],
        created_at=row["created_at"],
        created_by=row["created_by"],
        revoked_at=row["revoked_at"],
        revoked_by=row["revoked_by"],
    )


class KeyTable:
    """Insert, find, list and revoke API keys."""

    _db: Database

    def insert_key(self, key: ApiKey) -> None:
        """Store a new key (call inside `Store.transaction()`).

        Raises:
            StoreError: the database failed, or the name or key id is taken.
        """
        self._db.execute(
            "INSERT INTO api_keys (name, key_id, role, secret_hash, created_at, created_by)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (key.name, key.key_id, key.role, key.secret_hash, key.created_at, key.created_by),
        )

    def key_by_id(self, key_id: str) -> ApiKey | None:
        """Return the key whose public id is `key_id`, revoked or not."""
        row = self._db.execute("SELECT * FROM api_keys WHERE key_id = ?", (key_id,)).fetchone()
        return _key(row) if row is not None else None

    def key_by_name(self, name: str) -> ApiKey | None:
        """Return the key named `name`, revoked or not."""
        row = self._db.execute("SELECT * FROM api_keys WHERE name = ?", (name,)).fetchone()
        return _key(row) if row is not None else None

    def api_keys(self) -> list[ApiKey]:
        """Return every key, active and revoked, in order of creation."""
        rows = self._db.execute("SELECT * FROM api_keys ORDER BY id").fetchall()
        return [_key(row) for row in rows]

    def mark_key_revoked(self, name: str, *, revoked_at: str, revoked_by: str) -> bool:
        """Revoke the active key `name`; return False when there is no such active key."""
        row = self._db.execute(
            "UPDATE api_keys SET revoked_at = ?, revoked_by = ?"
            " WHERE name = ? AND revoked_at = '' RETURNING id",
            (revoked_at, revoked_by, name),
        ).fetchone()
        return row is not None

    def has_active_key(self) -> bool:
        """Return True when at least one key is not revoked."""
        row = self._db.execute("SELECT 1 AS found FROM api_keys WHERE revoked_at = '' LIMIT 1")
        return row.fetchone() is not None
