"""The screening store: list versions, their entities, the index cache and the audit trail.

SQLite by default (`sqlite:///PATH`), PostgreSQL for server deployments
(`postgresql://USER:PASSWORD@HOST:PORT/DBNAME`, with the `postgres` extra); `database.py` holds
every difference between the two, so the SQL here is written once, with `?` placeholders. The
schema is versioned by a tiny `schema_migrations` table: each entry of `MIGRATIONS` runs once,
in order. ("Migrations" here means database schema changes, which is why the simulation engine
is called `displacement`.)

A list version is written in one transaction and is active only once it is complete; at most
one version per source is active.

Audited rows (list versions, screenings) are written with their link in the tamper-evident
chain (`chain_store.ChainedTables`, which `Store` inherits); API keys live in `api_keys`
(`key_store.KeyTable`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal, cast

from yalu.core.errors import StoreError
from yalu.core.progress import ProgressCallback
from yalu.models.audit import short_version
from yalu.models.screening import Entity
from yalu.screening.chain_store import ChainedTables
from yalu.screening.codec import decode_entity, encode_entity
from yalu.screening.database import (
    Database,
    Row,
    SQLiteDatabase,
    connect,
    describe,
    sqlite_path,
)
from yalu.screening.freshness import Freshness, list_freshness
from yalu.screening.key_store import KeyTable

__all__ = [
    "MIGRATIONS",
    "ListVersion",
    "Obtained",
    "Store",
    "open_store",
    "short_version",
    "sqlite_path",
]

# Access control and the tamper-evident trail (issue 13): who wrote each screening and list
# version, the digest of the matching code and of a version's stored entities, API keys,
# and the hash chain over audited rows. Rows already there join the chain when it starts.
_ACCESS_AND_CHAIN = """
    ALTER TABLE screenings ADD COLUMN actor TEXT NOT NULL DEFAULT '';
    ALTER TABLE screenings ADD COLUMN code_digest TEXT NOT NULL DEFAULT '';
    ALTER TABLE list_versions ADD COLUMN actor TEXT NOT NULL DEFAULT '';
    ALTER TABLE list_versions ADD COLUMN entities_sha256 TEXT NOT NULL DEFAULT '';
    CREATE TABLE trail_chain (
        seq INTEGER PRIMARY KEY,
        record_table TEXT NOT NULL,
        record_id BIGINT NOT NULL,
        columns TEXT NOT NULL,
        content_sha256 TEXT NOT NULL,
        previous_sha256 TEXT NOT NULL UNIQUE,
        link_sha256 TEXT NOT NULL,
        UNIQUE (record_table, record_id)
    );
    CREATE TABLE trail_retirements (
        id INTEGER PRIMARY KEY,
        record_table TEXT NOT NULL,
        record_id BIGINT NOT NULL,
        retired_at TEXT NOT NULL,
        actor TEXT NOT NULL,
        reason TEXT NOT NULL,
        UNIQUE (record_table, record_id)
    );
    CREATE TABLE api_keys (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        key_id TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL,
        secret_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        revoked_at TEXT NOT NULL DEFAULT '',
        revoked_by TEXT NOT NULL DEFAULT ''
    );
    """

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE list_versions (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        version TEXT NOT NULL,
        format TEXT NOT NULL,
        path TEXT NOT NULL,
        loaded_at TEXT NOT NULL,
        entity_count INTEGER NOT NULL,
        is_active INTEGER NOT NULL DEFAULT 0
    );
    CREATE UNIQUE INDEX one_active_version_per_source
        ON list_versions (source) WHERE is_active = 1;
    CREATE TABLE entities (
        version_id INTEGER NOT NULL REFERENCES list_versions (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        entity_id TEXT NOT NULL,
        schema TEXT NOT NULL,
        caption TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (version_id, position)
    );
    CREATE INDEX entities_by_id ON entities (entity_id);
    CREATE TABLE screenings (
        id INTEGER PRIMARY KEY,
        screened_at TEXT NOT NULL,
        query TEXT NOT NULL,
        list_versions TEXT NOT NULL,
        threshold REAL NOT NULL,
        match_limit INTEGER NOT NULL,
        results TEXT NOT NULL
    );
    CREATE TABLE index_cache (
        key TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        data BLOB NOT NULL
    );
    """,
    # Where a version came from, read from the content (issue 11): the publisher's date,
    # the newest entry's date, the content digest, and whether it was loaded or retrieved.
    """
    ALTER TABLE list_versions ADD COLUMN published TEXT NOT NULL DEFAULT '';
    ALTER TABLE list_versions ADD COLUMN newest_entry TEXT NOT NULL DEFAULT '';
    ALTER TABLE list_versions ADD COLUMN digest TEXT NOT NULL DEFAULT '';
    ALTER TABLE list_versions ADD COLUMN obtained TEXT NOT NULL DEFAULT 'loaded';
    """,
    # Monitoring (issue 14): monitored subjects and their current matches, the list version
    # each list's matches were last brought up to, alerts (with their webhook delivery), and
    # reviewed decisions (append-only: the latest row for a subject and entry is in force).
    """
    CREATE TABLE monitored_subjects (
        subject_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        query TEXT NOT NULL,
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL
    );
    CREATE TABLE monitor_matches (
        subject_id TEXT NOT NULL
            REFERENCES monitored_subjects (subject_id) ON DELETE CASCADE,
        list TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        entity_name TEXT NOT NULL,
        entity_digest TEXT NOT NULL,
        score REAL NOT NULL,
        PRIMARY KEY (subject_id, list, entity_id)
    );
    CREATE INDEX monitor_matches_by_entity ON monitor_matches (list, entity_id);
    CREATE TABLE monitor_baselines (
        source TEXT PRIMARY KEY,
        version_id INTEGER NOT NULL
    );
    CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        subject_id TEXT NOT NULL,
        subject_name TEXT NOT NULL,
        kind TEXT NOT NULL,
        list TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        entity_name TEXT NOT NULL,
        score REAL NOT NULL,
        list_version TEXT NOT NULL,
        version_id INTEGER NOT NULL,
        fields TEXT NOT NULL,
        created TEXT NOT NULL,
        status TEXT NOT NULL,
        decision_id INTEGER,
        delivery TEXT NOT NULL,
        delivery_attempts INTEGER NOT NULL DEFAULT 0,
        delivery_error TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX alerts_by_status ON alerts (status);
    CREATE INDEX alerts_by_candidate ON alerts (subject_id, list, entity_id);
    CREATE INDEX alerts_by_delivery ON alerts (delivery);
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        subject_id TEXT NOT NULL,
        subject_name TEXT NOT NULL,
        list TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        entity_name TEXT NOT NULL,
        entity_digest TEXT NOT NULL,
        verdict TEXT NOT NULL,
        reason TEXT NOT NULL,
        decided_by TEXT NOT NULL,
        decided_at TEXT NOT NULL
    );
    CREATE INDEX decisions_by_candidate ON decisions (subject_id, list, entity_id);
    """,
    # Goods and supply verdicts in the audit trail (issue 16): one row per shipment line or
    # supplier, written before the verdict is shown (`verdict_audit.py`).
    """
    CREATE TABLE goods_verdicts (
        id INTEGER PRIMARY KEY,
        checked_at TEXT NOT NULL,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        file TEXT NOT NULL,
        line INTEGER NOT NULL,
        subject TEXT NOT NULL,
        verdict TEXT NOT NULL,
        details TEXT NOT NULL,
        list_versions TEXT NOT NULL,
        rules_version TEXT NOT NULL
    );
    """,
    _ACCESS_AND_CHAIN,
)
"""Schema changes, applied in order; never edit one that has shipped, append a new one."""

