"""The screening store: list versions, their entities, the index cache and the audit trail.

SQLite through the standard library (`sqlite:///PATH`). The schema is versioned by a tiny
`schema_migrations` table: each entry of `MIGRATIONS` runs once, in order. ("Migrations" here
means database schema changes, which is why the simulation engine is called `displacement`.)

A list version is written in one transaction and is active only once it is complete; at most
one version per source is active. PostgreSQL is not supported yet.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from yalu.core.errors import ConfigError, StoreError
from yalu.core.progress import ProgressCallback
from yalu.models.screening import Entity
from yalu.screening.codec import decode_entity, encode_entity

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
)
"""Schema changes, applied in order; never edit one that has shipped, append a new one."""

_BATCH = 1000


@dataclass(frozen=True, slots=True)
class ListVersion:
    """One loaded version of a list: where it came from and how many entities it holds."""

    id: int
    source: str
    version: str
    format: str
    path: str
    loaded_at: str
    entity_count: int
    is_active: bool


def sqlite_path(database_url: str) -> Path:
    """Return the file of a `sqlite:///PATH` URL (PATH absolute or relative).

    Raises:
        ConfigError: the URL is PostgreSQL (not supported yet) or not a SQLite URL.
    """
    if database_url.startswith(("postgresql:", "postgres:")):
        raise ConfigError(
            "database_url: PostgreSQL is not supported yet",
            hint="Use a SQLite URL such as sqlite:///yalu.sqlite3 in YALU_DATABASE_URL",
        )
    prefix = "sqlite:///"
    if not database_url.startswith(prefix) or database_url == prefix:
        raise ConfigError(
            f"database_url '{database_url}' is not a SQLite URL",
            hint="Write it as sqlite:///PATH, e.g. sqlite:///yalu.sqlite3",
        )
    return Path(database_url[len(prefix) :]).expanduser()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _version(row: sqlite3.Row) -> ListVersion:
    return ListVersion(
        id=row["id"],
        source=row["source"],
        version=row["version"],
        format=row["format"],
        path=row["path"],
        loaded_at=row["loaded_at"],
        entity_count=row["entity_count"],
        is_active=bool(row["is_active"]),
    )


class Store:
    """A connection to the screening database; use `open_store` or `with Store(path)`."""

    def __init__(self, path: Path) -> None:
        """Open (creating if needed) the SQLite file at `path` and migrate it.

        Raises:
            StoreError: the file cannot be created, opened or migrated.
        """
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=30, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(
                f"cannot open the database: {exc}",
                path=path,
                hint="Check the path and permissions in YALU_DATABASE_URL",
            ) from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """Return the raw connection, for modules that own a table (`audit.py`)."""
        return self._db

    @property
    def schema_version(self) -> int:
        """Return how many migrations have been applied."""
        row = self._db.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def _migrate(self) -> None:
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations"
            " (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        for number, script in enumerate(MIGRATIONS, start=1):
            if number <= self.schema_version:
                continue
            with self.transaction():
                for statement in script.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute("INSERT INTO schema_migrations VALUES (?, ?)", (number, _now()))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block in one write transaction: commit on success, roll back on any error.

        Raises:
            StoreError: SQLite failed (locked, disk full, ...); nothing was written.
        """
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to the database: {exc}", path=self.path) from exc
        try:
            yield
        except sqlite3.Error as exc:
            self._db.execute("ROLLBACK")
            raise StoreError(f"cannot write to the database: {exc}", path=self.path) from exc
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._db.execute("ROLLBACK")
            raise StoreError(f"cannot commit to the database: {exc}", path=self.path) from exc

    def add_version(
        self,
        *,
        source: str,
        version: str,
        format: str,
        path: str,
        entities: Iterable[Entity],
        on_progress: ProgressCallback | None = None,
    ) -> ListVersion:
        """Insert a list version and its entities, inactive; call inside `transaction()`.

        Returns:
            the new version, with its entity count.
        """
        cursor = self._db.execute(
            "INSERT INTO list_versions (source, version, format, path, loaded_at, entity_count)"
            " VALUES (?, ?, ?, ?, ?, 0)",
            (source, version, format, path, _now()),
        )
        version_id = int(cursor.lastrowid or 0)
        count = 0
        batch: list[tuple[int, int, str, str, str, str]] = []
        for entity in entities:
            data = json.dumps(encode_entity(entity), ensure_ascii=False, separators=(",", ":"))
            batch.append((version_id, count, entity.id, entity.schema, entity.caption, data))
            count += 1
            if len(batch) == _BATCH:
                self._insert_entities(batch, count, on_progress)
        self._insert_entities(batch, count, on_progress)
        self._db.execute(
            "UPDATE list_versions SET entity_count = ? WHERE id = ?", (count, version_id)
        )
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
            for (data,) in rows:
                yield decode_entity(json.loads(data))

    def read_index_cache(self, key: str) -> bytes | None:
        """Return the cached index bytes stored under `key`, or None."""
        row = self._db.execute("SELECT data FROM index_cache WHERE key = ?", (key,)).fetchone()
        return bytes(row[0]) if row is not None else None

    def write_index_cache(self, key: str, data: bytes) -> None:
        """Store `data` under `key`, dropping every other cached index."""
        with self.transaction():
            self._db.execute("DELETE FROM index_cache")
            self._db.execute(
                "INSERT INTO index_cache VALUES (?, ?, ?)", (key, _now(), sqlite3.Binary(data))
            )


def open_store(database_url: str) -> Store:
    """Open the store named by `database_url`, creating the file and its folders.

    Raises:
        ConfigError: the URL is not a supported database URL.
        StoreError: the database cannot be opened.
    """
    return Store(sqlite_path(database_url))