_BATCH = 1000

LIST_VERSION_CHAINED = (
    "source",
    "version",
    "format",
    "path",
    "loaded_at",
    "entity_count",
    "published",
    "newest_entry",
    "digest",
    "obtained",
    "actor",
    "entities_sha256",
)
"""The columns of a list version the chain covers: all but `id` and `is_active`, which
changes when another version is activated."""


Obtained = Literal["loaded", "retrieved"]
"""How a version reached the store: `lists load` from a file, or `lists update` online."""


@dataclass(frozen=True, slots=True)
class ListVersion:
    """One loaded version of a list: where it came from and how many entities it holds.

    Attributes:
        version: the content's own label (`ListSnapshot.version`).
        published: the publisher's date printed in the file, "" if it prints none.
        newest_entry: the latest listing or update date of any entry, "" if none.
        digest: SHA-256 (hex) of the content.
        obtained: "loaded" (`lists load`) or "retrieved" (`lists update`), on `loaded_at`.
        actor: who loaded it (`cli:<os user>` or an API key's name); "" before yalu
            recorded it.
        entities_sha256: SHA-256 (hex) of the stored entities, in order (`entities_sha256`).
    """

    id: int
    source: str
    version: str
    format: str
    path: str
    loaded_at: str
    entity_count: int
    is_active: bool
    published: str = ""
    newest_entry: str = ""
    digest: str = ""
    obtained: Obtained = "loaded"
    actor: str = ""
    entities_sha256: str = ""

    @property
    def label(self) -> str:
        """Return what the version is, for people: the publication date, or digest and day.

        `2026-02-27T00:00:09.554Z` for a list that prints its date, else e.g.
        `sha256 2a08fac873a3, loaded 2026-12-04`.
        """
        if self.published:
            return self.version
        return f"{self.version}, {self.obtained} {self.loaded_at[:10]}".strip(", ")

    def freshness(self, *, today: date, max_age_days: int) -> Freshness:
        """Return this version's age on `today` and the warning to show when it is stale."""
        return list_freshness(
            self.source,
            self.published,
            today=today,
            max_age_days=max_age_days,
            newest_entry=self.newest_entry,
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _version(row: Row) -> ListVersion:
    return ListVersion(
        id=row["id"],
        source=row["source"],
        version=row["version"],
        format=row["format"],
        path=row["path"],
        loaded_at=row["loaded_at"],
        entity_count=row["entity_count"],
        is_active=bool(row["is_active"]),
        published=row["published"],
        newest_entry=row["newest_entry"],
        digest=row["digest"],
        obtained=cast(Obtained, row["obtained"]),
        actor=row["actor"],
        entities_sha256=row["entities_sha256"],
    )


class Store(ChainedTables, KeyTable):
    """A connection to the screening database; use `open_store` or `with Store(path)`."""

    def __init__(self, database: Path | Database) -> None:
        """Open (creating if needed) the SQLite file at `path`, or use `database`; migrate it.

        Raises:
            StoreError: the database cannot be created, opened or migrated.
        """
        self._db = SQLiteDatabase(database) if isinstance(database, Path) else database
        self.path = self._db.where
        try:
            self._migrate()
        except StoreError as exc:
            self._db.close()
            reason = describe(exc.__cause__) if exc.__cause__ is not None else exc.problem
            raise StoreError(
                f"cannot open the database: {reason}",
                path=self.path,
                hint=self._db.open_hint,
            ) from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    @property
    def connection(self) -> Database:
        """Return the connection, for modules that own a table (`audit.py`)."""
        return self._db

    @property
    def schema_version(self) -> int:
        """Return how many migrations have been applied."""
        row = self._db.execute("SELECT max(version) AS applied FROM schema_migrations").fetchone()
        return int(row["applied"] or 0) if row is not None else 0

    def _migrate(self) -> None:
        with self._db.schema_lock():
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations"
                " (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            for number, script in enumerate(MIGRATIONS, start=1):
                if number <= self.schema_version:
                    continue
                with self.transaction():
                    self._db.script(script)
                    if script is _ACCESS_AND_CHAIN:
                        self._start_chain()
                    self._db.execute(
                        "INSERT INTO schema_migrations VALUES (?, ?)", (number, _now())
                    )

    def _start_chain(self) -> None:
        """Link the rows written before the chain existed, as they are now."""
        for version in self.versions():
            self._db.execute(
                "UPDATE list_versions SET entities_sha256 = ? WHERE id = ?",
                (self.entities_sha256(version.id), version.id),
            )
        self.adopt_unchained(
            {
                "list_versions": LIST_VERSION_CHAINED,
                "screenings": None,
                "decisions": None,
                "goods_verdicts": None,
            }
        )

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block in one write transaction: commit on success, roll back on any error.

        Raises:
            StoreError: the database failed (locked, disk full, server gone, ...); nothing was
                written.
        """
        try:
            self._db.begin()
        except self._db.errors as exc:
            raise self._db.failure(exc, "write to the database") from exc
        with self.chain_transaction():
            try:
                yield
            except self._db.errors as exc:
                self._db.rollback()
                raise self._db.failure(exc, "write to the database") from exc
            except BaseException:
                self._db.rollback()
                raise
            try:
                self._db.commit()
            except self._db.errors as exc:
                self._db.rollback()
                raise self._db.failure(exc, "commit to the database") from exc

    def add_version(
        self,
        *,
        source: str,
        version: str,
        format: str,
        path: str,
        entities: Iterable[Entity],
        published: str = "",
        newest_entry: str = "",
        digest: str = "",
        obtained: Obtained = "loaded",
        actor: str = "",
        on_progress: ProgressCallback | None = None,
    ) -> ListVersion:
        """Insert a list version and its entities, inactive; call inside `transaction()`.

        `actor` is who loads it (`cli:<os user>` or an API key's name; `ingest` fills it
        in). The version is linked into the audit chain once its entities are written.

        Returns:
            the new version, with its entity count.
        """
        inserted = self._db.execute(
            "INSERT INTO list_versions (source, version, format, path, loaded_at, entity_count,"
            " published, newest_entry, digest, obtained, actor)"
            " VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?) RETURNING id",
            (
                source,
                version,
                format,
                path,
                _now(),
                published,
                newest_entry,
                digest,
                obtained,
                actor,
            ),
        ).fetchone()
        if inserted is None:  # pragma: no cover - RETURNING always yields the new row
            raise StoreError("the database returned no id for the new list version")
        version_id = int(inserted["id"])
        count = 0
        batch: list[tuple[int, int, str, str, str, str]] = []
        content = _EntityDigest()
        for entity in entities:
            data = json.dumps(encode_entity(entity), ensure_ascii=False, separators=(",", ":"))
            row = (version_id, count, entity.id, entity.schema, entity.caption, data)
            batch.append(row)
            content.add(*row[1:])
            count += 1
            if len(batch) == _BATCH:
                self._insert_entities(batch, count, on_progress)
        self._insert_entities(batch, count, on_progress)
        self._db.execute(
            "UPDATE list_versions SET entity_count = ?, entities_sha256 = ? WHERE id = ?",
            (count, content.hexdigest(), version_id),
        )
        self.chain_row("list_versions", version_id, columns=LIST_VERSION_CHAINED)
        return self.version(version_id)

    def _insert_entities(
        self,
        batch: list[tuple[int, int, str, str, str, str]],
        done: int,
        on_progress: ProgressCallback | None,
    ) -> None:
        self._db.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?)", batch)
        batch.clear()
        if on_progress is not None:
            on_progress(done)

    def activate(self, version_id: int) -> ListVersion | None:
        """Make `version_id` the active version of its source; call inside `transaction()`.

        Returns:
            the version it replaces, or None for a first load.
        """
        new = self.version(version_id)
        previous = self.active_version(new.source)
        self._db.execute(
            "UPDATE list_versions SET is_active = 0 WHERE source = ? AND is_active = 1",
            (new.source,),
        )
        self._db.execute("UPDATE list_versions SET is_active = 1 WHERE id = ?", (version_id,))
        return previous

    def version(self, version_id: int) -> ListVersion:
        """Return one list version by id.

        Raises:
            StoreError: no such version.
        """
        row = self._db.execute("SELECT * FROM list_versions WHERE id = ?", (version_id,)).fetchone()
        if row is None:
            raise StoreError(f"list version {version_id} is not in the database", path=self.path)
        return _version(row)

    def active_version(self, source: str) -> ListVersion | None:
        """Return the active version of `source`, or None when it was never loaded."""
        row = self._db.execute(
            "SELECT * FROM list_versions WHERE source = ? AND is_active = 1", (source,)
        ).fetchone()
        return _version(row) if row is not None else None

    def active_versions(self) -> list[ListVersion]:
        """Return the active version of every loaded source, by source name."""
        rows = self._db.execute(
            "SELECT * FROM list_versions WHERE is_active = 1 ORDER BY source"
        ).fetchall()
        return [_version(row) for row in rows]

    def versions(self) -> list[ListVersion]:
        """Return every version ever loaded, newest first."""
        rows = self._db.execute("SELECT * FROM list_versions ORDER BY id DESC").fetchall()
        return [_version(row) for row in rows]

    def entities(self, version_ids: Sequence[int]) -> Iterator[Entity]:
        """Yield the entities of the given versions, in load order."""
        for version_id in version_ids:
            rows = self._db.execute(
                "SELECT data FROM entities WHERE version_id = ? ORDER BY position",
                (version_id,),
            )
            for row in rows:
                yield decode_entity(json.loads(row["data"]))

    def entity_ids(self, version_id: int) -> list[str]:
        """Return the entity ids of a version in load (file) order."""
        rows = self._db.execute(
            "SELECT entity_id FROM entities WHERE version_id = ? ORDER BY position",
            (version_id,),
        ).fetchall()
        return [row["entity_id"] for row in rows]

    def delete_versions(self, version_ids: Sequence[int]) -> None:
        """Delete list versions and their entities; call inside `transaction()`."""
        for version_id in version_ids:
            self._db.execute("DELETE FROM entities WHERE version_id = ?", (version_id,))
            self._db.execute("DELETE FROM list_versions WHERE id = ?", (version_id,))

    def entities_sha256(self, version_id: int) -> str:
        """Return the SHA-256 (hex) of the stored entities of a version, as written.

        Each entity counts with its position, id, schema, caption and stored JSON, so an
        entity changed, removed, added or moved changes the digest.
        """
        content = _EntityDigest()
        rows = self._db.execute(
            "SELECT position, entity_id, schema, caption, data FROM entities"
            " WHERE version_id = ? ORDER BY position",
            (version_id,),
        )
        for row in rows:
            content.add(
                int(row["position"]), row["entity_id"], row["schema"], row["caption"], row["data"]
            )
        return content.hexdigest()

    def read_index_cache(self, key: str) -> bytes | None:
        """Return the cached index bytes stored under `key`, or None."""
        row = self._db.execute("SELECT data FROM index_cache WHERE key = ?", (key,)).fetchone()
        return bytes(row["data"]) if row is not None else None

    def write_index_cache(self, key: str, data: bytes) -> None:
        """Store `data` under `key`, dropping every other cached index."""
        with self.transaction():
            self._db.execute("DELETE FROM index_cache")
            self._db.execute("INSERT INTO index_cache VALUES (?, ?, ?)", (key, _now(), data))


class _EntityDigest:
    """SHA-256 over each entity's stored columns, NUL-separated, in order."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()

    def add(self, position: int, entity_id: str, schema: str, caption: str, data: str) -> None:
        self._hash.update(f"{position}\0{entity_id}\0{schema}\0{caption}\0{data}\0".encode())

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def open_store(database_url: str) -> Store:
    """Open the store named by `database_url`, creating a SQLite file and its folders.

    Args:
        database_url: `sqlite:///PATH`, or `postgresql://USER:PASSWORD@HOST:PORT/DBNAME`
            (also `postgres://`) for a PostgreSQL database, whose tables are created if
            missing.

    Raises:
        ConfigError: the URL is not a supported database URL.
        MissingExtraError: the URL is PostgreSQL and psycopg is not installed.
        StoreError: the database cannot be opened, reached or migrated.
    """
    return Store(connect(database_url))
